// See upgrade.h.
#include "ledger/store/upgrade.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "ledger/check.h"
#include "ledger/status_macros.h"
#include "ledger/store/anchor.h"
#include "ledger/store/event_store.h"
#include "ledger/store/keys.h"
#include "ledger/store/receipts.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"
#include "rocksdb/write_batch.h"

namespace ledger::store {
namespace {

// Creates the `receipts` family of a schema-1 ledger. A MANIFEST edit of its
// own, before the batch: a crash after it leaves an empty family and the old
// version, which the next upgrade fills.
absl::Status CreateReceiptsFamily(OpenDatabase& database, const std::string& directory) {
  if (database.receipts != nullptr) return absl::OkStatus();
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  RETURN_IF_ERROR(FromRocksDb(
      database.db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(),
                                      std::string(kReceiptsFamily), &handle),
      absl::StrFormat("creating column family %s in ledger %s",
                      std::string(kReceiptsFamily), directory)));
  database.handles.push_back(handle);
  database.receipts = handle;
  return absl::OkStatus();
}

// Adds to `batch` a delete of every entry the family holds now: the rebuilt
// entries that follow in the same batch replace them.
absl::StatusOr<int64_t> ClearFamily(const OpenDatabase& database,
                                    rocksdb::ColumnFamilyHandle* family,
                                    rocksdb::WriteBatch& batch) {
  int64_t cleared = 0;
  std::unique_ptr<rocksdb::Iterator> it(
      database.db->NewIterator(rocksdb::ReadOptions(), family));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    RETURN_IF_ERROR(FromRocksDb(batch.Delete(family, it->key()), "clearing an index"));
    ++cleared;
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "reading an index"));
  return cleared;
}

}  // namespace

absl::StatusOr<UpgradeReport> UpgradeLedger(const std::string& directory) {
  // The anchor before the database, as every open reads it (event_store.cc).
  ASSIGN_OR_RETURN(const std::optional<Anchor> anchor,
                   ReadAnchorFile(AnchorPath(directory)));
  if (!anchor.has_value()) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s has no anchor file %s, so nothing says what it acknowledged; "
        "restore it (or run `ledgerctl anchor --db %s --reset` for a ledger made "
        "before anchors), then upgrade",
        directory, AnchorPath(directory), directory));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<OpenDatabase> database,
                   OpenLedgerDatabase(directory, OpenMode::kReadWrite));
  ASSIGN_OR_RETURN(const LedgerEnd before, ReadLedgerEnd(*database, directory));
  RETURN_IF_ERROR(
      CheckAgainstAnchor(before.AsAnchor(), *anchor, directory, AnchorPath(directory)));
  UpgradeReport report;
  report.from_version = before.schema_version;
  report.to_version = kSchemaVersion;
  RETURN_IF_ERROR(CreateReceiptsFamily(*database, directory));

  rocksdb::WriteBatch batch;
  ASSIGN_OR_RETURN(report.entries_replaced, ClearFamily(*database, database->receipts, batch));
  std::unique_ptr<rocksdb::Iterator> it(
      database->db->NewIterator(rocksdb::ReadOptions(), database->events));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::optional<uint64_t> sequence = DecodeEventKey(it->key().ToStringView());
    v1::Event event;
    if (!sequence.has_value() ||
        !event.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())) ||
        event.sequence() != *sequence) {
      return absl::DataLossError(absl::StrFormat(
          "ledger %s: the event at key %s does not decode; nothing was changed: run "
          "`ledgerctl verify`",
          directory, it->key().ToString(/*hex=*/true)));
    }
    ++report.events;
    const std::string_view receipt = TaxReceiptOf(event);
    if (receipt.empty()) continue;
    if (receipt.size() > kMaxReceiptBytes || receipt.find('\0') != std::string_view::npos) {
      return absl::DataLossError(absl::StrFormat(
          "ledger %s: event %d carries a tax_receipt_no no index can hold; nothing was "
          "changed: run `ledgerctl verify`",
          directory, *sequence));
    }
    RETURN_IF_ERROR(FromRocksDb(
        batch.Put(database->receipts, ReceiptKey(receipt, *sequence), ""), "indexing"));
    ++report.receipts_indexed;
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading the events of ledger %s", directory)));
  RETURN_IF_ERROR(FromRocksDb(
      batch.Put(database->meta, kMetaSchemaVersion, EncodeU32(kSchemaVersion)),
      "bumping the schema version"));
  rocksdb::WriteOptions write_options;
  // One synced batch: the index and the version that vouches for it land
  // together or not at all.
  write_options.sync = true;
  RETURN_IF_ERROR(FromRocksDb(
      database->db->Write(write_options, &batch),
      absl::StrFormat("writing the upgrade of ledger %s", directory)));
  ASSIGN_OR_RETURN(const LedgerEnd after, ReadLedgerEnd(*database, directory));
  LEDGER_CHECK(after.schema_version == kSchemaVersion &&
                   after.last_sequence == before.last_sequence,
               "upgrade changed the log or missed the version");
  RETURN_IF_ERROR(WriteAnchorFile(directory, after.AsAnchor()));
  return report;
}

}  // namespace ledger::store
