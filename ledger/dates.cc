#include "ledger/dates.h"

#include "absl/strings/str_format.h"

namespace ledger {
namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

const absl::TimeZone& ChinaStandardTime() {
  static const absl::TimeZone zone = absl::FixedTimeZone(8 * 3600);
  return zone;
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !AllDigits(text.substr(0, 4)) || !AllDigits(text.substr(5, 2)) ||
      !AllDigits(text.substr(8, 2))) {
    return absl::InvalidArgumentError(
        absl::StrFormat("expected a date YYYY-MM-DD, got \"%s\"", text));
  }
  const int year = ToInt(text.substr(0, 4));
  const int month = ToInt(text.substr(5, 2));
  const int day = ToInt(text.substr(8, 2));
  const absl::CivilDay parsed(year, month, day);
  // absl normalizes 2022-02-30 to 2022-03-02: a round trip exposes it.
  if (parsed.year() != year || parsed.month() != month || parsed.day() != day ||
      year < 1900) {
    return absl::InvalidArgumentError(
        absl::StrFormat("no such date \"%s\"", text));
  }
  return parsed;
}

absl::StatusOr<absl::CivilMonth> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2))) {
    return absl::InvalidArgumentError(
        absl::StrFormat("expected a period YYYY-MM, got \"%s\"", text));
  }
  const int year = ToInt(text.substr(0, 4));
  const int month = ToInt(text.substr(5, 2));
  if (month < 1 || month > 12 || year < 1900) {
    return absl::InvalidArgumentError(
        absl::StrFormat("no such period \"%s\"", text));
  }
  return absl::CivilMonth(year, month);
}

absl::StatusOr<absl::Time> ParseTimestamp(std::string_view text) {
  absl::Time instant;
  std::string error;
  // %Ez accepts "+08:00"; "Z" is accepted by absl for %Ez as well.
  if (text.size() < 20 || text[10] != 'T' ||
      !absl::ParseTime("%Y-%m-%d%ET%H:%M:%E*S%Ez", std::string(text), &instant,
                       &error)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "expected an RFC 3339 timestamp like 2022-11-15T09:00:00+08:00, got "
        "\"%s\"",
        text));
  }
  // Reject calendar-invalid parts that absl would normalize (e.g. 02-30).
  if (!ParseDate(text.substr(0, 10)).ok()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("no such date in timestamp \"%s\"", text));
  }
  return instant;
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string FormatMonth(absl::CivilMonth month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

std::string FormatTimestamp(absl::Time instant) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*S%Ez", instant, ChinaStandardTime());
}

int32_t EncodeDate(absl::CivilDay day) {
  return static_cast<int32_t>(day.year() * 10000 + day.month() * 100 + day.day());
}

absl::CivilDay DecodeDate(int32_t yyyymmdd) {
  return absl::CivilDay(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

int32_t EncodeMonth(absl::CivilMonth month) {
  return static_cast<int32_t>(month.year() * 100 + month.month());
}

absl::CivilMonth DecodeMonth(int32_t yyyymm) {
  return absl::CivilMonth(yyyymm / 100, yyyymm % 100);
}

int64_t ToMicros(absl::Time instant) { return absl::ToUnixMicros(instant); }

absl::Time FromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

}  // namespace ledger
