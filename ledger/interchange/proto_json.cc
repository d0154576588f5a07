// ProtoToJson: a reflection walk over any message (see proto_json.h). Our own
// writer rather than protobuf's JsonPrinter because that one quotes int64
// (amounts must stay JSON numbers) and prints enums by their proto names.
#include "ledger/interchange/proto_json.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "ledger/check.h"
#include "ledger/enum_names.h"
#include "ledger/json.h"

namespace ledger {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Returns the interchange name (enum_names.h) of a ledger.v1 enum value, or
// nullopt when the enum has none. UNSPECIFIED and unknown numbers give "".
std::optional<std::string_view> InterchangeEnumName(const EnumDescriptor* type, int number) {
  if (type == v1::EntityType_descriptor()) return EntityTypeName(static_cast<v1::EntityType>(number));
  if (type == v1::SizeClass_descriptor()) return SizeClassName(static_cast<v1::SizeClass>(number));
  if (type == v1::ClassificationBasis_descriptor()) {
    return ClassificationBasisName(static_cast<v1::ClassificationBasis>(number));
  }
  if (type == v1::Component_descriptor()) return ComponentName(static_cast<v1::Component>(number));
  if (type == v1::GrantBasis_descriptor()) return GrantBasisName(static_cast<v1::GrantBasis>(number));
  if (type == v1::RevocationReason_descriptor()) {
    return RevocationReasonName(static_cast<v1::RevocationReason>(number));
  }
  return std::nullopt;
}

std::string EnumJson(const EnumDescriptor* type, int number) {
  if (const std::optional<std::string_view> name = InterchangeEnumName(type, number)) {
    return JsonQuote(*name);
  }
  if (const auto* value = type->FindValueByNumber(number)) {
    return JsonQuote(absl::AsciiStrToLower(value->name()));
  }
  return absl::StrFormat("%d", number);  // a number this build does not know
}

class JsonWriter {
 public:
  explicit JsonWriter(int indent) : indent_(std::max(indent, 0)) {}

  void WriteMessage(const Message& message, int level) {
    const Descriptor* descriptor = message.GetDescriptor();
    std::vector<const FieldDescriptor*> fields;
    for (int i = 0; i < descriptor->field_count(); ++i) fields.push_back(descriptor->field(i));
    std::sort(fields.begin(), fields.end(),
              [](const FieldDescriptor* a, const FieldDescriptor* b) { return a->number() < b->number(); });
    if (fields.empty()) {
      out_ += "{}";
      return;
    }
    out_ += '{';
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_ += ',';
      NewLine(level + 1);
      out_ += JsonQuote(fields[i]->name());
      out_ += indent_ > 0 ? ": " : ":";
      WriteField(message, fields[i], level + 1);
    }
    NewLine(level);
    out_ += '}';
  }

  std::string Finish() { return std::move(out_); }

 private:
  void NewLine(int level) {
    if (indent_ == 0) return;
    out_ += '\n';
    out_.append(static_cast<size_t>(level * indent_), ' ');
  }

  void WriteField(const Message& message, const FieldDescriptor* field, int level) {
    const Reflection* reflection = message.GetReflection();
    if (!field->is_repeated()) {
      // Messages, proto3 `optional` and oneof members: unset is null.
      if (field->has_presence() && !reflection->HasField(message, field)) {
        out_ += "null";
      } else {
        WriteValue(message, field, -1, level);
      }
      return;
    }
    const int size = reflection->FieldSize(message, field);
    if (size == 0) {
      out_ += "[]";
      return;
    }
    out_ += '[';
    for (int i = 0; i < size; ++i) {
      if (i > 0) out_ += ',';
      NewLine(level + 1);
      WriteValue(message, field, i, level + 1);
    }
    NewLine(level);
    out_ += ']';
  }

  // Writes the singular value (index -1) or element `index` of `field`.
  void WriteValue(const Message& message, const FieldDescriptor* field, int index, int level) {
    const Reflection* r = message.GetReflection();
    const bool one = index < 0;
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        out_ += absl::StrFormat("%d", one ? r->GetInt32(message, field) : r->GetRepeatedInt32(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_INT64:
        out_ += absl::StrFormat("%d", one ? r->GetInt64(message, field) : r->GetRepeatedInt64(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_UINT32:
        out_ += absl::StrFormat("%d", one ? r->GetUInt32(message, field) : r->GetRepeatedUInt32(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_UINT64:
        out_ += absl::StrFormat("%d", one ? r->GetUInt64(message, field) : r->GetRepeatedUInt64(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_BOOL:
        out_ += (one ? r->GetBool(message, field) : r->GetRepeatedBool(message, field, index)) ? "true" : "false";
        return;
      case FieldDescriptor::CPPTYPE_STRING: {
        const std::string text = one ? r->GetString(message, field) : r->GetRepeatedString(message, field, index);
        out_ += field->type() == FieldDescriptor::TYPE_BYTES ? JsonQuote(absl::Base64Escape(text)) : JsonQuote(text);
        return;
      }
      case FieldDescriptor::CPPTYPE_ENUM:
        out_ += EnumJson(field->enum_type(),
                         one ? r->GetEnumValue(message, field) : r->GetRepeatedEnumValue(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        WriteMessage(one ? r->GetMessage(message, field) : r->GetRepeatedMessage(message, field, index), level);
        return;
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        break;
    }
    // The ledger has no floating point (money is int64 fen); a proto that
    // grows a double is a programming error.
    LEDGER_CHECK(false, "floating point field in a ledger proto");
    out_ += "null";
  }

  const int indent_;
  std::string out_;
};

}  // namespace

std::string ProtoToJson(const google::protobuf::Message& message, int indent) {
  JsonWriter writer(indent);
  writer.WriteMessage(message, 0);
  return writer.Finish();
}

}  // namespace ledger
