// The on-disk layout of a ledger: RocksDB column families, their key and
// value encodings, and the fixed-width integer codings they use. Pure byte
// manipulation: no RocksDB, no I/O. Safe to use from any thread.
//
// All integers are big-endian so that RocksDB's default bytewise comparator
// orders keys numerically. Signed integers (microsecond instants) are stored
// as their two's-complement 64-bit pattern.
//
// Column families (shared/design.md, "Storage layout"):
//
//   events       key:   sequence (8 bytes, u64 BE), the global sequence 1, 2, ...
//                value: the Event, serialized deterministically, with its
//                       `sequence` and `recorded_at_us` set.
//
//   by_employer  key:   employer_id (1..kMaxEmployerIdBytes bytes, never 0x00)
//                       | 0x00 (1 byte)
//                       | stream sequence (4 bytes, u32 BE), 1, 2, ... per employer
//                value: global sequence (8 bytes, u64 BE)
//                       | chain value (32 bytes): SHA-256(previous chain value ||
//                         the exact `events` value bytes of this event); the
//                         previous value of an employer's first event is 32
//                         zero bytes. The last entry of a prefix holds the
//                         employer's chain head.
//                The 0x00 separator makes "id\0" a prefix of exactly one
//                employer's keys and orders employers by id byte order.
//
//   event_ids    key:   event_id (1..kMaxEventIdBytes bytes)
//                value: global sequence (8 bytes, u64 BE)
//                       | content hash (32 bytes): SHA-256 of the event's
//                         content form (ledger/store/hashing.h).
//
//   rules        key:   rule set version (4 bytes, u32 BE), versions >= 1
//                value: published_at_us (8 bytes, i64 BE) | serialized RuleSet
//
//   receipts     (schema 2) the tax receipt numbers (电子税票号码) of the
//                payment events (contribution_paid, catch_up_paid) that
//                carry one: a duplicate receipt is one point read away.
//                key:   tax_receipt_no (1..kMaxReceiptBytes bytes, printable
//                       UTF-8, so never 0x00)
//                       | 0x00 (1 byte)
//                       | global sequence of the event (8 bytes, u64 BE)
//                value: empty
//                Derived from `events` alone: `ledgerctl upgrade` rebuilds it,
//                `verify` checks it entry by entry against the log. A
//                receipt may have several entries: a reversed payment
//                re-entered under a new id keeps its receipt.
//
//   meta         key:   an ASCII name, below
//                value: "schema_version"      4 bytes, u32 BE (kSchemaVersion)
//                       "last_sequence"       8 bytes, u64 BE (0 when empty)
//                       "last_recorded_at_us" 8 bytes, i64 BE (0 when empty)
//                       "log_chain_head"      32 bytes: the chain over every
//                                             event in sequence order
//                                             (anchor.h); 32 zeros when empty
//                       "rules_note/" + version (4 bytes, u32 BE)
//                                             SHA-256 of the version's
//                                             serialized RuleSet (32 bytes)
//                                             | its publication note (UTF-8);
//                                             absent for versions published
//                                             before notes were kept
//                       "reconcile_run/" + file SHA-256 (32 bytes)
//                                        + run (4 bytes, u32 BE), 1, 2, ...
//                                             (schema 2) a serialized
//                                             v1::ReconcileRun: one applied
//                                             `reconcile --apply`, written in
//                                             the batch of the events it
//                                             appended
//
// Per-employer stream counters are not stored: the last key of an employer's
// prefix is the counter (one SeekForPrev).
#ifndef LEDGER_STORE_KEYS_H_
#define LEDGER_STORE_KEYS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ledger::store {

// Column family names, as stored in the RocksDB MANIFEST.
inline constexpr std::string_view kEventsFamily = "events";
inline constexpr std::string_view kByEmployerFamily = "by_employer";
inline constexpr std::string_view kEventIdsFamily = "event_ids";
inline constexpr std::string_view kRulesFamily = "rules";
inline constexpr std::string_view kMetaFamily = "meta";
inline constexpr std::string_view kReceiptsFamily = "receipts";

// Names of the `meta` entries.
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaLastSequence = "last_sequence";
inline constexpr std::string_view kMetaLastRecordedAtUs = "last_recorded_at_us";
inline constexpr std::string_view kMetaLogChainHead = "log_chain_head";

inline constexpr size_t kSequenceBytes = 8;        // global sequence, u64 BE
inline constexpr size_t kStreamSequenceBytes = 4;  // per-employer, u32 BE
inline constexpr size_t kVersionBytes = 4;         // rule set version, u32 BE
inline constexpr size_t kInstantBytes = 8;         // *_us instants, i64 BE
inline constexpr size_t kHashBytes = 32;           // SHA-256
inline constexpr char kEmployerSeparator = '\0';
// Sequence-plus-hash values of `by_employer` and `event_ids`.
inline constexpr size_t kSequenceAndHashBytes = kSequenceBytes + kHashBytes;

