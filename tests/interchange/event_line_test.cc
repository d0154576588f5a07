// ParseEventLine: the common fields, unknown fields and JSON-level problems.
// Each test asserts the exact message a clerk reads.
#include <string>

#include "gtest/gtest.h"
#include "ledger/interchange/event_jsonl.h"
#include "tests/interchange/event_test_util.h"

namespace ledger {
namespace {

using testing::ErrorOf;
using testing::Line;
using testing::ParseOk;

constexpr std::string_view kAllTypes =
    "employer_registered, employer_reclassified, contribution_assessed, contribution_paid, "
    "catch_up_paid, deferral_applied, deferral_granted, deferral_rejected, deferral_revoked, "
    "employee_separated, employee_retired, employee_transferred_out, employer_deregistered, "
    "event_reversed";

TEST(EventLineTest, CommonFieldsMapOntoTheEvent) {
  const v1::Event event = ParseOk(Line("employer_deregistered", ""));
  EXPECT_EQ(event.event_id(), "e1");
  EXPECT_EQ(event.employer_id(), "A");
  EXPECT_EQ(event.effective_date_yyyymmdd(), 20220728);
  EXPECT_TRUE(event.has_employer_deregistered());
  EXPECT_FALSE(event.recorded_at_given());
  EXPECT_EQ(event.recorded_at_us(), 0);
  EXPECT_EQ(event.sequence(), 0u);
}

TEST(EventLineTest, RecordedAtSetsMicrosAndGiven) {
  const v1::Event event =
      ParseOk(Line("employer_deregistered", R"("recorded_at":"2022-08-01T09:00:00+08:00")"));
  EXPECT_TRUE(event.recorded_at_given());
  EXPECT_EQ(event.recorded_at_us(), 1659315600000000);
  EXPECT_EQ(ParseOk(Line("employer_deregistered", R"("recorded_at":"2022-11-15T01:02:03.456789Z")"))
                .recorded_at_us(),
            1668474123456789);
}

TEST(EventLineTest, FieldOrderDoesNotMatter) {
  const v1::Event event = ParseOk(
      R"({"amount_fen":5,"effective_date":"2022-07-28","employer_id":"A","type":"catch_up_paid","event_id":"e1"})");
  EXPECT_EQ(event.catch_up_paid().amount_fen(), 5);
}

TEST(EventLineTest, InvalidJsonIsReportedByColumn) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","event_id":"e2"})"), "column 18: duplicate key \"event_id\"");
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1")"),
            "column 17: unexpected end of input; expected ',' or '}' in an object");
}

TEST(EventLineTest, NonObjectIsRefused) {
  EXPECT_EQ(ErrorOf("[1,2]"), "expected a JSON object (one event per line), got an array");
  EXPECT_EQ(ErrorOf("\"text\""), "expected a JSON object (one event per line), got \"text\"");
}

TEST(EventLineTest, MissingRequiredFieldIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})"),
            "event_id: required field is missing");
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","employer_id":"A","effective_date":"2022-07-28"})"),
            "type: required field is missing");
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","effective_date":"2022-07-28"})"),
            "employer_id: required field is missing");
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","employer_id":"A"})"),
            "effective_date: required field is missing");
  EXPECT_EQ(ErrorOf(Line("contribution_paid", "")), "amount_fen: required field is missing");
}

TEST(EventLineTest, UnknownTypeIsRefusedListingTheTypes) {
  EXPECT_EQ(ErrorOf(Line("payment", "")),
            "type: unknown event type \"payment\"; expected one of " + std::string(kAllTypes));
}

TEST(EventLineTest, TypeMustBeAString) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":4,"employer_id":"A","effective_date":"2022-07-28"})"),
            "type: expected a string, one of " + std::string(kAllTypes) + "; got 4");
}

TEST(EventLineTest, UnknownFieldIsRefusedListingTheTypesFields) {
  EXPECT_EQ(ErrorOf(Line("contribution_paid", R"("amount_fen":5,"note":"x")")),
            "note: unknown field; contribution_paid fields are event_id, type, employer_id, "
            "effective_date, amount_fen, period, component, employee_id, tax_receipt_no, recorded_at");
  EXPECT_EQ(ErrorOf(Line("employer_deregistered", R"("sequence":3)")),
            "sequence: unknown field; employer_deregistered fields are event_id, type, "
            "employer_id, effective_date, recorded_at");
}

TEST(EventLineTest, FieldOfAnotherTypeIsNotAllowed) {
  EXPECT_EQ(ErrorOf(Line("contribution_paid", R"("amount_fen":5,"basis":"automatic")")),
            "basis: field not allowed for type contribution_paid");
  EXPECT_EQ(ErrorOf(Line("employer_deregistered", R"("name":"x")")),
            "name: field not allowed for type employer_deregistered");
  EXPECT_EQ(ErrorOf(Line("catch_up_paid", R"("amount_fen":5,"component":"employer")")),
            "component: field not allowed for type catch_up_paid");
}

