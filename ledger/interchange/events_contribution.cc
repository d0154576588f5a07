// What is owed and what is paid (interchange.md):
//   contribution_assessed  period, lines: [{employee_id, base_fen}] (1..kMaxAssessmentLines,
//                          one line per employee)
//   contribution_paid      amount_fen; optional period, component, employee_id
//                          (no employee_id on a late_fee payment), tax_receipt_no
//   catch_up_paid          amount_fen; optional period, employee_id, tax_receipt_no
// Assessment lines are named "lines[i]" with i counted from 0, as in JSON paths.
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/enum_names.h"
#include "ledger/interchange/event_schema.h"
#include "ledger/money.h"

namespace ledger::interchange_internal {
namespace {

constexpr std::string_view kLineShape = R"({"employee_id": "...", "base_fen": ...})";

// Reads lines[index] into `line`; returns false (error recorded on `reader`) when bad.
bool ParseLine(const JsonValue& value, size_t index, FieldReader& reader, v1::AssessmentLine& line) {
  const std::string path = absl::StrFormat("lines[%d]", index);
  if (value.kind() != JsonValue::Kind::kObject) {
    reader.FailWith({path, absl::StrFormat("expected an object %s, got %s", kLineShape,
                                           DescribeJson(value))});
    return false;
  }
  FieldReader line_reader(value, path);
  line.set_employee_id(line_reader.Id("employee_id", kMaxEmployeeIdBytes, Presence::kRequired));
  line.set_base_fen(line_reader.Fen("base_fen", kMaxBaseFen));
  if (const JsonValue::Member* unknown = line_reader.FirstUnknownMember()) {
    reader.FailWith({line_reader.FieldPath(unknown->first),
                     absl::StrFormat("unknown field; a line's fields are %s",
                                     absl::StrJoin(line_reader.field_names(), ", "))});
    return false;
  }
  if (!line_reader.ok()) {
    reader.FailWith(*line_reader.error());
    return false;
  }
  return true;
}

void ParseAssessed(FieldReader& reader, v1::Event& event) {
  v1::ContributionAssessed& payload = *event.mutable_contribution_assessed();
  payload.set_period_yyyymm(reader.Period("period", Presence::kRequired));
  const JsonValue* lines = reader.Get("lines", Presence::kRequired);
  if (lines == nullptr) return;
  if (lines->kind() != JsonValue::Kind::kArray) {
    reader.Fail("lines", absl::StrFormat("expected an array of %s, got %s", kLineShape,
                                         DescribeJson(*lines)));
    return;
  }
  const size_t count = lines->elements().size();
  if (count == 0) {
    reader.Fail("lines", "expected at least 1 line, got an empty array");
    return;
  }
  if (count > kMaxAssessmentLines) {
    reader.Fail("lines", absl::StrFormat("has %d lines; at most %d allowed in one assessment",
                                         count, kMaxAssessmentLines));
    return;
  }
  absl::flat_hash_map<std::string, size_t> index_of_employee;
  for (size_t i = 0; i < count; ++i) {
    v1::AssessmentLine& line = *payload.add_lines();
    if (!ParseLine(lines->elements()[i], i, reader, line)) return;
    const auto [first, inserted] = index_of_employee.emplace(line.employee_id(), i);
    if (!inserted) {
      reader.FailWith({absl::StrFormat("lines[%d].employee_id", i),
                       absl::StrFormat("%s already appears in lines[%d]; one line per employee "
                                       "in an assessment",
                                       JsonQuote(line.employee_id()), first->second)});
      return;
    }
  }
}

void WriteAssessed(const v1::Event& event, JsonObjectWriter& writer) {
  const v1::ContributionAssessed& payload = event.contribution_assessed();
  writer.Period("period", payload.period_yyyymm());
  std::string lines = "[";
  for (const v1::AssessmentLine& line : payload.lines()) {
    if (lines.size() > 1) lines.push_back(',');
    JsonObjectWriter line_writer;
    line_writer.String("employee_id", line.employee_id());
    line_writer.Integer("base_fen", line.base_fen());
    lines += line_writer.Finish();
  }
  lines.push_back(']');
  writer.Raw("lines", lines);
}

void ParsePaid(FieldReader& reader, v1::Event& event) {
  v1::ContributionPaid& payload = *event.mutable_contribution_paid();
  payload.set_amount_fen(reader.Fen("amount_fen", kMaxAmountFen));
  payload.set_period_yyyymm(reader.Period("period", Presence::kOptional));
  // "catch_up" is a component of the payments CSV; in JSONL it is its own type.
  if (const JsonValue* component = reader.Get("component", Presence::kOptional);
      component != nullptr && component->kind() == JsonValue::Kind::kString &&
      component->text() == "catch_up") {
    reader.Fail("component", "\"catch_up\" is not a component here; a catch-up payment is "
                             "its own event type, catch_up_paid");
  }
  payload.set_component(reader.EnumValue("component", Presence::kOptional, &ComponentFromName,
                                         &ComponentName));
  payload.set_employee_id(reader.Id("employee_id", kMaxEmployeeIdBytes, Presence::kOptional));
  if (payload.component() == v1::COMPONENT_LATE_FEE && !payload.employee_id().empty()) {
    reader.Fail("employee_id", "not allowed on a late_fee payment: late fees are the employer's");
  }
  payload.set_tax_receipt_no(
      reader.Id("tax_receipt_no", kMaxTaxReceiptBytes, Presence::kOptional));
}

void WritePaid(const v1::Event& event, JsonObjectWriter& writer) {
  const v1::ContributionPaid& payload = event.contribution_paid();
  writer.Integer("amount_fen", payload.amount_fen());
  if (payload.period_yyyymm() != 0) writer.Period("period", payload.period_yyyymm());
  if (payload.component() != v1::COMPONENT_UNSPECIFIED) {
    writer.String("component", ComponentName(payload.component()));
  }
  if (!payload.employee_id().empty()) writer.String("employee_id", payload.employee_id());
  if (!payload.tax_receipt_no().empty()) {
    writer.String("tax_receipt_no", payload.tax_receipt_no());
  }
}

void ParseCatchUp(FieldReader& reader, v1::Event& event) {
  v1::CatchUpPaid& payload = *event.mutable_catch_up_paid();
  payload.set_amount_fen(reader.Fen("amount_fen", kMaxAmountFen));
  payload.set_period_yyyymm(reader.Period("period", Presence::kOptional));
  payload.set_employee_id(reader.Id("employee_id", kMaxEmployeeIdBytes, Presence::kOptional));
  payload.set_tax_receipt_no(
      reader.Id("tax_receipt_no", kMaxTaxReceiptBytes, Presence::kOptional));
}

void WriteCatchUp(const v1::Event& event, JsonObjectWriter& writer) {
  const v1::CatchUpPaid& payload = event.catch_up_paid();
  writer.Integer("amount_fen", payload.amount_fen());
  if (payload.period_yyyymm() != 0) writer.Period("period", payload.period_yyyymm());
  if (!payload.employee_id().empty()) writer.String("employee_id", payload.employee_id());
  if (!payload.tax_receipt_no().empty()) {
    writer.String("tax_receipt_no", payload.tax_receipt_no());
  }
}

constexpr EventSchema kSchemas[] = {
    {v1::Event::kContributionAssessed, &ParseAssessed, &WriteAssessed},
    {v1::Event::kContributionPaid, &ParsePaid, &WritePaid},
    {v1::Event::kCatchUpPaid, &ParseCatchUp, &WriteCatchUp},
};

}  // namespace

std::span<const EventSchema> ContributionEventSchemas() { return kSchemas; }

}  // namespace ledger::interchange_internal
