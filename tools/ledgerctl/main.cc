// ledgerctl: the ledger's command line. This file only finds the subcommand,
// parses its flags and maps its result to an exit status (cli.h); each
// subcommand lives in its own file.
#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/command_line.h"
#include "tools/ledgerctl/subcommand.h"

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
  X(OwedCommand)                 \
  X(ClearanceCommand)            \
  X(StatusCommand)               \
  X(DeferAutoCommand)            \
  X(ReportMonthlyCommand)        \
  X(ReportMergeCommand)          \
  X(ReportSlaCommand)            \
  X(TraceCommand)                \
  X(RulesShowCommand)            \
  X(RulesCheckCommand)

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

// `ledgerctl`, `ledgerctl --help`, `ledgerctl help [SUB...]`, or an unknown
// subcommand: prints the program's or one subcommand's usage.
int NoSubcommand(std::span<const Subcommand> commands, std::span<const std::string> words) {
  if (!words.empty() && IsHelpWord(words[0])) {
    size_t consumed = 0;
    const Subcommand* command = FindSubcommand(commands, words.subspan(1), &consumed);
    std::fputs(command != nullptr ? SubcommandHelp(*command).c_str()
                                  : ProgramHelp(commands).c_str(),
               stdout);
    return kExitOk;
  }
  if (!words.empty()) {
    // "rules --help": help with a group of subcommands.
    const bool is_group =
        std::any_of(commands.begin(), commands.end(), [&](const Subcommand& c) {
          return c.name.starts_with(words[0] + " ");
        });
    if (is_group && words.size() == 2 && IsHelpWord(words[1])) {
      std::fputs(ProgramHelp(commands).c_str(), stdout);
      return kExitOk;
    }
    if (is_group) {
      std::fprintf(stderr, "ledgerctl: '%s' needs a subcommand: %s\n\n", words[0].c_str(),
                   GroupMembers(commands, words[0]).c_str());
    } else {
      std::fprintf(stderr, "ledgerctl: unknown subcommand '%s'\n\n", words[0].c_str());
    }
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
  const Subcommand* command = words.empty() || IsHelpWord(words[0])
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
