// R8 Deregistration on X: every deferred part is due min(current,
// max(original due, X)); after X assessments and grants are refused
// (EMPLOYER_DEREGISTERED); payments are still accepted.
// Every figure below is worked out by hand from shared/spec/rules.md.
#include "ledger/domain/decisions.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

class R8DeregistrationTest : public FoldTest {
 protected:
  std::string ReasonOf(std::string_view line) {
    FieldError error;
    absl::StatusOr<v1::Event> event = ParseEventLine(line, &error);
    EXPECT_TRUE(event.ok()) << event.status() << " " << error.field << ": " << error.message;
    if (!event.ok()) return "PARSE_ERROR";
    std::optional<Refusal> refusal = Decide(rules_, Summarize(events_), events_, *event);
    return refusal ? v1::RejectionReason_Name(refusal->reason) : "OK";
  }
};

// Zhangye; E1 base 500 000 (employer 35 000, employee 10 000) for July,
// August, September; grant Jul-Sep (catch-up 10-31).
constexpr std::string_view kBase =
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"}
{"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000}]}
{"event_id":"a9","type":"contribution_assessed","employer_id":"A","effective_date":"2022-09-05","period":"2022-09","lines":[{"employee_id":"E1","base_fen":500000}]}
)";

constexpr std::string_view kDeregistered0915 =
    R"({"event_id":"dr","type":"employer_deregistered","employer_id":"A","effective_date":"2022-09-15"}
)";

TEST_F(R8DeregistrationTest, R8_DeregistrationBringsDeferredForward) {
  SetHistory(std::string(kBase) + std::string(kDeregistered0915));
  const Projection p = Fold("2022-12-31");
  ASSERT_TRUE(p.status.deregistered_on.has_value());
  EXPECT_EQ(FormatDate(*p.status.deregistered_on), "2022-09-15");
  // July: min(10-31, max(08-01, 09-15)) = 09-15, still deferred, no own row.
  const ObligationRow& july = Row(p, "2022-07", "employer", "");
  EXPECT_EQ(FormatDate(july.due_date), "2022-09-15");
  EXPECT_TRUE(july.deferred);
  // Waived 08-02..09-15 = 45 d: 35 000 x 45 x 5 = 7 875 000 -> 787.5 -> 788.
  EXPECT_EQ(july.late_fee_waived_fen, 788);
  // Fee 09-16..12-31 = 15 + 31 + 30 + 31 = 107 d: 18 725 000 -> 1 872.5 -> 1 873.
  EXPECT_EQ(july.late_fee_fen, 1873);
  // August: max(08-31, 09-15) = 09-15; waived 09-01..09-15 = 15 d:
  // 2 625 000 -> 262.5 -> 263; fee 107 d -> 1 873.
  const ObligationRow& august = Row(p, "2022-08", "employer", "");
  EXPECT_EQ(FormatDate(august.due_date), "2022-09-15");
  EXPECT_EQ(august.late_fee_waived_fen, 263);
  EXPECT_EQ(august.late_fee_fen, 1873);
  // September: max(09-30, 09-15) = 09-30, its original date; waived 0; fee
  // 10-01..12-31 = 92 d: 35 000 x 92 x 5 = 16 100 000 -> 1 610.
  const ObligationRow& september = Row(p, "2022-09", "employer", "");
  EXPECT_EQ(FormatDate(september.due_date), "2022-09-30");
  EXPECT_EQ(september.late_fee_waived_fen, 0);
  EXPECT_EQ(september.late_fee_fen, 1610);
  EXPECT_EQ(p.totals.late_fee_waived_fen, 788 + 263);
}

TEST_F(R8DeregistrationTest, R8_DeregistrationAfterCatchUpChangesNothing) {
  // X = 11-15: min(10-31, max(08-01, 11-15)) = 10-31.
  SetHistory(std::string(kBase) +
             R"({"event_id":"dr","type":"employer_deregistered","employer_id":"A","effective_date":"2022-11-15"})");
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(FormatDate(Row(p, "2022-07", "employer").due_date), "2022-10-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").late_fee_waived_fen, 1593);
}

TEST_F(R8DeregistrationTest, R8_DeregistrationNotInViewBeforeX) {
  // As of 09-14 the deregistration is not a fact yet: July still due 10-31.
  SetHistory(std::string(kBase) + std::string(kDeregistered0915));
  EXPECT_EQ(FormatDate(Row(Fold("2022-09-14"), "2022-07", "employer").due_date), "2022-10-31");
}

