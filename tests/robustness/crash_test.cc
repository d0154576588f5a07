// Crash safety: `ledgerctl import` killed with SIGKILL at random moments
// never leaves half a file in the ledger (tests/robustness/crash_worker.h has
// the checks). ctest label `crash`. Knobs (environment): LEDGER_CRASH_TRIALS,
// LEDGER_CRASH_SEED, LEDGER_CRASH_WORKERS, LEDGER_CRASH_TRIALS_PER_LEDGER,
// LEDGER_CRASH_MIN_EMPLOYERS, LEDGER_CRASH_MAX_EMPLOYERS (25 events each),
// LEDGER_CRASH_DEADLINE_S. A failure names the seed, worker and trial; rerun
// with the same seed and worker count to replay the same files and kill plan
// (the kill moments are times, so the outcome may still differ).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "tests/robustness/crash_worker.h"

namespace ledger::robustness {
namespace {

std::filesystem::path MakeRoot() {
  std::string pattern =
      (std::filesystem::path(::testing::TempDir()) / "ledger-crash.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return {};
  return pattern;
}

void PrintSummary(const CrashConfig& config, const CrashTally& tally, double seconds) {
  const std::string summary = absl::StrFormat(
      "crash summary: seed %d, %d workers: trials run %d, killed mid-import %d "
      "(found complete %d [of which after every file was reported %d], found absent %d "
      "[of which with a torn batch in the WAL %d]), "
      "finished before the kill %d, failures %d; kills by moment: early %d, uniform %d, "
      "wal-growth %d; %d events appended over %d ledgers in %.1f s",
      config.seed, config.workers, tally.trials, tally.killed, tally.found_complete,
      tally.killed_after_all_reported, tally.found_absent, tally.torn_wal_tails,
      tally.finished_before_kill, tally.failures.size(), tally.killed_by_mode[0],
      tally.killed_by_mode[1], tally.killed_by_mode[2], tally.events_appended, tally.ledgers,
      seconds);
  std::printf("%s\n", summary.c_str());
  std::fflush(stdout);
  ::testing::Test::RecordProperty("crash_summary", summary);
}

TEST(CrashSafety, KilledImportLeavesEachFileWholeOrAbsent) {
  const CrashConfig config = CrashConfig::FromEnvironment();
  const std::filesystem::path root = MakeRoot();
  ASSERT_FALSE(root.empty()) << "cannot create a scratch directory under " << ::testing::TempDir();
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + config.deadline;

  std::vector<std::unique_ptr<CrashWorker>> workers;
  std::vector<std::thread> threads;
  for (int w = 0; w < config.workers; ++w) {
    const int trials = config.trials / config.workers + (w < config.trials % config.workers);
    workers.push_back(
        std::make_unique<CrashWorker>(w, config, root / absl::StrFormat("worker-%d", w), deadline));
    threads.emplace_back([worker = workers.back().get(), trials] { worker->Run(trials); });
  }
  for (std::thread& thread : threads) thread.join();

  CrashTally total;
  for (const auto& worker : workers) total.Merge(worker->tally());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PrintSummary(config, total, seconds);

  for (const std::string& failure : total.failures) ADD_FAILURE() << failure;
  EXPECT_EQ(total.trials, config.trials)
      << "the deadline (" << config.deadline.count() << " s) stopped the harness early";
  EXPECT_GT(total.killed, 0) << "no kill landed during an import: the harness tests nothing";
  if (total.failures.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(root, ignored);
  } else {
    std::printf("ledgers and files kept under %s\n", root.c_str());
  }
}

}  // namespace
}  // namespace ledger::robustness
