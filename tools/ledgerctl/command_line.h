// Parsing one subcommand's command line into Abseil flags.
//
// absl::ParseCommandLine serves a program with one set of flags; it exits
// with status 1 on a bad flag and prints every flag in the binary for
// --help. ledgerctl needs per-subcommand flags, exit status 2 for usage
// errors and a --help that shows one subcommand, so it parses here through
// Abseil's flag reflection (absl::FindCommandLineFlag, CommandLineFlag::
// ParseFrom): flags stay ordinary ABSL_FLAGs, read with absl::GetFlag.
//
// Accepted forms: --name=value, --name value, -name..., --bool, --nobool,
// --bool=false, -- (the rest are arguments); flags and arguments may mix; a
// lone - is an argument (standard input). An unknown flag is reported as
// typed, with the nearest known one ("did you mean --as-of?").
#ifndef TOOLS_LEDGERCTL_COMMAND_LINE_H_
#define TOOLS_LEDGERCTL_COMMAND_LINE_H_

#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/ledgerctl/subcommand.h"

namespace ledgerctl {

struct ParsedArgs {
  bool help = false;              // --help, -h: show the usage and exit 0
  std::vector<std::string> args;  // positional arguments, in order
};

// Parses `words` (what follows the subcommand's name) for `command`, setting
// the flags it lists. An unknown flag, a missing or bad value, or a wrong
// number of arguments is a usage error (cli.h: exit 2). With --help the
// argument count is not checked.
absl::StatusOr<ParsedArgs> ParseSubcommandArgs(const Subcommand& command,
                                               std::span<const std::string> words);

// Returns the --help text of `command`: usage line, summary, its flags.
std::string SubcommandHelp(const Subcommand& command);
// Returns the short usage for a usage error: the synopsis and a pointer to
// --help.
std::string SubcommandUsage(const Subcommand& command);
// Returns the program's usage: every subcommand with its brief.
std::string ProgramHelp(std::span<const Subcommand> commands);
// Returns the usage of a group ("rules"): its subcommands with their briefs.
std::string GroupHelp(std::span<const Subcommand> commands, std::string_view group);

// Returns a bash completion script for every subcommand and its flags, from
// the same table as --help (`ledgerctl --generate-completion`; installed
// by cmake --install as share/bash-completion/completions/ledgerctl).
std::string BashCompletion(std::span<const Subcommand> commands);
// Returns the man page, ledgerctl(1) in roff, from the same table
// (`ledgerctl --generate-man`; installed as share/man/man1/ledgerctl.1).
std::string ManPage(std::span<const Subcommand> commands, std::string_view version);

// Returns the name among `names` nearest to `typed` (a typo: "asof" for
// "as-of", "ower" for "owed"), or nullopt when none is near enough to
// suggest.
std::optional<std::string_view> NearestName(std::string_view typed,
                                            std::span<const std::string_view> names);

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_COMMAND_LINE_H_
