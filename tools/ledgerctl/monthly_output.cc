#include "tools/ledgerctl/monthly_output.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/report/monthly_merge.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/output.h"

namespace ledgerctl {
namespace {

using google::protobuf::FieldDescriptor;
using ledger::v1::MonthlyDeferralReport;

std::string FieldText(const MonthlyDeferralReport& report, const FieldDescriptor* field) {
  const google::protobuf::Reflection* reflection = report.GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return reflection->GetString(report, field);
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(reflection->GetInt64(report, field));
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(reflection->GetInt32(report, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(reflection->GetUInt32(report, field));
    default:
      return "";
  }
}

std::vector<const FieldDescriptor*> Fields() {
  std::vector<const FieldDescriptor*> fields;
  const google::protobuf::Descriptor* descriptor = MonthlyDeferralReport::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) fields.push_back(descriptor->field(i));
  return fields;
}

ColumnKind KindOf(const FieldDescriptor* field) {
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    return field->name() == "known_at" ? ColumnKind::kText : ColumnKind::kId;
  }
  return field->name().ends_with("_fen") ? ColumnKind::kFen : ColumnKind::kCount;
}

// CSV: the report's fields in proto order, but pooling_area first, so that
// the TOTAL rows (one per month and policy that several reports share)
// carry their label there and keep their month.
absl::Status PrintCsv(const std::vector<MonthlyDeferralReport>& reports) {
  std::vector<const FieldDescriptor*> fields = Fields();
  const auto area = std::find_if(fields.begin(), fields.end(), [](const FieldDescriptor* f) {
    return f->name() == "pooling_area";
  });
  if (area != fields.end()) std::rotate(fields.begin(), area, area + 1);
  std::vector<Column> columns;
  for (const FieldDescriptor* field : fields) columns.push_back({field->name(), KindOf(field)});
  TextTable table(columns);
  auto add = [&](const MonthlyDeferralReport& report, RowKind kind) {
    std::vector<std::string> cells;
    for (const FieldDescriptor* field : fields) cells.push_back(FieldText(report, field));
    table.AddRow(std::move(cells), kind);
  };
  for (const MonthlyDeferralReport& report : reports) add(report, RowKind::kData);
  // A TOTAL row for each month and policy that more than one report shares.
  absl::flat_hash_map<std::string, int> reports_per_group;
  auto group = [](const MonthlyDeferralReport& report) {
    return absl::StrCat(report.month(), " ", report.policy_id());
  };
  for (const MonthlyDeferralReport& report : reports) ++reports_per_group[group(report)];
  ASSIGN_OR_RETURN(const std::vector<MonthlyDeferralReport> totals,
                   ledger::MergeMonthlyReports(reports));
  for (const MonthlyDeferralReport& total : totals) {
    if (reports_per_group[group(total)] > 1) add(total, RowKind::kTotal);
  }
  table.PrintCsv(stdout);
  return absl::OkStatus();
}

// Returns a column's header: the area (areas "620700+620702" when merged;
// narrow, "7 areas" past 14 characters) and the policy when they differ.
std::string AreaHeader(const MonthlyDeferralReport& report, bool one_policy, bool wide) {
  std::string area = report.pooling_area();
  if (!wide && area.size() > 14) {
    area = absl::StrCat(std::count(area.begin(), area.end(), '+') + 1, " areas");
  }
  return one_policy ? area : absl::StrCat(area, " ", report.policy_id());
}

void PrintTable(const std::vector<MonthlyDeferralReport>& reports) {
  if (reports.empty()) {
    absl::PrintF("no pooling area with a deferral policy\n");
    return;
  }
  const TableStyle style = TableStyleFromFlags();
  const bool one_policy = std::all_of(reports.begin(), reports.end(), [&](const auto& r) {
    return r.policy_id() == reports[0].policy_id();
  });
  absl::PrintF("monthly deferral report %s%s  known at %s  rules v%d  (amounts in %s)\n",
               reports[0].month(), one_policy ? "  policy " + reports[0].policy_id() : "",
               reports[0].known_at(), reports[0].rules_version(), style.fen ? "fen" : "yuan");
  std::vector<Column> columns = {{"figure"}};
  for (const MonthlyDeferralReport& report : reports) {
    columns.push_back({AreaHeader(report, one_policy, style.wide), ColumnKind::kCount});
  }
  TextTable table(columns);
  const google::protobuf::Reflection* reflection = MonthlyDeferralReport::GetReflection();
  for (const FieldDescriptor* field : Fields()) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_INT64) continue;
    std::string label = field->name();
    const bool amount = label.ends_with("_fen");
    if (amount && !style.fen) label.resize(label.size() - 4);
    std::vector<std::string> cells = {label};
    for (const MonthlyDeferralReport& report : reports) {
      cells.push_back(amount ? AmountText(reflection->GetInt64(report, field), style)
                             : FieldText(report, field));
    }
    table.AddRow(std::move(cells));
  }
  table.PrintAligned(stdout, style);
  absl::PrintF("tie-out (R13): outstanding = opening + newly covered - voided + reallocated + "
               "newly assessed - settled, checked for each column\n");
}

}  // namespace

absl::Status PrintMonthlyReports(const std::vector<MonthlyDeferralReport>& reports,
                                 Format format) {
  switch (format) {
    case Format::kJson:
      for (const MonthlyDeferralReport& report : reports) {
        absl::PrintF("%s\n", ledger::ProtoToJson(report));
      }
      return absl::OkStatus();
    case Format::kCsv:
      return PrintCsv(reports);
    case Format::kTable:
      PrintTable(reports);
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace ledgerctl
