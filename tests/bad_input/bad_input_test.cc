// The bad-input corpus (tests/bad_input/README.md), end to end through the
// built ledgerctl. For every file found at test time:
//   events/NAME.jsonl    `ledgerctl import` into a copy of the base ledger
//                        exits 1, prints exactly the lines of NAME.expected
//                        after its "refused" header, and leaves the ledger
//                        directory as a no-op open leaves it;
//   rules/NAME.json      `ledgerctl rules check` and `ledgerctl init` exit 1
//                        with exactly NAME.expected, and init creates nothing;
//   harmless/NAME.jsonl  import exits 0, prints NAME.expected, appends nothing.
// Three inputs too big to commit (a 10 MiB line, an assessment of 10 001
// lines, a file one event past kMaxEventsPerAppend) are generated here and
// join the events cases.
//
// "Unchanged" is checked file by file with SHA-256. A read-write RocksDB open
// always writes bookkeeping files (a new MANIFEST, OPTIONS, an empty WAL,
// CURRENT, LOG), so the refused import's directory is compared with a
// control: the same pristine base after an import of an empty file. RocksDB's
// file numbering is deterministic, so the two must be identical apart from
// LOG* (which records the time of each open). NoOpOpenWritesNoData checks
// that the control itself holds the pristine data files unchanged.
//
// The base (init with base/rules.json, import base/history.jsonl, one more
// open so the WAL is flushed, then held-open imports until RocksDB has no
// background compaction left to do) is built once; each case copies it.
// Cases run in parallel before the tests check their outcomes, to stay well
// under 60 s.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "ledger/store/hashing.h"
#include "tests/cli/cli_runner.h"

namespace ledger::testing {
namespace {

namespace fs = std::filesystem;

const fs::path& CorpusDir() {
  static const fs::path* const kDir =
      new fs::path(fs::path(LEDGER_SOURCE_DIR) / "tests" / "bad_input");
  return *kDir;
}

// Scratch ledgers go to tmpfs when there is one: RocksDB syncs on every
// open, and a few hundred opens on a busy disk take minutes. TEST_TMPDIR
// (gtest's TempDir) wins when set.
fs::path ScratchParent() {
  if (std::getenv("TEST_TMPDIR") == nullptr && access("/dev/shm", W_OK) == 0) {
    return "/dev/shm";
  }
  return ::testing::TempDir();
}

enum class Kind { kEvents, kRules, kHarmless };

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kEvents: return "events";
    case Kind::kRules: return "rules";
    case Kind::kHarmless: return "harmless";
  }
  return "?";
}

struct Case {
  Kind kind = Kind::kEvents;
  std::string name;                    // the file's stem; the test's name
  fs::path input;                      // the committed file; empty when generated
  std::function<std::string()> generate;  // the content of a generated file
  std::string expected;                // the sidecar's text, FILE written {file}
};

