// The bundled sample data (tools/examples) through the real CLI, against the
// figures worked out by hand in tools/examples/README.md (K1-K5): deferral
// with an accelerated separation, a late catch-up whose fee is paid before
// deregistration, an employer that stops paying, a false commitment, and a
// reversed payment seen at two moments.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "ledger/json.h"
#include "tests/cli/cli_runner.h"

namespace ledger::testing {
namespace {

const std::string kExamples = std::string(LEDGER_SOURCE_DIR) + "/tools/examples/";

class SampleDataCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new std::filesystem::path(MakeScratchDir("sample_data"));
    for (const char* area : {"zhangye", "jinan"}) {
      const std::string db = (*scratch_ / area).string();
      ASSERT_EQ(RunLedgerctl(*scratch_, {"init", "--db", db, "--rules",
                                         kExamples + "rules/" + area + ".json"})
                    .exit_code,
                0);
      const CliResult imported = RunLedgerctl(
          *scratch_, {"import", "--db", db, kExamples + "history/" + area + ".jsonl"});
      ASSERT_EQ(imported.exit_code, 0) << imported.err;
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*scratch_);
    delete scratch_;
  }

  // Returns `owed --format json` for one employer, parsed.
  static JsonValue Owed(const std::string& area, const std::string& employer,
                        const std::string& as_of, const std::string& known_at = "") {
    std::vector<std::string> args = {"owed", "--db", (*scratch_ / area).string(), "--employer",
                                     employer, "--as-of", as_of, "--format", "json"};
    if (!known_at.empty()) {
      args.push_back("--known-at");
      args.push_back(known_at);
    }
    const CliResult result = RunLedgerctl(*scratch_, args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    absl::StatusOr<JsonValue> parsed = ParseJson(result.out);
    EXPECT_TRUE(parsed.ok()) << parsed.status() << result.out;
    return parsed.ok() ? *parsed : JsonValue::Null();
  }

  static int64_t Total(const JsonValue& balance, const std::string& field) {
    const JsonValue* totals = balance.Find("totals");
    const JsonValue* value = totals == nullptr ? nullptr : totals->Find(field);
    EXPECT_NE(value, nullptr) << field;
    return value == nullptr ? -1 : value->integer_value();
  }

  static std::filesystem::path* scratch_;
};

std::filesystem::path* SampleDataCliTest::scratch_ = nullptr;

TEST_F(SampleDataCliTest, K1DeferralWithAcceleratedSeparation) {
  const JsonValue balance = Owed("zhangye", "91620702MAP77UL0DU", "2023-06-30");
  EXPECT_EQ(Total(balance, "principal_fen"), 1783872);  // 8 x 117 000 + 4 x 82 800 + 6 x 86 112
  EXPECT_EQ(Total(balance, "outstanding_fen"), 0);
  EXPECT_EQ(Total(balance, "late_fee_fen"), 106);  // 26 600 x 8 d x 5 bp = 106.4
  EXPECT_EQ(Total(balance, "late_fee_waived_fen"), 5830);  // 226 + 2 834 + 1 868 + 902
}

TEST_F(SampleDataCliTest, K2LateCatchUpFeePaidThenMayDeregister) {
  const JsonValue before = Owed("zhangye", "91620702MA4G4ELKQX", "2022-11-09");
  EXPECT_EQ(Total(before, "late_fee_fen"), 237);  // 3 rows x round(52 500 x 3 d x 5 bp = 78.75)
  EXPECT_EQ(Total(before, "late_fee_paid_fen"), 0);
  EXPECT_EQ(Total(before, "late_fee_waived_fen"), 4804);  // 2 389 + 1 601 + 814
  const JsonValue after = Owed("zhangye", "91620702MA4G4ELKQX", "2023-04-20");
  EXPECT_EQ(Total(after, "principal_fen"), 1020600);
  EXPECT_EQ(Total(after, "late_fee_paid_fen"), 237);
  EXPECT_EQ(Total(after, "late_fee_outstanding_fen"), 0);

  const CliResult clear = RunLedgerctl(
      *scratch_, {"clearance", "--db", (*scratch_ / "zhangye").string(), "--employer",
                  "91620702MA4G4ELKQX", "--as-of", "2023-04-20", "--format", "json"});
  EXPECT_EQ(clear.exit_code, 0) << clear.err;
  EXPECT_NE(clear.out.find("\"may_deregister\":true"), std::string::npos) << clear.out;
}

TEST_F(SampleDataCliTest, K3UnpaidEmployerAccruesAndMayNotDeregister) {
  const JsonValue balance = Owed("zhangye", "91620722MAE1W55H2H", "2023-06-30");
  EXPECT_EQ(Total(balance, "outstanding_fen"), 854100);  // 13 x 65 700
  EXPECT_EQ(Total(balance, "overdue_fen"), 788400);      // 12 x 65 700
  EXPECT_EQ(Total(balance, "late_fee_fen"), 77397);      // 60 197 + 17 200
  const JsonValue* next_due = balance.Find("next_due");
  ASSERT_NE(next_due, nullptr);
  EXPECT_EQ(next_due->Find("date")->text(), "2023-06-30");
  EXPECT_EQ(next_due->Find("amount_fen")->integer_value(), 65700);

  const CliResult clear = RunLedgerctl(
      *scratch_, {"clearance", "--db", (*scratch_ / "zhangye").string(), "--employer",
                  "91620722MAE1W55H2H", "--as-of", "2023-06-30", "--format", "table"});
  EXPECT_EQ(clear.exit_code, 4) << "may not: a negative answer, not a refused input";
  EXPECT_NE(clear.out.find("may not deregister"), std::string::npos) << clear.out;
  EXPECT_EQ(clear.err, "") << "the answer is on stdout, it is not an error";
}

TEST_F(SampleDataCliTest, K4FalseCommitmentBeforeAndAfterTheRevocationWasRecorded) {
  const JsonValue before =
      Owed("jinan", "91370102MA2HHGPCEK", "2022-11-30", "2022-11-15T15:30:00+08:00");
  EXPECT_EQ(Total(before, "late_fee_waived_fen"), 13835);  // 6 729 + 4 509 + 2 597
  EXPECT_EQ(Total(before, "outstanding_fen"), 421800);
  const JsonValue after = Owed("jinan", "91370102MA2HHGPCEK", "2022-11-30");
  EXPECT_EQ(Total(after, "late_fee_waived_fen"), 0);
  EXPECT_EQ(Total(after, "late_fee_fen"), 12148);  // 6 174 + 3 954 + 2 020
}

TEST_F(SampleDataCliTest, K5ReversedPaymentSeenAtTwoMoments) {
  const JsonValue then = Owed("zhangye", "91620723MA1D7C4BDL", "2023-03-05",
                              "2023-02-28T23:59:59+08:00");
  EXPECT_EQ(Total(then, "outstanding_fen"), 0);
  EXPECT_EQ(Total(then, "late_fee_fen"), 1260);
  const JsonValue now = Owed("zhangye", "91620723MA1D7C4BDL", "2023-03-05");
  EXPECT_EQ(Total(now, "overdue_fen"), 100800);
  EXPECT_EQ(Total(now, "late_fee_fen"), 1512);  // 1 260 + 196 + 56
}

TEST_F(SampleDataCliTest, OverpaymentStaysCredit) {
  const JsonValue balance = Owed("zhangye", "91620724MAPYL8DFQ8", "2023-06-30");
  const JsonValue* credit = balance.Find("credit_fen");
  ASSERT_NE(credit, nullptr);
  EXPECT_EQ(credit->integer_value(), 8250);  // 690 000 paid - 681 750 assessed (per-line rounding)
}

}  // namespace
}  // namespace ledger::testing
