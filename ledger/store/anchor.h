// The acknowledgment anchor: what the ledger has acknowledged, kept outside
// RocksDB so that a store that recovered to an earlier point, or whose end or
// rule sets were rewritten, is named instead of trusted.
//
// The anchor is a small text file, ANCHOR, in the ledger directory (next to
// RocksDB's files, never read by RocksDB). The writer rewrites it — to a
// temporary file, fsynced, renamed over ANCHOR, directory fsynced — after
// every append and every published rule set, before reporting success; so
// whatever a caller was told landed is in the anchor. Its form, one field a
// line:
//
//   ledger-anchor 1
//   sequence 569853
//   log_chain_head <64 hex digits>
//   rules_versions 2
//   rules_chain_head <64 hex digits>
//   checksum <64 hex digits: SHA-256 of the lines above, with their "\n">
//
// log_chain_head is the value after the last event of the chain over the
// whole log in sequence order: SHA-256(previous value || the event's stored
// bytes), from 32 zero bytes — it covers every event and so every employer's
// chain head. rules_chain_head is the same chain over the `rules` column
// family's entries in version order, each hashed as its key bytes followed
// by its value bytes. An operator can copy the file elsewhere (or log the
// output of `ledgerctl anchor`) and later check the ledger against that copy
// (`verify --anchor FILE`), which also catches a directory rolled back to an
// older copy of itself.
#ifndef LEDGER_STORE_ANCHOR_H_
#define LEDGER_STORE_ANCHOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ledger::store {

struct Anchor {
  uint64_t sequence = 0;         // the last acknowledged event; 0: none
  std::string log_chain_head;    // 32 bytes
  uint32_t rules_versions = 0;   // rule sets published
  std::string rules_chain_head;  // 32 bytes
};

// The anchor file of the ledger at `directory`: `directory`/ANCHOR.
[[nodiscard]] std::string AnchorPath(std::string_view directory);

// Returns the file form above.
[[nodiscard]] std::string FormatAnchor(const Anchor& anchor);
// Parses the file form; DataLoss naming `source` and the line when the text
// is not an anchor or its checksum does not hold.
[[nodiscard]] absl::StatusOr<Anchor> ParseAnchor(std::string_view text,
                                                 std::string_view source);
// Reads and parses the anchor at `path`; nullopt when there is no such file.
[[nodiscard]] absl::StatusOr<std::optional<Anchor>> ReadAnchorFile(
    const std::string& path);
// Replaces `directory`/ANCHOR with `anchor`, atomically and durably.
[[nodiscard]] absl::Status WriteAnchorFile(std::string_view directory,
                                           const Anchor& anchor);

// Compares the store's own state `found` with `anchor` (read from
// `anchor_source`). DataLoss when the store holds fewer events or rule sets
// than the anchor acknowledged, or the same number with other contents; the
// message names both sequences and what to do. A store ahead of its anchor is
// accepted: a write that landed before its process died, unacknowledged (the
// writer then moves the anchor up; verify checks the chain at the anchor's
// sequence).
[[nodiscard]] absl::Status CheckAgainstAnchor(const Anchor& found,
                                              const Anchor& anchor,
                                              std::string_view directory,
                                              std::string_view anchor_source);

// True when `found` holds more events or rule sets than `anchor`.
[[nodiscard]] bool AheadOfAnchor(const Anchor& found, const Anchor& anchor);

}  // namespace ledger::store

#endif  // LEDGER_STORE_ANCHOR_H_
