#include "ledger/money.h"

#include "ledger/check.h"

namespace ledger {

int64_t RoundFeeUnitsHalfUp(int64_t fee_units) {
  LEDGER_CHECK(fee_units >= 0, "negative fee units");
  return (fee_units + kBasisPointsPerUnit / 2) / kBasisPointsPerUnit;
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
