#include "tools/ledgerctl/progress.h"

#include <unistd.h>

#include <cstdio>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace ledgerctl {

ProgressLine::ProgressLine(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) != 0),
      start_(absl::Now()),
      last_draw_(absl::InfinitePast()) {}

ProgressLine::ProgressLine(std::string label, std::string unit, std::FILE* out, bool enabled,
                           absl::Duration quiet_start)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      out_(out),
      quiet_start_(quiet_start),
      enabled_(enabled),
      start_(absl::Now()),
      last_draw_(absl::InfinitePast()) {}

ProgressLine::~ProgressLine() { Clear(); }

void ProgressLine::Update(int64_t done, int64_t total) {
  if (!enabled_) return;
  const absl::Time now = absl::Now();
  if (now - start_ < quiet_start_ || now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  // \r returns to the line's start, \033[K erases what a longer draw left.
  if (total > 0) {
    const int64_t percent = done * 100 / total;  // truncates
    absl::FPrintF(out_, "\r%s: %d/%d %s (%d%%)\033[K", label_, done, total, unit_, percent);
  } else {
    absl::FPrintF(out_, "\r%s: %d %s\033[K", label_, done, unit_);
  }
  std::fflush(out_);
  drawn_ = true;
}

void ProgressLine::Clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace ledgerctl
