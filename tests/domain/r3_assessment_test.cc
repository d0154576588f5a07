// R3 Assessment: parts per line at the rates in force for the period,
// rounded per line; rows sum the parts of one (period, component, due date);
// the employee part is never deferred.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R3AssessmentTest : public FoldTest {
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
  static int RowsOf(const Projection& p, std::string_view period) {
    int n = 0;
    for (const ObligationRow& row : p.rows) n += FormatMonth(row.period) == period ? 1 : 0;
    return n;
  }
};

constexpr std::string_view kZhangye =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";
constexpr std::string_view kJinan =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"J","effective_date":"2020-03-01","name":"乙","pooling_area":"370100","entity_type":"enterprise","size_class":"small"})"
    "\n";

TEST_F(R3AssessmentTest, R3_RatesInForceForThePeriod) {
  // Jinan: 750 / 200 bp from 2021-01, 780 / 200 from 2022-10. The rate is the
  // period's, not the assessment date's: September assessed on 10-20 stays 750.
  // Base 800 000: 2022-09 employer 800 000 x 750 / 10 000 = 60 000,
  // 2022-10 employer x 780 = 62 400, 2023-01 (latest from_period <= P is
  // 2022-10) 62 400; employee 800 000 x 200 / 10 000 = 16 000 throughout.
  SetHistory(std::string(kJinan) +
             R"({"event_id":"a9","type":"contribution_assessed","employer_id":"J","effective_date":"2022-10-20","period":"2022-09","lines":[{"employee_id":"W1","base_fen":800000}]}
{"event_id":"a10","type":"contribution_assessed","employer_id":"J","effective_date":"2022-10-20","period":"2022-10","lines":[{"employee_id":"W1","base_fen":800000}]}
{"event_id":"a1","type":"contribution_assessed","employer_id":"J","effective_date":"2023-01-10","period":"2023-01","lines":[{"employee_id":"W1","base_fen":800000}]})");
  const Projection p = Fold("2023-01-20");
  EXPECT_EQ(Row(p, "2022-09", "employer").principal_fen, 60000);
  EXPECT_EQ(Row(p, "2022-10", "employer").principal_fen, 62400);
  EXPECT_EQ(Row(p, "2023-01", "employer").principal_fen, 62400);
  EXPECT_EQ(Row(p, "2022-09", "employee").principal_fen, 16000);
  EXPECT_EQ(Row(p, "2022-10", "employee").principal_fen, 16000);
}

TEST_F(R3AssessmentTest, R3_RatesAreAParameter) {
  // Jinan with a third entry from 2023-01: 800 / 250 bp. Base 800 000:
  // 2022-12 -> 62 400 / 16 000 (the 2022-10 entry); 2023-01 -> 64 000 / 20 000.
  rules_ = EditedRules([](v1::RuleSet& r) {
    v1::RatePeriod* rate = r.mutable_pooling_areas(2)->add_rates();
    rate->set_from_period("2023-01");
    rate->set_employer_rate_bp(800);
    rate->set_employee_rate_bp(250);
  });
  SetHistory(std::string(kJinan) +
             R"({"event_id":"a12","type":"contribution_assessed","employer_id":"J","effective_date":"2022-12-10","period":"2022-12","lines":[{"employee_id":"W1","base_fen":800000}]}
{"event_id":"a1","type":"contribution_assessed","employer_id":"J","effective_date":"2023-01-10","period":"2023-01","lines":[{"employee_id":"W1","base_fen":800000}]})");
  const Projection p = Fold("2023-01-20");
  EXPECT_EQ(Row(p, "2022-12", "employer").principal_fen, 62400);
  EXPECT_EQ(Row(p, "2022-12", "employee").principal_fen, 16000);
  EXPECT_EQ(Row(p, "2023-01", "employer").principal_fen, 64000);
  EXPECT_EQ(Row(p, "2023-01", "employee").principal_fen, 20000);
}

