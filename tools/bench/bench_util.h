// Stopwatch, latency percentiles and peak RSS for the benchmark. Timings are
// doubles: they are timing, not money (the ledger itself has no floating
// point).
#ifndef TOOLS_BENCH_BENCH_UTIL_H_
#define TOOLS_BENCH_BENCH_UTIL_H_

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace ledger_bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {  // timing, not money
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double Micros() const { return Seconds() * 1e6; }  // timing, not money

 private:
  std::chrono::steady_clock::time_point start_;
};

// CPU time, which a busy shared machine disturbs less than wall time: the
// calling thread's (the pure fold) or the process's (RocksDB has threads).
class CpuStopwatch {
 public:
  explicit CpuStopwatch(bool whole_process)
      : clock_(whole_process ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_THREAD_CPUTIME_ID),
        start_(Now(clock_)) {}
  double Seconds() const { return Now(clock_) - start_; }  // timing, not money

 private:
  static double Now(clockid_t clock) {  // timing, not money
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  }
  clockid_t clock_;
  double start_;
};

struct Latency {  // timing, not money
  int64_t runs = 0;
  double p50_us = 0;
  double p99_us = 0;
  double max_us = 0;
  double mean_us = 0;
  double cpu_p50_us = 0;  // the same runs in this thread's CPU time
  double cpu_p99_us = 0;
};

// Collects wall and CPU samples of the calls between Start() and Stop().
class LatencySamples {  // timing, not money
 public:
  explicit LatencySamples(int runs) {
    wall_us_.reserve(runs);
    cpu_us_.reserve(runs);
  }
  void Start() {
    wall_ = Stopwatch();
    cpu_ = CpuStopwatch(/*whole_process=*/false);
  }
  void Stop() {
    wall_us_.push_back(wall_.Micros());
    cpu_us_.push_back(cpu_.Seconds() * 1e6);
  }
  Latency Summary() const;

 private:
  Stopwatch wall_;
  CpuStopwatch cpu_{false};
  std::vector<double> wall_us_;
  std::vector<double> cpu_us_;
};

inline Latency Summarize(std::vector<double> samples_us) {  // timing, not money
  Latency latency;
  if (samples_us.empty()) return latency;
  std::sort(samples_us.begin(), samples_us.end());
  const size_t n = samples_us.size();
  latency.runs = static_cast<int64_t>(n);
  latency.p50_us = samples_us[(n - 1) / 2];
  latency.p99_us = samples_us[std::min(n - 1, (n * 99 + 99) / 100 - 1)];
  latency.max_us = samples_us.back();
  double sum = 0;
  for (double sample : samples_us) sum += sample;
  latency.mean_us = sum / static_cast<double>(n);
  return latency;
}

inline Latency LatencySamples::Summary() const {
  Latency latency = Summarize(wall_us_);
  const Latency cpu = Summarize(cpu_us_);
  latency.cpu_p50_us = cpu.p50_us;
  latency.cpu_p99_us = cpu.p99_us;
  return latency;
}

// Peak resident set size of this process so far, in KiB (Linux ru_maxrss).
inline int64_t PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Events (or employers) per second; 0 when nothing was timed.
inline double Rate(int64_t count, double seconds) {  // timing, not money
  return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_BENCH_UTIL_H_
