// ledgerctl trace --db DIR --employer E --as-of D [--known-at T] [--period P]
//   [--component C] [--format table|json]: how every figure of `owed` came to
// be, from the fold's own record (ledger/query/trace.h). The table is a
// narrative a clerk can read aloud, row by row: what was assessed, each due
// date and the rule and event that set it, each payment's share, each run of
// days the fee ran or was waived, the rounding and the cap.
#include <cstdio>
#include <optional>
#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/dates.h"
#include "ledger/enum_names.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/money.h"
#include "ledger/query/trace.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/subcommand.h"
#include "tools/ledgerctl/trace_text.h"

ABSL_DECLARE_FLAG(std::string, as_of);  // owed.cc
ABSL_FLAG(std::string, period, "", "Only the rows of this period: YYYY-MM.");
ABSL_FLAG(std::string, component, "", "Only the rows of this component: employer or employee.");

namespace ledgerctl {
namespace {

[[nodiscard]] absl::StatusOr<ledger::TraceQuery> TraceQueryFromFlags() {
  ledger::TraceQuery query;
  ASSIGN_OR_RETURN(query.as_of, RequiredDateFlag("as-of", absl::GetFlag(FLAGS_as_of)));
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());
  query.known_at_us = known_at_us.value_or(NowMicros());
  if (const std::string period = absl::GetFlag(FLAGS_period); !period.empty()) {
    absl::StatusOr<absl::CivilMonth> month = ledger::ParseMonth(period);
    if (!month.ok()) return UsageError(absl::StrFormat("--period: %s", month.status().message()));
    query.period = *month;
  }
  if (const std::string component = absl::GetFlag(FLAGS_component); !component.empty()) {
    const std::optional<ledger::v1::Component> parsed = ledger::ComponentFromName(component);
    if (!parsed || *parsed == ledger::v1::COMPONENT_LATE_FEE) {
      return UsageError(absl::StrFormat(
          "--component: expected employer or employee, got \"%s\"", component));
    }
    query.component = *parsed;
  }
  return query;
}

[[nodiscard]] absl::Status RunTrace(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string employer = absl::GetFlag(FLAGS_employer);
  if (employer.empty()) return UsageError("--employer E is required");
  ASSIGN_OR_RETURN(const ledger::TraceQuery query, TraceQueryFromFlags());
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  if (format == Format::kCsv) return UsageError("trace prints table or json, not csv");

  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, query.known_at_us));
  absl::StatusOr<std::vector<ledger::v1::Event>> events = store->ReadEmployer(employer);
  if (!events.ok()) return StorageError(events.status());
  ASSIGN_OR_RETURN(std::optional<ledger::v1::Trace> trace,
                   ledger::ComputeTrace(rules, employer, *events, query));
  if (!trace) {
    return EmployerNotInView(employer, ledger::OwedQuery{query.as_of, query.known_at_us, false},
                             *events);
  }
  if (format == Format::kJson) {
    absl::PrintF("%s\n", ledger::ProtoToJson(*trace));
  } else {
    std::fputs(TraceNarrative(*trace).c_str(), stdout);
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand TraceCommand() {
  return {
      .name = "trace",
      .synopsis = "--db DIR --employer E --as-of D [--known-at T] [--period P] "
                  "[--component C] [--rules-version N] [--format table|json]",
      .brief = "Explain every fen of an employer's balance, row by row.",
      .summary =
          "How each figure of `owed` came to be, as the fold computed it: per row\n"
          "its parts (employee, base, rate, amount, assessing event), its due dates\n"
          "from the original (R2) through each move (R6-R9) with the event, the\n"
          "payments that settled it, its fee as runs of days (days x outstanding x\n"
          "rate, charged or waived and why), rounding, cap and fee payments.\n"
          "Reversed payments are listed with the reversing event. table reads as a\n"
          "narrative; json is one object (shared/spec/interchange.md \"trace\").",
      .flags = {{"db", "db", "DIR"},
                {"employer", "employer", "E"},
                {"as-of", "as_of", "D"},
                {"known-at", "known_at", "TIME"},
                {"period", "period", "P"},
                {"component", "component", "C"},
                {"format", "format", "table|json"},
                kRulesVersionFlag},
      .examples = {{"trace --db scratch/jinan --employer 91370102MA2HHGPCEK --as-of 2022-11-30 "
                    "--period 2022-08 --component employer --format table",
                    "how 6 174 fen of late fee on the August employer part came to be"},
                   {"trace --db scratch/zhangye --employer 91620702MAP77UL0DU --as-of 2022-12-31",
                    "every row as one json object"}},
      .run = RunTrace,
  };
}

}  // namespace ledgerctl
