// Rule sets: published by version, versions only go up, identical
// re-publication is a no-op, and they survive a reopen.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "raw_rocksdb.h"
#include "store_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kNowUs = 1'660'000'000'000'000;

v1::RuleSet Rules(uint32_t version, const std::string& name) {
  v1::RuleSet rules;
  rules.set_version(version);
  rules.set_name(name);
  rules.mutable_late_fee()->set_rate_bp_per_day(5);
  auto* area = rules.add_pooling_areas();
  area->set_code("620700");
  area->set_fund_reserve_months(14);
  return rules;
}

using RulesStoreTest = StoreTest;

TEST_F(RulesStoreTest, NoRulesIsNotFound) {
  auto store = Create();
  EXPECT_EQ(store->LatestRules().status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store->RulesVersion(1).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RulesStoreTest, VersionsAreKeptAndTheHighestIsLatest) {
  auto store = Create();
  ASSERT_TRUE(store->PutRules(Rules(1, "first"), kNowUs).ok());
  ASSERT_TRUE(store->PutRules(Rules(3, "third"), kNowUs + 1).ok());
  EXPECT_EQ(store->LatestRules()->name(), "third");
  EXPECT_EQ(store->RulesVersion(1)->name(), "first");
  EXPECT_EQ(store->RulesVersion(1)->late_fee().rate_bp_per_day(), 5);
  EXPECT_EQ(store->RulesVersion(2).status().code(),
            absl::StatusCode::kNotFound);
  store.reset();
  store = Reopen(OpenMode::kReadOnly);
  EXPECT_EQ(store->LatestRules()->version(), 3U);
  EXPECT_EQ(store->RulesVersion(3)->pooling_areas(0).fund_reserve_months(), 14);
}

TEST_F(RulesStoreTest, VersionsOnlyGoUp) {
  auto store = Create();
  ASSERT_TRUE(store->PutRules(Rules(2, "second"), kNowUs).ok());
  absl::Status older = store->PutRules(Rules(1, "first"), kNowUs);
  EXPECT_EQ(older.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(older.message(), HasSubstr("versions only go up"));
  EXPECT_EQ(store->PutRules(Rules(0, "zero"), kNowUs).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RulesStoreTest, RepublishingIsANoOpOnlyWhenIdentical) {
  auto store = Create();
  ASSERT_TRUE(store->PutRules(Rules(1, "first"), kNowUs).ok());
  EXPECT_TRUE(store->PutRules(Rules(1, "first"), kNowUs + 5).ok());
  absl::Status changed = store->PutRules(Rules(1, "changed"), kNowUs);
  EXPECT_EQ(changed.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(changed.message(), HasSubstr("version 1"));
  EXPECT_EQ(store->LatestRules()->name(), "first");
}

TEST_F(RulesStoreTest, ListRulesCarriesTimeNoteAndHash) {
  auto store = Create();
  ASSERT_TRUE(store->PutRules(Rules(1, "first"), kNowUs).ok());
  ASSERT_TRUE(store->PutRules(Rules(2, "second"), kNowUs + 7, "rate fixed").ok());
  absl::StatusOr<std::vector<PublishedRuleSet>> listed = store->ListRules();
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[1].rules.name(), "second");
  EXPECT_EQ((*listed)[1].published_at_us, kNowUs + 7);
  EXPECT_EQ((*listed)[1].note, "rate fixed");
  EXPECT_EQ((*listed)[1].sha256_hex,
            store::HexEncode(store::Sha256(store::SerializeDeterministic(Rules(2, "second")))));
  EXPECT_EQ((*listed)[0].note, "");
}

// A ledger written before notes were kept has no "rules_note/" entries: its
// versions list with an empty note and the hash of the stored bytes.
TEST_F(RulesStoreTest, AVersionWithoutANoteRecordStillLists) {
  auto store = Create();
  ASSERT_TRUE(store->PutRules(Rules(1, "first"), kNowUs, "to be lost").ok());
  store.reset();
  RawWrite(directory_, store::kMetaFamily, store::RulesNoteKey(1), std::nullopt);
  store = Reopen(OpenMode::kReadOnly);
  absl::StatusOr<std::vector<PublishedRuleSet>> listed = store->ListRules();
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ((*listed)[0].note, "");
  EXPECT_EQ((*listed)[0].sha256_hex,
            store::HexEncode(store::Sha256(store::SerializeDeterministic(Rules(1, "first")))));
}

TEST_F(RulesStoreTest, ANoteRecordWhoseHashDoesNotMatchIsDataLoss) {
  auto store = Create();
  ASSERT_TRUE(store->PutRules(Rules(1, "first"), kNowUs, "note").ok());
  store.reset();
  RawWrite(directory_, store::kMetaFamily, store::RulesNoteKey(1),
           store::EncodeRulesNoteValue(std::string(32, 'x'), "note"));
  store = Reopen(OpenMode::kReadOnly);
  absl::StatusOr<std::vector<PublishedRuleSet>> listed = store->ListRules();
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(listed.status().message(), HasSubstr("version 1"));
}

}  // namespace
}  // namespace ledger::testing
