// `ledgerctl upgrade --db DIR`: bring a ledger to this build's schema
// version (event_store.h, kSchemaVersion) by rebuilding every derived
// column family from the log — today the `receipts` index (keys.h) — and
// bumping meta's schema_version, in one synced WriteBatch: a crash before it
// lands leaves the old version (refused for writing, upgraded again by the
// next run); after it, the new version with a complete index. The log itself
// (events, by_employer, event_ids, rules) is not touched, so the anchor
// (anchor.h) stays what it was; it is checked before and rewritten after.
// Running it on a current ledger rebuilds the derived families again.
#ifndef LEDGER_STORE_UPGRADE_H_
#define LEDGER_STORE_UPGRADE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace ledger::store {

struct UpgradeReport {
  uint32_t from_version = 0;
  uint32_t to_version = 0;
  int64_t events = 0;            // events read from the log
  int64_t receipts_indexed = 0;  // entries written to `receipts`
  int64_t entries_replaced = 0;  // entries of the old `receipts` removed
};

// Upgrades the ledger at `directory` (opened for writing: no other writer
// may hold it). Errors as EventStore::Open gives them, plus DataLoss for an
// event that does not decode.
[[nodiscard]] absl::StatusOr<UpgradeReport> UpgradeLedger(const std::string& directory);

}  // namespace ledger::store

#endif  // LEDGER_STORE_UPGRADE_H_
