// ledgerctl verify --db DIR: reads the whole log read-only and checks that it
// never lost or bent a fact (ledger/store/verify.h): every event parses and
// passes field validation, the three indexes agree, sequences are contiguous
// and recorded_at never goes backwards, every employer's hash chain holds.
// Prints what it checked on stdout; on the first inconsistency also where it
// is (column family, key, event) and exits 1. Exit 3: cannot open or read.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/printable.h"
#include "ledger/status_macros.h"
#include "ledger/store/verify.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/progress.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_FLAG(std::string, anchor, "",
          "A copy of the ledger's anchor kept elsewhere (the output of "
          "`ledgerctl anchor`): also check the ledger against it.");

namespace ledgerctl {
namespace {

void PrintCounts(const ledger::store::VerifyReport& report) {
  const ledger::store::VerifyCounts& counts = report.counts;
  absl::PrintF("  events        %d (meta last_sequence %d)\n", counts.events,
               report.meta_last_sequence);
  absl::PrintF("  employers     %d\n", counts.employers);
  absl::PrintF("  event_ids     %d entries\n", counts.event_ids_entries);
  absl::PrintF("  by_employer   %d entries\n", counts.by_employer_entries);
  absl::PrintF("  receipts      %d entries\n", counts.receipts_entries);
  absl::PrintF("  chains        %d recomputed to their heads\n", counts.chains);
  absl::PrintF("  rule sets     %d versions\n", counts.rules_versions);
  absl::PrintF("  anchors       %d held\n", counts.anchors);
}

void PrintProblem(const ledger::store::VerifyProblem& problem) {
  absl::PrintF("first inconsistency:\n");
  absl::PrintF("  column family %s\n", problem.column_family);
  absl::PrintF("  key           %s (hex %s)\n", problem.key_text,
               problem.key_hex);
  if (problem.sequence != 0) {
    absl::PrintF("  event         sequence %d, event_id %s\n", problem.sequence,
                 problem.event_id.empty()
                     ? std::string("unknown")
                     : absl::StrFormat("\"%s\"", problem.event_id));
  } else if (!problem.event_id.empty()) {
    absl::PrintF("  event         event_id \"%s\"\n", problem.event_id);
  }
  absl::PrintF("  problem       %s\n", problem.message);
}

[[nodiscard]] absl::Status RunVerify(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string anchor_path = absl::GetFlag(FLAGS_anchor);
  if (const std::string bad = ledger::FirstUnprintable(anchor_path); !bad.empty()) {
    return UsageError(absl::StrFormat(
        "--anchor \"%s\": the file name holds a %s; copy the anchor to a "
        "plainly named file", ledger::EscapeForMessage(anchor_path), bad));
  }
  absl::StatusOr<ledger::store::VerifyReport> report;
  {
    // On a terminal, events checked of the ledger's last sequence.
    ProgressLine progress("verify", "events", stderr, isatty(STDERR_FILENO) != 0);
    report = ledger::store::VerifyLedger(
        db, {.anchor_path = anchor_path,
             .progress = [&progress](int64_t done, int64_t total) {
               progress.Update(done, total);
             }});
  }
  if (!report.ok()) return StorageError(report.status());

  if (report->ok()) {
    absl::PrintF("ledger %s verified: no inconsistency\n", db);
    PrintCounts(*report);
    absl::PrintF(
        "checked: every event parses and round-trips through the interchange; "
        "sequences run 1..%d without a gap; recorded_at never goes backwards; "
        "events, by_employer and event_ids index each other exactly once; "
        "content hashes and hash chains match; RocksDB block checksums hold "
        "in every table file; every rule set decodes; the log and rules "
        "chains match the anchors\n",
        report->meta_last_sequence);
    return absl::OkStatus();
  }
  absl::PrintF("ledger %s FAILED verification\n", db);
  absl::PrintF("checked before the failure:\n");
  PrintCounts(*report);
  PrintProblem(*report->problem);
  std::fflush(stdout);
  // FailedPrecondition: the ledger's state is refused (exit 1).
  return absl::FailedPreconditionError(absl::StrFormat(
      "ledger %s is inconsistent: %s", db,
      ledger::store::DescribeVerifyProblem(*report->problem)));
}

}  // namespace

Subcommand VerifyCommand() {
  return {
      .name = "verify",
      .synopsis = "--db DIR [--anchor FILE]",
      .brief = "Check the whole log: events, indexes, sequences, hash chains.",
      .summary =
          "Reads the whole ledger read-only and checks that every event parses\n"
          "and passes field validation, the indexes (events, by_employer,\n"
          "event_ids) agree exactly, sequences run from 1 without a gap to\n"
          "meta's last_sequence, recorded_at never goes backwards, and each\n"
          "employer's SHA-256 hash chain holds up to its head, RocksDB's block\n"
          "checksums hold in every table file, every rule set decodes, and the\n"
          "SHA-256 chains over the whole log and the rule sets match the\n"
          "ledger's ANCHOR and, with --anchor, a copy kept elsewhere (a ledger\n"
          "that lost, rewrote or rolled back what the copy acknowledged fails).\n"
          "Prints the\n"
          "counts checked; on failure also the first inconsistency (column\n"
          "family, key, event sequence and id) and exits 1. Exit 3 when the\n"
          "ledger cannot be opened or read. `events --format table` shows an\n"
          "employer's chain head.",
      .flags = {{"db", "db", "DIR"}, {"anchor", "anchor", "FILE"}},
      .examples = {{"verify --db scratch/zhangye", "every event, index and chain checked: exit 0"},
                   {"verify --db scratch/zhangye > verify.txt || echo inconsistent",
                    "for a cron job: exit 1 names the first inconsistency"}},
      .run = RunVerify,
  };
}

}  // namespace ledgerctl
