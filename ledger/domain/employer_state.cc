#include "ledger/domain/employer_state.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/allocation.h"
#include "ledger/domain/late_fee.h"
#include "ledger/domain/view.h"
#include "ledger/money.h"

namespace ledger {
namespace {

struct DatedEvent {
  absl::CivilDay date;
  std::string_view event_id;
};

// The facts of a view, gathered in one pass in fold order.
struct Facts {
  std::vector<const v1::Event*> assessments;
  std::vector<const v1::Event*> payments;
  // An employee's earliest separation, retirement or transfer (R7).
  absl::flat_hash_map<std::string_view, DatedEvent> departures;
  std::optional<DatedEvent> deregistration;
};

void RecordDeparture(Facts& facts, std::string_view employee_id, const DatedEvent& event) {
  auto [found, inserted] = facts.departures.try_emplace(employee_id, event);
  if (!inserted && event.date < found->second.date) found->second = event;
}

void RevokeLatestGrant(Projection& projection, const v1::Event& event) {
  const v1::DeferralRevoked& revoked = event.deferral_revoked();
  for (auto grant = projection.grants.rbegin(); grant != projection.grants.rend(); ++grant) {
    if (grant->policy_id != revoked.policy_id() || grant->revoked()) continue;
    grant->revoked_reason = revoked.reason();
    grant->revoked_on = DecodeDate(event.effective_date_yyyymmdd());
    grant->revoked_by = event.event_id();
    return;
  }
}

void RecordGrant(Projection& projection, const v1::Event& event) {
  const v1::DeferralGranted& granted = event.deferral_granted();
  Grant grant;
  grant.event_id = event.event_id();
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

Facts CollectFacts(const std::vector<const v1::Event*>& view, Projection& projection) {
  Facts facts;
  for (const v1::Event* event : view) {
    const DatedEvent dated{DecodeDate(event->effective_date_yyyymmdd()), event->event_id()};
    switch (event->payload_case()) {
      case v1::Event::kEmployerRegistered:
        RecordRegistration(projection.status, *event);
        break;
      case v1::Event::kEmployerReclassified:
        projection.status.size_class = event->employer_reclassified().size_class();
        break;
      case v1::Event::kContributionAssessed:
        facts.assessments.push_back(event);
        break;
      case v1::Event::kContributionPaid:
      case v1::Event::kCatchUpPaid:
        facts.payments.push_back(event);
        break;
      case v1::Event::kDeferralGranted:
        RecordGrant(projection, *event);
        break;
      case v1::Event::kDeferralRevoked:
        RevokeLatestGrant(projection, *event);
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
        projection.status.deregistered_on = facts.deregistration->date;
        break;
      default:  // applications and rejections price nothing
        break;
    }
  }
  return facts;
}

size_t CountLines(const Facts& facts) {
  size_t lines = 0;
  for (const v1::Event* event : facts.assessments) {
    lines += static_cast<size_t>(event->contribution_assessed().lines_size());
  }
  return lines;
}

const Grant* CoveringGrant(const Projection& projection, absl::CivilMonth period) {
  for (const Grant& grant : projection.grants) {
    if (!grant.voided() && grant.first_period <= period && period <= grant.last_period) {
      return &grant;
    }
  }
  return nullptr;
}

// One part per (line, component). The import refuses a second line for an
// employee and period, so parts are never merged here. Parts are built in
// R10's allocation order as far as it can be known now: every part not
// deferred first (per assessment, employee parts before employer parts), then
// the deferred employer parts; a history assessed in period order then needs
// no sort (SortIntoAllocationOrder finds it sorted in one scan).
absl::Status BuildParts(const Rules& rules, const AreaRules& area, const Facts& facts,
                        Projection& projection) {
  projection.parts.reserve(2 * CountLines(facts));
  for (const bool deferred_pass : {false, true}) {
    for (const v1::Event* event : facts.assessments) {
      const v1::ContributionAssessed& assessed = event->contribution_assessed();
      const absl::CivilMonth period = DecodeMonth(assessed.period_yyyymm());
      const bool employer_deferred = CoveringGrant(projection, period) != nullptr;
      if (deferred_pass && !employer_deferred) continue;
      const RatesInForce* rates = area.RatesFor(period);
      if (rates == nullptr) {
        return absl::FailedPreconditionError(absl::StrFormat(
            "event %s: area %s has no contribution rate for period %s in rules version %d",
            event->event_id(), area.code, FormatMonth(period), rules.version()));
      }
      const absl::CivilDay original_due = rules.OriginalDueDate(area, period);
      const absl::CivilDay assessed_date = DecodeDate(event->effective_date_yyyymmdd());
      for (const v1::Component component : {v1::COMPONENT_EMPLOYEE, v1::COMPONENT_EMPLOYER}) {
        const bool deferred = component == v1::COMPONENT_EMPLOYER && employer_deferred;
        if (deferred != deferred_pass) continue;
        const int32_t rate_bp = component == v1::COMPONENT_EMPLOYER ? rates->employer_rate_bp
                                                                    : rates->employee_rate_bp;
        for (const v1::AssessmentLine& line : assessed.lines()) {
          Part& part = projection.parts.emplace_back();
          part.period = period;
          part.component = component;
          part.employee_id = line.employee_id();
          part.principal_fen = ApplyRate(line.base_fen(), rate_bp);
          part.assessed_date = assessed_date;
          part.original_due_date = original_due;
          part.due_date = original_due;
          part.assessed_by.push_back(event->event_id());
        }
      }
    }
  }
  return absl::OkStatus();
}

// R6-R9: a deferred employer part is due at the catch-up date, brought
// forward by deregistration, withdrawal, or the employee's departure. All are
// min/max of dates, so the order in which facts were recorded cannot matter.
absl::Status SetDueDates(const Rules& rules, const AreaRules& area, const Facts& facts,
                         Projection& projection) {
  for (Part& part : projection.parts) {
    if (part.component != v1::COMPONENT_EMPLOYER) continue;
    const Grant* grant = CoveringGrant(projection, part.period);
    if (grant == nullptr) continue;
    const PolicyRules* policy = rules.FindPolicy(grant->policy_id);
    if (policy == nullptr) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "grant %s: policy %s is not in rules version %d", grant->event_id,
          grant->policy_id, rules.version()));
    }
    const absl::CivilDay original = part.original_due_date;
    part.deferred = true;
    part.due_date = std::max(original, rules.CatchUpDate(*policy, area, grant->last_period));
    part.due_moved_by.push_back(grant->event_id);
    std::optional<DatedEvent> earlier;
    auto bring_forward = [&](const DatedEvent& event) {
      const absl::CivilDay candidate = std::max(original, event.date);
      if (candidate < (earlier ? earlier->date : part.due_date)) {
        earlier = DatedEvent{candidate, event.event_id};
        return true;
      }
      return false;
    };
    if (facts.deregistration) bring_forward(*facts.deregistration);
    if (grant->revoked_reason == v1::REVOCATION_REASON_WITHDRAWN) {
      bring_forward(DatedEvent{*grant->revoked_on, grant->revoked_by});
    }
    if (policy->acceleration == Acceleration::kOnEvent) {
      auto departure = facts.departures.find(part.employee_id);
      if (departure != facts.departures.end() &&
          part.period <= absl::CivilMonth(departure->second.date)) {
        part.own_row = bring_forward(DatedEvent{
            departure->second.date + policy->acceleration_grace_days,
            departure->second.event_id});
      }
    }
    if (earlier) {
      part.due_date = earlier->date;
      part.due_moved_by.push_back(earlier->event_id);
    }
  }
  return absl::OkStatus();
}

