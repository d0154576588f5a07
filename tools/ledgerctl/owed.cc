// ledgerctl owed --db DIR (--employer E | --all) --as-of D [--known-at T]
//   [--explain] [--format table|json|csv]: what each employer owes as of D,
// as the ledger knew it at T (R11). --all streams employers in employer_id
// byte order, one at a time, so a city's ledger prints in constant memory
// (json: one object per line; csv: one row per employer, as the table, then
// a TOTAL row).

#include <cstdio>
#include <optional>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/query/owed.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/pass_progress.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_FLAG(bool, all, false, "Every employer in the ledger, in employer_id byte order.");
ABSL_FLAG(std::string, as_of, "", "The date the figures are for: YYYY-MM-DD.");
ABSL_FLAG(bool, explain, false,
          "With each row, the event ids that assessed it, moved its due date, "
          "settled it and paid its fee.");

namespace ledgerctl {
namespace {

[[nodiscard]] absl::Status RunOwed(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string employer = absl::GetFlag(FLAGS_employer);
  const bool all = absl::GetFlag(FLAGS_all);
  if (employer.empty() == !all) return UsageError("give exactly one of --employer E or --all");
  ASSIGN_OR_RETURN(const absl::CivilDay as_of, RequiredDateFlag("as-of", absl::GetFlag(FLAGS_as_of)));
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());
  const ledger::OwedQuery query{as_of, known_at_us.value_or(NowMicros()),
                                absl::GetFlag(FLAGS_explain)};

  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadRulesFor(*store, known_at_us));

  if (!all) {
    ledger::EmployerEvents events;
    if (absl::Status read = store->ReadEmployerInto(employer, events); !read.ok()) {
      return StorageError(read);
    }
    ledger::BalanceFolder folder;
    ASSIGN_OR_RETURN(std::optional<ledger::v1::EmployerBalance> balance,
                     folder.Compute(rules, employer, events.events(), query));
    if (!balance) return EmployerNotInView(employer, query, events.events());
    PrintBalance(*balance, format);
    return absl::OkStatus();
  }
  BalanceStream stream(format);
  ledger::BalanceFolder folder;
  {
    // The table prints after the pass; json and csv stream during it.
    PassProgress progress(*store, "owed --all", /*streams_results=*/format != Format::kTable);
    RETURN_IF_ERROR(StorageError(store->ForEachEmployerEvents(
        [&](std::string_view employer_id, const ledger::EmployerEvents& events) -> absl::Status {
          ASSIGN_OR_RETURN(std::optional<ledger::v1::EmployerBalance> balance,
                           folder.Compute(rules, employer_id, events.events(), query));
          if (balance) stream.Add(*balance);
          return absl::OkStatus();
        })));
  }
  return stream.Finish();
}

}  // namespace

Subcommand OwedCommand() {
  return {
      .name = "owed",
      .synopsis = "--db DIR (--employer E | --all) --as-of D [--known-at T] [--rules-version N] [--explain] "
                  "[--format table|json|csv]",
      .brief = "What an employer, or every employer, owes as of a date (R11).",
      .summary =
          "What an employer owes as of D: one row per (period, component, due date),\n"
          "with principal, payments, late fees, waived fees, credit and the next due\n"
          "date. --known-at T shows what the ledger said at T. --all prints every\n"
          "employer (json: one object per line; table and csv: one line per\n"
          "employer and a TOTAL line).",
      .flags = {{"db", "db", "DIR"},
                {"employer", "employer", "E"},
                {"all", "all", ""},
                {"as-of", "as_of", "D"},
                {"known-at", "known_at", "TIME"},
                {"explain", "explain", ""},
                {"format", "format", "table|json|csv"},
                kFenFlag,
                kWideFlag, kLangFlag,
                kRulesVersionFlag},
      .examples = {{"owed --db scratch/zhangye --all --as-of 2023-06-30 --format csv > owed.csv",
                    "one row per employer and a TOTAL row, for a spreadsheet"},
                   {"owed --db scratch/jinan --employer 91370102MA2HHGPCEK --as-of 2022-11-30 "
                    "--known-at 2022-11-15T15:30:00+08:00 --format table",
                    "what the ledger said when the notice was sent"}},
      .run = RunOwed,
  };
}

}  // namespace ledgerctl
