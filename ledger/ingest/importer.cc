#include "ledger/ingest/importer.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/decisions.h"
#include "ledger/domain/employer_summary.h"
#include "ledger/interchange/errors.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/status_macros.h"
#include "ledger/store/receipts.h"
#include "ledger/store/same_event.h"

namespace ledger {
namespace {

constexpr int64_t kProgressEveryLines = 10'000;
// A given recorded_at may run ahead of this machine's clock by clock skew at
// most; a later one is a typing error that would block every import after it.
constexpr int64_t kRecordedAtSkewMaxUs = int64_t{10} * 60 * 1'000'000;

// Checks each line against the ledger plus the lines before it, in order.
class BatchChecker {
 public:
  BatchChecker(EventStore& store, const Rules& rules, std::string_view file_name,
               int64_t now_us)
      : store_(store),
        rules_(rules),
        errors_(std::string(file_name)),
        next_sequence_(store.last_sequence() + 1),
        latest_recorded_at_us_(store.last_recorded_at_us()),
        now_us_(now_us) {}

  // Returns a storage error; input errors are collected in errors().
  [[nodiscard]] absl::Status Check(int64_t line_number, const v1::Event& event);
  const ErrorList& errors() const { return errors_; }
  std::vector<v1::Event>& accepted() { return accepted_; }

 private:
  // One employer's events so far (ledger, then accepted lines) and their summary.
  struct Employer {
    std::vector<v1::Event> history;
    EmployerSummary summary;
  };

  [[nodiscard]] absl::StatusOr<Employer*> LoadEmployer(const std::string& employer_id);
  [[nodiscard]] absl::StatusOr<bool> IsRepeat(int64_t line_number, const v1::Event& event);
  // Returns true, having recorded the error, when `event`'s tax receipt is
  // held by another event of the ledger or an earlier line.
  [[nodiscard]] absl::StatusOr<bool> IsDuplicateReceipt(int64_t line_number,
                                                        const v1::Event& event);
  // Returns true, having recorded the error, when `event` reverses an event
  // that exists but belongs to another employer.
  [[nodiscard]] absl::StatusOr<bool> ReversesAnotherEmployer(int64_t line_number,
                                                             const v1::Event& event,
                                                             const EmployerSummary& summary);

  // Says what set latest_recorded_at_us_ and what to do about a line
  // recorded before it; the full story once, then short.
  [[nodiscard]] absl::StatusOr<std::string> WhatSetTheClock();

