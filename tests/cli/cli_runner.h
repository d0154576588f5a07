// Runs the built ledgerctl as a child process (stdin /dev/null or a file, stdout and
// stderr to files, never a terminal: the default format is json), for tests
// that check the CLI end to end.
#ifndef LEDGER_TESTS_CLI_CLI_RUNNER_H_
#define LEDGER_TESTS_CLI_CLI_RUNNER_H_

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ledger::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Returns a new empty directory under the test's temp dir.
inline std::filesystem::path MakeScratchDir(const std::string& name) {
  std::string pattern =
      (std::filesystem::path(::testing::TempDir()) / (name + ".XXXXXX")).string();
  EXPECT_NE(mkdtemp(pattern.data()), nullptr);
  return pattern;
}

// Runs `args[0]` (looked up on PATH when it has no slash) with the rest of
// `args`, standard input from `stdin_path`; output files live in `scratch`.
inline CliResult RunProgram(const std::filesystem::path& scratch, std::vector<std::string> args,
                            const std::string& stdin_path = "/dev/null") {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const std::string out_path = (scratch / "stdout").string();
  const std::string err_path = (scratch / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  CliResult result;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "cannot run " << argv[0];
    return result;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadWholeFile(out_path);
  result.err = ReadWholeFile(err_path);
  return result;
}

// Runs LEDGERCTL_PATH with `args`; output files live in `scratch`.
inline CliResult RunLedgerctl(const std::filesystem::path& scratch, std::vector<std::string> args,
                              const std::string& stdin_path = "/dev/null") {
  args.insert(args.begin(), LEDGERCTL_PATH);
  return RunProgram(scratch, std::move(args), stdin_path);
}

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_CLI_CLI_RUNNER_H_
