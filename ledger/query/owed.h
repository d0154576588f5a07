// What an employer owes as of a date, as the ledger knew it at a moment
// (R11): the `owed` query. Turns a domain Projection into the output message
// of ledger.proto, the shape of shared/spec/interchange.md "Figures out".
#ifndef LEDGER_QUERY_OWED_H_
#define LEDGER_QUERY_OWED_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/domain/projection.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/ledger.pb.h"

namespace ledger {

struct OwedQuery {
  absl::CivilDay as_of;
  int64_t known_at_us = 0;  // the moment whose knowledge the answer reflects
  bool explain = false;     // fill each row's provenance
};

// Returns the employer's balance from all of its `events` (any order), or
// nullopt when its registration is not in the view. FailedPrecondition when
// the rules cannot price the view.
[[nodiscard]] absl::StatusOr<std::optional<v1::EmployerBalance>> ComputeBalance(
    const Rules& rules, std::string_view employer_id, const std::vector<v1::Event>& events,
    const OwedQuery& query);

// Computes balances employer after employer with one projection's memory
// reused (FoldEmployerInto): what `owed --all` and replay use across a city.
// Not thread-safe: one per thread.
class BalanceFolder {
 public:
  // As ComputeBalance.
  [[nodiscard]] absl::StatusOr<std::optional<v1::EmployerBalance>> Compute(
      const Rules& rules, std::string_view employer_id, const std::vector<v1::Event>& events,
      const OwedQuery& query);
  // The same for events held by pointer (an EmployerEvents' arena), with
  // the view's memory reused too.
  [[nodiscard]] absl::StatusOr<std::optional<v1::EmployerBalance>> Compute(
      const Rules& rules, std::string_view employer_id,
      const std::vector<const v1::Event*>& events, const OwedQuery& query);
  // The pooling area the last Compute found registered (empty when none);
  // points into that call's events, valid while they are.
  std::string_view pooling_area() const { return projection_.status.pooling_area; }
  // The fold behind the last Compute (rows, totals, the view folded), for a
  // report built on owed's figures (ledger/report/arrears.h); valid while
  // that call's events are.
  const Projection& projection() const { return projection_; }

 private:
  // Folds view_ into projection_: the balance, or nullopt when the
  // employer's registration is not in the view.
  [[nodiscard]] absl::StatusOr<std::optional<v1::EmployerBalance>> FoldView(
      const Rules& rules, std::string_view employer_id, const OwedQuery& query);

  std::vector<const v1::Event*> view_;
  Projection projection_;
};

// Returns the output message for a projection.
v1::EmployerBalance ToBalanceMessage(const Projection& projection,
                                     std::string_view employer_id, const OwedQuery& query,
                                     uint32_t rules_version);

}  // namespace ledger

#endif  // LEDGER_QUERY_OWED_H_
