// RocksDbEventStore::Append: a batch of events becomes one synced WriteBatch
// or nothing. Checks run in the order of event_store.h's contract: input
// shape, then per event: event_id idempotency (ledger, then earlier in the
// batch), recorded_at monotonicity, sequence and per-employer stream and
// chain assignment. Nothing touches the database until every event passed.
#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/receipts.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"
#include "ledger/store/same_event.h"
#include "ledger/check.h"
#include "rocksdb/write_batch.h"

namespace ledger::store {
namespace {

// "2022-11-15T00:00:00+08:00 (1668441600000000 us)".
std::string DescribeInstant(int64_t instant_us) {
  return absl::StrFormat("%s (%d us)", FormatTimestamp(FromMicros(instant_us)),
                         instant_us);
}

// "event 3 of the batch (event_id "zy-0003")".
std::string DescribeEvent(size_t index, const v1::Event& event) {
  return absl::StrFormat("event %d of the batch (event_id \"%s\")", index + 1,
                         event.event_id());
}

// Returns InvalidArgument for input Append never accepts.
absl::Status CheckInput(const std::vector<v1::Event>& events) {
  if (events.size() > kMaxEventsPerAppend) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "a batch of %d events exceeds the limit of %d events per append",
        events.size(), kMaxEventsPerAppend));
  }
  for (size_t i = 0; i < events.size(); ++i) {
    const v1::Event& event = events[i];
    std::string_view problem;
    if (event.sequence() != 0) problem = "sequence must be 0 before append";
    if (event.event_id().empty()) problem = "event_id is empty";
    if (event.event_id().size() > kMaxEventIdBytes) problem = "event_id too long";
    if (event.employer_id().empty()) problem = "employer_id is empty";
    if (event.employer_id().size() > kMaxEmployerIdBytes) {
      problem = "employer_id too long";
    }
    if (event.employer_id().find('\0') != std::string::npos) {
      problem = "employer_id contains a 0x00 byte";
    }
    const std::string_view receipt = TaxReceiptOf(event);
    if (receipt.size() > kMaxReceiptBytes ||
        receipt.find('\0') != std::string_view::npos) {
      problem = "tax_receipt_no too long or contains a 0x00 byte";
    }
    if (!problem.empty()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: %s", DescribeEvent(i, event), std::string(problem)));
    }
  }
  return absl::OkStatus();
}

// One employer's stream as the batch leaves it.
struct StreamTail {
  uint32_t last_stream_sequence = 0;  // 0: no events yet
  std::string chain;                  // chain value after the last event
};

// An event_id already in the ledger or assigned earlier in this batch.
struct KnownId {
  uint64_t sequence = 0;
  std::string content_hash;
  bool in_batch = false;
  int64_t recorded_at_us = 0;  // set when in_batch; else read on demand
};

// Builds the WriteBatch of one Append. Reads the database, never writes it.
class BatchBuilder {
 public:
  BatchBuilder(const OpenDatabase& database, const LedgerEnd& end,
               int64_t now_us)
      : database_(database),
        last_sequence_(end.last_sequence),
        last_recorded_at_us_(end.last_recorded_at_us),
        log_chain_head_(end.log_chain_head),
        now_us_(now_us) {}

  // Counts `event` (batch position `index`) as a duplicate or adds it.
  [[nodiscard]] absl::Status Add(v1::Event& event, size_t index);
  // Adds the `meta` updates, and `run` completed when given (event_store.h,
  // AppendReconcileRun) as run number `run_number`; call once, after the
  // last Add.
  [[nodiscard]] absl::Status Finish(v1::ReconcileRun* run, uint32_t run_number);

  rocksdb::WriteBatch& batch() { return batch_; }
  const AppendResult& result() const { return result_; }
  int64_t last_recorded_at_us() const { return last_recorded_at_us_; }
  const std::string& log_chain_head() const { return log_chain_head_; }

 private:
  absl::StatusOr<std::optional<KnownId>> FindKnownId(std::string_view id) const;
  absl::Status CountDuplicate(const v1::Event& event, size_t index,
                              const KnownId& known, std::string_view hash);
  absl::StatusOr<int64_t> StoredRecordedAt(uint64_t sequence) const;
  absl::Status AssignRecordedAt(v1::Event& event, size_t index);
  absl::StatusOr<StreamTail*> Tail(const std::string& employer_id);

