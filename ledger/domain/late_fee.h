// Late-fee accrual (R4) and the waived figure (R6), exact in fee units
// (1/10000 fen = fen x basis points). Pure functions of a part's principal,
// its payments and a day range.
#ifndef LEDGER_DOMAIN_LATE_FEE_H_
#define LEDGER_DOMAIN_LATE_FEE_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/fold_trace.h"
#include "ledger/domain/projection.h"
#include "ledger/money.h"

namespace ledger {

// Sums outstanding(d) over days d with after < d <= through, where
// outstanding(d) is the principal minus what was paid before d (so the
// payment day itself accrues: 算尾不算头). Feed it payments in date order.
class FeeAccrual {
 public:
  // With a `sink` (tracing), each run of days at one outstanding is also
  // written to it as it is summed.
  FeeAccrual(int64_t principal_fen, DayNumber after, DayNumber through,
             const FeeSegmentSink* sink = nullptr)
      : outstanding_fen_(principal_fen), counted_through_(after), through_(through),
        sink_(sink) {}

  // Records `amount_fen` paid on `paid_day`. Returns false once later
  // payments can no longer change the sum (the caller may stop feeding).
  bool Pay(DayNumber paid_day, int64_t amount_fen);

  // Returns the sum so far plus the days to `through` at the outstanding
  // left, times the daily rate: exact fee units, not rounded. With a sink,
  // call it once: it writes the last segment.
  FeeUnits Units(int32_t rate_bp_per_day) const;

 private:
  int64_t outstanding_fen_;
  DayNumber counted_through_;  // days up to here are in fen_days_
  DayNumber through_;
  // <= principal x (through - after) <= kMaxBaseFen x kMaxAccrualDays: int64
  // (money.h); only the product with the rate needs 128 bits.
  int64_t fen_days_ = 0;
  const FeeSegmentSink* sink_;
};

// A payment on a date, as R4 sees it.
struct DatedAmount {
  absl::CivilDay paid_date;
  int64_t amount_fen = 0;
};

// Returns the fee units `principal_fen` accrues after `after` through
// `through` with `paid` (in date order) paid off it. Zero when through <= after.
FeeUnits AccruedFeeUnits(int64_t principal_fen, absl::Span<const DatedAmount> paid,
                        absl::CivilDay after, absl::CivilDay through,
                        int32_t rate_bp_per_day);

// Returns the fee units a part accrues after `after` through `through`, its
// allocations (from the projection's pool `allocations`) paid off it.
// With a `sink`, its segments are written there too.
FeeUnits PartUnitsBetween(const Part& part, const std::vector<Allocation>& allocations,
                         DayNumber after, DayNumber through, int32_t rate_bp_per_day,
                         const FeeSegmentSink* sink = nullptr);

// Returns the fee units a part accrues after its effective due date, to
// `through` (R4). Inline, with the common cases answered without a call: the
// fold asks once per part.
inline FeeUnits PartFeeUnits(const Part& part, const std::vector<Allocation>& allocations,
                            DayNumber through, int32_t rate_bp_per_day,
                            const FeeSegmentSink* sink = nullptr) {
  // Paid in full by its due date: no fee, known without walking its payments
  // (the chain is in date order, the last is latest).
  if (part.paid_fen == part.principal_fen &&
      (part.allocations.empty() ||
       allocations[static_cast<size_t>(part.allocations.last)].paid_day <= part.due_day)) {
    return 0;
  }
  return PartUnitsBetween(part, allocations, part.due_day, through, rate_bp_per_day, sink);
}

// Returns the fee units waived on a deferred part: what it would have accrued
// from its original due date to its effective due date, to `through` at most
// (R6). Zero for a part that is not deferred.
inline FeeUnits PartWaivedFeeUnits(const Part& part, const std::vector<Allocation>& allocations,
                                  DayNumber through, int32_t rate_bp_per_day,
                                  const FeeSegmentSink* sink = nullptr) {
  if (!part.deferred) return 0;
  return PartUnitsBetween(part, allocations, part.original_due_day,
                          std::min(part.due_day, through), rate_bp_per_day, sink);
}

}  // namespace ledger

#endif  // LEDGER_DOMAIN_LATE_FEE_H_
