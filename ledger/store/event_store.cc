// EventStore::Open on RocksDB: the options we run with (each documented with
// its meaning, crash semantics and default), the column families of keys.h,
// the schema check, and the lock and missing/existing refusals.
#include "ledger/store/event_store.h"

#include <chrono>
#include <thread>

#include <algorithm>
#include <cstdarg>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/anchor.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"

namespace ledger {
namespace store {
namespace {

// Every ledger has these (schema 1 on).
constexpr std::string_view kLedgerFamilies[] = {
    kEventsFamily, kByEmployerFamily, kEventIdsFamily, kRulesFamily,
    kMetaFamily};
// Added by schema 2: absent from a schema-1 ledger until `ledgerctl upgrade`
// creates and fills it; opened whenever present.
constexpr std::string_view kSchema2Families[] = {kReceiptsFamily};

// Discards RocksDB's info log, for readers and the writer alike. A read-only
// open would otherwise rename the writer's LOG to LOG.old.* and start its own
// (RocksDB issue #7966): a reader must leave the ledger directory untouched.
// And on a full disk a failed LOG write trips an assertion that Debian's
// librocksdb keeps live: the writer aborted instead of returning "No space
// left on device". Our own logs (spdlog) say what the ledger did.
class DiscardLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

rocksdb::DBOptions MakeDatabaseOptions(OpenMode mode) {
  rocksdb::DBOptions options;
  const bool create = mode == OpenMode::kCreate;
  // Create the directory and an empty database; only for kCreate.
  // Default: false.
  options.create_if_missing = create;
  // Fail if a database already exists; only for kCreate (Open also checks
  // for CURRENT first, to give a clearer message). Default: false.
  options.error_if_exists = create;
  // Create our column families on kCreate; an existing ledger must already
  // have every one of them. Default: false.
  options.create_missing_column_families = create;
  // Check file checksums at open and refuse the open on damage rather than
  // skipping data. Default: true (set explicitly: the ledger relies on it).
  options.paranoid_checks = true;
  // After a crash, tolerate only an incomplete record at the very end of
  // the WAL — the torn tail of a write that was never acknowledged, since
  // every Append is synced before it returns — and refuse the open on any
  // other damage. kPointInTimeRecovery (the default) would instead stop at
  // the first damaged record and open an earlier ledger without a word,
  // losing acknowledged batches; the anchor (anchor.h) names a loss that
  // this mode cannot see, such as a deleted WAL. Default:
  // kPointInTimeRecovery.
  options.wal_recovery_mode =
      rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  // See DiscardLogger. Default: nullptr (a LOG file in the directory).
  options.info_log = std::make_shared<DiscardLogger>();
  // Flush all column families together, in one MANIFEST edit: a batch spans
  // events, by_employer, event_ids and meta, and a reader opening between two
  // separate family flushes saw events that meta did not count yet.
  // Default: false.
  options.atomic_flush = true;
  if (mode != OpenMode::kReadOnly) {
    // Recover a crashed writer's WAL into the memtable without flushing it
    // and deleting the WAL at open: a reader opening meanwhile would read the
    // old MANIFEST, find the WAL gone and miss committed batches. (The writer
    // flushes at close, so a clean shutdown leaves no WAL to recover.)
    // Default: false.
    options.avoid_flush_during_recovery = true;
  }
  return options;
}

rocksdb::ColumnFamilyOptions MakeFamilyOptions(std::string_view name) {
  rocksdb::ColumnFamilyOptions options;
  if (name == kEventIdsFamily) {
    // A Bloom filter, 10 bits a key (~1% false positives): during an import
    // almost every event_id lookup misses. Default: no filter.
    rocksdb::BlockBasedTableOptions table;
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  }
  return options;
}

// Returns the column families to open: for kCreate the default one plus ours;
// else every family the database has (RocksDB requires all for a writer),
// refusing a database that lacks one of ours.
absl::StatusOr<std::vector<std::string>> FamiliesToOpen(
    const std::string& directory, OpenMode mode,
    const rocksdb::DBOptions& options) {
  std::vector<std::string> names;
  if (mode == OpenMode::kCreate) {
    names.push_back(rocksdb::kDefaultColumnFamilyName);
    for (std::string_view family : kLedgerFamilies) names.emplace_back(family);
    for (std::string_view family : kSchema2Families) names.emplace_back(family);
    return names;
  }
  const rocksdb::Status listed =
      rocksdb::DB::ListColumnFamilies(options, directory, &names);
  if (listed.IsCorruption() || listed.IsIOError()) {
    // CURRENT is there (CheckDirectory): the MANIFEST it names is not.
    return absl::DataLossError(absl::StrFormat(
        "ledger %s cannot be opened: the MANIFEST that CURRENT names is "
        "damaged or missing (%s). Nothing was changed; restore the ledger "
        "from a backup",
        directory, listed.ToString()));
  }
  RETURN_IF_ERROR(FromRocksDb(
      listed,
      absl::StrFormat("listing the column families of ledger %s", directory)));
  std::error_code error;
  const bool anchored =
      std::filesystem::exists(AnchorPath(directory), error) && !error;
  for (std::string_view family : kLedgerFamilies) {
    if (std::find(names.begin(), names.end(), family) != names.end()) continue;
    if (anchored) {
      // A ledger wrote this directory's anchor: its MANIFEST lost the family.
      return absl::DataLossError(absl::StrFormat(
          "ledger %s cannot be opened: its MANIFEST lists no column family "
          "\"%s\" though the directory holds a ledger's ANCHOR, so the "
          "MANIFEST is damaged. Nothing was changed; restore the ledger from "
          "a backup",
          directory, std::string(family)));
    }
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s is not a ledger: it has no column family \"%s\"", directory,
        std::string(family)));
  }
  return names;
}

// Returns NotFound / AlreadyExists when the directory's state forbids `mode`.
absl::Status CheckDirectory(const std::string& directory, OpenMode mode) {
  if (directory.empty()) {
    return absl::InvalidArgumentError("ledger directory is empty");
  }
  std::error_code error;
  const bool exists =
      std::filesystem::exists(std::filesystem::path(directory) / "CURRENT",
                              error);
  if (error) {
    return absl::InternalError(absl::StrFormat(
        "cannot inspect ledger directory %s: %s", directory, error.message()));
  }
  if (mode == OpenMode::kCreate && exists) {
    return absl::AlreadyExistsError(absl::StrFormat(
        "a ledger already exists at %s; refusing to create another", directory));
  }
  if (mode == OpenMode::kCreate) {
    // RocksDB creates only the last path component; make the parents.
    std::filesystem::create_directories(directory, error);
    if (error) {
      return absl::InternalError(absl::StrFormat(
          "cannot create ledger directory %s: %s", directory, error.message()));
    }
  }
  if (mode != OpenMode::kCreate && !exists) {
    return absl::NotFoundError(
        absl::StrFormat("no ledger at %s (no RocksDB CURRENT file); create "
                        "one first", directory));
  }
  return absl::OkStatus();
}

// Read-only opens retried when a writer deleted a file under them.
constexpr int kReadOnlyOpenAttempts = 8;

// Returns true for the error of a file named by the MANIFEST that is gone.
bool IsFileVanished(const rocksdb::Status& status) {
  return (status.IsIOError() || status.IsCorruption() || status.IsPathNotFound()) &&
         status.ToString().find("No such file or directory") != std::string::npos;
}

absl::StatusOr<std::unique_ptr<OpenDatabase>> OpenRocksDb(
    const std::string& directory, OpenMode mode) {
  const rocksdb::DBOptions options = MakeDatabaseOptions(mode);
  ASSIGN_OR_RETURN(std::vector<std::string> names,
                   FamiliesToOpen(directory, mode, options));
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, MakeFamilyOptions(name));
  }
  auto database = std::make_unique<OpenDatabase>();
  database->writable = mode != OpenMode::kReadOnly;
  rocksdb::Status status;
  if (mode == OpenMode::kReadOnly) {
    // A read-only open reads the MANIFEST, then the files it names; a writer
    // opening or flushing meanwhile may delete one of them (RocksDB documents
    // read-only next to a writer as racy). The next MANIFEST is consistent, so
    // a few quick retries close the window without a secondary instance.
    for (int attempt = 1;; ++attempt) {
      status = rocksdb::DB::OpenForReadOnly(options, directory, descriptors,
                                            &database->handles, &database->db);
      if (status.ok() || attempt == kReadOnlyOpenAttempts ||
          !IsFileVanished(status)) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
    }
  } else {
    status = rocksdb::DB::Open(options, directory, descriptors,
                               &database->handles, &database->db);
  }
  // Before the lock check: a LOCK file that cannot be created on a
  // read-only disk is not held by anyone.
  if (IsNotWritable(status)) {
    return absl::PermissionDeniedError(absl::StrFormat(
        "cannot open ledger %s for writing: %s; run as a user who may write "
        "the directory, on a writable disk (queries open it read-only and "
        "still work)",
        directory, status.ToString()));
  }
  if (status.IsCorruption()) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s is damaged and was not opened: %s (a write-ahead log, the "
        "MANIFEST or a table file does not read back as it was written). "
        "Nothing was changed. Restore the ledger from a backup; its ANCHOR "
        "file says what it had acknowledged",
        directory, status.ToString()));
  }
  if (IsLockHeld(status)) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "ledger %s is in use by another writer: its lock file %s/LOCK is "
        "held (%s); open it read-only or stop the other writer",
        directory, directory, status.ToString()));
  }
  RETURN_IF_ERROR(
      FromRocksDb(status, absl::StrFormat("opening ledger %s", directory)));
  for (size_t i = 0; i < descriptors.size(); ++i) {
    const std::string& name = descriptors[i].name;
    rocksdb::ColumnFamilyHandle* handle = database->handles[i];
    if (name == kEventsFamily) database->events = handle;
    if (name == kByEmployerFamily) database->by_employer = handle;
    if (name == kEventIdsFamily) database->event_ids = handle;
    if (name == kRulesFamily) database->rules = handle;
    if (name == kMetaFamily) database->meta = handle;
    if (name == kReceiptsFamily) database->receipts = handle;
  }
  return database;
}

