#include "ledger/domain/rows.h"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "ledger/dates.h"
#include "ledger/domain/allocation.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/id_order.h"
#include "ledger/domain/late_fee.h"
#include "ledger/domain/view.h"
#include "ledger/money.h"

namespace ledger {

namespace {

// The (deferred, original due date, period, component) prefix of R10's
// order as one integer.
uint64_t PackedOrderKey(const Part& part) {
  // Day numbers count from 1970; from 1900 they are never negative.
  constexpr int64_t kDaysFrom1900To1970 = 25567;
  const uint64_t due_days = static_cast<uint64_t>(part.original_due_day + kDaysFrom1900To1970);
  const uint64_t months = static_cast<uint64_t>(part.period_month);
  return (uint64_t{part.deferred} << 62) | (due_days << 24) | (months << 2) |
         static_cast<uint64_t>(ComponentRank(part.component));
}

}  // namespace

// Puts parts in R10's order: (deferred, original due date, period,
// component), then the employee id; the index keeps it stable. BuildParts
// calls it only when lines came out of employee id order.
void SortIntoAllocationOrder(Projection& projection) {
  std::vector<Part>& parts = projection.parts;
  std::vector<AllocationOrderKey>& keys = projection.scratch.order_keys;
  keys.clear();
  keys.reserve(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    keys.push_back(AllocationOrderKey{PackedOrderKey(parts[i]), static_cast<int32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(),
            [&parts](const AllocationOrderKey& a, const AllocationOrderKey& b) {
              if (a.packed != b.packed) return a.packed < b.packed;
              const std::string_view a_id = parts[static_cast<size_t>(a.part_index)].employee_id;
              const std::string_view b_id = parts[static_cast<size_t>(b.part_index)].employee_id;
              if (IdLess(a_id, b_id)) return true;
              if (IdLess(b_id, a_id)) return false;
              return a.part_index < b.part_index;
            });
  std::vector<Part>& sorted = projection.scratch.sorted_parts;
  sorted.clear();
  sorted.reserve(parts.size());
  for (const AllocationOrderKey& key : keys) {
    sorted.push_back(parts[static_cast<size_t>(key.part_index)]);
  }
  parts.swap(sorted);
}

namespace {

ObligationRow& AddRow(Projection& projection, const Part& part, std::string_view employee_id) {
  ObligationRow& row = projection.rows.emplace_back();
  row.period = part.period();
  row.component = part.component;
  row.employee_id = employee_id;
  row.original_due_date = part.original_due_date();
  row.due_date = part.due_date();
  row.deferred = part.deferred;
  return row;
}

// Groups the run parts[begin, end) of one (period, component) by (due date,
// own-row employee), rows in order of their first part. The rows' parts fill
// row_parts[begin, end), each row's in allocation order.
void GroupRun(Projection& projection, int32_t begin, int32_t end) {
  const std::vector<Part>& parts = projection.parts;
  const size_t first_row = projection.rows.size();
  std::vector<int32_t>& row_of_part = projection.scratch.row_of_part;
  std::vector<int32_t>& parts_per_row = projection.scratch.parts_per_row;
  row_of_part.clear();
  parts_per_row.clear();
  for (int32_t i = begin; i < end; ++i) {
    const Part& part = parts[static_cast<size_t>(i)];
    const std::string_view row_employee = part.own_row ? part.employee_id : std::string_view();
    size_t row = first_row;
    while (row < projection.rows.size() &&
           (ToDayNumber(projection.rows[row].due_date) != part.due_day ||
            projection.rows[row].employee_id != row_employee)) {
      ++row;
    }
    if (row == projection.rows.size()) {
      AddRow(projection, part, row_employee);
      parts_per_row.push_back(0);
    }
    projection.rows[row].deferred = projection.rows[row].deferred || part.deferred;
    ++parts_per_row[row - first_row];
    row_of_part.push_back(static_cast<int32_t>(row - first_row));
  }
  int32_t next_begin = begin;
  for (size_t r = first_row; r < projection.rows.size(); ++r) {
    projection.rows[r].parts_begin = next_begin;
    projection.rows[r].parts_end = next_begin;
    next_begin += parts_per_row[r - first_row];
  }
  for (int32_t i = begin; i < end; ++i) {
    ObligationRow& row = projection.rows[first_row + static_cast<size_t>(row_of_part[static_cast<size_t>(i - begin)])];
    projection.row_parts[static_cast<size_t>(row.parts_end++)] = i;
  }
}

}  // namespace

// Groups parts into rows. In allocation order the parts of one (period,
// component) are contiguous (a grant defers all employer parts of a period),
// so each run is grouped on its own; most runs are one row (one due date, no
// accelerated employee), whose parts are the run itself.
void GroupIntoRows(Projection& projection) {
  const std::vector<Part>& parts = projection.parts;
  projection.row_parts.resize(parts.size());
  const int32_t part_count = static_cast<int32_t>(parts.size());
  for (int32_t begin = 0; begin < part_count;) {
    const Part& first = parts[static_cast<size_t>(begin)];
    // In R10's order a run is a prefix of what follows it: found by bisection.
    const int32_t end = static_cast<int32_t>(
        std::partition_point(parts.begin() + begin, parts.end(),
                             [&first](const Part& part) {
                               return part.period_month == first.period_month &&
                                      part.component == first.component &&
                                      part.deferred == first.deferred;
                             }) -
        parts.begin());
    // Only deferral (SetDueDates) gives parts their own due dates or rows.
    bool one_row = !first.deferred || !first.own_row;
    for (int32_t i = begin + 1; first.deferred && one_row && i < end; ++i) {
      const Part& part = parts[static_cast<size_t>(i)];
      one_row = !part.own_row && part.due_day == first.due_day;
    }
    if (one_row) {
      ObligationRow& row = AddRow(projection, first, std::string_view());
      row.parts_begin = begin;
      row.parts_end = end;
      for (int32_t i = begin; i < end; ++i) projection.row_parts[static_cast<size_t>(i)] = i;
    } else {
      GroupRun(projection, begin, end);
    }
    begin = end;
  }
  std::sort(projection.rows.begin(), projection.rows.end(),
            [](const ObligationRow& a, const ObligationRow& b) {
              return std::forward_as_tuple(a.period, ComponentRank(a.component), a.due_date,
                                           a.employee_id) <
                     std::forward_as_tuple(b.period, ComponentRank(b.component), b.due_date,
                                           b.employee_id);
            });
}

void PriceRows(const Rules& rules, Projection& projection, FoldTrace* trace) {
  const int32_t rate_bp = rules.late_fee_rate_bp_per_day();
  const DayNumber as_of_day = ToDayNumber(std::min(projection.as_of, kEndOfTime));
  Totals& totals = projection.totals;
  for (ObligationRow& row : projection.rows) {
    const RowFigures figures = RowFiguresThrough(projection, row, as_of_day, rate_bp,
                                                 rules.cap_late_fee_at_principal(), trace);
    if (figures.overflowed != nullptr) projection.NoteOverflow(figures.overflowed, &row);
    row.principal_fen = figures.principal_fen;
    row.paid_fen = figures.paid_fen;
    row.late_fee_fen = figures.late_fee_fen;
    const std::optional<int64_t> waived_fen = RoundFeeUnitsHalfUp(figures.waived_fee_units);
    if (!waived_fen) projection.NoteOverflow("waived late fee", &row);
    row.late_fee_waived_fen = waived_fen.value_or(0);
    // Totals run over every row of the employer: checked (money.h).
    bool fits = AddFen(totals.principal_fen, row.principal_fen);
    fits &= AddFen(totals.paid_fen, row.paid_fen);
    fits &= AddFen(totals.outstanding_fen, row.outstanding_fen());
    if (row.due_date < projection.as_of) fits &= AddFen(totals.overdue_fen, row.outstanding_fen());
    fits &= AddFen(totals.late_fee_fen, row.late_fee_fen);
    fits &= AddFen(totals.late_fee_paid_fen, row.late_fee_paid_fen);
    fits &= AddFen(totals.late_fee_waived_fen, row.late_fee_waived_fen);
    if (row.outstanding_fen() > 0 && row.due_date >= projection.as_of) {
      if (!projection.next_due || row.due_date < projection.next_due->date) {
        projection.next_due = NextDue{row.due_date, 0};
      }
      if (row.due_date == projection.next_due->date) {
        fits &= AddFen(projection.next_due->amount_fen, row.outstanding_fen());
      }
    }
    if (!fits) projection.NoteOverflow("employer total", &row);
  }
  totals.late_fee_outstanding_fen = totals.late_fee_fen - totals.late_fee_paid_fen;
}

}  // namespace ledger
