// May an employer deregister on a date? (R8: "应在注销前缴纳".) Only when
// nothing is outstanding: no principal, deferred or not, whatever its due
// date, and no late fee accrued to that date.
#ifndef LEDGER_QUERY_CLEARANCE_H_
#define LEDGER_QUERY_CLEARANCE_H_

#include <string>
#include <vector>

#include "ledger/v1/ledger.pb.h"

namespace ledger {

struct Clearance {
  bool may_deregister = false;
  int64_t outstanding_fen = 0;
  int64_t late_fee_outstanding_fen = 0;
  int64_t credit_fen = 0;
  // The rows that block it: outstanding principal or unpaid late fee.
  std::vector<v1::Obligation> blocking;
  // Why, in a sentence a collections officer can read out.
  std::string reason;
};

// Returns the clearance of a balance computed as of the deregistration date.
Clearance ClearanceOf(const v1::EmployerBalance& balance);

}  // namespace ledger

#endif  // LEDGER_QUERY_CLEARANCE_H_
