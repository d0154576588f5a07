// RocksDbEventStore reads onto an arena (EmployerEvents): one employer's
// stream, and every employer in id order with one EmployerEvents reused.
// The same checks as event_store_read.cc: each event decodes, carries its
// sequence and belongs to the employer it is indexed under, else DataLoss.
// Also the EventStore defaults of these reads, through the vector reads.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/keys.h"
#include "ledger/store/read_support.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"

namespace ledger {

absl::Status EventStore::ReadEmployerInto(std::string_view employer_id,
                                          EmployerEvents& events) const {
  events.Clear();
  ASSIGN_OR_RETURN(const std::vector<v1::Event> read, ReadEmployer(employer_id));
  for (const v1::Event& event : read) events.AddCopy(event);
  return absl::OkStatus();
}

absl::Status EventStore::ForEachEmployerEvents(
    const std::function<absl::Status(std::string_view employer_id,
                                     const EmployerEvents& events)>& visit)
    const {
  EmployerEvents reused;
  // ForEachEmployer notifies the observer.
  return ForEachEmployer(
      [&](std::string_view employer_id, std::vector<v1::Event>& read) {
        reused.Clear();
        for (const v1::Event& event : read) reused.AddCopy(event);
        return visit(employer_id, reused);
      });
}

}  // namespace ledger

namespace ledger::store {

absl::Status RocksDbEventStore::VisitSequences(
    const rocksdb::ReadOptions& options, const std::vector<uint64_t>& sequences,
    const std::function<absl::Status(uint64_t sequence, std::string_view bytes)>&
        use) const {
  // Reused across chunks: one employer's read allocates these once.
  std::vector<std::string> keys;
  std::vector<rocksdb::Slice> slices;
  std::vector<rocksdb::PinnableSlice> values(
      std::min(kMultiGetChunkEvents, sequences.size()));
  std::vector<rocksdb::Status> statuses(values.size());
  for (size_t start = 0; start < sequences.size();
       start += kMultiGetChunkEvents) {
    const size_t count =
        std::min(kMultiGetChunkEvents, sequences.size() - start);
    keys.clear();
    slices.clear();
    for (size_t i = 0; i < count; ++i) {
      keys.push_back(EventKey(sequences[start + i]));
    }
    for (const std::string& key : keys) slices.emplace_back(key);
    database_->db->MultiGet(options, database_->events, count, slices.data(),
                            values.data(), statuses.data(),
                            /*sorted_input=*/true);
    for (size_t i = 0; i < count; ++i) {
      const uint64_t sequence = sequences[start + i];
      if (statuses[i].IsNotFound()) {
        return absl::DataLossError(absl::StrFormat(
            "ledger %s: event at sequence %d is indexed but missing",
            directory_, sequence));
      }
      RETURN_IF_ERROR(FromRocksDb(
          statuses[i], absl::StrFormat("reading event %d", sequence)));
      const absl::Status used = use(sequence, values[i].ToStringView());
      values[i].Reset();  // unpin the block now, not at the next chunk
      RETURN_IF_ERROR(used);
    }
  }
  return absl::OkStatus();
}

absl::Status RocksDbEventStore::ScanStream(const rocksdb::ReadOptions& options,
                                           std::string_view employer_id,
                                           std::vector<uint64_t>* sequences) const {
  const std::string prefix = EmployerPrefix(employer_id);
  const std::string prefix_end = EmployerPrefixEnd(employer_id);
  const rocksdb::Slice upper_bound(prefix_end);
  rocksdb::ReadOptions bounded = options;
  bounded.iterate_upper_bound = &upper_bound;
  std::unique_ptr<rocksdb::Iterator> it(
      database_->db->NewIterator(bounded, database_->by_employer));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    ASSIGN_OR_RETURN(StreamEntry entry, DecodeStreamEntry(*it));
    RETURN_IF_ERROR(ExtendStream(entry, sequences));
  }
  return FromRocksDb(it->status(),
                     absl::StrFormat("scanning employer \"%s\"",
                                     std::string(employer_id)));
}

absl::Status RocksDbEventStore::ReadSequencesInto(
    const rocksdb::ReadOptions& options, const std::vector<uint64_t>& sequences,
    std::string_view employer_id, EmployerEvents& events) const {
  return VisitSequences(
      options, sequences,
      [&](uint64_t sequence, std::string_view bytes) -> absl::Status {
        const v1::Event* event = events.Parse(bytes);
        if (event == nullptr || event->sequence() != sequence ||
            event->event_id().empty()) {
          return absl::DataLossError(absl::StrFormat(
              "event stored at sequence %d does not decode or carries "
              "sequence %d",
              sequence, event == nullptr ? 0 : event->sequence()));
        }
        if (event->employer_id() != employer_id) {
          return absl::DataLossError(absl::StrFormat(
              "event %d is indexed under employer \"%s\" but belongs to \"%s\"",
              sequence, std::string(employer_id), event->employer_id()));
        }
        return absl::OkStatus();
      });
}

absl::Status RocksDbEventStore::ReadEmployerInto(std::string_view employer_id,
                                                 EmployerEvents& events) const {
  events.Clear();
  RETURN_IF_ERROR(CheckEmployerId(employer_id));
  ConsistentRead read(database_->db, read_only_);
  std::vector<uint64_t> sequences;
  RETURN_IF_ERROR(ScanStream(read.options(), employer_id, &sequences));
  return ReadSequencesInto(read.options(), sequences, employer_id, events);
}

absl::Status RocksDbEventStore::ForEachEmployerEvents(
    const std::function<absl::Status(std::string_view employer_id,
                                     const EmployerEvents& events)>& visit)
    const {
  ConsistentRead read(database_->db, read_only_);
  EmployerEvents events;
  PassNotifier notifier(pass_observer());
  return ForEachStream(
      database_->db, database_->by_employer, read.options(), directory_,
      [&](std::string_view employer_id, const std::vector<uint64_t>& sequences) -> absl::Status {
        events.Clear();
        RETURN_IF_ERROR(ReadSequencesInto(read.options(), sequences, employer_id, events));
        RETURN_IF_ERROR(visit(employer_id, events));
        notifier.Employer();
        return absl::OkStatus();
      });
}

}  // namespace ledger::store
