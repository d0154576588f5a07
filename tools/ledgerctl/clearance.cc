// ledgerctl clearance --db DIR --employer E --as-of D: may E deregister on D?
// (R8) Exit 0 and "may deregister" when nothing is outstanding: no principal
// (deferred or not, whatever its due date) and no late fee accrued to D;
// otherwise exit 4 (kExitNo: the answer is no) with the rows that block it.
// Exit 1 is for a refused question (an employer not registered on D).
#include <cstdio>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/json.h"
#include "ledger/query/clearance.h"
#include "ledger/query/owed.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_FLAG(std::string, date, "", "The date: YYYY-MM-DD.");
ABSL_DECLARE_FLAG(std::string, as_of);  // owed.cc

namespace ledgerctl {
namespace {

void PrintClearance(const ledger::v1::EmployerBalance& balance,
                    const ledger::Clearance& clearance, Format format) {
  ledger::v1::EmployerBalance blocking = balance;
  blocking.clear_obligations();
  for (const ledger::v1::Obligation& row : clearance.blocking) *blocking.add_obligations() = row;
  if (format == Format::kJson) {
    absl::PrintF("{\"employer_id\":%s,\"date\":\"%s\",\"may_deregister\":%s,\"reason\":%s,"
                 "\"blocking\":%s}\n",
                 ledger::JsonQuote(balance.employer_id()), balance.as_of(),
                 clearance.may_deregister ? "true" : "false",
                 ledger::JsonQuote(clearance.reason), ledger::ProtoToJson(blocking));
    return;
  }
  if (format == Format::kCsv) {  // the rows only, so a spreadsheet opens it as is
    PrintBalance(blocking, format);
    return;
  }
  absl::PrintF("%s %s: %s\n", balance.employer_id(), balance.name(), clearance.reason);
  if (!clearance.blocking.empty()) PrintBalance(blocking, format);
}

[[nodiscard]] absl::Status RunClearance(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string employer = absl::GetFlag(FLAGS_employer);
  if (employer.empty()) return UsageError("--employer E is required");
  // --date: the old name of --as-of, kept working (deprecated).
  const std::string as_of_text = absl::GetFlag(FLAGS_as_of), date_text = absl::GetFlag(FLAGS_date);
  if (!as_of_text.empty() && !date_text.empty()) {
    return UsageError("give --as-of D only (--date is its deprecated name)");
  }
  ASSIGN_OR_RETURN(const absl::CivilDay date,
                   RequiredDateFlag("as-of", as_of_text.empty() ? date_text : as_of_text));
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  const ledger::OwedQuery query{date, NowMicros(), /*explain=*/false};

  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, std::nullopt));
  absl::StatusOr<std::vector<ledger::v1::Event>> events = store->ReadEmployer(employer);
  if (!events.ok()) return StorageError(events.status());
  ASSIGN_OR_RETURN(std::optional<ledger::v1::EmployerBalance> balance,
                   ledger::ComputeBalance(rules, employer, *events, query));
  if (!balance) return EmployerNotInView(employer, query, *events);
  const ledger::Clearance clearance = ledger::ClearanceOf(*balance);
  PrintClearance(*balance, clearance, format);
  if (clearance.may_deregister) return absl::OkStatus();
  return NegativeAnswer(clearance.reason);
}

}  // namespace

Subcommand ClearanceCommand() {
  return {
      .name = "clearance",
      .synopsis = "--db DIR --employer E --as-of D [--rules-version N] [--format table|json|csv]",
      .brief = "Whether an employer may deregister on a date (R8).",
      .summary =
          "Whether E may deregister on D (R8): only with no principal outstanding,\n"
          "deferred or not, and no late fee accrued to D. Exit 0 when it may, 4 with\n"
          "the blocking rows when it may not (1: the employer is not registered on\n"
          "D; csv prints the rows only, the answer is the exit status).",
      .flags = {{"db", "db", "DIR"},
                {"employer", "employer", "E"},
                {"as-of", "as_of", "D"},
                {"date", "date", "D", /*deprecated_for=*/"as-of"},
                {"format", "format", "table|json|csv"},
                kFenFlag,
                kWideFlag, kLangFlag,
                kRulesVersionFlag},
      .examples = {{"clearance --db scratch/zhangye --employer 91620702MA4G4ELKQX --as-of "
                    "2023-04-20",
                    "may deregister: exit 0"},
                   {"clearance --db scratch/zhangye --employer 91620722MAE1W55H2H --as-of "
                    "2023-06-30 --format csv > blocking.csv",
                    "may not: exit 4, the 26 blocking rows and their TOTAL for a spreadsheet"}},
      .run = RunClearance,
  };
}

}  // namespace ledgerctl
