// The monthly deferral report (R13), per pooling area and policy: deferred
// employers and employees, the deferred outstanding and its movement in the
// month, each figure computed from its own parts (never as the difference
// that makes the sum come right), and the tie-out checked before anyone sees
// it. Every figure comes from the fold's projection (ledger/domain): the
// parts it defers, the payments it allocates to them, with their days.
#ifndef LEDGER_REPORT_MONTHLY_H_
#define LEDGER_REPORT_MONTHLY_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/domain/projection.h"
#include "ledger/money.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/report.pb.h"

namespace ledger {

struct MonthlyRequest {
  absl::CivilMonth month;
  int64_t known_at_us = 0;  // V(M) and V(M-1) both see what was recorded by then
  std::string pooling_area;  // empty: every area
};

// Returns OK when `report` ties out (R13): outstanding = opening + newly
// covered - voided + reallocated + newly assessed - settled; else Internal
// naming the identity, the area, the policy and every figure (a bug: the
// terms are computed independently).
absl::Status CheckTieOut(const v1::MonthlyDeferralReport& report);

// Folds employers one at a time into per-(area, policy) figures. Pure; not
// thread-safe (it reuses two projections' memory).
class MonthlyAccumulator {
 public:
  MonthlyAccumulator(const Rules& rules, MonthlyRequest request);

  // Adds one employer from its whole history (recorded order, sequences set).
  // FailedPrecondition when the rules cannot price its view.
  [[nodiscard]] absl::Status AddEmployer(const std::vector<v1::Event>& history);

  // Returns one report per area and policy covering it (area code, then
  // policy id), zeros included, each checked by CheckTieOut first.
  [[nodiscard]] absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> Finish() const;

 private:
  struct Figures {
    v1::MonthlyDeferralReport report;
    FeeUnits waived_fee_units = 0;  // summed exactly, rounded once in Finish (R13)
  };
  // A deferred part of V(M-1): its policy and its outstanding at the end of M-1.
  struct EarlierPart {
    std::string_view policy_id;
    std::string_view pooling_area;
    int64_t outstanding_fen = 0;
    bool matched = false;
  };

  Figures& FiguresFor(std::string_view pooling_area, std::string_view policy_id);
  // Returns total_fen + amount_fen; when that does not fit int64, records
  // `figure` of `report` in overflow_ (AddEmployer then fails).
  int64_t Sum(const v1::MonthlyDeferralReport& report, std::string_view figure,
              int64_t total_fen, int64_t amount_fen);
  void AddPreviousParts();
  void AddCurrentParts();
  void AddGrantsAndApplications(const std::vector<const v1::Event*>& view);

  const Rules& rules_;
  MonthlyRequest request_;
  absl::CivilDay month_end_;
  absl::CivilDay previous_end_;
  std::map<std::pair<std::string, std::string>, Figures> figures_;
  Projection current_;   // V(M) as of the last day of M
  Projection previous_;  // V(M-1) as of the last day of M-1
  absl::flat_hash_map<std::pair<int32_t, std::string_view>, EarlierPart> earlier_parts_;
  std::string overflow_;  // "outstanding_fen of area 620700 policy gs-2022", or empty
};

// Returns the report of every employer in `store` (R13).
[[nodiscard]] absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> ComputeMonthlyReport(
    const EventStore& store, const Rules& rules, const MonthlyRequest& request);

}  // namespace ledger

#endif  // LEDGER_REPORT_MONTHLY_H_
