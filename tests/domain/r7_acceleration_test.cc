// R7 Early catch-up: an employee's separation, retirement or transfer on A
// brings each of the employee's deferred employer parts of a period <=
// month(A) to min(current, max(original due, A + grace)), as a row of its
// own; the earliest such event counts, in whatever order recorded; dates
// from events are never rolled.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "absl/strings/str_format.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R7AccelerationTest : public FoldTest {
 protected:
  int RowsWithEmployee(const Projection& p, std::string_view employee) {
    int n = 0;
    for (const ObligationRow& row : p.rows) n += row.employee_id == employee ? 1 : 0;
    return n;
  }
};

// Zhangye; E1 base 500 000 (employer 35 000, employee 10 000), E2 base
// 420 000 (employer 29 400, employee 8 400) for July, August, September;
// grant Jul-Sep on 07-15 (catch-up 2022-10-31).
constexpr std::string_view kBase =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"}
{"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"a9","type":"contribution_assessed","employer_id":"A","effective_date":"2022-09-05","period":"2022-09","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
)";

std::string Departure(std::string_view id, std::string_view type, std::string_view date,
                      std::string_view employee = "E2") {
  return absl::StrFormat(
      R"({"event_id":"%s","type":"%s","employer_id":"A","effective_date":"%s","employee_id":"%s"})"
      "\n",
      id, type, date, employee);
}

TEST_F(R7AccelerationTest, R7_SeparationAcceleratesOwnRow) {
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-08-20"));
  const Projection p = Fold("2022-12-31");
  // July E2: min(10-31, max(08-01, 08-20)) = 08-20, its own row.
  const ObligationRow& july_e2 = Row(p, "2022-07", "employer", "E2");
  EXPECT_EQ(FormatDate(july_e2.due_date), "2022-08-20");
  EXPECT_EQ(FormatDate(july_e2.original_due_date), "2022-08-01");
  EXPECT_EQ(july_e2.principal_fen, 29400);
  EXPECT_TRUE(july_e2.deferred);
  // Waived 08-02..08-20 = 19 d: 29 400 x 19 x 5 = 2 793 000 -> 279.3 -> 279.
  EXPECT_EQ(july_e2.late_fee_waived_fen, 279);
  // Fee 08-21..12-31 = 11 + 30 + 31 + 30 + 31 = 133 d: 29 400 x 133 x 5 =
  // 19 551 000 -> 1 955.1 -> 1 955.
  EXPECT_EQ(july_e2.late_fee_fen, 1955);
  // The rest of July's employer portion (E1) stays due 10-31, no employee_id.
  const ObligationRow& july = Row(p, "2022-07", "employer", "");
  EXPECT_EQ(FormatDate(july.due_date), "2022-10-31");
  EXPECT_EQ(july.principal_fen, 35000);
  // August E2: min(10-31, max(08-31, 08-20)) = 08-31 (its original due
  // date), own row; waived 0; fee 09-01..12-31 = 122 d: 29 400 x 122 x 5 =
  // 17 934 000 -> 1 793.4 -> 1 793.
  const ObligationRow& august_e2 = Row(p, "2022-08", "employer", "E2");
  EXPECT_EQ(FormatDate(august_e2.due_date), "2022-08-31");
  EXPECT_EQ(august_e2.late_fee_waived_fen, 0);
  EXPECT_EQ(august_e2.late_fee_fen, 1793);
  // E2's employee parts were never deferred: they stay in the period rows.
  EXPECT_EQ(Row(p, "2022-07", "employee", "").principal_fen, 18400);
}

TEST_F(R7AccelerationTest, R7_LaterPeriodsUntouched) {
  // September > month(08-20) = August: E2's September part stays deferred
  // to 10-31 in the September row (35 000 + 29 400 = 64 400).
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-08-20"));
  const Projection p = Fold("2022-12-31");
  const ObligationRow& september = Row(p, "2022-09", "employer", "");
  EXPECT_EQ(september.principal_fen, 64400);
  EXPECT_EQ(FormatDate(september.due_date), "2022-10-31");
  // Rows with employee_id E2: July and August only.
  EXPECT_EQ(RowsWithEmployee(p, "E2"), 2);
}

