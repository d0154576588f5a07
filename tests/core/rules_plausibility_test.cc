// Rule-set plausibility (ledger/rules_plausibility.h): each bound refuses
// the value just past it and accepts the value on it, through
// Rules::FromRuleSet, the check of `rules check`, init and every load.
#include "ledger/rules_plausibility.h"

#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/printable.h"
#include "ledger/rules.h"

namespace ledger {
namespace {

using ::testing::HasSubstr;

v1::RuleSet ExampleRuleSet() {
  std::ifstream in(std::string(LEDGER_SOURCE_DIR) +
                   "/tests/scenarios/spec_examples/rules-zhangye-jinan.json");
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<Rules> rules = Rules::FromJson(text.str(), "example");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? rules->rule_set() : v1::RuleSet();
}

// Returns FromRuleSet's message for the example edited by `edit` ("" when accepted).
template <typename Edit>
std::string Refusal(Edit edit) {
  v1::RuleSet rule_set = ExampleRuleSet();
  edit(rule_set);
  absl::StatusOr<Rules> rules = Rules::FromRuleSet(rule_set, "r.json");
  return rules.ok() ? "" : std::string(rules.status().message());
}

TEST(RulesPlausibility, TheExamplesArePlausible) {
  EXPECT_EQ(Refusal([](v1::RuleSet&) {}), "");
}

TEST(RulesPlausibility, LateFeeRateOneToOneHundredBpADay) {
  auto rate = [](int32_t bp) {
    return Refusal([bp](v1::RuleSet& r) { r.mutable_late_fee()->set_rate_bp_per_day(bp); });
  };
  EXPECT_EQ(rate(1), "");
  EXPECT_EQ(rate(100), "");
  EXPECT_EQ(rate(101),
            "r.json: late_fee.rate_bp_per_day: 101 bp a day is not a plausible late-fee rate; "
            "expected 1..100 bp a day (the statutory rate is 5, 0.05 %)");
  EXPECT_THAT(rate(10000), HasSubstr("10000 bp a day is not a plausible late-fee rate"));
  EXPECT_THAT(rate(0), HasSubstr("0 bp a day is not a plausible late-fee rate"));
}

TEST(RulesPlausibility, ContributionRatesOneToTwoThousandBp) {
  auto employer = [](int32_t bp) {
    return Refusal([bp](v1::RuleSet& r) {
      r.mutable_pooling_areas(0)->mutable_rates(0)->set_employer_rate_bp(bp);
    });
  };
  auto employee = [](int32_t bp) {
    return Refusal([bp](v1::RuleSet& r) {
      r.mutable_pooling_areas(2)->mutable_rates(1)->set_employee_rate_bp(bp);
    });
  };
  EXPECT_EQ(employer(1), "");
  EXPECT_EQ(employer(2000), "");
  EXPECT_EQ(employer(2001),
            "r.json: pooling_areas[0].rates[0].employer_rate_bp: 2001 bp is not a plausible "
            "contribution rate; expected 1..2000 bp (0.01 % .. 20 %)");
  EXPECT_THAT(employer(10000), HasSubstr("10000 bp is not a plausible contribution rate"));
  EXPECT_THAT(employee(0), HasSubstr("pooling_areas[2].rates[1].employee_rate_bp: 0 bp is not"));
}

TEST(RulesPlausibility, RatesMustBeInForceFromTheWindowsFirstPeriod) {
  // gs-2022 (deferral_policies[0]) runs 2022-07..2022-10 over 620700 and 620721.
  EXPECT_EQ(Refusal([](v1::RuleSet& r) {
              r.mutable_pooling_areas(1)->mutable_rates(0)->set_from_period("2022-07");
            }),
            "");
  EXPECT_EQ(Refusal([](v1::RuleSet& r) {
              r.mutable_pooling_areas(1)->mutable_rates(0)->set_from_period("2022-08");
            }),
            "r.json: deferral_policies[0].pooling_areas[1]: area 620721's rates start in "
            "2022-08, after the window starts (2022-07): a deferral of 2022-07 could not be "
            "assessed; expected rates in force for the whole window");
}

TEST(RulesPlausibility, CatchUpDeadlineNotBeforeTheWindowsLastPeriod) {
  // gs-2022's window is 2022-07..2022-10.
  auto deadline = [](const char* day) {
    return Refusal([day](v1::RuleSet& r) {
      r.mutable_deferral_policies(0)->set_catch_up_deadline(day);
    });
  };
  EXPECT_EQ(deadline("2022-10-01"), "");
  EXPECT_EQ(deadline("2022-09-30"),
            "r.json: deferral_policies[0].catch_up_deadline: 2022-09-30 is before the window's "
            "last period 2022-10: the periods deferred last would be due before they begin; "
            "expected a catch-up deadline on or after 2022-10-01");
  EXPECT_THAT(deadline("2022-06-30"), HasSubstr("2022-06-30 is before the window's last period"));
}

TEST(RulesPlausibility, FirstPeriodsOnceMaxMonthsMayExceedTheWindow) {
  // sd-2022 (deferral_policies[1]): 2022-08..2022-10, three months.
  EXPECT_EQ(Refusal([](v1::RuleSet& r) { r.mutable_deferral_policies(1)->set_max_months(4); }),
            "");
  EXPECT_EQ(Refusal([](v1::RuleSet& r) {
              r.mutable_deferral_policies(1)->set_first_periods(2, "2022-08");
            }),
            "r.json: deferral_policies[1].first_periods[2]: 2022-08 is listed twice");
}

TEST(RulesPlausibility, OverlappingPoliciesForOneAreaAreRefused) {
  // A second Jinan policy sharing 2022-10 with sd-2022 (2022-08..2022-10).
  auto second_policy = [](const char* first, const char* last) {
    return Refusal([first, last](v1::RuleSet& r) {
      v1::DeferralPolicy& added = *r.add_deferral_policies();
      added = r.deferral_policies(1);
      added.set_policy_id("sd-2022b");
      added.mutable_window()->set_first(first);
      added.mutable_window()->set_last(last);
      added.clear_first_periods();
      added.add_first_periods(first);
    });
  };
  EXPECT_EQ(second_policy("2022-11", "2023-01"), "");
  EXPECT_EQ(second_policy("2022-10", "2022-12"),
            "r.json: deferral_policies[2].window: \"sd-2022b\" 2022-10..2022-12 overlaps "
            "\"sd-2022\" 2022-08..2022-10 (deferral_policies[1]) in pooling area 370100: "
            "expected at most one policy per area and month");
  // Another area's policy over the same months is fine.
  EXPECT_EQ(Refusal([](v1::RuleSet& r) {
              r.mutable_deferral_policies(0)->mutable_window()->set_first("2022-08");
              r.mutable_deferral_policies(0)->clear_first_periods();
              r.mutable_deferral_policies(0)->add_first_periods("2022-08");
            }),
            "");
}

TEST(RulesPlausibility, CodesArePrintableWithoutSurroundingSpaces) {
  EXPECT_EQ(Refusal([](v1::RuleSet& r) { r.mutable_pooling_areas(0)->set_name("张掖市 甘州"); }),
            "");
  EXPECT_EQ(
      Refusal([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_policy_id(" gs-2022"); }),
      "r.json: deferral_policies[0].policy_id: \" gs-2022\" must not start or end with a "
      "space");
  EXPECT_EQ(
      Refusal([](v1::RuleSet& r) { r.mutable_pooling_areas(0)->set_name("张掖\x1b[2J"); }),
      "r.json: pooling_areas[0].name: \"张掖\\x1b[2J\" contains control character U+001B; expected "
      "printable characters only");
  // U+202E RIGHT-TO-LEFT OVERRIDE in a policy id.
  EXPECT_THAT(Refusal([](v1::RuleSet& r) {
                r.mutable_deferral_policies(0)->set_policy_id("gs-\u202e2202");
              }),
              HasSubstr("deferral_policies[0].policy_id: \"gs-\\u{202E}2202\" contains "
                        "bidirectional control U+202E"));
  EXPECT_THAT(
      Refusal([](v1::RuleSet& r) { r.set_name("rules\nr.json: forged"); }),
      HasSubstr("r.json: name: \"rules\\nr.json: forged\" contains control character U+000A"));
}

TEST(RulesPlausibility, WellFormednessErrorsComeAloneFirst) {
  // A structural error is reported without the plausibility messages it
  // would also trip (rate 10 001 is past kMaxRateBp as well as 2000).
  EXPECT_EQ(Refusal([](v1::RuleSet& r) {
              r.mutable_pooling_areas(0)->mutable_rates(0)->set_employer_rate_bp(10001);
            }),
            "r.json: pooling_areas[0].rates[0].employer_rate_bp: expected 0..10000 basis "
            "points, got 10001");
}

TEST(Printable, EscapesWhatCouldForgeALineAndKeepsTheRest) {
  EXPECT_EQ(EscapeForMessage("imports/2022-07 张掖.jsonl"), "imports/2022-07 张掖.jsonl");
  EXPECT_EQ(EscapeForMessage("a\nb.jsonl:1: forged"), "a\\nb.jsonl:1: forged");
  EXPECT_EQ(EscapeForMessage("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
  EXPECT_EQ(EscapeForMessage("x\u202egpj.exe"), "x\\u{202E}gpj.exe");
  EXPECT_EQ(EscapeForMessage("back\\slash\r"), "back\\\\slash\\r");
  EXPECT_EQ(EscapeForMessage("\xff\xc2"), "\\xff\\xc2");
  EXPECT_EQ(FirstUnprintable("E001"), "");
  EXPECT_EQ(FirstUnprintable("张掖市 E001"), "");
  EXPECT_EQ(FirstUnprintable("q\u2028p"), "line or paragraph separator U+2028");
  EXPECT_EQ(FirstUnprintable("q\u200bp"), "invisible character U+200B");
  EXPECT_TRUE(StartsOrEndsWithSpace(" E"));
  EXPECT_TRUE(StartsOrEndsWithSpace("E\u00a0"));
  EXPECT_TRUE(StartsOrEndsWithSpace("\u3000E"));
  EXPECT_FALSE(StartsOrEndsWithSpace("张 掖"));
  EXPECT_FALSE(StartsOrEndsWithSpace(""));
  EXPECT_TRUE(IsBlank(" \u3000 "));
  EXPECT_FALSE(IsBlank(" a "));
  EXPECT_EQ(FirstUnprintable("E\xc2\x85"), "control character U+0085");
  EXPECT_EQ(FirstUnprintable("E\u2066"), "bidirectional control U+2066");
  EXPECT_EQ(FirstUnprintable("\xef\xbb\xbf" "E"), "invisible character U+FEFF");
  EXPECT_EQ(FirstUnprintable("E\xff"), "byte 0xFF (not UTF-8)");
}

}  // namespace
}  // namespace ledger
