// Watches the store's whole-ledger passes (ForEachEmployer and
// ForEachEmployerEvents), so that an adapter can show progress for every
// pass — owed --all, the reports, replay, reconcile — without each job
// counting on its own. Called on the thread running the pass; the store does
// not own the observer.
#ifndef LEDGER_STORE_PASS_OBSERVER_H_
#define LEDGER_STORE_PASS_OBSERVER_H_

#include <cstdint>

namespace ledger {

class PassObserver {
 public:
  virtual ~PassObserver() = default;
  // After each employer's visit: `employers_done` counts from 1 in the pass.
  virtual void OnEmployer(int64_t employers_done) = 0;
  // When the pass ends, normally or not, before the pass returns.
  virtual void OnPassEnd() = 0;
};

// Notifies `observer` (may be null) of one pass: Employer() after each
// visit, OnPassEnd when this goes out of scope.
class PassNotifier {
 public:
  explicit PassNotifier(PassObserver* observer) : observer_(observer) {}
  ~PassNotifier() {
    if (observer_ != nullptr) observer_->OnPassEnd();
  }
  PassNotifier(const PassNotifier&) = delete;
  PassNotifier& operator=(const PassNotifier&) = delete;

  void Employer() {
    if (observer_ != nullptr) observer_->OnEmployer(++employers_done_);
  }

 private:
  PassObserver* observer_;
  int64_t employers_done_ = 0;
};

}  // namespace ledger

#endif  // LEDGER_STORE_PASS_OBSERVER_H_
