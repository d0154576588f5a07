// RocksDbEventStore's schema-2 reads: the `receipts` index (one prefix scan
// per receipt) and the reconcile_run/ records of `meta` (one prefix scan per
// file). Both refuse a schema-1 ledger with the command that upgrades it.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"

namespace ledger::store {

absl::Status RocksDbEventStore::CheckSchema2(std::string_view what) const {
  if (end_.schema_version >= 2 && database_->receipts != nullptr) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrFormat(
      "ledger %s is at schema version %d, which has no %s: run `ledgerctl "
      "upgrade --db %s` once (it builds them from the log)",
      directory_, end_.schema_version, std::string(what), directory_));
}

absl::StatusOr<std::vector<uint64_t>> RocksDbEventStore::SequencesWithReceipt(
    std::string_view receipt) const {
  RETURN_IF_ERROR(CheckSchema2("tax receipt index"));
  std::vector<uint64_t> sequences;
  if (receipt.empty() || receipt.size() > kMaxReceiptBytes ||
      receipt.find('\0') != std::string_view::npos) {
    return sequences;  // no event can carry it
  }
  const std::string prefix = ReceiptPrefix(receipt);
  std::unique_ptr<rocksdb::Iterator> it(
      database_->db->NewIterator(rocksdb::ReadOptions(), database_->receipts));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::optional<ReceiptKeyParts> parts =
        DecodeReceiptKey(it->key().ToStringView());
    if (!parts || parts->receipt != receipt || parts->sequence > end_.last_sequence) {
      return absl::DataLossError(absl::StrFormat(
          "ledger %s: a receipts entry of tax receipt \"%s\" is malformed or "
          "points past the last event: run `ledgerctl verify`",
          directory_, std::string(receipt)));
    }
    sequences.push_back(parts->sequence);
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading the receipts of ledger %s", directory_)));
  return sequences;
}

absl::StatusOr<std::vector<v1::ReconcileRun>> RocksDbEventStore::ReconcileRuns(
    std::string_view sha256) const {
  RETURN_IF_ERROR(CheckSchema2("record of reconcile runs"));
  std::vector<v1::ReconcileRun> runs;
  const std::string prefix = ReconcileRunPrefix(sha256);
  std::unique_ptr<rocksdb::Iterator> it(
      database_->db->NewIterator(rocksdb::ReadOptions(), database_->meta));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    v1::ReconcileRun run;
    if (!run.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())) ||
        run.run() == 0 ||
        it->key().ToStringView() != ReconcileRunKey(sha256, run.run())) {
      return absl::DataLossError(absl::StrFormat(
          "ledger %s: a reconcile_run record of file sha256 %s does not decode "
          "or is filed under another run number",
          directory_, HexEncode(sha256)));
    }
    runs.push_back(std::move(run));
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading the reconcile runs of ledger %s", directory_)));
  return runs;
}

}  // namespace ledger::store
