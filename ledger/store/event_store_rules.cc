// RocksDbEventStore rule sets: the `rules` column family, one entry per
// published version (keys.h). Versions only go up; a rule set once published
// never changes, so re-publishing it identically is a no-op.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rocksdb/write_batch.h"

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/rocksdb_status.h"
#include "ledger/check.h"

namespace ledger::store {

std::string RulesChainNext(std::string_view previous, std::string_view key,
                           std::string_view value) {
  std::string entry;
  entry.reserve(key.size() + value.size());
  entry.append(key);
  entry.append(value);
  return ChainNext(previous, entry);
}

absl::StatusOr<RulesDigest> ReadRulesDigest(const OpenDatabase& database,
                                            std::string_view directory) {
  RulesDigest digest{0, ChainStart()};
  std::unique_ptr<rocksdb::Iterator> it(
      database.db->NewIterator(rocksdb::ReadOptions(), database.rules));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    digest.chain_head = RulesChainNext(digest.chain_head, it->key().ToStringView(),
                                       it->value().ToStringView());
    ++digest.versions;
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading the rules of ledger %s",
                                    std::string(directory))));
  return digest;
}

absl::StatusOr<v1::RuleSet> RocksDbEventStore::DecodeRules(
    std::string_view key, std::string_view value) const {
  std::optional<uint32_t> version = DecodeRulesKey(key);
  std::optional<RulesValue> decoded = DecodeRulesValue(value);
  v1::RuleSet rules;
  if (!version.has_value() || !decoded.has_value() ||
      !rules.ParseFromArray(decoded->rules_bytes.data(),
                            static_cast<int>(decoded->rules_bytes.size())) ||
      rules.version() != *version) {
    return absl::DataLossError(absl::StrFormat(
        "ledger %s: rules entry with key %s does not decode to its version",
        directory_, HexEncode(key)));
  }
  return rules;
}

absl::Status RocksDbEventStore::PutRules(const v1::RuleSet& rules,
                                         int64_t published_at_us,
                                         std::string_view note) {
  RETURN_IF_ERROR(CheckWritable("publish rules"));
  const uint32_t version = rules.version();
  if (version == 0) {
    return absl::InvalidArgumentError(
        "a rule set needs a version of 1 or more to be published");
  }
  const std::string rules_bytes = SerializeDeterministic(rules);
  const std::string key = RulesKey(version);

  std::string existing;
  rocksdb::Status status = database_->db->Get(
      rocksdb::ReadOptions(), database_->rules, key, &existing);
  if (status.ok()) {
    ASSIGN_OR_RETURN(v1::RuleSet stored, DecodeRules(key, existing));
    if (SerializeDeterministic(stored) == rules_bytes) return absl::OkStatus();
    return absl::AlreadyExistsError(absl::StrFormat(
        "rule set version %d is already published in ledger %s with "
        "different content; publish it under a new version",
        version, directory_));
  }
  if (!status.IsNotFound()) {
    return FromRocksDb(status, absl::StrFormat("reading rules version %d",
                                               version));
  }
  absl::StatusOr<v1::RuleSet> latest = LatestRules();
  if (!latest.ok() && !absl::IsNotFound(latest.status())) {
    return latest.status();
  }
  if (latest.ok() && latest->version() > version) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "rule set version %d is older than the latest published version %d "
        "in ledger %s; versions only go up",
        version, latest->version(), directory_));
  }

  const std::string value = EncodeRulesValue(published_at_us, rules_bytes);
  // Assert right before write: the value decodes back to this version.
  LEDGER_CHECK(DecodeRules(key, value).ok(),
                     "rules value does not decode to its version");
  // The rule set and its publication record land together or not at all.
  rocksdb::WriteBatch batch;
  RETURN_IF_ERROR(FromRocksDb(batch.Put(database_->rules, key, value),
                              "batching a rule set"));
  RETURN_IF_ERROR(FromRocksDb(
      batch.Put(database_->meta, RulesNoteKey(version),
                EncodeRulesNoteValue(Sha256(rules_bytes), note)),
      "batching a rule set's note"));
  rocksdb::WriteOptions write_options;
  // Synced: a published rule set survives a crash, like an appended event.
  write_options.sync = true;
  RETURN_IF_ERROR(FromRocksDb(
      database_->db->Write(write_options, &batch),
      absl::StrFormat("publishing rules version %d to ledger %s", version,
                      directory_)));
  // Versions only go up, so the new entry is the last of the chain.
  end_.rules_chain_head = RulesChainNext(end_.rules_chain_head, key, value);
  ++end_.rules_versions;
  return Acknowledge(absl::StrFormat("rule set version %d", version));
}

absl::StatusOr<v1::RuleSet> RocksDbEventStore::LatestRules() const {
  std::unique_ptr<rocksdb::Iterator> it(
      database_->db->NewIterator(rocksdb::ReadOptions(), database_->rules));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading rules of ledger %s", directory_)));
  if (!it->Valid()) {
    return absl::NotFoundError(
        absl::StrFormat("ledger %s has no published rule set", directory_));
  }
  return DecodeRules(it->key().ToStringView(), it->value().ToStringView());
}

absl::StatusOr<v1::RuleSet> RocksDbEventStore::RulesVersion(
    uint32_t version) const {
  if (version == 0) {
    return absl::NotFoundError("rule set version 0 is never published");
  }
  const std::string key = RulesKey(version);
  std::string value;
  const rocksdb::Status status =
      database_->db->Get(rocksdb::ReadOptions(), database_->rules, key, &value);
  if (status.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrFormat("rule set version %d is not published in ledger %s",
                        version, directory_));
  }
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("reading rules version %d", version)));
  return DecodeRules(key, value);
}

absl::StatusOr<std::vector<PublishedRuleSet>> RocksDbEventStore::ListRules()
    const {
  std::vector<PublishedRuleSet> published;
  std::unique_ptr<rocksdb::Iterator> it(
      database_->db->NewIterator(rocksdb::ReadOptions(), database_->rules));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    PublishedRuleSet entry;
    ASSIGN_OR_RETURN(entry.rules, DecodeRules(it->key().ToStringView(),
                                              it->value().ToStringView()));
    // DecodeRules checked the value decodes.
    entry.published_at_us =
        DecodeRulesValue(it->value().ToStringView())->published_at_us;
    const std::string actual_sha256 =
        Sha256(SerializeDeterministic(entry.rules));
    std::string note_value;
    const rocksdb::Status status =
        database_->db->Get(rocksdb::ReadOptions(), database_->meta,
                           RulesNoteKey(entry.rules.version()), &note_value);
    if (status.ok()) {
      const std::optional<RulesNoteValue> decoded =
          DecodeRulesNoteValue(note_value);
      if (!decoded.has_value() || decoded->sha256 != actual_sha256) {
        return absl::DataLossError(absl::StrFormat(
            "ledger %s: the publication record of rule set version %d does "
            "not match its stored bytes (run ledgerctl verify)",
            directory_, entry.rules.version()));
      }
      entry.note = std::string(decoded->note);
    } else if (!status.IsNotFound()) {
      return FromRocksDb(status, absl::StrFormat("reading the note of rules "
                                                 "version %d",
                                                 entry.rules.version()));
    }
    entry.sha256_hex = HexEncode(actual_sha256);
    published.push_back(std::move(entry));
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("reading rules of ledger %s", directory_)));
  return published;
}

}  // namespace ledger::store
