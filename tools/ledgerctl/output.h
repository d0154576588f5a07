// Printing rows of text as an aligned table or as CSV, for every query
// subcommand. (JSON output is per subcommand: one object per line.)
#ifndef TOOLS_LEDGERCTL_OUTPUT_H_
#define TOOLS_LEDGERCTL_OUTPUT_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace ledgerctl {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {}

  // Adds a row; a row shorter than the headers is padded with empty cells.
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }

  // Writes the headers (upper case) and rows, columns separated by two spaces
  // and padded to the widest cell; the last column is not padded. Widths
  // count code points, CJK as two columns: close, not exact.
  void PrintAligned(std::FILE* out) const;
  // Writes RFC 4180 CSV: the header row as given, then the rows; a cell with
  // a comma, quote or line break is quoted, quotes doubled; lines end CRLF-free
  // ("\n"), as the payments file reader accepts.
  void PrintCsv(std::FILE* out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Returns `cell` quoted for CSV when it needs to be, else unchanged.
std::string CsvCell(std::string_view cell);
// Returns the approximate terminal width of UTF-8 `text`.
size_t DisplayWidth(std::string_view text);

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_OUTPUT_H_