  EventStore& store_;
  const Rules& rules_;
  ErrorList errors_;
  int64_t latest_recorded_at_line_ = 0;  // 0: the ledger's latest event
  bool clock_explained_ = false;
  uint64_t next_sequence_;
  int64_t latest_recorded_at_us_;
  int64_t now_us_;
  // node_hash_map: an Employer* stays valid while others are added.
  absl::node_hash_map<std::string, Employer> employers_;
  absl::flat_hash_map<std::string, size_t> batch_index_;  // event_id -> accepted_
  // tax_receipt_no -> (line, event_id) of the accepted line that carries it.
  absl::flat_hash_map<std::string, std::pair<int64_t, std::string>> batch_receipts_;
  std::vector<v1::Event> accepted_;
};

absl::StatusOr<BatchChecker::Employer*> BatchChecker::LoadEmployer(
    const std::string& employer_id) {
  auto found = employers_.find(employer_id);
  if (found == employers_.end()) {
    ASSIGN_OR_RETURN(std::vector<v1::Event> events, store_.ReadEmployer(employer_id));
    EmployerSummary summary = Summarize(events);
    found = employers_.emplace(employer_id, Employer{std::move(events), std::move(summary)}).first;
  }
  return &found->second;
}

absl::StatusOr<std::string> BatchChecker::WhatSetTheClock() {
  if (latest_recorded_at_line_ > 0) {
    return absl::StrFormat("the recorded_at of line %d of this file; lines are imported in "
                           "the order the ledger learned them: sort the file by recorded_at",
                           latest_recorded_at_line_);
  }
  if (clock_explained_) {
    return std::string("the latest recorded_at in the ledger (see above)");
  }
  clock_explained_ = true;
  ASSIGN_OR_RETURN(const std::optional<v1::Event> latest,
                   store_.EventAtSequence(store_.last_sequence()));
  std::string by;
  if (latest) {
    by = absl::StrFormat(" (sequence %d, event_id %s%s)", latest->sequence(),
                         latest->event_id(),
                         latest->recorded_at_given()
                             ? ""
                             : ", stamped with its import's clock because its line gave no "
                               "recorded_at");
  }
  return absl::StrFormat(
      "when the ledger learned its latest fact%s; history is imported in the order the "
      "ledger learned it: import the files in recorded order into a new ledger, or give "
      "recorded_at on every line",
      by);
}

absl::StatusOr<bool> BatchChecker::IsRepeat(int64_t line_number, const v1::Event& event) {
  const v1::Event* earlier = nullptr;
  std::string where;
  std::optional<v1::Event> stored;
  if (auto in_batch = batch_index_.find(event.event_id()); in_batch != batch_index_.end()) {
    earlier = &accepted_[in_batch->second];
    where = "earlier in this file";
  } else {
    ASSIGN_OR_RETURN(stored, store_.FindById(event.event_id()));
    if (!stored) return false;
    earlier = &*stored;
    where = absl::StrFormat("in the ledger as sequence %d", stored->sequence());
  }
  switch (store::CompareRepeat(*earlier, event)) {
    case store::Repeat::kSame:
      break;
    case store::Repeat::kOtherContent:
      errors_.Add(line_number, "event_id",
                  absl::StrFormat("%s is already %s with other content; a correction is a "
                                  "new event (event_reversed, then the fact again)",
                                  event.event_id(), where));
      break;
    case store::Repeat::kOtherRecordedAt:
      errors_.Add(line_number, "recorded_at",
                  absl::StrFormat("%s: event %s is already %s with recorded_at %s; give that "
                                  "recorded_at, or none, to repeat it",
                                  FormatTimestamp(FromMicros(event.recorded_at_us())),
                                  event.event_id(), where,
                                  FormatTimestamp(FromMicros(earlier->recorded_at_us()))));
      break;
  }
  return true;
}

absl::StatusOr<bool> BatchChecker::IsDuplicateReceipt(int64_t line_number,
                                                      const v1::Event& event) {
  const std::string_view receipt = store::TaxReceiptOf(event);
  if (receipt.empty()) return false;
  if (auto earlier = batch_receipts_.find(std::string(receipt));
      earlier != batch_receipts_.end()) {
    errors_.Add(line_number, "tax_receipt_no",
                absl::StrFormat("%s is already on line %d of this file (event_id %s); one "
                                "receipt is one payment",
                                std::string(receipt), earlier->second.first,
                                earlier->second.second));
    return true;
  }
  ASSIGN_OR_RETURN(const std::optional<v1::Event> holder,
                   store::ReceiptHolder(store_, receipt));
  if (!holder) return false;
  errors_.Add(line_number, "tax_receipt_no",
              absl::StrFormat("%s is already recorded as event %s (sequence %d, employer %s); "
                              "one receipt is one payment (reverse that event first if it "
                              "was entered wrongly)",
                              std::string(receipt), holder->event_id(), holder->sequence(),
                              holder->employer_id()));
  return true;
}

absl::StatusOr<bool> BatchChecker::ReversesAnotherEmployer(int64_t line_number,
                                                           const v1::Event& event,
                                                           const EmployerSummary& summary) {
  const std::string& target_id = event.event_reversed().reverses_event_id();
  if (summary.event_is_reversal.contains(target_id)) return false;
  std::string owner;
  if (auto in_batch = batch_index_.find(target_id); in_batch != batch_index_.end()) {
    owner = accepted_[in_batch->second].employer_id();
  } else {
    ASSIGN_OR_RETURN(std::optional<v1::Event> target, store_.FindById(target_id));
    if (!target) return false;  // Decide names it UNKNOWN_EVENT
    owner = target->employer_id();
  }
  errors_.Add(line_number, "reverses_event_id",
              absl::StrFormat("%s: event %s belongs to employer %s, not %s",
                              v1::RejectionReason_Name(v1::EVENT_OF_ANOTHER_EMPLOYER), target_id,
                              owner, event.employer_id()));
  return true;
}

absl::Status BatchChecker::Check(int64_t line_number, const v1::Event& event) {
  ASSIGN_OR_RETURN(const bool repeat, IsRepeat(line_number, event));
  if (repeat) return absl::OkStatus();
  ASSIGN_OR_RETURN(const bool duplicate_receipt, IsDuplicateReceipt(line_number, event));
  if (duplicate_receipt) return absl::OkStatus();
  v1::Event staged = event;
  if (event.recorded_at_given()) {
    if (event.recorded_at_us() > now_us_ + kRecordedAtSkewMaxUs) {
      errors_.Add(line_number, "recorded_at",
                  absl::StrFormat("%s is later than this import: the ledger cannot have "
                                  "learned a fact in the future",
                                  FormatTimestamp(FromMicros(event.recorded_at_us()))));
      return absl::OkStatus();
    }
    if (event.recorded_at_us() < latest_recorded_at_us_) {
      ASSIGN_OR_RETURN(const std::string clock, WhatSetTheClock());
      errors_.Add(line_number, "recorded_at",
                  absl::StrFormat("%s is earlier than %s, %s",
                                  FormatTimestamp(FromMicros(event.recorded_at_us())),
                                  FormatTimestamp(FromMicros(latest_recorded_at_us_)), clock));
      return absl::OkStatus();
    }
    latest_recorded_at_us_ = event.recorded_at_us();
    latest_recorded_at_line_ = line_number;
  } else {
    // Provisional, for the decision view only: the store stamps it for real.
    staged.set_recorded_at_us(std::max(now_us_, latest_recorded_at_us_));
  }
  ASSIGN_OR_RETURN(Employer * employer, LoadEmployer(event.employer_id()));
  if (event.has_event_reversed()) {
    ASSIGN_OR_RETURN(const bool refused,
                     ReversesAnotherEmployer(line_number, event, employer->summary));
    if (refused) return absl::OkStatus();
  }
  staged.set_sequence(next_sequence_);
  if (std::optional<Refusal> refusal =
          Decide(rules_, employer->summary, employer->history, staged)) {
    errors_.Add(line_number, refusal->field, refusal->Message());
    return absl::OkStatus();
  }
  ++next_sequence_;
  employer->history.push_back(staged);
  if (staged.has_event_reversed()) {
    employer->summary = Summarize(employer->history);  // a reversal changes the past
  } else {
    Evolve(employer->summary, staged);
  }
  if (const std::string_view receipt = store::TaxReceiptOf(event); !receipt.empty()) {
    batch_receipts_.emplace(std::string(receipt), std::make_pair(line_number, event.event_id()));
  }
  batch_index_.emplace(event.event_id(), accepted_.size());
  accepted_.push_back(event);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ImportSummary> ImportEvents(EventStore& store, const Rules& rules,
                                           std::string_view file_name,
                                           std::string_view contents, int64_t now_us,
                                           const ImportProgress& progress) {
  // A file over the store's batch limit is refused while scanning, before
  // it is parsed (issue 16: 5 000 001 events took 34 s and 5.3 GB).
  ASSIGN_OR_RETURN(ParsedEvents parsed,
                   ParseEventsJsonl(contents, file_name, kMaxEventsPerAppend));
  const int64_t total = static_cast<int64_t>(parsed.events.size());
  BatchChecker checker(store, rules, file_name, now_us);
  for (int64_t i = 0; i < total; ++i) {
    RETURN_IF_ERROR(checker.Check(parsed.line_numbers[i], parsed.events[i]));
    if (progress && (i + 1) % kProgressEveryLines == 0) progress(i + 1, total);
  }
  if (progress) progress(total, total);
  if (!checker.errors().empty()) return checker.errors().ToStatus();
  const int64_t repeats = total - static_cast<int64_t>(checker.accepted().size());
  ImportSummary summary;
  summary.events_read = total;
  if (!checker.accepted().empty()) {
    ASSIGN_OR_RETURN(AppendResult appended,
                     store.Append(std::move(checker.accepted()), now_us));
    summary.appended = appended.appended;
    summary.first_sequence = appended.first_sequence;
    summary.last_sequence = appended.last_sequence;
    summary.duplicates = appended.duplicates;
  } else {
    summary.last_sequence = store.last_sequence();
  }
  summary.duplicates += repeats;
  return summary;
}

}  // namespace ledger
