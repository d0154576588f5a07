// R14, the automatic grant (免申即享): first period by what is paid, last by
// max_months and the window, R5 through import's own Decide, one atomic
// batch, a second run granting nothing. Figures worked by hand from
// shared/spec/rules.md with the worked examples' rules (620700: employer
// 700 bp, employee 200 bp, due the last day of the month, rolled).
#include <filesystem>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "ledger/dates.h"
#include "ledger/ingest/importer.h"
#include "ledger/report/auto_grant.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

// Employer A, a small enterprise of Zhangye (620700), one employee E1 on a
// base of 100 000 fen: employer part apply_rate(100000, 700) = 7 000 fen,
// employee part apply_rate(100000, 200) = 2 000 fen a month.
constexpr char kRegistered[] =
    R"({"event_id":"r","type":"employer_registered","employer_id":"A","effective_date":"2020-01-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n";
constexpr char kJuly[] =
    R"({"event_id":"a07","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":100000}]})"
    "\n";
constexpr char kJulyPaid[] =
    R"({"event_id":"p07","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-10","amount_fen":9000,"period":"2022-07"})"
    "\n";
constexpr char kAugust[] =
    R"({"event_id":"a08","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":100000}]})"
    "\n";
constexpr char kAugustPaid[] =
    R"({"event_id":"p08","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-10","amount_fen":9000,"period":"2022-08"})"
    "\n";

class AutoGrantTest : public FoldTest {
 protected:
  AutoGrantOutcome Decide(std::string_view date, const Rules* rules = nullptr) {
    const Rules& used = rules != nullptr ? *rules : rules_;
    return DecideAutoGrant(used, *used.FindPolicy("gs-2022"), "A", events_, *ParseDate(date),
                           events_.size() + 1, 1'700'000'000'000'000);
  }
  static void ExpectVerdict(const AutoGrantOutcome& outcome, std::string_view verdict,
                            std::string_view first, std::string_view last) {
    ASSERT_EQ(outcome.kind, AutoGrantOutcome::Kind::kDecided);
    EXPECT_EQ(outcome.decision.verdict(), verdict) << outcome.decision.message();
    EXPECT_EQ(outcome.decision.first_period(), first);
    EXPECT_EQ(outcome.decision.last_period(), last);
    EXPECT_EQ(outcome.grant.has_value(), verdict == "OK");
  }
};

TEST_F(AutoGrantTest, R14_JulyUnpaidStartsInJuly) {
  // July's 7 000 fen employer part is unpaid on 07-20: F = 2022-07,
  // L = min(2022-07 + 3 - 1, 2022-10) = 2022-09.
  SetHistory(std::string(kRegistered) + kJuly);
  const AutoGrantOutcome outcome = Decide("2022-07-20");
  ExpectVerdict(outcome, "OK", "2022-07", "2022-09");
  const v1::Event& grant = *outcome.grant;
  EXPECT_EQ(grant.event_id(), "auto-gs-2022-A");
  EXPECT_EQ(grant.effective_date_yyyymmdd(), 20220720);
  EXPECT_EQ(grant.deferral_granted().basis(), v1::GRANT_BASIS_AUTOMATIC);
  EXPECT_EQ(grant.deferral_granted().first_period_yyyymm(), 202207);
  EXPECT_EQ(grant.deferral_granted().last_period_yyyymm(), 202209);
}

TEST_F(AutoGrantTest, R14_NotYetAssessedCountsAsNotPaid) {
  // Nothing assessed for July on 07-03: July is not paid, F = 2022-07.
  SetHistory(kRegistered);
  ExpectVerdict(Decide("2022-07-03"), "OK", "2022-07", "2022-09");
}

TEST_F(AutoGrantTest, R14_JulyPaidStartsInAugust) {
  // 9 000 fen on 07-10 for 2022-07 settles employee 2 000 then employer
  // 7 000 (R10: employee before employer): July's employer part is paid.
  // F = 2022-08 (not assessed yet on 08-03 = not paid), L = 2022-10.
  SetHistory(std::string(kRegistered) + kJuly + kJulyPaid);
  ExpectVerdict(Decide("2022-08-03"), "OK", "2022-08", "2022-10");
}

TEST_F(AutoGrantTest, R14_PaidAfterTheDateDoesNotCount) {
  // The same payment on 07-10 seen from 07-09: July is not paid yet.
  SetHistory(std::string(kRegistered) + kJuly + kJulyPaid);
  ExpectVerdict(Decide("2022-07-09"), "OK", "2022-07", "2022-09");
}

TEST_F(AutoGrantTest, R14_BothFirstPeriodsPaidIsSkipped) {
  SetHistory(std::string(kRegistered) + kJuly + kJulyPaid + kAugust + kAugustPaid);
  const AutoGrantOutcome outcome = Decide("2022-08-20");
  ExpectVerdict(outcome, "FIRST_PERIODS_PAID", "", "");
  EXPECT_EQ(outcome.decision.message(),
            "the employer parts of every first period of gs-2022 (2022-07, 2022-08) are paid on "
            "2022-08-20");
}

TEST_F(AutoGrantTest, R14_AreaNotEligible) {
  // 620721's fund covers 5 months, not more than 6.
  SetHistory(R"({"event_id":"r","type":"employer_registered","employer_id":"A","effective_date":"2020-01-01","name":"甲","pooling_area":"620721","entity_type":"enterprise","size_class":"small"})");
  const AutoGrantOutcome outcome = Decide("2022-07-20");
  ExpectVerdict(outcome, "AREA_NOT_ELIGIBLE", "2022-07", "2022-09");
  EXPECT_EQ(outcome.decision.message(),
            "pooling area 620721's fund covers 5 months; policy gs-2022 requires more than 6");
}

TEST_F(AutoGrantTest, R14_EntityNotEligible) {
  SetHistory(R"({"event_id":"r","type":"employer_registered","employer_id":"A","effective_date":"2020-01-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"large"})");
  ExpectVerdict(Decide("2022-07-20"), "ENTITY_NOT_ELIGIBLE", "2022-07", "2022-09");
}

