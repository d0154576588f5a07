// The ledger's own state checks on one new event (beyond R5): duplicate
// registration, unknown area or policy, an employee assessed twice for a
// period, a rejection with no open application, a revocation with no grant,
// reversals of unknown events or of reversals. Used by decisions.cc. Pure.
#ifndef LEDGER_DOMAIN_STATE_CHECKS_H_
#define LEDGER_DOMAIN_STATE_CHECKS_H_

#include <optional>

#include "ledger/domain/decisions.h"
#include "ledger/domain/employer_summary.h"

namespace ledger {

std::optional<Refusal> DecideRegistration(const Rules& rules, const EmployerSummary& summary,
                                          const v1::Event& event);
std::optional<Refusal> DecideAssessment(const Rules& rules, const EmployerSummary& summary,
                                        const v1::Event& event);
std::optional<Refusal> DecideRejection(const Rules& rules, const EmployerSummary& summary,
                                       const v1::Event& event);
std::optional<Refusal> DecideRevocation(const Rules& rules, const EmployerSummary& summary,
                                        const v1::Event& event);
// Refuses a deregistration dated on or before an assessment or deferral
// already recorded (R8: nothing is assessed or granted from that day on).
std::optional<Refusal> DecideDeregistration(const EmployerSummary& summary,
                                            const v1::Event& event);
std::optional<Refusal> DecideReversal(const EmployerSummary& summary, const v1::Event& event);

}  // namespace ledger

#endif  // LEDGER_DOMAIN_STATE_CHECKS_H_
