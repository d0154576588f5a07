// ledgerctl report merge FILE... [--format table|json|csv]: the provincial
// monthly report, the sum of several areas' `report monthly --format json`
// files (from separate ledgers), every figure a sum and the tie-out checked
// again (R13). The logic is ledger/report/monthly_merge.h.
#include "ledger/report/monthly_merge.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/monthly_output.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunReportMerge(const std::vector<std::string>& args) {
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  std::vector<ledger::v1::MonthlyDeferralReport> reports;
  for (const std::string& path : args) {
    ASSIGN_OR_RETURN(const std::string contents, ReadInputFile(path));
    ASSIGN_OR_RETURN(std::vector<ledger::v1::MonthlyDeferralReport> more,
                     ledger::ParseMonthlyReports(contents, path));
    for (auto& report : more) reports.push_back(std::move(report));
  }
  ASSIGN_OR_RETURN(const std::vector<ledger::v1::MonthlyDeferralReport> merged,
                   ledger::MergeMonthlyReports(reports));
  return PrintMonthlyReports(merged, format);
}

}  // namespace

Subcommand ReportMergeCommand() {
  return {
      .name = "report merge",
      .synopsis = "FILE... [--format table|json|csv]",
      .brief = "Sum several areas' monthly reports into the provincial one (R13).",
      .summary =
          "The provincial monthly report (R13): several pooling areas' `report\n"
          "monthly --format json` files, from separate ledgers, summed per month and\n"
          "policy, every figure a sum, the tie-out checked again. The same area, month\n"
          "and policy twice is refused (exit 1).",
      .flags = {{"format", "format", "table|json|csv"}, kFenFlag, kWideFlag, kLangFlag},
      .examples = {{"report merge zhangye-2022-09.jsonl jinan-2022-09.jsonl --format table",
                    "the provincial report for September 2022"},
                   {"report merge zhangye-2022-09.jsonl jinan-2022-09.jsonl --format csv > "
                    "province.csv",
                    "the same for a spreadsheet"}},
      .min_args = 1,
      .max_args = -1,
      .run = RunReportMerge,
  };
}

}  // namespace ledgerctl
