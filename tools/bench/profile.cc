// Who the employers of the synthetic city are: mostly small and micro
// enterprises, a few large ones, individual businesses, social
// organisations, a few public institutions; which pay on time and which do
// not; who takes the 2022 deferral, who applies, who deregisters.
#include <algorithm>
#include <string>

#include "absl/strings/str_format.h"
#include "tools/bench/employer_sim.h"
#include "tools/bench/rng.h"

namespace ledger_bench {
namespace {

using ledger::v1::EntityType;
using ledger::v1::SizeClass;

// Cumulative weights (per 1000).
constexpr int kAreaWeights[] = {750, 850, 1000};  // 620700, 620721, 370100
constexpr const char* kAreaCodes[] = {"620700", "620721", "370100"};
constexpr int kEntityWeights[] = {780, 880, 920, 930, 950, 960, 970, 990, 1000};
constexpr EntityType kEntityTypes[] = {
    ledger::v1::ENTITY_TYPE_ENTERPRISE,          ledger::v1::ENTITY_TYPE_INDIVIDUAL_BUSINESS,
    ledger::v1::ENTITY_TYPE_SOCIAL_ORGANIZATION, ledger::v1::ENTITY_TYPE_FOUNDATION,
    ledger::v1::ENTITY_TYPE_SOCIAL_SERVICE_AGENCY, ledger::v1::ENTITY_TYPE_LAW_FIRM,
    ledger::v1::ENTITY_TYPE_ACCOUNTING_FIRM,     ledger::v1::ENTITY_TYPE_PUBLIC_INSTITUTION,
    ledger::v1::ENTITY_TYPE_OTHER};
constexpr const char* kEntityWords[] = {"商贸有限公司", "个体工商户", "协会", "基金会",
                                        "社会服务中心", "律师事务所", "会计师事务所",
                                        "事业单位", "其他单位"};
constexpr int kSizeWeights[] = {450, 800, 920, 950, 1000};
constexpr SizeClass kSizes[] = {ledger::v1::SIZE_CLASS_MICRO, ledger::v1::SIZE_CLASS_SMALL,
                                ledger::v1::SIZE_CLASS_MEDIUM, ledger::v1::SIZE_CLASS_LARGE,
                                ledger::v1::SIZE_CLASS_UNKNOWN};
// Raw head counts [lo, hi] by size class (enterprises) and by entity type.
constexpr int kSizeHeads[][2] = {{2, 9}, {10, 60}, {60, 250}, {300, 1500}, {5, 30}};
constexpr int kEntityHeads[][2] = {{0, 0},  {1, 5},  {3, 20},   {2, 10}, {3, 15},
                                   {5, 40}, {5, 30}, {30, 200}, {2, 20}};
constexpr int kPersonaWeights[] = {780, 860, 930, 960, 980, 1000};

const ledger::PolicyRules* PolicyFor(const ledger::Rules& rules, const std::string& area) {
  for (const auto& policy : rules.rule_set().deferral_policies()) {
    const ledger::PolicyRules* compiled = rules.FindPolicy(policy.policy_id());
    if (compiled != nullptr && compiled->CoversArea(area)) return compiled;
  }
  return nullptr;
}

bool Eligible(const EmployerProfile& p, SizeClass size) {
  if (p.policy == nullptr || p.area->fund_reserve_months <= p.policy->min_fund_reserve_months) {
    return false;
  }
  const auto& types = p.policy->eligible_entity_types;
  if (std::find(types.begin(), types.end(), p.entity_type) == types.end()) return false;
  if (p.entity_type != ledger::v1::ENTITY_TYPE_ENTERPRISE) return true;
  const auto& sizes = p.policy->eligible_size_classes;
  return std::find(sizes.begin(), sizes.end(), size) != sizes.end();
}

void DrawDeferral(Rng& rng, EmployerProfile& p) {
  const bool eligible = Eligible(p, p.size_class);
  if (eligible) {
    const int64_t draw = rng.Between(0, 999);
    if (draw < 600) {
      p.plan = DeferralPlan::kAutomatic;
    } else if (draw < 650) {
      p.plan = DeferralPlan::kApply;
      p.application_granted = rng.Chance(8000);
    }
  } else if (p.size_class == ledger::v1::SIZE_CLASS_LARGE &&
             Eligible(p, ledger::v1::SIZE_CLASS_MEDIUM) && rng.Chance(3000)) {
    p.plan = DeferralPlan::kReclassifyAndApply;  // a written size commitment
    p.application_granted = rng.Chance(8000);
  }
  if (p.plan == DeferralPlan::kNone) return;
  const int64_t revoke = rng.Between(0, 999);
  if (revoke < 15) {
    p.revocation = Revocation::kWithdrawn;
  } else if (revoke < 20) {
    p.revocation = Revocation::kFalseCommitment;
  }
  const int64_t style = rng.Between(0, 99);
  p.catch_up_style = style < 80 ? 0 : (style < 90 ? 1 : 2);
}

}  // namespace

EmployerProfile DrawProfile(const ledger::Rules& rules, uint64_t seed, uint32_t index) {
  Rng rng = Rng::For(seed, index);
  EmployerProfile p;
  p.index = index;
  p.reference = index == 0;
  const int area_pick = p.reference ? 0 : rng.Pick(kAreaWeights);
  const std::string area_code = kAreaCodes[area_pick];
  p.area = rules.FindArea(area_code);
  p.policy = PolicyFor(rules, area_code);
  const int entity_pick = p.reference ? 0 : rng.Pick(kEntityWeights);
  p.entity_type = kEntityTypes[entity_pick];
  int lo = kEntityHeads[entity_pick][0];
  int hi = kEntityHeads[entity_pick][1];
  if (p.entity_type == ledger::v1::ENTITY_TYPE_ENTERPRISE) {
    const int size_pick = p.reference ? 1 : rng.Pick(kSizeWeights);
    p.size_class = kSizes[size_pick];
    lo = kSizeHeads[size_pick][0];
    hi = kSizeHeads[size_pick][1];
  } else {
    p.size_class = p.entity_type == ledger::v1::ENTITY_TYPE_INDIVIDUAL_BUSINESS
                       ? ledger::v1::SIZE_CLASS_MICRO
                       : ledger::v1::SIZE_CLASS_UNKNOWN;
  }
  p.employees = p.reference ? 50 : rng.Between(lo, hi);
  p.employer_id = absl::StrFormat("91%sMA%08d", area_code, index);
  p.name = absl::StrFormat("%s合成%06d%s", p.area == nullptr ? "" : p.area->name, index,
                           kEntityWords[entity_pick]);
  if (!p.reference && rng.Chance(400)) {  // registers during 2022-2023
    const absl::CivilMonth month = kFirstPeriod + rng.Between(1, 21);
    p.registered_on = absl::CivilDay(month.year(), month.month(), rng.Between(2, 25));
  } else {
    p.registered_on = absl::CivilDay(2005, 1, 1) + rng.Between(0, 6200);  // by 2021-12
  }
  p.persona = p.reference ? Persona::kPunctual : static_cast<Persona>(rng.Pick(kPersonaWeights));
  p.period_filter = !p.reference && rng.Chance(3000);
  if (p.persona == Persona::kDeadbeat) {
    p.stop_paying_month = static_cast<int>(rng.Between(2, 17));
    p.stop_paying_months = static_cast<int>(rng.Between(3, 8));
  }
  DrawDeferral(rng, p);
  if (p.reference) {
    p.plan = DeferralPlan::kAutomatic;
    p.revocation = Revocation::kNone;
    p.catch_up_style = 0;
  }
  const bool quiet = p.persona == Persona::kPunctual || p.persona == Persona::kSplit;
  if (!p.reference && quiet && p.plan == DeferralPlan::kNone &&
      p.registered_on < absl::CivilDay(2022, 1, 1) && rng.Chance(100)) {
    p.deregister_month = static_cast<int>(rng.Between(14, 21));
  }
  p.official_reclassification = !p.reference &&
                                p.entity_type == ledger::v1::ENTITY_TYPE_ENTERPRISE &&
                                rng.Chance(100);
  return p;
}

}  // namespace ledger_bench
