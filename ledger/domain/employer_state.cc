#include "ledger/domain/employer_state.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "ledger/dates.h"
#include "ledger/enum_names.h"
#include "ledger/domain/allocation.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/due_dates.h"
#include "ledger/domain/id_order.h"
#include "ledger/domain/rows.h"
#include "ledger/domain/view.h"
#include "ledger/money.h"

namespace ledger {
namespace {

void RecordDeparture(Facts& facts, std::string_view employee_id, const DatedEvent& event) {
  auto [found, inserted] = facts.departures.try_emplace(employee_id, event);
  if (!inserted && event.day < found->second.day) found->second = event;
}

void RevokeLatestGrant(Projection& projection, int32_t event_index) {
  const v1::Event& event = *projection.events[static_cast<size_t>(event_index)];
  const v1::DeferralRevoked& revoked = event.deferral_revoked();
  for (auto grant = projection.grants.rbegin(); grant != projection.grants.rend(); ++grant) {
    if (grant->policy_id != revoked.policy_id() || grant->revoked()) continue;
    grant->revoked_reason = revoked.reason();
    grant->revoked_on = DecodeDate(event.effective_date_yyyymmdd());
    grant->revoked_by = event.event_id();
    grant->revoked_by_index = event_index;
    return;
  }
}

void RecordGrant(Projection& projection, int32_t event_index) {
  const v1::Event& event = *projection.events[static_cast<size_t>(event_index)];
  const v1::DeferralGranted& granted = event.deferral_granted();
  Grant grant;
  grant.event_id = event.event_id();
  grant.event_index = event_index;
  grant.policy_id = granted.policy_id();
  grant.granted_on = DecodeDate(event.effective_date_yyyymmdd());
  grant.first_period = DecodeMonth(granted.first_period_yyyymm());
  grant.last_period = DecodeMonth(granted.last_period_yyyymm());
  projection.grants.push_back(grant);
}

void RecordRegistration(EmployerStatus& status, const v1::Event& event) {
  if (status.registered) return;  // a second registration is refused at import
  const v1::EmployerRegistered& registered = event.employer_registered();
  status.registered = true;
  status.name = registered.name();
  status.pooling_area = registered.pooling_area();
  status.entity_type = registered.entity_type();
  status.size_class = registered.size_class();
  status.registered_on = DecodeDate(event.effective_date_yyyymmdd());
}

// Gathers the facts of the view in one pass, in fold order, into the
// projection's scratch memory.
const Facts& CollectFacts(Projection& projection) {
  Facts& facts = projection.scratch.facts;
  facts.Clear();
  for (size_t i = 0; i < projection.events.size(); ++i) {
    const v1::Event* event = projection.events[i];
    const int32_t index = static_cast<int32_t>(i);
    const DatedEvent dated{DayNumberFromYyyymmdd(event->effective_date_yyyymmdd()), index};
    switch (event->payload_case()) {
      case v1::Event::kEmployerRegistered:
        RecordRegistration(projection.status, *event);
        break;
      case v1::Event::kEmployerReclassified:
        projection.status.size_class = event->employer_reclassified().size_class();
        break;
      case v1::Event::kContributionAssessed:
        facts.assessments.push_back(DatedAssessment{
            MonthNumberFromYyyymm(event->contribution_assessed().period_yyyymm()), index});
        break;
      case v1::Event::kContributionPaid:
      case v1::Event::kCatchUpPaid:
        facts.payments.push_back(index);
        break;
      case v1::Event::kDeferralGranted:
        RecordGrant(projection, index);
        break;
      case v1::Event::kDeferralRevoked:
        RevokeLatestGrant(projection, index);
        break;
      case v1::Event::kEmployeeSeparated:
        RecordDeparture(facts, event->employee_separated().employee_id(), dated);
        break;
      case v1::Event::kEmployeeRetired:
        RecordDeparture(facts, event->employee_retired().employee_id(), dated);
        break;
      case v1::Event::kEmployeeTransferredOut:
        RecordDeparture(facts, event->employee_transferred_out().employee_id(), dated);
        break;
      case v1::Event::kEmployerDeregistered:
        if (!facts.deregistration) facts.deregistration = dated;
        projection.status.deregistered_on = ToCivilDay(facts.deregistration->day);
        break;
      default:  // applications and rejections price nothing
        break;
    }
  }
  // (period, fold order) is unique: std::sort, which needs no buffer, is stable here.
  std::sort(facts.assessments.begin(), facts.assessments.end(),
            [](const DatedAssessment& a, const DatedAssessment& b) {
              return a.period_month != b.period_month ? a.period_month < b.period_month
                                                      : a.event_index < b.event_index;
            });
  return facts;
}

const v1::ContributionAssessed& AssessmentAt(const Projection& projection, int32_t index) {
  return projection.events[static_cast<size_t>(index)]->contribution_assessed();
}

size_t CountLines(const Projection& projection, absl::Span<const DatedAssessment> assessments) {
  size_t lines = 0;
  for (const DatedAssessment& assessment : assessments) {
    lines += static_cast<size_t>(AssessmentAt(projection, assessment.event_index).lines_size());
  }
  return lines;
}

// One part per (line, component). The import refuses a second line for an
// employee and period, so parts are never merged here. Parts are built in
// R10's allocation order as far as it can be known now: period by period,
// the employee parts of all its assessments, then its employer parts; the
// deferred employer parts after all of them. Each line is read once. Returns
// whether that is R10's order already: it is when each period's lines come
// in employee id order (ids that grow with hiring do) and original due dates
// grow with the period, and then no sort is needed.
absl::StatusOr<bool> BuildParts(const Rules& rules, const AreaRules& area, const Facts& facts,
                                Projection& projection) {
  bool in_order = true;
  DayNumber previous_due_day = std::numeric_limits<DayNumber>::min();
  std::vector<Part>& parts = projection.parts;
  std::vector<Part>& deferred_parts = projection.scratch.deferred_parts;
  deferred_parts.clear();
  parts.reserve(2 * CountLines(projection, facts.assessments));
  const absl::Span<const DatedAssessment> assessments = facts.assessments;
  for (size_t group_begin = 0; group_begin < assessments.size();) {
    const MonthNumber period_month = assessments[group_begin].period_month;
    size_t group_end = group_begin + 1;
    while (group_end < assessments.size() && assessments[group_end].period_month == period_month) {
      ++group_end;
    }
    const absl::Span<const DatedAssessment> group =
        assessments.subspan(group_begin, group_end - group_begin);
    group_begin = group_end;
    const absl::CivilMonth period = ToCivilMonth(period_month);
    const RatesInForce* rates = area.RatesFor(period);
    if (rates == nullptr) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "event %s: area %s has no contribution rate for period %s in rules version %d",
          projection.event_id(group.front().event_index), area.code, FormatMonth(period),
          rules.version()));
    }
    const bool employer_deferred = CoveringGrant(projection, period) >= 0;
    const DayNumber original_due_day = ToDayNumber(rules.OriginalDueDate(area, period));
    in_order = in_order && previous_due_day <= original_due_day;
    previous_due_day = original_due_day;
    std::string_view previous_id;
    // Sized with default parts, then every field set once per line below (a
    // resize copying a filled-in part stalls on each copy).
    const size_t group_lines = CountLines(projection, group);
    const size_t employee_begin = parts.size();
    parts.resize(employee_begin + (employer_deferred ? group_lines : 2 * group_lines));
    std::vector<Part>& employer_parts = employer_deferred ? deferred_parts : parts;
    size_t employer_next =
        employer_deferred ? deferred_parts.size() : employee_begin + group_lines;
    if (employer_deferred) deferred_parts.resize(deferred_parts.size() + group_lines);
    size_t employee_next = employee_begin;
    for (const DatedAssessment& assessment : group) {
      const v1::Event& event = *projection.events[static_cast<size_t>(assessment.event_index)];
      const DayNumber assessed_day = DayNumberFromYyyymmdd(event.effective_date_yyyymmdd());
      const auto& lines = event.contribution_assessed().lines();
      const int line_count = lines.size();
      for (int i = 0; i < line_count; ++i) {
        // Each line and its id string are separate heap objects, read once
        // here and missing the cache: ask for them a few lines ahead so that
        // the misses overlap (the message first, then the string it points to).
        constexpr int kMessagesAhead = 16;
        constexpr int kStringsAhead = 8;
        if (i + kMessagesAhead < line_count) __builtin_prefetch(&lines.Get(i + kMessagesAhead));
        if (i + kStringsAhead < line_count) {
          __builtin_prefetch(&lines.Get(i + kStringsAhead).employee_id());
        }
        const v1::AssessmentLine& line = lines.Get(i);
        const std::string_view employee_id = line.employee_id();
        in_order =
            in_order && (employee_next == employee_begin || IdLess(previous_id, employee_id));
        previous_id = employee_id;
        Part& employee = parts[employee_next++];
        Part& employer = employer_parts[employer_next++];
        for (Part* part : {&employee, &employer}) {
          part->employee_id = employee_id;
          part->period_month = period_month;
          part->assessed_day = assessed_day;
          part->original_due_day = original_due_day;
          part->due_day = original_due_day;
          part->assessed_by = assessment.event_index;
        }
        employee.component = v1::COMPONENT_EMPLOYEE;
        employee.principal_fen = ApplyRate(line.base_fen(), rates->employee_rate_bp);
        employer.component = v1::COMPONENT_EMPLOYER;
        employer.principal_fen = ApplyRate(line.base_fen(), rates->employer_rate_bp);
      }
    }
  }
  parts.insert(parts.end(), deferred_parts.begin(), deferred_parts.end());
  return in_order;
}

