// See anchor_ops.h.
#include "ledger/store/anchor_ops.h"

#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"
#include "rocksdb/write_batch.h"

namespace ledger::store {

absl::StatusOr<Anchor> LedgerAnchor(const std::string& directory) {
  ASSIGN_OR_RETURN(std::optional<Anchor> anchor,
                   ReadAnchorFile(AnchorPath(directory)));
  ASSIGN_OR_RETURN(
      std::unique_ptr<OpenDatabase> database,
      OpenLedgerDatabase(directory, OpenMode::kReadOnly,
                         anchor.has_value() ? anchor->sequence : 0));
  ASSIGN_OR_RETURN(const LedgerEnd end, ReadLedgerEnd(*database, directory));
  if (anchor.has_value()) {
    RETURN_IF_ERROR(CheckAgainstAnchor(end.AsAnchor(), *anchor, directory,
                                       AnchorPath(directory)));
  }
  return end.AsAnchor();
}

absl::StatusOr<Anchor> ResetLedgerAnchor(const std::string& directory) {
  ASSIGN_OR_RETURN(std::unique_ptr<OpenDatabase> database,
                   OpenLedgerDatabase(directory, OpenMode::kReadWrite));
  std::string chain = ChainStart();
  std::unique_ptr<rocksdb::Iterator> it(
      database->db->NewIterator(rocksdb::ReadOptions(), database->events));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    chain = ChainNext(chain, it->value().ToStringView());
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading the events of ledger %s", directory)));
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  RETURN_IF_ERROR(FromRocksDb(
      database->db->Put(write_options, database->meta, kMetaLogChainHead, chain),
      absl::StrFormat("storing the log chain head of ledger %s", directory)));
  ASSIGN_OR_RETURN(const LedgerEnd end, ReadLedgerEnd(*database, directory));
  RETURN_IF_ERROR(WriteAnchorFile(directory, end.AsAnchor()));
  return end.AsAnchor();
}

}  // namespace ledger::store
