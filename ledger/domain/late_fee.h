// Late-fee accrual (R4) and the waived figure (R6), exact in fee units
// (1/10000 fen = fen x basis points). Pure functions of a part's principal,
// its payments and a day range.
#ifndef LEDGER_DOMAIN_LATE_FEE_H_
#define LEDGER_DOMAIN_LATE_FEE_H_

#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "ledger/domain/projection.h"

namespace ledger {

// Returns the sum over days d with after < d <= through of
// outstanding(d) * rate_bp_per_day, where outstanding(d) is `principal_fen`
// minus the allocations paid before d (so the payment day itself accrues:
// 算尾不算头). `allocations` must be in date order. Zero when through <= after.
int64_t AccruedFeeUnits(int64_t principal_fen, absl::Span<const Allocation> allocations,
                        absl::CivilDay after, absl::CivilDay through,
                        int32_t rate_bp_per_day);

// Returns the fee units a part accrues after its effective due date, to
// `through` (R4).
int64_t PartFeeUnits(const Part& part, absl::CivilDay through, int32_t rate_bp_per_day);

// Returns the fee units waived on a deferred part: what it would have accrued
// from its original due date to its effective due date, to `through` at most
// (R6). Zero for a part that is not deferred.
int64_t PartWaivedFeeUnits(const Part& part, absl::CivilDay through,
                           int32_t rate_bp_per_day);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_LATE_FEE_H_
