// Shared by the event fuzzers: the documented inverse of ParseEventLine.
// A broken invariant prints what differed and stops with __builtin_trap(),
// which libFuzzer reports as a crash and saves the input.
#ifndef LEDGER_TESTS_FUZZ_ROUND_TRIP_H_
#define LEDGER_TESTS_FUZZ_ROUND_TRIP_H_

#include <cstdio>
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "ledger/interchange/event_jsonl.h"

namespace ledger::fuzz {

[[noreturn]] inline void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "FUZZ INVARIANT BROKEN: %s\n%s\n", what, detail.c_str());
  __builtin_trap();
}

// ParseEventLine(EventToJsonLine(e)) == e, for both include_recorded_at
// values (with true, the event comes back with recorded_at_given set), and
// the written line is a fixed point: writing the re-parsed event gives it back.
inline void CheckRoundTrip(const v1::Event& event) {
  if (event.sequence() != 0) Fail("ParseEventLine set a sequence", event.DebugString());
  for (const bool include_recorded_at : {false, true}) {
    v1::Event expected = event;
    if (include_recorded_at) expected.set_recorded_at_given(true);
    const std::string line = EventToJsonLine(event, include_recorded_at);
    const absl::StatusOr<v1::Event> again = ParseEventLine(line, nullptr);
    if (!again.ok()) {
      Fail("EventToJsonLine wrote a line ParseEventLine refuses",
           "event:\n" + event.DebugString() + "line:\n" + line + "\nerror:\n" +
               std::string(again.status().message()));
    }
    if (!google::protobuf::util::MessageDifferencer::Equals(*again, expected)) {
      Fail("the event did not come back equal",
           "expected:\n" + expected.DebugString() + "line:\n" + line + "\ngot:\n" +
               again->DebugString());
    }
    const std::string line_again = EventToJsonLine(*again, include_recorded_at);
    if (line_again != line) {
      Fail("EventToJsonLine is not a fixed point", line + "\nvs\n" + line_again);
    }
  }
}

}  // namespace ledger::fuzz

#endif  // LEDGER_TESTS_FUZZ_ROUND_TRIP_H_
