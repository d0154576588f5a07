// RocksDbEventStore reads: one employer's stream (one prefix scan of
// by_employer, then MultiGet of events), the whole log in sequence order,
// every employer in id order, an event by id, a chain head. Everything read
// back is checked against its key (assert right after read); a mismatch is
// DataLoss naming the key, never a silently wrong answer.
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/read_support.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"

namespace ledger::store {
namespace {

// Returns `bytes` decoded, checked to be the event stored at `sequence`.
absl::StatusOr<v1::Event> DecodeEvent(std::string_view bytes,
                                      uint64_t sequence) {
  v1::Event event;
  if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      event.sequence() != sequence || event.event_id().empty()) {
    return absl::DataLossError(absl::StrFormat(
        "event stored at sequence %d does not decode or carries sequence %d",
        sequence, event.sequence()));
  }
  return event;
}

}  // namespace

RocksDbEventStore::RocksDbEventStore(std::string directory, bool read_only,
                                     std::unique_ptr<OpenDatabase> database,
                                     LedgerEnd end)
    : directory_(std::move(directory)),
      read_only_(read_only),
      database_(std::move(database)),
      end_(std::move(end)) {}

absl::Status RocksDbEventStore::CheckWritable(
    std::string_view operation) const {
  if (!read_only_) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrFormat("cannot %s: ledger %s is open read-only",
                      std::string(operation), directory_));
}

absl::StatusOr<std::vector<v1::Event>> RocksDbEventStore::ReadSequences(
    const rocksdb::ReadOptions& options,
    const std::vector<uint64_t>& sequences) const {
  std::vector<v1::Event> events;
  events.reserve(sequences.size());
  RETURN_IF_ERROR(VisitSequences(
      options, sequences,
      [&](uint64_t sequence, std::string_view bytes) -> absl::Status {
        ASSIGN_OR_RETURN(v1::Event event, DecodeEvent(bytes, sequence));
        events.push_back(std::move(event));
        return absl::OkStatus();
      }));
  return events;
}

