// Append: every field survives, batches are atomic, event_id idempotency
// both ways (ledger and in-batch), recorded_at assignment and monotonicity,
// and the per-employer hash chain.
#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "ledger/store/hashing.h"
#include "store_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr int64_t kNowUs = 1'660'000'000'000'000;  // 2022-08-08T23:06:40Z

// One event of every payload type, every field set to a non-default value.
std::vector<v1::Event> EveryPayload() {
  const char* kEvents[] = {
      R"(event_id: "e01" employer_id: "91620700MA001" effective_date_yyyymmdd: 20200301
         employer_registered { name: "张掖市某某商贸有限公司" pooling_area: "620700"
           entity_type: ENTITY_TYPE_LAW_FIRM size_class: SIZE_CLASS_MICRO })",
      R"(event_id: "e02" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220101
         employer_reclassified { size_class: SIZE_CLASS_MEDIUM basis: CLASSIFICATION_BASIS_COMMITMENT })",
      R"(event_id: "e03" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220701
         recorded_at_us: 1660000000001000 recorded_at_given: true
         contribution_assessed { period_yyyymm: 202207
           lines { employee_id: "E001" base_fen: 500000 }
           lines { employee_id: "E002" base_fen: 420000 } })",
      R"(event_id: "e04" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220731
         contribution_paid { amount_fen: 35000 period_yyyymm: 202207
           component: COMPONENT_LATE_FEE employee_id: "E001" })",
      R"(event_id: "e05" employer_id: "91620700MA001" effective_date_yyyymmdd: 20221130
         catch_up_paid { amount_fen: 123 period_yyyymm: 202208 employee_id: "E002" })",
      R"(event_id: "e06" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220705
         deferral_applied { first_period_yyyymm: 202207 last_period_yyyymm: 202209 policy_id: "gs-2022" })",
      R"(event_id: "e07" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220706
         deferral_granted { first_period_yyyymm: 202207 last_period_yyyymm: 202209
           policy_id: "gs-2022" basis: GRANT_BASIS_COMMITMENT_LETTER })",
      R"(event_id: "e08" employer_id: "91620700MA002" effective_date_yyyymmdd: 20220707
         deferral_rejected { policy_id: "gs-2022" reason: "储备金不足" })",
      R"(event_id: "e09" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220901
         deferral_revoked { policy_id: "gs-2022" reason: REVOCATION_REASON_FALSE_COMMITMENT })",
      R"(event_id: "e10" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220810
         employee_separated { employee_id: "E001" })",
      R"(event_id: "e11" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220811
         employee_retired { employee_id: "E002" })",
      R"(event_id: "e12" employer_id: "91620700MA001" effective_date_yyyymmdd: 20220812
         employee_transferred_out { employee_id: "E003" })",
      R"(event_id: "e13" employer_id: "91620700MA002" effective_date_yyyymmdd: 20221231
         employer_deregistered {})",
      R"(event_id: "e14" employer_id: "91620700MA001" effective_date_yyyymmdd: 20221201
         event_reversed { reverses_event_id: "e04" reason: "bank returned the payment" })",
  };
  std::vector<v1::Event> events;
  for (const char* text : kEvents) events.push_back(EventFromText(text));
  return events;
}

using AppendTest = StoreTest;

TEST_F(AppendTest, EveryFieldRoundTripsThroughEveryRead) {
  auto store = Create();
  std::vector<v1::Event> input = EveryPayload();
  // The third gives a recorded_at after now; later ones get max(now, it).
  auto result = store->Append(input, kNowUs);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->first_sequence, 1U);
  EXPECT_EQ(result->last_sequence, input.size());
  EXPECT_EQ(result->appended, static_cast<int64_t>(input.size()));
  EXPECT_EQ(result->duplicates, 0);

  std::vector<v1::Event> expected = input;
  int64_t latest_us = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    expected[i].set_sequence(i + 1);
    if (!expected[i].recorded_at_given()) {
      expected[i].set_recorded_at_us(std::max(kNowUs, latest_us));
    }
    latest_us = expected[i].recorded_at_us();
  }
  EXPECT_EQ(expected[3].recorded_at_us(), kNowUs + 1000);
  std::vector<v1::Event> all;
  ASSERT_TRUE(store
                  ->ForEachEvent([&](const v1::Event& event) {
                    all.push_back(event);
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_THAT(all, SizeIs(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        all[i], expected[i]))
        << all[i].DebugString() << "\nvs\n" << expected[i].DebugString();
    auto found = store->FindById(expected[i].event_id());
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        **found, expected[i]));
  }
  auto employer = store->ReadEmployer("91620700MA002");
  ASSERT_TRUE(employer.ok()) << employer.status();
  ASSERT_THAT(*employer, SizeIs(2));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      (*employer)[1], expected[12]));
  EXPECT_EQ(store->last_sequence(), expected.size());
}