void PrintTo(const Case& test_case, std::ostream* os) {
  *os << KindName(test_case.kind) << "/" << test_case.name;
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

void WriteWholeFile(const fs::path& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
}

// Returns the committed cases of one directory, sorted by name: every file
// ending in `extension`, with its sidecar NAME.expected (empty when missing;
// EveryInputHasItsExpectedMessages reports that).
std::vector<Case> ListCommitted(Kind kind, std::string_view extension) {
  std::vector<Case> cases;
  const fs::path dir = CorpusDir() / KindName(kind);
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    if (!entry.is_regular_file() || entry.path().extension() != extension) continue;
    Case test_case;
    test_case.kind = kind;
    test_case.name = entry.path().stem().string();
    test_case.input = entry.path();
    fs::path expected = entry.path();
    expected.replace_extension(".expected");
    if (fs::exists(expected)) test_case.expected = ReadWholeFile(expected);
    cases.push_back(std::move(test_case));
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

// --- generated inputs --------------------------------------------------------

constexpr size_t kTenMebibytes = size_t{10} << 20;
constexpr std::string_view kBigLineHead =
    R"({"event_id":"g-big","type":"employer_registered","employer_id":"91620700NEWCO0001",)"
    R"("effective_date":"2020-01-01","name":")";
constexpr std::string_view kBigLineTail =
    R"(","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})";
constexpr std::string_view kGoodPayment =
    R"({"event_id":"g-ok","type":"contribution_paid","employer_id":"91620700SMALL0001",)"
    R"("effective_date":"2022-09-06","amount_fen":1000})";
constexpr std::string_view kZeroPayment =
    R"({"event_id":"g-zero","type":"contribution_paid","employer_id":"91620700SMALL0001",)"
    R"("effective_date":"2022-09-06","amount_fen":0})";

// Line 2: a registration 10 MiB long, refused without being parsed; line 3
// is fine; line 4 is still checked and reported.
Case TenMebibyteLine() {
  Case test_case;
  test_case.name = "generated_ten_mebibyte_line";
  test_case.generate = [] {
    std::string text = "# generated: line 2 is 10 MiB long; line 4 is still checked\n";
    text += kBigLineHead;
    text.append(kTenMebibytes, 'n');
    text += kBigLineTail;
    text += "\n";
    text += kGoodPayment;
    text += "\n";
    text += kZeroPayment;
    text += "\n";
    return text;
  };
  const size_t line_bytes = kBigLineHead.size() + kTenMebibytes + kBigLineTail.size();
  test_case.expected =
      "{file}:2: line is " + std::to_string(line_bytes) +
      " bytes long; at most 1048576 allowed (not parsed)\n"
      "{file}:4: amount_fen: expected an integer number of fen > 0, got 0\n";
  return test_case;
}

// Line 2: one assessment of 10 001 lines (10 000 allowed).
Case AssessmentOf10001Lines() {
  Case test_case;
  test_case.name = "generated_assessment_10001_lines";
  test_case.generate = [] {
    std::string text = "# generated: an assessment of 10001 lines\n";
    text +=
        R"({"event_id":"g-a","type":"contribution_assessed","employer_id":"91620700SMALL0001",)"
        R"("effective_date":"2022-09-06","period":"2022-08","lines":[)";
    for (int i = 0; i < 10'001; ++i) {
      char line[64];
      std::snprintf(line, sizeof(line), R"(%s{"employee_id":"E%05d","base_fen":300000})",
                    i == 0 ? "" : ",", i);
      text += line;
    }
    text += "]}\n";
    return text;
  };
  test_case.expected =
      "{file}:2: lines: has 10001 lines; at most 10000 allowed in one assessment\n";
  return test_case;
}

// kMaxEventsPerAppend + 1 event lines, each "{}": refused at the first line
// past the limit before any line is parsed (else every "{}" would be
// reported as missing its fields).
Case EventsPastTheBatchLimit() {
  Case test_case;
  test_case.name = "generated_events_past_the_batch_limit";
  test_case.generate = [] {
    std::string text = "# generated: one event line more than one import may append\n";
    text.reserve(text.size() + 3 * (kMaxEventsPerAppend + 1));
    for (size_t i = 0; i <= kMaxEventsPerAppend; ++i) text += "{}\n";
    return text;
  };
  test_case.expected = "{file}:" + std::to_string(kMaxEventsPerAppend + 2) +
                       ": more than " + std::to_string(kMaxEventsPerAppend) +
                       " events in one file, the most one import appends as one batch: "
                       "split the file at this line or before (nothing was parsed)\n";
  return test_case;
}

std::vector<Case> EventCases() {
  std::vector<Case> cases = ListCommitted(Kind::kEvents, ".jsonl");
  cases.push_back(TenMebibyteLine());
  cases.push_back(AssessmentOf10001Lines());
  cases.push_back(EventsPastTheBatchLimit());
  return cases;
}
std::vector<Case> RulesCases() { return ListCommitted(Kind::kRules, ".json"); }
std::vector<Case> HarmlessCases() { return ListCommitted(Kind::kHarmless, ".jsonl"); }

// --- ledger directories -------------------------------------------------------

// File name -> SHA-256 (hex) of every file in a ledger directory but LOG*.
using Digest = std::map<std::string, std::string>;

Digest DigestDirectory(const fs::path& dir) {
  Digest digest;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("LOG")) continue;  // RocksDB's info log: one per open
    digest[name] = store::HexEncode(store::Sha256(ReadWholeFile(entry.path())));
  }
  return digest;
}

