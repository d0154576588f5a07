#include "ledger/report/deferral_status.h"

#include <set>
#include <string>

#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/view.h"
#include "ledger/enum_names.h"
#include "ledger/report/applications.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

void FillSizeClassBasis(const std::vector<const v1::Event*>& view,
                        v1::EmployerDeferralStatus& status) {
  status.set_size_class_basis("registration");
  status.set_size_class_since(status.registered_on());
  for (const v1::Event* event : view) {  // fold order: the last one is the latest
    if (!event->has_employer_reclassified()) continue;
    status.set_size_class_basis(
        std::string(ClassificationBasisName(event->employer_reclassified().basis())));
    status.set_size_class_since(FormatDate(DecodeDate(event->effective_date_yyyymmdd())));
  }
}

v1::GrantStatus GrantStatusOf(const Rules& rules, const AreaRules& area,
                              const Projection& projection, const Grant& grant) {
  v1::GrantStatus out;
  const v1::Event& event = *projection.events[static_cast<size_t>(grant.event_index)];
  out.set_event_id(std::string(grant.event_id));
  out.set_basis(std::string(GrantBasisName(event.deferral_granted().basis())));
  out.set_granted_on(FormatDate(grant.granted_on));
  out.set_first_period(FormatMonth(grant.first_period));
  out.set_last_period(FormatMonth(grant.last_period));
  if (const PolicyRules* policy = rules.FindPolicy(grant.policy_id)) {
    out.set_catch_up_date(FormatDate(rules.CatchUpDate(*policy, area, grant.last_period)));
  }
  std::optional<absl::CivilDay> earliest;
  std::set<std::string> brought_forward;
  for (const Part& part : projection.parts) {
    if (!part.deferred || part.due_moved_by[0] != grant.event_index) continue;
    if (!earliest || part.due_date() < *earliest) earliest = part.due_date();
    if (part.due_moved_by[1] < 0) continue;
    const v1::Event& mover = *projection.events[static_cast<size_t>(part.due_moved_by[1])];
    brought_forward.insert(absl::StrFormat("%s %s %s", EventTypeName(mover.payload_case()),
                                           mover.event_id(),
                                           FormatDate(DecodeDate(mover.effective_date_yyyymmdd()))));
  }
  if (earliest) out.set_earliest_due_date(FormatDate(*earliest));
  for (const std::string& line : brought_forward) out.add_brought_forward_by(line);
  if (grant.revoked()) {
    out.set_revoked(std::string(RevocationReasonName(grant.revoked_reason)));
    out.set_revoked_on(FormatDate(*grant.revoked_on));
    out.set_revoked_by(std::string(grant.revoked_by));
  }
  out.set_in_force(!grant.revoked());
  return out;
}

v1::ApplicationStatus ApplicationStatusOf(const Application& application) {
  v1::ApplicationStatus out;
  out.set_event_id(application.applied->event_id());
  out.set_applied_on(FormatDate(application.applied_on));
  out.set_first_period(FormatMonth(application.first_period));
  out.set_last_period(FormatMonth(application.last_period));
  out.set_review_deadline(FormatDate(application.review_deadline));
  if (!application.open()) {
    out.set_decision(application.granted ? "granted" : "rejected");
    out.set_decided_on(FormatDate(*application.decided_on));
    out.set_decided_by(application.decided->event_id());
  }
  return out;
}

}  // namespace

absl::StatusOr<std::optional<v1::EmployerDeferralStatus>> ComputeDeferralStatus(
    const Rules& rules, std::string_view employer_id, const std::vector<v1::Event>& events,
    const DeferralStatusQuery& query) {
  const std::vector<const v1::Event*> view = SelectView(events, query.as_of, query.known_at_us);
  ASSIGN_OR_RETURN(const Projection projection, FoldEmployer(rules, view, query.as_of));
  const EmployerStatus& employer = projection.status;
  if (!employer.registered) return std::nullopt;
  const AreaRules* area = rules.FindArea(employer.pooling_area);
  if (area == nullptr) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "pooling area %s is not in rules version %d", employer.pooling_area, rules.version()));
  }
  v1::EmployerDeferralStatus status;
  status.set_employer_id(std::string(employer_id));
  status.set_as_of(FormatDate(query.as_of));
  status.set_known_at(FormatTimestamp(FromMicros(query.known_at_us)));
  status.set_rules_version(rules.version());
  status.set_name(std::string(employer.name));
  status.set_pooling_area(std::string(employer.pooling_area));
  status.set_entity_type(std::string(EntityTypeName(employer.entity_type)));
  status.set_size_class(std::string(SizeClassName(employer.size_class)));
  if (employer.registered_on) status.set_registered_on(FormatDate(*employer.registered_on));
  if (employer.deregistered_on) status.set_deregistered_on(FormatDate(*employer.deregistered_on));
  FillSizeClassBasis(view, status);

  // The policies covering the area, then any other one the history names.
  std::vector<std::string> policy_ids;
  for (const v1::DeferralPolicy& policy : rules.rule_set().deferral_policies()) {
    const PolicyRules* compiled = rules.FindPolicy(policy.policy_id());
    if (compiled != nullptr && compiled->CoversArea(area->code)) {
      policy_ids.push_back(policy.policy_id());
    }
  }
  const std::vector<Application> applications = CollectApplications(rules, view);
  auto add_policy = [&](std::string_view id) {
    if (std::find(policy_ids.begin(), policy_ids.end(), id) == policy_ids.end()) {
      policy_ids.emplace_back(id);
    }
  };
  for (const Grant& grant : projection.grants) add_policy(grant.policy_id);
  for (const Application& application : applications) add_policy(application.policy_id);
  for (const std::string& policy_id : policy_ids) {
    v1::PolicyStatus& policy = *status.add_policies();
    policy.set_policy_id(policy_id);
    for (const Grant& grant : projection.grants) {
      if (grant.policy_id != policy_id) continue;
      *policy.add_grants() = GrantStatusOf(rules, *area, projection, grant);
      if (!grant.revoked()) policy.set_enjoys_deferral(true);
    }
    for (const Application& application : applications) {
      if (application.policy_id == policy_id) {
        *policy.add_applications() = ApplicationStatusOf(application);
      }
    }
  }
  return status;
}

}  // namespace ledger
