// R1 Money: int64 fen, integer basis points, apply_rate half-up, late fees
// summed exactly in 1/10000 fen and rounded once per obligation row.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include <limits>

#include "ledger/domain/late_fee.h"
#include "ledger/money.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R1MoneyTest : public FoldTest {};

constexpr std::string_view kRegistered =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";

TEST(R1Money, R1_ApplyRateRoundsHalfUp) {
  // 500 000 x 700 = 350 000 000 / 10 000 = 35 000 exactly.
  EXPECT_EQ(ApplyRate(500000, 700), 35000);
  // 12 350 x 700 = 8 645 000 -> 864.5 fen -> half-up 865 (truncation: 864).
  EXPECT_EQ(ApplyRate(12350, 700), 865);
  // 12 349 x 700 = 8 644 300 -> 864.43 -> 864.
  EXPECT_EQ(ApplyRate(12349, 700), 864);
  // 12 357 x 700 = 8 649 900 -> 864.99 -> 865 (truncation would give 864).
  EXPECT_EQ(ApplyRate(12357, 700), 865);
  // 12 375 x 200 = 2 475 000 -> 247.5 -> 248; 12 374 x 200 = 2 474 800 -> 247.48 -> 247.
  EXPECT_EQ(ApplyRate(12375, 200), 248);
  EXPECT_EQ(ApplyRate(12374, 200), 247);
  // 1 x 5 000 = 5 000 -> 0.5 -> 1; 1 x 4 999 -> 0.4999 -> 0.
  EXPECT_EQ(ApplyRate(1, 5000), 1);
  EXPECT_EQ(ApplyRate(1, 4999), 0);
  // The largest base at 100 %: 1 000 000 000 x 10 000 / 10 000, no overflow.
  EXPECT_EQ(ApplyRate(kMaxBaseFen, kMaxRateBp), 1'000'000'000);
}

TEST(R1Money, R1_FeeUnitsRoundHalfUpToTheFen) {
  // The spec's R4 example: 114 187 x 39 x 5 = 22 266 465 units = 2 226.6465 -> 2 227.
  EXPECT_EQ(RoundFeeUnitsHalfUp(22266465).value(), 2227);
  // 15 000 units = 1.5 fen -> 2; 14 999 -> 1.4999 -> 1; 5 000 -> 0.5 -> 1; 4 999 -> 0.
  EXPECT_EQ(RoundFeeUnitsHalfUp(15000).value(), 2);
  EXPECT_EQ(RoundFeeUnitsHalfUp(14999).value(), 1);
  EXPECT_EQ(RoundFeeUnitsHalfUp(5000).value(), 1);
  EXPECT_EQ(RoundFeeUnitsHalfUp(4999).value(), 0);
  EXPECT_EQ(RoundFeeUnitsHalfUp(0).value(), 0);
}

TEST(R1Money, R1_FeeIsSummedExactlyInTenThousandthsOfAFen) {
  // 7 000 fen unpaid 1 day (due 06-30, through 07-01) at 5 bp: 35 000 units
  // (3.5 fen), not rounded by the accrual itself.
  EXPECT_EQ(AccruedFeeUnits(7000, {}, absl::CivilDay(2022, 6, 30), absl::CivilDay(2022, 7, 1),
                            5),
            35000);
  // 1 fen for 3 days at 5 bp: 15 units (0.0015 fen), kept exactly.
  EXPECT_EQ(AccruedFeeUnits(1, {}, absl::CivilDay(2022, 6, 30), absl::CivilDay(2022, 7, 3), 5),
            15);
}

TEST(R1Money, R1_FormatFenGroupsThousands) {
  EXPECT_EQ(FormatFen(35000), "35 000");
  EXPECT_EQ(FormatFen(1234567), "1 234 567");
  EXPECT_EQ(FormatFen(999), "999");
  EXPECT_EQ(FormatFen(0), "0");
  EXPECT_EQ(FormatFen(-1234), "-1 234");
  // INT64_MIN's magnitude does not fit int64: negating it would overflow.
  EXPECT_EQ(FormatFen(std::numeric_limits<int64_t>::min()), "-9 223 372 036 854 775 808");
  EXPECT_EQ(FormatFen(std::numeric_limits<int64_t>::max()), "9 223 372 036 854 775 807");
}

TEST_F(R1MoneyTest, R1_ApplyRateIsPerLineInTheFold) {
  // Zhangye 700 / 200 bp. Base 12 350: employer 864.5 -> 865, employee
  // 2 470 000 / 10 000 = 247 exactly. Two such lines: 2 x 865 = 1 730 (the
  // rate applied to the 24 700 sum would give 17 290 000 -> 1 729).
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":12350},{"employee_id":"E2","base_fen":12350}]})");
  const Projection p = Fold("2022-06-10");
  EXPECT_EQ(Row(p, "2022-06", "employer").principal_fen, 1730);
  EXPECT_EQ(Row(p, "2022-06", "employee").principal_fen, 494);
}

TEST_F(R1MoneyTest, R1_FeeRoundedOncePerRowNotPerPart) {
  // Zhangye, no grant. June due 2022-06-30 (a Thursday). Three employees,
  // base 100 000 each: employer parts 7 000, employee parts 2 000.
  // As of 2022-07-01: one day (07-01) unpaid.
  // Employer row: 3 x 7 000 x 1 d x 5 bp = 105 000 units = 10.5 fen -> 11.
  //   (rounding each part: 3.5 -> 4, x 3 = 12; truncating each: 3 x 3 = 9.)
  // Employee row: 3 x 2 000 x 5 = 30 000 units = 3 fen.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":100000},{"employee_id":"E2","base_fen":100000},{"employee_id":"E3","base_fen":100000}]})");
  const Projection p = Fold("2022-07-01");
  EXPECT_EQ(Row(p, "2022-06", "employer").late_fee_fen, 11);
  EXPECT_EQ(Row(p, "2022-06", "employee").late_fee_fen, 3);
  EXPECT_EQ(p.totals.late_fee_fen, 14);
  // Two days (as of 07-02): 210 000 units = 21 fen; employee 60 000 = 6.
  const Projection q = Fold("2022-07-02");
  EXPECT_EQ(Row(q, "2022-06", "employer").late_fee_fen, 21);
  EXPECT_EQ(Row(q, "2022-06", "employee").late_fee_fen, 6);
}

}  // namespace
}  // namespace ledger::testing