TEST_F(R3AssessmentTest, R3_RoundingIsPerLineThenPartsAddUp) {
  // Zhangye 700 / 200. Two lines of base 12 375:
  //   employer 12 375 x 700 = 8 662 500 -> 866.25 -> 866 each, 1 732 in all;
  //   employee 12 375 x 200 = 2 475 000 -> 247.5 -> 248 each, 496 in all
  //   (on the summed base 24 750 x 200 = 4 950 000 -> 495).
  // A third line of base 7: employer 4 900 -> 0.49 -> 0; employee 1 400 -> 0.
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":12375},{"employee_id":"E2","base_fen":12375},{"employee_id":"E3","base_fen":7}]})");
  const Projection p = Fold("2022-06-10");
  EXPECT_EQ(Row(p, "2022-06", "employer").principal_fen, 1732);
  EXPECT_EQ(Row(p, "2022-06", "employee").principal_fen, 496);
  EXPECT_EQ(PartOf(p, "2022-06", "employee", "E1").principal_fen, 248);
  EXPECT_EQ(PartOf(p, "2022-06", "employer", "E3").principal_fen, 0);
  EXPECT_EQ(p.totals.principal_fen, 2228);
}

TEST_F(R3AssessmentTest, R3_SupplementaryAssessmentAddsLines) {
  // July: E1 base 500 000 on 07-05 (35 000 / 10 000), then a supplementary
  // declaration on 07-20 adds E3 base 300 000 (21 000 / 6 000).
  // One row per (period, component, due date): employer 56 000, employee
  // 16 000, both due 2022-08-01, and no third row.
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"a7s","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-20","period":"2022-07","lines":[{"employee_id":"E3","base_fen":300000}]})");
  const Projection p = Fold("2022-07-31");
  EXPECT_EQ(RowsOf(p, "2022-07"), 2);
  EXPECT_EQ(Row(p, "2022-07", "employer").principal_fen, 56000);
  EXPECT_EQ(Row(p, "2022-07", "employee").principal_fen, 16000);
  EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer").due_date), "2022-08-01");
  EXPECT_EQ(p.totals.principal_fen, 72000);
  // The supplementary parts carry their own assessment date.
  EXPECT_EQ(FormatDate(PartOf(p, "2022-07", "employer", "E3").assessed_date()), "2022-07-20");
  // As of 07-10 only the first declaration is in the view: 35 000 / 10 000.
  const Projection before = Fold("2022-07-10");
  EXPECT_EQ(Row(before, "2022-07", "employer").principal_fen, 35000);
  EXPECT_EQ(before.totals.principal_fen, 45000);
}

TEST_F(R3AssessmentTest, R3_EmployeePartNeverDeferred) {
  // Grant gs-2022 Jul-Sep on 07-15. July E1 base 500 000.
  // Employee row: not deferred, due 2022-08-01; as of 10-31 its fee is
  // 10 000 x 91 d (08-02..10-31) x 5 bp = 4 550 000 units = 455; waived 0.
  // Employer row: deferred to 10-31, fee 0, waived 35 000 x 91 x 5 =
  // 15 925 000 -> 1 592.5 -> 1 593.
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})");
  const Projection p = Fold("2022-10-31");
  const ObligationRow& employee = Row(p, "2022-07", "employee");
  EXPECT_FALSE(employee.deferred);
  EXPECT_EQ(FormatDate(employee.due_date), "2022-08-01");
  EXPECT_EQ(employee.late_fee_fen, 455);
  EXPECT_EQ(employee.late_fee_waived_fen, 0);
  const ObligationRow& employer = Row(p, "2022-07", "employer");
  EXPECT_TRUE(employer.deferred);
  EXPECT_EQ(FormatDate(employer.due_date), "2022-10-31");
  EXPECT_EQ(employer.late_fee_fen, 0);
  EXPECT_EQ(employer.late_fee_waived_fen, 1593);
  // overdue: only the employee row's 10 000 is due before 10-31.
  EXPECT_EQ(p.totals.overdue_fen, 10000);
}

}  // namespace
}  // namespace ledger::testing
