#include "tools/ledgerctl/balance_output.h"

#include <cstdio>

#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/money.h"

namespace ledgerctl {
namespace {

using K = ColumnKind;

// owed --employer and clearance, table and csv: one row per obligation row.
// The csv adds employer_id and name in front and, filled in its TOTAL row
// only, the figures that exist per employer.
constexpr size_t kRowLeadColumns = 2;     // employer_id, name: csv only
constexpr size_t kRowTotalsColumns = 5;   // overdue_fen ... next_due_fen: csv only
const std::vector<Column>& RowColumns() {
  static const std::vector<Column> columns = {
      {"employer_id", K::kId},        {"name", K::kText},
      {"period", K::kId},             {"component", K::kText},
      {"employee_id", K::kId},        {"principal_fen", K::kFen},
      {"paid_fen", K::kFen},          {"outstanding_fen", K::kFen},
      {"original_due_date", K::kText}, {"due_date", K::kText},
      {"deferred", K::kText},         {"late_fee_fen", K::kFen},
      {"late_fee_paid_fen", K::kFen}, {"late_fee_waived_fen", K::kFen},
      {"overdue_fen", K::kFen},       {"late_fee_outstanding_fen", K::kFen},
      {"credit_fen", K::kFen},        {"next_due_date", K::kText},
      {"next_due_fen", K::kFen}};
  return columns;
}

std::string Fen(int64_t amount_fen) { return absl::StrFormat("%d", amount_fen); }

std::vector<std::string> RowCells(const ledger::v1::EmployerBalance& balance,
                                  const ledger::v1::Obligation& row) {
  return {balance.employer_id(), balance.name(), row.period(), row.component(),
          row.employee_id(), Fen(row.principal_fen()), Fen(row.paid_fen()),
          Fen(row.outstanding_fen()), row.original_due_date(), row.due_date(),
          row.deferred() ? "yes" : "no", Fen(row.late_fee_fen()),
          Fen(row.late_fee_paid_fen()), Fen(row.late_fee_waived_fen())};
}

std::string NextDueDate(const ledger::v1::EmployerBalance& balance) {
  return balance.has_next_due() ? balance.next_due().date() : "";
}
std::string NextDueFen(const ledger::v1::EmployerBalance& balance) {
  return balance.has_next_due() ? Fen(balance.next_due().amount_fen()) : "";
}

std::vector<std::string> TotalCells(const ledger::v1::EmployerBalance& balance) {
  const ledger::v1::BalanceTotals& t = balance.totals();
  return {kTotalLabel, balance.name(), "", "", "", Fen(t.principal_fen()), Fen(t.paid_fen()),
          Fen(t.outstanding_fen()), "", "", "", Fen(t.late_fee_fen()),
          Fen(t.late_fee_paid_fen()), Fen(t.late_fee_waived_fen()), Fen(t.overdue_fen()),
          Fen(t.late_fee_outstanding_fen()), Fen(balance.credit_fen()), NextDueDate(balance),
          NextDueFen(balance)};
}

std::string NextDueText(const ledger::v1::EmployerBalance& balance) {
  if (!balance.has_next_due()) return "-";
  return absl::StrFormat("%s %d", balance.next_due().date(), balance.next_due().amount_fen());
}

void PrintBalanceTable(const ledger::v1::EmployerBalance& balance) {
  absl::PrintF("employer %s  as of %s  known at %s  rules v%d\n", balance.employer_id(),
               balance.as_of(), balance.known_at(), balance.rules_version());
  const std::vector<Column>& all = RowColumns();
  TextTable table(std::vector<Column>(all.begin() + kRowLeadColumns,
                                      all.end() - kRowTotalsColumns));
  for (const ledger::v1::Obligation& row : balance.obligations()) {
    std::vector<std::string> cells = RowCells(balance, row);
    cells.erase(cells.begin(), cells.begin() + kRowLeadColumns);
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

void PrintBalanceCsv(const ledger::v1::EmployerBalance& balance) {
  CsvWriter csv(stdout, RowColumns());
  for (const ledger::v1::Obligation& row : balance.obligations()) {
    csv.WriteRow(RowCells(balance, row));
  }
  csv.WriteRow(TotalCells(balance), RowKind::kTotal);
}

// owed --all, table and csv: one row per employer, then a TOTAL row. The
// table leaves out name and late_fee_paid_fen to stay narrow.
const std::vector<Column>& SummaryColumns() {
  static const std::vector<Column> columns = {
      {"employer_id", K::kId},       {"name", K::kText},
      {"principal_fen", K::kFen},    {"paid_fen", K::kFen},
      {"outstanding_fen", K::kFen},  {"overdue_fen", K::kFen},
      {"late_fee_fen", K::kFen},     {"late_fee_paid_fen", K::kFen},
      {"late_fee_outstanding_fen", K::kFen}, {"late_fee_waived_fen", K::kFen},
      {"credit_fen", K::kFen},       {"next_due_date", K::kText},
      {"next_due_fen", K::kFen}};
  return columns;
}

std::vector<int64_t> SummaryFigures(const ledger::v1::EmployerBalance& balance) {
  const ledger::v1::BalanceTotals& t = balance.totals();
  return {t.principal_fen(),  t.paid_fen(),
          t.outstanding_fen(), t.overdue_fen(),
          t.late_fee_fen(),    t.late_fee_paid_fen(),
          t.late_fee_outstanding_fen(), t.late_fee_waived_fen(),
          balance.credit_fen()};
}

}  // namespace

void PrintBalance(const ledger::v1::EmployerBalance& balance, Format format) {
  switch (format) {
    case Format::kJson:
      absl::PrintF("%s\n", ledger::ProtoToJson(balance));
      break;
    case Format::kCsv:
      PrintBalanceCsv(balance);
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

BalanceStream::BalanceStream(Format format)
    : format_(format),
      summary_({SummaryColumns()[0], SummaryColumns()[2], SummaryColumns()[3],
                SummaryColumns()[4], SummaryColumns()[5], SummaryColumns()[6],
                SummaryColumns()[8], SummaryColumns()[9], SummaryColumns()[10],
                {"next_due", K::kText}}),
      totals_fen_(SummaryFigures(ledger::v1::EmployerBalance()).size(), 0) {
  if (format_ == Format::kCsv) csv_ = std::make_unique<CsvWriter>(stdout, SummaryColumns());
}

BalanceStream::~BalanceStream() = default;

absl::Status BalanceStream::Finish() {
  if (totals_overflowed_) {
    return absl::OutOfRangeError(
        "the TOTAL row's sums over every employer do not fit int64 fen; the rows "
        "above are right, add them up in 128 bits or per area (--format json)");
  }
  std::vector<std::string> sums;
  for (const int64_t sum_fen : totals_fen_) sums.push_back(Fen(sum_fen));
  if (format_ == Format::kCsv) {
    std::vector<std::string> cells = {kTotalLabel, ""};
    cells.insert(cells.end(), sums.begin(), sums.end());
    csv_->WriteRow(cells, RowKind::kTotal);
  } else if (format_ == Format::kTable) {
    summary_.AddRow({kTotalLabel, sums[0], sums[1], sums[2], sums[3], sums[4], sums[6],
                     sums[7], sums[8], ""},
                    RowKind::kTotal);
    summary_.PrintAligned(stdout);
  }
  return absl::OkStatus();
}

void BalanceStream::Add(const ledger::v1::EmployerBalance& balance) {
  const std::vector<int64_t> figures = SummaryFigures(balance);
  for (size_t i = 0; i < figures.size(); ++i) {
    totals_overflowed_ |= !ledger::AddFen(totals_fen_[i], figures[i]);
  }
  switch (format_) {
    case Format::kJson:
      absl::PrintF("%s\n", ledger::ProtoToJson(balance));
      break;
    case Format::kCsv: {
      std::vector<std::string> cells = {balance.employer_id(), balance.name()};
      for (int64_t figure : figures) cells.push_back(Fen(figure));
      cells.push_back(NextDueDate(balance));
      cells.push_back(NextDueFen(balance));
      csv_->WriteRow(cells);
      break;
    }
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
