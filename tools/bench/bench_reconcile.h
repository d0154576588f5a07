// The reconcile bench (issue 10 "Speed"): a generated payments file with a
// seeded mix of every class (payments_gen.h) reconciled against the ledger
// dry and with --apply (ledger::Reconcile), rows/s and peak RSS for each,
// and injected vs found per class: any difference is a failure.
#ifndef TOOLS_BENCH_BENCH_RECONCILE_H_
#define TOOLS_BENCH_BENCH_RECONCILE_H_

#include <string>

#include "absl/status/status.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "tools/bench/payments_gen.h"
#include "tools/bench/report.h"

namespace ledger_bench {

struct ReconcileBenchOptions {
  PaymentsOptions payments;
  std::string write_payments;  // also write the file here (and PATH.classes), when set
  // The ledger's directory. --apply runs on a copy of it unless
  // `apply_in_place` (a temporary ledger of this run), so a kept ledger
  // stays what was imported.
  std::string db;
  bool apply_in_place = false;
};

// Runs the bench on `store` (the ledger at options.db). FailedPrecondition
// when a row's class is not the one injected, or the dry run and the
// applied run differ, or a tie-out fails.
[[nodiscard]] absl::Status BenchReconcile(ledger::EventStore& store, const ledger::Rules& rules,
                                          const ReconcileBenchOptions& options, Report& report);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_BENCH_RECONCILE_H_