// Writes the `meta` of a new, empty ledger; synced.
absl::Status InitializeMeta(const OpenDatabase& database,
                            const std::string& directory) {
  rocksdb::WriteBatch batch;
  rocksdb::Status status = batch.Put(database.meta, kMetaSchemaVersion,
                                     EncodeU32(kSchemaVersion));
  if (status.ok()) {
    status = batch.Put(database.meta, kMetaLastSequence, EncodeU64(0));
  }
  if (status.ok()) {
    status = batch.Put(database.meta, kMetaLastRecordedAtUs, EncodeI64(0));
  }
  if (status.ok()) {
    status = batch.Put(database.meta, kMetaLogChainHead, ChainStart());
  }
  rocksdb::WriteOptions write_options;
  // Durable before Open returns: a created ledger survives a crash.
  write_options.sync = true;
  if (status.ok()) status = database.db->Write(write_options, &batch);
  return FromRocksDb(status,
                     absl::StrFormat("initializing ledger %s", directory));
}

// Returns the `meta` value `name`, or nullopt when absent.
absl::StatusOr<std::optional<std::string>> GetMeta(
    const OpenDatabase& database, std::string_view name,
    const std::string& directory) {
  std::string value;
  const rocksdb::Status status =
      database.db->Get(rocksdb::ReadOptions(), database.meta, name, &value);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("reading meta \"%s\" of ledger %s",
                              std::string(name), directory)));
  return value;
}

