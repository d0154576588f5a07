// The events pass of LedgerVerifier (verify_walk.h): every event in sequence
// order, then its event_ids entry and its by_employer entry with the chain
// value recomputed along the employer's stream.
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"
#include "ledger/store/keys.h"
#include "ledger/store/receipts.h"
#include "ledger/store/rocksdb_status.h"
#include "ledger/store/verify_walk.h"

namespace ledger::store {
namespace {

// "2022-11-15T00:00:00+08:00 (1668441600000000 us)".
std::string DescribeInstant(int64_t instant_us) {
  return absl::StrFormat("%s (%d us)", FormatTimestamp(FromMicros(instant_us)),
                         instant_us);
}

std::string SequenceText(uint64_t sequence) {
  return absl::StrFormat("sequence %d", sequence);
}

// Returns what is wrong with `event` as the interchange sees it: a field
// error, or a difference after EventToJsonLine then ParseEventLine; "" if
// it round-trips unchanged.
std::string InterchangeProblem(const v1::Event& event) {
  const std::string line =
      EventToJsonLine(event, /*include_recorded_at=*/true);
  FieldError error;
  const absl::StatusOr<v1::Event> parsed = ParseEventLine(line, &error);
  if (!parsed.ok()) {
    return absl::StrFormat("fails field validation: %s",
                           std::string(parsed.status().message()));
  }
  if (EventContentForm(*parsed) != EventContentForm(event)) {
    return "changes in a round trip through the interchange form (a field "
           "the interchange does not know or cannot hold)";
  }
  if (parsed->recorded_at_us() != event.recorded_at_us()) {
    return absl::StrFormat(
        "recorded_at %s changes in a round trip through the interchange form",
        DescribeInstant(event.recorded_at_us()));
  }
  return "";
}

bool IsStreamableEmployerId(std::string_view employer_id) {
  return !employer_id.empty() && employer_id.size() <= kMaxEmployerIdBytes &&
         employer_id.find(kEmployerSeparator) == std::string_view::npos;
}

}  // namespace

absl::Status LedgerVerifier::VerifyEvents() {
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db->NewIterator(rocksdb::ReadOptions(), database_.events));
  uint64_t expected_sequence = 1;
  for (it->SeekToFirst(); it->Valid() && !failed();
       it->Next(), ++expected_sequence) {
    RETURN_IF_ERROR(VerifyEvent(it->key().ToStringView(),
                                it->value().ToStringView(), expected_sequence));
    if (progress_ && expected_sequence % 10'000 == 0) {
      progress_(static_cast<int64_t>(expected_sequence),
                static_cast<int64_t>(report_.meta_last_sequence));
    }
  }
  RETURN_IF_ERROR(FromRocksDb(
      it->status(),
      absl::StrFormat("scanning events of ledger %s", directory_)));
  if (failed()) return absl::OkStatus();
  return VerifyEnd(expected_sequence - 1);
}

