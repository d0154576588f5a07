// ledgerctl events --db DIR --employer E [--known-at T]: one employer's
// history as the log holds it, in sequence order — reversals and reversed
// events alike, since this is the record, not a view of what is owed.
// --known-at keeps the events recorded at or before T: what the ledger knew.
#include <cstdio>
#include <optional>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/dates.h"
#include "ledger/enum_names.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/json.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/subcommand.h"


namespace ledgerctl {
namespace {

// Table cells show at most this many elements of an array (an assessment
// may hold thousands of lines); json and csv always show all.
constexpr size_t kTableArrayElementsMax = 3;

// The fields every event has; they get their own columns.
bool IsCommonField(std::string_view key) {
  return key == "event_id" || key == "type" || key == "employer_id" ||
         key == "effective_date" || key == "recorded_at" || key == "sequence";
}

// Returns `value` as compact JSON; arrays past `elements_max` end "… N more".
std::string CompactJson(const ledger::JsonValue& value, size_t elements_max) {
  using Kind = ledger::JsonValue::Kind;
  switch (value.kind()) {
    case Kind::kNull: return "null";
    case Kind::kBool: return value.bool_value() ? "true" : "false";
    case Kind::kInteger: return absl::StrFormat("%d", value.integer_value());
    case Kind::kNumber: return value.text();
    case Kind::kString: return ledger::JsonQuote(value.text());
    case Kind::kArray: {
      std::vector<std::string> parts;
      for (const ledger::JsonValue& element : value.elements()) {
        if (parts.size() == elements_max) {
          parts.push_back(absl::StrFormat(
              "... %d more", value.elements().size() - elements_max));
          break;
        }
        parts.push_back(CompactJson(element, elements_max));
      }
      return absl::StrFormat("[%s]", absl::StrJoin(parts, ","));
    }
    case Kind::kObject: {
      std::vector<std::string> parts;
      for (const auto& [key, member] : value.members()) {
        parts.push_back(ledger::JsonQuote(key) + ":" + CompactJson(member, elements_max));
      }
      return absl::StrFormat("{%s}", absl::StrJoin(parts, ","));
    }
  }
  return "";
}

// Returns a scalar as plain text (a string unquoted), anything else as JSON.
std::string CellText(const ledger::JsonValue& value, size_t elements_max) {
  if (value.kind() == ledger::JsonValue::Kind::kString) return value.text();
  return CompactJson(value, elements_max);
}

// Returns a table cell for humans: scalars as text; an array of objects
// (assessment lines) as their values joined by ':', "W01:800000", the first
// kTableArrayElementsMax of them, then how many more.
std::string TableText(const ledger::JsonValue& value) {
  using Kind = ledger::JsonValue::Kind;
  if (value.kind() != Kind::kArray) return CellText(value, kTableArrayElementsMax);
  std::vector<std::string> parts;
  for (const ledger::JsonValue& element : value.elements()) {
    if (parts.size() == kTableArrayElementsMax) {
      parts.push_back(absl::StrFormat("... %d more",
                                      value.elements().size() - kTableArrayElementsMax));
      break;
    }
    if (element.kind() != Kind::kObject) {
      parts.push_back(CellText(element, kTableArrayElementsMax));
      continue;
    }
    std::vector<std::string> values;
    for (const auto& [key, member] : element.members()) {
      values.push_back(CellText(member, kTableArrayElementsMax));
    }
    parts.push_back(absl::StrJoin(values, ":"));
  }
  return absl::StrFormat("[%s]", absl::StrJoin(parts, ","));
}

struct EventView {
  const ledger::v1::Event* event;
  std::string json_line;         // the interchange form, with recorded_at
  ledger::JsonValue fields;      // json_line parsed, for table and csv
};

std::vector<std::string> CommonCells(const ledger::v1::Event& event) {
  return {absl::StrFormat("%d", event.sequence()),
          ledger::FormatTimestamp(ledger::FromMicros(event.recorded_at_us())),
          ledger::FormatDate(ledger::DecodeDate(event.effective_date_yyyymmdd())),
          std::string(ledger::EventTypeName(event.payload_case())), event.event_id()};
}

void PrintTable(const std::vector<EventView>& views) {
  TextTable table({{"sequence", ColumnKind::kCount}, {"recorded_at"}, {"effective_date"},
                   {"type"}, {"event_id", ColumnKind::kId}, {"fields"}});
  for (const EventView& view : views) {
    std::vector<std::string> fields;
    for (const auto& [key, value] : view.fields.members()) {
      if (IsCommonField(key)) continue;
      std::string text = TableText(value);
      // Quote a text value with blanks so fields stay apart.
      if (value.kind() == ledger::JsonValue::Kind::kString &&
          (text.empty() || text.find(' ') != std::string::npos)) {
        text = ledger::JsonQuote(text);
      }
      fields.push_back(key + "=" + text);
    }
    std::vector<std::string> cells = CommonCells(*view.event);
    cells.push_back(absl::StrJoin(fields, " "));
    table.AddRow(std::move(cells));
  }
  table.PrintAligned(stdout, TableStyleFromFlags());
}

// CSV columns, the same for every employer: the common ones, employer_id,
// then "fields", every other field of the event as one compact JSON object.
void PrintCsv(const std::vector<EventView>& views) {
  TextTable table({{"sequence", ColumnKind::kCount},
                   {"recorded_at", ColumnKind::kText},
                   {"effective_date", ColumnKind::kText},
                   {"type", ColumnKind::kText},
                   {"event_id", ColumnKind::kId},
                   {"employer_id", ColumnKind::kId},
                   {"fields", ColumnKind::kText}});
  for (const EventView& view : views) {
    std::vector<std::string> fields;
    for (const auto& [key, value] : view.fields.members()) {
      if (IsCommonField(key)) continue;
      fields.push_back(ledger::JsonQuote(key) + ":" + CompactJson(value, SIZE_MAX));
    }
    std::vector<std::string> cells = CommonCells(*view.event);
    cells.push_back(view.event->employer_id());
    cells.push_back(absl::StrFormat("{%s}", absl::StrJoin(fields, ",")));
    table.AddRow(std::move(cells));
  }
  table.PrintCsv(stdout);
}

// Prints "chain head: <hex>", the employer's hash chain head, for a
// statement to quote (`ledgerctl verify` recomputes it). It covers every
// event recorded, including any --known-at hides (then said so).
[[nodiscard]] absl::Status PrintChainHead(const ledger::EventStore& store,
                                          const std::string& employer,
                                          size_t recorded_events, size_t shown_events) {
  absl::StatusOr<std::string> head = store.EmployerChainHead(employer);
  if (!head.ok()) return StorageError(head.status());
  if (shown_events == recorded_events) {
    absl::PrintF("chain head: %s\n", *head);
  } else {
    absl::PrintF("chain head: %s (of all %d events recorded; --known-at hides %d)\n",
                 *head, recorded_events, recorded_events - shown_events);
  }
  return absl::OkStatus();
}

[[nodiscard]] absl::Status RunEvents(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string employer = absl::GetFlag(FLAGS_employer);
  if (employer.empty()) return UsageError("--employer E is required");
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());

  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  absl::StatusOr<std::vector<ledger::v1::Event>> events = store->ReadEmployer(employer);
  if (!events.ok()) return StorageError(events.status());

