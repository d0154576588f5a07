// The fixture of the verify tests: a small ledger of two interleaved
// employers, and raw writes that damage it behind the store's back (the
// RocksDB helpers of tests/store/raw_rocksdb.h).
//
//   sequence  event_id  employer  event                 E1/E2 stream
//   1         r-1       E1        employer_registered   E1 1
//   2         r-2       E2        employer_registered   E2 1
//   3         p-1       E1        contribution_paid 100 E1 2
//   4         p-2       E2        contribution_paid 200 E2 2
//   5         p-3       E1        contribution_paid 300 E1 3
#ifndef LEDGER_TESTS_VERIFY_VERIFY_TEST_UTIL_H_
#define LEDGER_TESTS_VERIFY_VERIFY_TEST_UTIL_H_

#include <cstdint>
#include <functional>
#include <string>

#include "gtest/gtest.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/verify.h"
#include "raw_rocksdb.h"
#include "store_test_util.h"

namespace ledger::testing {

// 2022-08-08T23:06:40Z; event k is recorded k seconds later.
inline constexpr int64_t kFirstRecordedAtUs = 1'660'000'000'000'000;
inline constexpr int64_t kSecondUs = 1'000'000;

class VerifyTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    std::vector<v1::Event> events = {
        Registered("r-1", "E1"), Registered("r-2", "E2"), Paid("p-1", "E1", 100),
        Paid("p-2", "E2", 200), Paid("p-3", "E1", 300)};
    for (size_t i = 0; i < events.size(); ++i) {
      events[i] = WithRecordedAt(std::move(events[i]),
                                 kFirstRecordedAtUs + int64_t(i + 1) * kSecondUs);
    }
    auto store = Create();
    ASSERT_NE(store, nullptr);
    auto appended = store->Append(std::move(events), kFirstRecordedAtUs);
    ASSERT_TRUE(appended.ok()) << appended.status();
  }

  // Returns the report of the ledger; the verification itself must run.
  store::VerifyReport Verify() {
    absl::StatusOr<store::VerifyReport> report = store::VerifyLedger(directory_);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *std::move(report) : store::VerifyReport{};
  }

  // Returns the stored bytes of the event at `sequence`.
  std::string StoredEvent(uint64_t sequence) {
    return RawRead(directory_, store::kEventsFamily, store::EventKey(sequence));
  }

  // Rewrites the event at `sequence` as `change` leaves it (deterministic
  // bytes, like the store's), leaving both indexes as they were.
  void RewriteEvent(uint64_t sequence,
                    const std::function<void(v1::Event&)>& change) {
    v1::Event event;
    ASSERT_TRUE(event.ParseFromString(StoredEvent(sequence)));
    change(event);
    RawWrite(directory_, store::kEventsFamily, store::EventKey(sequence),
             store::SerializeDeterministic(event));
  }
};

// Prints the problem when a test's expectation on it fails.
inline std::string Describe(const store::VerifyReport& report) {
  return report.problem.has_value()
             ? store::DescribeVerifyProblem(*report.problem)
             : std::string("(no problem)");
}

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_VERIFY_VERIFY_TEST_UTIL_H_
