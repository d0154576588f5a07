// The strict JSON reader of json.h: a recursive-descent parser over bytes,
// with depth bounded by kMaxJsonDepth so recursion never runs away. Every
// error says where the problem starts: the 1-based byte column of a single
// line, or the line and column of a document over several lines.
#include "ledger/json.h"

#include <algorithm>

#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "ledger/utf8.h"

namespace ledger {
namespace {

// Objects with more members than this check duplicate keys with a hash set;
// smaller ones (every event line) scan linearly.
constexpr size_t kLinearKeyScanMax = 16;

bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Returns "'x'" for a printable ASCII character, else "byte 0xEF".
std::string DescribeByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte <= 0x7E) return absl::StrFormat("character '%c'", c);
  return absl::StrFormat("byte 0x%02X", byte);
}

// Returns the int64 value of an optional '-' and decimal digits, or false
// when it does not fit.
bool ParseInt64(std::string_view digits, int64_t* value) {
  const bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.remove_prefix(1);
  // Accumulate the magnitude as unsigned: -2^63 has no positive twin.
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t magnitude = 0;
  for (char c : digits) {
    const auto digit = static_cast<uint64_t>(c - '0');
    if (magnitude > (limit - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  *value = negative ? static_cast<int64_t>(~magnitude + 1) : static_cast<int64_t>(magnitude);
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<JsonValue> ParseDocument() {
    if (const size_t nul = text_.find('\0'); nul != std::string_view::npos) {
      return Error(nul, "NUL byte in input");
    }
    SkipWhitespace();
    absl::StatusOr<JsonValue> value = ParseValue(0);
    if (!value.ok()) return value;
    SkipWhitespace();
    if (pos_ < text_.size()) {
      return Error(pos_, absl::StrFormat("unexpected %s after the JSON value",
                                         DescribeByte(text_[pos_])));
    }
    return value;
  }

 private:
  // One line of JSON (an event line) is placed by its byte column; a
  // document over several lines (a rule set) by line and column, as an
  // editor shows them.
  absl::Status Error(size_t pos, std::string_view message) const {
    pos = std::min(pos, text_.size());
    if (text_.find('\n') == std::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrFormat("column %d: %s", pos + 1, message));
    }
    const size_t line_start = text_.rfind('\n', pos == 0 ? 0 : pos - 1);
    const size_t column = line_start == std::string_view::npos || pos == 0 ? pos + 1
                                                                            : pos - line_start;
    const int64_t line = 1 + std::count(text_.begin(), text_.begin() + pos, '\n');
    return absl::InvalidArgumentError(
        absl::StrFormat("line %d, column %d: %s", line, column, message));
  }

  bool AtEnd() const { return pos_ >= text_.size(); }

  void SkipWhitespace() {
    while (!AtEnd() && IsJsonWhitespace(text_[pos_])) ++pos_;
  }

  absl::Status UnexpectedHere(std::string_view expected) const {
    if (AtEnd()) {
      return Error(pos_, absl::StrFormat("unexpected end of input; expected %s", expected));
    }
    if (text_.substr(pos_).starts_with("\xEF\xBB\xBF")) {
      return Error(pos_, "unexpected byte-order mark (U+FEFF); one is allowed only at the start of a file");
    }
    return Error(pos_, absl::StrFormat("unexpected %s; expected %s", DescribeByte(text_[pos_]),
                                       expected));
  }

  absl::StatusOr<JsonValue> ParseValue(int depth) {
    if (AtEnd()) return UnexpectedHere("a JSON value");
    const char c = text_[pos_];
    if (c == '{') return ParseObject(depth + 1);
    if (c == '[') return ParseArray(depth + 1);
    if (c == '"') {
      absl::StatusOr<std::string> text = ParseString();
      if (!text.ok()) return text.status();
      return JsonValue::String(*std::move(text));
    }
    if (c == '-' || IsDigit(c)) return ParseNumber();
    if (ConsumeLiteral("true")) return JsonValue::Bool(true);
    if (ConsumeLiteral("false")) return JsonValue::Bool(false);
    if (ConsumeLiteral("null")) return JsonValue::Null();
    return UnexpectedHere("a JSON value");
  }

  bool ConsumeLiteral(std::string_view literal) {
    if (!text_.substr(pos_).starts_with(literal)) return false;
    pos_ += literal.size();
    return true;
  }

  absl::Status CheckDepth(int depth) const {
    if (depth > kMaxJsonDepth) {
      return Error(pos_, absl::StrFormat("nesting deeper than %d levels", kMaxJsonDepth));
    }
    return absl::OkStatus();
  }

  // Consumes `c` when it is next.
  bool Consume(char c) {
    if (AtEnd() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // Consumes a run of digits; returns false when there is none.
  bool ConsumeDigits() {
    const size_t start = pos_;
    while (!AtEnd() && IsDigit(text_[pos_])) ++pos_;
    return pos_ > start;
  }

  absl::StatusOr<JsonValue> ParseObject(int depth) {
    if (absl::Status status = CheckDepth(depth); !status.ok()) return status;
    ++pos_;  // '{'
    std::vector<JsonValue::Member> members;
    absl::flat_hash_set<std::string> keys;  // used past kLinearKeyScanMax
    SkipWhitespace();
    if (Consume('}')) return JsonValue::Object(std::move(members));
    while (true) {
      if (!AtEnd() && text_[pos_] == '}') return Error(pos_, "trailing comma before '}'");
      if (AtEnd() || text_[pos_] != '"') return UnexpectedHere("a member name in double quotes");
      const size_t key_pos = pos_;
      absl::StatusOr<std::string> key = ParseString();
      if (!key.ok()) return key.status();
      if (IsDuplicate(*key, members, keys)) {
        return Error(key_pos, absl::StrFormat("duplicate key %s", JsonQuote(*key)));
      }
      SkipWhitespace();
      if (!Consume(':')) return UnexpectedHere(absl::StrFormat("':' after key %s", JsonQuote(*key)));
      SkipWhitespace();
      absl::StatusOr<JsonValue> value = ParseValue(depth);
      if (!value.ok()) return value;
      members.emplace_back(*std::move(key), *std::move(value));
      SkipWhitespace();
      if (Consume('}')) return JsonValue::Object(std::move(members));
      if (!Consume(',')) return UnexpectedHere("',' or '}' in an object");
      SkipWhitespace();
    }
  }

  // Returns whether `key` is already a member; keeps `keys` in step once the
  // object is too big for a linear scan.
  static bool IsDuplicate(const std::string& key, const std::vector<JsonValue::Member>& members,
                          absl::flat_hash_set<std::string>& keys) {
    if (members.size() < kLinearKeyScanMax) {
      for (const auto& member : members) {
        if (member.first == key) return true;
      }
      return false;
    }
    if (keys.empty()) {
      for (const auto& member : members) keys.insert(member.first);
    }
    return !keys.insert(key).second;
  }

  absl::StatusOr<JsonValue> ParseArray(int depth) {
    if (absl::Status status = CheckDepth(depth); !status.ok()) return status;
    ++pos_;  // '['
    std::vector<JsonValue> elements;
    SkipWhitespace();
    if (Consume(']')) return JsonValue::Array(std::move(elements));
    while (true) {
      if (!AtEnd() && text_[pos_] == ']') return Error(pos_, "trailing comma before ']'");
      absl::StatusOr<JsonValue> value = ParseValue(depth);
      if (!value.ok()) return value;
      elements.push_back(*std::move(value));
      SkipWhitespace();
      if (Consume(']')) return JsonValue::Array(std::move(elements));
      if (!Consume(',')) return UnexpectedHere("',' or ']' in an array");
      SkipWhitespace();
    }
  }

  absl::StatusOr<JsonValue> ParseNumber() {
    const size_t start = pos_;
    Consume('-');
    if (!AtEnd() && text_[pos_] == '0' && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1])) {
      return Error(pos_, "leading zeros are not allowed in numbers");
    }
    if (!ConsumeDigits()) return UnexpectedHere("a digit");
    bool is_integer = true;
    if (Consume('.')) {
      is_integer = false;
      if (!ConsumeDigits()) return UnexpectedHere("a digit after '.'");
    }
    if (Consume('e') || Consume('E')) {
      is_integer = false;
      if (!Consume('+')) Consume('-');
      if (!ConsumeDigits()) return UnexpectedHere("a digit in the exponent");
    }
    const std::string_view source = text_.substr(start, pos_ - start);
    int64_t value = 0;
    if (is_integer && ParseInt64(source, &value)) return JsonValue::Integer(value);
    return JsonValue::Number(std::string(source));
  }

  // Parses a string literal at text_[pos_] == '"'; returns its UTF-8 text.
  absl::StatusOr<std::string> ParseString() {
    ++pos_;  // '"'
    std::string out;
    while (true) {
      if (AtEnd()) return Error(pos_, "unexpected end of input inside a string");
      const char c = text_[pos_];
      const auto byte = static_cast<unsigned char>(c);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        if (absl::Status status = ParseEscape(&out); !status.ok()) return status;
      } else if (byte < 0x20) {
        return Error(pos_, absl::StrFormat(
                               "raw control character U+%04X in a string; write it as an escape",
                               byte));
      } else if (byte < 0x80) {
        out.push_back(c);
        ++pos_;
      } else {
        std::string problem;
        const size_t length = Utf8SequenceLength(text_, pos_, &problem);
        if (length == 0) return Error(pos_, problem);
        out.append(text_.substr(pos_, length));
        pos_ += length;
      }
    }
  }

  // Reads "\uXXXX" at pos_; returns false when the 4 hex digits are not there.
  bool ReadHex4(size_t at, uint32_t* code_unit) const {
    if (at + 4 > text_.size()) return false;
    uint32_t value = 0;
    for (size_t i = at; i < at + 4; ++i) {
      const char h = text_[i];
      uint32_t digit;
      if (IsDigit(h)) digit = static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') digit = static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') digit = static_cast<uint32_t>(h - 'A' + 10);
      else return false;
      value = value * 16 + digit;
    }
    *code_unit = value;
    return true;
  }

  absl::Status ParseEscape(std::string* out) {
    const size_t escape_pos = pos_;
    if (pos_ + 1 >= text_.size()) return Error(pos_, "unexpected end of input inside a string");
    const char kind = text_[pos_ + 1];
    pos_ += 2;
    // The two-character escapes, as pairs: escape letter, decoded byte.
    constexpr std::string_view kSimple = "\"\"\\\\//b\bf\fn\nr\rt\t";
    for (size_t i = 0; i < kSimple.size(); i += 2) {
      if (kSimple[i] == kind) {
        out->push_back(kSimple[i + 1]);
        return absl::OkStatus();
      }
    }
    if (kind != 'u') {
      return Error(escape_pos, absl::StrFormat("invalid escape '\\%s'; expected one of \\\" \\\\ "
                                               "\\/ \\b \\f \\n \\r \\t \\uXXXX",
                                               std::string(1, kind)));
    }
    uint32_t unit = 0;
    if (!ReadHex4(pos_, &unit)) return Error(escape_pos, "\\u must be followed by 4 hex digits");
    pos_ += 4;
    if (unit == 0) return Error(escape_pos, "\\u0000 (NUL) is not allowed in strings");
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return Error(escape_pos, absl::StrFormat("unpaired low surrogate \\u%04X", unit));
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      uint32_t low = 0;
      if (pos_ + 1 < text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u' &&
          ReadHex4(pos_ + 2, &low) && low >= 0xDC00 && low <= 0xDFFF) {
        pos_ += 6;
        AppendUtf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), out);
        return absl::OkStatus();
      }
      return Error(escape_pos,
                   absl::StrFormat("unpaired high surrogate \\u%04X; expected a \\uDC00-\\uDFFF escape next",
                                   unit));
    }
    AppendUtf8(unit, out);
    return absl::OkStatus();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (const auto& member : members_) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

