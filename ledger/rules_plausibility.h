// Rule-set plausibility (issue 16, item 3): bounds past which a rule set,
// though well-formed, is a typing error rather than a bureau's decision, and
// combinations that cannot both be meant. Checked by Rules::FromRuleSet once
// the rule set is well-formed, so on `rules check`, `init` and every load.
//
// The bounds, and why:
// - late_fee.rate_bp_per_day 1..100 (0.01 % .. 1 % a day): the statutory
//   rate is 5 (0.05 %, 社会保险法 §86); 0 would charge nothing, 10 000 is
//   100 % a day.
// - employer_rate_bp and employee_rate_bp 1..2000 (0.01 % .. 20 %): medical
//   insurance rates are single-digit percents (employer 6-12 % with
//   maternity, employee 2 %); 0 % and 100 % are refused.
// - a policy's window: first_periods each once (they already lie in the
//   window); every area it covers has a rate in force from the window's
//   first period on (a deferral of periods that cannot be assessed is a
//   wrong area or a wrong window; rates that change inside the window are
//   fine); catch_up_deadline, when set, not before the first day of the
//   window's last period (the periods deferred last would be due before
//   they begin; a deadline inside that month is plausible, R6's
//   max(original due, catch-up) then keeps a later original due date).
//   max_months past the window's length is allowed: R14 caps L at the
//   window's last period, and a policy "up to 3 months" may well have a
//   shorter window.
// - rates starting after a window, as above, are refused only where a
//   policy covers the area: an area's rates may start whenever it joins.
// - no two policies cover the same pooling area for overlapping windows: an
//   employer could hold two deferrals of one month (R5's ALREADY_DEFERRED
//   checks one policy at a time).
// - codes and names (the rule set's name, area codes and names, policy ids)
//   printable (ledger/printable.h: no control, bidi or invisible
//   characters) and without a leading or trailing space; an area code or
//   policy id at most 64 bytes, as the interchange allows in events.
#ifndef LEDGER_RULES_PLAUSIBILITY_H_
#define LEDGER_RULES_PLAUSIBILITY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/rules.h"
#include "ledger/v1/rules.pb.h"

namespace ledger {

inline constexpr int32_t kMinLateFeeRateBpPerDay = 1;
inline constexpr int32_t kMaxLateFeeRateBpPerDay = 100;
inline constexpr int32_t kMinContributionRateBp = 1;
inline constexpr int32_t kMaxContributionRateBp = 2000;
inline constexpr size_t kMaxRuleCodeBytes = 64;

struct RuleProblem {
  std::string path;     // "deferral_policies[1].window"
  std::string message;  // what is wrong and what was expected
};

// Returns every plausibility problem of `rule_set`, whose compiled `areas`
// and `policies` (same order as in the rule set) are well-formed.
std::vector<RuleProblem> CheckPlausibility(const v1::RuleSet& rule_set,
                                           const std::vector<AreaRules>& areas,
                                           const std::vector<PolicyRules>& policies);

}  // namespace ledger

#endif  // LEDGER_RULES_PLAUSIBILITY_H_
