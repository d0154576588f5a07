// VerifyLedger on the indexes: a missing, extra, misdirected or malformed
// entry in by_employer or event_ids, and a wrong chain value, are each
// reported naming the column family, the key (hex for binary keys) and the
// event.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "verify_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

using VerifyIndexTest = VerifyTest;

TEST_F(VerifyIndexTest, DeletedByEmployerEntryNamesTheEvent) {
  // p-1 is E1's second event.
  RawWrite(directory_, store::kByEmployerFamily,
           store::EmployerStreamKey("E1", 2), std::nullopt);
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  const store::VerifyProblem& problem = *report.problem;
  EXPECT_EQ(problem.column_family, "by_employer");
  EXPECT_EQ(problem.key_text, "employer \"E1\" stream 2");
  EXPECT_EQ(problem.key_hex, "45310000000002");
  EXPECT_EQ(problem.sequence, 3U);
  EXPECT_EQ(problem.event_id, "p-1");
  EXPECT_THAT(problem.message, HasSubstr("missing"));
}

TEST_F(VerifyIndexTest, DeletedEventIdsEntryNamesTheEvent) {
  RawWrite(directory_, store::kEventIdsFamily, "p-2", std::nullopt);
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  const store::VerifyProblem& problem = *report.problem;
  EXPECT_EQ(problem.column_family, "event_ids");
  EXPECT_EQ(problem.key_text, "\"p-2\"");
  EXPECT_EQ(problem.key_hex, "702d32");
  EXPECT_EQ(problem.sequence, 4U);
  EXPECT_EQ(problem.event_id, "p-2");
  EXPECT_THAT(problem.message, HasSubstr("missing"));
}

TEST_F(VerifyIndexTest, WrongChainValueNamesTheEvent) {
  const std::string key = store::EmployerStreamKey("E2", 2);
  std::string value = RawRead(directory_, store::kByEmployerFamily, key);
  ASSERT_EQ(value.size(), store::kSequenceAndHashBytes);
  value.back() = static_cast<char>(value.back() ^ 0x01);
  RawWrite(directory_, store::kByEmployerFamily, key, value);

  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  const store::VerifyProblem& problem = *report.problem;
  EXPECT_EQ(problem.column_family, "by_employer");
  EXPECT_EQ(problem.key_text, "employer \"E2\" stream 2");
  EXPECT_EQ(problem.sequence, 4U);
  EXPECT_EQ(problem.event_id, "p-2");
  EXPECT_THAT(problem.message,
              AllOf(HasSubstr("chain value"),
                    HasSubstr(store::HexEncode(value.substr(8)))));
}

TEST_F(VerifyIndexTest, ChainThatSkipsAnEventIsCaught) {
  // A consistent-looking stream without p-1: E1's entry 2 now holds what a
  // chain straight from r-1 to p-3 would give, pointing at p-3.
  const std::string first = RawRead(directory_, store::kByEmployerFamily,
                                    store::EmployerStreamKey("E1", 1));
  const std::string chain = store::ChainNext(first.substr(8), StoredEvent(5));
  RawWrite(directory_, store::kByEmployerFamily,
           store::EmployerStreamKey("E1", 2),
           store::EncodeSequenceAndHash(5, chain));
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "by_employer");
  EXPECT_EQ(report.problem->sequence, 3U);
  EXPECT_THAT(report.problem->message, HasSubstr("points at sequence 5"));
}

TEST_F(VerifyIndexTest, EventIdsEntryPointingElsewhereIsCaught) {
  RawWrite(directory_, store::kEventIdsFamily, "p-1",
           RawRead(directory_, store::kEventIdsFamily, "p-3"));
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "event_ids");
  EXPECT_EQ(report.problem->sequence, 3U);
  EXPECT_EQ(report.problem->event_id, "p-1");
  EXPECT_THAT(report.problem->message, HasSubstr("points at sequence 5"));
}

TEST_F(VerifyIndexTest, MalformedEventIdsValueIsCaught) {
  RawWrite(directory_, store::kEventIdsFamily, "r-1", "short");
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "event_ids");
  EXPECT_EQ(report.problem->sequence, 1U);
  EXPECT_THAT(report.problem->message, HasSubstr("malformed"));
}

TEST_F(VerifyIndexTest, ExtraEventIdsEntryIsReportedWithItsKey) {
  RawWrite(directory_, store::kEventIdsFamily, "ghost",
           RawRead(directory_, store::kEventIdsFamily, "p-2"));
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  const store::VerifyProblem& problem = *report.problem;
  EXPECT_EQ(problem.column_family, "event_ids");
  EXPECT_EQ(problem.key_text, "\"ghost\"");
  EXPECT_EQ(problem.key_hex, "67686f7374");
  EXPECT_EQ(problem.sequence, 4U);
  EXPECT_EQ(problem.event_id, "p-2");
  EXPECT_THAT(problem.message, HasSubstr("no event owns"));
  EXPECT_EQ(report.counts.events, 5);
  EXPECT_EQ(report.counts.event_ids_entries, 6);
}

TEST_F(VerifyIndexTest, ExtraByEmployerEntryPastTheStreamIsReported) {
  const std::string key = store::EmployerStreamKey("E2", 3);
  RawWrite(directory_, store::kByEmployerFamily, key,
           RawRead(directory_, store::kByEmployerFamily,
                   store::EmployerStreamKey("E2", 2)));
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  const store::VerifyProblem& problem = *report.problem;
  EXPECT_EQ(problem.column_family, "by_employer");
  EXPECT_EQ(problem.key_text, "employer \"E2\" stream 3");
  EXPECT_EQ(problem.key_hex, store::HexEncode(key));
  EXPECT_EQ(problem.sequence, 4U);
  EXPECT_EQ(problem.event_id, "p-2");
  EXPECT_THAT(problem.message, HasSubstr("past the employer's 2 events"));
}

TEST_F(VerifyIndexTest, ByEmployerEntryOfAnEmployerWithoutEventsIsReported) {
  RawWrite(directory_, store::kByEmployerFamily,
           store::EmployerStreamKey("E0", 1),
           RawRead(directory_, store::kByEmployerFamily,
                   store::EmployerStreamKey("E1", 1)));
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "by_employer");
  EXPECT_EQ(report.problem->key_text, "employer \"E0\" stream 1");
  EXPECT_THAT(report.problem->message, HasSubstr("no events"));
}

TEST_F(VerifyIndexTest, MalformedByEmployerKeyIsReportedInHex) {
  RawWrite(directory_, store::kByEmployerFamily, std::string("E1\x01", 3),
           "x");
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "by_employer");
  EXPECT_EQ(report.problem->key_hex, "453101");
  EXPECT_THAT(report.problem->message, HasSubstr("key is not"));
}

}  // namespace
}  // namespace ledger::testing