// Puts parts in R10's order. The order is compared on a packed integer key
// (deferred, original due date, period, component) and then the employee id;
// most views arrive in order already, and then this is one scan.
void SortIntoAllocationOrder(std::vector<Part>& parts) {
  struct Key {
    uint64_t packed;
    std::string_view employee_id;
    int index;
    bool operator<(const Key& other) const {
      return packed != other.packed ? packed < other.packed : employee_id < other.employee_id;
    }
  };
  static const absl::CivilDay kDayZero(1900, 1, 1);
  std::vector<Key> keys;
  keys.reserve(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    const Part& part = parts[i];
    const uint64_t due_days = static_cast<uint64_t>(part.original_due_date - kDayZero);
    const uint64_t months = static_cast<uint64_t>(part.period.year() * 12 + part.period.month());
    keys.push_back(Key{(uint64_t{part.deferred} << 62) | (due_days << 24) | (months << 2) |
                           static_cast<uint64_t>(ComponentRank(part.component)),
                       part.employee_id, static_cast<int>(i)});
  }
  if (std::is_sorted(keys.begin(), keys.end())) return;
  std::stable_sort(keys.begin(), keys.end());
  std::vector<Part> sorted;
  sorted.reserve(parts.size());
  for (const Key& key : keys) sorted.push_back(std::move(parts[key.index]));
  parts = std::move(sorted);
}

