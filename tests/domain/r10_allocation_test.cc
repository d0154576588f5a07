// R10 Payment allocation: fold by effective date (other events before
// payments within a day, then sequence); a payment settles only parts
// assessed by its date, in order: not deferred first, then original due
// date, period, component (employee first), employee_id; the rest is credit,
// never applied later. catch_up_paid: deferred employer parts only. Late-fee
// payments: rows' fees accrued through the paid date. "Deferred" is decided
// on the whole view.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R10AllocationTest : public FoldTest {
 protected:
  static const Part& PartOf(const Projection& p, std::string_view period,
                            std::string_view component, std::string_view employee) {
    for (const Part& part : p.parts) {
      if (FormatMonth(part.period()) == period &&
          (component == "employer") == (part.component == v1::COMPONENT_EMPLOYER) &&
          part.employee_id == employee) {
        return part;
      }
    }
    ADD_FAILURE() << "no part " << period << " " << component << " " << employee;
    static const Part kMissing;
    return kMissing;
  }
};

constexpr std::string_view kRegistered =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"}
)";
// E1 base 500 000: employer 35 000, employee 10 000.
constexpr std::string_view kJune =
    R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]}
)";
constexpr std::string_view kJuly =
    R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]}
)";
constexpr std::string_view kAugust =
    R"({"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000}]}
)";
constexpr std::string_view kGrant =
    R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"}
)";

TEST_F(R10AllocationTest, R10_NotDeferredBeforeDeferred) {
  // 30 000 with no filter on 08-31. Candidates: July employee (not deferred,
  // 08-01), August employee (not deferred, 08-31), July employer (deferred,
  // 08-01), August employer (deferred, 08-31). Not deferred first:
  // July employee 10 000, August employee 10 000, July employer 10 000.
  // (By original due date alone July employer would take 20 000 and August
  // employee nothing.)
  SetHistory(std::string(kRegistered) + std::string(kJuly) + std::string(kGrant) +
             std::string(kAugust) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-31","amount_fen":30000})");
  const Projection p = Fold("2022-09-30");
  EXPECT_EQ(Row(p, "2022-07", "employee").paid_fen, 10000);
  EXPECT_EQ(Row(p, "2022-08", "employee").paid_fen, 10000);
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 10000);
  EXPECT_EQ(Row(p, "2022-08", "employer").paid_fen, 0);
  EXPECT_EQ(p.credit_fen, 0);
  // The August employee part, paid on its due date 08-31, accrues nothing.
  EXPECT_EQ(Row(p, "2022-08", "employee").late_fee_fen, 0);
}

TEST_F(R10AllocationTest, R10_OrderByOriginalDueThenPeriodThenComponentThenEmployee) {
  // June lines E2, e1, E10 (base 100 000: employer 7 000, employee 2 000
  // each), July E1 (same). No grant. 14 000 with no filter on 07-10.
  // (Within one pooling area distinct periods have distinct original due
  // dates, so the period key orders the same way as the due date here.)
  // Order: June employee by employee_id in byte order "E10" < "E2" < "e1",
  // then June employer likewise, then July:
  //   June employee E10 2 000, E2 2 000, e1 2 000, June employer E10 7 000,
  //   E2 1 000; June employer e1 0; July nothing.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E2","base_fen":100000},{"employee_id":"e1","base_fen":100000},{"employee_id":"E10","base_fen":100000}]}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":100000}]}
{"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":14000})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(PartOf(p, "2022-06", "employee", "E10").paid_fen, 2000);
  EXPECT_EQ(PartOf(p, "2022-06", "employee", "E2").paid_fen, 2000);
  EXPECT_EQ(PartOf(p, "2022-06", "employee", "e1").paid_fen, 2000);
  EXPECT_EQ(PartOf(p, "2022-06", "employer", "E10").paid_fen, 7000);
  EXPECT_EQ(PartOf(p, "2022-06", "employer", "E2").paid_fen, 1000);
  EXPECT_EQ(PartOf(p, "2022-06", "employer", "e1").paid_fen, 0);
  EXPECT_EQ(PartOf(p, "2022-07", "employee", "E1").paid_fen, 0);
  EXPECT_EQ(Row(p, "2022-06", "employer").paid_fen, 8000);
}

