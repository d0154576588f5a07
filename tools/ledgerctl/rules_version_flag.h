// --rules-version N|latest, shared by every command that folds figures
// (owed, clearance, trace, status, ...) and `rules show`. One resolver for
// all of them: ledger::ResolveRules (ledger/replay/rule_versions.h).
#ifndef TOOLS_LEDGERCTL_RULES_VERSION_FLAG_H_
#define TOOLS_LEDGERCTL_RULES_VERSION_FLAG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/flags/declare.h"
#include "absl/strings/string_view.h"
#include "absl/status/statusor.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {

// The value of --rules-version (and `rules show --version`): a version, or
// "latest", or absent. Parsed by Abseil, so a bad value is refused with the
// flag's name before any ledger is opened.
struct RulesVersionChoice {
  bool given = false;
  std::optional<uint32_t> version;  // nullopt with given: "latest"
};
bool AbslParseFlag(absl::string_view text, RulesVersionChoice* choice, std::string* error);
std::string AbslUnparseFlag(const RulesVersionChoice& choice);

}  // namespace ledgerctl

ABSL_DECLARE_FLAG(ledgerctl::RulesVersionChoice, rules_version);

namespace ledgerctl {

// The FlagSpec a query lists: --rules-version N.
inline constexpr FlagSpec kRulesVersionFlag{"rules-version", "rules_version", "N|latest"};

// Returns the rules a query folds with: --rules-version N, or "latest", or
// when absent the version in force at `known_at_us` (the first version from
// the start, each later one from its published_at; no known-at: the
// latest). A value that is not a version is a usage error; a version the
// ledger does not hold is NotFound (exit 1) naming the published ones.
[[nodiscard]] absl::StatusOr<ledger::Rules> LoadRulesFor(
    const ledger::EventStore& store, std::optional<int64_t> known_at_us);

// Returns the version "N" or "latest" (nullopt) names; usage error otherwise.
[[nodiscard]] absl::StatusOr<std::optional<uint32_t>> ParseVersionWord(
    const std::string& word, const std::string& flag_name);

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_RULES_VERSION_FLAG_H_
