// Decide: may this event join this employer's history? (R5, R8, and the
// ledger's state checks.) The Decider half of the domain: business checks
// here, no effects; evolve is the fold (employer_state.h). Pure.
#ifndef LEDGER_DOMAIN_DECISIONS_H_
#define LEDGER_DOMAIN_DECISIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/domain/employer_summary.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/ledger.pb.h"

namespace ledger {

struct Refusal {
  v1::RejectionReason reason = v1::REJECTION_REASON_UNSPECIFIED;
  std::string field;   // the input field a clerk should look at
  std::string detail;  // the figures behind it

  // Returns "REASON: detail".
  std::string Message() const;
};

// Returns the refusal of `event`, or nullopt when it may be appended after
// `history`: every event of the same employer recorded before it (in the
// ledger, then earlier lines of the same batch), with sequences assigned, and
// `summary` == Summarize(history). Grants and applications are checked in
// R5's order against the view on their effective date; the refusal names the
// first rule that fails.
std::optional<Refusal> Decide(const Rules& rules, const EmployerSummary& summary,
                              const std::vector<v1::Event>& history, const v1::Event& event);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_DECISIONS_H_
