// Every command's --format csv, through the built CLI on the bundled sample
// data, checked by tests/cli/check_csv.py with Python's csv module: the BOM,
// CRLF, the documented column set, numbers bare, ids ="...", no cell a
// spreadsheet would run, the TOTAL rows and figures from
// tools/examples/README.md. And every --format json: JSON Lines of compact
// objects; every table: yuan, right-aligned, within 120 columns.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/json.h"
#include "tests/cli/cli_runner.h"
#include "tools/ledgerctl/output.h"

namespace ledger::testing {
namespace {

const std::string kSource = std::string(LEDGER_SOURCE_DIR);
const std::string kExamples = kSource + "/tools/examples/";

class CsvCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new std::filesystem::path(MakeScratchDir("csv_cli"));
    for (const char* area : {"zhangye", "jinan"}) {
      const std::string db = Db(area);
      ASSERT_EQ(RunLedgerctl(*scratch_, {"init", "--db", db, "--rules",
                                         kExamples + "rules/" + area + ".json"})
                    .exit_code,
                0);
      const CliResult imported =
          RunLedgerctl(*scratch_, {"import", "--db", db, "--format", "csv",
                                   kExamples + "history/" + area + ".jsonl"});
      ASSERT_EQ(imported.exit_code, 0) << imported.err;
      std::ofstream(*scratch_ / (std::string(area) + "-import.csv"), std::ios::binary)
          << imported.out;
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*scratch_);
    delete scratch_;
  }
  static std::string Db(const std::string& area) { return (*scratch_ / area).string(); }

  // Checks `csv` as check_csv.py's `kind`; the failure shows its findings.
  static void ExpectCsv(const std::string& kind, const std::string& csv) {
    const std::filesystem::path file = *scratch_ / (kind + ".csv");
    std::ofstream(file, std::ios::binary) << csv;
    const CliResult checked = RunProgram(
        *scratch_, {"python3", kSource + "/tests/cli/check_csv.py", kind, file.string()});
    EXPECT_EQ(checked.exit_code, 0) << checked.err << "\n" << csv.substr(0, 2000);
  }

  // Runs ledgerctl with `args` and --format csv; expects `exit_code`.
  static std::string Csv(std::vector<std::string> args, int exit_code = 0) {
    args.push_back("--format");
    args.push_back("csv");
    const CliResult result = RunLedgerctl(*scratch_, args);
    EXPECT_EQ(result.exit_code, exit_code) << result.err;
    return result.out;
  }

  static std::filesystem::path* scratch_;
};

std::filesystem::path* CsvCliTest::scratch_ = nullptr;

TEST_F(CsvCliTest, Import) {
  ExpectCsv("import", ReadWholeFile(*scratch_ / "zhangye-import.csv"));
}

TEST_F(CsvCliTest, EventsHaveTheSameColumnsForEveryEmployer) {
  ExpectCsv("events", Csv({"events", "--db", Db("jinan"), "--employer", "91370102MA2HHGPCEK"}));
  ExpectCsv("events", Csv({"events", "--db", Db("zhangye"), "--employer", "91620722MAE1W55H2H"}));
}

TEST_F(CsvCliTest, OwedOneEmployerEndsWithItsTotals) {
  ExpectCsv("owed", Csv({"owed", "--db", Db("zhangye"), "--employer", "91620722MAE1W55H2H",
                         "--as-of", "2023-06-30"}));
}

TEST_F(CsvCliTest, OwedAllIsOneRowPerEmployerAndATotal) {
  ExpectCsv("owed-all", Csv({"owed", "--db", Db("zhangye"), "--all", "--as-of", "2023-06-30"}));
}

TEST_F(CsvCliTest, ClearanceIsTheBlockingRowsWithoutProse) {
  const std::string csv = Csv({"clearance", "--db", Db("zhangye"), "--employer",
                               "91620722MAE1W55H2H", "--as-of", "2023-06-30"},
                              /*exit_code=*/4);
  ExpectCsv("clearance", csv);
}

