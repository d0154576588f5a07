// Field-by-field differences between two rule sets, in words a bureau reads:
//   620702 employer_rate_bp from 2022-07: 700 → 650
//   policy gs-2022 min_fund_reserve_months: 6 → 5
//   calendar.holidays added: 2022-10-10
// Pooling areas are matched by code, rates by from_period, policies by
// policy_id; repeated strings (calendar days, first periods, area lists) are
// compared as sets. The version number itself is not a difference. Pure.
#ifndef LEDGER_REPLAY_RULES_DIFF_H_
#define LEDGER_REPLAY_RULES_DIFF_H_

#include <string>
#include <vector>

#include "ledger/v1/rules.pb.h"

namespace ledger {

// Returns one line per difference from `before` to `after`, in the order of
// `before`'s fields (added entries after the matched ones); empty when the
// rule sets differ in nothing but their version.
[[nodiscard]] std::vector<std::string> DiffRuleSets(const v1::RuleSet& before,
                                                    const v1::RuleSet& after);

}  // namespace ledger

#endif  // LEDGER_REPLAY_RULES_DIFF_H_
