// ledgerctl: the ledger's command line. This file only finds the subcommand,
// parses its flags and maps its result to an exit status (cli.h); each
// subcommand lives in its own file.
#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/command_line.h"
#include "ledger/store/event_store.h"
#include "tools/ledgerctl/subcommand.h"
#include "tools/ledgerctl/version.h"  // generated: build/tools/ledgerctl/

// The subcommands, in the order `ledgerctl --help` lists them.
//
// To add one, say `owed`:
//   1. write tools/ledgerctl/owed.cc defining
//        namespace ledgerctl {
//        Subcommand OwedCommand() {
//          return {.name = "owed", .synopsis = "--db DIR (--employer E | --all) ...",
//                  .brief = "...", .summary = "...", .flags = {{"db", "db", "DIR"}, ...},
//                  .run = RunOwed};
//        }
//        }  // namespace ledgerctl
//      (flags it alone uses: ABSL_FLAG in owed.cc; shared ones are in cli.h);
//   2. add `X(OwedCommand)` to this list;
//   3. add owed.cc to tools/ledgerctl/CMakeLists.txt.
#define LEDGERCTL_SUBCOMMANDS(X) \
  X(InitCommand)                 \
  X(ImportCommand)               \
  X(EventsCommand)               \
  X(VerifyCommand)               \
  X(AnchorCommand)               \
  X(UpgradeCommand)              \
  X(ReconcileCommand)            \
  X(OwedCommand)                 \
  X(ClearanceCommand)            \
  X(StatusCommand)               \
  X(DeferAutoCommand)            \
  X(ReportMonthlyCommand)        \
  X(ReportMergeCommand)          \
  X(ReportSlaCommand)            \
  X(ReportArrearsCommand)        \
  X(TraceCommand)                \
  X(RulesShowCommand)            \
  X(RulesCheckCommand)           \
  X(RulesPublishCommand)         \
  X(RulesListCommand)            \
  X(RulesDiffCommand)            \
  X(ReplayCommand)

