// Issue 13's jobs on the city's store: `defer auto` (R14: dry run, then the
// real run with its atomic append) and `report monthly` (R13) for one month.
#ifndef TOOLS_BENCH_BENCH_REPORT_H_
#define TOOLS_BENCH_BENCH_REPORT_H_

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "tools/bench/report.h"

namespace ledger_bench {

// Times RunAutoGrant of every policy on `date` (a dry run; then, when
// `write` is set, the real run) and ComputeMonthlyReport for `month`,
// printing each figure on `report`.
[[nodiscard]] absl::Status BenchReports(ledger::EventStore& store, const ledger::Rules& rules,
                                        absl::CivilDay date, absl::CivilMonth month,
                                        bool write, Report& report);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_BENCH_REPORT_H_
