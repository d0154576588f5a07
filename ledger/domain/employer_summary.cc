#include "ledger/domain/employer_summary.h"

#include <algorithm>

#include "ledger/check.h"
#include "ledger/dates.h"

namespace ledger {
namespace {

void EvolveDeferral(EmployerSummary& summary, const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kDeferralApplied:
      ++summary.open_applications[event.deferral_applied().policy_id()];
      break;
    case v1::Event::kDeferralGranted:
      // A decision closes every application of its policy before it.
      summary.open_applications.erase(event.deferral_granted().policy_id());
      summary.grants_in_force[event.deferral_granted().policy_id()].push_back(
          DecodeDate(event.effective_date_yyyymmdd()));
      break;
    case v1::Event::kDeferralRejected:
      summary.open_applications.erase(event.deferral_rejected().policy_id());
      break;
    case v1::Event::kDeferralRevoked: {
      auto found = summary.grants_in_force.find(event.deferral_revoked().policy_id());
      if (found == summary.grants_in_force.end()) break;
      found->second.pop_back();  // a revocation ends the latest grant
      if (found->second.empty()) summary.grants_in_force.erase(found);
      break;
    }
    default:
      break;
  }
}

}  // namespace

void Evolve(EmployerSummary& summary, const v1::Event& event) {
  LEDGER_CHECK(!event.has_event_reversed(), "Evolve takes no reversal: Summarize again");
  summary.event_is_reversal.emplace(event.event_id(), false);
  const absl::CivilDay date = DecodeDate(event.effective_date_yyyymmdd());
  if (event.has_contribution_assessed() || event.has_deferral_applied() ||
      event.has_deferral_granted()) {
    summary.latest_assessment_or_deferral =
        std::max(summary.latest_assessment_or_deferral.value_or(date), date);
  }
  switch (event.payload_case()) {
    case v1::Event::kEmployerRegistered:
      if (!summary.registered_on) {
        summary.registered_on = date;
        summary.registered_by = event.event_id();
        summary.pooling_area = event.employer_registered().pooling_area();
      }
      break;
    case v1::Event::kEmployerDeregistered:
      if (!summary.deregistered_on) summary.deregistered_on = date;
      break;
    case v1::Event::kContributionAssessed: {
      auto& employees = summary.assessed_employees[event.contribution_assessed().period_yyyymm()];
      for (const v1::AssessmentLine& line : event.contribution_assessed().lines()) {
        employees.insert(line.employee_id());
      }
      break;
    }
    default:
      EvolveDeferral(summary, event);
      break;
  }
}

EmployerSummary Summarize(const std::vector<v1::Event>& history) {
  EmployerSummary summary;
  for (const v1::Event& event : history) {
    if (event.has_event_reversed()) {
      summary.reversed_by.emplace(event.event_reversed().reverses_event_id(), event.event_id());
    }
  }
  for (const v1::Event& event : history) {
    if (event.has_event_reversed()) {
      summary.event_is_reversal.emplace(event.event_id(), true);
    } else if (!summary.reversed_by.contains(event.event_id())) {
      Evolve(summary, event);
    } else {
      summary.event_is_reversal.emplace(event.event_id(), false);
    }
  }
  return summary;
}

}  // namespace ledger
