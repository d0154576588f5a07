// Helpers for the store tests: a scratch ledger directory per test, event
// builders, and two views of a ledger for "nothing changed" checks: the
// bytes of its files and its logical content.
#ifndef LEDGER_TESTS_STORE_STORE_TEST_UTIL_H_
#define LEDGER_TESTS_STORE_STORE_TEST_UTIL_H_

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "ledger/store/hashing.h"

namespace ledger::testing {

// A fresh directory under the system temp dir; the ledger lives in its
// "ledger" subdirectory. Removed when the test ends.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ledger_store_test_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    directory_ = (root_ / "ledger").string();
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  // Returns a new ledger opened kCreate (asserts success).
  std::unique_ptr<EventStore> Create() {
    auto store = EventStore::Open(directory_, OpenMode::kCreate);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }
  std::unique_ptr<EventStore> Reopen(OpenMode mode = OpenMode::kReadWrite) {
    auto store = EventStore::Open(directory_, mode);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  std::filesystem::path root_;
  std::string directory_;
};

// Returns the event described by protobuf text format `text`.
inline v1::Event EventFromText(const std::string& text) {
  v1::Event event;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &event))
      << text;
  return event;
}

inline v1::Event Registered(const std::string& event_id,
                            const std::string& employer_id) {
  v1::Event event;
  event.set_event_id(event_id);
  event.set_employer_id(employer_id);
  event.set_effective_date_yyyymmdd(20220301);
  auto* registered = event.mutable_employer_registered();
  registered->set_name("张掖市某某商贸有限公司");
  registered->set_pooling_area("620700");
  registered->set_entity_type(v1::ENTITY_TYPE_ENTERPRISE);
  registered->set_size_class(v1::SIZE_CLASS_SMALL);
  return event;
}

inline v1::Event Paid(const std::string& event_id,
                      const std::string& employer_id, int64_t amount_fen) {
  v1::Event event;
  event.set_event_id(event_id);
  event.set_employer_id(employer_id);
  event.set_effective_date_yyyymmdd(20220815);
  event.mutable_contribution_paid()->set_amount_fen(amount_fen);
  return event;
}

inline v1::Event WithRecordedAt(v1::Event event, int64_t recorded_at_us) {
  event.set_recorded_at_us(recorded_at_us);
  event.set_recorded_at_given(true);
  return event;
}

// Returns (file name -> SHA-256 hex of its bytes) for every file of
// `directory` except RocksDB's info logs (LOG, LOG.old.*).
inline std::map<std::string, std::string> DirectoryDigest(
    const std::string& directory) {
  std::map<std::string, std::string> digest;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("LOG", 0) == 0) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    digest[name] = store::HexEncode(store::Sha256(bytes.str()));
  }
  return digest;
}

// Returns every event, the last sequence and recorded_at, and each
// employer's chain head, as text: equal strings mean equal ledgers.
inline std::string LogicalContent(const EventStore& store) {
  std::string content = "last_sequence " +
                        std::to_string(store.last_sequence()) +
                        "\nlast_recorded_at_us " +
                        std::to_string(store.last_recorded_at_us()) + "\n";
  absl::Status status = store.ForEachEvent([&](const v1::Event& event) {
    content += event.ShortDebugString() + "\n";
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  status = store.ForEachEmployer(
      [&](std::string_view employer_id, std::vector<v1::Event>& events) {
        auto head = store.EmployerChainHead(employer_id);
        EXPECT_TRUE(head.ok()) << head.status();
        content += std::string(employer_id) + " " +
                   std::to_string(events.size()) + " " + head.value_or("") +
                   "\n";
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  return content;
}

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_STORE_STORE_TEST_UTIL_H_
