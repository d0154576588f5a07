#include "ledger/replay/rules_diff.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"

namespace ledger {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Where a difference is: "620702" (subject) and " from 2022-07" (after the
// field path), so a line reads "620702 employer_rate_bp from 2022-07: ...".
struct Place {
  std::string subject;
  std::string suffix;
};

std::string Line(const Place& place, const std::string& path, const std::string& rest) {
  std::string line = place.subject.empty() ? std::string(path)
                                           : absl::StrCat(place.subject, " ", path);
  absl::StrAppend(&line, place.suffix, rest);
  return line;
}

// Returns a singular field's value as a bureau reads it; "(unset)" for an
// optional field without a value, "\"\"" for an empty string.
std::string ScalarText(const Message& message, const FieldDescriptor* field) {
  const Reflection* reflection = message.GetReflection();
  if (field->has_presence() && !reflection->HasField(message, field)) return "(unset)";
  std::string text;
  google::protobuf::TextFormat::PrintFieldValueToString(message, field, -1, &text);
  if (field->type() == FieldDescriptor::TYPE_STRING) {
    const std::string value = reflection->GetString(message, field);
    return value.empty() ? std::string("\"\"") : value;
  }
  return text;
}

std::string RepeatedText(const Message& message, const FieldDescriptor* field, int index) {
  std::string text;
  google::protobuf::TextFormat::PrintFieldValueToString(message, field, index, &text);
  if (field->type() == FieldDescriptor::TYPE_STRING) {
    return message.GetReflection()->GetRepeatedString(message, field, index);
  }
  return text;
}

// The key field of the messages of a repeated field, or nullptr: matched
// entries are compared field by field, the others listed as added/removed.
const FieldDescriptor* KeyOf(const FieldDescriptor* field) {
  const auto* type = field->message_type();
  for (const char* name : {"code", "from_period", "policy_id"}) {
    if (const FieldDescriptor* key = type->FindFieldByName(name)) return key;
  }
  return nullptr;
}

// "employer_rate_bp 700, employee_rate_bp 200" for a whole entry, its key
// (already named) left out.
std::string Summary(const Message& message, const FieldDescriptor* key) {
  std::vector<std::string> parts;
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field == key || field->is_repeated() ||
        field->type() == FieldDescriptor::TYPE_MESSAGE) {
      continue;
    }
    parts.push_back(absl::StrCat(field->name(), " ", ScalarText(message, field)));
  }
  return absl::StrJoin(parts, ", ");
}

void DiffMessages(const Message& before, const Message& after, const Place& place,
                  const std::string& prefix, std::vector<std::string>& lines);

void DiffRepeatedScalars(const Message& before, const Message& after,
                         const FieldDescriptor* field, const Place& place,
                         const std::string& path, std::vector<std::string>& lines) {
  const Reflection* reflection = before.GetReflection();
  std::vector<std::string> a, b;
  for (int i = 0; i < reflection->FieldSize(before, field); ++i) {
    a.push_back(RepeatedText(before, field, i));
  }
  for (int i = 0; i < reflection->FieldSize(after, field); ++i) {
    b.push_back(RepeatedText(after, field, i));
  }
  if (a == b) return;
  const std::set<std::string> set_a(a.begin(), a.end()), set_b(b.begin(), b.end());
  std::vector<std::string> added, removed;
  std::set_difference(set_b.begin(), set_b.end(), set_a.begin(), set_a.end(),
                      std::back_inserter(added));
  std::set_difference(set_a.begin(), set_a.end(), set_b.begin(), set_b.end(),
                      std::back_inserter(removed));
  if (!added.empty()) {
    lines.push_back(Line(place, path, absl::StrCat(" added: ", absl::StrJoin(added, ", "))));
  }
  if (!removed.empty()) {
    lines.push_back(
        Line(place, path, absl::StrCat(" removed: ", absl::StrJoin(removed, ", "))));
  }
  if (added.empty() && removed.empty()) {
    lines.push_back(Line(place, path, absl::StrCat(" reordered: ", absl::StrJoin(a, ", "),
                                                   " → ", absl::StrJoin(b, ", "))));
  }
}