TEST_F(AppendTest, TruncatedBatchLeavesNoTrace) {
  auto store = Create();
  ASSERT_TRUE(store->Append({Registered("r-1", "E1"), Paid("p-1", "E1", 100)},
                            kNowUs)
                  .ok());
  const std::string content_before = LogicalContent(*store);
  const auto files_before = DirectoryDigest(directory_);

  // Fails on its last event: an id already recorded with other content.
  std::vector<v1::Event> batch = {Registered("r-2", "E2"),
                                  Paid("p-2", "E2", 5), Paid("p-3", "E1", 7),
                                  Paid("p-1", "E1", 999)};
  auto result = store->Append(batch, kNowUs + 1);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists)
      << result.status();

  EXPECT_EQ(DirectoryDigest(directory_), files_before);
  EXPECT_EQ(LogicalContent(*store), content_before);
  EXPECT_EQ(store->last_sequence(), 2U);
  auto found = store->FindById("r-2");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_EQ(store->EmployerChainHead("E2").status().code(),
            absl::StatusCode::kNotFound);
  store.reset();
  EXPECT_EQ(LogicalContent(*Reopen(OpenMode::kReadOnly)), content_before);
}

TEST_F(AppendTest, IdenticalReappendIsCountedAndWritesNothing) {
  auto store = Create();
  std::vector<v1::Event> batch = {Registered("r-1", "E1"),
                                  WithRecordedAt(Paid("p-1", "E1", 100), kNowUs)};
  ASSERT_TRUE(store->Append(batch, kNowUs).ok());
  const std::string content_before = LogicalContent(*store);
  const auto files_before = DirectoryDigest(directory_);

  // Later, without a given recorded_at on either: still identical.
  batch[1].set_recorded_at_given(false);
  batch[1].set_recorded_at_us(0);
  auto result = store->Append(batch, kNowUs + 5'000'000);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->appended, 0);
  EXPECT_EQ(result->duplicates, 2);
  EXPECT_EQ(result->first_sequence, 0U);
  EXPECT_EQ(result->last_sequence, 2U);
  EXPECT_EQ(LogicalContent(*store), content_before);
  EXPECT_EQ(DirectoryDigest(directory_), files_before);
}

TEST_F(AppendTest, SameIdOtherContentIsAlreadyExistsNamingBothSequences) {
  auto store = Create();
  ASSERT_TRUE(store->Append({Registered("r-1", "E1"), Paid("p-1", "E1", 100)},
                            kNowUs)
                  .ok());
  auto result = store->Append({Paid("p-9", "E1", 1), Paid("p-1", "E1", 101)},
                              kNowUs);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(result.status().message(),
              AllOf(HasSubstr("\"p-1\""), HasSubstr("event 2 of the batch"),
                    HasSubstr("as sequence 2"),
                    HasSubstr("would be sequence 4")));
  EXPECT_EQ(store->last_sequence(), 2U);
}

TEST_F(AppendTest, GivenRecordedAtOnDuplicateMustEqualTheStoredOne) {
  auto store = Create();
  ASSERT_TRUE(store->Append({Registered("r-1", "E1")}, kNowUs).ok());
  auto same = store->Append({WithRecordedAt(Registered("r-1", "E1"), kNowUs)},
                            kNowUs + 9);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->duplicates, 1);
  auto other = store->Append(
      {WithRecordedAt(Registered("r-1", "E1"), kNowUs + 1)}, kNowUs + 9);
  ASSERT_EQ(other.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(other.status().message(), HasSubstr("recorded_at"));
}

TEST_F(AppendTest, DuplicatesWithinOneBatch) {
  auto store = Create();
  auto result = store->Append(
      {Registered("r-1", "E1"), Paid("p-1", "E1", 100), Paid("p-1", "E1", 100)},
      kNowUs);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->appended, 2);
  EXPECT_EQ(result->duplicates, 1);
  EXPECT_EQ(store->last_sequence(), 2U);

  auto conflicting = store->Append(
      {Paid("p-2", "E1", 5), Paid("p-3", "E1", 6), Paid("p-2", "E1", 7)},
      kNowUs);
  ASSERT_EQ(conflicting.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(conflicting.status().message(),
              AllOf(HasSubstr("\"p-2\""), HasSubstr("earlier in this batch"),
                    HasSubstr("sequence 3"), HasSubstr("would be sequence 5")));
  EXPECT_EQ(store->last_sequence(), 2U);
}