TEST_F(AutoGrantTest, R14_LastPeriodCappedByTheWindow) {
  // A window ending 2022-08, July unpaid: F = 2022-07, L = min(2022-07 + 2,
  // 2022-08) = 2022-08. (With valid rules every first period lies in the
  // window and max_months >= 1, so R14's F..L never fails R5 4,
  // PERIODS_OUT_OF_WINDOW: the rules refuse a first period past the window.)
  const Rules narrow = EditedRules(
      [](v1::RuleSet& r) { r.mutable_deferral_policies(0)->mutable_window()->set_last("2022-08"); });
  SetHistory(std::string(kRegistered) + kJuly);
  ExpectVerdict(Decide("2022-07-20", &narrow), "OK", "2022-07", "2022-08");
}

TEST_F(AutoGrantTest, R14_InArrears) {
  // June assessed, unpaid, due 2022-06-30 (a Thursday): 2 000 + 7 000 fen
  // outstanding before F = 2022-07 on 07-20.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"a06","type":"contribution_assessed","employer_id":"A","effective_date":"2022-06-05","period":"2022-06","lines":[{"employee_id":"E1","base_fen":100000}]})");
  const AutoGrantOutcome outcome = Decide("2022-07-20");
  ExpectVerdict(outcome, "IN_ARREARS", "2022-07", "2022-09");
  EXPECT_EQ(outcome.decision.message(),
            "2022-06 employee 2 000 fen outstanding, due 2022-06-30 (and 1 more row; 9 000 fen "
            "in all)");
}

TEST_F(AutoGrantTest, R14_AlreadyDeferredOnTheDate) {
  // A grant in force on 08-01, withdrawn only on 09-05: the whole history
  // holds none in force, so A is a candidate, and R5 refuses it on 08-01.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"g","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-10","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"commitment_letter"})"
             "\n"
             R"({"event_id":"w","type":"deferral_revoked","employer_id":"A","effective_date":"2022-09-05","policy_id":"gs-2022","reason":"withdrawn"})");
  ExpectVerdict(Decide("2022-08-01"), "ALREADY_DEFERRED", "2022-07", "2022-09");
}

TEST_F(AutoGrantTest, R14_NotCandidates) {
  // Deregistered, registered after D, or of an area the policy does not cover.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"d","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-01"})");
  EXPECT_EQ(Decide("2022-07-20").kind, AutoGrantOutcome::Kind::kNotCandidate);
  SetHistory(R"({"event_id":"r","type":"employer_registered","employer_id":"A","effective_date":"2022-08-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})");
  EXPECT_EQ(Decide("2022-07-20").kind, AutoGrantOutcome::Kind::kNotCandidate);
  SetHistory(R"({"event_id":"r","type":"employer_registered","employer_id":"A","effective_date":"2020-01-01","name":"甲","pooling_area":"370100","entity_type":"enterprise","size_class":"small"})");
  EXPECT_EQ(Decide("2022-07-20").kind, AutoGrantOutcome::Kind::kNotCandidate);
}

TEST_F(AutoGrantTest, R14_GrantRecordedForALaterDateIsHeld) {
  // A grant effective 08-08 already recorded: a run on 07-20 must not add a second.
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"g","type":"deferral_granted","employer_id":"A","effective_date":"2022-08-08","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})");
  EXPECT_EQ(Decide("2022-07-20").kind, AutoGrantOutcome::Kind::kAlreadyGranted);
}

