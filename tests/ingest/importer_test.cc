// ImportEvents: a file lands whole or not at all, every bad line is named,
// re-imports are harmless, and each line is checked against the ledger plus
// the lines before it.
#include "ledger/ingest/importer.h"

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/dates.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kNowUs = 1'700'000'000'000'000;  // 2023-11-14T22:13:20Z

const char kRegistration[] =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";
const char kJulyAssessment[] =
    R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = MakeDirectory();
    absl::StatusOr<std::unique_ptr<EventStore>> store =
        EventStore::Open(directory_, OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  static std::string MakeDirectory() {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "importer_test.XXXXXX").string();
    EXPECT_NE(mkdtemp(pattern.data()), nullptr);
    return pattern + "/ledger";
  }

  absl::StatusOr<ImportSummary> Import(const std::string& contents) {
    return ImportEvents(*store_, rules_, "batch.jsonl", contents, kNowUs);
  }

  Rules rules_ = ExampleRules();
  std::string directory_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(ImporterTest, RegistrationAndAssessmentInOneFileLandTogether) {
  absl::StatusOr<ImportSummary> summary = Import(std::string(kRegistration) + kJulyAssessment);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->events_read, 2);
  EXPECT_EQ(summary->appended, 2);
  EXPECT_EQ(summary->first_sequence, 1u);
  EXPECT_EQ(summary->last_sequence, 2u);
  EXPECT_EQ(store_->ReadEmployer("A")->size(), 2u);
}

TEST_F(ImporterTest, OneBadLineRefusesTheWholeFileAndNamesEveryBadLine) {
  const std::string file =
      std::string(kRegistration) + kJulyAssessment +
      R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-02-30","amount_fen":100})"
      "\n"
      R"({"event_id":"p2","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-01","amount_fen":0})"
      "\n";
  absl::StatusOr<ImportSummary> summary = Import(file);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("batch.jsonl:3: effective_date: no such date \"2022-02-30\""));
  EXPECT_THAT(summary.status().message(), HasSubstr("batch.jsonl:4: amount_fen:"));
  EXPECT_EQ(store_->last_sequence(), 0u);
  EXPECT_TRUE(store_->ReadEmployer("A")->empty());
}

TEST_F(ImporterTest, StateCheckFailureRefusesTheWholeFile) {
  const std::string file =
      std::string(kRegistration) + kJulyAssessment +
      R"({"event_id":"x1","type":"contribution_assessed","employer_id":"B","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]})"
      "\n";
  absl::StatusOr<ImportSummary> summary = Import(file);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("batch.jsonl:3: employer_id: UNKNOWN_EMPLOYER"));
  EXPECT_EQ(store_->last_sequence(), 0u);
}

TEST_F(ImporterTest, ReimportingTheSameFileIsAllDuplicates) {
  const std::string file = std::string(kRegistration) + kJulyAssessment;
  ASSERT_TRUE(Import(file).ok());
  absl::StatusOr<ImportSummary> again = Import(file);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->appended, 0);
  EXPECT_EQ(again->duplicates, 2);
  EXPECT_EQ(store_->last_sequence(), 2u);
}

TEST_F(ImporterTest, SameIdWithOtherContentIsRefusedNamingTheLine) {
  ASSERT_TRUE(Import(std::string(kRegistration) + kJulyAssessment).ok());
  const std::string changed =
      R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500001}]})"
      "\n";
  absl::StatusOr<ImportSummary> summary = Import(changed);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("batch.jsonl:1: event_id: a7 is already in the ledger as sequence 2 "
                        "with other content"));
}

TEST_F(ImporterTest, RecordedAtGoingBackwardsIsRefused) {
  const std::string file =
      R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small","recorded_at":"2022-08-01T09:00:00+08:00"})"
      "\n"
      R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}],"recorded_at":"2022-07-05T09:00:00+08:00"})"
      "\n";
  absl::StatusOr<ImportSummary> summary = Import(file);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("batch.jsonl:2: recorded_at: 2022-07-05T09:00:00+08:00 is earlier than "
                        "2022-08-01T09:00:00+08:00, the recorded_at of line 1 of this file; "
                        "lines are imported in the order the ledger learned them: sort the "
                        "file by recorded_at"));
}

TEST_F(ImporterTest, GrantIsCheckedAgainstEarlierLinesOfTheSameFile) {
  // June is assessed but unpaid when the July grant is decided: IN_ARREARS
  // (R5.5). June's employer part: 500 000 x 700 bp = 35 000, due 2022-06-30.
  const std::string file =
      std::string(kRegistration) +
      R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]})"
      "\n"
      R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})"
      "\n";
  absl::StatusOr<ImportSummary> summary = Import(file);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("batch.jsonl:3: first_period: IN_ARREARS: 2022-06 employee 10 000 fen "
                        "outstanding, due 2022-06-30 (and 1 more row; 45 000 fen in all)"));
}

TEST_F(ImporterTest, ReversalOfAnotherEmployersEventIsRefusedOnce) {
  const std::string file =
      std::string(kRegistration) + kJulyAssessment +
      R"({"event_id":"r2","type":"employer_registered","employer_id":"B","effective_date":"2020-03-01","name":"乙","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
      "\n"
      R"({"event_id":"x1","type":"event_reversed","employer_id":"B","effective_date":"2022-07-06","reverses_event_id":"a7","reason":"typo"})"
      "\n";
  absl::StatusOr<ImportSummary> summary = Import(file);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(std::string(summary.status().message()),
            "batch.jsonl:4: reverses_event_id: EVENT_OF_ANOTHER_EMPLOYER: event a7 belongs to "
            "employer A, not B");
}

}  // namespace
}  // namespace ledger::testing
