// R4 Late fees: for each day d with D < d <= as_of, outstanding(d) x rate,
// outstanding(d) counting payments with paid_date < d (the payment day
// accrues); simple interest; the employer bears it on the employee part too;
// rounded once per row; optional cap at the row's principal.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "ledger/domain/late_fee.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

using absl::CivilDay;

class R4LateFeeTest : public FoldTest {};

constexpr std::string_view kZhangye =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";
// June, E1 base 500 000: employer 35 000, employee 10 000, due Thursday 2022-06-30.
constexpr std::string_view kJune =
    R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n";
// June, E1 base 100 000: employer 7 000, employee 2 000.
constexpr std::string_view kSmallJune =
    R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":100000}]})"
    "\n";

void SetDueDay15(v1::RuleSet& r) { r.mutable_pooling_areas(0)->mutable_due()->set_day(15); }

TEST_F(R4LateFeeTest, R4_PaymentDayCounts) {
  // Zhangye edited to due {0, 15}: March is due Tuesday 2022-03-15.
  // E1 base 100 000: employer 7 000, employee 2 000; both paid (9 000) on
  // 2022-04-24. Days 03-16..04-24 = 16 + 24 = 40 (算尾不算头).
  // Employer 7 000 x 40 x 5 = 1 400 000 units = 140 (39 days would be 136.5 -> 137).
  // Employee 2 000 x 40 x 5 = 400 000 = 40 (39 days: 39).
  rules_ = EditedRules(SetDueDay15);
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a3","type":"contribution_assessed","employer_id":"A","effective_date":"2022-03-05","period":"2022-03","lines":[{"employee_id":"E1","base_fen":100000}]}
{"event_id":"p3","type":"contribution_paid","employer_id":"A","effective_date":"2022-04-24","amount_fen":9000})");
  const Projection p = Fold("2022-05-31");
  EXPECT_EQ(FormatDate(Row(p, "2022-03", "employer").due_date), "2022-03-15");
  EXPECT_EQ(Row(p, "2022-03", "employer").late_fee_fen, 140);
  EXPECT_EQ(Row(p, "2022-03", "employee").late_fee_fen, 40);
  EXPECT_EQ(p.totals.outstanding_fen, 0);
  // As of the payment day the fee is already complete; the day before it is 39 days.
  EXPECT_EQ(Fold("2022-04-24").totals.late_fee_fen, 180);
  // 39 days: 7 000 x 39 x 5 = 1 365 000 -> 136.5 -> 137; 2 000 x 39 x 5 = 390 000 -> 39.
  EXPECT_EQ(Fold("2022-04-23").totals.late_fee_fen, 176);
  // The same arithmetic directly: one allocation of 7 000 on 04-24.
  const std::vector<DatedAmount> paid = {DatedAmount{CivilDay(2022, 4, 24), 7000}};
  EXPECT_EQ(AccruedFeeUnits(7000, paid, CivilDay(2022, 3, 15), CivilDay(2022, 5, 31), 5),
            1400000);
}

TEST_F(R4LateFeeTest, R4_SpecExample2227) {
  // 114 187 fen due 2022-06-15, unpaid, as of 2022-07-24: 06-16..06-30 = 15,
  // 07-01..07-24 = 24, 39 days; 114 187 x 39 x 5 = 22 266 465 units
  // = 2 226.6465 -> 2 227.
  EXPECT_EQ(AccruedFeeUnits(114187, {}, CivilDay(2022, 6, 15), CivilDay(2022, 7, 24), 5),
            22266465);
  // Through the fold: Zhangye edited to due {0, 15} (06-15 is a Wednesday);
  // base 1 631 243 x 700 = 1 141 870 100 -> 114 187.01 -> 114 187 employer;
  // employee 1 631 243 x 200 = 326 248 600 -> 32 624.86 -> 32 625, fee
  // 32 625 x 39 x 5 = 6 361 875 -> 636.1875 -> 636.
  rules_ = EditedRules(SetDueDay15);
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":1631243}]})");
  const Projection p = Fold("2022-07-24");
  EXPECT_EQ(Row(p, "2022-06", "employer").principal_fen, 114187);
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 2227);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 636);
  EXPECT_EQ(p.totals.late_fee_fen, 2863);
  EXPECT_EQ(p.totals.late_fee_outstanding_fen, 2863);
}

