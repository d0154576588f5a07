#include "ledger/replay/rule_versions.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"

namespace ledger {

std::string RulesSha256Hex(const v1::RuleSet& rule_set) {
  return store::HexEncode(store::Sha256(store::SerializeDeterministic(rule_set)));
}

absl::StatusOr<PublishOutcome> PublishRules(EventStore& store,
                                            const Rules& candidate,
                                            std::string_view note,
                                            int64_t now_us) {
  const v1::RuleSet& rule_set = candidate.rule_set();
  PublishOutcome outcome{rule_set.version(), false, RulesSha256Hex(rule_set)};
  ASSIGN_OR_RETURN(const std::vector<PublishedRuleSet> published, store.ListRules());
  for (const PublishedRuleSet& entry : published) {
    if (entry.rules.version() != rule_set.version()) continue;
    if (entry.sha256_hex == outcome.sha256_hex) return outcome;  // no-op
    return absl::FailedPreconditionError(absl::StrFormat(
        "rule set version %d is already published with other content "
        "(sha256 %s); give the corrected rule set \"version\": %d",
        rule_set.version(), entry.sha256_hex,
        published.back().rules.version() + 1));
  }
  const uint32_t next = published.empty() ? 1 : published.back().rules.version() + 1;
  if (rule_set.version() != next) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "rule set version %d cannot be published: the ledger's latest version "
        "is %d, so the next must be \"version\": %d (versions have no gaps)",
        rule_set.version(), next - 1, next));
  }
  RETURN_IF_ERROR(store.PutRules(rule_set, now_us, note));
  outcome.published = true;
  return outcome;
}

absl::StatusOr<uint32_t> VersionInForce(
    const std::vector<PublishedRuleSet>& published,
    std::optional<int64_t> known_at_us) {
  if (published.empty()) {
    return absl::NotFoundError(
        "the ledger holds no rule set (create one with ledgerctl init --rules FILE)");
  }
  if (!known_at_us.has_value()) return published.back().rules.version();
  uint32_t in_force = published.front().rules.version();
  for (size_t i = 1; i < published.size(); ++i) {
    if (published[i].published_at_us <= *known_at_us) {
      in_force = published[i].rules.version();
    }
  }
  return in_force;
}

absl::StatusOr<Rules> ResolveRules(const EventStore& store,
                                   std::optional<uint32_t> requested,
                                   std::optional<int64_t> known_at_us) {
  ASSIGN_OR_RETURN(const std::vector<PublishedRuleSet> published, store.ListRules());
  uint32_t version = 0;
  if (requested.has_value()) {
    version = *requested;
  } else {
    ASSIGN_OR_RETURN(version, VersionInForce(published, known_at_us));
  }
  const auto found = std::find_if(
      published.begin(), published.end(),
      [&](const PublishedRuleSet& entry) { return entry.rules.version() == version; });
  if (found == published.end()) {
    std::vector<uint32_t> versions;
    for (const PublishedRuleSet& entry : published) versions.push_back(entry.rules.version());
    return absl::NotFoundError(absl::StrFormat(
        "the ledger has no rule set version %d (published: %s; see ledgerctl rules list)",
        version, versions.empty() ? std::string("none") : absl::StrJoin(versions, ", ")));
  }
  // Stored rules were validated when published; compiling them again keeps
  // the fold's lookups in one place.
  return Rules::FromRuleSet(found->rules, absl::StrFormat("rules version %d", version));
}

}  // namespace ledger
