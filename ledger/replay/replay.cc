#include "ledger/replay/replay.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/message_differencer.h"
#include "ledger/dates.h"
#include "ledger/domain/decisions.h"
#include "ledger/domain/employer_summary.h"
#include "ledger/money.h"
#include "ledger/query/owed.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

using google::protobuf::FieldDescriptor;

v1::ReplayFigures FiguresOf(const v1::EmployerBalance& balance) {
  v1::ReplayFigures figures;
  *figures.mutable_totals() = balance.totals();
  figures.set_credit_fen(balance.credit_fen());
  if (balance.has_next_due()) *figures.mutable_next_due() = balance.next_due();
  return figures;
}

// Returns the names of the Obligation fields (provenance aside) that differ.
std::vector<std::string> DifferingFields(const v1::Obligation& before,
                                         const v1::Obligation& after) {
  std::vector<std::string> fields;
  const auto* type = v1::Obligation::descriptor();
  const auto* reflection = v1::Obligation::GetReflection();
  for (int f = 0; f < type->field_count(); ++f) {
    const FieldDescriptor* field = type->field(f);
    if (field->type() == FieldDescriptor::TYPE_MESSAGE) continue;  // provenance
    bool same = true;
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT64:
        same = reflection->GetInt64(before, field) == reflection->GetInt64(after, field);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        same = reflection->GetBool(before, field) == reflection->GetBool(after, field);
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        same = reflection->GetString(before, field) == reflection->GetString(after, field);
        break;
      default:
        LEDGER_CHECK(false, "Obligation holds only int64, bool and string fields");
    }
    if (!same) fields.push_back(field->name());
  }
  return fields;
}

// A row's identity across the two folds: (period, component, employee_id)
// and its rank among the rows with that key (a due date may move).
using RowKey = std::tuple<std::string, std::string, std::string, int>;

std::map<RowKey, const v1::Obligation*> RowsByKey(const v1::EmployerBalance& balance) {
  std::map<RowKey, const v1::Obligation*> rows;
  std::map<std::tuple<std::string, std::string, std::string>, int> ranks;
  for (const v1::Obligation& row : balance.obligations()) {
    const int rank = ranks[{row.period(), row.component(), row.employee_id()}]++;
    rows[{row.period(), row.component(), row.employee_id(), rank}] = &row;
  }
  return rows;
}

void AddRowChanges(const v1::EmployerBalance& before, const v1::EmployerBalance& after,
                   v1::EmployerReplay& replay) {
  const auto rows_before = RowsByKey(before);
  const auto rows_after = RowsByKey(after);
  std::map<RowKey, std::pair<const v1::Obligation*, const v1::Obligation*>> joined;
  for (const auto& [key, row] : rows_before) joined[key].first = row;
  for (const auto& [key, row] : rows_after) joined[key].second = row;
  for (const auto& [key, pair] : joined) {
    const auto& [row_before, row_after] = pair;
    std::vector<std::string> fields;
    if (row_before == nullptr || row_after == nullptr) {
      fields.push_back("row");
    } else {
      fields = DifferingFields(*row_before, *row_after);
      if (fields.empty()) continue;
    }
    v1::ReplayRowChange& change = *replay.add_rows_changed();
    change.set_period(std::get<0>(key));
    change.set_component(std::get<1>(key));
    change.set_employee_id(std::get<2>(key));
    for (std::string& field : fields) change.add_fields(std::move(field));
    if (row_before != nullptr) *change.mutable_before() = *row_before;
    if (row_after != nullptr) *change.mutable_after() = *row_after;
    change.mutable_before()->clear_provenance();
    change.mutable_after()->clear_provenance();
    if (row_before == nullptr) change.clear_before();
    if (row_after == nullptr) change.clear_after();
  }
}

// Adds every BalanceTotals field and credit_fen of `figures` to `totals`
// (created in field order on first use); false when a sum overflows.
[[nodiscard]] bool AddTotals(const v1::ReplayFigures& before, const v1::ReplayFigures& after,
                             google::protobuf::RepeatedPtrField<v1::ReplayTotal>& totals) {
  const auto* type = v1::BalanceTotals::descriptor();
  const auto* reflection = v1::BalanceTotals::GetReflection();
  if (totals.empty()) {
    for (int f = 0; f < type->field_count(); ++f) totals.Add()->set_field(type->field(f)->name());
    totals.Add()->set_field("credit_fen");
  }
  bool ok = true;
  for (int f = 0; f < type->field_count(); ++f) {
    v1::ReplayTotal& total = totals[f];
    int64_t sum_before = total.before(), sum_after = total.after();
    ok &= AddFen(sum_before, reflection->GetInt64(before.totals(), type->field(f)));
    ok &= AddFen(sum_after, reflection->GetInt64(after.totals(), type->field(f)));
    total.set_before(sum_before);
    total.set_after(sum_after);
  }
  v1::ReplayTotal& credit = totals[type->field_count()];
  int64_t credit_before = credit.before(), credit_after = credit.after();
  ok &= AddFen(credit_before, before.credit_fen());
  ok &= AddFen(credit_after, after.credit_fen());
  credit.set_before(credit_before);
  credit.set_after(credit_after);
  return ok;
}

std::string Verdict(const std::optional<Refusal>& refusal) {
  return refusal ? v1::RejectionReason_Name(refusal->reason) : std::string("ELIGIBLE");
}

}  // namespace

