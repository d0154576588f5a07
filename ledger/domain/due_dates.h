// R6-R9: the effective due date of each employer part a grant covers. One
// function per rule, applied in a fixed order; every one is a min/max of
// dates, so the order in which facts were recorded cannot matter.
#ifndef LEDGER_DOMAIN_DUE_DATES_H_
#define LEDGER_DOMAIN_DUE_DATES_H_

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "ledger/domain/fold_scratch.h"
#include "ledger/domain/fold_trace.h"
#include "ledger/domain/projection.h"
#include "ledger/rules.h"

namespace ledger {

// Returns the index in projection.grants of the grant not voided that covers
// `period`, or -1.
int CoveringGrant(const Projection& projection, absl::CivilMonth period);

// Sets due_day, deferred, own_row and due_moved_by of every employer part a
// grant covers (parts built at their original due date, R2). With a `trace`,
// trace->due_history (one entry per part, R2 already in it) gets every move,
// and a part whose grant was voided (R9) shows the deferral and its undoing.
// FailedPrecondition when a grant's policy is not in the rules.
[[nodiscard]] absl::Status SetDueDates(const Rules& rules, const AreaRules& area,
                                       const Facts& facts, Projection& projection,
                                       FoldTrace* trace);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_DUE_DATES_H_
