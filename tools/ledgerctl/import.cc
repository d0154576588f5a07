// ledgerctl import --db DIR FILE...: each file, in order, becomes one atomic
// batch (ledger/ingest/importer.h). A refused file appends nothing and stops
// the run; files before it stay imported, which the error says.
#include <cstdio>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/ingest/importer.h"
#include "ledger/json.h"
#include "ledger/printable.h"
#include "ledger/status_macros.h"
#include "spdlog/spdlog.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/progress.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {
namespace {

std::string SequenceRange(const ledger::ImportSummary& summary) {
  if (summary.appended == 0) return "none";
  return absl::StrFormat("%d..%d", summary.first_sequence, summary.last_sequence);
}

// Prints one file's summary as soon as it is imported (a long run shows
// progress file by file, so no table is held back for alignment).
// `csv` is the run's writer when the format is csv.
void PrintSummary(Format format, const std::string& file,
                  const ledger::ImportSummary& summary, CsvWriter* csv) {
  // Nothing appended, no sequences: null in json, empty in csv (the store's
  // summary would say first 0, last the ledger's last).
  const bool appended = summary.appended > 0;
  const std::string first = appended ? absl::StrCat(summary.first_sequence) : "";
  const std::string last = appended ? absl::StrCat(summary.last_sequence) : "";
  switch (format) {
    case Format::kTable:
      absl::PrintF("%s: %d read, %d appended, %s, sequences %s\n",
                   ledger::EscapeForMessage(file), summary.events_read, summary.appended,
                   Counted(summary.duplicates, "duplicate", "duplicates"),
                   SequenceRange(summary));
      break;
    case Format::kJson:
      absl::PrintF(
          "{\"file\":%s,\"events_read\":%d,\"appended\":%d,\"duplicates\":%d,"
          "\"first_sequence\":%s,\"last_sequence\":%s}\n",
          ledger::JsonQuote(file), summary.events_read, summary.appended,
          summary.duplicates, appended ? first : "null", appended ? last : "null");
      break;
    case Format::kCsv: {
      csv->WriteRow({file, absl::StrCat(summary.events_read), absl::StrCat(summary.appended),
                    absl::StrCat(summary.duplicates), first, last});
      break;
    }
  }
  std::fflush(stdout);  // a script tailing the output sees each file at once
}

// Returns `status` with a first line saying which file was refused and what
// happened to the others; the error list follows unchanged.
// Returns what `contents` looks like when it is not an event file but
// another input of the ledger ("" otherwise), for the refusal to say which
// command takes it.
std::string OtherInputKind(std::string_view contents) {
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);
  const size_t first = contents.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const std::string_view head = contents.substr(first, 4096);
  if (head[0] == '{' && (head.find("\"pooling_areas\"") != std::string_view::npos ||
                         head.find("\"deferral_policies\"") != std::string_view::npos)) {
    return "it looks like a rule-set file (one JSON document), which "
           "`ledgerctl init --db DIR --rules FILE` publishes in a new ledger";
  }
  const std::string_view line = head.substr(0, head.find('\n'));
  if (line.find("payment_id") != std::string_view::npos && line.find(',') != std::string_view::npos) {
    return "it looks like a payments file (CSV, shared/spec/interchange.md), the input of "
           "reconciliation, not of import";
  }
  return "";
}

