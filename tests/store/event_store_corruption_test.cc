// Damage planted through a raw RocksDB handle is reported as DataLoss naming
// what is wrong, never returned as data: every read checks what it decodes
// against the key it came from.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "ledger/store/keys.h"
#include "raw_rocksdb.h"
#include "store_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kNowUs = 1'660'000'000'000'000;

class CorruptionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(Create()
                    ->Append({Registered("r-1", "E1"), Paid("p-1", "E1", 1),
                              Paid("p-2", "E1", 2)},
                             kNowUs)
                    .ok());
  }
};

TEST_F(CorruptionTest, EventStoredUnderAnotherSequenceIsDataLoss) {
  // Sequence 2's slot now holds sequence 1's bytes.
  const std::string first =
      RawRead(directory_, store::kEventsFamily, store::EventKey(1));
  ASSERT_FALSE(first.empty());
  RawWrite(directory_, store::kEventsFamily, store::EventKey(2), first);
  auto store = Reopen(OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  auto events = store->ReadEmployer("E1");
  EXPECT_EQ(events.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(events.status().message(), HasSubstr("sequence 2"));
  absl::Status walk =
      store->ForEachEvent([](const v1::Event&) { return absl::OkStatus(); });
  EXPECT_EQ(walk.code(), absl::StatusCode::kDataLoss);
  auto found = store->FindById("p-1");
  EXPECT_EQ(found.status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(CorruptionTest, IndexedButMissingEventIsDataLoss) {
  RawWrite(directory_, store::kEventsFamily, store::EventKey(2), std::nullopt);
  auto store = Reopen(OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  auto events = store->ReadEmployer("E1");
  EXPECT_EQ(events.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(events.status().message(), HasSubstr("missing"));
}

TEST_F(CorruptionTest, GapInAnEmployerStreamIsDataLoss) {
  RawWrite(directory_, store::kByEmployerFamily,
           store::EmployerStreamKey("E1", 2), std::nullopt);
  auto store = Reopen(OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  auto events = store->ReadEmployer("E1");
  EXPECT_EQ(events.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(events.status().message(), HasSubstr("entry 2 was expected"));
}

TEST_F(CorruptionTest, MetaThatDisagreesWithTheLogIsRefusedAtOpen) {
  RawWrite(directory_, store::kMetaFamily,
           std::string(store::kMetaLastSequence), store::EncodeU64(2));
  auto store = EventStore::Open(directory_, OpenMode::kReadWrite);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(store.status().message(), HasSubstr("last sequence is 2"));
}

TEST_F(CorruptionTest, MissingSchemaVersionIsRefusedAsNotALedger) {
  RawWrite(directory_, store::kMetaFamily,
           std::string(store::kMetaSchemaVersion), std::nullopt);
  auto store = EventStore::Open(directory_, OpenMode::kReadOnly);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(), HasSubstr("no schema version"));
}

}  // namespace
}  // namespace ledger::testing
