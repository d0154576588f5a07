// Working memory the fold keeps from one employer to the next, so that a
// city's fold (owed --all) does not allocate per employer. It holds no result:
// each step that uses a vector empties it first.
#ifndef LEDGER_DOMAIN_FOLD_SCRATCH_H_
#define LEDGER_DOMAIN_FOLD_SCRATCH_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ledger/domain/day_number.h"

namespace ledger {

struct Part;

// A part's place in R10's allocation order: the packed (deferred, original
// due date, period, component) key; the employee id and the part's index
// break ties.
struct AllocationOrderKey {
  uint64_t packed = 0;
  int32_t part_index = 0;
};

struct DatedEvent {
  DayNumber day = 0;
  int32_t event_index = -1;  // into Projection::events
};

struct DatedAssessment {
  MonthNumber period_month = 0;
  int32_t event_index = -1;  // into Projection::events
};

// The facts of a view the fold needs beyond the events' own order.
struct Facts {
  std::vector<DatedAssessment> assessments;  // by period, then in fold order
  std::vector<int32_t> payments;             // in fold order
  // An employee's earliest separation, retirement or transfer (R7).
  absl::flat_hash_map<std::string_view, DatedEvent> departures;
  std::optional<DatedEvent> deregistration;

  void Clear() {
    assessments.clear();
    payments.clear();
    departures.clear();
    deregistration.reset();
  }
};

struct FoldScratch {
  Facts facts;
  std::vector<AllocationOrderKey> order_keys;
  std::vector<Part> sorted_parts;
  std::vector<Part> deferred_parts;
  std::vector<int32_t> row_of_part;
  std::vector<int32_t> parts_per_row;
};

}  // namespace ledger

#endif  // LEDGER_DOMAIN_FOLD_SCRATCH_H_
