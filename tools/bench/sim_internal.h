// Internals of the employer simulation (employer_sim.cc schedules,
// sim_execute.cc turns actions into events). Not used outside tools/bench.
#ifndef TOOLS_BENCH_SIM_INTERNAL_H_
#define TOOLS_BENCH_SIM_INTERNAL_H_

#include <algorithm>
#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "tools/bench/balances.h"
#include "tools/bench/employer_sim.h"
#include "tools/bench/rng.h"

namespace ledger_bench {
namespace sim {

namespace v1 = ledger::v1;

enum class Kind {
  kRegister, kReclassify, kAssess, kApply, kGrant, kReject, kRevoke, kSeparate,
  kPay, kCatchUp, kLateFee, kReverse, kDeregister
};
enum class PayMode { kPeriodDue, kAllDue, kFraction, kRoundUp };

inline int RankOf(Kind kind) {
  switch (kind) {
    case Kind::kRegister: return 0;
    case Kind::kReclassify: return 1;
    case Kind::kAssess: return 2;
    case Kind::kApply: return 3;
    case Kind::kGrant: case Kind::kReject: return 4;
    case Kind::kRevoke: return 5;
    case Kind::kSeparate: return 6;
    case Kind::kPay: case Kind::kCatchUp: case Kind::kLateFee: return 7;
    case Kind::kReverse: return 8;
    case Kind::kDeregister: return 9;
  }
  return 0;
}

struct Employee {
  std::string id;
  int64_t base_fen = 0;
};

struct Action {
  absl::CivilDay date;
  Kind kind = Kind::kPay;
  int64_t order = 0;
  absl::CivilMonth period{};           // what a payment or assessment is for
  bool name_period = false;            // the payment names it
  v1::Component component = v1::COMPONENT_UNSPECIFIED;
  PayMode mode = PayMode::kPeriodDue;
  int64_t value = 0;                   // percent, fee, kind of separation, size
  bool follow_fee = false;             // a late payment followed by its fee
  bool duplicate = false;              // entered twice, the copy reversed later
  std::string text{};                  // employee id, reversed event id
  std::vector<Employee> lines{};       // an assessment's

  bool operator>(const Action& other) const {
    const int rank = RankOf(kind), other_rank = RankOf(other.kind);
    if (date != other.date) return date > other.date;
    if (rank != other_rank) return rank > other_rank;
    return order > other.order;
  }
};

inline absl::CivilDay Day(absl::CivilMonth month, int64_t day) {
  return absl::CivilDay(month.year(), month.month(), static_cast<int>(day));
}

class Sim {
 public:
  Sim(const ledger::Rules& rules, const EmployerProfile& profile, uint64_t seed)
      : rules_(rules), p_(profile), rng_(Rng::For(seed ^ 0x5eed5eed5eedULL, profile.index)) {
    const int due_day = p_.area->due.day;
    pay_lo_ = due_day == 0 || due_day > 28 ? 21 : std::max(1, due_day - 15);
    pay_hi_ = due_day == 0 || due_day > 28 ? 28 : due_day - 1;
  }

  std::vector<v1::Event> Run(int64_t* final_employees) {
    for (int64_t i = 0; i < p_.employees; ++i) roster_.push_back(Hire());
    Push({.date = p_.registered_on, .kind = Kind::kRegister});
    if (p_.plan != DeferralPlan::kNone) ScheduleDeferral();
    if (p_.official_reclassification) {
      const int64_t size = p_.size_class == v1::SIZE_CLASS_SMALL ? v1::SIZE_CLASS_MEDIUM
                                                                 : v1::SIZE_CLASS_SMALL;
      Push({.date = absl::CivilDay(2023, 1, 10), .kind = Kind::kReclassify, .value = size});
    }
    for (int mi = 0; mi <= kLastPeriod - kFirstPeriod; ++mi) {
      ScheduleMonth(mi);
      const absl::CivilMonth month = kFirstPeriod + mi;
      Drain(absl::CivilDay(month + 1) - 1);
    }
    *final_employees = static_cast<int64_t>(roster_.size());
    return std::move(events_);
  }

 private:
  void Push(Action action) {
    action.order = next_order_++;
    queue_.push(std::move(action));
  }
  void Drain(absl::CivilDay until) {
    while (!queue_.empty() && queue_.top().date <= until) {
      Action action = queue_.top();
      queue_.pop();
      Execute(action);
    }
  }
  Employee Hire() {
    const int64_t u = rng_.Between(0, 999);
    const int64_t base = 300'000 + 2'700'000 * u * u * u / 997'002'999;
    return {absl::StrFormat("P%06d%05d", p_.index, next_employee_++), base / 100 * 100};
  }
  v1::Event& Emit(absl::CivilDay date) {
    v1::Event& event = events_.emplace_back();
    event.set_event_id(absl::StrFormat("%s-%05d", p_.employer_id, events_.size()));
    event.set_employer_id(p_.employer_id);
    event.set_effective_date_yyyymmdd(ledger::EncodeDate(date));
    return event;
  }

  void ScheduleMonth(int mi);
  void SchedulePayment(absl::CivilMonth period, int mi);
  void ScheduleTurnover(absl::CivilMonth period);
  void ScheduleDeferral();
  void Execute(const Action& action);
  void ExecuteAssess(const Action& action);
  void ExecutePay(const Action& action);
  void ExecuteGrant(const Action& action);
  void ExecuteRevoke(const Action& action);
  bool MayDecide(absl::CivilDay date) const {
    return p_.registered_on < date && !balances_.InArrears(first_, date);
  }

  const ledger::Rules& rules_;
  const EmployerProfile& p_;
  Rng rng_;
  int pay_lo_ = 21, pay_hi_ = 28;
  std::priority_queue<Action, std::vector<Action>, std::greater<Action>> queue_;
  int64_t next_order_ = 0;
  int64_t next_employee_ = 1;
  std::vector<Employee> roster_;
  std::vector<v1::Event> events_;
  Balances balances_;
  bool deregistered_ = false;
  // The employer's grant, if any.
  absl::CivilMonth first_, last_;
  bool granted_ = false;
  Balances::Deferral grant_state_ = Balances::Deferral::kHeld;
};

}  // namespace sim
}  // namespace ledger_bench

#endif  // TOOLS_BENCH_SIM_INTERNAL_H_
