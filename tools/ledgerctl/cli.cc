#include "tools/ledgerctl/cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "fmt/core.h"
#include "ledger/dates.h"
#include "ledger/printable.h"
#include "spdlog/cfg/env.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, db, "", "The ledger directory.");
ABSL_FLAG(std::string, employer, "", "The employer_id (统一社会信用代码 or the bureau's id).");
ABSL_FLAG(std::string, format, "",
          "Output format: table, json (JSON Lines: one compact object per line) "
          "or csv (for spreadsheets, docs/cli.md). Default: table when stdout is a "
          "terminal, json otherwise.");
ABSL_FLAG(std::string, known_at, "",
          "Show what the ledger said at this moment: only events recorded at "
          "or before it (RFC 3339 with offset, e.g. 2022-11-15T00:00:00+08:00; "
          "a space for the T is accepted). Default: now.");

ABSL_FLAG(bool, fen, false,
          "Tables show amounts in integer fen, as json and csv do. Default: yuan "
          "with two decimals and thousands grouped (1,234.56).");
ABSL_FLAG(bool, wide, false,
          "Tables show every column and cut nothing. Default: they fit 120 "
          "columns (csv and json always hold everything).");

ABSL_FLAG(std::string, lang, "en",
          "Table headers: en (English) or zh (中文). JSON and CSV keep their field "
          "names.");

namespace ledgerctl {
namespace {

// A status payload carries the exit class that the code alone cannot tell.
constexpr char kExitPayload[] = "ledgerctl/exit";

absl::Status WithExitClass(absl::Status status, ExitCode code) {
  status.SetPayload(kExitPayload, absl::Cord(absl::StrFormat("%d", code)));
  return status;
}

std::optional<int> MarkedExitCode(const absl::Status& status) {
  auto payload = status.GetPayload(kExitPayload);
  if (!payload.has_value()) return std::nullopt;
  if (*payload == "2") return kExitUsage;
  if (*payload == "3") return kExitStorage;
  if (*payload == "4") return kExitNo;
  return std::nullopt;
}

}  // namespace

absl::Status UsageError(std::string_view message) {
  return WithExitClass(absl::InvalidArgumentError(std::string(message)), kExitUsage);
}

absl::Status StorageError(absl::Status status) {
  if (status.ok()) return status;
  return WithExitClass(std::move(status), kExitStorage);
}

absl::Status NegativeAnswer(std::string_view message) {
  return WithExitClass(absl::FailedPreconditionError(std::string(message)), kExitNo);
}

bool IsNegativeAnswer(const absl::Status& status) {
  return MarkedExitCode(status) == kExitNo;
}

bool IsUsageError(const absl::Status& status) {
  return MarkedExitCode(status) == kExitUsage;
}

int ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  if (std::optional<int> marked = MarkedExitCode(status)) return *marked;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kOutOfRange:
      return kExitRefused;
    default:
      return kExitStorage;
  }
}

