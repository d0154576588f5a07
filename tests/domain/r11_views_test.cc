// R11 Views: a query sees events with effective_date <= as_of and
// recorded_at <= known_at, minus every event reversed by a reversal recorded
// at or before known_at, whatever the reversal's own effective date.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R11ViewsTest : public FoldTest {};

// Zhangye; July E1 base 500 000 (employer 35 000, employee 10 000, due
// 2022-08-01), recorded on the day it happened.
constexpr std::string_view kHead =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small","recorded_at":"2022-07-01T09:00:00+08:00"}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}],"recorded_at":"2022-07-05T09:00:00+08:00"}
)";
// 45 000 paid 07-25, reversed by x1 (effective and recorded 08-10 09:00).
constexpr std::string_view kPaidThenReversed =
    R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-25","amount_fen":45000,"recorded_at":"2022-07-25T09:00:00+08:00"}
{"event_id":"x1","type":"event_reversed","employer_id":"A","effective_date":"2022-08-10","reverses_event_id":"p1","reason":"bank returned it","recorded_at":"2022-08-10T09:00:00+08:00"}
)";

TEST_F(R11ViewsTest, R11_ReversalHiddenBeforeItWasRecorded) {
  SetHistory(std::string(kHead) + std::string(kPaidThenReversed));
  // Known at 08-09: the payment stands; July is paid, nothing accrues.
  const Projection before = Fold("2022-08-31", "2022-08-09T00:00:00+08:00");
  EXPECT_EQ(before.totals.paid_fen, 45000);
  EXPECT_EQ(before.totals.late_fee_fen, 0);
  // One second before the reversal was recorded: still standing.
  EXPECT_EQ(Fold("2022-08-31", "2022-08-10T08:59:59+08:00").totals.paid_fen, 45000);
  // Known at the reversal's recorded_at exactly: the payment is gone.
  // July employer 35 000 x 30 d (08-02..08-31) x 5 = 5 250 000 -> 525;
  // employee 10 000 x 30 x 5 = 1 500 000 -> 150.
  const Projection after = Fold("2022-08-31", "2022-08-10T09:00:00+08:00");
  EXPECT_EQ(after.totals.paid_fen, 0);
  EXPECT_EQ(Row(after, "2022-07", "employer").late_fee_fen, 525);
  EXPECT_EQ(Row(after, "2022-07", "employee").late_fee_fen, 150);
  EXPECT_EQ(after.credit_fen, 0);
}

TEST_F(R11ViewsTest, R11_ReversalAppliesWhateverItsEffectiveDate) {
  SetHistory(std::string(kHead) + std::string(kPaidThenReversed));
  // As of 07-31, before the reversal's effective date 08-10, known now: the
  // reversal corrects the record, so the 07-25 payment is gone already.
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(p.totals.paid_fen, 0);
  EXPECT_EQ(p.totals.outstanding_fen, 45000);
  ASSERT_TRUE(p.next_due.has_value());
  EXPECT_EQ(FormatDate(p.next_due->date), "2022-08-01");
  EXPECT_EQ(p.next_due->amount_fen, 45000);
  // Known at 08-09 (before the reversal was recorded) the same as-of date
  // shows the payment.
  EXPECT_EQ(Fold("2022-07-31", "2022-08-09T00:00:00+08:00").totals.paid_fen, 45000);
}

