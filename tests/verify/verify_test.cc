// VerifyLedger on the events themselves: a clean ledger verifies; a changed
// byte, an event that fails field validation, a gap in sequences, recorded_at
// going backwards and a meta that disagrees with the log are each reported
// as the first inconsistency, naming the column family, key and event.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "verify_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

TEST_F(VerifyTest, CleanLedgerVerifiesAndCountsWhatItChecked) {
  const store::VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_EQ(report.meta_last_sequence, 5U);
  EXPECT_EQ(report.counts.events, 5);
  EXPECT_EQ(report.counts.employers, 2);
  EXPECT_EQ(report.counts.event_ids_entries, 5);
  EXPECT_EQ(report.counts.by_employer_entries, 5);
  EXPECT_EQ(report.counts.chains, 2);
}

TEST_F(VerifyTest, EmptyLedgerVerifies) {
  std::filesystem::remove_all(directory_);
  ASSERT_NE(Create(), nullptr);
  const store::VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_EQ(report.counts.events, 0);
  EXPECT_EQ(report.counts.chains, 0);
}

TEST_F(VerifyTest, LedgerHeldByAWriterStillVerifies) {
  auto writer = Reopen(OpenMode::kReadWrite);
  ASSERT_NE(writer, nullptr);
  const store::VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_EQ(report.counts.events, 5);
}

TEST_F(VerifyTest, MissingLedgerIsAnErrorNotAReport) {
  absl::StatusOr<store::VerifyReport> report =
      store::VerifyLedger((root_ / "nothing-here").string());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(VerifyTest, ChangedPayloadByteIsCaughtByTheContentHashNamingTheEvent) {
  // r-2's pooling area "620700" becomes "620701": still a valid event.
  std::string bytes = StoredEvent(2);
  const size_t at = bytes.find("620700");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 5] = '1';
  RawWrite(directory_, store::kEventsFamily, store::EventKey(2), bytes);

  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  const store::VerifyProblem& problem = *report.problem;
  EXPECT_EQ(problem.column_family, "event_ids");
  EXPECT_EQ(problem.key_text, "\"r-2\"");
  EXPECT_EQ(problem.key_hex, "722d32");
  EXPECT_EQ(problem.sequence, 2U);
  EXPECT_EQ(problem.event_id, "r-2");
  EXPECT_THAT(problem.message, HasSubstr("content hash"));
  EXPECT_EQ(report.counts.events, 2);  // stopped at the damaged event
}

TEST_F(VerifyTest, UndecodableEventNamesItsSequenceAndEventIdFromTheIndex) {
  std::string bytes = StoredEvent(3);
  bytes[0] = 0x07;  // field 0, wire type 7: no such tag
  RawWrite(directory_, store::kEventsFamily, store::EventKey(3), bytes);

  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  const store::VerifyProblem& problem = *report.problem;
  EXPECT_EQ(problem.column_family, "events");
  EXPECT_EQ(problem.key_text, "sequence 3");
  EXPECT_EQ(problem.key_hex, "0000000000000003");
  EXPECT_EQ(problem.sequence, 3U);
  EXPECT_EQ(problem.event_id, "p-1");
  EXPECT_THAT(problem.message, HasSubstr("does not parse"));
  EXPECT_THAT(store::DescribeVerifyProblem(problem),
              AllOf(HasSubstr("events key sequence 3 (hex 0000000000000003)"),
                    HasSubstr("sequence 3, event_id \"p-1\"")));
}

TEST_F(VerifyTest, EveryChangedByteOfAnEventIsCaughtAtThatEvent) {
  const std::string original = StoredEvent(3);
  ASSERT_FALSE(original.empty());
  for (size_t at = 0; at < original.size(); ++at) {
    for (const char mask : {'\x01', '\x80'}) {
      std::string bytes = original;
      bytes[at] = static_cast<char>(bytes[at] ^ mask);
      RawWrite(directory_, store::kEventsFamily, store::EventKey(3), bytes);
      const store::VerifyReport report = Verify();
      ASSERT_FALSE(report.ok()) << "byte " << at << " ^ " << int(mask);
      EXPECT_EQ(report.problem->sequence, 3U)
          << "byte " << at << ": " << Describe(report);
      // The id, unless the change hit the id itself: then the message names
      // the id the index holds for sequence 3.
      EXPECT_THAT(report.problem->event_id + " " + report.problem->message,
                  HasSubstr("p-1"))
          << "byte " << at << ": " << Describe(report);
    }
  }
}

