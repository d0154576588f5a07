// R2 and R6 dates of a compiled rule set: original due dates (tabled per
// area when the rules are compiled) and catch-up dates.
#include <optional>

#include "ledger/calendar.h"
#include "ledger/dates.h"
#include "ledger/rules.h"

namespace ledger {
namespace {

// R2's due date of `period` before any roll to a working day.
absl::CivilDay UnrolledDueDate(const AreaRules& area, absl::CivilMonth period) {
  return DayOfMonthOrLast(period + area.due.month_offset, area.due.day);
}

}  // namespace

absl::CivilDay Rules::OriginalDueDate(const AreaRules& area,
                                      absl::CivilMonth period) const {
  const int64_t index = period - area.due_table_first;
  if (index >= 0 && index < static_cast<int64_t>(area.due_table.size())) {
    return area.due_table[static_cast<size_t>(index)];
  }
  return ComputeOriginalDueDate(area, period);
}

absl::CivilDay Rules::ComputeOriginalDueDate(const AreaRules& area,
                                             absl::CivilMonth period) const {
  const absl::CivilDay due = UnrolledDueDate(area, period);
  return area.roll_due_to_working_day ? calendar_.RollToWorkingDay(due) : due;
}

// From the area's first rates (no earlier period can be assessed) for 100
// years; a later period is computed when asked. The table stops early at a
// month whose due date cannot roll to a working day, so that such a calendar
// fails where a date is asked for, as without the table.
void Rules::FillDueTable(AreaRules& area) const {
  constexpr int kTableMonths = 1200;
  if (area.rates.empty()) return;
  area.due_table_first = area.rates.front().first;
  area.due_table.reserve(kTableMonths);
  for (int i = 0; i < kTableMonths; ++i) {
    const absl::CivilDay due = UnrolledDueDate(area, area.due_table_first + i);
    if (!area.roll_due_to_working_day) {
      area.due_table.push_back(due);
      continue;
    }
    const std::optional<absl::CivilDay> rolled = calendar_.FindWorkingDayFrom(due);
    if (!rolled) return;
    area.due_table.push_back(*rolled);
  }
}

absl::CivilDay Rules::CatchUpDate(const PolicyRules& policy, const AreaRules& area,
                                  absl::CivilMonth last_period) const {
  if (policy.catch_up_deadline) return *policy.catch_up_deadline;
  const absl::CivilDay due = DayOfMonthOrLast(last_period + policy.catch_up_due.month_offset,
                                              policy.catch_up_due.day);
  return area.roll_due_to_working_day ? calendar_.RollToWorkingDay(due) : due;
}

}  // namespace ledger
