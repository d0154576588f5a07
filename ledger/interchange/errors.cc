// ErrorList: see errors.h. Messages past kMaxReportedErrors are counted, not
// kept, so a file with a million bad lines still yields a short status.
#include "ledger/interchange/errors.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/printable.h"

namespace ledger {

ErrorList::ErrorList(std::string_view file_name) : file_name_(EscapeForMessage(file_name)) {}

void ErrorList::Add(int64_t line_number, std::string_view field, std::string_view message) {
  ++total_;
  if (messages_.size() >= static_cast<size_t>(kMaxReportedErrors)) return;
  std::string where = file_name_;
  if (line_number > 0) where += absl::StrFormat(":%d", line_number);
  if (field.empty()) {
    messages_.push_back(absl::StrFormat("%s: %s", where, message));
  } else {
    messages_.push_back(absl::StrFormat("%s: %s: %s", where, field, message));
  }
}

absl::Status ErrorList::ToStatus(absl::StatusCode code) const {
  if (total_ == 0) return absl::OkStatus();
  std::string text = absl::StrJoin(messages_, "\n");
  const int64_t unreported = total_ - static_cast<int64_t>(messages_.size());
  if (unreported > 0) text += absl::StrFormat("\n... and %d more errors", unreported);
  return absl::Status(code, text);
}

}  // namespace ledger
