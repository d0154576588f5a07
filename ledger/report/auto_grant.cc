#include "ledger/report/auto_grant.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/dates.h"
#include "ledger/domain/decisions.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/employer_summary.h"
#include "ledger/domain/view.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

// Returns the first of the policy's first periods whose employer parts are
// not all paid in `state` (a period not assessed counts as not paid), or
// nullopt when every one is paid (R14).
std::optional<absl::CivilMonth> FirstUnpaidPeriod(const PolicyRules& policy,
                                                  const Projection& state) {
  for (const absl::CivilMonth period : policy.first_periods) {
    bool assessed = false;
    bool all_paid = true;
    for (const Part& part : state.parts) {
      if (part.component != v1::COMPONENT_EMPLOYER || part.period() != period) continue;
      assessed = true;
      all_paid = all_paid && part.outstanding_fen() == 0;
    }
    if (!assessed || !all_paid) return period;
  }
  return std::nullopt;
}

std::string FirstPeriodsList(const PolicyRules& policy) {
  std::vector<std::string> periods;
  for (const absl::CivilMonth period : policy.first_periods) periods.push_back(FormatMonth(period));
  return absl::StrJoin(periods, ", ");
}

// Orders verdicts as R5 checks them, then R14's own, then anything else.
int VerdictRank(std::string_view verdict) {
  v1::RejectionReason reason;
  if (v1::RejectionReason_Parse(std::string(verdict), &reason)) return static_cast<int>(reason);
  if (verdict == kFirstPeriodsPaid) return 100;
  return 101;
}

// Returns true when the whole history (whatever the effective dates) holds a
// grant of the policy that is not revoked: a grant dated after D that is
// already recorded must not be doubled by one dated D.
bool HoldsGrantInAnyView(const std::vector<v1::Event>& history, std::string_view policy_id) {
  int64_t in_force = 0;
  for (const v1::Event* event : SelectView(history, kEndOfTime, kKnownAtEverything)) {
    if (event->has_deferral_granted() && event->deferral_granted().policy_id() == policy_id) {
      ++in_force;
    } else if (event->has_deferral_revoked() &&
               event->deferral_revoked().policy_id() == policy_id && in_force > 0) {
      --in_force;
    }
  }
  return in_force > 0;
}

}  // namespace

std::string AutoGrantEventId(std::string_view policy_id, std::string_view employer_id) {
  return absl::StrFormat("auto-%s-%s", policy_id, employer_id);
}

AutoGrantOutcome DecideAutoGrant(const Rules& rules, const PolicyRules& policy,
                                 std::string_view employer_id,
                                 const std::vector<v1::Event>& history, absl::CivilDay date,
                                 uint64_t next_sequence, int64_t recorded_at_us) {
  AutoGrantOutcome outcome;
  const std::vector<const v1::Event*> view = SelectView(history, date, kKnownAtEverything);
  absl::StatusOr<Projection> state = FoldEmployer(rules, view, date);
  // Not registered on D, or deregistered: not a candidate (R14). A view the
  // rules cannot price is left to R5, which names it.
  if (state.ok()) {
    const EmployerStatus& status = state->status;
    if (!status.registered || !policy.CoversArea(status.pooling_area)) return outcome;
    if (status.deregistered_on && *status.deregistered_on <= date) return outcome;
    if (HoldsGrantInAnyView(history, policy.policy_id)) {
      outcome.kind = AutoGrantOutcome::Kind::kAlreadyGranted;
      return outcome;
    }
  }
  outcome.kind = AutoGrantOutcome::Kind::kDecided;
  v1::AutoGrantDecision& decision = outcome.decision;
  decision.set_employer_id(std::string(employer_id));
  if (state.ok()) decision.set_pooling_area(std::string(state->status.pooling_area));
  const std::string event_id = AutoGrantEventId(policy.policy_id, employer_id);
  for (const v1::Event& event : history) {
    if (event.event_id() != event_id) continue;
    decision.set_verdict(std::string(kAutoGrantRevoked));
    decision.set_message(absl::StrFormat(
        "the automatic grant %s (effective %s) was revoked; a new grant needs a "
        "commitment letter",
        event_id, FormatDate(DecodeDate(event.effective_date_yyyymmdd()))));
    return outcome;
  }
  const std::optional<absl::CivilMonth> first =
      state.ok() ? FirstUnpaidPeriod(policy, *state) : policy.first_periods.front();
  if (!first) {
    decision.set_verdict(std::string(kFirstPeriodsPaid));
    decision.set_message(absl::StrFormat(
        "the employer parts of every first period of %s (%s) are paid on %s",
        policy.policy_id, FirstPeriodsList(policy), FormatDate(date)));
    return outcome;
  }
  const absl::CivilMonth last = std::min(*first + (policy.max_months - 1), policy.window_last);
  decision.set_first_period(FormatMonth(*first));
  decision.set_last_period(FormatMonth(last));

  v1::Event grant;
  grant.set_event_id(event_id);
  grant.set_employer_id(std::string(employer_id));
  grant.set_effective_date_yyyymmdd(EncodeDate(date));
  v1::DeferralGranted& granted = *grant.mutable_deferral_granted();
  granted.set_first_period_yyyymm(EncodeMonth(*first));
  granted.set_last_period_yyyymm(EncodeMonth(last));
  granted.set_policy_id(policy.policy_id);
  granted.set_basis(v1::GRANT_BASIS_AUTOMATIC);
  // R5 through import's own decision, on a staged copy carrying the
  // sequence and recorded_at the store will give it.
  v1::Event staged = grant;
  staged.set_sequence(next_sequence);
  staged.set_recorded_at_us(recorded_at_us);
  if (std::optional<Refusal> refusal = Decide(rules, Summarize(history), history, staged)) {
    decision.set_verdict(v1::RejectionReason_Name(refusal->reason));
    decision.set_message(refusal->detail);
    return outcome;
  }
  decision.set_verdict(std::string(kVerdictOk));
  decision.set_message(absl::StrFormat("granted as %s", event_id));
  outcome.grant = std::move(grant);
  return outcome;
}

