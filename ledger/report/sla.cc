#include "ledger/report/sla.h"

#include <algorithm>
#include <tuple>

#include "ledger/dates.h"
#include "ledger/domain/view.h"
#include "ledger/report/applications.h"
#include "ledger/status_macros.h"

namespace ledger {

void AddEmployerToSla(const Rules& rules, const std::vector<v1::Event>& history,
                      const SlaRequest& request, SlaReport& report,
                      std::map<std::string, v1::SlaAreaSummary>& areas) {
  const std::vector<const v1::Event*> view =
      SelectView(history, request.as_of, request.known_at_us);
  std::string area;
  for (const v1::Event* event : view) {
    if (event->has_employer_registered()) area = event->employer_registered().pooling_area();
  }
  if (area.empty()) return;  // not registered in the view
  for (const Application& application : CollectApplications(rules, view)) {
    v1::SlaAreaSummary& summary = areas[area];
    summary.set_pooling_area(area);
    summary.set_applications(summary.applications() + 1);
    v1::SlaBreach breach;
    if (application.open() && application.review_deadline < request.as_of) {
      breach.set_status("open");
      breach.set_working_days_late(WorkingDaysBetween(rules.calendar(),
                                                      application.review_deadline,
                                                      request.as_of));
      summary.set_open_overdue(summary.open_overdue() + 1);
    } else if (!application.open() && *application.decided_on > application.review_deadline) {
      breach.set_status(application.granted ? "granted" : "rejected");
      breach.set_decided_on(FormatDate(*application.decided_on));
      breach.set_working_days_late(WorkingDaysBetween(rules.calendar(),
                                                      application.review_deadline,
                                                      *application.decided_on));
      summary.set_decided_late(summary.decided_late() + 1);
    } else {
      summary.set_on_time_or_pending(summary.on_time_or_pending() + 1);
      continue;
    }
    breach.set_pooling_area(area);
    breach.set_employer_id(application.applied->employer_id());
    breach.set_policy_id(std::string(application.policy_id));
    breach.set_event_id(application.applied->event_id());
    breach.set_applied_on(FormatDate(application.applied_on));
    breach.set_review_deadline(FormatDate(application.review_deadline));
    report.breaches.push_back(std::move(breach));
  }
}

void FinishSla(std::map<std::string, v1::SlaAreaSummary>& areas, SlaReport& report) {
  for (auto& [code, summary] : areas) report.areas.push_back(summary);
  std::stable_sort(report.breaches.begin(), report.breaches.end(),
                   [](const v1::SlaBreach& a, const v1::SlaBreach& b) {
                     return std::tie(a.pooling_area(), a.employer_id(), a.applied_on()) <
                            std::tie(b.pooling_area(), b.employer_id(), b.applied_on());
                   });
}

absl::StatusOr<SlaReport> ComputeSlaReport(const EventStore& store, const Rules& rules,
                                           const SlaRequest& request) {
  SlaReport report;
  std::map<std::string, v1::SlaAreaSummary> areas;
  RETURN_IF_ERROR(store.ForEachEmployer(
      [&](std::string_view /*employer_id*/, std::vector<v1::Event>& events) {
        AddEmployerToSla(rules, events, request, report, areas);
        return absl::OkStatus();
      }));
  FinishSla(areas, report);
  return report;
}

}  // namespace ledger
