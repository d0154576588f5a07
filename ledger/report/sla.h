// The commitment-letter review SLA (R12): applications still open after
// their review deadline (working days overdue) and those decided after it
// (working days late), per pooling area.
#ifndef LEDGER_REPORT_SLA_H_
#define LEDGER_REPORT_SLA_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/report.pb.h"

namespace ledger {

struct SlaRequest {
  absl::CivilDay as_of;
  int64_t known_at_us = 0;
};

struct SlaReport {
  std::vector<v1::SlaBreach> breaches;      // area, then employer, then applied date
  std::vector<v1::SlaAreaSummary> areas;    // every area with an application, code order
  bool clean() const { return breaches.empty(); }
};

// Adds one employer's applications (from its whole history) to `report`.
// Pure. Call FinishSla once every employer is in.
void AddEmployerToSla(const Rules& rules, const std::vector<v1::Event>& history,
                      const SlaRequest& request, SlaReport& report,
                      std::map<std::string, v1::SlaAreaSummary>& areas);
void FinishSla(std::map<std::string, v1::SlaAreaSummary>& areas, SlaReport& report);

// Returns the SLA report over every employer of `store`.
[[nodiscard]] absl::StatusOr<SlaReport> ComputeSlaReport(const EventStore& store,
                                                         const Rules& rules,
                                                         const SlaRequest& request);

}  // namespace ledger

#endif  // LEDGER_REPORT_SLA_H_
