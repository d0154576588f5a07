// The ledger's append-only log of events, on RocksDB.
//
// One EventStore owns one ledger directory. Opened for writing, it holds
// RocksDB's LOCK file, so a second writer process is refused; opened
// read-only, it sees the log as of Open(). An EventStore may be used from one
// thread at a time. No RocksDB type appears in this header.
//
// Column families and key encodings are documented in ledger/store/keys.h.
#ifndef LEDGER_STORE_EVENT_STORE_H_
#define LEDGER_STORE_EVENT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledger/store/employer_events.h"
#include "ledger/store/pass_observer.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/reconcile.pb.h"
#include "ledger/v1/rules.pb.h"

namespace ledger {

// Layout version written to `meta` at creation and checked at every open
// (keys.h has the layout):
//   1  events, by_employer, event_ids, rules, meta
//   2  + `receipts` (the tax receipt index) and meta's reconcile_run/ records
// A ledger of an older version opens read-only (a lookup that needs what it
// lacks says to upgrade) and is refused for writing with a message naming
// `ledgerctl upgrade --db DIR` (ledger/store/upgrade.h), which rebuilds the
// derived families from the log and bumps the version in one synced batch.
// A newer version is refused outright. `ledgerctl --version` prints it.
inline constexpr uint32_t kSchemaVersion = 2;
// One published rule set as the ledger holds it (EventStore::ListRules).
struct PublishedRuleSet {
  v1::RuleSet rules;
  int64_t published_at_us = 0;
  std::string note;        // the publisher's --note; empty when none was given
  std::string sha256_hex;  // SHA-256 of the canonical bytes: the deterministic
                           // protobuf serialization of `rules`
};

// Put a limit on everything: the largest batch one Append accepts.
inline constexpr size_t kMaxEventsPerAppend = 5'000'000;

enum class OpenMode {
  kCreate,     // a new, empty ledger; refused if the directory holds one
  kReadWrite,  // an existing ledger, single writer
  kReadOnly,   // an existing ledger, read-only (works while a writer runs)
};

struct AppendResult {
  uint64_t first_sequence = 0;  // of the first appended event; 0 if none
  uint64_t last_sequence = 0;   // the ledger's last sequence after the append
  int64_t appended = 0;         // events written
  int64_t duplicates = 0;       // identical events already present: no-ops
};

class EventStore {
 public:
  // Opens the ledger at `directory`. Errors name the directory and what is
  // wrong: missing ledger, schema version mismatch, held lock, I/O failure.
  // Codes: kCreate on an existing ledger -> AlreadyExists; kReadWrite or
  // kReadOnly on a missing one -> NotFound; another schema version or a LOCK
  // held by another writer (the message names the LOCK file) ->
  // FailedPrecondition; damaged layout -> DataLoss. Append and PutRules on a
  // read-only store are FailedPrecondition.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<EventStore>> Open(
      const std::string& directory, OpenMode mode);
  virtual ~EventStore() = default;

  // Appends `events` as one atomic batch: one WriteBatch, WAL synced before
  // return; all land or none does. Each event gets the next global sequence;
  // one with recorded_at_given == false gets recorded_at_us = max(now_us,
  // latest recorded_at in the ledger or earlier in the batch). An event whose
  // event_id is already in the ledger (or earlier in this batch) is a
  // duplicate when its content is identical (same fields apart from
  // sequence, recorded_at_us and recorded_at_given; a given recorded_at must
  // also equal the stored one) and AlreadyExists otherwise, naming the id and
  // both sequences. Duplicates are checked before recorded_at, so
  // re-importing an old file is a no-op. A given
  // recorded_at earlier than the latest one in the ledger or batch is
  // InvalidArgument naming the event. Input events must have sequence 0.
  [[nodiscard]] virtual absl::StatusOr<AppendResult> Append(
      std::vector<v1::Event> events, int64_t now_us) = 0;

  // Append, plus the record of the reconcile run the events come from,
  // in the same synced batch: the caller fills `run`'s file, sha256 and
  // counts; the store numbers the run (1 + the runs of that sha256 so far)
  // and sets applied_at_us (the batch's recorded_at), first_sequence,
  // last_sequence and appended. The record is written even when every event
  // is a duplicate or there are none: the run was applied. Returns the
  // append's result; `run` as stored is then ReconcileRuns' last.
  [[nodiscard]] virtual absl::StatusOr<AppendResult> AppendReconcileRun(
      std::vector<v1::Event> /*events*/, int64_t /*now_us*/,
      v1::ReconcileRun /*run*/) {
    return absl::UnimplementedError("AppendReconcileRun");
  }
  // Returns the recorded runs of the file with SHA-256 `sha256` (32 raw
  // bytes), in run order; empty when it was never applied.
  // FailedPrecondition on a ledger of schema 1 (upgrade it).
  [[nodiscard]] virtual absl::StatusOr<std::vector<v1::ReconcileRun>>
  ReconcileRuns(std::string_view /*sha256*/) const {
    return absl::UnimplementedError("ReconcileRuns");
  }
  // Returns the sequences of the payment events that carry `receipt` as
  // their tax_receipt_no, ascending (one prefix scan of `receipts`), whether
  // reversed or not. FailedPrecondition on a ledger of schema 1, naming
  // `ledgerctl upgrade`.
  [[nodiscard]] virtual absl::StatusOr<std::vector<uint64_t>> SequencesWithReceipt(
      std::string_view /*receipt*/) const {
    return absl::UnimplementedError("SequencesWithReceipt");
  }
  // The schema version the ledger is at (kSchemaVersion for any ledger
  // opened for writing; an older one only read-only).
  virtual uint32_t schema_version() const { return kSchemaVersion; }

