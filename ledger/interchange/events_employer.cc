// The employer's life and its employees' (interchange.md):
//   employer_registered     name, pooling_area, entity_type, size_class
//   employer_reclassified   size_class, basis
//   employer_deregistered   (no fields of its own)
//   employee_separated / employee_retired / employee_transferred_out: employee_id
#include "ledger/enum_names.h"
#include "ledger/interchange/event_schema.h"

namespace ledger::interchange_internal {
namespace {

// A pooling area code (e.g. "620700") is checked like an id; the rules decide
// whether it exists.
constexpr size_t kMaxPoolingAreaBytes = 64;

void ParseRegistered(FieldReader& reader, v1::Event& event) {
  v1::EmployerRegistered& payload = *event.mutable_employer_registered();
  payload.set_name(reader.Text("name"));
  payload.set_pooling_area(reader.Id("pooling_area", kMaxPoolingAreaBytes, Presence::kRequired));
  payload.set_entity_type(reader.EnumValue("entity_type", Presence::kRequired,
                                           &EntityTypeFromName, &EntityTypeName));
  payload.set_size_class(reader.EnumValue("size_class", Presence::kRequired,
                                          &SizeClassFromName, &SizeClassName));
}

void WriteRegistered(const v1::Event& event, JsonObjectWriter& writer) {
  const v1::EmployerRegistered& payload = event.employer_registered();
  writer.String("name", payload.name());
  writer.String("pooling_area", payload.pooling_area());
  writer.String("entity_type", EntityTypeName(payload.entity_type()));
  writer.String("size_class", SizeClassName(payload.size_class()));
}

void ParseReclassified(FieldReader& reader, v1::Event& event) {
  v1::EmployerReclassified& payload = *event.mutable_employer_reclassified();
  payload.set_size_class(reader.EnumValue("size_class", Presence::kRequired,
                                          &SizeClassFromName, &SizeClassName));
  payload.set_basis(reader.EnumValue("basis", Presence::kRequired,
                                     &ClassificationBasisFromName, &ClassificationBasisName));
}

void WriteReclassified(const v1::Event& event, JsonObjectWriter& writer) {
  const v1::EmployerReclassified& payload = event.employer_reclassified();
  writer.String("size_class", SizeClassName(payload.size_class()));
  writer.String("basis", ClassificationBasisName(payload.basis()));
}

void ParseDeregistered(FieldReader&, v1::Event& event) { event.mutable_employer_deregistered(); }
void WriteNothing(const v1::Event&, JsonObjectWriter&) {}

// The three employee events carry one field each; Payload is the message.
template <typename Payload, Payload* (v1::Event::*kMutable)()>
void ParseEmployee(FieldReader& reader, v1::Event& event) {
  (event.*kMutable)()->set_employee_id(
      reader.Id("employee_id", kMaxEmployeeIdBytes, Presence::kRequired));
}

template <typename Payload, const Payload& (v1::Event::*kGet)() const>
void WriteEmployee(const v1::Event& event, JsonObjectWriter& writer) {
  writer.String("employee_id", (event.*kGet)().employee_id());
}

constexpr EventSchema kSchemas[] = {
    {v1::Event::kEmployerRegistered, &ParseRegistered, &WriteRegistered},
    {v1::Event::kEmployerReclassified, &ParseReclassified, &WriteReclassified},
    {v1::Event::kEmployerDeregistered, &ParseDeregistered, &WriteNothing},
    {v1::Event::kEmployeeSeparated,
     &ParseEmployee<v1::EmployeeSeparated, &v1::Event::mutable_employee_separated>,
     &WriteEmployee<v1::EmployeeSeparated, &v1::Event::employee_separated>},
    {v1::Event::kEmployeeRetired,
     &ParseEmployee<v1::EmployeeRetired, &v1::Event::mutable_employee_retired>,
     &WriteEmployee<v1::EmployeeRetired, &v1::Event::employee_retired>},
    {v1::Event::kEmployeeTransferredOut,
     &ParseEmployee<v1::EmployeeTransferredOut, &v1::Event::mutable_employee_transferred_out>,
     &WriteEmployee<v1::EmployeeTransferredOut, &v1::Event::employee_transferred_out>},
};

}  // namespace

std::span<const EventSchema> EmployerEventSchemas() { return kSchemas; }

}  // namespace ledger::interchange_internal
