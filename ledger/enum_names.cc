#include "ledger/enum_names.h"

#include <array>
#include <utility>

namespace ledger {
namespace {

template <typename Enum, size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, size_t N>
std::string_view NameOf(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "";
}

template <typename Enum, size_t N>
std::optional<Enum> ValueOf(const NameTable<Enum, N>& table, std::string_view name) {
  for (const auto& [candidate, candidate_name] : table) {
    if (candidate_name == name) return candidate;
  }
  return std::nullopt;
}

constexpr NameTable<v1::EntityType, 9> kEntityTypes = {{
    {v1::ENTITY_TYPE_ENTERPRISE, "enterprise"},
    {v1::ENTITY_TYPE_INDIVIDUAL_BUSINESS, "individual_business"},
    {v1::ENTITY_TYPE_SOCIAL_ORGANIZATION, "social_organization"},
    {v1::ENTITY_TYPE_FOUNDATION, "foundation"},
    {v1::ENTITY_TYPE_SOCIAL_SERVICE_AGENCY, "social_service_agency"},
    {v1::ENTITY_TYPE_LAW_FIRM, "law_firm"},
    {v1::ENTITY_TYPE_ACCOUNTING_FIRM, "accounting_firm"},
    {v1::ENTITY_TYPE_PUBLIC_INSTITUTION, "public_institution"},
    {v1::ENTITY_TYPE_OTHER, "other"},
}};

constexpr NameTable<v1::SizeClass, 5> kSizeClasses = {{
    {v1::SIZE_CLASS_MICRO, "micro"},
    {v1::SIZE_CLASS_SMALL, "small"},
    {v1::SIZE_CLASS_MEDIUM, "medium"},
    {v1::SIZE_CLASS_LARGE, "large"},
    {v1::SIZE_CLASS_UNKNOWN, "unknown"},
}};

constexpr NameTable<v1::ClassificationBasis, 2> kClassificationBases = {{
    {v1::CLASSIFICATION_BASIS_OFFICIAL, "official"},
    {v1::CLASSIFICATION_BASIS_COMMITMENT, "commitment"},
}};

constexpr NameTable<v1::Component, 3> kComponents = {{
    {v1::COMPONENT_EMPLOYER, "employer"},
    {v1::COMPONENT_EMPLOYEE, "employee"},
    {v1::COMPONENT_LATE_FEE, "late_fee"},
}};

constexpr NameTable<v1::GrantBasis, 2> kGrantBases = {{
    {v1::GRANT_BASIS_AUTOMATIC, "automatic"},
    {v1::GRANT_BASIS_COMMITMENT_LETTER, "commitment_letter"},
}};

constexpr NameTable<v1::RevocationReason, 2> kRevocationReasons = {{
    {v1::REVOCATION_REASON_FALSE_COMMITMENT, "false_commitment"},
    {v1::REVOCATION_REASON_WITHDRAWN, "withdrawn"},
}};

constexpr NameTable<v1::Event::PayloadCase, 14> kEventTypes = {{
    {v1::Event::kEmployerRegistered, "employer_registered"},
    {v1::Event::kEmployerReclassified, "employer_reclassified"},
    {v1::Event::kContributionAssessed, "contribution_assessed"},
    {v1::Event::kContributionPaid, "contribution_paid"},
    {v1::Event::kCatchUpPaid, "catch_up_paid"},
    {v1::Event::kDeferralApplied, "deferral_applied"},
    {v1::Event::kDeferralGranted, "deferral_granted"},
    {v1::Event::kDeferralRejected, "deferral_rejected"},
    {v1::Event::kDeferralRevoked, "deferral_revoked"},
    {v1::Event::kEmployeeSeparated, "employee_separated"},
    {v1::Event::kEmployeeRetired, "employee_retired"},
    {v1::Event::kEmployeeTransferredOut, "employee_transferred_out"},
    {v1::Event::kEmployerDeregistered, "employer_deregistered"},
    {v1::Event::kEventReversed, "event_reversed"},
}};

}  // namespace

std::string_view EntityTypeName(v1::EntityType value) { return NameOf(kEntityTypes, value); }
std::optional<v1::EntityType> EntityTypeFromName(std::string_view name) { return ValueOf(kEntityTypes, name); }
std::string_view SizeClassName(v1::SizeClass value) { return NameOf(kSizeClasses, value); }
std::optional<v1::SizeClass> SizeClassFromName(std::string_view name) { return ValueOf(kSizeClasses, name); }
std::string_view ClassificationBasisName(v1::ClassificationBasis value) { return NameOf(kClassificationBases, value); }
std::optional<v1::ClassificationBasis> ClassificationBasisFromName(std::string_view name) { return ValueOf(kClassificationBases, name); }
std::string_view ComponentName(v1::Component value) { return NameOf(kComponents, value); }
std::optional<v1::Component> ComponentFromName(std::string_view name) { return ValueOf(kComponents, name); }
std::string_view GrantBasisName(v1::GrantBasis value) { return NameOf(kGrantBases, value); }
std::optional<v1::GrantBasis> GrantBasisFromName(std::string_view name) { return ValueOf(kGrantBases, name); }
std::string_view RevocationReasonName(v1::RevocationReason value) { return NameOf(kRevocationReasons, value); }
std::optional<v1::RevocationReason> RevocationReasonFromName(std::string_view name) { return ValueOf(kRevocationReasons, name); }
std::string_view EventTypeName(v1::Event::PayloadCase payload_case) { return NameOf(kEventTypes, payload_case); }
std::optional<v1::Event::PayloadCase> EventTypeFromName(std::string_view name) { return ValueOf(kEventTypes, name); }

std::string_view EntityTypeNames() {
  return "enterprise, individual_business, social_organization, foundation, "
         "social_service_agency, law_firm, accounting_firm, public_institution, other";
}
std::string_view SizeClassNames() { return "micro, small, medium, large, unknown"; }

}  // namespace ledger
