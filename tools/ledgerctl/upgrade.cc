// ledgerctl upgrade --db DIR: bring a ledger made by an older build to this
// build's schema version (ledger/store/upgrade.h): the derived column
// families rebuilt from the log and the version bumped in one synced batch.
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/upgrade.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunUpgrade(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const absl::StatusOr<ledger::store::UpgradeReport> report = ledger::store::UpgradeLedger(db);
  if (!report.ok()) return StorageError(report.status());
  if (report->from_version == report->to_version) {
    absl::PrintF("ledger %s is at schema version %d; its derived indexes were rebuilt from "
                 "the log\n",
                 db, report->to_version);
  } else {
    absl::PrintF("ledger %s upgraded from schema version %d to %d\n", db, report->from_version,
                 report->to_version);
  }
  absl::PrintF("  events read     %d\n", report->events);
  absl::PrintF("  receipts        %d entries (%d replaced)\n", report->receipts_indexed,
               report->entries_replaced);
  return absl::OkStatus();
}

}  // namespace

Subcommand UpgradeCommand() {
  return {
      .name = "upgrade",
      .synopsis = "--db DIR",
      .brief = "Bring a ledger made by an older ledgerctl to this schema version.",
      .summary =
          "Rebuilds the derived column families (today the tax receipt index)\n"
          "from the log and writes this build's schema version, in one synced\n"
          "batch: interrupted, the ledger keeps its old version and the next\n"
          "run starts again. The events, their ids and the rule sets are not\n"
          "touched, so the ledger's ANCHOR still holds. A ledger of an older\n"
          "version opens read-only meanwhile; writing to it is refused with\n"
          "the name of this command. `ledgerctl --version` prints the schema\n"
          "version this build writes.",
      .flags = {{"db", "db", "DIR"}},
      .examples = {{"upgrade --db scratch/zhangye",
                    "once, after installing a ledgerctl with a newer schema"},
                   {"upgrade --db scratch/zhangye && verify --db scratch/zhangye",
                    "then check the rebuilt index against the log"}},
      .run = RunUpgrade,
  };
}

}  // namespace ledgerctl
