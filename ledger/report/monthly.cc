#include "ledger/report/monthly.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/late_fee.h"
#include "ledger/domain/view.h"
#include "ledger/money.h"
#include "ledger/report/applications.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

// Returns the principal of `part` minus what `projection` allocates to it on
// or before `day` (R13's D(V, t) for one part).
int64_t OutstandingAt(const Projection& projection, const Part& part, DayNumber day) {
  int64_t paid_fen = 0;
  projection.ForEachAllocation(part.allocations, [&](const Allocation& allocation) {
    if (allocation.paid_day <= day) paid_fen += allocation.amount_fen;
  });
  return part.principal_fen - paid_fen;
}

// Returns what `projection` allocates to `part` on days after < d <= through.
int64_t SettledBetween(const Projection& projection, const Part& part, DayNumber after,
                       DayNumber through) {
  int64_t settled_fen = 0;
  projection.ForEachAllocation(part.allocations, [&](const Allocation& allocation) {
    if (allocation.paid_day > after && allocation.paid_day <= through) {
      settled_fen += allocation.amount_fen;
    }
  });
  return settled_fen;
}

// Returns the policy of the grant that deferred `part` ("" when none).
std::string_view PolicyOf(const Projection& projection, const Part& part) {
  for (const Grant& grant : projection.grants) {
    if (grant.event_index == part.due_moved_by[0]) return grant.policy_id;
  }
  return {};
}

bool DatedIn(const v1::Event& event, absl::CivilMonth month) {
  return absl::CivilMonth(DecodeDate(event.effective_date_yyyymmdd())) == month;
}

}  // namespace

absl::Status CheckTieOut(const v1::MonthlyDeferralReport& r) {
  // 128 bits: a report read from a file may hold any int64s.
  const absl::int128 expected = absl::int128(r.opening_outstanding_fen()) +
                                r.newly_covered_fen() - r.voided_fen() + r.reallocated_fen() +
                                r.newly_assessed_fen() - r.settled_fen();
  if (expected == r.outstanding_fen()) return absl::OkStatus();
  return absl::InternalError(absl::StrFormat(
      "report %s area %s policy %s does not tie out (R13): outstanding_fen %d != "
      "opening_outstanding_fen %d + newly_covered_fen %d - voided_fen %d + reallocated_fen %d "
      "+ newly_assessed_fen %d - settled_fen %d = %d; the report is not printed",
      r.month(), r.pooling_area(), r.policy_id(), r.outstanding_fen(),
      r.opening_outstanding_fen(), r.newly_covered_fen(), r.voided_fen(), r.reallocated_fen(),
      r.newly_assessed_fen(), r.settled_fen(), expected));
}

MonthlyAccumulator::MonthlyAccumulator(const Rules& rules, MonthlyRequest request)
    : rules_(rules),
      request_(std::move(request)),
      month_end_(absl::CivilDay(request_.month + 1) - 1),
      previous_end_(absl::CivilDay(request_.month) - 1) {}

MonthlyAccumulator::Figures& MonthlyAccumulator::FiguresFor(std::string_view pooling_area,
                                                            std::string_view policy_id) {
  auto [found, inserted] =
      figures_.try_emplace({std::string(pooling_area), std::string(policy_id)});
  if (inserted) {
    found->second.report.set_pooling_area(std::string(pooling_area));
    found->second.report.set_policy_id(std::string(policy_id));
  }
  return found->second;
}

int64_t MonthlyAccumulator::Sum(const v1::MonthlyDeferralReport& report,
                                std::string_view figure, int64_t total_fen,
                                int64_t amount_fen) {
  if (!AddFen(total_fen, amount_fen) && overflow_.empty()) {
    overflow_ = absl::StrFormat("%s of area %s policy %s", figure, report.pooling_area(),
                                report.policy_id());
  }
  return total_fen;
}

