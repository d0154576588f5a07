// The collection list (report arrears, issue 10 item 7): overdue principal
// aged by days past due (as_of - due_date), with figures worked by hand from
// rules.md (R2 due dates, R3 parts, R4 fees, R6 deferral, R10 allocation),
// each bucket boundary on both sides, and on generated cities the contract:
// Σ buckets = overdue_fen = owed's totals.overdue_fen for every employer.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "ledger/dates.h"
#include "ledger/query/owed.h"
#include "ledger/report/arrears.h"
#include "tests/domain/fold_fixture.h"
#include "tests/domain/history_generator.h"

namespace ledger::testing {
namespace {

// A small enterprise of 620700 (Zhangye: employer 700 bp, employee 200 bp,
// due the last day of the month, rolled to a working day).
std::string Registration(std::string_view employer) {
  return absl::StrFormat(
      R"({"event_id":"r-%s","type":"employer_registered","employer_id":"%s","effective_date":"2020-03-01","name":"甲%s","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
      "\n",
      employer, employer, employer);
}

// One employee, base 100 000 fen: employer part 7 000, employee part 2 000 (R3).
std::string Assessment(std::string_view employer, std::string_view period) {
  return absl::StrFormat(
      R"({"event_id":"a-%s-%s","type":"contribution_assessed","employer_id":"%s","effective_date":"%s-01","period":"%s","lines":[{"employee_id":"E1","base_fen":100000}]})"
      "\n",
      employer, period, employer, period, period);
}

class ArrearsTest : public FoldTest {
 protected:
  // Returns the list of the history set by SetHistory, as of `as_of`.
  std::vector<ArrearsLine> List(std::string_view as_of, std::string_view employer = "A",
                                int64_t min_overdue_fen = 0) {
    ArrearsList list(rules_, ArrearsRequest{*ParseDate(as_of), kKnownAtEverything, "",
                                            min_overdue_fen});
    EXPECT_TRUE(list.AddEmployer(employer, events_).ok());
    return std::move(list).Finish();
  }
};

TEST(AgingBucketTest, BoundariesAreInclusiveAtTheTop) {
  EXPECT_EQ(AgingBucketOf(1), 0u);
  EXPECT_EQ(AgingBucketOf(30), 0u);
  EXPECT_EQ(AgingBucketOf(31), 1u);
  EXPECT_EQ(AgingBucketOf(90), 1u);
  EXPECT_EQ(AgingBucketOf(91), 2u);
  EXPECT_EQ(AgingBucketOf(180), 2u);
  EXPECT_EQ(AgingBucketOf(181), 3u);
  EXPECT_EQ(AgingBucketOf(365), 3u);
  EXPECT_EQ(AgingBucketOf(366), 4u);
  EXPECT_EQ(AgingBucketName(0), "1-30");
  EXPECT_EQ(AgingBucketName(4), "over-365");
}

TEST_F(ArrearsTest, EachBucketBoundaryOnBothSides) {
  // 2022-09 is due Friday 2022-09-30 (R2, a working day): 9 000 fen unpaid.
  SetHistory(Registration("A") + Assessment("A", "2022-09"));
  // Due on as_of is not yet overdue.
  EXPECT_TRUE(List("2022-09-30").empty());
  struct Case {
    const char* as_of;
    int64_t days_past_due;
    size_t bucket;
  };
  for (const Case& c : {Case{"2022-10-01", 1, 0}, Case{"2022-10-30", 30, 0},
                        Case{"2022-10-31", 31, 1}, Case{"2022-12-29", 90, 1},
                        Case{"2022-12-30", 91, 2}, Case{"2023-03-29", 180, 2},
                        Case{"2023-03-30", 181, 3}, Case{"2023-09-30", 365, 3},
                        Case{"2023-10-01", 366, 4}}) {
    SCOPED_TRACE(c.as_of);
    const std::vector<ArrearsLine> lines = List(c.as_of);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(*ParseDate(c.as_of) - absl::CivilDay(2022, 9, 30), c.days_past_due);
    std::array<int64_t, kAgingBuckets> expected{};
    expected[c.bucket] = 9000;
    EXPECT_EQ(lines[0].buckets_fen, expected);
    EXPECT_EQ(lines[0].overdue_fen, 9000);
    EXPECT_EQ(lines[0].oldest_due_date, absl::CivilDay(2022, 9, 30));
    EXPECT_FALSE(lines[0].last_payment_date.has_value());
  }
}

TEST_F(ArrearsTest, RowsAgedApartWithAPartialPaymentFeesAndTheLastPayment) {
  // As of 2022-12-31, rows due (R2) and days past due:
  //   2021-11 due Tue 2021-11-30: 396 days -> over-365   9 000
  //   2022-06 due Thu 2022-06-30: 184 days -> 181-365    9 000
  //   2022-09 due Fri 2022-09-30:  92 days -> 91-180     9 000
  //   2022-10 due Mon 2022-10-31:  61 days -> 31-90      9 000
  //   2022-11 due Wed 2022-11-30:  31 days -> 31-90      9 000 - 5 000 paid on 12-15
  //   2022-12 due 2022-12-31, a holiday -> Tue 2023-01-03: not yet due, not listed
  SetHistory(Registration("A") + Assessment("A", "2021-11") + Assessment("A", "2022-06") +
             Assessment("A", "2022-09") + Assessment("A", "2022-10") +
             Assessment("A", "2022-11") + Assessment("A", "2022-12") +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-12-15","amount_fen":5000,"period":"2022-11","component":"employer"})"
             "\n");
  const std::vector<ArrearsLine> lines = List("2022-12-31");
  ASSERT_EQ(lines.size(), 1u);
  const ArrearsLine& line = lines[0];
  EXPECT_EQ(line.employer_id, "A");
  EXPECT_EQ(line.name, "甲A");
  EXPECT_EQ(line.pooling_area, "620700");
  EXPECT_EQ(line.buckets_fen, (std::array<int64_t, kAgingBuckets>{0, 13000, 9000, 9000, 9000}));
  EXPECT_EQ(line.overdue_fen, 40000);
  EXPECT_EQ(line.deferred_outstanding_fen, 0);
  EXPECT_EQ(line.oldest_due_date, absl::CivilDay(2021, 11, 30));
  EXPECT_EQ(line.last_payment_date, absl::CivilDay(2022, 12, 15));
  // R4, 5 bp a day, each row rounded half-up once:
  //   2021-11: 7000*396*5/10000 = 1386,   2000*396*5/10000 = 396
  //   2022-06: 7000*184*5/10000 =  644,   2000*184*5/10000 = 184
  //   2022-09: 7000* 92*5/10000 =  322,   2000* 92*5/10000 =  92
  //   2022-10: 7000* 61*5/10000 = 213.5 -> 214, 2000*61*5/10000 = 61
  //   2022-11 employee: 2000*31*5/10000 = 31; employer: 12-01..12-15 on 7 000
  //     (the payment day counts), 12-16..12-31 on 2 000:
  //     (7000*15 + 2000*16)*5/10000 = 68.5 -> 69
  //   2022-12: not due, no fee.   Σ = 3 399
  EXPECT_EQ(line.late_fee_outstanding_fen, 3399);
}

TEST_F(ArrearsTest, DeferredPrincipalIsNotOverdueUntilItsCatchUpDate) {
  // gs-2022 Jul-Sep granted 2022-07-20: July's employer part (7 000) is due
  // at the catch-up date, the last day of the month after September,
  // Mon 2022-10-31 (R6); the employee part (2 000) stays due Mon 2022-08-01
  // (07-31 is a Sunday, R2).
  SetHistory(Registration("A") + Assessment("A", "2022-07") +
             R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-20","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})"
             "\n");
  // 2022-08-31: 30 days past 08-01; fee 2000*30*5/10000 = 30, the
  // employer part's days waived (R6).
  std::vector<ArrearsLine> lines = List("2022-08-31");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].buckets_fen, (std::array<int64_t, kAgingBuckets>{2000, 0, 0, 0, 0}));
  EXPECT_EQ(lines[0].deferred_outstanding_fen, 7000);
  EXPECT_EQ(lines[0].late_fee_outstanding_fen, 30);
  EXPECT_EQ(lines[0].oldest_due_date, absl::CivilDay(2022, 8, 1));
  // 2022-10-31: the catch-up date itself, still not overdue.
  lines = List("2022-10-31");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].overdue_fen, 2000);
  EXPECT_EQ(lines[0].deferred_outstanding_fen, 7000);
  // 2022-11-01: the employer part 1 day past due, the employee part 92.
  lines = List("2022-11-01");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].buckets_fen, (std::array<int64_t, kAgingBuckets>{7000, 0, 2000, 0, 0}));
  EXPECT_EQ(lines[0].deferred_outstanding_fen, 0);
}

