// ParseEventsJsonl on a whole file of arbitrary bytes (BOM, CRLF, blank and
// comment lines, many lines). Accepted: one line number per event, strictly
// increasing, and every event round-trips (round_trip.h). Refused: an
// InvalidArgument that names the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "ledger/interchange/event_jsonl.h"
#include "tests/fuzz/round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<ledger::ParsedEvents> parsed =
      ledger::ParseEventsJsonl(text, "fuzz.jsonl");
  if (!parsed.ok()) {
    if (!absl::IsInvalidArgument(parsed.status()) ||
        !absl::StartsWith(parsed.status().message(), "fuzz.jsonl:")) {
      ledger::fuzz::Fail("unexpected error form", parsed.status().ToString());
    }
    return 0;
  }
  if (parsed->events.size() != parsed->line_numbers.size()) {
    ledger::fuzz::Fail("events and line numbers differ in count",
                       absl::StrFormat("%d vs %d", parsed->events.size(),
                                       parsed->line_numbers.size()));
  }
  int64_t previous = 0;
  for (const int64_t line_number : parsed->line_numbers) {
    if (line_number <= previous) {
      ledger::fuzz::Fail("line numbers not increasing",
                         absl::StrFormat("%d after %d", line_number, previous));
    }
    previous = line_number;
  }
  for (const ledger::v1::Event& event : parsed->events) ledger::fuzz::CheckRoundTrip(event);
  return 0;
}
