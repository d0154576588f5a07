// R9 Revocation: false_commitment voids the grant from the start (original
// due dates, no waiver, catch-up payments find nothing deferred); withdrawn
// on W brings deferred parts to min(current, max(original due, W)) and
// keeps the waiver up to then.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R9RevocationTest : public FoldTest {};

// Zhangye; E1 base 500 000 (employer 35 000, employee 10 000) for July and
// August; grant Jul-Sep on 07-15 (catch-up 10-31).
constexpr std::string_view kBase =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"commitment_letter"}
{"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000}]}
)";

constexpr std::string_view kFalse1120 =
    R"({"event_id":"v1","type":"deferral_revoked","employer_id":"A","effective_date":"2022-11-20","policy_id":"gs-2022","reason":"false_commitment"}
)";

TEST_F(R9RevocationTest, R9_FalseCommitmentVoidsWaiver) {
  SetHistory(std::string(kBase) + std::string(kFalse1120));
  // Before the revocation is a fact (as of 11-19): deferred, due 10-31,
  // waived 91 d -> 1 593, fee 11-01..11-19 = 19 d: 3 325 000 -> 332.5 -> 333.
  const Projection before = Fold("2022-11-19");
  EXPECT_TRUE(Row(before, "2022-07", "employer").deferred);
  EXPECT_EQ(Row(before, "2022-07", "employer").late_fee_waived_fen, 1593);
  EXPECT_EQ(Row(before, "2022-07", "employer").late_fee_fen, 333);
  // August waived 09-01..10-31 = 61 d: 10 675 000 -> 1 067.5 -> 1 068.
  EXPECT_EQ(Row(before, "2022-08", "employer").late_fee_waived_fen, 1068);
  // After: void from the start. July due 08-01, not deferred, nothing waived;
  // fee 08-02..12-31 = 152 d: 35 000 x 152 x 5 = 26 600 000 -> 2 660.
  const Projection p = Fold("2022-12-31");
  const ObligationRow& july = Row(p, "2022-07", "employer");
  EXPECT_FALSE(july.deferred);
  EXPECT_EQ(FormatDate(july.due_date), "2022-08-01");
  EXPECT_EQ(july.late_fee_waived_fen, 0);
  EXPECT_EQ(july.late_fee_fen, 2660);
  // August due 08-31; fee 09-01..12-31 = 122 d: 21 350 000 -> 2 135.
  EXPECT_EQ(FormatDate(Row(p, "2022-08", "employer").due_date), "2022-08-31");
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_fen, 2135);
  EXPECT_EQ(p.totals.late_fee_waived_fen, 0);
  // The grant is recorded as voided.
  ASSERT_EQ(p.grants.size(), 1u);
  EXPECT_TRUE(p.grants[0].voided());
}

TEST_F(R9RevocationTest, R9_FalseCommitmentLeavesCatchUpPaymentsAsCredit) {
  // 35 000 caught up on 11-10; the grant is voided on 11-20. catch_up_paid
  // settles only deferred parts of a grant not revoked as false: in the
  // view after the revocation there are none, so it is credit.
  SetHistory(std::string(kBase) +
             R"({"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-11-10","amount_fen":35000}
)" + std::string(kFalse1120));
  const Projection before = Fold("2022-11-19");
  EXPECT_EQ(Row(before, "2022-07", "employer").paid_fen, 35000);
  EXPECT_EQ(before.credit_fen, 0);
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 0);
  EXPECT_EQ(p.credit_fen, 35000);
  EXPECT_EQ(p.totals.outstanding_fen, 90000);
  // The same with the catch-up naming its period (2022-07).
  SetHistory(std::string(kBase) +
             R"({"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-11-10","amount_fen":35000,"period":"2022-07"}
)" + std::string(kFalse1120));
  EXPECT_EQ(Row(Fold("2022-11-19"), "2022-07", "employer").paid_fen, 35000);
  const Projection q = Fold("2022-12-31");
  EXPECT_EQ(Row(q, "2022-07", "employer").paid_fen, 0);
  EXPECT_EQ(q.credit_fen, 35000);
}

