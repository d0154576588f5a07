// R6 What a grant does: every employer part of F..L (assessed before or after
// the grant) is due at max(original due, catch-up), the catch-up being the
// policy's deadline or catch_up_due counted from L, rolled like R2; the fee
// those days would have accrued is reported as waived (to as_of at most);
// after the effective due date fees accrue as usual.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R6DeferralTest : public FoldTest {};

constexpr std::string_view kRegistered =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";
// E1 base 500 000: employer 35 000, employee 10 000 a month.
constexpr std::string_view kJuly =
    R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n";
constexpr std::string_view kAugust =
    R"({"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n";
constexpr std::string_view kSeptember =
    R"({"event_id":"a9","type":"contribution_assessed","employer_id":"A","effective_date":"2022-09-05","period":"2022-09","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n";
constexpr std::string_view kGrantJulSep =
    R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})"
    "\n";

std::string Base() {
  return std::string(kRegistered) + std::string(kJuly) + std::string(kGrantJulSep);
}

TEST_F(R6DeferralTest, R6_CatchUpIsMonthAfterLastPeriod) {
  // gs-2022 catch_up_due {1, 0}: L = 2022-09 -> 2022-10-31 (a Monday).
  // Every employer part of Jul..Sep: max(original, 10-31) = 10-31.
  SetHistory(Base() + std::string(kAugust) + std::string(kSeptember));
  const Projection p = Fold("2022-12-31");
  for (std::string_view period : {"2022-07", "2022-08", "2022-09"}) {
    const ObligationRow& row = Row(p, period, "employer");
    EXPECT_TRUE(row.deferred) << period;
    EXPECT_EQ(FormatDate(row.due_date), "2022-10-31") << period;
  }
  EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer").original_due_date), "2022-08-01");
  EXPECT_EQ(FormatDate(Row(p, "2022-08", "employer").original_due_date), "2022-08-31");
  EXPECT_EQ(FormatDate(Row(p, "2022-09", "employer").original_due_date), "2022-09-30");
  // Jul-Aug: L = 2022-08 -> 2022-09-30 (a Friday).
  SetHistory(std::string(kRegistered) + std::string(kJuly) +
             R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-08","policy_id":"gs-2022","basis":"automatic"})");
  EXPECT_EQ(FormatDate(Row(Fold("2022-12-31"), "2022-07", "employer").due_date), "2022-09-30");
}

TEST_F(R6DeferralTest, R6_CatchUpOfJinanGrant) {
  // Jinan sd-2022 Aug-Oct: L = 2022-10 -> 2022-11-30 (a Wednesday). August's
  // original due 08-25; base 800 000 at 750 bp -> 60 000 deferred.
  SetHistory(
      R"({"event_id":"r1","type":"employer_registered","employer_id":"J","effective_date":"2020-03-01","name":"乙","pooling_area":"370100","entity_type":"enterprise","size_class":"small"}
{"event_id":"a8","type":"contribution_assessed","employer_id":"J","effective_date":"2022-08-10","period":"2022-08","lines":[{"employee_id":"W1","base_fen":800000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"J","effective_date":"2022-08-16","first_period":"2022-08","last_period":"2022-10","policy_id":"sd-2022","basis":"automatic"})");
  const Projection p = Fold("2022-11-30");
  const ObligationRow& row = Row(p, "2022-08", "employer");
  EXPECT_EQ(FormatDate(row.original_due_date), "2022-08-25");
  EXPECT_EQ(FormatDate(row.due_date), "2022-11-30");
  EXPECT_EQ(row.principal_fen, 60000);
  // Waived 08-26..11-30 = 6 + 30 + 31 + 30 = 97 days: 60 000 x 97 x 5 =
  // 29 100 000 -> 2 910. Fee 0 (as_of = due date).
  EXPECT_EQ(row.late_fee_waived_fen, 2910);
  EXPECT_EQ(row.late_fee_fen, 0);
}

TEST_F(R6DeferralTest, R6_CatchUpRollsToWorkingDay) {
  // catch_up_due edited to {1, 1}: L = 2022-09 -> 2022-10-01, a holiday
  // (10-01..10-07) -> Saturday 2022-10-08, a make-up workday.
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_deferral_policies(0)->mutable_catch_up_due()->set_day(1);
  });
  SetHistory(Base());
  const Projection p = Fold("2022-12-31");
  const ObligationRow& row = Row(p, "2022-07", "employer");
  EXPECT_EQ(FormatDate(row.due_date), "2022-10-08");
  // Waived 08-02..10-08 = 30 + 30 + 8 = 68 d: 35 000 x 68 x 5 = 11 900 000 -> 1 190.
  EXPECT_EQ(row.late_fee_waived_fen, 1190);
  // Fee 10-09..12-31 = 23 + 30 + 31 = 84 d: 35 000 x 84 x 5 = 14 700 000 -> 1 470.
  EXPECT_EQ(row.late_fee_fen, 1470);
}

