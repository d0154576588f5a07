// ledgerctl rules diff --db DIR A B: the differences from rule set A to B,
// field by field in words; A and B are each a published version (N or
// latest) or a rule-set FILE (validated as `rules check` does).
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "ledger/printable.h"
#include "ledger/replay/rule_versions.h"
#include "ledger/replay/rules_diff.h"
#include "ledger/rules.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {
namespace {

bool IsVersionWord(const std::string& word) {
  if (word == "latest") return true;
  if (word.empty()) return false;
  for (char c : word) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

struct Side {
  ledger::v1::RuleSet rule_set;
  std::string label;  // "version 1", "candidate.json (version 2)"
};

[[nodiscard]] absl::StatusOr<Side> LoadSide(const ledger::EventStore* store,
                                            const std::string& word) {
  if (IsVersionWord(word)) {
    if (store == nullptr) return UsageError("a version needs --db DIR");
    ASSIGN_OR_RETURN(const std::optional<uint32_t> version, ParseVersionWord(word, word));
    absl::StatusOr<ledger::Rules> rules = ledger::ResolveRules(*store, version, std::nullopt);
    if (!rules.ok()) {
      if (absl::IsNotFound(rules.status())) return rules.status();
      return StorageError(rules.status());
    }
    return Side{rules->rule_set(), absl::StrFormat("version %d", rules->version())};
  }
  ASSIGN_OR_RETURN(const std::string json, ReadInputFile(word));
  ASSIGN_OR_RETURN(const ledger::Rules rules, ledger::Rules::FromJson(json, word));
  return Side{rules.rule_set(), absl::StrFormat("%s (version %d)",
                                                ledger::EscapeForMessage(word),
                                                rules.version())};
}

[[nodiscard]] absl::Status RunRulesDiff(const std::vector<std::string>& args) {
  std::unique_ptr<ledger::EventStore> store;
  if (IsVersionWord(args.at(0)) || IsVersionWord(args.at(1))) {
    ASSIGN_OR_RETURN(const std::string db, RequiredDb());
    ASSIGN_OR_RETURN(store, OpenLedger(db, ledger::OpenMode::kReadOnly));
  }
  ASSIGN_OR_RETURN(const Side before, LoadSide(store.get(), args.at(0)));
  ASSIGN_OR_RETURN(const Side after, LoadSide(store.get(), args.at(1)));
  const std::vector<std::string> lines = ledger::DiffRuleSets(before.rule_set, after.rule_set);
  absl::PrintF("rules diff: %s → %s: %d difference%s\n", before.label, after.label,
               lines.size(), lines.size() == 1 ? "" : "s");
  for (const std::string& line : lines) {
    absl::PrintF("  %s\n", ledger::EscapeForMessage(line));
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand RulesDiffCommand() {
  return {
      .name = "rules diff",
      .synopsis = "[--db DIR] A B",
      .brief = "What changes from rule set A to B, field by field.",
      .summary = "Compares two rule sets, each a published version (N or latest, needs\n"
                 "--db) or a rule-set FILE, and prints one line per difference:\n"
                 "pooling areas matched by code, rates by from_period, policies by\n"
                 "policy_id, calendar days added and removed.",
      .flags = {{"db", "db", "DIR"}},
      .examples = {{"rules diff --db scratch/zhangye 1 2", "what version 2 changed"},
                   {"rules diff --db scratch/zhangye latest zhangye-v2.json",
                    "what publishing the file would change"}},
      .min_args = 2,
      .max_args = 2,
      .run = RunRulesDiff,
  };
}

}  // namespace ledgerctl
