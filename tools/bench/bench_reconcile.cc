// See bench_reconcile.h.
#include "tools/bench/bench_reconcile.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "ledger/dates.h"
#include "ledger/reconcile/reconcile.h"
#include "ledger/status_macros.h"
#include "tools/bench/bench_util.h"

namespace ledger_bench {
namespace {

using ledger::PaymentClass;

// Resets the kernel's peak-RSS mark to the current RSS (Linux >= 4.0), so
// that the next VmHWM is the peak of what runs after: the reconcile's own,
// not the city generator's.
void ResetPeakRss() {
  if (std::FILE* refs = std::fopen("/proc/self/clear_refs", "w")) {
    std::fputs("5", refs);
    std::fclose(refs);
  }
}

// Returns a "VmHWM:" or "VmRSS:" figure of /proc/self/status in bytes (0
// when it cannot be read).
int64_t StatusBytes(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) {
      return std::atoll(line.c_str() + std::char_traits<char>::length(field)) * 1024;
    }
  }
  return 0;
}

struct Run {
  ledger::ReconcileReport report;
  double seconds = 0;      // timing, not money
  double cpu_seconds = 0;  // timing, not money
  int64_t rss_before_bytes = 0;
  int64_t peak_rss_bytes = 0;
};

absl::StatusOr<Run> Time(ledger::EventStore& store, const ledger::Rules& rules,
                         const std::string& csv, bool apply) {
  Run run;
  run.rss_before_bytes = StatusBytes("VmRSS:");
  ResetPeakRss();
  Stopwatch wall;
  CpuStopwatch cpu(/*whole_process=*/true);
  ASSIGN_OR_RETURN(run.report,
                   ledger::Reconcile(store, rules, "bench-payments.csv", csv,
                                     {.apply = apply, .now_us = ledger::ToMicros(absl::Now())}));
  run.seconds = wall.Seconds();
  run.cpu_seconds = cpu.Seconds();
  run.peak_rss_bytes = StatusBytes("VmHWM:");
  return run;
}

void Figures(const std::string& prefix, const Run& run, Report& report) {
  report.Seconds(prefix + "_seconds", run.seconds);
  report.Seconds(prefix + "_cpu_seconds", run.cpu_seconds);
  report.Rate(prefix + "_rows_per_s", run.report.rows, run.seconds);
  report.Rate(prefix + "_rows_per_cpu_s", run.report.rows, run.cpu_seconds);
  report.Mib(prefix + "_rss_before_mib", run.rss_before_bytes);
  report.Mib(prefix + "_peak_rss_mib", run.peak_rss_bytes);
  report.Line(prefix + "_tie_out", run.report.tie_out_ok ? "holds" : "FAILS");
}

// Returns the number of rows whose class is not `expected`'s, reporting
// the first few on stderr.
int64_t Mismatches(const std::string& what, const ledger::ReconcileReport& found,
                   const std::vector<PaymentClass>& expected) {
  int64_t mismatches = 0;
  for (size_t i = 0; i < found.details.size() && i < expected.size(); ++i) {
    const ledger::ReconciledRow& row = found.details[i];
    if (row.payment_class == expected[i]) continue;
    if (++mismatches <= 10) {
      std::fprintf(stderr, "%s: line %lld (%s): injected %s, found %s: %s\n", what.c_str(),
                   static_cast<long long>(row.line), row.payment_id.c_str(),
                   std::string(ledger::PaymentClassName(expected[i])).c_str(),
                   std::string(ledger::PaymentClassName(row.payment_class)).c_str(),
                   row.message.c_str());
    }
  }
  if (found.details.size() != expected.size()) ++mismatches;
  return mismatches;
}

absl::Status WritePayments(const PaymentsFile& file, const std::string& path) {
  std::ofstream(path, std::ios::binary) << file.csv;
  std::ofstream classes(path + ".classes", std::ios::binary);
  for (const PaymentClass expected : file.expected) {
    classes << ledger::PaymentClassName(expected) << "\n";
  }
  if (!classes) return absl::InternalError(absl::StrFormat("cannot write %s.classes", path));
  return absl::OkStatus();
}

}  // namespace