absl::StatusOr<AutoGrantRun> RunAutoGrant(EventStore& store, const Rules& rules,
                                          const AutoGrantRequest& request) {
  const PolicyRules* policy = rules.FindPolicy(request.policy_id);
  if (policy == nullptr) {
    return absl::NotFoundError(absl::StrFormat("no deferral policy \"%s\" in rules version %d",
                                               request.policy_id, rules.version()));
  }
  AutoGrantRun run;
  v1::AutoGrantSummary& summary = run.summary;
  summary.set_policy_id(request.policy_id);
  summary.set_date(FormatDate(request.date));
  summary.set_dry_run(request.dry_run);
  const int64_t recorded_at_us = std::max(request.now_us, store.last_recorded_at_us());
  std::vector<v1::Event> grants;
  std::map<std::pair<int, std::string>, int64_t> refused;
  RETURN_IF_ERROR(store.ForEachEmployer(
      [&](std::string_view employer_id, std::vector<v1::Event>& events) -> absl::Status {
        summary.set_employers_seen(summary.employers_seen() + 1);
        AutoGrantOutcome outcome =
            DecideAutoGrant(rules, *policy, employer_id, events, request.date,
                            store.last_sequence() + grants.size() + 1, recorded_at_us);
        if (outcome.kind == AutoGrantOutcome::Kind::kNotCandidate) return absl::OkStatus();
        if (outcome.kind == AutoGrantOutcome::Kind::kAlreadyGranted) {
          summary.set_already_granted(summary.already_granted() + 1);
          return absl::OkStatus();
        }
        summary.set_candidates(summary.candidates() + 1);
        const std::string& verdict = outcome.decision.verdict();
        if (outcome.grant) {
          summary.set_granted(summary.granted() + 1);
          grants.push_back(*std::move(outcome.grant));
        } else {
          summary.set_refused(summary.refused() + 1);
          ++refused[{VerdictRank(verdict), verdict}];
        }
        run.decisions.push_back(std::move(outcome.decision));
        return absl::OkStatus();
      }));
  for (const auto& [key, employers] : refused) {
    v1::VerdictCount& count = *summary.add_refused_by_verdict();
    count.set_verdict(key.second);
    count.set_employers(employers);
  }
  if (!request.dry_run && !grants.empty()) {
    ASSIGN_OR_RETURN(const AppendResult appended, store.Append(std::move(grants), request.now_us));
    summary.set_first_sequence(appended.first_sequence);
    summary.set_last_sequence(appended.last_sequence);
  }
  return run;
}

}  // namespace ledger
