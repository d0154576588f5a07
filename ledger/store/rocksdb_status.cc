// See rocksdb_status.h.
#include "ledger/store/rocksdb_status.h"

#include <string>

#include "absl/strings/str_format.h"

namespace ledger::store {

absl::Status FromRocksDb(const rocksdb::Status& status,
                         std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  const std::string message =
      absl::StrFormat("%s: %s", std::string(context), status.ToString());
  switch (status.code()) {
    case rocksdb::Status::kNotFound:
      return absl::NotFoundError(message);
    case rocksdb::Status::kCorruption:
      return absl::DataLossError(message);
    case rocksdb::Status::kInvalidArgument:
      return absl::InvalidArgumentError(message);
    case rocksdb::Status::kNotSupported:
      return absl::UnimplementedError(message);
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTimedOut:
    case rocksdb::Status::kTryAgain:
      return absl::UnavailableError(message);
    case rocksdb::Status::kAborted:
      return absl::AbortedError(message);
    case rocksdb::Status::kIOError:
      if (status.IsNoSpace()) return absl::ResourceExhaustedError(message);
      return absl::InternalError(message);
    default:
      return absl::UnknownError(message);
  }
}

bool IsNotWritable(const rocksdb::Status& status) {
  if (!status.IsIOError()) return false;
  const std::string text = status.ToString();
  return text.find("Permission denied") != std::string::npos ||
         text.find("Read-only file system") != std::string::npos;
}

bool IsLockHeld(const rocksdb::Status& status) {
  if (!status.IsIOError()) return false;
  // RocksDB 7.x words it "While lock file: <dir>/LOCK: Resource temporarily
  // unavailable" (another process) or "lock hold by current process ...:
  // <dir>/LOCK: No locks available" (this process). Both name the LOCK file.
  const std::string text = status.ToString();
  return text.find("/LOCK") != std::string::npos &&
         (text.find("lock") != std::string::npos);
}

}  // namespace ledger::store
