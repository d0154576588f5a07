// R2 Calendar, periods, due dates: working days, the original due date of a
// period ({month_offset, day}, day 0 / past the end = last day, rolled to a
// working day when the area says so), "N working days after D".
// Every date below is worked out by hand from shared/spec/rules.md and the
// 2022-2023 calendar of the sample rules.
#include "ledger/calendar.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

using absl::CivilDay;
using absl::CivilMonth;

class R2CalendarTest : public FoldTest {
 protected:
  static std::string Due(const Rules& rules, std::string_view area, CivilMonth period) {
    const AreaRules* found = rules.FindArea(area);
    EXPECT_NE(found, nullptr) << area;
    if (found == nullptr) return "";
    return FormatDate(rules.OriginalDueDate(*found, period));
  }
};

constexpr std::string_view kZhangye = "620700";
constexpr std::string_view kJinan = "370100";

TEST_F(R2CalendarTest, R2_WorkingDayIsWorkdayOrWeekdayNotHoliday) {
  const WorkCalendar& calendar = rules_.calendar();
  // 2022-10-08 is a Saturday listed as a make-up workday.
  EXPECT_TRUE(calendar.IsWorkingDay(CivilDay(2022, 10, 8)));
  // 2022-10-03 is a Monday listed as a holiday.
  EXPECT_FALSE(calendar.IsWorkingDay(CivilDay(2022, 10, 3)));
  // 2022-07-30 is an ordinary Saturday; 2022-07-29 an ordinary Friday.
  EXPECT_FALSE(calendar.IsWorkingDay(CivilDay(2022, 7, 30)));
  EXPECT_TRUE(calendar.IsWorkingDay(CivilDay(2022, 7, 29)));
  // 2022-04-24 is a Sunday make-up workday; 2022-12-31 a Saturday holiday.
  EXPECT_TRUE(calendar.IsWorkingDay(CivilDay(2022, 4, 24)));
  EXPECT_FALSE(calendar.IsWorkingDay(CivilDay(2022, 12, 31)));
}

TEST_F(R2CalendarTest, R2_DueDateRollsPastWeekendAndHoliday) {
  // Zhangye due {0, 0}, rolled.
  // 2022-07: 07-31 is a Sunday -> Monday 2022-08-01.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2022, 7)), "2022-08-01");
  // 2022-09: 09-30 is a Friday, a working day: unchanged.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2022, 9)), "2022-09-30");
  // 2022-12: 12-31 (holiday), 2023-01-01, 01-02 (holidays) -> Tuesday 2023-01-03.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2022, 12)), "2023-01-03");
  // 2022-01: 01-31 .. 02-06 are Spring Festival holidays -> Monday 2022-02-07.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2022, 1)), "2022-02-07");
  // 2022-04: 04-30 (Saturday, holiday), 05-01..05-04 holidays -> Thursday 05-05.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2022, 4)), "2022-05-05");
  // The fold uses the same date: July's rows are originally due 2022-08-01.
  SetHistory(
      R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"a12","type":"contribution_assessed","employer_id":"A","effective_date":"2022-12-05","period":"2022-12","lines":[{"employee_id":"E1","base_fen":500000}]})");
  const Projection p = Fold("2023-01-31");
  EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer").due_date), "2022-08-01");
  EXPECT_EQ(FormatDate(Row(p, "2022-12", "employee").due_date), "2023-01-03");
  // And fees start the day after the rolled date: December employer 35 000
  // from 2023-01-04 to 01-31 = 28 days x 5 bp = 4 900 000 units = 490 fen
  // (from the unrolled 12-31 it would be 31 days -> 542.5 -> 543).
  EXPECT_EQ(Row(p, "2022-12", "employer").late_fee_fen, 490);
}

