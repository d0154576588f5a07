// ParseEventLine / ParseEventsJsonl / EventToJsonLine: the common fields of
// every event and the file-level rules (BOM, CRLF, blank and # lines, the
// line-size limit); each type's own fields live in its schema (event_schema.h).
#include "ledger/interchange/event_jsonl.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/dates.h"
#include "ledger/enum_names.h"
#include "ledger/interchange/errors.h"
#include "ledger/interchange/event_schema.h"
#include "ledger/json.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

using interchange_internal::DescribeJson;
using interchange_internal::EventSchema;
using interchange_internal::FieldReader;
using interchange_internal::JsonObjectWriter;
using interchange_internal::Presence;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Returns "employer_registered, employer_reclassified, ..." in field-number order.
std::string EventTypeNames() {
  const google::protobuf::OneofDescriptor* payload =
      v1::Event::descriptor()->FindOneofByName("payload");
  std::vector<std::string> names;
  for (int i = 0; i < payload->field_count(); ++i) {
    names.emplace_back(
        EventTypeName(static_cast<v1::Event::PayloadCase>(payload->field(i)->number())));
  }
  return absl::StrJoin(names, ", ");
}

// Reads `type`; returns its schema, or nullptr with the error recorded.
const EventSchema* ReadType(FieldReader& reader) {
  const JsonValue* type = reader.Get("type", Presence::kRequired);
  if (type == nullptr) return nullptr;
  if (type->kind() != JsonValue::Kind::kString) {
    reader.Fail("type", absl::StrFormat("expected a string, one of %s; got %s", EventTypeNames(),
                                        DescribeJson(*type)));
    return nullptr;
  }
  const std::optional<v1::Event::PayloadCase> payload_case = EventTypeFromName(type->text());
  if (!payload_case.has_value()) {
    reader.Fail("type", absl::StrFormat("unknown event type %s; expected one of %s",
                                        DescribeJson(*type), EventTypeNames()));
    return nullptr;
  }
  return interchange_internal::FindEventSchema(*payload_case);
}

std::string UnknownFieldMessage(std::string_view field, std::string_view type_name,
                                const FieldReader& reader) {
  if (interchange_internal::IsPayloadFieldName(field)) {
    return absl::StrFormat("field not allowed for type %s", type_name);
  }
  return absl::StrFormat("unknown field; %s fields are %s", type_name,
                         absl::StrJoin(reader.field_names(), ", "));
}

bool IsBlankOrComment(std::string_view line) {
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r') continue;
    return c == '#';
  }
  return true;
}

// Returns the message for a carriage return at byte `at` of a line that is
// not its line end.
std::string BareCarriageReturn(size_t at, bool file_has_line_feed) {
  if (!file_has_line_feed) {
    return "carriage return (CR) with no line feed after it, and none in the whole file: "
           "its lines end with CR only (classic Mac line ends); lines must end with LF or "
           "CRLF: convert it, e.g. with tr '\\r' '\\n' (not parsed)";
  }
  return absl::StrFormat(
      "carriage return (CR) at byte %d of the line with no line feed after it; lines end "
      "with LF or CRLF, and a CR anywhere else is refused (not parsed)",
      at + 1);
}

