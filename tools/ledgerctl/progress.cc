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

ProgressLine::~ProgressLine() { Clear(); }

void ProgressLine::Update(int64_t done, int64_t total) {
  if (!enabled_) return;
  const absl::Time now = absl::Now();
  if (now - start_ < kQuietStart || now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const int64_t percent = total > 0 ? done * 100 / total : 0;  // truncates
  // \r returns to the line's start, \033[K erases what a longer draw left.
  absl::FPrintF(stderr, "\r%s: %d/%d lines (%d%%)\033[K", label_, done, total, percent);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::Clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace ledgerctl
