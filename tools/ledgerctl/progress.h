// A one-line progress indicator on stderr for long operations. It shows only
// when stderr is a terminal and the operation has run for a while, redraws at
// most ten times a second, and erases itself when destroyed, so logs, pipes
// and short runs never see it.
#ifndef TOOLS_LEDGERCTL_PROGRESS_H_
#define TOOLS_LEDGERCTL_PROGRESS_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/time/time.h"

namespace ledgerctl {

class ProgressLine {
 private:
  static constexpr absl::Duration kQuietStart = absl::Milliseconds(500);

 public:
  // Counts lines, on stderr when it is a terminal.
  explicit ProgressLine(std::string label);
  // Counts `unit` ("employers") on `out`, drawn only when `enabled`, after
  // `quiet_start` (tests pass zero).
  ProgressLine(std::string label, std::string unit, std::FILE* out, bool enabled,
               absl::Duration quiet_start = kQuietStart);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Reports `done` of `total` units, or `done` alone when total is 0 (a
  // pass whose length is not known ahead); cheap when nothing is drawn.
  void Update(int64_t done, int64_t total);
  // Erases the line if it was drawn.
  void Clear();

 private:
  static constexpr absl::Duration kRedrawInterval = absl::Milliseconds(100);

  std::string label_;
  std::string unit_ = "lines";
  std::FILE* out_ = stderr;
  absl::Duration quiet_start_ = kQuietStart;
  bool enabled_ = false;
  bool drawn_ = false;
  absl::Time start_;
  absl::Time last_draw_;
};

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_PROGRESS_H_
