// RocksDbEventStore: the EventStore of event_store.h on RocksDB. Internal to
// ledger/store/; everyone else codes against EventStore. Layout: keys.h.
//
// The implementation is split by concern:
//   event_store.cc         Open: options, column families, schema, lock
//   event_store_append.cc  Append: idempotency, recorded_at, one WriteBatch
//   event_store_read.cc    ReadEmployer, ForEachEvent, ForEachEmployer, ...
//   event_store_read_into.cc  the same reads onto an arena (EmployerEvents)
//   event_store_rules.cc   PutRules, LatestRules, RulesVersion, ListRules
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
#include "ledger/store/anchor.h"
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
  // nullptr in a schema-1 ledger that has not been upgraded.
  rocksdb::ColumnFamilyHandle* receipts = nullptr;
};

// Returns the database at `directory` opened in `mode` with every column
// family, after Open's directory checks but without checking `meta`: for
// VerifyLedger (verify.h), which reports a damaged meta instead of refusing
// to open it. A reader whose store ends before `at_least_sequence` (what
// an anchor read before the open acknowledged) retries the open a few
// times: a running writer may have been moving its WAL into table files.
// Defined in event_store.cc.
[[nodiscard]] absl::StatusOr<std::unique_ptr<OpenDatabase>> OpenLedgerDatabase(
    const std::string& directory, OpenMode mode,
    uint64_t at_least_sequence = 0);

// Returns the store at `directory` opened in `mode`; EventStore::Open's
// contract (event_store.h). Defined in event_store.cc.
[[nodiscard]] absl::StatusOr<std::unique_ptr<EventStore>> OpenRocksDbEventStore(
    const std::string& directory, OpenMode mode);

// Where the ledger ends: its `meta` and the digest of its rule sets.
struct LedgerEnd {
  uint32_t schema_version = 0;  // meta's; <= kSchemaVersion
  uint64_t last_sequence = 0;
  int64_t last_recorded_at_us = 0;
  std::string log_chain_head;    // 32 bytes (anchor.h)
  uint32_t rules_versions = 0;   // entries in `rules`
  std::string rules_chain_head;  // 32 bytes (anchor.h)

  // What an anchor written now would hold.
  Anchor AsAnchor() const {
    return Anchor{last_sequence, log_chain_head, rules_versions,
                  rules_chain_head};
  }
};

// Returns the count and chain head of the `rules` entries (anchor.h), read
// in version order. Defined in event_store_rules.cc.
struct RulesDigest {
  uint32_t versions = 0;
  std::string chain_head;  // 32 bytes
};
[[nodiscard]] absl::StatusOr<RulesDigest> ReadRulesDigest(
    const OpenDatabase& database, std::string_view directory);
// The next rules chain value after the entry `key` -> `value`.
[[nodiscard]] std::string RulesChainNext(std::string_view previous,
                                         std::string_view key,
                                         std::string_view value);

// Returns the ledger's end from `meta` (schema checked: a newer version is
// refused; an older one is returned in schema_version for the caller to
// refuse or accept) and `rules`. Defined in event_store.cc.
[[nodiscard]] absl::StatusOr<LedgerEnd> ReadLedgerEnd(
    const OpenDatabase& database, const std::string& directory);

class RocksDbEventStore final : public EventStore {
 public:
  // Takes an open, schema-checked and anchor-checked database that ends at
  // `end`.
  RocksDbEventStore(std::string directory, bool read_only,
                    std::unique_ptr<OpenDatabase> database, LedgerEnd end);

  [[nodiscard]] absl::StatusOr<AppendResult> Append(
      std::vector<v1::Event> events, int64_t now_us) override;

  [[nodiscard]] absl::StatusOr<AppendResult> AppendReconcileRun(
      std::vector<v1::Event> events, int64_t now_us,
      v1::ReconcileRun run) override;
  [[nodiscard]] absl::StatusOr<std::vector<v1::ReconcileRun>> ReconcileRuns(
      std::string_view sha256) const override;
  [[nodiscard]] absl::StatusOr<std::vector<uint64_t>> SequencesWithReceipt(
      std::string_view receipt) const override;
  uint32_t schema_version() const override { return end_.schema_version; }

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
  [[nodiscard]] absl::StatusOr<std::optional<v1::Event>> EventAtSequence(
      uint64_t sequence) const override;
  [[nodiscard]] absl::StatusOr<std::string> EmployerChainHead(
      std::string_view employer_id) const override;

  uint64_t last_sequence() const override { return end_.last_sequence; }
  int64_t last_recorded_at_us() const override {
    return end_.last_recorded_at_us;
  }

  [[nodiscard]] absl::Status PutRules(const v1::RuleSet& rules,
                                      int64_t published_at_us,
                                      std::string_view note) override;
  [[nodiscard]] absl::StatusOr<std::vector<PublishedRuleSet>> ListRules()
      const override;
  [[nodiscard]] absl::StatusOr<v1::RuleSet> LatestRules() const override;
  [[nodiscard]] absl::StatusOr<v1::RuleSet> RulesVersion(
      uint32_t version) const override;

 private:
  // Returns FailedPrecondition naming the directory when opened read-only.
  [[nodiscard]] absl::Status CheckWritable(std::string_view operation) const;
  // Append's body; `run`, when given, is completed and written in the
  // same batch (event_store_append.cc).
  [[nodiscard]] absl::StatusOr<AppendResult> AppendBatch(
      std::vector<v1::Event> events, int64_t now_us, v1::ReconcileRun* run);
  // Returns FailedPrecondition naming `ledgerctl upgrade` when the ledger
  // predates schema 2 and so lacks what `what` needs.
  [[nodiscard]] absl::Status CheckSchema2(std::string_view what) const;
  // Rewrites the anchor to end_ after a synced write, naming `what` landed
  // when it cannot (the write stands: the next open moves the anchor up).
  [[nodiscard]] absl::Status Acknowledge(std::string_view what);

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
  LedgerEnd end_;
};

}  // namespace ledger::store

#endif  // LEDGER_STORE_ROCKSDB_EVENT_STORE_H_