TEST_F(R7AccelerationTest, R7_AccelerationNoneKeepsCatchUp) {
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_acceleration("none"); });
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-08-20"));
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(RowsWithEmployee(p, "E2"), 0);
  EXPECT_EQ(p.rows.size(), 6u);
  // July employer: 35 000 + 29 400 = 64 400, due 10-31; waived 91 d:
  // 64 400 x 91 x 5 = 29 302 000 -> 2 930.2 -> 2 930.
  const ObligationRow& july = Row(p, "2022-07", "employer");
  EXPECT_EQ(july.principal_fen, 64400);
  EXPECT_EQ(FormatDate(july.due_date), "2022-10-31");
  EXPECT_EQ(july.late_fee_waived_fen, 2930);
}

TEST_F(R7AccelerationTest, R7_GraceDaysAdded) {
  // Grace 15: 08-20 + 15 = 09-04 (a Sunday, used as is).
  // July E2: max(08-01, 09-04) = 09-04; August E2: max(08-31, 09-04) = 09-04.
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_acceleration_grace_days(15); });
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-08-20"));
  const Projection p = Fold("2022-09-30");
  const ObligationRow& july_e2 = Row(p, "2022-07", "employer", "E2");
  EXPECT_EQ(FormatDate(july_e2.due_date), "2022-09-04");
  // Waived 08-02..09-04 = 34 d: 29 400 x 34 x 5 = 4 998 000 -> 499.8 -> 500.
  EXPECT_EQ(july_e2.late_fee_waived_fen, 500);
  // Fee 09-05..09-30 = 26 d: 29 400 x 26 x 5 = 3 822 000 -> 382.2 -> 382.
  EXPECT_EQ(july_e2.late_fee_fen, 382);
  const ObligationRow& august_e2 = Row(p, "2022-08", "employer", "E2");
  EXPECT_EQ(FormatDate(august_e2.due_date), "2022-09-04");
  // Waived 09-01..09-04 = 4 d: 29 400 x 4 x 5 = 588 000 -> 58.8 -> 59.
  EXPECT_EQ(august_e2.late_fee_waived_fen, 59);
  EXPECT_EQ(august_e2.late_fee_fen, 382);
  // The periods are those <= month(A) = August, not month(A + grace):
  // September E2 stays in the 10-31 row (35 000 + 29 400).
  EXPECT_EQ(Row(p, "2022-09", "employer", "").principal_fen, 64400);
  EXPECT_EQ(RowsWithEmployee(p, "E2"), 2);
}

TEST_F(R7AccelerationTest, R7_GracePastCatchUpChangesNothing) {
  // Grace 100: 08-20 + 100 = 11-28; min(10-31, 11-28) = 10-31: not moved,
  // so no row of its own.
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_acceleration_grace_days(100); });
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-08-20"));
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(RowsWithEmployee(p, "E2"), 0);
  EXPECT_EQ(Row(p, "2022-07", "employer").principal_fen, 64400);
}

TEST_F(R7AccelerationTest, R7_RetirementAndTransferAccelerateLikeSeparation) {
  for (std::string_view type : {"employee_retired", "employee_transferred_out"}) {
    SetHistory(std::string(kBase) + Departure("d2", type, "2022-08-20"));
    const Projection p = Fold("2022-12-31");
    EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer", "E2").due_date), "2022-08-20") << type;
    EXPECT_EQ(FormatDate(Row(p, "2022-08", "employer", "E2").due_date), "2022-08-31") << type;
    EXPECT_EQ(Row(p, "2022-07", "employer", "E2").late_fee_fen, 1955) << type;
  }
}

