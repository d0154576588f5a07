// The benchmark's output: plain text on stdout, "name: value", one figure a
// line, printed as soon as it is known.
#ifndef TOOLS_BENCH_REPORT_H_
#define TOOLS_BENCH_REPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "tools/bench/bench_fold.h"
#include "tools/bench/bench_store.h"
#include "tools/bench/bench_util.h"
#include "tools/bench/city.h"

namespace ledger_bench {

class Report {
 public:
  void Line(std::string_view name, std::string_view value);
  void Count(std::string_view name, int64_t value);
  void Seconds(std::string_view name, double seconds);  // timing, not money
  void Rate(std::string_view name, int64_t count, double seconds);
  void Mib(std::string_view name, int64_t bytes);

  void City(const CityOptions& options, const ledger_bench::City& city, double seconds);
  void Fold(const FoldFigures& fold);
  void ReferenceEmployer(const ledger_bench::City& city);
  void Latency(std::string_view prefix, const ledger_bench::Latency& latency);
  void Import(const ImportFigures& imported);
  void Owed(std::string_view prefix, const OwedFigures& owed, const FoldFigures& fold);
};

// /proc/loadavg and the CPU count: a shared machine's timings need them.
std::string LoadAverage();
// Bytes in the files under `directory` (0 when it cannot be read).
int64_t DirectoryBytes(const std::string& directory);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_REPORT_H_
