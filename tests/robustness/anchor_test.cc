// An acknowledged fact is never lost or bent without an alarm (issue 16):
// damage to the write-ahead log after an acknowledged but unflushed append,
// an ldb-style rewrite of a rule set, a truncated suffix with meta rewound,
// a directory rolled back to an older copy, damage to any table file, a
// damaged or missing anchor, and an `init` killed at random points. Each
// case builds its ledger with the real ledgerctl and, where a process must
// die before its close-time flush, the append_unflushed helper.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "ledger/store/anchor.h"
#include "ledger/store/event_store.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/verify.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "tests/robustness/child_process.h"
#include "tests/robustness/history_file.h"
#include "tests/robustness/ledger_checks.h"

namespace ledger::robustness {
namespace {

namespace fs = std::filesystem;
using ::ledger::store::Anchor;

fs::path Scratch(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / absl::StrFormat("anchor_%s_%d", name, ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

RunResult Ledgerctl(const std::vector<std::string>& args, const fs::path& scratch, const std::string& tag) {
  std::vector<std::string> argv = {LEDGERCTL_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProgram(argv, scratch, tag);
}

// A ledger holding file 1 (20 employers, 500 events, flushed at close) and
// file 2 (40 employers, 1 000 events) appended by a process that died right
// after the append was acknowledged: the second batch lives only in the WAL.
struct UnflushedLedger {
  fs::path scratch;
  fs::path db;
};

UnflushedLedger MakeUnflushedLedger(const std::string& name) {
  UnflushedLedger ledger{Scratch(name), {}};
  ledger.db = ledger.scratch / "ledger";
  EXPECT_EQ(InitLedger(ledger.db, ledger.scratch), "");
  const HistoryFile first = WriteHistoryFile(ledger.scratch, 1, 20);
  const HistoryFile second = WriteHistoryFile(ledger.scratch, 2, 40);
  const RunResult imported = Ledgerctl({"import", "--db", ledger.db.string(), first.path.string()},
                                       ledger.scratch, "import1");
  EXPECT_TRUE(imported.status.ExitedWith(0)) << imported.Describe();
  const RunResult appended =
      RunProgram({APPEND_UNFLUSHED_PATH, ledger.db.string(), second.path.string()}, ledger.scratch,
                 "append2");
  EXPECT_TRUE(appended.status.ExitedWith(0)) << appended.Describe();
  EXPECT_EQ(appended.out, "acknowledged 501 1500\n");
  return ledger;
}

// The write-ahead log holding the unflushed batch: the largest *.log.
fs::path LargestWal(const fs::path& db) {
  fs::path largest;
  uintmax_t largest_size = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
    if (entry.path().extension() == ".log" && entry.file_size() > largest_size) {
      largest = entry.path();
      largest_size = entry.file_size();
    }
  }
  return largest;
}

void OverwriteBytes(const fs::path& path, uintmax_t offset, const std::string& bytes) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(file.good()) << path;
  file.seekp(static_cast<std::streamoff>(offset));
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void FlipByte(const fs::path& path, uintmax_t offset) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(file.good()) << path;
  file.seekg(static_cast<std::streamoff>(offset));
  char byte = 0;
  file.read(&byte, 1);
  byte = static_cast<char>(byte ^ 0x40);
  file.seekp(static_cast<std::streamoff>(offset));
  file.write(&byte, 1);
}

// Expects every way of reading the ledger to name a loss, and a new import
// to be refused, so that the loss cannot become permanent.
void ExpectLossNamed(const UnflushedLedger& ledger) {
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite}) {
    absl::StatusOr<std::unique_ptr<EventStore>> store = EventStore::Open(ledger.db.string(), mode);
    ASSERT_FALSE(store.ok()) << "opened at sequence " << (*store)->last_sequence();
    EXPECT_TRUE(absl::IsDataLoss(store.status())) << store.status();
  }
  const RunResult verify = Ledgerctl({"verify", "--db", ledger.db.string()}, ledger.scratch, "verify");
  EXPECT_FALSE(verify.status.ExitedWith(0)) << verify.Describe();
  EXPECT_FALSE(absl::StrContains(verify.out, "no inconsistency")) << verify.Describe();
  const HistoryFile third = WriteHistoryFile(ledger.scratch, 3, 4);
  const RunResult import = Ledgerctl({"import", "--db", ledger.db.string(), third.path.string()},
                                     ledger.scratch, "import3");
  EXPECT_FALSE(import.status.ExitedWith(0)) << import.Describe();
  absl::StatusOr<std::unique_ptr<EventStore>> after = EventStore::Open(ledger.db.string(), OpenMode::kReadOnly);
  EXPECT_FALSE(after.ok()) << "the refused import made the loss permanent";
}

TEST(WalDamage, UndamagedUnflushedAppendIsRecoveredWhole) {
  const UnflushedLedger ledger = MakeUnflushedLedger("intact");
  absl::StatusOr<std::unique_ptr<EventStore>> store = EventStore::Open(ledger.db.string(), OpenMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->last_sequence(), 1500u);
  store->reset();
  EXPECT_EQ(VerifyProblems(ledger.db, ledger.scratch, "verify"), "");
}

TEST(WalDamage, FlippedBitIsNamedAtOpenAndByVerify) {
  const UnflushedLedger ledger = MakeUnflushedLedger("flip");
  const fs::path wal = LargestWal(ledger.db);
  ASSERT_GT(fs::file_size(wal), 4096u);
  FlipByte(wal, fs::file_size(wal) / 2);
  ExpectLossNamed(ledger);
}

TEST(WalDamage, ZeroedBlockIsNamedAtOpenAndByVerify) {
  const UnflushedLedger ledger = MakeUnflushedLedger("zero");
  const fs::path wal = LargestWal(ledger.db);
  ASSERT_GT(fs::file_size(wal), 3u * 4096u);
  OverwriteBytes(wal, fs::file_size(wal) / 2, std::string(4096, '\0'));
  ExpectLossNamed(ledger);
}

TEST(WalDamage, TruncationIsNamedAtOpenAndByVerify) {
  const UnflushedLedger ledger = MakeUnflushedLedger("truncate");
  const fs::path wal = LargestWal(ledger.db);
  fs::resize_file(wal, fs::file_size(wal) / 2);
  ExpectLossNamed(ledger);
}

TEST(WalDamage, DeletedLogIsNamedAtOpenAndByVerify) {
  const UnflushedLedger ledger = MakeUnflushedLedger("delete");
  const fs::path wal = LargestWal(ledger.db);
  ASSERT_FALSE(wal.empty());
  fs::remove(wal);
  ExpectLossNamed(ledger);
}

// A raw RocksDB handle on a closed ledger, as `ldb` would use.
class RawLedger {
 public:
  explicit RawLedger(const fs::path& db) {
    std::vector<std::string> names;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), db.string(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    const rocksdb::Status status =
        rocksdb::DB::Open(rocksdb::DBOptions(), db.string(), descriptors, &handles_, &db_);
    EXPECT_TRUE(status.ok()) << status.ToString();
    for (size_t i = 0; i < names.size(); ++i) by_name_[names[i]] = handles_[i];
  }
  ~RawLedger() {
    for (rocksdb::ColumnFamilyHandle* handle : handles_) (void)db_->DestroyColumnFamilyHandle(handle);
    (void)db_->Close();
    delete db_;
  }
  rocksdb::DB* db() { return db_; }
  rocksdb::ColumnFamilyHandle* family(std::string_view name) { return by_name_.at(std::string(name)); }
  void Write(rocksdb::WriteBatch& batch) {
    rocksdb::WriteOptions options;
    options.sync = true;
    EXPECT_TRUE(db_->Write(options, &batch).ok());
  }

