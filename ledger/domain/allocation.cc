#include "ledger/domain/allocation.h"

#include <algorithm>
#include <tuple>

#include "ledger/domain/late_fee.h"
#include "ledger/money.h"

namespace ledger {

int ComponentRank(v1::Component component) {
  return component == v1::COMPONENT_EMPLOYEE ? 0 : 1;
}

RowFigures RowFiguresThrough(const Projection& projection, const ObligationRow& row,
                             DayNumber through, int32_t rate_bp_per_day, bool cap,
                             FoldTrace* trace) {
  RowFigures figures;
  FeeUnits fee_units = 0;  // 128 bits: the sum over parts cannot overflow (money.h)
  int64_t fee_principal_fen = 0;  // of the parts assessed by `through`
  bool sums_fit = true;
  FeeSegmentSink waived_sink;
  FeeSegmentSink charged_sink;
  const int32_t segments_begin =
      trace == nullptr ? 0 : static_cast<int32_t>(trace->segments.size());
  if (trace != nullptr) {
    waived_sink = FeeSegmentSink{&trace->segments, -1, true, rate_bp_per_day};
    charged_sink = FeeSegmentSink{&trace->segments, -1, false, rate_bp_per_day};
  }
  const FeeSegmentSink* waived_to = trace == nullptr ? nullptr : &waived_sink;
  const FeeSegmentSink* charged_to = trace == nullptr ? nullptr : &charged_sink;
  for (int32_t index : projection.PartsOf(row)) {
    const Part& part = projection.parts[static_cast<size_t>(index)];
    waived_sink.part_index = index;
    charged_sink.part_index = index;
    // A row's parts are not bounded in number (lines of several assessments
    // of one period): its fen sums are checked.
    sums_fit &= AddFen(figures.principal_fen, part.principal_fen);
    sums_fit &= AddFen(figures.paid_fen, part.paid_fen);
    figures.waived_fee_units +=
        PartWaivedFeeUnits(part, projection.allocations, through, rate_bp_per_day, waived_to);
    if (part.assessed_day > through) continue;
    sums_fit &= AddFen(fee_principal_fen, part.principal_fen);
    fee_units +=
        PartFeeUnits(part, projection.allocations, through, rate_bp_per_day, charged_to);
  }
  const std::optional<int64_t> rounded_fen = RoundFeeUnitsHalfUp(fee_units);
  if (!sums_fit) figures.overflowed = "principal";
  if (!rounded_fen) figures.overflowed = "late fee";
  const int64_t fee_fen = rounded_fen.value_or(0);
  figures.late_fee_fen = cap ? std::min(fee_fen, fee_principal_fen) : fee_fen;
  if (trace != nullptr) {
    trace->rows.push_back(RowFeeTrace{segments_begin,
                                      static_cast<int32_t>(trace->segments.size()), fee_units,
                                      figures.waived_fee_units, fee_fen,
                                      cap ? fee_principal_fen : 0,
                                      figures.late_fee_fen < fee_fen});
  }
  return figures;
}

std::optional<int64_t> RowFeeFen(const Projection& projection, const ObligationRow& row,
                                 DayNumber through, int32_t rate_bp_per_day, bool cap) {
  const RowFigures figures = RowFiguresThrough(projection, row, through, rate_bp_per_day, cap);
  if (figures.overflowed != nullptr) return std::nullopt;
  return figures.late_fee_fen;
}

PaymentAllocator::PaymentAllocator(Projection& projection, int32_t rate_bp_per_day,
                                   bool cap)
    : projection_(projection), rate_bp_per_day_(rate_bp_per_day), cap_(cap) {
  const std::vector<Part>& parts = projection_.parts;
  first_deferred_ = static_cast<size_t>(
      std::partition_point(parts.begin(), parts.end(),
                           [](const Part& part) { return !part.deferred; }) -
      parts.begin());
}

void PaymentAllocator::OrderRows() {
  if (rows_ordered_) return;
  rows_ordered_ = true;
  row_order_.resize(projection_.rows.size());
  for (size_t i = 0; i < row_order_.size(); ++i) row_order_[i] = static_cast<int>(i);
  const std::vector<ObligationRow>& rows = projection_.rows;
  std::sort(row_order_.begin(), row_order_.end(), [&rows](int a, int b) {
    const ObligationRow& x = rows[a];
    const ObligationRow& y = rows[b];
    return std::forward_as_tuple(x.deferred, x.original_due_date, x.period,
                                 ComponentRank(x.component), x.employee_id, x.due_date) <
           std::forward_as_tuple(y.deferred, y.original_due_date, y.period,
                                 ComponentRank(y.component), y.employee_id, y.due_date);
  });
}

void PaymentAllocator::Apply(int32_t event_index) {
  const v1::Event& payment = *projection_.events[static_cast<size_t>(event_index)];
  Filter filter;
  filter.paid_day = DayNumberFromYyyymmdd(payment.effective_date_yyyymmdd());
  filter.event_index = event_index;
  auto select_period = [&filter](int32_t period_yyyymm) {
    filter.by_period = period_yyyymm != 0;
    if (filter.by_period) filter.period_month = MonthNumberFromYyyymm(period_yyyymm);
  };
  int64_t left_fen = 0;
  if (payment.has_catch_up_paid()) {
    const v1::CatchUpPaid& paid = payment.catch_up_paid();
    select_period(paid.period_yyyymm());
    filter.component = v1::COMPONENT_EMPLOYER;
    filter.employee_id = paid.employee_id();
    filter.deferred_employer_only = true;
    left_fen = SettlePrincipal(filter, paid.amount_fen());
  } else {
    const v1::ContributionPaid& paid = payment.contribution_paid();
    select_period(paid.period_yyyymm());
    if (paid.component() == v1::COMPONENT_LATE_FEE) {
      left_fen = SettleLateFees(filter, paid.amount_fen());
    } else {
      filter.component = paid.component();
      filter.employee_id = paid.employee_id();
      left_fen = SettlePrincipal(filter, paid.amount_fen());
    }
  }
  if (left_fen > 0) {
    // Never applied silently later (R10): it stays credit until a person acts.
    if (!AddFen(projection_.credit_fen, left_fen)) projection_.NoteOverflow("credit", nullptr);
    projection_.credit_from.push_back(payment.event_id());
  }
}

void PaymentAllocator::Append(AllocationChain& chain, const Filter& filter,
                              int64_t amount_fen) {
  std::vector<Allocation>& pool = projection_.allocations;
  const int32_t index = static_cast<int32_t>(pool.size());
  pool.push_back(Allocation{filter.paid_day, filter.event_index, amount_fen, -1});
  if (chain.empty()) {
    chain.first = index;
  } else {
    pool[static_cast<size_t>(chain.last)].next = index;
  }
  chain.last = index;
}

int64_t PaymentAllocator::SettlePart(Part& part, const Filter& filter,
                                     int64_t remaining_fen) {
  if (part.outstanding_fen() == 0 || part.assessed_day > filter.paid_day) {
    return remaining_fen;
  }
  if (filter.deferred_employer_only && !part.deferred) return remaining_fen;
  if (filter.component != v1::COMPONENT_UNSPECIFIED && part.component != filter.component) {
    return remaining_fen;
  }
  if (!filter.employee_id.empty() && part.employee_id != filter.employee_id) {
    return remaining_fen;
  }
  const int64_t settled_fen = std::min(remaining_fen, part.outstanding_fen());
  part.paid_fen += settled_fen;
  Append(part.allocations, filter, settled_fen);
  return remaining_fen - settled_fen;
}

int64_t PaymentAllocator::SettlePrincipal(const Filter& filter, int64_t amount_fen) {
  std::vector<Part>& parts = projection_.parts;
  int64_t remaining_fen = amount_fen;
  if (filter.by_period) {
    // Not-deferred parts first (R10), then deferred: each section is sorted by
    // period, since a period's original due date grows with the period.
    remaining_fen = SettlePeriod(0, first_deferred_, filter, remaining_fen);
    return SettlePeriod(first_deferred_, parts.size(), filter, remaining_fen);
  }
  // Parts before first_unsettled_ are fully paid: most payments touch only
  // the few parts just past it, which keeps the fold linear in practice.
  while (first_unsettled_ < parts.size() && parts[first_unsettled_].outstanding_fen() == 0) {
    ++first_unsettled_;
  }
  const size_t begin =
      filter.deferred_employer_only ? std::max(first_unsettled_, first_deferred_) : first_unsettled_;
  for (size_t i = begin; i < parts.size() && remaining_fen > 0; ++i) {
    remaining_fen = SettlePart(parts[i], filter, remaining_fen);
  }
  return remaining_fen;
}

int64_t PaymentAllocator::SettlePeriod(size_t begin, size_t end, const Filter& filter,
                                       int64_t remaining_fen) {
  std::vector<Part>& parts = projection_.parts;
  const MonthNumber period = filter.period_month;
  auto first = std::lower_bound(parts.begin() + begin, parts.begin() + end, period,
                                [](const Part& part, MonthNumber wanted) {
                                  return part.period_month < wanted;
                                });
  for (auto part = first; part != parts.begin() + end && part->period_month == period; ++part) {
    if (remaining_fen == 0) break;
    remaining_fen = SettlePart(*part, filter, remaining_fen);
  }
  return remaining_fen;
}

int64_t PaymentAllocator::SettleLateFees(const Filter& filter, int64_t amount_fen) {
  OrderRows();
  int64_t remaining_fen = amount_fen;
  for (int row_index : row_order_) {
    if (remaining_fen == 0) break;
    ObligationRow& row = projection_.rows[static_cast<size_t>(row_index)];
    if (filter.by_period && ToMonthNumber(row.period) != filter.period_month) continue;
    const std::optional<int64_t> accrued_fen =
        RowFeeFen(projection_, row, filter.paid_day, rate_bp_per_day_, cap_);
    if (!accrued_fen) {
      // Void from here on: FoldEmployerInto refuses the whole projection.
      projection_.NoteOverflow("late fee", &row);
      continue;
    }
    const int64_t unpaid_fen = *accrued_fen - row.late_fee_paid_fen;
    if (unpaid_fen <= 0) continue;
    const int64_t settled_fen = std::min(remaining_fen, unpaid_fen);
    row.late_fee_paid_fen += settled_fen;
    Append(row.fee_allocations, filter, settled_fen);
    remaining_fen -= settled_fen;
  }
  return remaining_fen;
}

}  // namespace ledger
