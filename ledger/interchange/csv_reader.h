// Reading CSV files that bureaus exchange (the payments file of
// shared/spec/interchange.md): RFC 4180 — comma-separated, fields quoted
// with '"' when they hold a comma, a quote (doubled) or a line break — UTF-8
// with or without a byte-order mark, lines ended by LF or CRLF. The header
// row is required; columns are found by name. The one CSV reader: every
// command that reads CSV calls it (writing is tools/ledgerctl/output.h).
#ifndef LEDGER_INTERCHANGE_CSV_READER_H_
#define LEDGER_INTERCHANGE_CSV_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ledger {

struct CsvRow {
  int64_t line = 0;                // 1-based line the row starts on
  std::vector<std::string> cells;  // unquoted
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  // blank lines skipped

  // Returns the index of the column named `name`, or nullopt.
  std::optional<size_t> Column(std::string_view name) const;
};

// Parses `text` (the bytes of `file_name`). InvalidArgument "FILE:LINE:
// what is wrong" for an empty file, text that is not UTF-8, a quote that
// never closes, or a stray quote. A row whose cell count differs from the
// header's is kept as it is: the caller says what that row lacks.
[[nodiscard]] absl::StatusOr<CsvTable> ParseCsv(std::string_view text,
                                                std::string_view file_name);

}  // namespace ledger

#endif  // LEDGER_INTERCHANGE_CSV_READER_H_