// Returns the place of a keyed entry: areas and policies name themselves,
// rates say which period they start from.
Place EntryPlace(const Place& outer, const FieldDescriptor* field, const std::string& key) {
  if (field->name() == "pooling_areas") return {key, ""};
  if (field->name() == "deferral_policies") return {absl::StrCat("policy ", key), ""};
  return {outer.subject, absl::StrCat(outer.suffix, " from ", key)};
}

std::string EntryName(const Place& outer, const FieldDescriptor* field, const std::string& key) {
  if (field->name() == "pooling_areas") return absl::StrCat("pooling area ", key);
  if (field->name() == "deferral_policies") return absl::StrCat("policy ", key);
  return Line(outer, field->name(), absl::StrCat(" from ", key));
}

void DiffKeyedMessages(const Message& before, const Message& after,
                       const FieldDescriptor* field, const FieldDescriptor* key,
                       const Place& place, std::vector<std::string>& lines) {
  const Reflection* reflection = before.GetReflection();
  auto key_of = [&](const Message& entry) {
    return entry.GetReflection()->GetString(entry, key);
  };
  auto find = [&](const Message& message, const std::string& wanted) -> const Message* {
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      const Message& entry = reflection->GetRepeatedMessage(message, field, i);
      if (key_of(entry) == wanted) return &entry;
    }
    return nullptr;
  };
  for (int i = 0; i < reflection->FieldSize(before, field); ++i) {
    const Message& entry = reflection->GetRepeatedMessage(before, field, i);
    const std::string name = key_of(entry);
    if (const Message* other = find(after, name)) {
      DiffMessages(entry, *other, EntryPlace(place, field, name), "", lines);
    } else {
      lines.push_back(absl::StrCat(EntryName(place, field, name), " removed (",
                                   Summary(entry, key), ")"));
    }
  }
  for (int i = 0; i < reflection->FieldSize(after, field); ++i) {
    const Message& entry = reflection->GetRepeatedMessage(after, field, i);
    const std::string name = key_of(entry);
    if (find(before, name) == nullptr) {
      lines.push_back(absl::StrCat(EntryName(place, field, name), " added (",
                                   Summary(entry, key), ")"));
    }
  }
}

void DiffMessages(const Message& before, const Message& after, const Place& place,
                  const std::string& prefix, std::vector<std::string>& lines) {
  const auto* type = before.GetDescriptor();
  const Reflection* reflection = before.GetReflection();
  for (int f = 0; f < type->field_count(); ++f) {
    const FieldDescriptor* field = type->field(f);
    if (prefix.empty() && place.subject.empty() && field->name() == "version") continue;
    const std::string path = absl::StrCat(prefix, field->name());
    if (field->is_repeated() && field->type() == FieldDescriptor::TYPE_MESSAGE) {
      const FieldDescriptor* key = KeyOf(field);
      if (key != nullptr) {
        DiffKeyedMessages(before, after, field, key, place, lines);
        continue;
      }
      // No key: compare by position (no such field in RuleSet today).
      const int n = std::max(reflection->FieldSize(before, field),
                             reflection->FieldSize(after, field));
      for (int i = 0; i < n; ++i) {
        if (i >= reflection->FieldSize(before, field) ||
            i >= reflection->FieldSize(after, field)) {
          lines.push_back(Line(place, absl::StrCat(path, "[", i, "]"), " added or removed"));
          continue;
        }
        DiffMessages(reflection->GetRepeatedMessage(before, field, i),
                     reflection->GetRepeatedMessage(after, field, i), place,
                     absl::StrCat(path, "[", i, "]."), lines);
      }
    } else if (field->is_repeated()) {
      DiffRepeatedScalars(before, after, field, place, path, lines);
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      DiffMessages(reflection->GetMessage(before, field), reflection->GetMessage(after, field),
                   place, absl::StrCat(path, "."), lines);
    } else {
      const std::string a = ScalarText(before, field);
      const std::string b = ScalarText(after, field);
      if (a != b) lines.push_back(Line(place, path, absl::StrCat(": ", a, " → ", b)));
    }
  }
}

}  // namespace

std::vector<std::string> DiffRuleSets(const v1::RuleSet& before, const v1::RuleSet& after) {
  std::vector<std::string> lines;
  DiffMessages(before, after, Place{}, "", lines);
  return lines;
}

}  // namespace ledger
