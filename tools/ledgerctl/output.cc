#include "tools/ledgerctl/output.h"

#include <algorithm>
#include <utility>
#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/money.h"
#include "ledger/utf8.h"

namespace ledgerctl {
namespace {

// Returns the code point at text[*i] and advances *i past it; a byte that
// does not start well-formed UTF-8 counts as one narrow character.
uint32_t NextCodePoint(std::string_view text, size_t* i) {
  uint32_t code_point = 0;
  const size_t length = ledger::DecodeUtf8(text, *i, &code_point);
  if (length == 0) {
    code_point = static_cast<unsigned char>(text[*i]);
    *i += 1;
  } else {
    *i += length;
  }
  return code_point;
}

// East Asian wide ranges that matter here: CJK, Hangul, full-width forms.
bool IsWide(uint32_t code) {
  return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
         (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
         (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
         (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
}

void PrintRow(std::FILE* out, const std::vector<std::string>& cells,
              const std::vector<size_t>& widths, const std::vector<bool>& right) {
  std::string line;
  for (size_t c = 0; c < widths.size(); ++c) {
    const std::string empty;
    const std::string& cell = c < cells.size() ? cells[c] : empty;
    const size_t pad = widths[c] - std::min(widths[c], DisplayWidth(cell));
    if (right[c]) line.append(pad, ' ');
    line += cell;
    if (c + 1 < widths.size()) {
      if (!right[c]) line.append(pad, ' ');
      line.append(2, ' ');
    }
  }
  // Trailing blanks from empty last cells are noise.
  line.erase(line.find_last_not_of(' ') + 1);
  line += '\n';
  std::fputs(line.c_str(), out);
}

// Returns `text` cut to `width` display columns, "…" marking the cut.
std::string Cut(const std::string& text, size_t width) {
  if (DisplayWidth(text) <= width) return text;
  std::string cut;
  size_t used = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const size_t w = IsWide(NextCodePoint(text, &i)) ? 2 : 1;
    if (used + w + 1 > width) break;
    cut.append(text, start, i - start);
    used += w;
  }
  return cut + "\u2026";
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) width += IsWide(NextCodePoint(text, &i)) ? 2 : 1;
  return width;
}

namespace {

// Excel keeps a formula's string literal to 255 characters; a longer id is
// written as plain text.
constexpr size_t kExcelStringLiteralMax = 255;

std::string Quoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

bool IsInteger(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

// A spreadsheet runs a cell that starts with one of these as a formula.
bool StartsLikeFormula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
}

}  // namespace

std::string CsvCell(std::string_view cell, ColumnKind kind) {
  if (cell.empty()) return "\"\"";
  switch (kind) {
    case ColumnKind::kCount:
    case ColumnKind::kFen:
      if (IsInteger(cell)) return std::string(cell);
      break;
    case ColumnKind::kId:
      if (cell.size() <= kExcelStringLiteralMax) return Quoted("=" + Quoted(cell));
      break;
    case ColumnKind::kText:
      break;
  }
  if (StartsLikeFormula(cell)) return Quoted("'" + std::string(cell));
  return Quoted(cell);
}

CsvWriter::CsvWriter(std::FILE* out, std::vector<Column> columns)
    : out_(out), columns_(std::move(columns)) {}

void CsvWriter::WriteHeaderOnce() {
  if (header_written_) return;
  header_written_ = true;
  std::string line = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) line += ',';
    line += CsvCell(columns_[c].name);
  }
  line += "\r\n";
  std::fputs(line.c_str(), out_);
}

void CsvWriter::WriteRow(const std::vector<std::string>& cells, RowKind kind) {
  WriteHeaderOnce();
  std::string line;
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) line += ',';
    const std::string_view cell = c < cells.size() ? std::string_view(cells[c]) : "";
    const bool label = kind == RowKind::kTotal && c == 0;
    line += CsvCell(label ? std::string_view(kTotalLabel) : cell,
                    label ? ColumnKind::kText : columns_[c].kind);
  }
  line += "\r\n";
  std::fputs(line.c_str(), out_);
}

void CsvWriter::Finish() { WriteHeaderOnce(); }

void TextTable::AddRow(std::vector<std::string> cells, RowKind kind) {
  cells.resize(std::max(cells.size(), columns_.size()));
  if (kind == RowKind::kTotal) cells[0] = kTotalLabel;
  rows_.push_back(Row{std::move(cells), kind});
}