TEST_F(R6DeferralTest, R6_CatchUpDueIsAParameter) {
  // catch_up_due {0, 0}: L = 2022-09 -> 2022-09-30 (a Friday).
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_deferral_policies(0)->mutable_catch_up_due()->set_month_offset(0);
  });
  SetHistory(Base());
  EXPECT_EQ(FormatDate(Row(Fold("2022-12-31"), "2022-07", "employer").due_date), "2022-09-30");
  // catch_up_due {0, 0} and a Jul-Jul grant: L = 07 -> 07-31 (Sunday) ->
  // 08-01, the original due date itself: max(08-01, 08-01), nothing waived.
  SetHistory(std::string(kRegistered) + std::string(kJuly) +
             R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-07","policy_id":"gs-2022","basis":"automatic"})");
  const Projection projection = Fold("2022-08-31");
  const ObligationRow& row = Row(projection, "2022-07", "employer");
  EXPECT_EQ(FormatDate(row.due_date), "2022-08-01");
  EXPECT_EQ(row.late_fee_waived_fen, 0);
  // Fee 08-02..08-31 = 30 d: 35 000 x 30 x 5 = 5 250 000 -> 525.
  EXPECT_EQ(row.late_fee_fen, 525);
}

TEST_F(R6DeferralTest, R6_CatchUpDeadlineOverrides) {
  // catch_up_deadline 2022-12-15 (a Thursday) replaces catch_up_due.
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_deferral_policies(0)->set_catch_up_deadline("2022-12-15");
  });
  SetHistory(Base());
  EXPECT_EQ(FormatDate(Row(Fold("2022-12-31"), "2022-07", "employer").due_date), "2022-12-15");
}

TEST_F(R6DeferralTest, R6_CatchUpNeverBeforeOriginalDue) {
  // catch_up_deadline 2022-08-15, the window narrowed to 2022-07..2022-08
  // (a deadline before the window's last period is implausible,
  // rules_plausibility.h) and the grant to Jul-Aug: July max(08-01, 08-15)
  // = 08-15; August (original 08-31) max(08-31, 08-15) = 08-31.
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_deferral_policies(0)->set_catch_up_deadline("2022-08-15");
    r.mutable_deferral_policies(0)->mutable_window()->set_last("2022-08");
  });
  SetHistory(std::string(kRegistered) + std::string(kJuly) +
             R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-08","policy_id":"gs-2022","basis":"automatic"})"
             "\n" + std::string(kAugust));
  const Projection p = Fold("2022-09-30");
  const ObligationRow& july = Row(p, "2022-07", "employer");
  EXPECT_EQ(FormatDate(july.due_date), "2022-08-15");
  // Waived 08-02..08-15 = 14 d: 35 000 x 14 x 5 = 2 450 000 -> 245.
  EXPECT_EQ(july.late_fee_waived_fen, 245);
  // Fee 08-16..09-30 = 16 + 30 = 46 d: 35 000 x 46 x 5 = 8 050 000 -> 805.
  EXPECT_EQ(july.late_fee_fen, 805);
  const ObligationRow& august = Row(p, "2022-08", "employer");
  EXPECT_EQ(FormatDate(august.due_date), "2022-08-31");
  EXPECT_TRUE(august.deferred);
  EXPECT_EQ(august.late_fee_waived_fen, 0);
  // Fee 09-01..09-30 = 30 d: 5 250 000 -> 525.
  EXPECT_EQ(august.late_fee_fen, 525);
}