absl::Status LedgerVerifier::VerifyEvent(std::string_view key,
                                         std::string_view value,
                                         uint64_t expected_sequence) {
  const std::optional<uint64_t> sequence = DecodeEventKey(key);
  if (!sequence.has_value()) {
    Fail(kEventsFamily, key, "(not a sequence)", expected_sequence, "",
         absl::StrFormat("key is not a u64 big-endian sequence >= 1; "
                         "sequence %d was expected here", expected_sequence));
    return absl::OkStatus();
  }
  const std::string key_text = SequenceText(*sequence);
  if (*sequence != expected_sequence) {
    Fail(kEventsFamily, key, key_text, expected_sequence, "",
         absl::StrFormat("sequence %d is missing: the next event stored is "
                         "sequence %d", expected_sequence, *sequence));
    return absl::OkStatus();
  }
  if (*sequence > report_.meta_last_sequence) {
    Fail(kEventsFamily, key, key_text, *sequence, "",
         absl::StrFormat("event past meta's last_sequence %d",
                         report_.meta_last_sequence));
    return absl::OkStatus();
  }
  v1::Event event;
  if (!event.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    Fail(kEventsFamily, key, key_text, *sequence, "",
         absl::StrFormat("value (%d bytes) does not parse as an Event",
                         value.size()));
    return absl::OkStatus();
  }
  std::string problem;
  if (event.sequence() != *sequence) {
    problem = absl::StrFormat("the event carries sequence %d", event.sequence());
  } else if (event.event_id().empty()) {
    problem = "the event has no event_id";
  } else if (!IsStreamableEmployerId(event.employer_id())) {
    problem = "employer_id is empty, too long or contains 0x00";
  } else {
    problem = InterchangeProblem(event);
  }
  if (problem.empty() && event.recorded_at_us() < last_recorded_at_us_) {
    problem = absl::StrFormat(
        "recorded_at %s goes backwards: sequence %d was recorded at %s",
        DescribeInstant(event.recorded_at_us()), *sequence - 1,
        DescribeInstant(last_recorded_at_us_));
  }
  if (!problem.empty()) {
    Fail(kEventsFamily, key, key_text, *sequence, event.event_id(),
         std::move(problem));
    return absl::OkStatus();
  }
  last_recorded_at_us_ = event.recorded_at_us();
  ++report_.counts.events;
  ChainEvent(*sequence, value);
  RETURN_IF_ERROR(VerifyEventIdEntry(event));
  if (failed()) return absl::OkStatus();
  RETURN_IF_ERROR(VerifyReceiptEntry(event));
  if (failed()) return absl::OkStatus();
  return VerifyStreamEntry(event, value);
}

absl::Status LedgerVerifier::VerifyReceiptEntry(const v1::Event& event) {
  const std::string_view receipt = TaxReceiptOf(event);
  if (receipt.empty()) return absl::OkStatus();
  ++receipted_events_;
  // Field validation (InterchangeProblem) held the receipt to the
  // interchange's limits, well inside the key's.
  const std::string key = ReceiptKey(receipt, event.sequence());
  const std::string key_text = absl::StrFormat(
      "tax receipt \"%s\" sequence %d", std::string(receipt), event.sequence());
  std::string value;
  const rocksdb::Status status =
      database_.db->Get(rocksdb::ReadOptions(), database_.receipts, key, &value);
  if (status.IsNotFound()) {
    Fail(kReceiptsFamily, key, key_text, event.sequence(), event.event_id(),
         "missing: the payment carries this tax receipt but the receipts index "
         "does not hold it (`ledgerctl upgrade` rebuilds the index from the log)");
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("reading receipts entry %s", key_text)));
  if (!value.empty()) {
    Fail(kReceiptsFamily, key, key_text, event.sequence(), event.event_id(),
         absl::StrFormat("value is %d bytes; an entry's value is empty", value.size()));
  }
  return absl::OkStatus();
}

absl::Status LedgerVerifier::VerifyEventIdEntry(const v1::Event& event) {
  const std::string& key = event.event_id();
  const std::string key_text = absl::StrFormat("\"%s\"", key);
  std::string value;
  const rocksdb::Status status =
      database_.db->Get(rocksdb::ReadOptions(), database_.event_ids, key, &value);
  if (status.IsNotFound()) {
    Fail(kEventIdsFamily, key, key_text, event.sequence(), key,
         "missing: the event has no event_ids entry");
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("reading event_ids entry %s", key_text)));
  const std::optional<SequenceAndHash> entry = DecodeSequenceAndHash(value);
  std::string problem;
  if (!entry.has_value()) {
    problem = absl::StrFormat(
        "value is malformed (%d bytes; expected sequence + SHA-256, %d)",
        value.size(), kSequenceAndHashBytes);
  } else if (entry->sequence != event.sequence()) {
    problem = absl::StrFormat(
        "points at sequence %d, but the event with this event_id is at "
        "sequence %d", entry->sequence, event.sequence());
  } else if (const std::string hash = EventContentHash(event);
             entry->hash != hash) {
    problem = absl::StrFormat(
        "content hash %s does not match the stored event, whose content "
        "form hashes to %s", HexEncode(entry->hash), HexEncode(hash));
  }
  if (!problem.empty()) {
    Fail(kEventIdsFamily, key, key_text, event.sequence(), key,
         std::move(problem));
  }
  return absl::OkStatus();
}

