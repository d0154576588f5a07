#include "tests/robustness/history_file.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace ledger::robustness {
namespace {

// Two employees per employer; bases differ per employer and file so the
// amounts (and event contents) are not all alike.
int64_t BaseFen(int number, int index, int employee) {
  return 300'000 + int64_t{employee} * 100'000 + (number % 97) * 100 + index;
}

// Employer 700 bp + employee 200 bp: 9 % of the bases, rounded down. An
// underpayment of a fraction of a fen leaves a tiny balance; that is fine.
int64_t PaymentFen(int number, int index) {
  return (BaseFen(number, index, 0) + BaseFen(number, index, 1)) * 9 / 100;
}

void AppendRegistration(std::string& text, const std::string& employer, int number, int index) {
  absl::StrAppendFormat(
      &text,
      "{\"event_id\":\"%s-reg\",\"type\":\"employer_registered\",\"employer_id\":\"%s\","
      "\"effective_date\":\"2020-01-%02d\",\"name\":\"Robustness %d-%d Co.\","
      "\"pooling_area\":\"620700\",\"entity_type\":\"enterprise\",\"size_class\":\"small\"}\n",
      employer, employer, 1 + index % 28, number, index);
}

void AppendPeriod(std::string& text, const std::string& employer, int number, int index,
                  int month) {
  absl::StrAppendFormat(
      &text,
      "{\"event_id\":\"%s-a%02d\",\"type\":\"contribution_assessed\",\"employer_id\":\"%s\","
      "\"effective_date\":\"2022-%02d-05\",\"period\":\"2022-%02d\",\"lines\":["
      "{\"employee_id\":\"E1\",\"base_fen\":%d},{\"employee_id\":\"E2\",\"base_fen\":%d}]}\n",
      employer, month, employer, month, month, BaseFen(number, index, 0),
      BaseFen(number, index, 1));
  absl::StrAppendFormat(
      &text,
      "{\"event_id\":\"%s-p%02d\",\"type\":\"contribution_paid\",\"employer_id\":\"%s\","
      "\"effective_date\":\"2022-%02d-15\",\"amount_fen\":%d}\n",
      employer, month, employer, month, PaymentFen(number, index));
}

}  // namespace

std::string EmployerIdOf(int number, int index) {
  return absl::StrFormat("RB%06dE%04d", number, index);
}

std::string HistoryFile::EmployerId(int index) const { return EmployerIdOf(number, index); }

std::string HistoryText(int number, int employers) {
  if (number < 0 || number > kMaxFileNumber || employers < 1 || employers > kMaxEmployersPerFile) {
    std::fprintf(stderr, "HistoryText(%d, %d): out of range\n", number, employers);
    std::abort();
  }
  std::string text;
  text.reserve(static_cast<size_t>(employers) * kEventsPerEmployer * 200);
  for (int index = 0; index < employers; ++index) {
    AppendRegistration(text, EmployerIdOf(number, index), number, index);
  }
  for (int month = 1; month <= kPeriodsPerEmployer; ++month) {
    for (int index = 0; index < employers; ++index) {
      AppendPeriod(text, EmployerIdOf(number, index), number, index, month);
    }
  }
  return text;
}

HistoryFile WriteHistoryFile(const std::filesystem::path& directory, int number, int employers) {
  HistoryFile file{number, employers, directory / absl::StrFormat("history-%06d.jsonl", number)};
  const std::string text = HistoryText(number, employers);
  std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", file.path.c_str());
    std::abort();
  }
  return file;
}

std::optional<int> FileNumberOf(std::string_view employer_id) {
  // "RB" + 6 digits + "E" + 4 digits.
  if (employer_id.size() != 13 || !employer_id.starts_with("RB") || employer_id[8] != 'E') {
    return std::nullopt;
  }
  int number = 0;
  if (!absl::SimpleAtoi(absl::string_view(employer_id.data() + 2, 6), &number)) {
    return std::nullopt;
  }
  return number;
}

}  // namespace ledger::robustness