// Groups parts into rows. In allocation order the parts of one (period,
// component) are contiguous (a grant defers all employer parts of a period),
// so each run is grouped by (due date, own-row employee) on its own.
void BuildRows(Projection& projection) {
  const std::vector<Part>& parts = projection.parts;
  for (size_t run_begin = 0; run_begin < parts.size();) {
    size_t run_end = run_begin;
    while (run_end < parts.size() && parts[run_end].period == parts[run_begin].period &&
           parts[run_end].component == parts[run_begin].component) {
      ++run_end;
    }
    const size_t first_row = projection.rows.size();
    for (size_t i = run_begin; i < run_end; ++i) {
      const Part& part = parts[i];
      const std::string_view row_employee = part.own_row ? part.employee_id : std::string_view();
      size_t row_index = first_row;
      while (row_index < projection.rows.size() &&
             (projection.rows[row_index].due_date != part.due_date ||
              projection.rows[row_index].employee_id != row_employee)) {
        ++row_index;
      }
      if (row_index == projection.rows.size()) {
        ObligationRow& row = projection.rows.emplace_back();
        row.period = part.period;
        row.component = part.component;
        row.employee_id = row_employee;
        row.original_due_date = part.original_due_date;
        row.due_date = part.due_date;
      }
      ObligationRow& row = projection.rows[row_index];
      row.deferred = row.deferred || part.deferred;
      row.part_indexes.push_back(static_cast<int>(i));
    }
    run_begin = run_end;
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
  Totals& totals = projection.totals;
  for (ObligationRow& row : projection.rows) {
    int64_t waived_units = 0;
    for (int index : row.part_indexes) {
      const Part& part = projection.parts[index];
      row.principal_fen += part.principal_fen;
      row.paid_fen += part.paid_fen;
      waived_units += PartWaivedFeeUnits(part, projection.as_of, rate_bp);
    }
    row.late_fee_fen = RowFeeFen(row, projection.parts, projection.as_of, rate_bp,
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

}  // namespace

absl::StatusOr<Projection> FoldEmployer(const Rules& rules,
                                        const std::vector<const v1::Event*>& view,
                                        absl::CivilDay as_of) {
  Projection projection;
  projection.as_of = as_of;
  projection.events_folded = static_cast<int64_t>(view.size());
  const Facts facts = CollectFacts(view, projection);
  if (!projection.status.registered) return projection;
  const AreaRules* area = rules.FindArea(projection.status.pooling_area);
  if (area == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrFormat("pooling area %s is not in rules version %d",
                        projection.status.pooling_area, rules.version()));
  }
  if (absl::Status built = BuildParts(rules, *area, facts, projection); !built.ok()) {
    return built;
  }
  if (absl::Status dated = SetDueDates(rules, *area, facts, projection); !dated.ok()) {
    return dated;
  }
  SortIntoAllocationOrder(projection.parts);
  BuildRows(projection);
  PaymentAllocator allocator(projection, rules.late_fee_rate_bp_per_day(),
                             rules.cap_late_fee_at_principal());
  for (const v1::Event* payment : facts.payments) allocator.Apply(*payment);
  PriceRows(rules, projection);
  return projection;
}

}  // namespace ledger
