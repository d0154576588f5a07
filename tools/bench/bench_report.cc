#include "tools/bench/bench_report.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "ledger/dates.h"
#include "ledger/report/auto_grant.h"
#include "ledger/report/monthly.h"
#include "ledger/status_macros.h"
#include "tools/bench/bench_util.h"

namespace ledger_bench {

absl::Status BenchReports(ledger::EventStore& store, const ledger::Rules& rules,
                          absl::CivilDay date, absl::CivilMonth month, bool write,
                          Report& report) {
  for (const ledger::v1::DeferralPolicy& policy : rules.rule_set().deferral_policies()) {
    for (const bool dry_run : {true, false}) {
      if (!dry_run && !write) continue;
      const std::string prefix =
          absl::StrCat("defer_auto_", policy.policy_id(), dry_run ? "_dry_run" : "");
      Stopwatch running;
      ASSIGN_OR_RETURN(const ledger::AutoGrantRun run,
                       ledger::RunAutoGrant(store, rules,
                                            ledger::AutoGrantRequest{policy.policy_id(), date,
                                                                     dry_run,
                                                                     ledger::ToMicros(absl::Now())}));
      report.Seconds(prefix + "_seconds", running.Seconds());
      report.Count(prefix + "_employers", run.summary.employers_seen());
      report.Count(prefix + "_candidates", run.summary.candidates());
      report.Count(prefix + "_granted", run.summary.granted());
      report.Count(prefix + "_refused", run.summary.refused());
    }
  }
  Stopwatch reporting;
  ASSIGN_OR_RETURN(const std::vector<ledger::v1::MonthlyDeferralReport> reports,
                   ledger::ComputeMonthlyReport(
                       store, rules,
                       ledger::MonthlyRequest{month, ledger::ToMicros(absl::Now()), ""}));
  report.Seconds(absl::StrCat("report_monthly_", ledger::FormatMonth(month), "_seconds"),
                 reporting.Seconds());
  int64_t outstanding_fen = 0;
  int64_t deferred_employers = 0;
  for (const ledger::v1::MonthlyDeferralReport& r : reports) {
    outstanding_fen += r.outstanding_fen();
    deferred_employers += r.deferred_employers();
  }
  report.Count("report_monthly_reports", static_cast<int64_t>(reports.size()));
  report.Count("report_monthly_deferred_employers", deferred_employers);
  report.Count("report_monthly_outstanding_fen", outstanding_fen);
  return absl::OkStatus();
}

}  // namespace ledger_bench
