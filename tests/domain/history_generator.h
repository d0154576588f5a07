// A seeded random history of one Zhangye employer "A" (registration,
// assessments 2022-01..2023-06, some late or supplementary, an eligible
// gs-2022 grant, payments of every kind, separations, maybe a revocation, a
// deregistration and a reversal), for property tests of the fold
// (tests/domain/property_test.cc) and of the monthly report
// (tests/report/). Deterministic for a seed and rules.
#ifndef LEDGER_TESTS_DOMAIN_HISTORY_GENERATOR_H_
#define LEDGER_TESTS_DOMAIN_HISTORY_GENERATOR_H_

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/interchange/event_jsonl.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {

using absl::CivilDay;
using absl::CivilMonth;

inline constexpr int kEmployees = 5;

class Generator {
 public:
  Generator(uint64_t seed, const Rules& rules) : rng_(seed), rules_(rules) {}

  // Returns the history in its canonical recorded order (sequence 1..n).
  std::vector<v1::Event> Generate() {
    Add(R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})");
    for (int e = 1; e <= kEmployees; ++e) bases_.push_back(Uniform(100000, 900000));
    std::optional<CivilDay> deregistered;
    if (Chance(0.2)) deregistered = RandomDay(CivilDay(2022, 11, 1), CivilDay(2023, 5, 31));
    GenerateAssessments(deregistered);
    const CivilMonth first = Chance(0.7) ? CivilMonth(2022, 7) : CivilMonth(2022, 8);
    const CivilMonth last = first + Uniform(0, std::min<int64_t>(2, CivilMonth(2022, 10) - first));
    const CivilDay granted = RandomDay(CivilDay(2022, 7, 1), CivilDay(2022, 9, 30));
    GenerateDepartures();
    GeneratePayments(first, last);
    if (Chance(0.3) && !reversible_.empty()) {
      const std::string& target = reversible_[Uniform(0, reversible_.size() - 1)];
      Add(absl::StrFormat(
          R"({"event_id":"x1","type":"event_reversed","employer_id":"A","effective_date":"%s","reverses_event_id":"%s","reason":"correction"})",
          FormatDate(RandomDay(CivilDay(2022, 3, 1), CivilDay(2023, 8, 31))), target));
    }
    // Eligibility (R5 5): pay on G whatever of the periods before F is
    // outstanding and due before G in the view on G.
    const int64_t arrears = ArrearsOn(granted, first);
    if (arrears > 0) {
      Add(absl::StrFormat(
          R"({"event_id":"clear","type":"contribution_paid","employer_id":"A","effective_date":"%s","amount_fen":%d})",
          FormatDate(granted), arrears));
    }
    grant_line_ = absl::StrFormat(
        R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"%s","first_period":"%s","last_period":"%s","policy_id":"gs-2022","basis":"automatic"})",
        FormatDate(granted), FormatMonth(first), FormatMonth(last));
    history_before_grant_ = events_;
    Add(grant_line_);
    const double revocation = Uniform(0, 99) / 100.0;
    if (revocation < 0.35) {
      Add(absl::StrFormat(
          R"({"event_id":"v1","type":"deferral_revoked","employer_id":"A","effective_date":"%s","policy_id":"gs-2022","reason":"%s"})",
          FormatDate(RandomDay(granted + 1, CivilDay(2022, 12, 31))),
          revocation < 0.15 ? "false_commitment" : "withdrawn"));
    }
    if (deregistered) {
      Add(absl::StrFormat(
          R"({"event_id":"dr","type":"employer_deregistered","employer_id":"A","effective_date":"%s"})",
          FormatDate(*deregistered)));
    }
    return events_;
  }

  const std::vector<v1::Event>& history_before_grant() const { return history_before_grant_; }
  const std::string& grant_line() const { return grant_line_; }

 private:
  int64_t Uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  CivilDay RandomDay(CivilDay lo, CivilDay hi) { return lo + Uniform(0, hi - lo); }
  std::string Employee(int64_t index) { return absl::StrFormat("E%d", index + 1); }

  void Add(const std::string& line) {
    FieldError error;
    absl::StatusOr<v1::Event> event = ParseEventLine(line, &error);
    ASSERT_TRUE(event.ok()) << line << ": " << error.field << ": " << error.message;
    Append(*std::move(event));
  }

  void Append(v1::Event event) {
    event.set_sequence(events_.size() + 1);
    event.set_recorded_at_us(1'650'000'000'000'000 + static_cast<int64_t>(events_.size()) * 1'000'000);
    events_.push_back(std::move(event));
  }

  // Built directly (the bulk of a history; parsing it would dominate the runtime).
  void AddAssessment(CivilMonth period, CivilDay date, const std::vector<int>& employees) {
    const std::string id = absl::StrFormat("a%d", events_.size());
    v1::Event event;
    event.set_event_id(id);
    event.set_employer_id("A");
    event.set_effective_date_yyyymmdd(EncodeDate(date));
    v1::ContributionAssessed& assessed = *event.mutable_contribution_assessed();
    assessed.set_period_yyyymm(EncodeMonth(period));
    for (int e : employees) {
      v1::AssessmentLine& line = *assessed.add_lines();
      line.set_employee_id(Employee(e));
      line.set_base_fen(bases_[e]);
    }
    Append(std::move(event));
    reversible_.push_back(id);
    assessed_periods_.push_back(period);
  }

  void GenerateAssessments(std::optional<CivilDay> deregistered) {
    for (CivilMonth period(2022, 1); period <= CivilMonth(2023, 6); ++period) {
      CivilDay date = CivilDay(period) + Uniform(0, 27);
      if (Chance(0.1)) date += Uniform(20, 60);  // a late declaration
      if (deregistered && date >= *deregistered) continue;
      std::vector<int> employees;
      for (int e = 0; e < kEmployees; ++e) {
        if (Chance(0.7)) employees.push_back(e);
      }
      if (employees.empty()) employees.push_back(0);
      if (employees.size() >= 2 && Chance(0.15)) {
        // A supplementary declaration adds the last lines later.
        const size_t split = employees.size() / 2;
        AddAssessment(period, date, {employees.begin(), employees.begin() + split});
        const CivilDay later = date + Uniform(0, 20);
        if (!deregistered || later < *deregistered) {
          AddAssessment(period, later, {employees.begin() + split, employees.end()});
        }
      } else {
        AddAssessment(period, date, employees);
      }
    }
  }

  void GenerateDepartures() {
    static constexpr const char* kTypes[] = {"employee_separated", "employee_retired",
                                             "employee_transferred_out"};
    const int64_t n = Uniform(0, 3);
    for (int64_t i = 0; i < n; ++i) {
      const std::string id = absl::StrFormat("s%d", i);
      Add(absl::StrFormat(
          R"({"event_id":"%s","type":"%s","employer_id":"A","effective_date":"%s","employee_id":"%s"})",
          id, kTypes[Uniform(0, 2)], FormatDate(RandomDay(CivilDay(2022, 6, 1), CivilDay(2023, 3, 31))),
          Employee(Uniform(0, kEmployees - 1))));
      reversible_.push_back(id);
    }
  }

  void GeneratePayments(CivilMonth first, CivilMonth last) {
    const int64_t n = Uniform(6, 18);
    std::vector<CivilDay> dates;
    for (int64_t i = 0; i < n; ++i) {
      const CivilDay date = !dates.empty() && Chance(0.25)
                                ? dates[Uniform(0, dates.size() - 1)]
                                : RandomDay(CivilDay(2022, 2, 1), CivilDay(2023, 8, 31));
      dates.push_back(date);
      const std::string id = absl::StrFormat("p%d", i);
      const double kind = Uniform(0, 99) / 100.0;
      std::string extra;
      std::string type = "contribution_paid";
      int64_t amount = Uniform(5000, 200000);
      if (kind < 0.45) {
        // unfiltered
      } else if (kind < 0.65) {
        if (Chance(0.5)) {
          extra += absl::StrFormat(R"(,"period":"%s")",
                                   FormatMonth(assessed_periods_[Uniform(0, assessed_periods_.size() - 1)]));
        }
        if (Chance(0.5)) extra += Chance(0.5) ? R"(,"component":"employer")" : R"(,"component":"employee")";
        if (Chance(0.4)) extra += absl::StrFormat(R"(,"employee_id":"%s")", Employee(Uniform(0, kEmployees - 1)));
      } else if (kind < 0.85) {
        type = "catch_up_paid";
        amount = Uniform(5000, 150000);
        if (Chance(0.3)) {
          extra += absl::StrFormat(R"(,"period":"%s")", FormatMonth(first + Uniform(0, last - first)));
        }
        if (Chance(0.2)) extra += absl::StrFormat(R"(,"employee_id":"%s")", Employee(Uniform(0, kEmployees - 1)));
      } else {
        amount = Uniform(100, 5000);
        extra += R"(,"component":"late_fee")";
        if (Chance(0.3)) {
          extra += absl::StrFormat(R"(,"period":"%s")",
                                   FormatMonth(assessed_periods_[Uniform(0, assessed_periods_.size() - 1)]));
        }
      }
      Add(absl::StrFormat(
          R"({"event_id":"%s","type":"%s","employer_id":"A","effective_date":"%s","amount_fen":%d%s})",
          id, type, FormatDate(date), amount, extra));
      reversible_.push_back(id);
    }
  }

  int64_t ArrearsOn(CivilDay day, CivilMonth first) {
    absl::StatusOr<Projection> state =
        FoldEmployer(rules_, SelectView(events_, day, kKnownAtEverything), day);
    EXPECT_TRUE(state.ok()) << state.status();
    if (!state.ok()) return 0;
    int64_t owed = 0;
    for (const ObligationRow& row : state->rows) {
      if (row.period < first && row.due_date < day) owed += row.outstanding_fen();
    }
    return owed;
  }

  std::mt19937_64 rng_;
  const Rules& rules_;
  std::vector<int64_t> bases_;
  std::vector<v1::Event> events_;
  std::vector<v1::Event> history_before_grant_;
  std::string grant_line_;
  std::vector<std::string> reversible_;
  std::vector<CivilMonth> assessed_periods_;
};

// The rule sets the properties hold under: the examples', one with a cap,
// a steep rate and a grace period, one without acceleration and with a
// catch-up deadline.
inline std::vector<Rules> RuleVariants() {
  std::vector<Rules> variants;
  variants.push_back(ExampleRules());
  variants.push_back(EditedRules([](v1::RuleSet& r) {
    r.mutable_late_fee()->set_cap_at_principal(true);
    r.mutable_late_fee()->set_rate_bp_per_day(40);
    r.mutable_deferral_policies(0)->set_acceleration_grace_days(10);
  }));
  variants.push_back(EditedRules([](v1::RuleSet& r) {
    r.mutable_deferral_policies(0)->set_acceleration("none");
    r.mutable_deferral_policies(0)->set_catch_up_deadline("2022-12-15");
  }));
  return variants;
}

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_DOMAIN_HISTORY_GENERATOR_H_