void AddVerdictChanges(const Rules& base, const Rules& candidate,
                       const std::vector<const v1::Event*>& events, int64_t known_at_us,
                       v1::EmployerReplay& replay) {
  // R5 is decided against the history recorded before the grant (as import
  // does), so only events in sequence order up to each grant take part.
  // Most employers hold no grant: copy no history for them.
  if (std::none_of(events.begin(), events.end(),
                   [](const v1::Event* event) { return event->has_deferral_granted(); })) {
    return;
  }
  std::vector<v1::Event> history;
  for (const v1::Event* event : events) {
    if (event->recorded_at_us() > known_at_us) break;
    if (event->has_deferral_granted()) {
      const EmployerSummary summary = Summarize(history);
      const std::string before = Verdict(Decide(base, summary, history, *event));
      const std::string after = Verdict(Decide(candidate, summary, history, *event));
      if (before != after) {
        v1::ReplayVerdictChange& change = *replay.add_verdict_changes();
        change.set_event_id(event->event_id());
        change.set_before(before);
        change.set_after(after);
      }
    }
    history.push_back(*event);
  }
}

v1::EmployerReplay CompareBalances(std::string_view employer_id, std::string_view pooling_area,
                                   const std::optional<v1::EmployerBalance>& before,
                                   const std::optional<v1::EmployerBalance>& after,
                                   std::string_view error, bool* changed) {
  v1::EmployerReplay replay;
  replay.set_employer_id(std::string(employer_id));
  replay.set_pooling_area(std::string(pooling_area));
  if (before) *replay.mutable_before() = FiguresOf(*before);
  if (after) *replay.mutable_after() = FiguresOf(*after);
  if (!before || !after) {
    replay.set_error(std::string(error));
    *changed = true;
    return replay;
  }
  AddRowChanges(*before, *after, replay);
  *changed = replay.rows_changed_size() > 0 ||
             !google::protobuf::util::MessageDifferencer::Equals(replay.before(), replay.after());
  return replay;
}

absl::Status Replay(const EventStore& store, const Rules& base, const Rules& candidate,
                    const ReplayRequest& request,
                    const std::function<absl::Status(const v1::EmployerReplay&)>& changed,
                    v1::ReplaySummary* summary) {
  summary->Clear();
  summary->set_rules_version_before(base.version());
  summary->set_rules_version_after(candidate.version());
  summary->set_as_of(FormatDate(request.as_of));
  summary->set_known_at(FormatTimestamp(absl::FromUnixMicros(request.known_at_us)));
  const OwedQuery query{request.as_of, request.known_at_us, /*explain=*/false};
  BalanceFolder folder_before, folder_after;
  std::map<std::string, v1::ReplayAreaSummary> areas;
  const absl::Status walked = store.ForEachEmployerEvents(
      [&](std::string_view employer_id, const EmployerEvents& events) -> absl::Status {
        absl::StatusOr<std::optional<v1::EmployerBalance>> before =
            folder_before.Compute(base, employer_id, events.events(), query);
        const std::string area(folder_before.pooling_area());
        absl::StatusOr<std::optional<v1::EmployerBalance>> after =
            folder_after.Compute(candidate, employer_id, events.events(), query);
        // Not in the view under either rule set (the view does not depend
        // on the rules): not an employer of this replay.
        if ((before.ok() && !before->has_value()) || (after.ok() && !after->has_value())) {
          return absl::OkStatus();
        }
        if (request.pooling_area && area != *request.pooling_area) return absl::OkStatus();
        std::string error;
        if (!before.ok()) {
          error = absl::StrFormat("rules version %d cannot fold it: %s", base.version(),
                                  before.status().message());
        } else if (!after.ok()) {
          error = absl::StrFormat("candidate rules version %d cannot fold it: %s",
                                  candidate.version(), after.status().message());
        }
        const std::optional<v1::EmployerBalance> none;
        bool differs = false;
        v1::EmployerReplay replay =
            CompareBalances(employer_id, area, before.ok() ? **before : none,
                            after.ok() ? **after : none, error, &differs);
        AddVerdictChanges(base, candidate, events.events(), request.known_at_us, replay);
        if (replay.verdict_changes_size() > 0) differs = true;
        v1::ReplayAreaSummary& area_summary = areas[area];
        area_summary.set_pooling_area(area);
        area_summary.set_employers(area_summary.employers() + 1);
        summary->set_employers(summary->employers() + 1);
        if (!error.empty()) {
          area_summary.set_employers_failed(area_summary.employers_failed() + 1);
          summary->set_employers_failed(summary->employers_failed() + 1);
        } else {
          if (differs) {
            area_summary.set_employers_changed(area_summary.employers_changed() + 1);
            summary->set_employers_changed(summary->employers_changed() + 1);
          }
          if (!AddTotals(replay.before(), replay.after(), *summary->mutable_totals()) ||
              !AddTotals(replay.before(), replay.after(), *area_summary.mutable_totals())) {
            return absl::OutOfRangeError(absl::StrFormat(
                "replay: the sum of a totals field passes int64 fen at employer %s",
                std::string(employer_id)));
          }
        }
        if (differs) RETURN_IF_ERROR(changed(replay));
        return absl::OkStatus();
      });
  RETURN_IF_ERROR(walked);
  for (auto& [code, area] : areas) *summary->add_areas() = std::move(area);
  return absl::OkStatus();
}

}  // namespace ledger
