// R5 Deferral eligibility: Decide() on a deferral_granted / deferral_applied
// checks, in this order, (1) registered and not deregistered on or before G,
// (2) area covered with fund_reserve_months > min, (3) entity type and, for
// enterprises, size class, (4) periods in the window, (5) no arrears before
// F due before G, (6) no other unrevoked grant of the policy; the refusal
// names the first that fails, with the figures behind it. The state is the
// employer's view on G.
// Every expectation below is worked out by hand from shared/spec/rules.md.
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "ledger/domain/decisions.h"
#include "tests/domain/fold_fixture.h"

namespace ledger::testing {
namespace {

using ::testing::HasSubstr;

std::string Registered(std::string_view area, std::string_view entity, std::string_view size,
                       std::string_view date = "2020-03-01") {
  return absl::StrFormat(
      R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"%s","name":"甲","pooling_area":"%s","entity_type":"%s","size_class":"%s"})"
      "\n",
      date, area, entity, size);
}

std::string Granted(std::string_view id, std::string_view date, std::string_view first,
                    std::string_view last, std::string_view policy = "gs-2022") {
  return absl::StrFormat(
      R"({"event_id":"%s","type":"deferral_granted","employer_id":"A","effective_date":"%s","first_period":"%s","last_period":"%s","policy_id":"%s","basis":"automatic"})"
      "\n",
      id, date, first, last, policy);
}

std::string Applied(std::string_view id, std::string_view date, std::string_view first,
                    std::string_view last, std::string_view policy = "gs-2022") {
  return absl::StrFormat(
      R"({"event_id":"%s","type":"deferral_applied","employer_id":"A","effective_date":"%s","first_period":"%s","last_period":"%s","policy_id":"%s"})"
      "\n",
      id, date, first, last, policy);
}

std::string Assessed(std::string_view id, std::string_view date, std::string_view period,
                     int64_t base_fen) {
  return absl::StrFormat(
      R"({"event_id":"%s","type":"contribution_assessed","employer_id":"A","effective_date":"%s","period":"%s","lines":[{"employee_id":"E1","base_fen":%d}]})"
      "\n",
      id, date, period, base_fen);
}

std::string Paid(std::string_view id, std::string_view date, int64_t amount_fen,
                 std::string_view extra = "") {
  return absl::StrFormat(
      R"({"event_id":"%s","type":"contribution_paid","employer_id":"A","effective_date":"%s","amount_fen":%d%s})"
      "\n",
      id, date, amount_fen, extra);
}

std::string Reclassified(std::string_view id, std::string_view date, std::string_view size,
                         std::string_view basis) {
  return absl::StrFormat(
      R"({"event_id":"%s","type":"employer_reclassified","employer_id":"A","effective_date":"%s","size_class":"%s","basis":"%s"})"
      "\n",
      id, date, size, basis);
}

std::string Revoked(std::string_view id, std::string_view date, std::string_view reason,
                    std::string_view policy = "gs-2022") {
  return absl::StrFormat(
      R"({"event_id":"%s","type":"deferral_revoked","employer_id":"A","effective_date":"%s","policy_id":"%s","reason":"%s"})"
      "\n",
      id, date, policy, reason);
}

std::string Deregistered(std::string_view date) {
  return absl::StrFormat(
      R"({"event_id":"dr","type":"employer_deregistered","employer_id":"A","effective_date":"%s"})"
      "\n",
      date);
}

const std::string kSmallZhangye = Registered("620700", "enterprise", "small");
// June, E1 base 500 000: employer 35 000, employee 10 000, due 2022-06-30.
const std::string kJune = Assessed("a6", "2022-06-05", "2022-06", 500000);

class R5EligibilityTest : public FoldTest {
 protected:
  // Returns the decision on `line` after the history set by SetHistory.
  std::optional<Refusal> DecideOn(std::string_view line) {
    FieldError error;
    std::string text(line);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    absl::StatusOr<v1::Event> event = ParseEventLine(text, &error);
    EXPECT_TRUE(event.ok()) << event.status() << " " << error.field << ": " << error.message;
    if (!event.ok()) return std::nullopt;
    return Decide(rules_, Summarize(events_), events_, *event);
  }
  // The reason's name, or "OK" when accepted.
  std::string ReasonOf(std::string_view line) {
    std::optional<Refusal> refusal = DecideOn(line);
    return refusal ? v1::RejectionReason_Name(refusal->reason) : "OK";
  }
  std::string MessageOf(std::string_view line) {
    std::optional<Refusal> refusal = DecideOn(line);
    return refusal ? refusal->Message() : "OK";
  }
};

