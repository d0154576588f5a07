// Helpers for the interchange tests: build one event line from its type and
// extra fields, and read back the first error as "field: message".
#ifndef LEDGER_TESTS_INTERCHANGE_EVENT_TEST_UTIL_H_
#define LEDGER_TESTS_INTERCHANGE_EVENT_TEST_UTIL_H_

#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "ledger/interchange/event_jsonl.h"

namespace ledger::testing {

// Returns a line with the common fields (event_id "e1", employer_id "A",
// effective_date 2022-07-28) plus `extra` (text such as `"amount_fen":5`).
inline std::string Line(std::string_view type, std::string_view extra) {
  std::string line = R"({"event_id":"e1","type":")" + std::string(type) +
                     R"(","employer_id":"A","effective_date":"2022-07-28")";
  if (!extra.empty()) line += "," + std::string(extra);
  return line + "}";
}

// Returns "field: message" for the line's error ("message" when the error is
// about the whole line), or "OK". Checks the status says the same.
inline std::string ErrorOf(std::string_view line) {
  FieldError error;
  absl::StatusOr<v1::Event> event = ParseEventLine(line, &error);
  if (event.ok()) return "OK";
  const std::string text = error.field.empty() ? error.message : error.field + ": " + error.message;
  EXPECT_EQ(event.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(event.status().message(), text);
  return text;
}

inline v1::Event ParseOk(std::string_view line) {
  absl::StatusOr<v1::Event> event = ParseEventLine(line, nullptr);
  EXPECT_TRUE(event.ok()) << event.status() << "\n" << line;
  return event.ok() ? *event : v1::Event();
}

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_INTERCHANGE_EVENT_TEST_UTIL_H_
