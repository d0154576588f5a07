#include "ledger/store/read_support.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocksdb_status.h"

namespace ledger::store {

absl::Status CheckEmployerId(std::string_view employer_id) {
  if (employer_id.empty() || employer_id.size() > kMaxEmployerIdBytes ||
      employer_id.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "employer_id \"%s\" is empty, too long or contains 0x00",
        std::string(employer_id)));
  }
  return absl::OkStatus();
}

absl::StatusOr<StreamEntry> DecodeStreamEntry(const rocksdb::Iterator& it) {
  std::optional<EmployerStreamKeyParts> key =
      DecodeEmployerStreamKey(it.key().ToStringView());
  std::optional<SequenceAndHash> value =
      DecodeSequenceAndHash(it.value().ToStringView());
  if (!key.has_value() || !value.has_value()) {
    return absl::DataLossError(absl::StrFormat(
        "by_employer entry with key %s is malformed",
        HexEncode(it.key().ToStringView())));
  }
  return StreamEntry{key->employer_id, key->stream_sequence, value->sequence};
}

absl::Status ExtendStream(const StreamEntry& entry,
                          std::vector<uint64_t>* sequences) {
  const size_t expected = sequences->size() + 1;
  if (entry.stream_sequence != expected ||
      (!sequences->empty() && entry.sequence <= sequences->back())) {
    return absl::DataLossError(absl::StrFormat(
        "employer \"%s\": stream entry %d (sequence %d) found where entry %d "
        "was expected", std::string(entry.employer_id), entry.stream_sequence,
        entry.sequence, expected));
  }
  sequences->push_back(entry.sequence);
  return absl::OkStatus();
}

absl::Status ForEachStream(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* by_employer,
    const rocksdb::ReadOptions& options, std::string_view directory,
    const std::function<absl::Status(std::string_view employer_id,
                                     const std::vector<uint64_t>& sequences)>& visit) {
  std::string employer_id;
  std::vector<uint64_t> sequences;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options, by_employer));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ASSIGN_OR_RETURN(StreamEntry entry, DecodeStreamEntry(*it));
    if (entry.employer_id != employer_id) {
      if (!sequences.empty()) RETURN_IF_ERROR(visit(employer_id, sequences));
      sequences.clear();
      employer_id.assign(entry.employer_id);
    }
    RETURN_IF_ERROR(ExtendStream(entry, &sequences));
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("scanning employers of ledger %s", directory)));
  if (sequences.empty()) return absl::OkStatus();
  return visit(employer_id, sequences);
}

}  // namespace ledger::store