void TextTable::PrintAligned(std::FILE* out, const TableStyle& style) const {
  std::vector<size_t> shown;  // indexes of the columns drawn
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (style.wide || !columns_[c].wide_only) shown.push_back(c);
  }
  std::vector<std::string> headers;
  std::vector<bool> right;
  for (const size_t c : shown) {
    std::string name = columns_[c].name;
    const bool yuan = columns_[c].kind == ColumnKind::kFen && !style.fen;
    const std::string_view zh = style.zh ? ChineseHeader(name) : "";
    if (yuan && name.ends_with("_fen")) name.resize(name.size() - 4);
    if (!zh.empty()) {
      headers.emplace_back(zh);
      if (!yuan && columns_[c].kind == ColumnKind::kFen) headers.back() += "(分)";
    } else {
      headers.push_back(absl::AsciiStrToUpper(name));
    }
    right.push_back(columns_[c].kind == ColumnKind::kFen ||
                    columns_[c].kind == ColumnKind::kCount);
  }
  std::vector<std::vector<std::string>> rows;
  for (const Row& row : rows_) {
    std::vector<std::string> cells;
    for (const size_t c : shown) {
      const std::string& cell = row.cells[c];
      int64_t fen = 0;
      const bool amount = columns_[c].kind == ColumnKind::kFen && IsInteger(cell) &&
                          absl::SimpleAtoi(cell, &fen);
      cells.push_back(amount ? AmountText(fen, style) : cell);
    }
    rows.push_back(std::move(cells));
  }
  std::vector<size_t> widths;
  for (const std::string& header : headers) widths.push_back(DisplayWidth(header));
  for (const auto& cells : rows) {
    for (size_t c = 0; c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(cells[c]));
    }
  }
  // Narrow: a last text column takes what is left of kTableWidth.
  if (!style.wide && !widths.empty() && !right.back()) {
    size_t before = 0;
    for (size_t c = 0; c + 1 < widths.size(); ++c) before += widths[c] + 2;
    const size_t left = before + DisplayWidth(headers.back()) < kTableWidth
                            ? kTableWidth - before
                            : DisplayWidth(headers.back());
    for (auto& cells : rows) cells.back() = Cut(cells.back(), left);
    widths.back() = std::min(widths.back(), left);
  }
  PrintRow(out, headers, widths, right);
  for (const auto& cells : rows) PrintRow(out, cells, widths, right);
}

std::string CutToWidth(const std::string& text, size_t width) { return Cut(text, width); }

std::string_view ChineseHeader(std::string_view column_name) {
  // Every column name a table of ledgerctl prints; amounts without _fen.
  static constexpr std::pair<std::string_view, std::string_view> kHeaders[] = {
      {"employer_id", "单位编号"},       {"name", "单位名称"},
      {"period", "所属期"},              {"component", "缴费部分"},
      {"employee_id", "职工编号"},       {"principal_fen", "应缴"},
      {"paid_fen", "已缴"},              {"outstanding_fen", "欠缴"},
      {"overdue_fen", "逾期欠缴"},       {"original_due_date", "原缴费期限"},
      {"due_date", "缴费期限"},          {"deferred", "缓缴"},
      {"late_fee_fen", "滞纳金"},        {"late_fee_paid_fen", "已缴滞纳金"},
      {"late_fee_waived_fen", "免收滞纳金"}, {"late_fee_outstanding_fen", "欠缴滞纳金"},
      {"credit_fen", "预缴余额"},        {"next_due", "下次应缴"},
      {"sequence", "序号"},              {"recorded_at", "记录时间"},
      {"effective_date", "生效日期"},    {"type", "事件类型"},
      {"event_id", "事件编号"},          {"fields", "内容"},
      {"area", "统筹区"},                {"pooling_area", "统筹区"},
      {"verdict", "结论"},               {"first_period", "起始所属期"},
      {"last_period", "截止所属期"},     {"message", "说明"},
      {"policy_id", "政策编号"},         {"applied_on", "申请日期"},
      {"review_deadline", "审核期限"},   {"status", "状态"},
      {"decided_on", "决定日期"},        {"working_days_late", "逾期工作日"},
      {"figure", "项目"}};
  for (const auto& [name, zh] : kHeaders) {
    if (name == column_name) return zh;
  }
  return "";
}

std::string YuanText(int64_t amount_fen) {
  const uint64_t magnitude = ledger::Magnitude(amount_fen);
  return absl::StrFormat("%s%s.%02d", amount_fen < 0 ? "-" : "",
                         ledger::GroupThousands(magnitude / 100, ','), magnitude % 100);
}

std::string Counted(int64_t count, std::string_view singular, std::string_view plural) {
  return absl::StrCat(count, " ", std::string(count == 1 ? singular : plural));
}

std::string AmountText(int64_t amount_fen, const TableStyle& style) {
  return style.fen ? absl::StrCat(amount_fen) : YuanText(amount_fen);
}

void TextTable::PrintCsv(std::FILE* out) const {
  CsvWriter writer(out, columns_);
  for (const Row& row : rows_) writer.WriteRow(row.cells, row.kind);
  writer.Finish();
}

}  // namespace ledgerctl
