// The boundary between rocksdb::Status and absl::Status. Internal to
// ledger/store/: no RocksDB type leaves this directory.
#ifndef LEDGER_STORE_ROCKSDB_STATUS_H_
#define LEDGER_STORE_ROCKSDB_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace ledger::store {

// Returns `status` as an absl::Status whose message is "`context`: <RocksDB's
// message>". OK maps to OK. Codes: NotFound -> NotFound, Corruption ->
// DataLoss, InvalidArgument -> InvalidArgument, NotSupported -> Unimplemented,
// Busy/TimedOut/TryAgain -> Unavailable, Aborted -> Aborted,
// IOError -> Internal (no space left -> ResourceExhausted), anything else ->
// Unknown.
[[nodiscard]] absl::Status FromRocksDb(const rocksdb::Status& status,
                                       std::string_view context);

// Returns whether `status` is RocksDB's refusal to take the LOCK file of a
// database another writer (this process or another) holds.
[[nodiscard]] bool IsLockHeld(const rocksdb::Status& status);
// Returns true when an open failed because the directory or disk cannot be
// written (EACCES, EROFS): not a held lock.
[[nodiscard]] bool IsNotWritable(const rocksdb::Status& status);

}  // namespace ledger::store

#endif  // LEDGER_STORE_ROCKSDB_STATUS_H_