  // Returns one employer's events in sequence order (one prefix scan);
  // empty when the employer has none.
  [[nodiscard]] virtual absl::StatusOr<std::vector<v1::Event>> ReadEmployer(
      std::string_view employer_id) const = 0;
  // Calls `visit` for every event in sequence order; stops at its first error.
  [[nodiscard]] virtual absl::Status ForEachEvent(
      const std::function<absl::Status(const v1::Event&)>& visit) const = 0;
  // Calls `visit` once per employer, in employer_id byte order, with that
  // employer's events in sequence order; stops at its first error. Holds one
  // employer's events in memory at a time.
  [[nodiscard]] virtual absl::Status ForEachEmployer(
      const std::function<absl::Status(std::string_view employer_id,
                                       std::vector<v1::Event>& events)>& visit)
      const = 0;
  // The same reads into `events` (cleared first), parsed on its arena and
  // reusing its memory: what whole-ledger passes and latency-bound queries
  // use (employer_events.h). The pointers stay valid until `events` is
  // cleared or read into again. The defaults go through the calls above
  // (for test fakes); the RocksDB store parses straight onto the arena.
  [[nodiscard]] virtual absl::Status ReadEmployerInto(
      std::string_view employer_id, EmployerEvents& events) const;
  // ForEachEmployer with one EmployerEvents reused for every employer: the
  // visitor must not keep pointers into it past its return.
  [[nodiscard]] virtual absl::Status ForEachEmployerEvents(
      const std::function<absl::Status(std::string_view employer_id,
                                       const EmployerEvents& events)>& visit)
      const;
  // Returns the event with `event_id`, or nullopt.
  [[nodiscard]] virtual absl::StatusOr<std::optional<v1::Event>> FindById(
      std::string_view event_id) const = 0;
  // Returns the event at `sequence` (1..last_sequence()), or nullopt past
  // the end. (Not pure, so that test fakes need not implement it.)
  [[nodiscard]] virtual absl::StatusOr<std::optional<v1::Event>> EventAtSequence(
      uint64_t /*sequence*/) const {
    return absl::UnimplementedError("EventAtSequence");
  }
  // Returns the head of one employer's hash chain as 64 lowercase hex
  // digits; NotFound if the employer has no events. The chain value after
  // an employer's k-th event is SHA-256(value after event k-1 || that
  // event's stored bytes), starting from 32 zero bytes; the stored bytes are
  // the deterministic serialization of the Event as ReadEmployer returns it
  // (ledger/store/hashing.h: SerializeDeterministic, ChainNext). A `verify`
  // recomputes the chain from ReadEmployer/ForEachEmployer and compares.
  // (Not pure, so that test fakes of EventStore need not implement it.)
  [[nodiscard]] virtual absl::StatusOr<std::string> EmployerChainHead(
      std::string_view /*employer_id*/) const {
    return absl::UnimplementedError("EmployerChainHead");
  }

  // The latest sequence and recorded_at in the ledger (0 when empty).
  virtual uint64_t last_sequence() const = 0;
  virtual int64_t last_recorded_at_us() const = 0;

  // Publishes a rule set under its `version`; versions only go up. Version 0
  // is InvalidArgument; a version below the latest is FailedPrecondition;
  // re-publishing a stored version is a no-op when the rule set is identical
  // (published_at_us and note then ignored) and AlreadyExists otherwise.
  // The rule set, its `note` and the SHA-256 of its canonical bytes land in
  // one synced batch.
  [[nodiscard]] virtual absl::Status PutRules(const v1::RuleSet& rules,
                                              int64_t published_at_us,
                                              std::string_view note = {}) = 0;
  // Returns every published rule set in version order (empty when none),
  // with its publication record. A ledger written before notes were kept
  // reads back with an empty note and the hash computed from the stored
  // bytes; a stored hash that does not match them is DataLoss.
  [[nodiscard]] virtual absl::StatusOr<std::vector<PublishedRuleSet>>
  ListRules() const = 0;
  // Returns the rule set with the highest version; NotFound if none.
  [[nodiscard]] virtual absl::StatusOr<v1::RuleSet> LatestRules() const = 0;
  // Returns the rule set published as `version`; NotFound if none.
  [[nodiscard]] virtual absl::StatusOr<v1::RuleSet> RulesVersion(
      uint32_t version) const = 0;

  // Sets who watches the whole-ledger passes (nullptr: nobody, the
  // default); the observer must outlive its use here.
  void set_pass_observer(PassObserver* observer) { pass_observer_ = observer; }
  PassObserver* pass_observer() const { return pass_observer_; }

 private:
  PassObserver* pass_observer_ = nullptr;
};

}  // namespace ledger

#endif  // LEDGER_STORE_EVENT_STORE_H_
