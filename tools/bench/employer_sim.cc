// One employer's two years, simulated as dated actions executed in (date,
// rank, creation) order: each action looks at the employer's balances when it
// runs (so a grant is attempted only when R5 will let it through) and
// becomes at most a couple of events.
#include "tools/bench/employer_sim.h"

#include "tools/bench/sim_internal.h"

namespace ledger_bench {
namespace sim {

void Sim::ScheduleMonth(int mi) {
  const absl::CivilMonth period = kFirstPeriod + mi;
  if (deregistered_) return;
  if (mi == p_.deregister_month) {  // everything paid; staff leave; the unit closes
    const absl::CivilDay on = Day(period, 5);
    for (const Employee& employee : roster_) {
      Push({.date = on, .kind = Kind::kSeparate, .value = 0, .text = employee.id});
    }
    Push({.date = on, .kind = Kind::kDeregister});
    roster_.clear();
    deregistered_ = true;
    return;
  }
  if (p_.registered_on >= Day(period, 1)) return;  // first assessment: the month after
  if (period == absl::CivilMonth(2023, 1)) {        // the yearly base adjustment
    for (Employee& e : roster_) e.base_fen = std::min<int64_t>(3'000'000, e.base_fen * 105 / 100);
  }
  Push({.date = Day(period, 1), .kind = Kind::kAssess, .period = period, .lines = roster_});
  if (rng_.Chance(80)) {  // a hire declared late: a supplementary assessment
    roster_.push_back(Hire());
    Push({.date = Day(period, 5), .kind = Kind::kAssess, .period = period,
          .lines = {roster_.back()}});
  }
  SchedulePayment(period, mi);
  ScheduleTurnover(period);
}

void Sim::SchedulePayment(absl::CivilMonth period, int mi) {
  const absl::CivilDay on_time = Day(period, rng_.Between(pay_lo_, pay_hi_));
  Action pay{.date = on_time, .kind = Kind::kPay, .period = period,
             .name_period = p_.period_filter};
  pay.duplicate = mi >= 12 && rng_.Chance(5);
  switch (p_.persona) {
    case Persona::kPunctual:
      break;
    case Persona::kSplit: {
      Action employer = pay;
      employer.date = Day(period, rng_.Between(on_time.day(), pay_hi_));
      employer.component = v1::COMPONENT_EMPLOYER;
      employer.name_period = true;
      employer.duplicate = false;
      Push(std::move(employer));
      pay.component = v1::COMPONENT_EMPLOYEE;
      pay.name_period = true;
      break;
    }
    case Persona::kLate:
      if (rng_.Chance(2500)) {
        pay.date = Day(period + 1, rng_.Between(3, 20));
        pay.name_period = true;
        pay.follow_fee = rng_.Chance(5000);
      }
      break;
    case Persona::kPartial:
      pay.mode = rng_.Chance(3000) ? PayMode::kFraction : PayMode::kAllDue;
      pay.value = rng_.Between(50, 90);
      pay.name_period = false;
      break;
    case Persona::kOverpay:
      if (rng_.Chance(3000)) {
        pay.mode = PayMode::kRoundUp;
        pay.name_period = false;
      }
      break;
    case Persona::kDeadbeat:
      if (mi >= p_.stop_paying_month && mi < p_.stop_paying_month + p_.stop_paying_months) {
        return;
      }
      if (mi == p_.stop_paying_month + p_.stop_paying_months) {  // pays everything at once
        pay.date = Day(period, 15);
        pay.mode = PayMode::kAllDue;
        pay.name_period = false;
        pay.follow_fee = rng_.Chance(5000);
        pay.period = kFirstPeriod + p_.stop_paying_month;  // the oldest unpaid
      }
      break;
  }
  Push(std::move(pay));
}

void Sim::ScheduleTurnover(absl::CivilMonth period) {
  std::vector<Employee> staying;
  int64_t hires = rng_.Chance(200) ? 1 : 0;
  for (Employee& employee : roster_) {
    if (!rng_.Chance(120)) {
      staying.push_back(std::move(employee));
      continue;
    }
    const int64_t draw = rng_.Between(0, 99);  // separated, retired, transferred out
    Push({.date = Day(period, rng_.Between(2, 28)), .kind = Kind::kSeparate,
          .value = draw < 75 ? 0 : (draw < 85 ? 1 : 2), .text = employee.id});
    if (p_.reference || rng_.Chance(9700)) ++hires;
  }
  roster_ = std::move(staying);
  for (int64_t i = 0; i < hires && roster_.size() < 9000; ++i) roster_.push_back(Hire());
  if (roster_.empty()) roster_.push_back(Hire());
}

void Sim::ScheduleDeferral() {
  const ledger::PolicyRules& policy = *p_.policy;
  first_ = policy.first_periods.front();
  last_ = std::min(first_ + (policy.max_months - 1), policy.window_last);
  const int grant_day = pay_lo_ > 20 ? 20 : 5;
  if (p_.plan == DeferralPlan::kAutomatic) {
    Push({.date = Day(first_, grant_day), .kind = Kind::kGrant,
          .value = v1::GRANT_BASIS_AUTOMATIC});
    return;
  }
  const absl::CivilDay applied = Day(first_, grant_day == 20 ? rng_.Between(6, 12)
                                                             : rng_.Between(1, 4));
  if (p_.plan == DeferralPlan::kReclassifyAndApply) {
    Push({.date = applied, .kind = Kind::kReclassify, .value = v1::SIZE_CLASS_MEDIUM,
          .text = "commitment"});
  }
  Push({.date = applied, .kind = Kind::kApply});
}

void Sim::Execute(const Action& a) {
  switch (a.kind) {
    case Kind::kRegister: {
      auto& reg = *Emit(a.date).mutable_employer_registered();
      reg.set_name(p_.name);
      reg.set_pooling_area(p_.area->code);
      reg.set_entity_type(p_.entity_type);
      reg.set_size_class(p_.size_class);
      return;
    }
    case Kind::kReclassify: {
      if (p_.registered_on > a.date) return;  // not registered yet: nothing to reclassify
      auto& re = *Emit(a.date).mutable_employer_reclassified();
      re.set_size_class(static_cast<v1::SizeClass>(a.value));
      re.set_basis(a.text == "commitment" ? v1::CLASSIFICATION_BASIS_COMMITMENT
                                          : v1::CLASSIFICATION_BASIS_OFFICIAL);
      return;
    }
    case Kind::kAssess: return ExecuteAssess(a);
    case Kind::kApply: {
      if (!MayDecide(a.date)) return;  // R5 would refuse it: the bureau never records it
      auto& applied = *Emit(a.date).mutable_deferral_applied();
      applied.set_first_period_yyyymm(ledger::EncodeMonth(first_));
      applied.set_last_period_yyyymm(ledger::EncodeMonth(last_));
      applied.set_policy_id(p_.policy->policy_id);
      const int days = static_cast<int>(rng_.Chance(9000) ? rng_.Between(1, 3)
                                                          : rng_.Between(4, 5));
      const absl::CivilDay decided = rules_.AddWorkingDays(a.date, days);
      Push({.date = decided,
            .kind = p_.application_granted ? Kind::kGrant : Kind::kReject,
            .value = v1::GRANT_BASIS_COMMITMENT_LETTER});
      return;
    }
    case Kind::kGrant: return ExecuteGrant(a);
    case Kind::kReject: {
      auto& rejected = *Emit(a.date).mutable_deferral_rejected();
      rejected.set_policy_id(p_.policy->policy_id);
      rejected.set_reason("承诺书材料不全");
      return;
    }
    case Kind::kRevoke: return ExecuteRevoke(a);
    case Kind::kSeparate: {
      v1::Event& event = Emit(a.date);
      if (a.value == 0) event.mutable_employee_separated()->set_employee_id(a.text);
      if (a.value == 1) event.mutable_employee_retired()->set_employee_id(a.text);
      if (a.value == 2) event.mutable_employee_transferred_out()->set_employee_id(a.text);
      return;
    }
    case Kind::kPay: return ExecutePay(a);
    case Kind::kCatchUp: {
      std::optional<absl::CivilMonth> period;
      if (a.name_period) period = a.period;
      const int64_t amount = balances_.Deferred(period);
      if (amount <= 0) return;
      auto& paid = *Emit(a.date).mutable_catch_up_paid();
      paid.set_amount_fen(amount);
      if (period) paid.set_period_yyyymm(ledger::EncodeMonth(*period));
      balances_.CatchUp(amount, period);
      return;
    }
    case Kind::kLateFee: {
      auto& paid = *Emit(a.date).mutable_contribution_paid();
      paid.set_amount_fen(a.value);
      paid.set_component(v1::COMPONENT_LATE_FEE);
      if (a.name_period) paid.set_period_yyyymm(ledger::EncodeMonth(a.period));
      return;
    }
    case Kind::kReverse: {
      auto& reversed = *Emit(a.date).mutable_event_reversed();
      reversed.set_reverses_event_id(a.text);
      reversed.set_reason("同一笔缴费重复录入");
      return;
    }
    case Kind::kDeregister:
      Emit(a.date).mutable_employer_deregistered();
      return;
  }
}

}  // namespace sim
}  // namespace ledger_bench
