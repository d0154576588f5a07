// ledgerctl reconcile --db DIR FILE.csv [--apply] [--rows OUT.csv|OUT.jsonl]:
// the tax bureau's payments file against what each employer owes
// (ledger/reconcile). Prints the summary; --rows writes one record per file
// row with its class and what it settled.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "ledger/json.h"
#include "ledger/reconcile/reconcile.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/output.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_FLAG(bool, apply, false,
          "Append the rows that can be applied as one atomic batch (without it, a dry "
          "run that prints the same classes and writes nothing).");
ABSL_FLAG(std::string, rows, "",
          "Write one record per file row to this file: CSV when it ends in .csv, JSON "
          "Lines otherwise.");

namespace ledgerctl {
namespace {

using ledger::ClassTotal;
using ledger::PaymentClass;
using ledger::ReconciledRow;
using ledger::ReconcileReport;

std::string SummaryJson(const ReconcileReport& report) {
  std::string classes;
  for (size_t i = 0; i < ledger::kPaymentClasses; ++i) {
    const ClassTotal& total = report.classes[i];
    absl::StrAppendFormat(&classes, "%s%s:{\"rows\":%d,\"amount_fen\":%d}", i == 0 ? "" : ",",
                          ledger::JsonQuote(ledger::PaymentClassName(static_cast<PaymentClass>(i))),
                          total.rows, total.amount_fen);
  }
  return absl::StrFormat(
      "{\"file\":%s,\"sha256\":\"%s\",\"rows\":%d,\"amount_fen\":%d,\"applied\":%s,"
      "\"classes\":{%s},\"settled_principal_fen\":%d,\"settled_late_fee_fen\":%d,"
      "\"credit_fen\":%d,\"tie_out_ok\":%s}",
      ledger::JsonQuote(report.file), report.sha256_hex, report.rows, report.amount_fen,
      report.applied ? "true" : "false", classes, report.settled_principal_fen,
      report.settled_late_fee_fen, report.credit_fen, report.tie_out_ok ? "true" : "false");
}

void PrintSummaryTable(const ReconcileReport& report) {
  absl::PrintF("%s: %d rows, %d fen, sha256 %s\n", report.file, report.rows, report.amount_fen,
               report.sha256_hex);
  TextTable table({{"class", ColumnKind::kText},
                   {"rows", ColumnKind::kCount},
                   {"amount_fen", ColumnKind::kFen}});
  for (size_t i = 0; i < ledger::kPaymentClasses; ++i) {
    table.AddRow({std::string(ledger::PaymentClassName(static_cast<PaymentClass>(i))),
                  absl::StrCat(report.classes[i].rows), absl::StrCat(report.classes[i].amount_fen)});
  }
  table.AddRow({kTotalLabel, absl::StrCat(report.rows), absl::StrCat(report.amount_fen)},
               RowKind::kTotal);
  table.PrintAligned(stdout, TableStyleFromFlags());
  absl::PrintF("settled: principal %d fen, late fee %d fen, credit %d fen; tie-out %s\n",
               report.settled_principal_fen, report.settled_late_fee_fen, report.credit_fen,
               report.tie_out_ok ? "holds" : "FAILS");
  if (report.applied) {
    absl::PrintF("applied: sequences %d..%d\n", report.first_sequence, report.last_sequence);
  } else {
    absl::PrintF("dry run: nothing written (give --apply to append the applicable rows)\n");
  }
}

absl::Status WriteRows(const ReconcileReport& report, const std::string& path) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    return absl::InvalidArgumentError(absl::StrFormat("cannot write --rows %s", path));
  }
  if (absl::EndsWith(path, ".csv")) {
    CsvWriter csv(out, {{"line", ColumnKind::kCount},
                        {"payment_id", ColumnKind::kId},
                        {"employer_id", ColumnKind::kId},
                        {"amount_fen", ColumnKind::kFen},
                        {"class", ColumnKind::kText},
                        {"settled_principal_fen", ColumnKind::kFen},
                        {"settled_late_fee_fen", ColumnKind::kFen},
                        {"credit_fen", ColumnKind::kFen},
                        {"message", ColumnKind::kText}});
    for (const ReconciledRow& row : report.details) {
      csv.WriteRow({absl::StrCat(row.line), row.payment_id, row.employer_id,
                    absl::StrCat(row.amount_fen), std::string(ledger::PaymentClassName(row.payment_class)),
                    absl::StrCat(row.settled_principal_fen), absl::StrCat(row.settled_late_fee_fen),
                    absl::StrCat(row.credit_fen), row.message});
    }
    csv.Finish();
  } else {
    for (const ReconciledRow& row : report.details) {
      absl::FPrintF(out,
                    "{\"line\":%d,\"payment_id\":%s,\"employer_id\":%s,\"amount_fen\":%d,"
                    "\"class\":\"%s\",\"settled_principal_fen\":%d,\"settled_late_fee_fen\":%d,"
                    "\"credit_fen\":%d,\"message\":%s}\n",
                    row.line, ledger::JsonQuote(row.payment_id), ledger::JsonQuote(row.employer_id),
                    row.amount_fen, ledger::PaymentClassName(row.payment_class),
                    row.settled_principal_fen, row.settled_late_fee_fen, row.credit_fen,
                    ledger::JsonQuote(row.message));
    }
  }
  if (std::fclose(out) != 0) {
    return absl::InvalidArgumentError(absl::StrFormat("cannot write --rows %s", path));
  }
  return absl::OkStatus();
}

