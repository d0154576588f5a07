// RocksDbEventStore: the EventStore of event_store.h on RocksDB. Internal to
// ledger/store/; everyone else codes against EventStore. Layout: keys.h.
//
// The implementation is split by concern:
//   event_store.cc         Open: options, column families, schema, lock
//   event_store_append.cc  Append: idempotency, recorded_at, one WriteBatch
//   event_store_read.cc    ReadEmployer, ForEachEvent, ForEachEmployer, ...
//   event_store_read_into.cc  the same reads onto an arena (EmployerEvents)
//   event_store_rules.cc   PutRules, LatestRules, RulesVersion
// Like EventStore, one instance is used from one thread at a time.
#ifndef LEDGER_STORE_ROCKSDB_EVENT_STORE_H_
#define LEDGER_STORE_ROCKSDB_EVENT_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledger/store/event_store.h"
#include "rocksdb/db.h"

namespace ledger::store {

// The open database and its column family handles. Destroying it releases
// the handles, closes the database and (for a writer) the LOCK file.
struct OpenDatabase {
  OpenDatabase() = default;
  OpenDatabase(const OpenDatabase&) = delete;
  OpenDatabase& operator=(const OpenDatabase&) = delete;
  ~OpenDatabase();

  rocksdb::DB* db = nullptr;                          // owned
  bool writable = false;                              // opened for writing
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // owned, all families
  // Borrowed from `handles`.
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* by_employer = nullptr;
  rocksdb::ColumnFamilyHandle* event_ids = nullptr;
  rocksdb::ColumnFamilyHandle* rules = nullptr;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
};

// Returns the database at `directory` opened in `mode` with every column
// family, after Open's directory checks but without reading `meta`: for
// VerifyLedger (verify.h), which reports a damaged meta instead of refusing
// to open it. Defined in event_store.cc.
[[nodiscard]] absl::StatusOr<std::unique_ptr<OpenDatabase>> OpenLedgerDatabase(
    const std::string& directory, OpenMode mode);

// Returns the store at `directory` opened in `mode`; EventStore::Open's
// contract (event_store.h). Defined in event_store.cc.
[[nodiscard]] absl::StatusOr<std::unique_ptr<EventStore>> OpenRocksDbEventStore(
    const std::string& directory, OpenMode mode);

class RocksDbEventStore final : public EventStore {
 public:
  // Takes an open, schema-checked database whose `meta` says the ledger
  // ends at `last_sequence` / `last_recorded_at_us`.
  RocksDbEventStore(std::string directory, bool read_only,
                    std::unique_ptr<OpenDatabase> database,
                    uint64_t last_sequence, int64_t last_recorded_at_us);

  [[nodiscard]] absl::StatusOr<AppendResult> Append(
      std::vector<v1::Event> events, int64_t now_us) override;

  [[nodiscard]] absl::StatusOr<std::vector<v1::Event>> ReadEmployer(
      std::string_view employer_id) const override;
  [[nodiscard]] absl::Status ForEachEvent(
      const std::function<absl::Status(const v1::Event&)>& visit)
      const override;
  [[nodiscard]] absl::Status ForEachEmployer(
      const std::function<absl::Status(std::string_view employer_id,
                                       std::vector<v1::Event>& events)>& visit)
      const override;
  [[nodiscard]] absl::Status ReadEmployerInto(
      std::string_view employer_id, EmployerEvents& events) const override;
  [[nodiscard]] absl::Status ForEachEmployerEvents(
      const std::function<absl::Status(std::string_view employer_id,
                                       const EmployerEvents& events)>& visit)
      const override;
  [[nodiscard]] absl::StatusOr<std::optional<v1::Event>> FindById(
      std::string_view event_id) const override;
  [[nodiscard]] absl::StatusOr<std::string> EmployerChainHead(
      std::string_view employer_id) const override;

  uint64_t last_sequence() const override { return last_sequence_; }
  int64_t last_recorded_at_us() const override { return last_recorded_at_us_; }

  [[nodiscard]] absl::Status PutRules(const v1::RuleSet& rules,
                                      int64_t published_at_us) override;
  [[nodiscard]] absl::StatusOr<v1::RuleSet> LatestRules() const override;
  [[nodiscard]] absl::StatusOr<v1::RuleSet> RulesVersion(
      uint32_t version) const override;

 private:
  // Returns FailedPrecondition naming the directory when opened read-only.
  [[nodiscard]] absl::Status CheckWritable(std::string_view operation) const;

  // Returns the events at `sequences` (ascending), read through `options`
  // in chunks of MultiGet; checks each decodes and carries its sequence.
  [[nodiscard]] absl::StatusOr<std::vector<v1::Event>> ReadSequences(
      const rocksdb::ReadOptions& options,
      const std::vector<uint64_t>& sequences) const;
  // The same into `events` (not cleared), each checked to belong to
  // `employer_id`.
  [[nodiscard]] absl::Status ReadSequencesInto(
      const rocksdb::ReadOptions& options,
      const std::vector<uint64_t>& sequences, std::string_view employer_id,
      EmployerEvents& events) const;
  // Calls `use(sequence, bytes)` for the stored value of each of
  // `sequences` (ascending), read in chunks of MultiGet; the bytes are
  // pinned only during the call. DataLoss when one is missing.
  [[nodiscard]] absl::Status VisitSequences(
      const rocksdb::ReadOptions& options,
      const std::vector<uint64_t>& sequences,
      const std::function<absl::Status(uint64_t sequence,
                                       std::string_view bytes)>& use) const;
  // Collects one employer's stream (by_employer prefix) into `sequences`.
  [[nodiscard]] absl::Status ScanStream(const rocksdb::ReadOptions& options,
                                        std::string_view employer_id,
                                        std::vector<uint64_t>* sequences) const;

  // Returns the decoded rule set stored under `key` with value `value`.
  [[nodiscard]] absl::StatusOr<v1::RuleSet> DecodeRules(
      std::string_view key, std::string_view value) const;

  const std::string directory_;
  const bool read_only_;
  const std::unique_ptr<OpenDatabase> database_;
  uint64_t last_sequence_;
  int64_t last_recorded_at_us_;
};

}  // namespace ledger::store

#endif  // LEDGER_STORE_ROCKSDB_EVENT_STORE_H_
