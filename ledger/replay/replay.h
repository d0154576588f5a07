// Replay: every employer of the ledger folded twice through the one fold
// (query/owed.h BalanceFolder, which calls domain's FoldEmployerInto) — under
// the rule set in force and under a candidate — and the difference. This is
// how a bureau sees, before adopting a rule correction, exactly which
// employers change and by how much (issue 12; shared/spec/interchange.md
// "replay").
//
// A rule correction never rewrites a decision: grants stand as the facts
// they are, so both folds see the same events. An employer one side cannot
// fold (no rate for a period, an area the candidate drops) is reported with
// its reason and the replay goes on. Employers come in employer_id byte
// order, rows in the fold's order: the output is deterministic.
#ifndef LEDGER_REPLAY_REPLAY_H_
#define LEDGER_REPLAY_REPLAY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "ledger/v1/ledger.pb.h"
#include "ledger/v1/replay.pb.h"

namespace ledger {

struct ReplayRequest {
  absl::CivilDay as_of;
  int64_t known_at_us = 0;
  std::optional<std::string> pooling_area;  // only employers of this area
};

// Returns the employer's replay record from its two balances (nullopt: that
// side could not fold it, `error` says why); pure. `changed` is set when the
// figures differ or a side failed.
[[nodiscard]] v1::EmployerReplay CompareBalances(
    std::string_view employer_id, std::string_view pooling_area,
    const std::optional<v1::EmployerBalance>& before,
    const std::optional<v1::EmployerBalance>& after, std::string_view error, bool* changed);

// Adds to `replay` each deferral_granted of `events` (one employer's, in
// sequence order, recorded by `known_at_us`) whose R5 verdict (Decide, as
// import decides it) differs between `base` and `candidate`: "ELIGIBLE" or
// the RejectionReason name. Grants stand either way (a correction never
// rewrites a decision); the bureau acts on the change by a new event.
void AddVerdictChanges(const Rules& base, const Rules& candidate,
                       const std::vector<const v1::Event*>& events, int64_t known_at_us,
                       v1::EmployerReplay& replay);

// Folds every employer in the view under `base` and `candidate`; calls
// `changed` for each one whose figures differ or that a side cannot fold, in
// employer_id order, and fills `summary`. Stops only at a storage error or
// an error of `changed`.
[[nodiscard]] absl::Status Replay(
    const EventStore& store, const Rules& base, const Rules& candidate,
    const ReplayRequest& request,
    const std::function<absl::Status(const v1::EmployerReplay&)>& changed,
    v1::ReplaySummary* summary);

}  // namespace ledger

#endif  // LEDGER_REPLAY_REPLAY_H_
