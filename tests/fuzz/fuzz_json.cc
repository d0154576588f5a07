// ParseJson on arbitrary bytes: it must return a value or an error, never
// crash, hang, leak or hit undefined behaviour (nesting is bounded at 64).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ledger/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<ledger::JsonValue> value = ledger::ParseJson(text);
  (void)value.ok();
  return 0;
}