TEST_F(R10AllocationTest, R10_DeferredPartsOrderedByOriginalNotEffectiveDue) {
  // E1 and E2 (base 420 000: employer 29 400) in July and August; grant
  // Jul-Sep; E2 separated 08-20 (July E2 due 08-20, August E2 due 08-31,
  // E1 parts due 10-31). Catch-up 70 000 on 09-10: by original due date,
  // then employee_id: July E1 35 000, July E2 29 400, August E1 5 600.
  // (By effective due date July E2 and August E2 would come first.)
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
)" + std::string(kGrant) +
             R"({"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"s2","type":"employee_separated","employer_id":"A","effective_date":"2022-08-20","employee_id":"E2"}
{"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-09-10","amount_fen":70000})");
  const Projection p = Fold("2022-09-30");
  EXPECT_EQ(Row(p, "2022-07", "employer", "").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-07", "employer", "E2").paid_fen, 29400);
  EXPECT_EQ(Row(p, "2022-08", "employer", "").paid_fen, 5600);
  EXPECT_EQ(Row(p, "2022-08", "employer", "E2").paid_fen, 0);
}

TEST_F(R10AllocationTest, R10_PaymentSettlesOnlyPartsAssessedByItsDate) {
  // 50 000 on 07-20 with only July assessed (07-05): July employee 10 000,
  // July employer 35 000, 5 000 credit. June is declared late on 07-25: the
  // earlier payment cannot reach it; June accrues from 06-30:
  // employer 35 000 x 31 d x 5 = 5 425 000 -> 542.5 -> 543, employee 155.
  SetHistory(std::string(kRegistered) + std::string(kJuly) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-20","amount_fen":50000}
{"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-25","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-07", "employee").paid_fen, 10000);
  EXPECT_EQ(Row(p, "2022-06", "employer").paid_fen, 0);
  EXPECT_EQ(Row(p, "2022-06", "employee").paid_fen, 0);
  EXPECT_EQ(p.credit_fen, 5000);
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 543);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 155);
}