namespace {

// Returns DataLoss unless every event of `events`, read through
// `employer_id`'s stream, belongs to that employer.
absl::Status CheckOwner(const std::vector<v1::Event>& events, std::string_view employer_id) {
  for (const v1::Event& event : events) {
    if (event.employer_id() != employer_id) {
      return absl::DataLossError(absl::StrFormat(
          "event %d is indexed under employer \"%s\" but belongs to \"%s\"",
          event.sequence(), std::string(employer_id), event.employer_id()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<v1::Event>> RocksDbEventStore::ReadEmployer(
    std::string_view employer_id) const {
  RETURN_IF_ERROR(CheckEmployerId(employer_id));
  ConsistentRead read(database_->db, read_only_);
  std::vector<uint64_t> sequences;
  RETURN_IF_ERROR(ScanStream(read.options(), employer_id, &sequences));
  ASSIGN_OR_RETURN(std::vector<v1::Event> events,
                   ReadSequences(read.options(), sequences));
  RETURN_IF_ERROR(CheckOwner(events, employer_id));
  return events;
}

absl::Status RocksDbEventStore::ForEachEvent(
    const std::function<absl::Status(const v1::Event&)>& visit) const {
  ConsistentRead read(database_->db, read_only_);
  const uint64_t last_sequence = end_.last_sequence;
  uint64_t expected = 1;
  std::unique_ptr<rocksdb::Iterator> it(
      database_->db->NewIterator(read.options(), database_->events));
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    std::optional<uint64_t> sequence =
        DecodeEventKey(it->key().ToStringView());
    if (!sequence.has_value() || *sequence != expected) {
      return absl::DataLossError(absl::StrFormat(
          "ledger %s: events key %s found where sequence %d was expected",
          directory_, HexEncode(it->key().ToStringView()), expected));
    }
    ASSIGN_OR_RETURN(v1::Event event,
                     DecodeEvent(it->value().ToStringView(), *sequence));
    RETURN_IF_ERROR(visit(event));
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("scanning events of ledger %s", directory_)));
  if (expected - 1 != last_sequence) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s: %d events stored but the last sequence is %d", directory_,
        expected - 1, last_sequence));
  }
  return absl::OkStatus();
}

absl::Status RocksDbEventStore::ForEachEmployer(
    const std::function<absl::Status(std::string_view employer_id,
                                     std::vector<v1::Event>& events)>& visit)
    const {
  ConsistentRead read(database_->db, read_only_);
  PassNotifier notifier(pass_observer());
  return ForEachStream(
      database_->db, database_->by_employer, read.options(), directory_,
      [&](std::string_view employer_id, const std::vector<uint64_t>& sequences) -> absl::Status {
        ASSIGN_OR_RETURN(std::vector<v1::Event> events,
                         ReadSequences(read.options(), sequences));
        RETURN_IF_ERROR(CheckOwner(events, employer_id));
        RETURN_IF_ERROR(visit(employer_id, events));
        notifier.Employer();
        return absl::OkStatus();
      });
}

absl::StatusOr<std::optional<v1::Event>> RocksDbEventStore::FindById(
    std::string_view event_id) const {
  if (event_id.empty() || event_id.size() > kMaxEventIdBytes) {
    return std::nullopt;
  }
  ConsistentRead read(database_->db, read_only_);
  std::string value;
  rocksdb::Status status = database_->db->Get(
      read.options(), database_->event_ids, event_id, &value);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(status, absl::StrFormat("looking up event_id \"%s\"",
                                                      std::string(event_id))));
  std::optional<SequenceAndHash> index = DecodeSequenceAndHash(value);
  if (!index.has_value()) {
    return absl::DataLossError(absl::StrFormat(
        "event_ids entry for \"%s\" is malformed", std::string(event_id)));
  }
  ASSIGN_OR_RETURN(std::vector<v1::Event> events,
                   ReadSequences(read.options(), {index->sequence}));
  if (events.front().event_id() != event_id) {
    return absl::DataLossError(absl::StrFormat(
        "event_id \"%s\" is indexed at sequence %d, which holds \"%s\"",
        std::string(event_id), index->sequence, events.front().event_id()));
  }
  return std::move(events.front());
}

absl::StatusOr<std::optional<v1::Event>> RocksDbEventStore::EventAtSequence(
    uint64_t sequence) const {
  if (sequence == 0 || sequence > end_.last_sequence) return std::nullopt;
  ConsistentRead read(database_->db, read_only_);
  ASSIGN_OR_RETURN(std::vector<v1::Event> events,
                   ReadSequences(read.options(), {sequence}));
  return std::move(events.front());
}

absl::StatusOr<std::string> RocksDbEventStore::EmployerChainHead(
    std::string_view employer_id) const {
  RETURN_IF_ERROR(CheckEmployerId(employer_id));
  ConsistentRead read(database_->db, read_only_);
  std::unique_ptr<rocksdb::Iterator> it(
      database_->db->NewIterator(read.options(), database_->by_employer));
  it->SeekForPrev(EmployerStreamKey(employer_id,
                                    std::numeric_limits<uint32_t>::max()));
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading the stream of employer \"%s\"",
                                    std::string(employer_id))));
  if (!it->Valid() || !it->key().starts_with(EmployerPrefix(employer_id))) {
    return absl::NotFoundError(
        absl::StrFormat("employer \"%s\" has no events in ledger %s",
                        std::string(employer_id), directory_));
  }
  std::optional<SequenceAndHash> value =
      DecodeSequenceAndHash(it->value().ToStringView());
  if (!value.has_value()) {
    return absl::DataLossError(absl::StrFormat(
        "by_employer entry of employer \"%s\" is malformed",
        std::string(employer_id)));
  }
  return HexEncode(value->hash);
}

}  // namespace ledger::store
