// See payments_file.h.
#include "ledger/reconcile/payments_file.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/interchange/csv_reader.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/json.h"
#include "ledger/printable.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

constexpr std::string_view kRequired[] = {"payment_id", "employer_id", "paid_date",
                                          "amount_fen"};

bool IsWholeNumber(std::string_view text) {
  if (text.empty() || text.size() > 19) return false;
  size_t start = text[0] == '-' ? 1 : 0;
  if (start == text.size()) return false;
  for (size_t i = start; i < text.size(); ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

struct Columns {
  size_t payment_id, employer_id, paid_date, amount_fen;
  std::optional<size_t> period, component, employee_id, tax_receipt_no;
};

// The event line of a row, for ParseEventLine; "" with *problem set when a
// cell cannot be put in it as it stands.
std::string EventLine(const std::vector<std::string>& cells, const Columns& columns,
                      std::string* problem) {
  const auto cell = [&](std::optional<size_t> index) -> std::string_view {
    return index.has_value() ? std::string_view(cells[*index]) : std::string_view();
  };
  const std::string_view amount = cells[columns.amount_fen];
  if (!IsWholeNumber(amount)) {
    *problem = absl::StrFormat("amount_fen: \"%s\" is not a whole number of fen",
                               EscapeForMessage(amount));
    return "";
  }
  const std::string_view component = cell(columns.component);
  const bool catch_up = component == "catch_up";
  std::vector<std::string> fields = {
      absl::StrFormat("\"event_id\":%s", JsonQuote(cells[columns.payment_id])),
      absl::StrFormat("\"type\":\"%s\"", catch_up ? "catch_up_paid" : "contribution_paid"),
      absl::StrFormat("\"employer_id\":%s", JsonQuote(cells[columns.employer_id])),
      absl::StrFormat("\"effective_date\":%s", JsonQuote(cells[columns.paid_date])),
      absl::StrFormat("\"amount_fen\":%s", std::string(amount))};
  if (!cell(columns.period).empty()) {
    fields.push_back(absl::StrFormat("\"period\":%s", JsonQuote(cell(columns.period))));
  }
  if (!component.empty() && !catch_up) {
    fields.push_back(absl::StrFormat("\"component\":%s", JsonQuote(component)));
  }
  if (!cell(columns.employee_id).empty()) {
    fields.push_back(
        absl::StrFormat("\"employee_id\":%s", JsonQuote(cell(columns.employee_id))));
  }
  if (!cell(columns.tax_receipt_no).empty()) {
    fields.push_back(
        absl::StrFormat("\"tax_receipt_no\":%s", JsonQuote(cell(columns.tax_receipt_no))));
  }
  return absl::StrFormat("{%s}", absl::StrJoin(fields, ","));
}

}  // namespace

absl::StatusOr<std::vector<PaymentRow>> ParsePaymentsFile(std::string_view text,
                                                          std::string_view file_name) {
  if (const size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
      first != std::string_view::npos && text[first] == '{') {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s:1: this looks like an event file (JSON Lines), not a payments CSV: "
        "`ledgerctl import` takes it",
        EscapeForMessage(file_name)));
  }
  ASSIGN_OR_RETURN(const CsvTable table, ParseCsv(text, file_name));
  std::vector<std::string> missing;
  for (std::string_view name : kRequired) {
    if (!table.Column(name).has_value()) missing.emplace_back(name);
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s:1: the header lacks the column%s %s; a payments file starts with "
        "payment_id,employer_id,paid_date,amount_fen,period,component",
        EscapeForMessage(file_name), missing.size() > 1 ? "s" : "",
        absl::StrJoin(missing, ", ")));
  }
  const Columns columns{*table.Column("payment_id"), *table.Column("employer_id"),
                        *table.Column("paid_date"),  *table.Column("amount_fen"),
                        table.Column("period"),      table.Column("component"),
                        table.Column("employee_id"), table.Column("tax_receipt_no")};
  std::vector<PaymentRow> rows;
  rows.reserve(table.rows.size());
  for (const CsvRow& csv : table.rows) {
    PaymentRow row;
    row.line = csv.line;
    if (csv.cells.size() != table.header.size()) {
      row.problem = absl::StrFormat("%d cells where the header has %d columns",
                                    csv.cells.size(), table.header.size());
      if (!csv.cells.empty()) row.payment_id = csv.cells[0];
      rows.push_back(std::move(row));
      continue;
    }
    row.payment_id = csv.cells[columns.payment_id];
    row.employer_id = csv.cells[columns.employer_id];
    if (columns.tax_receipt_no) row.tax_receipt_no = csv.cells[*columns.tax_receipt_no];
    int64_t amount = 0;
    if (IsWholeNumber(csv.cells[columns.amount_fen]) &&
        absl::SimpleAtoi(csv.cells[columns.amount_fen], &amount)) {
      row.amount_fen = amount;
    }
    const std::string line = EventLine(csv.cells, columns, &row.problem);
    if (!line.empty()) {
      FieldError error;
      absl::StatusOr<v1::Event> event = ParseEventLine(line, &error);
      if (event.ok()) {
        row.event = *std::move(event);
      } else {
        row.problem = error.field.empty()
                          ? std::string(event.status().message())
                          : absl::StrFormat("%s: %s", error.field, error.message);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ledger