absl::Status DamagedMeta(std::string_view name, const std::string& directory) {
  return absl::DataLossError(
      absl::StrFormat("ledger %s: meta \"%s\" is missing or malformed",
                      directory, std::string(name)));
}


// Checks the schema version and returns the ledger's end, cross-checked
// against the last key of `events` (assert right after read).
absl::StatusOr<LedgerEnd> ReadMeta(const OpenDatabase& database,
                                   const std::string& directory) {
  ASSIGN_OR_RETURN(std::optional<std::string> schema,
                   GetMeta(database, kMetaSchemaVersion, directory));
  if (!schema.has_value()) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s has no schema version: not a ledger, or its creation was "
        "interrupted", directory));
  }
  std::optional<uint32_t> version = DecodeU32(*schema);
  if (!version.has_value()) return DamagedMeta(kMetaSchemaVersion, directory);
  if (*version > kSchemaVersion || *version == 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "ledger %s has schema version %d; this build reads schema version %d "
        "(and older ones): open it with the ledgerctl that wrote it",
        directory, *version, kSchemaVersion));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> sequence,
                   GetMeta(database, kMetaLastSequence, directory));
  ASSIGN_OR_RETURN(std::optional<std::string> recorded_at,
                   GetMeta(database, kMetaLastRecordedAtUs, directory));
  LedgerEnd state;
  state.schema_version = *version;
  std::optional<uint64_t> last_sequence =
      sequence.has_value() ? DecodeU64(*sequence) : std::nullopt;
  if (!last_sequence.has_value()) return DamagedMeta(kMetaLastSequence, directory);
  std::optional<int64_t> last_recorded_at_us =
      recorded_at.has_value() ? DecodeI64(*recorded_at) : std::nullopt;
  if (!last_recorded_at_us.has_value()) {
    return DamagedMeta(kMetaLastRecordedAtUs, directory);
  }
  state.last_sequence = *last_sequence;
  state.last_recorded_at_us = *last_recorded_at_us;
  ASSIGN_OR_RETURN(std::optional<std::string> log_chain_head,
                   GetMeta(database, kMetaLogChainHead, directory));
  if (!log_chain_head.has_value()) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "ledger %s was made before ledgers kept an anchor (its meta has no "
        "log_chain_head): run `ledgerctl anchor --db %s --reset` once to "
        "anchor it", directory, directory));
  }
  if (log_chain_head->size() != kHashBytes) {
    return DamagedMeta(kMetaLogChainHead, directory);
  }
  state.log_chain_head = std::move(*log_chain_head);

  std::unique_ptr<rocksdb::Iterator> last(
      database.db->NewIterator(rocksdb::ReadOptions(), database.events));
  last->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(
      last->status(), absl::StrFormat("reading events of ledger %s", directory)));
  const uint64_t last_key =
      last->Valid() ? DecodeEventKey(last->key().ToStringView()).value_or(0) : 0;
  if (last_key != state.last_sequence) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s: meta says the last sequence is %d but the last event "
        "stored is %d", directory, state.last_sequence, last_key));
  }
  return state;
}

