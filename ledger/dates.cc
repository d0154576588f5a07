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
  if (year < 1900) {
    return absl::InvalidArgumentError(
        absl::StrFormat("\"%s\": dates before 1900-01-01 are not accepted", text));
  }
  // absl normalizes 2022-02-30 to 2022-03-02: a round trip exposes it.
  if (parsed.year() != year || parsed.month() != month || parsed.day() != day) {
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

namespace {

// Reads `digits` at `text[at..]` as a number; false when any is not a digit.
bool ReadNumber(std::string_view text, size_t at, size_t digits, int* value) {
  if (at + digits > text.size() || !AllDigits(text.substr(at, digits))) return false;
  *value = ToInt(text.substr(at, digits));
  return true;
}

absl::Status TimestampError(std::string_view text, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "expected an RFC 3339 timestamp like 2022-11-15T09:00:00+08:00, got \"%s\" (%s)",
      text, what));
}

}  // namespace

// Hand-written rather than absl::ParseTime: its %H, %M and %Ez accept one
// digit and "+0800", and it silently drops digits past microseconds.
absl::StatusOr<absl::Time> ParseTimestamp(std::string_view text) {
  int hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') ||
      !ReadNumber(text, 11, 2, &hour) || text[13] != ':' || !ReadNumber(text, 14, 2, &minute) ||
      text[16] != ':' || !ReadNumber(text, 17, 2, &second)) {
    return TimestampError(text, "YYYY-MM-DDTHH:MM:SS then an offset");
  }
  absl::StatusOr<absl::CivilDay> day = ParseDate(text.substr(0, 10));
  if (!day.ok()) return TimestampError(text, std::string(day.status().message()));
  if (hour > 23 || minute > 59 || second > 59) return TimestampError(text, "no such time of day");
  size_t at = 19;
  int64_t micros = 0;
  if (at < text.size() && text[at] == '.') {
    size_t digits = 0;
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++digits) {
      if (digits < 6) micros = micros * 10 + (text[at] - '0');
    }
    if (digits == 0 || digits > 6) {
      return TimestampError(text, "fractions of a second: 1 to 6 digits, microseconds at most");
    }
    for (; digits < 6; ++digits) micros *= 10;
  }
  int offset_seconds = 0;
  const std::string_view offset = text.substr(at);
  if (offset == "Z" || offset == "z") {
    offset_seconds = 0;
  } else {
    int offset_hours = 0, offset_minutes = 0;
    if (offset.size() != 6 || (offset[0] != '+' && offset[0] != '-') ||
        !ReadNumber(offset, 1, 2, &offset_hours) || offset[3] != ':' ||
        !ReadNumber(offset, 4, 2, &offset_minutes) || offset_hours > 23 ||
        offset_minutes > 59) {
      return TimestampError(text, "the offset is Z or +HH:MM");
    }
    offset_seconds = (offset_hours * 60 + offset_minutes) * 60 * (offset[0] == '-' ? -1 : 1);
  }
  const absl::CivilSecond local(day->year(), day->month(), day->day(), hour, minute, second);
  const absl::Time instant =
      absl::FromCivil(local, absl::FixedTimeZone(offset_seconds)) + absl::Microseconds(micros);
  // The ledger writes instants back in +08:00: they must stay printable there.
  const int64_t display_year = absl::ToCivilSecond(instant, ChinaStandardTime()).year();
  if (display_year < 1900 || display_year > 9999) {
    return TimestampError(text, "outside 1900..9999 in China Standard Time");
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
