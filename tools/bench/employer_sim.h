// One synthetic employer: who it is (a profile drawn from the city's mix) and
// its 2022-01..2023-12 history as events, in the order the ledger learns them.
#ifndef TOOLS_BENCH_EMPLOYER_SIM_H_
#define TOOLS_BENCH_EMPLOYER_SIM_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"

namespace ledger_bench {

inline const absl::CivilMonth kFirstPeriod(2022, 1);
inline const absl::CivilMonth kLastPeriod(2023, 12);
inline const absl::CivilDay kLastDay(2023, 12, 31);

enum class Persona { kPunctual, kSplit, kLate, kPartial, kOverpay, kDeadbeat };
enum class DeferralPlan { kNone, kAutomatic, kApply, kReclassifyAndApply };
enum class Revocation { kNone, kWithdrawn, kFalseCommitment };

struct EmployerProfile {
  uint32_t index = 0;
  bool reference = false;  // the latency employer: 50 employees, 24 months
  std::string employer_id;
  std::string name;
  const ledger::AreaRules* area = nullptr;
  const ledger::PolicyRules* policy = nullptr;  // covering the area, if any
  ledger::v1::EntityType entity_type = ledger::v1::ENTITY_TYPE_ENTERPRISE;
  ledger::v1::SizeClass size_class = ledger::v1::SIZE_CLASS_SMALL;
  absl::CivilDay registered_on;
  Persona persona = Persona::kPunctual;
  bool period_filter = false;  // names the period on its payments
  int64_t employees = 0;       // head count at the start (or at registration)
  DeferralPlan plan = DeferralPlan::kNone;
  bool application_granted = true;
  Revocation revocation = Revocation::kNone;
  int catch_up_style = 0;        // 0 one payment, 1 one per period, 2 late
  int deregister_month = -1;     // 0..23: deregisters early that month
  bool official_reclassification = false;
  int stop_paying_month = -1;    // deadbeat: stops for a while
  int stop_paying_months = 0;
};

// Draws employer `index` of a city; `employees` is a raw head count that the
// city scales to its total afterwards.
EmployerProfile DrawProfile(const ledger::Rules& rules, uint64_t seed, uint32_t index);

// Returns the employer's events in recorded order, each with event_id,
// employer_id, effective date and payload; recorded_at is set by the city.
// `final_employees` gets the head count at the end.
std::vector<ledger::v1::Event> SimulateEmployer(const ledger::Rules& rules,
                                                const EmployerProfile& profile,
                                                uint64_t seed, int64_t* final_employees);

// The rank of an event within a day: registrations first, then the rest,
// payments after the facts they settle, deregistration last. The city sorts
// by (effective date, rank, employer, position) and the simulation executes
// in (date, rank, creation order), so both agree.
int EventRank(const ledger::v1::Event& event);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_EMPLOYER_SIM_H_
