// Test fixture for the fold: histories written as JSONL (the interchange
// form, so a test reads like shared/spec/examples), rules from JSON.
#ifndef LEDGER_TESTS_DOMAIN_FOLD_FIXTURE_H_
#define LEDGER_TESTS_DOMAIN_FOLD_FIXTURE_H_

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/dates.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/view.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/rules.h"

namespace ledger::testing {

inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::string ScenarioPath(std::string_view relative) {
  return std::string(LEDGER_SOURCE_DIR) + "/tests/scenarios/" + std::string(relative);
}

// The worked examples' rule set (shared/spec/examples/rules-zhangye-jinan.json).
inline Rules ExampleRules() {
  absl::StatusOr<Rules> rules =
      Rules::FromJson(ReadFileOrDie(ScenarioPath("spec_examples/rules-zhangye-jinan.json")),
                      "rules-zhangye-jinan.json");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *std::move(rules);
}

// Returns ExampleRules() after `edit` changed its RuleSet (a parameter test).
template <typename Edit>
Rules EditedRules(Edit edit) {
  v1::RuleSet rule_set = ExampleRules().rule_set();
  edit(rule_set);
  absl::StatusOr<Rules> rules = Rules::FromRuleSet(rule_set, "edited");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *std::move(rules);
}

class FoldTest : public ::testing::Test {
 protected:
  FoldTest() : rules_(ExampleRules()) {}

  // Parses `jsonl` as the employer's history; events get sequences 1, 2, ...
  // in line order and, when a line gives no recorded_at, one second apart.
  void SetHistory(std::string_view jsonl) {
    absl::StatusOr<ParsedEvents> parsed = ParseEventsJsonl(jsonl, "history");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    events_ = std::move(parsed->events);
    for (size_t i = 0; i < events_.size(); ++i) {
      events_[i].set_sequence(i + 1);
      if (!events_[i].recorded_at_given()) {
        events_[i].set_recorded_at_us(1'600'000'000'000'000 + static_cast<int64_t>(i) * 1'000'000);
      }
    }
  }

  // Returns the fold as of `as_of` ("YYYY-MM-DD"), known at `known_at`
  // (RFC 3339; empty = everything).
  Projection Fold(std::string_view as_of, std::string_view known_at = "") {
    int64_t known_at_us = kKnownAtEverything;
    if (!known_at.empty()) known_at_us = ToMicros(*ParseTimestamp(known_at));
    const absl::CivilDay day = *ParseDate(as_of);
    absl::StatusOr<Projection> projection =
        FoldEmployer(rules_, SelectView(events_, day, known_at_us), day);
    EXPECT_TRUE(projection.ok()) << projection.status();
    return projection.ok() ? *std::move(projection) : Projection{};
  }

  // Returns the row (period, component name, employee_id, due date) or fails.
  // The row lives in `projection`: keep a Fold() result in a variable before
  // holding a reference to one of its rows past the full expression.
  static const ObligationRow& Row(const Projection& projection, std::string_view period,
                                  std::string_view component, std::string_view employee_id = "",
                                  std::string_view due_date = "") {
    for (const ObligationRow& row : projection.rows) {
      if (FormatMonth(row.period) != period) continue;
      if ((component == "employer") != (row.component == v1::COMPONENT_EMPLOYER)) continue;
      if (row.employee_id != employee_id) continue;
      if (!due_date.empty() && FormatDate(row.due_date) != due_date) continue;
      return row;
    }
    ADD_FAILURE() << "no row " << period << " " << component << " " << employee_id << " "
                  << due_date;
    static const ObligationRow kMissing;
    return kMissing;
  }

  Rules rules_;
  std::vector<v1::Event> events_;
};

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_DOMAIN_FOLD_FIXTURE_H_
