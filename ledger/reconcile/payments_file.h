// The tax bureau's payments file (缴费明细, shared/spec/interchange.md): a CSV
// whose rows become payment events. Columns by header name: payment_id,
// employer_id, paid_date, amount_fen (required), period, component,
// employee_id, tax_receipt_no (电子税票号码) (optional); other columns are
// ignored. `component` catch_up makes a catch_up_paid event, the others a
// contribution_paid; payment_id becomes the event_id. Each row goes through
// the interchange's own event validation (ParseEventLine), so a payment
// from a file and one from an event file are checked by the same code.
#ifndef LEDGER_RECONCILE_PAYMENTS_FILE_H_
#define LEDGER_RECONCILE_PAYMENTS_FILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

struct PaymentRow {
  int64_t line = 0;
  std::string payment_id;      // as given, even when the row is malformed
  std::string employer_id;     // as given
  std::string tax_receipt_no;  // "" when the file has none
  std::optional<int64_t> amount_fen;  // when the cell is a whole number
  std::optional<v1::Event> event;     // nullopt: malformed
  std::string problem;                // when malformed: "field: what is wrong"
};

// Returns every row of the file, or InvalidArgument naming the file when it
// cannot be read as a payments file at all (not CSV, not UTF-8, a required
// column missing).
[[nodiscard]] absl::StatusOr<std::vector<PaymentRow>> ParsePaymentsFile(
    std::string_view text, std::string_view file_name);

}  // namespace ledger

#endif  // LEDGER_RECONCILE_PAYMENTS_FILE_H_
