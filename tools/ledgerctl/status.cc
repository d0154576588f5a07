// ledgerctl status --db DIR --employer E [--as-of D] [--known-at T]
//   [--format table|json|csv]: the deferral flag (缓缴标志), what an employer
// sees when it checks whether it enjoys the deferral. The logic is
// ledger/report/deferral_status.h.
#include <cstdio>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "ledger/dates.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/report/deferral_status.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_DECLARE_FLAG(std::string, as_of);  // owed.cc

namespace ledgerctl {
namespace {

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

void PrintTable(const ledger::v1::EmployerDeferralStatus& status) {
  absl::PrintF("employer %s  %s\n", status.employer_id(), status.name());
  absl::PrintF("  as of %s  known at %s  rules v%d\n", status.as_of(), status.known_at(),
               status.rules_version());
  absl::PrintF("  pooling area %s; %s, size %s (basis %s since %s)\n", status.pooling_area(),
               status.entity_type(), status.size_class(), status.size_class_basis(),
               status.size_class_since());
  absl::PrintF("  registered %s; deregistered %s\n", status.registered_on(),
               OrDash(status.deregistered_on()));
  for (const ledger::v1::PolicyStatus& policy : status.policies()) {
    absl::PrintF("policy %s: %s\n", policy.policy_id(),
                 policy.enjoys_deferral() ? "GRANTED, in force (缓缴)" : "no grant in force");
    for (const ledger::v1::GrantStatus& grant : policy.grants()) {
      absl::PrintF("  grant %s (%s) on %s, periods %s..%s, catch-up due %s", grant.event_id(),
                   grant.basis(), grant.granted_on(), grant.first_period(),
                   grant.last_period(), OrDash(grant.catch_up_date()));
      if (!grant.brought_forward_by().empty()) {
        absl::PrintF("; earliest due %s, brought forward by %s", grant.earliest_due_date(),
                     absl::StrJoin(grant.brought_forward_by(), ", "));
      }
      if (!grant.revoked().empty()) {
        absl::PrintF("; REVOKED %s on %s by %s", grant.revoked(), grant.revoked_on(),
                     grant.revoked_by());
      }
      absl::PrintF("\n");
    }
    for (const ledger::v1::ApplicationStatus& application : policy.applications()) {
      absl::PrintF("  application %s on %s, periods %s..%s, review deadline %s: %s\n",
                   application.event_id(), application.applied_on(),
                   application.first_period(), application.last_period(),
                   application.review_deadline(),
                   application.decision().empty()
                       ? std::string("pending")
                       : absl::StrFormat("%s on %s by %s", application.decision(),
                                         application.decided_on(), application.decided_by()));
    }
    if (policy.grants().empty() && policy.applications().empty()) {
      absl::PrintF("  no grant, no application\n");
    }
  }
}

// One row per grant or application (a policy with neither: one row).
void PrintCsv(const ledger::v1::EmployerDeferralStatus& status) {
  using K = ColumnKind;
  TextTable table({{"employer_id", K::kId}, {"name"}, {"policy_id", K::kId},
                   {"enjoys_deferral"}, {"kind"}, {"event_id", K::kId}, {"basis"}, {"date"},
                   {"first_period", K::kId}, {"last_period", K::kId}, {"catch_up_date"},
                   {"review_deadline"}, {"revoked_or_decision"}, {"revoked_or_decided_on"}});
  for (const ledger::v1::PolicyStatus& policy : status.policies()) {
    const std::string enjoys = policy.enjoys_deferral() ? "true" : "false";
    for (const ledger::v1::GrantStatus& g : policy.grants()) {
      table.AddRow({status.employer_id(), status.name(), policy.policy_id(), enjoys, "grant", g.event_id(),
                    g.basis(), g.granted_on(), g.first_period(), g.last_period(),
                    g.catch_up_date(), "", g.revoked(), g.revoked_on()});
    }
    for (const ledger::v1::ApplicationStatus& a : policy.applications()) {
      table.AddRow({status.employer_id(), status.name(), policy.policy_id(), enjoys, "application",
                    a.event_id(), "", a.applied_on(), a.first_period(), a.last_period(), "",
                    a.review_deadline(), a.decision(), a.decided_on()});
    }
    if (policy.grants().empty() && policy.applications().empty()) {
      table.AddRow({status.employer_id(), status.name(), policy.policy_id(), enjoys, "none"});
    }
  }
  table.PrintCsv(stdout);
}

[[nodiscard]] absl::Status RunStatus(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string employer = absl::GetFlag(FLAGS_employer);
  if (employer.empty()) return UsageError("--employer E is required");
  absl::CivilDay as_of = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(8 * 3600));
  if (!absl::GetFlag(FLAGS_as_of).empty()) {
    ASSIGN_OR_RETURN(as_of, RequiredDateFlag("as-of", absl::GetFlag(FLAGS_as_of)));
  }
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());
  const ledger::DeferralStatusQuery query{as_of, known_at_us.value_or(NowMicros())};
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, known_at_us));
  absl::StatusOr<std::vector<ledger::v1::Event>> events = store->ReadEmployer(employer);
  if (!events.ok()) return StorageError(events.status());
  ASSIGN_OR_RETURN(const std::optional<ledger::v1::EmployerDeferralStatus> status,
                   ledger::ComputeDeferralStatus(rules, employer, *events, query));
  if (!status) {
    return EmployerNotInView(employer, ledger::OwedQuery{as_of, query.known_at_us, false},
                             *events);
  }
  switch (format) {
    case Format::kTable:
      PrintTable(*status);
      break;
    case Format::kCsv:
      PrintCsv(*status);
      break;
    case Format::kJson:
      absl::PrintF("%s\n", ledger::ProtoToJson(*status));
      break;
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand StatusCommand() {
  return {
      .name = "status",
      .synopsis = "--db DIR --employer E [--as-of D] [--known-at T] [--rules-version N] "
                  "[--format table|json|csv]",
      .brief = "An employer's deferral flag (缓缴标志): grants and applications.",
      .summary =
          "The deferral flag (缓缴标志): what E sees when it checks whether it enjoys\n"
          "the deferral on D (default: today, +08:00). Name, area, entity and size class\n"
          "with its basis, registration and deregistration; per policy each grant\n"
          "(automatic or by letter, date, periods, catch-up date and what brought it\n"
          "forward, revoked or withdrawn) and each application with its review\n"
          "deadline (R12).",
      .flags = {{"db", "db", "DIR"},
                {"employer", "employer", "E"},
                {"as-of", "as_of", "D"},
                {"known-at", "known_at", "TIME"},
                {"format", "format", "table|json|csv"},
                kRulesVersionFlag},
      .examples = {{"status --db scratch/zhangye --employer 91620702MAP77UL0DU --as-of "
                    "2022-09-30 --format table",
                    "granted, in force; one due date brought forward by a separation"},
                   {"status --db scratch/jinan --employer 91370102MA2HHGPCEK --as-of 2022-12-31",
                    "the revoked grant and its application (json)"}},
      .run = RunStatus,
  };
}

}  // namespace ledgerctl
