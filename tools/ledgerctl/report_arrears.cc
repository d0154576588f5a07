// ledgerctl report arrears --db DIR --as-of D [--known-at T] [--area CODE]
//   [--min-overdue-fen N] [--format table|json|csv]: the collection list,
// every employer with overdue principal as of D, largest first, aged by
// days past due. The logic is ledger/report/arrears.h; this file parses the
// flags and prints (json: one object per employer, as interchange.md; table
// and csv: one row per employer and a TOTAL row).
#include <cstdio>
#include <optional>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/json.h"
#include "ledger/money.h"
#include "ledger/report/arrears.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/pass_progress.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_DECLARE_FLAG(std::string, as_of);  // owed.cc
ABSL_DECLARE_FLAG(std::string, area);   // report_monthly.cc
ABSL_FLAG(int64_t, min_overdue_fen, 0,
          "report arrears: list only employers with at least this much overdue principal (fen).");

namespace ledgerctl {
namespace {

using ledger::ArrearsLine;
using ledger::kAgingBuckets;

std::string DateOrEmpty(const std::optional<absl::CivilDay>& day) {
  return day ? ledger::FormatDate(*day) : "";
}

std::string LineJson(const ArrearsLine& line) {
  std::string buckets;
  for (size_t b = 0; b < kAgingBuckets; ++b) {
    absl::StrAppendFormat(&buckets, "%s\"%s\":%d", b == 0 ? "" : ",",
                          ledger::AgingBucketName(b), line.buckets_fen[b]);
  }
  return absl::StrFormat(
      "{\"employer_id\":%s,\"name\":%s,\"pooling_area\":%s,\"overdue_fen\":%d,"
      "\"buckets\":{%s},\"late_fee_outstanding_fen\":%d,\"deferred_outstanding_fen\":%d,"
      "\"oldest_due_date\":\"%s\",\"last_payment_date\":%s}",
      ledger::JsonQuote(line.employer_id), ledger::JsonQuote(line.name),
      ledger::JsonQuote(line.pooling_area), line.overdue_fen, buckets,
      line.late_fee_outstanding_fen, line.deferred_outstanding_fen,
      ledger::FormatDate(line.oldest_due_date),
      line.last_payment_date ? ledger::JsonQuote(ledger::FormatDate(*line.last_payment_date))
                             : "null");
}

// The csv's columns; the figures (overdue_fen .. deferred_outstanding_fen)
// are the ones the TOTAL row sums.
std::vector<Column> CsvColumns() {
  using K = ColumnKind;
  return {{"employer_id", K::kId},
          {"name", K::kText},
          {"pooling_area", K::kId},
          {"overdue_fen", K::kFen},
          {"overdue_1_30_fen", K::kFen},
          {"overdue_31_90_fen", K::kFen},
          {"overdue_91_180_fen", K::kFen},
          {"overdue_181_365_fen", K::kFen},
          {"overdue_over_365_fen", K::kFen},
          {"late_fee_outstanding_fen", K::kFen},
          {"deferred_outstanding_fen", K::kFen},
          {"oldest_due_date", K::kText},
          {"last_payment_date", K::kText}};
}

// The table's: the buckets headed as in json, the name last (a narrow table
// cuts it to what is left of 120 columns), the area, fees, deferred and
// last payment with --wide only.
std::vector<Column> TableColumns() {
  using K = ColumnKind;
  std::vector<Column> columns = {{"employer_id", K::kId},
                                 {"pooling_area", K::kId, /*wide_only=*/true},
                                 {"overdue_fen", K::kFen}};
  for (size_t b = 0; b < kAgingBuckets; ++b) {
    columns.push_back({std::string(ledger::AgingBucketName(b)), K::kFen});
  }
  columns.push_back({"late_fee_outstanding_fen", K::kFen, /*wide_only=*/true});
  columns.push_back({"deferred_outstanding_fen", K::kFen, /*wide_only=*/true});
  columns.push_back({"oldest_due", K::kText});
  columns.push_back({"last_payment", K::kText, /*wide_only=*/true});
  columns.push_back({"name", K::kText});
  return columns;
}

// overdue, the five buckets, late fee outstanding, deferred outstanding.
constexpr size_t kFigures = 3 + kAgingBuckets;

std::vector<int64_t> Figures(const ArrearsLine& line) {
  std::vector<int64_t> figures = {line.overdue_fen};
  figures.insert(figures.end(), line.buckets_fen.begin(), line.buckets_fen.end());
  figures.push_back(line.late_fee_outstanding_fen);
  figures.push_back(line.deferred_outstanding_fen);
  return figures;
}

std::vector<std::string> FigureCells(const std::vector<int64_t>& figures) {
  std::vector<std::string> cells;
  for (const int64_t figure : figures) cells.push_back(absl::StrCat(figure));
  return cells;
}

// Returns the csv or table cells of one line (or the TOTAL row): id, name,
// area, figures, oldest due date, last payment date, in `format`'s order.
std::vector<std::string> Cells(Format format, std::string id, std::string name,
                               std::string area, const std::vector<int64_t>& figures,
                               std::string oldest, std::string last_payment) {
  std::vector<std::string> cells = FigureCells(figures);
  if (format == Format::kCsv) {
    cells.insert(cells.begin(), {std::move(id), std::move(name), std::move(area)});
    cells.push_back(std::move(oldest));
    cells.push_back(std::move(last_payment));
    return cells;
  }
  cells.insert(cells.begin(), {std::move(id), std::move(area)});
  cells.push_back(std::move(oldest));
  cells.push_back(std::move(last_payment));
  cells.push_back(std::move(name));
  return cells;
}

[[nodiscard]] absl::Status PrintRows(const std::vector<ArrearsLine>& lines, Format format,
                                     const std::string& heading) {
  TextTable table(format == Format::kCsv ? CsvColumns() : TableColumns());
  std::vector<int64_t> totals_fen(kFigures, 0);
  bool fits = true;
  for (const ArrearsLine& line : lines) {
    const std::vector<int64_t> figures = Figures(line);
    for (size_t f = 0; f < kFigures; ++f) fits &= ledger::AddFen(totals_fen[f], figures[f]);
    table.AddRow(Cells(format, line.employer_id, line.name, line.pooling_area, figures,
                       ledger::FormatDate(line.oldest_due_date),
                       DateOrEmpty(line.last_payment_date)));
  }
  if (!fits) {
    return absl::OutOfRangeError(
        "the TOTAL row's sums over the employers in arrears do not fit int64 fen; use "
        "--format json, or one --area at a time");
  }
  table.AddRow(Cells(format, kTotalLabel, absl::StrFormat("%d employer%s", lines.size(), lines.size() == 1 ? "" : "s"), "",
                     totals_fen, "", ""),
               RowKind::kTotal);
  if (format == Format::kCsv) {
    table.PrintCsv(stdout);
    return absl::OkStatus();
  }
  std::fputs(heading.c_str(), stdout);
  if (lines.empty()) {
    absl::PrintF("no employer has overdue principal: nothing to collect\n");
    return absl::OkStatus();
  }
  table.PrintAligned(stdout, TableStyleFromFlags());
  return absl::OkStatus();
}

[[nodiscard]] absl::Status RunReportArrears(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                   RequiredDateFlag("as-of", absl::GetFlag(FLAGS_as_of)));
  const int64_t min_overdue_fen = absl::GetFlag(FLAGS_min_overdue_fen);
  if (min_overdue_fen < 0) return UsageError("--min-overdue-fen must be 0 or more fen");
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, known_at_us));
  const ledger::ArrearsRequest request{as_of, known_at_us.value_or(NowMicros()),
                                       absl::GetFlag(FLAGS_area), min_overdue_fen};
  absl::StatusOr<std::vector<ArrearsLine>> lines;
  {
    // On a terminal, a count of employers folded; erased before anything prints.
    PassProgress progress(*store, "report arrears", /*streams_results=*/false);
    lines = ledger::ComputeArrears(*store, rules, request);
  }
  if (!lines.ok()) {
    // NotFound: an unknown --area (exit 1); FailedPrecondition: rules that
    // cannot price a view, as owed.
    return absl::IsNotFound(lines.status()) || absl::IsFailedPrecondition(lines.status())
               ? lines.status()
               : StorageError(lines.status());
  }
  if (format == Format::kJson) {
    for (const ArrearsLine& line : *lines) absl::PrintF("%s\n", LineJson(line));
    return absl::OkStatus();
  }
  int64_t overdue_fen = 0;
  for (const ArrearsLine& line : *lines) (void)ledger::AddFen(overdue_fen, line.overdue_fen);
  const std::string heading = absl::StrFormat(
      "arrears as of %s  known at %s  rules v%d: %d employer%s, overdue %s\n",
      ledger::FormatDate(as_of), ledger::FormatTimestamp(ledger::FromMicros(request.known_at_us)),
      rules.version(), lines->size(), lines->size() == 1 ? "" : "s", AmountText(overdue_fen, TableStyleFromFlags()));
  return PrintRows(*lines, format, heading);
}

}  // namespace