const std::string kGrant = Granted("g1", "2022-07-15", "2022-07", "2022-09");

TEST_F(R5EligibilityTest, R5_EligibleGrantIsAccepted) {
  // A small Zhangye enterprise (fund 14 > 6), Jul-Sep (07 is a first period,
  // 3 months, within ..2022-10), nothing owed, no grant yet.
  SetHistory(kSmallZhangye);
  EXPECT_EQ(ReasonOf(kGrant), "OK");
}

TEST_F(R5EligibilityTest, R5_UnknownEmployer) {
  // No registration at all.
  SetHistory("");
  EXPECT_EQ(ReasonOf(kGrant), "UNKNOWN_EMPLOYER");
  // Registered only on 2022-08-01, after G = 07-15.
  SetHistory(Registered("620700", "enterprise", "small", "2022-08-01"));
  EXPECT_EQ(ReasonOf(kGrant), "UNKNOWN_EMPLOYER");
  // A reversed registration no longer registers.
  SetHistory(kSmallZhangye +
             R"({"event_id":"x1","type":"event_reversed","employer_id":"A","effective_date":"2022-07-01","reverses_event_id":"r1","reason":"wrong employer"})");
  EXPECT_EQ(ReasonOf(kGrant), "UNKNOWN_EMPLOYER");
}

TEST_F(R5EligibilityTest, R5_EmployerDeregistered) {
  // Deregistered on G itself: "not deregistered on or before G" fails.
  SetHistory(kSmallZhangye + Deregistered("2022-07-15"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("EMPLOYER_DEREGISTERED"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("2022-07-15"));
  // Deregistered the day after G: eligible on G.
  SetHistory(kSmallZhangye + Deregistered("2022-07-16"));
  EXPECT_EQ(ReasonOf(kGrant), "OK");
}

TEST_F(R5EligibilityTest, R5_AreaNotEligible) {
  // 620721 is covered by gs-2022 but its fund covers 5 months, not > 6.
  SetHistory(Registered("620721", "enterprise", "small"));
  const std::string message = MessageOf(kGrant);
  EXPECT_THAT(message, HasSubstr("AREA_NOT_ELIGIBLE"));
  EXPECT_THAT(message, HasSubstr("620721"));
  EXPECT_THAT(message, HasSubstr("5 months"));
  EXPECT_THAT(message, HasSubstr("more than 6"));
  // Jinan (370100, fund 20) is not in gs-2022's pooling areas.
  SetHistory(Registered("370100", "enterprise", "small"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("AREA_NOT_ELIGIBLE"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("370100"));
}

TEST_F(R5EligibilityTest, R5_MinFundReserveMonthsIsAParameter) {
  // Zhangye's fund is 14 months: min 14 refuses (14 > 14 is false), min 13 accepts.
  SetHistory(kSmallZhangye);
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_min_fund_reserve_months(14); });
  EXPECT_EQ(ReasonOf(kGrant), "AREA_NOT_ELIGIBLE");
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_min_fund_reserve_months(13); });
  EXPECT_EQ(ReasonOf(kGrant), "OK");
}

TEST_F(R5EligibilityTest, R5_FundReserveMonthsIsAParameter) {
  // 620721 with its fund edited from 5 to 7 months (> 6): eligible; 6: not.
  SetHistory(Registered("620721", "enterprise", "small"));
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_pooling_areas(1)->set_fund_reserve_months(7); });
  EXPECT_EQ(ReasonOf(kGrant), "OK");
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_pooling_areas(1)->set_fund_reserve_months(6); });
  EXPECT_EQ(ReasonOf(kGrant), "AREA_NOT_ELIGIBLE");
}

TEST_F(R5EligibilityTest, R5_PolicyPoolingAreasIsAParameter) {
  // gs-2022 extended to Jinan (fund 20 > 6): a Jinan employer is eligible.
  // Jinan's own sd-2022 (2022-08..10) is dropped: two policies may not cover
  // one area's months (rules_plausibility.h).
  SetHistory(Registered("370100", "enterprise", "small"));
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_deferral_policies(0)->add_pooling_areas("370100");
    ASSERT_EQ(r.deferral_policies(1).policy_id(), "sd-2022");
    r.mutable_deferral_policies()->RemoveLast();
  });
  EXPECT_EQ(ReasonOf(kGrant), "OK");
}

