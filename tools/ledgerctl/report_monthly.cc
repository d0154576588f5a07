// ledgerctl report monthly --db DIR --month M [--known-at T] [--area CODE]
//   [--format table|json|csv]: the monthly deferral report (R13), due by
// the 10th of the next month, one per pooling area and policy, tied out
// before it is printed. The logic is ledger/report/monthly.h; the printing
// is shared with `report merge` (monthly_output.h).
#include "absl/flags/flag.h"
#include "ledger/dates.h"
#include "ledger/report/monthly.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/monthly_output.h"
#include "tools/ledgerctl/subcommand.h"
#include "tools/ledgerctl/pass_progress.h"

ABSL_FLAG(std::string, month, "", "The report's month: YYYY-MM.");
ABSL_FLAG(std::string, area, "", "One pooling area's code (default: every area).");

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunReportMonthly(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string month_text = absl::GetFlag(FLAGS_month);
  if (month_text.empty()) return UsageError("--month YYYY-MM is required");
  absl::StatusOr<absl::CivilMonth> month = ledger::ParseMonth(month_text);
  if (!month.ok()) return UsageError(absl::StrCat("--month: ", month.status().message()));
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, known_at_us));
  const ledger::MonthlyRequest request{*month, known_at_us.value_or(NowMicros()),
                                       absl::GetFlag(FLAGS_area)};
  absl::StatusOr<std::vector<ledger::v1::MonthlyDeferralReport>> reports;
  {
    PassProgress progress(*store, "report monthly", /*streams_results=*/false);
    reports = ledger::ComputeMonthlyReport(*store, rules, request);
  }
  if (!reports.ok()) {
    // NotFound: an unknown --area (exit 1); a failed tie-out is Internal (exit 3).
    return absl::IsNotFound(reports.status()) || absl::IsFailedPrecondition(reports.status())
               ? reports.status()
               : StorageError(reports.status());
  }
  return PrintMonthlyReports(*reports, format);
}

}  // namespace

Subcommand ReportMonthlyCommand() {
  return {
      .name = "report monthly",
      .synopsis = "--db DIR --month M [--known-at T] [--rules-version N] [--area CODE] "
                  "[--format table|json|csv]",
      .brief = "The monthly deferral report per area and policy, tied out (R13).",
      .summary =
          "The monthly deferral report (R13) for month M, one per pooling area and\n"
          "policy: deferred employers and employees, the deferred outstanding at the\n"
          "end of M and what moved it (newly covered, voided, reallocated, newly\n"
          "assessed, settled), accelerated, late fees waived on the days of M, and the\n"
          "applications received, granted, rejected and overdue. Each figure is\n"
          "computed from its parts and the tie-out is checked before anything is\n"
          "printed; a report that does not tie out is refused (exit 3) with its\n"
          "figures. json: one object per area and policy (`report merge` sums them).",
      .flags = {{"db", "db", "DIR"},
                {"month", "month", "M"},
                {"known-at", "known_at", "TIME"},
                kRulesVersionFlag,
                {"area", "area", "CODE"},
                {"format", "format", "table|json|csv"},
                kFenFlag,
                kWideFlag, kLangFlag},
      .examples = {{"report monthly --db scratch/zhangye --month 2022-09 --format table",
                    "one column per pooling area"},
                   {"report monthly --db scratch/jinan --month 2022-09 > jinan-2022-09.jsonl",
                    "json for `report merge`"}},
      .run = RunReportMonthly,
  };
}

}  // namespace ledgerctl
