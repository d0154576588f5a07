// Printing EmployerBalance messages (owed, clearance) in the three formats.
#ifndef TOOLS_LEDGERCTL_BALANCE_OUTPUT_H_
#define TOOLS_LEDGERCTL_BALANCE_OUTPUT_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ledger/query/owed.h"
#include "ledger/v1/ledger.pb.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/output.h"

namespace ledgerctl {

// Prints one employer's balance: json one compact line, csv one line per row
// then a TOTAL row (docs/cli.md), table the rows then the totals.
void PrintBalance(const ledger::v1::EmployerBalance& balance, Format format);

// Returns NotFound (exit 1): the employer's registration is not in the view.
// From the employer's `events` it says why: no event at all, registered
// after --as-of (on which date), or recorded after --known-at (when).
absl::Status EmployerNotInView(std::string_view employer_id, const ledger::OwedQuery& query,
                               std::span<const ledger::v1::Event* const> events);
absl::Status EmployerNotInView(std::string_view employer_id, const ledger::OwedQuery& query,
                               const std::vector<ledger::v1::Event>& events);

// Returns the value of a required date flag, or a usage error naming it.
absl::StatusOr<absl::CivilDay> RequiredDateFlag(std::string_view flag_name,
                                                std::string_view value);

// Prints many employers' balances as they come, one summary line each:
// json and csv stream; the table prints at Finish(), which also writes the
// TOTAL row (table and csv; json has none), or returns OutOfRange when a
// sum does not fit int64 (the rows printed stay right). A stream that fails
// midway is not finished: no TOTAL row under a partial list.
class BalanceStream {
 public:
  explicit BalanceStream(Format format);
  ~BalanceStream();
  void Add(const ledger::v1::EmployerBalance& balance);
  [[nodiscard]] absl::Status Finish();

 private:
  Format format_;
  TableStyle style_;
  TextTable summary_;
  std::unique_ptr<CsvWriter> csv_;
  std::vector<int64_t> totals_fen_;  // the summary's figures summed
  bool totals_overflowed_ = false;   // a sum did not fit: Finish() says so
};

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_BALANCE_OUTPUT_H_