Subcommand ReportArrearsCommand() {
  return {
      .name = "report arrears",
      .synopsis = "--db DIR --as-of D [--known-at T] [--rules-version N] [--area CODE] "
                  "[--min-overdue-fen N] [--format table|json|csv]",
      .brief = "The collection list: every employer with overdue principal, largest first.",
      .summary =
          "Every employer with principal overdue on D (due before D, unpaid), largest\n"
          "first (ties by employer_id), with that principal aged by days past due\n"
          "(D - due date: 1-30, 31-90, 91-180, 181-365, over 365), the late fee still\n"
          "outstanding, the deferred principal not yet due, the oldest due date and the\n"
          "last payment. The figures are owed's: the buckets add up to overdue_fen,\n"
          "which is owed's totals.overdue_fen. json: one object per employer; table\n"
          "and csv: one row per employer and a TOTAL row (--wide: every column).",
      .flags = {{"db", "db", "DIR"},
                {"as-of", "as_of", "D"},
                {"known-at", "known_at", "TIME"},
                kRulesVersionFlag,
                {"area", "area", "CODE"},
                {"min-overdue-fen", "min_overdue_fen", "N"},
                {"format", "format", "table|json|csv"},
                kFenFlag,
                kWideFlag, kLangFlag},
      .examples = {{"report arrears --db scratch/zhangye --as-of 2023-06-30 --format table",
                    "who to chase first, amounts in yuan"},
                   {"report arrears --db scratch/jinan --as-of 2022-12-31 --min-overdue-fen "
                    "100000 --format csv > arrears.csv",
                    "the employers owing 1 000 yuan or more, for a spreadsheet"}},
      .run = RunReportArrears,
  };
}

}  // namespace ledgerctl
