#include "ledger/calendar.h"

#include "ledger/check.h"

namespace ledger {

WorkCalendar::WorkCalendar(const std::vector<absl::CivilDay>& holidays,
                           const std::vector<absl::CivilDay>& workdays)
    : holidays_(holidays.begin(), holidays.end()),
      workdays_(workdays.begin(), workdays.end()) {}

bool WorkCalendar::IsWorkingDay(absl::CivilDay day) const {
  if (workdays_.contains(day)) return true;
  const absl::Weekday weekday = absl::GetWeekday(day);
  if (weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday) {
    return false;
  }
  return !holidays_.contains(day);
}

absl::CivilDay WorkCalendar::RollToWorkingDay(absl::CivilDay day) const {
  const std::optional<absl::CivilDay> working_day = FindWorkingDayFrom(day);
  LEDGER_CHECK(working_day.has_value(), "no working day within 60 days");
  return *working_day;
}

std::optional<absl::CivilDay> WorkCalendar::FindWorkingDayFrom(absl::CivilDay day) const {
  // The longest run of days off in China is 9 (Spring Festival + weekends);
  // 60 is a generous bound that still catches a calendar of all holidays.
  for (int step = 0; step < 60; ++step, ++day) {
    if (IsWorkingDay(day)) return day;
  }
  return std::nullopt;
}

absl::CivilDay WorkCalendar::AddWorkingDays(absl::CivilDay day,
                                            int working_days) const {
  LEDGER_CHECK(working_days >= 0, "a negative count of working days");
  for (int counted = 0; counted < working_days;) {
    ++day;
    if (IsWorkingDay(day)) ++counted;
  }
  return day;
}

absl::CivilDay DayOfMonthOrLast(absl::CivilMonth month, int day) {
  const absl::CivilDay last_day = absl::CivilDay(month + 1) - 1;
  if (day <= 0 || day > last_day.day()) return last_day;
  return absl::CivilDay(month.year(), month.month(), day);
}

}  // namespace ledger
