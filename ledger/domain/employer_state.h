// THE fold: (rules, one employer's view, as-of date) -> what the employer
// owes, when, and why (R1-R11). Pure: no I/O, no clock, no globals; the same
// inputs give the same fen on any machine and in any import order.
#ifndef LEDGER_DOMAIN_EMPLOYER_STATE_H_
#define LEDGER_DOMAIN_EMPLOYER_STATE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/domain/fold_trace.h"
#include "ledger/domain/projection.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

// Returns the projection of `view` (from SelectView: in fold order, reversals
// applied) as of `as_of`. A view without the employer's registration gives
// status.registered == false and nothing else. FailedPrecondition when the
// rules cannot price the view (an area, rate or policy they do not have):
// that happens only when replaying under a rule set that lacks them.
// OutOfRange naming the employer and the row when a figure does not fit
// int64 fen (money.h): never a wrapped or negative figure.
// The projection points into the events of `view`: keep them alive.
[[nodiscard]] absl::StatusOr<Projection> FoldEmployer(
    const Rules& rules, const std::vector<const v1::Event*>& view, absl::CivilDay as_of);

// The same fold into `projection`, which it clears first but whose vectors'
// memory it reuses: a caller folding a city employer after employer (owed
// --all, replay) then allocates almost nothing per employer. On error
// `projection` holds a partial fold: do not use it.
[[nodiscard]] absl::Status FoldEmployerInto(const Rules& rules,
                                            const std::vector<const v1::Event*>& view,
                                            absl::CivilDay as_of, Projection& projection);

// The same fold, recording in `trace` (when not null; cleared first) how it
// computed each figure: due-date histories and fee segments (fold_trace.h).
// The figures are the same with or without a trace.
[[nodiscard]] absl::Status FoldEmployerInto(const Rules& rules,
                                            const std::vector<const v1::Event*>& view,
                                            absl::CivilDay as_of, Projection& projection,
                                            FoldTrace* trace);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_EMPLOYER_STATE_H_
