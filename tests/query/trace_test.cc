// The trace is the fold's own record: its sums are owed's figures to the fen
// (interchange.md "trace"), over hand-worked histories and hundreds of
// random ones (tests/domain/history_generator.h).
#include "ledger/query/trace.h"

#include "absl/strings/str_format.h"
#include "ledger/money.h"
#include "ledger/query/owed.h"
#include "tests/domain/fold_fixture.h"
#include "tests/domain/history_generator.h"

namespace ledger::testing {
namespace {

using absl::CivilDay;

constexpr std::string_view kZhangye =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";

v1::Trace TraceOf(const Rules& rules, const std::vector<v1::Event>& events, CivilDay as_of,
                  int64_t known_at_us = kKnownAtEverything) {
  absl::StatusOr<std::optional<v1::Trace>> trace =
      ComputeTrace(rules, "A", events, TraceQuery{as_of, known_at_us, {}, {}});
  EXPECT_TRUE(trace.ok()) << trace.status();
  EXPECT_TRUE(trace.ok() && trace->has_value());
  return trace.ok() && trace->has_value() ? **trace : v1::Trace();
}

const v1::TraceRow& RowOf(const v1::Trace& trace, std::string_view period,
                          std::string_view component) {
  for (const v1::TraceRow& row : trace.rows()) {
    if (row.period() == period && row.component() == component) return row;
  }
  ADD_FAILURE() << "no row " << period << " " << component;
  static const v1::TraceRow kMissing;
  return kMissing;
}

// Checks every sum interchange.md promises for one row; returns how many
// segments it has (so a caller can see the property is not vacuous).
int CheckRowSums(const v1::TraceRow& row, const std::string& context) {
  int64_t parts_fen = 0;
  for (const v1::TracePart& part : row.parts()) {
    parts_fen += part.amount_fen();
    EXPECT_EQ(part.amount_fen(), ApplyRate(part.base_fen(), part.rate_bp())) << context;
  }
  EXPECT_EQ(parts_fen, row.principal_fen()) << context;
  int64_t settled_fen = 0;
  for (const v1::TracePayment& payment : row.settlements()) settled_fen += payment.amount_fen();
  EXPECT_EQ(settled_fen, row.paid_fen()) << context;
  int64_t fee_paid_fen = 0;
  for (const v1::TracePayment& payment : row.fee_payments()) fee_paid_fen += payment.amount_fen();
  EXPECT_EQ(fee_paid_fen, row.late_fee_paid_fen()) << context;
  int64_t charged_units = 0;
  int64_t waived_units = 0;
  for (const v1::TraceFeeSegment& segment : row.fee_segments()) {
    const CivilDay from = *ParseDate(segment.from());
    const CivilDay to = *ParseDate(segment.to());
    EXPECT_EQ(segment.days(), to - from + 1) << context;
    EXPECT_EQ(segment.units(),
              segment.days() * segment.outstanding_fen() * segment.rate_bp_per_day())
        << context;
    EXPECT_GT(segment.outstanding_fen(), 0) << context;
    (segment.waived() ? waived_units : charged_units) += segment.units();
    // Waived days lie within original due .. due; charged days after due,
    // unless a voided grant (R9) put the due date back.
    if (segment.waived()) {
      EXPECT_GT(segment.from(), row.original_due_date()) << context;
      EXPECT_LE(segment.to(), row.due_date()) << context;
    } else {
      EXPECT_GT(segment.from(), row.due_date()) << context;
    }
  }
  EXPECT_EQ(charged_units, row.late_fee_units()) << context;
  EXPECT_EQ(waived_units, row.late_fee_waived_units()) << context;
  EXPECT_EQ(RoundFeeUnitsHalfUp(charged_units).value(), row.late_fee_before_cap_fen()) << context;
  if (row.capped()) {
    EXPECT_EQ(row.late_fee_fen(), row.cap_fen()) << context;
    EXPECT_LT(row.cap_fen(), row.late_fee_before_cap_fen()) << context;
  } else {
    EXPECT_EQ(row.late_fee_fen(), row.late_fee_before_cap_fen()) << context;
  }
  EXPECT_EQ(RoundFeeUnitsHalfUp(waived_units).value(), row.late_fee_waived_fen()) << context;
  // The due history runs from R2's date to the row's due date.
  EXPECT_GE(row.due_history_size(), 1) << context;
  if (row.due_history_size() >= 1) {
    EXPECT_EQ(row.due_history(0).rule(), "R2") << context;
    EXPECT_EQ(row.due_history(0).date(), row.original_due_date()) << context;
    EXPECT_EQ(row.due_history(row.due_history_size() - 1).date(), row.due_date()) << context;
  }
  return row.fee_segments_size();
}

class TraceTest : public FoldTest {};

TEST_F(TraceTest, Trace_UnitsPastInt64AreOutOfRangeWhileOwedGivesTheExactFee) {
  // 10 000 lines at 1 000 000 000 fen for 2022-09 (due Friday 2022-09-30),
  // default 5 bp a day, as of 9999-12-31: 2 913 631 days. The employer row
  // (700 000 000 000 fen) accrues 10 197 708 500 000 000 000 units, past
  // int64: owed gives 1 019 770 850 000 000 fen exactly, the trace, which
  // prints units, refuses naming the row.
  std::string lines;
  for (int i = 0; i < 10000; ++i) {
    absl::StrAppendFormat(&lines, "%s{\"employee_id\":\"E%05d\",\"base_fen\":1000000000}",
                          i == 0 ? "" : ",", i);
  }
  SetHistory(std::string(kZhangye) +
             absl::StrFormat(R"({"event_id":"a9","type":"contribution_assessed","employer_id":"A","effective_date":"2022-09-15","period":"2022-09","lines":[%s]})",
                             lines));
  const CivilDay last_day(9999, 12, 31);
  absl::StatusOr<std::optional<v1::EmployerBalance>> owed =
      ComputeBalance(rules_, "A", events_, OwedQuery{last_day, kKnownAtEverything, false});
  ASSERT_TRUE(owed.ok()) << owed.status();
  ASSERT_TRUE(owed->has_value());
  EXPECT_EQ((*owed)->obligations(1).component(), "employer");
  EXPECT_EQ((*owed)->obligations(1).late_fee_fen(), 1'019'770'850'000'000);
  absl::StatusOr<std::optional<v1::Trace>> trace =
      ComputeTrace(rules_, "A", events_, TraceQuery{last_day, kKnownAtEverything, {}, {}});
  ASSERT_FALSE(trace.ok());
  EXPECT_EQ(trace.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_NE(trace.status().message().find("employer A as of 9999-12-31: row 2022-09 employer "
                                          "due 2022-09-30"),
            std::string_view::npos)
      << trace.status();
}

TEST_F(TraceTest, Trace_SegmentsSumToRowFee) {
  // Zhangye edited to due {0, 15}: March due Tuesday 2022-03-15. E1 base
  // 100 000: employer 7 000 (700 bp), employee 2 000. 3 000 paid on the
  // employer part on 04-10, as of 04-30:
  //   03-16..04-10 = 16 + 10 = 26 days x 7 000 x 5 = 910 000 units
  //   04-11..04-30 = 20 days x 4 000 x 5           = 400 000 units
  //   1 310 000 units = 131 fen.
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_pooling_areas(0)->mutable_due()->set_day(15); });
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a3","type":"contribution_assessed","employer_id":"A","effective_date":"2022-03-05","period":"2022-03","lines":[{"employee_id":"E1","base_fen":100000}]}
{"event_id":"p3","type":"contribution_paid","employer_id":"A","effective_date":"2022-04-10","amount_fen":3000,"component":"employer"})");
  const v1::Trace trace = TraceOf(rules_, events_, CivilDay(2022, 4, 30));
  const v1::TraceRow& row = RowOf(trace, "2022-03", "employer");
  ASSERT_EQ(row.fee_segments_size(), 2);
  EXPECT_EQ(row.fee_segments(0).from(), "2022-03-16");
  EXPECT_EQ(row.fee_segments(0).to(), "2022-04-10");
  EXPECT_EQ(row.fee_segments(0).days(), 26);
  EXPECT_EQ(row.fee_segments(0).outstanding_fen(), 7000);
  EXPECT_EQ(row.fee_segments(0).units(), 910000);
  EXPECT_EQ(row.fee_segments(1).days(), 20);
  EXPECT_EQ(row.fee_segments(1).outstanding_fen(), 4000);
  EXPECT_EQ(row.fee_segments(1).units(), 400000);
  EXPECT_EQ(row.fee_segments(1).rule(), "R4");
  EXPECT_EQ(row.late_fee_fen(), 131);
  ASSERT_EQ(row.settlements_size(), 1);
  EXPECT_EQ(row.settlements(0).event_id(), "p3");
  EXPECT_EQ(row.settlements(0).amount_fen(), 3000);
  ASSERT_EQ(row.parts_size(), 1);
  EXPECT_EQ(row.parts(0).base_fen(), 100000);
  EXPECT_EQ(row.parts(0).rate_bp(), 700);
  EXPECT_EQ(row.parts(0).assessed_by(), "a3");
  CheckRowSums(row, "hand");
}

TEST_F(TraceTest, Trace_DeferralShowsItsGrantAndWaivedDays) {
  // Zhangye: July 2022 due 2022-08-01 (07-31 a Sunday, rolled); grant g1
  // Jul-Sep, catch-up "次月" after September: 2022-10-31. E1 base 500 000:
  // employer 35 000. Unpaid, as of 2022-10-31: waived 08-02..10-31 =
  // 30 + 30 + 31 = 91 days x 35 000 x 5 = 15 925 000 units = 1 592.5 -> 1 593 fen.
  SetHistory(std::string(kZhangye) +
             R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-20","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})");
  const v1::Trace trace = TraceOf(rules_, events_, CivilDay(2022, 10, 31));
  const v1::TraceRow& row = RowOf(trace, "2022-07", "employer");
  ASSERT_EQ(row.due_history_size(), 2);
  EXPECT_EQ(row.due_history(0).date(), "2022-08-01");
  EXPECT_EQ(row.due_history(1).date(), "2022-10-31");
  EXPECT_EQ(row.due_history(1).rule(), "R6");
  EXPECT_EQ(row.due_history(1).event_id(), "g1");
  ASSERT_EQ(row.fee_segments_size(), 1);
  EXPECT_TRUE(row.fee_segments(0).waived());
  EXPECT_EQ(row.fee_segments(0).days(), 91);
  EXPECT_EQ(row.fee_segments(0).units(), 15925000);
  EXPECT_EQ(row.fee_segments(0).reason(), "deferred by grant g1");
  EXPECT_EQ(row.late_fee_waived_fen(), 1593);
  EXPECT_EQ(row.late_fee_fen(), 0);
  CheckRowSums(row, "hand");
}