// Returns "" when equal, else one line per file added, removed or changed.
std::string DescribeDifference(const Digest& want, const Digest& got) {
  std::string out;
  for (const auto& [name, sha] : want) {
    auto found = got.find(name);
    if (found == got.end()) {
      out += "  missing: " + name + "\n";
    } else if (found->second != sha) {
      out += "  changed: " + name + "\n";
    }
  }
  for (const auto& [name, sha] : got) {
    if (!want.contains(name)) out += "  added:   " + name + "\n";
  }
  return out;
}

// The pristine base ledger and its control, built once per process.
class BaseLedger {
 public:
  static const BaseLedger& Get() {
    static const BaseLedger* const kBase = new BaseLedger();
    return *kBase;
  }

  const std::string& setup_error() const { return setup_error_; }
  const fs::path& root() const { return root_; }
  const fs::path& pristine() const { return pristine_; }
  const Digest& pristine_digest() const { return pristine_digest_; }
  const Digest& control_digest() const { return control_digest_; }

 private:
  BaseLedger() {
    std::string pattern = (ScratchParent() / "bad_input.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      setup_error_ = "cannot create a directory under " + ScratchParent().string();
      return;
    }
    root_ = pattern;
    pristine_ = root_ / "pristine";
    const fs::path setup = root_ / "setup";
    fs::create_directories(setup);
    const fs::path empty = setup / "empty.jsonl";
    WriteWholeFile(empty, "");
    const fs::path base = CorpusDir() / "base";
    if (!Run(setup, {"init", "--db", pristine_.string(), "--rules",
                     (base / "rules.json").string()}) ||
        !Run(setup, {"import", "--format", "json", "--db", pristine_.string(),
                     (base / "history.jsonl").string()}) ||
        // One more open flushes the WAL into SSTs.
        !Run(setup, {"import", "--format", "json", "--db", pristine_.string(), empty.string()}) ||
        !Settle(setup)) {
      return;
    }
    pristine_digest_ = DigestDirectory(pristine_);
    const fs::path control = root_ / "control";
    fs::copy(pristine_, control, fs::copy_options::recursive);
    if (!Run(setup, {"import", "--format", "json", "--db", control.string(), empty.string()})) {
      return;
    }
    control_digest_ = DigestDirectory(control);
  }

  // RocksDB compacts freshly flushed files in the background ("BottommostFiles":
  // it rewrites an SST to zero its sequence numbers) once the oldest snapshot
  // moves past them, which happens when the store's first read releases its
  // snapshot. Whether a short-lived import that reads leaves the SSTs as they
  // were is then a race. Repeats an import that reads and stays open until
  // one changes no SST, so no background work is left for the cases to race.
  bool Settle(const fs::path& scratch) {
    auto ssts = [this] {
      Digest sst;
      for (const auto& [name, sha] : DigestDirectory(pristine_)) {
        if (name.ends_with(".sst")) sst[name] = sha;
      }
      return sst;
    };
    for (int attempt = 0; attempt < 10; ++attempt) {
      const Digest before = ssts();
      if (const std::string error = ReadThenHoldOpen(scratch, std::chrono::milliseconds(500));
          !error.empty()) {
        setup_error_ = "base ledger: settling: " + error;
        return false;
      }
      if (ssts() == before) return true;
    }
    setup_error_ = "base ledger: RocksDB still rewrites SSTs after 10 settling imports";
    return false;
  }

