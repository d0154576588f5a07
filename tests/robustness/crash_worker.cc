#include "tests/robustness/crash_worker.h"

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <system_error>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "tests/robustness/child_process.h"
#include "tests/robustness/ledger_checks.h"

namespace ledger::robustness {
namespace {

using std::chrono::microseconds;
using std::chrono::steady_clock;

// Roughly what one event takes in the write-ahead log (measured: ~195 B).
constexpr int64_t kWalBytesPerEvent = 200;
// How often the kill loop looks at the clock, the child and the WAL.
constexpr microseconds kPollInterval(50);
// A child still running after this is a hang: a failure.
constexpr std::chrono::seconds kImportLimit(120);

int EnvInt(const char* name, int fallback) {
  const char* text = std::getenv(name);
  int value = 0;
  return text != nullptr && absl::SimpleAtoi(text, &value) ? value : fallback;
}

}  // namespace

CrashConfig CrashConfig::FromEnvironment() {
  CrashConfig config;
  config.trials = EnvInt("LEDGER_CRASH_TRIALS", config.trials);
  config.seed = static_cast<uint64_t>(EnvInt("LEDGER_CRASH_SEED", static_cast<int>(config.seed)));
  config.workers = std::max(1, EnvInt("LEDGER_CRASH_WORKERS", config.workers));
  config.trials_per_ledger =
      std::max(1, EnvInt("LEDGER_CRASH_TRIALS_PER_LEDGER", config.trials_per_ledger));
  config.employers_min = std::clamp(EnvInt("LEDGER_CRASH_MIN_EMPLOYERS", config.employers_min), 1,
                                    kMaxEmployersPerFile);
  config.employers_max = std::clamp(EnvInt("LEDGER_CRASH_MAX_EMPLOYERS", config.employers_max),
                                    config.employers_min, kMaxEmployersPerFile);
  config.deadline = std::chrono::seconds(EnvInt("LEDGER_CRASH_DEADLINE_S", 200));
  return config;
}

const char* KillModeName(KillMode mode) {
  switch (mode) {
    case KillMode::kEarly:
      return "early";
    case KillMode::kUniform:
      return "uniform";
    case KillMode::kWalGrowth:
      return "wal-growth";
  }
  return "?";
}

void CrashTally::Merge(const CrashTally& other) {
  trials += other.trials;
  killed += other.killed;
  finished_before_kill += other.finished_before_kill;
  found_complete += other.found_complete;
  found_absent += other.found_absent;
  killed_after_all_reported += other.killed_after_all_reported;
  torn_wal_tails += other.torn_wal_tails;
  for (int m = 0; m < kKillModes; ++m) killed_by_mode[m] += other.killed_by_mode[m];
  events_appended += other.events_appended;
  ledgers += other.ledgers;
  failures.insert(failures.end(), other.failures.begin(), other.failures.end());
}

CrashWorker::CrashWorker(int index, const CrashConfig& config, std::filesystem::path directory,
                         steady_clock::time_point deadline)
    : index_(index),
      config_(config),
      directory_(std::move(directory)),
      scratch_(directory_ / "scratch"),
      deadline_(deadline),
      random_(config.seed * 1'000'003 + static_cast<uint64_t>(index)),
      next_file_number_(index * 100'000 + 1) {
  std::filesystem::create_directories(scratch_);
}

void CrashWorker::Fail(const std::string& context, const std::string& what) {
  tally_.failures.push_back(absl::StrFormat("worker %d, %s: %s", index_, context, what));
}

std::vector<std::string> CrashWorker::ImportArgs(const std::vector<HistoryFile>& files) const {
  std::vector<std::string> args = {kLedgerctl, "import", "--db", db_.string(), "--format", "json"};
  for (const HistoryFile& file : files) args.push_back(file.path.string());
  return args;
}

std::vector<HistoryFile> CrashWorker::TakeFiles() {
  std::uniform_int_distribution<int> employers(config_.employers_min, config_.employers_max);
  while (static_cast<int>(pending_.size()) < config_.files_per_import) {
    pending_.push_back(WriteHistoryFile(scratch_, next_file_number_++, employers(random_)));
  }
  return {pending_.begin(), pending_.begin() + config_.files_per_import};
}

bool CrashWorker::StartLedger() {
  db_ = directory_ / absl::StrFormat("ledger-%d", tally_.ledgers++);
  present_.clear();
  ledger_trials_ = 0;
  const std::string failed = InitLedger(db_, scratch_);
  if (!failed.empty()) Fail("init", failed);
  return failed.empty();
}

// Imports two files without a kill: how long an import takes per event,
// which scales the uniform kill moments. They count as reported imports.
bool CrashWorker::Calibrate() {
  const std::vector<HistoryFile> files = TakeFiles();
  const RunResult run = RunProgram(ImportArgs(files), scratch_, "calibrate", kImportLimit);
  if (!run.status.ExitedWith(0)) {
    Fail("calibration import", run.Describe());
    return false;
  }
  int64_t events = 0;
  for (const HistoryFile& file : files) events += file.events();
  microseconds_per_event_ =
      static_cast<double>(std::chrono::duration_cast<microseconds>(run.elapsed).count()) /
      static_cast<double>(events);
  CheckAfter(files, Outcome{false, run.status.Describe(), run.out, run.err}, "calibration");
  return true;
}

void CrashWorker::FinishLedger() {
  const std::string context = absl::StrFormat("end of %s", db_.filename().string());
  int64_t employers = 0;
  for (const HistoryFile& file : present_) employers += file.employers;
  std::string problem;
  const std::optional<int64_t> owed = OwedEmployerCount(db_, scratch_, "owed", &problem);
  if (!owed) {
    Fail(context, problem);
  } else if (*owed != employers) {
    Fail(context, absl::StrFormat("owed --all lists %d employers; the files present hold %d", *owed,
                                  employers));
  }
  if (!present_.empty()) {  // importing a file already there is a no-op
    const HistoryFile& last = present_.back();
    const RunResult again = RunProgram(ImportArgs({last}), scratch_, "reimport", kImportLimit);
    if (!again.status.ExitedWith(0) || JsonInteger(again.out, "appended") != 0 ||
        JsonInteger(again.out, "duplicates") != last.events()) {
      Fail(context,
           absl::StrFormat("re-importing %s should append nothing and count %d "
                           "duplicates: %s",
                           last.path.filename().string(), last.events(), again.Describe()));
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(db_, ignored);
}

int64_t CrashWorker::NewWalBytes() const {
  int64_t bytes = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(db_, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".log")) continue;
    if (std::find(old_wal_names_.begin(), old_wal_names_.end(), name) != old_wal_names_.end()) {
      continue;
    }
    std::error_code size_error;
    const uintmax_t size = entry.file_size(size_error);
    if (!size_error) bytes += static_cast<int64_t>(size);
  }
  return bytes;
}

// Starts the import; kills it after `parameter` microseconds (early,
// uniform) or once the new WAL holds `parameter` bytes (wal-growth).
CrashWorker::Outcome CrashWorker::RunImport(const std::vector<HistoryFile>& files, KillMode mode,
                                            int64_t parameter) {
  old_wal_names_.clear();
  for (const auto& entry : std::filesystem::directory_iterator(db_)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".log")) old_wal_names_.push_back(name);
  }
  Outcome outcome;
  std::string error;
  std::optional<Child> child = Child::Start(ImportArgs(files), scratch_ / "import.out",
                                            scratch_ / "import.err", false, &error);
  if (!child) {
    outcome.status = error;
    return outcome;
  }
  const steady_clock::time_point start = steady_clock::now();
  const steady_clock::time_point give_up = start + kImportLimit;
  bool sent = false;
  while (child->Running()) {
    const steady_clock::time_point now = steady_clock::now();
    const microseconds waited = std::chrono::duration_cast<microseconds>(now - start);
    const bool due =
        mode == KillMode::kWalGrowth ? NewWalBytes() >= parameter : waited.count() >= parameter;
    if ((due && !sent) || now > give_up) {
      child->Kill(SIGKILL);
      sent = true;
      if (now > give_up) outcome.err = "[hung: killed after the import time limit]\n";
    }
    // Timed kills sleep up to their moment; the WAL watch polls.
    microseconds nap = kPollInterval;
    if (mode != KillMode::kWalGrowth && !sent) {
      nap = std::clamp(microseconds(parameter) - waited, kPollInterval, microseconds(1000));
    }
    std::this_thread::sleep_for(sent ? microseconds(200) : nap);
  }
  outcome.killed = !child->status().exited && child->status().signal == SIGKILL;
  outcome.wal_bytes = NewWalBytes();
  outcome.status = child->status().Describe();
  outcome.out = child->ReadOut();
  outcome.err += child->ReadErr();
  if (!outcome.killed) {  // an unkilled run refines the calibration
    int64_t events = 0;
    for (const HistoryFile& file : files) events += file.events();
    const double elapsed = static_cast<double>(
        std::chrono::duration_cast<microseconds>(steady_clock::now() - start).count());
    microseconds_per_event_ = 0.7 * microseconds_per_event_ + 0.3 * elapsed / events;
  }
  return outcome;
}

