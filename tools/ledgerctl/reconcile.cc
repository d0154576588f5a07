// ledgerctl reconcile --db DIR FILE.csv [--apply] [--rows OUT.csv|OUT.jsonl]
// [--encoding utf-8|gb18030] [--expected-period P]: the tax bureau's payments
// file against what each employer owes (ledger/reconcile). Prints the
// summary; --rows writes one record per file row with its class and what it
// settled, then one `unpaid` record per employer owing P with no row.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/dates.h"
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

ABSL_FLAG(std::string, encoding, "utf-8",
          "The file's encoding: utf-8 (with or without a BOM) or gb18030 (Excel on a "
          "Chinese Windows).");
ABSL_FLAG(std::string, expected_period, "",
          "A period YYYY-MM: also list the employers that owe its principal, due on or "
          "before the file's last paid date, and have no row in the file (unpaid).");

namespace ledgerctl {
namespace {

using ledger::ClassTotal;
using ledger::PaymentClass;
using ledger::ReconciledRow;
using ledger::ReconcileReport;

std::string RunAppliedAt(const ledger::v1::ReconcileRun& run) {
  return ledger::FormatTimestamp(ledger::FromMicros(run.applied_at_us()));
}

// One recorded run: when, its sequences and its counts per class.
std::string RunJson(const ledger::v1::ReconcileRun& run) {
  std::string classes;
  for (const ledger::v1::ReconcileClassCount& count : run.classes()) {
    absl::StrAppendFormat(&classes, "%s%s:{\"rows\":%d,\"amount_fen\":%d}",
                          classes.empty() ? "" : ",", ledger::JsonQuote(count.payment_class()),
                          count.rows(), count.amount_fen());
  }
  return absl::StrFormat(
      "{\"run\":%d,\"file\":%s,\"applied_at\":\"%s\",\"first_sequence\":%d,"
      "\"last_sequence\":%d,\"appended\":%d,\"rows\":%d,\"amount_fen\":%d,"
      "\"classes\":{%s}}",
      run.run(), ledger::JsonQuote(run.file()), RunAppliedAt(run), run.first_sequence(),
      run.last_sequence(), run.appended(), run.rows(), run.amount_fen(), classes);
}

// "matched 3, partial 1, ..." over the classes with rows.
std::string RunCounts(const ledger::v1::ReconcileRun& run) {
  std::vector<std::string> counts;
  for (const ledger::v1::ReconcileClassCount& count : run.classes()) {
    if (count.rows() > 0) counts.push_back(absl::StrFormat("%s %d", count.payment_class(), count.rows()));
  }
  return counts.empty() ? std::string("no rows") : absl::StrJoin(counts, ", ");
}

std::string SummaryJson(const ReconcileReport& report) {
  std::string classes;
  for (size_t i = 0; i < ledger::kPaymentClasses; ++i) {
    const ClassTotal& total = report.classes[i];
    absl::StrAppendFormat(&classes, "%s%s:{\"rows\":%d,\"amount_fen\":%d}", i == 0 ? "" : ",",
                          ledger::JsonQuote(ledger::PaymentClassName(static_cast<PaymentClass>(i))),
                          total.rows, total.amount_fen);
  }
  std::string runs;
  for (const ledger::v1::ReconcileRun& run : report.earlier_runs) {
    absl::StrAppendFormat(&runs, "%s%s", runs.empty() ? "" : ",", RunJson(run));
  }
  std::string unpaid;
  if (report.expected_period) {
    std::string employers;
    for (const ledger::UnpaidEmployer& employer : report.unpaid) {
      absl::StrAppendFormat(&employers,
                            "%s{\"employer_id\":%s,\"name\":%s,\"amount_fen\":%d,"
                            "\"due_date\":\"%s\"}",
                            employers.empty() ? "" : ",", ledger::JsonQuote(employer.employer_id),
                            ledger::JsonQuote(employer.name), employer.amount_fen,
                            ledger::FormatDate(employer.due_date));
    }
    unpaid = absl::StrFormat(
        ",\"expected_period\":\"%s\",\"unpaid\":{\"employers\":%d,\"amount_fen\":%d,"
        "\"list\":[%s]}",
        ledger::FormatMonth(*report.expected_period), report.unpaid.size(), report.unpaid_fen,
        employers);
  }
  return absl::StrFormat(
      "{\"file\":%s,\"sha256\":\"%s\",\"rows\":%d,\"amount_fen\":%d,\"applied\":%s,"
      "\"classes\":{%s},\"settled_principal_fen\":%d,\"settled_late_fee_fen\":%d,"
      "\"credit_fen\":%d,\"tie_out_ok\":%s,\"tie_out_problem\":%s,\"run\":%d,"
      "\"first_sequence\":%d,\"last_sequence\":%d,\"earlier_runs\":[%s]%s}",
      ledger::JsonQuote(report.file), report.sha256_hex, report.rows, report.amount_fen,
      report.applied ? "true" : "false", classes, report.settled_principal_fen,
      report.settled_late_fee_fen, report.credit_fen, report.tie_out_ok ? "true" : "false",
      report.tie_out_ok ? "null" : ledger::JsonQuote(report.tie_out_problem), report.run,
      report.first_sequence, report.last_sequence, runs, unpaid);
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
  if (!report.tie_out_ok) absl::PrintF("tie-out broken: %s\n", report.tie_out_problem);
  if (report.expected_period) {
    absl::PrintF("unpaid for %s (owed by %s, no row in the file): %d employers, %s yuan\n",
                 ledger::FormatMonth(*report.expected_period),
                 report.last_paid_date ? ledger::FormatDate(*report.last_paid_date)
                                       : std::string("the file's last paid date"),
                 report.unpaid.size(), YuanText(report.unpaid_fen));
    for (const ledger::UnpaidEmployer& employer : report.unpaid) {
      absl::PrintF("  %s %s: %s yuan due %s\n", employer.employer_id, employer.name,
                   YuanText(employer.amount_fen), ledger::FormatDate(employer.due_date));
    }
  }
  for (const ledger::v1::ReconcileRun& run : report.earlier_runs) {
    absl::PrintF("already applied: this file (sha256 %s) was applied as run %d at %s: "
                 "%d events written%s; %s\n",
                 report.sha256_hex, run.run(), RunAppliedAt(run), run.appended(),
                 run.appended() > 0
                     ? absl::StrFormat(", sequences %d..%d", run.first_sequence(),
                                       run.last_sequence())
                     : std::string(),
                 RunCounts(run));
  }
  if (report.applied) {
    absl::PrintF("applied as run %d: %s\n", report.run,
                 report.first_sequence == 0
                     ? std::string("no new events")
                     : absl::StrFormat("sequences %d..%d", report.first_sequence,
                                       report.last_sequence));
  } else if (!report.earlier_runs.empty()) {
    absl::PrintF("nothing new to write: every applicable row is already recorded\n");
  } else {
    absl::PrintF("dry run: nothing written (give --apply to append the applicable rows)\n");
  }
}

std::string UnpaidMessage(const ReconcileReport& report, const ledger::UnpaidEmployer& employer) {
  return absl::StrFormat("employer %s owes %d fen principal for %s, due %s, and has no row in "
                         "this file",
                         employer.employer_id, employer.amount_fen,
                         ledger::FormatMonth(*report.expected_period),
                         ledger::FormatDate(employer.due_date));
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
    for (const ledger::UnpaidEmployer& employer : report.unpaid) {
      csv.WriteRow({"", "", employer.employer_id, absl::StrCat(employer.amount_fen), "unpaid",
                    "0", "0", "0", UnpaidMessage(report, employer)});
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
    for (const ledger::UnpaidEmployer& employer : report.unpaid) {
      absl::FPrintF(out,
                    "{\"line\":null,\"payment_id\":null,\"employer_id\":%s,\"amount_fen\":%d,"
                    "\"class\":\"unpaid\",\"settled_principal_fen\":0,"
                    "\"settled_late_fee_fen\":0,\"credit_fen\":0,\"message\":%s}\n",
                    ledger::JsonQuote(employer.employer_id), employer.amount_fen,
                    ledger::JsonQuote(UnpaidMessage(report, employer)));
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
  ledger::ReconcileOptions options{.apply = apply, .now_us = NowMicros()};
  if (const std::string encoding = absl::GetFlag(FLAGS_encoding); encoding == "gb18030") {
    options.encoding = ledger::FileEncoding::kGb18030;
  } else if (encoding != "utf-8") {
    return UsageError(absl::StrFormat("--encoding %s: expected utf-8 or gb18030", encoding));
  }
  if (const std::string period = absl::GetFlag(FLAGS_expected_period); !period.empty()) {
    const absl::StatusOr<absl::CivilMonth> month = ledger::ParseMonth(period);
    if (!month.ok()) {
      return UsageError(absl::StrFormat("--expected-period %s: expected a period YYYY-MM",
                                        period));
    }
    options.expected_period = *month;
  }
  ASSIGN_OR_RETURN(const std::string contents, ReadInputFile(args[0]));
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, apply ? ledger::OpenMode::kReadWrite : ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules rules, LoadLatestRules(*store));
  ASSIGN_OR_RETURN(const ReconcileReport report,
                   ledger::Reconcile(*store, rules, args[0], contents, options));
  if (const std::string rows_path = absl::GetFlag(FLAGS_rows); !rows_path.empty()) {
    RETURN_IF_ERROR(WriteRows(report, rows_path));
  }
  if (format == Format::kJson) {
    absl::PrintF("%s\n", SummaryJson(report));
  } else {
    PrintSummaryTable(report);
  }
  if (!report.tie_out_ok) {
    return absl::InternalError(absl::StrFormat(
        "the reconciliation does not tie out (%s); nothing was written", report.tie_out_problem));
  }
  return absl::OkStatus();
}

}  // namespace

Subcommand ReconcileCommand() {
  return {
      .name = "reconcile",
      .synopsis = "--db DIR FILE.csv [--apply] [--rows OUT.csv|OUT.jsonl] [--encoding utf-8|gb18030]"
                  " [--expected-period P] [--format table|json]",
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
          "settled plus credit, and per employer its outstanding principal after\n"
          "the file is what it was before minus what its rows settled. A dry run\n"
          "prints the same classes as --apply. An applied run is recorded in the\n"
          "ledger with its counts, by the file's sha256: applying the same file\n"
          "again writes nothing and says when it was applied. --expected-period P\n"
          "lists the employers owing P's principal, due by the file's last paid\n"
          "date, that have no row in the file (unpaid). --encoding gb18030 reads a\n"
          "file saved by Excel on a Chinese Windows.",
      .flags = {{"db", "db", "DIR"},
                {"apply", "apply", ""},
                {"rows", "rows", "OUT"},
                {"encoding", "encoding", "utf-8|gb18030"},
                {"expected-period", "expected_period", "P"},
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
