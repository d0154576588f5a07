#include "ledger/query/trace.h"

#include <algorithm>
#include <limits>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/view.h"
#include "ledger/enum_names.h"
#include "ledger/money.h"
#include "ledger/query/owed.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

std::string DayText(DayNumber day) { return FormatDate(ToCivilDay(day)); }

// The base of each employee's line, per assessment event: asked once per
// part, so looked up in a map built once per event.
class LineBases {
 public:
  explicit LineBases(const Projection& projection) : projection_(projection) {}

  int64_t BaseFen(int32_t event_index, std::string_view employee_id) {
    auto [entry, inserted] = bases_.try_emplace(event_index);
    if (inserted) {
      const v1::Event& event = *projection_.events[static_cast<size_t>(event_index)];
      for (const v1::AssessmentLine& line : event.contribution_assessed().lines()) {
        entry->second.emplace(line.employee_id(), line.base_fen());
      }
    }
    auto found = entry->second.find(employee_id);
    return found == entry->second.end() ? 0 : found->second;
  }

 private:
  const Projection& projection_;
  absl::flat_hash_map<int32_t, absl::flat_hash_map<std::string_view, int64_t>> bases_;
};

// Adds each payment's share of `chain` to `shares` (event index -> fen).
void AddShares(const Projection& projection, AllocationChain chain,
               std::map<int32_t, int64_t>& shares) {
  projection.ForEachAllocation(chain, [&shares](const Allocation& allocation) {
    shares[allocation.event_index] += allocation.amount_fen;
  });
}

// Event indexes are in fold order (date, then sequence): the map's order is
// the order the payments were applied.
void AddPayments(const Projection& projection, const std::map<int32_t, int64_t>& shares,
                 google::protobuf::RepeatedPtrField<v1::TracePayment>& out) {
  for (const auto& [event_index, amount_fen] : shares) {
    const v1::Event& event = *projection.events[static_cast<size_t>(event_index)];
    v1::TracePayment& payment = *out.Add();
    payment.set_event_id(event.event_id());
    payment.set_paid_date(FormatDate(DecodeDate(event.effective_date_yyyymmdd())));
    payment.set_amount_fen(amount_fen);
  }
}

struct RowSegment {
  DayNumber first_day = 0;
  DayNumber last_day = 0;
  int64_t outstanding_fen = 0;
  int32_t grant_index = -1;  // a waived segment's grant, into events
};

// The row's segments of one kind (waived or charged) from its parts': split
// at every part's boundary, outstanding summed, runs of one outstanding
// joined. Units are linear in outstanding and days, so Σ units is unchanged.
std::vector<RowSegment> RowSegments(const Projection& projection, const FoldTrace& trace,
                                    const RowFeeTrace& row, bool waived) {
  std::map<DayNumber, int64_t> change_fen;  // outstanding change from that day on
  int32_t grant_index = -1;
  for (int32_t i = row.segments_begin; i < row.segments_end; ++i) {
    const FeeSegment& segment = trace.segments[static_cast<size_t>(i)];
    if (segment.waived != waived) continue;
    change_fen[segment.first_day] += segment.outstanding_fen;
    change_fen[segment.last_day + 1] -= segment.outstanding_fen;
    grant_index = projection.parts[static_cast<size_t>(segment.part_index)].due_moved_by[0];
  }
  std::vector<RowSegment> segments;
  int64_t outstanding_fen = 0;
  DayNumber from_day = 0;
  for (const auto& [day, change] : change_fen) {
    if (outstanding_fen > 0) {
      if (!segments.empty() && segments.back().outstanding_fen == outstanding_fen &&
          segments.back().last_day + 1 == from_day) {
        segments.back().last_day = day - 1;
      } else {
        segments.push_back(RowSegment{from_day, day - 1, outstanding_fen, grant_index});
      }
    }
    outstanding_fen += change;
    from_day = day;
  }
  return segments;
}

void AddDueHistory(const Projection& projection, const FoldTrace& trace,
                   const ObligationRow& row, v1::TraceRow& out) {
  std::vector<DueStep> steps;
  for (const int32_t index : projection.PartsOf(row)) {
    for (const DueStep& step : trace.due_history[static_cast<size_t>(index)]) {
      const bool seen = std::any_of(steps.begin(), steps.end(), [&step](const DueStep& s) {
        return s.day == step.day && s.event_index == step.event_index && s.rule == step.rule;
      });
      if (!seen) steps.push_back(step);
    }
  }
  for (const DueStep& step : steps) {
    v1::TraceDueStep& due = *out.add_due_history();
    due.set_date(DayText(step.day));
    due.set_rule(std::string(DueRuleName(step.rule)));
    if (step.event_index >= 0) {
      const v1::Event& event = *projection.events[static_cast<size_t>(step.event_index)];
      due.set_event_id(event.event_id());
      due.set_event_type(std::string(EventTypeName(event.payload_case())));
    }
  }
}

