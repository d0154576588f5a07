#include "ledger/money.h"

#include <string>

#include "ledger/check.h"

namespace ledger {

std::optional<int64_t> RoundFeeUnitsHalfUp(FeeUnits fee_units) {
  LEDGER_CHECK(fee_units >= 0, "negative fee units");
  const FeeUnits fen = (fee_units + kBasisPointsPerUnit / 2) / kBasisPointsPerUnit;
  if (fen > std::numeric_limits<int64_t>::max()) return std::nullopt;
  return static_cast<int64_t>(fen);
}

std::string GroupThousands(uint64_t value, char separator) {
  const std::string digits = std::to_string(value);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(separator);
    grouped.push_back(digits[i]);
  }
  return grouped;
}

std::string FormatFen(int64_t amount_fen) {
  const std::string grouped = GroupThousands(Magnitude(amount_fen), ' ');
  return amount_fen < 0 ? "-" + grouped : grouped;
}

}  // namespace ledger
