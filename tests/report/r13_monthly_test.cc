// R13, the monthly deferral report, on one Zhangye employer (620700:
// employer 700 bp, employee 200 bp, due the month's last day rolled to a
// working day; gs-2022 catch-up 2022-10-31). Every expected figure is worked
// by hand in the comments; each month's tie-out is
//   outstanding = opening + newly covered - voided + reallocated
//                 + newly assessed - settled.
#include "absl/strings/str_split.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "ledger/dates.h"
#include "ledger/report/monthly.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

constexpr char kRegistered[] =
    R"({"event_id":"r","type":"employer_registered","employer_id":"A","effective_date":"2020-01-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";

// An assessment of `period` on day 5 of the month: one line of 100 000 fen
// per employee (employer part 7 000 fen, employee part 2 000 fen each).
std::string Assessed(std::string_view period, std::string_view employees = "E1") {
  std::string lines;
  for (absl::string_view id :
       absl::StrSplit(absl::string_view(employees.data(), employees.size()), ',')) {
    if (!lines.empty()) lines += ",";
    lines += absl::StrFormat(R"({"employee_id":"%s","base_fen":100000})", std::string(id));
  }
  return absl::StrFormat(
      R"({"event_id":"a%s","type":"contribution_assessed","employer_id":"A","effective_date":"%s-05","period":"%s","lines":[%s]})"
      "\n",
      period, period, period, lines);
}

std::string Granted(std::string_view date, std::string_view basis = "automatic") {
  return absl::StrFormat(
      R"({"event_id":"g","type":"deferral_granted","employer_id":"A","effective_date":"%s","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"%s"})"
      "\n",
      date, basis);
}

class MonthlyTest : public FoldTest {
 protected:
  v1::MonthlyDeferralReport Report(std::string_view month) {
    MonthlyAccumulator accumulator(rules_, MonthlyRequest{*ParseMonth(month), kKnownAtEverything,
                                                          "620700"});
    EXPECT_TRUE(accumulator.AddEmployer(events_).ok());
    absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> reports = accumulator.Finish();
    EXPECT_TRUE(reports.ok()) << reports.status();
    if (!reports.ok() || reports->size() != 1) {
      ADD_FAILURE() << "expected one report for 620700 gs-2022";
      return {};
    }
    EXPECT_EQ((*reports)[0].policy_id(), "gs-2022");
    return (*reports)[0];
  }
};

TEST_F(MonthlyTest, R13_NewGrantCoversAnEarlierPeriod) {
  // Granted 08-10 for 07..09: July's employer part (assessed 07-05, unpaid)
  // becomes deferred in August's view: newly covered 7 000. August's part,
  // assessed 08-05, is newly assessed 7 000. Opening (July's view, no grant) 0.
  SetHistory(std::string(kRegistered) + Assessed("2022-07") + Assessed("2022-08") +
             Granted("2022-08-10"));
  const v1::MonthlyDeferralReport r = Report("2022-08");
  EXPECT_EQ(r.opening_outstanding_fen(), 0);
  EXPECT_EQ(r.newly_covered_fen(), 7000);
  EXPECT_EQ(r.newly_assessed_fen(), 7000);
  EXPECT_EQ(r.settled_fen(), 0);
  EXPECT_EQ(r.outstanding_fen(), 14000);  // 0 + 7 000 + 7 000
  EXPECT_EQ(r.overdue_fen(), 0);          // both due 2022-10-31
  EXPECT_EQ(r.deferred_employers(), 1);
  EXPECT_EQ(r.employees(), 1);
  // Waived on August's days: July's part, original due 08-01 (07-31 is a
  // Sunday), 08-02..08-31 = 30 days x 7 000 x 5 bp = 1 050 000 units = 105 fen;
  // August's part is due 08-31, no day of August after it.
  EXPECT_EQ(r.late_fee_waived_fen(), 105);
}

