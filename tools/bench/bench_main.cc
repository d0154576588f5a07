// ledger_bench: generates a deterministic synthetic city and times the
// ledger on it: import, owed --all, the pure fold, one employer's latency,
// peak RSS. Plain text on stdout, one figure a line; progress on stderr only
// when it is a terminal. See tools/bench/README.md.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "ledger/dates.h"
#include "ledger/status_macros.h"
#include "tools/bench/bench_fold.h"
#include "tools/bench/bench_reconcile.h"
#include "tools/bench/bench_report.h"
#include "tools/bench/bench_store.h"
#include "tools/bench/report.h"

#ifndef LEDGER_BENCH_DEFAULT_RULES
#define LEDGER_BENCH_DEFAULT_RULES "tests/scenarios/spec_examples/rules-zhangye-jinan.json"
#endif

namespace ledger_bench {
namespace {

constexpr char kUsage[] =
    "usage: ledger_bench [--employers N] [--employees N] [--seed S] [--db DIR]\n"
    "                    [--skip-import] [--write-jsonl PATH] [--rules FILE]\n"
    "                    [--fold-seconds S] [--latency-runs N] [--payments-rows N]\n"
    "                    [--payments-date D] [--write-payments PATH] [--reconcile-only]\n"
    "  --employers N     employers in the city (default 10000)\n"
    "  --employees N     employees at the start (default 20 per employer)\n"
    "  --seed S          the city's seed (default 1)\n"
    "  --db DIR          the ledger directory (default: a temp dir, removed at the end);\n"
    "                    with --skip-import, an existing ledger to query\n"
    "  --skip-import     no import: time the pure fold (and query --db if given)\n"
    "  --write-jsonl P   also write the city: P.jsonl one file, else P/MONTH.jsonl\n"
    "  --rules FILE      rules JSON (default " LEDGER_BENCH_DEFAULT_RULES ")\n"
    "  --fold-seconds S  fold passes until S seconds have passed (default 5)\n"
    "  --latency-runs N  latency samples (default 2000)\n"
    "  --payments-rows N rows of the reconcile bench's payments file (default 1000000;\n"
    "                    0: no reconcile bench)\n"
    "  --payments-date D the file's paid date (default 2023-12-20)\n"
    "  --write-payments P also write the payments file to P and its classes to P.classes\n"
    "  --reconcile-only  import (unless --skip-import) and the reconcile bench, nothing\n"
    "                    else; with --skip-import --db DIR no city is generated\n";

struct Options {
  CityOptions city;
  bool employees_given = false;
  std::string db;
  bool skip_import = false;
  std::string write_jsonl;
  std::string rules = LEDGER_BENCH_DEFAULT_RULES;
  double fold_seconds = 5;  // timing, not money
  int latency_runs = 2000;
  ReconcileBenchOptions reconcile;
  bool reconcile_only = false;
};

absl::StatusOr<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    const bool has_inline = flag.find('=') != std::string::npos;
    if (has_inline) {
      value = flag.substr(flag.find('=') + 1);
      flag = flag.substr(0, flag.find('='));
    }
    if (flag == "--skip-import") {
      options.skip_import = true;
      continue;
    }
    if (flag == "--reconcile-only") {
      options.reconcile_only = true;
      continue;
    }
    if (flag == "--help" || flag == "-h") return absl::CancelledError(kUsage);
    if (!has_inline) {
      if (i + 1 >= argc) return absl::InvalidArgumentError(flag + " needs a value");
      value = argv[++i];
    }
    bool ok = true;
    if (flag == "--employers") {
      ok = absl::SimpleAtoi(value, &options.city.employers) && options.city.employers > 0;
    } else if (flag == "--employees") {
      ok = absl::SimpleAtoi(value, &options.city.employees) && options.city.employees > 0;
      options.employees_given = true;
    } else if (flag == "--seed") {
      ok = absl::SimpleAtoi(value, &options.city.seed);
    } else if (flag == "--db") {
      options.db = value;
    } else if (flag == "--write-jsonl") {
      options.write_jsonl = value;
    } else if (flag == "--rules") {
      options.rules = value;
    } else if (flag == "--fold-seconds") {
      ok = absl::SimpleAtod(value, &options.fold_seconds) && options.fold_seconds >= 0;
    } else if (flag == "--latency-runs") {
      ok = absl::SimpleAtoi(value, &options.latency_runs) && options.latency_runs > 0;
    } else if (flag == "--payments-rows") {
      ok = absl::SimpleAtoi(value, &options.reconcile.payments.rows) &&
           options.reconcile.payments.rows >= 0;
    } else if (flag == "--payments-date") {
      const absl::StatusOr<absl::CivilDay> day = ledger::ParseDate(value);
      ok = day.ok();
      if (ok) options.reconcile.payments.paid_date = *day;
    } else if (flag == "--write-payments") {
      options.reconcile.write_payments = value;
    } else {
      return absl::InvalidArgumentError("unknown option " + flag);
    }
    if (!ok) return absl::InvalidArgumentError(absl::StrFormat("%s: bad value \"%s\"", flag, value));
  }
  if (!options.employees_given) options.city.employees = 20 * options.city.employers;
  options.reconcile.payments.seed = options.city.seed;
  if (options.reconcile_only && options.reconcile.payments.rows == 0) {
    return absl::InvalidArgumentError("--reconcile-only needs --payments-rows > 0");
  }
  if (options.reconcile_only && options.skip_import && options.db.empty()) {
    return absl::InvalidArgumentError("--reconcile-only --skip-import needs --db DIR");
  }
  return options;
}

