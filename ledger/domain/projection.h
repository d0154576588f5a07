// What the fold of one employer's view produces: parts, obligation rows,
// totals, credit, and the employer's status, with the provenance of every
// figure. Plain values; event ids are string_views into the events that were
// folded, so a Projection must not outlive them.
#ifndef LEDGER_DOMAIN_PROJECTION_H_
#define LEDGER_DOMAIN_PROJECTION_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/time/civil_time.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

// A payment's share of one part, or of one row's fee.
struct Allocation {
  absl::CivilDay paid_date;
  int64_t amount_fen = 0;
  std::string_view event_id;
};

// Inline capacity for the common case (one assessment, one or two payments,
// one or two due-date moves): a fold of a city allocates millions of parts.
using Allocations = absl::InlinedVector<Allocation, 2>;
using EventIds = absl::InlinedVector<std::string_view, 2>;

// One (period, component, employee) share of an assessment (R3).
struct Part {
  absl::CivilMonth period;
  v1::Component component = v1::COMPONENT_UNSPECIFIED;  // EMPLOYER or EMPLOYEE
  std::string_view employee_id;
  int64_t principal_fen = 0;
  absl::CivilDay assessed_date;  // settled only by payments on or after it (R10)
  absl::CivilDay original_due_date;
  absl::CivilDay due_date;       // effective: after deferral, acceleration, ...
  bool deferred = false;         // covered by a grant that was not voided
  bool own_row = false;          // R7 set its due date: a row of its own
  int64_t paid_fen = 0;
  Allocations allocations;  // in payment order (= date order)
  EventIds assessed_by;
  EventIds due_moved_by;

  int64_t outstanding_fen() const { return principal_fen - paid_fen; }
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
  absl::InlinedVector<int, 4> part_indexes;  // into Projection::parts
  int64_t principal_fen = 0;
  int64_t paid_fen = 0;
  int64_t late_fee_fen = 0;         // accrued to as_of, rounded once, capped if set
  int64_t late_fee_waived_fen = 0;  // R6, never capped
  int64_t late_fee_paid_fen = 0;
  Allocations fee_allocations;

  int64_t outstanding_fen() const { return principal_fen - paid_fen; }
};

struct Grant {
  std::string_view event_id;
  std::string_view policy_id;
  absl::CivilDay granted_on;
  absl::CivilMonth first_period;
  absl::CivilMonth last_period;
  v1::RevocationReason revoked_reason = v1::REVOCATION_REASON_UNSPECIFIED;
  std::optional<absl::CivilDay> revoked_on;
  std::string_view revoked_by;

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

struct Projection {
  absl::CivilDay as_of;
  EmployerStatus status;
  std::vector<Grant> grants;
  std::vector<Part> parts;           // in allocation order (R10)
  std::vector<ObligationRow> rows;   // sorted: period, component, due date, employee_id
  Totals totals;
  int64_t credit_fen = 0;
  std::vector<std::string_view> credit_from;  // payments that left credit
  std::optional<NextDue> next_due;
  int64_t events_folded = 0;
};

}  // namespace ledger

#endif  // LEDGER_DOMAIN_PROJECTION_H_
