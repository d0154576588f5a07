// 免申即享: the automatic grant of a deferral policy to every eligible
// employer of its pooling areas (R14), decided by import's own R5 code
// (ledger/domain/decisions.h Decide) and appended as one atomic batch.
#ifndef LEDGER_REPORT_AUTO_GRANT_H_
#define LEDGER_REPORT_AUTO_GRANT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/report.pb.h"

namespace ledger {

// The verdict of an employer whose first periods are all paid (R14).
inline constexpr std::string_view kFirstPeriodsPaid = "FIRST_PERIODS_PAID";
// The verdict of an employer whose automatic grant of the policy was revoked:
// its id auto-{policy}-{employer} is taken, and a new grant needs a letter.
inline constexpr std::string_view kAutoGrantRevoked = "AUTO_GRANT_REVOKED";
inline constexpr std::string_view kVerdictOk = "OK";

struct AutoGrantRequest {
  std::string policy_id;
  absl::CivilDay date;
  bool dry_run = false;
  int64_t now_us = 0;  // stamps the grants (the store keeps recorded_at monotonic)
};

// What one employer's history means to an automatic run.
struct AutoGrantOutcome {
  enum class Kind { kNotCandidate, kAlreadyGranted, kDecided } kind = Kind::kNotCandidate;
  v1::AutoGrantDecision decision;  // kDecided
  std::optional<v1::Event> grant;  // kDecided with verdict OK: the event to append
};

// Returns the event id of the automatic grant: "auto-{policy_id}-{employer_id}".
std::string AutoGrantEventId(std::string_view policy_id, std::string_view employer_id);

// Decides one employer (R14) from its whole `history` (recorded order, with
// sequences). `next_sequence` and `recorded_at_us` stand in for what the
// store will assign, for R5's view. Pure.
AutoGrantOutcome DecideAutoGrant(const Rules& rules, const PolicyRules& policy,
                                 std::string_view employer_id,
                                 const std::vector<v1::Event>& history, absl::CivilDay date,
                                 uint64_t next_sequence, int64_t recorded_at_us);

struct AutoGrantRun {
  v1::AutoGrantSummary summary;
  std::vector<v1::AutoGrantDecision> decisions;  // every candidate, employer_id order
};

// Runs R14 over every employer of `store`; unless dry_run, appends every OK
// grant in one atomic batch. NotFound for a policy the rules lack.
[[nodiscard]] absl::StatusOr<AutoGrantRun> RunAutoGrant(EventStore& store, const Rules& rules,
                                                        const AutoGrantRequest& request);

}  // namespace ledger

#endif  // LEDGER_REPORT_AUTO_GRANT_H_
