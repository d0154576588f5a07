// Commitment letters (承诺书) and their review (R12): every deferral_applied
// in a view, its review deadline, and the grant or rejection that closed it.
// Shared by `status`, `report sla` and `report monthly`. Pure.
#ifndef LEDGER_REPORT_APPLICATIONS_H_
#define LEDGER_REPORT_APPLICATIONS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

struct Application {
  const v1::Event* applied = nullptr;
  std::string_view policy_id;
  absl::CivilDay applied_on;
  absl::CivilMonth first_period;
  absl::CivilMonth last_period;
  absl::CivilDay review_deadline;       // applied_on + review_working_days working days
  const v1::Event* decided = nullptr;   // the grant or rejection that closed it, if any
  std::optional<absl::CivilDay> decided_on;
  bool granted = false;

  bool open() const { return decided == nullptr; }
};

// Returns the review deadline of an application received on `applied_on`
// under `policy` (R12 with R2's working days): the review_working_days-th
// working day strictly after it; `applied_on` itself when the policy sets 0.
absl::CivilDay ReviewDeadline(const Rules& rules, const PolicyRules& policy,
                              absl::CivilDay applied_on);

// Returns the working days d with after < d <= through (0 when through <= after).
int64_t WorkingDaysBetween(const WorkCalendar& calendar, absl::CivilDay after,
                           absl::CivilDay through);

// Returns the applications of `view` (SelectView's fold order) in that
// order. A grant or a rejection of a policy closes every application of the
// policy still open, as import's state checks do (employer_summary.cc). An
// application of a policy the rules lack gets its own date as deadline.
std::vector<Application> CollectApplications(const Rules& rules,
                                             const std::vector<const v1::Event*>& view);

}  // namespace ledger

#endif  // LEDGER_REPORT_APPLICATIONS_H_
