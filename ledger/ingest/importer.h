// Import: a JSONL file of events becomes one atomic append, or is refused
// whole. Every line is parsed (ledger/interchange), then checked in order
// against the ledger's state plus the earlier lines of the same file
// (unknown employer, duplicate registration, assessment or grant after
// deregistration, reversal of an unknown event or of a reversal, unknown
// pooling area or policy, R5 deferral eligibility via domain/decisions), and
// only then appended (ledger/store). Nothing is written when any line fails.
#ifndef LEDGER_INGEST_IMPORTER_H_
#define LEDGER_INGEST_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"

namespace ledger {

struct ImportSummary {
  int64_t events_read = 0;   // event lines in the file
  int64_t appended = 0;
  int64_t duplicates = 0;    // identical events already in the ledger
  uint64_t first_sequence = 0;
  uint64_t last_sequence = 0;
};

// Called now and then with (lines done, lines total) while checking.
using ImportProgress = std::function<void(int64_t done, int64_t total)>;

// Imports `contents` (the text of `file_name`) into `store` under `rules`.
// `now_us` stamps events that carry no recorded_at. On refusal returns
// InvalidArgument / FailedPrecondition / AlreadyExists listing up to 100
// "FILE:LINE: field: message" lines; the ledger is unchanged.
[[nodiscard]] absl::StatusOr<ImportSummary> ImportEvents(
    EventStore& store, const Rules& rules, std::string_view file_name,
    std::string_view contents, int64_t now_us,
    const ImportProgress& progress = nullptr);

}  // namespace ledger

#endif  // LEDGER_INGEST_IMPORTER_H_
