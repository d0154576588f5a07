// What the RocksDbEventStore reads share (event_store_read.cc,
// event_store_read_into.cc): a consistent snapshot, the employer id guard,
// and the decoding of one employer's stream from by_employer. Internal to
// ledger/store/.
#ifndef LEDGER_STORE_READ_SUPPORT_H_
#define LEDGER_STORE_READ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"

namespace ledger::store {

// Events fetched per MultiGet: bounds the pinned memory of one call.
inline constexpr size_t kMultiGetChunkEvents = 1024;

// ReadOptions over a snapshot of a writer's database, released on scope
// exit, so that a visitor appending mid-walk cannot change what it is shown.
// A read-only database cannot change; it needs none.
class ConsistentRead {
 public:
  ConsistentRead(rocksdb::DB* db, bool read_only)
      : db_(db), snapshot_(read_only ? nullptr : db->GetSnapshot()) {
    options_.snapshot = snapshot_;
  }
  ConsistentRead(const ConsistentRead&) = delete;
  ConsistentRead& operator=(const ConsistentRead&) = delete;
  ~ConsistentRead() {
    if (snapshot_ != nullptr) db_->ReleaseSnapshot(snapshot_);
  }
  rocksdb::ReadOptions& options() { return options_; }

 private:
  rocksdb::DB* const db_;
  const rocksdb::Snapshot* const snapshot_;
  rocksdb::ReadOptions options_;
};

// Returns InvalidArgument unless `employer_id` can name a stream.
[[nodiscard]] absl::Status CheckEmployerId(std::string_view employer_id);

struct StreamEntry {
  std::string_view employer_id;  // points into the iterator's key
  uint32_t stream_sequence = 0;
  uint64_t sequence = 0;
};

// Returns the by_employer entry under `it`; DataLoss when malformed.
[[nodiscard]] absl::StatusOr<StreamEntry> DecodeStreamEntry(
    const rocksdb::Iterator& it);

// Appends `entry`'s sequence to the stream collected in `sequences`,
// checking the stream counts 1, 2, ... and global sequences only go up.
[[nodiscard]] absl::Status ExtendStream(const StreamEntry& entry,
                                        std::vector<uint64_t>* sequences);

// Walks `by_employer` in key order (employer_id byte order) and calls
// `visit(employer_id, sequences)` once per employer with the global
// sequences of its stream, checked by ExtendStream; stops at the first
// error. `directory` names the ledger in an I/O error.
[[nodiscard]] absl::Status ForEachStream(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* by_employer,
    const rocksdb::ReadOptions& options, std::string_view directory,
    const std::function<absl::Status(std::string_view employer_id,
                                     const std::vector<uint64_t>& sequences)>& visit);

}  // namespace ledger::store

#endif  // LEDGER_STORE_READ_SUPPORT_H_