TEST_F(AppendTest, RecordedAtIsTheLaterOfNowAndTheLedgersLatest) {
  auto store = Create();
  ASSERT_TRUE(
      store->Append({WithRecordedAt(Registered("r-1", "E1"), kNowUs + 100)},
                    kNowUs)
          .ok());
  // The clock is behind the ledger: the ledger's latest wins.
  ASSERT_TRUE(store->Append({Paid("p-1", "E1", 1)}, kNowUs).ok());
  // The clock is ahead: now wins.
  ASSERT_TRUE(store->Append({Paid("p-2", "E1", 2)}, kNowUs + 500).ok());
  auto events = store->ReadEmployer("E1");
  ASSERT_TRUE(events.ok());
  ASSERT_THAT(*events, SizeIs(3));
  EXPECT_EQ((*events)[1].recorded_at_us(), kNowUs + 100);
  EXPECT_FALSE((*events)[1].recorded_at_given());
  EXPECT_EQ((*events)[2].recorded_at_us(), kNowUs + 500);
  EXPECT_EQ(store->last_recorded_at_us(), kNowUs + 500);
}

TEST_F(AppendTest, GivenRecordedAtGoingBackwardsIsRefused) {
  auto store = Create();
  ASSERT_TRUE(store->Append({Registered("r-1", "E1")}, kNowUs).ok());
  auto result = store->Append(
      {WithRecordedAt(Paid("p-1", "E1", 1), kNowUs - 1)}, kNowUs);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(),
              AllOf(HasSubstr("\"p-1\""), HasSubstr("earlier")));
  // Backwards within one batch too.
  auto in_batch = store->Append(
      {WithRecordedAt(Paid("p-2", "E1", 1), kNowUs + 10),
       WithRecordedAt(Paid("p-3", "E1", 1), kNowUs + 5)},
      kNowUs);
  ASSERT_EQ(in_batch.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(in_batch.status().message(), HasSubstr("\"p-3\""));
  EXPECT_EQ(store->last_sequence(), 1U);
  EXPECT_EQ(store->last_recorded_at_us(), kNowUs);
}

TEST_F(AppendTest, MalformedInputIsRefusedBeforeAnything) {
  auto store = Create();
  v1::Event sequenced = Registered("r-1", "E1");
  sequenced.set_sequence(3);
  EXPECT_EQ(store->Append({sequenced}, kNowUs).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store->Append({Registered("", "E1")}, kNowUs).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store->Append({Registered("r-1", "")}, kNowUs).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto nul = store->Append({Registered("r-1", std::string("E\0" "1", 3))},
                           kNowUs);
  EXPECT_EQ(nul.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(nul.status().message(), HasSubstr("0x00"));
  EXPECT_EQ(store->last_sequence(), 0U);
}

TEST_F(AppendTest, EmptyBatchIsANoOp) {
  auto store = Create();
  auto result = store->Append({}, kNowUs);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->appended, 0);
  EXPECT_EQ(result->last_sequence, 0U);
}

TEST_F(AppendTest, ChainHeadIsShaOverPreviousHeadAndStoredBytes) {
  auto store = Create();
  ASSERT_TRUE(store->Append({Registered("r-1", "E1"), Registered("r-2", "E2"),
                             Paid("p-1", "E1", 100)},
                            kNowUs)
                  .ok());
  ASSERT_TRUE(store->Append({Paid("p-2", "E1", 200)}, kNowUs).ok());
  auto events = store->ReadEmployer("E1");
  ASSERT_TRUE(events.ok());
  std::string chain = store::ChainStart();
  for (const v1::Event& event : *events) {
    chain = store::ChainNext(chain, store::SerializeDeterministic(event));
  }
  auto head = store->EmployerChainHead("E1");
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(*head, store::HexEncode(chain));
  EXPECT_EQ(head->size(), 64U);
  EXPECT_NE(*store->EmployerChainHead("E2"), *head);
  EXPECT_EQ(store->EmployerChainHead("E3").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ledger::testing
