#include "tools/ledgerctl/balance_output.h"

#include <cstdio>

#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/interchange/proto_json.h"

namespace ledgerctl {
namespace {

const std::vector<std::string>& RowHeaders() {
  static const std::vector<std::string> headers = {
      "employer_id", "period", "component", "employee_id", "principal_fen", "paid_fen",
      "outstanding_fen", "original_due_date", "due_date", "deferred", "late_fee_fen",
      "late_fee_paid_fen", "late_fee_waived_fen"};
  return headers;
}

void PrintCsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line.push_back(',');
    line += CsvCell(cells[i]);
  }
  line.push_back('\n');
  std::fputs(line.c_str(), stdout);
}

std::string Fen(int64_t amount_fen) { return absl::StrFormat("%d", amount_fen); }

std::vector<std::string> RowCells(const ledger::v1::EmployerBalance& balance,
                                  const ledger::v1::Obligation& row) {
  return {balance.employer_id(), row.period(), row.component(), row.employee_id(),
          Fen(row.principal_fen()), Fen(row.paid_fen()), Fen(row.outstanding_fen()),
          row.original_due_date(), row.due_date(), row.deferred() ? "yes" : "no",
          Fen(row.late_fee_fen()), Fen(row.late_fee_paid_fen()),
          Fen(row.late_fee_waived_fen())};
}

std::string NextDueText(const ledger::v1::EmployerBalance& balance) {
  if (!balance.has_next_due()) return "-";
  return absl::StrFormat("%s %d", balance.next_due().date(), balance.next_due().amount_fen());
}

void PrintBalanceTable(const ledger::v1::EmployerBalance& balance) {
  absl::PrintF("employer %s  as of %s  known at %s  rules v%d\n", balance.employer_id(),
               balance.as_of(), balance.known_at(), balance.rules_version());
  std::vector<std::string> headers(RowHeaders().begin() + 1, RowHeaders().end());
  TextTable table(headers);
  for (const ledger::v1::Obligation& row : balance.obligations()) {
    std::vector<std::string> cells = RowCells(balance, row);
    cells.erase(cells.begin());
    table.AddRow(std::move(cells));
  }
  table.PrintAligned(stdout);
  const ledger::v1::BalanceTotals& totals = balance.totals();
  absl::PrintF(
      "totals: principal %d, paid %d, outstanding %d (overdue %d); late fee %d, paid %d, "
      "outstanding %d; waived %d; credit %d; next due %s (fen)\n",
      totals.principal_fen(), totals.paid_fen(), totals.outstanding_fen(),
      totals.overdue_fen(), totals.late_fee_fen(), totals.late_fee_paid_fen(),
      totals.late_fee_outstanding_fen(), totals.late_fee_waived_fen(), balance.credit_fen(),
      NextDueText(balance));
}

const std::vector<std::string>& SummaryHeaders() {
  static const std::vector<std::string> headers = {
      "employer_id", "principal_fen", "paid_fen", "outstanding_fen", "overdue_fen",
      "late_fee_fen", "late_fee_outstanding_fen", "late_fee_waived_fen", "credit_fen",
      "next_due"};
  return headers;
}

}  // namespace

void PrintBalance(const ledger::v1::EmployerBalance& balance, Format format) {
  switch (format) {
    case Format::kJson:
      absl::PrintF("%s\n", ledger::ProtoToJson(balance, /*indent=*/2));
      break;
    case Format::kCsv:
      PrintCsvLine(RowHeaders());
      for (const ledger::v1::Obligation& row : balance.obligations()) {
        PrintCsvLine(RowCells(balance, row));
      }
      break;
    case Format::kTable:
      PrintBalanceTable(balance);
      break;
  }
}

absl::Status EmployerNotInView(std::string_view employer_id, const ledger::OwedQuery& query) {
  return absl::NotFoundError(absl::StrFormat(
      "employer \"%s\" is not registered in the ledger as of %s as known at %s", employer_id,
      ledger::FormatDate(query.as_of),
      ledger::FormatTimestamp(ledger::FromMicros(query.known_at_us))));
}

absl::StatusOr<absl::CivilDay> RequiredDateFlag(std::string_view flag_name,
                                                std::string_view value) {
  if (value.empty()) return UsageError(absl::StrFormat("--%s YYYY-MM-DD is required", flag_name));
  absl::StatusOr<absl::CivilDay> day = ledger::ParseDate(value);
  if (!day.ok()) {
    return UsageError(absl::StrFormat("--%s: %s", flag_name, std::string(day.status().message())));
  }
  return *day;
}

BalanceStream::BalanceStream(Format format) : format_(format), summary_(SummaryHeaders()) {}

BalanceStream::~BalanceStream() {
  if (format_ == Format::kTable) summary_.PrintAligned(stdout);
}

void BalanceStream::Add(const ledger::v1::EmployerBalance& balance) {
  switch (format_) {
    case Format::kJson:
      absl::PrintF("%s\n", ledger::ProtoToJson(balance));
      break;
    case Format::kCsv:
      if (!header_printed_) PrintCsvLine(RowHeaders());
      header_printed_ = true;
      for (const ledger::v1::Obligation& row : balance.obligations()) {
        PrintCsvLine(RowCells(balance, row));
      }
      break;
    case Format::kTable: {
      const ledger::v1::BalanceTotals& totals = balance.totals();
      summary_.AddRow({balance.employer_id(), Fen(totals.principal_fen()), Fen(totals.paid_fen()),
                       Fen(totals.outstanding_fen()), Fen(totals.overdue_fen()),
                       Fen(totals.late_fee_fen()), Fen(totals.late_fee_outstanding_fen()),
                       Fen(totals.late_fee_waived_fen()), Fen(balance.credit_fen()),
                       NextDueText(balance)});
      break;
    }
  }
}

}  // namespace ledgerctl
