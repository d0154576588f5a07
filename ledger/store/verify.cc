// VerifyLedger: open read-only, check meta, run the passes of verify_walk.h,
// and name the event a problem concerns. See verify.h for what is checked.
#include "ledger/store/verify.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/anchor.h"
#include "ledger/store/event_store.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"
#include "ledger/store/verify_walk.h"

namespace ledger::store {
namespace {

// Returns the `meta` value `name`, or nullopt when absent.
absl::StatusOr<std::optional<std::string>> ReadMetaValue(
    const OpenDatabase& database, std::string_view name,
    const std::string& directory) {
  std::string value;
  const rocksdb::Status status =
      database.db->Get(rocksdb::ReadOptions(), database.meta, name, &value);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("reading meta \"%s\" of ledger %s",
                              std::string(name), directory)));
  return value;
}

}  // namespace

void LedgerVerifier::Fail(std::string_view column_family, std::string_view key,
                          std::string key_text, uint64_t sequence,
                          std::string event_id, std::string message) {
  if (failed()) return;
  report_.problem = VerifyProblem{std::string(column_family), HexEncode(key),
                                  std::move(key_text),         sequence,
                                  std::move(event_id),         std::move(message)};
}

absl::Status LedgerVerifier::VerifyMeta() {
  ASSIGN_OR_RETURN(std::optional<std::string> schema,
                   ReadMetaValue(database_, kMetaSchemaVersion, directory_));
  const std::optional<uint32_t> version =
      schema.has_value() ? DecodeU32(*schema) : std::nullopt;
  if (!version.has_value()) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s has no readable schema version: not a ledger, or its creation "
        "was interrupted", directory_));
  }
  if (*version > kSchemaVersion || *version == 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "ledger %s has schema version %d; this build verifies schema "
        "version %d", directory_, *version, kSchemaVersion));
  }
  if (*version < kSchemaVersion || database_.receipts == nullptr) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "ledger %s has schema version %d%s; this build verifies schema version "
        "%d: run `ledgerctl upgrade --db %s` once (it builds the tax receipt "
        "index from the log), then verify",
        directory_, *version,
        database_.receipts == nullptr ? " and no receipts column family" : "",
        kSchemaVersion, directory_));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> sequence,
                   ReadMetaValue(database_, kMetaLastSequence, directory_));
  const std::optional<uint64_t> last_sequence =
      sequence.has_value() ? DecodeU64(*sequence) : std::nullopt;
  if (!last_sequence.has_value()) {
    Fail(kMetaFamily, kMetaLastSequence, std::string(kMetaLastSequence), 0, "",
         "missing, or not 8 bytes (u64 big-endian)");
    return absl::OkStatus();
  }
  report_.meta_last_sequence = *last_sequence;
  ASSIGN_OR_RETURN(std::optional<std::string> recorded_at,
                   ReadMetaValue(database_, kMetaLastRecordedAtUs, directory_));
  const std::optional<int64_t> last_recorded_at_us =
      recorded_at.has_value() ? DecodeI64(*recorded_at) : std::nullopt;
  if (!last_recorded_at_us.has_value()) {
    Fail(kMetaFamily, kMetaLastRecordedAtUs,
         std::string(kMetaLastRecordedAtUs), 0, "",
         "missing, or not 8 bytes (i64 big-endian)");
    return absl::OkStatus();
  }
  meta_last_recorded_at_us_ = *last_recorded_at_us;
  ASSIGN_OR_RETURN(std::optional<std::string> log_chain_head,
                   ReadMetaValue(database_, kMetaLogChainHead, directory_));
  if (!log_chain_head.has_value() || log_chain_head->size() != kHashBytes) {
    Fail(kMetaFamily, kMetaLogChainHead, std::string(kMetaLogChainHead), 0, "",
         absl::StrFormat("missing, or not %d bytes (a ledger made before "
                         "anchors: `ledgerctl anchor --db %s --reset`)",
                         kHashBytes, directory_));
    return absl::OkStatus();
  }
  meta_log_chain_head_ = std::move(*log_chain_head);
  return absl::OkStatus();
}

absl::StatusOr<std::string> LedgerVerifier::EventIdIndexedAt(
    uint64_t sequence) const {
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.event_ids));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::optional<SequenceAndHash> value =
        DecodeSequenceAndHash(it->value().ToStringView());
    if (value.has_value() && value->sequence == sequence) {
      return it->key().ToString();
    }
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(),
      absl::StrFormat("scanning event_ids of ledger %s", directory_)));
  return std::string();
}

absl::StatusOr<bool> LedgerVerifier::IndexedAt(std::string_view event_id,
                                                uint64_t sequence) const {
  std::string value;
  const rocksdb::Status status = database_.db->Get(
      rocksdb::ReadOptions(), database_.event_ids, event_id, &value);
  if (status.IsNotFound()) return false;
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("reading event_ids entry \"%s\"",
                              std::string(event_id))));
  const std::optional<SequenceAndHash> entry = DecodeSequenceAndHash(value);
  return entry.has_value() && entry->sequence == sequence;
}