TEST_F(R7AccelerationTest, R7_EarliestEventCounts) {
  // E2 transferred out on 08-20 and retired on 09-10. The earliest (08-20)
  // counts, whichever was recorded first:
  //   July E2 -> 08-20; August E2 -> 08-31; September E2 stays at 10-31
  //   (09 > month(08-20); the later retirement does not count).
  const std::string transferred = Departure("t2", "employee_transferred_out", "2022-08-20");
  const std::string retired = Departure("t3", "employee_retired", "2022-09-10");
  for (const std::string& order : {retired + transferred, transferred + retired}) {
    SetHistory(std::string(kBase) + order);
    const Projection p = Fold("2022-12-31");
    EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer", "E2").due_date), "2022-08-20");
    EXPECT_EQ(Row(p, "2022-07", "employer", "E2").late_fee_waived_fen, 279);
    EXPECT_EQ(FormatDate(Row(p, "2022-08", "employer", "E2").due_date), "2022-08-31");
    EXPECT_EQ(Row(p, "2022-09", "employer", "").principal_fen, 64400);
    EXPECT_EQ(RowsWithEmployee(p, "E2"), 2);
  }
  // A retirement dated 09-10 recorded before a separation dated 08-25: the
  // earliest date, 08-25, counts.
  SetHistory(std::string(kBase) + Departure("t3", "employee_retired", "2022-09-10") +
             Departure("s9", "employee_separated", "2022-08-25"));
  // Earliest 08-25: July E2 -> 08-25; waived 08-02..08-25 = 24 d:
  // 29 400 x 24 x 5 = 3 528 000 -> 352.8 -> 353.
  const Projection q = Fold("2022-12-31");
  EXPECT_EQ(FormatDate(Row(q, "2022-07", "employer", "E2").due_date), "2022-08-25");
  EXPECT_EQ(Row(q, "2022-07", "employer", "E2").late_fee_waived_fen, 353);
}

TEST_F(R7AccelerationTest, R7_DatesNotRolled) {
  // Separated on 2022-10-01, a Saturday and a holiday: used as is (a
  // rolled date would be 10-08). Every E2 part of a period <= 2022-10:
  // July max(08-01, 10-01) = 10-01, August 10-01, September max(09-30, 10-01) = 10-01.
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-10-01"));
  const Projection p = Fold("2022-10-31");
  EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer", "E2").due_date), "2022-10-01");
  EXPECT_EQ(FormatDate(Row(p, "2022-08", "employer", "E2").due_date), "2022-10-01");
  EXPECT_EQ(FormatDate(Row(p, "2022-09", "employer", "E2").due_date), "2022-10-01");
  // July E2 fee 10-02..10-31 = 30 d: 29 400 x 30 x 5 = 4 410 000 -> 441.
  EXPECT_EQ(Row(p, "2022-07", "employer", "E2").late_fee_fen, 441);
  // Grace 3 from Wednesday 09-28 gives Saturday 10-01, also not rolled.
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_acceleration_grace_days(3); });
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-09-28"));
  EXPECT_EQ(FormatDate(Row(Fold("2022-10-31"), "2022-07", "employer", "E2").due_date),
            "2022-10-01");
}

TEST_F(R7AccelerationTest, R7_AccelerationNeverBeforeOriginalDue) {
  // Separated 07-10, before July's original due date: July E2 -> max(08-01,
  // 07-10) = 08-01 (moved from 10-31: own row, nothing waived). August is
  // after month(07-10): untouched.
  SetHistory(std::string(kBase) + Departure("s2", "employee_separated", "2022-07-10"));
  const Projection p = Fold("2022-08-31");
  const ObligationRow& july_e2 = Row(p, "2022-07", "employer", "E2");
  EXPECT_EQ(FormatDate(july_e2.due_date), "2022-08-01");
  EXPECT_EQ(july_e2.late_fee_waived_fen, 0);
  // Fee 08-02..08-31 = 30 d: 29 400 x 30 x 5 = 4 410 000 -> 441.
  EXPECT_EQ(july_e2.late_fee_fen, 441);
  EXPECT_EQ(Row(p, "2022-08", "employer", "").principal_fen, 64400);
  EXPECT_EQ(RowsWithEmployee(p, "E2"), 1);
}

TEST_F(R7AccelerationTest, R7_NotDeferredPartsAreNotAccelerated) {
  // June (before the grant's periods) is not deferred: E2's June employer
  // part stays in the June row at its due date 06-30 after a separation.
  SetHistory(std::string(kBase) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
)" + Departure("s2", "employee_separated", "2022-06-20"));
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(Row(p, "2022-06", "employer", "").principal_fen, 64400);
  EXPECT_EQ(FormatDate(Row(p, "2022-06", "employer", "").due_date), "2022-06-30");
  // July E2: separated in June, so July (> 2022-06) is untouched too.
  EXPECT_EQ(RowsWithEmployee(p, "E2"), 0);
}

}  // namespace
}  // namespace ledger::testing
