// The per-employer identity of reconcile's tie-out (interchange.md, issue
// 10 item 4): outstanding principal after the file = before it − what its
// rows settled. Each side is its own fold of the employer's view on the
// latest paid date of its written rows, never the difference that makes the
// sum come right.
#ifndef LEDGER_RECONCILE_TIE_OUT_H_
#define LEDGER_RECONCILE_TIE_OUT_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/domain/projection.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

// Returns the outstanding principal (Σ principal − paid over every part) of
// one employer's `events` (any order, known at any time) as of `as_of`.
// `view` and `projection` are scratch, reused across calls.
[[nodiscard]] absl::StatusOr<int64_t> OutstandingPrincipal(
    const Rules& rules, const std::vector<const v1::Event*>& events, absl::CivilDay as_of,
    std::vector<const v1::Event*>& view, Projection& projection);

}  // namespace ledger

#endif  // LEDGER_RECONCILE_TIE_OUT_H_