TEST(EventLineTest, UnknownFieldIsReportedBeforeTheMissingOne) {
  // "amount" for "amount_fen": the typo explains the missing field.
  EXPECT_EQ(ErrorOf(Line("contribution_paid", R"("amount":5)")),
            "amount: unknown field; contribution_paid fields are event_id, type, employer_id, "
            "effective_date, amount_fen, period, component, employee_id, tax_receipt_no, recorded_at");
}

TEST(EventLineTest, IdMustBeAString) {
  EXPECT_EQ(ErrorOf(R"({"event_id":7,"type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})"),
            "event_id: expected a string, got 7");
}

TEST(EventLineTest, EmptyIdIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})"),
            "event_id: must not be empty");
}

TEST(EventLineTest, OverlongIdIsRefused) {
  const std::string id_129(129, 'x');
  EXPECT_EQ(ErrorOf(R"({"event_id":")" + id_129 +
                    R"(","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})"),
            "event_id: is 129 bytes long; at most 128 allowed");
  const std::string id_128(128, 'x');
  EXPECT_EQ(ErrorOf(R"({"event_id":")" + id_128 +
                    R"(","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})"),
            "OK");
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","employer_id":")" +
                    std::string(65, 'A') + R"(","effective_date":"2022-07-28"})"),
            "employer_id: is 65 bytes long; at most 64 allowed");
}

TEST(EventLineTest, IdWithControlCharacterIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"e\t1","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})"),
            "event_id: contains control character U+0009; an id must be printable");
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1\u0085","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})"),
            "event_id: contains control character U+0085; an id must be printable");
}

TEST(EventLineTest, IdWithEdgeSpaceIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","employer_id":"A ","effective_date":"2022-07-28"})"),
            "employer_id: \"A \" must not start or end with a space");
}

TEST(EventLineTest, ChineseIdIsAccepted) {
  const v1::Event event = ParseOk(
      R"({"event_id":"张-\u0031","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})");
  EXPECT_EQ(event.event_id(), "张-1");
}

TEST(EventLineTest, NoSuchDateIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","employer_id":"A","effective_date":"2022-02-30"})"),
            "effective_date: no such date \"2022-02-30\"");
}

TEST(EventLineTest, MalformedDateIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","employer_id":"A","effective_date":"2022/07/28"})"),
            "effective_date: expected a date YYYY-MM-DD, got \"2022/07/28\"");
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","employer_id":"A","effective_date":"2022-7-28"})"),
            "effective_date: expected a date YYYY-MM-DD, got \"2022-7-28\"");
}

TEST(EventLineTest, DateMustBeAString) {
  EXPECT_EQ(ErrorOf(R"({"event_id":"e1","type":"employer_deregistered","employer_id":"A","effective_date":20220728})"),
            "effective_date: expected a date string YYYY-MM-DD, got 20220728");
}

TEST(EventLineTest, BadRecordedAtIsRefused) {
  EXPECT_EQ(ErrorOf(Line("employer_deregistered", R"("recorded_at":"2022-08-01")")),
            "recorded_at: expected an RFC 3339 timestamp like 2022-11-15T09:00:00+08:00, got "
            "\"2022-08-01\" (YYYY-MM-DDTHH:MM:SS then an offset)");
  EXPECT_EQ(ErrorOf(Line("employer_deregistered", R"("recorded_at":"2022-08-01T09:00:00")")),
            "recorded_at: expected an RFC 3339 timestamp like 2022-11-15T09:00:00+08:00, got "
            "\"2022-08-01T09:00:00\" (YYYY-MM-DDTHH:MM:SS then an offset)");
  EXPECT_EQ(ErrorOf(Line("employer_deregistered", R"("recorded_at":1659315600)")),
            "recorded_at: expected an RFC 3339 timestamp string, got 1659315600");
}

TEST(EventLineTest, LongBadTextIsNotEchoedWhole) {
  EXPECT_EQ(ErrorOf(Line("employer_deregistered",
                         R"("recorded_at":")" + std::string(100, '9') + "\"")),
            "recorded_at: expected an RFC 3339 timestamp string, got \"" + std::string(60, '9') +
                "\"...");
}

TEST(EventLineTest, NullErrorPointerIsAllowed) {
  const absl::StatusOr<v1::Event> event = ParseEventLine("{}", nullptr);
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.status().message(), "event_id: required field is missing");
}

}  // namespace
}  // namespace ledger