TEST_F(R5EligibilityTest, R5_EntityNotEligible) {
  // Public institutions are not an eligible entity type.
  SetHistory(Registered("620700", "public_institution", "small"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("ENTITY_NOT_ELIGIBLE"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("public_institution"));
  // Large and unknown-size enterprises are refused until reclassified.
  SetHistory(Registered("620700", "enterprise", "large"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("ENTITY_NOT_ELIGIBLE"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("large"));
  SetHistory(Registered("620700", "enterprise", "unknown"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("ENTITY_NOT_ELIGIBLE"));
  EXPECT_THAT(MessageOf(kGrant), HasSubstr("unknown"));
  // Micro and medium enterprises are eligible.
  SetHistory(Registered("620700", "enterprise", "micro"));
  EXPECT_EQ(ReasonOf(kGrant), "OK");
  SetHistory(Registered("620700", "enterprise", "medium"));
  EXPECT_EQ(ReasonOf(kGrant), "OK");
  // The size applies to enterprises only: a "large" law firm is eligible.
  SetHistory(Registered("620700", "law_firm", "large"));
  EXPECT_EQ(ReasonOf(kGrant), "OK");
  SetHistory(Registered("620700", "individual_business", "unknown"));
  EXPECT_EQ(ReasonOf(kGrant), "OK");
}

TEST_F(R5EligibilityTest, R5_EligibleEntityTypesAndSizeClassesAreParameters) {
  SetHistory(Registered("620700", "public_institution", "small"));
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->add_eligible_entity_types("public_institution"); });
  EXPECT_EQ(ReasonOf(kGrant), "OK");
  SetHistory(Registered("620700", "enterprise", "large"));
  EXPECT_EQ(ReasonOf(kGrant), "ENTITY_NOT_ELIGIBLE");
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->add_eligible_size_classes("large"); });
  EXPECT_EQ(ReasonOf(kGrant), "OK");
  // Law firms removed from the list: refused.
  SetHistory(Registered("620700", "law_firm", "small"));
  rules_ = EditedRules([](v1::RuleSet& r) {
    auto* types = r.mutable_deferral_policies(0)->mutable_eligible_entity_types();
    for (int i = 0; i < types->size(); ++i) {
      if (types->Get(i) == "law_firm") {
        types->DeleteSubrange(i, 1);
        break;
      }
    }
  });
  EXPECT_EQ(ReasonOf(kGrant), "ENTITY_NOT_ELIGIBLE");
}

TEST_F(R5EligibilityTest, R5_ReclassificationByCommitment) {
  // Jinan, size unknown, applies for sd-2022 Aug-Oct on 2022-08-12.
  const std::string jinan_unknown = Registered("370100", "enterprise", "unknown");
  const std::string application = Applied("ap", "2022-08-12", "2022-08", "2022-10", "sd-2022");
  const std::string grant = Granted("g1", "2022-08-16", "2022-08", "2022-10", "sd-2022");
  SetHistory(jinan_unknown);
  EXPECT_EQ(ReasonOf(application), "ENTITY_NOT_ELIGIBLE");
  EXPECT_EQ(ReasonOf(grant), "ENTITY_NOT_ELIGIBLE");
  // The written size commitment (basis commitment) on 08-12 reclassifies it micro.
  SetHistory(jinan_unknown + Reclassified("c1", "2022-08-12", "micro", "commitment"));
  EXPECT_EQ(ReasonOf(application), "OK");
  EXPECT_EQ(ReasonOf(grant), "OK");
  // A commitment effective 08-13 is not in the view on 08-12.
  SetHistory(jinan_unknown + Reclassified("c1", "2022-08-13", "micro", "commitment"));
  EXPECT_EQ(ReasonOf(application), "ENTITY_NOT_ELIGIBLE");
  EXPECT_EQ(ReasonOf(grant), "OK");
  // The latest size class in the view counts: micro (08-12), then large
  // (official, 08-14): refused on 08-16; on 08-13 still micro.
  SetHistory(jinan_unknown + Reclassified("c1", "2022-08-12", "micro", "commitment") +
             Reclassified("c2", "2022-08-14", "large", "official"));
  EXPECT_EQ(ReasonOf(grant), "ENTITY_NOT_ELIGIBLE");
  EXPECT_EQ(ReasonOf(Granted("g1", "2022-08-13", "2022-08", "2022-10", "sd-2022")), "OK");
}

TEST_F(R5EligibilityTest, R5_PeriodsOutOfWindow) {
  SetHistory(kSmallZhangye);
  // gs-2022: first periods 07 or 08, window ..2022-10, at most 3 months.
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-08", "2022-10")), "OK");
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-07", "2022-07")), "OK");
  // F = 2022-09 is not a first period.
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-09", "2022-10")), "PERIODS_OUT_OF_WINDOW");
  // F = 2022-06 neither.
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-06", "2022-08")), "PERIODS_OUT_OF_WINDOW");
  // Jul-Oct: L = 10 is in the window but 4 months > 3.
  const std::string four = Granted("g", "2022-07-15", "2022-07", "2022-10");
  EXPECT_EQ(ReasonOf(four), "PERIODS_OUT_OF_WINDOW");
  EXPECT_THAT(MessageOf(four), HasSubstr("2022-07..2022-10"));
  EXPECT_THAT(MessageOf(four), HasSubstr("3"));
  // Aug-Nov: 4 months and L past the window; Aug-Oct... fine; L < F refused.
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-08", "2022-11")), "PERIODS_OUT_OF_WINDOW");
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-08", "2022-07")), "PERIODS_OUT_OF_WINDOW");
}

TEST_F(R5EligibilityTest, R5_WindowFirstPeriodsAndMaxMonthsAreParameters) {
  SetHistory(kSmallZhangye);
  // max_months 4: Jul-Oct (4 months, L = window.last) accepted.
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_max_months(4); });
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-07", "2022-10")), "OK");
  // ... but Aug-Nov still ends after the window's last period 2022-10.
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-08", "2022-11")), "PERIODS_OUT_OF_WINDOW");
  // window.last 2022-11: Aug-Oct... and Sep-Nov with 09 added as a first period.
  rules_ = EditedRules([](v1::RuleSet& r) {
    r.mutable_deferral_policies(0)->mutable_window()->set_last("2022-11");
    r.mutable_deferral_policies(0)->add_first_periods("2022-09");
  });
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-09", "2022-11")), "OK");
  // max_months 2: Jul-Sep (3 months) refused.
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_max_months(2); });
  EXPECT_EQ(ReasonOf(kGrant), "PERIODS_OUT_OF_WINDOW");
  EXPECT_EQ(ReasonOf(Granted("g", "2022-07-15", "2022-07", "2022-08")), "OK");
}