// A writer keeps every index up to date, so it needs the current schema:
// an older ledger is refused with the command that brings it there.
absl::Status CheckWritableSchema(const OpenDatabase& database,
                                 const LedgerEnd& end,
                                 const std::string& directory) {
  if (end.schema_version < kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "ledger %s has schema version %d; this build writes schema version "
        "%d, which adds the tax receipt index. Run `ledgerctl upgrade --db "
        "%s` once: it builds the index from the log and bumps the version in "
        "one step (queries read the ledger meanwhile)",
        directory, end.schema_version, kSchemaVersion, directory));
  }
  if (database.receipts == nullptr) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "ledger %s is at schema version %d but has no column family \"%s\": "
        "run `ledgerctl upgrade --db %s` to rebuild it from the log",
        directory, end.schema_version, std::string(kReceiptsFamily),
        directory));
  }
  return absl::OkStatus();
}

}  // namespace

OpenDatabase::~OpenDatabase() {
  if (db == nullptr) return;
  if (writable) {
    // Flush every family so the next open has no WAL to replay: opens stay
    // fast and a reader never races a writer's recovery. A failure (full
    // disk) loses nothing: every Append was synced to the WAL.
    rocksdb::FlushOptions flush;
    flush.wait = true;
    (void)db->Flush(flush, handles);
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    // Fails only for a null handle; nothing to do about it in a destructor.
    (void)db->DestroyColumnFamilyHandle(handle);
  }
  // Close() reports background errors that deleting would swallow; there is
  // no caller to report them to here, and every Append is already synced.
  (void)db->Close();
  delete db;
}

