// ParseEventLine on one line of arbitrary bytes. A refused line must say why
// as documented ("field: message", or the message alone for the whole line);
// an accepted one must round-trip through EventToJsonLine (round_trip.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/interchange/event_jsonl.h"
#include "tests/fuzz/round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  ledger::FieldError error;
  const absl::StatusOr<ledger::v1::Event> event = ledger::ParseEventLine(line, &error);
  if (!event.ok()) {
    const std::string expected =
        error.field.empty() ? error.message : error.field + ": " + error.message;
    if (!absl::IsInvalidArgument(event.status()) || error.message.empty() ||
        event.status().message() != expected) {
      ledger::fuzz::Fail("the error does not match its FieldError",
                         event.status().ToString() + "\nfield: " + error.field +
                             "\nmessage: " + error.message);
    }
    return 0;
  }
  ledger::fuzz::CheckRoundTrip(*event);
  return 0;
}