TEST_F(ArrearsTest, PaidUpOrUnregisteredIsNotListed) {
  SetHistory(Registration("A") + Assessment("A", "2022-09") +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-09-30","amount_fen":9000})"
             "\n");
  EXPECT_TRUE(List("2023-06-30").empty());
  SetHistory(Registration("A") + Assessment("A", "2022-09"));
  EXPECT_TRUE(List("2020-02-29").empty());  // registered 2020-03-01
}

TEST_F(ArrearsTest, LargestFirstTiesByEmployerIdAndTheFilters) {
  ArrearsList list(rules_, ArrearsRequest{absl::CivilDay(2022, 12, 31), kKnownAtEverything,
                                          "", /*min_overdue_fen=*/9000});
  // C and B owe 9 000 (2022-11), D 18 000 (2022-10, 2022-11), E 4 000
  // (2022-11 after paying 5 000): E is under --min-overdue-fen.
  for (const auto& [employer, history] : std::vector<std::pair<std::string, std::string>>{
           {"C", Registration("C") + Assessment("C", "2022-11")},
           {"D", Registration("D") + Assessment("D", "2022-10") + Assessment("D", "2022-11")},
           {"B", Registration("B") + Assessment("B", "2022-11")},
           {"E", Registration("E") + Assessment("E", "2022-11") +
                     R"({"event_id":"p-e","type":"contribution_paid","employer_id":"E","effective_date":"2022-12-01","amount_fen":5000})"
                     "\n"}}) {
    SetHistory(history);
    ASSERT_TRUE(list.AddEmployer(employer, events_).ok());
  }
  const std::vector<ArrearsLine> lines = std::move(list).Finish();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].employer_id, "D");
  EXPECT_EQ(lines[0].overdue_fen, 18000);
  EXPECT_EQ(lines[1].employer_id, "B");
  EXPECT_EQ(lines[2].employer_id, "C");

  ArrearsList jinan_only(rules_, ArrearsRequest{absl::CivilDay(2022, 12, 31),
                                                kKnownAtEverything, "370100", 0});
  ASSERT_TRUE(jinan_only.AddEmployer("C", events_).ok());
  EXPECT_TRUE(std::move(jinan_only).Finish().empty());
}

