// Figures cannot overflow (issue 16, item 3): the largest assessment the
// interchange accepts (kMaxAssessmentLines lines at kMaxBaseFen) under the
// largest late-fee rate a rule set can hold, and under the default rate as of
// the last day the ledger knows, gives either the exact positive figure or
// OutOfRange naming the employer and the row — never a wrapped, negative
// number (money.h documents the bounds). Figures worked out by hand below.
#include <limits>
#include <string>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "ledger/domain/late_fee.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/money.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

constexpr std::string_view kRegistered =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"BIG","effective_date":"2020-03-01","name":"大","pooling_area":"620700","entity_type":"enterprise","size_class":"medium"})"
    "\n";

// One assessment of `period` ("2022-09") with kMaxAssessmentLines lines, each
// at kMaxBaseFen, for employees `prefix`00000..; assessed on the 15th.
std::string LargestAssessment(std::string_view event_id, std::string_view period,
                              std::string_view prefix) {
  std::string line = absl::StrFormat(
      R"({"event_id":"%s","type":"contribution_assessed","employer_id":"BIG","effective_date":"%s-15","period":"%s","lines":[)",
      event_id, period, period);
  for (size_t i = 0; i < kMaxAssessmentLines; ++i) {
    if (i > 0) line += ",";
    absl::StrAppendFormat(&line, R"({"employee_id":"%s%05d","base_fen":%d})", prefix, i,
                          kMaxBaseFen);
  }
  return line + "]}\n";
}

class FigureOverflowTest : public FoldTest {
 protected:
  absl::StatusOr<Projection> FoldAt(std::string_view as_of) {
    const absl::CivilDay day = *ParseDate(as_of);
    return FoldEmployer(rules_, SelectView(events_, day, kKnownAtEverything), day);
  }
};

void LateFee10000BpPerDay(v1::RuleSet& r) { r.mutable_late_fee()->set_rate_bp_per_day(10000); }

// The example rules edited past plausibility (rules_plausibility.h), which
// `rules check`, init and every load refuse: the fold's guards must hold for
// any rule set that compiles, so they are tested with these directly.
template <typename Edit>
Rules ImplausibleRules(Edit edit) {
  v1::RuleSet rule_set = ExampleRules().rule_set();
  edit(rule_set);
  EXPECT_FALSE(Rules::FromRuleSet(rule_set, "edited").ok());
  absl::StatusOr<Rules> rules = Rules::FromRuleSetWithoutPlausibilityForTesting(rule_set, "edited");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *std::move(rules);
}

void LateFeeAndEmployerRate10000Bp(v1::RuleSet& r) {
  LateFee10000BpPerDay(r);
  r.mutable_pooling_areas(0)->mutable_rates(0)->set_employer_rate_bp(10000);
}

TEST(FeeUnits, RoundingPastInt64FenIsNulloptNotWrapped) {
  const FeeUnits max_fen_units = FeeUnits(std::numeric_limits<int64_t>::max()) * 10000;
  EXPECT_EQ(RoundFeeUnitsHalfUp(max_fen_units).value(), std::numeric_limits<int64_t>::max());
  // Half a fen more rounds up past int64.
  EXPECT_FALSE(RoundFeeUnitsHalfUp(max_fen_units + 5000).has_value());
  EXPECT_EQ(RoundFeeUnitsHalfUp(max_fen_units + 4999).value(),
            std::numeric_limits<int64_t>::max());
}

