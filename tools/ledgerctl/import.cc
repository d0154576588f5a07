// ledgerctl import --db DIR FILE...: each file, in order, becomes one atomic
// batch (ledger/ingest/importer.h). A refused file appends nothing and stops
// the run; files before it stay imported, which the error says.
#include <cstdio>
#include <optional>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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
  switch (format) {
    case Format::kTable:
      absl::PrintF("%s: %d read, %d appended, %d duplicates, sequences %s\n",
                   ledger::EscapeForMessage(file),
                   summary.events_read, summary.appended, summary.duplicates,
                   SequenceRange(summary));
      break;
    case Format::kJson:
      absl::PrintF(
          "{\"file\":%s,\"events_read\":%d,\"appended\":%d,\"duplicates\":%d,"
          "\"first_sequence\":%d,\"last_sequence\":%d}\n",
          ledger::JsonQuote(file), summary.events_read, summary.appended,
          summary.duplicates, summary.first_sequence, summary.last_sequence);
      break;
    case Format::kCsv: {
      csv->WriteRow({file, absl::StrCat(summary.events_read), absl::StrCat(summary.appended),
                    absl::StrCat(summary.duplicates), absl::StrCat(summary.first_sequence),
                    absl::StrCat(summary.last_sequence)});
      break;
    }
  }
  std::fflush(stdout);  // a script tailing the output sees each file at once
}

// Returns `status` with a first line saying which file was refused and what
// happened to the others; the error list follows unchanged.
absl::Status Refused(const absl::Status& status, const std::string& file,
                     size_t files_done) {
  std::string head = absl::StrFormat("%s refused, nothing from it was appended",
                                     ledger::EscapeForMessage(file));
  if (files_done > 0) {
    head += absl::StrFormat(" (the %d file%s before it stay%s imported)", files_done,
                            files_done == 1 ? "" : "s", files_done == 1 ? "s" : "");
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
    if (!contents.ok()) return Refused(contents.status(), file, i);
    absl::StatusOr<ledger::ImportSummary> summary;
    {
      ProgressLine progress(absl::StrFormat("checking %s", file));
      summary = ledger::ImportEvents(
          *store, rules, file, *contents, NowMicros(),
          [&progress](int64_t done, int64_t total) { progress.Update(done, total); });
    }  // the progress line is erased before anything else is printed
    if (!summary.ok()) {
      absl::Status refused = Refused(summary.status(), file, i);
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
