// Reading monthly reports back from their JSON Lines, for `report merge`
// (R13: a provincial report is the merge of the pooling areas' reports).
#ifndef LEDGER_REPORT_MONTHLY_MERGE_H_
#define LEDGER_REPORT_MONTHLY_MERGE_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/v1/report.pb.h"

namespace ledger {

// Returns the reports of `contents`, the JSON Lines `report monthly` prints
// (blank lines skipped). A line that is not one report object, an unknown
// field or a value of the wrong kind is InvalidArgument "FILE:LINE: ...".
[[nodiscard]] absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> ParseMonthlyReports(
    std::string_view contents, std::string_view file_name);

// Returns the provincial reports: `reports` (several areas' reports, from
// separate ledgers) summed per (month, policy), every figure a sum, each
// checked by CheckTieOut. pooling_area lists the merged areas ("A+B").
// InvalidArgument when the same (month, area, policy) comes twice.
[[nodiscard]] absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> MergeMonthlyReports(
    const std::vector<v1::MonthlyDeferralReport>& reports);

}  // namespace ledger

#endif  // LEDGER_REPORT_MONTHLY_MERGE_H_
