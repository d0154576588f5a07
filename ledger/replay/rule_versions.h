// Rule sets as versions of the ledger: publishing the next one, and the one
// a query uses. Every command that folds figures calls ResolveRules, so the
// choice "which rules" is made in one place (rules.md R11: same view, same
// rules version -> same fen).
#ifndef LEDGER_REPLAY_RULE_VERSIONS_H_
#define LEDGER_REPLAY_RULE_VERSIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"

namespace ledger {

struct PublishOutcome {
  uint32_t version = 0;
  bool published = false;  // false: the identical rule set was already there
  std::string sha256_hex;  // of the canonical bytes (PublishedRuleSet)
};

// Publishes `candidate` (validated: Rules::FromJson or FromRuleSet) as the
// ledger's next version, with `note`, at `now_us`. Its version must be the
// latest + 1 (1 on a ledger without rules): a gap, or a version already
// published with other content, is FailedPrecondition naming the version to
// use. Re-publishing a stored version identically is a no-op
// (published == false). Synced (EventStore::PutRules).
[[nodiscard]] absl::StatusOr<PublishOutcome> PublishRules(
    EventStore& store, const Rules& candidate, std::string_view note,
    int64_t now_us);

// Returns the version in force at `known_at_us` among `published` (version
// order): the first version is in force from the start, each later one from
// its published_at; nullopt known-at means the latest. NotFound when
// `published` is empty.
[[nodiscard]] absl::StatusOr<uint32_t> VersionInForce(
    const std::vector<PublishedRuleSet>& published,
    std::optional<int64_t> known_at_us);

// Returns the compiled rule set a query uses: `requested` when given
// (NotFound naming the published versions when the ledger has no such one),
// else the version in force at `known_at_us` (VersionInForce).
[[nodiscard]] absl::StatusOr<Rules> ResolveRules(
    const EventStore& store, std::optional<uint32_t> requested,
    std::optional<int64_t> known_at_us);

// Returns the SHA-256 of `rule_set`'s canonical bytes as 64 hex digits: what
// `rules list` shows and `rules check` prints, to compare a file with a
// published version.
[[nodiscard]] std::string RulesSha256Hex(const v1::RuleSet& rule_set);

}  // namespace ledger

#endif  // LEDGER_REPLAY_RULE_VERSIONS_H_
