// Runs the built ledgerctl binary as a user would, in a scratch directory,
// and checks what scripts depend on: exit statuses (0 ok, 1 refused, 2 usage,
// 3 storage, 4 the answer is no), stdout holding only results, errors naming FILE:LINE.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"

extern char** environ;

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// A small, valid rule set: one pooling area, one deferral policy.
constexpr char kRulesJson[] = R"({
  "version": 1,
  "name": "cli test rules",
  "late_fee": {"rate_bp_per_day": 5, "cap_at_principal": false},
  "pooling_areas": [{
    "code": "620700", "name": "张掖市", "fund_reserve_months": 14,
    "rates": [{"from_period": "2021-01", "employer_rate_bp": 700, "employee_rate_bp": 200}],
    "due": {"month_offset": 0, "day": 0},
    "roll_due_to_working_day": true
  }],
  "deferral_policies": [{
    "policy_id": "gs-2022", "pooling_areas": ["620700"],
    "window": {"first": "2022-07", "last": "2022-10"},
    "first_periods": ["2022-07", "2022-08"], "max_months": 3,
    "eligible_entity_types": ["enterprise"],
    "eligible_size_classes": ["micro", "small", "medium"],
    "min_fund_reserve_months": 6, "exclude_in_arrears": true,
    "catch_up_due": {"month_offset": 1, "day": 0},
    "acceleration": "on_event", "review_working_days": 3
  }],
  "calendar": {"holidays": ["2022-10-03"], "workdays": ["2022-10-08"]}
})";

// Three events of employer A, the first two with a recorded_at in 2022.
constexpr char kHistory[] =
    "# a comment line, skipped\n"
    R"({"event_id":"r1","type":"employer_registered","employer_id":"A","effective_date":"2020-03-01","recorded_at":"2022-07-01T09:00:00+08:00","name":"张掖市甲商贸有限公司","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n"
    R"({"event_id":"a7","type":"contribution_assessed","employer_id":"A","effective_date":"2022-07-05","recorded_at":"2022-07-05T09:00:00+08:00","period":"2022-07","lines":[{"employee_id":"E1","base_fen":500000},{"employee_id":"E2","base_fen":420000}]})"
    "\n"
    R"({"event_id":"p7","type":"contribution_paid","employer_id":"A","effective_date":"2022-07-28","amount_fen":18400,"period":"2022-07","component":"employee"})"
    "\n";