TEST_F(MonthlyTest, R13_FalseCommitmentVoidsWhatWasDeferred) {
  // Applied 07-20, granted by letter 07-25 (deadline 07-25: 07-21, 07-22,
  // 07-25), revoked as false on 09-20. August's view defers July and August:
  // 7 000 + 7 000 = 14 000 opening; September's view defers nothing.
  SetHistory(std::string(kRegistered) + Assessed("2022-07") +
             R"({"event_id":"ap","type":"deferral_applied","employer_id":"A","effective_date":"2022-07-20","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022"})"
             "\n" +
             Granted("2022-07-25", "commitment_letter") + Assessed("2022-08") +
             Assessed("2022-09") +
             R"({"event_id":"v","type":"deferral_revoked","employer_id":"A","effective_date":"2022-09-20","policy_id":"gs-2022","reason":"false_commitment"})");
  const v1::MonthlyDeferralReport september = Report("2022-09");
  EXPECT_EQ(september.opening_outstanding_fen(), 14000);
  EXPECT_EQ(september.voided_fen(), 14000);
  EXPECT_EQ(september.newly_assessed_fen(), 0);  // September's part is not deferred
  EXPECT_EQ(september.outstanding_fen(), 0);     // 14 000 - 14 000
  EXPECT_EQ(september.late_fee_waived_fen(), 0); // void from the start: nothing waived
  EXPECT_EQ(september.deferred_employers(), 0);
  const v1::MonthlyDeferralReport july = Report("2022-07");
  EXPECT_EQ(july.applications_received(), 1);
  EXPECT_EQ(july.applications_granted(), 1);
  EXPECT_EQ(july.applications_overdue(), 0);
  // July's part is assessed in July (07-05), so newly assessed, not newly
  // covered, although the grant came later in the month.
  EXPECT_EQ(july.opening_outstanding_fen(), 0);
  EXPECT_EQ(july.newly_assessed_fen(), 7000);
  EXPECT_EQ(july.newly_covered_fen(), 0);
  EXPECT_EQ(july.outstanding_fen(), 7000);
}

TEST_F(MonthlyTest, R13_CatchUpSettlesTheDeferredParts) {
  // Granted 07-25 for 07..09; 3 x 7 000 = 21 000 deferred at 09-30; caught
  // up on 10-20 in full.
  SetHistory(std::string(kRegistered) + Assessed("2022-07") + Granted("2022-07-25") +
             Assessed("2022-08") + Assessed("2022-09") +
             R"({"event_id":"cu","type":"catch_up_paid","employer_id":"A","effective_date":"2022-10-20","amount_fen":21000})");
  const v1::MonthlyDeferralReport r = Report("2022-10");
  EXPECT_EQ(r.opening_outstanding_fen(), 21000);
  EXPECT_EQ(r.settled_fen(), 21000);
  EXPECT_EQ(r.outstanding_fen(), 0);  // 21 000 - 21 000
  EXPECT_EQ(r.deferred_employers(), 0);  // October is not in 07..09
  // Waived on October's days: each part owes 7 000 on 10-01..10-20 (the
  // payment day counts, R4), nothing after: 3 x 20 x 7 000 x 5 = 2 100 000
  // units = 210 fen.
  EXPECT_EQ(r.late_fee_waived_fen(), 210);
}

TEST_F(MonthlyTest, R13_AccelerationBringsDueDatesForward) {
  // E1 and E2 in July and August, E2 alone in September; E1 separated on
  // 09-15: his July and August parts fall due 09-15 (R7), still deferred.
  SetHistory(std::string(kRegistered) + Assessed("2022-07", "E1,E2") + Granted("2022-07-25") +
             Assessed("2022-08", "E1,E2") + Assessed("2022-09", "E2") +
             R"({"event_id":"s","type":"employee_separated","employer_id":"A","effective_date":"2022-09-15","employee_id":"E1"})");
  const v1::MonthlyDeferralReport r = Report("2022-09");
  EXPECT_EQ(r.opening_outstanding_fen(), 28000);  // 4 x 7 000
  EXPECT_EQ(r.newly_assessed_fen(), 7000);        // E2's September part
  EXPECT_EQ(r.outstanding_fen(), 35000);          // 28 000 + 7 000
  EXPECT_EQ(r.accelerated_fen(), 14000);          // E1's July and August
  EXPECT_EQ(r.overdue_fen(), 14000);              // due 09-15 < 09-30
  EXPECT_EQ(r.employees(), 1);                    // September: E2
  // Waived on September's days: E1 July and August, 09-01..09-15 = 15 days
  // each; E2 July and August 09-01..09-30 = 30 days each; E2 September due
  // 09-30, none: (15 + 15 + 30 + 30) x 7 000 x 5 = 3 150 000 units = 315 fen.
  EXPECT_EQ(r.late_fee_waived_fen(), 315);
}

TEST(MonthlyTieOutTest, R13_AReportThatDoesNotTieOutIsRefusedWithItsFigures) {
  v1::MonthlyDeferralReport report;
  report.set_month("2022-09");
  report.set_pooling_area("620700");
  report.set_policy_id("gs-2022");
  report.set_opening_outstanding_fen(100);
  report.set_settled_fen(30);
  report.set_outstanding_fen(71);
  const absl::Status status = CheckTieOut(report);
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_NE(status.message().find("outstanding_fen 71 != opening_outstanding_fen 100"),
            std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("= 70"), std::string::npos) << status.message();
  report.set_outstanding_fen(70);
  EXPECT_TRUE(CheckTieOut(report).ok());
}

}  // namespace
}  // namespace ledger::testing