TEST_F(R4LateFeeTest, R4_NoFeeUntilTheDayAfterDue) {
  // June due 06-30: as of 06-30 nothing; as of 07-01 one day:
  // employer 35 000 x 5 = 175 000 -> 17.5 -> 18; employee 10 000 x 5 = 50 000 -> 5.
  SetHistory(std::string(kZhangye) + std::string(kJune));
  EXPECT_EQ(Fold("2022-06-30").totals.late_fee_fen, 0);
  const Projection p = Fold("2022-07-01");
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 18);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 5);
}

TEST_F(R4LateFeeTest, R4_PartialPaymentLowersOutstandingFromTheNextDay) {
  // June employer 35 000 due 06-30; 15 000 paid (component employer) 07-10.
  // As of 07-31: 35 000 x 10 d (07-01..07-10) + 20 000 x 21 d (07-11..07-31)
  // = 770 000 fen-days x 5 = 3 850 000 -> 385.
  // Employee 10 000 unpaid 31 d: 1 550 000 -> 155.
  SetHistory(std::string(kZhangye) + std::string(kJune) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":15000,"component":"employer"})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(Row(p, "2022-06", "employer").paid_fen, 15000);
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 385);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 155);
}

TEST_F(R4LateFeeTest, R4_LateDeclarationAccruesFromOriginalDue) {
  // June declared late on 07-20: still due 06-30, so as of 07-31 the
  // employer part has 31 days: 35 000 x 31 x 5 = 5 425 000 -> 542.5 -> 543;
  // employee 10 000 x 31 x 5 = 1 550 000 -> 155.
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-20","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 543);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 155);
}

TEST_F(R4LateFeeTest, R4_CapAtPrincipal) {
  // rate 100 bp/day, cap on. June employer 7 000 / employee 2 000, due 06-30,
  // unpaid; as of 12-31: 31 + 31 + 30 + 31 + 30 + 31 = 184 days.
  // Employer 7 000 x 184 x 100 / 10 000 = 12 880 -> capped at 7 000;
  // employee 2 000 x 184 x 100 / 10 000 = 3 680 -> capped at 2 000.
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_late_fee()->set_rate_bp_per_day(100);
    r.mutable_late_fee()->set_cap_at_principal(true);
  });
  SetHistory(std::string(kZhangye) + std::string(kSmallJune));
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 7000);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 2000);
  EXPECT_EQ(p.totals.late_fee_fen, 9000);
  // Before the cap bites, as of 07-31 (31 d): 7 000 x 31 x 100 / 10 000 = 2 170.
  EXPECT_EQ(Row(Fold("2022-07-31"), "2022-06", "employer").late_fee_fen, 2170);
}

TEST_F(R4LateFeeTest, R4_CapIsTheRowsPrincipalNotItsOutstanding) {
  // As above, but 3 500 of the employer part paid on the due date 06-30
  // (component employer): outstanding 3 500 from 07-01; fee to 12-31 =
  // 3 500 x 184 x 100 / 10 000 = 6 440 < principal 7 000: not capped (a cap
  // at the outstanding 3 500 would be wrong).
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_late_fee()->set_rate_bp_per_day(100);
    r.mutable_late_fee()->set_cap_at_principal(true);
  });
  SetHistory(std::string(kZhangye) + std::string(kSmallJune) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-06-30","amount_fen":3500,"component":"employer"})");
  EXPECT_EQ(Row(Fold("2022-12-31"), "2022-06", "employer").late_fee_fen, 6440);
}

TEST_F(R4LateFeeTest, R4_CapOffByDefault) {
  // Same history, rate 100 bp, cap false: 12 880 and 3 680 uncapped.
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_late_fee()->set_rate_bp_per_day(100); });
  SetHistory(std::string(kZhangye) + std::string(kSmallJune));
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 12880);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 3680);
}