// Starts each part's traced history at its original due date (R2).
void TraceOriginalDueDates(const Projection& projection, FoldTrace& trace) {
  trace.due_history.resize(projection.parts.size());
  for (size_t i = 0; i < projection.parts.size(); ++i) {
    trace.due_history[i].assign(
        1, DueStep{projection.parts[i].original_due_day, -1, DueRule::kR2Original});
  }
}

// Puts the traced histories in the parts' order after SortIntoAllocationOrder,
// which left its permutation in the scratch keys.
void ReorderTrace(const Projection& projection, FoldTrace& trace) {
  std::vector<std::vector<DueStep>> sorted(trace.due_history.size());
  const std::vector<AllocationOrderKey>& keys = projection.scratch.order_keys;
  for (size_t i = 0; i < keys.size(); ++i) {
    sorted[i] = std::move(trace.due_history[static_cast<size_t>(keys[i].part_index)]);
  }
  trace.due_history.swap(sorted);
}

// The one place an overflowed figure becomes an error: owed, clearance,
// trace, statements and every report fold through FoldEmployerInto.
absl::Status OverflowError(const Rules& rules, const Projection& projection) {
  const FigureOverflow& overflow = *projection.overflow;
  std::string row = "its totals";
  if (overflow.has_row) {
    row = absl::StrFormat("row %s %s due %s%s", FormatMonth(overflow.period),
                          ComponentName(overflow.component), FormatDate(overflow.due_date),
                          overflow.employee_id.empty()
                              ? ""
                              : absl::StrFormat(" employee %s", overflow.employee_id));
  }
  return absl::OutOfRangeError(absl::StrFormat(
      "employer %s as of %s: the %s of %s is more fen than the ledger can hold "
      "(9 223 372 036 854 775 807); no figure is given rather than a wrong one. "
      "Rules version %d charges %d bp a day; check the rule set and the bases "
      "against the limits in ledger/money.h",
      projection.events.front()->employer_id(), FormatDate(projection.as_of), overflow.figure,
      row, rules.version(), rules.late_fee_rate_bp_per_day()));
}

}  // namespace