// Limits on key parts, far above the interchange limits (128 and 64
// characters, up to 4 UTF-8 bytes each): a guard, not a rule.
inline constexpr size_t kMaxEventIdBytes = 1024;
inline constexpr size_t kMaxEmployerIdBytes = 1024;
inline constexpr size_t kMaxReceiptBytes = 1024;

// Fixed-width big-endian codings. Decode* return nullopt unless `bytes` has
// exactly the width.
[[nodiscard]] std::string EncodeU32(uint32_t value);
[[nodiscard]] std::string EncodeU64(uint64_t value);
[[nodiscard]] std::string EncodeI64(int64_t value);
[[nodiscard]] std::optional<uint32_t> DecodeU32(std::string_view bytes);
[[nodiscard]] std::optional<uint64_t> DecodeU64(std::string_view bytes);
[[nodiscard]] std::optional<int64_t> DecodeI64(std::string_view bytes);

// `events` keys. Sequence 0 is never stored.
[[nodiscard]] std::string EventKey(uint64_t sequence);
[[nodiscard]] std::optional<uint64_t> DecodeEventKey(std::string_view key);

// `by_employer` keys. `employer_id` must be non-empty, at most
// kMaxEmployerIdBytes, and free of 0x00 (asserted: callers check first).
[[nodiscard]] std::string EmployerStreamKey(std::string_view employer_id,
                                            uint32_t stream_sequence);
// Returns employer_id | 0x00: every key of that employer starts with it.
[[nodiscard]] std::string EmployerPrefix(std::string_view employer_id);
// Returns employer_id | 0x01: the exclusive upper bound of that prefix.
[[nodiscard]] std::string EmployerPrefixEnd(std::string_view employer_id);

struct EmployerStreamKeyParts {
  std::string_view employer_id;  // points into the decoded key
  uint32_t stream_sequence = 0;
};
// Returns the parts of a `by_employer` key; nullopt if it is malformed.
[[nodiscard]] std::optional<EmployerStreamKeyParts> DecodeEmployerStreamKey(
    std::string_view key);

// Values of `by_employer` (hash = chain value) and `event_ids` (hash =
// content hash). `hash` must be kHashBytes long.
struct SequenceAndHash {
  uint64_t sequence = 0;
  std::string hash;  // kHashBytes raw bytes
};
[[nodiscard]] std::string EncodeSequenceAndHash(uint64_t sequence,
                                                std::string_view hash);
[[nodiscard]] std::optional<SequenceAndHash> DecodeSequenceAndHash(
    std::string_view value);

// `rules` keys and values.
[[nodiscard]] std::string RulesKey(uint32_t version);
[[nodiscard]] std::optional<uint32_t> DecodeRulesKey(std::string_view key);

struct RulesValue {
  int64_t published_at_us = 0;
  std::string_view rules_bytes;  // points into the decoded value
};
[[nodiscard]] std::string EncodeRulesValue(int64_t published_at_us,
                                           std::string_view rules_bytes);
[[nodiscard]] std::optional<RulesValue> DecodeRulesValue(std::string_view value);

// `meta` entries "rules_note/" + version: a rule set's publication record.
inline constexpr std::string_view kMetaRulesNotePrefix = "rules_note/";
[[nodiscard]] std::string RulesNoteKey(uint32_t version);
struct RulesNoteValue {
  std::string_view sha256;  // 32 bytes, points into the decoded value
  std::string_view note;
};
[[nodiscard]] std::string EncodeRulesNoteValue(std::string_view sha256,
                                               std::string_view note);
[[nodiscard]] std::optional<RulesNoteValue> DecodeRulesNoteValue(
    std::string_view value);

// `receipts` keys. `receipt` must be non-empty, at most kMaxReceiptBytes,
// and free of 0x00 (asserted: callers check first).
[[nodiscard]] std::string ReceiptKey(std::string_view receipt, uint64_t sequence);
// Returns receipt | 0x00: every key of that receipt starts with it.
[[nodiscard]] std::string ReceiptPrefix(std::string_view receipt);
struct ReceiptKeyParts {
  std::string_view receipt;  // points into the decoded key
  uint64_t sequence = 0;
};
// Returns the parts of a `receipts` key; nullopt if it is malformed.
[[nodiscard]] std::optional<ReceiptKeyParts> DecodeReceiptKey(std::string_view key);

// `meta` entries "reconcile_run/" + SHA-256 + run.
inline constexpr std::string_view kMetaReconcileRunPrefix = "reconcile_run/";
// Returns the prefix of every run of the file with this SHA-256 (32 bytes).
[[nodiscard]] std::string ReconcileRunPrefix(std::string_view sha256);
[[nodiscard]] std::string ReconcileRunKey(std::string_view sha256, uint32_t run);

}  // namespace ledger::store

#endif  // LEDGER_STORE_KEYS_H_
