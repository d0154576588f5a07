// The worked examples of shared/spec/examples, at the fold level: every
// figure of the expected files, by row. (tests/cli reproduces them through
// `ledgerctl owed --format json` field for field.)
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class SpecExamplesTest : public FoldTest {};

TEST_F(SpecExamplesTest, ZhangyeSeparationAsOfYearEnd) {
  SetHistory(ReadFileOrDie(ScenarioPath("spec_examples/zhangye-separation.jsonl")));
  const Projection p = Fold("2022-12-31");
  ASSERT_EQ(p.rows.size(), 8u);
  // July E2: separated 08-20 -> due 08-20; 15 000 of the 11-10 catch-up;
  // fee 29 400 x 82 d + 14 400 x 51 d = 15 726 000 x 5 bp -> 1 572.6 -> 1 573;
  // waived 29 400 x 19 d (08-02..08-20) x 5 bp = 279.3 -> 279.
  const ObligationRow& july_e2 = Row(p, "2022-07", "employer", "E2");
  EXPECT_EQ(FormatDate(july_e2.due_date), "2022-08-20");
  EXPECT_EQ(july_e2.paid_fen, 15000);
  EXPECT_EQ(july_e2.late_fee_fen, 1573);
  EXPECT_EQ(july_e2.late_fee_waived_fen, 279);
  // July E1: due 10-31, paid 11-10: 35 000 x 10 d x 5 bp = 175; waived 91 d -> 1 592.5 -> 1 593.
  const ObligationRow& july = Row(p, "2022-07", "employer", "", "2022-10-31");
  EXPECT_EQ(july.paid_fen, 35000);
  EXPECT_EQ(july.late_fee_fen, 175);
  EXPECT_EQ(july.late_fee_waived_fen, 1593);
  // August E2: accelerated to its original due 08-31; 29 400 x 122 d x 5 bp = 1 793.4.
  const ObligationRow& august_e2 = Row(p, "2022-08", "employer", "E2");
  EXPECT_EQ(FormatDate(august_e2.due_date), "2022-08-31");
  EXPECT_TRUE(august_e2.deferred);
  EXPECT_EQ(august_e2.late_fee_fen, 1793);
  EXPECT_EQ(august_e2.late_fee_waived_fen, 0);
  // September employee part: due 09-30, paid 10-12: 10 000 x 12 d x 5 bp = 60.
  EXPECT_EQ(Row(p, "2022-09", "employee").late_fee_fen, 60);
  EXPECT_EQ(Row(p, "2022-09", "employer").late_fee_waived_fen, 543);
  EXPECT_EQ(p.totals.principal_fen, 210600);
  EXPECT_EQ(p.totals.paid_fen, 96800);
  EXPECT_EQ(p.totals.outstanding_fen, 113800);
  EXPECT_EQ(p.totals.overdue_fen, 113800);
  EXPECT_EQ(p.totals.late_fee_fen, 5737);
  EXPECT_EQ(p.totals.late_fee_waived_fen, 3483);
  EXPECT_EQ(p.credit_fen, 0);
  EXPECT_FALSE(p.next_due.has_value());
}

TEST_F(SpecExamplesTest, JinanBeforeRevocationKnownAtNovember15) {
  SetHistory(ReadFileOrDie(ScenarioPath("spec_examples/jinan-false-commitment.jsonl")));
  const Projection p = Fold("2022-11-30", "2022-11-15T00:00:00+08:00");
  // The 09-26 payment of 30 000: September employee 28 000 (not deferred
  // first), then 2 000 to August employer (deferred, oldest).
  EXPECT_EQ(Row(p, "2022-08", "employer").paid_fen, 2000);
  // Waived on August employer: 105 000 x 32 d + 103 000 x 65 d = 10 055 000
  // x 5 bp = 5 027.5 -> 5 028.
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_waived_fen, 5028);
  EXPECT_EQ(p.totals.late_fee_waived_fen, 10407);
  EXPECT_EQ(p.totals.outstanding_fen, 317200);
  ASSERT_TRUE(p.next_due.has_value());
  EXPECT_EQ(FormatDate(p.next_due->date), "2022-11-30");
  EXPECT_EQ(p.next_due->amount_fen, 317200);
}

TEST_F(SpecExamplesTest, JinanAfterRevocationAndReversalKnownAtNovember22) {
  SetHistory(ReadFileOrDie(ScenarioPath("spec_examples/jinan-false-commitment.jsonl")));
  const Projection p = Fold("2022-11-30", "2022-11-22T12:00:00+08:00");
  // False commitment: every part back to its original due date, nothing waived.
  EXPECT_FALSE(Row(p, "2022-08", "employer").deferred);
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_fen, 5093);  // 105 000 x 97 d
  EXPECT_EQ(Row(p, "2022-09", "employee").late_fee_fen, 910);   // 28 000 x 65 d
  EXPECT_EQ(Row(p, "2022-10", "employer").late_fee_fen, 1966);  // 109 200 x 36 d
  EXPECT_EQ(p.totals.late_fee_fen, 11382);
  EXPECT_EQ(p.totals.late_fee_waived_fen, 0);
  EXPECT_EQ(p.totals.overdue_fen, 347200);
  EXPECT_FALSE(p.next_due.has_value());
}

TEST_F(SpecExamplesTest, JinanYearEndWithLateFeePaymentAndCredit) {
  SetHistory(ReadFileOrDie(ScenarioPath("spec_examples/jinan-false-commitment.jsonl")));
  const Projection p = Fold("2022-12-31");
  // 12-05 late fee 5 000 -> August employer (fee through 12-05: 105 000 x
  // 102 d = 5 355). 12-06 400 000 pays 347 200; 52 800 is credit.
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_paid_fen, 5000);
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_fen, 5408);  // 103 d -> 5 407.5
  EXPECT_EQ(p.credit_fen, 52800);
  EXPECT_EQ(p.totals.late_fee_fen, 12423);
  EXPECT_EQ(p.totals.late_fee_outstanding_fen, 7423);
  EXPECT_EQ(p.totals.outstanding_fen, 0);
}

TEST_F(SpecExamplesTest, JinanOctoberViewAlreadyHidesTheReversedPayment) {
  SetHistory(ReadFileOrDie(ScenarioPath("spec_examples/jinan-false-commitment.jsonl")));
  const Projection p = Fold("2022-10-31");
  EXPECT_EQ(Row(p, "2022-09", "employee").outstanding_fen(), 28000);
  EXPECT_EQ(Row(p, "2022-09", "employee").late_fee_fen, 490);  // 28 000 x 35 d
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_waived_fen, 3518);
  EXPECT_EQ(p.totals.late_fee_waived_fen, 5684);
  ASSERT_TRUE(p.next_due.has_value());
  EXPECT_EQ(p.next_due->amount_fen, 319200);
}

}  // namespace
}  // namespace ledger::testing
