// Replay: the same rules change nothing; a rate correction changes exactly
// the employers of its area, by the deltas worked by hand below; an employer
// the candidate cannot fold is reported and the replay goes on.
//
// Rules: areas 620700 and 620702, 700/200 bp from 2021-01, due the last day
// of the month rolled (empty calendar: 2022-07-31 is a Sunday -> 2022-08-01),
// 5 bp a day. Employer A (620700): period 2022-07, E1 500 000 + E2 420 000;
// the employee part paid 2022-07-28. Employer B (620702): E1 300 000.
// As of 2022-08-31, 30 fee days (08-02 .. 08-31).
//   A under v1: employer 35 000 + 29 400 = 64 400, employee 18 400, paid.
//     fee 64 400 × 30 × 5 / 10 000 = 966.
//   A with 620700 employer 650 bp: 32 500 + 27 300 = 59 800;
//     fee 59 800 × 30 × 5 / 10 000 = 897.
//   B: 21 000 + 6 000 = 27 000 outstanding, fee 27 000 × 150 / 10 000 = 405,
//     unchanged by a 620700 correction.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/replay/replay.h"
#include "ledger/rules.h"
#include "store_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kRecordedUs = 1'660'000'000'000'000;

v1::RuleSet BaseRuleSet() {
  v1::RuleSet rules;
  rules.set_version(1);
  rules.set_name("replay test");
  rules.mutable_late_fee()->set_rate_bp_per_day(5);
  for (const char* code : {"620700", "620702"}) {
    v1::PoolingArea* area = rules.add_pooling_areas();
    area->set_code(code);
    area->set_name(code);
    area->set_fund_reserve_months(14);
    v1::RatePeriod* rate = area->add_rates();
    rate->set_from_period("2021-01");
    rate->set_employer_rate_bp(700);
    rate->set_employee_rate_bp(200);
    area->mutable_due()->set_month_offset(0);
    area->mutable_due()->set_day(0);
    area->set_roll_due_to_working_day(true);
  }
  return rules;
}

Rules Compile(const v1::RuleSet& rule_set) {
  absl::StatusOr<Rules> rules = Rules::FromRuleSet(rule_set, "test");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *rules;
}

v1::Event Registration(const std::string& id, const std::string& employer,
                       const std::string& area) {
  v1::Event event = Registered(id, employer);
  event.mutable_employer_registered()->set_pooling_area(area);
  return WithRecordedAt(event, kRecordedUs);
}

v1::Event Assessment(const std::string& id, const std::string& employer,
                     const std::vector<std::pair<std::string, int64_t>>& lines) {
  v1::Event event;
  event.set_event_id(id);
  event.set_employer_id(employer);
  event.set_effective_date_yyyymmdd(20220705);
  event.mutable_contribution_assessed()->set_period_yyyymm(202207);
  for (const auto& [employee, base_fen] : lines) {
    v1::AssessmentLine* line = event.mutable_contribution_assessed()->add_lines();
    line->set_employee_id(employee);
    line->set_base_fen(base_fen);
  }
  return WithRecordedAt(event, kRecordedUs);
}

class ReplayTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store_ = Create();
    ASSERT_TRUE(store_->PutRules(BaseRuleSet(), kRecordedUs).ok());
    v1::Event paid = Paid("a-p", "A", 18400);
    paid.set_effective_date_yyyymmdd(20220728);
    paid.mutable_contribution_paid()->set_period_yyyymm(202207);
    paid.mutable_contribution_paid()->set_component(v1::COMPONENT_EMPLOYEE);
    absl::StatusOr<AppendResult> appended = store_->Append(
        {Registration("a-r", "A", "620700"), Registration("b-r", "B", "620702"),
         Assessment("a-7", "A", {{"E1", 500000}, {"E2", 420000}}),
         Assessment("b-7", "B", {{"E1", 300000}}), WithRecordedAt(paid, kRecordedUs)},
        kRecordedUs);
    ASSERT_TRUE(appended.ok()) << appended.status();
  }

  // Replays under `candidate`, as of 2022-08-31; returns the changed ones.
  std::vector<v1::EmployerReplay> Run(const v1::RuleSet& candidate,
                                      v1::ReplaySummary* summary) {
    std::vector<v1::EmployerReplay> changed;
    const ReplayRequest request{absl::CivilDay(2022, 8, 31), kRecordedUs + 1, std::nullopt};
    const absl::Status status = Replay(
        *store_, Compile(BaseRuleSet()), Compile(candidate), request,
        [&](const v1::EmployerReplay& replay) {
          changed.push_back(replay);
          return absl::OkStatus();
        },
        summary);
    EXPECT_TRUE(status.ok()) << status;
    return changed;
  }

  std::unique_ptr<EventStore> store_;
};

int64_t Total(const v1::ReplaySummary& summary, const std::string& field, bool after) {
  for (const v1::ReplayTotal& total : summary.totals()) {
    if (total.field() == field) return after ? total.after() : total.before();
  }
  ADD_FAILURE() << "no total " << field;
  return -1;
}

