// FieldReader and JsonObjectWriter: see event_fields.h. The messages here are
// what a clerk reads; each says what was expected and what was found.
#include "ledger/interchange/event_fields.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/money.h"
#include "ledger/printable.h"

namespace ledger::interchange_internal {
namespace {

// Text longer than this is cut in messages (a whole line is too long to echo).
constexpr size_t kMaxEchoBytes = 60;

// Returns `text` cut to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

bool LooksLikeInteger(std::string_view number_text) {
  return number_text.find_first_of(".eE") == std::string_view::npos;
}

}  // namespace

std::string DescribeJson(const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::kNull: return "null";
    case JsonValue::Kind::kBool: return value.bool_value() ? "true" : "false";
    case JsonValue::Kind::kInteger: return absl::StrFormat("%d", value.integer_value());
    case JsonValue::Kind::kNumber: return std::string(CutUtf8(value.text(), kMaxEchoBytes));
    case JsonValue::Kind::kString: {
      const std::string_view cut = CutUtf8(value.text(), kMaxEchoBytes);
      if (cut.size() == value.text().size()) return JsonQuote(cut);
      return JsonQuote(cut) + "...";
    }
    case JsonValue::Kind::kArray: return "an array";
    case JsonValue::Kind::kObject: return "an object";
  }
  return "a value";
}

FieldReader::FieldReader(const JsonValue& object, std::string path)
    : object_(object), path_(std::move(path)) {}

std::string FieldReader::FieldPath(std::string_view name) const {
  if (path_.empty()) return std::string(name);
  return absl::StrFormat("%s.%s", path_, name);
}

void FieldReader::Fail(std::string_view name, std::string message) {
  FailWith(FieldError{FieldPath(name), std::move(message)});
}

void FieldReader::FailWith(FieldError error) {
  if (!error_.has_value()) error_ = std::move(error);
}

const JsonValue* FieldReader::Get(std::string_view name, Presence presence) {
  if (std::find(field_names_.begin(), field_names_.end(), name) == field_names_.end()) {
    field_names_.emplace_back(name);
  }
  const JsonValue* value = object_.Find(name);
  if (value == nullptr && presence == Presence::kRequired) {
    Fail(name, "required field is missing");
  }
  return value;
}

const JsonValue::Member* FieldReader::FirstUnknownMember() const {
  for (const auto& member : object_.members()) {
    if (std::find(field_names_.begin(), field_names_.end(), member.first) == field_names_.end()) {
      return &member;
    }
  }
  return nullptr;
}

std::string FieldReader::Id(std::string_view name, size_t max_bytes, Presence presence) {
  const JsonValue* value = Get(name, presence);
  if (value == nullptr) return "";
  if (value->kind() != JsonValue::Kind::kString) {
    Fail(name, "expected a string, got " + DescribeJson(*value));
    return "";
  }
  const std::string& text = value->text();
  if (text.empty()) {
    Fail(name, "must not be empty");
  } else if (text.size() > max_bytes) {
    Fail(name, absl::StrFormat("is %d bytes long; at most %d allowed", text.size(), max_bytes));
  } else if (const std::string bad = FirstUnprintable(text); !bad.empty()) {
    Fail(name, absl::StrFormat("contains %s; an id must be printable", bad));
  } else if (StartsOrEndsWithSpace(text)) {
    Fail(name, absl::StrFormat("%s must not start or end with a space", JsonQuote(text)));
  } else {
    return text;
  }
  return "";
}

std::string FieldReader::Text(std::string_view name) {
  const JsonValue* value = Get(name, Presence::kRequired);
  if (value == nullptr) return "";
  if (value->kind() != JsonValue::Kind::kString) {
    Fail(name, "expected a string, got " + DescribeJson(*value));
    return "";
  }
  const std::string& text = value->text();
  if (text.empty()) {
    Fail(name, "must not be empty");
  } else if (text.size() > kMaxTextBytes) {
    Fail(name, absl::StrFormat("is %d bytes long; at most %d allowed", text.size(), kMaxTextBytes));
  } else if (const std::string bad = FirstUnprintable(text); !bad.empty()) {
    const bool breaks_line = bad.starts_with("control") || bad.starts_with("line");
    Fail(name, absl::StrFormat("contains %s; %s", bad,
                               breaks_line ? "write the text on one line"
                                           : "text must not hide or reorder what it shows"));
  } else if (IsBlank(text)) {
    Fail(name, "must not be blank: only spaces");
  } else {
    return text;
  }
  return "";
}

