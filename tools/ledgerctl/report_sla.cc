// ledgerctl report sla --db DIR --as-of D [--known-at T]
//   [--format table|json|csv]: the commitment-letter review (R12).
// Applications open after their review deadline and those decided late, per
// area; a clean run says so. The logic is ledger/report/sla.h.
#include <cstdio>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/report/sla.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/subcommand.h"
#include "tools/ledgerctl/pass_progress.h"

ABSL_DECLARE_FLAG(std::string, as_of);  // owed.cc

namespace ledgerctl {
namespace {

// The breaches, one row each: the table's rows and the csv's.
TextTable BreachTable(const ledger::SlaReport& report) {
  using K = ColumnKind;
  TextTable table({{"pooling_area", K::kId}, {"employer_id", K::kId}, {"policy_id", K::kId},
                   {"event_id", K::kId}, {"applied_on", K::kText, /*wide_only=*/true},
                   {"review_deadline"}, {"status"},
                   {"decided_on"}, {"working_days_late", K::kCount}});
  for (const ledger::v1::SlaBreach& b : report.breaches) {
    table.AddRow({b.pooling_area(), b.employer_id(), b.policy_id(), b.event_id(),
                  b.applied_on(), b.review_deadline(), b.status(), b.decided_on(),
                  absl::StrCat(b.working_days_late())});
  }
  return table;
}

void PrintTable(const ledger::SlaReport& report, const std::string& as_of) {
  for (const ledger::v1::SlaAreaSummary& area : report.areas) {
    absl::PrintF("area %s: %s, %d open past the deadline, %d decided late\n",
                 area.pooling_area(), Counted(area.applications(), "application", "applications"),
                 area.open_overdue(), area.decided_late());
  }
  if (report.clean()) {
    absl::PrintF("as of %s every application was decided by its review deadline or is "
                 "still within it: nothing to report\n",
                 as_of);
    return;
  }
  BreachTable(report).PrintAligned(stdout, TableStyleFromFlags());
}

[[nodiscard]] absl::Status RunReportSla(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                   RequiredDateFlag("as-of", absl::GetFlag(FLAGS_as_of)));
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, known_at_us));
  absl::StatusOr<ledger::SlaReport> report;
  {
    PassProgress progress(*store, "report sla", /*streams_results=*/false);
    report = ledger::ComputeSlaReport(
        *store, rules, ledger::SlaRequest{as_of, known_at_us.value_or(NowMicros())});
  }
  if (!report.ok()) return StorageError(report.status());
  switch (format) {
    case Format::kTable:
      PrintTable(*report, absl::FormatCivilTime(as_of));
      break;
    case Format::kJson:
      // One line per breach, then one per area: the summary lines carry
      // "applications", the breaches "review_deadline".
      for (const ledger::v1::SlaBreach& breach : report->breaches) {
        absl::PrintF("%s\n", ledger::ProtoToJson(breach));
      }
      for (const ledger::v1::SlaAreaSummary& area : report->areas) {
        absl::PrintF("%s\n", ledger::ProtoToJson(area));
      }
      break;
    case Format::kCsv: {
      TextTable table = BreachTable(*report);
      table.AddRow({kTotalLabel, "", "", "", "", "",
                    absl::StrCat(report->breaches.size(), " late")},
                   RowKind::kTotal);
      table.PrintCsv(stdout);
      break;
    }
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand ReportSlaCommand() {
  return {
      .name = "report sla",
      .synopsis = "--db DIR --as-of D [--known-at T] [--rules-version N] [--format table|json|csv]",
      .brief = "Applications decided late or still open past their deadline (R12).",
      .summary =
          "The commitment-letter review (R12): each deferral_applied must be granted\n"
          "or rejected within review_working_days working days (R2). Lists, per area,\n"
          "the applications still open after their deadline on D (working days\n"
          "overdue) and those decided after it (working days late); a clean run says so.",
      .flags = {{"db", "db", "DIR"},
                {"as-of", "as_of", "D"},
                {"known-at", "known_at", "TIME"},
                kRulesVersionFlag,
                {"format", "format", "table|json|csv"},
                kFenFlag,
                kWideFlag, kLangFlag},
      .examples = {{"report sla --db scratch/jinan --as-of 2022-12-31 --format table",
                    "one application decided a working day late"},
                   {"report sla --db scratch/zhangye --as-of 2022-12-31",
                    "json: the breaches, then one summary line per area"}},
      .run = RunReportSla,
  };
}

}  // namespace ledgerctl
