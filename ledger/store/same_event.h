// What "the same event again" means: one definition for every place that
// meets an event_id it has seen before — the store's Append (event_store.h),
// the import's checks (ledger/ingest) and reconcile's already_recorded /
// conflicting_id (ledger/reconcile). Pure, safe from any thread.
//
// An event whose event_id is already recorded is a harmless repeat when its
// content form (hashing.h: everything but sequence, recorded_at_us and
// recorded_at_given) is identical and, when the newcomer gives a
// recorded_at, that instant is the stored one. Anything else is a conflict:
// a correction is a new event (event_reversed, then the fact again).
#ifndef LEDGER_STORE_SAME_EVENT_H_
#define LEDGER_STORE_SAME_EVENT_H_

#include <cstdint>
#include <string_view>

#include "ledger/v1/event.pb.h"

namespace ledger::store {

enum class Repeat {
  kSame,             // the same fact again: a no-op
  kOtherContent,     // the id names another fact
  kOtherRecordedAt,  // the same fact, but given a recorded_at it was not
};

// Returns how `incoming` compares with `earlier`, which holds the same
// event_id (stored, or earlier in the same batch).
[[nodiscard]] Repeat CompareRepeat(const v1::Event& earlier,
                                   const v1::Event& incoming);

// The same rule from what the `event_ids` index keeps: the earlier event's
// content hash (EventContentHash) and, read only when the newcomer gives a
// recorded_at, its recorded_at_us.
[[nodiscard]] Repeat CompareRepeat(std::string_view earlier_content_hash,
                                   int64_t earlier_recorded_at_us,
                                   const v1::Event& incoming,
                                   std::string_view incoming_content_hash);

}  // namespace ledger::store

#endif  // LEDGER_STORE_SAME_EVENT_H_
