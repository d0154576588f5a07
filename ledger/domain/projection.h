// What the fold of one employer's view produces: parts, obligation rows,
// totals, credit, and the employer's status, with the provenance of every
// figure. Plain values; event ids are string_views into (and provenance
// indexes of) the events that were folded, so a Projection must not outlive them.
#ifndef LEDGER_DOMAIN_PROJECTION_H_
#define LEDGER_DOMAIN_PROJECTION_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/fold_scratch.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

// A payment's share of one part, or of one row's fee. Allocations live in
// one pool per projection (Projection::allocations), each part's and each
// row's chained through `next` in payment order (= date order): a fold of a
// city allocates millions, and one small pool is far cheaper than a vector
// per part.
struct Allocation {
  DayNumber paid_day = 0;
  int32_t event_index = -1;  // into Projection::events
  int64_t amount_fen = 0;
  int32_t next = -1;         // the next allocation of the same part or row

  absl::CivilDay paid_date() const { return ToCivilDay(paid_day); }
};

// The head and tail of a chain of allocations in Projection::allocations.
struct AllocationChain {
  int32_t first = -1;
  int32_t last = -1;

  bool empty() const { return first < 0; }
};

// One (period, component, employee) share of an assessment (R3). Packed
// small: a city's fold builds millions of parts (day numbers, not CivilDay;
// provenance as indexes into Projection::events).
struct Part {
  std::string_view employee_id;
  int64_t principal_fen = 0;
  int64_t paid_fen = 0;
  MonthNumber period_month = 0;
  DayNumber assessed_day = 0;  // settled only by payments on or after it (R10)
  DayNumber original_due_day = 0;
  DayNumber due_day = 0;       // effective: after deferral, acceleration, ...
  int32_t assessed_by = -1;    // the assessment, into Projection::events
  // The grant that deferred it, then what brought it forward (R6-R9), if any.
  std::array<int32_t, 2> due_moved_by = {-1, -1};
  AllocationChain allocations;
  v1::Component component = v1::COMPONENT_UNSPECIFIED;  // EMPLOYER or EMPLOYEE
  bool deferred = false;       // covered by a grant that was not voided
  bool own_row = false;        // R7 set its due date: a row of its own

  int64_t outstanding_fen() const { return principal_fen - paid_fen; }
  absl::CivilMonth period() const { return ToCivilMonth(period_month); }
  absl::CivilDay assessed_date() const { return ToCivilDay(assessed_day); }
  absl::CivilDay original_due_date() const { return ToCivilDay(original_due_day); }
  absl::CivilDay due_date() const { return ToCivilDay(due_day); }
};

// An obligation row: the parts with the same (period, component, due date),
// or one accelerated employee's part (R3, R7).
struct ObligationRow {
  absl::CivilMonth period;
  v1::Component component = v1::COMPONENT_UNSPECIFIED;
  std::string_view employee_id;  // set only on an own_row part
  absl::CivilDay original_due_date;
  absl::CivilDay due_date;
  bool deferred = false;
  // Its parts: Projection::row_parts[parts_begin, parts_end) index Projection::parts.
  int32_t parts_begin = 0;
  int32_t parts_end = 0;
  int64_t principal_fen = 0;
  int64_t paid_fen = 0;
  int64_t late_fee_fen = 0;         // accrued to as_of, rounded once, capped if set
  int64_t late_fee_waived_fen = 0;  // R6, never capped
  int64_t late_fee_paid_fen = 0;
  AllocationChain fee_allocations;

  int64_t outstanding_fen() const { return principal_fen - paid_fen; }
};

struct Grant {
  std::string_view event_id;
  int32_t event_index = -1;  // into Projection::events
  std::string_view policy_id;
  absl::CivilDay granted_on;
  absl::CivilMonth first_period;
  absl::CivilMonth last_period;
  v1::RevocationReason revoked_reason = v1::REVOCATION_REASON_UNSPECIFIED;
  std::optional<absl::CivilDay> revoked_on;
  std::string_view revoked_by;
  int32_t revoked_by_index = -1;

  bool voided() const { return revoked_reason == v1::REVOCATION_REASON_FALSE_COMMITMENT; }
  bool revoked() const { return revoked_reason != v1::REVOCATION_REASON_UNSPECIFIED; }
};

