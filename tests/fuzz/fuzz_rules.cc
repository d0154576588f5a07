// Rules::FromJson on arbitrary bytes: our strict JSON reader, then protobuf's
// JSON parser, then rule validation. Any outcome but a crash is fine.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ledger/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<ledger::Rules> rules = ledger::Rules::FromJson(json, "fuzz.json");
  (void)rules.ok();
  return 0;
}