TEST_F(AutoGrantTest, R14_RevokedAutomaticGrantIsNotRepeated) {
  SetHistory(std::string(kRegistered) +
             R"({"event_id":"auto-gs-2022-A","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-10","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})"
             "\n"
             R"({"event_id":"w","type":"deferral_revoked","employer_id":"A","effective_date":"2022-07-15","policy_id":"gs-2022","reason":"withdrawn"})");
  ExpectVerdict(Decide("2022-07-20"), "AUTO_GRANT_REVOKED", "", "");
}

// Through a real store: one atomic batch, idempotent, recorded_at monotonic.
class AutoGrantStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "auto_grant_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern + "/ledger";
    absl::StatusOr<std::unique_ptr<EventStore>> store =
        EventStore::Open(directory_, OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    ASSERT_TRUE(store_->PutRules(rules_.rule_set(), 1).ok());
  }
  void Import(std::string_view jsonl) {
    absl::StatusOr<ImportSummary> imported =
        ImportEvents(*store_, rules_, "test.jsonl", jsonl, kImportUs);
    ASSERT_TRUE(imported.ok()) << imported.status();
  }

  static constexpr int64_t kNowUs = 1'700'000'000'000'000;
  // The import ran two hours after the clock the automatic run is given.
  static constexpr int64_t kImportUs = kNowUs + 7'200'000'000;
  Rules rules_ = ExampleRules();
  std::string directory_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(AutoGrantStoreTest, R14_OneBatchThenASecondRunGrantsNothing) {
  // A unpaid (granted 2022-07..09), B paid July (granted 2022-08..10), C in
  // 620721 (AREA_NOT_ELIGIBLE). The ledger's latest recorded_at is two
  // hours ahead of the run's clock: the grants must not be stamped earlier.
  std::string history = std::string(kRegistered) + kJuly;
  for (std::string_view id : {"B", "C"}) {
    history += absl::StrFormat(
        R"({"event_id":"r%s","type":"employer_registered","employer_id":"%s","effective_date":"2020-01-01","name":"乙","pooling_area":"%s","entity_type":"enterprise","size_class":"micro"})"
        "\n",
        id, id, id == "B" ? "620700" : "620721");
  }
  history +=
      R"({"event_id":"aB","type":"contribution_assessed","employer_id":"B","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":100000}]})"
      "\n";
  history += absl::StrFormat(
      R"({"event_id":"pB","type":"contribution_paid","employer_id":"B","effective_date":"2022-07-10","amount_fen":9000,"recorded_at":"%s"})",
      FormatTimestamp(FromMicros(kImportUs)));
  Import(history);
  const uint64_t before = store_->last_sequence();
  ASSERT_EQ(store_->last_recorded_at_us(), kImportUs);

  AutoGrantRequest request{"gs-2022", absl::CivilDay(2022, 8, 3), /*dry_run=*/true, kNowUs};
  absl::StatusOr<AutoGrantRun> dry = RunAutoGrant(*store_, rules_, request);
  ASSERT_TRUE(dry.ok()) << dry.status();
  EXPECT_EQ(dry->summary.granted(), 2);
  EXPECT_EQ(store_->last_sequence(), before);  // --dry-run writes nothing

  request.dry_run = false;
  absl::StatusOr<AutoGrantRun> run = RunAutoGrant(*store_, rules_, request);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->summary.candidates(), 3);
  EXPECT_EQ(run->summary.granted(), 2);
  EXPECT_EQ(run->summary.refused(), 1);
  ASSERT_EQ(run->summary.refused_by_verdict_size(), 1);
  EXPECT_EQ(run->summary.refused_by_verdict(0).verdict(), "AREA_NOT_ELIGIBLE");
  EXPECT_EQ(run->summary.first_sequence(), before + 1);
  EXPECT_EQ(run->summary.last_sequence(), before + 2);
  ASSERT_EQ(run->decisions.size(), 3u);
  EXPECT_EQ(run->decisions[0].first_period(), "2022-07");  // A
  EXPECT_EQ(run->decisions[1].first_period(), "2022-08");  // B
  absl::StatusOr<std::optional<v1::Event>> grant = store_->FindById("auto-gs-2022-B");
  ASSERT_TRUE(grant.ok() && grant->has_value());
  EXPECT_EQ((*grant)->recorded_at_us(), kImportUs);

  absl::StatusOr<AutoGrantRun> again = RunAutoGrant(*store_, rules_, request);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->summary.granted(), 0);
  EXPECT_EQ(again->summary.already_granted(), 2);
  EXPECT_EQ(again->summary.refused(), 1);
  EXPECT_EQ(store_->last_sequence(), before + 2);
}

}  // namespace
}  // namespace ledger::testing