// Over random histories and three rule variants (a cap among them), at two
// dates each: every row's trace sums are owed's figures, and tracing does
// not change a single figure.
TEST(TracePropertyTest, Trace_SumsEqualOwedOverRandomHistories) {
  const std::vector<Rules> variants = RuleVariants();
  int rows = 0;
  int segments = 0;
  int moved = 0;
  for (int seed = 1; seed <= 200 && !::testing::Test::HasFailure(); ++seed) {
    const Rules& rules = variants[seed % variants.size()];
    const std::vector<v1::Event> events = Generator(seed, rules).Generate();
    for (const CivilDay as_of : {CivilDay(2023, 8, 31), CivilDay(2022, 7, 1) + (seed * 7919) % 365}) {
      const std::string context = absl::StrFormat("seed %d as of %s", seed, FormatDate(as_of));
      const v1::Trace trace = TraceOf(rules, events, as_of);
      absl::StatusOr<std::optional<v1::EmployerBalance>> owed =
          ComputeBalance(rules, "A", events, OwedQuery{as_of, kKnownAtEverything, false});
      ASSERT_TRUE(owed.ok() && owed->has_value()) << context;
      ASSERT_EQ(trace.rows_size(), (*owed)->obligations_size()) << context;
      EXPECT_EQ(trace.totals().SerializeAsString(), (*owed)->totals().SerializeAsString())
          << context;
      for (int r = 0; r < trace.rows_size(); ++r) {
        const v1::TraceRow& row = trace.rows(r);
        const v1::Obligation& obligation = (*owed)->obligations(r);
        EXPECT_EQ(row.late_fee_fen(), obligation.late_fee_fen()) << context;
        EXPECT_EQ(row.late_fee_waived_fen(), obligation.late_fee_waived_fen()) << context;
        EXPECT_EQ(row.paid_fen(), obligation.paid_fen()) << context;
        EXPECT_EQ(row.due_date(), obligation.due_date()) << context;
        segments += CheckRowSums(row, context + " row " + row.period() + " " + row.component());
        moved += row.due_history_size() > 1;
        ++rows;
      }
    }
  }
  // Not vacuous: many rows, many segments, many moved due dates.
  EXPECT_GE(rows, 5000);
  EXPECT_GE(segments, 2000);
  EXPECT_GE(moved, 300);
}

}  // namespace
}  // namespace ledger::testing
