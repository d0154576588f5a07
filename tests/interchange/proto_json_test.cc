// ProtoToJson: output messages as JSON with int64 numbers, every field, keys
// in field-number order, null for unset messages, interchange enum names.
#include "ledger/interchange/proto_json.h"

#include <string>

#include "google/protobuf/descriptor.pb.h"
#include "gtest/gtest.h"
#include "ledger/json.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/ledger.pb.h"

namespace ledger {
namespace {

v1::EmployerBalance Balance() {
  v1::EmployerBalance balance;
  balance.set_employer_id("A");
  balance.set_as_of("2022-12-31");
  balance.set_known_at("2022-11-15T00:00:00+08:00");
  balance.set_rules_version(1);
  v1::Obligation& row = *balance.add_obligations();
  row.set_period("2022-07");
  row.set_component("employer");
  row.set_employee_id("E2");
  row.set_principal_fen(29400);
  row.set_paid_fen(15000);
  row.set_outstanding_fen(14400);
  row.set_original_due_date("2022-08-01");
  row.set_due_date("2022-08-20");
  row.set_deferred(true);
  row.set_late_fee_fen(1573);
  row.set_late_fee_waived_fen(279);
  row.mutable_provenance()->add_assessed_by("a7");
  balance.mutable_totals()->set_principal_fen(9000000000000000000);
  return balance;
}

TEST(ProtoJsonTest, EmployerBalanceWithNullNextDue) {
  EXPECT_EQ(ProtoToJson(Balance()),
            R"({"employer_id":"A","as_of":"2022-12-31","known_at":"2022-11-15T00:00:00+08:00",)"
            R"("rules_version":1,"obligations":[{"period":"2022-07","component":"employer",)"
            R"("employee_id":"E2","principal_fen":29400,"paid_fen":15000,"outstanding_fen":14400,)"
            R"("original_due_date":"2022-08-01","due_date":"2022-08-20","deferred":true,)"
            R"("late_fee_fen":1573,"late_fee_waived_fen":279,"late_fee_paid_fen":0,)"
            R"("provenance":{"assessed_by":["a7"],"due_moved_by":[],"settled_by":[],"fee_paid_by":[]}}],)"
            R"("totals":{"principal_fen":9000000000000000000,"paid_fen":0,"outstanding_fen":0,)"
            R"("overdue_fen":0,"late_fee_fen":0,"late_fee_paid_fen":0,"late_fee_outstanding_fen":0,)"
            R"("late_fee_waived_fen":0},"credit_fen":0,"next_due":null,"name":""})");
}

TEST(ProtoJsonTest, SetNextDueIsAnObject) {
  v1::EmployerBalance balance;
  balance.mutable_next_due()->set_date("2022-11-30");
  balance.mutable_next_due()->set_amount_fen(64400);
  const std::string json = ProtoToJson(balance);
  EXPECT_TRUE(json.ends_with(R"("next_due":{"date":"2022-11-30","amount_fen":64400},"name":""})"))
      << json;
  EXPECT_NE(json.find(R"("obligations":[],"totals":null,)"), std::string::npos) << json;
}

TEST(ProtoJsonTest, IndentPrettyPrints) {
  v1::NextDue next_due;
  next_due.set_date("2022-11-30");
  EXPECT_EQ(ProtoToJson(next_due, 2), "{\n  \"date\": \"2022-11-30\",\n  \"amount_fen\": 0\n}");
  v1::Provenance provenance;
  provenance.add_settled_by("p1");
  provenance.add_settled_by("p2");
  EXPECT_EQ(ProtoToJson(provenance, 1),
            "{\n \"assessed_by\": [],\n \"due_moved_by\": [],\n \"settled_by\": [\n  \"p1\",\n"
            "  \"p2\"\n ],\n \"fee_paid_by\": []\n}");
}

TEST(ProtoJsonTest, PrettyOutputParsesAsTheSameDocument) {
  const absl::StatusOr<JsonValue> compact = ParseJson(ProtoToJson(Balance()));
  const absl::StatusOr<JsonValue> pretty = ParseJson(ProtoToJson(Balance(), 1));
  ASSERT_TRUE(compact.ok()) << compact.status();
  ASSERT_TRUE(pretty.ok()) << pretty.status();
  ASSERT_EQ(pretty->members().size(), compact->members().size());
  EXPECT_EQ(pretty->Find("totals")->Find("principal_fen")->integer_value(), 9000000000000000000);
  EXPECT_TRUE(pretty->Find("next_due")->is_null());
}

TEST(ProtoJsonTest, LedgerEnumsUseInterchangeNames) {
  v1::Event event;
  event.set_event_id("r1");
  event.set_sequence(18446744073709551615u);
  v1::EmployerRegistered& registered = *event.mutable_employer_registered();
  registered.set_name("张掖\n");
  registered.set_entity_type(v1::ENTITY_TYPE_SOCIAL_SERVICE_AGENCY);
  EXPECT_EQ(ProtoToJson(registered),
            R"({"name":"张掖\u000a","pooling_area":"","entity_type":"social_service_agency","size_class":""})");
  const std::string json = ProtoToJson(event);
  EXPECT_NE(json.find(R"("sequence":18446744073709551615,"employer_registered":{)"),
            std::string::npos) << json;
  EXPECT_NE(json.find(R"("employer_reclassified":null)"), std::string::npos) << json;
}

TEST(ProtoJsonTest, EmptyMessageIsAnEmptyObject) {
  EXPECT_EQ(ProtoToJson(v1::EmployerDeregistered()), "{}");
  EXPECT_EQ(ProtoToJson(v1::EmployerDeregistered(), 2), "{}");
}

TEST(ProtoJsonTest, OtherEnumsUseLowerCaseProtoNames) {
  google::protobuf::FieldDescriptorProto field;
  field.set_name("amount_fen");
  field.set_number(1);
  field.set_type(google::protobuf::FieldDescriptorProto::TYPE_INT64);
  const std::string json = ProtoToJson(field);
  EXPECT_NE(json.find(R"("type":"type_int64")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("label":null)"), std::string::npos) << json;  // proto2 optional, unset
}

}  // namespace
}  // namespace ledger
