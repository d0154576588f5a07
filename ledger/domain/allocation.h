// Payment allocation (R10): which parts a payment settles, and which rows'
// late fees a late-fee payment settles. Works on a Projection whose parts are
// already in allocation order and whose rows are built; fills in paid
// amounts, allocations, fee payments and credit.
#ifndef LEDGER_DOMAIN_ALLOCATION_H_
#define LEDGER_DOMAIN_ALLOCATION_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/domain/day_number.h"
#include "ledger/domain/fold_trace.h"
#include "ledger/domain/projection.h"
#include "ledger/money.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

// Returns 0 for the employee component and 1 for the employer component: the
// order of R10 and of printed rows.
int ComponentRank(v1::Component component);

// A row's figures through `through`, in one pass over its parts.
struct RowFigures {
  int64_t principal_fen = 0;
  int64_t paid_fen = 0;
  // R4: its parts assessed by then, summed exactly, rounded half-up once,
  // capped at their principal if `cap`.
  int64_t late_fee_fen = 0;
  // R6: the fee its deferred parts would have accrued, unrounded.
  FeeUnits waived_fee_units = 0;
  // A figure above did not fit int64 fen (its name; nullptr when all did):
  // the figures are then void.
  const char* overflowed = nullptr;
};
// With a `trace`, the row's fee segments are appended to trace->segments and
// its RowFeeTrace to trace->rows, as they are summed.
RowFigures RowFiguresThrough(const Projection& projection, const ObligationRow& row,
                             DayNumber through, int32_t rate_bp_per_day, bool cap,
                             FoldTrace* trace = nullptr);

// Returns a row's late fee through `through` (R4): RowFiguresThrough's
// late_fee_fen, or nullopt when it overflowed.
std::optional<int64_t> RowFeeFen(const Projection& projection, const ObligationRow& row,
                                 DayNumber through, int32_t rate_bp_per_day, bool cap);

class PaymentAllocator {
 public:
  // `projection` must outlive the allocator; its parts must be in R10's
  // order (not-deferred before deferred, original due date, period,
  // component, employee_id: FoldEmployer sorts them) and its rows built.
  PaymentAllocator(Projection& projection, int32_t rate_bp_per_day, bool cap);

  // Applies one payment event (contribution_paid or catch_up_paid), given as
  // its index in projection.events. Payments must come in fold order (R10):
  // date, then ledger sequence.
  void Apply(int32_t event_index);

 private:
  struct Filter {
    DayNumber paid_day = 0;
    int32_t event_index = -1;
    bool by_period = false;
    MonthNumber period_month = 0;
    v1::Component component = v1::COMPONENT_UNSPECIFIED;
    std::string_view employee_id;
    bool deferred_employer_only = false;
  };

  int64_t SettlePrincipal(const Filter& filter, int64_t amount_fen);
  // Returns what is left of `remaining_fen` after settling what it can of `part`.
  int64_t SettlePart(Part& part, const Filter& filter, int64_t remaining_fen);
  // Settles `filter.period_month`'s parts of [begin, end), a section sorted by period.
  int64_t SettlePeriod(size_t begin, size_t end, const Filter& filter, int64_t remaining_fen);
  int64_t SettleLateFees(const Filter& filter, int64_t amount_fen);
  // Puts the rows in allocation order into row_order_, once: only a late-fee
  // payment needs it.
  void OrderRows();
  void Append(AllocationChain& chain, const Filter& filter, int64_t amount_fen);

  Projection& projection_;
  int32_t rate_bp_per_day_;
  bool cap_;
  size_t first_unsettled_ = 0;  // every part before it is fully paid
  size_t first_deferred_ = 0;   // deferred parts are last in allocation order
  std::vector<int> row_order_;  // rows in allocation order, for late fees
  bool rows_ordered_ = false;
};

}  // namespace ledger

#endif  // LEDGER_DOMAIN_ALLOCATION_H_
