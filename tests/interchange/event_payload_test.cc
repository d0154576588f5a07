// ParseEventLine: each type's own fields. Amounts, bases, assessment lines,
// enum names and free text, with the exact messages a clerk reads.
#include <string>

#include "gtest/gtest.h"
#include "ledger/interchange/event_jsonl.h"
#include "tests/interchange/event_test_util.h"

namespace ledger {
namespace {

using testing::ErrorOf;
using testing::Line;
using testing::ParseOk;

std::string Paid(std::string_view extra) { return Line("contribution_paid", extra); }
std::string Assessed(std::string_view lines) {
  return Line("contribution_assessed", R"("period":"2022-07","lines":)" + std::string(lines));
}

TEST(EventPayloadTest, RegisteredMapsOntoTheProto) {
  const v1::Event event = ParseOk(
      R"({"event_id":"zy-0001","type":"employer_registered","employer_id":"91620700MA001","effective_date":"2020-03-01","name":"张掖市某某商贸有限公司","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})");
  EXPECT_EQ(event.effective_date_yyyymmdd(), 20200301);
  const v1::EmployerRegistered& payload = event.employer_registered();
  EXPECT_EQ(payload.name(), "张掖市某某商贸有限公司");
  EXPECT_EQ(payload.pooling_area(), "620700");
  EXPECT_EQ(payload.entity_type(), v1::ENTITY_TYPE_ENTERPRISE);
  EXPECT_EQ(payload.size_class(), v1::SIZE_CLASS_SMALL);
}

TEST(EventPayloadTest, AssessedMapsOntoTheProto) {
  const v1::Event event =
      ParseOk(Assessed(R"([{"employee_id":"E001","base_fen":500000},{"employee_id":"E002","base_fen":420000}])"));
  const v1::ContributionAssessed& payload = event.contribution_assessed();
  EXPECT_EQ(payload.period_yyyymm(), 202207);
  ASSERT_EQ(payload.lines_size(), 2);
  EXPECT_EQ(payload.lines(1).employee_id(), "E002");
  EXPECT_EQ(payload.lines(1).base_fen(), 420000);
}

TEST(EventPayloadTest, PaidOptionalFieldsDefaultToAny) {
  const v1::ContributionPaid bare = ParseOk(Paid(R"("amount_fen":28000)")).contribution_paid();
  EXPECT_EQ(bare.amount_fen(), 28000);
  EXPECT_EQ(bare.period_yyyymm(), 0);
  EXPECT_EQ(bare.component(), v1::COMPONENT_UNSPECIFIED);
  EXPECT_EQ(bare.employee_id(), "");
  const v1::ContributionPaid full = ParseOk(
      Paid(R"("amount_fen":1,"period":"2022-10","component":"employee","employee_id":"W1")"))
      .contribution_paid();
  EXPECT_EQ(full.period_yyyymm(), 202210);
  EXPECT_EQ(full.component(), v1::COMPONENT_EMPLOYEE);
  EXPECT_EQ(full.employee_id(), "W1");
}

TEST(EventPayloadTest, DeferralPeriodsAreEncoded) {
  const v1::DeferralGranted granted = ParseOk(Line("deferral_granted",
      R"("first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic")"))
      .deferral_granted();
  EXPECT_EQ(granted.first_period_yyyymm(), 202207);
  EXPECT_EQ(granted.last_period_yyyymm(), 202209);
  EXPECT_EQ(granted.basis(), v1::GRANT_BASIS_AUTOMATIC);
}

TEST(EventPayloadTest, NegativeAmountIsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":-5)")),
            "amount_fen: expected an integer number of fen > 0, got -5");
}

TEST(EventPayloadTest, ZeroAmountIsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":0)")),
            "amount_fen: expected an integer number of fen > 0, got 0");
}

TEST(EventPayloadTest, AmountWithExponentOrFractionIsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":1e3)")),
            "amount_fen: expected an integer number of fen > 0, got 1e3 (whole fen only: no "
            "decimal point, no exponent)");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":1.0)")),
            "amount_fen: expected an integer number of fen > 0, got 1.0 (whole fen only: no "
            "decimal point, no exponent)");
}

TEST(EventPayloadTest, AmountAsStringIsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":"500")")),
            "amount_fen: expected an integer number of fen > 0, got \"500\"");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":null)")),
            "amount_fen: expected an integer number of fen > 0, got null");
}

TEST(EventPayloadTest, AmountOverTheLimitIsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":1000000000000)")), "OK");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":1000000000001)")),
            "amount_fen: 1000000000001 fen is over the limit of 1000000000000 fen");
}

TEST(EventPayloadTest, AmountPastInt64IsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":99999999999999999999)")),
            "amount_fen: 99999999999999999999 fen is over the limit of 1000000000000 fen");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":-99999999999999999999)")),
            "amount_fen: expected an integer number of fen > 0, got -99999999999999999999");
}

TEST(EventPayloadTest, BadPeriodIsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"period":"2022-13")")),
            "period: no such period \"2022-13\"");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"period":"2022-7")")),
            "period: expected a period YYYY-MM, got \"2022-7\"");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"period":"")")),
            "period: expected a period YYYY-MM, got \"\"");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"period":202207)")),
            "period: expected a period string YYYY-MM, got 202207");
}

TEST(EventPayloadTest, LateFeePaymentWithEmployeeIsRefused) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"component":"late_fee","employee_id":"W1")")),
            "employee_id: not allowed on a late_fee payment: late fees are the employer's");
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"component":"late_fee")")), "OK");
}

TEST(EventPayloadTest, UnknownComponentIsRefusedListingTheValidOnes) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"component":"bonus")")),
            "component: unknown value \"bonus\"; expected one of employer, employee, late_fee");
}

