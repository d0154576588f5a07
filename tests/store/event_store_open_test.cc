// Open: create vs existing vs missing, reopen, schema version, the writer's
// lock (in this process and from another process), read-only beside a writer.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "ledger/store/keys.h"
#include "raw_rocksdb.h"
#include "rocksdb/db.h"
#include "store_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr int64_t kNowUs = 1'660'000'000'000'000;

using OpenTest = StoreTest;

TEST_F(OpenTest, CreateRefusesAnExistingLedger) {
  ASSERT_NE(Create(), nullptr);
  auto again = EventStore::Open(directory_, OpenMode::kCreate);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr(directory_));
}

TEST_F(OpenTest, CreateMakesMissingParentDirectories) {
  directory_ = (root_ / "a" / "b" / "ledger").string();
  auto store = Create();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->last_sequence(), 0U);
}

TEST_F(OpenTest, ReadWriteAndReadOnlyRefuseAMissingLedger) {
  for (OpenMode mode : {OpenMode::kReadWrite, OpenMode::kReadOnly}) {
    auto store = EventStore::Open(directory_, mode);
    EXPECT_EQ(store.status().code(), absl::StatusCode::kNotFound);
    EXPECT_THAT(store.status().message(), HasSubstr(directory_));
  }
  EXPECT_FALSE(std::filesystem::exists(directory_));
}

TEST_F(OpenTest, ReopenAfterCloseKeepsEverything) {
  auto store = Create();
  ASSERT_TRUE(store->Append({Registered("r-1", "E1"), Registered("r-2", "E2"),
                             WithRecordedAt(Paid("p-1", "E1", 5), kNowUs + 7)},
                            kNowUs)
                  .ok());
  v1::RuleSet rules;
  rules.set_version(1);
  rules.set_name("甘肃 2022");
  ASSERT_TRUE(store->PutRules(rules, kNowUs).ok());
  const std::string content = LogicalContent(*store);
  store.reset();

  store = Reopen();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(LogicalContent(*store), content);
  EXPECT_EQ(store->last_sequence(), 3U);
  EXPECT_EQ(store->last_recorded_at_us(), kNowUs + 7);
  ASSERT_TRUE(store->LatestRules().ok());
  EXPECT_EQ(store->LatestRules()->name(), "甘肃 2022");
  // The log and the stream continue where they were.
  auto more = store->Append({Paid("p-2", "E1", 6)}, kNowUs);
  ASSERT_TRUE(more.ok()) << more.status();
  EXPECT_EQ(more->first_sequence, 4U);
  auto events = store->ReadEmployer("E1");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3U);
  EXPECT_EQ(events->back().recorded_at_us(), kNowUs + 7);
  // Duplicates are still recognized after a reopen.
  auto again = store->Append({Registered("r-1", "E1")}, kNowUs);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates, 1);
}

// Rewrites meta.schema_version through a raw RocksDB handle.
void WriteSchemaVersion(const std::string& directory, uint32_t version) {
  RawWrite(directory, store::kMetaFamily, std::string(store::kMetaSchemaVersion),
           store::EncodeU32(version));
}

TEST_F(OpenTest, SchemaVersionMismatchIsRefusedNamingBothVersions) {
  ASSERT_NE(Create(), nullptr);
  WriteSchemaVersion(directory_, kSchemaVersion + 1);
  for (OpenMode mode : {OpenMode::kReadWrite, OpenMode::kReadOnly}) {
    auto store = EventStore::Open(directory_, mode);
    EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(store.status().message(),
                AllOf(HasSubstr(directory_),
                      HasSubstr("schema version " +
                                std::to_string(kSchemaVersion + 1)),
                      HasSubstr("schema version " +
                                std::to_string(kSchemaVersion))));
  }
  WriteSchemaVersion(directory_, kSchemaVersion);
  EXPECT_NE(Reopen(), nullptr);
}

