// The common layer of ledgerctl: exit codes, output format, logging, and the
// few ledger operations every subcommand starts with (open the store, load
// the rules, read an input file). Results go to stdout; everything else
// (logs, errors, progress) to stderr, so `ledgerctl ... > out.json` is clean.
// Single-threaded, like the tool.
#ifndef TOOLS_LEDGERCTL_CLI_H_
#define TOOLS_LEDGERCTL_CLI_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/subcommand.h"

// Flags shared by several subcommands (defined in cli.cc).
ABSL_DECLARE_FLAG(std::string, db);
ABSL_DECLARE_FLAG(std::string, employer);
ABSL_DECLARE_FLAG(std::string, format);
ABSL_DECLARE_FLAG(std::string, known_at);
ABSL_DECLARE_FLAG(bool, fen);
ABSL_DECLARE_FLAG(bool, wide);
ABSL_DECLARE_FLAG(std::string, lang);

namespace ledgerctl {

// The process exit status, the contract scripts rely on.
enum ExitCode : int {
  kExitOk = 0,
  kExitRefused = 1,  // the input or the request was refused; nothing changed
  kExitUsage = 2,    // bad command line
  kExitStorage = 3,  // the ledger could not be opened, read or written
  kExitNo = 4,       // the question was answered and the answer is no
                     // (clearance: may not deregister); the answer is on stdout
};

// Returns a status that exits with kExitUsage: a bad flag value, a missing
// required flag, a wrong number of arguments.
absl::Status UsageError(std::string_view message);
// Returns `status` marked to exit with kExitStorage whatever its code (an
// open that fails because the ledger is missing is NotFound, yet it is a
// storage failure, not refused input).
absl::Status StorageError(absl::Status status);
// Returns a status that exits with kExitNo: a query answered "no". Not an
// error: ReportError prints nothing for it (the answer went to stdout).
absl::Status NegativeAnswer(std::string_view message);
bool IsNegativeAnswer(const absl::Status& status);
// Returns the exit code for `status`: ok 0; usage-marked 2; storage-marked 3;
// negative-answer-marked 4;
// InvalidArgument, FailedPrecondition, AlreadyExists, NotFound, OutOfRange
// 1; any other code (I/O, corruption, internal) 3.
int ExitCodeFor(const absl::Status& status);
bool IsUsageError(const absl::Status& status);

// Sends spdlog's default logger to stderr ("ledgerctl: error: ..."), colored
// only on a terminal and never with NO_COLOR set; SPDLOG_LEVEL=debug in the
// environment raises verbosity.
void SetUpLogging();
// Reports a failed `command` on stderr: the first line of the message through
// the logger, the rest (an error list, "FILE:LINE: field: message") verbatim.
// A negative answer is not reported.
void ReportError(std::string_view command, const absl::Status& status);

enum class Format { kTable, kJson, kCsv };
// Returns --format, or when it is empty: table if stdout is a terminal, json
// otherwise. A value other than table|json|csv, or a --lang other than
// en|zh, is a usage error.
absl::StatusOr<Format> OutputFormat();

// Returns the table style --fen and --wide ask for (output.h TableStyle).
TableStyle TableStyleFromFlags();
// The flags of every command that prints a table with amounts or wide
// columns: append them to its FlagSpec list.
inline const FlagSpec kFenFlag = {"fen", "fen", ""};
inline const FlagSpec kWideFlag = {"wide", "wide", ""};
inline const FlagSpec kLangFlag = {"lang", "lang", "en|zh"};

// Returns --db, or a usage error when it is empty.
absl::StatusOr<std::string> RequiredDb();
// Returns --known-at as microseconds since the epoch (RFC 3339 with offset),
// or nullopt when not given ("now": everything recorded so far).
absl::StatusOr<std::optional<int64_t>> KnownAtMicros();

// Returns the ledger at `directory` opened in `mode`; every failure is a
// storage error (exit 3) naming the directory. Queries open kReadOnly.
[[nodiscard]] absl::StatusOr<std::unique_ptr<ledger::EventStore>> OpenLedger(
    const std::string& directory, ledger::OpenMode mode);
// Returns the compiled rule set with the highest version in `store`;
// NotFound (exit 1) when the ledger has none.
[[nodiscard]] absl::StatusOr<ledger::Rules> LoadLatestRules(
    const ledger::EventStore& store);

// Put a limit on everything: the largest input file read whole.
inline constexpr int64_t kMaxInputFileBytes = int64_t{2} << 30;  // 2 GiB
// Names standard input where a file is expected: `ledgerctl import -`.
inline constexpr char kStdinPath[] = "-";
// Returns the contents of `path` (standard input for "-"); a missing or
// unreadable file is InvalidArgument naming it (refused input, exit 1).
[[nodiscard]] absl::StatusOr<std::string> ReadInputFile(const std::string& path);

// Returns the wall clock in microseconds since the epoch.
int64_t NowMicros();

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_CLI_H_