TEST_F(CsvCliTest, Status) {
  ExpectCsv("status", Csv({"status", "--db", Db("jinan"), "--employer", "91370102MA2HHGPCEK",
                           "--as-of", "2022-12-31"}));
}

TEST_F(CsvCliTest, DeferAutoDryRun) {
  ExpectCsv("defer-auto", Csv({"defer", "auto", "--db", Db("zhangye"), "--policy", "gs-2022",
                               "--date", "2022-08-15", "--dry-run"}));
}

TEST_F(CsvCliTest, ReportMonthlyAndMerge) {
  ExpectCsv("report-monthly",
            Csv({"report", "monthly", "--db", Db("zhangye"), "--month", "2022-09"}));
  std::vector<std::string> files;
  for (const char* area : {"zhangye", "jinan"}) {
    const CliResult json = RunLedgerctl(
        *scratch_, {"report", "monthly", "--db", Db(area), "--month", "2022-09"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    files.push_back((*scratch_ / (std::string(area) + "-2022-09.jsonl")).string());
    std::ofstream(files.back(), std::ios::binary) << json.out;
  }
  ExpectCsv("report-merge", Csv({"report", "merge", files[0], files[1]}));
}

TEST_F(CsvCliTest, ReportSla) {
  ExpectCsv("report-sla", Csv({"report", "sla", "--db", Db("jinan"), "--as-of", "2022-12-31"}));
}

TEST_F(CsvCliTest, ReportArrears) {
  ExpectCsv("report-arrears",
            Csv({"report", "arrears", "--db", Db("zhangye"), "--as-of", "2023-06-30"}));
}

TEST_F(CsvCliTest, FormulaLikeTextIsShownNotRunAndLeadingZerosStay) {
  const std::string db = (*scratch_ / "formula").string();
  ASSERT_EQ(RunLedgerctl(*scratch_, {"init", "--db", db, "--rules",
                                     kExamples + "rules/zhangye.json"})
                .exit_code,
            0);
  const std::filesystem::path events = *scratch_ / "formula.jsonl";
  std::ofstream(events, std::ios::binary)
      << R"({"event_id":"r1","type":"employer_registered","employer_id":"0012",)"
         R"("effective_date":"2020-03-01","recorded_at":"2022-07-01T09:00:00+08:00",)"
         R"json("name":"=HYPERLINK(\"http://x\",\"y\")","pooling_area":"620700",)json"
         R"("entity_type":"enterprise","size_class":"small"})"
         "\n";
  const CliResult imported = RunLedgerctl(*scratch_, {"import", "--db", db, events.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  const std::string status =
      Csv({"status", "--db", db, "--employer", "0012", "--as-of", "2022-09-30"});
  ExpectCsv("status", status);
  // The id as a text formula, the name with a leading ' (quotes doubled).
  EXPECT_NE(status.find(R"csv("=""0012""","'=HYPERLINK(""http://x"",""y"")",)csv"), std::string::npos)
      << status;
  const std::string owed = Csv({"owed", "--db", db, "--all", "--as-of", "2022-09-30"});
  EXPECT_NE(owed.find(R"("=""0012""","'=HYPERLINK()"), std::string::npos) << owed;
}

// Returns how many lines `out` has after checking that each is one compact
// JSON object: parses alone, no indentation, no blank after ':' or ','
// outside strings (none of the sample's strings hold ": " or ", ").
size_t ExpectJsonLines(const std::string& what, const std::string& out) {
  size_t lines = 0;
  for (size_t begin = 0; begin < out.size(); ++lines) {
    const size_t end = out.find('\n', begin);
    EXPECT_NE(end, std::string::npos) << what << ": the last line has no newline";
    const std::string line = out.substr(begin, end - begin);
    begin = end == std::string::npos ? out.size() : end + 1;
    absl::StatusOr<JsonValue> parsed = ParseJson(line);
    EXPECT_TRUE(parsed.ok() && parsed->kind() == JsonValue::Kind::kObject)
        << what << " line " << lines + 1 << ": " << line.substr(0, 200);
    EXPECT_EQ(line.find("\": "), std::string::npos) << what << ": not compact: " << line;
  }
  EXPECT_GT(lines, 0u) << what;
  return lines;
}

TEST_F(CsvCliTest, EveryJsonOutputIsJsonLinesOfCompactObjects) {
  auto json = [](std::vector<std::string> args, int exit_code = 0) {
    args.push_back("--format=json");
    const CliResult result = RunLedgerctl(*scratch_, args);
    EXPECT_EQ(result.exit_code, exit_code) << result.err;
    return result.out;
  };
  const std::string zhangye = Db("zhangye"), jinan = Db("jinan");
  // One answer, one line: owed --employer was pretty-printed over hundreds.
  EXPECT_EQ(ExpectJsonLines("owed", json({"owed", "--db", zhangye, "--employer",
                                          "91620722MAE1W55H2H", "--as-of", "2023-06-30"})),
            1u);
  EXPECT_EQ(ExpectJsonLines("clearance",
                            json({"clearance", "--db", zhangye, "--employer",
                                  "91620722MAE1W55H2H", "--as-of", "2023-06-30"},
                                 4)),
            1u);
  EXPECT_EQ(ExpectJsonLines("status", json({"status", "--db", jinan, "--employer",
                                            "91370102MA2HHGPCEK", "--as-of", "2022-12-31"})),
            1u);
  EXPECT_EQ(ExpectJsonLines("trace", json({"trace", "--db", jinan, "--employer",
                                           "91370102MA2HHGPCEK", "--as-of", "2022-11-30"})),
            1u);
  EXPECT_EQ(ExpectJsonLines("owed --all",
                            json({"owed", "--db", zhangye, "--all", "--as-of", "2023-06-30"})),
            20u);
  EXPECT_EQ(ExpectJsonLines("events", json({"events", "--db", jinan, "--employer",
                                            "91370102MA2HHGPCEK"})),
            44u);  // README: "of all 44 events recorded"
  EXPECT_EQ(ExpectJsonLines("import", json({"import", "--db", zhangye,
                                            kExamples + "history/zhangye.jsonl"})),
            1u);
  ExpectJsonLines("defer auto", json({"defer", "auto", "--db", zhangye, "--policy", "gs-2022",
                                      "--date", "2022-08-15", "--dry-run"}));
  EXPECT_EQ(ExpectJsonLines("report monthly",
                            json({"report", "monthly", "--db", zhangye, "--month", "2022-09"})),
            7u);  // one per pooling area of zhangye.json
  ExpectJsonLines("report sla", json({"report", "sla", "--db", jinan, "--as-of", "2022-12-31"}));
  ExpectJsonLines("report arrears",
                  json({"report", "arrears", "--db", zhangye, "--as-of", "2023-06-30"}));
}

// Returns the display column where `needle`'s first occurrence in `line` ends.
size_t EndColumn(const std::string& line, const std::string& needle) {
  const size_t at = line.find(needle);
  EXPECT_NE(at, std::string::npos) << needle << " not in: " << line;
  return at == std::string::npos ? 0 : ledgerctl::DisplayWidth(line.substr(0, at + needle.size()));
}

std::string LineWith(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return "";
  const size_t begin = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  return text.substr(begin, text.find('\n', at) - begin);
}

TEST_F(CsvCliTest, TablesShowYuanRightAlignedWithinOneHundredTwentyColumns) {
  auto table = [](std::vector<std::string> args, int exit_code = 0) {
    args.push_back("--format=table");
    const CliResult result = RunLedgerctl(*scratch_, args);
    EXPECT_EQ(result.exit_code, exit_code) << result.err;
    return result.out;
  };
  const std::string zhangye = Db("zhangye"), jinan = Db("jinan");
  const std::string all = table({"owed", "--db", zhangye, "--all", "--as-of", "2023-06-30"});
  // 91620722MAE1W55H2H: 854 100 fen outstanding, 788 400 overdue, 77 397 of
  // fees, next due 65 700 on 2023-06-30 (tools/examples/README.md K3).
  const std::string unpaid = LineWith(all, "91620722MAE1W55H2H");
  EXPECT_NE(unpaid.find("民乐县六坝粮油购销\u2026"), std::string::npos) << unpaid;
  for (const char* figure : {"8,541.00", "7,884.00", "773.97", "2023-06-30 657.00"}) {
    EXPECT_NE(unpaid.find(figure), std::string::npos) << figure << " in " << unpaid;
  }
  // TOTAL: fees 106 + 77 397 + 1 764 = 79 267 fen; credit 8 250 (K5).
  const std::string total = LineWith(all, "TOTAL");
  EXPECT_NE(total.find("792.67"), std::string::npos) << total;
  EXPECT_NE(total.find("82.50"), std::string::npos) << total;
  const std::string header = all.substr(0, all.find('\n'));
  EXPECT_EQ(EndColumn(unpaid, "8,541.00"), EndColumn(header, "OUTSTANDING")) << all;
  EXPECT_EQ(EndColumn(total, "792.67"), EndColumn(header, "LATE_FEE_OUTSTANDING")) << all;

  const std::string wide =
      table({"owed", "--db", zhangye, "--all", "--as-of", "2023-06-30", "--wide", "--fen"});
  EXPECT_NE(LineWith(wide, "91620722MAE1W55H2H").find("民乐县六坝粮油购销有限公司"),
            std::string::npos);
  EXPECT_NE(wide.find("PRINCIPAL_FEN"), std::string::npos);
  EXPECT_NE(LineWith(wide, "91620722MAE1W55H2H").find(" 854100 "), std::string::npos) << wide;

  const std::string one = table({"owed", "--db", jinan, "--employer", "91370102MA2HHGPCEK",
                                 "--as-of", "2022-11-30"});
  EXPECT_NE(one.find("employer 91370102MA2HHGPCEK 济南泉城云智软件有限公司"), std::string::npos);
  // After the revocation: 6 174 + 3 954 + 2 020 = 12 148 fen of fees (K4).
  EXPECT_NE(one.find("late fee 121.48"), std::string::npos) << one;
  EXPECT_EQ(one.find("ORIGINAL_DUE_DATE"), std::string::npos) << "a --wide column";
  EXPECT_NE(table({"owed", "--db", jinan, "--employer", "91370102MA2HHGPCEK", "--as-of",
                   "2022-11-30", "--wide"})
                .find("ORIGINAL_DUE_DATE"),
            std::string::npos);

  const std::vector<std::string> outputs = {
      all,
      one,
      table({"clearance", "--db", zhangye, "--employer", "91620722MAE1W55H2H", "--as-of",
             "2023-06-30"},
            4),
      table({"events", "--db", jinan, "--employer", "91370102MA2HHGPCEK"}),
      table({"defer", "auto", "--db", zhangye, "--policy", "gs-2022", "--date", "2022-08-15",
             "--dry-run"}),
      table({"report", "monthly", "--db", zhangye, "--month", "2022-09"}),
      table({"report", "sla", "--db", jinan, "--as-of", "2022-12-31"}),
      table({"report", "arrears", "--db", zhangye, "--as-of", "2023-06-30"})};
  // The sentences around a table (titles, totals, reasons) are not table lines.
  const std::vector<std::string> prose = {"employer ", "totals ", "tie-out", "monthly deferral",
                                          "policy ", "granted ", "would grant ", "area ",
                                          "chain head", "91620722MAE1W55H2H ", "arrears "};
  for (const std::string& out : outputs) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
      if (std::any_of(prose.begin(), prose.end(),
                      [&](const std::string& p) { return line.starts_with(p); })) {
        continue;
      }
      EXPECT_LE(ledgerctl::DisplayWidth(line), ledgerctl::kTableWidth) << line;
    }
  }
}

}  // namespace
}  // namespace ledger::testing
