#include "tools/ledgerctl/rules_version_flag.h"

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "ledger/replay/rule_versions.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"

// Not named "version": Abseil's usage library reserves --version, so
// `rules show --version N` maps to this flag too.
namespace ledgerctl {

bool AbslParseFlag(absl::string_view text, RulesVersionChoice* choice, std::string* error) {
  choice->given = false;
  choice->version.reset();
  if (text.empty()) return true;
  if (text == "latest") {
    choice->given = true;
    return true;
  }
  uint32_t version = 0;
  if (!absl::SimpleAtoi(text, &version) || version == 0) {
    *error = "not a rule-set version: give a number from ledgerctl rules list, or latest";
    return false;
  }
  choice->given = true;
  choice->version = version;
  return true;
}

std::string AbslUnparseFlag(const RulesVersionChoice& choice) {
  if (!choice.given) return "";
  return choice.version ? std::to_string(*choice.version) : "latest";
}

}  // namespace ledgerctl

ABSL_FLAG(ledgerctl::RulesVersionChoice, rules_version, ledgerctl::RulesVersionChoice{},
          "The rule-set version to use: N or latest. Default: the version in force at "
          "--known-at (the latest without it).");

namespace ledgerctl {

absl::StatusOr<std::optional<uint32_t>> ParseVersionWord(const std::string& word,
                                                         const std::string& flag_name) {
  if (word == "latest") return std::nullopt;
  uint32_t version = 0;
  if (!absl::SimpleAtoi(word, &version) || version == 0) {
    return UsageError(absl::StrFormat(
        "%s: '%s' is not a rule-set version; give a number from ledgerctl rules list, "
        "or latest",
        flag_name, word));
  }
  return version;
}

absl::StatusOr<ledger::Rules> LoadRulesFor(const ledger::EventStore& store,
                                           std::optional<int64_t> known_at_us) {
  const RulesVersionChoice choice = absl::GetFlag(FLAGS_rules_version);
  const std::optional<uint32_t> requested = choice.version;
  if (choice.given && !requested.has_value()) known_at_us = std::nullopt;  // latest
  absl::StatusOr<ledger::Rules> rules = ledger::ResolveRules(store, requested, known_at_us);
  if (!rules.ok() && !absl::IsNotFound(rules.status())) return StorageError(rules.status());
  return rules;
}

}  // namespace ledgerctl
