// Money is int64 fen; rates are integer basis points (1/10000). Late fees are
// summed exactly in 1/10000 fen ("fee units") and rounded once per row (R1, R4).
// No floating point anywhere: every division here rounds half-up, visibly.
#ifndef LEDGER_MONEY_H_
#define LEDGER_MONEY_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "absl/numeric/int128.h"
#include "ledger/check.h"

namespace ledger {

// Limits that keep every product below in range (put a limit on everything).
// A contribution base above 10 million yuan a month or a payment above
// 10 billion yuan is a typing error, not a fact. Event dates, periods and
// --as-of are 1900-01-01..9999-12-31 (ledger/dates.h, domain/view.h's
// kEndOfTime), so a fee accrues on at most kMaxAccrualDays days.
// Rule sets are bounded tighter by plausibility (rules_plausibility.h):
// contribution rates 1..2000 bp, late fees 1..100 bp a day.
//
// How far each figure can go, and how it is kept exact (issue 16):
// - a part's principal: ApplyRate(base <= kMaxBaseFen, rate <= kMaxRateBp)
//   <= kMaxBaseFen: int64, static;
// - a part's fen-days (outstanding x days, summed over its payments):
//   <= kMaxBaseFen x kMaxAccrualDays < 3e15: int64, static (below);
// - its fee units (fen-days x rate_bp_per_day <= kMaxRateBp) < 3e19: past
//   int64, so FeeUnits is 128 bits, and so is every sum of them (a row's
//   parts, a report's waived fees): < 2^127 for any count of parts that fits
//   in memory;
// - a row's fee in fen (its units / 10000), a row's principal (lines x
//   kMaxBaseFen, lines unbounded across assessments of one period), totals
//   over rows, credit over payments, report sums over employers: not
//   statically bounded (the number of events is not), so checked: rounding
//   with RoundFeeUnitsHalfUp, sums with AddFen. The fold records the first
//   figure that does not fit (Projection::overflow) and FoldEmployerInto
//   returns it as OutOfRange naming the employer and row: never a wrapped,
//   negative number.
inline constexpr int64_t kMaxBaseFen = 1'000'000'000;            // 10 000 000 yuan
inline constexpr int64_t kMaxAmountFen = 1'000'000'000'000;      // 10 000 000 000 yuan
inline constexpr int32_t kMaxRateBp = 10'000;                    // 100 %
inline constexpr int64_t kBasisPointsPerUnit = 10'000;
// Days from 1900-01-01 to 9999-12-31: the longest a fee can accrue.
inline constexpr int64_t kMaxAccrualDays = 2'958'463;
static_assert(kMaxBaseFen * kMaxAccrualDays < std::numeric_limits<int64_t>::max() / 2,
              "a part's fen-days must fit int64 with room to spare");

// Exact late-fee units, 1/10000 fen (fen x bp). 128 bits: see above.
using FeeUnits = absl::int128;

// Returns floor((base_fen * rate_bp + 5000) / 10000): half-up to the fen (R1).
// Requires 0 <= base_fen <= kMaxBaseFen * 10 000 and 0 <= rate_bp <= kMaxRateBp.
// Inline: the fold applies it twice per assessment line.
inline int64_t ApplyRate(int64_t base_fen, int32_t rate_bp) {
  LEDGER_CHECK(base_fen >= 0 && rate_bp >= 0 && rate_bp <= kMaxRateBp, "ApplyRate outside its domain");
  // Half-up: add half a unit before the truncating division (bases are >= 0).
  return (base_fen * rate_bp + kBasisPointsPerUnit / 2) / kBasisPointsPerUnit;
}

// Returns fee units (1/10000 fen) rounded half-up to whole fen, or nullopt
// when that is more fen than int64 holds. Requires fee_units >= 0.
std::optional<int64_t> RoundFeeUnitsHalfUp(FeeUnits fee_units);

// Adds `amount_fen` to `total_fen`. Returns false when the sum does not fit
// int64 (total_fen then holds a wrapped value: report the overflow, do not
// use it). Every sum of fen over an unbounded count goes through it.
[[nodiscard]] inline bool AddFen(int64_t& total_fen, int64_t amount_fen) {
  return !__builtin_add_overflow(total_fen, amount_fen, &total_fen);
}

// Returns the decimal digits of `value` with `separator` between groups of
// three: (1234567, ',') -> "1,234,567". The one grouping every output uses.
std::string GroupThousands(uint64_t value, char separator);

// Returns the magnitude of `amount` as unsigned, so that INT64_MIN's is
// representable.
inline uint64_t Magnitude(int64_t amount) {
  return amount < 0 ? 0 - static_cast<uint64_t>(amount) : static_cast<uint64_t>(amount);
}

// Returns fen grouped by thousands for messages: 35000 -> "35 000".
std::string FormatFen(int64_t amount_fen);

}  // namespace ledger

#endif  // LEDGER_MONEY_H_