TEST_F(ReplayTest, SameRulesChangeNothing) {
  v1::ReplaySummary summary;
  EXPECT_TRUE(Run(BaseRuleSet(), &summary).empty());
  EXPECT_EQ(summary.employers(), 2);
  EXPECT_EQ(summary.employers_changed(), 0);
  EXPECT_EQ(summary.employers_failed(), 0);
  // 82 800 + 27 000 principal; fees 966 + 405.
  EXPECT_EQ(Total(summary, "principal_fen", false), 109800);
  EXPECT_EQ(Total(summary, "principal_fen", true), 109800);
  EXPECT_EQ(Total(summary, "late_fee_fen", true), 1371);
}

TEST_F(ReplayTest, ARateCorrectionChangesItsAreaByTheHandWorkedDeltas) {
  v1::RuleSet candidate = BaseRuleSet();
  candidate.set_version(2);
  candidate.mutable_pooling_areas(0)->mutable_rates(0)->set_employer_rate_bp(650);
  v1::ReplaySummary summary;
  const std::vector<v1::EmployerReplay> changed = Run(candidate, &summary);
  ASSERT_EQ(changed.size(), 1U);
  const v1::EmployerReplay& a = changed[0];
  EXPECT_EQ(a.employer_id(), "A");
  EXPECT_EQ(a.pooling_area(), "620700");
  EXPECT_EQ(a.before().totals().principal_fen(), 82800);
  EXPECT_EQ(a.after().totals().principal_fen(), 78200);
  EXPECT_EQ(a.before().totals().outstanding_fen(), 64400);
  EXPECT_EQ(a.after().totals().outstanding_fen(), 59800);
  EXPECT_EQ(a.after().totals().overdue_fen(), 59800);
  EXPECT_EQ(a.before().totals().late_fee_fen(), 966);
  EXPECT_EQ(a.after().totals().late_fee_fen(), 897);
  EXPECT_EQ(a.before().totals().paid_fen(), 18400);
  EXPECT_EQ(a.after().totals().paid_fen(), 18400);
  // Only the employer row moved; the employee row is the same.
  ASSERT_EQ(a.rows_changed_size(), 1);
  EXPECT_EQ(a.rows_changed(0).period(), "2022-07");
  EXPECT_EQ(a.rows_changed(0).component(), "employer");
  EXPECT_THAT(a.rows_changed(0).fields(),
              ElementsAre("principal_fen", "outstanding_fen", "late_fee_fen"));
  EXPECT_EQ(a.rows_changed(0).before().principal_fen(), 64400);
  EXPECT_EQ(a.rows_changed(0).after().principal_fen(), 59800);

  EXPECT_EQ(summary.employers(), 2);
  EXPECT_EQ(summary.employers_changed(), 1);
  EXPECT_EQ(Total(summary, "principal_fen", false), 109800);
  EXPECT_EQ(Total(summary, "principal_fen", true), 105200);
  EXPECT_EQ(Total(summary, "late_fee_fen", true), 897 + 405);
  ASSERT_EQ(summary.areas_size(), 2);
  EXPECT_EQ(summary.areas(0).pooling_area(), "620700");
  EXPECT_EQ(summary.areas(0).employers_changed(), 1);
  EXPECT_EQ(summary.areas(1).pooling_area(), "620702");
  EXPECT_EQ(summary.areas(1).employers_changed(), 0);
}

TEST_F(ReplayTest, AnEmployerTheCandidateCannotFoldIsReportedAndTheReplayGoesOn) {
  v1::RuleSet candidate = BaseRuleSet();
  candidate.set_version(2);
  // 620702 rates start only in 2022-08: no rate for B's period 2022-07.
  candidate.mutable_pooling_areas(1)->mutable_rates(0)->set_from_period("2022-08");
  candidate.mutable_pooling_areas(0)->mutable_rates(0)->set_employer_rate_bp(650);
  v1::ReplaySummary summary;
  const std::vector<v1::EmployerReplay> changed = Run(candidate, &summary);
  ASSERT_EQ(changed.size(), 2U);
  EXPECT_EQ(changed[0].employer_id(), "A");
  EXPECT_EQ(changed[0].after().totals().principal_fen(), 78200);
  EXPECT_EQ(changed[1].employer_id(), "B");
  EXPECT_FALSE(changed[1].has_after());
  EXPECT_EQ(changed[1].before().totals().principal_fen(), 27000);
  EXPECT_THAT(changed[1].error(), HasSubstr("candidate rules version 2 cannot fold it"));
  EXPECT_EQ(summary.employers_failed(), 1);
  EXPECT_EQ(summary.employers_changed(), 1);
  // The sums cover the employers both sides folded: A alone.
  EXPECT_EQ(Total(summary, "principal_fen", false), 82800);
  EXPECT_EQ(Total(summary, "principal_fen", true), 78200);
}

TEST_F(ReplayTest, OutputIsTheSameTwice) {
  v1::RuleSet candidate = BaseRuleSet();
  candidate.set_version(2);
  candidate.mutable_pooling_areas(0)->mutable_rates(0)->set_employer_rate_bp(650);
  v1::ReplaySummary first_summary, second_summary;
  const std::vector<v1::EmployerReplay> first = Run(candidate, &first_summary);
  const std::vector<v1::EmployerReplay> second = Run(candidate, &second_summary);
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(ProtoToJson(first[i]), ProtoToJson(second[i]));
  }
  EXPECT_EQ(ProtoToJson(first_summary), ProtoToJson(second_summary));
}

}  // namespace
}  // namespace ledger::testing
