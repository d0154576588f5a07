// Test-only writes that go around the EventStore: a raw RocksDB handle on a
// closed ledger, to plant a foreign schema version or damage on purpose.
#ifndef LEDGER_TESTS_STORE_RAW_ROCKSDB_H_
#define LEDGER_TESTS_STORE_RAW_ROCKSDB_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"

namespace ledger::testing {

// Puts `value` under `key` in column family `family` of the (closed) ledger
// at `directory`, or deletes `key` when `value` is nullopt. Synced.
inline void RawWrite(const std::string& directory, std::string_view family,
                     const std::string& key,
                     const std::optional<std::string>& value) {
  rocksdb::DBOptions options;
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, directory, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  size_t index = names.size();
  for (size_t i = 0; i < names.size(); ++i) {
    descriptors.emplace_back(names[i], rocksdb::ColumnFamilyOptions());
    if (names[i] == family) index = i;
  }
  ASSERT_LT(index, names.size()) << "no column family " << family;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::Open(options, directory, descriptors, &handles, &db).ok());
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  const rocksdb::Status status =
      value.has_value() ? db->Put(write_options, handles[index], key, *value)
                        : db->Delete(write_options, handles[index], key);
  EXPECT_TRUE(status.ok()) << status.ToString();
  for (auto* handle : handles) {
    EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  EXPECT_TRUE(db->Close().ok());
  delete db;
}

// Returns the value under `key` in `family` of the closed ledger, or "".
inline std::string RawRead(const std::string& directory,
                           std::string_view family, const std::string& key) {
  rocksdb::DBOptions options;
  std::vector<std::string> names;
  EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(options, directory, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  size_t index = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    descriptors.emplace_back(names[i], rocksdb::ColumnFamilyOptions());
    if (names[i] == family) index = i;
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  EXPECT_TRUE(rocksdb::DB::OpenForReadOnly(options, directory, descriptors,
                                           &handles, &db)
                  .ok());
  std::string value;
  if (db != nullptr) {
    (void)db->Get(rocksdb::ReadOptions(), handles[index], key, &value);
    for (auto* handle : handles) (void)db->DestroyColumnFamilyHandle(handle);
    delete db;
  }
  return value;
}

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_STORE_RAW_ROCKSDB_H_