// Opens the database; a reader whose store ends before `at_least_sequence`
// (what the anchor it read first acknowledged) opens again a few times.
// A writer flushing at close (or recovering at open) moves the WAL's
// batches into table files and deletes the WAL; a read-only open that read
// the MANIFEST before the move and lists the WALs after it sees neither, so
// it would miss acknowledged batches. The next open sees the new MANIFEST.
absl::StatusOr<std::unique_ptr<OpenDatabase>> OpenRocksDbAtLeast(
    const std::string& directory, OpenMode mode, uint64_t at_least_sequence) {
  for (int attempt = 1;; ++attempt) {
    ASSIGN_OR_RETURN(std::unique_ptr<OpenDatabase> database,
                     OpenRocksDb(directory, mode));
    if (mode != OpenMode::kReadOnly || at_least_sequence == 0 ||
        attempt == kReadOnlyOpenAttempts) {
      return database;
    }
    std::string value;
    const rocksdb::Status status = database->db->Get(
        rocksdb::ReadOptions(), database->meta, kMetaLastSequence, &value);
    const std::optional<uint64_t> last_sequence =
        status.ok() ? DecodeU64(value) : std::nullopt;
    // A meta that cannot be read is for the caller to report.
    if (!last_sequence.has_value() || *last_sequence >= at_least_sequence) {
      return database;
    }
    database.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

absl::StatusOr<std::unique_ptr<OpenDatabase>> OpenLedgerDatabase(
    const std::string& directory, OpenMode mode, uint64_t at_least_sequence) {
  RETURN_IF_ERROR(CheckDirectory(directory, mode));
  return OpenRocksDbAtLeast(directory, mode, at_least_sequence);
}

absl::StatusOr<std::optional<Anchor>> ReadLedgerAnchor(
    const std::string& directory) {
  return ReadAnchorFile(AnchorPath(directory));
}

absl::StatusOr<LedgerEnd> ReadLedgerEnd(const OpenDatabase& database,
                                        const std::string& directory) {
  ASSIGN_OR_RETURN(LedgerEnd end, ReadMeta(database, directory));
  ASSIGN_OR_RETURN(const RulesDigest rules, ReadRulesDigest(database, directory));
  end.rules_versions = rules.versions;
  end.rules_chain_head = rules.chain_head;
  return end;
}

absl::StatusOr<std::unique_ptr<EventStore>> OpenRocksDbEventStore(
    const std::string& directory, OpenMode mode) {
  RETURN_IF_ERROR(CheckDirectory(directory, mode));
  // The anchor is read before the database: a writer moves it only after
  // its write is durable, so the store opened next holds at least as much
  // as this anchor acknowledged, even with a writer running.
  std::optional<Anchor> anchor;
  if (mode != OpenMode::kCreate) {
    ASSIGN_OR_RETURN(anchor, ReadLedgerAnchor(directory));
  }
  ASSIGN_OR_RETURN(
      std::unique_ptr<OpenDatabase> database,
      OpenRocksDbAtLeast(directory, mode,
                         anchor.has_value() ? anchor->sequence : 0));
  if (mode == OpenMode::kCreate) {
    RETURN_IF_ERROR(InitializeMeta(*database, directory));
  }
  ASSIGN_OR_RETURN(LedgerEnd end, ReadLedgerEnd(*database, directory));
  if (mode != OpenMode::kReadOnly) {
    RETURN_IF_ERROR(CheckWritableSchema(*database, end, directory));
  }
  if (mode == OpenMode::kCreate) {
    RETURN_IF_ERROR(WriteAnchorFile(directory, end.AsAnchor()));
  } else if (!anchor.has_value()) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s has no anchor file %s, so nothing says what it "
        "acknowledged: restore the file from a copy kept elsewhere (then run "
        "`ledgerctl verify`), or, if the ledger was made before anchors, run "
        "`ledgerctl anchor --db %s --reset` once",
        directory, AnchorPath(directory), directory));
  } else {
    RETURN_IF_ERROR(
        CheckAgainstAnchor(end.AsAnchor(), *anchor, directory, AnchorPath(directory)));
    if (mode == OpenMode::kReadWrite && AheadOfAnchor(end.AsAnchor(), *anchor)) {
      // A write landed but its process died before acknowledging it.
      RETURN_IF_ERROR(WriteAnchorFile(directory, end.AsAnchor()));
    }
  }
  return std::make_unique<RocksDbEventStore>(
      directory, mode == OpenMode::kReadOnly, std::move(database),
      std::move(end));
}

}  // namespace store

absl::StatusOr<std::unique_ptr<EventStore>> EventStore::Open(
    const std::string& directory, OpenMode mode) {
  return store::OpenRocksDbEventStore(directory, mode);
}

}  // namespace ledger
