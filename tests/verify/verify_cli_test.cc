// `ledgerctl verify` and the chain head of `ledgerctl events`, run as a user
// would: exit 0 on a clean ledger, 1 on a tampered one with the message
// naming the event, 3 when there is no ledger.
#include <string>

#include "cli_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "verify_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::AllOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

class VerifyCliTest : public VerifyTest {
 protected:
  CliResult Run(std::vector<std::string> args) {
    return RunLedgerctl(root_, std::move(args));
  }
};

TEST_F(VerifyCliTest, CleanLedgerExitsZeroAndPrintsWhatItChecked) {
  const CliResult result = Run({"verify", "--db", directory_});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_THAT(result.out,
              AllOf(HasSubstr("verified: no inconsistency"),
                    HasSubstr("events        5 (meta last_sequence 5)"),
                    HasSubstr("employers     2"),
                    HasSubstr("event_ids     5 entries"),
                    HasSubstr("by_employer   5 entries"),
                    HasSubstr("chains        2 recomputed")));
  EXPECT_EQ(result.err, "");
}

TEST_F(VerifyCliTest, TamperedEventExitsOneNamingTheEvent) {
  RewriteEvent(3, [](v1::Event& event) {
    event.mutable_contribution_paid()->set_amount_fen(10000);
  });
  const CliResult result = Run({"verify", "--db", directory_});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_THAT(result.out,
              AllOf(HasSubstr("FAILED verification"),
                    HasSubstr("column family event_ids"),
                    HasSubstr("key           \"p-1\" (hex 702d31)"),
                    HasSubstr("event         sequence 3, event_id \"p-1\""),
                    HasSubstr("content hash")));
  EXPECT_THAT(result.err,
              AllOf(HasSubstr("verify"), HasSubstr("sequence 3"),
                    HasSubstr("event_id \"p-1\"")));
}

TEST_F(VerifyCliTest, DeletedIndexEntryExitsOneNamingTheKeyInHex) {
  RawWrite(directory_, store::kByEmployerFamily,
           store::EmployerStreamKey("E1", 3), std::nullopt);
  const CliResult result = Run({"verify", "--db", directory_});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_THAT(result.out,
              AllOf(HasSubstr("column family by_employer"),
                    HasSubstr("employer \"E1\" stream 3 (hex 45310000000003)"),
                    HasSubstr("sequence 5, event_id \"p-3\"")));
}

TEST_F(VerifyCliTest, MissingLedgerExitsThree) {
  const CliResult result =
      Run({"verify", "--db", (root_ / "nothing-here").string()});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("no ledger"));
}

TEST_F(VerifyCliTest, EventsTableEndsWithTheEmployersChainHead) {
  auto store = Reopen(OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<std::string> head = store->EmployerChainHead("E1");
  ASSERT_TRUE(head.ok()) << head.status();
  store.reset();

  const CliResult table =
      Run({"events", "--db", directory_, "--employer", "E1", "--format", "table"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, EndsWith("\nchain head: " + *head + "\n"));

  for (const char* format : {"json", "csv"}) {
    const CliResult other =
        Run({"events", "--db", directory_, "--employer", "E1", "--format", format});
    EXPECT_EQ(other.exit_code, 0) << other.err;
    EXPECT_THAT(other.out, Not(HasSubstr("chain head"))) << format;
  }
}

TEST_F(VerifyCliTest, EventsTableWithKnownAtSaysTheHeadCoversEveryEvent) {
  const CliResult table =
      Run({"events", "--db", directory_, "--employer", "E1", "--format", "table",
           "--known-at", "2022-08-09T07:06:42+08:00"});  // after sequence 2
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out,
              HasSubstr("(of all 3 events recorded; --known-at hides 2)"));
}

}  // namespace
}  // namespace ledger::testing