TEST(FeeUnits, AddFenRefusesASumPastInt64) {
  int64_t total_fen = std::numeric_limits<int64_t>::max() - 1;
  EXPECT_TRUE(AddFen(total_fen, 1));
  EXPECT_EQ(total_fen, std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(AddFen(total_fen, 1));
}

TEST(FeeUnits, OnePartAtTheLargestBaseRateAndSpanFitsItsFenDays) {
  // kMaxBaseFen unpaid from 1900-01-01 to 9999-12-31 at kMaxRateBp a day:
  // 1 000 000 000 x 2 958 463 x 10 000 = 29 584 630 000 000 000 000 units,
  // past int64 (9.22e18) and exact here.
  const FeeUnits units = AccruedFeeUnits(kMaxBaseFen, {}, absl::CivilDay(1900, 1, 1),
                                         absl::CivilDay(9999, 12, 31), kMaxRateBp);
  EXPECT_EQ(units, FeeUnits(kMaxBaseFen) * kMaxAccrualDays * kMaxRateBp);
  EXPECT_EQ(RoundFeeUnitsHalfUp(units).value(), 2'958'463'000'000'000);
}

TEST_F(FigureOverflowTest, Rate10000BpPerDayLargestAssessmentGivesTheExactPositiveFee) {
  // The issue's case: 10 000 lines at 1 000 000 000 fen, 2022-09 (due Friday
  // 2022-09-30), as of 2026-09-30: 1 461 days (2024 is a leap year).
  // Employer part 700 bp: 70 000 000 fen x 10 000 lines = 700 000 000 000
  // fen principal; at 10 000 bp (100 %) a day the fee is principal x days:
  // 700 000 000 000 x 1 461 = 1 022 700 000 000 000 fen. Employee part
  // 200 bp: 200 000 000 000 x 1 461 = 292 200 000 000 000. In int64 fee
  // units (x 10 000) the employer row wrapped to a negative fee.
  rules_ = ImplausibleRules(LateFee10000BpPerDay);
  SetHistory(std::string(kRegistered) + LargestAssessment("a9", "2022-09", "E"));
  const absl::StatusOr<Projection> folded = FoldAt("2026-09-30");
  ASSERT_TRUE(folded.ok()) << folded.status();
  const ObligationRow& employer = Row(*folded, "2022-09", "employer");
  EXPECT_EQ(FormatDate(employer.due_date), "2022-09-30");
  EXPECT_EQ(employer.principal_fen, 700'000'000'000);
  EXPECT_EQ(employer.late_fee_fen, 1'022'700'000'000'000);
  EXPECT_EQ(Row(*folded, "2022-09", "employee").late_fee_fen, 292'200'000'000'000);
  EXPECT_EQ(folded->totals.late_fee_fen, 1'314'900'000'000'000);
}

TEST_F(FigureOverflowTest, DefaultRulesAsOfTheLastDayGiveTheExactPositiveFee) {
  // Default 5 bp a day, as of 9999-12-31: 2 913 631 days after 2022-09-30.
  // Employer: 700 000 000 000 x 2 913 631 x 5 = 10 197 708 500 000 000 000
  // units (past int64) = 1 019 770 850 000 000 fen exactly. Employee:
  // 200 000 000 000 x 2 913 631 x 5 / 10 000 = 291 363 100 000 000 fen.
  SetHistory(std::string(kRegistered) + LargestAssessment("a9", "2022-09", "E"));
  const absl::StatusOr<Projection> folded = FoldAt("9999-12-31");
  ASSERT_TRUE(folded.ok()) << folded.status();
  EXPECT_EQ(Row(*folded, "2022-09", "employer").late_fee_fen, 1'019'770'850'000'000);
  EXPECT_EQ(Row(*folded, "2022-09", "employee").late_fee_fen, 291'363'100'000'000);
  EXPECT_EQ(folded->totals.late_fee_fen, 1'311'133'950'000'000);
  EXPECT_EQ(folded->totals.outstanding_fen, 900'000'000'000);
}

TEST_F(FigureOverflowTest, RowFeePastInt64FenIsOutOfRangeNamingEmployerAndRow) {
  // Employer rate 10 000 bp: 10 000 lines x 1 000 000 000 = 10 000 000 000 000
  // fen principal; at 100 % a day for 2 913 631 days the fee would be
  // 29 136 310 000 000 000 000 fen, past int64: an error, not a figure.
  // (The employee row, 200 bp, 582 726 200 000 000 000 fen, still fits.)
  rules_ = ImplausibleRules(LateFeeAndEmployerRate10000Bp);
  SetHistory(std::string(kRegistered) + LargestAssessment("a9", "2022-09", "E"));
  const absl::StatusOr<Projection> folded = FoldAt("9999-12-31");
  ASSERT_FALSE(folded.ok());
  EXPECT_EQ(folded.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(std::string(folded.status().message()),
              ::testing::HasSubstr("employer BIG as of 9999-12-31: the late fee of row 2022-09 "
                                   "employer due 2022-09-30"));
  // Earlier, the same history has an exact figure: 1 461 days x 10^13 fen.
  const absl::StatusOr<Projection> earlier = FoldAt("2026-09-30");
  ASSERT_TRUE(earlier.ok()) << earlier.status();
  EXPECT_EQ(Row(*earlier, "2022-09", "employer").late_fee_fen, 14'610'000'000'000'000);
}

TEST_F(FigureOverflowTest, TotalPastInt64FenIsOutOfRangeNamingTheRowThatTippedIt) {
  // Two such rows, 2022-09 (due 09-30) and 2022-10 (due Monday 10-31), as of
  // 470 000 days after 2022-09-30: 10^13 x 470 000 = 4.7e18 fen and
  // 10^13 x 469 969 = 4.69969e18, each within int64, together 9.39969e18:
  // past it. The total is refused at the second row.
  rules_ = ImplausibleRules(LateFeeAndEmployerRate10000Bp);
  SetHistory(std::string(kRegistered) + LargestAssessment("a9", "2022-09", "E") +
             LargestAssessment("a10", "2022-10", "E"));
  const std::string as_of = FormatDate(absl::CivilDay(2022, 9, 30) + 470'000);
  const absl::StatusOr<Projection> folded = FoldAt(as_of);
  ASSERT_FALSE(folded.ok());
  EXPECT_EQ(folded.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(std::string(folded.status().message()),
              ::testing::HasSubstr("the employer total of row 2022-10 employer due 2022-10-31"));
  // Ten years on, far from the limit, the same history folds.
  ASSERT_TRUE(FoldAt("2032-09-30").ok());
}

}  // namespace
}  // namespace ledger::testing
