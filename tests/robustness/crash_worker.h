// The crash-safety harness's worker: runs `ledgerctl import` of two
// generated files in a child process, SIGKILLs it at a seeded random moment,
// then reopens the ledger and checks that nothing half-happened:
//   - every file an import reported as imported (it printed its summary,
//     in this or an earlier trial) is fully present;
//   - the file being imported when the kill landed is fully present or
//     fully absent (its events are counted by id); nothing after it started;
//   - sequences run 1..last without a gap, no event id twice, and
//     `ledgerctl verify` passes; `ledgerctl events` agrees for the file's
//     first employer.
// Absent files are imported again in the next trial. Every few trials the
// worker starts a fresh ledger (so `verify` stays fast), after checking that
// `owed --all` lists every employer and that re-importing a file is a no-op.
//
// Kill moments, three kinds: early (the first 50 ms: open, WAL recovery),
// uniform over the calibrated length of the whole import, and "WAL growth"
// (the moment the ledger's new write-ahead log reaches a random size: during
// the append itself, where a torn batch would show).
//
// A worker owns its directory and is used from one thread.
#ifndef LEDGER_TESTS_ROBUSTNESS_CRASH_WORKER_H_
#define LEDGER_TESTS_ROBUSTNESS_CRASH_WORKER_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "tests/robustness/history_file.h"

namespace ledger::robustness {

struct CrashConfig {
  int trials = 200;  // over all workers (CI runs 60: tools/test.sh)
  uint64_t seed = 20221115;
  int workers = 2;            // parallel workers, each with its own ledgers
  int trials_per_ledger = 2;  // then a fresh ledger
  int files_per_import = 2;
  int employers_min = 40;              // per file: 1 000 events
  int employers_max = 120;             // per file: 3 000 events (~0.6 MB of WAL)
  std::chrono::seconds deadline{200};  // stop starting trials after this

  // Reads LEDGER_CRASH_{TRIALS,SEED,WORKERS,TRIALS_PER_LEDGER,
  // MIN_EMPLOYERS,MAX_EMPLOYERS,DEADLINE_S} over the defaults.
  static CrashConfig FromEnvironment();
};

enum class KillMode { kEarly, kUniform, kWalGrowth };
inline constexpr int kKillModes = 3;
const char* KillModeName(KillMode mode);

struct CrashTally {
  int trials = 0;
  int killed = 0;                     // the kill landed while the import ran
  int finished_before_kill = 0;       // the import ended (exit 0) first
  int found_complete = 0;             // killed; the file in flight was all there
  int found_absent = 0;               // killed; the file in flight was not there
  int killed_after_all_reported = 0;  // killed after every summary was printed
  int torn_wal_tails = 0;             // found absent though the WAL held part of it
  int killed_by_mode[kKillModes] = {};
  int64_t events_appended = 0;  // events that landed, over all trials
  int ledgers = 0;
  std::vector<std::string> failures;

  void Merge(const CrashTally& other);
};

class CrashWorker {
 public:
  CrashWorker(int index, const CrashConfig& config, std::filesystem::path directory,
              std::chrono::steady_clock::time_point deadline);
  // Runs `trials` trials (fewer when the deadline passes).
  void Run(int trials);
  const CrashTally& tally() const { return tally_; }

 private:
  struct Outcome {
    bool killed = false;
    std::string status;  // "exit 0" / "killed by signal 9"
    std::string out;
    std::string err;
    int64_t wal_bytes = 0;  // in the WAL the import started, after it ended
  };

  bool StartLedger();
  void FinishLedger();
  bool Calibrate();
  void Trial(int trial);
  std::vector<HistoryFile> TakeFiles();
  Outcome RunImport(const std::vector<HistoryFile>& files, KillMode mode, int64_t parameter);
  int64_t NewWalBytes() const;
  void CheckAfter(const std::vector<HistoryFile>& files, const Outcome& outcome,
                  const std::string& context);
  void Fail(const std::string& context, const std::string& what);
  std::vector<std::string> ImportArgs(const std::vector<HistoryFile>& files) const;

  int index_;
  CrashConfig config_;
  std::filesystem::path directory_;
  std::filesystem::path scratch_;
  std::filesystem::path db_;
  std::chrono::steady_clock::time_point deadline_;
  std::mt19937_64 random_;
  bool verify_available_ = false;
  int next_file_number_ = 0;
  int ledger_trials_ = 0;
  double microseconds_per_event_ = 0;
  std::vector<std::string> old_wal_names_;
  std::deque<HistoryFile> pending_;   // generated, not yet in the ledger
  std::vector<HistoryFile> present_;  // fully in the current ledger
  CrashTally tally_;
};

}  // namespace ledger::robustness

#endif  // LEDGER_TESTS_ROBUSTNESS_CRASH_WORKER_H_