TEST_F(R5EligibilityTest, R5_InArrears) {
  // June (35 000 employer / 10 000 employee, due 2022-06-30); the employee
  // part is paid on 07-05, the employer part is not. On G = 07-15 the
  // employer owes 35 000 of a period before F = 07, due before G.
  SetHistory(kSmallZhangye + kJune +
             Paid("p6", "2022-07-05", 10000, R"(,"period":"2022-06","component":"employee")"));
  EXPECT_EQ(MessageOf(kGrant),
            "IN_ARREARS: 2022-06 employer 35 000 fen outstanding, due 2022-06-30");
  const std::optional<Refusal> refusal = DecideOn(kGrant);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->reason, v1::IN_ARREARS);
}

TEST_F(R5EligibilityTest, R5_InArrearsNamesEveryFigure) {
  // Both June rows unpaid: employee 10 000 first (rows in period, component
  // order), 45 000 in all.
  SetHistory(kSmallZhangye + kJune);
  const std::string message = MessageOf(kGrant);
  EXPECT_THAT(message, HasSubstr("IN_ARREARS: 2022-06 employee 10 000 fen outstanding, due 2022-06-30"));
  EXPECT_THAT(message, HasSubstr("45 000"));
}

TEST_F(R5EligibilityTest, R5_InArrearsOnlyBeforeFirstPeriodAndDueBeforeGrant) {
  // Jinan sd-2022; August W... E1 base 800 000: employer 60 000, employee
  // 16 000, due Thursday 2022-08-25, unpaid.
  const std::string history = Registered("370100", "enterprise", "small") +
                              Assessed("a8", "2022-08-10", "2022-08", 800000);
  SetHistory(history);
  // F = 09 on G = 08-25: due date not before G -> not in arrears.
  EXPECT_EQ(ReasonOf(Granted("g", "2022-08-25", "2022-09", "2022-10", "sd-2022")), "OK");
  // F = 09 on G = 08-26: due 08-25 < G -> in arrears, 76 000 in all.
  const std::string late = Granted("g", "2022-08-26", "2022-09", "2022-10", "sd-2022");
  EXPECT_THAT(MessageOf(late),
              HasSubstr("IN_ARREARS: 2022-08 employee 16 000 fen outstanding, due 2022-08-25"));
  EXPECT_THAT(MessageOf(late), HasSubstr("76 000"));
  // F = 08 on G = 08-26: August is not a period before F -> not in arrears.
  EXPECT_EQ(ReasonOf(Granted("g", "2022-08-26", "2022-08", "2022-10", "sd-2022")), "OK");
}

