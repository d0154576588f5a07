// ledgerctl init --db DIR --rules FILE: creates a ledger and publishes its
// first rule set. The rules are validated before the directory is touched,
// so a bad file leaves nothing behind, and the ledger is built beside DIR
// and renamed into place, so an interrupted init leaves nothing at DIR.
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/rules.h"
#include "ledger/status_macros.h"
#include "ledger/store/create_ledger.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_FLAG(std::string, rules, "",
          "The rule set, a JSON file (the protobuf JSON mapping of RuleSet, "
          "as in tools/examples/rules/).");

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunInit(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string rules_path = absl::GetFlag(FLAGS_rules);
  if (rules_path.empty()) return UsageError("--rules FILE is required");

  ASSIGN_OR_RETURN(const std::string json, ReadInputFile(rules_path));
  ASSIGN_OR_RETURN(const ledger::Rules rules, ledger::Rules::FromJson(json, rules_path));

  if (absl::Status created =
          ledger::store::CreateLedger(db, rules.rule_set(), NowMicros());
      !created.ok()) {
    return StorageError(created);
  }
  absl::PrintF("created ledger %s with rules version %d (%s)\n", db, rules.version(),
               rules.rule_set().name());
  return absl::OkStatus();
}

}  // namespace

Subcommand InitCommand() {
  return {
      .name = "init",
      .synopsis = "--db DIR --rules FILE",
      .brief = "Create a ledger and publish its first rule set.",
      .summary = "Creates a new, empty ledger in DIR and publishes the rule set in FILE\n"
                 "under the version the file states. DIR must not hold a ledger yet.",
      .flags = {{"db", "db", "DIR"}, {"rules", "rules", "FILE"}},
      .examples = {{"init --db scratch/zhangye --rules tools/examples/rules/zhangye.json",
                    "a new ledger with Zhangye's rules, version 1"},
                   {"init --db scratch/jinan --rules tools/examples/rules/jinan.json",
                    "another ledger for Jinan (one ledger per bureau)"}},
      .run = RunInit,
  };
}

}  // namespace ledgerctl