TEST_F(OpenTest, PlainRocksDbIsNotALedger) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, directory_, &db).ok());
  delete db;
  auto store = EventStore::Open(directory_, OpenMode::kReadWrite);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(), HasSubstr("not a ledger"));
}

TEST_F(OpenTest, SecondWriterInThisProcessIsRefusedNamingTheLockFile) {
  auto writer = Create();
  auto second = EventStore::Open(directory_, OpenMode::kReadWrite);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(second.status().message(), HasSubstr(directory_ + "/LOCK"));
  writer.reset();
  EXPECT_NE(Reopen(), nullptr);
}

TEST_F(OpenTest, SecondWriterProcessIsRefusedNamingTheLockFile) {
  ASSERT_NE(Create(), nullptr);  // created and closed
  int to_child[2];
  int from_child[2];
  ASSERT_EQ(pipe2(to_child, O_CLOEXEC), 0);
  ASSERT_EQ(pipe2(from_child, O_CLOEXEC), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {  // the child only redirects and execs
    dup2(to_child[0], STDIN_FILENO);
    dup2(from_child[1], STDOUT_FILENO);
    execl(STORE_LOCK_HOLDER, "store_lock_holder", directory_.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  FILE* child_out = fdopen(from_child[0], "r");
  ASSERT_NE(child_out, nullptr);
  char line[512] = {};
  ASSERT_NE(fgets(line, sizeof(line), child_out), nullptr);
  EXPECT_STREQ(line, "locked\n");

  auto second = EventStore::Open(directory_, OpenMode::kReadWrite);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(second.status().message(),
              AllOf(HasSubstr(directory_ + "/LOCK"), HasSubstr("another writer")));
  // Readers are not locked out.
  EXPECT_NE(Reopen(OpenMode::kReadOnly), nullptr);

  close(to_child[1]);  // EOF: the child closes the ledger and exits
  fclose(child_out);
  int wait_status = 0;
  ASSERT_EQ(waitpid(pid, &wait_status, 0), pid);
  EXPECT_TRUE(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0);
  EXPECT_NE(Reopen(), nullptr);
}

TEST_F(OpenTest, ReadOnlyOpenWorksWhileAWriterIsOpen) {
  auto writer = Create();
  ASSERT_TRUE(
      writer->Append({Registered("r-1", "E1"), Paid("p-1", "E1", 1)}, kNowUs)
          .ok());
  auto reader = Reopen(OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->last_sequence(), 2U);
  EXPECT_EQ(LogicalContent(*reader), LogicalContent(*writer));

  // The reader sees the log as of its Open.
  ASSERT_TRUE(writer->Append({Paid("p-2", "E1", 2)}, kNowUs).ok());
  auto events = reader->ReadEmployer("E1");
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2U);

  auto append = reader->Append({Paid("p-3", "E1", 3)}, kNowUs);
  EXPECT_EQ(append.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(append.status().message(), HasSubstr("read-only"));
  v1::RuleSet rules;
  rules.set_version(1);
  EXPECT_EQ(reader->PutRules(rules, kNowUs).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(OpenTest, ReadOnlyOpenLeavesTheDirectoryUntouched) {
  ASSERT_TRUE(Create()->Append({Registered("r-1", "E1")}, kNowUs).ok());
  std::vector<std::string> names_before;
  for (const auto& entry : std::filesystem::directory_iterator(directory_)) {
    names_before.push_back(entry.path().filename().string());
  }
  const auto digest_before = DirectoryDigest(directory_);
  {
    auto reader = Reopen(OpenMode::kReadOnly);
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->last_sequence(), 1U);
  }
  std::vector<std::string> names_after;
  for (const auto& entry : std::filesystem::directory_iterator(directory_)) {
    names_after.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(names_after, ::testing::UnorderedElementsAreArray(names_before));
  EXPECT_EQ(DirectoryDigest(directory_), digest_before);
}

}  // namespace
}  // namespace ledger::testing