// `files_done` were imported before `file`; `not_attempted` come after it.
// `contents` is the refused file's, when it was read.
absl::Status Refused(const absl::Status& status, const std::string& file, size_t files_done,
                     std::span<const std::string> not_attempted,
                     std::string_view contents = {}) {
  std::string head = absl::StrFormat("%s refused, nothing from it was appended",
                                     ledger::EscapeForMessage(file));
  std::vector<std::string> notes;
  if (files_done > 0) {
    notes.push_back(absl::StrFormat("the %d file%s before it stay%s imported", files_done,
                                    files_done == 1 ? "" : "s", files_done == 1 ? "s" : ""));
  }
  if (!not_attempted.empty()) {
    std::vector<std::string> names;
    for (const std::string& name : not_attempted) names.push_back(ledger::EscapeForMessage(name));
    notes.push_back(absl::StrFormat("%d file%s after it %s not attempted: %s",
                                    not_attempted.size(), not_attempted.size() == 1 ? "" : "s",
                                    not_attempted.size() == 1 ? "was" : "were",
                                    absl::StrJoin(names, " ")));
  }
  if (!notes.empty()) head += " (" + absl::StrJoin(notes, "; ") + ")";
  if (const std::string kind = OtherInputKind(contents); !kind.empty()) {
    head += "; " + kind + "; import reads event files, JSON Lines with one event a line";
  }
  return absl::Status(status.code(), absl::StrFormat("%s:\n%s", head, status.message()));
}

[[nodiscard]] absl::Status RunImport(const std::vector<std::string>& files) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadWrite));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadLatestRules(*store));

  std::optional<CsvWriter> csv;
  if (format == Format::kCsv) {
    csv.emplace(stdout, std::vector<Column>{{"file"},
                                            {"events_read", ColumnKind::kCount},
                                            {"appended", ColumnKind::kCount},
                                            {"duplicates", ColumnKind::kCount},
                                            {"first_sequence", ColumnKind::kCount},
                                            {"last_sequence", ColumnKind::kCount}});
  }
  for (size_t i = 0; i < files.size(); ++i) {
    // "-" is standard input; errors and the summary call it "stdin".
    const std::string& path = files[i];
    const std::string file = path == kStdinPath ? "stdin" : path;
    absl::StatusOr<std::string> contents = ReadInputFile(path);
    const std::span<const std::string> after = std::span(files).subspan(i + 1);
    if (!contents.ok()) return Refused(contents.status(), file, i, after);
    absl::StatusOr<ledger::ImportSummary> summary;
    {
      ProgressLine progress(absl::StrFormat("checking %s", file));
      summary = ledger::ImportEvents(
          *store, rules, file, *contents, NowMicros(),
          [&progress](int64_t done, int64_t total) { progress.Update(done, total); });
    }  // the progress line is erased before anything else is printed
    if (!summary.ok()) {
      absl::Status refused = Refused(summary.status(), file, i, after, *contents);
      // Storage failures keep their exit status (3); the rest exit 1.
      return ExitCodeFor(summary.status()) == kExitStorage ? StorageError(refused)
                                                           : refused;
    }
    spdlog::debug("{}: sequences {}", file, SequenceRange(*summary));
    PrintSummary(format, file, *summary, csv ? &*csv : nullptr);
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand ImportCommand() {
  return {
      .name = "import",
      .synopsis = "--db DIR FILE... (- reads standard input)",
      .brief = "Import event files (JSON Lines), each as one atomic batch.",
      .summary =
          "Imports event files (JSON Lines, shared/spec/interchange.md) in order.\n"
          "Each file is one atomic batch: every line is checked against the ledger\n"
          "first, and one bad line refuses the whole file with every error listed\n"
          "as FILE:LINE: field: message (exit 1). An event id already in the ledger\n"
          "with the same content is counted as a duplicate, not appended again.\n"
          "Prints one summary per file: events read, appended, duplicates, sequences.",
      .flags = {{"db", "db", "DIR"}, {"format", "format", "table|json|csv"}},
      .examples = {{"import --db scratch/zhangye tools/examples/history/zhangye.jsonl",
                    "797 events appended (a second run: 797 duplicates, nothing appended)"},
                   {"import --db scratch/zhangye - < tools/examples/history/zhangye.jsonl",
                    "the same file from standard input"}},
      .min_args = 1,
      .max_args = -1,
      .run = RunImport,
  };
}

}  // namespace ledgerctl
