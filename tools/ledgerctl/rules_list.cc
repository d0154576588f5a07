// ledgerctl rules list --db DIR [--format table|json]: every published
// rule-set version with its publication record.
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "ledger/dates.h"
#include "ledger/json.h"
#include "ledger/printable.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunRulesList(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  if (format == Format::kCsv) return UsageError("--format: rules list prints table or json");
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  absl::StatusOr<std::vector<ledger::PublishedRuleSet>> published = store->ListRules();
  if (!published.ok()) return StorageError(published.status());
  if (format == Format::kTable) {
    absl::PrintF("%-7s  %-32s  %-64s  %s\n", "version", "published_at", "sha256", "name / note");
  }
  for (const ledger::PublishedRuleSet& entry : *published) {
    const std::string published_at =
        ledger::FormatTimestamp(absl::FromUnixMicros(entry.published_at_us));
    if (format == Format::kJson) {
      absl::PrintF("{\"version\":%d,\"name\":%s,\"published_at\":%s,\"sha256\":%s,\"note\":%s}\n",
                   entry.rules.version(), ledger::JsonQuote(entry.rules.name()),
                   ledger::JsonQuote(published_at), ledger::JsonQuote(entry.sha256_hex),
                   ledger::JsonQuote(entry.note));
      continue;
    }
    absl::PrintF("%-7d  %-32s  %-64s  %s\n", entry.rules.version(), published_at,
                 entry.sha256_hex, ledger::EscapeForMessage(entry.rules.name()));
    if (!entry.note.empty()) {
      absl::PrintF("%-7s  %-32s  %-64s  note: %s\n", "", "", "",
                   ledger::EscapeForMessage(entry.note));
    }
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand RulesListCommand() {
  return {
      .name = "rules list",
      .synopsis = "--db DIR [--format table|json]",
      .brief = "List the ledger's rule-set versions.",
      .summary = "Lists every published rule-set version: version, published_at, the\n"
                 "sha256 of its canonical bytes, its name and the publication note\n"
                 "(json: one object per line).",
      .flags = {{"db", "db", "DIR"}, {"format", "format", "table|json"}},
      .examples = {{"rules list --db scratch/zhangye", "versions, when published, why"},
                   {"rules list --db scratch/zhangye --format json",
                    "one object per version, for scripts"}},
      .run = RunRulesList,
  };
}

}  // namespace ledgerctl
