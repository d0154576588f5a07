// A strict JSON reader and a small writer for the ledger's interchange.
// Strict where a ledger must be: duplicate keys, invalid UTF-8, NUL bytes,
// unpaired surrogate escapes, trailing text and numbers past int64 are errors,
// never silently resolved. Integers keep their exact int64 value; any other
// number keeps its text so a caller can say what was wrong with it.
// JsonValue is a plain value type; nothing here is shared between threads.
#ifndef LEDGER_JSON_H_
#define LEDGER_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/utf8.h"  // IsValidUtf8, for callers of this header

namespace ledger {

class JsonValue {
 public:
  enum class Kind { kNull, kBool, kInteger, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, JsonValue>;

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool bool_value() const { return bool_value_; }
  int64_t integer_value() const { return integer_value_; }
  // kString: the decoded UTF-8 text. kNumber: the number's source text.
  const std::string& text() const { return text_; }
  const std::vector<JsonValue>& elements() const { return elements_; }
  // Members in the order they appear; keys are unique.
  const std::vector<Member>& members() const { return members_; }
  // Returns the member named `key`, or nullptr.
  const JsonValue* Find(std::string_view key) const;
  // Returns "string", "integer", "number", "object", ... for messages.
  std::string_view KindName() const;

  static JsonValue Null();
  static JsonValue Bool(bool value);
  static JsonValue Integer(int64_t value);
  static JsonValue Number(std::string source_text);
  static JsonValue String(std::string text);
  static JsonValue Array(std::vector<JsonValue> elements);
  static JsonValue Object(std::vector<Member> members);

 private:
  Kind kind_ = Kind::kNull;
  bool bool_value_ = false;
  int64_t integer_value_ = 0;
  std::string text_;
  std::vector<JsonValue> elements_;
  std::vector<Member> members_;
};

// Limits: nesting depth 64; a document is parsed whole from memory.
inline constexpr int kMaxJsonDepth = 64;

// Returns the value of one JSON document (surrounding whitespace allowed).
// Errors are InvalidArgument, "column N: what is wrong" (1-based, in bytes;
// "line L, column N: ..." when the text spans several lines, as a rule set),
// e.g. `column 41: duplicate key "amount_fen"`. Stricter than RFC 8259 in one
// place: a \u0000 escape is refused like a raw NUL byte (no ledger text holds
// NUL). A byte-order mark is refused: callers strip one at a file's start.
[[nodiscard]] absl::StatusOr<JsonValue> ParseJson(std::string_view text);

// Returns `text` as a JSON string literal with quotes; non-ASCII UTF-8 is
// written as is, control characters (and DEL) as \u00xx escapes. Bytes that
// are not well-formed UTF-8 become U+FFFD, so the output always parses.
std::string JsonQuote(std::string_view text);

}  // namespace ledger

#endif  // LEDGER_JSON_H_
