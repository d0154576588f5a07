// Events as JSON Lines (shared/spec/interchange.md): one event per line, in
// the interchange's flat form, strictly validated field by field.
#ifndef LEDGER_INTERCHANGE_EVENT_JSONL_H_
#define LEDGER_INTERCHANGE_EVENT_JSONL_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

// Limits (put a limit on everything).
inline constexpr size_t kMaxLineBytes = 1 << 20;           // 1 MiB
inline constexpr size_t kMaxAssessmentLines = 10'000;
inline constexpr size_t kMaxEventIdBytes = 128;
inline constexpr size_t kMaxEmployerIdBytes = 64;
inline constexpr size_t kMaxEmployeeIdBytes = 64;
// A tax receipt number (电子税票号码) is 20 digits today; room for more.
inline constexpr size_t kMaxTaxReceiptBytes = 64;
inline constexpr size_t kMaxTextBytes = 4096;               // names, reasons

struct FieldError {
  // "amount_fen", "lines[3].base_fen" (lines counted from 0, as in JSON
  // paths), "" for the line as a whole (bad JSON: "column N: ...").
  std::string field;
  std::string message;  // what is wrong and what was expected
};

// Returns the event on one line (without its line terminator), or the first
// field error. Unknown fields, unknown enum values, missing required fields,
// wrong JSON types, bad dates/periods/timestamps, amounts <= 0 or past
// kMaxAmountFen, bases past kMaxBaseFen, empty or overlong ids, the same
// employee twice in one assessment: all are errors. Sequence stays 0.
// When a line has an unknown field, that is the error reported (a misspelt
// "amount" explains the missing "amount_fen"); else the first in field order.
// `error` may be null; the status message is "field: message" either way.
[[nodiscard]] absl::StatusOr<v1::Event> ParseEventLine(std::string_view line,
                                                      FieldError* error);

struct ParsedEvents {
  std::vector<v1::Event> events;
  std::vector<int64_t> line_numbers;  // 1-based source line of each event
};

// No limit on the events of one text (the importer passes the store's).
inline constexpr size_t kNoEventLimit = std::numeric_limits<size_t>::max();

// Parses a whole JSONL text: a UTF-8 BOM at the start is skipped, CRLF and LF
// both end lines, blank lines and lines starting with '#' are skipped, a line
// over kMaxLineBytes is an error. A carriage return not followed by a line
// feed is an error on its line: a file with classic Mac (CR-only) line ends
// is refused as such, never read as one comment or one line ("0 read").
// Returns every event, or InvalidArgument listing every bad line as
// "FILE:LINE: field: message" (ErrorList; FILE escaped, ledger/printable.h).
// More than `max_events` event lines is refused at the first line past the
// limit, before any line is parsed: a file too big for one batch costs a scan,
// not a parse.
[[nodiscard]] absl::StatusOr<ParsedEvents> ParseEventsJsonl(std::string_view text,
                                                            std::string_view file_name,
                                                            size_t max_events = kNoEventLimit);

// Returns the event in its interchange JSON form, one line, no newline;
// ParseEventLine(EventToJsonLine(e)) == e for any valid event. recorded_at is
// written when `include_recorded_at` or recorded_at_given; sequence never.
std::string EventToJsonLine(const v1::Event& event, bool include_recorded_at);

}  // namespace ledger

#endif  // LEDGER_INTERCHANGE_EVENT_JSONL_H_
