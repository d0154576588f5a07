// Compact day and month numbers for the inner loops of the fold. A part of a
// city's fold is touched millions of times; absl::CivilDay is 8 bytes with
// field-wise comparison and normalising arithmetic, a day number is 4 bytes
// compared and subtracted as one int. Converted back at the fold's edges.
#ifndef LEDGER_DOMAIN_DAY_NUMBER_H_
#define LEDGER_DOMAIN_DAY_NUMBER_H_

#include <cstdint>

#include "absl/time/civil_time.h"

namespace ledger {

// Days since 1970-01-01: subtraction is a day count, as for absl::CivilDay.
using DayNumber = int32_t;
// year * 12 + (month - 1): increases by one per month.
using MonthNumber = int32_t;

inline constexpr absl::CivilDay kDayNumberEpoch = absl::CivilDay(1970, 1, 1);

inline DayNumber ToDayNumber(absl::CivilDay day) {
  return static_cast<DayNumber>(day - kDayNumberEpoch);
}
// H. Hinnant's civil_from_days: absl's CivilDay + n normalises year by year,
// which costs far more than this closed form on a fold's hot path.
inline absl::CivilDay ToCivilDay(DayNumber day) {
  const int32_t shifted = day + 719468;
  const int32_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const int32_t day_of_era = shifted - era * 146097;
  const int32_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int32_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int32_t month_index = (5 * day_of_year + 2) / 153;  // 0 = March
  const int32_t day_of_month = day_of_year - (153 * month_index + 2) / 5 + 1;
  const int32_t month = month_index < 10 ? month_index + 3 : month_index - 9;
  const int32_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return absl::CivilDay(year, month, day_of_month);
}

inline MonthNumber ToMonthNumber(absl::CivilMonth month) {
  return static_cast<MonthNumber>(month.year() * 12 + (month.month() - 1));
}
inline absl::CivilMonth ToCivilMonth(MonthNumber month) {
  return absl::CivilMonth(month / 12, month % 12 + 1);
}

// Returns the day number of an event's YYYYMMDD date without building a
// CivilDay (H. Hinnant's days_from_civil). The date must be valid: events are
// checked at import.
inline DayNumber DayNumberFromYyyymmdd(int32_t yyyymmdd) {
  int32_t year = yyyymmdd / 10000;
  const int32_t month = yyyymmdd / 100 % 100;
  const int32_t day = yyyymmdd % 100;
  year -= month <= 2 ? 1 : 0;
  const int32_t era = (year >= 0 ? year : year - 399) / 400;
  const int32_t year_of_era = year - era * 400;
  const int32_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int32_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Returns the month number of an event's YYYYMM period.
inline MonthNumber MonthNumberFromYyyymm(int32_t yyyymm) {
  return (yyyymm / 100) * 12 + (yyyymm % 100 - 1);
}

}  // namespace ledger

#endif  // LEDGER_DOMAIN_DAY_NUMBER_H_