TEST_F(R10AllocationTest, R10_SameDayAssessmentComesBeforePayment) {
  // The payment is recorded (sequenced) before the assessment, both on
  // 08-05: within a day every other event comes before payments, so the
  // 45 000 settles August in full (assessed "on or before its date").
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-05","amount_fen":45000}
)" + std::string(kAugust));
  const Projection p = Fold("2022-09-30");
  EXPECT_EQ(Row(p, "2022-08", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-08", "employee").paid_fen, 10000);
  EXPECT_EQ(p.credit_fen, 0);
}

TEST_F(R10AllocationTest, R10_SameDayPaymentsFoldInSequenceOrder) {
  // June and July unpaid (July assessed 07-05). Two payments on 07-10:
  // 40 000 unfiltered and 10 000 for component employee.
  // Unfiltered first: June employee 10 000, June employer 30 000; then the
  // employee payment finds June employee paid: July employee 10 000.
  SetHistory(std::string(kRegistered) + std::string(kJune) + std::string(kJuly) +
             R"({"event_id":"p2","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":40000}
{"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":10000,"component":"employee"})");
  const Projection r = Fold("2022-07-31");
  EXPECT_EQ(Row(r, "2022-06", "employer").paid_fen, 30000);
  EXPECT_EQ(Row(r, "2022-07", "employee").paid_fen, 10000);
  // Employee payment first: June employee 10 000; then the unfiltered one:
  // June employer 35 000, July employee 5 000.
  SetHistory(std::string(kRegistered) + std::string(kJune) + std::string(kJuly) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":10000,"component":"employee"}
{"event_id":"p2","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":40000})");
  const Projection s = Fold("2022-07-31");
  EXPECT_EQ(Row(s, "2022-06", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(s, "2022-07", "employee").paid_fen, 5000);
}

TEST_F(R10AllocationTest, R10_CreditIsNeverAppliedLater) {
  // 50 000 on 07-20 against July's 45 000: 5 000 credit. August, assessed
  // 08-05, does not draw on it: unpaid, accruing from 08-31. As of 09-30:
  // August employer 35 000 x 30 d x 5 = 5 250 000 -> 525; employee 150.
  SetHistory(std::string(kRegistered) + std::string(kJuly) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-20","amount_fen":50000}
)" + std::string(kAugust));
  const Projection p = Fold("2022-09-30");
  EXPECT_EQ(p.credit_fen, 5000);
  ASSERT_EQ(p.credit_from.size(), 1u);
  EXPECT_EQ(p.credit_from[0], "p1");
  EXPECT_EQ(Row(p, "2022-08", "employer").paid_fen, 0);
  EXPECT_EQ(Row(p, "2022-08", "employee").paid_fen, 0);
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_fen, 525);
  EXPECT_EQ(Row(p, "2022-08", "employee").late_fee_fen, 150);
  EXPECT_EQ(p.totals.paid_fen, 45000);
  EXPECT_EQ(p.totals.outstanding_fen, 45000);
}

TEST_F(R10AllocationTest, R10_CatchUpSettlesOnlyDeferredEmployerParts) {
  // Grant Jul-Sep; July and August assessed. Catch-up 50 000 on 09-10:
  // deferred employer parts by original due: July employer 35 000, August
  // employer 15 000; the overdue employee parts get nothing. Catch-up
  // 30 000 on 09-20: August employer 20 000, 10 000 credit.
  SetHistory(std::string(kRegistered) + std::string(kJuly) + std::string(kGrant) +
             std::string(kAugust) +
             R"({"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-09-10","amount_fen":50000}
{"event_id":"c2","type":"catch_up_paid","employer_id":"A","effective_date":"2022-09-20","amount_fen":30000})");
  const Projection p = Fold("2022-09-30");
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-08", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-07", "employee").paid_fen, 0);
  EXPECT_EQ(Row(p, "2022-08", "employee").paid_fen, 0);
  EXPECT_EQ(p.credit_fen, 10000);
}

TEST_F(R10AllocationTest, R10_CatchUpFiltersAndFindsNothingNotDeferred) {
  // June is not deferred: a catch-up on 07-03 (July not yet assessed) finds
  // no deferred part: all 5 000 is credit; so is a catch-up of 3 000 for
  // period 2022-06 on 09-10. A catch-up of 10 000 for period 2022-08 on
  // 09-10 goes to August employer only.
  SetHistory(std::string(kRegistered) + std::string(kJune) +
             R"({"event_id":"c0","type":"catch_up_paid","employer_id":"A","effective_date":"2022-07-03","amount_fen":5000}
)" + std::string(kJuly) + std::string(kGrant) + std::string(kAugust) +
             R"({"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-09-10","amount_fen":10000,"period":"2022-08"}
{"event_id":"c6","type":"catch_up_paid","employer_id":"A","effective_date":"2022-09-10","amount_fen":3000,"period":"2022-06"})");
  const Projection p = Fold("2022-09-30");
  EXPECT_EQ(p.credit_fen, 8000);
  EXPECT_EQ(Row(p, "2022-06", "employer").paid_fen, 0);
  EXPECT_EQ(Row(p, "2022-08", "employer").paid_fen, 10000);
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 0);
}

TEST_F(R10AllocationTest, R10_LateFeePaymentsOnlyToAccruedFees) {
  // June unpaid (employer 35 000, employee 10 000, due 06-30). A late-fee
  // payment of 1 000 on 07-10: fees accrued through 07-10 (10 days):
  // employee 10 000 x 10 x 5 = 500 000 -> 50 (first: employee before
  // employer), employer 35 000 x 10 x 5 = 1 750 000 -> 175; 775 credit;
  // principal untouched.
  SetHistory(std::string(kRegistered) + std::string(kJune) +
             R"({"event_id":"lf","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":1000,"component":"late_fee"})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_paid_fen, 50);
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_paid_fen, 175);
  EXPECT_EQ(p.credit_fen, 775);
  EXPECT_EQ(p.totals.outstanding_fen, 45000);
  EXPECT_EQ(p.totals.paid_fen, 0);
  // As of 07-31 the fees have grown (155 and 543); paid stays 225.
  EXPECT_EQ(p.totals.late_fee_fen, 698);
  EXPECT_EQ(p.totals.late_fee_paid_fen, 225);
  EXPECT_EQ(p.totals.late_fee_outstanding_fen, 473);
}