TEST(EventPayloadTest, CatchUpComponentPointsToItsOwnType) {
  EXPECT_EQ(ErrorOf(Paid(R"("amount_fen":5,"component":"catch_up")")),
            "component: \"catch_up\" is not a component here; a catch-up payment is its own "
            "event type, catch_up_paid");
}

TEST(EventPayloadTest, UnknownEnumNamesAreRefusedListingTheValidOnes) {
  const std::string registered_prefix = R"("name":"x","pooling_area":"620700",)";
  EXPECT_EQ(ErrorOf(Line("employer_registered", registered_prefix +
                                                   R"("entity_type":"company","size_class":"small")")),
            "entity_type: unknown value \"company\"; expected one of enterprise, "
            "individual_business, social_organization, foundation, social_service_agency, "
            "law_firm, accounting_firm, public_institution, other");
  EXPECT_EQ(ErrorOf(Line("employer_registered", registered_prefix +
                                                   R"("entity_type":"enterprise","size_class":"tiny")")),
            "size_class: unknown value \"tiny\"; expected one of micro, small, medium, large, "
            "unknown");
  EXPECT_EQ(ErrorOf(Line("employer_reclassified", R"("size_class":"micro","basis":"automatic")")),
            "basis: unknown value \"automatic\"; expected one of official, commitment");
  EXPECT_EQ(ErrorOf(Line("deferral_granted",
                         R"("first_period":"2022-07","last_period":"2022-09","policy_id":"p","basis":"official")")),
            "basis: unknown value \"official\"; expected one of automatic, commitment_letter");
  EXPECT_EQ(ErrorOf(Line("deferral_revoked", R"("policy_id":"p","reason":"fraud")")),
            "reason: unknown value \"fraud\"; expected one of false_commitment, withdrawn");
}

TEST(EventPayloadTest, EnumMustBeAString) {
  EXPECT_EQ(ErrorOf(Line("employer_reclassified", R"("size_class":1,"basis":"official")")),
            "size_class: expected a string, one of micro, small, medium, large, unknown; got 1");
}

TEST(EventPayloadTest, EmptyTextIsRefused) {
  EXPECT_EQ(ErrorOf(Line("deferral_rejected", R"("policy_id":"p","reason":"")")),
            "reason: must not be empty");
}

TEST(EventPayloadTest, TextWithControlCharacterIsRefused) {
  EXPECT_EQ(ErrorOf(Line("event_reversed", R"("reverses_event_id":"p9","reason":"bank\nreturned")")),
            "reason: contains control character U+000A; write the text on one line");
}

TEST(EventPayloadTest, OverlongTextIsRefused) {
  EXPECT_EQ(ErrorOf(Line("deferral_rejected",
                         R"("policy_id":"p","reason":")" + std::string(4097, 'r') + "\"")),
            "reason: is 4097 bytes long; at most 4096 allowed");
}

TEST(EventPayloadTest, LinesMustBeAnArray) {
  EXPECT_EQ(ErrorOf(Assessed(R"({"employee_id":"E1","base_fen":5})")),
            "lines: expected an array of {\"employee_id\": \"...\", \"base_fen\": ...}, got an object");
}

TEST(EventPayloadTest, EmptyLinesAreRefused) {
  EXPECT_EQ(ErrorOf(Assessed("[]")), "lines: expected at least 1 line, got an empty array");
}

TEST(EventPayloadTest, TooManyLinesAreRefused) {
  std::string lines = "[";
  for (size_t i = 0; i <= kMaxAssessmentLines; ++i) {
    if (i > 0) lines += ",";
    lines += R"({"employee_id":"E)" + std::to_string(i) + R"(","base_fen":1})";
  }
  lines += "]";
  EXPECT_EQ(ErrorOf(Assessed(lines)), "lines: has 10001 lines; at most 10000 allowed in one assessment");
}

TEST(EventPayloadTest, LineMustBeAnObject) {
  EXPECT_EQ(ErrorOf(Assessed(R"([{"employee_id":"E1","base_fen":5},"E2"])")),
            "lines[1]: expected an object {\"employee_id\": \"...\", \"base_fen\": ...}, got \"E2\"");
}

TEST(EventPayloadTest, BadBaseIsRefusedWithItsLineIndex) {
  EXPECT_EQ(ErrorOf(Assessed(R"([{"employee_id":"E1","base_fen":5},{"employee_id":"E2","base_fen":0}])")),
            "lines[1].base_fen: expected an integer number of fen > 0, got 0");
  EXPECT_EQ(ErrorOf(Assessed(R"([{"employee_id":"E1","base_fen":1000000001}])")),
            "lines[0].base_fen: 1000000001 fen is over the limit of 1000000000 fen");
}

TEST(EventPayloadTest, LineMissingEmployeeIsRefused) {
  EXPECT_EQ(ErrorOf(Assessed(R"([{"base_fen":5}])")),
            "lines[0].employee_id: required field is missing");
}

TEST(EventPayloadTest, UnknownLineFieldIsRefused) {
  EXPECT_EQ(ErrorOf(Assessed(R"([{"employee_id":"E1","base_fen":5,"salary":5}])")),
            "lines[0].salary: unknown field; a line's fields are employee_id, base_fen");
}

TEST(EventPayloadTest, SameEmployeeTwiceInOneAssessmentIsRefused) {
  EXPECT_EQ(ErrorOf(Assessed(R"([{"employee_id":"E1","base_fen":5},{"employee_id":"E2","base_fen":5},{"employee_id":"E1","base_fen":7}])")),
            "lines[2].employee_id: \"E1\" already appears in lines[0]; one line per employee in "
            "an assessment");
}

}  // namespace
}  // namespace ledger
