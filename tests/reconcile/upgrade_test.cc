// Issue 14 item 5 for issue 10's receipt index: a ledger at schema 1 (its
// version written back and the `receipts` family dropped, as a build before
// the index left it) is refused for writing with the command to run; `ledgerctl
// upgrade` rebuilds the index from the log and bumps the version in one step;
// the ledger then verifies, and a receipt recorded before the upgrade is
// found as a duplicate. And `verify` checks the index against the log.
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/keys.h"
#include "ledger/store/upgrade.h"
#include "ledger/store/verify.h"
#include "rocksdb/db.h"
#include "tests/reconcile/reconcile_fixture.h"

namespace ledger {
namespace {

using ::testing::HasSubstr;
using testing::ReconcileTest;

constexpr char kReceipted[] =
    "payment_id,employer_id,paid_date,amount_fen,period,component,tax_receipt_no\n"
    "u1,A,2022-03-31,45000,2022-03,,R-1\n";

// Opens the closed ledger at `directory` with raw RocksDB and calls `edit`.
template <typename Edit>
void RawEdit(const std::string& directory, Edit edit) {
  rocksdb::DBOptions options;
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, directory, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, directory, descriptors, &handles, &db).ok());
  auto handle = [&](std::string_view family) -> rocksdb::ColumnFamilyHandle* {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == family) return handles[i];
    }
    return nullptr;
  };
  edit(db, handle);
  for (rocksdb::ColumnFamilyHandle* h : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  EXPECT_TRUE(db->Close().ok());
  delete db;
}

class UpgradeTest : public ReconcileTest {
 protected:
  std::string directory() const { return (dir_ / "ledger").string(); }

  // Records u1 with receipt R-1, closes the store and takes the ledger back
  // to schema 1.
  void MakeSchema1Ledger() {
    ASSERT_TRUE(Reconcile(*store_, *rules_, "day1.csv", kReceipted, {.apply = true, .now_us = 3})
                    .value()
                    .applied);
    store_.reset();
    RawEdit(directory(), [](rocksdb::DB* db, auto handle) {
      rocksdb::WriteOptions sync;
      sync.sync = true;
      ASSERT_TRUE(db->Put(sync, handle(store::kMetaFamily),
                          std::string(store::kMetaSchemaVersion), store::EncodeU32(1))
                      .ok());
      ASSERT_TRUE(db->DropColumnFamily(handle(store::kReceiptsFamily)).ok());
    });
  }
};

TEST_F(UpgradeTest, AnOlderLedgerIsRefusedForWritingThenUpgradedAndFindsDuplicates) {
  MakeSchema1Ledger();
  const auto refused = EventStore::Open(directory(), OpenMode::kReadWrite);
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(),
              HasSubstr("has schema version 1; this build writes schema version 2"));
  EXPECT_THAT(refused.status().message(),
              HasSubstr("Run `ledgerctl upgrade --db " + directory() + "` once"));
  // Queries still read it; what needs the index names the command.
  {
    auto reader = EventStore::Open(directory(), OpenMode::kReadOnly);
    ASSERT_TRUE(reader.ok()) << reader.status();
    EXPECT_EQ((*reader)->schema_version(), 1u);
    EXPECT_THAT((*reader)->SequencesWithReceipt("R-1").status().message(),
                HasSubstr("ledgerctl upgrade --db"));
  }
  EXPECT_THAT(store::VerifyLedger(directory()).status().message(),
              HasSubstr("run `ledgerctl upgrade --db " + directory() + "` once"));

  const absl::StatusOr<store::UpgradeReport> upgraded = store::UpgradeLedger(directory());
  ASSERT_TRUE(upgraded.ok()) << upgraded.status();
  EXPECT_EQ(upgraded->from_version, 1u);
  EXPECT_EQ(upgraded->to_version, 2u);
  EXPECT_EQ(upgraded->events, 5);  // four history events and u1
  EXPECT_EQ(upgraded->receipts_indexed, 1);

  const absl::StatusOr<store::VerifyReport> verified = store::VerifyLedger(directory());
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->ok()) << store::DescribeVerifyProblem(*verified->problem);
  EXPECT_EQ(verified->counts.receipts_entries, 1);

  auto writer = EventStore::Open(directory(), OpenMode::kReadWrite);
  ASSERT_TRUE(writer.ok()) << writer.status();
  store_ = *std::move(writer);
  const std::string again =
      "payment_id,employer_id,paid_date,amount_fen,period,component,tax_receipt_no\n"
      "u2,A,2022-05-05,45000,2022-04,,R-1\n";
  const ReconcileReport report =
      Reconcile(*store_, *rules_, "day2.csv", again, {.apply = true, .now_us = 4}).value();
  ASSERT_EQ(report.details.size(), 1u);
  EXPECT_EQ(report.details[0].payment_class, PaymentClass::kDuplicateReceipt);
  EXPECT_THAT(report.details[0].message, HasSubstr("already recorded as event u1 (sequence 5"));
}

TEST_F(UpgradeTest, UpgradingACurrentLedgerRebuildsTheIndexAgain) {
  ASSERT_TRUE(Reconcile(*store_, *rules_, "day1.csv", kReceipted, {.apply = true, .now_us = 3})
                  .value()
                  .applied);
  store_.reset();
  const absl::StatusOr<store::UpgradeReport> upgraded = store::UpgradeLedger(directory());
  ASSERT_TRUE(upgraded.ok()) << upgraded.status();
  EXPECT_EQ(upgraded->from_version, 2u);
  EXPECT_EQ(upgraded->entries_replaced, 1);
  EXPECT_EQ(upgraded->receipts_indexed, 1);
  EXPECT_TRUE(store::VerifyLedger(directory()).value().ok());
}

TEST_F(UpgradeTest, VerifyNamesAReceiptTheIndexLacksOrAnEntryNoEventOwns) {
  ASSERT_TRUE(Reconcile(*store_, *rules_, "day1.csv", kReceipted, {.apply = true, .now_us = 3})
                  .value()
                  .applied);
  store_.reset();
  RawEdit(directory(), [](rocksdb::DB* db, auto handle) {
    rocksdb::WriteOptions sync;
    sync.sync = true;
    ASSERT_TRUE(db->Delete(sync, handle(store::kReceiptsFamily), store::ReceiptKey("R-1", 5)).ok());
  });
  store::VerifyReport lacking = store::VerifyLedger(directory()).value();
  ASSERT_FALSE(lacking.ok());
  EXPECT_EQ(lacking.problem->column_family, "receipts");
  EXPECT_EQ(lacking.problem->event_id, "u1");
  EXPECT_THAT(lacking.problem->message, HasSubstr("missing"));

  RawEdit(directory(), [](rocksdb::DB* db, auto handle) {
    rocksdb::WriteOptions sync;
    sync.sync = true;
    ASSERT_TRUE(db->Put(sync, handle(store::kReceiptsFamily), store::ReceiptKey("R-1", 5), "").ok());
    ASSERT_TRUE(db->Put(sync, handle(store::kReceiptsFamily), store::ReceiptKey("R-7", 2), "").ok());
  });
  store::VerifyReport extra = store::VerifyLedger(directory()).value();
  ASSERT_FALSE(extra.ok());
  EXPECT_EQ(extra.problem->column_family, "receipts");
  EXPECT_THAT(extra.problem->message, HasSubstr("does not carry tax receipt \"R-7\""));
}

}  // namespace
}  // namespace ledger
