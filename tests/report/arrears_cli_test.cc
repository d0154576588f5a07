// report arrears through the built ledgerctl on the Zhangye sample ledger
// (tools/examples), and the sample payments file with every class of break.
#include <string>

#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"

namespace ledger::testing {
namespace {

class ArrearsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = MakeScratchDir("arrears_cli");
    db_ = (scratch_ / "zhangye").string();
    const std::string root = LEDGER_SOURCE_DIR;
    ASSERT_EQ(RunLedgerctl(scratch_, {"init", "--db", db_, "--rules",
                                      root + "/tools/examples/rules/zhangye.json"})
                  .exit_code,
              0);
    CliResult imported = RunLedgerctl(
        scratch_, {"import", "--db", db_, root + "/tools/examples/history/zhangye.jsonl"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  std::filesystem::path scratch_;
  std::string db_;
};

TEST_F(ArrearsCliTest, TheOneEmployerInArrearsAgedByHand) {
  // zy-14 (tools/examples/README.md K3) pays nothing from 2022-06: 65 700
  // fen a period (employee 14 600 + employer 51 100), due (R2) and days past
  // due on 2023-06-30: 2023-05 05-31 (30) -> 1-30; 2023-04 05-04 (57) ->
  // 31-90; 2023-03 03-31 (91), 2023-02 02-28 (122), 2023-01 01-31 (150),
  // 2022-12 2023-01-03 (178) -> 91-180; 2022-06..2022-11 (181..365) ->
  // 181-365. 2023-06 is due on 06-30 itself: not overdue.
  CliResult json =
      RunLedgerctl(scratch_, {"report", "arrears", "--db", db_, "--as-of", "2023-06-30"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out,
            R"({"employer_id":"91620722MAE1W55H2H","name":"民乐县六坝粮油购销有限公司","pooling_area":"620722","overdue_fen":788400,"buckets":{"1-30":65700,"31-90":65700,"91-180":262800,"181-365":394200,"over-365":0},"late_fee_outstanding_fen":77397,"deferred_outstanding_fen":0,"oldest_due_date":"2022-06-30","last_payment_date":"2022-05-16"})"
            "\n");
  CliResult none = RunLedgerctl(scratch_, {"report", "arrears", "--db", db_, "--as-of",
                                           "2023-06-30", "--min-overdue-fen", "788401"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "");
  CliResult table = RunLedgerctl(scratch_, {"report", "arrears", "--db", db_, "--as-of",
                                            "2023-06-30", "--area", "620700", "--format",
                                            "table"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("nothing to collect"), std::string::npos) << table.out;
  EXPECT_EQ(RunLedgerctl(scratch_, {"report", "arrears", "--db", db_, "--as-of", "2023-06-30",
                                    "--area", "999999"})
                .exit_code,
            1);
  EXPECT_EQ(RunLedgerctl(scratch_, {"report", "arrears", "--db", db_}).exit_code, 2);
}

TEST_F(ArrearsCliTest, TheSampleBreaksFileHasOneRowOfEveryClass) {
  const std::string file = std::string(LEDGER_SOURCE_DIR) + "/tools/examples/payments/zhangye-2023-08.csv";
  CliResult dry = RunLedgerctl(scratch_, {"reconcile", "--db", db_, file, "--format", "json"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  for (const char* name : {"malformed", "already_recorded", "conflicting_id", "duplicate_in_file",
                           "duplicate_receipt", "unknown_employer", "before_registration",
                           "period_not_assessed", "nothing_owed", "overpaid", "partial",
                           "matched"}) {
    EXPECT_NE(dry.out.find(std::string("\"") + name + "\":{\"rows\":1,"), std::string::npos)
        << name << " in " << dry.out;
  }
  // matched 14 600 + partial 20 000 + overpaid 14 600 settled; credit 400 +
  // 5 000 (nothing owed) + 12 000 (period not assessed).
  EXPECT_NE(dry.out.find(R"("settled_principal_fen":49200,"settled_late_fee_fen":0,"credit_fen":17400,"tie_out_ok":true)"),
            std::string::npos)
      << dry.out;
}

}  // namespace
}  // namespace ledger::testing
