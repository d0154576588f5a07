// Progress for the store's whole-ledger passes (ledger/store/pass_observer.h)
// on the command line.
#ifndef TOOLS_LEDGERCTL_PASS_PROGRESS_H_
#define TOOLS_LEDGERCTL_PASS_PROGRESS_H_

#include <cstdint>
#include <string>

#include "ledger/store/event_store.h"
#include "tools/ledgerctl/progress.h"

namespace ledgerctl {

// Shows the employers done by every whole-ledger pass `store` makes while
// this lives, as "LABEL: N employers", erased when each pass ends so the
// results print on a clean line. Drawn only when stderr is a terminal and,
// for a command that streams its results during the pass, stdout is not the
// same terminal.
class PassProgress : public ledger::PassObserver {
 public:
  PassProgress(ledger::EventStore& store, std::string label, bool streams_results);
  ~PassProgress() override;
  PassProgress(const PassProgress&) = delete;
  PassProgress& operator=(const PassProgress&) = delete;

  void OnEmployer(int64_t employers_done) override;
  void OnPassEnd() override;

 private:
  ledger::EventStore& store_;
  ProgressLine line_;
};

}  // namespace ledgerctl

#endif  // TOOLS_LEDGERCTL_PASS_PROGRESS_H_
