// EventToJsonLine is the inverse of ParseEventLine: for a line in canonical
// field order the text comes back byte for byte, and the event compares equal.
#include <string>

#include "gtest/gtest.h"
#include "google/protobuf/util/message_differencer.h"
#include "ledger/interchange/event_jsonl.h"
#include "tests/interchange/event_test_util.h"

namespace ledger {
namespace {

using google::protobuf::util::MessageDifferencer;

// One line per event type (and the optional-field variants), canonical order.
constexpr std::string_view kLines[] = {
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","name":"张掖市甲商贸有限公司 \"甲\"","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})",
    R"({"event_id":"c1","type":"employer_reclassified","employer_id":"J1","effective_date":"2022-08-12","size_class":"micro","basis":"commitment","recorded_at":"2022-08-12T10:00:00+08:00"})",
    R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]})",
    R"({"event_id":"p7","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-28","amount_fen":18400,"period":"2022-07","component":"employee","employee_id":"E1"})",
    R"({"event_id":"p8","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-25","amount_fen":28000})",
    R"({"event_id":"lf","type":"contribution_paid","employer_id":"J1","effective_date":"2022-12-05","amount_fen":5000,"component":"late_fee","recorded_at":"2022-12-05T09:00:00.123456+08:00"})",
    R"({"event_id":"cu1","type":"catch_up_paid","employer_id":"A","effective_date":"2022-11-10","amount_fen":50000})",
    R"({"event_id":"cu2","type":"catch_up_paid","employer_id":"A","effective_date":"2022-11-10","amount_fen":1000000000000,"period":"2022-07","employee_id":"E2"})",
    R"({"event_id":"ap","type":"deferral_applied","employer_id":"J1","effective_date":"2022-08-12","first_period":"2022-08","last_period":"2022-10","policy_id":"sd-2022"})",
    R"({"event_id":"g1","type":"deferral_granted","employer_id":"A","effective_date":"2022-07-15","first_period":"2022-07","last_period":"2022-09","policy_id":"gs-2022","basis":"automatic"})",
    R"({"event_id":"rj","type":"deferral_rejected","employer_id":"A","effective_date":"2022-07-16","policy_id":"gs-2022","reason":"规模不符 \\ tab-free"})",
    R"({"event_id":"rv","type":"deferral_revoked","employer_id":"J1","effective_date":"2022-11-20","policy_id":"sd-2022","reason":"false_commitment"})",
    R"({"event_id":"s2","type":"employee_separated","employer_id":"A","effective_date":"2022-08-20","employee_id":"E2"})",
    R"({"event_id":"rt","type":"employee_retired","employer_id":"A","effective_date":"2022-08-21","employee_id":"E3"})",
    R"({"event_id":"to","type":"employee_transferred_out","employer_id":"A","effective_date":"2022-08-22","employee_id":"E4"})",
    R"({"event_id":"d1","type":"employer_deregistered","employer_id":"A","effective_date":"2022-12-30"})",
    R"({"event_id":"x1","type":"event_reversed","employer_id":"J1","effective_date":"2022-11-22","reverses_event_id":"j-p9","reason":"bank returned the payment","recorded_at":"2022-11-22T09:00:00+08:00"})",
};

TEST(EventRoundTripTest, EveryTypeIsCovered) {
  std::set<int> cases;
  for (std::string_view line : kLines) cases.insert(testing::ParseOk(line).payload_case());
  EXPECT_EQ(cases.size(), 14u);
}

TEST(EventRoundTripTest, LineComesBackByteForByte) {
  for (std::string_view line : kLines) {
    const v1::Event event = testing::ParseOk(line);
    EXPECT_EQ(EventToJsonLine(event, /*include_recorded_at=*/false), line);
  }
}

TEST(EventRoundTripTest, EventComesBackEqual) {
  for (std::string_view line : kLines) {
    const v1::Event event = testing::ParseOk(line);
    for (bool include_recorded_at : {false, true}) {
      v1::Event expected = event;
      if (include_recorded_at) expected.set_recorded_at_given(true);
      const v1::Event again =
          testing::ParseOk(EventToJsonLine(event, include_recorded_at));
      EXPECT_TRUE(MessageDifferencer::Equals(again, expected))
          << again.DebugString() << "\nvs\n" << expected.DebugString();
    }
  }
}

TEST(EventRoundTripTest, AssignedRecordedAtIsWrittenOnRequest) {
  v1::Event event = testing::ParseOk(kLines[15]);
  event.set_recorded_at_us(1659315600000000);
  event.set_sequence(42);
  EXPECT_EQ(EventToJsonLine(event, false), kLines[15]);
  EXPECT_EQ(EventToJsonLine(event, true),
            R"({"event_id":"d1","type":"employer_deregistered","employer_id":"A","effective_date":"2022-12-30","recorded_at":"2022-08-01T09:00:00+08:00"})");
}

TEST(EventRoundTripTest, EscapedInputIsWrittenPlainly) {
  const v1::Event event = testing::ParseOk(
      R"({"event_id":"\u0065\u0031","type":"deferral_rejected","employer_id":"A","effective_date":"2022-07-16","policy_id":"p","reason":"\u89c4\u6a21 \ud83d\ude00"})");
  EXPECT_EQ(EventToJsonLine(event, false),
            R"({"event_id":"e1","type":"deferral_rejected","employer_id":"A","effective_date":"2022-07-16","policy_id":"p","reason":"规模 😀"})");
}

}  // namespace
}  // namespace ledger
