// An employer's deferral flag (缓缴标志): what it sees when it checks whether
// it enjoys the deferral — who it is, and per policy its grants (automatic or
// by letter, periods, catch-up date and what brought it forward, revoked or
// withdrawn) and its applications with their review deadlines (R12). Pure.
#ifndef LEDGER_REPORT_DEFERRAL_STATUS_H_
#define LEDGER_REPORT_DEFERRAL_STATUS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/report.pb.h"

namespace ledger {

struct DeferralStatusQuery {
  absl::CivilDay as_of;
  int64_t known_at_us = 0;
};

// Returns the status from all of the employer's `events` (any order), or
// nullopt when its registration is not in the view. FailedPrecondition when
// the rules cannot price the view.
[[nodiscard]] absl::StatusOr<std::optional<v1::EmployerDeferralStatus>> ComputeDeferralStatus(
    const Rules& rules, std::string_view employer_id, const std::vector<v1::Event>& events,
    const DeferralStatusQuery& query);

}  // namespace ledger

#endif  // LEDGER_REPORT_DEFERRAL_STATUS_H_