absl::Status LedgerVerifier::VerifyStreamEntry(const v1::Event& event,
                                               std::string_view bytes) {
  auto [stream_it, is_new] = streams_.try_emplace(event.employer_id());
  VerifiedStream& stream = stream_it->second;
  if (is_new) {
    stream.chain = ChainStart();
    ++report_.counts.employers;
  }
  if (stream.events == std::numeric_limits<uint32_t>::max()) {
    Fail(kEventsFamily, EventKey(event.sequence()),
         SequenceText(event.sequence()), event.sequence(), event.event_id(),
         "the employer's stream is past its limit of 2^32 - 1 events");
    return absl::OkStatus();
  }
  const uint32_t position = stream.events + 1;
  const std::string key = EmployerStreamKey(event.employer_id(), position);
  const std::string key_text = absl::StrFormat(
      "employer \"%s\" stream %d", event.employer_id(), position);
  std::string value;
  const rocksdb::Status status = database_.db->Get(
      rocksdb::ReadOptions(), database_.by_employer, key, &value);
  if (status.IsNotFound()) {
    Fail(kByEmployerFamily, key, key_text, event.sequence(), event.event_id(),
         absl::StrFormat("missing: the employer's event %d in its stream has "
                         "no by_employer entry", position));
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(FromRocksDb(
      status, absl::StrFormat("reading by_employer entry %s", key_text)));
  const std::optional<SequenceAndHash> entry = DecodeSequenceAndHash(value);
  std::string chain = ChainNext(stream.chain, bytes);
  std::string problem;
  if (!entry.has_value()) {
    problem = absl::StrFormat(
        "value is malformed (%d bytes; expected sequence + chain value, %d)",
        value.size(), kSequenceAndHashBytes);
  } else if (entry->sequence != event.sequence()) {
    problem = absl::StrFormat(
        "points at sequence %d, but the employer's event %d in its stream is "
        "sequence %d", entry->sequence, position, event.sequence());
  } else if (entry->hash != chain) {
    problem = absl::StrFormat(
        "chain value %s differs from the recomputed SHA-256(previous chain "
        "value || event bytes) %s", HexEncode(entry->hash), HexEncode(chain));
  }
  if (!problem.empty()) {
    Fail(kByEmployerFamily, key, key_text, event.sequence(), event.event_id(),
         std::move(problem));
    return absl::OkStatus();
  }
  stream.events = position;
  stream.chain = std::move(chain);
  return absl::OkStatus();
}

absl::Status LedgerVerifier::VerifyEnd(uint64_t last_sequence) {
  if (last_sequence != report_.meta_last_sequence) {
    // Only fewer events than meta states reach here: one past it is caught
    // at its key. Name the first missing one.
    Fail(kMetaFamily, kMetaLastSequence, std::string(kMetaLastSequence),
         last_sequence + 1, "",
         absl::StrFormat("meta says the last sequence is %d, but the events "
                         "end at sequence %d: sequence %d is missing",
                         report_.meta_last_sequence, last_sequence,
                         last_sequence + 1));
    return absl::OkStatus();
  }
  if (last_recorded_at_us_ != meta_last_recorded_at_us_) {
    Fail(kMetaFamily, kMetaLastRecordedAtUs,
         std::string(kMetaLastRecordedAtUs), 0, "",
         absl::StrFormat("meta says the last recorded_at is %s, but the last "
                         "event, sequence %d, was recorded at %s",
                         DescribeInstant(meta_last_recorded_at_us_),
                         last_sequence, DescribeInstant(last_recorded_at_us_)));
  }
  return absl::OkStatus();
}

}  // namespace ledger::store
