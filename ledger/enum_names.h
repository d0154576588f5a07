// The interchange names of event.proto's enums ("enterprise", "micro", ...),
// shared by the event parser, the rules loader and every printer so a name
// is spelled in exactly one place.
#ifndef LEDGER_ENUM_NAMES_H_
#define LEDGER_ENUM_NAMES_H_

#include <optional>
#include <string_view>

#include "ledger/v1/event.pb.h"

namespace ledger {

std::string_view EntityTypeName(v1::EntityType value);
std::optional<v1::EntityType> EntityTypeFromName(std::string_view name);

std::string_view SizeClassName(v1::SizeClass value);
std::optional<v1::SizeClass> SizeClassFromName(std::string_view name);

std::string_view ClassificationBasisName(v1::ClassificationBasis value);
std::optional<v1::ClassificationBasis> ClassificationBasisFromName(std::string_view name);

// "employer", "employee", "late_fee"; UNSPECIFIED is "".
std::string_view ComponentName(v1::Component value);
std::optional<v1::Component> ComponentFromName(std::string_view name);

std::string_view GrantBasisName(v1::GrantBasis value);
std::optional<v1::GrantBasis> GrantBasisFromName(std::string_view name);

std::string_view RevocationReasonName(v1::RevocationReason value);
std::optional<v1::RevocationReason> RevocationReasonFromName(std::string_view name);

// The interchange `type` of an event ("contribution_assessed", ...), from its
// payload case; "" for PAYLOAD_NOT_SET.
std::string_view EventTypeName(v1::Event::PayloadCase payload_case);
std::optional<v1::Event::PayloadCase> EventTypeFromName(std::string_view name);

// Returns a comma-separated list of the valid names, for error messages.
std::string_view EntityTypeNames();
std::string_view SizeClassNames();

}  // namespace ledger

#endif  // LEDGER_ENUM_NAMES_H_
