// The collection list (`report arrears`, shared/spec/interchange.md): every
// employer with overdue principal as of a date, largest first, with that
// principal aged by days past due (as_of - due_date) into five buckets, the
// late fee still outstanding, the deferred principal not yet due, the
// oldest due date and the last payment. Each employer's figures come from
// `owed`'s own fold (ledger/query/owed.h BalanceFolder), so Σ buckets =
// overdue_fen = owed's totals.overdue_fen by construction (checked always).
// Pure functions and one accumulator; not thread-safe.
#ifndef LEDGER_REPORT_ARREARS_H_
#define LEDGER_REPORT_ARREARS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/domain/projection.h"
#include "ledger/query/owed.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

struct ArrearsRequest {
  absl::CivilDay as_of;
  int64_t known_at_us = 0;       // R11's known-at
  std::string pooling_area;      // empty: every area
  int64_t min_overdue_fen = 0;   // list only employers with at least this overdue (and > 0)
};

// The aging buckets by days past due, in order: 1-30, 31-90, 91-180,
// 181-365, over 365. A row due on D is 1 day past due on D + 1.
inline constexpr size_t kAgingBuckets = 5;
// Returns "1-30", "31-90", "91-180", "181-365", "over-365" (the JSON keys).
std::string_view AgingBucketName(size_t bucket);
// Returns the bucket of a row `days_past_due` (>= 1) days past its due date.
size_t AgingBucketOf(int64_t days_past_due);

// One employer of the collection list.
struct ArrearsLine {
  std::string employer_id;
  std::string name;
  std::string pooling_area;
  int64_t overdue_fen = 0;  // outstanding principal of rows due before as_of
  std::array<int64_t, kAgingBuckets> buckets_fen{};  // Σ = overdue_fen
  int64_t late_fee_outstanding_fen = 0;  // owed's totals.late_fee_outstanding_fen
  int64_t deferred_outstanding_fen = 0;  // deferred rows due on or after as_of
  absl::CivilDay oldest_due_date;        // of the overdue rows with principal outstanding
  std::optional<absl::CivilDay> last_payment_date;  // latest payment in the view
};

// Returns the line of the employer `projection` folded as of `as_of`
// (owed's fold), or nullopt when it owes no overdue principal or is not
// registered in the view.
std::optional<ArrearsLine> ArrearsLineOf(const Projection& projection,
                                         std::string_view employer_id);

// Folds employers one at a time (owed's BalanceFolder, memory reused) and
// keeps those of the list; memory grows with the employers in arrears only.
class ArrearsList {
 public:
  ArrearsList(const Rules& rules, ArrearsRequest request);

  // Adds one employer from its whole history (any order). FailedPrecondition
  // when the rules cannot price its view, as owed.
  [[nodiscard]] absl::Status AddEmployer(std::string_view employer_id,
                                         const std::vector<const v1::Event*>& events);
  [[nodiscard]] absl::Status AddEmployer(std::string_view employer_id,
                                         const std::vector<v1::Event>& events);

  // Returns the list, largest overdue first, ties by employer_id byte order.
  std::vector<ArrearsLine> Finish() &&;

 private:
  // Keeps the employer the folder just folded, when it is in arrears.
  void Keep(std::string_view employer_id, const std::optional<v1::EmployerBalance>& balance);

  const Rules& rules_;
  ArrearsRequest request_;
  OwedQuery query_;
  BalanceFolder folder_;
  std::vector<ArrearsLine> lines_;
};

// Returns the collection list over every employer of `store` (one pass;
// the store's PassObserver sees its progress). NotFound for a --area the
// rules do not have.
[[nodiscard]] absl::StatusOr<std::vector<ArrearsLine>> ComputeArrears(
    const EventStore& store, const Rules& rules, const ArrearsRequest& request);

}  // namespace ledger

#endif  // LEDGER_REPORT_ARREARS_H_