 private:
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name_;
};

// A ledger with files 1 and 2 imported cleanly (1 500 events).
fs::path MakeLedger(const fs::path& scratch) {
  const fs::path db = scratch / "ledger";
  EXPECT_EQ(InitLedger(db, scratch), "");
  for (int number : {1, 2}) {
    const HistoryFile file = WriteHistoryFile(scratch, number, number * 20);
    const RunResult imported =
        Ledgerctl({"import", "--db", db.string(), file.path.string()}, scratch, "import");
    EXPECT_TRUE(imported.status.ExitedWith(0)) << imported.Describe();
  }
  return db;
}

std::string OpenError(const fs::path& db) {
  absl::StatusOr<std::unique_ptr<EventStore>> store = EventStore::Open(db.string(), OpenMode::kReadOnly);
  if (store.ok()) return "";
  EXPECT_TRUE(absl::IsDataLoss(store.status())) << store.status();
  return std::string(store.status().message());
}

TEST(AnchorNames, RateRewrittenInTheRulesFamily) {
  const fs::path scratch = Scratch("rules");
  const fs::path db = MakeLedger(scratch);
  {
    RawLedger raw(db);
    std::string value;
    const std::string key = store::RulesKey(1);
    ASSERT_TRUE(raw.db()->Get(rocksdb::ReadOptions(), raw.family(store::kRulesFamily), key, &value).ok());
    const std::optional<store::RulesValue> decoded = store::DecodeRulesValue(value);
    ASSERT_TRUE(decoded.has_value());
    v1::RuleSet rules;
    ASSERT_TRUE(rules.ParseFromString(std::string(decoded->rules_bytes)));
    ASSERT_EQ(rules.pooling_areas(0).rates(0).employer_rate_bp(), 700);
    rules.mutable_pooling_areas(0)->mutable_rates(0)->set_employer_rate_bp(600);
    rocksdb::WriteBatch batch;
    ASSERT_TRUE(batch.Put(raw.family(store::kRulesFamily), key,
                          store::EncodeRulesValue(decoded->published_at_us,
                                                  store::SerializeDeterministic(rules)))
                    .ok());
    raw.Write(batch);
  }
  EXPECT_TRUE(absl::StrContains(OpenError(db), "a published rule set was rewritten")) << OpenError(db);
  absl::StatusOr<store::VerifyReport> report = store::VerifyLedger(db.string());
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problem->column_family, "anchor");
  EXPECT_TRUE(absl::StrContains(report->problem->message, "rule set was rewritten"));
}

