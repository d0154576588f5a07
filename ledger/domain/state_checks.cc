#include "ledger/domain/state_checks.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/enum_names.h"

namespace ledger {
namespace {

Refusal Refuse(v1::RejectionReason reason, std::string field, std::string detail) {
  return Refusal{reason, std::move(field), std::move(detail)};
}

std::optional<Refusal> CheckPolicyKnown(const Rules& rules, const std::string& policy_id) {
  if (rules.FindPolicy(policy_id) != nullptr) return std::nullopt;
  return Refuse(v1::UNKNOWN_POLICY, "policy_id",
                absl::StrFormat("no deferral policy \"%s\" in rules version %d", policy_id,
                                rules.version()));
}

}  // namespace

std::optional<Refusal> DecideRegistration(const Rules& rules,
                                          const std::vector<const v1::Event*>& view,
                                          const v1::Event& event) {
  for (const v1::Event* earlier : view) {
    if (earlier->has_employer_registered()) {
      return Refuse(v1::DUPLICATE_REGISTRATION, "employer_id",
                    absl::StrFormat("already registered by event %s on %s",
                                    earlier->event_id(),
                                    FormatDate(DecodeDate(earlier->effective_date_yyyymmdd()))));
    }
  }
  const std::string& area = event.employer_registered().pooling_area();
  if (rules.FindArea(area) == nullptr) {
    return Refuse(v1::UNKNOWN_POOLING_AREA, "pooling_area",
                  absl::StrFormat("no pooling area \"%s\" in rules version %d", area,
                                  rules.version()));
  }
  return std::nullopt;
}

std::optional<Refusal> DecideAssessment(const Rules& rules,
                                        const std::vector<const v1::Event*>& view,
                                        const v1::Event& event) {
  const v1::ContributionAssessed& assessed = event.contribution_assessed();
  std::string_view area_code;
  for (const v1::Event* earlier : view) {
    if (earlier->has_employer_registered()) {
      area_code = earlier->employer_registered().pooling_area();
      break;
    }
  }
  const AreaRules* area = rules.FindArea(area_code);
  const absl::CivilMonth period = DecodeMonth(assessed.period_yyyymm());
  if (area == nullptr || area->RatesFor(period) == nullptr) {
    return Refuse(v1::NO_RATE_FOR_PERIOD, "period",
                  absl::StrFormat("pooling area %s has no contribution rate for %s in "
                                  "rules version %d",
                                  area_code, FormatMonth(period), rules.version()));
  }
  absl::flat_hash_set<std::string_view> assessed_before;
  for (const v1::Event* earlier : view) {
    if (!earlier->has_contribution_assessed() ||
        earlier->contribution_assessed().period_yyyymm() != assessed.period_yyyymm()) {
      continue;
    }
    for (const v1::AssessmentLine& line : earlier->contribution_assessed().lines()) {
      assessed_before.insert(line.employee_id());
    }
  }
  for (int i = 0; i < assessed.lines_size(); ++i) {
    if (assessed_before.contains(assessed.lines(i).employee_id())) {
      return Refuse(v1::EMPLOYEE_ALREADY_ASSESSED, absl::StrFormat("lines[%d].employee_id", i),
                    absl::StrFormat("employee %s is already assessed for %s; a correction "
                                    "reverses the earlier assessment first",
                                    assessed.lines(i).employee_id(), FormatMonth(period)));
    }
  }
  return std::nullopt;
}

std::optional<Refusal> DecideRejection(const Rules& rules,
                                       const std::vector<const v1::Event*>& view,
                                       const v1::Event& event) {
  const std::string& policy_id = event.deferral_rejected().policy_id();
  if (auto refusal = CheckPolicyKnown(rules, policy_id)) return refusal;
  int pending = 0;
  for (const v1::Event* earlier : view) {
    if (earlier->has_deferral_applied() && earlier->deferral_applied().policy_id() == policy_id) {
      ++pending;
    } else if ((earlier->has_deferral_granted() &&
                earlier->deferral_granted().policy_id() == policy_id) ||
               (earlier->has_deferral_rejected() &&
                earlier->deferral_rejected().policy_id() == policy_id)) {
      pending = 0;  // a decision closes every application before it
    }
  }
  if (pending > 0) return std::nullopt;
  return Refuse(v1::NO_PENDING_APPLICATION, "policy_id",
                absl::StrFormat("no open deferral_applied for policy %s to reject", policy_id));
}

std::optional<Refusal> DecideRevocation(const Rules& rules,
                                        const std::vector<const v1::Event*>& view,
                                        const v1::Event& event) {
  const std::string& policy_id = event.deferral_revoked().policy_id();
  if (auto refusal = CheckPolicyKnown(rules, policy_id)) return refusal;
  int unrevoked_grants = 0;
  for (const v1::Event* earlier : view) {
    if (earlier->has_deferral_granted() && earlier->deferral_granted().policy_id() == policy_id) {
      ++unrevoked_grants;
    } else if (earlier->has_deferral_revoked() &&
               earlier->deferral_revoked().policy_id() == policy_id && unrevoked_grants > 0) {
      --unrevoked_grants;
    }
  }
  if (unrevoked_grants > 0) return std::nullopt;
  return Refuse(v1::NO_GRANT_TO_REVOKE, "policy_id",
                absl::StrFormat("no grant of policy %s in force to revoke", policy_id));
}

std::optional<Refusal> DecideReversal(const std::vector<v1::Event>& history,
                                      const v1::Event& event) {
  const std::string& target_id = event.event_reversed().reverses_event_id();
  const v1::Event* target = nullptr;
  for (const v1::Event& earlier : history) {
    if (earlier.event_id() == target_id) target = &earlier;
    if (earlier.has_event_reversed() &&
        earlier.event_reversed().reverses_event_id() == target_id) {
      return Refuse(v1::ALREADY_REVERSED, "reverses_event_id",
                    absl::StrFormat("event %s was already reversed by %s", target_id,
                                    earlier.event_id()));
    }
  }
  if (target == nullptr) {
    return Refuse(v1::UNKNOWN_EVENT, "reverses_event_id",
                  absl::StrFormat("no event %s for this employer in the ledger", target_id));
  }
  if (target->has_event_reversed()) {
    return Refuse(v1::REVERSAL_OF_REVERSAL, "reverses_event_id",
                  absl::StrFormat("%s is itself a reversal; a reversal cannot be reversed: "
                                  "enter the fact again instead",
                                  target_id));
  }
  return std::nullopt;
}

}  // namespace ledger
