// What the import checks need to know about an employer's history, kept up
// to date event by event (evolve) instead of rescanning the history for every
// new line: registration, deregistration, who is assessed for which period,
// open applications, grants in force, and which event ids exist or were
// reversed. Built in the order the ledger learned the events; a reversal
// changes the past, so it rebuilds the summary from the history. Pure.
#ifndef LEDGER_DOMAIN_EMPLOYER_SUMMARY_H_
#define LEDGER_DOMAIN_EMPLOYER_SUMMARY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

struct EmployerSummary {
  std::optional<absl::CivilDay> registered_on;
  std::string registered_by;  // event id
  std::string pooling_area;
  std::optional<absl::CivilDay> deregistered_on;
  // period (YYYYMM) -> employees assessed for it.
  absl::flat_hash_map<int32_t, absl::flat_hash_set<std::string>> assessed_employees;
  // policy -> deferral_applied events not yet granted or rejected.
  absl::flat_hash_map<std::string, int> open_applications;
  // policy -> effective dates of its grants not revoked, in recorded order.
  absl::flat_hash_map<std::string, std::vector<absl::CivilDay>> grants_in_force;
  // The latest effective date of an assessment, application or grant: a
  // deregistration must not come before it.
  std::optional<absl::CivilDay> latest_assessment_or_deferral;
  // Every event id of the employer -> true when the event is a reversal.
  absl::flat_hash_map<std::string, bool> event_is_reversal;
  // Reversed event id -> the reversal's id.
  absl::flat_hash_map<std::string, std::string> reversed_by;
};

// Returns the summary of `history` (in the order recorded).
EmployerSummary Summarize(const std::vector<v1::Event>& history);

// Adds `event`, recorded after everything in `summary`. A reversal needs the
// whole history: call Summarize again instead (Evolve asserts it is not one).
void Evolve(EmployerSummary& summary, const v1::Event& event);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_EMPLOYER_SUMMARY_H_
