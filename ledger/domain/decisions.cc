#include "ledger/domain/decisions.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/dates.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/state_checks.h"
#include "ledger/domain/view.h"
#include "ledger/enum_names.h"
#include "ledger/money.h"

namespace ledger {
namespace {

Refusal Refuse(v1::RejectionReason reason, std::string field, std::string detail) {
  return Refusal{reason, std::move(field), std::move(detail)};
}

std::optional<Refusal> CheckEmployerActive(const EmployerSummary& summary, absl::CivilDay date,
                                           bool refuse_after_deregistration) {
  if (!summary.registered_on) {
    return Refuse(v1::UNKNOWN_EMPLOYER, "employer_id",
                  "no employer_registered event for this employer in the ledger");
  }
  if (*summary.registered_on > date) {
    return Refuse(v1::UNKNOWN_EMPLOYER, "effective_date",
                  absl::StrFormat("the employer was registered on %s, after %s",
                                  FormatDate(*summary.registered_on), FormatDate(date)));
  }
  if (refuse_after_deregistration && summary.deregistered_on &&
      *summary.deregistered_on <= date) {
    return Refuse(v1::EMPLOYER_DEREGISTERED, "effective_date",
                  absl::StrFormat("the employer was deregistered on %s",
                                  FormatDate(*summary.deregistered_on)));
  }
  return std::nullopt;
}

std::optional<Refusal> CheckArrears(const Projection& state, absl::CivilMonth first_period,
                                    absl::CivilDay decided_on) {
  std::vector<std::string> owing;
  int64_t owing_fen = 0;
  for (const ObligationRow& row : state.rows) {
    if (row.period >= first_period || row.due_date >= decided_on) continue;
    if (row.outstanding_fen() <= 0) continue;
    owing_fen += row.outstanding_fen();  // <= totals.outstanding_fen, checked by the fold
    owing.push_back(absl::StrFormat("%s %s %s fen outstanding, due %s",
                                    FormatMonth(row.period), ComponentName(row.component),
                                    FormatFen(row.outstanding_fen()),
                                    FormatDate(row.due_date)));
  }
  if (owing.empty()) return std::nullopt;
  std::string detail = owing.front();
  if (owing.size() > 1) {
    detail += absl::StrFormat(" (and %d more row%s; %s fen in all)", owing.size() - 1,
                              owing.size() == 2 ? "" : "s",
                              FormatFen(owing_fen));
  }
  return Refuse(v1::IN_ARREARS, "first_period", detail);
}

std::optional<Refusal> CheckPeriods(const PolicyRules& policy, absl::CivilMonth first,
                                    absl::CivilMonth last) {
  const bool first_allowed = std::find(policy.first_periods.begin(),
                                       policy.first_periods.end(),
                                       first) != policy.first_periods.end();
  const int64_t months = last - first + 1;
  if (first_allowed && first <= last && last <= policy.window_last &&
      months <= policy.max_months) {
    return std::nullopt;
  }
  std::vector<std::string> firsts;
  for (absl::CivilMonth period : policy.first_periods) firsts.push_back(FormatMonth(period));
  return Refuse(v1::PERIODS_OUT_OF_WINDOW, first_allowed ? "last_period" : "first_period",
                absl::StrFormat("%s..%s: policy %s starts at %s, ends by %s, at most %d "
                                "months",
                                FormatMonth(first), FormatMonth(last), policy.policy_id,
                                absl::StrJoin(firsts, " or "),
                                FormatMonth(policy.window_last), policy.max_months));
}

std::optional<Refusal> CheckEntity(const PolicyRules& policy, const EmployerStatus& status) {
  const auto& types = policy.eligible_entity_types;
  if (std::find(types.begin(), types.end(), status.entity_type) == types.end()) {
    return Refuse(v1::ENTITY_NOT_ELIGIBLE, "employer_id",
                  absl::StrFormat("entity type %s is not covered by policy %s",
                                  EntityTypeName(status.entity_type), policy.policy_id));
  }
  const auto& sizes = policy.eligible_size_classes;
  if (status.entity_type == v1::ENTITY_TYPE_ENTERPRISE &&
      std::find(sizes.begin(), sizes.end(), status.size_class) == sizes.end()) {
    return Refuse(v1::ENTITY_NOT_ELIGIBLE, "employer_id",
                  absl::StrFormat("an enterprise of size %s is not covered by policy %s; "
                                  "an employer_reclassified (basis commitment) may "
                                  "reclassify it",
                                  SizeClassName(status.size_class), policy.policy_id));
  }
  return std::nullopt;
}

// R5, in its order. `state` is the fold of the view on the decision date.
std::optional<Refusal> DecideDeferral(const Rules& rules, const Projection& state,
                                      const std::string& policy_id,
                                      absl::CivilMonth first, absl::CivilMonth last,
                                      absl::CivilDay decided_on) {
  const PolicyRules* policy = rules.FindPolicy(policy_id);
  if (policy == nullptr) {
    return Refuse(v1::UNKNOWN_POLICY, "policy_id",
                  absl::StrFormat("no deferral policy \"%s\" in rules version %d", policy_id,
                                  rules.version()));
  }
  const EmployerStatus& status = state.status;
  if (status.deregistered_on && *status.deregistered_on <= decided_on) {
    return Refuse(v1::EMPLOYER_DEREGISTERED, "effective_date",
                  absl::StrFormat("the employer was deregistered on %s",
                                  FormatDate(*status.deregistered_on)));
  }
  const AreaRules* area = rules.FindArea(status.pooling_area);
  if (area == nullptr || !policy->CoversArea(area->code) ||
      area->fund_reserve_months <= policy->min_fund_reserve_months) {
    return Refuse(v1::AREA_NOT_ELIGIBLE, "policy_id",
                  area == nullptr || !policy->CoversArea(area->code)
                      ? absl::StrFormat("policy %s does not cover pooling area %s",
                                        policy_id, status.pooling_area)
                      : absl::StrFormat("pooling area %s's fund covers %d months; policy "
                                        "%s requires more than %d",
                                        area->code, area->fund_reserve_months, policy_id,
                                        policy->min_fund_reserve_months));
  }
  if (auto refusal = CheckEntity(*policy, status)) return refusal;
  if (auto refusal = CheckPeriods(*policy, first, last)) return refusal;
  if (policy->exclude_in_arrears) {
    if (auto refusal = CheckArrears(state, first, decided_on)) return refusal;
  }
  for (const Grant& grant : state.grants) {
    if (grant.policy_id == policy_id && !grant.revoked()) {
      return Refuse(v1::ALREADY_DEFERRED, "policy_id",
                    absl::StrFormat("grant %s of %s..%s is in force", grant.event_id,
                                    FormatMonth(grant.first_period),
                                    FormatMonth(grant.last_period)));
    }
  }
  return std::nullopt;
}

std::optional<Refusal> DecideGrantOrApplication(const Rules& rules,
                                                const std::vector<v1::Event>& history,
                                                const v1::Event& event) {
  const absl::CivilDay decided_on = DecodeDate(event.effective_date_yyyymmdd());
  const std::vector<const v1::Event*> view =
      SelectView(history, decided_on, kKnownAtEverything);
  absl::StatusOr<Projection> state = FoldEmployer(rules, view, decided_on);
  if (!state.ok()) {
    return Refuse(v1::NO_RATE_FOR_PERIOD, "", std::string(state.status().message()));
  }
  const bool granted = event.has_deferral_granted();
  const std::string& policy_id = granted ? event.deferral_granted().policy_id()
                                         : event.deferral_applied().policy_id();
  const int32_t first = granted ? event.deferral_granted().first_period_yyyymm()
                                : event.deferral_applied().first_period_yyyymm();
  const int32_t last = granted ? event.deferral_granted().last_period_yyyymm()
                               : event.deferral_applied().last_period_yyyymm();
  return DecideDeferral(rules, *state, policy_id, DecodeMonth(first), DecodeMonth(last),
                        decided_on);
}

}  // namespace

std::string Refusal::Message() const {
  return absl::StrFormat("%s: %s", v1::RejectionReason_Name(reason), detail);
}

std::optional<Refusal> Decide(const Rules& rules, const EmployerSummary& summary,
                              const std::vector<v1::Event>& history, const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kEmployerRegistered:
      return DecideRegistration(rules, summary, event);
    case v1::Event::kEventReversed:
      return DecideReversal(summary, event);
    default:
      break;
  }
  const bool refuse_after_deregistration =
      event.has_contribution_assessed() || event.has_deferral_granted() ||
      event.has_deferral_applied() || event.has_employer_deregistered();
  const absl::CivilDay date = DecodeDate(event.effective_date_yyyymmdd());
  if (auto refusal = CheckEmployerActive(summary, date, refuse_after_deregistration)) {
    return refusal;
  }
  switch (event.payload_case()) {
    case v1::Event::kContributionAssessed:
      return DecideAssessment(rules, summary, event);
    case v1::Event::kDeferralGranted:
    case v1::Event::kDeferralApplied:
      return DecideGrantOrApplication(rules, history, event);
    case v1::Event::kDeferralRejected:
      return DecideRejection(rules, summary, event);
    case v1::Event::kDeferralRevoked:
      return DecideRevocation(rules, summary, event);
    case v1::Event::kEmployerDeregistered:
      return DecideDeregistration(summary, event);
    default:
      return std::nullopt;
  }
}

}  // namespace ledger