TEST_F(R6DeferralTest, R6_PartsAssessedAfterGrantAreDeferred) {
  // August (08-05) and September (09-05) are assessed after the 07-15 grant:
  // deferred to 10-31 all the same. October (outside F..L) is not deferred,
  // though its own due date is also 10-31. June, declared late on 07-20, is
  // before F: not deferred, due 06-30.
  SetHistory(Base() + std::string(kAugust) + std::string(kSeptember) +
             R"({"event_id":"a10","type":"contribution_assessed","employer_id":"A","effective_date":"2022-10-05","period":"2022-10","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-20","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]})");
  const Projection p = Fold("2022-10-31");
  EXPECT_TRUE(Row(p, "2022-08", "employer").deferred);
  EXPECT_EQ(FormatDate(Row(p, "2022-08", "employer").due_date), "2022-10-31");
  EXPECT_TRUE(Row(p, "2022-09", "employer").deferred);
  EXPECT_FALSE(Row(p, "2022-10", "employer").deferred);
  EXPECT_EQ(FormatDate(Row(p, "2022-10", "employer").due_date), "2022-10-31");
  EXPECT_FALSE(Row(p, "2022-06", "employer").deferred);
  EXPECT_EQ(FormatDate(Row(p, "2022-06", "employer").due_date), "2022-06-30");
  // Waived on August: 09-01..10-31 = 61 d: 35 000 x 61 x 5 = 10 675 000 -> 1 067.5 -> 1 068.
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_waived_fen, 1068);
  // September: 10-01..10-31 = 31 d: 5 425 000 -> 542.5 -> 543.
  EXPECT_EQ(Row(p, "2022-09", "employer").late_fee_waived_fen, 543);
  EXPECT_EQ(Row(p, "2022-10", "employer").late_fee_waived_fen, 0);
}

TEST_F(R6DeferralTest, R6_PartAssessedAfterCatchUpDateAccruesFromIt) {
  // A supplementary September declaration on 11-10 (E3 base 300 000:
  // employer 21 000) is deferred too: due max(09-30, 10-31) = 10-31, and as
  // a late declaration accrues from that date (R4). As of 11-30 the
  // September employer row (35 000 + 21 000 = 56 000) has 30 days (11-01..11-30):
  // 56 000 x 30 x 5 = 8 400 000 -> 840.
  SetHistory(Base() + std::string(kSeptember) +
             R"({"event_id":"a9s","type":"contribution_assessed","employer_id":"A","effective_date":"2022-11-10","period":"2022-09","lines":[{"employee_id":"E3","base_fen":300000}]})");
  const Projection p = Fold("2022-11-30");
  const ObligationRow& row = Row(p, "2022-09", "employer");
  EXPECT_EQ(row.principal_fen, 56000);
  EXPECT_EQ(FormatDate(row.due_date), "2022-10-31");
  EXPECT_EQ(row.late_fee_fen, 840);
  // Waived 10-01..10-31 = 31 d on 56 000: 8 680 000 -> 868.
  EXPECT_EQ(row.late_fee_waived_fen, 868);
}

