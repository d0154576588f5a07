// Dates and periods: text forms, the int encodings stored in events, and
// strict parsing (absl's constructors roll 2022-02-30 forward; we refuse it).
#ifndef LEDGER_DATES_H_
#define LEDGER_DATES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace ledger {

// Returns the day for "YYYY-MM-DD", exactly; anything else is InvalidArgument.
absl::StatusOr<absl::CivilDay> ParseDate(std::string_view text);
// Returns the month for "YYYY-MM", exactly.
absl::StatusOr<absl::CivilMonth> ParseMonth(std::string_view text);
// Returns the instant for an RFC 3339 timestamp with an offset
// ("2022-11-15T00:00:00+08:00", "...Z"); a date alone is refused.
absl::StatusOr<absl::Time> ParseTimestamp(std::string_view text);

std::string FormatDate(absl::CivilDay day);      // "2022-07-31"
std::string FormatMonth(absl::CivilMonth month); // "2022-07"
// Returns RFC 3339 in China Standard Time (+08:00), the ledger's display zone.
std::string FormatTimestamp(absl::Time instant);

// The encodings of event.proto: YYYYMMDD and YYYYMM ints.
int32_t EncodeDate(absl::CivilDay day);
absl::CivilDay DecodeDate(int32_t yyyymmdd);
int32_t EncodeMonth(absl::CivilMonth month);
absl::CivilMonth DecodeMonth(int32_t yyyymm);

int64_t ToMicros(absl::Time instant);
absl::Time FromMicros(int64_t micros);

}  // namespace ledger

#endif  // LEDGER_DATES_H_
