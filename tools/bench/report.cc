#include "tools/bench/report.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include "absl/strings/str_format.h"

namespace ledger_bench {

namespace {
constexpr int64_t kFoldTargetEventsPerSecond = 1'000'000;
constexpr double kLatencyTargetP99Us = 1000;  // timing, not money
}  // namespace

void Report::Line(std::string_view name, std::string_view value) {
  absl::PrintF("%s: %s\n", name, value);
  std::fflush(stdout);
}

void Report::Count(std::string_view name, int64_t value) {
  Line(name, absl::StrFormat("%d", value));
}

void Report::Seconds(std::string_view name, double seconds) {
  Line(name, absl::StrFormat("%.3f", seconds));
}

void Report::Rate(std::string_view name, int64_t count, double seconds) {
  Line(name, absl::StrFormat("%.0f", ledger_bench::Rate(count, seconds)));
}

void Report::Mib(std::string_view name, int64_t bytes) {
  Line(name, absl::StrFormat("%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0)));
}

void Report::City(const CityOptions& options, const ledger_bench::City& city,
                  double seconds) {
  Count("seed", static_cast<int64_t>(options.seed));
  Count("employers", static_cast<int64_t>(city.employer_ids.size()));
  Count("employees_requested", options.employees);
  Count("employees_initial", city.employees_initial);
  Count("employees_final", city.employees_final);
  Count("events", static_cast<int64_t>(city.order.size()));
  for (const auto& [type, count] : city.events_by_type) Count("events." + type, count);
  Count("assessment_lines", city.assessment_lines);
  Count("batches", static_cast<int64_t>(city.batches.size()));
  Seconds("generate_seconds", seconds);
}

void Report::Fold(const FoldFigures& fold) {
  Count("fold_passes", fold.passes);
  Count("fold_employers_per_pass", fold.employers);
  Count("fold_events", fold.events);
  Seconds("fold_seconds", fold.seconds);
  Rate("fold_events_per_s", fold.events, fold.seconds);
  if (fold.passes > 0) {
    Rate("fold_events_per_s_fastest_pass", fold.events / fold.passes, fold.fastest_pass_seconds);
  }
  Seconds("fold_cpu_seconds", fold.cpu_seconds);
  Rate("fold_events_per_cpu_s", fold.events, fold.cpu_seconds);
  Rate("fold_assessment_lines_per_s", fold.assessment_lines, fold.seconds);
  Rate("fold_employers_per_s", fold.employers * fold.passes, fold.seconds);
  const double rate = ledger_bench::Rate(fold.events, fold.seconds);  // timing, not money
  Line("fold_target", absl::StrFormat(">= %d events/s: %s", kFoldTargetEventsPerSecond,
                                      rate >= kFoldTargetEventsPerSecond ? "met" : "NOT met"));
  Count("fold_outstanding_fen", fold.outstanding_fen);
  Count("fold_late_fee_fen", fold.late_fee_fen);
  Count("fold_credit_fen", fold.credit_fen);
  Count("fold_employers_owing", fold.employers_owing);
}

void Report::ReferenceEmployer(const ledger_bench::City& city) {
  const auto& events = city.events[city.reference_employer];
  std::set<int32_t> periods;
  int lines = 0;
  for (const auto& event : events) {
    if (!event.has_contribution_assessed()) continue;
    periods.insert(event.contribution_assessed().period_yyyymm());
    lines = event.contribution_assessed().lines_size();
  }
  Line("latency_employer",
       absl::StrFormat("%s (%d events, %d periods assessed, %d employees in the last)",
                       city.employer_ids[city.reference_employer], events.size(),
                       periods.size(), lines));
}

void Report::Latency(std::string_view prefix, const ledger_bench::Latency& latency) {
  const std::string p(prefix);
  Count(p + "_runs", latency.runs);
  Line(p + "_p50_us", absl::StrFormat("%.1f", latency.p50_us));
  Line(p + "_p99_us", absl::StrFormat("%.1f", latency.p99_us));
  Line(p + "_max_us", absl::StrFormat("%.1f", latency.max_us));
  Line(p + "_mean_us", absl::StrFormat("%.1f", latency.mean_us));
  Line(p + "_cpu_p50_us", absl::StrFormat("%.1f", latency.cpu_p50_us));
  Line(p + "_cpu_p99_us", absl::StrFormat("%.1f", latency.cpu_p99_us));
  Line(p + "_target",
       absl::StrFormat("p99 < %.0f us: %s (wall), %s (cpu)", kLatencyTargetP99Us,
                       latency.p99_us < kLatencyTargetP99Us ? "met" : "NOT met",
                       latency.cpu_p99_us < kLatencyTargetP99Us ? "met" : "NOT met"));
}

void Report::Import(const ImportFigures& imported) {
  Count("import_batches", imported.batches);
  Count("import_events", imported.events);
  Mib("import_jsonl_mib", imported.jsonl_bytes);
  Seconds("import_seconds", imported.seconds);
  Rate("import_events_per_s", imported.events, imported.seconds);
  Seconds("import_cpu_seconds", imported.cpu_seconds);
  Rate("import_events_per_cpu_s", imported.events, imported.cpu_seconds);
  Line("import_slowest_batch", imported.slowest_batch);
  Seconds("import_slowest_batch_seconds", imported.slowest_seconds);
  for (const auto& [name, seconds] : imported.batch_seconds) {
    Seconds("import_batch_seconds." + name, seconds);
  }
}

void Report::Owed(std::string_view prefix, const OwedFigures& owed, const FoldFigures& fold) {
  const std::string p(prefix);
  Count(p + "_employers", owed.employers);
  Count(p + "_events", owed.events);
  Seconds(p + "_seconds", owed.seconds);
  Rate(p + "_employers_per_s", owed.employers, owed.seconds);
  Rate(p + "_events_per_s", owed.events, owed.seconds);
  Seconds(p + "_cpu_seconds", owed.cpu_seconds);
  Rate(p + "_events_per_cpu_s", owed.events, owed.cpu_seconds);
  Count(p + "_outstanding_fen", owed.outstanding_fen);
  Line(p + "_matches_pure_fold",
       owed.outstanding_fen == fold.outstanding_fen && owed.late_fee_fen == fold.late_fee_fen
           ? "yes"
           : "NO (outstanding or late fee totals differ)");
}

std::string LoadAverage() {
  std::FILE* file = std::fopen("/proc/loadavg", "r");
  if (file == nullptr) return "unknown";
  char text[128] = {};
  const bool read = std::fgets(text, sizeof text, file) != nullptr;
  std::fclose(file);
  std::string line = read ? text : "unknown";
  while (!line.empty() && line.back() == '\n') line.pop_back();
  return absl::StrFormat("%s (%d cpus)", line, std::thread::hardware_concurrency());
}

int64_t DirectoryBytes(const std::string& directory) {
  std::error_code error;
  int64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(directory, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) {
      const auto size = it->file_size(size_error);
      if (!size_error) total += static_cast<int64_t>(size);
    }
  }
  return total;
}

}  // namespace ledger_bench