  // Runs `ledgerctl import --db PRISTINE history.jsonl FIFO`: the base history
  // again (every line a duplicate: reads, no writes), then an empty file from
  // a FIFO this side keeps open for `hold`. Returns "" or what went wrong.
  std::string ReadThenHoldOpen(const fs::path& scratch, std::chrono::milliseconds hold) {
    const fs::path fifo = scratch / "hold.fifo";
    fs::remove(fifo);
    if (mkfifo(fifo.c_str(), 0600) != 0) return "cannot create " + fifo.string();
    std::vector<std::string> args = {
        LEDGERCTL_PATH, "import", "--format", "json", "--db", pristine_.string(),
        (CorpusDir() / "base" / "history.jsonl").string(), fifo.string()};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const std::string out_path = (scratch / "stdout").string();
    const std::string err_path = (scratch / "stderr").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return "cannot run " + args[0];
    // The writer's open succeeds once ledgerctl opens the FIFO to read it,
    // after the first file; give up if ledgerctl exits first.
    int writer = -1;
    int status = 0;
    bool exited = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (writer < 0 && !exited && std::chrono::steady_clock::now() < deadline) {
      writer = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (writer < 0) {
        exited = waitpid(pid, &status, WNOHANG) == pid;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    if (writer >= 0) {
      std::this_thread::sleep_for(hold);
      close(writer);  // end of file: the second file is empty
    } else if (!exited) {
      kill(pid, SIGKILL);
    }
    if (!exited) waitpid(pid, &status, 0);
    const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (exit_code != 0 || writer < 0) {
      return "ledgerctl exited " + std::to_string(exit_code) + ":\n" + ReadWholeFile(err_path);
    }
    return "";
  }

  bool Run(const fs::path& scratch, std::vector<std::string> args) {
    const std::string command = args[0] + " " + args.back();
    const CliResult result = RunLedgerctl(scratch, std::move(args));
    if (result.exit_code == 0) return true;
    setup_error_ = "base ledger: ledgerctl " + command + " exited " +
                   std::to_string(result.exit_code) + ":\n" + result.err;
    return false;
  }

  std::string setup_error_;
  fs::path root_;
  fs::path pristine_;
  Digest pristine_digest_;
  Digest control_digest_;
};

// --- running the cases ---------------------------------------------------------

struct Outcome {
  fs::path input;         // the path given to ledgerctl ({file})
  CliResult run;          // import, or rules check
  CliResult init;         // rules only: init --db new_ledger --rules FILE
  bool init_created_ledger = false;
  fs::path db;            // the case's ledger copy (removed when unchanged)
  std::string difference; // DescribeDifference(control, after the run)
};

std::string CaseKey(Kind kind, std::string_view name) {
  return std::string(KindName(kind)) + "/" + std::string(name);
}

Outcome RunCase(const Case& test_case) {
  const BaseLedger& base = BaseLedger::Get();
  Outcome outcome;
  const fs::path dir = base.root() / "cases" / (std::string(KindName(test_case.kind)) + "_" +
                                                test_case.name);
  fs::create_directories(dir);
  outcome.input = test_case.input;
  if (test_case.generate) {
    outcome.input = dir / (test_case.name + ".jsonl");
    WriteWholeFile(outcome.input, test_case.generate());
  }
  if (test_case.kind == Kind::kRules) {
    const fs::path check_dir = dir / "check";
    const fs::path init_dir = dir / "init";
    fs::create_directories(check_dir);
    fs::create_directories(init_dir);
    outcome.run = RunLedgerctl(check_dir, {"rules", "check", outcome.input.string()});
    const fs::path new_ledger = init_dir / "new_ledger";
    outcome.init = RunLedgerctl(
        init_dir, {"init", "--db", new_ledger.string(), "--rules", outcome.input.string()});
    outcome.init_created_ledger = fs::exists(new_ledger);
    return outcome;
  }
  outcome.db = dir / "db";
  fs::copy(base.pristine(), outcome.db, fs::copy_options::recursive);
  outcome.run = RunLedgerctl(dir, {"import", "--format", "json", "--db", outcome.db.string(),
                                   outcome.input.string()});
  outcome.difference = DescribeDifference(base.control_digest(), DigestDirectory(outcome.db));
  if (outcome.difference.empty()) fs::remove_all(outcome.db);  // kept when it differs
  if (test_case.generate) fs::remove(outcome.input);            // 10 MiB need not stay
  return outcome;
}

class Outcomes {
 public:
  static Outcomes& Get() {
    static Outcomes* const kOutcomes = new Outcomes();
    return *kOutcomes;
  }

  // Returns the outcome of `test_case`, running it now unless already run.
  const Outcome& For(const Case& test_case) {
    const std::string key = CaseKey(test_case.kind, test_case.name);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto found = outcomes_.find(key); found != outcomes_.end()) return found->second;
    }
    Outcome outcome = RunCase(test_case);
    std::lock_guard<std::mutex> lock(mutex_);
    return outcomes_.emplace(key, std::move(outcome)).first->second;  // std::map: stable
  }

  // Runs `cases` on a few threads (each case has its own directories).
  void RunAll(const std::vector<const Case*>& cases) {
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
    std::atomic<size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (size_t i = next++; i < cases.size(); i = next++) For(*cases[i]);
      });
    }
    for (std::thread& worker : workers) worker.join();
  }

 private:
  std::mutex mutex_;
  std::map<std::string, Outcome> outcomes_;
};