std::string_view JsonValue::KindName() const {
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "boolean";
    case Kind::kInteger: return "integer";
    case Kind::kNumber: return "number";
    case Kind::kString: return "string";
    case Kind::kArray: return "array";
    case Kind::kObject: return "object";
  }
  return "unknown";
}

JsonValue JsonValue::Null() { return JsonValue(); }

JsonValue JsonValue::Bool(bool value) {
  JsonValue v;
  v.kind_ = Kind::kBool;
  v.bool_value_ = value;
  return v;
}

JsonValue JsonValue::Integer(int64_t value) {
  JsonValue v;
  v.kind_ = Kind::kInteger;
  v.integer_value_ = value;
  return v;
}

JsonValue JsonValue::Number(std::string source_text) {
  JsonValue v = String(std::move(source_text));
  v.kind_ = Kind::kNumber;
  return v;
}

JsonValue JsonValue::String(std::string text) {
  JsonValue v;
  v.kind_ = Kind::kString;
  v.text_ = std::move(text);
  return v;
}

JsonValue JsonValue::Array(std::vector<JsonValue> elements) {
  JsonValue v;
  v.kind_ = Kind::kArray;
  v.elements_ = std::move(elements);
  return v;
}

JsonValue JsonValue::Object(std::vector<Member> members) {
  JsonValue v;
  v.kind_ = Kind::kObject;
  v.members_ = std::move(members);
  return v;
}

absl::StatusOr<JsonValue> ParseJson(std::string_view text) { return Parser(text).ParseDocument(); }

std::string JsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  std::string problem;
  for (size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte == '"' || byte == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(byte));
      ++pos;
    } else if (byte < 0x20 || byte == 0x7F) {
      out += absl::StrFormat("\\u%04x", byte);
      ++pos;
    } else if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      ++pos;
    } else if (const size_t length = Utf8SequenceLength(text, pos, &problem); length > 0) {
      out.append(text.substr(pos, length));
      pos += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++pos;
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace ledger