// Rules keep a table of due dates for the 1 200 months from an area's first
// rates (Zhangye: 2021-01 .. 2120-12); a period past it is worked out when
// asked, by the same rule.
TEST_F(R2CalendarTest, R2_DueDatesPastTheTableFollowTheSameRule) {
  // 2120-11-30 is a Saturday (inside the table), 12-01 a Sunday -> Monday 2120-12-02.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2120, 11)), "2120-12-02");
  // 2121-05-31 is a Saturday (past the table), 06-01 a Sunday -> Monday 2121-06-02.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2121, 5)), "2121-06-02");
  // 2122-06-30 is a Tuesday: unchanged.
  EXPECT_EQ(Due(rules_, kZhangye, CivilMonth(2122, 6)), "2122-06-30");
}

TEST_F(R2CalendarTest, R2_WorkingDaysCountStrictlyAfter) {
  // 2022-09-30 + 3: 10-01..10-07 holidays, 10-08 (Sat, workday) 1,
  // 10-09 (Sun, workday) 2, 10-10 (Mon) 3.
  EXPECT_EQ(FormatDate(rules_.AddWorkingDays(CivilDay(2022, 9, 30), 3)), "2022-10-10");
  // 2022-04-29 + 3: 04-30..05-04 holidays, 05-05 1, 05-06 2, 05-07 (Sat, workday) 3.
  EXPECT_EQ(FormatDate(rules_.AddWorkingDays(CivilDay(2022, 4, 29), 3)), "2022-05-07");
  // 2022-08-31 (Wed) + 3: 09-01 1, 09-02 2, weekend, 09-05 (Mon) 3.
  EXPECT_EQ(FormatDate(rules_.AddWorkingDays(CivilDay(2022, 8, 31), 3)), "2022-09-05");
  // Strictly after: a working day D itself is not counted. 2022-09-05 (Mon) + 1 = 09-06.
  EXPECT_EQ(FormatDate(rules_.AddWorkingDays(CivilDay(2022, 9, 5), 1)), "2022-09-06");
  // 2022-10-07 (holiday) + 1 = the Saturday workday 10-08.
  EXPECT_EQ(FormatDate(rules_.AddWorkingDays(CivilDay(2022, 10, 7), 1)), "2022-10-08");
}

TEST_F(R2CalendarTest, R2_DayZeroAndPastMonthEndMeanLastDay) {
  EXPECT_EQ(FormatDate(DayOfMonthOrLast(CivilMonth(2022, 2), 0)), "2022-02-28");
  EXPECT_EQ(FormatDate(DayOfMonthOrLast(CivilMonth(2022, 2), 31)), "2022-02-28");
  EXPECT_EQ(FormatDate(DayOfMonthOrLast(CivilMonth(2022, 2), 29)), "2022-02-28");
  EXPECT_EQ(FormatDate(DayOfMonthOrLast(CivilMonth(2024, 2), 30)), "2024-02-29");
  EXPECT_EQ(FormatDate(DayOfMonthOrLast(CivilMonth(2022, 6), 31)), "2022-06-30");
  EXPECT_EQ(FormatDate(DayOfMonthOrLast(CivilMonth(2022, 6), 29)), "2022-06-29");
  EXPECT_EQ(FormatDate(DayOfMonthOrLast(CivilMonth(2022, 6), 1)), "2022-06-01");
  // Jinan with due {0, 31} (edited): June -> 06-30 (Thu); February -> 02-28
  // (Mon); April -> 04-30 (Sat, holiday) .. 05-04 holidays -> 05-05.
  const Rules rules = EditedRules([](v1::RuleSet& r) { r.mutable_pooling_areas(2)->mutable_due()->set_day(31); });
  EXPECT_EQ(Due(rules, kJinan, CivilMonth(2022, 6)), "2022-06-30");
  EXPECT_EQ(Due(rules, kJinan, CivilMonth(2022, 2)), "2022-02-28");
  EXPECT_EQ(Due(rules, kJinan, CivilMonth(2022, 4)), "2022-05-05");
}

