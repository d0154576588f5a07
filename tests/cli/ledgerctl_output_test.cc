// tools/ledgerctl/output.h: yuan text, CSV cells, cutting to a width, the
// table's alignment. Through the CLI: csv_cli_test.
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/progress.h"

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

#include "gtest/gtest.h"

namespace ledgerctl {
namespace {

TEST(CountedTest, NounAgreesWithTheCount) {
  EXPECT_EQ(Counted(1, "row", "rows"), "1 row");
  EXPECT_EQ(Counted(0, "row", "rows"), "0 rows");
  EXPECT_EQ(Counted(2, "employer", "employers"), "2 employers");
}

TEST(YuanTextTest, TwoDecimalsAndThousandsGroupedFromIntegerFen) {
  EXPECT_EQ(YuanText(0), "0.00");
  EXPECT_EQ(YuanText(5), "0.05");
  EXPECT_EQ(YuanText(-5), "-0.05");
  EXPECT_EQ(YuanText(100), "1.00");
  EXPECT_EQ(YuanText(99999), "999.99");
  EXPECT_EQ(YuanText(100000), "1,000.00");
  EXPECT_EQ(YuanText(123456), "1,234.56");
  EXPECT_EQ(YuanText(-123456), "-1,234.56");
  EXPECT_EQ(YuanText(854100), "8,541.00");
  EXPECT_EQ(YuanText(100000000000), "1,000,000,000.00");
  // INT64_MIN has no positive counterpart in int64: the magnitude is unsigned.
  EXPECT_EQ(YuanText(std::numeric_limits<int64_t>::min()), "-92,233,720,368,547,758.08");
  EXPECT_EQ(YuanText(std::numeric_limits<int64_t>::max()), "92,233,720,368,547,758.07");
}

TEST(AmountTextTest, FenWhenAsked) {
  EXPECT_EQ(AmountText(854100, TableStyle{}), "8,541.00");
  EXPECT_EQ(AmountText(854100, TableStyle{.fen = true}), "854100");
}

TEST(CsvCellTest, QuotingByKind) {
  EXPECT_EQ(CsvCell("", ColumnKind::kText), "\"\"");
  EXPECT_EQ(CsvCell("", ColumnKind::kFen), "\"\"");
  EXPECT_EQ(CsvCell("-500", ColumnKind::kFen), "-500");
  EXPECT_EQ(CsvCell("12", ColumnKind::kCount), "12");
  EXPECT_EQ(CsvCell("a,\"b\"", ColumnKind::kText), "\"a,\"\"b\"\"\"");
  EXPECT_EQ(CsvCell("2022-07", ColumnKind::kId), "\"=\"\"2022-07\"\"\"");
  EXPECT_EQ(CsvCell("-1", ColumnKind::kText), "\"'-1\"");
  EXPECT_EQ(CsvCell("=1+1", ColumnKind::kText), "\"'=1+1\"");
  EXPECT_EQ(CsvCell("@SUM(A1)", ColumnKind::kText), "\"'@SUM(A1)\"");
  EXPECT_EQ(CsvCell("+86", ColumnKind::kText), "\"'+86\"");
  EXPECT_EQ(CsvCell("\tx", ColumnKind::kText), "\"'\tx\"");
  // An id past Excel's 255-character literal is plain (neutralised) text.
  EXPECT_EQ(CsvCell(std::string(256, 'x'), ColumnKind::kId), "\"" + std::string(256, 'x') + "\"");
  EXPECT_EQ(CsvCell("=" + std::string(255, 'x'), ColumnKind::kId),
            "\"'=" + std::string(255, 'x') + "\"");
}

TEST(CutToWidthTest, CountsWideCharactersTwice) {
  EXPECT_EQ(CutToWidth("abc", 3), "abc");
  EXPECT_EQ(CutToWidth("abcdef", 4), "abc\u2026");
  EXPECT_EQ(CutToWidth("张掖市甲商贸有限公司", 7), "张掖市\u2026");  // 6 + 1
  EXPECT_EQ(DisplayWidth("张掖市\u2026"), 7u);
}

std::string Printed(const TextTable& table, const TableStyle& style) {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  table.PrintAligned(out, style);
  std::fclose(out);
  std::string text(buffer, size);
  free(buffer);
  return text;
}

TEST(TextTableTest, NumbersRightAlignedAmountsInYuanWideColumnsOnlyWithWide) {
  TextTable table({{"period", ColumnKind::kId},
                   {"principal_fen", ColumnKind::kFen},
                   {"note", ColumnKind::kText, /*wide_only=*/true},
                   {"rows", ColumnKind::kCount}});
  table.AddRow({"2022-07", "6440000", "x", "3"});
  table.AddRow({"2022-08", "5", "y", "12"}, RowKind::kTotal);
  EXPECT_EQ(Printed(table, TableStyle{}),
            "PERIOD   PRINCIPAL  ROWS\n"
            "2022-07  64,400.00     3\n"
            "TOTAL         0.05    12\n");
  EXPECT_EQ(Printed(table, TableStyle{.fen = true, .wide = true}),
            "PERIOD   PRINCIPAL_FEN  NOTE  ROWS\n"
            "2022-07        6440000  x        3\n"
            "TOTAL                5  y       12\n");
}

TEST(TextTableTest, ALastTextColumnIsCutToFitTheWidthUnlessWide) {
  TextTable table({{"id", ColumnKind::kId}, {"message", ColumnKind::kText}});
  table.AddRow({"A", std::string(300, 'm')});
  const std::string narrow = Printed(table, TableStyle{});
  const std::string row = narrow.substr(narrow.find('\n') + 1);
  EXPECT_EQ(DisplayWidth(row.substr(0, row.size() - 1)), kTableWidth) << row;
  EXPECT_TRUE(row.ends_with("m\u2026\n")) << row;
  EXPECT_NE(Printed(table, TableStyle{.wide = true}).find(std::string(300, 'm')),
            std::string::npos);
}

// Returns what a ProgressLine drew on a memory stream.
template <typename Draw>
std::string Drawn(bool enabled, Draw draw) {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  {
    ProgressLine progress("owed --all", "employers", out, enabled, absl::ZeroDuration());
    draw(progress);
  }
  std::fclose(out);
  std::string text(buffer, size);
  free(buffer);
  return text;
}

TEST(ProgressLineTest, CountsAPassOfUnknownLengthAndErasesItself) {
  EXPECT_EQ(Drawn(true, [](ProgressLine& p) { p.Update(20, 0); }),
            "\rowed --all: 20 employers\033[K\r\033[K");
  EXPECT_EQ(Drawn(true, [](ProgressLine& p) { p.Update(3, 4); }),
            "\rowed --all: 3/4 employers (75%)\033[K\r\033[K");
  EXPECT_EQ(Drawn(false, [](ProgressLine& p) { p.Update(20, 0); }), "") << "not a terminal";
}

}  // namespace
}  // namespace ledgerctl
