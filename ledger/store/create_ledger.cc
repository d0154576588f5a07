// See create_ledger.h.
#include "ledger/store/create_ledger.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/event_store.h"

namespace ledger::store {
namespace {

namespace fs = std::filesystem;

absl::Status FileSystemError(std::string_view what, const fs::path& path,
                             const std::error_code& error) {
  const std::string message = absl::StrFormat(
      "%s %s: %s", std::string(what), path.string(), error.message());
  if (error == std::errc::permission_denied ||
      error == std::errc::read_only_file_system) {
    return absl::PermissionDeniedError(message);
  }
  return absl::InternalError(message);
}

// Refuses a target that holds anything: an empty directory is replaced by
// the rename, a missing one created by it.
absl::Status CheckTarget(const fs::path& target) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(target, error);
  if (error && error != std::errc::no_such_file_or_directory) {
    return FileSystemError("cannot inspect", target, error);
  }
  if (!fs::exists(status)) return absl::OkStatus();
  if (fs::exists(target / "CURRENT")) {
    return absl::AlreadyExistsError(absl::StrFormat(
        "a ledger already exists at %s; refusing to create another (if an "
        "earlier `init` was interrupted there, `ledgerctl verify --db %s` "
        "says whether it can be used; else move it away)",
        target.string(), target.string()));
  }
  if (!fs::is_directory(status) || !fs::is_empty(target, error)) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s exists and is not an empty directory: give a new path for the "
        "ledger", target.string()));
  }
  return absl::OkStatus();
}

// Removes what killed creations of `target` left beside it.
void RemoveStaleTemporaries(const fs::path& parent, const std::string& prefix) {
  std::error_code error;
  for (fs::directory_iterator it(parent, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!absl::StartsWith(name, prefix)) continue;
    const std::string pid_text = name.substr(prefix.size());
    const pid_t pid = static_cast<pid_t>(std::atol(pid_text.c_str()));
    // A creation still running (kill 0 succeeds or is not permitted) keeps
    // its directory.
    if (pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM)) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

absl::Status SyncDirectory(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return FileSystemError("cannot open", path,
                           std::error_code(errno, std::generic_category()));
  }
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) {
    return FileSystemError("cannot fsync", path,
                           std::error_code(error, std::generic_category()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CreateLedger(const std::string& directory,
                          const v1::RuleSet& rules, int64_t published_at_us) {
  if (directory.empty()) {
    return absl::InvalidArgumentError("ledger directory is empty");
  }
  const fs::path target = fs::absolute(fs::path(directory)).lexically_normal();
  const fs::path parent = target.parent_path();
  std::error_code error;
  fs::create_directories(parent, error);
  if (error) return FileSystemError("cannot create", parent, error);
  RETURN_IF_ERROR(CheckTarget(target));

  const std::string prefix =
      absl::StrFormat(".%s.creating-", target.filename().string());
  RemoveStaleTemporaries(parent, prefix);
  const fs::path temporary = parent / absl::StrFormat("%s%d", prefix, ::getpid());
  fs::remove_all(temporary, error);
  {
    absl::StatusOr<std::unique_ptr<EventStore>> store =
        EventStore::Open(temporary.string(), OpenMode::kCreate);
    absl::Status status = store.status();
    if (store.ok()) status = (*store)->PutRules(rules, published_at_us);
    if (!status.ok()) {
      std::error_code ignored;
      store = absl::UnknownError("closed");  // closes the database first
      fs::remove_all(temporary, ignored);
      return absl::Status(
          status.code(), absl::StrFormat("creating ledger %s: %s", directory,
                                         status.message()));
    }
  }  // closed: every family flushed, nothing left in a WAL
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const std::error_code rename_error(errno, std::generic_category());
    std::error_code ignored;
    fs::remove_all(temporary, ignored);
    if (rename_error == std::errc::directory_not_empty ||
        rename_error == std::errc::file_exists) {
      return CheckTarget(target);  // someone created it meanwhile
    }
    return FileSystemError("cannot move the new ledger into place at", target,
                           rename_error);
  }
  return SyncDirectory(parent);
}

}  // namespace ledger::store
