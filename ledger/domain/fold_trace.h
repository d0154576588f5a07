// The fold's own record of how it computed each figure, for `trace`, `diff`
// and the statement: every due date a part had (R2, then each move by R6-R9
// with the event that made it) and every fee segment the late-fee walk summed
// (R4 charged, R6 waived). The fold fills it only when given one (a non-null
// FoldTrace*): `owed --all` passes none and pays nothing for it. Plain
// values; indexes point into the Projection folded with it.
#ifndef LEDGER_DOMAIN_FOLD_TRACE_H_
#define LEDGER_DOMAIN_FOLD_TRACE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "ledger/domain/day_number.h"
#include "ledger/money.h"

namespace ledger {

// Why a part's due date is what it is at one step of its history.
enum class DueRule : uint8_t {
  kR2Original,        // the period's original due date
  kR6Deferred,        // a grant moved it to the catch-up date
  kR7Departure,       // the employee's separation, retirement or transfer
  kR8Deregistration,  // the employer deregistered
  kR9Withdrawn,       // the grant was withdrawn early
  kR9Voided,          // the grant was revoked as a false commitment: back to R2
};

// Returns "R2", "R6", ... for `rule`.
inline std::string_view DueRuleName(DueRule rule) {
  switch (rule) {
    case DueRule::kR2Original: return "R2";
    case DueRule::kR6Deferred: return "R6";
    case DueRule::kR7Departure: return "R7";
    case DueRule::kR8Deregistration: return "R8";
    case DueRule::kR9Withdrawn:
    case DueRule::kR9Voided: return "R9";
  }
  return "";
}

struct DueStep {
  DayNumber day = 0;
  int32_t event_index = -1;  // into Projection::events; -1 for R2
  DueRule rule = DueRule::kR2Original;
};

// Days first_day..last_day (inclusive) at a constant outstanding: units =
// days x outstanding_fen x rate_bp_per_day, in 1/10000 fen (R4).
struct FeeSegment {
  int32_t part_index = -1;  // into Projection::parts
  DayNumber first_day = 0;
  DayNumber last_day = 0;
  int64_t outstanding_fen = 0;
  int32_t rate_bp_per_day = 0;
  FeeUnits units = 0;
  bool waived = false;  // R6: inside the deferral, reported, never charged

  int32_t days() const { return last_day - first_day + 1; }
};

// A row's fee as PriceRows worked it out.
struct RowFeeTrace {
  int32_t segments_begin = 0;  // FoldTrace::segments[begin, end)
  int32_t segments_end = 0;
  FeeUnits charged_units = 0;   // R4, exact
  FeeUnits waived_units = 0;    // R6, exact
  int64_t fee_before_cap_fen = 0;  // half-up of charged_units (R4)
  int64_t cap_fen = 0;          // the row's principal when the cap is on, else 0
  bool capped = false;          // the cap lowered the fee
};

struct FoldTrace {
  std::vector<std::vector<DueStep>> due_history;  // per part, parallel to Projection::parts
  std::vector<FeeSegment> segments;               // row by row
  std::vector<RowFeeTrace> rows;                  // parallel to Projection::rows

  void Clear() {
    due_history.clear();
    segments.clear();
    rows.clear();
  }
};

// Where the late-fee walk of one part writes its segments (late_fee.h).
struct FeeSegmentSink {
  std::vector<FeeSegment>* segments = nullptr;
  int32_t part_index = -1;
  bool waived = false;
  int32_t rate_bp_per_day = 0;

  void Add(DayNumber first_day, DayNumber last_day, int64_t outstanding_fen) const {
    if (outstanding_fen == 0 || last_day < first_day) return;
    const int64_t days = last_day - first_day + 1;
    // days x outstanding fits int64 (money.h: kMaxAccrualDays x kMaxBaseFen).
    segments->push_back(FeeSegment{part_index, first_day, last_day, outstanding_fen,
                                   rate_bp_per_day,
                                   FeeUnits(days * outstanding_fen) * rate_bp_per_day, waived});
  }
};

}  // namespace ledger

#endif  // LEDGER_DOMAIN_FOLD_TRACE_H_
