// Internal to ledger/interchange: reading the validated fields of one flat
// JSON object (an event line, or one assessment line) and writing them back.
// FieldReader keeps the first error only, and remembers every field name a
// getter asked for, so fields nobody asked for are reported as unknown.
// Not thread-safe; one reader per object being parsed.
#ifndef LEDGER_INTERCHANGE_EVENT_FIELDS_H_
#define LEDGER_INTERCHANGE_EVENT_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "google/protobuf/generated_enum_reflection.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/json.h"

namespace ledger::interchange_internal {

enum class Presence { kRequired, kOptional };

// Returns a short rendering of `value` for "got ..." in messages: -5, 1e3,
// "text" (long text cut), true, null, an array, an object.
std::string DescribeJson(const JsonValue& value);

class FieldReader {
 public:
  // `object` must be a JSON object and outlive the reader. `path` names it
  // in errors: "" for the event itself, "lines[3]" for an assessment line.
  FieldReader(const JsonValue& object, std::string path);

  // Each getter records `name` as a field of this object and returns its
  // validated value. An absent optional field, or an invalid one (the error
  // is recorded, first one wins), yields the zero value.
  std::string Id(std::string_view name, size_t max_bytes, Presence presence);
  std::string Text(std::string_view name);                    // required
  int32_t Date(std::string_view name);                         // YYYYMMDD, required
  int32_t Period(std::string_view name, Presence presence);   // YYYYMM
  int64_t Fen(std::string_view name, int64_t max_fen);         // 1..max_fen, required
  std::optional<int64_t> TimestampMicros(std::string_view name);  // optional

  // An enum given by its interchange name; `name_of` lists the valid names.
  template <typename Enum>
  Enum EnumValue(std::string_view name, Presence presence,
                 std::optional<Enum> (*from_name)(std::string_view),
                 std::string_view (*name_of)(Enum)) {
    const JsonValue* value = Get(name, presence);
    if (value == nullptr) return Enum{};
    if (value->kind() == JsonValue::Kind::kString) {
      if (const std::optional<Enum> parsed = from_name(value->text())) return *parsed;
    }
    // Only now, on the error path, list the valid names.
    const std::string valid = ValidEnumNames(google::protobuf::GetEnumDescriptor<Enum>(),
                                             [name_of](int number) {
                                               return name_of(static_cast<Enum>(number));
                                             });
    if (value->kind() != JsonValue::Kind::kString) {
      Fail(name, "expected a string, one of " + valid + "; got " + DescribeJson(*value));
    } else {
      Fail(name, "unknown value " + DescribeJson(*value) + "; expected one of " + valid);
    }
    return Enum{};
  }

  // Returns the member `name`, or nullptr when absent (an error when
  // required). Records `name` as a field of this object.
  const JsonValue* Get(std::string_view name, Presence presence);

  // Records "`name`: message" unless an error is already recorded.
  void Fail(std::string_view name, std::string message);
  // Records an error whose field is already a full path.
  void FailWith(FieldError error);

  // Returns "lines[3].base_fen" for name "base_fen" under path "lines[3]".
  std::string FieldPath(std::string_view name) const;
  // Field names the getters asked for, in order, once each.
  const std::vector<std::string>& field_names() const { return field_names_; }
  // Returns the first member no getter asked for, or nullptr.
  const JsonValue::Member* FirstUnknownMember() const;

  bool ok() const { return !error_.has_value(); }
  const std::optional<FieldError>& error() const { return error_; }

 private:
  template <typename NameOf>
  static std::string ValidEnumNames(const google::protobuf::EnumDescriptor* descriptor,
                                    NameOf name_of) {
    std::string names;
    for (int i = 0; i < descriptor->value_count(); ++i) {
      const std::string_view value_name = name_of(descriptor->value(i)->number());
      if (value_name.empty()) continue;  // UNSPECIFIED has no interchange name
      if (!names.empty()) names += ", ";
      names += value_name;
    }
    return names;
  }

  const JsonValue& object_;
  std::string path_;
  std::vector<std::string> field_names_;
  std::optional<FieldError> error_;
};

// Writes one flat JSON object, fields in call order, no whitespace.
class JsonObjectWriter {
 public:
  void String(std::string_view name, std::string_view value);
  void Integer(std::string_view name, int64_t value);
  void Date(std::string_view name, int32_t yyyymmdd);    // "2022-07-31"
  void Period(std::string_view name, int32_t yyyymm);    // "2022-07"
  // `json` must already be valid JSON text.
  void Raw(std::string_view name, std::string_view json);
  // Returns the object text; the writer is spent afterwards.
  std::string Finish();

 private:
  void Key(std::string_view name);
  std::string out_ = "{";
};

}  // namespace ledger::interchange_internal

#endif  // LEDGER_INTERCHANGE_EVENT_FIELDS_H_
