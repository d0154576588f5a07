// The other direction of a reconciliation (`reconcile --expected-period P`,
// issue 10 item 5): the employers that owe principal for period P due on or
// before the file's last paid date and have no row in the file (`unpaid`),
// with the amount — whom the clerk chases next. One pass over the ledger,
// one employer's events in memory at a time.
#ifndef LEDGER_RECONCILE_UNPAID_H_
#define LEDGER_RECONCILE_UNPAID_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/reconcile/reconcile.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"

namespace ledger {

// Returns, in employer_id order, every employer of `store` not in
// `in_file` whose parts of `period` due on or before `as_of` still have
// outstanding principal in its view on `as_of` (known now), with that
// principal and the earliest of those due dates.
[[nodiscard]] absl::StatusOr<std::vector<UnpaidEmployer>> FindUnpaid(
    const EventStore& store, const Rules& rules, absl::CivilMonth period, absl::CivilDay as_of,
    const absl::flat_hash_set<std::string>& in_file);

}  // namespace ledger

#endif  // LEDGER_RECONCILE_UNPAID_H_
