#include "ledger/rules_json_shape.h"

#include "absl/strings/str_format.h"

namespace ledger {
namespace {

using google::protobuf::FieldDescriptor;

std::string Join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// Returns the JSON kind a scalar field takes, for messages.
std::string_view ExpectedKind(const FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL: return "true or false";
    case FieldDescriptor::CPPTYPE_STRING: return "a string";
    case FieldDescriptor::CPPTYPE_MESSAGE: return "an object";
    default: return "an integer";
  }
}

bool KindFits(const FieldDescriptor& field, const JsonValue& value) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL: return value.kind() == JsonValue::Kind::kBool;
    case FieldDescriptor::CPPTYPE_STRING: return value.kind() == JsonValue::Kind::kString;
    case FieldDescriptor::CPPTYPE_MESSAGE: return value.kind() == JsonValue::Kind::kObject;
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT64: return value.kind() == JsonValue::Kind::kInteger;
    default: return false;  // RuleSet has no float, double, enum or bytes field
  }
}

void CheckElement(const FieldDescriptor& field, const JsonValue& value, const std::string& path,
                  std::vector<std::string>& problems) {
  if (!KindFits(field, value)) {
    const std::string got = value.kind() == JsonValue::Kind::kNumber
                                ? absl::StrFormat("%s (not a whole number in range)", value.text())
                                : std::string(value.KindName());
    problems.push_back(absl::StrFormat("%s: expected %s, got %s", path, ExpectedKind(field), got));
    return;
  }
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    CheckJsonShape(value, *field.message_type(), path, problems);
  }
}

}  // namespace

void CheckJsonShape(const JsonValue& value, const google::protobuf::Descriptor& type,
                    const std::string& path, std::vector<std::string>& problems) {
  if (value.kind() != JsonValue::Kind::kObject) {
    problems.push_back(absl::StrFormat("%s: expected an object, got %s",
                                       path.empty() ? "(document)" : path, value.KindName()));
    return;
  }
  for (const auto& [key, member] : value.members()) {
    const std::string member_path = Join(path, key);
    const FieldDescriptor* field = type.FindFieldByName(key);
    if (field == nullptr) {
      problems.push_back(absl::StrFormat("%s: unknown field", member_path));
      continue;
    }
    if (!field->is_repeated()) {
      CheckElement(*field, member, member_path, problems);
      continue;
    }
    if (member.kind() != JsonValue::Kind::kArray) {
      problems.push_back(absl::StrFormat("%s: expected a list [...], got %s", member_path,
                                         member.KindName()));
      continue;
    }
    for (size_t i = 0; i < member.elements().size(); ++i) {
      CheckElement(*field, member.elements()[i], absl::StrFormat("%s[%d]", member_path, i),
                   problems);
    }
  }
}

}  // namespace ledger