// Why a charged segment is charged: after the due date (R4), or because the
// grant that would have waived it was void from the start (R9).
void ChargedReason(const v1::TraceRow& row, v1::TraceFeeSegment& segment) {
  for (const v1::TraceDueStep& step : row.due_history()) {
    if (step.rule() == "R9" && step.date() == row.original_due_date() && row.deferred() == false) {
      segment.set_rule("R9");
      segment.set_reason(absl::StrFormat(
          "grant revoked as a false commitment by %s: void from the start, no fee waived",
          step.event_id()));
      return;
    }
  }
  segment.set_rule("R4");
  segment.set_reason(absl::StrFormat("after the due date %s", row.due_date()));
}

void AddFeeSegments(const Projection& projection, const FoldTrace& trace,
                    const RowFeeTrace& row_fee, v1::TraceRow& out) {
  for (const bool waived : {true, false}) {
    for (const RowSegment& segment : RowSegments(projection, trace, row_fee, waived)) {
      v1::TraceFeeSegment& fee = *out.add_fee_segments();
      const int32_t rate_bp = trace.segments[static_cast<size_t>(row_fee.segments_begin)]
                                  .rate_bp_per_day;
      const int64_t days = segment.last_day - segment.first_day + 1;
      fee.set_from(DayText(segment.first_day));
      fee.set_to(DayText(segment.last_day));
      fee.set_days(static_cast<int32_t>(days));
      fee.set_outstanding_fen(segment.outstanding_fen);
      fee.set_rate_bp_per_day(rate_bp);
      // <= the row's units, which ComputeTrace checked fit int64.
      fee.set_units(static_cast<int64_t>(FeeUnits(days) * segment.outstanding_fen * rate_bp));
      fee.set_waived(waived);
      if (waived) {
        fee.set_rule("R6");
        fee.set_reason(absl::StrFormat(
            "deferred by grant %s",
            segment.grant_index >= 0 ? projection.event_id(segment.grant_index) : ""));
      } else {
        ChargedReason(out, fee);
      }
    }
  }
}

void AddParts(const Projection& projection, const AreaRules* area, const ObligationRow& row,
              LineBases& bases, v1::TraceRow& out) {
  const RatesInForce* rates = area == nullptr ? nullptr : area->RatesFor(row.period);
  for (const int32_t index : projection.PartsOf(row)) {
    const Part& part = projection.parts[static_cast<size_t>(index)];
    v1::TracePart& traced = *out.add_parts();
    traced.set_employee_id(std::string(part.employee_id));
    traced.set_base_fen(bases.BaseFen(part.assessed_by, part.employee_id));
    if (rates != nullptr) {
      traced.set_rate_bp(part.component == v1::COMPONENT_EMPLOYER ? rates->employer_rate_bp
                                                                  : rates->employee_rate_bp);
    }
    traced.set_amount_fen(part.principal_fen);
    traced.set_assessed_by(std::string(projection.event_id(part.assessed_by)));
    traced.set_assessed_date(FormatDate(part.assessed_date()));
  }
}

// Payments in the known-at view that a reversal recorded by then took out.
void AddReversed(const std::vector<v1::Event>& events, const TraceQuery& query,
                 v1::Trace& out) {
  absl::flat_hash_map<std::string_view, const v1::Event*> reversals;
  for (const v1::Event& event : events) {
    if (event.has_event_reversed() && event.recorded_at_us() <= query.known_at_us) {
      reversals.emplace(event.event_reversed().reverses_event_id(), &event);
    }
  }
  if (reversals.empty()) return;
  const int32_t as_of = EncodeDate(std::min(query.as_of, kEndOfTime));
  for (const v1::Event& event : events) {
    if (!IsPayment(event) || event.effective_date_yyyymmdd() > as_of ||
        event.recorded_at_us() > query.known_at_us) {
      continue;
    }
    auto reversal = reversals.find(event.event_id());
    if (reversal == reversals.end()) continue;
    v1::TraceReversed& reversed = *out.add_reversed();
    reversed.set_event_id(event.event_id());
    reversed.set_event_type(std::string(EventTypeName(event.payload_case())));
    reversed.set_effective_date(FormatDate(DecodeDate(event.effective_date_yyyymmdd())));
    const bool catch_up = event.has_catch_up_paid();
    reversed.set_amount_fen(catch_up ? event.catch_up_paid().amount_fen()
                                     : event.contribution_paid().amount_fen());
    const int32_t period = catch_up ? event.catch_up_paid().period_yyyymm()
                                    : event.contribution_paid().period_yyyymm();
    if (period != 0) reversed.set_period(FormatMonth(DecodeMonth(period)));
    reversed.set_reversed_by(reversal->second->event_id());
    reversed.set_reversed_at(FormatTimestamp(FromMicros(reversal->second->recorded_at_us())));
  }
}

