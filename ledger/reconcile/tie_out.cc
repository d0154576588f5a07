// See tie_out.h.
#include "ledger/reconcile/tie_out.h"

#include "ledger/domain/employer_state.h"
#include "ledger/domain/view.h"
#include "ledger/status_macros.h"

namespace ledger {

absl::StatusOr<int64_t> OutstandingPrincipal(const Rules& rules,
                                             const std::vector<const v1::Event*>& events,
                                             absl::CivilDay as_of,
                                             std::vector<const v1::Event*>& view,
                                             Projection& projection) {
  SelectViewInto(events, as_of, kKnownAtEverything, view);
  RETURN_IF_ERROR(FoldEmployerInto(rules, view, as_of, projection));
  int64_t outstanding_fen = 0;
  for (const Part& part : projection.parts) outstanding_fen += part.outstanding_fen();
  return outstanding_fen;
}

}  // namespace ledger
