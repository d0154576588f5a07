// The generator's own, simplified idea of one employer's principal: per
// period, the outstanding employee and employer portions and whether the
// employer portion is deferred. Enough to pick payment amounts and to know
// that a grant will pass R5's arrears check (rules.md R5.5, R10). Late fees
// are not modelled; the ledger computes them.
#ifndef TOOLS_BENCH_BALANCES_H_
#define TOOLS_BENCH_BALANCES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "ledger/v1/event.pb.h"

namespace ledger_bench {

class Balances {
 public:
  enum class Deferral { kNone, kHeld, kDueNormally };  // of an employer portion

  // Adds an assessment (or a supplementary one) of `period`.
  void Assess(absl::CivilMonth period, absl::CivilDay original_due, int64_t employee_fen,
              int64_t employer_fen, Deferral deferral);
  // What is payable now: outstanding principal not held by a deferral, of
  // `period` (or all) and `component` (UNSPECIFIED: both).
  int64_t Payable(std::optional<absl::CivilMonth> period,
                  ledger::v1::Component component) const;
  // Deferred employer principal outstanding, of `period` (or all).
  int64_t Deferred(std::optional<absl::CivilMonth> period) const;
  // R10 allocation of a contribution_paid without late_fee / a catch_up_paid;
  // returns what is left over (credit).
  int64_t Pay(int64_t amount, std::optional<absl::CivilMonth> period,
              ledger::v1::Component component);
  int64_t CatchUp(int64_t amount, std::optional<absl::CivilMonth> period);
  // R5.5: outstanding principal of a period before `first` due before `on`.
  bool InArrears(absl::CivilMonth first, absl::CivilDay on) const;
  // A grant of first..last; a withdrawal makes the portions due; a voided
  // grant (false commitment) makes them ordinary again.
  void Defer(absl::CivilMonth first, absl::CivilMonth last);
  void Withdraw(absl::CivilMonth first, absl::CivilMonth last);
  void Void(absl::CivilMonth first, absl::CivilMonth last);
  int64_t Outstanding() const;

 private:
  struct Period {
    absl::CivilMonth period;
    absl::CivilDay original_due;
    int64_t employee_fen = 0;  // outstanding
    int64_t employer_fen = 0;  // outstanding
    Deferral deferral = Deferral::kNone;
  };
  std::vector<Period> periods_;  // ascending period
};

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_BALANCES_H_
