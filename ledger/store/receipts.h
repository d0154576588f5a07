// Tax receipt numbers (电子税票号码) on payment events, and the one question
// asked of the `receipts` index (keys.h): which event holds a receipt now.
// One receipt is one payment: a second event with it under another id is a
// duplicate (`import` refuses it, `reconcile` classes it duplicate_receipt).
// A reversed payment no longer holds its receipt, so a corrected payment
// re-entered under a new id may carry it again.
#ifndef LEDGER_STORE_RECEIPTS_H_
#define LEDGER_STORE_RECEIPTS_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledger/store/event_store.h"
#include "ledger/v1/event.pb.h"

namespace ledger::store {

// Returns the event's tax_receipt_no: "" for an event that is not a payment
// or carries none.
[[nodiscard]] std::string_view TaxReceiptOf(const v1::Event& event);

// Returns the event of the ledger that holds `receipt` (non-empty) and is
// not reversed, or nullopt. One index prefix scan; on a hit, the holder's
// employer's events are read to see whether it was reversed.
[[nodiscard]] absl::StatusOr<std::optional<v1::Event>> ReceiptHolder(
    const EventStore& store, std::string_view receipt);

}  // namespace ledger::store

#endif  // LEDGER_STORE_RECEIPTS_H_
