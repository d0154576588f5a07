// See same_event.h.
#include "ledger/store/same_event.h"

#include "ledger/store/hashing.h"

namespace ledger::store {

Repeat CompareRepeat(const v1::Event& earlier, const v1::Event& incoming) {
  if (EventContentForm(earlier) != EventContentForm(incoming)) {
    return Repeat::kOtherContent;
  }
  if (incoming.recorded_at_given() &&
      incoming.recorded_at_us() != earlier.recorded_at_us()) {
    return Repeat::kOtherRecordedAt;
  }
  return Repeat::kSame;
}

Repeat CompareRepeat(std::string_view earlier_content_hash,
                     int64_t earlier_recorded_at_us, const v1::Event& incoming,
                     std::string_view incoming_content_hash) {
  if (earlier_content_hash != incoming_content_hash) {
    return Repeat::kOtherContent;
  }
  if (incoming.recorded_at_given() &&
      incoming.recorded_at_us() != earlier_recorded_at_us) {
    return Repeat::kOtherRecordedAt;
  }
  return Repeat::kSame;
}

}  // namespace ledger::store