TEST_F(R9RevocationTest, R9_FalseCommitmentReordersEarlierPayments) {
  // 40 000 paid with no filter on 08-31. With the grant: not deferred first
  // -> July employee 10 000, August employee 10 000, then July employer
  // 20 000. Once void, plain R10 order by original due date: July employee
  // 10 000, July employer 30 000, August employee nothing.
  SetHistory(std::string(kBase) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-31","amount_fen":40000}
)" + std::string(kFalse1120));
  const Projection before = Fold("2022-11-19");
  EXPECT_EQ(Row(before, "2022-08", "employee").paid_fen, 10000);
  EXPECT_EQ(Row(before, "2022-07", "employer").paid_fen, 20000);
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-08", "employee").paid_fen, 0);
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 30000);
  // July employer, due 08-01: 35 000 x 30 d (08-02..08-31) + 5 000 x 122 d
  // (09-01..12-31) = 1 050 000 + 610 000 = 1 660 000 x 5 = 8 300 000 -> 830.
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_fen, 830);
}

TEST_F(R9RevocationTest, R9_WithdrawnKeepsWaiverUpToW) {
  // Withdrawn on W = 09-15; September assessed 09-05.
  SetHistory(std::string(kBase) +
             R"({"event_id":"a9","type":"contribution_assessed","employer_id":"A","effective_date":"2022-09-05","period":"2022-09","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"v1","type":"deferral_revoked","employer_id":"A","effective_date":"2022-09-15","policy_id":"gs-2022","reason":"withdrawn"})");
  const Projection p = Fold("2022-12-31");
  // July: min(10-31, max(08-01, 09-15)) = 09-15; still deferred; waived
  // 45 d -> 788; fee 09-16..12-31 = 107 d -> 1 873.
  const ObligationRow& july = Row(p, "2022-07", "employer");
  EXPECT_TRUE(july.deferred);
  EXPECT_EQ(FormatDate(july.due_date), "2022-09-15");
  EXPECT_EQ(july.late_fee_waived_fen, 788);
  EXPECT_EQ(july.late_fee_fen, 1873);
  // August: max(08-31, 09-15) = 09-15; waived 15 d -> 263.
  EXPECT_EQ(FormatDate(Row(p, "2022-08", "employer").due_date), "2022-09-15");
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_waived_fen, 263);
  // September: max(09-30, 09-15) = 09-30; waived 0; fee 92 d -> 1 610.
  EXPECT_EQ(FormatDate(Row(p, "2022-09", "employer").due_date), "2022-09-30");
  EXPECT_EQ(Row(p, "2022-09", "employer").late_fee_waived_fen, 0);
  EXPECT_EQ(Row(p, "2022-09", "employer").late_fee_fen, 1610);
}

TEST_F(R9RevocationTest, R9_WithdrawnPartsStillTakeCatchUpPayments) {
  // Withdrawn 09-15; catch-up 35 000 on 10-10 still settles July employer
  // (deferred, not voided). Fee: 35 000 x 25 d (09-16..10-10) = 875 000 x 5
  // = 4 375 000 -> 437.5 -> 438.
  SetHistory(std::string(kBase) +
             R"({"event_id":"v1","type":"deferral_revoked","employer_id":"A","effective_date":"2022-09-15","policy_id":"gs-2022","reason":"withdrawn"}
{"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-10-10","amount_fen":35000})");
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_fen, 438);
  EXPECT_EQ(p.credit_fen, 0);
}

TEST_F(R9RevocationTest, R9_WithdrawnAfterCatchUpChangesNothing) {
  // W = 11-15 > 10-31: min(10-31, max(08-01, 11-15)) = 10-31.
  SetHistory(std::string(kBase) +
             R"({"event_id":"v1","type":"deferral_revoked","employer_id":"A","effective_date":"2022-11-15","policy_id":"gs-2022","reason":"withdrawn"})");
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer").due_date), "2022-10-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_waived_fen, 1593);
}

}  // namespace
}  // namespace ledger::testing