  const OpenDatabase& database_;
  uint64_t last_sequence_;
  int64_t last_recorded_at_us_;
  std::string log_chain_head_;  // after the last event added (anchor.h)
  const int64_t now_us_;
  rocksdb::WriteBatch batch_;
  AppendResult result_;
  absl::flat_hash_map<std::string, KnownId> batch_ids_;
  absl::flat_hash_map<std::string, StreamTail> tails_;
};

absl::Status BatchBuilder::Add(v1::Event& event, size_t index) {
  std::string content_hash = EventContentHash(event);
  ASSIGN_OR_RETURN(std::optional<KnownId> known, FindKnownId(event.event_id()));
  if (known.has_value()) {
    return CountDuplicate(event, index, *known, content_hash);
  }
  RETURN_IF_ERROR(AssignRecordedAt(event, index));
  ASSIGN_OR_RETURN(StreamTail * tail, Tail(event.employer_id()));
  if (tail->last_stream_sequence == std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError(absl::StrFormat(
        "%s: employer \"%s\" has reached the limit of %d events",
        DescribeEvent(index, event), event.employer_id(),
        tail->last_stream_sequence));
  }
  const uint64_t sequence = ++last_sequence_;
  const uint32_t stream_sequence = tail->last_stream_sequence + 1;
  event.set_sequence(sequence);
  const std::string event_bytes = SerializeDeterministic(event);
  std::string chain = ChainNext(tail->chain, event_bytes);
  log_chain_head_ = ChainNext(log_chain_head_, event_bytes);

  // Assert right before write: what goes to disk carries its own key.
  LEDGER_CHECK(event.sequence() == sequence && !event_bytes.empty(),
                     "event sequence does not match its key");
  LEDGER_CHECK(event.recorded_at_us() == last_recorded_at_us_,
                     "recorded_at is not the ledger's latest");
  const std::string stream_key =
      EmployerStreamKey(event.employer_id(), stream_sequence);
  LEDGER_CHECK(
      DecodeEmployerStreamKey(stream_key).has_value() &&
          DecodeEmployerStreamKey(stream_key)->stream_sequence ==
              stream_sequence,
      "by_employer key does not round-trip");

  rocksdb::Status status =
      batch_.Put(database_.events, EventKey(sequence), event_bytes);
  if (status.ok()) {
    status = batch_.Put(database_.by_employer, stream_key,
                        EncodeSequenceAndHash(sequence, chain));
  }
  if (status.ok()) {
    status = batch_.Put(database_.event_ids, event.event_id(),
                        EncodeSequenceAndHash(sequence, content_hash));
  }
  if (const std::string_view receipt = TaxReceiptOf(event);
      status.ok() && !receipt.empty()) {
    status = batch_.Put(database_.receipts, ReceiptKey(receipt, sequence), "");
  }
  RETURN_IF_ERROR(FromRocksDb(status, DescribeEvent(index, event)));

  tail->last_stream_sequence = stream_sequence;
  tail->chain = std::move(chain);
  batch_ids_[event.event_id()] = KnownId{sequence, std::move(content_hash),
                                         /*in_batch=*/true,
                                         event.recorded_at_us()};
  if (result_.first_sequence == 0) result_.first_sequence = sequence;
  ++result_.appended;
  return absl::OkStatus();
}

absl::Status BatchBuilder::Finish(v1::ReconcileRun* run, uint32_t run_number) {
  result_.last_sequence = last_sequence_;
  if (run != nullptr) {
    LEDGER_CHECK(run->sha256().size() == kHashBytes, "a run names its file's SHA-256");
    run->set_run(run_number);
    // The run's clock is its events' recorded_at; with none appended, the
    // time the batch would have stamped.
    run->set_applied_at_us(result_.appended > 0
                               ? last_recorded_at_us_
                               : std::max(now_us_, last_recorded_at_us_));
    run->set_first_sequence(result_.first_sequence);
    run->set_last_sequence(last_sequence_);
    run->set_appended(result_.appended);
    RETURN_IF_ERROR(FromRocksDb(
        batch_.Put(database_.meta, ReconcileRunKey(run->sha256(), run_number),
                   SerializeDeterministic(*run)),
        "adding the reconcile run to the append batch"));
  }
  if (result_.appended == 0) return absl::OkStatus();
  rocksdb::Status status = batch_.Put(database_.meta, kMetaLastSequence,
                                      EncodeU64(last_sequence_));
  if (status.ok()) {
    status = batch_.Put(database_.meta, kMetaLastRecordedAtUs,
                        EncodeI64(last_recorded_at_us_));
  }
  if (status.ok()) {
    status = batch_.Put(database_.meta, kMetaLogChainHead, log_chain_head_);
  }
  return FromRocksDb(status, "adding meta to the append batch");
}