absl::Status FoldEmployerInto(const Rules& rules, const std::vector<const v1::Event*>& view,
                              absl::CivilDay as_of, Projection& projection) {
  return FoldEmployerInto(rules, view, as_of, projection, nullptr);
}

absl::Status FoldEmployerInto(const Rules& rules, const std::vector<const v1::Event*>& view,
                              absl::CivilDay as_of, Projection& projection, FoldTrace* trace) {
  if (trace != nullptr) trace->Clear();
  projection.Clear();
  projection.as_of = as_of;
  projection.events = view;
  projection.events_folded = static_cast<int64_t>(view.size());
  const Facts& facts = CollectFacts(projection);
  if (!projection.status.registered) return absl::OkStatus();
  const AreaRules* area = rules.FindArea(projection.status.pooling_area);
  if (area == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrFormat("pooling area %s is not in rules version %d",
                        projection.status.pooling_area, rules.version()));
  }
  const absl::StatusOr<bool> parts_in_order = BuildParts(rules, *area, facts, projection);
  if (!parts_in_order.ok()) return parts_in_order.status();
  if (trace != nullptr) TraceOriginalDueDates(projection, *trace);
  if (absl::Status dated = SetDueDates(rules, *area, facts, projection, trace); !dated.ok()) {
    return dated;
  }
  if (!*parts_in_order) {
    SortIntoAllocationOrder(projection);
    if (trace != nullptr) ReorderTrace(projection, *trace);
  }
  GroupIntoRows(projection);
  PaymentAllocator allocator(projection, rules.late_fee_rate_bp_per_day(),
                             rules.cap_late_fee_at_principal());
  for (const int32_t payment : facts.payments) allocator.Apply(payment);
  PriceRows(rules, projection, trace);
  if (projection.overflow) return OverflowError(rules, projection);
  return absl::OkStatus();
}

absl::StatusOr<Projection> FoldEmployer(const Rules& rules,
                                        const std::vector<const v1::Event*>& view,
                                        absl::CivilDay as_of) {
  Projection projection;
  if (absl::Status folded = FoldEmployerInto(rules, view, as_of, projection); !folded.ok()) {
    return folded;
  }
  return projection;
}

}  // namespace ledger
