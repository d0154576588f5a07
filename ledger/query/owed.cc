#include "ledger/query/owed.h"

#include <algorithm>

#include "ledger/dates.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/view.h"
#include "ledger/enum_names.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

// Adds `id` to `ids` once, keeping first-seen order.
void AddOnce(google::protobuf::RepeatedPtrField<std::string>& ids, std::string_view id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.Add(std::string(id));
}

void FillProvenance(const Projection& projection, const ObligationRow& row,
                    v1::Provenance& provenance) {
  auto add_settled = [&](const Allocation& allocation) {
    AddOnce(*provenance.mutable_settled_by(), projection.event_id(allocation.event_index));
  };
  for (const int32_t index : projection.PartsOf(row)) {
    const Part& part = projection.parts[static_cast<size_t>(index)];
    AddOnce(*provenance.mutable_assessed_by(), projection.event_id(part.assessed_by));
    for (const int32_t moved_by : part.due_moved_by) {
      if (moved_by >= 0) AddOnce(*provenance.mutable_due_moved_by(), projection.event_id(moved_by));
    }
    projection.ForEachAllocation(part.allocations, add_settled);
  }
  projection.ForEachAllocation(row.fee_allocations, [&](const Allocation& allocation) {
    AddOnce(*provenance.mutable_fee_paid_by(), projection.event_id(allocation.event_index));
  });
}

}  // namespace

v1::EmployerBalance ToBalanceMessage(const Projection& projection,
                                     std::string_view employer_id, const OwedQuery& query,
                                     uint32_t rules_version) {
  v1::EmployerBalance balance;
  balance.set_employer_id(std::string(employer_id));
  balance.set_as_of(FormatDate(query.as_of));
  balance.set_known_at(FormatTimestamp(FromMicros(query.known_at_us)));
  balance.set_rules_version(rules_version);
  balance.set_name(std::string(projection.status.name));
  for (const ObligationRow& row : projection.rows) {
    v1::Obligation& obligation = *balance.add_obligations();
    obligation.set_period(FormatMonth(row.period));
    obligation.set_component(std::string(ComponentName(row.component)));
    obligation.set_employee_id(std::string(row.employee_id));
    obligation.set_principal_fen(row.principal_fen);
    obligation.set_paid_fen(row.paid_fen);
    obligation.set_outstanding_fen(row.outstanding_fen());
    obligation.set_original_due_date(FormatDate(row.original_due_date));
    obligation.set_due_date(FormatDate(row.due_date));
    obligation.set_deferred(row.deferred);
    obligation.set_late_fee_fen(row.late_fee_fen);
    obligation.set_late_fee_waived_fen(row.late_fee_waived_fen);
    obligation.set_late_fee_paid_fen(row.late_fee_paid_fen);
    if (query.explain) FillProvenance(projection, row, *obligation.mutable_provenance());
  }
  const Totals& totals = projection.totals;
  v1::BalanceTotals& out = *balance.mutable_totals();
  out.set_principal_fen(totals.principal_fen);
  out.set_paid_fen(totals.paid_fen);
  out.set_outstanding_fen(totals.outstanding_fen);
  out.set_overdue_fen(totals.overdue_fen);
  out.set_late_fee_fen(totals.late_fee_fen);
  out.set_late_fee_paid_fen(totals.late_fee_paid_fen);
  out.set_late_fee_outstanding_fen(totals.late_fee_outstanding_fen);
  out.set_late_fee_waived_fen(totals.late_fee_waived_fen);
  balance.set_credit_fen(projection.credit_fen);
  if (projection.next_due) {
    balance.mutable_next_due()->set_date(FormatDate(projection.next_due->date));
    balance.mutable_next_due()->set_amount_fen(projection.next_due->amount_fen);
  }
  return balance;
}

absl::StatusOr<std::optional<v1::EmployerBalance>> BalanceFolder::FoldView(
    const Rules& rules, std::string_view employer_id, const OwedQuery& query) {
  RETURN_IF_ERROR(FoldEmployerInto(rules, view_, query.as_of, projection_));
  if (!projection_.status.registered) return std::optional<v1::EmployerBalance>();
  return ToBalanceMessage(projection_, employer_id, query, rules.version());
}

absl::StatusOr<std::optional<v1::EmployerBalance>> BalanceFolder::Compute(
    const Rules& rules, std::string_view employer_id, const std::vector<v1::Event>& events,
    const OwedQuery& query) {
  view_ = SelectView(events, query.as_of, query.known_at_us);
  return FoldView(rules, employer_id, query);
}

absl::StatusOr<std::optional<v1::EmployerBalance>> BalanceFolder::Compute(
    const Rules& rules, std::string_view employer_id,
    const std::vector<const v1::Event*>& events, const OwedQuery& query) {
  SelectViewInto(events, query.as_of, query.known_at_us, view_);
  return FoldView(rules, employer_id, query);
}

absl::StatusOr<std::optional<v1::EmployerBalance>> ComputeBalance(
    const Rules& rules, std::string_view employer_id, const std::vector<v1::Event>& events,
    const OwedQuery& query) {
  return BalanceFolder().Compute(rules, employer_id, events, query);
}

}  // namespace ledger
