// DiffRuleSets: each kind of change to the sample Zhangye rule set, in the
// words `rules diff` prints.
#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/replay/rules_diff.h"
#include "ledger/rules.h"

namespace ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::RuleSet Zhangye() {
  std::ifstream in(std::string(LEDGER_SOURCE_DIR) + "/tools/examples/rules/zhangye.json");
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<Rules> rules = Rules::FromJson(text.str(), "zhangye.json");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? rules->rule_set() : v1::RuleSet();
}

v1::PoolingArea* Area(v1::RuleSet& rules, const std::string& code) {
  for (v1::PoolingArea& area : *rules.mutable_pooling_areas()) {
    if (area.code() == code) return &area;
  }
  ADD_FAILURE() << "no area " << code;
  return rules.add_pooling_areas();
}

TEST(RulesDiffTest, OnlyTheVersionDiffersIsNoDifference) {
  const v1::RuleSet before = Zhangye();
  v1::RuleSet after = before;
  after.set_version(2);
  EXPECT_THAT(DiffRuleSets(before, after), IsEmpty());
}

TEST(RulesDiffTest, RateChangedAndAddedNameTheAreaAndPeriod) {
  const v1::RuleSet before = Zhangye();
  v1::RuleSet after = before;
  Area(after, "620702")->mutable_rates(0)->set_employer_rate_bp(650);
  v1::RatePeriod* added = Area(after, "620723")->add_rates();
  added->set_from_period("2022-07");
  added->set_employer_rate_bp(680);
  added->set_employee_rate_bp(200);
  EXPECT_THAT(DiffRuleSets(before, after),
              ElementsAre("620702 employer_rate_bp from 2021-01: 700 → 650",
                          "620723 rates from 2022-07 added (employer_rate_bp 680, "
                          "employee_rate_bp 200)"));
}

TEST(RulesDiffTest, ReserveDueAndLateFeeFields) {
  const v1::RuleSet before = Zhangye();
  v1::RuleSet after = before;
  Area(after, "620721")->set_fund_reserve_months(7);
  Area(after, "620702")->mutable_due()->set_day(15);
  after.mutable_late_fee()->set_rate_bp_per_day(6);
  EXPECT_THAT(DiffRuleSets(before, after),
              ElementsAre("late_fee.rate_bp_per_day: 5 → 6", "620702 due.day: 0 → 15",
                          "620721 fund_reserve_months: 5 → 7"));
}

TEST(RulesDiffTest, PolicyFieldsAndCalendarDays) {
  const v1::RuleSet before = Zhangye();
  v1::RuleSet after = before;
  v1::DeferralPolicy* policy = after.mutable_deferral_policies(0);
  policy->set_min_fund_reserve_months(4);
  policy->add_first_periods("2022-09");
  policy->mutable_window()->set_last("2022-12");
  after.mutable_calendar()->add_holidays("2022-10-10");
  // 2022-10-07 is one of the sample calendar's holidays.
  auto* holidays = after.mutable_calendar()->mutable_holidays();
  holidays->erase(std::find(holidays->begin(), holidays->end(), "2022-10-07"));
  EXPECT_THAT(DiffRuleSets(before, after),
              ElementsAre("policy gs-2022 window.last: 2022-10 → 2022-12",
                          "policy gs-2022 first_periods added: 2022-09",
                          "policy gs-2022 min_fund_reserve_months: 6 → 4",
                          "calendar.holidays added: 2022-10-10",
                          "calendar.holidays removed: 2022-10-07"));
}

TEST(RulesDiffTest, AreasAddedAndRemovedByCode) {
  const v1::RuleSet before = Zhangye();
  v1::RuleSet after = before;
  after.mutable_pooling_areas()->erase(after.mutable_pooling_areas()->end() - 1);
  v1::PoolingArea* added = after.add_pooling_areas();
  added->set_code("620799");
  added->set_name("新区");
  added->set_fund_reserve_months(9);
  const std::vector<std::string> lines = DiffRuleSets(before, after);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].rfind("pooling area 620725 removed (name 山丹县, fund_reserve_months 11", 0),
            0U)
      << lines[0];
  EXPECT_EQ(lines[1], "pooling area 620799 added (name 新区, fund_reserve_months 9)");
}

}  // namespace
}  // namespace ledger
