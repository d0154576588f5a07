#include "tools/ledgerctl/balance_output.h"

#include <algorithm>
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
      {"original_due_date", K::kText, /*wide_only=*/true}, {"due_date", K::kText},
      {"deferred", K::kText},         {"late_fee_fen", K::kFen},
      {"late_fee_paid_fen", K::kFen, /*wide_only=*/true}, {"late_fee_waived_fen", K::kFen},
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

std::string NextDueText(const ledger::v1::EmployerBalance& balance, const TableStyle& style) {
  if (!balance.has_next_due()) return "-";
  return absl::StrFormat("%s %s", balance.next_due().date(),
                         AmountText(balance.next_due().amount_fen(), style));
}

// "employer 9137... 济南泉城云智软件有限公司  as of ...", the line above a
// per-employer table.
std::string EmployerLine(const ledger::v1::EmployerBalance& balance) {
  return absl::StrFormat("employer %s %s  as of %s  known at %s  rules v%d\n",
                         balance.employer_id(), balance.name(), balance.as_of(),
                         balance.known_at(), balance.rules_version());
}

void PrintBalanceTable(const ledger::v1::EmployerBalance& balance) {
  const TableStyle style = TableStyleFromFlags();
  std::fputs(EmployerLine(balance).c_str(), stdout);
  const std::vector<Column>& all = RowColumns();
  TextTable table(std::vector<Column>(all.begin() + kRowLeadColumns,
                                      all.end() - kRowTotalsColumns));
  for (const ledger::v1::Obligation& row : balance.obligations()) {
    std::vector<std::string> cells = RowCells(balance, row);
    cells.erase(cells.begin(), cells.begin() + kRowLeadColumns);
    table.AddRow(std::move(cells));
  }
  table.PrintAligned(stdout, style);
  const ledger::v1::BalanceTotals& totals = balance.totals();
  auto amount = [&style](int64_t fen) { return AmountText(fen, style); };
  absl::PrintF(
      "totals (%s): principal %s, paid %s, outstanding %s (overdue %s); late fee %s, paid %s, "
      "outstanding %s; waived %s; credit %s; next due %s\n",
      style.fen ? "fen" : "yuan", amount(totals.principal_fen()), amount(totals.paid_fen()),
      amount(totals.outstanding_fen()), amount(totals.overdue_fen()),
      amount(totals.late_fee_fen()), amount(totals.late_fee_paid_fen()),
      amount(totals.late_fee_outstanding_fen()), amount(totals.late_fee_waived_fen()),
      amount(balance.credit_fen()), NextDueText(balance, style));
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

absl::Status EmployerNotInView(std::string_view employer_id, const ledger::OwedQuery& query,
                               std::span<const ledger::v1::Event* const> events) {
  const std::string as_of = ledger::FormatDate(query.as_of);
  const std::string known_at = ledger::FormatTimestamp(ledger::FromMicros(query.known_at_us));
  const auto registration = std::find_if(events.begin(), events.end(), [](const auto* event) {
    return event->has_employer_registered();
  });
  if (events.empty()) {
    return absl::NotFoundError(absl::StrFormat(
        "employer \"%s\" is not in the ledger: no event names it (check the id)", employer_id));
  }
  if (registration != events.end()) {
    const ledger::v1::Event& event = **registration;
    const std::string registered_on =
        ledger::FormatDate(ledger::DecodeDate(event.effective_date_yyyymmdd()));
    const std::string recorded_at =
        ledger::FormatTimestamp(ledger::FromMicros(event.recorded_at_us()));
    if (event.recorded_at_us() > query.known_at_us) {
      return absl::NotFoundError(absl::StrFormat(
          "employer \"%s\" is not registered as known at %s: its registration (%s, "
          "registered on %s) was recorded at %s; give a later --known-at",
          employer_id, known_at, event.event_id(), registered_on, recorded_at));
    }
    if (ledger::DecodeDate(event.effective_date_yyyymmdd()) > query.as_of) {
      return absl::NotFoundError(absl::StrFormat(
          "employer \"%s\" is not registered as of %s: it was registered on %s (%s); give "
          "--as-of %s or later",
          employer_id, as_of, registered_on, event.event_id(), registered_on));
    }
  }
  return absl::NotFoundError(absl::StrFormat(
      "employer \"%s\" is not registered in the ledger as of %s as known at %s", employer_id,
      as_of, known_at));
}

absl::Status EmployerNotInView(std::string_view employer_id, const ledger::OwedQuery& query,
                               const std::vector<ledger::v1::Event>& events) {
  std::vector<const ledger::v1::Event*> pointers;
  for (const ledger::v1::Event& event : events) pointers.push_back(&event);
  return EmployerNotInView(employer_id, query, pointers);
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

// The owed --all table: SummaryColumns without late_fee_paid_fen, next due
// as one cell; narrow, the figures a collections officer works from.
std::vector<Column> SummaryTableColumns() {
  return {{"employer_id", K::kId},
          {"name", K::kText},
          {"principal_fen", K::kFen, /*wide_only=*/true},
          {"paid_fen", K::kFen, /*wide_only=*/true},
          {"outstanding_fen", K::kFen},
          {"overdue_fen", K::kFen},
          {"late_fee_fen", K::kFen, /*wide_only=*/true},
          {"late_fee_outstanding_fen", K::kFen},
          {"late_fee_waived_fen", K::kFen, /*wide_only=*/true},
          {"credit_fen", K::kFen},
          {"next_due", K::kText}};
}
// A name longer than this is cut in a narrow owed --all table.
constexpr size_t kNameWidthNarrow = 20;

// Returns the owed --all table cells from the summary figures (their order:
// SummaryFigures), without late_fee_paid_fen.
std::vector<std::string> SummaryTableCells(std::string id, std::string name,
                                           const std::vector<std::string>& figures,
                                           std::string next_due) {
  std::vector<std::string> cells = {std::move(id), std::move(name)};
  for (size_t i = 0; i < figures.size(); ++i) {
    if (i != 5) cells.push_back(figures[i]);  // 5: late_fee_paid_fen
  }
  cells.push_back(std::move(next_due));
  return cells;
}

BalanceStream::BalanceStream(Format format)
    : format_(format),
      style_(TableStyleFromFlags()),
      summary_(SummaryTableColumns()),
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
    summary_.AddRow(SummaryTableCells(kTotalLabel, "", sums, ""), RowKind::kTotal);
    summary_.PrintAligned(stdout, style_);
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
      std::vector<std::string> cells;
      for (int64_t figure : figures) cells.push_back(Fen(figure));
      summary_.AddRow(SummaryTableCells(
          balance.employer_id(),
          style_.wide ? balance.name() : CutToWidth(balance.name(), kNameWidthNarrow), cells,
          NextDueText(balance, style_)));
      break;
    }
  }
}

}  // namespace ledgerctl
