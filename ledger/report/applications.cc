#include "ledger/report/applications.h"

#include "ledger/dates.h"

namespace ledger {

absl::CivilDay ReviewDeadline(const Rules& rules, const PolicyRules& policy,
                              absl::CivilDay applied_on) {
  if (policy.review_working_days <= 0) return applied_on;
  return rules.AddWorkingDays(applied_on, policy.review_working_days);
}

int64_t WorkingDaysBetween(const WorkCalendar& calendar, absl::CivilDay after,
                           absl::CivilDay through) {
  int64_t days = 0;
  for (absl::CivilDay day = after + 1; day <= through; ++day) {
    if (calendar.IsWorkingDay(day)) ++days;
  }
  return days;
}

std::vector<Application> CollectApplications(const Rules& rules,
                                             const std::vector<const v1::Event*>& view) {
  std::vector<Application> applications;
  auto close_open = [&](const v1::Event& event, std::string_view policy_id, bool granted) {
    for (Application& application : applications) {
      if (!application.open() || application.policy_id != policy_id) continue;
      application.decided = &event;
      application.decided_on = DecodeDate(event.effective_date_yyyymmdd());
      application.granted = granted;
    }
  };
  for (const v1::Event* event : view) {
    if (event->has_deferral_applied()) {
      const v1::DeferralApplied& applied = event->deferral_applied();
      Application application;
      application.applied = event;
      application.policy_id = applied.policy_id();
      application.applied_on = DecodeDate(event->effective_date_yyyymmdd());
      application.first_period = DecodeMonth(applied.first_period_yyyymm());
      application.last_period = DecodeMonth(applied.last_period_yyyymm());
      const PolicyRules* policy = rules.FindPolicy(applied.policy_id());
      application.review_deadline = policy == nullptr
                                        ? application.applied_on
                                        : ReviewDeadline(rules, *policy, application.applied_on);
      applications.push_back(application);
    } else if (event->has_deferral_granted()) {
      close_open(*event, event->deferral_granted().policy_id(), /*granted=*/true);
    } else if (event->has_deferral_rejected()) {
      close_open(*event, event->deferral_rejected().policy_id(), /*granted=*/false);
    }
  }
  return applications;
}

}  // namespace ledger
