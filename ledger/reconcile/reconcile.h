// Collection reconciliation: the tax bureau's payments file against what
// each employer owes, every fen accounted for (shared/spec/interchange.md,
// `reconcile`). Every row gets exactly one class of a closed set; a row that
// would be written is classified by what R10's allocation — the fold's own,
// read back from its allocations — settles with it: principal, late fee,
// credit. Rows are classified in file order against the ledger plus the
// earlier rows that would be written, exactly as `apply` writes them, so a
// dry run and an applied run give the same classes. Applied, the written
// rows land as one atomic batch; the others are only reported.
#ifndef LEDGER_RECONCILE_RECONCILE_H_
#define LEDGER_RECONCILE_RECONCILE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"

namespace ledger {

// In the order that decides a row with several (interchange.md): the first
// that applies wins. The last five are written by --apply.
enum class PaymentClass {
  kMalformed,
  kAlreadyRecorded,
  kConflictingId,
  kDuplicateInFile,
  kDuplicateReceipt,
  kUnknownEmployer,
  kBeforeRegistration,
  kPeriodNotAssessed,
  kNothingOwed,
  kOverpaid,
  kPartial,
  kMatched,
};
inline constexpr size_t kPaymentClasses = 12;

// "matched", "period_not_assessed", ... as in interchange.md.
std::string_view PaymentClassName(PaymentClass payment_class);
// True for the classes whose rows --apply writes.
bool IsWritten(PaymentClass payment_class);

struct ReconciledRow {
  int64_t line = 0;
  std::string payment_id;
  std::string employer_id;
  int64_t amount_fen = 0;  // 0 when the row has no valid amount
  PaymentClass payment_class = PaymentClass::kMalformed;
  int64_t settled_principal_fen = 0;
  int64_t settled_late_fee_fen = 0;
  int64_t credit_fen = 0;
  std::string message;  // why this class, in the row's own terms
};

struct ClassTotal {
  int64_t rows = 0;
  int64_t amount_fen = 0;
};

struct ReconcileReport {
  std::string file;
  std::string sha256_hex;  // of the file's bytes
  int64_t rows = 0;
  int64_t amount_fen = 0;  // over rows with a valid amount
  bool applied = false;
  std::array<ClassTotal, kPaymentClasses> classes{};
  int64_t settled_principal_fen = 0;
  int64_t settled_late_fee_fen = 0;
  int64_t credit_fen = 0;
  bool tie_out_ok = false;
  uint64_t first_sequence = 0;  // of the applied batch; 0 when none
  uint64_t last_sequence = 0;
  std::vector<ReconciledRow> details;  // one per file row, in file order
};

struct ReconcileOptions {
  bool apply = false;  // append the written rows as one batch
  int64_t now_us = 0;  // stamps the applied events' recorded_at
};

// Reconciles `contents` (the bytes of `file_name`, UTF-8) against `store`
// under `rules`. InvalidArgument when the file is not a payments file at
// all; rows that cannot be applied are classes, not errors. Storage errors
// as the store gives them.
[[nodiscard]] absl::StatusOr<ReconcileReport> Reconcile(EventStore& store,
                                                        const Rules& rules,
                                                        std::string_view file_name,
                                                        std::string_view contents,
                                                        const ReconcileOptions& options);

}  // namespace ledger

#endif  // LEDGER_RECONCILE_RECONCILE_H_