TEST_F(R11ViewsTest, R11_KnownAtHidesLaterRecords) {
  // A payment of 40 000 dated 07-25 but recorded 08-20; August assessed
  // 08-05 but recorded 08-25.
  SetHistory(std::string(kHead) +
             R"({"event_id":"p2","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-25","amount_fen":40000,"recorded_at":"2022-08-20T09:00:00+08:00"}
{"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000}],"recorded_at":"2022-08-25T09:00:00+08:00"})");
  // Known at 08-15: neither is on file. July unpaid: 525 + 150.
  const Projection early = Fold("2022-08-31", "2022-08-15T00:00:00+08:00");
  EXPECT_EQ(early.totals.paid_fen, 0);
  EXPECT_EQ(early.totals.late_fee_fen, 675);
  EXPECT_EQ(early.totals.principal_fen, 45000);
  // Known at 08-21: the payment is: July employee 10 000, July employer
  // 30 000; employer fee 5 000 x 30 d x 5 = 750 000 -> 75. August still unknown.
  const Projection middle = Fold("2022-08-31", "2022-08-21T00:00:00+08:00");
  EXPECT_EQ(Row(middle, "2022-07", "employer").paid_fen, 30000);
  EXPECT_EQ(Row(middle, "2022-07", "employer").late_fee_fen, 75);
  EXPECT_EQ(Row(middle, "2022-07", "employee").late_fee_fen, 0);
  EXPECT_EQ(middle.totals.principal_fen, 45000);
  // Known now: August too (90 000 in all).
  EXPECT_EQ(Fold("2022-08-31").totals.principal_fen, 90000);
}

TEST_F(R11ViewsTest, R11_AsOfHidesLaterFacts) {
  SetHistory(std::string(kHead) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-25","amount_fen":45000,"recorded_at":"2022-07-25T09:00:00+08:00"}
{"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000}],"recorded_at":"2022-08-05T09:00:00+08:00"})");
  // As of 07-24: July assessed, the 07-25 payment and August not yet facts.
  const Projection p = Fold("2022-07-24");
  EXPECT_EQ(p.totals.principal_fen, 45000);
  EXPECT_EQ(p.totals.paid_fen, 0);
  EXPECT_EQ(p.rows.size(), 2u);
  // As of 07-25: paid.
  EXPECT_EQ(Fold("2022-07-25").totals.paid_fen, 45000);
  // As of 07-04: registered, nothing assessed.
  const Projection q = Fold("2022-07-04");
  EXPECT_TRUE(q.status.registered);
  EXPECT_TRUE(q.rows.empty());
  // As of 2020-02-29, before the registration: not found.
  const Projection r = Fold("2020-02-29");
  EXPECT_FALSE(r.status.registered);
  EXPECT_TRUE(r.rows.empty());
  // Known before the registration was recorded (2022-07-01 09:00): not found.
  EXPECT_FALSE(Fold("2022-12-31", "2022-06-30T00:00:00+08:00").status.registered);
}

TEST_F(R11ViewsTest, R11_ReversedGrantIsGoneFromViewsKnownAfter) {
  // A grant (07-15) reversed by a correction recorded 09-01.
  SetHistory(std::string(kHead) +
             R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic","recorded_at":"2022-07-15T09:00:00+08:00"}
{"event_id":"x1","type":"event_reversed","employer_id":"A","effective_date":"2022-09-01","reverses_event_id":"g1","reason":"entered for the wrong employer","recorded_at":"2022-09-01T09:00:00+08:00"})");
  // Known at 08-31: deferred to 10-31; as of 08-15 waived 08-02..08-15 =
  // 14 d: 35 000 x 14 x 5 = 2 450 000 -> 245.
  const Projection before = Fold("2022-08-15", "2022-08-31T00:00:00+08:00");
  EXPECT_TRUE(Row(before, "2022-07", "employer").deferred);
  EXPECT_EQ(Row(before, "2022-07", "employer").late_fee_waived_fen, 245);
  // Known now, same as-of: never deferred; fee 14 d -> 245, waived 0.
  const Projection after = Fold("2022-08-15");
  EXPECT_FALSE(Row(after, "2022-07", "employer").deferred);
  EXPECT_EQ(Row(after, "2022-07", "employer").late_fee_fen, 245);
  EXPECT_EQ(Row(after, "2022-07", "employer").late_fee_waived_fen, 0);
  EXPECT_TRUE(after.grants.empty());
}

TEST_F(R11ViewsTest, R11_OverdueAndNextDueFollowTheAsOfDate) {
  SetHistory(std::string(kHead));
  // As of the due date 08-01: nothing overdue (due_date not before as_of);
  // next due 08-01, 45 000.
  const Projection on_due = Fold("2022-08-01");
  EXPECT_EQ(on_due.totals.overdue_fen, 0);
  ASSERT_TRUE(on_due.next_due.has_value());
  EXPECT_EQ(FormatDate(on_due.next_due->date), "2022-08-01");
  EXPECT_EQ(on_due.next_due->amount_fen, 45000);
  // The day after: 45 000 overdue, nothing due later.
  const Projection after = Fold("2022-08-02");
  EXPECT_EQ(after.totals.overdue_fen, 45000);
  EXPECT_FALSE(after.next_due.has_value());
}

}  // namespace
}  // namespace ledger::testing