TEST_F(R6DeferralTest, R6_WaivedFeeToAsOfAtMost) {
  SetHistory(Base());
  // As of the original due date 08-01: nothing waived yet.
  EXPECT_EQ(Row(Fold("2022-08-01"), "2022-07", "employer").late_fee_waived_fen, 0);
  // 08-02: one day, 35 000 x 5 = 175 000 -> 17.5 -> 18.
  EXPECT_EQ(Row(Fold("2022-08-02"), "2022-07", "employer").late_fee_waived_fen, 18);
  // 09-15: 08-02..09-15 = 30 + 15 = 45 d: 7 875 000 -> 787.5 -> 788.
  EXPECT_EQ(Row(Fold("2022-09-15"), "2022-07", "employer").late_fee_waived_fen, 788);
  // Past the catch-up date the waiver stops at 10-31: 91 d, 15 925 000 -> 1 593.
  EXPECT_EQ(Row(Fold("2022-10-31"), "2022-07", "employer").late_fee_waived_fen, 1593);
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_waived_fen, 1593);
  EXPECT_EQ(p.totals.late_fee_waived_fen, 1593);
}

TEST_F(R6DeferralTest, R6_WaivedFeeCountsPaymentsDuringDeferral) {
  // 20 000 caught up on 08-31. Waived to 10-31: 35 000 x 30 d (08-02..08-31,
  // the payment day counts) + 15 000 x 61 d (09-01..10-31) = 1 965 000
  // fen-days x 5 = 9 825 000 -> 982.5 -> 983.
  // Fee after: 15 000 x 61 d (11-01..12-31) x 5 = 4 575 000 -> 457.5 -> 458.
  SetHistory(Base() +
             R"({"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-08-31","amount_fen":20000})");
  const Projection projection = Fold("2022-12-31");
  const ObligationRow& row = Row(projection, "2022-07", "employer");
  EXPECT_EQ(row.paid_fen, 20000);
  EXPECT_EQ(row.late_fee_waived_fen, 983);
  EXPECT_EQ(row.late_fee_fen, 458);
}

TEST_F(R6DeferralTest, R6_FeesAccrueAfterCatchUp) {
  SetHistory(Base());
  // Nothing accrues up to the effective due date 10-31.
  EXPECT_EQ(Row(Fold("2022-10-31"), "2022-07", "employer").late_fee_fen, 0);
  // 11-01: 1 day -> 17.5 -> 18.
  EXPECT_EQ(Row(Fold("2022-11-01"), "2022-07", "employer").late_fee_fen, 18);
  // 12-31: 61 d -> 35 000 x 61 x 5 = 10 675 000 -> 1 067.5 -> 1 068.
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_fen, 1068);
  // The employee part accrued from 08-01 all along: 152 d (08-02..12-31):
  // 10 000 x 152 x 5 = 7 600 000 -> 760.
  EXPECT_EQ(Row(p, "2022-07", "employee").late_fee_fen, 760);
  EXPECT_EQ(p.totals.late_fee_fen, 1828);
  EXPECT_EQ(p.totals.overdue_fen, 45000);
}

TEST_F(R6DeferralTest, R6_GrantInViewOnlyFromItsEffectiveDate) {
  // As of 07-14 the grant (07-15) is not in the view: July employer not
  // deferred, due 08-01.
  SetHistory(Base());
  const Projection before = Fold("2022-07-14");
  EXPECT_FALSE(Row(before, "2022-07", "employer").deferred);
  EXPECT_EQ(FormatDate(Row(before, "2022-07", "employer").due_date), "2022-08-01");
  ASSERT_TRUE(before.next_due.has_value());
  // next_due: both July rows due 08-01: 45 000.
  EXPECT_EQ(before.next_due->amount_fen, 45000);
  const Projection after = Fold("2022-07-15");
  ASSERT_TRUE(after.next_due.has_value());
  EXPECT_EQ(FormatDate(after.next_due->date), "2022-08-01");
  EXPECT_EQ(after.next_due->amount_fen, 10000);
}

}  // namespace
}  // namespace ledger::testing
