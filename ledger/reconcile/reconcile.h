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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
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

// An employer that owes principal for the expected period, due on or before
// the file's last paid date, and has no row in the file (`unpaid`): whom the
// clerk chases next.
struct UnpaidEmployer {
  std::string employer_id;
  std::string name;
  int64_t amount_fen = 0;  // principal of the period outstanding on that date
  absl::CivilDay due_date;  // the earliest due date among it
};

// One employer's tie-out: its outstanding principal on the latest paid date
// of its written rows, without them and with them, against what they
// settled. Principal only: paying principal changes the fees accrued after,
// so a fee ties out per row (what the fold allocated to it).
struct EmployerTieOut {
  std::string employer_id;
  absl::CivilDay as_of;
  int64_t outstanding_before_fen = 0;
  int64_t settled_principal_fen = 0;
  int64_t outstanding_after_fen = 0;
  bool ok() const {
    return outstanding_after_fen == outstanding_before_fen - settled_principal_fen;
  }
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
  // When the tie-out fails: which identity broke, with its figures.
  std::string tie_out_problem;
  // Per employer with written rows, in employer_id order.
  std::vector<EmployerTieOut> employer_tie_outs;
  uint64_t first_sequence = 0;  // of the applied batch; 0 when none
  uint64_t last_sequence = 0;
  uint32_t run = 0;  // the run number recorded for this file; 0 when none
  // The runs of this file (by sha256) the ledger recorded before this one.
  std::vector<v1::ReconcileRun> earlier_runs;
  std::vector<ReconciledRow> details;  // one per file row, in file order
  // With an expected period: the employers owing it with no row in the file,
  // by employer_id; their total; and the date they were owing it on.
  std::optional<absl::CivilMonth> expected_period;
  std::optional<absl::CivilDay> last_paid_date;  // latest paid_date of a valid row
  std::vector<UnpaidEmployer> unpaid;
  int64_t unpaid_fen = 0;
};

// The encodings a payments file may come in.
enum class FileEncoding {
  kUtf8,     // with or without a BOM
  kGb18030,  // Excel on a Chinese Windows; converted to UTF-8 first (iconv)
};

struct ReconcileOptions {
  bool apply = false;  // append the written rows as one batch
  int64_t now_us = 0;  // stamps the applied events' recorded_at
  FileEncoding encoding = FileEncoding::kUtf8;
  // List the employers owing this period with no row in the file.
  std::optional<absl::CivilMonth> expected_period = std::nullopt;
};

// Reconciles `contents` (the bytes of `file_name`, in options.encoding)
// against `store` under `rules`. InvalidArgument when the file is not a
// payments file at all (or a byte sequence is not of its encoding: the
// message names the line and byte); rows that cannot be applied are classes,
// not errors. Applied (with a tie-out that holds), the written rows and the
// record of the run (its counts, by the file's sha256) land in one synced
// batch; a file applied before with nothing new to write is recorded once,
// and `earlier_runs` says when and with what. Storage errors as the store
// gives them.
[[nodiscard]] absl::StatusOr<ReconcileReport> Reconcile(EventStore& store,
                                                        const Rules& rules,
                                                        std::string_view file_name,
                                                        std::string_view contents,
                                                        const ReconcileOptions& options);

}  // namespace ledger

#endif  // LEDGER_RECONCILE_RECONCILE_H_
