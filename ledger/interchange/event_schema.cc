// The table of all event schemas, and the set of all payload field names
// (collected once by running every parse function on an empty object).
#include "ledger/interchange/event_schema.h"

#include <string>

#include "absl/container/flat_hash_set.h"

namespace ledger::interchange_internal {
namespace {

template <typename Visit>
void ForEachSchema(Visit visit) {
  for (auto family : {EmployerEventSchemas(), ContributionEventSchemas(), DeferralEventSchemas()}) {
    for (const EventSchema& schema : family) visit(schema);
  }
}

absl::flat_hash_set<std::string> CollectPayloadFieldNames() {
  absl::flat_hash_set<std::string> names;
  const JsonValue empty = JsonValue::Object({});
  ForEachSchema([&](const EventSchema& schema) {
    FieldReader reader(empty, "");
    v1::Event scratch;
    schema.parse(reader, scratch);  // every getter records its name, then fails
    names.insert(reader.field_names().begin(), reader.field_names().end());
  });
  return names;
}

}  // namespace

const EventSchema* FindEventSchema(v1::Event::PayloadCase payload_case) {
  const EventSchema* found = nullptr;
  ForEachSchema([&](const EventSchema& schema) {
    if (schema.payload_case == payload_case) found = &schema;
  });
  return found;
}

bool IsPayloadFieldName(std::string_view name) {
  static const absl::flat_hash_set<std::string>* const kNames =
      new absl::flat_hash_set<std::string>(CollectPayloadFieldNames());
  return kNames->contains(std::string(name));
}

}  // namespace ledger::interchange_internal
