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
#include "tests/domain/history_generator.h"

namespace ledger::testing {
namespace {

using absl::CivilDay;
using absl::CivilMonth;

constexpr int kSeeds = 250;

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