  std::vector<EventView> views;
  for (const ledger::v1::Event& event : *events) {
    if (known_at_us && event.recorded_at_us() > *known_at_us) continue;
    EventView view{&event, ledger::EventToJsonLine(event, /*include_recorded_at=*/true), {}};
    if (format != Format::kJson) {
      absl::StatusOr<ledger::JsonValue> parsed = ledger::ParseJson(view.json_line);
      if (!parsed.ok()) {  // our own writer's output: a bug, not bad input
        return absl::InternalError(absl::StrFormat(
            "event %s: cannot reparse its JSON: %s", event.event_id(),
            parsed.status().message()));
      }
      view.fields = *std::move(parsed);
    }
    views.push_back(std::move(view));
  }
  if (views.empty()) {
    return absl::NotFoundError(absl::StrFormat(
        "no events for employer \"%s\"%s", employer,
        known_at_us ? " recorded at or before --known-at" : ""));
  }

  switch (format) {
    case Format::kJson:
      for (const EventView& view : views) {
        // The interchange line with the ledger's sequence added in front.
        absl::PrintF("{\"sequence\":%d,%s\n", view.event->sequence(),
                     std::string_view(view.json_line).substr(1));
      }
      break;
    case Format::kTable: {
      PrintTable(views);
      RETURN_IF_ERROR(PrintChainHead(*store, employer, events->size(), views.size()));
      break;
    }
    case Format::kCsv: PrintCsv(views); break;
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand EventsCommand() {
  return {
      .name = "events",
      .synopsis = "--db DIR --employer E [--known-at T] [--format table|json|csv]",
      .brief = "Show one employer's history as recorded.",
      .summary =
          "Shows one employer's history in ledger sequence order: sequence,\n"
          "recorded_at, effective_date, type, event_id and the event's fields.\n"
          "json prints one interchange line per event with \"sequence\" added;\n"
          "csv the common columns, employer_id and the rest as one JSON object.\n"
          "table ends with \"chain head: <hex>\", the employer's SHA-256 hash\n"
          "chain head over every event recorded (json and csv print events only;\n"
          "`ledgerctl verify` recomputes every chain).",
      .flags = {{"db", "db", "DIR"},
                {"employer", "employer", "E"},
                {"known-at", "known_at", "TIME"},
                {"format", "format", "table|json|csv"},
                kFenFlag,
                kWideFlag, kLangFlag},
      .examples = {{"events --db scratch/jinan --employer 91370102MA2HHGPCEK --format table",
                    "every event of the employer and its chain head"},
                   {"events --db scratch/jinan --employer 91370102MA2HHGPCEK --known-at "
                    "\"2022-11-15 15:30:00+08:00\"",
                    "what the ledger held when the 15:30 notice was sent (json)"}},
      .run = RunEvents,
  };
}

}  // namespace ledgerctl