absl::Status MonthlyAccumulator::AddEmployer(const std::vector<v1::Event>& history) {
  const std::vector<const v1::Event*> view = SelectView(history, month_end_, request_.known_at_us);
  RETURN_IF_ERROR(FoldEmployerInto(rules_, view, month_end_, current_));
  if (!current_.status.registered) return absl::OkStatus();
  if (!request_.pooling_area.empty() && current_.status.pooling_area != request_.pooling_area) {
    return absl::OkStatus();
  }
  const std::vector<const v1::Event*> previous_view =
      SelectView(history, previous_end_, request_.known_at_us);
  RETURN_IF_ERROR(FoldEmployerInto(rules_, previous_view, previous_end_, previous_));
  AddPreviousParts();
  AddCurrentParts();
  AddGrantsAndApplications(view);
  if (!overflow_.empty()) {
    return absl::OutOfRangeError(absl::StrFormat(
        "report %s: adding employer %s, the %s is more fen than the ledger can hold "
        "(9 223 372 036 854 775 807); no report is given rather than a wrong one",
        FormatMonth(request_.month), current_.events.front()->employer_id(), overflow_));
  }
  return absl::OkStatus();
}

// Opening outstanding: D(V(M-1), end of M-1), part by part; each part is
// remembered to tell newly covered, voided and reallocated apart below.
void MonthlyAccumulator::AddPreviousParts() {
  earlier_parts_.clear();
  const DayNumber previous_end = ToDayNumber(previous_end_);
  for (const Part& part : previous_.parts) {
    if (part.component != v1::COMPONENT_EMPLOYER || !part.deferred) continue;
    const std::string_view policy_id = PolicyOf(previous_, part);
    const int64_t outstanding_fen = OutstandingAt(previous_, part, previous_end);
    Figures& figures = FiguresFor(previous_.status.pooling_area, policy_id);
    figures.report.set_opening_outstanding_fen(Sum(figures.report, "opening_outstanding_fen",
                                                   figures.report.opening_outstanding_fen(),
                                                   outstanding_fen));
    earlier_parts_[{part.period_month, part.employee_id}] =
        EarlierPart{policy_id, previous_.status.pooling_area, outstanding_fen, false};
  }
}

void MonthlyAccumulator::AddCurrentParts() {
  const DayNumber month_end = ToDayNumber(month_end_);
  const DayNumber previous_end = ToDayNumber(previous_end_);
  const int32_t rate_bp_per_day = rules_.late_fee_rate_bp_per_day();
  for (const Part& part : current_.parts) {
    if (part.component != v1::COMPONENT_EMPLOYER || !part.deferred) continue;
    const std::string_view policy_id = PolicyOf(current_, part);
    Figures& figures = FiguresFor(current_.status.pooling_area, policy_id);
    v1::MonthlyDeferralReport& report = figures.report;
    const int64_t outstanding_fen = OutstandingAt(current_, part, month_end);
    report.set_outstanding_fen(
        Sum(report, "outstanding_fen", report.outstanding_fen(), outstanding_fen));
    if (part.due_day < month_end) {
      report.set_overdue_fen(Sum(report, "overdue_fen", report.overdue_fen(), outstanding_fen));
    }
    report.set_settled_fen(Sum(report, "settled_fen", report.settled_fen(),
                               SettledBetween(current_, part, previous_end, month_end)));
    if (part.assessed_day > previous_end) {
      report.set_newly_assessed_fen(
          Sum(report, "newly_assessed_fen", report.newly_assessed_fen(), part.principal_fen));
    } else {
      const int64_t earlier_fen = OutstandingAt(current_, part, previous_end);
      auto earlier = earlier_parts_.find({part.period_month, part.employee_id});
      if (earlier != earlier_parts_.end() && earlier->second.policy_id == policy_id) {
        earlier->second.matched = true;
        report.set_reallocated_fen(Sum(report, "reallocated_fen", report.reallocated_fen(),
                                       earlier_fen - earlier->second.outstanding_fen));
      } else {
        report.set_newly_covered_fen(
            Sum(report, "newly_covered_fen", report.newly_covered_fen(), earlier_fen));
      }
    }
    // Brought forward by an event dated in M (R7, R8, R9 withdrawn).
    if (part.due_moved_by[1] >= 0 &&
        DatedIn(*current_.events[static_cast<size_t>(part.due_moved_by[1])], request_.month)) {
      report.set_accelerated_fen(
          Sum(report, "accelerated_fen", report.accelerated_fen(), outstanding_fen));
    }
    // R6's waiver on the days of M: after the original due date, to the
    // effective one.
    const DayNumber waived_after = std::max(part.original_due_day, previous_end);
    const DayNumber waived_through = std::min(part.due_day, month_end);
    if (waived_through > waived_after) {
      figures.waived_fee_units += PartUnitsBetween(part, current_.allocations, waived_after,
                                                   waived_through, rate_bp_per_day);
    }
  }
  // Deferred in V(M-1), not in V(M) (a false_commitment revocation dated in M).
  for (const auto& [key, earlier] : earlier_parts_) {
    if (earlier.matched) continue;
    v1::MonthlyDeferralReport& report = FiguresFor(earlier.pooling_area, earlier.policy_id).report;
    report.set_voided_fen(Sum(report, "voided_fen", report.voided_fen(), earlier.outstanding_fen));
  }
}

