// A validated, compiled rule set (shared/spec/rules.md): rates, due dates,
// deferral policies, late fees and the working-day calendar of each pooling
// area. Built once from a RuleSet (or its JSON), immutable afterwards, safe to
// share between threads. Every figure that differs between places lives here,
// never in code.
#ifndef LEDGER_RULES_H_
#define LEDGER_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/calendar.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/rules.pb.h"

namespace ledger {

struct RatesInForce {
  int32_t employer_rate_bp = 0;
  int32_t employee_rate_bp = 0;
};

struct DueDay {
  int month_offset = 0;
  int day = 0;  // 0 or past the month's end: the last day
};

struct AreaRules {
  std::string code;
  std::string name;
  int32_t fund_reserve_months = 0;
  std::vector<std::pair<absl::CivilMonth, RatesInForce>> rates;  // ascending
  DueDay due;
  bool roll_due_to_working_day = false;
  // R2's original due dates of the periods from due_table_first on, worked
  // out once when the rules are compiled: the fold asks for one per period
  // of every employer, and rolling over the calendar each time is slow.
  absl::CivilMonth due_table_first;
  std::vector<absl::CivilDay> due_table;

  // Returns the rates of the latest from_period <= period, or nullptr when
  // the period precedes every entry.
  const RatesInForce* RatesFor(absl::CivilMonth period) const;
};

enum class Acceleration { kOnEvent, kNone };

struct PolicyRules {
  std::string policy_id;
  std::vector<std::string> pooling_areas;
  absl::CivilMonth window_first;
  absl::CivilMonth window_last;
  std::vector<absl::CivilMonth> first_periods;
  int max_months = 0;
  std::vector<v1::EntityType> eligible_entity_types;
  std::vector<v1::SizeClass> eligible_size_classes;
  int min_fund_reserve_months = 0;
  bool exclude_in_arrears = false;
  DueDay catch_up_due;
  std::optional<absl::CivilDay> catch_up_deadline;
  Acceleration acceleration = Acceleration::kOnEvent;
  int acceleration_grace_days = 0;
  int review_working_days = 0;

  bool CoversArea(std::string_view area_code) const;
};

class Rules {
 public:
  // Returns the compiled rules, or InvalidArgument listing every problem as
  // "SOURCE: field.path: what is wrong" (unknown area code in a policy, rate
  // gaps or disorder, a missing fund_reserve_months, bad dates, ...). A
  // well-formed rule set must also be plausible (rules_plausibility.h:
  // rate bounds, windows, deadlines, overlapping policies, printable codes);
  // this is the check of `rules check`, `init` and every load.
  static absl::StatusOr<Rules> FromRuleSet(const v1::RuleSet& rule_set,
                                           std::string_view source_name);
  // The same without the plausibility bounds, for tests only: the fold must
  // stay exact, or refuse with OutOfRange, for any rule set that compiles
  // (10 000 bp a day, 100 % contribution rates). The ledger never calls it.
  static absl::StatusOr<Rules> FromRuleSetWithoutPlausibilityForTesting(
      const v1::RuleSet& rule_set, std::string_view source_name);
  // Same, from the JSON form (protobuf JSON mapping, proto field names).
  // Duplicate keys and unknown fields are errors.
  static absl::StatusOr<Rules> FromJson(std::string_view json,
                                        std::string_view source_name);

  uint32_t version() const { return rule_set_.version(); }
  const v1::RuleSet& rule_set() const { return rule_set_; }
  const WorkCalendar& calendar() const { return calendar_; }
  int32_t late_fee_rate_bp_per_day() const { return late_fee_rate_bp_per_day_; }
  bool cap_late_fee_at_principal() const { return cap_late_fee_at_principal_; }

  // Returns the area or policy, or nullptr when the rule set has none.
  const AreaRules* FindArea(std::string_view code) const;
  const PolicyRules* FindPolicy(std::string_view policy_id) const;

  // Returns `period`'s original due date in `area` (R2).
  absl::CivilDay OriginalDueDate(const AreaRules& area, absl::CivilMonth period) const;
  // Returns the catch-up date of a grant of `policy` ending at `last_period`
  // for an employer in `area` (R6): the deadline if set, else catch_up_due
  // counted from last_period, rolled like R2.
  absl::CivilDay CatchUpDate(const PolicyRules& policy, const AreaRules& area,
                             absl::CivilMonth last_period) const;
  // Returns the date `working_days` working days strictly after `day` (R2).
  absl::CivilDay AddWorkingDays(absl::CivilDay day, int working_days) const {
    return calendar_.AddWorkingDays(day, working_days);
  }

 private:
  Rules() = default;
  static absl::StatusOr<Rules> Compile(const v1::RuleSet& rule_set, std::string_view source_name,
                                       bool check_plausibility);
  absl::CivilDay ComputeOriginalDueDate(const AreaRules& area, absl::CivilMonth period) const;
  void FillDueTable(AreaRules& area) const;

  v1::RuleSet rule_set_;
  WorkCalendar calendar_;
  int32_t late_fee_rate_bp_per_day_ = 0;
  bool cap_late_fee_at_principal_ = false;
  std::vector<AreaRules> areas_;
  std::vector<PolicyRules> policies_;
};

}  // namespace ledger

#endif  // LEDGER_RULES_H_