// Before the first test: build the base, then run every case the filter
// selected, in parallel. After the last: remove the scratch tree if all passed.
class CorpusEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    const BaseLedger& base = BaseLedger::Get();
    if (!base.setup_error().empty()) return;  // every test reports it
    static const std::vector<Case>* const kAll = [] {
      auto* all = new std::vector<Case>();
      for (auto list : {EventCases(), RulesCases(), HarmlessCases()}) {
        for (Case& test_case : list) all->push_back(std::move(test_case));
      }
      return all;
    }();
    std::map<std::string, const Case*> by_key;
    for (const Case& test_case : *kAll) by_key[CaseKey(test_case.kind, test_case.name)] = &test_case;
    std::vector<const Case*> selected;
    const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
    for (int s = 0; s < unit.total_test_suite_count(); ++s) {
      const ::testing::TestSuite& suite = *unit.GetTestSuite(s);
      const std::string suite_name = suite.name();
      std::string kind;
      if (suite_name.ends_with("/BadEventFileTest")) kind = "events";
      if (suite_name.ends_with("/BadRulesFileTest")) kind = "rules";
      if (suite_name.ends_with("/HarmlessFileTest")) kind = "harmless";
      if (kind.empty()) continue;
      for (int t = 0; t < suite.total_test_count(); ++t) {
        const ::testing::TestInfo& info = *suite.GetTestInfo(t);
        if (!info.should_run()) continue;
        // "RefusedWithExactMessagesLedgerUnchanged/amount_zero": the case is last.
        const std::string test_name = info.name();
        const std::string case_name = test_name.substr(test_name.rfind('/') + 1);
        if (auto found = by_key.find(kind + "/" + case_name); found != by_key.end()) {
          selected.push_back(found->second);
        }
      }
    }
    Outcomes::Get().RunAll(selected);
  }

  void TearDown() override {
    const BaseLedger& base = BaseLedger::Get();
    if (base.root().empty()) return;
    if (::testing::UnitTest::GetInstance()->failed_test_count() == 0) {
      std::error_code ignored;
      fs::remove_all(base.root(), ignored);
    } else {
      std::fprintf(stderr, "bad_input_test: ledgers kept under %s\n", base.root().c_str());
    }
  }
};

[[maybe_unused]] ::testing::Environment* const kCorpusEnvironment =
    ::testing::AddGlobalTestEnvironment(new CorpusEnvironment);

std::string TestName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// --- the tests -------------------------------------------------------------------

class BadEventFileTest : public ::testing::TestWithParam<Case> {};
class BadRulesFileTest : public ::testing::TestWithParam<Case> {};
class HarmlessFileTest : public ::testing::TestWithParam<Case> {};

TEST_P(BadEventFileTest, RefusedWithExactMessagesLedgerUnchanged) {
  ASSERT_EQ(BaseLedger::Get().setup_error(), "");
  const Case& test_case = GetParam();
  ASSERT_FALSE(test_case.expected.empty()) << "no " << test_case.name << ".expected";
  const Outcome& outcome = Outcomes::Get().For(test_case);
  const std::string file = outcome.input.string();
  EXPECT_EQ(outcome.run.exit_code, 1) << outcome.run.err;
  EXPECT_EQ(outcome.run.out, "");
  EXPECT_EQ(outcome.run.err, "ledgerctl: error: import: " + file +
                                 " refused, nothing from it was appended:\n" +
                                 ReplaceAll(test_case.expected, "{file}", file));
  EXPECT_EQ(outcome.difference, "")
      << "the ledger directory " << outcome.db << " differs from a no-op open's";
}

// A rule set is refused alike by `rules check` and by `init`, which then
// leaves no ledger behind. The first line of the error list goes through the
// logger ("ledgerctl: error: COMMAND: "), the rest verbatim.
TEST_P(BadRulesFileTest, RefusedWithExactMessagesNothingCreated) {
  ASSERT_FALSE(BaseLedger::Get().root().empty()) << BaseLedger::Get().setup_error();
  const Case& test_case = GetParam();
  ASSERT_FALSE(test_case.expected.empty()) << "no " << test_case.name << ".expected";
  const Outcome& outcome = Outcomes::Get().For(test_case);
  const std::string lines = ReplaceAll(test_case.expected, "{file}", outcome.input.string());
  EXPECT_EQ(outcome.run.exit_code, 1) << outcome.run.err;
  EXPECT_EQ(outcome.run.out, "");
  EXPECT_EQ(outcome.run.err, "ledgerctl: error: rules check: " + lines);
  EXPECT_EQ(outcome.init.exit_code, 1) << outcome.init.err;
  EXPECT_EQ(outcome.init.out, "");
  EXPECT_EQ(outcome.init.err, "ledgerctl: error: init: " + lines);
  EXPECT_FALSE(outcome.init_created_ledger) << "init left a ledger behind";
}

