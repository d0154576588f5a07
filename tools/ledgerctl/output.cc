#include "tools/ledgerctl/output.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"

namespace ledgerctl {
namespace {

// Returns the code point starting at text[*i] and advances *i past it; a
// malformed byte counts as one narrow character.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  const auto byte = static_cast<unsigned char>(text[*i]);
  int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3
                                 : (byte >> 3) == 0x1E ? 4 : 1;
  if (*i + length > text.size()) length = 1;
  char32_t code = length == 1 ? byte : byte & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[*i + k]) & 0x3F);
  }
  *i += length;
  return code;
}

// East Asian wide ranges that matter here: CJK, Hangul, full-width forms.
bool IsWide(char32_t code) {
  return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
         (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
         (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
         (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
}

void PrintRow(std::FILE* out, const std::vector<std::string>& cells,
              const std::vector<size_t>& widths) {
  std::string line;
  for (size_t c = 0; c < widths.size(); ++c) {
    const std::string empty;
    const std::string& cell = c < cells.size() ? cells[c] : empty;
    line += cell;
    if (c + 1 < widths.size()) {
      line.append(widths[c] - DisplayWidth(cell) + 2, ' ');
    }
  }
  // Trailing blanks from empty last cells are noise.
  line.erase(line.find_last_not_of(' ') + 1);
  line += '\n';
  std::fputs(line.c_str(), out);
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) width += IsWide(NextCodePoint(text, &i)) ? 2 : 1;
  return width;
}

std::string CsvCell(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(cell);
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(std::max(cells.size(), headers_.size()));
  rows_.push_back(std::move(cells));
}

void TextTable::PrintAligned(std::FILE* out) const {
  std::vector<std::string> headers;
  std::vector<size_t> widths;
  for (const std::string& header : headers_) {
    headers.push_back(absl::AsciiStrToUpper(header));
    widths.push_back(DisplayWidth(header));
  }
  for (const auto& row : rows_) {
    for (size_t c = 0; c < widths.size() && c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  PrintRow(out, headers, widths);
  for (const auto& row : rows_) PrintRow(out, row, widths);
}

void TextTable::PrintCsv(std::FILE* out) const {
  auto print = [out](const std::vector<std::string>& cells, size_t count) {
    std::string line;
    for (size_t c = 0; c < count; ++c) {
      if (c > 0) line += ',';
      line += CsvCell(c < cells.size() ? cells[c] : std::string());
    }
    line += '\n';
    std::fputs(line.c_str(), out);
  };
  print(headers_, headers_.size());
  for (const auto& row : rows_) print(row, headers_.size());
}

}  // namespace ledgerctl