void SetUpLogging() {
  // NO_COLOR (no-color.org): set and not empty, no colour even on a terminal.
  const char* no_color = std::getenv("NO_COLOR");
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_st>(
      no_color != nullptr && no_color[0] != '\0' ? spdlog::color_mode::never
                                                 : spdlog::color_mode::automatic);
  auto logger = std::make_shared<spdlog::logger>("ledgerctl", sink);
  logger->set_pattern("ledgerctl: %^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug
}

void ReportError(std::string_view command, const absl::Status& status) {
  if (IsNegativeAnswer(status)) return;  // an answer, printed on stdout
  const std::string full(status.message());
  const std::string_view message = full;
  size_t newline = message.find('\n');
  std::string_view first = message.substr(0, newline);
  if (IsUsageError(status)) {
    fmt::print(stderr, "ledgerctl {}: {}\n", command, first);
  } else {
    spdlog::error("{}: {}", command, first);
  }
  // The rest is an error list; verbatim, so FILE:LINE starts each line.
  if (newline != std::string_view::npos) {
    fmt::print(stderr, "{}\n", message.substr(newline + 1));
  }
}

absl::StatusOr<Format> OutputFormat() {
  if (const std::string lang = absl::GetFlag(FLAGS_lang); lang != "en" && lang != "zh") {
    return UsageError(absl::StrFormat("--lang: expected en or zh, got \"%s\"", lang));
  }
  const std::string format = absl::GetFlag(FLAGS_format);
  if (format.empty()) return isatty(STDOUT_FILENO) ? Format::kTable : Format::kJson;
  if (format == "table") return Format::kTable;
  if (format == "json") return Format::kJson;
  if (format == "csv") return Format::kCsv;
  return UsageError(absl::StrFormat("--format: expected table, json or csv, got \"%s\"",
                                    format));
}

TableStyle TableStyleFromFlags() {
  return TableStyle{.fen = absl::GetFlag(FLAGS_fen),
                    .wide = absl::GetFlag(FLAGS_wide),
                    .zh = absl::GetFlag(FLAGS_lang) == "zh"};
}

absl::StatusOr<std::string> RequiredDb() {
  std::string db = absl::GetFlag(FLAGS_db);
  if (db.empty()) return UsageError("--db DIR is required");
  // The directory is named in nearly every message; one whose name could
  // move the cursor or start a line of its own is refused once, here.
  if (const std::string bad = ledger::FirstUnprintable(db); !bad.empty()) {
    return UsageError(absl::StrFormat(
        "--db \"%s\": a ledger directory name may not hold a %s; rename the "
        "directory", ledger::EscapeForMessage(db), bad));
  }
  return db;
}

absl::StatusOr<std::optional<int64_t>> KnownAtMicros() {
  std::string text = absl::GetFlag(FLAGS_known_at);
  if (text.empty()) return std::optional<int64_t>();
  // "2022-11-15 15:30:00+08:00", as a clerk copies it: a space for the T.
  if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
  absl::StatusOr<absl::Time> instant = ledger::ParseTimestamp(text);
  if (!instant.ok()) {
    return UsageError(absl::StrFormat("--known-at: %s", instant.status().message()));
  }
  return std::optional<int64_t>(ledger::ToMicros(*instant));
}

absl::StatusOr<std::unique_ptr<ledger::EventStore>> OpenLedger(
    const std::string& directory, ledger::OpenMode mode) {
  absl::StatusOr<std::unique_ptr<ledger::EventStore>> store =
      ledger::EventStore::Open(directory, mode);
  if (!store.ok()) return StorageError(store.status());
  spdlog::debug("opened ledger {} (last sequence {})", directory,
                (*store)->last_sequence());
  return store;
}

absl::StatusOr<ledger::Rules> LoadLatestRules(const ledger::EventStore& store) {
  absl::StatusOr<ledger::v1::RuleSet> rule_set = store.LatestRules();
  if (!rule_set.ok()) {
    if (absl::IsNotFound(rule_set.status())) {
      return absl::NotFoundError(
          "the ledger holds no rule set (create one with ledgerctl init --rules FILE)");
    }
    return StorageError(rule_set.status());
  }
  // Stored rules were validated when published; compiling them again keeps
  // the one code path and catches a store that returns something else.
  return ledger::Rules::FromRuleSet(
      *rule_set, absl::StrFormat("rules version %d", rule_set->version()));
}

absl::StatusOr<std::string> ReadInputFile(const std::string& path) {
  if (path == kStdinPath) {
    std::string contents;
    char buffer[1 << 16];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0;) {
      contents.append(buffer, n);
      if (contents.size() > static_cast<size_t>(kMaxInputFileBytes)) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "standard input: more than the %d bytes a file may hold; split it",
            kMaxInputFileBytes));
      }
    }
    if (std::ferror(stdin)) return absl::InvalidArgumentError("standard input: read error");
    return contents;
  }
  const std::string shown = ledger::EscapeForMessage(path);  // never echoed raw
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    return absl::InvalidArgumentError(absl::StrFormat("%s: no such file", shown));
  }
  if (std::filesystem::is_directory(status)) {
    return absl::InvalidArgumentError(absl::StrFormat("%s: is a directory", shown));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrFormat("%s: cannot open", shown));
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > static_cast<uintmax_t>(kMaxInputFileBytes)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: %d bytes, more than the %d a file may hold; split it", shown, size,
        kMaxInputFileBytes));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return absl::InvalidArgumentError(absl::StrFormat("%s: read error", shown));
  return std::move(contents).str();
}

int64_t NowMicros() { return ledger::ToMicros(absl::Now()); }

}  // namespace ledgerctl
