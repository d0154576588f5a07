// Storage faults, on a real 2 MiB tmpfs: a ledger on a read-only filesystem
// and on a full one. A writer must fail with a clear error (exit 3, the
// message says what failed) and leave the ledger as it was: byte for byte on
// the read-only filesystem; on the full one, a copy of the ledger still
// verifies and holds exactly the events it held before (no partial batch).
// Mounting needs root: otherwise every case is skipped, saying why.
#include <errno.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "tests/robustness/child_process.h"
#include "tests/robustness/history_file.h"
#include "tests/robustness/ledger_checks.h"

namespace ledger::robustness {
namespace {

constexpr char kTmpfsOptions[] = "size=2m";

// Returns every file under `directory` (relative path -> contents).
std::map<std::string, std::string> Snapshot(const std::filesystem::path& directory) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    files[std::filesystem::relative(entry.path(), directory).string()] = ReadFileText(entry.path());
  }
  return files;
}

// Returns the names of files added, removed or changed between two snapshots.
std::string Differences(const std::map<std::string, std::string>& before,
                        const std::map<std::string, std::string>& after) {
  std::string differences;
  for (const auto& [name, contents] : before) {
    auto found = after.find(name);
    if (found == after.end())
      absl::StrAppendFormat(&differences, " removed:%s", name);
    else if (found->second != contents)
      absl::StrAppendFormat(&differences, " changed:%s", name);
  }
  for (const auto& [name, contents] : after) {
    if (!before.contains(name)) absl::StrAppendFormat(&differences, " added:%s", name);
  }
  return differences;
}

class StorageFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) {
      GTEST_SKIP() << "mounting a tmpfs needs root; running as uid " << geteuid();
    }
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "ledger-storage.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    scratch_ = pattern;
    mount_point_ = scratch_ / "mnt";
    std::filesystem::create_directories(mount_point_);
    if (mount("tmpfs", mount_point_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, kTmpfsOptions) != 0) {
      GTEST_SKIP() << "cannot mount a tmpfs on " << mount_point_ << ": " << strerror(errno);
    }
    mounted_ = true;
    db_ = mount_point_ / "ledger";
    ASSERT_EQ(InitLedger(db_, scratch_), "");
    base_ = WriteHistoryFile(scratch_, 1, 20);  // 500 events
    const RunResult imported = Import(base_, "import-base");
    ASSERT_TRUE(imported.status.ExitedWith(0)) << imported.Describe();
  }

  void TearDown() override {
    if (mounted_ && umount2(mount_point_.c_str(), MNT_DETACH) != 0) {
      ADD_FAILURE() << "cannot unmount " << mount_point_ << ": " << strerror(errno);
    }
    std::error_code ignored;
    if (!scratch_.empty() && !HasFailure()) std::filesystem::remove_all(scratch_, ignored);
  }

  RunResult Import(const HistoryFile& file, const std::string& tag) {
    return RunProgram(
        {kLedgerctl, "import", "--db", db_.string(), "--format", "json", file.path.string()},
        scratch_, tag);
  }

  void RemountReadOnly() {
    ASSERT_EQ(mount("tmpfs", mount_point_.c_str(), "tmpfs",
                    MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, kTmpfsOptions),
              0)
        << strerror(errno);
  }

  // Fills the filesystem until `leave_bytes` are free (0: completely full).
  void Fill(uint64_t leave_bytes) {
    struct statvfs stats = {};
    ASSERT_EQ(statvfs(mount_point_.c_str(), &stats), 0) << strerror(errno);
    const uint64_t free_bytes = uint64_t{stats.f_bavail} * stats.f_frsize;
    uint64_t left = free_bytes > leave_bytes ? free_bytes - leave_bytes : 0;
    std::ofstream filler(mount_point_ / "filler", std::ios::binary);
    const std::string block(4096, '\0');
    while (filler && (leave_bytes == 0 || left >= block.size())) {
      filler.write(block.data(), static_cast<std::streamsize>(block.size()));
      filler.flush();  // a full filesystem fails the write here; then we stop
      left = left >= block.size() ? left - block.size() : 0;
    }
  }

  // Checks that the ledger at `db` holds the base file's events and nothing
  // of `refused`, through the store and through the CLI.
  void ExpectOnlyBase(const std::filesystem::path& db, const HistoryFile& refused) {
    const LedgerContents contents = ScanLedger(db);
    EXPECT_EQ(contents.error, "");
    EXPECT_TRUE(contents.problems.empty()) << contents.problems.front();
    EXPECT_EQ(static_cast<int64_t>(contents.events), base_.events());
    EXPECT_EQ(EventsOfFile(contents, refused.number), 0) << "PARTIAL BATCH";
    if (VerifyAvailable(scratch_)) {
      EXPECT_EQ(VerifyProblems(db, scratch_, "verify"), "");
    }
    std::string problem;
    auto sequences = EmployerSequences(db, refused.EmployerId(0), scratch_, "events", &problem);
    EXPECT_TRUE(sequences && sequences->empty()) << problem;
  }

  // A full filesystem: the import fails with exit 3 and a message naming the
  // cause; a copy of the ledger holds exactly what it held; once space is
  // freed the ledger opens, verifies and takes the same file.
  void FullFilesystemCase(uint64_t leave_bytes, int refused_employers) {
    const HistoryFile refused = WriteHistoryFile(scratch_, 2, refused_employers);
    Fill(leave_bytes);
    const RunResult import = Import(refused, "import-full");
    EXPECT_TRUE(import.status.ExitedWith(3))
        << "a full filesystem must be a storage error (exit 3) with a message, not a "
           "crash: "
        << import.Describe();
    EXPECT_NE(import.err.find("No space left"), std::string::npos) << import.Describe();

    const std::filesystem::path copy = scratch_ / "copy";
    std::filesystem::copy(db_, copy, std::filesystem::copy_options::recursive);
    ExpectOnlyBase(copy, refused);

    std::filesystem::remove(mount_point_ / "filler");
    ExpectOnlyBase(db_, refused);
    const RunResult again = Import(refused, "import-after");
    EXPECT_TRUE(again.status.ExitedWith(0)) << again.Describe();
    EXPECT_EQ(static_cast<int64_t>(ScanLedger(db_).events), base_.events() + refused.events());
  }

  std::filesystem::path scratch_;
  std::filesystem::path mount_point_;
  std::filesystem::path db_;
  bool mounted_ = false;
  HistoryFile base_;
};

