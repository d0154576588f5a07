// Operations on a ledger's acknowledgment anchor (anchor.h) for the command
// line: read what the store holds now, check it against a copy of an
// anchor kept elsewhere, and re-anchor a ledger made before anchors.
#ifndef LEDGER_STORE_ANCHOR_OPS_H_
#define LEDGER_STORE_ANCHOR_OPS_H_

#include <string>

#include "absl/status/statusor.h"
#include "ledger/store/anchor.h"

namespace ledger::store {

// Opens the ledger read-only — which checks it against its own ANCHOR — and
// returns the anchor its current state gives.
[[nodiscard]] absl::StatusOr<Anchor> LedgerAnchor(const std::string& directory);

// Recomputes the log chain over every event (one scan of `events`), stores
// it in `meta` and rewrites ANCHOR from the store. For a ledger made before
// anchors, or after the operator has checked the ledger against a copy
// (`verify --anchor`) and decided to trust it: the anchor then acknowledges
// whatever the store holds. Opens the ledger for writing.
[[nodiscard]] absl::StatusOr<Anchor> ResetLedgerAnchor(
    const std::string& directory);

}  // namespace ledger::store

#endif  // LEDGER_STORE_ANCHOR_OPS_H_
