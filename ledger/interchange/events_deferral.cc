// Deferrals and corrections (interchange.md):
//   deferral_applied   first_period, last_period, policy_id
//   deferral_granted   first_period, last_period, policy_id, basis
//   deferral_rejected  policy_id, reason (free text)
//   deferral_revoked   policy_id, reason (false_commitment | withdrawn)
//   event_reversed     reverses_event_id, reason (free text)
// first_period <= last_period is not checked here: an out-of-window grant is
// refused by the domain with the rule it breaks (R5 PERIODS_OUT_OF_WINDOW).
#include "ledger/enum_names.h"
#include "ledger/interchange/event_schema.h"

namespace ledger::interchange_internal {
namespace {

constexpr size_t kMaxPolicyIdBytes = 64;

std::string PolicyId(FieldReader& reader) {
  return reader.Id("policy_id", kMaxPolicyIdBytes, Presence::kRequired);
}

void ParseApplied(FieldReader& reader, v1::Event& event) {
  v1::DeferralApplied& payload = *event.mutable_deferral_applied();
  payload.set_first_period_yyyymm(reader.Period("first_period", Presence::kRequired));
  payload.set_last_period_yyyymm(reader.Period("last_period", Presence::kRequired));
  payload.set_policy_id(PolicyId(reader));
}

void WriteApplied(const v1::Event& event, JsonObjectWriter& writer) {
  const v1::DeferralApplied& payload = event.deferral_applied();
  writer.Period("first_period", payload.first_period_yyyymm());
  writer.Period("last_period", payload.last_period_yyyymm());
  writer.String("policy_id", payload.policy_id());
}

void ParseGranted(FieldReader& reader, v1::Event& event) {
  v1::DeferralGranted& payload = *event.mutable_deferral_granted();
  payload.set_first_period_yyyymm(reader.Period("first_period", Presence::kRequired));
  payload.set_last_period_yyyymm(reader.Period("last_period", Presence::kRequired));
  payload.set_policy_id(PolicyId(reader));
  payload.set_basis(reader.EnumValue("basis", Presence::kRequired, &GrantBasisFromName,
                                     &GrantBasisName));
}

void WriteGranted(const v1::Event& event, JsonObjectWriter& writer) {
  const v1::DeferralGranted& payload = event.deferral_granted();
  writer.Period("first_period", payload.first_period_yyyymm());
  writer.Period("last_period", payload.last_period_yyyymm());
  writer.String("policy_id", payload.policy_id());
  writer.String("basis", GrantBasisName(payload.basis()));
}

void ParseRejected(FieldReader& reader, v1::Event& event) {
  v1::DeferralRejected& payload = *event.mutable_deferral_rejected();
  payload.set_policy_id(PolicyId(reader));
  payload.set_reason(reader.Text("reason"));
}

void WriteRejected(const v1::Event& event, JsonObjectWriter& writer) {
  writer.String("policy_id", event.deferral_rejected().policy_id());
  writer.String("reason", event.deferral_rejected().reason());
}

void ParseRevoked(FieldReader& reader, v1::Event& event) {
  v1::DeferralRevoked& payload = *event.mutable_deferral_revoked();
  payload.set_policy_id(PolicyId(reader));
  payload.set_reason(reader.EnumValue("reason", Presence::kRequired, &RevocationReasonFromName,
                                      &RevocationReasonName));
}

void WriteRevoked(const v1::Event& event, JsonObjectWriter& writer) {
  writer.String("policy_id", event.deferral_revoked().policy_id());
  writer.String("reason", RevocationReasonName(event.deferral_revoked().reason()));
}

void ParseReversed(FieldReader& reader, v1::Event& event) {
  v1::EventReversed& payload = *event.mutable_event_reversed();
  payload.set_reverses_event_id(
      reader.Id("reverses_event_id", kMaxEventIdBytes, Presence::kRequired));
  payload.set_reason(reader.Text("reason"));
}

void WriteReversed(const v1::Event& event, JsonObjectWriter& writer) {
  writer.String("reverses_event_id", event.event_reversed().reverses_event_id());
  writer.String("reason", event.event_reversed().reason());
}

constexpr EventSchema kSchemas[] = {
    {v1::Event::kDeferralApplied, &ParseApplied, &WriteApplied},
    {v1::Event::kDeferralGranted, &ParseGranted, &WriteGranted},
    {v1::Event::kDeferralRejected, &ParseRejected, &WriteRejected},
    {v1::Event::kDeferralRevoked, &ParseRevoked, &WriteRevoked},
    {v1::Event::kEventReversed, &ParseReversed, &WriteReversed},
};

}  // namespace

std::span<const EventSchema> DeferralEventSchemas() { return kSchemas; }

}  // namespace ledger::interchange_internal
