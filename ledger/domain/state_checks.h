// The ledger's own state checks on one new event (beyond R5): duplicate
// registration, unknown area or policy, an employee assessed twice for a
// period, a rejection with no pending application, a revocation with no grant,
// reversals of unknown events or of reversals. Used by decisions.cc. Pure.
#ifndef LEDGER_DOMAIN_STATE_CHECKS_H_
#define LEDGER_DOMAIN_STATE_CHECKS_H_

#include <optional>
#include <vector>

#include "ledger/domain/decisions.h"

namespace ledger {

// `view`: the employer's history in fold order with reversals applied.
std::optional<Refusal> DecideRegistration(const Rules& rules,
                                          const std::vector<const v1::Event*>& view,
                                          const v1::Event& event);
std::optional<Refusal> DecideAssessment(const Rules& rules,
                                        const std::vector<const v1::Event*>& view,
                                        const v1::Event& event);
std::optional<Refusal> DecideRejection(const Rules& rules,
                                       const std::vector<const v1::Event*>& view,
                                       const v1::Event& event);
std::optional<Refusal> DecideRevocation(const Rules& rules,
                                        const std::vector<const v1::Event*>& view,
                                        const v1::Event& event);
// `history`: every event of the employer, reversed ones included.
std::optional<Refusal> DecideReversal(const std::vector<v1::Event>& history,
                                      const v1::Event& event);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_STATE_CHECKS_H_