TEST_F(R5EligibilityTest, R5_InArrearsCountsOnlyPaymentsInTheView) {
  // June paid in full (45 000) on G itself, recorded before the grant: clear.
  SetHistory(kSmallZhangye + kJune + Paid("p6", "2022-07-15", 45000));
  EXPECT_EQ(ReasonOf(kGrant), "OK");
  // Paid the day after G: not in the view on G -> still in arrears.
  SetHistory(kSmallZhangye + kJune + Paid("p6", "2022-07-16", 45000));
  EXPECT_EQ(ReasonOf(kGrant), "IN_ARREARS");
  // Paid 44 999 on 07-10: 1 fen of the employer part is still outstanding.
  SetHistory(kSmallZhangye + kJune + Paid("p6", "2022-07-10", 44999));
  EXPECT_EQ(MessageOf(kGrant), "IN_ARREARS: 2022-06 employer 1 fen outstanding, due 2022-06-30");
}

TEST_F(R5EligibilityTest, R5_ExcludeInArrearsIsAParameter) {
  SetHistory(kSmallZhangye + kJune);
  rules_ = EditedRules([](v1::RuleSet& r) { r.mutable_deferral_policies(0)->set_exclude_in_arrears(false); });
  EXPECT_EQ(ReasonOf(kGrant), "OK");
}

TEST_F(R5EligibilityTest, R5_AlreadyDeferred) {
  SetHistory(kSmallZhangye + kGrant);
  const std::string second = Granted("g2", "2022-07-20", "2022-07", "2022-07");
  EXPECT_EQ(ReasonOf(second), "ALREADY_DEFERRED");
  EXPECT_THAT(MessageOf(second), HasSubstr("g1"));
  EXPECT_THAT(MessageOf(second), HasSubstr("2022-07..2022-09"));
  // A withdrawn grant is revoked: no other unrevoked grant remains.
  SetHistory(kSmallZhangye + kGrant + Revoked("v1", "2022-07-18", "withdrawn"));
  EXPECT_EQ(ReasonOf(second), "OK");
  // So is one revoked for a false commitment.
  SetHistory(kSmallZhangye + kGrant + Revoked("v1", "2022-07-18", "false_commitment"));
  EXPECT_EQ(ReasonOf(second), "OK");
  // A grant effective after G is not in the view on G.
  SetHistory(kSmallZhangye + Granted("g1", "2022-07-25", "2022-07", "2022-09"));
  EXPECT_EQ(ReasonOf(second), "OK");
}

