#include "ledger/domain/due_dates.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/domain/day_number.h"

namespace ledger {
namespace {

// What a grant's deferred parts need, worked out once per grant.
struct GrantDueTerms {
  const PolicyRules* policy = nullptr;  // null until first needed
  DayNumber catch_up_day = 0;
};

absl::Status ResolveGrantTerms(const Rules& rules, const AreaRules& area, const Grant& grant,
                               GrantDueTerms& terms) {
  if (terms.policy != nullptr) return absl::OkStatus();
  terms.policy = rules.FindPolicy(grant.policy_id);
  if (terms.policy == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrFormat("grant %s: policy %s is not in rules version %d", grant.event_id,
                        grant.policy_id, rules.version()));
  }
  terms.catch_up_day = ToDayNumber(rules.CatchUpDate(*terms.policy, area, grant.last_period));
  return absl::OkStatus();
}

// Appends a step to the part's history when tracing.
void Record(std::vector<DueStep>* history, DayNumber day, int32_t event_index, DueRule rule) {
  if (history != nullptr) history->push_back(DueStep{day, event_index, rule});
}

// Moves the part's due date to `candidate` when that is earlier (R7-R9: never
// before the original due date, which the caller's max() ensures). Returns
// whether it moved.
bool BringForward(Part& part, DayNumber candidate, int32_t event_index, DueRule rule,
                  std::vector<DueStep>* history) {
  if (candidate >= part.due_day) return false;
  part.due_day = candidate;
  part.due_moved_by[1] = event_index;
  Record(history, candidate, event_index, rule);
  return true;
}

// R6: due at the catch-up date, max(original due, catch-up).
void DeferToCatchUp(Part& part, const Grant& grant, const GrantDueTerms& terms,
                    std::vector<DueStep>* history) {
  part.deferred = true;
  part.due_day = std::max(part.original_due_day, terms.catch_up_day);
  part.due_moved_by[0] = grant.event_index;
  Record(history, part.due_day, grant.event_index, DueRule::kR6Deferred);
}

// R8: due by the deregistration, max(original due, X).
void DueByDeregistration(Part& part, const Facts& facts, std::vector<DueStep>* history) {
  if (!facts.deregistration) return;
  BringForward(part, std::max(part.original_due_day, facts.deregistration->day),
               facts.deregistration->event_index, DueRule::kR8Deregistration, history);
}

// R9 withdrawn: due by the withdrawal, max(original due, W).
void DueByWithdrawal(Part& part, const Grant& grant, std::vector<DueStep>* history) {
  if (grant.revoked_reason != v1::REVOCATION_REASON_WITHDRAWN) return;
  BringForward(part, std::max(part.original_due_day, ToDayNumber(*grant.revoked_on)),
               grant.revoked_by_index, DueRule::kR9Withdrawn, history);
}

// R7: the employee's earliest departure A in or after the part's period
// brings it to max(original due, A + grace); such a part is its own row.
void DueByDeparture(Part& part, const Facts& facts, const PolicyRules& policy,
                    std::vector<DueStep>* history) {
  if (policy.acceleration != Acceleration::kOnEvent || facts.departures.empty()) return;
  auto departure = facts.departures.find(part.employee_id);
  if (departure == facts.departures.end() ||
      part.period() > absl::CivilMonth(ToCivilDay(departure->second.day))) {
    return;
  }
  part.own_row = BringForward(
      part, std::max(part.original_due_day, departure->second.day + policy.acceleration_grace_days),
      departure->second.event_index, DueRule::kR7Departure, history);
}

// Returns the index of the first grant covering `period` that is voided (a
// false commitment, R9) or not, as asked; -1 if none.
int GrantCovering(const Projection& projection, absl::CivilMonth period, bool voided) {
  for (size_t i = 0; i < projection.grants.size(); ++i) {
    const Grant& grant = projection.grants[i];
    if (grant.voided() == voided && grant.first_period <= period && period <= grant.last_period) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// R9 false commitment, traced: the grant's deferral, then its undoing back
// to the original due date. The part itself is left as R2 made it.
void TraceVoidedDeferral(const Rules& rules, const AreaRules& area, const Projection& projection,
                         const Part& part, std::vector<DueStep>& history) {
  const int voided = GrantCovering(projection, part.period(), /*voided=*/true);
  if (voided < 0) return;
  const Grant& grant = projection.grants[static_cast<size_t>(voided)];
  GrantDueTerms terms;
  if (ResolveGrantTerms(rules, area, grant, terms).ok()) {
    history.push_back(DueStep{std::max(part.original_due_day, terms.catch_up_day),
                              grant.event_index, DueRule::kR6Deferred});
  }
  history.push_back(DueStep{part.original_due_day, grant.revoked_by_index, DueRule::kR9Voided});
}

}  // namespace

int CoveringGrant(const Projection& projection, absl::CivilMonth period) {
  return GrantCovering(projection, period, /*voided=*/false);
}

absl::Status SetDueDates(const Rules& rules, const AreaRules& area, const Facts& facts,
                         Projection& projection, FoldTrace* trace) {
  std::vector<GrantDueTerms> terms(projection.grants.size());
  // Parts of one period are mostly adjacent: look its grant up once per run.
  std::optional<MonthNumber> looked_up_period;
  int grant_index = -1;
  for (size_t p = 0; p < projection.parts.size(); ++p) {
    Part& part = projection.parts[p];
    if (part.component != v1::COMPONENT_EMPLOYER) continue;
    if (looked_up_period != part.period_month) {
      looked_up_period = part.period_month;
      grant_index = CoveringGrant(projection, part.period());
    }
    std::vector<DueStep>* history = trace == nullptr ? nullptr : &trace->due_history[p];
    if (grant_index < 0) {
      if (history != nullptr) TraceVoidedDeferral(rules, area, projection, part, *history);
      continue;
    }
    const Grant& grant = projection.grants[static_cast<size_t>(grant_index)];
    GrantDueTerms& grant_terms = terms[static_cast<size_t>(grant_index)];
    if (absl::Status resolved = ResolveGrantTerms(rules, area, grant, grant_terms);
        !resolved.ok()) {
      return resolved;
    }
    // In this order, so that on equal dates the earlier-listed rule names the move.
    DeferToCatchUp(part, grant, grant_terms, history);
    DueByDeregistration(part, facts, history);
    DueByWithdrawal(part, grant, history);
    DueByDeparture(part, facts, *grant_terms.policy, history);
  }
  return absl::OkStatus();
}

}  // namespace ledger