TEST_F(R10AllocationTest, R10_LateFeePaymentWithNothingAccruedIsCredit) {
  // On the due date itself nothing has accrued: all credit. For a period
  // given (2022-07) only its rows count: July has no fee on 07-10 either.
  SetHistory(std::string(kRegistered) + std::string(kJune) + std::string(kJuly) +
             R"({"event_id":"lf0","type":"contribution_paid","employer_id":"A","effective_date":"2022-06-30","amount_fen":300,"component":"late_fee"}
{"event_id":"lf1","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":400,"component":"late_fee","period":"2022-07"})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(p.credit_fen, 700);
  EXPECT_EQ(p.totals.late_fee_paid_fen, 0);
}

TEST_F(R10AllocationTest, R10_LateFeePaymentOnlyToRowsAssessedByThen) {
  // June declared late on 07-20; a late-fee payment on 07-10 precedes the
  // declaration, so no row is a candidate: 1 000 credit.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"lf","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":1000,"component":"late_fee"}
{"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-20","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(p.credit_fen, 1000);
  EXPECT_EQ(p.totals.late_fee_paid_fen, 0);
}

TEST_F(R10AllocationTest, R10_LateFeeRowsInAllocationOrder) {
  // E1 and E2 in July, August, September; grant Jul-Sep; E2 separated 08-20.
  // Fees through 09-30:
  //   July employee (18 400, not deferred, due 08-01): 60 d (08-02..09-30)
  //     -> 18 400 x 60 x 5 = 5 520 000 -> 552;
  //   August employee (18 400, due 08-31): 30 d -> 2 760 000 -> 276;
  //   July employer E2 (29 400, deferred, due 08-20): 41 d (08-21..09-30)
  //     -> 6 027 000 -> 602.7 -> 603;
  //   August employer E2 (29 400, due 08-31): 30 d -> 4 410 000 -> 441.
  // 1 000 of late fee on 09-30: not deferred first: 552, 276, then July E2 172.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
)" + std::string(kGrant) +
             R"({"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"s2","type":"employee_separated","employer_id":"A","effective_date":"2022-08-20","employee_id":"E2"}
{"event_id":"lf","type":"contribution_paid","employer_id":"A","effective_date":"2022-09-30","amount_fen":1000,"component":"late_fee"})");
  const Projection p = Fold("2022-09-30");
  EXPECT_EQ(Row(p, "2022-07", "employee").late_fee_fen, 552);
  EXPECT_EQ(Row(p, "2022-07", "employee").late_fee_paid_fen, 552);
  EXPECT_EQ(Row(p, "2022-08", "employee").late_fee_paid_fen, 276);
  EXPECT_EQ(Row(p, "2022-07", "employer", "E2").late_fee_fen, 603);
  EXPECT_EQ(Row(p, "2022-07", "employer", "E2").late_fee_paid_fen, 172);
  EXPECT_EQ(Row(p, "2022-08", "employer", "E2").late_fee_paid_fen, 0);
  EXPECT_EQ(p.credit_fen, 0);
}

