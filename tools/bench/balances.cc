#include "tools/bench/balances.h"

#include <algorithm>

namespace ledger_bench {

using ledger::v1::Component;

void Balances::Assess(absl::CivilMonth period, absl::CivilDay original_due,
                      int64_t employee_fen, int64_t employer_fen, Deferral deferral) {
  auto it = std::find_if(periods_.begin(), periods_.end(),
                         [&](const Period& p) { return p.period >= period; });
  if (it == periods_.end() || it->period != period) {
    it = periods_.insert(it, Period{period, original_due, 0, 0, deferral});
  }
  it->employee_fen += employee_fen;
  it->employer_fen += employer_fen;
}

int64_t Balances::Payable(std::optional<absl::CivilMonth> period, Component component) const {
  int64_t total = 0;
  for (const Period& p : periods_) {
    if (period && p.period != *period) continue;
    if (component != ledger::v1::COMPONENT_EMPLOYER) total += p.employee_fen;
    if (component != ledger::v1::COMPONENT_EMPLOYEE && p.deferral != Deferral::kHeld) {
      total += p.employer_fen;
    }
  }
  return total;
}

int64_t Balances::Deferred(std::optional<absl::CivilMonth> period) const {
  int64_t total = 0;
  for (const Period& p : periods_) {
    if (period && p.period != *period) continue;
    if (p.deferral != Deferral::kNone) total += p.employer_fen;
  }
  return total;
}

namespace {
int64_t Take(int64_t& outstanding, int64_t& amount) {
  const int64_t settled = std::min(outstanding, amount);
  outstanding -= settled;
  amount -= settled;
  return settled;
}
}  // namespace

int64_t Balances::Pay(int64_t amount, std::optional<absl::CivilMonth> period,
                      Component component) {
  // Not deferred before deferred; then period (= original due date),
  // employee before employer.
  for (int pass = 0; pass < 2; ++pass) {
    for (Period& p : periods_) {
      if (period && p.period != *period) continue;
      if (pass == 0 && component != ledger::v1::COMPONENT_EMPLOYER) {
        Take(p.employee_fen, amount);
      }
      const bool deferred = p.deferral != Deferral::kNone;
      if (component != ledger::v1::COMPONENT_EMPLOYEE && deferred == (pass == 1)) {
        Take(p.employer_fen, amount);
      }
    }
  }
  return amount;
}

int64_t Balances::CatchUp(int64_t amount, std::optional<absl::CivilMonth> period) {
  for (Period& p : periods_) {
    if (period && p.period != *period) continue;
    if (p.deferral != Deferral::kNone) Take(p.employer_fen, amount);
  }
  return amount;
}

bool Balances::InArrears(absl::CivilMonth first, absl::CivilDay on) const {
  for (const Period& p : periods_) {
    if (p.period >= first || p.original_due >= on) continue;
    if (p.employee_fen > 0 || p.employer_fen > 0) return true;
  }
  return false;
}

void Balances::Defer(absl::CivilMonth first, absl::CivilMonth last) {
  for (Period& p : periods_) {
    if (p.period >= first && p.period <= last) p.deferral = Deferral::kHeld;
  }
}

void Balances::Withdraw(absl::CivilMonth first, absl::CivilMonth last) {
  for (Period& p : periods_) {
    if (p.period >= first && p.period <= last) p.deferral = Deferral::kDueNormally;
  }
}

void Balances::Void(absl::CivilMonth first, absl::CivilMonth last) {
  for (Period& p : periods_) {
    if (p.period >= first && p.period <= last) p.deferral = Deferral::kNone;
  }
}

int64_t Balances::Outstanding() const {
  int64_t total = 0;
  for (const Period& p : periods_) total += p.employee_fen + p.employer_fen;
  return total;
}

}  // namespace ledger_bench
