// R12, the commitment-letter review: the deadline is A + review_working_days
// (3) working days (R2), and `report sla` lists what is open after it and
// what was decided after it, in working days.
#include <map>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "ledger/dates.h"
#include "ledger/report/applications.h"
#include "ledger/report/sla.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

TEST(ReviewDeadlineTest, R12_ThreeWorkingDaysAcrossHolidays) {
  const Rules rules = ExampleRules();
  const PolicyRules& policy = *rules.FindPolicy("gs-2022");
  // R2's examples: 10-01..10-07 holidays, 10-08 and 10-09 make-up workdays.
  EXPECT_EQ(ReviewDeadline(rules, policy, absl::CivilDay(2022, 9, 30)),
            absl::CivilDay(2022, 10, 10));
  // 04-30..05-04 holidays; 05-07 (a Saturday) a make-up workday.
  EXPECT_EQ(ReviewDeadline(rules, policy, absl::CivilDay(2022, 4, 29)),
            absl::CivilDay(2022, 5, 7));
  // Thursday 09-01, Friday 09-02, Monday 09-05.
  EXPECT_EQ(ReviewDeadline(rules, policy, absl::CivilDay(2022, 8, 31)),
            absl::CivilDay(2022, 9, 5));
}

TEST(WorkingDaysBetweenTest, R12_CountsStrictlyAfterThroughInclusive) {
  const Rules rules = ExampleRules();
  // 10-11 (Tue), 10-12 (Wed).
  EXPECT_EQ(WorkingDaysBetween(rules.calendar(), absl::CivilDay(2022, 10, 10),
                               absl::CivilDay(2022, 10, 12)),
            2);
  // 10-01..10-07 holidays, then 10-08, 10-09 (make-up), 10-10.
  EXPECT_EQ(WorkingDaysBetween(rules.calendar(), absl::CivilDay(2022, 9, 30),
                               absl::CivilDay(2022, 10, 10)),
            3);
  EXPECT_EQ(WorkingDaysBetween(rules.calendar(), absl::CivilDay(2022, 10, 10),
                               absl::CivilDay(2022, 10, 10)),
            0);
}

// One employer of 370100 (Jinan) with one application on `applied_on` and
// optionally its decision.
std::string History(std::string_view employer, std::string_view applied_on,
                    std::string_view decision = "", std::string_view decided_on = "") {
  std::string jsonl = absl::StrFormat(
      R"({"event_id":"r%s","type":"employer_registered","employer_id":"%s","effective_date":"2020-01-01","name":"甲","pooling_area":"370100","entity_type":"enterprise","size_class":"small"})"
      "\n"
      R"({"event_id":"ap%s","type":"deferral_applied","employer_id":"%s","effective_date":"%s","first_period":"2022-10","last_period":"2022-10","policy_id":"sd-2022"})"
      "\n",
      employer, employer, employer, employer, applied_on);
  if (decision == "granted") {
    jsonl += absl::StrFormat(
        R"({"event_id":"g%s","type":"deferral_granted","employer_id":"%s","effective_date":"%s","first_period":"2022-10","last_period":"2022-10","policy_id":"sd-2022","basis":"commitment_letter"})",
        employer, employer, decided_on);
  } else if (decision == "rejected") {
    jsonl += absl::StrFormat(
        R"({"event_id":"j%s","type":"deferral_rejected","employer_id":"%s","effective_date":"%s","policy_id":"sd-2022","reason":"未盖章"})",
        employer, employer, decided_on);
  }
  return jsonl;
}

class SlaTest : public FoldTest {
 protected:
  void Add(const std::string& jsonl) {
    SetHistory(jsonl);
    AddEmployerToSla(rules_, events_, request_, report_, areas_);
  }
  SlaRequest request_{absl::CivilDay(2022, 10, 12), kKnownAtEverything};
  SlaReport report_;
  std::map<std::string, v1::SlaAreaSummary> areas_;
};

TEST_F(SlaTest, R12_OpenAndLateDecisionsInWorkingDays) {
  // Deadline of 09-30: 10-10 (R2). As of 10-12:
  Add(History("A", "2022-09-30"));                          // open: 10-11, 10-12 -> 2 late
  Add(History("B", "2022-09-30", "granted", "2022-10-11"));  // decided 10-11 -> 1 late
  Add(History("C", "2022-09-30", "rejected", "2022-10-10")); // on the deadline: on time
  Add(History("D", "2022-10-11"));                          // deadline 10-14: still within
  FinishSla(areas_, report_);
  ASSERT_EQ(report_.breaches.size(), 2u);
  EXPECT_EQ(report_.breaches[0].employer_id(), "A");
  EXPECT_EQ(report_.breaches[0].status(), "open");
  EXPECT_EQ(report_.breaches[0].review_deadline(), "2022-10-10");
  EXPECT_EQ(report_.breaches[0].working_days_late(), 2);
  EXPECT_EQ(report_.breaches[1].employer_id(), "B");
  EXPECT_EQ(report_.breaches[1].status(), "granted");
  EXPECT_EQ(report_.breaches[1].decided_on(), "2022-10-11");
  EXPECT_EQ(report_.breaches[1].working_days_late(), 1);
  ASSERT_EQ(report_.areas.size(), 1u);
  EXPECT_EQ(report_.areas[0].pooling_area(), "370100");
  EXPECT_EQ(report_.areas[0].applications(), 4);
  EXPECT_EQ(report_.areas[0].open_overdue(), 1);
  EXPECT_EQ(report_.areas[0].decided_late(), 1);
  EXPECT_EQ(report_.areas[0].on_time_or_pending(), 2);
}

TEST_F(SlaTest, R12_CleanRunHasNoBreaches) {
  // Applied 10-09 (a make-up Sunday): deadline 10-12 (10-10, 10-11, 10-12).
  Add(History("A", "2022-10-09"));
  FinishSla(areas_, report_);
  EXPECT_TRUE(report_.clean());
  EXPECT_EQ(report_.areas[0].on_time_or_pending(), 1);
}

}  // namespace
}  // namespace ledger::testing
