// Internal to ledger/interchange: one EventSchema per event type says how its
// own fields (beyond the common event_id, type, employer_id, effective_date,
// recorded_at) are read from and written to the flat interchange form. Each
// field name is spelled once, in its type's parse and write functions; the
// set of all of them is derived from the parse functions.
#ifndef LEDGER_INTERCHANGE_EVENT_SCHEMA_H_
#define LEDGER_INTERCHANGE_EVENT_SCHEMA_H_

#include <span>
#include <string_view>

#include "ledger/interchange/event_fields.h"
#include "ledger/v1/event.pb.h"

namespace ledger::interchange_internal {

struct EventSchema {
  v1::Event::PayloadCase payload_case;
  // Reads the type's own fields from `reader` and sets the event's payload.
  void (*parse)(FieldReader& reader, v1::Event& event);
  // Writes the type's own fields in interchange order.
  void (*write)(const v1::Event& event, JsonObjectWriter& writer);
};

// The schemas of each family, defined next to their fields.
std::span<const EventSchema> EmployerEventSchemas();      // events_employer.cc
std::span<const EventSchema> ContributionEventSchemas();  // events_contribution.cc
std::span<const EventSchema> DeferralEventSchemas();      // events_deferral.cc

// Returns the schema of an event type, or nullptr (PAYLOAD_NOT_SET).
const EventSchema* FindEventSchema(v1::Event::PayloadCase payload_case);

// Returns whether `name` is a field of some event type's own payload.
bool IsPayloadFieldName(std::string_view name);

}  // namespace ledger::interchange_internal

#endif  // LEDGER_INTERCHANGE_EVENT_SCHEMA_H_
