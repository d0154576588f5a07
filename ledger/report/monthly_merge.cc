#include "ledger/report/monthly_merge.h"

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "ledger/json.h"
#include "ledger/money.h"
#include "ledger/printable.h"
#include "ledger/report/monthly.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

using google::protobuf::FieldDescriptor;

absl::Status SetField(v1::MonthlyDeferralReport& report, const std::string& key,
                      const JsonValue& value) {
  const FieldDescriptor* field = report.GetDescriptor()->FindFieldByName(key);
  if (field == nullptr) return absl::InvalidArgumentError(absl::StrFormat("unknown field \"%s\"", key));
  const google::protobuf::Reflection* reflection = report.GetReflection();
  const bool is_string = field->cpp_type() == FieldDescriptor::CPPTYPE_STRING;
  if (is_string != (value.kind() == JsonValue::Kind::kString) ||
      (!is_string && value.kind() != JsonValue::Kind::kInteger)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: expected %s, got %s", key, is_string ? "a string" : "an integer", value.KindName()));
  }
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(&report, field, value.text());
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      reflection->SetInt64(&report, field, value.integer_value());
      break;
    case FieldDescriptor::CPPTYPE_INT32:
      reflection->SetInt32(&report, field, static_cast<int32_t>(value.integer_value()));
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      reflection->SetUInt32(&report, field, static_cast<uint32_t>(value.integer_value()));
      break;
    default:
      return absl::InvalidArgumentError(absl::StrFormat("%s: unsupported field", key));
  }
  return absl::OkStatus();
}

std::string SumAreas(const std::string& merged, const std::string& more) {
  std::set<std::string> areas = absl::StrSplit(merged, '+', absl::SkipEmpty());
  for (absl::string_view area : absl::StrSplit(more, '+', absl::SkipEmpty())) {
    areas.insert(std::string(area));
  }
  return absl::StrJoin(areas, "+");
}

}  // namespace

absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> ParseMonthlyReports(
    std::string_view contents, std::string_view raw_file_name) {
  // Echoed in every message: escaped, so it cannot forge a line (printable.h).
  const std::string file_name = EscapeForMessage(raw_file_name);
  std::vector<v1::MonthlyDeferralReport> reports;
  int line_number = 0;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(contents.data(), contents.size()), '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    absl::StatusOr<JsonValue> json = ParseJson(std::string_view(line.data(), line.size()));
    if (!json.ok() || json->kind() != JsonValue::Kind::kObject) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s:%d: not a JSON object of `report monthly`%s", file_name, line_number,
          json.ok() ? "" : absl::StrCat(": ", json.status().message())));
    }
    v1::MonthlyDeferralReport report;
    for (const auto& [key, value] : json->members()) {
      if (absl::Status set = SetField(report, key, value); !set.ok()) {
        return absl::InvalidArgumentError(
            absl::StrFormat("%s:%d: %s", file_name, line_number, set.message()));
      }
    }
    if (report.month().empty() || report.pooling_area().empty() || report.policy_id().empty()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s:%d: month, pooling_area and policy_id are required", file_name, line_number));
    }
    for (const std::string* code : {&report.pooling_area(), &report.policy_id()}) {
      if (const std::string bad = FirstUnprintable(*code); !bad.empty()) {
        return absl::InvalidArgumentError(
            absl::StrFormat("%s:%d: \"%s\" contains %s; a code must be printable", file_name,
                            line_number, EscapeForMessage(*code), bad));
      }
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

absl::StatusOr<std::vector<v1::MonthlyDeferralReport>> MergeMonthlyReports(
    const std::vector<v1::MonthlyDeferralReport>& reports) {
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  std::map<std::pair<std::string, std::string>, v1::MonthlyDeferralReport> merged;
  const google::protobuf::Descriptor* descriptor = v1::MonthlyDeferralReport::descriptor();
  const google::protobuf::Reflection* reflection = v1::MonthlyDeferralReport::GetReflection();
  for (const v1::MonthlyDeferralReport& report : reports) {
    if (absl::Status tied = CheckTieOut(report); !tied.ok()) {
      return absl::InvalidArgumentError(tied.message());  // refused input, not our bug
    }
    for (absl::string_view area : absl::StrSplit(report.pooling_area(), '+')) {
      if (!seen.emplace(report.month(), std::string(area), report.policy_id()).second) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "month %s area %s policy %s comes twice: each area's report is merged once",
            report.month(), area, report.policy_id()));
      }
    }
    auto [found, inserted] = merged.try_emplace({report.month(), report.policy_id()}, report);
    if (inserted) continue;
    v1::MonthlyDeferralReport& sum = found->second;
    // Every figure a sum: each int64 field, by reflection, so a figure added
    // to the proto later is summed too.
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_INT64) continue;
      int64_t total = reflection->GetInt64(sum, field);
      if (!AddFen(total, reflection->GetInt64(report, field))) {
        return absl::OutOfRangeError(absl::StrFormat(
            "month %s policy %s: the sum of %s over the areas (%s) is more than the ledger "
            "can hold (9 223 372 036 854 775 807); no merged report is given rather than a "
            "wrong one",
            report.month(), report.policy_id(), field->name(),
            SumAreas(sum.pooling_area(), report.pooling_area())));
      }
      reflection->SetInt64(&sum, field, total);
    }
    sum.set_areas_merged(sum.areas_merged() + report.areas_merged());
    sum.set_pooling_area(SumAreas(sum.pooling_area(), report.pooling_area()));
    if (sum.known_at() != report.known_at()) sum.set_known_at("");
    if (sum.rules_version() != report.rules_version()) sum.set_rules_version(0);
  }
  std::vector<v1::MonthlyDeferralReport> result;
  for (auto& [key, report] : merged) {
    RETURN_IF_ERROR(CheckTieOut(report));
    result.push_back(std::move(report));
  }
  return result;
}

}  // namespace ledger
