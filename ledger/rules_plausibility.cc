#include "ledger/rules_plausibility.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/json.h"
#include "ledger/printable.h"

namespace ledger {
namespace {

class Problems {
 public:
  void Add(std::string path, std::string message) {
    problems_.push_back(RuleProblem{std::move(path), std::move(message)});
  }
  std::vector<RuleProblem> Take() { return std::move(problems_); }

 private:
  std::vector<RuleProblem> problems_;
};

// A code or name: printable, no leading or trailing space, at most
// `max_bytes` (0: no limit of its own).
void CheckCode(Problems& problems, const std::string& path, const std::string& text,
               size_t max_bytes) {
  if (text.empty()) return;  // a missing code is the structural check's
  if (const std::string bad = FirstUnprintable(text); !bad.empty()) {
    problems.Add(path, absl::StrFormat("\"%s\" contains %s; expected printable characters only",
                                       EscapeForMessage(text), bad));
  } else if (StartsOrEndsWithSpace(text)) {
    problems.Add(path, absl::StrFormat("%s must not start or end with a space",
                                       JsonQuote(text)));
  } else if (max_bytes > 0 && text.size() > max_bytes) {
    problems.Add(path, absl::StrFormat("is %d bytes long; at most %d allowed", text.size(),
                                       max_bytes));
  }
}

void CheckContributionRate(Problems& problems, const std::string& path, int32_t rate_bp) {
  if (rate_bp < kMinContributionRateBp || rate_bp > kMaxContributionRateBp) {
    problems.Add(path, absl::StrFormat(
                           "%d bp is not a plausible contribution rate; expected %d..%d bp "
                           "(0.01 %% .. 20 %%)",
                           rate_bp, kMinContributionRateBp, kMaxContributionRateBp));
  }
}

void CheckArea(Problems& problems, int index, const v1::PoolingArea& area) {
  const std::string path = absl::StrFormat("pooling_areas[%d]", index);
  CheckCode(problems, path + ".code", area.code(), kMaxRuleCodeBytes);
  CheckCode(problems, path + ".name", area.name(), 0);
  for (int i = 0; i < area.rates_size(); ++i) {
    const std::string rate_path = absl::StrFormat("%s.rates[%d]", path, i);
    CheckContributionRate(problems, rate_path + ".employer_rate_bp",
                          area.rates(i).employer_rate_bp());
    CheckContributionRate(problems, rate_path + ".employee_rate_bp",
                          area.rates(i).employee_rate_bp());
  }
}

std::string Months(const PolicyRules& policy) {
  return absl::StrFormat("%s..%s", FormatMonth(policy.window_first),
                         FormatMonth(policy.window_last));
}

void CheckPolicyWindow(Problems& problems, const std::string& path, const PolicyRules& policy,
                       const std::vector<AreaRules>& areas) {
  for (size_t i = 0; i < policy.first_periods.size(); ++i) {
    const auto first = policy.first_periods.begin();
    if (std::find(first, first + static_cast<std::ptrdiff_t>(i), policy.first_periods[i]) !=
        first + static_cast<std::ptrdiff_t>(i)) {
      problems.Add(absl::StrFormat("%s.first_periods[%d]", path, i),
                   absl::StrFormat("%s is listed twice", FormatMonth(policy.first_periods[i])));
    }
  }
  for (size_t i = 0; i < policy.pooling_areas.size(); ++i) {
    for (const AreaRules& area : areas) {
      if (area.code != policy.pooling_areas[i] || area.rates.empty()) continue;
      if (area.rates.front().first > policy.window_first) {
        problems.Add(absl::StrFormat("%s.pooling_areas[%d]", path, i),
                     absl::StrFormat("area %s's rates start in %s, after the window starts "
                                     "(%s): a deferral of %s could not be assessed; expected "
                                     "rates in force for the whole window",
                                     area.code, FormatMonth(area.rates.front().first),
                                     FormatMonth(policy.window_first),
                                     FormatMonth(policy.window_first)));
      }
    }
  }
  if (policy.catch_up_deadline) {
    const absl::CivilDay last_period_start(policy.window_last);
    if (*policy.catch_up_deadline < last_period_start) {
      problems.Add(path + ".catch_up_deadline",
                   absl::StrFormat("%s is before the window's last period %s: the periods "
                                   "deferred last would be due before they begin; expected "
                                   "a catch-up deadline on or after %s",
                                   FormatDate(*policy.catch_up_deadline),
                                   FormatMonth(policy.window_last),
                                   FormatDate(last_period_start)));
    }
  }
}

// Two policies of one area whose windows share a month.
void CheckOverlaps(Problems& problems, const std::vector<PolicyRules>& policies) {
  for (size_t later = 0; later < policies.size(); ++later) {
    const PolicyRules& b = policies[later];
    for (size_t earlier = 0; earlier < later; ++earlier) {
      const PolicyRules& a = policies[earlier];
      if (a.window_last < b.window_first || b.window_last < a.window_first) continue;
      for (const std::string& area : b.pooling_areas) {
        if (!a.CoversArea(area)) continue;
        problems.Add(
            absl::StrFormat("deferral_policies[%d].window", later),
            absl::StrFormat("%s %s overlaps %s %s (deferral_policies[%d]) in pooling area "
                            "%s: expected at most one policy per area and month",
                            JsonQuote(b.policy_id), Months(b), JsonQuote(a.policy_id),
                            Months(a), earlier, area));
        break;  // one message per pair of policies
      }
    }
  }
}

}  // namespace

std::vector<RuleProblem> CheckPlausibility(const v1::RuleSet& rule_set,
                                           const std::vector<AreaRules>& areas,
                                           const std::vector<PolicyRules>& policies) {
  Problems problems;
  CheckCode(problems, "name", rule_set.name(), 0);
  const int32_t late_fee_bp = rule_set.late_fee().rate_bp_per_day();
  if (late_fee_bp < kMinLateFeeRateBpPerDay || late_fee_bp > kMaxLateFeeRateBpPerDay) {
    problems.Add("late_fee.rate_bp_per_day",
                 absl::StrFormat("%d bp a day is not a plausible late-fee rate; expected "
                                 "%d..%d bp a day (the statutory rate is 5, 0.05 %%)",
                                 late_fee_bp, kMinLateFeeRateBpPerDay, kMaxLateFeeRateBpPerDay));
  }
  for (int i = 0; i < rule_set.pooling_areas_size(); ++i) {
    CheckArea(problems, i, rule_set.pooling_areas(i));
  }
  for (size_t i = 0; i < policies.size(); ++i) {
    const std::string path = absl::StrFormat("deferral_policies[%d]", i);
    CheckCode(problems, path + ".policy_id", policies[i].policy_id, kMaxRuleCodeBytes);
    CheckPolicyWindow(problems, path, policies[i], areas);
  }
  CheckOverlaps(problems, policies);
  return problems.Take();
}

}  // namespace ledger