TEST_F(R5EligibilityTest, R5_FirstFailingRuleIsNamed) {
  // Fails 2..6 at once: 620721 (fund 5), public institution, F = 09, June in
  // arrears, a grant g0 already in force.
  const std::string arrears_and_grant = kJune + Granted("g0", "2022-07-01", "2022-07", "2022-09");
  const std::string bad_periods = Granted("g", "2022-07-15", "2022-09", "2022-09");
  SetHistory(Registered("620721", "public_institution", "large") + arrears_and_grant);
  EXPECT_EQ(ReasonOf(bad_periods), "AREA_NOT_ELIGIBLE");
  // ... and deregistered on 07-01: rule 1 comes first.
  SetHistory(Registered("620721", "public_institution", "large") + arrears_and_grant +
             Deregistered("2022-07-01"));
  EXPECT_EQ(ReasonOf(bad_periods), "EMPLOYER_DEREGISTERED");
  // Area fixed: the entity is named.
  SetHistory(Registered("620700", "public_institution", "large") + arrears_and_grant);
  EXPECT_EQ(ReasonOf(bad_periods), "ENTITY_NOT_ELIGIBLE");
  // Entity type fixed, size still large: the size is named.
  SetHistory(Registered("620700", "enterprise", "large") + arrears_and_grant);
  EXPECT_EQ(ReasonOf(bad_periods), "ENTITY_NOT_ELIGIBLE");
  // Entity fixed: the periods.
  SetHistory(Registered("620700", "enterprise", "small") + arrears_and_grant);
  EXPECT_EQ(ReasonOf(bad_periods), "PERIODS_OUT_OF_WINDOW");
  // Periods fixed: the arrears.
  EXPECT_EQ(ReasonOf(kGrant), "IN_ARREARS");
  // Arrears paid (07-10): the grant in force.
  SetHistory(Registered("620700", "enterprise", "small") + arrears_and_grant +
             Paid("p6", "2022-07-10", 45000));
  EXPECT_EQ(ReasonOf(kGrant), "ALREADY_DEFERRED");
}

TEST_F(R5EligibilityTest, R5_DeferralAppliedCheckedLikeGrants) {
  const std::string application = Applied("ap", "2022-07-15", "2022-07", "2022-09");
  SetHistory(kSmallZhangye);
  EXPECT_EQ(ReasonOf(application), "OK");
  SetHistory(Registered("620721", "enterprise", "small"));
  EXPECT_EQ(ReasonOf(application), "AREA_NOT_ELIGIBLE");
  SetHistory(Registered("620700", "enterprise", "large"));
  EXPECT_EQ(ReasonOf(application), "ENTITY_NOT_ELIGIBLE");
  SetHistory(kSmallZhangye);
  EXPECT_EQ(ReasonOf(Applied("ap", "2022-07-15", "2022-07", "2022-10")), "PERIODS_OUT_OF_WINDOW");
  SetHistory(kSmallZhangye + kJune +
             Paid("p6", "2022-07-05", 10000, R"(,"period":"2022-06","component":"employee")"));
  EXPECT_EQ(MessageOf(application),
            "IN_ARREARS: 2022-06 employer 35 000 fen outstanding, due 2022-06-30");
  SetHistory(kSmallZhangye + kGrant);
  EXPECT_EQ(ReasonOf(Applied("ap", "2022-07-20", "2022-07", "2022-09")), "ALREADY_DEFERRED");
  SetHistory(kSmallZhangye + Deregistered("2022-07-10"));
  EXPECT_EQ(ReasonOf(application), "EMPLOYER_DEREGISTERED");
}

TEST_F(R5EligibilityTest, R5_GrantOrRejectionClosesPendingApplication) {
  const std::string rejection =
      R"({"event_id":"rj","type":"deferral_rejected","employer_id":"A","effective_date":"2022-07-20","policy_id":"gs-2022","reason":"no"})";
  // Nothing pending: nothing to reject.
  SetHistory(kSmallZhangye);
  EXPECT_EQ(ReasonOf(rejection), "NO_PENDING_APPLICATION");
  // Pending: the rejection closes it.
  SetHistory(kSmallZhangye + Applied("ap", "2022-07-12", "2022-07", "2022-09"));
  EXPECT_EQ(ReasonOf(rejection), "OK");
  // Granted after the application: closed, nothing left to reject.
  SetHistory(kSmallZhangye + Applied("ap", "2022-07-12", "2022-07", "2022-09") + kGrant);
  EXPECT_EQ(ReasonOf(rejection), "NO_PENDING_APPLICATION");
  // Rejected already: closed.
  SetHistory(kSmallZhangye + Applied("ap", "2022-07-12", "2022-07", "2022-09") +
             R"({"event_id":"rj0","type":"deferral_rejected","employer_id":"A","effective_date":"2022-07-14","policy_id":"gs-2022","reason":"no"})");
  EXPECT_EQ(ReasonOf(rejection), "NO_PENDING_APPLICATION");
}

}  // namespace
}  // namespace ledger::testing
