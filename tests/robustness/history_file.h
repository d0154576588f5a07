// Synthetic event files for the robustness tests, valid against
// tools/examples/rules/zhangye.json: each file registers its own employers
// (enterprise, small, pooling area 620700), assesses each for the twelve
// periods of 2022 and pays each assessment. Deterministic: the same
// (number, employers) always gives the same bytes, and no line carries
// recorded_at, so a file can be imported into any ledger at any time.
//
// Ids say which file an event came from: employer "RB<number:06>E<i:04>",
// event "<employer>-reg", "<employer>-aMM" (assessed), "<employer>-pMM" (paid).
// So a scan of the ledger can count each file's events (FileNumberOf).
#ifndef LEDGER_TESTS_ROBUSTNESS_HISTORY_FILE_H_
#define LEDGER_TESTS_ROBUSTNESS_HISTORY_FILE_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ledger::robustness {

// The rule set the files are valid against.
inline constexpr char kRulesFile[] = LEDGER_SOURCE_DIR "/tools/examples/rules/zhangye.json";
// An as-of date after every generated fact.
inline constexpr char kAsOfDate[] = "2023-06-30";

inline constexpr int kPeriodsPerEmployer = 12;
// One registration, then an assessment and a payment per period.
inline constexpr int64_t kEventsPerEmployer = 1 + 2 * kPeriodsPerEmployer;
// Put a limit on everything: file numbers are six digits, employers four.
inline constexpr int kMaxFileNumber = 999'999;
inline constexpr int kMaxEmployersPerFile = 9'999;

struct HistoryFile {
  int number = 0;
  int employers = 0;
  std::filesystem::path path;

  int64_t events() const { return int64_t{employers} * kEventsPerEmployer; }
  // Returns the id of employer `index` (0-based) of this file.
  std::string EmployerId(int index) const;
};

// Returns the employer id of employer `index` of file `number`.
std::string EmployerIdOf(int number, int index);

// Returns the text of file `number` with `employers` employers. Lines are
// ordered registrations first, then period by period (assess, pay), so an
// employer's events are spread over the whole batch.
std::string HistoryText(int number, int employers);

// Writes HistoryText to `directory`/history-<number>.jsonl; aborts the test
// program when the file cannot be written (a test-environment error).
HistoryFile WriteHistoryFile(const std::filesystem::path& directory, int number, int employers);

// Returns the file number an employer id carries, or nullopt when the id is
// not one of ours.
std::optional<int> FileNumberOf(std::string_view employer_id);

}  // namespace ledger::robustness

#endif  // LEDGER_TESTS_ROBUSTNESS_HISTORY_FILE_H_
