#include "ledger/domain/view.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "ledger/dates.h"

namespace ledger {

bool IsPayment(const v1::Event& event) {
  return event.has_contribution_paid() || event.has_catch_up_paid();
}

void SelectViewInto(const std::vector<const v1::Event*>& events, absl::CivilDay as_of,
                    int64_t known_at_us, std::vector<const v1::Event*>& view) {
  view.clear();
  absl::flat_hash_set<std::string_view> reversed_ids;
  for (const v1::Event* event : events) {
    if (event->has_event_reversed() && event->recorded_at_us() <= known_at_us) {
      reversed_ids.insert(event->event_reversed().reverses_event_id());
    }
  }
  const int32_t as_of_yyyymmdd = EncodeDate(std::min(as_of, kEndOfTime));
  view.reserve(events.size());
  for (const v1::Event* event : events) {
    if (event->has_event_reversed()) continue;
    if (event->effective_date_yyyymmdd() > as_of_yyyymmdd) continue;
    if (event->recorded_at_us() > known_at_us) continue;
    if (!reversed_ids.empty() && reversed_ids.contains(event->event_id())) continue;
    view.push_back(event);
  }
  std::sort(view.begin(), view.end(), [](const v1::Event* a, const v1::Event* b) {
    if (a->effective_date_yyyymmdd() != b->effective_date_yyyymmdd()) {
      return a->effective_date_yyyymmdd() < b->effective_date_yyyymmdd();
    }
    const bool a_pays = IsPayment(*a);
    if (a_pays != IsPayment(*b)) return !a_pays;
    return a->sequence() < b->sequence();
  });
}

std::vector<const v1::Event*> SelectView(const std::vector<v1::Event>& events,
                                         absl::CivilDay as_of, int64_t known_at_us) {
  std::vector<const v1::Event*> pointers;
  pointers.reserve(events.size());
  for (const v1::Event& event : events) pointers.push_back(&event);
  std::vector<const v1::Event*> view;
  SelectViewInto(pointers, as_of, known_at_us, view);
  return view;
}

}  // namespace ledger
