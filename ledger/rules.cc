#include "ledger/rules.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "ledger/dates.h"
#include "ledger/enum_names.h"
#include "ledger/json.h"
#include "ledger/money.h"
#include "ledger/printable.h"
#include "ledger/rules_json_shape.h"
#include "ledger/rules_plausibility.h"

namespace ledger {
namespace {

// Collects "SOURCE: path: message" lines; validation reports every problem.
class RuleErrors {
 public:
  // `source` (a file name) is escaped: it cannot forge a line of its own.
  explicit RuleErrors(std::string_view source) : source_(EscapeForMessage(source)) {}
  void Add(std::string_view path, std::string_view message) {
    if (messages_.size() < kMaxMessages) {
      messages_.push_back(absl::StrFormat("%s: %s: %s", source_, path, message));
    }
    ++total_;
  }
  bool empty() const { return total_ == 0; }
  absl::Status ToStatus() const {
    std::string text = absl::StrJoin(messages_, "\n");
    if (total_ > kMaxMessages) {
      text += absl::StrFormat("\n... and %d more errors", total_ - kMaxMessages);
    }
    return absl::InvalidArgumentError(text);
  }

 private:
  static constexpr int64_t kMaxMessages = 100;
  std::string source_;
  std::vector<std::string> messages_;
  int64_t total_ = 0;
};

std::optional<absl::CivilMonth> CheckMonth(RuleErrors& errors, const std::string& path,
                                           std::string_view text) {
  absl::StatusOr<absl::CivilMonth> month = ParseMonth(text);
  if (!month.ok()) {
    errors.Add(path, std::string(month.status().message()));
    return std::nullopt;
  }
  return *month;
}

std::optional<absl::CivilDay> CheckDate(RuleErrors& errors, const std::string& path,
                                        std::string_view text) {
  absl::StatusOr<absl::CivilDay> day = ParseDate(text);
  if (!day.ok()) {
    errors.Add(path, std::string(day.status().message()));
    return std::nullopt;
  }
  return *day;
}

DueDay CheckDue(RuleErrors& errors, const std::string& path, bool present,
                const v1::DueRule& due) {
  if (!present) {
    errors.Add(path, "missing: expected {\"month_offset\": N, \"day\": D}");
    return {};
  }
  if (due.month_offset() < 0 || due.month_offset() > 12) {
    errors.Add(path + ".month_offset",
               absl::StrFormat("expected 0..12 months, got %d", due.month_offset()));
  }
  if (due.day() < 0 || due.day() > 31) {
    errors.Add(path + ".day",
               absl::StrFormat("expected 0..31 (0 = last day), got %d", due.day()));
  }
  return DueDay{due.month_offset(), due.day()};
}

void CheckRate(RuleErrors& errors, const std::string& path, int32_t rate_bp) {
  if (rate_bp < 0 || rate_bp > kMaxRateBp) {
    errors.Add(path, absl::StrFormat("expected 0..%d basis points, got %d", kMaxRateBp,
                                     rate_bp));
  }
}

AreaRules CompileArea(RuleErrors& errors, const std::string& path,
                      const v1::PoolingArea& area) {
  AreaRules compiled;
  compiled.code = area.code();
  compiled.name = area.name();
  if (area.code().empty()) errors.Add(path + ".code", "missing: expected an area code");
  if (!area.has_fund_reserve_months()) {
    errors.Add(path + ".fund_reserve_months",
               "missing: expected the months of payments the pooled fund covers");
  } else if (area.fund_reserve_months() < 0) {
    errors.Add(path + ".fund_reserve_months", "expected a number of months >= 0");
  }
  compiled.fund_reserve_months = area.fund_reserve_months();
  if (area.rates().empty()) {
    errors.Add(path + ".rates", "missing: expected at least one {from_period, rates}");
  }
  for (int i = 0; i < area.rates_size(); ++i) {
    const v1::RatePeriod& rate = area.rates(i);
    const std::string rate_path = absl::StrFormat("%s.rates[%d]", path, i);
    CheckRate(errors, rate_path + ".employer_rate_bp", rate.employer_rate_bp());
    CheckRate(errors, rate_path + ".employee_rate_bp", rate.employee_rate_bp());
    std::optional<absl::CivilMonth> from =
        CheckMonth(errors, rate_path + ".from_period", rate.from_period());
    if (!from) continue;
    if (!compiled.rates.empty() && *from <= compiled.rates.back().first) {
      errors.Add(rate_path + ".from_period",
                 absl::StrFormat("must come after %s: rates are listed oldest first, "
                                 "one entry per starting period",
                                 FormatMonth(compiled.rates.back().first)));
    }
    compiled.rates.emplace_back(
        *from, RatesInForce{rate.employer_rate_bp(), rate.employee_rate_bp()});
  }
  compiled.due = CheckDue(errors, path + ".due", area.has_due(), area.due());
  compiled.roll_due_to_working_day = area.roll_due_to_working_day();
  return compiled;
}

void CompilePolicyPeriods(RuleErrors& errors, const std::string& path,
                          const v1::DeferralPolicy& policy, PolicyRules& compiled) {
  if (!policy.has_window()) {
    errors.Add(path + ".window", "missing: expected {\"first\": YYYY-MM, \"last\": YYYY-MM}");
    return;
  }
  std::optional<absl::CivilMonth> first =
      CheckMonth(errors, path + ".window.first", policy.window().first());
  std::optional<absl::CivilMonth> last =
      CheckMonth(errors, path + ".window.last", policy.window().last());
  if (!first || !last) return;
  if (*last < *first) errors.Add(path + ".window", "last is before first");
  compiled.window_first = *first;
  compiled.window_last = *last;
  if (policy.first_periods().empty()) {
    errors.Add(path + ".first_periods", "missing: expected the periods a deferral may start at");
  }
  for (int i = 0; i < policy.first_periods_size(); ++i) {
    const std::string item_path = absl::StrFormat("%s.first_periods[%d]", path, i);
    std::optional<absl::CivilMonth> period =
        CheckMonth(errors, item_path, policy.first_periods(i));
    if (!period) continue;
    if (*period < *first || *period > *last) {
      errors.Add(item_path, "outside the window");
    }
    compiled.first_periods.push_back(*period);
  }
  if (policy.max_months() < 1) {
    errors.Add(path + ".max_months", "expected at least 1 month");
  }
  compiled.max_months = policy.max_months();
}

void CompilePolicyEligibility(RuleErrors& errors, const std::string& path,
                              const v1::DeferralPolicy& policy, PolicyRules& compiled) {
  for (int i = 0; i < policy.eligible_entity_types_size(); ++i) {
    std::optional<v1::EntityType> type = EntityTypeFromName(policy.eligible_entity_types(i));
    if (!type) {
      errors.Add(absl::StrFormat("%s.eligible_entity_types[%d]", path, i),
                 absl::StrFormat("unknown entity type \"%s\"; expected one of: %s",
                                 policy.eligible_entity_types(i), EntityTypeNames()));
      continue;
    }
    compiled.eligible_entity_types.push_back(*type);
  }
  for (int i = 0; i < policy.eligible_size_classes_size(); ++i) {
    std::optional<v1::SizeClass> size = SizeClassFromName(policy.eligible_size_classes(i));
    if (!size) {
      errors.Add(absl::StrFormat("%s.eligible_size_classes[%d]", path, i),
                 absl::StrFormat("unknown size class \"%s\"; expected one of: %s",
                                 policy.eligible_size_classes(i), SizeClassNames()));
      continue;
    }
    compiled.eligible_size_classes.push_back(*size);
  }
  if (policy.min_fund_reserve_months() < 0) {
    errors.Add(path + ".min_fund_reserve_months", "expected a number of months >= 0");
  }
  compiled.min_fund_reserve_months = policy.min_fund_reserve_months();
  compiled.exclude_in_arrears = policy.exclude_in_arrears();
}

void CompilePolicyCatchUp(RuleErrors& errors, const std::string& path,
                          const v1::DeferralPolicy& policy, PolicyRules& compiled) {
  if (!policy.catch_up_deadline().empty()) {
    compiled.catch_up_deadline =
        CheckDate(errors, path + ".catch_up_deadline", policy.catch_up_deadline());
  } else {
    compiled.catch_up_due = CheckDue(errors, path + ".catch_up_due",
                                     policy.has_catch_up_due(), policy.catch_up_due());
  }
  if (policy.acceleration().empty() || policy.acceleration() == "on_event") {
    compiled.acceleration = Acceleration::kOnEvent;
  } else if (policy.acceleration() == "none") {
    compiled.acceleration = Acceleration::kNone;
  } else {
    errors.Add(path + ".acceleration",
               absl::StrFormat("expected \"on_event\" or \"none\", got \"%s\"",
                               policy.acceleration()));
  }
  if (policy.acceleration_grace_days() < 0 || policy.acceleration_grace_days() > 366) {
    errors.Add(path + ".acceleration_grace_days", "expected 0..366 days");
  }
  compiled.acceleration_grace_days = policy.acceleration_grace_days();
  if (policy.review_working_days() < 0 || policy.review_working_days() > 60) {
    errors.Add(path + ".review_working_days", "expected 0..60 working days");
  }
  compiled.review_working_days = policy.review_working_days();
}

PolicyRules CompilePolicy(RuleErrors& errors, const std::string& path,
                          const v1::DeferralPolicy& policy,
                          const std::vector<AreaRules>& areas) {
  PolicyRules compiled;
  compiled.policy_id = policy.policy_id();
  if (policy.policy_id().empty()) errors.Add(path + ".policy_id", "missing: expected an id");
  if (policy.pooling_areas().empty()) {
    errors.Add(path + ".pooling_areas", "missing: expected the area codes it covers");
  }
  for (int i = 0; i < policy.pooling_areas_size(); ++i) {
    const std::string& code = policy.pooling_areas(i);
    const bool known = std::any_of(areas.begin(), areas.end(),
                                   [&](const AreaRules& area) { return area.code == code; });
    if (!known) {
      errors.Add(absl::StrFormat("%s.pooling_areas[%d]", path, i),
                 absl::StrFormat("unknown pooling area \"%s\": not in pooling_areas", code));
    }
    compiled.pooling_areas.push_back(code);
  }
  CompilePolicyPeriods(errors, path, policy, compiled);
  CompilePolicyEligibility(errors, path, policy, compiled);
  CompilePolicyCatchUp(errors, path, policy, compiled);
  return compiled;
}

std::vector<absl::CivilDay> CompileDays(RuleErrors& errors, const std::string& path,
                                        const google::protobuf::RepeatedPtrField<std::string>& days) {
  std::vector<absl::CivilDay> compiled;
  for (int i = 0; i < days.size(); ++i) {
    if (std::optional<absl::CivilDay> day =
            CheckDate(errors, absl::StrFormat("%s[%d]", path, i), days[i])) {
      compiled.push_back(*day);
    }
  }
  return compiled;
}

}  // namespace

const RatesInForce* AreaRules::RatesFor(absl::CivilMonth period) const {
  const RatesInForce* found = nullptr;
  for (const auto& [from_period, rates_in_force] : rates) {
    if (from_period > period) break;
    found = &rates_in_force;
  }
  return found;
}

bool PolicyRules::CoversArea(std::string_view area_code) const {
  return std::find(pooling_areas.begin(), pooling_areas.end(), area_code) !=
         pooling_areas.end();
}

absl::StatusOr<Rules> Rules::FromRuleSet(const v1::RuleSet& rule_set,
                                         std::string_view source_name) {
  return Compile(rule_set, source_name, /*check_plausibility=*/true);
}

absl::StatusOr<Rules> Rules::FromRuleSetWithoutPlausibilityForTesting(
    const v1::RuleSet& rule_set, std::string_view source_name) {
  return Compile(rule_set, source_name, /*check_plausibility=*/false);
}

absl::StatusOr<Rules> Rules::Compile(const v1::RuleSet& rule_set, std::string_view source_name,
                                     bool check_plausibility) {
  RuleErrors errors(source_name);
  Rules rules;
  rules.rule_set_ = rule_set;
  if (rule_set.version() < 1) errors.Add("version", "expected a version number >= 1");
  if (!rule_set.has_late_fee() || !rule_set.late_fee().has_rate_bp_per_day()) {
    errors.Add("late_fee.rate_bp_per_day",
               "missing: expected the daily late-fee rate in basis points (5 = 0.05 %)");
  } else {
    CheckRate(errors, "late_fee.rate_bp_per_day", rule_set.late_fee().rate_bp_per_day());
  }
  rules.late_fee_rate_bp_per_day_ = rule_set.late_fee().rate_bp_per_day();
  rules.cap_late_fee_at_principal_ = rule_set.late_fee().cap_at_principal();

  if (rule_set.pooling_areas().empty()) errors.Add("pooling_areas", "missing: expected at least one area");
  absl::flat_hash_set<std::string> area_codes;
  for (int i = 0; i < rule_set.pooling_areas_size(); ++i) {
    const std::string path = absl::StrFormat("pooling_areas[%d]", i);
    rules.areas_.push_back(CompileArea(errors, path, rule_set.pooling_areas(i)));
    if (!area_codes.insert(rules.areas_.back().code).second) {
      errors.Add(path + ".code", absl::StrFormat("area \"%s\" is listed twice",
                                                  rules.areas_.back().code));
    }
  }
  absl::flat_hash_set<std::string> policy_ids;
  for (int i = 0; i < rule_set.deferral_policies_size(); ++i) {
    const std::string path = absl::StrFormat("deferral_policies[%d]", i);
    rules.policies_.push_back(
        CompilePolicy(errors, path, rule_set.deferral_policies(i), rules.areas_));
    if (!policy_ids.insert(rules.policies_.back().policy_id).second) {
      errors.Add(path + ".policy_id", absl::StrFormat("policy \"%s\" is listed twice",
                                                       rules.policies_.back().policy_id));
    }
  }
  const std::vector<absl::CivilDay> holidays =
      CompileDays(errors, "calendar.holidays", rule_set.calendar().holidays());
  const std::vector<absl::CivilDay> workdays =
      CompileDays(errors, "calendar.workdays", rule_set.calendar().workdays());
  for (absl::CivilDay day : workdays) {
    if (std::find(holidays.begin(), holidays.end(), day) != holidays.end()) {
      errors.Add("calendar", absl::StrFormat("%s is both a holiday and a workday",
                                              FormatDate(day)));
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  // Plausibility only once well-formed: its checks read the compiled values.
  if (check_plausibility) {
    for (const RuleProblem& problem : CheckPlausibility(rule_set, rules.areas_, rules.policies_)) {
      errors.Add(problem.path, problem.message);
    }
    if (!errors.empty()) return errors.ToStatus();
  }
  rules.calendar_ = WorkCalendar(holidays, workdays);
  for (AreaRules& area : rules.areas_) rules.FillDueTable(area);
  return rules;
}

absl::StatusOr<Rules> Rules::FromJson(std::string_view json, std::string_view source_name) {
  // Our strict reader and a shape check first: protobuf's JSON parser lets a
  // duplicate key win, takes camelCase aliases and reads "yes" as true.
  absl::StatusOr<JsonValue> strict = ParseJson(json);
  if (!strict.ok()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s: %s", EscapeForMessage(source_name), strict.status().message()));
  }
  std::vector<std::string> problems;
  CheckJsonShape(*strict, *v1::RuleSet::descriptor(), "", problems);
  if (!problems.empty()) {
    RuleErrors errors(source_name);
    for (const std::string& problem : problems) {
      const size_t colon = problem.find(": ");
      errors.Add(problem.substr(0, colon), problem.substr(colon + 2));
    }
    return errors.ToStatus();
  }
  v1::RuleSet rule_set;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      std::string(json), &rule_set, options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: not a rule set: %s", EscapeForMessage(source_name), std::string(parsed.message())));
  }
  return FromRuleSet(rule_set, source_name);
}

const AreaRules* Rules::FindArea(std::string_view code) const {
  for (const AreaRules& area : areas_) {
    if (area.code == code) return &area;
  }
  return nullptr;
}

const PolicyRules* Rules::FindPolicy(std::string_view policy_id) const {
  for (const PolicyRules& policy : policies_) {
    if (policy.policy_id == policy_id) return &policy;
  }
  return nullptr;
}

}  // namespace ledger
