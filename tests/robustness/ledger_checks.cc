#include "tests/robustness/ledger_checks.h"

#include <cctype>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "ledger/store/event_store.h"
#include "tests/robustness/history_file.h"

namespace ledger::robustness {
namespace {

// Put a limit on everything: a scan reports at most this many problems.
constexpr size_t kProblemsMax = 20;

void AddProblem(LedgerContents& contents, std::string problem) {
  if (contents.problems.size() < kProblemsMax) contents.problems.push_back(std::move(problem));
}

}  // namespace

LedgerContents ScanLedger(const std::filesystem::path& db) {
  LedgerContents contents;
  absl::StatusOr<std::unique_ptr<EventStore>> store =
      EventStore::Open(db.string(), OpenMode::kReadOnly);
  if (!store.ok()) {
    contents.error = std::string(store.status().ToString());
    return contents;
  }
  contents.last_sequence = (*store)->last_sequence();
  absl::flat_hash_set<std::string> ids;
  uint64_t previous = 0;
  const absl::Status read = (*store)->ForEachEvent([&](const v1::Event& event) {
    ++contents.events;
    if (event.sequence() != previous + 1) {
      AddProblem(contents, absl::StrFormat("sequence %d follows %d (event %s)", event.sequence(),
                                           previous, event.event_id()));
    }
    previous = event.sequence();
    if (!ids.insert(event.event_id()).second) {
      AddProblem(contents, absl::StrFormat("event_id %s appears twice (again at sequence %d)",
                                           event.event_id(), event.sequence()));
    }
    if (std::optional<int> number = FileNumberOf(event.employer_id())) {
      ++contents.events_per_file[*number];
    } else {
      ++contents.foreign_events;
    }
    return absl::OkStatus();
  });
  if (!read.ok()) contents.error = std::string(read.ToString());
  if (contents.events != contents.last_sequence) {
    AddProblem(contents, absl::StrFormat("%d events read but last_sequence is %d", contents.events,
                                         contents.last_sequence));
  }
  return contents;
}

int64_t EventsOfFile(const LedgerContents& contents, int number) {
  auto found = contents.events_per_file.find(number);
  return found == contents.events_per_file.end() ? 0 : found->second;
}

bool VerifyAvailable(const std::filesystem::path& scratch) {
  const RunResult help = RunProgram({kLedgerctl, "verify", "--help"}, scratch, "verify-help");
  return help.status.ExitedWith(0);
}

std::string VerifyProblems(const std::filesystem::path& db, const std::filesystem::path& scratch,
                           const std::string& tag) {
  const RunResult verify = RunProgram({kLedgerctl, "verify", "--db", db.string()}, scratch, tag);
  if (verify.status.ExitedWith(0)) return "";
  return "ledgerctl verify: " + verify.Describe();
}

std::optional<std::vector<uint64_t>> EmployerSequences(const std::filesystem::path& db,
                                                       const std::string& employer_id,
                                                       const std::filesystem::path& scratch,
                                                       const std::string& tag,
                                                       std::string* problem) {
  const RunResult events = RunProgram(
      {kLedgerctl, "events", "--db", db.string(), "--employer", employer_id, "--format", "json"},
      scratch, tag);
  std::vector<uint64_t> sequences;
  if (events.status.ExitedWith(1) && events.err.find("no events") != std::string::npos) {
    return sequences;
  }
  if (!events.status.ExitedWith(0)) {
    *problem =
        absl::StrFormat("ledgerctl events --employer %s: %s", employer_id, events.Describe());
    return std::nullopt;
  }
  for (const std::string& line : SplitLines(events.out)) {
    std::optional<int64_t> sequence = JsonInteger(line, "sequence");
    if (!sequence || *sequence <= 0 ||
        (!sequences.empty() && static_cast<uint64_t>(*sequence) <= sequences.back())) {
      *problem = absl::StrFormat(
          "ledgerctl events --employer %s: bad or unordered sequence "
          "in line: %s",
          employer_id, line.substr(0, 200));
      return std::nullopt;
    }
    sequences.push_back(static_cast<uint64_t>(*sequence));
  }
  return sequences;
}

std::optional<int64_t> OwedEmployerCount(const std::filesystem::path& db,
                                         const std::filesystem::path& scratch,
                                         const std::string& tag, std::string* problem) {
  const RunResult owed = RunProgram(
      {kLedgerctl, "owed", "--db", db.string(), "--all", "--as-of", kAsOfDate, "--format", "json"},
      scratch, tag);
  if (!owed.status.ExitedWith(0)) {
    *problem = "ledgerctl owed --all: " + owed.Describe();
    return std::nullopt;
  }
  int64_t employers = 0;
  for (const std::string& line : SplitLines(owed.out)) {
    if (line.find("\"employer_id\"") != std::string::npos) ++employers;
  }
  return employers;
}

std::string InitLedger(const std::filesystem::path& db, const std::filesystem::path& scratch) {
  const RunResult init =
      RunProgram({kLedgerctl, "init", "--db", db.string(), "--rules", kRulesFile}, scratch, "init");
  if (init.status.ExitedWith(0)) return "";
  return "ledgerctl init: " + init.Describe();
}

std::optional<int64_t> JsonInteger(const std::string& line, const std::string& key) {
  const std::string needle = "\"" + key + "\":";
  const size_t at = line.find(needle);
  if (at == std::string::npos) return std::nullopt;
  size_t end = at + needle.size();
  const size_t begin = end;
  while (end < line.size() && (std::isdigit(static_cast<unsigned char>(line[end])) ||
                               (end == begin && line[end] == '-'))) {
    ++end;
  }
  int64_t value = 0;
  if (!absl::SimpleAtoi(absl::string_view(line.data() + begin, end - begin), &value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace ledger::robustness