TEST(ArrearsPropertyTest, BucketsAddUpToOwedsOverdueOnGeneratedCities) {
  const Rules rules = ExampleRules();
  int64_t listed = 0;
  std::array<int64_t, kAgingBuckets> buckets_seen{};
  for (const absl::CivilDay as_of : {absl::CivilDay(2022, 9, 15), absl::CivilDay(2022, 12, 31),
                                     absl::CivilDay(2023, 6, 30), absl::CivilDay(2024, 3, 1)}) {
    ArrearsList list(rules, ArrearsRequest{as_of, kKnownAtEverything, "", 0});
    std::map<std::string, int64_t> owed_overdue;
    for (int seed = 0; seed < 60; ++seed) {
      const std::vector<v1::Event> history = Generator(static_cast<uint64_t>(seed), rules).Generate();
      const std::string employer = absl::StrFormat("E%03d", seed);
      ASSERT_TRUE(list.AddEmployer(employer, history).ok());
      absl::StatusOr<std::optional<v1::EmployerBalance>> balance =
          ComputeBalance(rules, employer, history, OwedQuery{as_of, kKnownAtEverything});
      ASSERT_TRUE(balance.ok()) << balance.status();
      if (*balance && (*balance)->totals().overdue_fen() > 0) {
        owed_overdue[employer] = (*balance)->totals().overdue_fen();
      }
    }
    const std::vector<ArrearsLine> lines = std::move(list).Finish();
    ASSERT_EQ(lines.size(), owed_overdue.size()) << FormatDate(as_of);
    for (size_t i = 0; i < lines.size(); ++i) {
      const ArrearsLine& line = lines[i];
      SCOPED_TRACE(line.employer_id + " " + FormatDate(as_of));
      int64_t sum_fen = 0;
      for (size_t b = 0; b < kAgingBuckets; ++b) {
        sum_fen += line.buckets_fen[b];
        buckets_seen[b] += line.buckets_fen[b] > 0;
      }
      EXPECT_EQ(sum_fen, line.overdue_fen);
      EXPECT_EQ(line.overdue_fen, owed_overdue[line.employer_id]);
      EXPECT_LT(line.oldest_due_date, as_of);
      if (i > 0) {
        EXPECT_TRUE(lines[i - 1].overdue_fen > line.overdue_fen ||
                    (lines[i - 1].overdue_fen == line.overdue_fen &&
                     lines[i - 1].employer_id < line.employer_id));
      }
    }
    listed += static_cast<int64_t>(lines.size());
  }
  // The cities are in arrears often enough, at every age, to mean something.
  EXPECT_GT(listed, 20);
  for (size_t b = 0; b < kAgingBuckets; ++b) EXPECT_GT(buckets_seen[b], 0) << AgingBucketName(b);
}

}  // namespace
}  // namespace ledger::testing
