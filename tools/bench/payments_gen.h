// A payments file (the tax bureau's CSV, shared/spec/interchange.md) for the
// bench's ledger, with a seeded mix of every reconcile class and, for each
// row, the class it was built to have. The classes are known by
// construction: the generator folds each employer once as of the file's
// paid date and keeps, per (period, component), what is still outstanding;
// each settling row names a period and a component, so R10 allocates it to
// that scope only and the generator can follow what every earlier row of
// the file settled without folding again.
#ifndef TOOLS_BENCH_PAYMENTS_GEN_H_
#define TOOLS_BENCH_PAYMENTS_GEN_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/reconcile/reconcile.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"

namespace ledger_bench {

struct PaymentsOptions {
  int64_t rows = 1'000'000;
  uint64_t seed = 1;
  absl::CivilDay paid_date = absl::CivilDay(2023, 12, 20);  // the file's day
};

struct PaymentsFile {
  std::string csv;  // header and rows, UTF-8, LF line ends
  std::vector<ledger::PaymentClass> expected;  // per data row, in file order
  std::array<int64_t, ledger::kPaymentClasses> injected{};  // rows per class
  int64_t employers = 0;  // employers in the ledger
};

// Returns the file for every employer of `store` (one pass over it).
// FailedPrecondition when the ledger has no payment to copy (already_recorded
// needs one) or no employer.
[[nodiscard]] absl::StatusOr<PaymentsFile> GeneratePayments(const ledger::EventStore& store,
                                                            const ledger::Rules& rules,
                                                            const PaymentsOptions& options);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_PAYMENTS_GEN_H_
