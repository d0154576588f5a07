// The index passes of LedgerVerifier (verify_walk.h). The events pass has
// already checked, for every event, the one event_ids entry and the one
// by_employer entry that must hold it; these passes look for entries beyond
// those: an index entry that points at no event, or at the wrong one.
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"
#include "ledger/store/keys.h"
#include "ledger/store/receipts.h"
#include "ledger/store/rocksdb_status.h"
#include "ledger/store/verify_walk.h"

namespace ledger::store {

absl::Status LedgerVerifier::VerifyEventIds() {
  // The events pass found each event's entry under its own event_id, so the
  // entries are at least as many as the events; equally many means no
  // other. Only when there are more is each entry read against its event.
  int64_t entries = 0;
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.event_ids));
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++entries;
  RETURN_IF_ERROR(FromRocksDb(
      it->status(),
      absl::StrFormat("scanning event_ids of ledger %s", directory_)));
  report_.counts.event_ids_entries = entries;
  if (entries == report_.counts.events) return absl::OkStatus();
  return VerifyEventIdsEntryByEntry();
}

absl::Status LedgerVerifier::VerifyEventIdsEntryByEntry() {
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.event_ids));
  for (it->SeekToFirst(); it->Valid() && !failed(); it->Next()) {
    const std::string key = it->key().ToString();
    const std::string key_text = absl::StrFormat("\"%s\"", key);
    const std::optional<SequenceAndHash> entry =
        DecodeSequenceAndHash(it->value().ToStringView());
    if (!entry.has_value()) {
      Fail(kEventIdsFamily, key, key_text, 0, key,
           "value is malformed: expected sequence + SHA-256");
      break;
    }
    if (entry->sequence > report_.meta_last_sequence) {
      Fail(kEventIdsFamily, key, key_text, 0, key,
           absl::StrFormat("points at sequence %d, past the last event, %d",
                           entry->sequence, report_.meta_last_sequence));
      break;
    }
    std::string bytes;
    RETURN_IF_ERROR(FromRocksDb(
        database_.db->Get(rocksdb::ReadOptions(), database_.events,
                          EventKey(entry->sequence), &bytes),
        absl::StrFormat("reading event %d", entry->sequence)));
    v1::Event event;
    // The events pass parsed every stored event already.
    const bool parsed = event.ParseFromString(bytes);
    if (!parsed || event.event_id() != key) {
      Fail(kEventIdsFamily, key, key_text, entry->sequence, event.event_id(),
           absl::StrFormat("points at sequence %d, which holds event_id "
                           "\"%s\": an entry no event owns",
                           entry->sequence, event.event_id()));
    }
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(),
      absl::StrFormat("scanning event_ids of ledger %s", directory_)));
  if (!failed()) {
    return absl::InternalError(absl::StrFormat(
        "ledger %s: event_ids has %d entries for %d events, yet each entry "
        "matches its event", directory_, report_.counts.event_ids_entries,
        report_.counts.events));
  }
  return absl::OkStatus();
}

absl::Status LedgerVerifier::VerifyByEmployer() {
  // The events pass checked positions 1..n of each employer's stream; any
  // other entry is one too many.
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.by_employer));
  for (it->SeekToFirst(); it->Valid() && !failed(); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    const std::optional<EmployerStreamKeyParts> parts =
        DecodeEmployerStreamKey(key);
    const std::optional<SequenceAndHash> entry =
        DecodeSequenceAndHash(it->value().ToStringView());
    const uint64_t sequence = entry.has_value() ? entry->sequence : 0;
    if (!parts.has_value()) {
      Fail(kByEmployerFamily, key, "(not employer | 0x00 | stream position)",
           sequence, "",
           "key is not employer_id | 0x00 | u32 big-endian stream position");
      break;
    }
    ++report_.counts.by_employer_entries;
    const std::string key_text =
        absl::StrFormat("employer \"%s\" stream %d",
                        std::string(parts->employer_id),
                        parts->stream_sequence);
    // Debian's Abseil has its own string_view: convert for the lookup.
    const auto stream = streams_.find(absl::string_view(
        parts->employer_id.data(), parts->employer_id.size()));
    if (stream == streams_.end()) {
      Fail(kByEmployerFamily, key, key_text, sequence, "",
           "an entry for an employer with no events");
    } else if (parts->stream_sequence > stream->second.events) {
      Fail(kByEmployerFamily, key, key_text, sequence, "",
           absl::StrFormat("stream position %d is past the employer's %d "
                           "events", parts->stream_sequence,
                           stream->second.events));
    }
  }
  return FromRocksDb(
      it->status(),
      absl::StrFormat("scanning by_employer of ledger %s", directory_));
}

absl::Status LedgerVerifier::VerifyReceipts() {
  // The events pass found each receipted payment's entry; an entry beyond
  // those points at no event, or at one without that receipt.
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.receipts));
  for (it->SeekToFirst(); it->Valid() && !failed(); it->Next()) {
    ++report_.counts.receipts_entries;
    if (report_.counts.receipts_entries <= receipted_events_) continue;
    // More entries than receipted events: find the one no event owns.
    return VerifyReceiptsEntryByEntry();
  }
  return FromRocksDb(
      it->status(), absl::StrFormat("scanning receipts of ledger %s", directory_));
}

absl::Status LedgerVerifier::VerifyReceiptsEntryByEntry() {
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.receipts));
  for (it->SeekToFirst(); it->Valid() && !failed(); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    const std::optional<ReceiptKeyParts> parts = DecodeReceiptKey(key);
    if (!parts.has_value()) {
      Fail(kReceiptsFamily, key, "(not receipt | 0x00 | sequence)", 0, "",
           "key is not tax_receipt_no | 0x00 | u64 big-endian sequence");
      break;
    }
    const std::string key_text = absl::StrFormat(
        "tax receipt \"%s\" sequence %d", std::string(parts->receipt), parts->sequence);
    if (parts->sequence > report_.meta_last_sequence) {
      Fail(kReceiptsFamily, key, key_text, 0, "",
           absl::StrFormat("points at sequence %d, past the last event, %d",
                           parts->sequence, report_.meta_last_sequence));
      break;
    }
    std::string bytes;
    RETURN_IF_ERROR(FromRocksDb(
        database_.db->Get(rocksdb::ReadOptions(), database_.events,
                          EventKey(parts->sequence), &bytes),
        absl::StrFormat("reading event %d", parts->sequence)));
    v1::Event event;
    // The events pass parsed every stored event already.
    const bool parsed = event.ParseFromString(bytes);
    if (!parsed || TaxReceiptOf(event) != parts->receipt) {
      Fail(kReceiptsFamily, key, key_text, parts->sequence, event.event_id(),
           absl::StrFormat("points at sequence %d, which does not carry tax receipt "
                           "\"%s\": an entry no event owns",
                           parts->sequence, std::string(parts->receipt)));
    }
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(), absl::StrFormat("scanning receipts of ledger %s", directory_)));
  if (!failed()) {
    return absl::InternalError(absl::StrFormat(
        "ledger %s: receipts has more entries than the %d receipted events, yet each "
        "entry matches its event", directory_, receipted_events_));
  }
  return absl::OkStatus();
}

}  // namespace ledger::store
