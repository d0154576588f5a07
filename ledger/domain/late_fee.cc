#include "ledger/domain/late_fee.h"

#include <algorithm>
#include <cassert>

namespace ledger {

int64_t AccruedFeeUnits(int64_t principal_fen, absl::Span<const Allocation> allocations,
                        absl::CivilDay after, absl::CivilDay through,
                        int32_t rate_bp_per_day) {
  if (through <= after) return 0;
  // Walk the payments once: each closes a segment of constant outstanding
  // that runs through its paid_date, then lowers outstanding from the next day.
  int64_t outstanding_fen = principal_fen;
  absl::CivilDay segment_end = after;  // days up to here are counted
  int64_t fen_days = 0;
  for (const Allocation& allocation : allocations) {
    if (allocation.paid_date > segment_end) {
      const absl::CivilDay until = std::min(allocation.paid_date, through);
      fen_days += outstanding_fen * (until - segment_end);
      segment_end = until;
    }
    outstanding_fen -= allocation.amount_fen;
    assert(outstanding_fen >= 0);
    if (segment_end >= through) break;
  }
  if (through > segment_end) fen_days += outstanding_fen * (through - segment_end);
  return fen_days * rate_bp_per_day;
}

int64_t PartFeeUnits(const Part& part, absl::CivilDay through, int32_t rate_bp_per_day) {
  return AccruedFeeUnits(part.principal_fen, part.allocations, part.due_date, through,
                         rate_bp_per_day);
}

int64_t PartWaivedFeeUnits(const Part& part, absl::CivilDay through,
                           int32_t rate_bp_per_day) {
  if (!part.deferred) return 0;
  return AccruedFeeUnits(part.principal_fen, part.allocations, part.original_due_date,
                         std::min(part.due_date, through), rate_bp_per_day);
}

}  // namespace ledger
