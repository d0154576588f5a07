// The fold's day and month numbers agree with absl's civil time on every day
// the ledger can meet, and well beyond.
#include "ledger/domain/day_number.h"

#include "gtest/gtest.h"

namespace ledger {
namespace {

TEST(DayNumberTest, AgreesWithCivilDayFrom1900To2200) {
  const absl::CivilDay first(1900, 1, 1);
  const absl::CivilDay last(2200, 12, 31);
  int checked = 0;
  for (absl::CivilDay day = first; day <= last; ++day) {
    const DayNumber number = ToDayNumber(day);
    ASSERT_EQ(number, day - absl::CivilDay(1970, 1, 1)) << day;
    ASSERT_EQ(ToCivilDay(number), day) << number;
    const int32_t yyyymmdd =
        static_cast<int32_t>(day.year()) * 10000 + day.month() * 100 + day.day();
    ASSERT_EQ(DayNumberFromYyyymmdd(yyyymmdd), number) << yyyymmdd;
    ++checked;
  }
  EXPECT_EQ(checked, 301 * 365 + 73);  // 73 leap years: 1904..2196 but 2100, and not 2200
}

TEST(DayNumberTest, KnownDays) {
  EXPECT_EQ(ToDayNumber(absl::CivilDay(1970, 1, 1)), 0);
  EXPECT_EQ(ToCivilDay(-1), absl::CivilDay(1969, 12, 31));
  EXPECT_EQ(ToCivilDay(19173), absl::CivilDay(2022, 6, 30));  // 52 years + 13 leap days + 180
  EXPECT_EQ(ToCivilDay(ToDayNumber(absl::CivilDay(2024, 2, 29))), absl::CivilDay(2024, 2, 29));
}

TEST(DayNumberTest, MonthNumbers) {
  EXPECT_EQ(ToMonthNumber(absl::CivilMonth(2022, 1)), 2022 * 12);
  EXPECT_EQ(MonthNumberFromYyyymm(202212), 2022 * 12 + 11);
  EXPECT_EQ(ToCivilMonth(MonthNumberFromYyyymm(202302)), absl::CivilMonth(2023, 2));
}

}  // namespace
}  // namespace ledger
