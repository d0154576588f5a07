#include "tools/ledgerctl/pass_progress.h"

#include <unistd.h>

#include <cstdio>
#include <utility>

namespace ledgerctl {

namespace {

bool ShowPassProgress(bool streams_results) {
  return isatty(STDERR_FILENO) != 0 && (!streams_results || isatty(STDOUT_FILENO) == 0);
}

}  // namespace

PassProgress::PassProgress(ledger::EventStore& store, std::string label, bool streams_results)
    : store_(store),
      line_(std::move(label), "employers", stderr, ShowPassProgress(streams_results)) {
  store_.set_pass_observer(this);
}

PassProgress::~PassProgress() { store_.set_pass_observer(nullptr); }

void PassProgress::OnEmployer(int64_t employers_done) { line_.Update(employers_done, 0); }

void PassProgress::OnPassEnd() { line_.Clear(); }

}  // namespace ledgerctl
