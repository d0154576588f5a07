// Rule sets as versions, end to end: rules publish / list / show / diff, and
// --rules-version on the queries (issue 12 items 1 and 2). Figures are worked
// by hand from the rule sets below (R3: apply_rate half-up per line).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ledger::testing::CliResult;
using ledger::testing::MakeScratchDir;
using ledger::testing::RunLedgerctl;

// Version 1: area 620700 at 700/200 bp from 2021-01.
constexpr char kRulesV1[] = R"({
  "version": 1,
  "name": "cli rules",
  "late_fee": {"rate_bp_per_day": 5, "cap_at_principal": false},
  "pooling_areas": [{
    "code": "620700", "name": "张掖市", "fund_reserve_months": 14,
    "rates": [{"from_period": "2021-01", "employer_rate_bp": 700, "employee_rate_bp": 200}],
    "due": {"month_offset": 0, "day": 0},
    "roll_due_to_working_day": true
  }],
  "calendar": {"holidays": [], "workdays": []}
})";

// Employer A, period 2022-07: E1 500 000 fen, E2 420 000 fen. Due 2022-08-01
// (07-31 is a Sunday), so as of 2022-07-20 no fee has accrued.
//   v1: employer 35 000 + 29 400 = 64 400, employee 10 000 + 8 400 = 18 400;
//       principal 82 800.
//   v2 (employer 650 bp): 32 500 + 27 300 = 59 800; principal 78 200.
constexpr char kHistory[] =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","recorded_at":"2022-07-01T09:00:00+08:00","name":"甲商贸有限公司","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n"
    R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","recorded_at":"2022-07-05T09:00:00+08:00","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]})"
    "\n";

class RulesVersionsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeScratchDir("rules_versions");
    db_ = (dir_ / "ledger").string();
    Write("v1.json", kRulesV1);
    Write("v2.json", V(2, 650));
    Write("history.jsonl", kHistory);
    ASSERT_EQ(Run({"init", "--db", db_, "--rules", Path("v1.json")}).exit_code, 0);
    const CliResult imported = Run({"import", "--db", db_, Path("history.jsonl")});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string V(int version, int employer_rate_bp) {
    return absl::StrReplaceAll(
        kRulesV1, {{"\"version\": 1", "\"version\": " + std::to_string(version)},
                   {"\"employer_rate_bp\": 700",
                    "\"employer_rate_bp\": " + std::to_string(employer_rate_bp)}});
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  CliResult Run(std::vector<std::string> args) { return RunLedgerctl(dir_, std::move(args)); }
  CliResult Publish(const std::string& name, const std::string& note = "") {
    std::vector<std::string> args = {"rules", "publish", "--db", db_, Path(name)};
    if (!note.empty()) args.insert(args.end(), {"--note", note});
    return Run(args);
  }
  int ListedVersions() {
    const CliResult listed = Run({"rules", "list", "--db", db_, "--format", "json"});
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    return static_cast<int>(std::count(listed.out.begin(), listed.out.end(), '\n'));
  }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(RulesVersionsCliTest, PublishListShowRoundTrip) {
  const CliResult published = Publish("v2.json", "employer rate 650 bp (notice 31)");
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_THAT(published.out, HasSubstr("published version 2 (cli rules) sha256 "));

  const CliResult listed = Run({"rules", "list", "--db", db_, "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("{\"version\":1,\"name\":\"cli rules\""));
  EXPECT_THAT(listed.out, HasSubstr("\"note\":\"employer rate 650 bp (notice 31)\"}"));
  EXPECT_EQ(ListedVersions(), 2);
  // The hash publish printed is the one list shows.
  const std::string sha = published.out.substr(published.out.find("sha256 ") + 7, 64);
  EXPECT_THAT(listed.out, HasSubstr("\"sha256\":\"" + sha + "\""));

  const CliResult latest = Run({"rules", "show", "--db", db_, "--version", "latest"});
  ASSERT_EQ(latest.exit_code, 0) << latest.err;
  EXPECT_THAT(latest.out, HasSubstr("\"employer_rate_bp\": 650"));
  const CliResult first = Run({"rules", "show", "--db", db_, "--version", "1"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("\"employer_rate_bp\": 700"));
  const CliResult missing = Run({"rules", "show", "--db", db_, "--version", "9"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("no rule set version 9 (published: 1, 2"));
  EXPECT_EQ(Run({"rules", "show", "--db", db_, "--version", "two"}).exit_code, 2);
}

TEST_F(RulesVersionsCliTest, IdenticalRepublishIsANoOp) {
  ASSERT_EQ(Publish("v2.json", "first").exit_code, 0);
  const CliResult again = Publish("v2.json", "second");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("already published, unchanged: version 2"));
  EXPECT_EQ(ListedVersions(), 2);
  // Version 1 again, as init published it: also nothing to do.
  EXPECT_EQ(Publish("v1.json").exit_code, 0);
  EXPECT_EQ(ListedVersions(), 2);
}

TEST_F(RulesVersionsCliTest, GapOtherContentAndInvalidFilesAreRefused) {
  Write("v3.json", V(3, 650));
  const CliResult gap = Publish("v3.json");
  EXPECT_EQ(gap.exit_code, 1);
  EXPECT_THAT(gap.err, HasSubstr("the next must be \"version\": 2"));

  Write("v1-changed.json", V(1, 650));
  const CliResult changed = Publish("v1-changed.json");
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_THAT(changed.err, HasSubstr("already published with other content"));

  Write("bad.json", V(2, -5));
  const CliResult invalid = Publish("bad.json");
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_THAT(invalid.err, HasSubstr("employer_rate_bp"));
  EXPECT_EQ(ListedVersions(), 1);
}

TEST_F(RulesVersionsCliTest, DiffBetweenVersionsAndAgainstAFile) {
  ASSERT_EQ(Publish("v2.json").exit_code, 0);
  const CliResult diff = Run({"rules", "diff", "--db", db_, "1", "2"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(diff.out,
            "rules diff: version 1 → version 2: 1 difference\n"
            "  620700 employer_rate_bp from 2021-01: 700 → 650\n");
  Write("v3.json", V(3, 650));
  const CliResult same = Run({"rules", "diff", "--db", db_, "latest", Path("v3.json")});
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_THAT(same.out, HasSubstr(": 0 differences\n"));
}

TEST_F(RulesVersionsCliTest, QueriesTakeRulesVersionAndDefaultToTheOneInForce) {
  ASSERT_EQ(Publish("v2.json").exit_code, 0);
  const std::vector<std::string> owed = {"owed", "--db", db_, "--employer", "A",
                                         "--as-of", "2022-07-20", "--format", "json"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = owed;
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  };
  // No known-at: the latest, version 2.
  const std::string latest = with({});
  EXPECT_THAT(latest, HasSubstr("\"rules_version\":2"));
  EXPECT_THAT(latest, HasSubstr("\"principal_fen\":78200"));
  // Known at a time before version 2 was published: version 1 was in force.
  const std::string then = with({"--known-at", "2023-01-01T00:00:00+08:00"});
  EXPECT_THAT(then, HasSubstr("\"rules_version\":1"));
  EXPECT_THAT(then, HasSubstr("\"principal_fen\":82800"));
  // Asked for explicitly.
  const std::string v1 = with({"--rules-version", "1"});
  EXPECT_THAT(v1, HasSubstr("\"rules_version\":1"));
  EXPECT_THAT(v1, HasSubstr("\"principal_fen\":82800"));
  EXPECT_THAT(v1, Not(HasSubstr("78200")));

  const CliResult clearance =
      Run({"clearance", "--db", db_, "--employer", "A", "--as-of", "2022-07-20",
           "--rules-version", "1", "--format", "json"});
  EXPECT_THAT(clearance.out, HasSubstr("\"rules_version\":1"));
  const CliResult trace = Run({"trace", "--db", db_, "--employer", "A", "--as-of",
                               "2022-07-20", "--rules-version", "1", "--format", "json"});
  ASSERT_EQ(trace.exit_code, 0) << trace.err;
  EXPECT_THAT(trace.out, HasSubstr("\"rules_version\":1"));
  EXPECT_THAT(trace.out, HasSubstr("\"rate_bp\":700"));

  std::vector<std::string> missing = owed;
  missing.insert(missing.end(), {"--rules-version", "7"});
  const CliResult refused = Run(missing);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("published: 1, 2"));
}

TEST_F(RulesVersionsCliTest, ReplayListsTheChangedEmployerAndNothingForTheSameRules) {
  ASSERT_EQ(Publish("v2.json").exit_code, 0);
  const std::vector<std::string> replay = {"replay", "--db", db_, "--as-of", "2022-07-20",
                                           "--format", "json"};
  auto run = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = replay;
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  };
  // Version 1 against version 1 (in force at that known-at): no change.
  EXPECT_EQ(run({"--version", "1", "--known-at", "2023-01-01T00:00:00+08:00"}), "");
  EXPECT_THAT(run({"--version", "1", "--against", "1", "--summary"}),
              HasSubstr("\"employers\":1,\"employers_changed\":0,\"employers_failed\":0"));
  // Version 2 against 1: employer A, principal 82 800 -> 78 200.
  const std::string changed = run({"--version", "2", "--against", "1"});
  EXPECT_EQ(std::count(changed.begin(), changed.end(), '\n'), 1) << changed;
  EXPECT_THAT(changed, HasSubstr("{\"employer_id\":\"A\",\"pooling_area\":\"620700\""));
  EXPECT_THAT(changed, HasSubstr("\"principal_fen\":82800"));
  EXPECT_THAT(changed, HasSubstr("\"principal_fen\":78200"));
  // The candidate as a file gives the same records, and twice the same bytes.
  EXPECT_EQ(run({"--rules", Path("v2.json"), "--against", "1"}), changed);
  EXPECT_EQ(run({"--version", "2", "--against", "1"}), changed);
  EXPECT_EQ(Run({"replay", "--db", db_, "--as-of", "2022-07-20"}).exit_code, 2);
}

TEST_F(RulesVersionsCliTest, ReplayPublishNeedsYesAndThenPublishesTheFile) {
  const std::vector<std::string> replay = {"replay", "--db", db_, "--rules", Path("v2.json"),
                                           "--as-of", "2022-07-20", "--format", "json",
                                           "--publish"};
  EXPECT_EQ(Run(replay).exit_code, 2);
  EXPECT_EQ(ListedVersions(), 1);
  std::vector<std::string> yes = replay;
  yes.insert(yes.end(), {"--yes", "--note", "after the replay"});
  const CliResult published = Run(yes);
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_THAT(published.out, HasSubstr("\"principal_fen\":78200"));
  EXPECT_THAT(published.err, HasSubstr("published version 2"));
  EXPECT_EQ(ListedVersions(), 2);
  const CliResult listed = Run({"rules", "list", "--db", db_, "--format", "json"});
  EXPECT_THAT(listed.out, HasSubstr("\"note\":\"after the replay\""));
  // Version 2 is now the one in force: replaying it again changes nothing.
  const CliResult again = Run(yes);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "");
  EXPECT_THAT(again.err, HasSubstr("already published, unchanged: version 2"));
}

// An eligibility correction on the sample data: 620702's fund reserve
// becomes 5 months, not more than gs-2022's 6, so its three grants (zy-03,
// zy-04, zy-09 of tools/examples/README.md) would now be AREA_NOT_ELIGIBLE.
// The grants stand as recorded: no figure moves, the verdicts are listed.
TEST(RulesVersionsSampleTest, AnEligibilityCorrectionListsTheVerdictsItChanges) {
  const std::filesystem::path dir = MakeScratchDir("rules_versions_sample");
  const std::string examples = std::string(LEDGER_SOURCE_DIR) + "/tools/examples/";
  const std::string db = (dir / "zhangye").string();
  ASSERT_EQ(RunLedgerctl(dir, {"init", "--db", db, "--rules", examples + "rules/zhangye.json"})
                .exit_code,
            0);
  ASSERT_EQ(RunLedgerctl(dir, {"import", "--db", db, examples + "history/zhangye.jsonl"})
                .exit_code,
            0);
  std::ifstream in(examples + "rules/zhangye.json");
  std::stringstream text;
  text << in.rdbuf();
  std::string rules = text.str();
  const std::string area = "\"code\": \"620702\"";
  const size_t at = rules.find("\"fund_reserve_months\": 12", rules.find(area));
  ASSERT_NE(at, std::string::npos);
  rules.replace(at, std::string("\"fund_reserve_months\": 12").size(),
                "\"fund_reserve_months\": 5");
  rules.replace(rules.find("\"version\": 1"), 12, "\"version\": 2");
  std::ofstream(dir / "reserve.json") << rules;
  const CliResult replay = RunLedgerctl(
      dir, {"replay", "--db", db, "--rules", (dir / "reserve.json").string(), "--as-of",
            "2023-06-30", "--format", "json"});
  ASSERT_EQ(replay.exit_code, 0) << replay.err;
  std::vector<std::string> lines;
  std::istringstream out(replay.out);
  for (std::string line; std::getline(out, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3U) << replay.out;
  const char* grants[] = {"zy-09-g", "zy-03-g", "zy-04-g"};  // employer_id order
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_THAT(lines[i], HasSubstr("\"rows_changed\":[],\"verdict_changes\":[{\"event_id\":\"" +
                                    std::string(grants[i]) +
                                    "\",\"before\":\"ELIGIBLE\",\"after\":\"AREA_NOT_ELIGIBLE\"}]"))
        << lines[i];
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
