#include "tools/ledgerctl/command_line.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "spdlog/spdlog.h"
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

// Returns " (did you mean --as-of?)" for the flag of `command` nearest to
// `name`, or "" when none is near.
std::string FlagSuggestion(const Subcommand& command, std::string_view name) {
  std::vector<std::string_view> names = {"help"};
  for (const FlagSpec& spec : command.flags) {
    if (spec.deprecated_for.empty()) names.push_back(spec.cli_name);
  }
  const std::optional<std::string_view> nearest = NearestName(name, names);
  return nearest ? absl::StrFormat(" (did you mean --%s?)", std::string(*nearest)) : "";
}

// Sets one flag from `--name[=value]` (`typed`: the flag as given, "-d");
// `words[*index + 1]` supplies a separate value.
absl::Status SetFlag(const Subcommand& command, std::string_view typed, std::string_view name,
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
    return UsageError(absl::StrFormat("unknown flag %s%s", std::string(typed),
                                      FlagSuggestion(command, name)));
  }
  if (!spec->deprecated_for.empty()) {
    spdlog::warn("--{} is deprecated: use --{}", spec->cli_name, spec->deprecated_for);
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
    // Abseil names its flag ('rules_version'); the user typed --version.
    const std::string internal = absl::StrFormat("flag '%s'", std::string(spec->absl_name));
    if (const size_t at = error.find(internal); at != std::string::npos) {
      error.replace(at, internal.size(), absl::StrFormat("--%s", std::string(spec->cli_name)));
    }
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
    const std::string_view typed =
        std::string_view(word).substr(0, word.find('='));
    std::optional<std::string_view> inline_value;
    if (size_t equals = name.find('='); equals != std::string_view::npos) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if ((name == "help" || name == "h") && !inline_value) {
      parsed.help = true;
      continue;
    }
    if (absl::Status status = SetFlag(command, typed, name, inline_value, words, &i);
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
  std::vector<const FlagSpec*> shown;
  std::vector<std::string> left;
  for (const FlagSpec& spec : command.flags) {
    if (!spec.deprecated_for.empty()) continue;
    shown.push_back(&spec);
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
    if (i < shown.size()) {
      const absl::CommandLineFlag& flag = FlagFor(*shown[i]);
      help = flag.Help();
      const std::string default_value = flag.DefaultValue();
      if (!default_value.empty() && !flag.IsOfType<bool>()) {
        help += absl::StrFormat(" (default: %s)", default_value);
      }
    }
    AppendWrapped(out, help, column, 79);
    out += '\n';
  }
  if (!command.examples.empty()) out += "\nExamples:\n";
  for (const auto& [line, what] : command.examples) {
    out += "  # ";
    AppendWrapped(out, what, 4, 79);
    out += absl::StrFormat("\n  ledgerctl %s\n", std::string(line));
  }
  return out;
}

std::string SubcommandUsage(const Subcommand& command) {
  return absl::StrFormat("Usage: %s %s\nRun '%s --help' for its flags.\n",
                         DisplayName(command), std::string(command.synopsis),
                         DisplayName(command));
}

namespace {

// Appends "  name  brief" for each of `commands` whose name starts with
// `prefix`.
void AppendCommandList(std::string& out, std::span<const Subcommand> commands,
                       std::string_view prefix) {
  size_t column = 0;
  for (const Subcommand& command : commands) column = std::max(column, command.name.size());
  for (const Subcommand& command : commands) {
    if (!command.name.starts_with(prefix)) continue;
    out += absl::StrFormat("  %-*s  %s\n", static_cast<int>(column),
                           std::string(command.name), std::string(command.brief));
  }
}

}  // namespace

std::string ProgramHelp(std::span<const Subcommand> commands) {
  std::string out =
      "Usage: ledgerctl SUBCOMMAND [flags] [args]\n"
      "       ledgerctl help SUBCOMMAND | --version\n\n"
      "The contribution ledger's command line. Results go to stdout; logs and\n"
      "errors to stderr. Queries print --format table on a terminal and json\n"
      "(JSON Lines) otherwise, or csv for spreadsheets. Exit status: 0 ok,\n"
      "1 input refused, 2 usage error, 3 ledger storage failure, 4 the answer\n"
      "is no (clearance: may not).\n\nSubcommands:\n";
  AppendCommandList(out, commands, "");
  out += "\nRun 'ledgerctl help SUBCOMMAND' or 'ledgerctl SUBCOMMAND --help' for its flags.\n";
  return out;
}

std::string GroupHelp(std::span<const Subcommand> commands, std::string_view group) {
  std::string out = absl::StrFormat("Usage: ledgerctl %s SUBCOMMAND [flags] [args]\n\n",
                                    std::string(group));
  out += "Subcommands:\n";
  AppendCommandList(out, commands, std::string(group) + " ");
  out += absl::StrFormat("\nRun 'ledgerctl help %s SUBCOMMAND' for its flags.\n",
                         std::string(group));
  return out;
}

std::optional<std::string_view> NearestName(std::string_view typed,
                                            std::span<const std::string_view> names) {
  // Levenshtein distance, '_' and '-' counted alike (--as_of is --as-of).
  auto same = [](char a, char b) {
    return a == b || ((a == '_' || a == '-') && (b == '_' || b == '-'));
  };
  auto distance = [&](std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        const size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                           diagonal + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  std::optional<std::string_view> best;
  size_t best_distance = 0;
  for (const std::string_view name : names) {
    // Near: at most a third of the longer name differs (at least 1, at most 3),
    // or one is the other's prefix ("--emp" for --employer).
    const size_t limit = std::clamp<size_t>(std::max(name.size(), typed.size()) / 3, 1, 3);
    size_t d = distance(typed, name);
    if (typed.size() >= 2 && name.starts_with(typed)) d = std::min(d, limit);
    if (d <= limit && (!best || d < best_distance)) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

namespace {

// Returns the flags `command` shows in --help, as typed: "--db --as-of --help".
std::string FlagWords(const Subcommand& command) {
  std::string words;
  for (const FlagSpec& spec : command.flags) {
    if (spec.deprecated_for.empty()) absl::StrAppend(&words, "--", std::string(spec.cli_name), " ");
  }
  return words + "--help";
}

// Returns `text` escaped for roff: backslashes, a leading . or ', and '-'.
std::string Roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

}  // namespace

std::string BashCompletion(std::span<const Subcommand> commands) {
  std::string out =
      "# bash completion for ledgerctl, generated by `ledgerctl --generate-completion`\n"
      "# from its subcommand table (tools/ledgerctl/command_line.cc). Do not edit.\n"
      "_ledgerctl() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" words=\"\" i\n"
      "  # The words before the cursor that are not flags: the subcommand, then\n"
      "  # flag values and arguments.\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case \"${COMP_WORDS[i]}\" in -*) ;; *) words=\"${words:+$words }${COMP_WORDS[i]}\" ;; esac\n"
      "  done\n"
      "  local flags=\"\"\n"
      "  case \"$words \" in\n";
  // Two-word names first, so "rules show" is not taken for a group.
  std::vector<const Subcommand*> ordered;
  for (const Subcommand& command : commands) ordered.push_back(&command);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Subcommand* a, const Subcommand* b) {
    return a->name.find(' ') != std::string_view::npos &&
           b->name.find(' ') == std::string_view::npos;
  });
  std::vector<std::string> top = {"help", "--help", "--version"};
  std::vector<std::string> groups;
  for (const Subcommand* command : ordered) {
    const std::string name(command->name);
    absl::StrAppend(&out, "    \"", name, " \"*) flags=\"", FlagWords(*command), "\" ;;\n");
    const size_t space = name.find(' ');
    const std::string first = name.substr(0, space);
    if (std::find(top.begin(), top.end(), first) == top.end()) top.push_back(first);
    if (space != std::string::npos) groups.push_back(name);
  }
  for (const std::string& group_name : groups) {
    const std::string group = group_name.substr(0, group_name.find(' '));
    std::string members;
    for (const std::string& other : groups) {
      if (other.starts_with(group + " ")) absl::StrAppend(&members, other.substr(group.size() + 1), " ");
    }
    if (out.find("    \"" + group + " \")") == std::string::npos) {
      absl::StrAppend(&out, "    \"", group, " \") COMPREPLY=($(compgen -W \"", members,
                      "\" -- \"$cur\")); return ;;\n");
    }
  }
  std::string top_words;
  for (const std::string& word : top) absl::StrAppend(&top_words, word, " ");
  absl::StrAppend(&out, "    \" \") COMPREPLY=($(compgen -W \"", top_words,
                  "\" -- \"$cur\")); return ;;\n");
  out +=
      "    *) return ;;\n"
      "  esac\n"
      "  if [[ \"$cur\" == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
      "  else\n"
      "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      "  fi\n"
      "}\n"
      "complete -o filenames -F _ledgerctl ledgerctl\n";
  return out;
}

std::string ManPage(std::span<const Subcommand> commands, std::string_view version) {
  std::string out = absl::StrFormat(
      ".\\\" Generated by `ledgerctl --generate-man` from its subcommand table. Do not edit.\n"
      ".TH LEDGERCTL 1 \"\" \"ledgerctl %s\" \"User Commands\"\n"
      ".SH NAME\nledgerctl \\- the contribution ledger's command line\n"
      ".SH SYNOPSIS\n\\fBledgerctl\\fR \\fISUBCOMMAND\\fR [\\fIflags\\fR] [\\fIargs\\fR]\n.br\n"
      "\\fBledgerctl help\\fR \\fISUBCOMMAND\\fR | \\fB\\-\\-version\\fR\n"
      ".SH DESCRIPTION\n%s\n",
      std::string(version),
      Roff("An event-sourced ledger of employer medical-insurance contributions. "
           "Results go to stdout; logs and errors to stderr. Queries print "
           "--format table on a terminal and json (JSON Lines) otherwise, or csv "
           "for spreadsheets (UTF-8 with a BOM, ids as =\"...\")."));
  out += ".SH SUBCOMMANDS\n";
  for (const Subcommand& command : commands) {
    absl::StrAppend(&out, ".SS \"", Roff(command.name), "\"\n\\fBledgerctl ", Roff(command.name),
                    "\\fR ", Roff(command.synopsis), "\n.PP\n", Roff(command.brief), "\n.PP\n");
    std::string summary(command.summary);
    std::replace(summary.begin(), summary.end(), '\n', ' ');
    absl::StrAppend(&out, Roff(summary), "\n");
    for (const FlagSpec& spec : command.flags) {
      if (!spec.deprecated_for.empty()) continue;
      absl::StrAppend(&out, ".TP\n\\fB", Roff(absl::StrCat("--", std::string(spec.cli_name))),
                      "\\fR", spec.value_name.empty() ? "" : " \\fI", Roff(spec.value_name),
                      spec.value_name.empty() ? "" : "\\fR", "\n",
                      Roff(FlagFor(spec).Help()), "\n");
    }
    if (!command.examples.empty()) out += ".PP\nExamples:\n";
    for (const auto& [line, what] : command.examples) {
      absl::StrAppend(&out, ".PP\n", Roff(what), ":\n.br\n\\fBledgerctl ", Roff(line), "\\fR\n");
    }
  }
  out += ".SH EXIT STATUS\n" +
         Roff("0 ok; 1 input refused, nothing changed; 2 usage error; 3 the ledger could "
              "not be opened, read or written; 4 the answer is no (clearance: may not "
              "deregister).") +
         "\n";
  out +=
      ".SH ENVIRONMENT\n.TP\n\\fBNO_COLOR\\fR\nSet and not empty: no colour on stderr.\n"
      ".TP\n\\fBSPDLOG_LEVEL\\fR\ndebug: more logs on stderr.\n"
      ".SH SEE ALSO\ndocs/cli.md and README.md of the source tree.\n";
  return out;
}

}  // namespace ledgerctl
