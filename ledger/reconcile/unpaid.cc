// See unpaid.h.
#include "ledger/reconcile/unpaid.h"

#include <optional>

#include "ledger/domain/day_number.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/view.h"
#include "ledger/status_macros.h"

namespace ledger {

absl::StatusOr<std::vector<UnpaidEmployer>> FindUnpaid(
    const EventStore& store, const Rules& rules, absl::CivilMonth period, absl::CivilDay as_of,
    const absl::flat_hash_set<std::string>& in_file) {
  std::vector<UnpaidEmployer> unpaid;
  std::vector<const v1::Event*> view;
  Projection projection;
  const MonthNumber month = ToMonthNumber(period);
  const DayNumber as_of_day = ToDayNumber(as_of);
  // The visitor's own RETURN_IF_ERROR would shadow an outer one's status.
  const absl::Status walked = store.ForEachEmployerEvents(
      [&](std::string_view employer_id, const EmployerEvents& events) -> absl::Status {
        if (in_file.contains(std::string(employer_id))) return absl::OkStatus();
        SelectViewInto(events.events(), as_of, kKnownAtEverything, view);
        RETURN_IF_ERROR(FoldEmployerInto(rules, view, as_of, projection));
        if (!projection.status.registered) return absl::OkStatus();
        int64_t owed_fen = 0;
        std::optional<DayNumber> earliest_due;
        for (const Part& part : projection.parts) {
          if (part.period_month != month || part.due_day > as_of_day) continue;
          if (part.outstanding_fen() <= 0) continue;
          owed_fen += part.outstanding_fen();
          if (!earliest_due || part.due_day < *earliest_due) earliest_due = part.due_day;
        }
        if (owed_fen > 0) {
          unpaid.push_back(UnpaidEmployer{std::string(employer_id),
                                          std::string(projection.status.name), owed_fen,
                                          ToCivilDay(*earliest_due)});
        }
        return absl::OkStatus();
      });
  if (!walked.ok()) return walked;
  return unpaid;
}

}  // namespace ledger
