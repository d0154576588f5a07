// Property tests of the fold over seeded random histories of one Zhangye
// employer: registration, assessments 2022-01..2023-06 (some late, some
// supplementary), an eligible gs-2022 grant, payments of every kind,
// separations, maybe a revocation, a deregistration and a reversal.
//
// What R10/R11 promise, and so what is tested: the fold is a pure function
// of the view, ordered by effective date, then "every other event before
// payments", then ledger sequence. So the recorded order (sequence,
// recorded_at) may be shuffled freely EXCEPT that payments on the same day
// keep their relative order (their sequence is what orders them, R10); with
// that, every figure must be identical. Also checked on every fold: money is
// conserved (each fen paid is principal, fee or credit), rows and totals
// agree, and no row is paid beyond its principal or accrued fee.
#include <algorithm>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/domain/decisions.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

using absl::CivilDay;
using absl::CivilMonth;

constexpr int kSeeds = 250;
constexpr int kEmployees = 5;

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

// Returns `events` with sequences (and recorded_at) permuted at random,
// except that payments sharing an effective date keep their relative order.
std::vector<v1::Event> Shuffled(const std::vector<v1::Event>& events, uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
  std::vector<uint64_t> sequences;
  for (const v1::Event& event : events) sequences.push_back(event.sequence());
  std::shuffle(sequences.begin(), sequences.end(), rng);
  std::vector<v1::Event> shuffled = events;
  for (size_t i = 0; i < shuffled.size(); ++i) shuffled[i].set_sequence(sequences[i]);
  // Same-day payments: hand their (shuffled) sequences back out in canonical order.
  std::map<int32_t, std::vector<size_t>> payments_by_day;
  for (size_t i = 0; i < shuffled.size(); ++i) {
    if (IsPayment(shuffled[i])) payments_by_day[shuffled[i].effective_date_yyyymmdd()].push_back(i);
  }
  for (auto& [day, indexes] : payments_by_day) {
    std::vector<uint64_t> taken;
    for (size_t i : indexes) taken.push_back(shuffled[i].sequence());
    std::sort(taken.begin(), taken.end());
    for (size_t k = 0; k < indexes.size(); ++k) shuffled[indexes[k]].set_sequence(taken[k]);
  }
  for (v1::Event& event : shuffled) {
    event.set_recorded_at_us(1'650'000'000'000'000 + static_cast<int64_t>(event.sequence()) * 1'000'000);
  }
  std::shuffle(shuffled.begin(), shuffled.end(), rng);  // storage order is irrelevant too
  return shuffled;
}

// Every figure of a projection, one line per row.
std::string Describe(const Projection& p) {
  std::string out = absl::StrFormat("registered=%d grants=%d\n", static_cast<int>(p.status.registered), p.grants.size());
  for (const ObligationRow& row : p.rows) {
    out += absl::StrFormat(
        "%s c%d %s orig=%s due=%s def=%d principal=%d paid=%d fee=%d waived=%d fee_paid=%d\n",
        FormatMonth(row.period), static_cast<int>(row.component), row.employee_id,
        FormatDate(row.original_due_date), FormatDate(row.due_date), static_cast<int>(row.deferred),
        row.principal_fen, row.paid_fen, row.late_fee_fen, row.late_fee_waived_fen,
        row.late_fee_paid_fen);
  }
  // Provenance as event ids, so that a stale index shows.
  auto event_id = [&p](int32_t index) {
    return index < 0 ? std::string("-") : std::string(p.event_id(index));
  };
  auto describe_chain = [&](const AllocationChain& chain) {
    std::string described;
    p.ForEachAllocation(chain, [&](const Allocation& allocation) {
      absl::StrAppend(&described, " ", event_id(allocation.event_index), "@",
                      FormatDate(allocation.paid_date()), ":", allocation.amount_fen);
    });
    return described;
  };
  for (const ObligationRow& row : p.rows) {
    out += absl::StrFormat("row %s c%d fee paid by%s\n", FormatMonth(row.period),
                           static_cast<int>(row.component), describe_chain(row.fee_allocations));
  }
  for (const Part& part : p.parts) {
    out += absl::StrFormat("part %s c%d %s paid=%d due=%s by=%s moved=%s,%s paid by%s\n",
                           FormatMonth(part.period()), static_cast<int>(part.component),
                           part.employee_id, part.paid_fen, FormatDate(part.due_date()),
                           event_id(part.assessed_by), event_id(part.due_moved_by[0]),
                           event_id(part.due_moved_by[1]), describe_chain(part.allocations));
  }
  out += "credit from";
  for (std::string_view payment : p.credit_from) absl::StrAppend(&out, " ", std::string(payment));
  out += "\n";
  const Totals& t = p.totals;
  out += absl::StrFormat(
      "totals principal=%d paid=%d outstanding=%d overdue=%d fee=%d fee_paid=%d fee_out=%d "
      "waived=%d credit=%d\n",
      t.principal_fen, t.paid_fen, t.outstanding_fen, t.overdue_fen, t.late_fee_fen,
      t.late_fee_paid_fen, t.late_fee_outstanding_fen, t.late_fee_waived_fen, p.credit_fen);
  if (p.next_due) {
    out += absl::StrFormat("next_due %s %d\n", FormatDate(p.next_due->date), p.next_due->amount_fen);
  }
  return out;
}

Projection FoldAll(const Rules& rules, const std::vector<v1::Event>& events, CivilDay as_of) {
  absl::StatusOr<Projection> projection =
      FoldEmployer(rules, SelectView(events, as_of, kKnownAtEverything), as_of);
  EXPECT_TRUE(projection.ok()) << projection.status();
  return projection.ok() ? *std::move(projection) : Projection{};
}

// Invariants any correct fold keeps.
void CheckInvariants(const Rules& rules, const Projection& p,
                     const std::vector<v1::Event>& events, CivilDay as_of,
                     const std::string& context) {
  int64_t paid_in = 0;
  for (const v1::Event* event : SelectView(events, as_of, kKnownAtEverything)) {
    if (event->has_contribution_paid()) paid_in += event->contribution_paid().amount_fen();
    if (event->has_catch_up_paid()) paid_in += event->catch_up_paid().amount_fen();
  }
  // Conservation: every fen paid went to principal, to fees, or to credit.
  EXPECT_EQ(paid_in, p.totals.paid_fen + p.totals.late_fee_paid_fen + p.credit_fen) << context;
  Totals sum;
  for (const ObligationRow& row : p.rows) {
    EXPECT_GE(row.paid_fen, 0) << context;
    EXPECT_LE(row.paid_fen, row.principal_fen) << context;
    EXPECT_GE(row.late_fee_paid_fen, 0) << context;
    // Fees only grow with time, and a fee payment never exceeds what had accrued.
    EXPECT_LE(row.late_fee_paid_fen, row.late_fee_fen) << context;
    EXPECT_GE(row.due_date, row.original_due_date) << context;
    if (!row.deferred) {
      EXPECT_EQ(row.late_fee_waived_fen, 0) << context;
    } else {
      EXPECT_EQ(row.component, v1::COMPONENT_EMPLOYER) << context;
    }
    if (!row.employee_id.empty()) {
      EXPECT_TRUE(row.deferred) << context;
    }
    if (rules.cap_late_fee_at_principal()) {
      EXPECT_LE(row.late_fee_fen, row.principal_fen) << context;
    }
    sum.principal_fen += row.principal_fen;
    sum.paid_fen += row.paid_fen;
    sum.late_fee_fen += row.late_fee_fen;
    sum.late_fee_paid_fen += row.late_fee_paid_fen;
    sum.late_fee_waived_fen += row.late_fee_waived_fen;
    if (row.due_date < as_of) sum.overdue_fen += row.outstanding_fen();
  }
  EXPECT_EQ(sum.principal_fen, p.totals.principal_fen) << context;
  EXPECT_EQ(sum.paid_fen, p.totals.paid_fen) << context;
  EXPECT_EQ(sum.principal_fen - sum.paid_fen, p.totals.outstanding_fen) << context;
  EXPECT_EQ(sum.overdue_fen, p.totals.overdue_fen) << context;
  EXPECT_EQ(sum.late_fee_fen, p.totals.late_fee_fen) << context;
  EXPECT_EQ(sum.late_fee_paid_fen, p.totals.late_fee_paid_fen) << context;
  EXPECT_EQ(sum.late_fee_waived_fen, p.totals.late_fee_waived_fen) << context;
  EXPECT_EQ(p.totals.late_fee_fen - p.totals.late_fee_paid_fen, p.totals.late_fee_outstanding_fen)
      << context;
}

std::vector<Rules> RuleVariants() {
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

// How many folds showed each feature.
struct Coverage {
  int deferred = 0, accelerated = 0, voided = 0, withdrawn = 0, deregistered = 0, credit = 0,
      fee_paid = 0, waived = 0;
  void Count(const Projection& p) {
    bool any_deferred = false, any_accelerated = false;
    for (const ObligationRow& row : p.rows) {
      any_deferred = any_deferred || row.deferred;
      any_accelerated = any_accelerated || !row.employee_id.empty();
    }
    deferred += any_deferred;
    accelerated += any_accelerated;
    for (const Grant& grant : p.grants) {
      voided += grant.voided();
      withdrawn += grant.revoked_reason == v1::REVOCATION_REASON_WITHDRAWN;
    }
    deregistered += p.status.deregistered_on.has_value();
    credit += p.credit_fen > 0;
    fee_paid += p.totals.late_fee_paid_fen > 0;
    waived += p.totals.late_fee_waived_fen > 0;
  }
};

TEST(PropertyTest, RecordedOrderDoesNotMatterExceptBetweenSameDayPayments) {
  const std::vector<Rules> variants = RuleVariants();
  Coverage coverage;
  int folds = 0;
  for (int seed = 1; seed <= kSeeds && !::testing::Test::HasFailure(); ++seed) {
    const Rules& rules = variants[seed % variants.size()];
    Generator generator(seed, rules);
    const std::vector<v1::Event> events = generator.Generate();
    const std::vector<v1::Event> shuffled = Shuffled(events, seed);
    // After everything, and on every other seed also a date in the thick of
    // it (a different one each time).
    std::vector<CivilDay> as_of_dates = {CivilDay(2023, 8, 31)};
    if (seed % 2 == 1) as_of_dates.push_back(CivilDay(2022, 7, 1) + (seed * 7919) % 365);
    for (CivilDay as_of : as_of_dates) {
      const std::string context = absl::StrFormat("seed %d as of %s", seed, FormatDate(as_of));
      const Projection canonical = FoldAll(rules, events, as_of);
      const Projection reordered = FoldAll(rules, shuffled, as_of);
      EXPECT_EQ(Describe(canonical), Describe(reordered)) << context;
      CheckInvariants(rules, canonical, events, as_of, context);
      ++folds;
      coverage.Count(canonical);
    }
  }
  EXPECT_EQ(folds, kSeeds + kSeeds / 2);
  // The histories exercise what the rules are about (else the property is
  // vacuous): deferral, acceleration, voided and withdrawn grants,
  // deregistration, credit, late-fee payments, caps.
  EXPECT_GE(coverage.deferred, kSeeds / 2);
  EXPECT_GE(coverage.accelerated, kSeeds / 10);
  EXPECT_GE(coverage.voided, kSeeds / 20);
  EXPECT_GE(coverage.withdrawn, kSeeds / 20);
  EXPECT_GE(coverage.deregistered, kSeeds / 10);
  EXPECT_GE(coverage.credit, kSeeds / 4);
  EXPECT_GE(coverage.fee_paid, kSeeds / 4);
  EXPECT_GE(coverage.waived, kSeeds / 2);
}

// The fold skips its sort when lines arrive in employee id order; lines in
// any other order must give the same parts, in the same order, and the same fen.
TEST(PropertyTest, LineOrderWithinAnAssessmentDoesNotMatter) {
  const std::vector<Rules> variants = RuleVariants();
  int reversed_assessments = 0;
  for (int seed = 1; seed <= 40 && !::testing::Test::HasFailure(); ++seed) {
    const Rules& rules = variants[seed % variants.size()];
    const std::vector<v1::Event> events = Generator(seed, rules).Generate();
    std::vector<v1::Event> reversed = events;
    for (v1::Event& event : reversed) {
      if (!event.has_contribution_assessed()) continue;
      auto* lines = event.mutable_contribution_assessed()->mutable_lines();
      if (lines->size() < 2) continue;
      std::reverse(lines->begin(), lines->end());
      ++reversed_assessments;
    }
    const CivilDay as_of(2023, 8, 31);
    EXPECT_EQ(Describe(FoldAll(rules, events, as_of)), Describe(FoldAll(rules, reversed, as_of)))
        << "seed " << seed;
  }
  EXPECT_GE(reversed_assessments, 40);
}

// FoldEmployerInto reuses one projection's memory from employer to employer
// (owed --all); nothing of the employer folded before may show in the next.
TEST(PropertyTest, FoldingIntoAUsedProjectionEqualsAFreshFold) {
  const std::vector<Rules> variants = RuleVariants();
  Projection reused;
  int compared = 0;
  for (int seed = 1; seed <= 40 && !::testing::Test::HasFailure(); ++seed) {
    const Rules& rules = variants[seed % variants.size()];
    const std::vector<v1::Event> events = Generator(seed, rules).Generate();
    // Alternate an early and a late as-of date so that a long history is
    // followed by a short one.
    const CivilDay as_of = seed % 2 == 0 ? CivilDay(2022, 9, 30) : CivilDay(2023, 8, 31);
    const std::string context = absl::StrFormat("seed %d as of %s", seed, FormatDate(as_of));
    ASSERT_TRUE(
        FoldEmployerInto(rules, SelectView(events, as_of, kKnownAtEverything), as_of, reused).ok())
        << context;
    EXPECT_EQ(Describe(reused), Describe(FoldAll(rules, events, as_of))) << context;
    ++compared;
  }
  EXPECT_EQ(compared, 40);
}

TEST(PropertyTest, SameDayPaymentOrderIsTheOnlyOrderThatCanMatter) {
  // The converse, so the property above is not vacuous: with two same-day
  // payments swapped, some seed's figures change (R10 orders them by sequence).
  const Rules rules = ExampleRules();
  bool some_differ = false;
  for (int seed = 1; seed <= kSeeds && !some_differ; ++seed) {
    Generator generator(seed, rules);
    std::vector<v1::Event> events = generator.Generate();
    std::vector<v1::Event> swapped = events;
    std::map<int32_t, std::vector<size_t>> payments_by_day;
    for (size_t i = 0; i < swapped.size(); ++i) {
      if (IsPayment(swapped[i])) payments_by_day[swapped[i].effective_date_yyyymmdd()].push_back(i);
    }
    for (auto& [day, indexes] : payments_by_day) {
      if (indexes.size() < 2) continue;
      const uint64_t a = swapped[indexes[0]].sequence();
      swapped[indexes[0]].set_sequence(swapped[indexes[1]].sequence());
      swapped[indexes[1]].set_sequence(a);
    }
    const CivilDay as_of(2023, 8, 31);
    some_differ = Describe(FoldAll(rules, events, as_of)) != Describe(FoldAll(rules, swapped, as_of));
  }
  EXPECT_TRUE(some_differ);
}

TEST(PropertyTest, GeneratedGrantsAreEligible) {
  // The generator's grant passes R5 against the history recorded before it
  // (a registered small Zhangye enterprise, Jul/Aug first period, <= 3
  // months, arrears cleared on G, no other grant).
  const Rules rules = ExampleRules();
  for (int seed = 1; seed <= 40 && !::testing::Test::HasFailure(); ++seed) {
    Generator generator(seed, rules);
    generator.Generate();
    FieldError error;
    absl::StatusOr<v1::Event> grant = ParseEventLine(generator.grant_line(), &error);
    ASSERT_TRUE(grant.ok());
    const std::optional<Refusal> refusal = Decide(rules, Summarize(generator.history_before_grant()),
                                                  generator.history_before_grant(), *grant);
    EXPECT_FALSE(refusal.has_value()) << "seed " << seed << ": " << refusal->Message();
  }
}

}  // namespace
}  // namespace ledger::testing
