// What a ledgerctl subcommand is: a name, its usage, the flags it accepts and
// a function that runs it. main.cc holds the table of them; each lives in its
// own file (init.cc, import.cc, ...) and exposes one `Subcommand XxxCommand()`.
#ifndef TOOLS_LEDGERCTL_SUBCOMMAND_H_
#define TOOLS_LEDGERCTL_SUBCOMMAND_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace ledgerctl {

// One flag a subcommand accepts. Flags are Abseil flags (ABSL_FLAG), global to
// the process; a subcommand lists the ones it accepts so that its --help
// shows only those and any other flag is a usage error.
struct FlagSpec {
  std::string_view cli_name;    // as typed: "known-at" for --known-at
  std::string_view absl_name;   // the ABSL_FLAG name: "known_at"
  std::string_view value_name;  // in usage: "TIME"; empty for a bool flag
  // Set for an old name kept working: the name to use instead. Hidden from
  // --help; using it prints a warning on stderr.
  std::string_view deprecated_for = {};
};

struct Subcommand {
  // Every member has a default so a designated initializer may leave any
  // out without -Wmissing-field-initializers.
  std::string_view name = {};      // one or two words: "import", "rules show"
  std::string_view synopsis = {};  // after the name: "--db DIR FILE..."
  std::string_view brief = {};     // one sentence for `ledgerctl --help`
  std::string_view summary = {};   // what it does, a few lines, for its --help
  std::vector<FlagSpec> flags = {};
  // Two real command lines (after "ledgerctl "), each with what it shows,
  // that end its --help: {"owed --db scratch/zhangye ...", "what it shows"}.
  std::vector<std::pair<std::string_view, std::string_view>> examples = {};
  int min_args = 0;                // positional arguments accepted
  int max_args = 0;                // -1: no limit
  // Runs with the flags already parsed into their ABSL_FLAGs; `args` holds
  // the positional arguments. The returned status becomes the exit code
  // (cli.h: ExitCodeFor).
  absl::Status (*run)(const std::vector<std::string>& args) = nullptr;
};

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_SUBCOMMAND_H_
