// See csv_reader.h.
#include "ledger/interchange/csv_reader.h"

#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "ledger/printable.h"
#include "ledger/utf8.h"

namespace ledger {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

absl::Status RowError(std::string_view file_name, int64_t line, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "%s:%d: %s", EscapeForMessage(file_name), line, std::string(what)));
}

}  // namespace

std::optional<size_t> CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

absl::StatusOr<CsvTable> ParseCsv(std::string_view text, std::string_view file_name) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (!IsValidUtf8(text)) {
    return RowError(file_name, 1,
                    "the file is not UTF-8 (a file saved by Excel on a Chinese Windows "
                    "is GB18030: give --encoding gb18030)");
  }
  std::vector<CsvRow> rows;
  int64_t line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    CsvRow row;
    row.line = line;
    std::string cell;
    bool row_done = false;
    while (!row_done) {
      cell.clear();
      if (pos < text.size() && text[pos] == '"') {
        const int64_t opened_on = line;
        ++pos;
        while (true) {
          if (pos >= text.size()) {
            return RowError(file_name, opened_on, "a quoted field never closes");
          }
          const char c = text[pos++];
          if (c == '"') {
            if (pos < text.size() && text[pos] == '"') {
              cell.push_back('"');
              ++pos;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          cell.push_back(c);
        }
        if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
            !(text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) {
          return RowError(file_name, line,
                          "text after a closing quote: a quote inside a field is written "
                          "as two quotes");
        }
      } else {
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
               !(text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) {
          if (text[pos] == '"') {
            return RowError(file_name, line,
                            "a quote inside an unquoted field: quote the whole field");
          }
          cell.push_back(text[pos++]);
        }
      }
      row.cells.push_back(std::move(cell));
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      // End of the row: LF, CRLF or the end of the text.
      if (pos < text.size() && text[pos] == '\r') ++pos;
      if (pos < text.size() && text[pos] == '\n') ++pos;
      ++line;
      row_done = true;
    }
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) rows.push_back(std::move(row));
  }
  if (rows.empty()) return RowError(file_name, 1, "the file is empty: a header row is required");
  CsvTable table;
  table.header = std::move(rows.front().cells);
  for (size_t i = 1; i < rows.size(); ++i) table.rows.push_back(std::move(rows[i]));
  return table;
}

}  // namespace ledger