TEST(AnchorNames, LastEventsDeletedAndMetaRewound) {
  const fs::path scratch = Scratch("suffix");
  const fs::path db = MakeLedger(scratch);
  constexpr uint64_t kKept = 1300;
  {
    RawLedger raw(db);
    rocksdb::WriteBatch batch;
    std::string chain = store::ChainStart();
    int64_t kept_recorded_at_us = 0;
    std::unique_ptr<rocksdb::Iterator> events(
        raw.db()->NewIterator(rocksdb::ReadOptions(), raw.family(store::kEventsFamily)));
    for (events->SeekToFirst(); events->Valid(); events->Next()) {
      const uint64_t sequence = *store::DecodeEventKey(events->key().ToStringView());
      v1::Event event;
      ASSERT_TRUE(event.ParseFromString(events->value().ToString()));
      if (sequence <= kKept) {
        chain = store::ChainNext(chain, events->value().ToStringView());
        kept_recorded_at_us = event.recorded_at_us();
        continue;
      }
      ASSERT_TRUE(batch.Delete(raw.family(store::kEventsFamily), events->key()).ok());
      ASSERT_TRUE(batch.Delete(raw.family(store::kEventIdsFamily), event.event_id()).ok());
    }
    std::unique_ptr<rocksdb::Iterator> streams(
        raw.db()->NewIterator(rocksdb::ReadOptions(), raw.family(store::kByEmployerFamily)));
    for (streams->SeekToFirst(); streams->Valid(); streams->Next()) {
      if (store::DecodeSequenceAndHash(streams->value().ToStringView())->sequence > kKept) {
        ASSERT_TRUE(batch.Delete(raw.family(store::kByEmployerFamily), streams->key()).ok());
      }
    }
    rocksdb::ColumnFamilyHandle* meta = raw.family(store::kMetaFamily);
    ASSERT_TRUE(batch.Put(meta, store::kMetaLastSequence, store::EncodeU64(kKept)).ok());
    ASSERT_TRUE(batch.Put(meta, store::kMetaLastRecordedAtUs, store::EncodeI64(kept_recorded_at_us)).ok());
    ASSERT_TRUE(batch.Put(meta, store::kMetaLogChainHead, chain).ok());
    raw.Write(batch);
  }
  EXPECT_TRUE(absl::StrContains(OpenError(db), "holds events up to sequence 1300, but its anchor"))
      << OpenError(db);
  EXPECT_TRUE(absl::StrContains(OpenError(db), "acknowledged sequence 1500")) << OpenError(db);
  const RunResult verify = Ledgerctl({"verify", "--db", db.string()}, scratch, "verify");
  EXPECT_TRUE(verify.status.ExitedWith(1)) << verify.Describe();
  EXPECT_TRUE(absl::StrContains(verify.out, "events 1301..1500")) << verify.Describe();
}