absl::StatusOr<std::optional<KnownId>> BatchBuilder::FindKnownId(
    std::string_view id) const {
  // Debian's Abseil has its own string_view: convert for the heterogeneous
  // lookup instead of allocating a std::string.
  if (auto it = batch_ids_.find(absl::string_view(id.data(), id.size()));
      it != batch_ids_.end()) {
    return it->second;
  }
  std::string value;
  const rocksdb::Status status = database_.db->Get(
      rocksdb::ReadOptions(), database_.event_ids, id, &value);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("looking up event_id \"%s\"", std::string(id))));
  std::optional<SequenceAndHash> decoded = DecodeSequenceAndHash(value);
  if (!decoded.has_value() || decoded->sequence > last_sequence_) {
    return absl::DataLossError(absl::StrFormat(
        "event_ids entry for \"%s\" is malformed", std::string(id)));
  }
  return KnownId{decoded->sequence, std::move(decoded->hash),
                 /*in_batch=*/false, /*recorded_at_us=*/0};
}

absl::Status BatchBuilder::CountDuplicate(const v1::Event& event, size_t index,
                                          const KnownId& known,
                                          std::string_view hash) {
  const std::string where =
      known.in_batch
          ? absl::StrFormat("earlier in this batch as sequence %d",
                            known.sequence)
          : absl::StrFormat("in the ledger as sequence %d", known.sequence);
  // The stored recorded_at matters only when the newcomer gives one.
  int64_t stored_us = known.recorded_at_us;
  if (event.recorded_at_given() && !known.in_batch) {
    ASSIGN_OR_RETURN(stored_us, StoredRecordedAt(known.sequence));
  }
  switch (CompareRepeat(known.content_hash, stored_us, event, hash)) {
    case Repeat::kSame:
      break;
    case Repeat::kOtherContent:
      return absl::AlreadyExistsError(absl::StrFormat(
          "%s, which would be sequence %d: event_id \"%s\" is already recorded "
          "%s with different content",
          DescribeEvent(index, event), last_sequence_ + 1, event.event_id(),
          where));
    case Repeat::kOtherRecordedAt:
      return absl::AlreadyExistsError(absl::StrFormat(
          "%s, which would be sequence %d: event_id \"%s\" is already "
          "recorded %s with recorded_at %s, not %s",
          DescribeEvent(index, event), last_sequence_ + 1, event.event_id(),
          where, DescribeInstant(stored_us),
          DescribeInstant(event.recorded_at_us())));
  }
  ++result_.duplicates;
  return absl::OkStatus();
}

absl::StatusOr<int64_t> BatchBuilder::StoredRecordedAt(
    uint64_t sequence) const {
  std::string bytes;
  RETURN_IF_ERROR(FromRocksDb(
      database_.db->Get(rocksdb::ReadOptions(), database_.events,
                        EventKey(sequence), &bytes),
      absl::StrFormat("reading event at sequence %d", sequence)));
  v1::Event stored;
  if (!stored.ParseFromString(bytes) || stored.sequence() != sequence) {
    return absl::DataLossError(
        absl::StrFormat("event at sequence %d does not decode", sequence));
  }
  return stored.recorded_at_us();
}

absl::Status BatchBuilder::AssignRecordedAt(v1::Event& event, size_t index) {
  if (!event.recorded_at_given()) {
    event.set_recorded_at_us(std::max(now_us_, last_recorded_at_us_));
  } else if (event.recorded_at_us() < last_recorded_at_us_) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: recorded_at %s is earlier than the latest recorded_at in the "
        "ledger or batch, %s; history must be imported in order",
        DescribeEvent(index, event), DescribeInstant(event.recorded_at_us()),
        DescribeInstant(last_recorded_at_us_)));
  }
  last_recorded_at_us_ = event.recorded_at_us();
  return absl::OkStatus();
}

