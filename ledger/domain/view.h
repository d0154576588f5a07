// The view a query sees (R11): events with effective_date <= as_of and
// recorded_at <= known_at, minus every event reversed by an event_reversed
// recorded at or before known_at, whatever the reversal's effective date.
// Reversals themselves are not facts to fold and are never in the view.
#ifndef LEDGER_DOMAIN_VIEW_H_
#define LEDGER_DOMAIN_VIEW_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "absl/time/civil_time.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

inline constexpr int64_t kKnownAtEverything = std::numeric_limits<int64_t>::max();
// The latest as-of date a view takes: every effective date is before it.
// (absl::CivilDay::max() does not fit the YYYYMMDD encoding of events.)
inline constexpr absl::CivilDay kEndOfTime = absl::CivilDay(9999, 12, 31);

// Returns pointers into `events` (any order), in fold order (R10): effective
// date, then every other event before payments, then ledger sequence.
std::vector<const v1::Event*> SelectView(const std::vector<v1::Event>& events,
                                         absl::CivilDay as_of, int64_t known_at_us);

// The same for events held by pointer (an arena's, employer_events.h), into
// `view`, whose memory is reused: a whole-ledger pass then allocates no view
// per employer.
void SelectViewInto(const std::vector<const v1::Event*>& events, absl::CivilDay as_of,
                    int64_t known_at_us, std::vector<const v1::Event*>& view);

// Returns true for the events that settle money (R10's "payments").
bool IsPayment(const v1::Event& event);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_VIEW_H_
