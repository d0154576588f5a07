// See anchor.h.
#include "ledger/store/anchor.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"

namespace ledger::store {
namespace {

constexpr std::string_view kAnchorFileName = "ANCHOR";
constexpr std::string_view kAnchorMagic = "ledger-anchor 1";

absl::Status Errno(std::string_view what, const std::string& path) {
  const int error = errno;
  return absl::InternalError(absl::StrFormat("%s %s: %s", std::string(what),
                                             path, std::strerror(error)));
}

// Writes all of `bytes` to `fd`.
bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

absl::Status FsyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", path);
  const bool synced = ::fsync(fd) == 0;
  const absl::Status status = synced ? absl::OkStatus() : Errno("cannot fsync", path);
  ::close(fd);
  return status;
}

absl::StatusOr<std::string> ParseHash(std::string_view hex,
                                      std::string_view field,
                                      std::string_view source, int line) {
  std::string bytes;
  if (hex.size() != 2 * kHashBytes ||
      hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return absl::DataLossError(absl::StrFormat(
        "%s:%d: %s must be %d lowercase hex digits", std::string(source), line,
        std::string(field), 2 * kHashBytes));
  }
  return absl::HexStringToBytes(absl::string_view(hex.data(), hex.size()));
}

}  // namespace

std::string AnchorPath(std::string_view directory) {
  return absl::StrFormat("%s/%s", std::string(directory),
                         std::string(kAnchorFileName));
}

std::string FormatAnchor(const Anchor& anchor) {
  const std::string body = absl::StrFormat(
      "%s\nsequence %d\nlog_chain_head %s\nrules_versions %d\n"
      "rules_chain_head %s\n",
      std::string(kAnchorMagic), anchor.sequence,
      HexEncode(anchor.log_chain_head), anchor.rules_versions,
      HexEncode(anchor.rules_chain_head));
  return absl::StrFormat("%schecksum %s\n", body, HexEncode(Sha256(body)));
}

absl::StatusOr<Anchor> ParseAnchor(std::string_view text,
                                   std::string_view source) {
  std::vector<std::string_view> lines;
  for (absl::string_view piece :
       absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    lines.emplace_back(piece.data(), piece.size());
  }
  // Six lines, each ended by "\n": the split gives a seventh, empty piece.
  if (lines.size() != 7 || !lines[6].empty() || lines[0] != kAnchorMagic) {
    return absl::DataLossError(absl::StrFormat(
        "%s is not a ledger anchor: expected six lines starting \"%s\"",
        std::string(source), std::string(kAnchorMagic)));
  }
  static constexpr std::string_view kFields[] = {
      "sequence", "log_chain_head", "rules_versions", "rules_chain_head",
      "checksum"};
  std::string_view values[5];
  for (int i = 0; i < 5; ++i) {
    const std::string_view line = lines[i + 1];
    const std::string prefix = absl::StrFormat("%s ", std::string(kFields[i]));
    if (line.substr(0, prefix.size()) != prefix) {
      return absl::DataLossError(absl::StrFormat(
          "%s:%d: expected \"%s\" and a value", std::string(source), i + 2,
          std::string(kFields[i])));
    }
    values[i] = line.substr(prefix.size());
  }
  const size_t body_end = text.size() - lines[5].size() - 1;
  ASSIGN_OR_RETURN(const std::string checksum,
                   ParseHash(values[4], "checksum", source, 6));
  if (Sha256(text.substr(0, body_end)) != checksum) {
    return absl::DataLossError(absl::StrFormat(
        "%s: the checksum does not match the lines above it: the anchor is "
        "damaged; use a copy kept elsewhere", std::string(source)));
  }
  Anchor anchor;
  if (!absl::SimpleAtoi(std::string(values[0]), &anchor.sequence) ||
      !absl::SimpleAtoi(std::string(values[2]), &anchor.rules_versions)) {
    return absl::DataLossError(absl::StrFormat(
        "%s: sequence and rules_versions must be whole numbers",
        std::string(source)));
  }
  ASSIGN_OR_RETURN(anchor.log_chain_head,
                   ParseHash(values[1], "log_chain_head", source, 3));
  ASSIGN_OR_RETURN(anchor.rules_chain_head,
                   ParseHash(values[3], "rules_chain_head", source, 5));
  return anchor;
}

absl::StatusOr<std::optional<Anchor>> ReadAnchorFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::nullopt;
    return Errno("cannot read the anchor", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Errno("cannot read the anchor", path);
  return ParseAnchor(text.str(), path);
}

absl::Status WriteAnchorFile(std::string_view directory, const Anchor& anchor) {
  const std::string path = AnchorPath(directory);
  const std::string temporary = path + ".tmp";
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create the anchor", temporary);
  const bool written = WriteAll(fd, FormatAnchor(anchor)) && ::fsync(fd) == 0;
  absl::Status status =
      written ? absl::OkStatus() : Errno("cannot write the anchor", temporary);
  ::close(fd);
  if (!status.ok()) return status;
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    return Errno("cannot move the anchor into place at", path);
  }
  // The rename is durable only once the directory entry is.
  return FsyncPath(std::string(directory), O_RDONLY | O_DIRECTORY);
}

bool AheadOfAnchor(const Anchor& found, const Anchor& anchor) {
  return found.sequence > anchor.sequence ||
         found.rules_versions > anchor.rules_versions;
}

absl::Status CheckAgainstAnchor(const Anchor& found, const Anchor& anchor,
                                std::string_view directory,
                                std::string_view anchor_source) {
  const std::string dir(directory);
  const std::string source(anchor_source);
  constexpr std::string_view kWhatToDo =
      "Restore the ledger from a backup made after that point, or re-import "
      "the files of the missing events into it, before importing anything "
      "new (an import now would make the loss permanent)";
  if (found.sequence < anchor.sequence) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s holds events up to sequence %d, but its anchor %s "
        "acknowledged sequence %d: events %d..%d, reported as landed, are "
        "missing (a damaged or deleted write-ahead log, a truncated log, or a "
        "directory restored from an older copy). %s.",
        dir, found.sequence, source, anchor.sequence, found.sequence + 1,
        anchor.sequence, std::string(kWhatToDo)));
  }
  if (found.sequence == anchor.sequence &&
      found.log_chain_head != anchor.log_chain_head) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s ends at sequence %d as its anchor %s says, but its log "
        "chain head is %s where the anchor has %s: acknowledged events were "
        "rewritten. Restore the ledger from a backup and run `ledgerctl "
        "verify` on it.",
        dir, found.sequence, source, HexEncode(found.log_chain_head),
        HexEncode(anchor.log_chain_head)));
  }
  if (found.rules_versions < anchor.rules_versions) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s holds %d rule set versions, but its anchor %s acknowledged "
        "%d: published rule sets are missing. Restore the ledger from a "
        "backup, or publish the missing versions again.",
        dir, found.rules_versions, source, anchor.rules_versions));
  }
  if (found.rules_versions == anchor.rules_versions &&
      found.rules_chain_head != anchor.rules_chain_head) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s holds the %d rule set versions its anchor %s acknowledged, "
        "but their digest is %s where the anchor has %s: a published rule set "
        "was rewritten, and every figure computed under it would change. "
        "Restore the ledger from a backup and run `ledgerctl verify` on it.",
        dir, found.rules_versions, source, HexEncode(found.rules_chain_head),
        HexEncode(anchor.rules_chain_head)));
  }
  return absl::OkStatus();
}

}  // namespace ledger::store