TEST_F(StorageFaults, ImportOnAReadOnlyFilesystemFailsAndChangesNothing) {
  const HistoryFile refused = WriteHistoryFile(scratch_, 2, 10);
  RemountReadOnly();
  const std::map<std::string, std::string> before = Snapshot(db_);

  const RunResult import = Import(refused, "import-ro");
  EXPECT_TRUE(import.status.ExitedWith(3)) << import.Describe();
  EXPECT_NE(import.err.find("Read-only file system"), std::string::npos) << import.Describe();
  EXPECT_NE(import.err.find(db_.string()), std::string::npos) << import.Describe();
  // Said as what it is, not as a lock held by another writer.
  EXPECT_NE(import.err.find("cannot open ledger " + db_.string() + " for writing"), std::string::npos)
      << import.Describe();
  EXPECT_EQ(import.err.find("another writer"), std::string::npos) << import.Describe();

  const RunResult init = RunProgram(
      {kLedgerctl, "init", "--db", (mount_point_ / "other").string(), "--rules", kRulesFile},
      scratch_, "init-ro");
  EXPECT_TRUE(init.status.ExitedWith(3)) << init.Describe();
  EXPECT_NE(init.err.find("Read-only file system"), std::string::npos) << init.Describe();

  EXPECT_EQ(Differences(before, Snapshot(db_)), "");
}

TEST_F(StorageFaults, QueriesWorkOnAReadOnlyFilesystem) {
  RemountReadOnly();
  const std::map<std::string, std::string> before = Snapshot(db_);
  std::string problem;
  auto sequences = EmployerSequences(db_, base_.EmployerId(0), scratch_, "events", &problem);
  ASSERT_TRUE(sequences.has_value()) << problem;
  EXPECT_EQ(static_cast<int64_t>(sequences->size()), kEventsPerEmployer);
  EXPECT_EQ(OwedEmployerCount(db_, scratch_, "owed", &problem), base_.employers) << problem;
  if (VerifyAvailable(scratch_)) {
    EXPECT_EQ(VerifyProblems(db_, scratch_, "verify"), "");
  }
  EXPECT_EQ(Differences(before, Snapshot(db_)), "");
}

// Room to open the ledger but not for the batch (~500 KB of WAL); once the
// filler is gone the same batch fits in the 2 MiB.
TEST_F(StorageFaults, ImportOnAFullFilesystemFailsDuringTheAppend) {
  FullFilesystemCase(/*leave_bytes=*/300 * 1024, /*refused_employers=*/100);
}

// No room at all: the open itself cannot write.
TEST_F(StorageFaults, ImportOnAFullFilesystemFailsAtOpen) {
  FullFilesystemCase(/*leave_bytes=*/0, /*refused_employers=*/10);
}

}  // namespace
}  // namespace ledger::robustness
