// Printing monthly deferral reports (R13) for `report monthly` and `report
// merge`: json one object per area and policy; csv one row each, in the
// proto's field order, then the merged totals per policy as rows whose month
// is "TOTAL YYYY-MM"; table one column per area and policy, one line a figure.
#ifndef TOOLS_LEDGERCTL_MONTHLY_OUTPUT_H_
#define TOOLS_LEDGERCTL_MONTHLY_OUTPUT_H_

#include <vector>

#include "absl/status/status.h"
#include "ledger/v1/report.pb.h"
#include "tools/ledgerctl/cli.h"

namespace ledgerctl {

[[nodiscard]] absl::Status PrintMonthlyReports(
    const std::vector<ledger::v1::MonthlyDeferralReport>& reports, Format format);

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_MONTHLY_OUTPUT_H_
