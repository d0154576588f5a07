// ledgerctl init --db DIR --rules FILE: creates a ledger and publishes its
// first rule set. The rules are validated before the directory is touched,
// so a bad file leaves nothing behind.
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/rules.h"
#include "ledger/status_macros.h"
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

  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kCreate));
  if (absl::Status put = store->PutRules(rules.rule_set(), NowMicros()); !put.ok()) {
    return StorageError(absl::Status(
        put.code(), absl::StrFormat("%s: the ledger was created but its rules could "
                                    "not be stored: %s",
                                    db, put.message())));
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
      .run = RunInit,
  };
}

}  // namespace ledgerctl