using ledger::testing::CliResult;
using ledger::testing::RunLedgerctl;
using RunResult = CliResult;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class LedgerctlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "ledgerctl_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = (dir_ / "ledger").string();
    Write("rules.json", kRulesJson);
    Write("history.jsonl", kHistory);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& contents) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path.string();
  }

  // Runs ledgerctl with `args`; stdout and stderr go to files in the scratch
  // directory (never a terminal, so the default format is json).
  RunResult Run(std::vector<std::string> args, const std::string& stdin_path = "/dev/null") {
    return RunLedgerctl(dir_, std::move(args), stdin_path);
  }

  // Creates the ledger and imports kHistory; asserts both succeed.
  void InitAndImport() {
    RunResult init = Run({"init", "--db", db_, "--rules", (dir_ / "rules.json").string()});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    RunResult import = Run({"import", "--db", db_, (dir_ / "history.jsonl").string()});
    ASSERT_EQ(import.exit_code, 0) << import.err;
  }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(LedgerctlTest, InitImportThenEventsAsJson) {
  RunResult init = Run({"init", "--db", db_, "--rules", (dir_ / "rules.json").string()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("rules version 1"));

  RunResult import = Run({"import", "--db", db_, (dir_ / "history.jsonl").string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_THAT(import.out, AllOf(HasSubstr("\"events_read\":3"), HasSubstr("\"appended\":3"),
                                HasSubstr("\"duplicates\":0"),
                                HasSubstr("\"first_sequence\":1"),
                                HasSubstr("\"last_sequence\":3")));

  RunResult events = Run({"events", "--db", db_, "--employer", "A"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  const std::vector<std::string> lines = Lines(events.out);
  ASSERT_EQ(lines.size(), 3u) << events.out;
  EXPECT_THAT(lines[0], AllOf(StartsWith("{\"sequence\":1,"), HasSubstr("\"event_id\":\"r1\""),
                              HasSubstr("\"type\":\"employer_registered\"")));
  EXPECT_THAT(lines[1], AllOf(StartsWith("{\"sequence\":2,"), HasSubstr("\"base_fen\":420000")));
  EXPECT_THAT(lines[2], AllOf(StartsWith("{\"sequence\":3,"), HasSubstr("\"amount_fen\":18400"),
                              HasSubstr("\"recorded_at\"")));
}

TEST_F(LedgerctlTest, EventsAsCsvAndTable) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult csv = Run({"events", "--db", db_, "--employer", "A", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::vector<std::string> rows = Lines(csv.out);
  ASSERT_EQ(rows.size(), 4u) << csv.out;
  // The BOM, every header quoted, CRLF (getline leaves the CR); the full
  // check of every command's CSV is csv_cli_test.
  EXPECT_EQ(rows[0],
            "\xEF\xBB\xBF\"sequence\",\"recorded_at\",\"effective_date\",\"type\","
            "\"event_id\",\"employer_id\",\"fields\"\r");
  EXPECT_THAT(rows[3], StartsWith("3,\"20"));
  EXPECT_THAT(rows[3], HasSubstr(",\"=\"\"p7\"\"\",\"=\"\"A\"\"\",\"{\"\"amount_fen\"\":18400,"));

  RunResult table = Run({"events", "--db", db_, "--employer", "A", "--format=table"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, AllOf(StartsWith("SEQUENCE"), HasSubstr("amount_fen=18400")));
}

TEST_F(LedgerctlTest, KnownAtHidesLaterRecordings) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult events = Run({"events", "--db", db_, "--employer", "A", "--known-at",
                          "2022-07-02T00:00:00+08:00"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  ASSERT_EQ(Lines(events.out).size(), 1u) << events.out;
  EXPECT_THAT(events.out, HasSubstr("\"event_id\":\"r1\""));

  RunResult bad = Run({"events", "--db", db_, "--employer", "A", "--known-at", "2022-07-02"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

TEST_F(LedgerctlTest, ImportingTheSameFileAgainCountsDuplicates) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult again = Run({"import", "--db", db_, (dir_ / "history.jsonl").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, AllOf(HasSubstr("\"appended\":0"), HasSubstr("\"duplicates\":3"),
                               HasSubstr("\"first_sequence\":null,\"last_sequence\":null}")));
}

TEST_F(LedgerctlTest, RefusedImportExitsOneNamesTheLineAndAppendsNothing) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  // Line 2 is good on its own; line 3 has a bad amount; line 4 an unknown employer.
  const std::string bad = Write(
      "bad.jsonl",
      "# header comment\n"
      R"({"event_id":"p8","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-28","amount_fen":100})"
      "\n"
      R"({"event_id":"p9","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-29","amount_fen":-5})"
      "\n"
      R"({"event_id":"p10","type":"contribution_paid","employer_id":"NOBODY","effective_date":"2022-08-29","amount_fen":5})"
      "\n");
  RunResult refused = Run({"import", "--db", db_, bad});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr(bad + ":3:"));
  EXPECT_EQ(refused.out, "");

  RunResult events = Run({"events", "--db", db_, "--employer", "A"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_EQ(Lines(events.out).size(), 3u) << "a refused file must append nothing";
  EXPECT_THAT(events.out, Not(HasSubstr("\"p8\"")));
}

TEST_F(LedgerctlTest, ImportStopsAtTheFirstRefusedFile) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  const std::string bad = Write("bad.jsonl", "{\"event_id\":\"x\"}\n");
  const std::string good = Write(
      "good.jsonl",
      R"({"event_id":"p8","type":"contribution_paid","employer_id":"A","effective_date":"2022-08-28","amount_fen":100})"
      "\n");
  RunResult run = Run({"import", "--db", db_, bad, good});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr(bad + ":1:"));
  EXPECT_THAT(run.err, HasSubstr("(1 file after it was not attempted: " + good + ")"));
  RunResult events = Run({"events", "--db", db_, "--employer", "A"});
  EXPECT_THAT(events.out, Not(HasSubstr("\"p8\"")));
}

TEST_F(LedgerctlTest, FileNamesAreEscapedSoTheyCannotForgeALine) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  // A file named so that, echoed raw, it would print a second line that
  // reads like a message about another file, in red.
  const std::string bad = Write("x\nforged.jsonl:9: \x1b[31mok",
                                "{\"event_id\":\"x\"}\n");
  const std::string shown = (dir_ / "x\\nforged.jsonl:9: \\x1b[31mok").string();
  RunResult run = Run({"import", "--db", db_, bad});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("import: " + shown + " refused, nothing from it was appended:\n" +
                                 shown + ":1: "));
  EXPECT_THAT(run.err, Not(HasSubstr("\x1b")));
  for (const std::string& line : Lines(run.err)) {
    EXPECT_THAT(line, Not(StartsWith("forged.jsonl"))) << run.err;
  }
  RunResult missing = Run({"import", "--db", db_, (dir_ / "gone\r.jsonl").string()});
  EXPECT_THAT(missing.err, HasSubstr("gone\\r.jsonl: no such file"));
}

TEST_F(LedgerctlTest, TheRecordedAtTrapSaysWhichEventSetTheClockAndWhatToDo) {
  // A first file without recorded_at is stamped with today's clock; the
  // history after it, recorded in 2022, is then refused: say why and how out.
  RunResult init = Run({"init", "--db", db_, "--rules", (dir_ / "rules.json").string()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  const std::string today = Write(
      "today.jsonl",
      R"({"event_id":"now-1","type":"employer_registered","employer_id":"B","effective_date":"2020-01-01","name":"乙","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
      "\n");
  ASSERT_EQ(Run({"import", "--db", db_, today}).exit_code, 0);
  RunResult history = Run({"import", "--db", db_, (dir_ / "history.jsonl").string()});
  EXPECT_EQ(history.exit_code, 1);
  EXPECT_THAT(history.err,
              AllOf(HasSubstr("history.jsonl:2: recorded_at: 2022-07-01T09:00:00+08:00 is earlier "
                              "than "),
                    HasSubstr("when the ledger learned its latest fact (sequence 1, event_id "
                              "now-1, stamped with its import's clock because its line gave no "
                              "recorded_at); history is imported in the order the ledger learned "
                              "it: import the files in recorded order into a new ledger, or give "
                              "recorded_at on every line"),
                    HasSubstr("history.jsonl:3: recorded_at: 2022-07-05T09:00:00+08:00 is earlier "
                              "than ")));
  // Told once in full; the later lines point back to it.
  EXPECT_THAT(history.err, HasSubstr("the latest recorded_at in the ledger (see above)"));
}

TEST_F(LedgerctlTest, DirectoryAndAnchorNamesThatCouldForgeALineAreRefused) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult init = Run({"init", "--db", (dir_ / "l\nforged:1: ok").string(), "--rules",
                        std::string(LEDGER_SOURCE_DIR) + "/tools/examples/rules/zhangye.json"});
  EXPECT_EQ(init.exit_code, 2) << init.err;
  EXPECT_THAT(init.err, HasSubstr("l\\nforged:1: ok\": a ledger directory name may not hold a "
                                  "control character U+000A"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "l\nforged:1: ok"));
  RunResult verify = Run({"verify", "--db", db_, "--anchor", (dir_ / "a\x1b[2J").string()});
  EXPECT_EQ(verify.exit_code, 2) << verify.err;
  EXPECT_THAT(verify.err, AllOf(HasSubstr("a\\x1b[2J"), Not(HasSubstr("\x1b"))));
}

TEST_F(LedgerctlTest, HelpExitsZeroAndShowsTheSubcommandsFlags) {
  RunResult help = Run({"import", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, AllOf(HasSubstr("Usage: ledgerctl import"), HasSubstr("--db DIR"),
                              HasSubstr("--format"), Not(HasSubstr("--employer"))));
  RunResult rules_help = Run({"rules", "show", "--help"});
  EXPECT_EQ(rules_help.exit_code, 0);
  EXPECT_THAT(rules_help.out, HasSubstr("--version N"));
  RunResult top = Run({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_THAT(top.out, AllOf(HasSubstr("import"), HasSubstr("rules check")));
}

TEST_F(LedgerctlTest, UsageErrorsExitTwo) {
  RunResult bad_flag = Run({"events", "--db", db_, "--employer", "A", "--bogus"});
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_THAT(bad_flag.err, HasSubstr("unknown flag --bogus"));
  EXPECT_EQ(bad_flag.out, "");

  EXPECT_EQ(Run({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Run({}).exit_code, 2);
  EXPECT_EQ(Run({"events", "--db", db_}).exit_code, 2) << "--employer is required";
  EXPECT_EQ(Run({"events", "--db", db_, "--employer", "A", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Run({"import", "--db", db_}).exit_code, 2) << "no FILE";
  EXPECT_EQ(Run({"events", "--db"}).exit_code, 2) << "--db without its value";
  EXPECT_EQ(Run({"rules", "show", "--db", db_, "--version", "x"}).exit_code, 2);
}

TEST_F(LedgerctlTest, MissingLedgerExitsThree) {
  const std::string missing = (dir_ / "no-such-ledger").string();
  RunResult events = Run({"events", "--db", missing, "--employer", "A"});
  EXPECT_EQ(events.exit_code, 3) << events.err;
  EXPECT_THAT(events.err, HasSubstr("no-such-ledger"));
  RunResult import = Run({"import", "--db", missing, (dir_ / "history.jsonl").string()});
  EXPECT_EQ(import.exit_code, 3) << import.err;
  EXPECT_EQ(Run({"rules", "show", "--db", missing}).exit_code, 3);
}

TEST_F(LedgerctlTest, RulesCheckAndShow) {
  RunResult check = Run({"rules", "check", (dir_ / "rules.json").string()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.out, HasSubstr("ok"));

  const std::string bad = Write("bad-rules.json", R"({"version": 1, "name": "x"})");
  RunResult refused = Run({"rules", "check", bad});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("pooling_areas"));

  RunResult init = Run({"init", "--db", db_, "--rules", bad});
  EXPECT_EQ(init.exit_code, 1) << "invalid rules refused before the ledger is created";
  EXPECT_FALSE(std::filesystem::exists(db_));

  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult show = Run({"rules", "show", "--db", db_});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, AllOf(HasSubstr("\"pooling_areas\""), HasSubstr("\"gs-2022\"")));
  EXPECT_EQ(Run({"rules", "show", "--db", db_, "--version", "7"}).exit_code, 1);
}

TEST_F(LedgerctlTest, UnknownEmployerIsRefused) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult events = Run({"events", "--db", db_, "--employer", "NOBODY"});
  EXPECT_EQ(events.exit_code, 1);
  EXPECT_THAT(events.err, HasSubstr("NOBODY"));
}

TEST_F(LedgerctlTest, ClearanceNoIsExitFourAnUnknownEmployerOne) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  // A's 2022-07 employer part, 7 % of 920 000 = 64 400 fen, is unpaid.
  RunResult no = Run({"clearance", "--db", db_, "--employer", "A", "--as-of", "2022-12-31",
                      "--format", "json"});
  EXPECT_EQ(no.exit_code, 4) << no.err;
  EXPECT_THAT(no.out, AllOf(HasSubstr("\"may_deregister\":false"), HasSubstr("64400")));
  EXPECT_EQ(no.err, "");
  RunResult unknown = Run({"clearance", "--db", db_, "--employer", "NOBODY", "--as-of",
                           "2022-12-31"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("NOBODY"));
}

TEST_F(LedgerctlTest, LargestAssessmentAsOfTheLastDayGivesExactPositiveFees) {
  // Issue 16: 10 000 lines at the largest base (1 000 000 000 fen), 2022-09
  // (due Friday 2022-09-30), default 5 bp a day, as of 9999-12-31:
  // 2 913 631 days. Employer 700 000 000 000 fen x 2 913 631 x 5 / 10 000 =
  // 1 019 770 850 000 000 fen; employee 200 000 000 000 fen -> 291 363 100
  // 000 000; together 1 311 133 950 000 000. In int64 fee units this
  // printed a negative fee in owed and clearance.
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  std::string lines;
  for (int i = 0; i < 10000; ++i) {
    lines += (i == 0 ? "" : ",") + std::string("{\"employee_id\":\"E") + std::to_string(10000 + i) +
             "\",\"base_fen\":1000000000}";
  }
  const std::string big = Write(
      "big.jsonl",
      R"({"event_id":"rb","type":"employer_registered","employer_id":"B","effective_date":"2020-03-01","name":"乙","pooling_area":"620700","entity_type":"enterprise","size_class":"medium"})"
      "\n"
      R"({"event_id":"ab","type":"contribution_assessed","employer_id":"B","effective_date":"2022-09-15","period":"2022-09","lines":[)" +
          lines + "]}\n");
  RunResult import = Run({"import", "--db", db_, big});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  RunResult owed = Run({"owed", "--db", db_, "--employer", "B", "--as-of", "9999-12-31",
                        "--format", "json"});
  ASSERT_EQ(owed.exit_code, 0) << owed.err;
  EXPECT_THAT(owed.out, AllOf(HasSubstr("\"late_fee_fen\":1019770850000000"),
                              HasSubstr("\"late_fee_fen\":291363100000000"),
                              HasSubstr("\"late_fee_fen\":1311133950000000"),
                              Not(HasSubstr(":-"))));
  RunResult clearance = Run({"clearance", "--db", db_, "--employer", "B", "--as-of",
                             "9999-12-31", "--format", "json"});
  EXPECT_EQ(clearance.exit_code, 4) << clearance.err;
  EXPECT_THAT(clearance.out, AllOf(HasSubstr("1311133950000000"), Not(HasSubstr(":-"))));
}

TEST_F(LedgerctlTest, UsageErrorsNameTheFlagAsTypedAndSuggestTheNearest) {
  RunResult asof = Run({"owed", "--db", db_, "--all", "--asof", "2022-12-31"});
  EXPECT_EQ(asof.exit_code, 2);
  EXPECT_THAT(asof.err, HasSubstr("unknown flag --asof (did you mean --as-of?)"));
  RunResult d = Run({"events", "-d", db_, "--employer", "A"});
  EXPECT_EQ(d.exit_code, 2);
  EXPECT_THAT(d.err, HasSubstr("unknown flag -d (did you mean --db?)"));
  RunResult far = Run({"events", "--db", db_, "--employer", "A", "--zzzzzzzz"});
  EXPECT_THAT(far.err, AllOf(HasSubstr("unknown flag --zzzzzzzz"), Not(HasSubstr("did you mean"))));
  RunResult ower = Run({"ower", "--db", db_});
  EXPECT_EQ(ower.exit_code, 2);
  EXPECT_THAT(ower.err, HasSubstr("unknown subcommand 'ower' (did you mean 'owed'?)"));
  RunResult chek = Run({"rules", "chek", "x.json"});
  EXPECT_EQ(chek.exit_code, 2);
  EXPECT_THAT(chek.err, HasSubstr("(did you mean 'rules check'?)"));
  RunResult latest = Run({"rules", "show", "--db", db_, "--version", "newest"});
  EXPECT_EQ(latest.exit_code, 2);
  EXPECT_THAT(latest.err, AllOf(HasSubstr("--version"), Not(HasSubstr("rules_version"))));
}

TEST_F(LedgerctlTest, ClearanceTakesAsOfAndStillTheDeprecatedDate) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult as_of = Run({"clearance", "--db", db_, "--employer", "A", "--as-of", "2022-12-31"});
  EXPECT_EQ(as_of.exit_code, 4) << as_of.err;
  EXPECT_THAT(as_of.out, HasSubstr("\"date\":\"2022-12-31\""));
  RunResult date = Run({"clearance", "--db", db_, "--employer", "A", "--date", "2022-12-31"});
  EXPECT_EQ(date.exit_code, 4) << date.err;
  EXPECT_THAT(date.err, HasSubstr("--date is deprecated: use --as-of"));
  EXPECT_THAT(date.out, AllOf(HasSubstr("\"date\":\"2022-12-31\""),
                              HasSubstr("\"may_deregister\":false")));
  EXPECT_EQ(Run({"clearance", "--db", db_, "--employer", "A", "--as-of", "2022-12-31", "--date",
                 "2022-12-31"})
                .exit_code,
            2);
  RunResult help = Run({"clearance", "--help"});
  EXPECT_THAT(help.out, AllOf(HasSubstr("--as-of D"), Not(HasSubstr("--date"))));
}

TEST_F(LedgerctlTest, KnownAtAcceptsASpaceForTheT) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult events = Run({"events", "--db", db_, "--employer", "A", "--known-at",
                          "2022-07-02 00:00:00+08:00"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  ASSERT_EQ(Lines(events.out).size(), 1u) << events.out;
  EXPECT_THAT(events.out, HasSubstr("\"event_id\":\"r1\""));
}

TEST_F(LedgerctlTest, ImportDashReadsStandardInput) {
  RunResult init = Run({"init", "--db", db_, "--rules", (dir_ / "rules.json").string()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  RunResult import = Run({"import", "--db", db_, "-"}, (dir_ / "history.jsonl").string());
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_THAT(import.out, AllOf(HasSubstr("\"file\":\"stdin\""), HasSubstr("\"appended\":3")));
  const std::string bad = Write("bad.jsonl", "{\"event_id\":\"x\"}\n");
  RunResult refused = Run({"import", "--db", db_, "-"}, bad);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("stdin:1:"));
}

TEST_F(LedgerctlTest, VersionNamesTheBuildAndTheSchema) {
  RunResult version = Run({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_THAT(version.out, AllOf(StartsWith("ledgerctl 0.1.0 (git "),
                                 HasSubstr("\nledger schema version 2\n")));
  EXPECT_THAT(version.out, Not(HasSubstr("(git unknown)"))) << "built from a git checkout";
}

// Returns the subcommand names listed by the top-level help.
std::vector<std::string> ListedSubcommands(const std::string& help) {
  std::vector<std::string> names;
  bool in_list = false;
  for (const std::string& line : Lines(help)) {
    if (line == "Subcommands:") {
      in_list = true;
    } else if (in_list && line.empty()) {
      break;
    } else if (in_list) {
      const size_t end = line.find("  ", 2);
      names.push_back(line.substr(2, end - 2));
      EXPECT_TRUE(line.ends_with(".")) << "a brief is one whole sentence: " << line;
    }
  }
  return names;
}

TEST_F(LedgerctlTest, EverySubcommandsHelpEndsWithTwoExamples) {
  RunResult top = Run({"help"});
  ASSERT_EQ(top.exit_code, 0);
  const std::vector<std::string> names = ListedSubcommands(top.out);
  ASSERT_GE(names.size(), 15u) << top.out;  // anchor ... rules check
  for (const std::string& name : names) {
    std::vector<std::string> help_args = {"help"};  // help rules show
    std::vector<std::string> flag_args;             // rules show --help
    std::istringstream words(name);
    for (std::string word; words >> word;) {
      help_args.push_back(word);
      flag_args.push_back(word);
    }
    flag_args.push_back("--help");
    RunResult help = Run(help_args);
    EXPECT_EQ(help.exit_code, 0) << name;
    EXPECT_EQ(help.out, Run(flag_args).out) << "help " << name << " is " << name << " --help";
    const size_t examples = help.out.find("\nExamples:\n");
    ASSERT_NE(examples, std::string::npos) << help.out;
    const std::vector<std::string> tail = Lines(help.out.substr(examples + 11));
    ASSERT_EQ(tail.size(), 4u) << name << ":\n" << help.out;
    EXPECT_THAT(tail[1], StartsWith("  ledgerctl " + name + " ")) << name;
    EXPECT_THAT(tail[3], StartsWith("  ledgerctl " + name + " ")) << name;
  }
}

TEST_F(LedgerctlTest, RulesHelpShowsTheRulesSubcommandsOnly) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"rules", "--help"}, std::vector<std::string>{"help", "rules"}}) {
    RunResult help = Run(args);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_THAT(help.out, AllOf(HasSubstr("rules show"), HasSubstr("rules check"),
                                Not(HasSubstr("owed")), Not(HasSubstr("import"))));
  }
}

TEST_F(LedgerctlTest, LangZhGivesChineseHeaders) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  RunResult zh = Run({"owed", "--db", db_, "--all", "--as-of", "2022-12-31", "--format", "table",
                      "--lang", "zh"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_THAT(zh.out, AllOf(StartsWith("单位编号"), HasSubstr("欠缴滞纳金"), HasSubstr("644.00")));
  RunResult en = Run({"owed", "--db", db_, "--all", "--as-of", "2022-12-31", "--format", "table"});
  EXPECT_THAT(en.out, StartsWith("EMPLOYER_ID"));
  EXPECT_EQ(Run({"owed", "--db", db_, "--all", "--as-of", "2022-12-31", "--lang", "fr"}).exit_code,
            2);
}

// Runs `command` on a pseudo-terminal (util-linux script), so that stderr is
// a terminal; returns what the terminal showed.
std::string OnTerminal(const std::filesystem::path& scratch, const std::string& command) {
  return ledger::testing::RunProgram(scratch, {"script", "-qec", command, "/dev/null"}).out;
}

TEST_F(LedgerctlTest, NoColorTurnsTheColourOffOnATerminal) {
  if (ledger::testing::RunProgram(dir_, {"script", "--version"}).exit_code != 0) {
    GTEST_SKIP() << "no script(1) to make a terminal";
  }
  const std::string command =
      std::string(LEDGERCTL_PATH) + " events --db " + db_ + " --employer A";
  EXPECT_THAT(OnTerminal(dir_, command), HasSubstr("\033[")) << "coloured on a terminal";
  EXPECT_THAT(OnTerminal(dir_, "env NO_COLOR=1 " + command),
              AllOf(HasSubstr("ledgerctl: error:"), Not(HasSubstr("\033["))));
}

// Returns the flags a subcommand's --help lists: "--db", "--as-of", ...
std::vector<std::string> HelpFlags(const std::string& help) {
  std::vector<std::string> flags;
  for (const std::string& line : Lines(help)) {
    if (!line.starts_with("  --")) continue;
    flags.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return flags;
}

TEST_F(LedgerctlTest, BashCompletionOffersEveryFlagOfEverySubcommand) {
  RunResult completion = Run({"--generate-completion"});
  ASSERT_EQ(completion.exit_code, 0) << completion.err;
  const std::string script = Write("ledgerctl.bash", completion.out);
  ASSERT_EQ(ledger::testing::RunProgram(dir_, {"bash", "-n", script}).exit_code, 0)
      << completion.out;
  // Completes `ledgerctl WORDS... CUR` as bash would, one candidate a line.
  auto complete = [&](const std::string& words, const std::string& cur) {
    const std::string program = "source " + script + "; COMP_WORDS=(ledgerctl " + words +
                                " \"" + cur + "\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                                "_ledgerctl; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return ledger::testing::RunProgram(dir_, {"bash", "-c", program}).out;
  };
  EXPECT_EQ(complete("owed", "--as"), "--as-of\n");
  EXPECT_EQ(complete("", "ow"), "owed\n");
  EXPECT_EQ(complete("rules", ""), "show\ncheck\npublish\nlist\ndiff\n");
  for (const std::string& name : ListedSubcommands(Run({"help"}).out)) {
    std::vector<std::string> args;
    std::istringstream words(name);
    for (std::string word; words >> word;) args.push_back(word);
    args.push_back("--help");
    const std::vector<std::string> flags = HelpFlags(Run(args).out);
    ASSERT_FALSE(flags.empty()) << name;
    const std::string offered = complete(name, "--");
    for (const std::string& flag : flags) {
      EXPECT_THAT(offered, HasSubstr(flag + "\n")) << name << ": " << offered;
    }
    EXPECT_EQ(Lines(offered).size(), flags.size()) << name << ": " << offered;
  }
}

TEST_F(LedgerctlTest, ManPageHasEverySubcommandAndRenders) {
  RunResult man = Run({"--generate-man"});
  ASSERT_EQ(man.exit_code, 0) << man.err;
  EXPECT_THAT(man.out, AllOf(HasSubstr(".TH LEDGERCTL 1"), HasSubstr(".SH EXIT STATUS"),
                             HasSubstr("\\fB\\-\\-as\\-of\\fR \\fID\\fR"),
                             HasSubstr("4 the answer is no")));
  for (const std::string& name : ListedSubcommands(Run({"help"}).out)) {
    EXPECT_THAT(man.out, HasSubstr(".SS \"" + name + "\"\n\\fBledgerctl " + name + "\\fR"));
  }
  const std::string page = Write("ledgerctl.1", man.out);
  RunResult rendered = ledger::testing::RunProgram(dir_, {"man", "-l", page});
  if (rendered.exit_code == 0) {
    EXPECT_THAT(rendered.out, AllOf(HasSubstr("EXIT STATUS"), HasSubstr("--as-of D")));
  }
}

TEST_F(LedgerctlTest, ImportingARulesOrPaymentsFileSaysWhichCommandTakesIt) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  const std::string rules = (dir_ / "rules.json").string();
  RunResult as_events = Run({"import", "--db", db_, rules});
  EXPECT_EQ(as_events.exit_code, 1);
  EXPECT_THAT(as_events.err, AllOf(HasSubstr("looks like a rule-set file"),
                                   HasSubstr("ledgerctl init --db DIR --rules FILE")));
  const std::string payments = Write(
      "payments.csv",
      "payment_id,employer_id,paid_date,amount_fen,period,component\n"
      "pay-1,A,2022-08-01,64400,2022-07,employer\n");
  RunResult csv = Run({"import", "--db", db_, payments});
  EXPECT_EQ(csv.exit_code, 1);
  EXPECT_THAT(csv.err, HasSubstr("looks like a payments file"));
  // An event file with a bad line gets no such hint.
  const std::string bad = Write("bad.jsonl", "{\"event_id\":\"x\"}\n");
  EXPECT_THAT(Run({"import", "--db", db_, bad}).err, Not(HasSubstr("looks like")));
}

TEST_F(LedgerctlTest, NotRegisteredSaysWhenItWasRegisteredAndRecorded) {
  ASSERT_NO_FATAL_FAILURE(InitAndImport());
  // r1: registered 2020-03-01, recorded 2022-07-01T09:00:00+08:00 (kHistory).
  RunResult early = Run({"owed", "--db", db_, "--employer", "A", "--as-of", "2019-12-31"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_THAT(early.err,
              HasSubstr("registered on 2020-03-01 (r1); give --as-of 2020-03-01 or later"));
  RunResult before = Run({"clearance", "--db", db_, "--employer", "A", "--as-of", "2022-12-31",
                          "--known-at", "2022-06-30T00:00:00+08:00"});
  EXPECT_EQ(before.exit_code, 2) << "clearance takes no --known-at";
  RunResult unknown_then = Run({"owed", "--db", db_, "--employer", "A", "--as-of", "2022-12-31",
                                "--known-at", "2022-06-30 00:00:00+08:00"});
  EXPECT_EQ(unknown_then.exit_code, 1);
  EXPECT_THAT(unknown_then.err, HasSubstr("was recorded at 2022-07-01T09:00:00+08:00; give a "
                                          "later --known-at"));
  RunResult nobody = Run({"status", "--db", db_, "--employer", "NOBODY"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_THAT(nobody.err, HasSubstr("\"NOBODY\" is not in the ledger: no event names it"));
}

}  // namespace
