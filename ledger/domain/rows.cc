#include "ledger/domain/rows.h"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "ledger/dates.h"
#include "ledger/domain/allocation.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/late_fee.h"
#include "ledger/domain/view.h"
#include "ledger/money.h"

namespace ledger {

// Puts parts in R10's order: a packed integer key (deferred, original due
// date, period, component), then the employee id. Most views arrive in order
// already, and then this is one scan.
void SortIntoAllocationOrder(std::vector<Part>& parts) {
  // Day numbers count from 1970; from 1900 they are never negative.
  constexpr int64_t kDaysFrom1900To1970 = 25567;
  auto packed_key = [](const Part& part) {
    const uint64_t due_days = static_cast<uint64_t>(part.original_due_day + kDaysFrom1900To1970);
    const uint64_t months = static_cast<uint64_t>(part.period_month);
    return (uint64_t{part.deferred} << 62) | (due_days << 24) | (months << 2) |
           static_cast<uint64_t>(ComponentRank(part.component));
  };
  auto before = [&packed_key](const Part& a, const Part& b) {
    const uint64_t a_key = packed_key(a);
    const uint64_t b_key = packed_key(b);
    return a_key != b_key ? a_key < b_key : a.employee_id < b.employee_id;
  };
  if (std::is_sorted(parts.begin(), parts.end(), before)) return;
  std::stable_sort(parts.begin(), parts.end(), before);
}

// Groups parts into rows. In allocation order the parts of one (period,
// component) are contiguous (a grant defers all employer parts of a period),
// so each run is grouped by (due date, own-row employee) on its own. Each
// row's parts go to one flat list, in allocation order.
void GroupIntoRows(Projection& projection) {
  const std::vector<Part>& parts = projection.parts;
  std::vector<int32_t> row_of_part(parts.size());
  std::vector<DayNumber> row_due_days;
  std::vector<int32_t> parts_per_row;
  for (size_t run_begin = 0; run_begin < parts.size();) {
    size_t run_end = run_begin;
    while (run_end < parts.size() && parts[run_end].period_month == parts[run_begin].period_month &&
           parts[run_end].component == parts[run_begin].component) {
      ++run_end;
    }
    const size_t first_row = projection.rows.size();
    for (size_t i = run_begin; i < run_end; ++i) {
      const Part& part = parts[i];
      const std::string_view row_employee = part.own_row ? part.employee_id : std::string_view();
      size_t row_index = first_row;
      while (row_index < projection.rows.size() &&
             (row_due_days[row_index] != part.due_day ||
              projection.rows[row_index].employee_id != row_employee)) {
        ++row_index;
      }
      if (row_index == projection.rows.size()) {
        ObligationRow& row = projection.rows.emplace_back();
        row.period = part.period();
        row.component = part.component;
        row.employee_id = row_employee;
        row.original_due_date = part.original_due_date();
        row.due_date = part.due_date();
        row_due_days.push_back(part.due_day);
        parts_per_row.push_back(0);
      }
      ObligationRow& row = projection.rows[row_index];
      row.deferred = row.deferred || part.deferred;
      ++parts_per_row[row_index];
      row_of_part[i] = static_cast<int32_t>(row_index);
    }
    run_begin = run_end;
  }
  int32_t next_begin = 0;
  for (size_t r = 0; r < projection.rows.size(); ++r) {
    projection.rows[r].parts_begin = next_begin;
    projection.rows[r].parts_end = next_begin;
    next_begin += parts_per_row[r];
  }
  projection.row_parts.resize(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    ObligationRow& row = projection.rows[static_cast<size_t>(row_of_part[i])];
    projection.row_parts[static_cast<size_t>(row.parts_end++)] = static_cast<int32_t>(i);
  }
  std::sort(projection.rows.begin(), projection.rows.end(),
            [](const ObligationRow& a, const ObligationRow& b) {
              return std::forward_as_tuple(a.period, ComponentRank(a.component), a.due_date,
                                           a.employee_id) <
                     std::forward_as_tuple(b.period, ComponentRank(b.component), b.due_date,
                                           b.employee_id);
            });
}

void PriceRows(const Rules& rules, Projection& projection) {
  const int32_t rate_bp = rules.late_fee_rate_bp_per_day();
  const DayNumber as_of_day = ToDayNumber(std::min(projection.as_of, kEndOfTime));
  Totals& totals = projection.totals;
  for (ObligationRow& row : projection.rows) {
    int64_t waived_units = 0;
    for (const int32_t index : projection.PartsOf(row)) {
      const Part& part = projection.parts[static_cast<size_t>(index)];
      row.principal_fen += part.principal_fen;
      row.paid_fen += part.paid_fen;
      waived_units += PartWaivedFeeUnits(part, projection.allocations, as_of_day, rate_bp);
    }
    row.late_fee_fen = RowFeeFen(projection, row, as_of_day, rate_bp,
                                 rules.cap_late_fee_at_principal());
    row.late_fee_waived_fen = RoundFeeUnitsHalfUp(waived_units);
    totals.principal_fen += row.principal_fen;
    totals.paid_fen += row.paid_fen;
    totals.outstanding_fen += row.outstanding_fen();
    if (row.due_date < projection.as_of) totals.overdue_fen += row.outstanding_fen();
    totals.late_fee_fen += row.late_fee_fen;
    totals.late_fee_paid_fen += row.late_fee_paid_fen;
    totals.late_fee_waived_fen += row.late_fee_waived_fen;
    if (row.outstanding_fen() > 0 && row.due_date >= projection.as_of) {
      if (!projection.next_due || row.due_date < projection.next_due->date) {
        projection.next_due = NextDue{row.due_date, 0};
      }
      if (row.due_date == projection.next_due->date) {
        projection.next_due->amount_fen += row.outstanding_fen();
      }
    }
  }
  totals.late_fee_outstanding_fen = totals.late_fee_fen - totals.late_fee_paid_fen;
}

}  // namespace ledger
