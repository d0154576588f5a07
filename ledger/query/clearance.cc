#include "ledger/query/clearance.h"

#include "absl/strings/str_format.h"
#include "ledger/money.h"

namespace ledger {

Clearance ClearanceOf(const v1::EmployerBalance& balance) {
  Clearance clearance;
  clearance.outstanding_fen = balance.totals().outstanding_fen();
  clearance.late_fee_outstanding_fen = balance.totals().late_fee_outstanding_fen();
  clearance.credit_fen = balance.credit_fen();
  for (const v1::Obligation& row : balance.obligations()) {
    if (row.outstanding_fen() > 0 || row.late_fee_fen() > row.late_fee_paid_fen()) {
      clearance.blocking.push_back(row);
    }
  }
  clearance.may_deregister = clearance.blocking.empty();
  if (clearance.may_deregister) {
    clearance.reason = absl::StrFormat(
        "nothing outstanding on %s: may deregister%s", balance.as_of(),
        clearance.credit_fen > 0
            ? absl::StrFormat(" (credit of %s fen to refund)", FormatFen(clearance.credit_fen))
            : "");
  } else {
    clearance.reason = absl::StrFormat(
        "may not deregister on %s: %s fen principal and %s fen late fee outstanding in %d "
        "rows; everything, deferred contributions included, must be paid before deregistration",
        balance.as_of(), FormatFen(clearance.outstanding_fen),
        FormatFen(clearance.late_fee_outstanding_fen), clearance.blocking.size());
  }
  return clearance;
}

}  // namespace ledger
