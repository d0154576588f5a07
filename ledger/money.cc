#include "ledger/money.h"

#include "ledger/check.h"

namespace ledger {

std::optional<int64_t> RoundFeeUnitsHalfUp(FeeUnits fee_units) {
  LEDGER_CHECK(fee_units >= 0, "negative fee units");
  const FeeUnits fen = (fee_units + kBasisPointsPerUnit / 2) / kBasisPointsPerUnit;
  if (fen > std::numeric_limits<int64_t>::max()) return std::nullopt;
  return static_cast<int64_t>(fen);
}

std::string FormatFen(int64_t amount_fen) {
  std::string digits = std::to_string(amount_fen < 0 ? -amount_fen : amount_fen);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(' ');
    grouped.push_back(digits[i]);
  }
  return amount_fen < 0 ? "-" + grouped : grouped;
}

}  // namespace ledger
