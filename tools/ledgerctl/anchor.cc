// ledgerctl anchor --db DIR [--reset]: prints the ledger's acknowledgment
// anchor (ledger/store/anchor.h) in the form of its ANCHOR file, so that a
// bureau can log it daily or keep the printed file elsewhere and later run
// `verify --anchor FILE`. --reset re-anchors a ledger made before anchors.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/anchor.h"
#include "ledger/store/anchor_ops.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_FLAG(bool, reset, false,
          "Recompute the log chain and rewrite the ledger's ANCHOR from what "
          "the store holds now (a ledger made before anchors, or one checked "
          "with `verify --anchor` and trusted as it is).");

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunAnchor(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  absl::StatusOr<ledger::store::Anchor> anchor =
      absl::GetFlag(FLAGS_reset) ? ledger::store::ResetLedgerAnchor(db)
                                 : ledger::store::LedgerAnchor(db);
  if (!anchor.ok()) return StorageError(anchor.status());
  absl::PrintF("%s", ledger::store::FormatAnchor(*anchor));
  return absl::OkStatus();
}

}  // namespace

Subcommand AnchorCommand() {
  return {
      .name = "anchor",
      .synopsis = "--db DIR [--reset]",
      .brief = "Print what the ledger has acknowledged, to keep a copy elsewhere.",
      .summary =
          "Prints the ledger's acknowledgment anchor — its last sequence, the\n"
          "SHA-256 chain head over every event, the number of rule set\n"
          "versions and their chain head — in the form of the ANCHOR file the\n"
          "writer keeps in DIR after every acknowledged write. Keep the output\n"
          "outside the ledger (log it daily); `verify --db DIR --anchor FILE`\n"
          "then names a ledger that lost, rewrote or rolled back anything the\n"
          "copy acknowledged. --reset rewrites DIR/ANCHOR from the store as it\n"
          "is: once for a ledger made before anchors, or after a verify\n"
          "against your copy.",
      .flags = {{"db", "db", "DIR"}, {"reset", "reset", ""}},
      .examples = {{"anchor --db scratch/zhangye >> /backup/zhangye-anchors.log",
                    "keep today's anchor outside the ledger"},
                   {"anchor --db scratch/zhangye --reset",
                    "rewrite DIR/ANCHOR for a ledger made before anchors"}},
      .run = RunAnchor,
  };
}

}  // namespace ledgerctl