namespace ledgerctl {

#define LEDGERCTL_DECLARE_(factory) Subcommand factory();
LEDGERCTL_SUBCOMMANDS(LEDGERCTL_DECLARE_)
#undef LEDGERCTL_DECLARE_

namespace {

std::vector<Subcommand> AllSubcommands() {
#define LEDGERCTL_CALL_(factory) factory(),
  return {LEDGERCTL_SUBCOMMANDS(LEDGERCTL_CALL_)};
#undef LEDGERCTL_CALL_
}

// Returns the subcommand whose words ("rules show") start `words`, the
// longest such, and sets *consumed to its word count; nullptr if none.
const Subcommand* FindSubcommand(std::span<const Subcommand> commands,
                                 std::span<const std::string> words, size_t* consumed) {
  const Subcommand* best = nullptr;
  for (const Subcommand& command : commands) {
    std::vector<std::string> name = absl::StrSplit(
        absl::string_view(command.name.data(), command.name.size()), ' ');
    if (name.size() > words.size()) continue;
    if (!std::equal(name.begin(), name.end(), words.begin())) continue;
    if (best == nullptr || name.size() > *consumed) {
      best = &command;
      *consumed = name.size();
    }
  }
  return best;
}

// Returns "show, check" for the group "rules".
std::string GroupMembers(std::span<const Subcommand> commands, const std::string& group) {
  std::vector<std::string> members;
  for (const Subcommand& command : commands) {
    if (command.name.starts_with(group + " ")) {
      members.emplace_back(command.name.substr(group.size() + 1));
    }
  }
  return absl::StrJoin(members, ", ");
}

bool IsHelpWord(const std::string& word) {
  return word == "--help" || word == "-h" || word == "-help" || word == "help";
}

bool IsGroup(std::span<const Subcommand> commands, const std::string& word) {
  return std::any_of(commands.begin(), commands.end(), [&](const Subcommand& c) {
    return c.name.starts_with(word + " ");
  });
}

// Returns " (did you mean 'owed'?)" for the subcommand or group nearest to
// `words` ("ower", "rules chek"), or "".
std::string SubcommandSuggestion(std::span<const Subcommand> commands,
                                 std::span<const std::string> words) {
  std::vector<std::string> names;
  for (const Subcommand& command : commands) {
    names.emplace_back(command.name);
    const size_t space = command.name.find(' ');
    if (space != std::string_view::npos) names.emplace_back(command.name.substr(0, space));
  }
  std::string typed = words[0];
  // "rules chek": compare two words with the two-word names.
  if (words.size() > 1 && IsGroup(commands, words[0])) typed += " " + words[1];
  const std::vector<std::string_view> views(names.begin(), names.end());
  const std::optional<std::string_view> nearest = NearestName(typed, views);
  return nearest ? " (did you mean '" + std::string(*nearest) + "'?)" : "";
}

// `ledgerctl --version`: the release, the commit it was built from (git
// describe when CMake configured it) and the ledger schema it reads.
int PrintVersion() {
  std::printf("ledgerctl %s (git %s)\nledger schema version %u\n", kLedgerctlVersion,
              kLedgerctlGitDescribe, static_cast<unsigned>(ledger::kSchemaVersion));
  return kExitOk;
}

// `ledgerctl`, `ledgerctl --help`, `ledgerctl help [SUB...]`, `ledgerctl
// --version`, a group alone or with --help ("rules --help"), or an unknown
// subcommand: prints the program's, a group's or one subcommand's usage.
int NoSubcommand(std::span<const Subcommand> commands, std::span<const std::string> words) {
  if (!words.empty() && (words[0] == "--version" || words[0] == "version")) {
    return PrintVersion();
  }
  // What the build installs (tools/ledgerctl/CMakeLists.txt), from the table.
  if (!words.empty() && words[0] == "--generate-completion") {
    std::fputs(BashCompletion(commands).c_str(), stdout);
    return kExitOk;
  }
  if (!words.empty() && words[0] == "--generate-man") {
    std::fputs(ManPage(commands, kLedgerctlVersion).c_str(), stdout);
    return kExitOk;
  }
  if (!words.empty() && IsHelpWord(words[0])) {
    size_t consumed = 0;
    const std::span<const std::string> rest = words.subspan(1);
    if (const Subcommand* command = FindSubcommand(commands, rest, &consumed)) {
      std::fputs(SubcommandHelp(*command).c_str(), stdout);
      return kExitOk;
    }
    if (rest.empty()) {
      std::fputs(ProgramHelp(commands).c_str(), stdout);
      return kExitOk;
    }
    if (rest.size() == 1 && IsGroup(commands, rest[0])) {
      std::fputs(GroupHelp(commands, rest[0]).c_str(), stdout);
      return kExitOk;
    }
    std::fprintf(stderr, "ledgerctl help: no subcommand '%s'%s\n\n",
                 absl::StrJoin(rest, " ").c_str(), SubcommandSuggestion(commands, rest).c_str());
    std::fputs(ProgramHelp(commands).c_str(), stderr);
    return kExitUsage;
  }
  if (!words.empty()) {
    const bool is_group = IsGroup(commands, words[0]);
    if (is_group && words.size() == 2 && IsHelpWord(words[1])) {
      std::fputs(GroupHelp(commands, words[0]).c_str(), stdout);
      return kExitOk;
    }
    if (is_group && words.size() == 1) {
      std::fprintf(stderr, "ledgerctl: '%s' needs a subcommand: %s\n\n", words[0].c_str(),
                   GroupMembers(commands, words[0]).c_str());
      std::fputs(GroupHelp(commands, words[0]).c_str(), stderr);
      return kExitUsage;
    }
    std::fprintf(stderr, "ledgerctl: unknown subcommand '%s'%s\n\n",
                 (is_group ? words[0] + " " + words[1] : words[0]).c_str(),
                 SubcommandSuggestion(commands, words).c_str());
  }
  std::fputs(ProgramHelp(commands).c_str(), stderr);
  return kExitUsage;
}

}  // namespace
}  // namespace ledgerctl

int main(int argc, char** argv) {
  using namespace ledgerctl;
  SetUpLogging();
  const std::vector<Subcommand> commands = AllSubcommands();
  const std::vector<std::string> words(argv + 1, argv + argc);

  size_t consumed = 0;
  const bool no_subcommand = words.empty() || IsHelpWord(words[0]) || words[0].starts_with("--");
  const Subcommand* command = no_subcommand
                                  ? nullptr
                                  : FindSubcommand(commands, words, &consumed);
  if (command == nullptr) return NoSubcommand(commands, words);

  const std::string name(command->name);
  absl::StatusOr<ParsedArgs> parsed =
      ParseSubcommandArgs(*command, std::span(words).subspan(consumed));
  if (!parsed.ok()) {
    ReportError(name, parsed.status());
    std::fputs(SubcommandUsage(*command).c_str(), stderr);
    return kExitUsage;
  }
  if (parsed->help) {
    std::fputs(SubcommandHelp(*command).c_str(), stdout);
    return kExitOk;
  }
  const absl::Status status = command->run(parsed->args);
  if (!status.ok()) {
    ReportError(name, status);
    if (IsUsageError(status)) std::fputs(SubcommandUsage(*command).c_str(), stderr);
  }
  std::fflush(stdout);
  return ExitCodeFor(status);
}