TEST(AnchorNames, DirectoryRolledBackIsNamedByAnAnchorCopy) {
  const fs::path scratch = Scratch("rollback");
  const fs::path db = scratch / "ledger";
  ASSERT_EQ(InitLedger(db, scratch), "");
  const HistoryFile first = WriteHistoryFile(scratch, 1, 20);
  const HistoryFile second = WriteHistoryFile(scratch, 2, 40);
  ASSERT_TRUE(Ledgerctl({"import", "--db", db.string(), first.path.string()}, scratch, "i1").status.ExitedWith(0));
  fs::copy(db, scratch / "backup", fs::copy_options::recursive);
  ASSERT_TRUE(Ledgerctl({"import", "--db", db.string(), second.path.string()}, scratch, "i2").status.ExitedWith(0));
  const RunResult anchor = Ledgerctl({"anchor", "--db", db.string()}, scratch, "anchor");
  ASSERT_TRUE(anchor.status.ExitedWith(0)) << anchor.Describe();
  EXPECT_TRUE(absl::StartsWith(anchor.out, "ledger-anchor 1\nsequence 1500\n")) << anchor.out;
  std::ofstream(scratch / "kept.anchor") << anchor.out;

  fs::remove_all(db);
  fs::copy(scratch / "backup", db, fs::copy_options::recursive);
  // On its own the rolled-back copy is consistent, anchor included...
  EXPECT_EQ(VerifyProblems(db, scratch, "verify-own"), "");
  // ...the anchor kept elsewhere names what it lost.
  const RunResult verify =
      Ledgerctl({"verify", "--db", db.string(), "--anchor", (scratch / "kept.anchor").string()}, scratch, "v");
  EXPECT_TRUE(verify.status.ExitedWith(1)) << verify.Describe();
  EXPECT_TRUE(absl::StrContains(verify.out, "holds events up to sequence 500")) << verify.out;
  EXPECT_TRUE(absl::StrContains(verify.out, "acknowledged sequence 1500")) << verify.out;
}

TEST(AnchorNames, StoreAheadOfItsAnchorIsAnUnacknowledgedWriteAndMovesItUp) {
  // The process died after the WAL sync and before the anchor's rename.
  const fs::path scratch = Scratch("ahead");
  const fs::path db = scratch / "ledger";
  ASSERT_EQ(InitLedger(db, scratch), "");
  const HistoryFile first = WriteHistoryFile(scratch, 1, 20);
  const HistoryFile second = WriteHistoryFile(scratch, 2, 40);
  ASSERT_TRUE(Ledgerctl({"import", "--db", db.string(), first.path.string()}, scratch, "i1").status.ExitedWith(0));
  fs::copy_file(store::AnchorPath(db.string()), scratch / "anchor-500");
  ASSERT_TRUE(Ledgerctl({"import", "--db", db.string(), second.path.string()}, scratch, "i2").status.ExitedWith(0));
  fs::copy_file(scratch / "anchor-500", store::AnchorPath(db.string()), fs::copy_options::overwrite_existing);

  EXPECT_EQ(VerifyProblems(db, scratch, "verify"), "");
  {
    absl::StatusOr<std::unique_ptr<EventStore>> store = EventStore::Open(db.string(), OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status();
  }
  absl::StatusOr<std::optional<Anchor>> anchor = store::ReadAnchorFile(store::AnchorPath(db.string()));
  ASSERT_TRUE(anchor.ok() && anchor->has_value());
  EXPECT_EQ((*anchor)->sequence, 1500u);
}

TEST(AnchorNames, DamagedOrMissingAnchorFileIsNamed) {
  const fs::path scratch = Scratch("file");
  const fs::path db = MakeLedger(scratch);
  const fs::path anchor = store::AnchorPath(db.string());
  fs::copy_file(anchor, scratch / "good.anchor");
  FlipByte(anchor, 26);  // inside "sequence 1500"
  EXPECT_TRUE(absl::StrContains(OpenError(db), "checksum does not match")) << OpenError(db);

  fs::remove(anchor);
  EXPECT_TRUE(absl::StrContains(OpenError(db), "has no anchor file")) << OpenError(db);
  const RunResult verify = Ledgerctl({"verify", "--db", db.string()}, scratch, "verify");
  EXPECT_TRUE(verify.status.ExitedWith(1)) << verify.Describe();
  // The way forward the message gives: re-anchor from the store as it is.
  const RunResult reset = Ledgerctl({"anchor", "--db", db.string(), "--reset"}, scratch, "reset");
  ASSERT_TRUE(reset.status.ExitedWith(0)) << reset.Describe();
  EXPECT_EQ(reset.out, ReadFileText(scratch / "good.anchor"));
  EXPECT_EQ(OpenError(db), "");
}

TEST(VerifyCovers, ABitFlippedInAnyTableFileIsNamed) {
  const fs::path scratch = Scratch("sst");
  const fs::path db = MakeLedger(scratch);
  std::vector<fs::path> tables;
  for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
    if (entry.path().extension() == ".sst") tables.push_back(entry.path().filename());
  }
  // One table file per column family after the clean close: the rules one
  // among them.
  ASSERT_GE(tables.size(), 5u);
  for (const fs::path& table : tables) {
    const fs::path copy = scratch / ("copy-" + table.stem().string());
    fs::copy(db, copy, fs::copy_options::recursive);
    FlipByte(copy / table, fs::file_size(copy / table) / 3);
    absl::StatusOr<store::VerifyReport> report = store::VerifyLedger(copy.string());
    EXPECT_TRUE(!report.ok() || !report->ok()) << table << ": verify found no inconsistency";
  }
}

