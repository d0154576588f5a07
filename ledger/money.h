// Money is int64 fen; rates are integer basis points (1/10000). Late fees are
// summed exactly in 1/10000 fen ("fee units") and rounded once per row (R1, R4).
// No floating point anywhere: every division here rounds half-up, visibly.
#ifndef LEDGER_MONEY_H_
#define LEDGER_MONEY_H_

#include <cstdint>
#include <string>

#include "ledger/check.h"

namespace ledger {

// Limits that keep every product below in int64 (put a limit on everything).
// A contribution base above 10 million yuan a month or a payment above
// 10 billion yuan is a typing error, not a fact.
inline constexpr int64_t kMaxBaseFen = 1'000'000'000;            // 10 000 000 yuan
inline constexpr int64_t kMaxAmountFen = 1'000'000'000'000;      // 10 000 000 000 yuan
inline constexpr int32_t kMaxRateBp = 10'000;                    // 100 %
inline constexpr int64_t kBasisPointsPerUnit = 10'000;

// Returns floor((base_fen * rate_bp + 5000) / 10000): half-up to the fen (R1).
// Requires 0 <= base_fen <= kMaxBaseFen * 10 000 and 0 <= rate_bp <= kMaxRateBp.
// Inline: the fold applies it twice per assessment line.
inline int64_t ApplyRate(int64_t base_fen, int32_t rate_bp) {
  LEDGER_CHECK(base_fen >= 0 && rate_bp >= 0 && rate_bp <= kMaxRateBp, "ApplyRate outside its domain");
  // Half-up: add half a unit before the truncating division (bases are >= 0).
  return (base_fen * rate_bp + kBasisPointsPerUnit / 2) / kBasisPointsPerUnit;
}

// Returns fee units (1/10000 fen) rounded half-up to whole fen. Requires >= 0.
int64_t RoundFeeUnitsHalfUp(int64_t fee_units);

// Returns fen grouped by thousands for messages: 35000 -> "35 000".
std::string FormatFen(int64_t amount_fen);

}  // namespace ledger

#endif  // LEDGER_MONEY_H_