void MonthlyAccumulator::AddGrantsAndApplications(const std::vector<const v1::Event*>& view) {
  const std::string_view area = current_.status.pooling_area;
  absl::flat_hash_set<std::string_view> counted_policies;
  for (const Grant& grant : current_.grants) {
    if (grant.voided() || grant.first_period > request_.month ||
        grant.last_period < request_.month || !counted_policies.insert(grant.policy_id).second) {
      continue;
    }
    absl::flat_hash_set<std::string_view> employees;
    for (const Part& part : current_.parts) {
      if (part.period() == request_.month) employees.insert(part.employee_id);
    }
    v1::MonthlyDeferralReport& report = FiguresFor(area, grant.policy_id).report;
    report.set_deferred_employers(report.deferred_employers() + 1);
    report.set_employees(report.employees() + static_cast<int64_t>(employees.size()));
  }
  for (const Application& application : CollectApplications(rules_, view)) {
    v1::MonthlyDeferralReport& report = FiguresFor(area, application.policy_id).report;
    if (absl::CivilMonth(application.applied_on) == request_.month) {
      report.set_applications_received(report.applications_received() + 1);
    }
    if (application.decided_on && absl::CivilMonth(*application.decided_on) == request_.month) {
      if (application.granted) {
        report.set_applications_granted(report.applications_granted() + 1);
      } else {
        report.set_applications_rejected(report.applications_rejected() + 1);
      }
    }
    if (application.open() && application.review_deadline < month_end_) {
      report.set_applications_overdue(report.applications_overdue() + 1);
    }
  }
}

absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> MonthlyAccumulator::Finish() const {
  std::map<std::pair<std::string, std::string>, Figures> all = figures_;
  for (const v1::PoolingArea& area : rules_.rule_set().pooling_areas()) {
    if (!request_.pooling_area.empty() && area.code() != request_.pooling_area) continue;
    for (const v1::DeferralPolicy& policy : rules_.rule_set().deferral_policies()) {
      const PolicyRules* compiled = rules_.FindPolicy(policy.policy_id());
      if (compiled == nullptr || !compiled->CoversArea(area.code())) continue;
      auto [found, inserted] = all.try_emplace({area.code(), policy.policy_id()});
      if (inserted) {
        found->second.report.set_pooling_area(area.code());
        found->second.report.set_policy_id(policy.policy_id());
      }
    }
  }
  std::vector<v1::MonthlyDeferralReport> reports;
  for (auto& [key, figures] : all) {
    v1::MonthlyDeferralReport report = figures.report;
    report.set_month(FormatMonth(request_.month));
    report.set_known_at(FormatTimestamp(FromMicros(request_.known_at_us)));
    report.set_rules_version(rules_.version());
    report.set_areas_merged(1);
    const std::optional<int64_t> waived_fen = RoundFeeUnitsHalfUp(figures.waived_fee_units);
    if (!waived_fen) {
      return absl::OutOfRangeError(absl::StrFormat(
          "report %s area %s policy %s: the late fees waived are more fen than the ledger "
          "can hold (9 223 372 036 854 775 807); no report is given rather than a wrong one",
          report.month(), report.pooling_area(), report.policy_id()));
    }
    report.set_late_fee_waived_fen(*waived_fen);
    RETURN_IF_ERROR(CheckTieOut(report));
    reports.push_back(std::move(report));
  }
  return reports;
}

absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> ComputeMonthlyReport(
    const EventStore& store, const Rules& rules, const MonthlyRequest& request) {
  if (!request.pooling_area.empty() && rules.FindArea(request.pooling_area) == nullptr) {
    return absl::NotFoundError(absl::StrFormat("no pooling area %s in rules version %d",
                                               request.pooling_area, rules.version()));
  }
  MonthlyAccumulator accumulator(rules, request);
  RETURN_IF_ERROR(store.ForEachEmployer(
      [&](std::string_view /*employer_id*/, std::vector<v1::Event>& events) {
        return accumulator.AddEmployer(events);
      }));
  return accumulator.Finish();
}

}  // namespace ledger