bool Selected(const TraceQuery& query, const ObligationRow& row) {
  if (query.period && row.period != *query.period) return false;
  if (query.component && row.component != *query.component) return false;
  return true;
}

// The trace prints exact fee units as int64 (trace.proto). The fold keeps
// them in 128 bits, and a row's fee in fen may fit where its units do not
// (10 000 lines at the largest base, as of 9999-12-31): such a row cannot
// be traced, and the error says which.
absl::Status CheckUnitsPrintable(const Projection& projection, const FoldTrace& trace,
                                 std::string_view employer_id) {
  constexpr int64_t kMaxUnits = std::numeric_limits<int64_t>::max();
  for (size_t r = 0; r < trace.rows.size(); ++r) {
    const RowFeeTrace& row_fee = trace.rows[r];
    if (row_fee.charged_units <= kMaxUnits && row_fee.waived_units <= kMaxUnits) continue;
    const ObligationRow& row = projection.rows[r];
    return absl::OutOfRangeError(absl::StrFormat(
        "employer %s as of %s: row %s %s due %s has more exact fee units (1/10000 fen) than "
        "a trace can print (9 223 372 036 854 775 807); owed prints its figures in fen",
        employer_id, FormatDate(projection.as_of), FormatMonth(row.period),
        ComponentName(row.component), FormatDate(row.due_date)));
  }
  return absl::OkStatus();
}

}  // namespace

v1::Trace ToTraceMessage(const Rules& rules, const Projection& projection,
                         const FoldTrace& trace, std::string_view employer_id,
                         const std::vector<v1::Event>& events, const TraceQuery& query) {
  const OwedQuery owed{query.as_of, query.known_at_us, /*explain=*/false};
  const v1::EmployerBalance balance =
      ToBalanceMessage(projection, employer_id, owed, rules.version());
  v1::Trace out;
  out.set_employer_id(balance.employer_id());
  out.set_as_of(balance.as_of());
  out.set_known_at(balance.known_at());
  out.set_rules_version(balance.rules_version());
  *out.mutable_totals() = balance.totals();
  out.set_credit_fen(balance.credit_fen());
  if (balance.has_next_due()) *out.mutable_next_due() = balance.next_due();
  out.set_name(std::string(projection.status.name));
  out.set_pooling_area(std::string(projection.status.pooling_area));
  for (std::string_view payment : projection.credit_from) out.add_credit_from(std::string(payment));
  const AreaRules* area = rules.FindArea(projection.status.pooling_area);
  LineBases bases(projection);
  for (size_t r = 0; r < projection.rows.size(); ++r) {
    const ObligationRow& row = projection.rows[r];
    if (!Selected(query, row)) continue;
    v1::TraceRow& traced = *out.add_rows();
    // TraceRow's fields 1-12 are Obligation's, same numbers and types: the
    // wire form copies owed's row exactly, with nothing worked out again.
    v1::Obligation obligation = balance.obligations(static_cast<int>(r));
    obligation.clear_provenance();
    traced.ParseFromString(obligation.SerializeAsString());
    AddParts(projection, area, row, bases, traced);
    AddDueHistory(projection, trace, row, traced);
    std::map<int32_t, int64_t> settled;
    for (const int32_t index : projection.PartsOf(row)) {
      AddShares(projection, projection.parts[static_cast<size_t>(index)].allocations, settled);
    }
    AddPayments(projection, settled, *traced.mutable_settlements());
    const RowFeeTrace& row_fee = trace.rows[r];
    AddFeeSegments(projection, trace, row_fee, traced);
    std::map<int32_t, int64_t> fee_paid;
    AddShares(projection, row.fee_allocations, fee_paid);
    AddPayments(projection, fee_paid, *traced.mutable_fee_payments());
    traced.set_late_fee_units(static_cast<int64_t>(row_fee.charged_units));
    traced.set_late_fee_waived_units(static_cast<int64_t>(row_fee.waived_units));
    traced.set_late_fee_before_cap_fen(row_fee.fee_before_cap_fen);
    traced.set_capped(row_fee.capped);
    traced.set_cap_fen(row_fee.cap_fen);
  }
  AddReversed(events, query, out);
  return out;
}

absl::StatusOr<std::optional<v1::Trace>> ComputeTrace(const Rules& rules,
                                                      std::string_view employer_id,
                                                      const std::vector<v1::Event>& events,
                                                      const TraceQuery& query) {
  const std::vector<const v1::Event*> view = SelectView(events, query.as_of, query.known_at_us);
  Projection projection;
  FoldTrace trace;
  RETURN_IF_ERROR(FoldEmployerInto(rules, view, query.as_of, projection, &trace));
  if (!projection.status.registered) return std::optional<v1::Trace>();
  RETURN_IF_ERROR(CheckUnitsPrintable(projection, trace, employer_id));
  return ToTraceMessage(rules, projection, trace, employer_id, events, query);
}

}  // namespace ledger
