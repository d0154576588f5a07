#include "ledger/domain/late_fee.h"

#include <algorithm>

#include "ledger/check.h"

namespace ledger {

// Each payment closes a segment of constant outstanding that runs through its
// paid day, then lowers the outstanding from the next day.
bool FeeAccrual::Pay(DayNumber paid_day, int64_t amount_fen) {
  if (paid_day > counted_through_) {
    const DayNumber until = std::min(paid_day, through_);
    if (sink_ != nullptr) sink_->Add(counted_through_ + 1, until, outstanding_fen_);
    fen_days_ += outstanding_fen_ * (until - counted_through_);
    counted_through_ = until;
  }
  outstanding_fen_ -= amount_fen;
  LEDGER_CHECK(outstanding_fen_ >= 0, "a part paid past its principal");
  return counted_through_ < through_;
}

FeeUnits FeeAccrual::Units(int32_t rate_bp_per_day) const {
  const int64_t rest_days = std::max(0, through_ - counted_through_);
  if (sink_ != nullptr) sink_->Add(counted_through_ + 1, through_, outstanding_fen_);
  // fen-days fit int64 (money.h); times up to kMaxRateBp they may not.
  return FeeUnits(fen_days_ + outstanding_fen_ * rest_days) * rate_bp_per_day;
}

FeeUnits AccruedFeeUnits(int64_t principal_fen, absl::Span<const DatedAmount> paid,
                        absl::CivilDay after, absl::CivilDay through,
                        int32_t rate_bp_per_day) {
  if (through <= after) return 0;
  LEDGER_CHECK(through - after <= kMaxAccrualDays, "fee accrual past the ledger's date range");
  FeeAccrual accrual(principal_fen, ToDayNumber(after), ToDayNumber(through));
  for (const DatedAmount& payment : paid) {
    if (!accrual.Pay(ToDayNumber(payment.paid_date), payment.amount_fen)) break;
  }
  return accrual.Units(rate_bp_per_day);
}

FeeUnits PartUnitsBetween(const Part& part, const std::vector<Allocation>& allocations,
                         DayNumber after, DayNumber through, int32_t rate_bp_per_day,
                         const FeeSegmentSink* sink) {
  if (through <= after) return 0;
  // The static bound on fen-days (money.h) holds only within the ledger's dates.
  LEDGER_CHECK(through - after <= kMaxAccrualDays, "fee accrual past the ledger's date range");
  FeeAccrual accrual(part.principal_fen, after, through, sink);
  for (int32_t i = part.allocations.first; i >= 0;) {
    const Allocation& allocation = allocations[static_cast<size_t>(i)];
    if (!accrual.Pay(allocation.paid_day, allocation.amount_fen)) break;
    i = allocation.next;
  }
  return accrual.Units(rate_bp_per_day);
}

}  // namespace ledger