absl::StatusOr<StreamTail*> BatchBuilder::Tail(const std::string& employer_id) {
  if (auto it = tails_.find(employer_id); it != tails_.end()) {
    return &it->second;
  }
  StreamTail tail{0, ChainStart()};
  const std::string prefix = EmployerPrefix(employer_id);
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.by_employer));
  it->SeekForPrev(EmployerStreamKey(employer_id,
                                    std::numeric_limits<uint32_t>::max()));
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading the stream of employer \"%s\"",
                                    employer_id)));
  if (it->Valid() && it->key().starts_with(prefix)) {
    std::optional<EmployerStreamKeyParts> key =
        DecodeEmployerStreamKey(it->key().ToStringView());
    std::optional<SequenceAndHash> value =
        DecodeSequenceAndHash(it->value().ToStringView());
    if (!key.has_value() || !value.has_value() ||
        key->employer_id != employer_id) {
      return absl::DataLossError(absl::StrFormat(
          "by_employer entry of employer \"%s\" is malformed", employer_id));
    }
    tail.last_stream_sequence = key->stream_sequence;
    tail.chain = std::move(value->hash);
  }
  return &tails_.emplace(employer_id, std::move(tail)).first->second;
}

}  // namespace

absl::Status RocksDbEventStore::Acknowledge(std::string_view what) {
  const absl::Status written = WriteAnchorFile(directory_, end_.AsAnchor());
  if (written.ok()) return written;
  return absl::Status(
      written.code(),
      absl::StrFormat("%s landed in ledger %s, but its anchor could not be "
                      "updated (%s); the next open of the ledger updates it",
                      std::string(what), directory_, written.message()));
}

absl::StatusOr<AppendResult> RocksDbEventStore::Append(
    std::vector<v1::Event> events, int64_t now_us) {
  return AppendBatch(std::move(events), now_us, nullptr);
}

absl::StatusOr<AppendResult> RocksDbEventStore::AppendReconcileRun(
    std::vector<v1::Event> events, int64_t now_us, v1::ReconcileRun run) {
  return AppendBatch(std::move(events), now_us, &run);
}

absl::StatusOr<AppendResult> RocksDbEventStore::AppendBatch(
    std::vector<v1::Event> events, int64_t now_us, v1::ReconcileRun* run) {
  RETURN_IF_ERROR(CheckWritable("append"));
  RETURN_IF_ERROR(CheckInput(events));
  uint32_t run_number = 0;
  if (run != nullptr) {
    if (run->sha256().size() != kHashBytes) {
      return absl::InvalidArgumentError("a reconcile run must name its file's SHA-256");
    }
    ASSIGN_OR_RETURN(const std::vector<v1::ReconcileRun> earlier,
                     ReconcileRuns(run->sha256()));
    run_number = static_cast<uint32_t>(earlier.size()) + 1;
  }
  BatchBuilder builder(*database_, end_, now_us);
  for (size_t i = 0; i < events.size(); ++i) {
    RETURN_IF_ERROR(builder.Add(events[i], i));
  }
  RETURN_IF_ERROR(builder.Finish(run, run_number));
  const AppendResult& result = builder.result();
  // All duplicates and no run to record: write nothing.
  if (result.appended == 0 && run == nullptr) return result;

  rocksdb::WriteOptions write_options;
  // The WAL is fsynced before Write returns: an acknowledged append survives
  // a machine crash, and the batch lands whole or not at all.
  write_options.sync = true;
  RETURN_IF_ERROR(FromRocksDb(
      database_->db->Write(write_options, &builder.batch()),
      absl::StrFormat("appending %d events to ledger %s", result.appended,
                      directory_)));
  if (result.appended == 0) return result;  // only the run's record
  LEDGER_CHECK(result.last_sequence > end_.last_sequence,
               "append did not advance the sequence");
  end_.last_sequence = result.last_sequence;
  end_.last_recorded_at_us = builder.last_recorded_at_us();
  end_.log_chain_head = builder.log_chain_head();
  RETURN_IF_ERROR(Acknowledge(absl::StrFormat(
      "events %d..%d", result.first_sequence, result.last_sequence)));
  return result;
}

}  // namespace ledger::store
