// LedgerVerifier: RocksDB's block checksums, the `rules` entries, the log
// chain over every event and the anchors (verify.h).
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocksdb_status.h"
#include "ledger/store/verify_walk.h"
#include "ledger/v1/rules.pb.h"

namespace ledger::store {

absl::Status LedgerVerifier::VerifyChecksums() {
  // Every block of every table file, in every column family: a flipped bit
  // in a rule set or an index is named here even where no logical check
  // would read it.
  const rocksdb::Status status = database_.db->VerifyChecksum();
  if (status.IsCorruption()) {
    Fail("files", "", "table files", 0, "",
         absl::StrFormat("RocksDB block checksums fail: %s; restore the "
                         "ledger from a backup", status.ToString()));
    return absl::OkStatus();
  }
  return FromRocksDb(status, absl::StrFormat("checking the table files of "
                                             "ledger %s", directory_));
}

absl::Status LedgerVerifier::VerifyRules() {
  rules_chains_.assign(1, ChainStart());
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.rules));
  for (it->SeekToFirst(); it->Valid() && !failed(); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    const std::string_view value = it->value().ToStringView();
    const std::optional<uint32_t> version = DecodeRulesKey(key);
    const std::optional<RulesValue> decoded = DecodeRulesValue(value);
    v1::RuleSet rules;
    if (!version.has_value() || !decoded.has_value() ||
        !rules.ParseFromArray(decoded->rules_bytes.data(),
                              static_cast<int>(decoded->rules_bytes.size())) ||
        rules.version() != *version) {
      Fail(kRulesFamily, key,
           version.has_value() ? absl::StrFormat("version %d", *version)
                               : std::string("(not a version)"),
           0, "", "the entry does not decode to a rule set of its key's version");
      return absl::OkStatus();
    }
    rules_chains_.push_back(RulesChainNext(rules_chains_.back(), key, value));
    ++report_.counts.rules_versions;
  }
  return FromRocksDb(it->status(), absl::StrFormat("scanning the rules of "
                                                   "ledger %s", directory_));
}

void LedgerVerifier::ChainEvent(uint64_t sequence, std::string_view bytes) {
  log_chain_ = ChainNext(log_chain_, bytes);
  for (AnchorToCheck& check : anchors_) {
    if (check.anchor.has_value() && check.anchor->sequence == sequence) {
      check.log_chain_at_sequence = log_chain_;
      check.reached = true;
    }
  }
}

absl::Status LedgerVerifier::VerifyLogChainHead() {
  if (meta_log_chain_head_ != log_chain_) {
    Fail(kMetaFamily, kMetaLogChainHead, std::string(kMetaLogChainHead), 0, "",
         absl::StrFormat("meta says the log chain head is %s, but the chain "
                         "recomputed over every event ends at %s",
                         HexEncode(meta_log_chain_head_), HexEncode(log_chain_)));
  }
  return absl::OkStatus();
}

absl::Status LedgerVerifier::VerifyAnchors() {
  const uint64_t events = static_cast<uint64_t>(report_.counts.events);
  const uint32_t versions = static_cast<uint32_t>(report_.counts.rules_versions);
  for (AnchorToCheck& check : anchors_) {
    if (!check.anchor.has_value()) {
      Fail("anchor", check.source, check.source, 0, "", check.problem);
      return absl::OkStatus();
    }
    const Anchor& anchor = *check.anchor;
    if (anchor.sequence == 0) {
      check.log_chain_at_sequence = ChainStart();
      check.reached = true;
    }
    // The store as it stood at the anchor's point, where it got that far.
    Anchor found;
    found.sequence = check.reached ? anchor.sequence : events;
    found.log_chain_head = check.reached ? check.log_chain_at_sequence : log_chain_;
    found.rules_versions = std::min(anchor.rules_versions, versions);
    found.rules_chain_head = rules_chains_[found.rules_versions];
    const absl::Status held =
        CheckAgainstAnchor(found, anchor, directory_, check.source);
    if (!held.ok()) {
      Fail("anchor", check.source, check.source,
           0, "",
           std::string(held.message()));
      return absl::OkStatus();
    }
    ++report_.counts.anchors;
  }
  return absl::OkStatus();
}

}  // namespace ledger::store