int32_t FieldReader::Date(std::string_view name) {
  const JsonValue* value = Get(name, Presence::kRequired);
  if (value == nullptr) return 0;
  // Text too long to be one is not echoed whole by the strict parser.
  if (value->kind() != JsonValue::Kind::kString || value->text().size() > kMaxEchoBytes) {
    Fail(name, "expected a date string YYYY-MM-DD, got " + DescribeJson(*value));
    return 0;
  }
  const absl::StatusOr<absl::CivilDay> day = ParseDate(value->text());
  if (!day.ok()) {
    Fail(name, std::string(day.status().message()));
    return 0;
  }
  return EncodeDate(*day);
}

int32_t FieldReader::Period(std::string_view name, Presence presence) {
  const JsonValue* value = Get(name, presence);
  if (value == nullptr) return 0;
  // Text too long to be one is not echoed whole by the strict parser.
  if (value->kind() != JsonValue::Kind::kString || value->text().size() > kMaxEchoBytes) {
    Fail(name, "expected a period string YYYY-MM, got " + DescribeJson(*value));
    return 0;
  }
  const absl::StatusOr<absl::CivilMonth> month = ParseMonth(value->text());
  if (!month.ok()) {
    Fail(name, std::string(month.status().message()));
    return 0;
  }
  return EncodeMonth(*month);
}

int64_t FieldReader::Fen(std::string_view name, int64_t max_fen) {
  const JsonValue* value = Get(name, Presence::kRequired);
  if (value == nullptr) return 0;
  const std::string got = DescribeJson(*value);
  const std::string expected = "expected an integer number of fen > 0, got " + got;
  if (value->kind() == JsonValue::Kind::kInteger) {
    const int64_t fen = value->integer_value();
    if (fen <= 0) {
      Fail(name, expected);
    } else if (fen > max_fen) {
      Fail(name, absl::StrFormat("%d fen is over the limit of %d fen", fen, max_fen));
    } else {
      return fen;
    }
  } else if (value->kind() == JsonValue::Kind::kNumber) {
    if (!LooksLikeInteger(value->text())) {
      Fail(name, expected + " (whole fen only: no decimal point, no exponent)");
    } else if (value->text().front() == '-') {
      Fail(name, expected);
    } else {
      Fail(name, absl::StrFormat("%s fen is over the limit of %d fen", got, max_fen));
    }
  } else {
    Fail(name, expected);
  }
  return 0;
}

std::optional<int64_t> FieldReader::TimestampMicros(std::string_view name) {
  const JsonValue* value = Get(name, Presence::kOptional);
  if (value == nullptr) return std::nullopt;
  // Text too long to be one is not echoed whole by the strict parser.
  if (value->kind() != JsonValue::Kind::kString || value->text().size() > kMaxEchoBytes) {
    Fail(name, "expected an RFC 3339 timestamp string, got " + DescribeJson(*value));
    return std::nullopt;
  }
  const absl::StatusOr<absl::Time> instant = ParseTimestamp(value->text());
  if (!instant.ok()) {
    Fail(name, std::string(instant.status().message()));
    return std::nullopt;
  }
  return ToMicros(*instant);
}

void JsonObjectWriter::Key(std::string_view name) {
  if (out_.size() > 1) out_.push_back(',');
  out_ += JsonQuote(name);
  out_.push_back(':');
}

void JsonObjectWriter::String(std::string_view name, std::string_view value) {
  Key(name);
  out_ += JsonQuote(value);
}

void JsonObjectWriter::Integer(std::string_view name, int64_t value) {
  Key(name);
  out_ += absl::StrFormat("%d", value);
}

void JsonObjectWriter::Date(std::string_view name, int32_t yyyymmdd) {
  String(name, FormatDate(DecodeDate(yyyymmdd)));
}

void JsonObjectWriter::Period(std::string_view name, int32_t yyyymm) {
  String(name, FormatMonth(DecodeMonth(yyyymm)));
}

void JsonObjectWriter::Raw(std::string_view name, std::string_view json) {
  Key(name);
  out_ += json;
}

std::string JsonObjectWriter::Finish() {
  out_.push_back('}');
  return std::move(out_);
}

}  // namespace ledger::interchange_internal
