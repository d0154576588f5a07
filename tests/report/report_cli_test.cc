// Issue 13's subcommands through the built ledgerctl, on the sample ledgers
// (tools/examples): defer auto twice, status, report sla, report monthly
// and report merge, exit statuses included.
#include <fstream>

#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"

namespace ledger::testing {
namespace {

class ReportCliTest : public ::testing::Test {
 protected:
  void SetUp() override { scratch_ = MakeScratchDir("report_cli"); }

  std::string Init(const std::string& area) {
    const std::string db = (scratch_ / area).string();
    const std::string root = LEDGER_SOURCE_DIR;
    CliResult init =
        RunLedgerctl(scratch_, {"init", "--db", db, "--rules", root + "/tools/examples/rules/" + area + ".json"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    CliResult imported =
        RunLedgerctl(scratch_, {"import", "--db", db, root + "/tools/examples/history/" + area + ".jsonl"});
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    return db;
  }
  std::filesystem::path scratch_;
};

TEST_F(ReportCliTest, R14_DeferAutoGrantsOnceThenNothing) {
  // Jinan on 2022-08-05: 91370105MAEAARGBC3 is a small enterprise with no
  // grant and nothing in arrears; August is unpaid, so 2022-08..2022-10.
  const std::string db = Init("jinan");
  CliResult first = RunLedgerctl(
      scratch_, {"defer", "auto", "--db", db, "--policy", "sd-2022", "--date", "2022-08-05"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find(
                R"({"employer_id":"91370105MAEAARGBC3","verdict":"OK","first_period":"2022-08","last_period":"2022-10","message":"granted as auto-sd-2022-91370105MAEAARGBC3")"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find(R"("granted":1,)"), std::string::npos) << first.out;
  CliResult second = RunLedgerctl(
      scratch_, {"defer", "auto", "--db", db, "--policy", "sd-2022", "--date", "2022-08-05"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(R"("granted":0,)"), std::string::npos) << second.out;
  EXPECT_EQ(second.out.find(R"("verdict":"OK")"), std::string::npos) << second.out;

  CliResult status = RunLedgerctl(scratch_, {"status", "--db", db, "--employer",
                                             "91370105MAEAARGBC3", "--as-of", "2022-09-01"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  // Catch-up: the last day of the month after 2022-10 (R6), 2022-11-30 (a Wednesday).
  EXPECT_NE(status.out.find(
                R"("enjoys_deferral":true,"grants":[{"event_id":"auto-sd-2022-91370105MAEAARGBC3","basis":"automatic","granted_on":"2022-08-05","first_period":"2022-08","last_period":"2022-10","catch_up_date":"2022-11-30")"),
            std::string::npos)
      << status.out;

  CliResult unknown_policy = RunLedgerctl(
      scratch_, {"defer", "auto", "--db", db, "--policy", "xx", "--date", "2022-08-05"});
  EXPECT_EQ(unknown_policy.exit_code, 1) << unknown_policy.err;
}

TEST_F(ReportCliTest, R12_SlaListsTheLateDecision) {
  // jn-04-ap on Monday 2022-08-29: deadline 09-01 (08-30, 08-31, 09-01);
  // granted 09-02, 1 working day late. The others were decided in time.
  const std::string db = Init("jinan");
  CliResult sla = RunLedgerctl(scratch_, {"report", "sla", "--db", db, "--as-of", "2022-12-31"});
  ASSERT_EQ(sla.exit_code, 0) << sla.err;
  EXPECT_NE(sla.out.find(
                R"({"pooling_area":"370100","employer_id":"31370102MA2962TXWQ","policy_id":"sd-2022","event_id":"jn-04-ap","applied_on":"2022-08-29","review_deadline":"2022-09-01","status":"granted","decided_on":"2022-09-02","working_days_late":1})"),
            std::string::npos)
      << sla.out;
  CliResult clean = RunLedgerctl(
      scratch_, {"report", "sla", "--db", db, "--as-of", "2022-08-31", "--format", "table"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_NE(clean.out.find("nothing to report"), std::string::npos) << clean.out;
}

TEST_F(ReportCliTest, R13_MonthlyThenMerge) {
  const std::string zhangye = Init("zhangye");
  const std::string jinan = Init("jinan");
  CliResult a = RunLedgerctl(scratch_, {"report", "monthly", "--db", zhangye, "--month", "2022-09",
                                        "--area", "620700"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  std::ofstream(scratch_ / "a.jsonl") << a.out;
  CliResult b = RunLedgerctl(scratch_, {"report", "monthly", "--db", zhangye, "--month", "2022-09",
                                        "--area", "620702"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  std::ofstream(scratch_ / "b.jsonl") << b.out;
  CliResult c = RunLedgerctl(scratch_, {"report", "monthly", "--db", jinan, "--month", "2022-11"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  // The false commitment of 91370102MA2HHGPCEK: 138 750 + 138 750 + 144 300.
  EXPECT_NE(c.out.find(R"("voided_fen":421800,)"), std::string::npos) << c.out;
  CliResult merged = RunLedgerctl(
      scratch_, {"report", "merge", (scratch_ / "a.jsonl").string(), (scratch_ / "b.jsonl").string()});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_NE(merged.out.find(R"("pooling_area":"620700+620702","policy_id":"gs-2022")"),
            std::string::npos)
      << merged.out;
  EXPECT_NE(merged.out.find(R"("areas_merged":2})"), std::string::npos) << merged.out;
  CliResult twice = RunLedgerctl(
      scratch_, {"report", "merge", (scratch_ / "a.jsonl").string(), (scratch_ / "a.jsonl").string()});
  EXPECT_EQ(twice.exit_code, 1) << twice.out;
  CliResult unknown_area = RunLedgerctl(
      scratch_, {"report", "monthly", "--db", jinan, "--month", "2022-11", "--area", "999999"});
  EXPECT_EQ(unknown_area.exit_code, 1) << unknown_area.err;
}

}  // namespace
}  // namespace ledger::testing