TEST_F(VerifyTest, EventFailingFieldValidationIsReported) {
  RewriteEvent(4, [](v1::Event& event) {
    event.mutable_contribution_paid()->set_amount_fen(0);
  });
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "events");
  EXPECT_EQ(report.problem->sequence, 4U);
  EXPECT_EQ(report.problem->event_id, "p-2");
  EXPECT_THAT(report.problem->message,
              AllOf(HasSubstr("field validation"), HasSubstr("amount_fen")));
}

TEST_F(VerifyTest, GapInSequencesNamesTheMissingEvent) {
  RawWrite(directory_, store::kEventsFamily, store::EventKey(3), std::nullopt);
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "events");
  EXPECT_EQ(report.problem->key_text, "sequence 4");  // where 3 was expected
  EXPECT_EQ(report.problem->sequence, 3U);
  EXPECT_EQ(report.problem->event_id, "p-1");  // as event_ids remembers it
  EXPECT_THAT(report.problem->message, HasSubstr("sequence 3 is missing"));
}

TEST_F(VerifyTest, EventsEndingBeforeMetaLastSequenceAreReported) {
  RawWrite(directory_, store::kEventsFamily, store::EventKey(5), std::nullopt);
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "meta");
  EXPECT_EQ(report.problem->key_text, "last_sequence");
  EXPECT_EQ(report.problem->sequence, 5U);
  EXPECT_EQ(report.problem->event_id, "p-3");
}

TEST_F(VerifyTest, EventPastMetaLastSequenceIsReported) {
  RawWrite(directory_, store::kMetaFamily, std::string(store::kMetaLastSequence),
           store::EncodeU64(4));
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "events");
  EXPECT_EQ(report.problem->sequence, 5U);
  EXPECT_EQ(report.problem->event_id, "p-3");
  EXPECT_THAT(report.problem->message, HasSubstr("last_sequence 4"));
}

TEST_F(VerifyTest, RecordedAtGoingBackwardsNamesTheEvent) {
  RewriteEvent(3, [](v1::Event& event) {
    event.set_recorded_at_us(kFirstRecordedAtUs);  // before sequence 2's
  });
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "events");
  EXPECT_EQ(report.problem->sequence, 3U);
  EXPECT_EQ(report.problem->event_id, "p-1");
  EXPECT_THAT(report.problem->message,
              AllOf(HasSubstr("goes backwards"), HasSubstr("sequence 2")));
}

TEST_F(VerifyTest, MetaLastRecordedAtThatIsNotTheLastEventsIsReported) {
  RawWrite(directory_, store::kMetaFamily,
           std::string(store::kMetaLastRecordedAtUs),
           store::EncodeI64(kFirstRecordedAtUs));
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->column_family, "meta");
  EXPECT_EQ(report.problem->key_text, "last_recorded_at_us");
}

TEST_F(VerifyTest, FirstInconsistencyInSequenceOrderIsTheOneReported) {
  RewriteEvent(4, [](v1::Event& event) {
    event.mutable_contribution_paid()->set_amount_fen(201);
  });
  RewriteEvent(2, [](v1::Event& event) {
    event.mutable_employer_registered()->set_name("另一个名字");
  });
  const store::VerifyReport report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->sequence, 2U);
  EXPECT_EQ(report.problem->event_id, "r-2");
}

TEST_F(VerifyTest, ForeignSchemaVersionIsAnError) {
  RawWrite(directory_, store::kMetaFamily,
           std::string(store::kMetaSchemaVersion), store::EncodeU32(99));
  absl::StatusOr<store::VerifyReport> report = store::VerifyLedger(directory_);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(report.status().message(), HasSubstr("schema version 99"));
}

}  // namespace
}  // namespace ledger::testing
