// Printing rows of text as an aligned table or as CSV, for every query
// subcommand: the one place that decides how a cell looks. (JSON output is
// per subcommand: one compact object per line.)
//
// CSV, for spreadsheets (docs/cli.md "CSV"): UTF-8 with a byte-order mark
// (Excel on a Chinese Windows reads BOM-less UTF-8 as GBK), RFC 4180 (CRLF
// line ends, every text cell quoted, quotes doubled), a fixed column set per
// command, numbers bare. Excel ignores RFC quoting when it guesses types on
// open: "2022-07" quoted still becomes a date and "0123" a number. What it
// honours is a text formula, so ids, codes and periods are written
// ="2022-07" (CSV-quoted: "=""2022-07"""); Excel and LibreOffice show the
// text, a script strips the ="..." (or reads --format json). Any other text
// cell that starts with = + - @ (or a tab or CR) gets a leading ' so a
// spreadsheet shows it instead of running it as a formula.
#ifndef TOOLS_LEDGERCTL_OUTPUT_H_
#define TOOLS_LEDGERCTL_OUTPUT_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace ledgerctl {

// What a column holds: it decides how a cell is written.
enum class ColumnKind {
  kText,   // free text: quoted, formula characters neutralised
  kId,     // an id, code or period a spreadsheet must keep as text: ="..."
  kCount,  // an integer (a count, a sequence): bare
  kFen,    // an amount, integer fen: bare in CSV
};

struct Column {
  std::string name;  // the CSV header; upper-cased for the table (a kFen
                     // column's "_fen" dropped when it shows yuan)
  ColumnKind kind = ColumnKind::kText;
  bool wide_only = false;  // a table shows it only with --wide (csv always)
};

// How a table is drawn (docs/cli.md "Tables"). Default: amounts in yuan,
// fitted to kTableWidth columns.
struct TableStyle {
  bool fen = false;   // --fen: amounts as integer fen, as json and csv have them
  bool wide = false;  // --wide: every column, nothing cut
  bool zh = false;    // --lang zh: headers in Chinese (default English)
};
inline constexpr size_t kTableWidth = 120;

// Returns the Chinese header for a column name ("outstanding_fen" ->
// "欠缴"), or "" when there is none (the English header is used).
std::string_view ChineseHeader(std::string_view column_name);

// Returns integer fen as yuan with two decimals and thousands grouped:
// 123456 -> "1,234.56", -5 -> "-0.05". Exact for every int64.
std::string YuanText(int64_t amount_fen);

// Returns "1 employer" or "3 employers": `count` and the noun in agreement.
std::string Counted(int64_t count, std::string_view singular, std::string_view plural);
// Returns `amount_fen` as a table shows it under `style`: yuan, or fen.
std::string AmountText(int64_t amount_fen, const TableStyle& style);

// A totals row (RowKind::kTotal) has "TOTAL" in its first cell, whatever
// that column's kind, so a spreadsheet filter or a script finds it.
enum class RowKind { kData, kTotal };
inline constexpr char kTotalLabel[] = "TOTAL";

// Writes CSV rows as they come (a city's `owed --all` is never held in
// memory): the BOM and the header before the first row, or at Finish() when
// there is none. Not thread-safe.
class CsvWriter {
 public:
  CsvWriter(std::FILE* out, std::vector<Column> columns);
  ~CsvWriter() = default;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Writes one row; a row shorter than the columns is padded with empty
  // cells, a longer one is a programming error (the extra cells are dropped).
  void WriteRow(const std::vector<std::string>& cells, RowKind kind = RowKind::kData);
  // Writes the BOM and header if no row did; call once after the last row.
  void Finish();

 private:
  void WriteHeaderOnce();

  std::FILE* out_;
  std::vector<Column> columns_;
  bool header_written_ = false;
};

class TextTable {
 public:
  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // Adds a row; a row shorter than the columns is padded with empty cells.
  void AddRow(std::vector<std::string> cells, RowKind kind = RowKind::kData);
  size_t rows() const { return rows_.size(); }

  // Writes the headers (upper case) and rows, columns separated by two spaces
  // and padded to the widest cell; numbers (kCount, kFen) right-aligned,
  // amounts in yuan unless style.fen. Without style.wide the wide_only
  // columns are left out and a last text column is cut ("…") so that lines
  // fit kTableWidth. Widths count code points, CJK as two columns.
  void PrintAligned(std::FILE* out, const TableStyle& style) const;
  // Writes the rows as CSV (CsvWriter), the header even when there are none.
  void PrintCsv(std::FILE* out) const;

 private:
  struct Row {
    std::vector<std::string> cells;
    RowKind kind;
  };
  std::vector<Column> columns_;
  std::vector<Row> rows_;
};

// Returns one CSV field for `cell` in a column of `kind`, quoted and escaped
// as the comment at the top says. The only CSV escaping in ledgerctl.
std::string CsvCell(std::string_view cell, ColumnKind kind = ColumnKind::kText);
// Returns `text` cut to `width` display columns, "…" marking a cut.
std::string CutToWidth(const std::string& text, size_t width);
// Returns the approximate terminal width of UTF-8 `text`.
size_t DisplayWidth(std::string_view text);

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_OUTPUT_H_
