// Checks the shape of a rules JSON document against RuleSet's descriptor
// before protobuf's JSON mapping reads it: only the proto's own field names
// (protobuf also accepts camelCase aliases, so "late_fee" and "lateFee" could
// both set one field), and only the JSON type each field takes ("yes" is not
// a bool, an object is not a list). Every problem is reported by path.
#ifndef LEDGER_RULES_JSON_SHAPE_H_
#define LEDGER_RULES_JSON_SHAPE_H_

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "ledger/json.h"

namespace ledger {

// Appends "path: what is wrong" for each problem in `value` read as `type`.
void CheckJsonShape(const JsonValue& value, const google::protobuf::Descriptor& type,
                    const std::string& path, std::vector<std::string>& problems);

}  // namespace ledger

#endif  // LEDGER_RULES_JSON_SHAPE_H_
