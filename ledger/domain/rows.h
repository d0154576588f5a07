#ifndef LEDGER_DOMAIN_ROWS_H_
#define LEDGER_DOMAIN_ROWS_H_

#include <vector>

#include "ledger/domain/fold_trace.h"
#include "ledger/domain/projection.h"
#include "ledger/rules.h"

namespace ledger {

// The fold's last steps, in order: parts into R10's allocation order, parts
// into obligation rows, and rows priced (principal, paid, late fees, waived
// fees, totals, next due) once payments have been allocated; PriceRows
// records each row's fee segments in `trace` when given one.
void SortIntoAllocationOrder(Projection& projection);
void GroupIntoRows(Projection& projection);
void PriceRows(const Rules& rules, Projection& projection, FoldTrace* trace = nullptr);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_ROWS_H_
