#include "tools/ledgerctl/command_line.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "tools/ledgerctl/cli.h"

namespace ledgerctl {
namespace {

// Returns the registered flag behind `spec`. A spec naming no ABSL_FLAG is a
// programming error in the subcommand table: crash loudly, at once.
absl::CommandLineFlag& FlagFor(const FlagSpec& spec) {
  absl::CommandLineFlag* flag =
      absl::FindCommandLineFlag(std::string(spec.absl_name));
  if (flag == nullptr) {
    absl::FPrintF(stderr, "ledgerctl: internal error: no flag named %s\n",
                  std::string(spec.absl_name));
    std::abort();
  }
  return *flag;
}

// Returns the spec for `--name`: its cli name, or its Abseil name.
const FlagSpec* FindSpec(const Subcommand& command, std::string_view name) {
  for (const FlagSpec& spec : command.flags) {
    if (spec.cli_name == name || spec.absl_name == name) return &spec;
  }
  return nullptr;
}

std::string DisplayName(const Subcommand& command) {
  return absl::StrFormat("ledgerctl %s", std::string(command.name));
}

// Sets one flag from `--name[=value]`; `next` supplies a separate value.
absl::Status SetFlag(const Subcommand& command, std::string_view name,
                     std::optional<std::string_view> inline_value,
                     std::span<const std::string> words, size_t* index) {
  const FlagSpec* spec = FindSpec(command, name);
  std::string value;
  if (spec == nullptr && name.substr(0, 2) == "no" && !inline_value) {
    // --nobool sets a bool flag false, as Abseil's own parser does.
    spec = FindSpec(command, name.substr(2));
    if (spec == nullptr || !FlagFor(*spec).IsOfType<bool>()) spec = nullptr;
    else value = "false";
  }
  if (spec == nullptr) {
    return UsageError(absl::StrFormat("unknown flag --%s", std::string(name)));
  }
  absl::CommandLineFlag& flag = FlagFor(*spec);
  if (inline_value) {
    value = std::string(*inline_value);
  } else if (value.empty() && flag.IsOfType<bool>()) {
    value = "true";
  } else if (value.empty()) {
    if (*index + 1 >= words.size()) {
      return UsageError(absl::StrFormat("--%s needs a value: --%s %s",
                                        std::string(spec->cli_name),
                                        std::string(spec->cli_name),
                                        std::string(spec->value_name)));
    }
    value = words[++*index];
  }
  std::string error;
  if (!flag.ParseFrom(value, &error)) {
    return UsageError(absl::StrFormat("--%s: %s", std::string(spec->cli_name), error));
  }
  return absl::OkStatus();
}

// Appends `text` wrapped to `width` columns, continuation lines indented.
void AppendWrapped(std::string& out, std::string_view text, size_t indent,
                   size_t width) {
  size_t column = indent;
  bool first = true;
  // Debian's Abseil has its own string_view: convert at the boundary.
  for (absl::string_view word :
       absl::StrSplit(absl::string_view(text.data(), text.size()), ' ',
                      absl::SkipEmpty())) {
    if (!first && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (!first) {
      out += ' ';
      ++column;
    }
    out.append(word.data(), word.size());
    column += word.size();
    first = false;
  }
}

}  // namespace

absl::StatusOr<ParsedArgs> ParseSubcommandArgs(const Subcommand& command,
                                               std::span<const std::string> words) {
  ParsedArgs parsed;
  bool only_args = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (only_args || word.size() < 2 || word[0] != '-') {
      parsed.args.push_back(word);
      continue;
    }
    if (word == "--") {
      only_args = true;
      continue;
    }
    std::string_view name = word;
    name.remove_prefix(name.substr(0, 2) == "--" ? 2 : 1);
    std::optional<std::string_view> inline_value;
    if (size_t equals = name.find('='); equals != std::string_view::npos) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if ((name == "help" || name == "h") && !inline_value) {
      parsed.help = true;
      continue;
    }
    if (absl::Status status = SetFlag(command, name, inline_value, words, &i);
        !status.ok()) {
      return status;
    }
  }
  if (parsed.help) return parsed;
  const int count = static_cast<int>(parsed.args.size());
  if (count < command.min_args || (command.max_args >= 0 && count > command.max_args)) {
    return UsageError(count < command.min_args ? "missing arguments"
                                               : "too many arguments");
  }
  return parsed;
}

std::string SubcommandHelp(const Subcommand& command) {
  std::string out = absl::StrFormat("Usage: %s %s\n\n", DisplayName(command),
                                    std::string(command.synopsis));
  out += std::string(command.summary);
  out += "\n\nFlags:\n";
  std::vector<std::string> left;
  for (const FlagSpec& spec : command.flags) {
    left.push_back(absl::StrFormat("  --%s%s%s", std::string(spec.cli_name),
                                   spec.value_name.empty() ? "" : " ",
                                   std::string(spec.value_name)));
  }
  left.push_back("  --help");
  size_t column = 0;
  for (const std::string& item : left) column = std::max(column, item.size());
  column += 2;
  for (size_t i = 0; i < left.size(); ++i) {
    out += left[i] + std::string(column - left[i].size(), ' ');
    std::string help = "Show this help and exit.";
    if (i < command.flags.size()) {
      const absl::CommandLineFlag& flag = FlagFor(command.flags[i]);
      help = flag.Help();
      const std::string default_value = flag.DefaultValue();
      if (!default_value.empty() && !flag.IsOfType<bool>()) {
        help += absl::StrFormat(" (default: %s)", default_value);
      }
    }
    AppendWrapped(out, help, column, 79);
    out += '\n';
  }
  return out;
}

std::string SubcommandUsage(const Subcommand& command) {
  return absl::StrFormat("Usage: %s %s\nRun '%s --help' for its flags.\n",
                         DisplayName(command), std::string(command.synopsis),
                         DisplayName(command));
}

std::string ProgramHelp(std::span<const Subcommand> commands) {
  std::string out =
      "Usage: ledgerctl SUBCOMMAND [flags] [args]\n\n"
      "The contribution ledger's command line. Results go to stdout; logs and\n"
      "errors to stderr. Exit status: 0 ok, 1 input refused, 2 usage error,\n"
      "3 ledger storage failure, 4 the answer is no (clearance: may not).\n\n"
      "Subcommands:\n";
  size_t column = 0;
  for (const Subcommand& command : commands) column = std::max(column, command.name.size());
  for (const Subcommand& command : commands) {
    std::string_view brief = command.brief;
    if (brief.empty()) brief = command.summary.substr(0, command.summary.find('\n'));
    out += absl::StrFormat("  %-*s  %s\n", static_cast<int>(column),
                           std::string(command.name), std::string(brief));
  }
  out += "\nRun 'ledgerctl SUBCOMMAND --help' for its flags.\n";
  return out;
}

}  // namespace ledgerctl
