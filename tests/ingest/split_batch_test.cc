// Splitting an import into two batches changes nothing a query shows: the
// sample Zhangye history imported whole, and in two parts cut at several
// lines, gives the same balance for every employer at several dates.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/ingest/importer.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/query/owed.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

constexpr int64_t kNowUs = 1'800'000'000'000'000;  // 2027-01-15: after every recorded_at

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  return lines;
}

std::string Join(const std::vector<std::string>& lines, size_t begin, size_t end) {
  std::string text;
  for (size_t i = begin; i < end; ++i) text += lines[i];
  return text;
}

class SplitBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "split_batch.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    scratch_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(scratch_); }

  // Imports `parts` in order into a new ledger; returns every employer's
  // balance as JSON at each date, in employer order.
  std::vector<std::string> ImportAndQuery(const std::string& name, const Rules& rules,
                                          const std::vector<std::string>& parts) {
    absl::StatusOr<std::unique_ptr<EventStore>> store =
        EventStore::Open((scratch_ / name).string(), OpenMode::kCreate);
    EXPECT_TRUE(store.ok()) << store.status();
    for (size_t i = 0; i < parts.size(); ++i) {
      absl::StatusOr<ImportSummary> imported =
          ImportEvents(**store, rules, "part" + std::to_string(i), parts[i], kNowUs);
      EXPECT_TRUE(imported.ok()) << imported.status();
    }
    std::vector<std::string> balances;
    for (const char* as_of : {"2022-07-31", "2022-11-30", "2023-06-30"}) {
      const OwedQuery query{*ParseDate(as_of), kNowUs, /*explain=*/true};
      const absl::Status visited = (*store)->ForEachEmployer(
          [&](std::string_view employer_id, std::vector<v1::Event>& events) -> absl::Status {
            absl::StatusOr<std::optional<v1::EmployerBalance>> balance =
                ComputeBalance(rules, employer_id, events, query);
            EXPECT_TRUE(balance.ok()) << balance.status();
            if (balance.ok() && balance->has_value()) balances.push_back(ProtoToJson(**balance));
            return absl::OkStatus();
          });
      EXPECT_TRUE(visited.ok()) << visited;
    }
    return balances;
  }

  std::filesystem::path scratch_;
};

TEST_F(SplitBatchTest, TwoBatchesGiveTheSameBalancesAsOne) {
  const std::string examples = std::string(LEDGER_SOURCE_DIR) + "/tools/examples/";
  absl::StatusOr<Rules> rules =
      Rules::FromJson(ReadFileOrDie(examples + "rules/zhangye.json"), "zhangye.json");
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::string history = ReadFileOrDie(examples + "history/zhangye.jsonl");
  const std::vector<std::string> lines = Lines(history);
  ASSERT_GT(lines.size(), 100u);

  const std::vector<std::string> whole = ImportAndQuery("whole", *rules, {history});
  // 20 employers at 2023-06-30, fewer registered by the earlier dates.
  ASSERT_GE(whole.size(), 40u);
  for (size_t cut : {lines.size() / 3, lines.size() / 2, 2 * lines.size() / 3}) {
    const std::vector<std::string> split = ImportAndQuery(
        "split" + std::to_string(cut), *rules,
        {Join(lines, 0, cut), Join(lines, cut, lines.size())});
    ASSERT_EQ(split.size(), whole.size()) << "cut at line " << cut;
    for (size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(split[i], whole[i]) << "cut at line " << cut;
    }
  }
}

}  // namespace
}  // namespace ledger::testing
