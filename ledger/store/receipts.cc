// See receipts.h.
#include "ledger/store/receipts.h"

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"

namespace ledger::store {

std::string_view TaxReceiptOf(const v1::Event& event) {
  if (event.has_contribution_paid()) return event.contribution_paid().tax_receipt_no();
  if (event.has_catch_up_paid()) return event.catch_up_paid().tax_receipt_no();
  return {};
}

absl::StatusOr<std::optional<v1::Event>> ReceiptHolder(const EventStore& store,
                                                       std::string_view receipt) {
  ASSIGN_OR_RETURN(const std::vector<uint64_t> sequences, store.SequencesWithReceipt(receipt));
  for (const uint64_t sequence : sequences) {
    ASSIGN_OR_RETURN(std::optional<v1::Event> event, store.EventAtSequence(sequence));
    if (!event || TaxReceiptOf(*event) != receipt) {
      return absl::DataLossError(absl::StrFormat(
          "the receipts index gives tax receipt %s to sequence %d, which does not carry it: "
          "run `ledgerctl verify`",
          std::string(receipt), sequence));
    }
    ASSIGN_OR_RETURN(const std::vector<v1::Event> history,
                     store.ReadEmployer(event->employer_id()));
    bool reversed = false;
    for (const v1::Event& later : history) {
      if (later.has_event_reversed() &&
          later.event_reversed().reverses_event_id() == event->event_id()) {
        reversed = true;
      }
    }
    if (!reversed) return event;
  }
  return std::nullopt;
}

}  // namespace ledger::store
