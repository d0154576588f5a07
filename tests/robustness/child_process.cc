#include "tests/robustness/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_format.h"

extern char** environ;

namespace ledger::robustness {
namespace {

ExitStatus FromWaitStatus(int wait_status) {
  ExitStatus status;
  if (WIFEXITED(wait_status)) {
    status.exited = true;
    status.code = WEXITSTATUS(wait_status);
  } else if (WIFSIGNALED(wait_status)) {
    status.signal = WTERMSIG(wait_status);
  }
  return status;
}

}  // namespace

std::string ExitStatus::Describe() const {
  if (exited) return absl::StrFormat("exit %d", code);
  if (signal != 0) return absl::StrFormat("killed by signal %d (%s)", signal, strsignal(signal));
  return "not ended";
}

std::string RunResult::Describe() const {
  return absl::StrFormat("%s after %d ms\n--- stdout ---\n%s\n--- stderr ---\n%s",
                         status.Describe(),
                         std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(),
                         out.substr(0, 4000), err.substr(0, 4000));
}

std::optional<Child> Child::Start(const std::vector<std::string>& argv,
                                  const std::filesystem::path& out_path,
                                  const std::filesystem::path& err_path, bool stdin_pipe,
                                  std::string* error) {
  std::vector<std::string> args = argv;
  std::vector<char*> pointers;
  for (std::string& arg : args) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  int pipe_fds[2] = {-1, -1};
  // O_CLOEXEC: other threads' children must not inherit our end.
  if (stdin_pipe && pipe2(pipe_fds, O_CLOEXEC) != 0) {
    *error = absl::StrFormat("pipe2: %s", strerror(errno));
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdin_pipe) {
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  const std::string out = out_path.string();
  const std::string err = err_path.string();
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, pointers[0], &actions, nullptr, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (stdin_pipe) close(pipe_fds[0]);
  if (spawned != 0) {
    if (stdin_pipe) close(pipe_fds[1]);
    *error = absl::StrFormat("cannot start %s: %s", args[0], strerror(spawned));
    return std::nullopt;
  }
  return Child(pid, stdin_pipe ? pipe_fds[1] : -1, out_path, err_path);
}

Child::Child(Child&& other) noexcept
    : pid_(other.pid_),
      stdin_fd_(other.stdin_fd_),
      reaped_(other.reaped_),
      status_(other.status_),
      out_path_(std::move(other.out_path_)),
      err_path_(std::move(other.err_path_)) {
  other.pid_ = -1;
  other.stdin_fd_ = -1;
  other.reaped_ = true;
}

Child::~Child() {
  CloseStdin();
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    int wait_status = 0;
    waitpid(pid_, &wait_status, 0);
  }
}

bool Child::Running() {
  if (reaped_) return false;
  int wait_status = 0;
  const pid_t done = waitpid(pid_, &wait_status, WNOHANG);
  if (done == 0) return true;
  reaped_ = true;
  if (done == pid_) status_ = FromWaitStatus(wait_status);
  return false;
}

void Child::Kill(int signal) {
  if (!reaped_) kill(pid_, signal);  // a zombie ignores it; we reap later
}

ExitStatus Child::Wait(std::chrono::milliseconds limit, bool* timed_out) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  if (timed_out != nullptr) *timed_out = false;
  while (Running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      if (timed_out != nullptr) *timed_out = true;
      Kill(SIGKILL);
      int wait_status = 0;
      if (waitpid(pid_, &wait_status, 0) == pid_) status_ = FromWaitStatus(wait_status);
      reaped_ = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  return status_;
}

void Child::CloseStdin() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
}

std::string Child::ReadOut() const { return ReadFileText(out_path_); }
std::string Child::ReadErr() const { return ReadFileText(err_path_); }

RunResult RunProgram(const std::vector<std::string>& argv, const std::filesystem::path& scratch,
                     const std::string& tag, std::chrono::milliseconds limit) {
  RunResult result;
  const auto start = std::chrono::steady_clock::now();
  std::string error;
  std::optional<Child> child =
      Child::Start(argv, scratch / (tag + ".out"), scratch / (tag + ".err"), false, &error);
  if (!child) {
    result.err = error;
    return result;
  }
  bool timed_out = false;
  result.status = child->Wait(limit, &timed_out);
  result.elapsed = std::chrono::steady_clock::now() - start;
  result.out = child->ReadOut();
  result.err = child->ReadErr();
  if (timed_out) {
    result.err += absl::StrFormat("\n[killed: still running after %d ms]", limit.count());
  }
  return result;
}

std::string ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace ledger::robustness
