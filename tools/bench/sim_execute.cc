// The actions that move money or deferrals: assessments, payments, grants and
// revocations, each checked against the employer's balances when it runs.
#include "ledger/money.h"
#include "tools/bench/sim_internal.h"

namespace ledger_bench {
namespace sim {

void Sim::ExecuteAssess(const Action& a) {
  const ledger::RatesInForce* rates = p_.area->RatesFor(a.period);
  auto& assessed = *Emit(a.date).mutable_contribution_assessed();
  assessed.set_period_yyyymm(ledger::EncodeMonth(a.period));
  int64_t employee_fen = 0;
  int64_t employer_fen = 0;
  for (const Employee& e : a.lines) {
    auto& line = *assessed.add_lines();
    line.set_employee_id(e.id);
    line.set_base_fen(e.base_fen);
    if (rates == nullptr) continue;  // the importer refuses it and says why
    employee_fen += ledger::ApplyRate(e.base_fen, rates->employee_rate_bp);
    employer_fen += ledger::ApplyRate(e.base_fen, rates->employer_rate_bp);
  }
  Balances::Deferral deferral = Balances::Deferral::kNone;
  if (granted_ && a.period >= first_ && a.period <= last_) deferral = grant_state_;
  balances_.Assess(a.period, rules_.OriginalDueDate(*p_.area, a.period), employee_fen,
                   employer_fen, deferral);
}

void Sim::ExecutePay(const Action& a) {
  std::optional<absl::CivilMonth> period;
  if (a.name_period) period = a.period;
  int64_t amount = 0;
  switch (a.mode) {
    case PayMode::kPeriodDue:
      amount = balances_.Payable(a.period, a.component);
      break;
    case PayMode::kAllDue:
      amount = balances_.Payable(std::nullopt, v1::COMPONENT_UNSPECIFIED);
      break;
    case PayMode::kFraction:
      amount = balances_.Payable(a.period, v1::COMPONENT_UNSPECIFIED) * a.value / 100;
      break;
    case PayMode::kRoundUp: {
      const int64_t due = balances_.Payable(a.period, v1::COMPONENT_UNSPECIFIED);
      amount = due > 0 ? (due / 10'000 + 1) * 10'000 : 0;  // to the next 100 yuan, and more
      break;
    }
  }
  if (amount <= 0) return;
  const auto fill = [&](v1::Event& event) {
    auto& paid = *event.mutable_contribution_paid();
    paid.set_amount_fen(amount);
    if (period) paid.set_period_yyyymm(ledger::EncodeMonth(*period));
    paid.set_component(a.component);
  };
  fill(Emit(a.date));
  balances_.Pay(amount, period, a.component);
  if (a.duplicate) {  // keyed in twice; the copy is reversed a few days later
    v1::Event& copy = Emit(a.date);
    fill(copy);
    Push({.date = a.date + rng_.Between(1, 3), .kind = Kind::kReverse, .text = copy.event_id()});
  }
  if (a.follow_fee) {  // roughly R4's fee; the ledger knows it exactly
    const int64_t days = a.date - rules_.OriginalDueDate(*p_.area, a.period);
    const int64_t fee = amount * days * rules_.late_fee_rate_bp_per_day() / 10'000;
    if (fee > 0) {
      Push({.date = a.date + rng_.Between(10, 30), .kind = Kind::kLateFee, .period = a.period,
            .name_period = rng_.Chance(5000), .value = fee});
    }
  }
}

void Sim::ExecuteGrant(const Action& a) {
  if (deregistered_ || !MayDecide(a.date)) return;  // R5 would refuse it
  auto& grant = *Emit(a.date).mutable_deferral_granted();
  grant.set_first_period_yyyymm(ledger::EncodeMonth(first_));
  grant.set_last_period_yyyymm(ledger::EncodeMonth(last_));
  grant.set_policy_id(p_.policy->policy_id);
  grant.set_basis(static_cast<v1::GrantBasis>(a.value));
  granted_ = true;
  grant_state_ = Balances::Deferral::kHeld;
  balances_.Defer(first_, last_);
  const absl::CivilDay catch_up = rules_.CatchUpDate(*p_.policy, *p_.area, last_);
  switch (p_.catch_up_style) {
    case 0:
      Push({.date = catch_up - rng_.Between(0, 18), .kind = Kind::kCatchUp});
      break;
    case 1:
      for (absl::CivilMonth period = first_; period <= last_; ++period) {
        Push({.date = catch_up - rng_.Between(0, 18), .kind = Kind::kCatchUp,
              .period = period, .name_period = true});
      }
      break;
    default:
      Push({.date = catch_up + rng_.Between(5, 25), .kind = Kind::kCatchUp});
      break;
  }
  if (p_.revocation == Revocation::kWithdrawn) {
    Push({.date = Day(first_ + 1, 16), .kind = Kind::kRevoke,
          .value = v1::REVOCATION_REASON_WITHDRAWN});
  } else if (p_.revocation == Revocation::kFalseCommitment) {
    Push({.date = Day(last_, 20), .kind = Kind::kRevoke,
          .value = v1::REVOCATION_REASON_FALSE_COMMITMENT});
  }
}

void Sim::ExecuteRevoke(const Action& a) {
  if (!granted_) return;
  auto& revoked = *Emit(a.date).mutable_deferral_revoked();
  revoked.set_policy_id(p_.policy->policy_id);
  revoked.set_reason(static_cast<v1::RevocationReason>(a.value));
  if (a.value == v1::REVOCATION_REASON_WITHDRAWN) {  // ends early, pays what was deferred
    grant_state_ = Balances::Deferral::kDueNormally;
    balances_.Withdraw(first_, last_);
    Push({.date = a.date + 2, .kind = Kind::kCatchUp});
  } else {  // void from the start: everything is simply overdue
    grant_state_ = Balances::Deferral::kNone;
    balances_.Void(first_, last_);
    Push({.date = a.date + 3, .kind = Kind::kPay, .mode = PayMode::kAllDue});
  }
}

}  // namespace sim

std::vector<ledger::v1::Event> SimulateEmployer(const ledger::Rules& rules,
                                                const EmployerProfile& profile,
                                                uint64_t seed, int64_t* final_employees) {
  sim::Sim simulation(rules, profile, seed);
  return simulation.Run(final_employees);
}

int EventRank(const ledger::v1::Event& event) {
  namespace v1 = ledger::v1;
  using sim::Kind;
  using sim::RankOf;
  switch (event.payload_case()) {
    case v1::Event::kEmployerRegistered: return RankOf(Kind::kRegister);
    case v1::Event::kEmployerReclassified: return RankOf(Kind::kReclassify);
    case v1::Event::kContributionAssessed: return RankOf(Kind::kAssess);
    case v1::Event::kDeferralApplied: return RankOf(Kind::kApply);
    case v1::Event::kDeferralGranted: return RankOf(Kind::kGrant);
    case v1::Event::kDeferralRejected: return RankOf(Kind::kReject);
    case v1::Event::kDeferralRevoked: return RankOf(Kind::kRevoke);
    case v1::Event::kEmployeeSeparated:
    case v1::Event::kEmployeeRetired:
    case v1::Event::kEmployeeTransferredOut: return RankOf(Kind::kSeparate);
    case v1::Event::kContributionPaid:
    case v1::Event::kCatchUpPaid: return RankOf(Kind::kPay);
    case v1::Event::kEventReversed: return RankOf(Kind::kReverse);
    case v1::Event::kEmployerDeregistered: return RankOf(Kind::kDeregister);
    case v1::Event::PAYLOAD_NOT_SET: break;
  }
  return 0;
}

}  // namespace ledger_bench