TEST_F(R8DeregistrationTest, R8_DeregistrationAndDepartureTakeTheEarlier) {
  // E1 (employer 35 000) and E2 (employer 29 400) in July and August; grant
  // Jul-Sep; E2 separated 08-20.
  const std::string head =
      R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"}
{"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"}
{"event_id":"a8","type":"contribution_assessed","employer_id":"A","effective_date":"2022-08-05","period":"2022-08","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]}
{"event_id":"s2","type":"employee_separated","employer_id":"A","effective_date":"2022-08-20","employee_id":"E2"}
)";
  // Deregistered 08-10, before the separation: every July part ->
  // max(08-01, 08-10) = 08-10; the separation (max(08-01, 08-20) = 08-20)
  // does not move E2's part any earlier, so no row of its own.
  // August: max(08-31, 08-10) = 08-31 for all.
  SetHistory(head +
             R"({"event_id":"dr","type":"employer_deregistered","employer_id":"A","effective_date":"2022-08-10"})");
  const Projection early = Fold("2022-12-31");
  const ObligationRow& july = Row(early, "2022-07", "employer", "");
  EXPECT_EQ(july.principal_fen, 64400);
  EXPECT_EQ(FormatDate(july.due_date), "2022-08-10");
  // Waived 08-02..08-10 = 9 d: 64 400 x 9 x 5 = 2 898 000 -> 289.8 -> 290.
  EXPECT_EQ(july.late_fee_waived_fen, 290);
  EXPECT_EQ(FormatDate(Row(early, "2022-08", "employer", "").due_date), "2022-08-31");
  EXPECT_EQ(Row(early, "2022-08", "employer", "").principal_fen, 64400);
  // Deregistered 09-15, after the separation: E1 July -> 09-15, E2 July ->
  // 08-20 (own row); E1 August -> 09-15, E2 August -> 08-31 (own row).
  SetHistory(head + std::string(kDeregistered0915));
  const Projection late = Fold("2022-12-31");
  EXPECT_EQ(FormatDate(Row(late, "2022-07", "employer", "").due_date), "2022-09-15");
  EXPECT_EQ(Row(late, "2022-07", "employer", "").principal_fen, 35000);
  EXPECT_EQ(FormatDate(Row(late, "2022-07", "employer", "E2").due_date), "2022-08-20");
  EXPECT_EQ(FormatDate(Row(late, "2022-08", "employer", "").due_date), "2022-09-15");
  EXPECT_EQ(FormatDate(Row(late, "2022-08", "employer", "E2").due_date), "2022-08-31");
}

TEST_F(R8DeregistrationTest, R8_AssessmentAfterDeregistrationRefused) {
  SetHistory(std::string(kBase) + std::string(kDeregistered0915));
  EXPECT_EQ(
      ReasonOf(R"({"event_id":"a10","type":"contribution_assessed","employer_id":"A","effective_date":"2022-09-16","period":"2022-10","lines":[{"employee_id":"E1","base_fen":500000}]})"),
      "EMPLOYER_DEREGISTERED");
  EXPECT_EQ(
      ReasonOf(R"({"event_id":"g2","type":"deferral_granted","employer_id":"A","effective_date":"2022-09-16","first_period":"2022-08","last_period":"2022-08","policy_id":"gs-2022","basis":"automatic"})"),
      "EMPLOYER_DEREGISTERED");
  // An assessment dated before X (a late declaration recorded after the
  // deregistration) is not "after X".
  EXPECT_EQ(
      ReasonOf(R"({"event_id":"a6","type":"contribution_assessed","employer_id":"A","effective_date":"2022-09-14","period":"2022-06","lines":[{"employee_id":"E1","base_fen":500000}]})"),
      "OK");
}

TEST_F(R8DeregistrationTest, R8_PaymentAfterDeregistrationAccepted) {
  SetHistory(std::string(kBase) + std::string(kDeregistered0915));
  EXPECT_EQ(
      ReasonOf(R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-10-10","amount_fen":80000})"),
      "OK");
  EXPECT_EQ(
      ReasonOf(R"({"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-11-01","amount_fen":35000})"),
      "OK");
}

TEST_F(R8DeregistrationTest, R8_PaymentsAfterDeregistrationAreFolded) {
  // 80 000 on 10-10, no filter: not deferred first (July, August, September
  // employee parts, 10 000 each), then deferred by original due: July
  // employer 35 000, August employer 15 000.
  // Catch-up 35 000 on 11-01: deferred employer parts only: August 20 000,
  // September 15 000.
  SetHistory(std::string(kBase) + std::string(kDeregistered0915) +
             R"({"event_id":"p1","type":"contribution_paid","employer_id":"A","effective_date":"2022-10-10","amount_fen":80000}
{"event_id":"c1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-11-01","amount_fen":35000})");
  const Projection p = Fold("2022-12-31");
  EXPECT_EQ(Row(p, "2022-07", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-08", "employer").paid_fen, 35000);
  EXPECT_EQ(Row(p, "2022-09", "employer").paid_fen, 15000);
  EXPECT_EQ(Row(p, "2022-09", "employee").paid_fen, 10000);
  EXPECT_EQ(p.credit_fen, 0);
  // August employer, due 09-15: 35 000 x 25 d (09-16..10-10) + 20 000 x 22 d
  // (10-11..11-01) = 875 000 + 440 000 = 1 315 000 x 5 = 6 575 000 -> 657.5 -> 658.
  EXPECT_EQ(Row(p, "2022-08", "employer").late_fee_fen, 658);
  EXPECT_EQ(p.totals.outstanding_fen, 20000);
}

}  // namespace
}  // namespace ledger::testing
