// Collects a clerk-actionable list of input errors, "FILE:LINE: field: what is
// wrong", up to a limit, and turns it into one absl::Status. Used by every
// parser and by the import checks so all rejections read the same way.
#ifndef LEDGER_INTERCHANGE_ERRORS_H_
#define LEDGER_INTERCHANGE_ERRORS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace ledger {

inline constexpr int kMaxReportedErrors = 100;

class ErrorList {
 public:
  // `file_name` is escaped (ledger/printable.h): a name with a newline or a
  // terminal escape cannot forge a "FILE:LINE: ..." line of its own.
  explicit ErrorList(std::string_view file_name);

  // Records "FILE:LINE: field: message" ("field: " omitted when empty;
  // ":LINE" omitted when line_number <= 0, for errors about the whole file).
  // Past kMaxReportedErrors only the count grows.
  void Add(int64_t line_number, std::string_view field, std::string_view message);
  bool empty() const { return total_ == 0; }
  int64_t total() const { return total_; }
  bool full() const { return total_ >= kMaxReportedErrors; }
  const std::vector<std::string>& messages() const { return messages_; }
  // OkStatus when empty; else `code` (InvalidArgument by default) with every
  // message on its own line and, past the limit, "... and N more errors".
  [[nodiscard]] absl::Status ToStatus(
      absl::StatusCode code = absl::StatusCode::kInvalidArgument) const;

 private:
  std::string file_name_;
  std::vector<std::string> messages_;
  int64_t total_ = 0;
};

}  // namespace ledger

#endif  // LEDGER_INTERCHANGE_ERRORS_H_