absl::Status BenchReconcile(ledger::EventStore& store, const ledger::Rules& rules,
                            const ReconcileBenchOptions& options, Report& report) {
  Stopwatch generating;
  ASSIGN_OR_RETURN(const PaymentsFile file, GeneratePayments(store, rules, options.payments));
  report.Seconds("payments_generate_seconds", generating.Seconds());
  report.Count("payments_rows", static_cast<int64_t>(file.expected.size()));
  report.Count("payments_employers", file.employers);
  report.Line("payments_paid_date", ledger::FormatDate(options.payments.paid_date));
  report.Mib("payments_file_mib", static_cast<int64_t>(file.csv.size()));
  if (!options.write_payments.empty()) {
    RETURN_IF_ERROR(WritePayments(file, options.write_payments));
    report.Line("payments_written", options.write_payments);
  }

  ASSIGN_OR_RETURN(const Run dry, Time(store, rules, file.csv, /*apply=*/false));
  Figures("reconcile_dry_run", dry, report);

  // --apply on the ledger itself when it is this run's, else on a copy.
  std::unique_ptr<ledger::EventStore> copy;
  std::string copy_dir;
  ledger::EventStore* target = &store;
  if (!options.apply_in_place) {
    copy_dir = options.db + ".reconcile-copy";
    std::error_code error;
    std::filesystem::remove_all(copy_dir, error);
    Stopwatch copying;
    std::filesystem::copy(options.db, copy_dir, std::filesystem::copy_options::recursive, error);
    if (error) {
      return absl::InternalError(absl::StrFormat("cannot copy %s: %s", options.db, error.message()));
    }
    std::filesystem::remove(std::filesystem::path(copy_dir) / "LOCK", error);
    report.Seconds("reconcile_ledger_copy_seconds", copying.Seconds());
    ASSIGN_OR_RETURN(copy, ledger::EventStore::Open(copy_dir, ledger::OpenMode::kReadWrite));
    target = copy.get();
  }
  ASSIGN_OR_RETURN(const Run applied, Time(*target, rules, file.csv, /*apply=*/true));
  Figures("reconcile_apply", applied, report);
  report.Count("reconcile_apply_appended",
               applied.report.applied
                   ? static_cast<int64_t>(applied.report.last_sequence -
                                          applied.report.first_sequence + 1)
                   : 0);
  copy.reset();
  if (!copy_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(copy_dir, ignored);
  }

  // Injected vs found, per class, for both runs.
  report.Line("reconcile_classes", "injected / dry run / apply");
  int64_t written_expected = 0;
  for (size_t c = 0; c < ledger::kPaymentClasses; ++c) {
    const auto payment_class = static_cast<PaymentClass>(c);
    report.Line(absl::StrCat("  ", std::string(ledger::PaymentClassName(payment_class))),
                absl::StrFormat("%d / %d / %d%s", file.injected[c], dry.report.classes[c].rows,
                                applied.report.classes[c].rows,
                                file.injected[c] == dry.report.classes[c].rows &&
                                        file.injected[c] == applied.report.classes[c].rows
                                    ? ""
                                    : "   DIFFERENT"));
    if (ledger::IsWritten(payment_class)) written_expected += file.injected[c];
  }
  const int64_t dry_mismatches = Mismatches("dry run", dry.report, file.expected);
  const int64_t applied_mismatches = Mismatches("apply", applied.report, file.expected);
  report.Count("reconcile_rows_not_as_injected_dry_run", dry_mismatches);
  report.Count("reconcile_rows_not_as_injected_apply", applied_mismatches);
  const bool appended_all =
      applied.report.applied
          ? static_cast<int64_t>(applied.report.last_sequence - applied.report.first_sequence +
                                 1) == written_expected
          : written_expected == 0;
  if (dry_mismatches > 0 || applied_mismatches > 0 || !dry.report.tie_out_ok ||
      !applied.report.tie_out_ok || !appended_all) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "reconcile found %d (dry run) and %d (apply) rows not in their injected class; tie-out "
        "%s / %s; appended every written row: %s",
        dry_mismatches, applied_mismatches, dry.report.tie_out_ok ? "holds" : "FAILS",
        applied.report.tie_out_ok ? "holds" : "FAILS", appended_all ? "yes" : "NO"));
  }
  return absl::OkStatus();
}

}  // namespace ledger_bench