// Accepted as nothing to do: exit 0, the summary in NAME.expected, no write.
TEST_P(HarmlessFileTest, AcceptedNothingAppended) {
  ASSERT_EQ(BaseLedger::Get().setup_error(), "");
  const Case& test_case = GetParam();
  ASSERT_FALSE(test_case.expected.empty()) << "no " << test_case.name << ".expected";
  const Outcome& outcome = Outcomes::Get().For(test_case);
  EXPECT_EQ(outcome.run.exit_code, 0) << outcome.run.err;
  EXPECT_EQ(outcome.run.err, "");
  EXPECT_EQ(outcome.run.out, ReplaceAll(test_case.expected, "{file}", outcome.input.string()));
  EXPECT_EQ(outcome.difference, "")
      << "the ledger directory " << outcome.db << " differs from a no-op open's";
}

INSTANTIATE_TEST_SUITE_P(Events, BadEventFileTest, ::testing::ValuesIn(EventCases()), TestName);
INSTANTIATE_TEST_SUITE_P(Rules, BadRulesFileTest, ::testing::ValuesIn(RulesCases()), TestName);
INSTANTIATE_TEST_SUITE_P(Harmless, HarmlessFileTest, ::testing::ValuesIn(HarmlessCases()),
                         TestName);

// The control differs from the pristine base only in RocksDB's bookkeeping:
// every SST (the data) is the same, every WAL is empty.
TEST(BadInputCorpus, NoOpOpenWritesNoData) {
  const BaseLedger& base = BaseLedger::Get();
  ASSERT_EQ(base.setup_error(), "");
  const std::string empty_sha = store::HexEncode(store::Sha256(""));
  auto data_files = [](const Digest& digest) {
    Digest sst;
    for (const auto& [name, sha] : digest) {
      if (name.ends_with(".sst")) sst[name] = sha;
    }
    return sst;
  };
  EXPECT_FALSE(data_files(base.pristine_digest()).empty());
  EXPECT_EQ(DescribeDifference(data_files(base.pristine_digest()),
                               data_files(base.control_digest())),
            "");
  for (const auto& [name, sha] : base.control_digest()) {
    if (name.ends_with(".log")) {
      EXPECT_EQ(sha, empty_sha) << name << " holds writes";
    }
    const bool bookkeeping = name.ends_with(".log") || name.starts_with("MANIFEST-") ||
                             name.starts_with("OPTIONS-") || name == "CURRENT";
    if (!bookkeeping) {
      EXPECT_EQ(base.pristine_digest().count(name), 1u) << name;
      if (base.pristine_digest().count(name) == 1) {
        EXPECT_EQ(base.pristine_digest().at(name), sha) << name;
      }
    }
  }
}

TEST(BadInputCorpus, AtLeast80BadInputs) {
  EXPECT_GE(EventCases().size() + RulesCases().size(), 80u);
}

// Every input has its NAME.expected and every NAME.expected its input.
TEST(BadInputCorpus, EveryInputHasItsExpectedMessages) {
  for (auto [kind, extension] : {std::pair{Kind::kEvents, ".jsonl"},
                                 std::pair{Kind::kRules, ".json"},
                                 std::pair{Kind::kHarmless, ".jsonl"}}) {
    const fs::path dir = CorpusDir() / KindName(kind);
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
      fs::path other = entry.path();
      if (entry.path().extension() == ".expected") {
        other.replace_extension(extension);
      } else if (entry.path().extension() == extension) {
        other.replace_extension(".expected");
      } else {
        ADD_FAILURE() << entry.path() << ": neither " << extension << " nor .expected";
        continue;
      }
      EXPECT_TRUE(fs::exists(other)) << entry.path() << " has no " << other.filename();
    }
  }
}

}  // namespace
}  // namespace ledger::testing
