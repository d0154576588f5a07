// The ledger on RocksDB, timed: importing the city month by month, `owed
// --all` (every employer read and priced), and one employer's latency.
#ifndef TOOLS_BENCH_BENCH_STORE_H_
#define TOOLS_BENCH_BENCH_STORE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "tools/bench/bench_util.h"
#include "tools/bench/city.h"

namespace ledger_bench {

struct ImportFigures {
  int64_t batches = 0;
  int64_t events = 0;    // appended
  int64_t jsonl_bytes = 0;
  double seconds = 0;    // ImportEvents only; timing, not money
  double cpu_seconds = 0;  // the process's, same span
  double slowest_seconds = 0;
  std::string slowest_batch;
  std::vector<std::pair<std::string, double>> batch_seconds;  // timing, not money
};

// Imports every batch of `city`, in order, with ImportEvents (parse, check,
// append), as a bureau imports its monthly files.
[[nodiscard]] absl::StatusOr<ImportFigures> BenchImport(ledger::EventStore& store,
                                                        const ledger::Rules& rules,
                                                        const City& city,
                                                        const Progress& progress);

struct OwedFigures {
  int64_t employers = 0;  // with a balance in the view
  int64_t events = 0;     // read from the store
  double seconds = 0;     // timing, not money
  double cpu_seconds = 0; // the process's
  int64_t outstanding_fen = 0;
  int64_t late_fee_fen = 0;
};

// `owed --all`: ForEachEmployerEvents + BalanceFolder for each.
[[nodiscard]] absl::StatusOr<OwedFigures> BenchOwedAll(const ledger::EventStore& store,
                                                       const ledger::Rules& rules,
                                                       absl::CivilDay as_of,
                                                       int64_t known_at_us);
// The same, one ReadEmployerInto per employer id.
[[nodiscard]] absl::StatusOr<OwedFigures> BenchOwedByRead(
    const ledger::EventStore& store, const ledger::Rules& rules,
    const std::vector<std::string>& employer_ids, absl::CivilDay as_of, int64_t known_at_us);

// ReadEmployerInto + BalanceFolder of one employer, `runs` times, reused.
[[nodiscard]] absl::StatusOr<Latency> BenchStoreLatency(const ledger::EventStore& store,
                                                        const ledger::Rules& rules,
                                                        const std::string& employer_id,
                                                        absl::CivilDay as_of,
                                                        int64_t known_at_us, int runs);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_BENCH_STORE_H_
