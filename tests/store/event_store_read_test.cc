// Reads: one employer's stream in sequence order and nobody else's, the
// whole log in sequence order, employers in id byte order, lookups by id,
// and visitors that stop the walk.
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "store_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr int64_t kNowUs = 1'660'000'000'000'000;

std::vector<std::string> Ids(const std::vector<v1::Event>& events) {
  std::vector<std::string> ids;
  for (const v1::Event& event : events) ids.push_back(event.event_id());
  return ids;
}

class ReadTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store_ = Create();
    // Ids where one is a prefix of another, appended out of id order.
    ASSERT_TRUE(store_
                    ->Append({Registered("ab-1", "AB"), Registered("a-1", "A"),
                              Registered("asp-1", "A B"), Paid("a-2", "A", 1)},
                             kNowUs)
                    .ok());
    ASSERT_TRUE(
        store_->Append({Paid("ab-2", "AB", 2), Paid("a-3", "A", 3)}, kNowUs)
            .ok());
  }
  std::unique_ptr<EventStore> store_;
};

TEST_F(ReadTest, ReadEmployerReturnsOnlyThatEmployerInSequenceOrder) {
  auto a = store_->ReadEmployer("A");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_THAT(Ids(*a), ElementsAre("a-1", "a-2", "a-3"));
  EXPECT_EQ((*a)[0].sequence(), 2U);
  EXPECT_EQ((*a)[2].sequence(), 6U);
  auto ab = store_->ReadEmployer("AB");
  ASSERT_TRUE(ab.ok());
  EXPECT_THAT(Ids(*ab), ElementsAre("ab-1", "ab-2"));
  auto nobody = store_->ReadEmployer("ZZ");
  ASSERT_TRUE(nobody.ok());
  EXPECT_TRUE(nobody->empty());
  EXPECT_EQ(store_->ReadEmployer("").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ReadTest, ForEachEventVisitsInSequenceOrder) {
  std::vector<uint64_t> sequences;
  ASSERT_TRUE(store_
                  ->ForEachEvent([&](const v1::Event& event) {
                    sequences.push_back(event.sequence());
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_THAT(sequences, ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST_F(ReadTest, ForEachEmployerGoesInIdByteOrder) {
  std::vector<std::pair<std::string, std::vector<std::string>>> seen;
  ASSERT_TRUE(store_
                  ->ForEachEmployer([&](std::string_view employer_id,
                                        std::vector<v1::Event>& events) {
                    seen.emplace_back(std::string(employer_id), Ids(events));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_THAT(seen, ElementsAre(Pair("A", ElementsAre("a-1", "a-2", "a-3")),
                                Pair("A B", ElementsAre("asp-1")),
                                Pair("AB", ElementsAre("ab-1", "ab-2"))));
}

TEST_F(ReadTest, VisitorsStopAtTheirFirstError) {
  int calls = 0;
  absl::Status status = store_->ForEachEvent([&](const v1::Event&) {
    return ++calls == 2 ? absl::CancelledError("enough") : absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 2);
  calls = 0;
  status = store_->ForEachEmployer(
      [&](std::string_view, std::vector<v1::Event>&) {
        ++calls;
        return absl::CancelledError("enough");
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

std::vector<std::string> Ids(const EmployerEvents& events) {
  std::vector<std::string> ids;
  for (const v1::Event* event : events.events()) ids.push_back(event->event_id());
  return ids;
}

TEST_F(ReadTest, ReadEmployerIntoReplacesWhatTheArenaHeld) {
  EmployerEvents events;
  ASSERT_TRUE(store_->ReadEmployerInto("A", events).ok());
  EXPECT_THAT(Ids(events), ElementsAre("a-1", "a-2", "a-3"));
  EXPECT_EQ(events.events()[2]->sequence(), 6U);
  EXPECT_EQ(events.events()[1]->contribution_paid().amount_fen(), 1);
  // The same object, read again for another employer: only that one's.
  ASSERT_TRUE(store_->ReadEmployerInto("AB", events).ok());
  EXPECT_THAT(Ids(events), ElementsAre("ab-1", "ab-2"));
  ASSERT_TRUE(store_->ReadEmployerInto("ZZ", events).ok());
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(store_->ReadEmployerInto("", events).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ReadTest, ForEachEmployerEventsGoesInIdByteOrder) {
  std::vector<std::pair<std::string, std::vector<std::string>>> seen;
  ASSERT_TRUE(store_
                  ->ForEachEmployerEvents([&](std::string_view employer_id,
                                              const EmployerEvents& events) {
                    seen.emplace_back(std::string(employer_id), Ids(events));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_THAT(seen, ElementsAre(Pair("A", ElementsAre("a-1", "a-2", "a-3")),
                                Pair("A B", ElementsAre("asp-1")),
                                Pair("AB", ElementsAre("ab-1", "ab-2"))));
  int calls = 0;
  const absl::Status stopped = store_->ForEachEmployerEvents(
      [&](std::string_view, const EmployerEvents&) {
        ++calls;
        return absl::CancelledError("enough");
      });
  EXPECT_EQ(stopped.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

TEST(EmployerEventsTest, KeepsItsFirstBlockGrownToTheLargestEmployer) {
  EmployerEvents events;
  v1::Event big;
  big.set_event_id("e-1");
  for (int i = 0; i < 20000; ++i) {
    v1::AssessmentLine* line = big.mutable_contribution_assessed()->add_lines();
    line->set_employee_id("P0000000000000000001");
    line->set_base_fen(300000);
  }
  const std::string bytes = big.SerializeAsString();
  ASSERT_NE(events.Parse(bytes), nullptr);
  const size_t used = events.arena_bytes_used();
  EXPECT_GT(used, size_t{256} << 10);  // past the 256 KiB first block
  events.Clear();
  EXPECT_TRUE(events.empty());
  const v1::Event* again = events.Parse(bytes);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->contribution_assessed().lines_size(), 20000);
  EXPECT_EQ(events.Parse("\xff\xff\xff"), nullptr);  // not an Event
  EXPECT_EQ(events.size(), 1U);
}

// Records what a pass observer was told.
class RecordingObserver : public PassObserver {
 public:
  void OnEmployer(int64_t employers_done) override { seen.push_back(employers_done); }
  void OnPassEnd() override { ++passes_ended; }
  std::vector<int64_t> seen;
  int passes_ended = 0;
};

TEST_F(ReadTest, PassObserverCountsEachEmployerOfEveryPassAndItsEnd) {
  RecordingObserver observer;
  store_->set_pass_observer(&observer);
  ASSERT_TRUE(store_->ForEachEmployer([](std::string_view, std::vector<v1::Event>&) {
                      return absl::OkStatus();
                    }).ok());
  EXPECT_THAT(observer.seen, ElementsAre(1, 2, 3)) << "A, A B, AB";
  EXPECT_EQ(observer.passes_ended, 1);
  ASSERT_TRUE(store_->ForEachEmployerEvents([](std::string_view, const EmployerEvents&) {
                      return absl::OkStatus();
                    }).ok());
  EXPECT_THAT(observer.seen, ElementsAre(1, 2, 3, 1, 2, 3)) << "each pass counts from 1";
  EXPECT_EQ(observer.passes_ended, 2);
  // A pass that stops early still ends, after the employers it finished.
  const absl::Status stopped = store_->ForEachEmployerEvents(
      [](std::string_view employer_id, const EmployerEvents&) {
        return employer_id == "A" ? absl::OkStatus() : absl::CancelledError("stop");
      });
  EXPECT_EQ(stopped.code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(observer.seen, ElementsAre(1, 2, 3, 1, 2, 3, 1));
  EXPECT_EQ(observer.passes_ended, 3);
  store_->set_pass_observer(nullptr);
  ASSERT_TRUE(store_->ForEachEmployer([](std::string_view, std::vector<v1::Event>&) {
                      return absl::OkStatus();
                    }).ok());
  EXPECT_EQ(observer.passes_ended, 3) << "detached";
}

TEST_F(ReadTest, FindByIdReturnsTheEventOrNothing) {
  auto found = store_->FindById("ab-2");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->sequence(), 5U);
  EXPECT_EQ((*found)->contribution_paid().amount_fen(), 2);
  auto missing = store_->FindById("nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(ReadTest, EmptyLedgerHasNothingToVisit) {
  store_.reset();
  std::filesystem::remove_all(directory_);
  auto empty = Create();
  int calls = 0;
  EXPECT_TRUE(empty
                  ->ForEachEvent([&](const v1::Event&) {
                    ++calls;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_TRUE(empty
                  ->ForEachEmployer(
                      [&](std::string_view, std::vector<v1::Event>&) {
                        ++calls;
                        return absl::OkStatus();
                      })
                  .ok());
  EXPECT_EQ(calls, 0);
  EXPECT_THAT(empty->EmployerChainHead("A").status().message(),
              HasSubstr("no events"));
}

}  // namespace
}  // namespace ledger::testing