absl::Status LedgerVerifier::NameProblemEvent() {
  VerifyProblem& problem = *report_.problem;
  if (problem.sequence == 0) return absl::OkStatus();
  if (problem.event_id.empty()) {
    // The event itself, when it still parses and carries its sequence.
    std::string bytes;
    const rocksdb::Status status =
        database_.db->Get(rocksdb::ReadOptions(), database_.events,
                          EventKey(problem.sequence), &bytes);
    if (!status.IsNotFound()) {
      RETURN_IF_ERROR(FromRocksDb(
          status, absl::StrFormat("reading event %d", problem.sequence)));
      v1::Event event;
      if (event.ParseFromString(bytes) &&
          event.sequence() == problem.sequence) {
        problem.event_id = event.event_id();
      }
    }
  }
  // A damaged event may carry another id than the one it was recorded
  // under: say which id event_ids gives the sequence (one scan of
  // event_ids, only on failure and only when the two differ).
  if (!problem.event_id.empty()) {
    ASSIGN_OR_RETURN(const bool indexed,
                     IndexedAt(problem.event_id, problem.sequence));
    if (indexed) return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(const std::string indexed_id,
                   EventIdIndexedAt(problem.sequence));
  if (problem.event_id.empty()) {
    problem.event_id = indexed_id;
  } else if (!indexed_id.empty() && indexed_id != problem.event_id) {
    problem.message += absl::StrFormat(
        " (event_ids gives sequence %d to event_id \"%s\")", problem.sequence,
        indexed_id);
  }
  return absl::OkStatus();
}

absl::StatusOr<VerifyReport> LedgerVerifier::Run() {
  RETURN_IF_ERROR(VerifyMeta());
  if (!failed()) RETURN_IF_ERROR(VerifyChecksums());
  if (!failed()) RETURN_IF_ERROR(VerifyRules());
  log_chain_ = ChainStart();
  if (!failed()) RETURN_IF_ERROR(VerifyEvents());
  if (!failed()) RETURN_IF_ERROR(VerifyLogChainHead());
  if (!failed()) RETURN_IF_ERROR(VerifyEventIds());
  if (!failed()) RETURN_IF_ERROR(VerifyByEmployer());
  if (!failed()) RETURN_IF_ERROR(VerifyReceipts());
  if (!failed()) RETURN_IF_ERROR(VerifyAnchors());
  if (failed()) {
    RETURN_IF_ERROR(NameProblemEvent());
  } else {
    report_.counts.chains = static_cast<int64_t>(streams_.size());
  }
  return std::move(report_);
}

absl::StatusOr<VerifyReport> VerifyLedger(const std::string& directory,
                                          const VerifyOptions& options) {
  // Anchors first, as the store's open does (event_store.cc): a writer moves
  // an anchor only after its write is durable.
  std::vector<AnchorToCheck> anchors;
  std::vector<std::string> sources = {AnchorPath(directory)};
  if (!options.anchor_path.empty()) sources.push_back(options.anchor_path);
  for (const std::string& source : sources) {
    AnchorToCheck check;
    check.source = source;
    absl::StatusOr<std::optional<Anchor>> read = ReadAnchorFile(source);
    if (!read.ok()) {
      check.problem = std::string(read.status().message());
    } else if (!read->has_value()) {
      check.problem = absl::StrFormat(
          "there is no anchor file %s: nothing says what the ledger "
          "acknowledged (restore it from a copy kept elsewhere)", source);
    } else {
      check.anchor = **read;
    }
    anchors.push_back(std::move(check));
  }
  const uint64_t acknowledged =
      anchors.front().anchor.has_value() ? anchors.front().anchor->sequence : 0;
  ASSIGN_OR_RETURN(
      std::unique_ptr<OpenDatabase> database,
      OpenLedgerDatabase(directory, OpenMode::kReadOnly, acknowledged));
  LedgerVerifier verifier(*database, directory, std::move(anchors), options.progress);
  return verifier.Run();
}

std::string DescribeVerifyProblem(const VerifyProblem& problem) {
  std::string event;
  if (problem.sequence != 0 && !problem.event_id.empty()) {
    event = absl::StrFormat(" sequence %d, event_id \"%s\":", problem.sequence,
                            problem.event_id);
  } else if (problem.sequence != 0) {
    event = absl::StrFormat(" sequence %d (event_id unknown):",
                            problem.sequence);
  } else if (!problem.event_id.empty()) {
    event = absl::StrFormat(" event_id \"%s\":", problem.event_id);
  }
  return absl::StrFormat("%s key %s (hex %s):%s %s", problem.column_family,
                         problem.key_text, problem.key_hex, event,
                         problem.message);
}

}  // namespace ledger::store