TEST(VerifyCovers, ADamagedOrMissingManifestIsDataLossNamingIt) {
  const fs::path scratch = Scratch("manifest");
  const fs::path db = MakeLedger(scratch);
  fs::path manifest;
  for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
    if (absl::StartsWith(entry.path().filename().string(), "MANIFEST-")) manifest = entry.path();
  }
  ASSERT_FALSE(manifest.empty());
  // At every byte the damage is named; never "not a ledger".
  const uintmax_t size = fs::file_size(manifest);
  for (uintmax_t offset : {uintmax_t{10}, size / 4, size / 2, size - 10}) {
    const fs::path copy = scratch / absl::StrFormat("copy-%d", offset);
    fs::copy(db, copy, fs::copy_options::recursive);
    FlipByte(copy / manifest.filename(), offset);
    const std::string error = OpenError(copy);
    EXPECT_TRUE(absl::StrContains(error, "MANIFEST")) << "offset " << offset << ": " << error;
    EXPECT_FALSE(absl::StrContains(error, "not a ledger")) << error;
  }
  fs::remove(manifest);
  EXPECT_TRUE(absl::StrContains(OpenError(db), "damaged or missing")) << OpenError(db);
}

TEST(AtomicInit, KilledAtRandomPointsLeavesNothingOrAWholeLedger) {
  const fs::path scratch = Scratch("init");
  // The length of a whole init, to spread the kills over.
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(InitLedger(scratch / "timed", scratch), "");
  const auto length = std::chrono::steady_clock::now() - start;
  std::mt19937_64 random(20221115);
  int absent = 0;
  int whole = 0;
  for (int trial = 0; trial < 20; ++trial) {
    const fs::path db = scratch / absl::StrFormat("ledger-%d", trial);
    std::string error;
    std::optional<Child> child =
        Child::Start({LEDGERCTL_PATH, "init", "--db", db.string(), "--rules", kRulesFile},
                     scratch / "init.out", scratch / "init.err", false, &error);
    ASSERT_TRUE(child.has_value()) << error;
    std::uniform_int_distribution<int64_t> delay_us(
        0, std::chrono::duration_cast<std::chrono::microseconds>(length).count());
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    child->Kill(SIGKILL);
    child->Wait(std::chrono::seconds(30));
    if (!fs::exists(db)) {
      ++absent;
      // Nothing in the way: init again succeeds, and sweeps what the killed
      // one left beside the target.
      ASSERT_EQ(InitLedger(db, scratch), "") << "trial " << trial;
    } else {
      ++whole;
    }
    absl::StatusOr<std::unique_ptr<EventStore>> store = EventStore::Open(db.string(), OpenMode::kReadOnly);
    ASSERT_TRUE(store.ok()) << "trial " << trial << ": " << store.status();
    EXPECT_TRUE((*store)->LatestRules().ok()) << "trial " << trial;
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(scratch)) {
    EXPECT_FALSE(absl::StrContains(entry.path().filename().string(), ".creating-")) << entry.path();
  }
  std::printf("init killed 20 times: %d left nothing, %d a whole ledger\n", absent, whole);
}

}  // namespace
}  // namespace ledger::robustness
