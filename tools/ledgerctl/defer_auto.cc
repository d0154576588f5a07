// ledgerctl defer auto --db DIR --policy X --date D [--dry-run]
//   [--format table|json|csv]: 免申即享 (R14). Grants policy X on D to every
// eligible employer of its areas without an application, in one atomic
// batch; prints every candidate's verdict and the counts by reason. The
// logic is ledger/report/auto_grant.h; this file parses flags and prints.
#include <cstdio>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/report/auto_grant.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/subcommand.h"
#include "tools/ledgerctl/pass_progress.h"

ABSL_DECLARE_FLAG(std::string, date);  // clearance.cc
ABSL_FLAG(std::string, policy, "", "The deferral policy_id of the rules (gs-2022, sd-2022).");
ABSL_FLAG(bool, dry_run, false, "Decide and print, write nothing.");

namespace ledgerctl {
namespace {

void PrintTable(const ledger::AutoGrantRun& run) {
  const ledger::v1::AutoGrantSummary& summary = run.summary;
  absl::PrintF("policy %s on %s%s: %s, %s, %d already granted\n", summary.policy_id(),
               summary.date(), summary.dry_run() ? " (dry run)" : "",
               Counted(summary.employers_seen(), "employer", "employers"),
               Counted(summary.candidates(), "candidate", "candidates"),
               summary.already_granted());
  absl::PrintF("%s %d, refused %d", summary.dry_run() ? "would grant" : "granted",
               summary.granted(), summary.refused());
  for (const ledger::v1::VerdictCount& count : summary.refused_by_verdict()) {
    absl::PrintF("; %s %d", count.verdict(), count.employers());
  }
  if (summary.last_sequence() != 0) {
    absl::PrintF(" (sequences %d..%d)", summary.first_sequence(), summary.last_sequence());
  }
  absl::PrintF("\n");
  TextTable table({{"employer_id", ColumnKind::kId}, {"area", ColumnKind::kId}, {"verdict"},
                   {"first_period", ColumnKind::kId}, {"last_period", ColumnKind::kId},
                   {"message"}});
  for (const ledger::v1::AutoGrantDecision& decision : run.decisions) {
    if (decision.verdict() == ledger::kVerdictOk) continue;
    table.AddRow({decision.employer_id(), decision.pooling_area(), decision.verdict(),
                  decision.first_period(), decision.last_period(), decision.message()});
  }
  if (table.rows() > 0) table.PrintAligned(stdout, TableStyleFromFlags());
}

void PrintCsv(const ledger::AutoGrantRun& run) {
  TextTable table({{"employer_id", ColumnKind::kId}, {"pooling_area", ColumnKind::kId},
                   {"verdict"}, {"first_period", ColumnKind::kId},
                   {"last_period", ColumnKind::kId}, {"message"}});
  for (const ledger::v1::AutoGrantDecision& decision : run.decisions) {
    table.AddRow({decision.employer_id(), decision.pooling_area(), decision.verdict(),
                  decision.first_period(), decision.last_period(), decision.message()});
  }
  table.AddRow({kTotalLabel, "", "", "", "",
                absl::StrFormat("granted %d, refused %d", run.summary.granted(),
                                run.summary.refused())},
               RowKind::kTotal);
  table.PrintCsv(stdout);
}

[[nodiscard]] absl::Status RunDeferAuto(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string policy = absl::GetFlag(FLAGS_policy);
  if (policy.empty()) return UsageError("--policy X is required");
  ASSIGN_OR_RETURN(const absl::CivilDay date,
                   RequiredDateFlag("date", absl::GetFlag(FLAGS_date)));
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  const bool dry_run = absl::GetFlag(FLAGS_dry_run);
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, dry_run ? ledger::OpenMode::kReadOnly
                                          : ledger::OpenMode::kReadWrite));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadLatestRules(*store));
  const ledger::AutoGrantRequest request{policy, date, dry_run, NowMicros()};
  absl::StatusOr<ledger::AutoGrantRun> run;
  {
    PassProgress progress(*store, "defer auto", /*streams_results=*/false);
    run = ledger::RunAutoGrant(*store, rules, request);
  }
  if (!run.ok()) {
    return absl::IsNotFound(run.status()) ? run.status() : StorageError(run.status());
  }
  switch (format) {
    case Format::kTable:
      PrintTable(*run);
      break;
    case Format::kCsv:
      PrintCsv(*run);
      break;
    case Format::kJson:
      for (const ledger::v1::AutoGrantDecision& decision : run->decisions) {
        absl::PrintF("%s\n", ledger::ProtoToJson(decision));
      }
      absl::PrintF("%s\n", ledger::ProtoToJson(run->summary));
      break;
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand DeferAutoCommand() {
  return {
      .name = "defer auto",
      .synopsis = "--db DIR --policy X --date D [--dry-run] [--format table|json|csv]",
      .brief = "Grant a policy without application to every eligible employer (R14).",
      .summary =
          "免申即享 (R14): grant policy X on D, without an application, to every\n"
          "employer of its pooling areas registered on D, not deregistered and holding\n"
          "no grant of X in force. First period: the first of X's first periods whose\n"
          "employer parts are not all paid on D; last: max_months on, within the\n"
          "window. Each is checked by R5 as import checks it; the grants (ids\n"
          "auto-X-EMPLOYER, basis automatic) are one atomic batch, so a second run\n"
          "grants nothing. json: one line per candidate (verdict OK or the reason),\n"
          "then the summary. --dry-run decides and prints the same, writes nothing.",
      .flags = {{"db", "db", "DIR"},
                {"policy", "policy", "X"},
                {"date", "date", "D"},
                {"dry-run", "dry_run", ""},
                {"format", "format", "table|json|csv"},
                kFenFlag,
                kWideFlag, kLangFlag},
      .examples = {{"defer auto --db scratch/jinan --policy sd-2022 --date 2022-08-05 --dry-run "
                    "--format table",
                    "who would be granted and why the others are not; writes nothing"},
                   {"defer auto --db scratch/jinan --policy sd-2022 --date 2022-08-05",
                    "grant them, one atomic batch (a second run grants nothing)"}},
      .run = RunDeferAuto,
  };
}

}  // namespace ledgerctl
