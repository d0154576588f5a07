// Child processes for the robustness tests: the built ledgerctl (or a helper)
// started with stdin from /dev/null or a pipe, stdout and stderr to files,
// then waited for, polled or killed. Unlike tests/cli/cli_runner.h a child
// runs in the background, so a test can kill it mid-import or run queries
// next to it. A Child is used from one thread; different Childs may be used
// from different threads.
#ifndef LEDGER_TESTS_ROBUSTNESS_CHILD_PROCESS_H_
#define LEDGER_TESTS_ROBUSTNESS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ledger::robustness {

// How a child ended: exited with `code`, or was killed by `signal`.
struct ExitStatus {
  bool exited = false;
  int code = -1;   // when exited
  int signal = 0;  // when killed
  // Returns "exit 3" or "killed by signal 9 (Killed)".
  std::string Describe() const;
  bool ExitedWith(int expected) const { return exited && code == expected; }
};

// Everything one finished run left behind.
struct RunResult {
  ExitStatus status;
  std::string out;
  std::string err;
  std::chrono::steady_clock::duration elapsed{};
  // Returns status, stdout and stderr as text for a failure message.
  std::string Describe() const;
};

class Child {
 public:
  // Starts `argv` (argv[0] a path); stdout/stderr go to `out_path`/`err_path`
  // (truncated). With `stdin_pipe` the child reads a pipe this object holds
  // open until CloseStdin() or destruction; else /dev/null. Returns nullopt
  // and sets *error when the program cannot be started.
  static std::optional<Child> Start(const std::vector<std::string>& argv,
                                    const std::filesystem::path& out_path,
                                    const std::filesystem::path& err_path, bool stdin_pipe,
                                    std::string* error);
  Child(Child&& other) noexcept;
  Child& operator=(Child&&) = delete;
  Child(const Child&) = delete;
  // Kills (SIGKILL) and reaps a child still running.
  ~Child();

  pid_t pid() const { return pid_; }
  // Returns true while the child has not ended (reaps it when it has).
  bool Running();
  // Sends `signal`; a no-op once the child was reaped.
  void Kill(int signal);
  // Waits until the child ends; SIGKILLs it first if `limit` passes, and
  // then sets *timed_out.
  ExitStatus Wait(std::chrono::milliseconds limit, bool* timed_out = nullptr);
  // Closes the stdin pipe: a helper reading stdin sees end of file.
  void CloseStdin();
  // The ended child's status; valid after Running() returned false or Wait().
  const ExitStatus& status() const { return status_; }
  std::string ReadOut() const;
  std::string ReadErr() const;

 private:
  Child(pid_t pid, int stdin_fd, std::filesystem::path out, std::filesystem::path err)
      : pid_(pid), stdin_fd_(stdin_fd), out_path_(std::move(out)), err_path_(std::move(err)) {}

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  bool reaped_ = false;
  ExitStatus status_;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

// Runs `argv` to completion (stdin /dev/null; outputs in `scratch`, under
// names starting with `tag`); kills it after `limit`.
RunResult RunProgram(const std::vector<std::string>& argv, const std::filesystem::path& scratch,
                     const std::string& tag,
                     std::chrono::milliseconds limit = std::chrono::seconds(120));

// Returns the whole file, or "" when it cannot be read.
std::string ReadFileText(const std::filesystem::path& path);

// Returns the lines of `text` (a final newline ends the last line).
std::vector<std::string> SplitLines(const std::string& text);

}  // namespace ledger::robustness

#endif  // LEDGER_TESTS_ROBUSTNESS_CHILD_PROCESS_H_