void CrashWorker::Trial(int trial) {
  const std::vector<HistoryFile> files = TakeFiles();
  int64_t events = 0;
  for (const HistoryFile& file : files) events += file.events();
  const int64_t expected_us = static_cast<int64_t>(microseconds_per_event_ * events);
  std::uniform_int_distribution<int> pick(0, 99);
  const int roll = pick(random_);
  KillMode mode = KillMode::kUniform;
  int64_t parameter = 0;
  if (roll < 15) {
    mode = KillMode::kEarly;
    parameter = std::uniform_int_distribution<int64_t>(0, 50'000)(random_);
  } else if (roll < 60) {
    parameter = std::uniform_int_distribution<int64_t>(0, expected_us * 11 / 10)(random_);
  } else {
    mode = KillMode::kWalGrowth;
    parameter = std::uniform_int_distribution<int64_t>(1, events * kWalBytesPerEvent)(random_);
  }
  std::string names;
  for (const HistoryFile& file : files) {
    absl::StrAppendFormat(&names, " %06d(%d events)", file.number, file.events());
  }
  const std::string context = absl::StrFormat(
      "trial %d (%s, files%s, kill %s at %d %s)", trial, db_.filename().string(), names,
      KillModeName(mode), parameter, mode == KillMode::kWalGrowth ? "WAL bytes" : "us");
  const Outcome outcome = RunImport(files, mode, parameter);
  ++tally_.trials;
  if (outcome.killed) {
    ++tally_.killed;
    ++tally_.killed_by_mode[static_cast<int>(mode)];
  } else {
    ++tally_.finished_before_kill;
  }
  CheckAfter(files, outcome, context);
}

void CrashWorker::CheckAfter(const std::vector<HistoryFile>& files, const Outcome& outcome,
                             const std::string& context) {
  if (!outcome.killed && outcome.status != "exit 0") {
    Fail(context, absl::StrFormat("the import ended on its own with %s\n%s\n%s", outcome.status,
                                  outcome.out, outcome.err));
  }
  // The files the import reported, in order: a prefix of `files`.
  size_t reported = 0;
  for (const std::string& line : SplitLines(outcome.out)) {
    if (reported < files.size() &&
        line.find(files[reported].path.filename().string()) != std::string::npos &&
        JsonInteger(line, "appended") == files[reported].events()) {
      ++reported;
    }
  }
  const LedgerContents contents = ScanLedger(db_);
  if (!contents.error.empty()) return Fail(context, "reopening the ledger: " + contents.error);
  for (const std::string& problem : contents.problems) Fail(context, problem);
  int64_t expected_events = 0;
  for (const HistoryFile& file : present_) {
    expected_events += file.events();
    if (EventsOfFile(contents, file.number) != file.events()) {
      Fail(context,
           absl::StrFormat("file %06d was imported earlier but %d of its %d events "
                           "are present",
                           file.number, EventsOfFile(contents, file.number), file.events()));
    }
  }
  size_t present_prefix = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const int64_t count = EventsOfFile(contents, files[i].number);
    if (count != 0 && count != files[i].events()) {
      Fail(context, absl::StrFormat("PARTIAL BATCH: file %06d has %d of its %d events",
                                    files[i].number, count, files[i].events()));
    } else if (count != 0 && present_prefix != i) {
      Fail(context,
           absl::StrFormat("file %06d is present but an earlier file is not", files[i].number));
    } else if (count != 0) {
      ++present_prefix;
    }
  }
  if (present_prefix < reported || present_prefix > reported + 1) {
    Fail(context, absl::StrFormat("%d files reported imported but %d present (%s)", reported,
                                  present_prefix, outcome.status));
  }
  if (!outcome.killed && present_prefix != files.size()) {
    Fail(context, "the import finished but not every file is present");
  }
  for (size_t i = 0; i < present_prefix; ++i) expected_events += files[i].events();
  if (static_cast<int64_t>(contents.events) != expected_events || contents.foreign_events != 0) {
    Fail(context, absl::StrFormat("the ledger holds %d events (%d not ours); expected %d",
                                  contents.events, contents.foreign_events, expected_events));
  }
  if (verify_available_) {
    const std::string problems = VerifyProblems(db_, scratch_, "verify");
    if (!problems.empty()) Fail(context, problems);
  }
  // The CLI's view of the file in flight (or the last one): all or nothing.
  const HistoryFile& probe = files[std::min(reported, files.size() - 1)];
  const bool probe_present = EventsOfFile(contents, probe.number) != 0;
  std::string problem;
  const auto sequences = EmployerSequences(db_, probe.EmployerId(0), scratch_, "events", &problem);
  if (!sequences) {
    Fail(context, problem);
  } else if (static_cast<int64_t>(sequences->size()) != (probe_present ? kEventsPerEmployer : 0)) {
    Fail(context, absl::StrFormat("ledgerctl events --employer %s shows %d events; expected %d",
                                  probe.EmployerId(0), sequences->size(),
                                  probe_present ? kEventsPerEmployer : 0));
  }
  if (outcome.killed && reported == files.size()) {
    ++tally_.killed_after_all_reported;
    ++tally_.found_complete;
  } else if (outcome.killed && present_prefix > reported) {
    ++tally_.found_complete;
  } else if (outcome.killed) {
    ++tally_.found_absent;
    // Nothing of this import landed, yet its new WAL holds bytes: the kill
    // tore the first file's batch and recovery dropped the torn tail.
    if (reported == 0 && outcome.wal_bytes > 0) ++tally_.torn_wal_tails;
  }
  for (size_t i = 0; i < present_prefix; ++i) {
    tally_.events_appended += files[i].events();
    present_.push_back(files[i]);
    pending_.pop_front();  // `files` are the front of the queue
  }
}

void CrashWorker::Run(int trials) {
  verify_available_ = VerifyAvailable(scratch_);
  if (!StartLedger() || !Calibrate()) return;
  for (int trial = 0; trial < trials; ++trial) {
    if (steady_clock::now() > deadline_) break;
    if (ledger_trials_ == config_.trials_per_ledger) {
      FinishLedger();
      if (!StartLedger()) return;
    }
    ++ledger_trials_;
    Trial(trial);
  }
  FinishLedger();
}

}  // namespace ledger::robustness
