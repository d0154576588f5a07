// Working days and due dates (R2). A WorkCalendar is immutable after
// construction and safe to share between threads.
#ifndef LEDGER_CALENDAR_H_
#define LEDGER_CALENDAR_H_

#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"

namespace ledger {

class WorkCalendar {
 public:
  WorkCalendar() = default;
  // `holidays`: weekdays that are days off; `workdays`: make-up working days
  // that fall on a weekend.
  WorkCalendar(const std::vector<absl::CivilDay>& holidays,
               const std::vector<absl::CivilDay>& workdays);

  // Returns true for a day in `workdays`, or a Monday-Friday not in `holidays`.
  bool IsWorkingDay(absl::CivilDay day) const;
  // Returns `day` if it is a working day, else the next working day.
  absl::CivilDay RollToWorkingDay(absl::CivilDay day) const;
  // Same, or nullopt when the 60 days from `day` hold no working day (a
  // calendar no real year has).
  std::optional<absl::CivilDay> FindWorkingDayFrom(absl::CivilDay day) const;
  // Returns the n-th working day strictly after `day` (n >= 1).
  absl::CivilDay AddWorkingDays(absl::CivilDay day, int working_days) const;

 private:
  absl::flat_hash_set<absl::CivilDay> holidays_;
  absl::flat_hash_set<absl::CivilDay> workdays_;
};

// Returns day `day` of `month`; 0 or a day past the month's end means the last.
absl::CivilDay DayOfMonthOrLast(absl::CivilMonth month, int day);

}  // namespace ledger

#endif  // LEDGER_CALENDAR_H_
