// ledgerctl rules show --db DIR [--version N]: prints a published rule set
// as JSON (proto field names, pretty), the form `init --rules` reads back.
#include <cstdint>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/subcommand.h"


namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunRulesShow(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  // No known-at: without --version, the latest.
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, std::nullopt));
  const ledger::v1::RuleSet* rule_set = &rules.rule_set();

  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(*rule_set, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrFormat("cannot print rules version %d as JSON: %s",
                                               rule_set->version(),
                                               status.ToString()));
  }
  if (json.empty() || json.back() != '\n') json += '\n';
  std::fputs(json.c_str(), stdout);
  return absl::OkStatus();
}

}  // namespace

Subcommand RulesShowCommand() {
  return {
      .name = "rules show",
      .synopsis = "--db DIR [--version N|latest]",
      .brief = "Print a published rule set as JSON.",
      .summary = "Prints a rule set published in the ledger as JSON (the latest unless\n"
                 "--version is given).",
      .flags = {{"db", "db", "DIR"}, {"version", "rules_version", "N|latest"}},
      .examples = {{"rules show --db scratch/zhangye", "the latest rule set"},
                   {"rules show --db scratch/zhangye --version 1 > zhangye-v1.json",
                    "version 1, in the form `init --rules` reads"}},
      .run = RunRulesShow,
  };
}

}  // namespace ledgerctl