TEST_F(R10AllocationTest, R10_FiltersByPeriodComponentEmployee) {
  // June and July: E1 base 500 000 (35 000 / 10 000), E2 base 420 000
  // (29 400 / 8 400). No grant. Four payments on 08-10, in this order:
  //   A 5 000 for period 2022-07: July employee E1 5 000.
  //   B 30 000 component employer: June employer E1 30 000.
  //   C 9 000 employee E2: June employee E2 8 400, June employer E2 600.
  //   D 40 000 period 2022-07, employer, E2: July employer E2 29 400; 10 600 credit.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"pa","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-10","amount_fen":5000,"period":"2022-07"}
{"event_id":"pb","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-10","amount_fen":30000,"component":"employer"}
{"event_id":"pc","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-10","amount_fen":9000,"employee_id":"E2"}
{"event_id":"pd","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-10","amount_fen":40000,"period":"2022-07","component":"employer","employee_id":"E2"})");
  const Projection p = Fold("2022-08-31");
  EXPECT_EQ(PartOf(p, "2022-07", "employee", "E1").paid_fen, 5000);
  EXPECT_EQ(PartOf(p, "2022-06", "employee", "E1").paid_fen, 0);
  EXPECT_EQ(PartOf(p, "2022-06", "employer", "E1").paid_fen, 30000);
  EXPECT_EQ(PartOf(p, "2022-06", "employee", "E2").paid_fen, 8400);
  EXPECT_EQ(PartOf(p, "2022-06", "employer", "E2").paid_fen, 600);
  EXPECT_EQ(PartOf(p, "2022-07", "employer", "E2").paid_fen, 29400);
  EXPECT_EQ(PartOf(p, "2022-07", "employer", "E1").paid_fen, 0);
  EXPECT_EQ(PartOf(p, "2022-07", "employee", "E2").paid_fen, 0);
  EXPECT_EQ(p.credit_fen, 10600);
}

TEST_F(R10AllocationTest, R10_BackdatedGrantGivesSameAnswer) {
  // 20 000 unfiltered on 08-31; grant Jul-Sep effective 07-15.
  // Deferred in the view -> not deferred first: July employee 10 000,
  // August employee 10 000, July employer 0.
  const std::string head = std::string(
      R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small","recorded_at":"2022-07-01T09:00:00+08:00"}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}],"recorded_at":"2022-07-05T09:00:00+08:00"}
)");
  const std::string tail = std::string(
      R"({"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000}],"recorded_at":"2022-08-05T09:00:00+08:00"}
{"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-31","amount_fen":20000,"recorded_at":"2022-08-31T09:00:00+08:00"}
)");
  // In order: the grant recorded on its date.
  SetHistory(head +
             R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic","recorded_at":"2022-07-15T09:00:00+08:00"}
)" + tail);
  const Projection in_order = Fold("2022-09-30");
  // Backdated: the same grant recorded on 09-15, after the payment.
  SetHistory(head + tail +
             R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic","recorded_at":"2022-09-15T09:00:00+08:00"})");
  const Projection backdated = Fold("2022-09-30");
  for (const Projection* p : {&in_order, &backdated}) {
    EXPECT_EQ(Row(*p, "2022-07", "employee").paid_fen, 10000);
    EXPECT_EQ(Row(*p, "2022-08", "employee").paid_fen, 10000);
    EXPECT_EQ(Row(*p, "2022-07", "employer").paid_fen, 0);
    EXPECT_EQ(FormatDate(Row(*p, "2022-07", "employer").due_date), "2022-10-31");
    // July employee, due 08-01, paid 08-31: 30 d -> 10 000 x 30 x 5 = 1 500 000 -> 150.
    EXPECT_EQ(Row(*p, "2022-07", "employee").late_fee_fen, 150);
    // July employer waived 08-02..09-30 = 60 d: 35 000 x 60 x 5 = 10 500 000 -> 1 050.
    EXPECT_EQ(Row(*p, "2022-07", "employer").late_fee_waived_fen, 1050);
  }
  // Known at 09-01 the grant was not yet on file: July employer not deferred,
  // so the 20 000 went July employee 10 000, July employer 10 000. Its fee
  // to 09-30: 35 000 x 30 d (08-02..08-31) + 25 000 x 30 d (09-01..09-30)
  // = 1 800 000 x 5 = 9 000 000 -> 900.
  const Projection known_before = Fold("2022-09-30", "2022-09-01T00:00:00+08:00");
  EXPECT_FALSE(Row(known_before, "2022-07", "employer").deferred);
  EXPECT_EQ(Row(known_before, "2022-07", "employer").paid_fen, 10000);
  EXPECT_EQ(Row(known_before, "2022-08", "employee").paid_fen, 0);
  EXPECT_EQ(Row(known_before, "2022-07", "employer").late_fee_fen, 900);
}

}  // namespace
}  // namespace ledger::testing
