// The trace as a narrative a clerk reads aloud (trace --format table), and
// the few number forms it uses. Figures come from the Trace message as they
// are; nothing is worked out again here but the printed arithmetic.
#ifndef TOOLS_LEDGERCTL_TRACE_TEXT_H_
#define TOOLS_LEDGERCTL_TRACE_TEXT_H_

#include <cstdint>
#include <string>

#include "ledger/v1/trace.pb.h"

namespace ledgerctl {

// Returns 1/10000-fen units as fen with the decimals it has: 67293750 ->
// "6 729.375".
std::string UnitsAsFen(int64_t units);
// Returns basis points as a percentage: 5 -> "0.05 %", 750 -> "7.50 %".
std::string BasisPointsAsPercent(int64_t rate_bp);

// Returns the whole narrative: a header, then per row its story, then the
// reversed payments and the totals.
std::string TraceNarrative(const ledger::v1::Trace& trace);

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_TRACE_TEXT_H_