[[nodiscard]] absl::Status RunReconcile(const std::vector<std::string>& args) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  if (format == Format::kCsv) {
    return UsageError("reconcile prints a summary (table or json); --rows OUT.csv writes the rows");
  }
  const bool apply = absl::GetFlag(FLAGS_apply);
  ASSIGN_OR_RETURN(const std::string contents, ReadInputFile(args[0]));
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, apply ? ledger::OpenMode::kReadWrite : ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadLatestRules(*store));
  ASSIGN_OR_RETURN(const ReconcileReport report,
                   ledger::Reconcile(*store, rules, args[0], contents,
                                     {.apply = apply, .now_us = NowMicros()}));
  if (const std::string rows_path = absl::GetFlag(FLAGS_rows); !rows_path.empty()) {
    RETURN_IF_ERROR(WriteRows(report, rows_path));
  }
  if (format == Format::kJson) {
    absl::PrintF("%s\n", SummaryJson(report));
  } else {
    PrintSummaryTable(report);
  }
  if (!report.tie_out_ok) {
    return absl::InternalError("the reconciliation does not tie out; nothing was written");
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand ReconcileCommand() {
  return {
      .name = "reconcile",
      .synopsis = "--db DIR FILE.csv [--apply] [--rows OUT.csv|OUT.jsonl] [--format table|json]",
      .brief = "Match the tax bureau's payments file against what each employer owes.",
      .summary =
          "Reads the payments CSV (payment_id,employer_id,paid_date,amount_fen,period,\n"
          "component[,employee_id,tax_receipt_no]) and gives every row one class:\n"
          "matched, partial, overpaid, nothing_owed, period_not_assessed (these are\n"
          "written by --apply, as one atomic batch), already_recorded, conflicting_id,\n"
          "duplicate_in_file, duplicate_receipt, unknown_employer, before_registration,\n"
          "malformed (reported only). What each row settles is R10's allocation on its\n"
          "paid date: principal, late fee, credit. The summary ties out: the file's\n"
          "amount is the sum over classes, and the written rows' amount is what they\n"
          "settled plus credit. A dry run prints the same classes as --apply.",
      .flags = {{"db", "db", "DIR"},
                {"apply", "apply", ""},
                {"rows", "rows", "OUT"},
                {"format", "format", "table|json"},
                kFenFlag,
                kWideFlag,
                kLangFlag},
      .examples = {{"reconcile --db scratch/zhangye payments-2023-07.csv --rows breaks.csv",
                    "a dry run: the summary, and every row with its class in breaks.csv"},
                   {"reconcile --db scratch/zhangye payments-2023-07.csv --apply --format json",
                    "append the applicable rows as one batch; the summary as one JSON line"}},
      .min_args = 1,
      .max_args = 1,
      .run = RunReconcile,
  };
}

}  // namespace ledgerctl
