// The pure core, timed on events already in memory: SelectView +
// FoldEmployerInto over every employer (one core, one projection reused as
// owed --all reuses it), and one employer's ComputeBalance latency.
#ifndef TOOLS_BENCH_BENCH_FOLD_H_
#define TOOLS_BENCH_BENCH_FOLD_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"
#include "tools/bench/bench_util.h"
#include "tools/bench/city.h"

namespace ledger_bench {

struct FoldFigures {
  int64_t passes = 0;
  int64_t employers = 0;         // folded per pass
  int64_t events = 0;            // in the views, all passes
  int64_t assessment_lines = 0;  // in the views, all passes
  double seconds = 0;            // timing, not money
  double cpu_seconds = 0;        // this thread's
  // The quickest pass: on a shared machine, the least disturbed one.
  double fastest_pass_seconds = 0;  // timing, not money
  int64_t outstanding_fen = 0;   // one pass's totals: a checksum for owed --all
  int64_t late_fee_fen = 0;
  int64_t credit_fen = 0;
  int64_t employers_owing = 0;  // outstanding principal > 0
};

// Folds every employer of `city` as of `as_of`, knowing everything, pass
// after pass until `min_seconds` have passed (at least `min_passes`).
[[nodiscard]] absl::StatusOr<FoldFigures> BenchPureFold(const ledger::Rules& rules,
                                                        const City& city, absl::CivilDay as_of,
                                                        double min_seconds, int min_passes);

// ComputeBalance of one employer's in-memory events, `runs` times.
[[nodiscard]] absl::StatusOr<Latency> BenchPureLatency(const ledger::Rules& rules,
                                                       std::string_view employer_id,
                                                       const std::vector<ledger::v1::Event>& events,
                                                       absl::CivilDay as_of,
                                                       int64_t known_at_us, int runs);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_BENCH_FOLD_H_
