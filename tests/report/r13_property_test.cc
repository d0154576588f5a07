// R13's tie-out on whole cities, month after month 2022-07..2023-06: on the
// sample data (tools/examples) and on generated cities (the fold property
// test's histories, tests/domain/history_generator.h). Finish() refuses a
// report that does not tie out; on top, each month opens where the one
// before closed, and the merge sums what it is given.
#include <filesystem>
#include <map>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "ledger/dates.h"
#include "ledger/ingest/importer.h"
#include "ledger/report/monthly.h"
#include "ledger/report/monthly_merge.h"
#include "tests/domain/fold_fixture.h"
#include "tests/domain/history_generator.h"

namespace ledger::testing {
namespace {

constexpr int kCityEmployers = 40;
constexpr int kCities = 3;

using Key = std::pair<std::string, std::string>;  // area, policy

// Checks months 2022-07..2023-06 from `add_all` (which adds every employer
// to an accumulator) and returns the sum over months of each flow, by name.
template <typename AddAll>
std::map<std::string, int64_t> CheckYear(const Rules& rules, AddAll add_all) {
  std::map<std::string, int64_t> flows;
  std::map<Key, int64_t> closing;
  for (absl::CivilMonth month(2022, 7); month <= absl::CivilMonth(2023, 6); ++month) {
    MonthlyAccumulator accumulator(rules, MonthlyRequest{month, kKnownAtEverything, ""});
    add_all(accumulator);
    absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> reports = accumulator.Finish();
    EXPECT_TRUE(reports.ok()) << FormatMonth(month) << ": " << reports.status();
    if (!reports.ok()) continue;
    for (const v1::MonthlyDeferralReport& r : *reports) {
      const Key key{r.pooling_area(), r.policy_id()};
      EXPECT_EQ(r.opening_outstanding_fen(), closing[key]) << FormatMonth(month) << " " << key.first;
      closing[key] = r.outstanding_fen();
      EXPECT_GE(r.outstanding_fen(), 0);
      EXPECT_LE(r.overdue_fen(), r.outstanding_fen());
      EXPECT_LE(r.accelerated_fen(), r.outstanding_fen());
      flows["newly_covered"] += r.newly_covered_fen();
      flows["voided"] += r.voided_fen();
      flows["settled"] += r.settled_fen();
      flows["newly_assessed"] += r.newly_assessed_fen();
      flows["accelerated"] += r.accelerated_fen();
      flows["waived"] += r.late_fee_waived_fen();
      flows["reallocated_nonzero"] += r.reallocated_fen() != 0;
    }
  }
  return flows;
}

TEST(MonthlyPropertyTest, R13_TieOutHoldsOnGeneratedCities) {
  const Rules rules = ExampleRules();
  std::map<std::string, int64_t> all_flows;
  for (int city = 0; city < kCities; ++city) {
    std::vector<std::vector<v1::Event>> histories;
    for (int employer = 0; employer < kCityEmployers; ++employer) {
      Generator generator(static_cast<uint64_t>(city * 1000 + employer), rules);
      histories.push_back(generator.Generate());
    }
    const std::map<std::string, int64_t> flows =
        CheckYear(rules, [&](MonthlyAccumulator& accumulator) {
          for (const std::vector<v1::Event>& history : histories) {
            ASSERT_TRUE(accumulator.AddEmployer(history).ok());
          }
        });
    for (const auto& [name, fen] : flows) all_flows[name] += fen;
  }
  // The cities exercise every kind of flow, so the tie-out above means something.
  for (const char* flow : {"newly_covered", "voided", "settled", "newly_assessed",
                           "accelerated", "waived"}) {
    EXPECT_GT(all_flows[flow], 0) << flow;
  }
}

// The sample ledgers, imported as the demo imports them.
class SampleLedgerTest : public ::testing::Test {
 protected:
  void Load(const std::string& area) {
    const std::string root = LEDGER_SOURCE_DIR;
    absl::StatusOr<Rules> rules =
        Rules::FromJson(ReadFileOrDie(root + "/tools/examples/rules/" + area + ".json"), area);
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_.emplace(*std::move(rules));
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "monthly_sample.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    absl::StatusOr<std::unique_ptr<EventStore>> store =
        EventStore::Open(pattern + "/ledger", OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    ASSERT_TRUE(store_->PutRules(rules_->rule_set(), 1).ok());
    const std::string history = ReadFileOrDie(root + "/tools/examples/history/" + area + ".jsonl");
    ASSERT_TRUE(ImportEvents(*store_, *rules_, area, history, 1'800'000'000'000'000).ok());
  }
  std::optional<Rules> rules_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(SampleLedgerTest, R13_TieOutHoldsOnTheSampleData) {
  for (const std::string area : {"zhangye", "jinan"}) {
    Load(area);
    const std::map<std::string, int64_t> flows =
        CheckYear(*rules_, [&](MonthlyAccumulator& accumulator) {
          ASSERT_TRUE(store_
                          ->ForEachEmployer([&](std::string_view, std::vector<v1::Event>& events) {
                            return accumulator.AddEmployer(events);
                          })
                          .ok());
        });
    EXPECT_GT(flows.at("settled"), 0) << area;
  }
}

TEST_F(SampleLedgerTest, R13_JinanFalseCommitmentIsVoidedInNovember) {
  // 91370102MA2HHGPCEK (README): deferred 2022-08 138 750 + 2022-09 138 750
  // + 2022-10 144 300 = 421 800 fen unpaid at 10-31, revoked as false on 11-15.
  Load("jinan");
  absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> reports = ComputeMonthlyReport(
      *store_, *rules_, MonthlyRequest{absl::CivilMonth(2022, 11), kKnownAtEverything, ""});
  ASSERT_TRUE(reports.ok()) << reports.status();
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].voided_fen(), 421800);
}

TEST(MonthlyMergeTest, R13_MergeSumsEveryFigureAndRefusesAnAreaTwice) {
  auto report = [](std::string area, int64_t opening, int64_t assessed, int64_t settled) {
    v1::MonthlyDeferralReport r;
    r.set_month("2022-09");
    r.set_pooling_area(std::move(area));
    r.set_policy_id("gs-2022");
    r.set_opening_outstanding_fen(opening);
    r.set_newly_assessed_fen(assessed);
    r.set_settled_fen(settled);
    r.set_outstanding_fen(opening + assessed - settled);
    r.set_deferred_employers(2);
    r.set_late_fee_waived_fen(7);
    r.set_areas_merged(1);
    return r;
  };
  // 620700: 100 + 50 - 30 = 120; 620702: 10 + 5 - 1 = 14.
  absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> merged =
      MergeMonthlyReports({report("620702", 10, 5, 1), report("620700", 100, 50, 30)});
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->size(), 1u);
  const v1::MonthlyDeferralReport& sum = (*merged)[0];
  EXPECT_EQ(sum.pooling_area(), "620700+620702");
  EXPECT_EQ(sum.areas_merged(), 2);
  EXPECT_EQ(sum.opening_outstanding_fen(), 110);
  EXPECT_EQ(sum.newly_assessed_fen(), 55);
  EXPECT_EQ(sum.settled_fen(), 31);
  EXPECT_EQ(sum.outstanding_fen(), 134);  // 120 + 14
  EXPECT_EQ(sum.deferred_employers(), 4);
  EXPECT_EQ(sum.late_fee_waived_fen(), 14);
  EXPECT_EQ(MergeMonthlyReports({report("620700", 1, 0, 0), report("620700", 1, 0, 0)})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  v1::MonthlyDeferralReport broken = report("620700", 100, 50, 30);
  broken.set_outstanding_fen(121);
  EXPECT_EQ(MergeMonthlyReports({broken}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(MonthlyMergeTest, R13_ASumPastInt64IsOutOfRangeNamingTheFigure) {
  // Two areas' reports, each tying out with 6e18 fen opening and
  // outstanding: their sum, 1.2e19, does not fit int64. Refused, never
  // wrapped to a negative figure.
  auto report = [](std::string area) {
    v1::MonthlyDeferralReport r;
    r.set_month("2022-09");
    r.set_pooling_area(std::move(area));
    r.set_policy_id("gs-2022");
    r.set_opening_outstanding_fen(6'000'000'000'000'000'000);
    r.set_outstanding_fen(6'000'000'000'000'000'000);
    r.set_areas_merged(1);
    return r;
  };
  absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> merged =
      MergeMonthlyReports({report("620700"), report("620702")});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(std::string(merged.status().message()),
            "month 2022-09 policy gs-2022: the sum of outstanding_fen over the areas "
            "(620700+620702) is more than the ledger can hold (9 223 372 036 854 775 807); no "
            "merged report is given rather than a wrong one");
  // A report whose terms overflow while tying out is refused as not tying
  // out, never by a wrapped sum (CheckTieOut sums in 128 bits).
  v1::MonthlyDeferralReport huge = report("620700");
  huge.set_newly_assessed_fen(6'000'000'000'000'000'000);
  huge.set_settled_fen(6'000'000'000'000'000'000);
  EXPECT_TRUE(CheckTieOut(huge).ok());
  huge.set_settled_fen(5'999'999'999'999'999'999);
  EXPECT_FALSE(CheckTieOut(huge).ok());
}

TEST(MonthlyMergeTest, R13_FileNamesAreEscapedAndCodesMustBePrintable) {
  absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> bad =
      ParseMonthlyReports("{\n", "a\nb.jsonl:1: ok");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::StartsWith(bad.status().message(), "a\\nb.jsonl:1: ok:1: not a JSON object"))
      << bad.status();
  absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> bidi = ParseMonthlyReports(
      R"({"month":"2022-09","pooling_area":"6207\u202e00","policy_id":"gs-2022"})", "m.jsonl");
  ASSERT_FALSE(bidi.ok());
  EXPECT_EQ(std::string(bidi.status().message()),
            "m.jsonl:1: \"6207\\u{202E}00\" contains bidirectional control U+202E; a code must "
            "be printable");
}

TEST(MonthlyMergeTest, R13_ParsesWhatReportMonthlyPrints) {
  const std::string line =
      R"({"month":"2022-09","pooling_area":"620700","policy_id":"gs-2022","outstanding_fen":5,"newly_assessed_fen":5,"rules_version":1,"areas_merged":1})";
  absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> parsed =
      ParseMonthlyReports(line + "\n\n", "a.jsonl");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].outstanding_fen(), 5);
  const absl::Status unknown =
      ParseMonthlyReports(R"({"month":"2022-09","outstandin_fen":5})", "b.jsonl").status();
  EXPECT_EQ(unknown.message(), "b.jsonl:1: unknown field \"outstandin_fen\"");
}

}  // namespace
}  // namespace ledger::testing