TEST_F(R2CalendarTest, R2_DueDayIsAParameter) {
  // Jinan's sample due {0, 25}: 2022-08-25 (Thu) stays; 2022-09-25 (Sun) ->
  // 09-26 (Mon); 2022-12-25 (Sun) -> 12-26 (Mon).
  EXPECT_EQ(Due(rules_, kJinan, CivilMonth(2022, 8)), "2022-08-25");
  EXPECT_EQ(Due(rules_, kJinan, CivilMonth(2022, 9)), "2022-09-26");
  EXPECT_EQ(Due(rules_, kJinan, CivilMonth(2022, 12)), "2022-12-26");
  // Zhangye edited to {0, 15}: 2022-03-15 is a Tuesday.
  const Rules rules = EditedRules([](v1::RuleSet& r) { r.mutable_pooling_areas(0)->mutable_due()->set_day(15); });
  EXPECT_EQ(Due(rules, kZhangye, CivilMonth(2022, 3)), "2022-03-15");
}

TEST_F(R2CalendarTest, R2_DueMonthOffsetIsAParameter) {
  // Zhangye edited to {1, 15}: 2022-07 -> 2022-08-15 (Mon); 2022-09 ->
  // 2022-10-15 (Sat) -> 10-17 (Mon). {1, 0}: 2022-12 -> 2023-01-31 (Tue).
  const Rules mid = EditedRules([](v1::RuleSet& r) {
    r.mutable_pooling_areas(0)->mutable_due()->set_month_offset(1);
    r.mutable_pooling_areas(0)->mutable_due()->set_day(15);
  });
  EXPECT_EQ(Due(mid, kZhangye, CivilMonth(2022, 7)), "2022-08-15");
  EXPECT_EQ(Due(mid, kZhangye, CivilMonth(2022, 9)), "2022-10-17");
  const Rules end = EditedRules([](v1::RuleSet& r) {
    r.mutable_pooling_areas(0)->mutable_due()->set_month_offset(1);
  });
  EXPECT_EQ(Due(end, kZhangye, CivilMonth(2022, 12)), "2023-01-31");
}

TEST_F(R2CalendarTest, R2_RollDueToWorkingDayIsAParameter) {
  // Not rolled: 2022-07 -> Sunday 07-31 as is; 2022-12 -> 12-31 as is.
  const Rules rules = EditedRules([](v1::RuleSet& r) {
    r.mutable_pooling_areas(0)->set_roll_due_to_working_day(false);
  });
  EXPECT_EQ(Due(rules, kZhangye, CivilMonth(2022, 7)), "2022-07-31");
  EXPECT_EQ(Due(rules, kZhangye, CivilMonth(2022, 12)), "2022-12-31");
}

TEST_F(R2CalendarTest, R2_CalendarIsAParameter) {
  // A holiday added on 2022-08-01 (Mon): July rolls on to 08-02 (Tue).
  const Rules holiday = EditedRules([](v1::RuleSet& r) {
    r.mutable_calendar()->add_holidays("2022-08-01");
  });
  EXPECT_EQ(Due(holiday, kZhangye, CivilMonth(2022, 7)), "2022-08-02");
  // A make-up workday on Sunday 2022-07-31: July is due that day.
  const Rules workday = EditedRules([](v1::RuleSet& r) {
    r.mutable_calendar()->add_workdays("2022-07-31");
  });
  EXPECT_EQ(Due(workday, kZhangye, CivilMonth(2022, 7)), "2022-07-31");
  // Without the 2022-10-08 workday: 09-30 + 3 = 10-09 (Sun, workday) 1,
  // 10-10 2, 10-11 3.
  const Rules no_saturday = EditedRules([](v1::RuleSet& r) {
    auto* days = r.mutable_calendar()->mutable_workdays();
    for (int i = 0; i < days->size(); ++i) {
      if (days->Get(i) == "2022-10-08") {
        days->DeleteSubrange(i, 1);
        break;
      }
    }
  });
  EXPECT_EQ(FormatDate(no_saturday.AddWorkingDays(CivilDay(2022, 9, 30), 3)), "2022-10-11");
}

}  // namespace
}  // namespace ledger::testing
