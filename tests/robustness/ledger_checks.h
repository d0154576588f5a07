// What the robustness tests look at after a crash, a refused writer or a
// storage fault: a read-only scan of the whole log through the store
// library (exact per-file event counts, sequence contiguity, duplicate ids),
// and the same questions asked of the CLI (`ledgerctl verify`, `events`,
// `owed --all`), which is what an operator would run.
#ifndef LEDGER_TESTS_ROBUSTNESS_LEDGER_CHECKS_H_
#define LEDGER_TESTS_ROBUSTNESS_LEDGER_CHECKS_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/robustness/child_process.h"

namespace ledger::robustness {

// The built ledgerctl.
inline constexpr char kLedgerctl[] = LEDGERCTL_PATH;

struct LedgerContents {
  std::string error;                       // the open or read failed: why
  uint64_t events = 0;                     // events read
  uint64_t last_sequence = 0;              // the store's last_sequence()
  std::map<int, int64_t> events_per_file;  // HistoryFile number -> events
  int64_t foreign_events = 0;              // events whose employer is not one of ours
  std::vector<std::string> problems;       // gaps, duplicates, count mismatches
};

// Opens `db` read-only through the store library and reads every event.
LedgerContents ScanLedger(const std::filesystem::path& db);

// Returns the events of file `number` in `contents` (0 when none).
int64_t EventsOfFile(const LedgerContents& contents, int number);

// Returns true when the built ledgerctl has a `verify` subcommand.
bool VerifyAvailable(const std::filesystem::path& scratch);

// Runs `ledgerctl verify --db DB`; returns "" when it exits 0, else a
// description of what it said.
std::string VerifyProblems(const std::filesystem::path& db, const std::filesystem::path& scratch,
                           const std::string& tag);

// Runs `ledgerctl events --db DB --employer E --format json`. Returns the
// sequences of the employer's events (empty when it has none: exit 1), or
// nullopt with *problem set when the command failed otherwise or printed
// sequences out of order.
std::optional<std::vector<uint64_t>> EmployerSequences(const std::filesystem::path& db,
                                                       const std::string& employer_id,
                                                       const std::filesystem::path& scratch,
                                                       const std::string& tag,
                                                       std::string* problem);

// Runs `ledgerctl owed --db DB --all --as-of kAsOfDate --format json`;
// returns the number of employers printed, or nullopt with *problem set.
std::optional<int64_t> OwedEmployerCount(const std::filesystem::path& db,
                                         const std::filesystem::path& scratch,
                                         const std::string& tag, std::string* problem);

// Runs `ledgerctl init --db DB --rules kRulesFile`; returns "" or what failed.
std::string InitLedger(const std::filesystem::path& db, const std::filesystem::path& scratch);

// Returns the number value of "key" in one JSON object line, or nullopt.
std::optional<int64_t> JsonInteger(const std::string& line, const std::string& key);

}  // namespace ledger::robustness

#endif  // LEDGER_TESTS_ROBUSTNESS_LEDGER_CHECKS_H_
