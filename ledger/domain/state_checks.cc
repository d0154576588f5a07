#include "ledger/domain/state_checks.h"

#include "absl/strings/str_format.h"
#include "ledger/dates.h"

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

std::optional<Refusal> DecideRegistration(const Rules& rules, const EmployerSummary& summary,
                                          const v1::Event& event) {
  if (summary.registered_on) {
    return Refuse(v1::DUPLICATE_REGISTRATION, "employer_id",
                  absl::StrFormat("already registered by event %s on %s", summary.registered_by,
                                  FormatDate(*summary.registered_on)));
  }
  const std::string& area = event.employer_registered().pooling_area();
  if (rules.FindArea(area) == nullptr) {
    return Refuse(v1::UNKNOWN_POOLING_AREA, "pooling_area",
                  absl::StrFormat("no pooling area \"%s\" in rules version %d", area,
                                  rules.version()));
  }
  return std::nullopt;
}

std::optional<Refusal> DecideAssessment(const Rules& rules, const EmployerSummary& summary,
                                        const v1::Event& event) {
  const v1::ContributionAssessed& assessed = event.contribution_assessed();
  const AreaRules* area = rules.FindArea(summary.pooling_area);
  const absl::CivilMonth period = DecodeMonth(assessed.period_yyyymm());
  if (area == nullptr || area->RatesFor(period) == nullptr) {
    return Refuse(v1::NO_RATE_FOR_PERIOD, "period",
                  absl::StrFormat("pooling area %s has no contribution rate for %s in "
                                  "rules version %d",
                                  summary.pooling_area, FormatMonth(period), rules.version()));
  }
  auto assessed_before = summary.assessed_employees.find(assessed.period_yyyymm());
  if (assessed_before == summary.assessed_employees.end()) return std::nullopt;
  for (int i = 0; i < assessed.lines_size(); ++i) {
    if (assessed_before->second.contains(assessed.lines(i).employee_id())) {
      return Refuse(v1::EMPLOYEE_ALREADY_ASSESSED, absl::StrFormat("lines[%d].employee_id", i),
                    absl::StrFormat("employee %s is already assessed for %s; a correction "
                                    "reverses the earlier assessment first",
                                    assessed.lines(i).employee_id(), FormatMonth(period)));
    }
  }
  return std::nullopt;
}

std::optional<Refusal> DecideRejection(const Rules& rules, const EmployerSummary& summary,
                                       const v1::Event& event) {
  const std::string& policy_id = event.deferral_rejected().policy_id();
  if (auto refusal = CheckPolicyKnown(rules, policy_id)) return refusal;
  if (summary.open_applications.contains(policy_id)) return std::nullopt;
  return Refuse(v1::NO_PENDING_APPLICATION, "policy_id",
                absl::StrFormat("no open deferral_applied for policy %s to reject", policy_id));
}

std::optional<Refusal> DecideRevocation(const Rules& rules, const EmployerSummary& summary,
                                        const v1::Event& event) {
  const std::string& policy_id = event.deferral_revoked().policy_id();
  if (auto refusal = CheckPolicyKnown(rules, policy_id)) return refusal;
  auto grants = summary.grants_in_force.find(policy_id);
  if (grants == summary.grants_in_force.end()) {
    return Refuse(v1::NO_GRANT_TO_REVOKE, "policy_id",
                  absl::StrFormat("no grant of policy %s in force to revoke", policy_id));
  }
  const absl::CivilDay revoked_on = DecodeDate(event.effective_date_yyyymmdd());
  if (revoked_on < grants->second.back()) {
    return Refuse(v1::NO_GRANT_TO_REVOKE, "effective_date",
                  absl::StrFormat("the grant of policy %s in force is effective %s, after "
                                  "this revocation's %s",
                                  policy_id, FormatDate(grants->second.back()),
                                  FormatDate(revoked_on)));
  }
  return std::nullopt;
}

std::optional<Refusal> DecideReversal(const EmployerSummary& summary, const v1::Event& event) {
  const std::string& target_id = event.event_reversed().reverses_event_id();
  auto target = summary.event_is_reversal.find(target_id);
  if (target == summary.event_is_reversal.end()) {
    return Refuse(v1::UNKNOWN_EVENT, "reverses_event_id",
                  absl::StrFormat("no event %s for this employer in the ledger", target_id));
  }
  if (target->second) {
    return Refuse(v1::REVERSAL_OF_REVERSAL, "reverses_event_id",
                  absl::StrFormat("%s is itself a reversal; a reversal cannot be reversed: "
                                  "enter the fact again instead",
                                  target_id));
  }
  if (auto earlier = summary.reversed_by.find(target_id); earlier != summary.reversed_by.end()) {
    return Refuse(v1::ALREADY_REVERSED, "reverses_event_id",
                  absl::StrFormat("event %s was already reversed by %s", target_id,
                                  earlier->second));
  }
  return std::nullopt;
}

}  // namespace ledger

namespace ledger {

std::optional<Refusal> DecideDeregistration(const EmployerSummary& summary,
                                            const v1::Event& event) {
  const absl::CivilDay deregistered_on = DecodeDate(event.effective_date_yyyymmdd());
  if (summary.latest_assessment_or_deferral &&
      *summary.latest_assessment_or_deferral >= deregistered_on) {
    return Refuse(v1::LATER_FACTS_EXIST, "effective_date",
                  absl::StrFormat("the employer has an assessment or deferral effective %s; "
                                  "a deregistration on %s must come after every one",
                                  FormatDate(*summary.latest_assessment_or_deferral),
                                  FormatDate(deregistered_on)));
  }
  return std::nullopt;
}

}  // namespace ledger