absl::StatusOr<ledger::Rules> LoadRules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrFormat("%s: cannot read the rules", path));
  std::stringstream text;
  text << in.rdbuf();
  return ledger::Rules::FromJson(text.str(), path);
}

// Progress on stderr, only when it is a terminal, at most ~5 times a second.
Progress TerminalProgress() {
  if (isatty(STDERR_FILENO) == 0) return nullptr;
  return [last = Stopwatch(), shown = false](std::string_view stage, int64_t done,
                                            int64_t total) mutable {
    if (shown && done < total && last.Seconds() < 0.2) return;  // timing, not money
    last = Stopwatch();
    shown = true;
    std::fprintf(stderr, "\r\033[K%.*s %lld/%lld", static_cast<int>(stage.size()),
                 stage.data(), static_cast<long long>(done), static_cast<long long>(total));
    if (done >= total) std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  };
}

// Removes the temp directory it made, whatever happens.
struct TempDir {
  std::string path;
  ~TempDir() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

absl::Status MakeTempDir(TempDir& dir) {
  std::string pattern = (std::filesystem::temp_directory_path() / "ledger_bench.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrFormat("cannot create a temp dir %s", pattern));
  }
  dir.path = pattern;
  return absl::OkStatus();
}

absl::Status Run(const Options& options, const std::string& command) {
  Report report;
  report.Line("command", command);
  report.Line("load_average_start", LoadAverage());
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRules(options.rules));
  report.Line("rules", absl::StrFormat("%s (version %d)", options.rules, rules.version()));
  const Progress progress = TerminalProgress();
  const absl::CivilDay as_of(2023, 12, 31);
  report.Line("as_of", ledger::FormatDate(as_of));
  if (options.reconcile_only && options.skip_import) {
    // The reconcile bench alone, on a ledger imported before: no city in memory.
    ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                     ledger::EventStore::Open(options.db, ledger::OpenMode::kReadOnly));
    ReconcileBenchOptions reconcile = options.reconcile;
    reconcile.db = options.db;
    RETURN_IF_ERROR(BenchReconcile(*store, rules, reconcile, report));
    report.Mib("peak_rss_mib", PeakRssKib() * 1024);
    report.Line("load_average_end", LoadAverage());
    return absl::OkStatus();
  }

  Stopwatch generating;
  ASSIGN_OR_RETURN(const City city, GenerateCity(rules, options.city, progress));
  report.City(options.city, city, generating.Seconds());
  if (!options.write_jsonl.empty()) {
    RETURN_IF_ERROR(WriteJsonl(city, options.write_jsonl));
    report.Line("jsonl_written", options.write_jsonl);
  }
  report.Mib("peak_rss_after_generate_mib", PeakRssKib() * 1024);

  // (c) the pure fold, one core, events in memory.
  FoldFigures fold;
  const int64_t known_at_us = ledger::ToMicros(absl::Now());
  const uint32_t reference = city.reference_employer;
  const std::string& reference_id = city.employer_ids[reference];
  if (!options.reconcile_only) {
    ASSIGN_OR_RETURN(fold, BenchPureFold(rules, city, as_of, options.fold_seconds, 2));
    report.Fold(fold);
    // (d) one employer, 24 months, 50 employees: pure.
    report.ReferenceEmployer(city);
    ASSIGN_OR_RETURN(const Latency pure,
                     BenchPureLatency(rules, reference_id, city.events[reference], as_of,
                                      known_at_us, options.latency_runs));
    report.Latency("latency_pure", pure);
  }

  TempDir temp;
  std::string db = options.db;
  if (options.skip_import && db.empty()) {
    report.Line("store", "skipped (--skip-import without --db)");
  } else {
    if (db.empty()) {
      RETURN_IF_ERROR(MakeTempDir(temp));
      db = temp.path + "/ledger";
    }
    report.Line("db", temp.path.empty() ? db : db + " (temporary, removed at the end)");
    Stopwatch opening;
    ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                     ledger::EventStore::Open(db, options.skip_import
                                                      ? ledger::OpenMode::kReadOnly
                                                      : ledger::OpenMode::kCreate));
    report.Seconds("store_open_seconds", opening.Seconds());
    if (!options.skip_import) {
      // (a) import, month by month.
      RETURN_IF_ERROR(store->PutRules(rules.rule_set(), known_at_us));
      ASSIGN_OR_RETURN(const ImportFigures imported, BenchImport(*store, rules, city, progress));
      report.Import(imported);
    }
    if (!options.reconcile_only) {
      // (b) owed --all, two ways.
      const int64_t query_at_us = ledger::ToMicros(absl::Now());
      ASSIGN_OR_RETURN(const OwedFigures all, BenchOwedAll(*store, rules, as_of, query_at_us));
      report.Owed("owed_all_foreach", all, fold);
      ASSIGN_OR_RETURN(const OwedFigures by_read, BenchOwedByRead(*store, rules, city.employer_ids,
                                                                  as_of, query_at_us));
      report.Owed("owed_all_read", by_read, fold);
      // (d) the same employer, from the store.
      ASSIGN_OR_RETURN(const Latency stored,
                       BenchStoreLatency(*store, rules, reference_id, as_of, query_at_us,
                                         options.latency_runs));
      report.Latency("latency_store", stored);
      // (f) issue 13: defer auto (R14) and report monthly (R13), from the store;
      // last, as the real automatic run appends its grants.
      RETURN_IF_ERROR(BenchReports(*store, rules, absl::CivilDay(2022, 7, 20),
                                   absl::CivilMonth(2022, 9), !options.skip_import, report));
    }
    // (g) issue 10: reconcile a payments file with every class, dry and
    // applied (on a copy unless the ledger is this run's temporary one); the
    // file is made from the ledger as it is now, after (f)'s grants.
    if (options.reconcile.payments.rows > 0) {
      ReconcileBenchOptions reconcile = options.reconcile;
      reconcile.db = db;
      reconcile.apply_in_place = !temp.path.empty();
      RETURN_IF_ERROR(BenchReconcile(*store, rules, reconcile, report));
    }
    Stopwatch closing;
    store.reset();
    report.Seconds("store_close_seconds", closing.Seconds());
    report.Mib("db_size_mib", DirectoryBytes(db));
    if (!options.skip_import) {  // what every later command pays to open it
      Stopwatch reopening;
      ASSIGN_OR_RETURN(store, ledger::EventStore::Open(db, ledger::OpenMode::kReadOnly));
      report.Seconds("store_reopen_read_only_seconds", reopening.Seconds());
    }
  }
  // (e)
  report.Mib("peak_rss_mib", PeakRssKib() * 1024);
  report.Line("load_average_end", LoadAverage());
  return absl::OkStatus();
}

}  // namespace
}  // namespace ledger_bench

int main(int argc, char** argv) {
  std::vector<std::string> words(argv, argv + argc);
  const std::string command = absl::StrJoin(words, " ");
  absl::StatusOr<ledger_bench::Options> options = ledger_bench::ParseOptions(argc, argv);
  if (!options.ok()) {
    if (absl::IsCancelled(options.status())) {
      std::fputs(ledger_bench::kUsage, stdout);
      return 0;
    }
    std::fprintf(stderr, "ledger_bench: %s\n%s", std::string(options.status().message()).c_str(),
                 ledger_bench::kUsage);
    return 2;
  }
  if (absl::Status status = ledger_bench::Run(*options, command); !status.ok()) {
    std::fprintf(stderr, "ledger_bench: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