TEST_F(R4LateFeeTest, R4_WaivedFigureIsNeverCapped) {
  // rate 100 bp (the plausible maximum), cap on, catch-up deadline Friday
  // 2022-12-30. Grant Jul-Sep; July E1 base 100 000: employer 7 000
  // deferred 08-01 -> 12-30. As of 2023-04-30:
  // waived 7 000 x 151 d (08-02..12-30: 30+30+31+30+30) x 100 / 10 000
  //   = 10 570 (> 7 000, not capped);
  // fee 7 000 x 121 d (12-31..04-30: 1+31+28+31+30) x 100 / 10 000
  //   = 8 470 -> capped 7 000.
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_late_fee()->set_rate_bp_per_day(100);
    r.mutable_late_fee()->set_cap_at_principal(true);
    r.mutable_deferral_policies(0)->set_catch_up_deadline("2022-12-30");
  });
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":100000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})");
  const Projection p = Fold("2023-04-30");
  EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer").due_date), "2022-12-30");
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_waived_fen, 10570);
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_fen, 7000);
}

TEST_F(R4LateFeeTest, R4_NeverCompounded) {
  // June employer 35 000 unpaid; the fee is linear in the days, never on fees.
  // As of 2022-12-31: 184 d -> 35 000 x 184 x 5 = 32 200 000 -> 3 220.
  // As of 2023-06-30: 365 d -> 63 875 000 -> 6 387.5 -> 6 388.
  SetHistory(std::string(kZhangye) + std::string(kJune));
  EXPECT_EQ(Row(Fold("2022-12-31"), "2022-06", "employer").late_fee_fen, 3220);
  const Projection p = Fold("2023-06-30");
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 6388);
  EXPECT_EQ(Row(p, "2022-06", "employer").outstanding_fen(), 35000);
  // Employee 10 000 x 365 x 5 = 18 250 000 -> 1 825.
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 1825);
}

TEST_F(R4LateFeeTest, R4_NeverCompoundedPayingFeesDoesNotChangeAccrual) {
  // As above plus a late-fee payment of 1 000 on 2022-12-31. Rows in R10
  // order: June employee first (fee through 12-31: 10 000 x 184 x 5 =
  // 9 200 000 -> 920), then June employer (80 of its 3 220).
  // As of 2023-06-30 the accrual is unchanged: 6 388 and 1 825; principal
  // outstanding unchanged (fees never reduce or add to principal).
  SetHistory(std::string(kZhangye) + std::string(kJune) +
             R"({"event_id":"lf","type":"contribution_paid","employer_id":"A","effective_date":"2022-12-31","amount_fen":1000,"component":"late_fee"})");
  const Projection p = Fold("2023-06-30");
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_paid_fen, 920);
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_paid_fen, 80);
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 6388);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 1825);
  EXPECT_EQ(p.totals.late_fee_outstanding_fen, 6388 + 1825 - 1000);
  EXPECT_EQ(p.totals.outstanding_fen, 45000);
}

TEST_F(R4LateFeeTest, R4_FeeOnEmployeePart) {
  // The employee part (withheld from wages) accrues its fee like any other,
  // borne by the employer: employee 10 000 paid late on 07-31 (component
  // employee), 31 days -> 10 000 x 31 x 5 = 1 550 000 -> 155; the employer
  // part 35 000 unpaid 31 d -> 543 (542.5).
  SetHistory(std::string(kZhangye) + std::string(kJune) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-31","amount_fen":10000,"component":"employee"})");
  const Projection p = Fold("2022-08-31");
  const ObligationRow& employee = Row(p, "2022-06", "employee");
  EXPECT_EQ(employee.outstanding_fen(), 0);
  EXPECT_EQ(employee.late_fee_fen, 155);
  // Employer as of 08-31: 62 days -> 35 000 x 62 x 5 = 10 850 000 -> 1 085.
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 1085);
  EXPECT_EQ(p.totals.late_fee_fen, 1240);
}

TEST_F(R4LateFeeTest, R4_RateBpPerDayIsAParameter) {
  // 10 bp/day: June employer 35 000, 31 days to 07-31:
  // 35 000 x 31 x 10 = 10 850 000 -> 1 085 (5 bp would give 542.5 -> 543).
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_late_fee()->set_rate_bp_per_day(10); });
  SetHistory(std::string(kZhangye) + std::string(kJune));
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 1085);
  // Employee 10 000 x 31 x 10 = 3 100 000 -> 310.
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 310);
}

}  // namespace
}  // namespace ledger::testing