struct EmployerStatus {
  bool registered = false;
  std::string_view name;
  std::string_view pooling_area;
  v1::EntityType entity_type = v1::ENTITY_TYPE_UNSPECIFIED;
  v1::SizeClass size_class = v1::SIZE_CLASS_UNSPECIFIED;
  std::optional<absl::CivilDay> registered_on;
  std::optional<absl::CivilDay> deregistered_on;
};

struct Totals {
  int64_t principal_fen = 0;
  int64_t paid_fen = 0;
  int64_t outstanding_fen = 0;
  int64_t overdue_fen = 0;
  int64_t late_fee_fen = 0;
  int64_t late_fee_paid_fen = 0;
  int64_t late_fee_outstanding_fen = 0;
  int64_t late_fee_waived_fen = 0;
};

struct NextDue {
  absl::CivilDay date;
  int64_t amount_fen = 0;
};

// A figure the fold could not represent in int64 fen (money.h's limits
// bound parts and rows of one assessment, not how many there are): which
// figure, and the row (period, component, due date, employee) it belongs to.
// The fold keeps the first; FoldEmployerInto returns it as OutOfRange.
struct FigureOverflow {
  std::string figure;  // "late fee", "principal", "total late fee", "credit", ...
  bool has_row = false;
  absl::CivilMonth period;
  v1::Component component = v1::COMPONENT_UNSPECIFIED;
  absl::CivilDay due_date;
  std::string employee_id;
};

struct Projection {
  absl::CivilDay as_of;
  std::vector<const v1::Event*> events;  // the view folded; provenance indexes it
  EmployerStatus status;
  std::vector<Grant> grants;
  std::vector<Part> parts;           // in allocation order (R10)
  std::vector<ObligationRow> rows;   // sorted: period, component, due date, employee_id
  std::vector<int32_t> row_parts;    // each row's parts, in allocation order
  std::vector<Allocation> allocations;
  Totals totals;
  int64_t credit_fen = 0;
  std::vector<std::string_view> credit_from;  // payments that left credit
  std::optional<NextDue> next_due;
  int64_t events_folded = 0;
  // Set when a figure overflowed: every figure is then void (FoldEmployerInto
  // returns OutOfRange, never this projection's numbers).
  std::optional<FigureOverflow> overflow;
  FoldScratch scratch;  // memory only: never part of the answer

  // Records that `figure` of `row` (nullptr: of the employer as a whole) does
  // not fit int64 fen; the first one recorded is kept. Off the hot path.
  void NoteOverflow(std::string_view figure, const ObligationRow* row) {
    if (overflow) return;
    FigureOverflow& noted = overflow.emplace();
    noted.figure = std::string(figure);
    if (row == nullptr) return;
    noted.has_row = true;
    noted.period = row->period;
    noted.component = row->component;
    noted.due_date = row->due_date;
    noted.employee_id = std::string(row->employee_id);
  }

  // Empties every field but keeps the vectors' memory for the next fold.
  void Clear() {
    as_of = absl::CivilDay();
    events.clear();
    status = EmployerStatus();
    grants.clear();
    parts.clear();
    rows.clear();
    row_parts.clear();
    allocations.clear();
    totals = Totals();
    credit_fen = 0;
    credit_from.clear();
    next_due.reset();
    events_folded = 0;
    overflow.reset();
  }

  std::string_view event_id(int32_t event_index) const {
    return events[static_cast<size_t>(event_index)]->event_id();
  }
  // Returns the parts of `row`, as indexes into `parts`.
  absl::Span<const int32_t> PartsOf(const ObligationRow& row) const {
    return absl::MakeConstSpan(row_parts).subspan(
        static_cast<size_t>(row.parts_begin),
        static_cast<size_t>(row.parts_end - row.parts_begin));
  }
  // Calls `visit(allocation)` for each allocation of `chain`, in payment order.
  template <typename Visit>
  void ForEachAllocation(AllocationChain chain, Visit visit) const {
    for (int32_t i = chain.first; i >= 0; i = allocations[static_cast<size_t>(i)].next) {
      visit(allocations[static_cast<size_t>(i)]);
    }
  }
};

}  // namespace ledger

#endif  // LEDGER_DOMAIN_PROJECTION_H_
