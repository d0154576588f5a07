// One writer, many readers, with real processes: a second process that opens
// the ledger for writing is refused with an error naming the LOCK (exit 3),
// and queries (`events`, `owed`, `verify`), which open the ledger read-only,
// work while another process imports. RocksDB documents OpenForReadOnly next
// to a live writer as racy: a reader failure here is reported with its full
// stderr, never retried away.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "tests/robustness/child_process.h"
#include "tests/robustness/history_file.h"
#include "tests/robustness/ledger_checks.h"

namespace ledger::robustness {
namespace {

using std::chrono::milliseconds;

// Returns the pid holding a write lock on `lock_file`, or 0 when none does.
pid_t LockHolder(const std::filesystem::path& lock_file) {
  const int fd = open(lock_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  struct flock probe = {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  const int got = fcntl(fd, F_GETLK, &probe);
  close(fd);  // we hold no lock on it, so closing releases nothing
  return got == 0 && probe.l_type != F_UNLCK ? probe.l_pid : 0;
}

// Waits until `predicate` holds or `limit` passes; returns whether it held.
template <typename Predicate>
bool WaitUntil(Predicate predicate, milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

class OneWriterManyReaders : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "ledger-concurrency.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    scratch_ = pattern;
    db_ = scratch_ / "ledger";
    ASSERT_EQ(InitLedger(db_, scratch_), "");
    base_ = WriteHistoryFile(scratch_, 1, 40);
    const RunResult imported = Import({base_});
    ASSERT_TRUE(imported.status.ExitedWith(0)) << imported.Describe();
  }
  void TearDown() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(scratch_, ignored);
  }

  RunResult Import(const std::vector<HistoryFile>& files, const std::string& tag = "import") {
    std::vector<std::string> args = {kLedgerctl,   "import",   "--db",
                                     db_.string(), "--format", "json"};
    for (const HistoryFile& file : files) args.push_back(file.path.string());
    return RunProgram(args, scratch_, tag);
  }

  // Returns how many events the first employer of `file` has, per the CLI.
  int64_t FirstEmployerEvents(const HistoryFile& file, const std::string& tag) {
    std::string problem;
    auto sequences = EmployerSequences(db_, file.EmployerId(0), scratch_, tag, &problem);
    EXPECT_TRUE(sequences.has_value()) << problem;
    return sequences ? static_cast<int64_t>(sequences->size()) : -1;
  }

  void ExpectRefusedForTheLock(const RunResult& second) {
    EXPECT_TRUE(second.status.ExitedWith(3)) << second.Describe();
    EXPECT_NE(second.err.find("LOCK"), std::string::npos) << second.Describe();
    EXPECT_NE(second.err.find("another"), std::string::npos) << second.Describe();
  }

  std::filesystem::path scratch_;
  std::filesystem::path db_;
  HistoryFile base_;
};

TEST_F(OneWriterManyReaders, SecondWriterIsRefusedWhileAHelperHoldsTheLock) {
  std::string error;
  std::optional<Child> holder = Child::Start({HOLD_WRITER_PATH, db_.string()},
                                             scratch_ / "holder.out", scratch_ / "holder.err",
                                             /*stdin_pipe=*/true, &error);
  ASSERT_TRUE(holder.has_value()) << error;
  ASSERT_TRUE(
      WaitUntil([&] { return holder->ReadOut().starts_with("ready"); }, milliseconds(30'000)))
      << "hold_writer never got ready: " << holder->ReadErr();
  EXPECT_EQ(LockHolder(db_ / "LOCK"), holder->pid());

  const HistoryFile refused = WriteHistoryFile(scratch_, 2, 10);
  ExpectRefusedForTheLock(Import({refused}, "second-writer"));

  // Readers are not writers: they work next to the held lock.
  EXPECT_EQ(FirstEmployerEvents(base_, "events-base"), kEventsPerEmployer);
  EXPECT_EQ(FirstEmployerEvents(refused, "events-refused"), 0);
  std::string problem;
  EXPECT_EQ(OwedEmployerCount(db_, scratch_, "owed", &problem), base_.employers) << problem;
  if (VerifyAvailable(scratch_)) {
    EXPECT_EQ(VerifyProblems(db_, scratch_, "verify"), "");
  }

  holder->CloseStdin();
  EXPECT_TRUE(holder->Wait(milliseconds(30'000)).ExitedWith(0)) << holder->ReadErr();
  const RunResult after = Import({refused}, "after-release");
  EXPECT_TRUE(after.status.ExitedWith(0)) << after.Describe();
  EXPECT_EQ(FirstEmployerEvents(refused, "events-after"), kEventsPerEmployer);
}

TEST_F(OneWriterManyReaders, SecondImportWhileAnImportRunsIsRefused) {
  const HistoryFile big = WriteHistoryFile(scratch_, 2, 600);  // 15 000 events
  const HistoryFile small = WriteHistoryFile(scratch_, 3, 10);
  std::string error;
  std::optional<Child> first = Child::Start(
      {kLedgerctl, "import", "--db", db_.string(), "--format", "json", big.path.string()},
      scratch_ / "first.out", scratch_ / "first.err", false, &error);
  ASSERT_TRUE(first.has_value()) << error;
  const auto holds_lock_or_ended = [&] {
    return LockHolder(db_ / "LOCK") == first->pid() || !first->Running();
  };
  ASSERT_TRUE(WaitUntil(holds_lock_or_ended, milliseconds(30'000)));
  ASSERT_TRUE(first->Running())
      << "the first import ended before the second could start: make its file bigger";

  ExpectRefusedForTheLock(Import({small}, "second-import"));
  EXPECT_TRUE(first->Wait(milliseconds(120'000)).ExitedWith(0)) << first->ReadErr();
  EXPECT_EQ(FirstEmployerEvents(big, "events-big"), kEventsPerEmployer);
  EXPECT_EQ(FirstEmployerEvents(small, "events-small"), 0);
  const LedgerContents contents = ScanLedger(db_);
  EXPECT_EQ(contents.error, "");
  EXPECT_TRUE(contents.problems.empty()) << contents.problems.front();
  EXPECT_EQ(static_cast<int64_t>(contents.events), base_.events() + big.events());
  if (VerifyAvailable(scratch_)) {
    EXPECT_EQ(VerifyProblems(db_, scratch_, "verify"), "");
  }
}

// Returns "" when a reader's view is right: every file imported before this
// import started fully visible, the importing file all there or not at all.
// Query kinds rotate: `events` for the importing file's first employer,
// `events` for the previous file's (acknowledged, so it must be there), and
// `owed --all` (the employers before or after the import, nothing else).
std::string CheckReader(const std::filesystem::path& db, const std::filesystem::path& scratch,
                        int query, const HistoryFile& previous, const HistoryFile& importing,
                        int64_t employers_before, const std::string& tag) {
  std::string problem;
  if (query % 3 == 2) {
    const std::optional<int64_t> count = OwedEmployerCount(db, scratch, tag, &problem);
    if (count && *count != employers_before && *count != employers_before + importing.employers) {
      problem = absl::StrFormat("owed --all lists %d employers; expected %d or %d", *count,
                                employers_before, employers_before + importing.employers);
    }
    return problem;
  }
  const HistoryFile& probe = query % 3 == 1 ? previous : importing;
  auto sequences = EmployerSequences(db, probe.EmployerId(0), scratch, tag, &problem);
  if (!sequences) return problem;
  const int64_t seen = static_cast<int64_t>(sequences->size());
  if (seen == kEventsPerEmployer || (&probe == &importing && seen == 0)) return "";
  return absl::StrFormat(
      "events --employer %s (file %06d, %s) shows %d events; expected %s", probe.EmployerId(0),
      probe.number, &probe == &previous ? "imported before this import started" : "being imported",
      seen, &probe == &previous ? "25" : "0 or 25");
}

// Readers run back to back from the moment each import starts (its open
// recovers the WAL, flushes and deletes files: the racy window for
// OpenForReadOnly) until it ends, at least kReadersPerRound of them. Each
// must succeed and see what was committed. Failures are collected with when
// the reader started relative to the import, then reported together.
TEST_F(OneWriterManyReaders, QueriesWorkWhileImportsRun) {
  constexpr int kRounds = 12;
  constexpr int kReadersPerRound = 6;
  int reader_runs = 0;
  int overlapped = 0;  // the import was still running when the reader ended
  std::vector<std::string> failures;
  int64_t employers = base_.employers;
  HistoryFile previous = base_;
  for (int round = 0; round < kRounds; ++round) {
    const HistoryFile file = WriteHistoryFile(scratch_, 10 + round, 40);  // 1 000 events
    std::string error;
    const auto start = std::chrono::steady_clock::now();
    std::optional<Child> import = Child::Start(
        {kLedgerctl, "import", "--db", db_.string(), "--format", "json", file.path.string()},
        scratch_ / "import.out", scratch_ / "import.err", false, &error);
    ASSERT_TRUE(import.has_value()) << error;
    std::vector<std::string> round_failures;
    for (int query = 0; query < kReadersPerRound || import->Running(); ++query) {
      const auto offset =
          std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
      const std::string problem = CheckReader(db_, scratch_, query, previous, file, employers,
                                              absl::StrFormat("reader-%d-%d", round, query));
      ++reader_runs;
      if (import->Running()) ++overlapped;
      if (!problem.empty()) {
        round_failures.push_back(
            absl::StrFormat("round %d, reader %d started %d ms after the import: %s", round, query,
                            offset.count(), problem));
      }
    }
    EXPECT_TRUE(import->Wait(milliseconds(120'000)).ExitedWith(0))
        << import->status().Describe() << "\n"
        << import->ReadErr();
    const auto ran =
        std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
    for (const std::string& failure : round_failures) {
      failures.push_back(absl::StrFormat("%s (round took %d ms)", failure, ran.count()));
    }
    employers += file.employers;
    previous = file;
  }
  std::printf(
      "concurrency summary: %d reader runs next to %d imports, %d ended while the "
      "import still ran, %zu failed\n",
      reader_runs, kRounds, overlapped, failures.size());
  for (const std::string& failure : failures) {
    ADD_FAILURE() << "a read-only query next to a running import (RocksDB OpenForReadOnly "
                     "racing the writer's recovery and file deletions) failed: "
                  << failure;
  }
  EXPECT_GT(overlapped, 0) << "no reader overlapped an import: the test tests nothing";
  const LedgerContents contents = ScanLedger(db_);
  EXPECT_TRUE(contents.error.empty() && contents.problems.empty())
      << contents.error << (contents.problems.empty() ? "" : contents.problems.front());
  EXPECT_EQ(static_cast<int64_t>(contents.events), employers * kEventsPerEmployer);
}

}  // namespace
}  // namespace ledger::robustness
