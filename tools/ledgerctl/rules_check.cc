// ledgerctl rules check FILE: validates a rule-set file without a ledger,
// with the same checks `init` and a later publish apply.
#include <string>

#include "absl/strings/str_format.h"
#include "ledger/printable.h"
#include "ledger/rules.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunRulesCheck(const std::vector<std::string>& args) {
  const std::string& path = args.at(0);
  ASSIGN_OR_RETURN(const std::string json, ReadInputFile(path));
  ASSIGN_OR_RETURN(const ledger::Rules rules, ledger::Rules::FromJson(json, path));
  const ledger::v1::RuleSet& rule_set = rules.rule_set();
  absl::PrintF("%s: ok: version %d (%s), %d pooling areas, %d deferral policies\n",
               ledger::EscapeForMessage(path),
               rules.version(), rule_set.name(), rule_set.pooling_areas_size(),
               rule_set.deferral_policies_size());
  return absl::OkStatus();
}

}  // namespace

Subcommand RulesCheckCommand() {
  return {
      .name = "rules check",
      .synopsis = "FILE",
      .brief = "Validate a rule-set file (no ledger needed).",
      .summary = "Validates a rule-set JSON file and lists every problem as\n"
                 "FILE: field.path: what is wrong (exit 1). Needs no ledger.",
      .flags = {},
      .examples = {{"rules check tools/examples/rules/zhangye.json",
                    "ok: version 1 (its name), 7 pooling areas"},
                   {"rules check candidate.json && ledgerctl init --db DIR --rules candidate.json",
                    "check a file before a ledger is created from it"}},
      .min_args = 1,
      .max_args = 1,
      .run = RunRulesCheck,
  };
}

}  // namespace ledgerctl