// Refuses `text` at its first event line past `max_events`, before parsing:
// a scan of line starts and ends, not JSON.
absl::Status CheckEventCount(std::string_view text, size_t max_events, ErrorList& errors) {
  // Most files have fewer lines than the limit: one vectorized count says so.
  if (static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) < max_events) {
    return absl::OkStatus();
  }
  size_t events = 0;
  int64_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (IsBlankOrComment(line)) continue;
    if (++events > max_events) {
      errors.Add(line_number, "",
                 absl::StrFormat("more than %d events in one file, the most one import "
                                 "appends as one batch: split the file at this line or "
                                 "before (nothing was parsed)",
                                 max_events));
      return errors.ToStatus();
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Event> ParseEventLine(std::string_view line, FieldError* error) {
  FieldError local_error;
  FieldError* out = error != nullptr ? error : &local_error;
  auto fail = [out](FieldError found) {
    *out = std::move(found);
    if (out->field.empty()) return absl::InvalidArgumentError(out->message);
    return absl::InvalidArgumentError(absl::StrFormat("%s: %s", out->field, out->message));
  };
  const absl::StatusOr<JsonValue> root = ParseJson(line);
  if (!root.ok()) return fail({"", std::string(root.status().message())});
  if (root->kind() != JsonValue::Kind::kObject) {
    return fail({"", "expected a JSON object (one event per line), got " + DescribeJson(*root)});
  }
  FieldReader reader(*root, "");
  v1::Event event;
  event.set_event_id(reader.Id("event_id", kMaxEventIdBytes, Presence::kRequired));
  const EventSchema* schema = ReadType(reader);
  if (schema == nullptr) return fail(*reader.error());
  event.set_employer_id(reader.Id("employer_id", kMaxEmployerIdBytes, Presence::kRequired));
  event.set_effective_date_yyyymmdd(reader.Date("effective_date"));
  schema->parse(reader, event);
  if (const std::optional<int64_t> recorded_at_us = reader.TimestampMicros("recorded_at")) {
    event.set_recorded_at_us(*recorded_at_us);
    event.set_recorded_at_given(true);
  }
  // An unknown field explains the other errors best ("amount" for "amount_fen").
  if (const JsonValue::Member* unknown = reader.FirstUnknownMember()) {
    return fail({unknown->first, UnknownFieldMessage(unknown->first,
                                                     EventTypeName(schema->payload_case), reader)});
  }
  if (!reader.ok()) return fail(*reader.error());
  return event;
}

absl::StatusOr<ParsedEvents> ParseEventsJsonl(std::string_view text,
                                              std::string_view file_name, size_t max_events) {
  ErrorList errors{std::string(file_name)};
  ParsedEvents parsed;
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  if (max_events != kNoEventLimit) {
    RETURN_IF_ERROR(CheckEventCount(text, max_events, errors));
  }
  const bool has_line_feed = text.find('\n') != std::string_view::npos;
  int64_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (const size_t cr = line.find('\r'); cr != std::string_view::npos) {
      errors.Add(line_number, "", BareCarriageReturn(cr, has_line_feed));
      continue;
    }
    if (line.size() > kMaxLineBytes) {
      errors.Add(line_number, "",
                 absl::StrFormat("line is %d bytes long; at most %d allowed (not parsed)",
                                 line.size(), kMaxLineBytes));
      continue;
    }
    if (IsBlankOrComment(line)) continue;
    FieldError error;
    absl::StatusOr<v1::Event> event = ParseEventLine(line, &error);
    if (!event.ok()) {
      errors.Add(line_number, error.field, error.message);
      continue;
    }
    if (!errors.empty()) continue;  // the file is refused anyway; keep only counting
    parsed.events.push_back(*std::move(event));
    parsed.line_numbers.push_back(line_number);
  }
  if (!errors.empty()) return errors.ToStatus();
  return parsed;
}

std::string EventToJsonLine(const v1::Event& event, bool include_recorded_at) {
  JsonObjectWriter writer;
  writer.String("event_id", event.event_id());
  writer.String("type", EventTypeName(event.payload_case()));
  writer.String("employer_id", event.employer_id());
  writer.Date("effective_date", event.effective_date_yyyymmdd());
  if (const EventSchema* schema = interchange_internal::FindEventSchema(event.payload_case())) {
    schema->write(event, writer);
  }
  if (include_recorded_at || event.recorded_at_given()) {
    writer.String("recorded_at", FormatTimestamp(FromMicros(event.recorded_at_us())));
  }
  return writer.Finish();
}

}  // namespace ledger
