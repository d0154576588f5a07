// Writes output messages (ledger.proto) as JSON with proto field names,
// int64 as JSON numbers (amounts stay exact integers; protobuf's own JSON
// mapping quotes them), enums by their interchange names, every field printed
// (zeros and empty strings too), keys in field-number order. A message field
// that is not set prints null; repeated fields print [] when empty.
#ifndef LEDGER_INTERCHANGE_PROTO_JSON_H_
#define LEDGER_INTERCHANGE_PROTO_JSON_H_

#include <string>

#include "google/protobuf/message.h"

namespace ledger {

// Returns `message` as one line of JSON (no trailing newline), or, with
// `indent` > 0, pretty-printed with that many spaces per level.
std::string ProtoToJson(const google::protobuf::Message& message, int indent = 0);

}  // namespace ledger

#endif  // LEDGER_INTERCHANGE_PROTO_JSON_H_
