// See reconcile.h.
#include "ledger/reconcile/reconcile.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/projection.h"
#include "ledger/domain/view.h"
#include "ledger/interchange/text_encoding.h"
#include "ledger/money.h"
#include "ledger/printable.h"
#include "ledger/reconcile/payments_file.h"
#include "ledger/status_macros.h"
#include "ledger/reconcile/tie_out.h"
#include "ledger/reconcile/unpaid.h"
#include "ledger/store/hashing.h"
#include "ledger/store/receipts.h"
#include "ledger/store/same_event.h"

namespace ledger {
namespace {

constexpr std::string_view kClassNames[kPaymentClasses] = {
    "malformed",         "already_recorded", "conflicting_id",      "duplicate_in_file",
    "duplicate_receipt", "unknown_employer", "before_registration", "period_not_assessed",
    "nothing_owed",      "overpaid",         "partial",             "matched"};

// What a payment event asks for (R10's filter).
struct Scope {
  std::optional<MonthNumber> period;
  v1::Component component = v1::COMPONENT_UNSPECIFIED;
  bool catch_up = false;
  std::string_view employee_id;
  DayNumber paid_day = 0;
};

Scope ScopeOf(const v1::Event& event) {
  Scope scope;
  scope.paid_day = DayNumberFromYyyymmdd(event.effective_date_yyyymmdd());
  int32_t period = 0;
  if (event.has_catch_up_paid()) {
    scope.catch_up = true;
    period = event.catch_up_paid().period_yyyymm();
    scope.employee_id = event.catch_up_paid().employee_id();
  } else {
    period = event.contribution_paid().period_yyyymm();
    scope.component = event.contribution_paid().component();
    scope.employee_id = event.contribution_paid().employee_id();
  }
  if (period != 0) scope.period = MonthNumberFromYyyymm(period);
  return scope;
}

bool PartInScope(const Part& part, const Scope& scope) {
  if (part.assessed_day > scope.paid_day) return false;  // R10: not settled by it
  if (scope.period && part.period_month != *scope.period) return false;
  if (!scope.employee_id.empty() && part.employee_id != scope.employee_id) return false;
  if (scope.catch_up) {
    return part.component == v1::COMPONENT_EMPLOYER && part.due_moved_by[0] >= 0;
  }
  if (scope.component == v1::COMPONENT_EMPLOYER || scope.component == v1::COMPONENT_EMPLOYEE) {
    return part.component == scope.component;
  }
  return true;
}

// One employer's events: the ledger's, then the rows that would be written
// (with the sequences the batch will give them), and what those settled.
struct EmployerBook {
  std::vector<v1::Event> ledger;
  std::deque<v1::Event> written;  // deque: pointers stay valid as it grows
  int64_t settled_principal_fen = 0;
  DayNumber last_paid_day = 0;  // of the written rows
};

class Reconciler {
 public:
  Reconciler(EventStore& store, const Rules& rules) : store_(store), rules_(rules) {}

  // Classifies `row` and, when it would be written, keeps its event.
  [[nodiscard]] absl::StatusOr<ReconciledRow> Classify(const PaymentRow& row);
  std::vector<v1::Event>& batch() { return batch_; }
  // The per-employer identity of the tie-out, for every employer with
  // written rows, in employer_id order.
  [[nodiscard]] absl::StatusOr<std::vector<EmployerTieOut>> TieOutEmployers();

 private:
  [[nodiscard]] absl::StatusOr<EmployerBook*> Employer(const std::string& employer_id);
  // The sequence the next written row will get when the batch is appended.
  uint64_t NextSequence() const { return store_.last_sequence() + batch_.size() + 1; }
  // Classifies by what the fold allocates to `event` (the settlement classes).
  [[nodiscard]] absl::Status Settle(const v1::Event& event, EmployerBook& employer,
                                    ReconciledRow& out);

  EventStore& store_;
  const Rules& rules_;
  absl::node_hash_map<std::string, EmployerBook> employers_;
  struct Seen {
    v1::Event event;
    int64_t line = 0;
  };
  absl::flat_hash_map<std::string, Seen> ids_;  // payment_id -> earlier row
  absl::flat_hash_map<std::string, std::pair<std::string, int64_t>> receipts_;
  std::vector<v1::Event> batch_;
  std::vector<const v1::Event*> all_;
  std::vector<const v1::Event*> view_;
  Projection projection_;
};

absl::StatusOr<EmployerBook*> Reconciler::Employer(const std::string& employer_id) {
  auto found = employers_.find(employer_id);
  if (found == employers_.end()) {
    ASSIGN_OR_RETURN(std::vector<v1::Event> events, store_.ReadEmployer(employer_id));
    found = employers_.emplace(employer_id, EmployerBook{std::move(events), {}}).first;
  }
  return &found->second;
}

absl::StatusOr<ReconciledRow> Reconciler::Classify(const PaymentRow& row) {
  ReconciledRow out;
  out.line = row.line;
  out.payment_id = row.payment_id;
  out.employer_id = row.employer_id;
  out.amount_fen = row.amount_fen.value_or(0);
  const auto classify = [&out](PaymentClass payment_class, std::string message) {
    out.payment_class = payment_class;
    out.message = std::move(message);
    return out;
  };
  if (!row.event) {
    return classify(PaymentClass::kMalformed, absl::StrFormat("%d: %s", row.line, row.problem));
  }
  const v1::Event& event = *row.event;
  ASSIGN_OR_RETURN(const std::optional<v1::Event> stored, store_.FindById(event.event_id()));
  if (stored) {
    if (store::CompareRepeat(*stored, event) == store::Repeat::kSame) {
      return classify(PaymentClass::kAlreadyRecorded,
                      absl::StrFormat("recorded as sequence %d", stored->sequence()));
    }
    return classify(PaymentClass::kConflictingId,
                    absl::StrFormat("payment_id %s is event %d in the ledger, with other "
                                    "content",
                                    EscapeForMessage(event.event_id()), stored->sequence()));
  }
  if (auto earlier = ids_.find(event.event_id()); earlier != ids_.end()) {
    if (store::CompareRepeat(earlier->second.event, event) == store::Repeat::kSame) {
      return classify(PaymentClass::kDuplicateInFile,
                      absl::StrFormat("the same row as line %d", earlier->second.line));
    }
    return classify(PaymentClass::kConflictingId,
                    absl::StrFormat("payment_id %s is on line %d with other content",
                                    EscapeForMessage(event.event_id()), earlier->second.line));
  }
  ids_.emplace(event.event_id(), Seen{event, row.line});
  if (const std::string_view receipt = store::TaxReceiptOf(event); !receipt.empty()) {
    auto [earlier_row, inserted] =
        receipts_.emplace(std::string(receipt), std::make_pair(event.event_id(), row.line));
    if (!inserted) {
      return classify(PaymentClass::kDuplicateReceipt,
                      absl::StrFormat("tax receipt %s is on line %d under payment_id %s",
                                      EscapeForMessage(receipt), earlier_row->second.second,
                                      EscapeForMessage(earlier_row->second.first)));
    }
    ASSIGN_OR_RETURN(const std::optional<v1::Event> holder,
                     store::ReceiptHolder(store_, receipt));
    if (holder) {
      return classify(PaymentClass::kDuplicateReceipt,
                      absl::StrFormat("tax receipt %s is already recorded as event %s "
                                      "(sequence %d, employer %s)",
                                      EscapeForMessage(receipt),
                                      EscapeForMessage(holder->event_id()), holder->sequence(),
                                      EscapeForMessage(holder->employer_id())));
    }
  }
  ASSIGN_OR_RETURN(EmployerBook * employer, Employer(event.employer_id()));
  if (employer->ledger.empty()) {
    return classify(PaymentClass::kUnknownEmployer,
                    absl::StrFormat("employer %s is not in the ledger",
                                    EscapeForMessage(event.employer_id())));
  }
  RETURN_IF_ERROR(Settle(event, *employer, out));
  if (IsWritten(out.payment_class)) {
    // The fold orders a day's payments by sequence: give the row the one
    // the batch will, so later rows see it where the ledger will hold it.
    v1::Event& written = employer->written.emplace_back(event);
    written.set_sequence(NextSequence());
    employer->settled_principal_fen += out.settled_principal_fen;
    employer->last_paid_day =
        std::max(employer->last_paid_day, DayNumberFromYyyymmdd(event.effective_date_yyyymmdd()));
    batch_.push_back(event);
  }
  return out;
}

absl::StatusOr<std::vector<EmployerTieOut>> Reconciler::TieOutEmployers() {
  std::vector<EmployerTieOut> tie_outs;
  for (auto& [employer_id, book] : employers_) {
    if (book.written.empty()) continue;
    EmployerTieOut tie_out;
    tie_out.employer_id = employer_id;
    tie_out.as_of = ToCivilDay(book.last_paid_day);
    tie_out.settled_principal_fen = book.settled_principal_fen;
    all_.clear();
    for (const v1::Event& stored : book.ledger) all_.push_back(&stored);
    ASSIGN_OR_RETURN(tie_out.outstanding_before_fen,
                     OutstandingPrincipal(rules_, all_, tie_out.as_of, view_, projection_));
    for (const v1::Event& written : book.written) all_.push_back(&written);
    ASSIGN_OR_RETURN(tie_out.outstanding_after_fen,
                     OutstandingPrincipal(rules_, all_, tie_out.as_of, view_, projection_));
    tie_outs.push_back(std::move(tie_out));
  }
  std::sort(tie_outs.begin(), tie_outs.end(),
            [](const EmployerTieOut& a, const EmployerTieOut& b) {
              return a.employer_id < b.employer_id;
            });
  return tie_outs;
}

absl::Status Reconciler::Settle(const v1::Event& event, EmployerBook& employer,
                                ReconciledRow& out) {
  // The candidate sorts after every ledger event and earlier row of its day.
  v1::Event candidate = event;
  candidate.set_sequence(NextSequence());
  all_.clear();
  for (const v1::Event& stored : employer.ledger) all_.push_back(&stored);
  for (const v1::Event& written : employer.written) all_.push_back(&written);
  all_.push_back(&candidate);
  const absl::CivilDay paid_date = ToCivilDay(DayNumberFromYyyymmdd(event.effective_date_yyyymmdd()));
  SelectViewInto(all_, paid_date, kKnownAtEverything, view_);
  RETURN_IF_ERROR(FoldEmployerInto(rules_, view_, paid_date, projection_));
  if (!projection_.status.registered) {
    out.payment_class = PaymentClass::kBeforeRegistration;
    out.message = absl::StrFormat("paid %s, before the employer's registration",
                                  FormatDate(paid_date));
    return absl::OkStatus();
  }
  int32_t candidate_index = -1;
  for (size_t i = 0; i < projection_.events.size(); ++i) {
    if (projection_.events[i] == &candidate) candidate_index = static_cast<int32_t>(i);
  }
  const Scope scope = ScopeOf(event);
  bool period_assessed = !scope.period.has_value();
  int64_t remaining_fen = 0;
  for (const Part& part : projection_.parts) {
    projection_.ForEachAllocation(part.allocations, [&](const Allocation& allocation) {
      if (allocation.event_index == candidate_index) {
        out.settled_principal_fen += allocation.amount_fen;
      }
    });
    if (scope.period && part.period_month == *scope.period &&
        part.assessed_day <= scope.paid_day) {
      period_assessed = true;
    }
    const bool due = scope.period || scope.catch_up || part.due_day <= scope.paid_day;
    if (scope.component != v1::COMPONENT_LATE_FEE && PartInScope(part, scope) && due) {
      remaining_fen += part.principal_fen - part.paid_fen;
    }
  }
  for (const ObligationRow& row : projection_.rows) {
    projection_.ForEachAllocation(row.fee_allocations, [&](const Allocation& allocation) {
      if (allocation.event_index == candidate_index) {
        out.settled_late_fee_fen += allocation.amount_fen;
      }
    });
    if (scope.component == v1::COMPONENT_LATE_FEE &&
        (!scope.period || ToMonthNumber(row.period) == *scope.period)) {
      remaining_fen += row.late_fee_fen - row.late_fee_paid_fen;
    }
  }
  out.credit_fen = out.amount_fen - out.settled_principal_fen - out.settled_late_fee_fen;
  const int64_t settled = out.settled_principal_fen + out.settled_late_fee_fen;
  if (!period_assessed) {
    out.payment_class = PaymentClass::kPeriodNotAssessed;
    out.message = absl::StrFormat(
        "no contribution of period %s is assessed by %s: all %d fen is credit",
        FormatMonth(ToCivilMonth(*scope.period)), FormatDate(paid_date), out.credit_fen);
  } else if (settled == 0) {
    out.payment_class = PaymentClass::kNothingOwed;
    out.message = absl::StrFormat("nothing in its scope was owed on %s: all %d fen is credit",
                                  FormatDate(paid_date), out.credit_fen);
  } else if (out.credit_fen > 0) {
    out.payment_class = PaymentClass::kOverpaid;
    out.message = absl::StrFormat("settled %d fen; %d fen more than was owed is credit",
                                  settled, out.credit_fen);
  } else if (remaining_fen > 0) {
    out.payment_class = PaymentClass::kPartial;
    out.message = absl::StrFormat("settled %d fen; %d fen in its scope is still outstanding",
                                  settled, remaining_fen);
  } else {
    out.payment_class = PaymentClass::kMatched;
    out.message = absl::StrFormat("settled %d fen: nothing in its scope is left outstanding",
                                  settled);
  }
  return absl::OkStatus();
}

// Returns "" when every identity of the tie-out holds, else the first that
// breaks with its figures. Each side is summed from its own parts.
std::string TieOutProblem(const ReconcileReport& report) {
  int64_t over_classes = 0;
  int64_t written = 0;
  for (size_t i = 0; i < kPaymentClasses; ++i) {
    over_classes += report.classes[i].amount_fen;
    if (IsWritten(static_cast<PaymentClass>(i))) written += report.classes[i].amount_fen;
  }
  if (over_classes != report.amount_fen) {
    return absl::StrFormat("the file's amount %d fen is not the sum over classes, %d fen",
                           report.amount_fen, over_classes);
  }
  const int64_t settled =
      report.settled_principal_fen + report.settled_late_fee_fen + report.credit_fen;
  if (written != settled) {
    return absl::StrFormat(
        "the written rows' amount %d fen is not settled principal %d + settled late fee %d + "
        "credit %d = %d fen",
        written, report.settled_principal_fen, report.settled_late_fee_fen, report.credit_fen,
        settled);
  }
  for (const EmployerTieOut& tie_out : report.employer_tie_outs) {
    if (tie_out.ok()) continue;
    return absl::StrFormat(
        "employer %s: outstanding principal on %s after the file, %d fen, is not %d before "
        "it minus %d settled by its rows (%d fen): the ledger holds payments dated between "
        "its rows, or its rows are not in paid_date order, so R10 allocates them otherwise "
        "when written; sort the file by paid_date",
        EscapeForMessage(tie_out.employer_id), FormatDate(tie_out.as_of),
        tie_out.outstanding_after_fen, tie_out.outstanding_before_fen,
        tie_out.settled_principal_fen,
        tie_out.outstanding_before_fen - tie_out.settled_principal_fen);
  }
  return "";
}

// The record of an applied run; the store numbers it and adds its clock and
// sequences (event_store.h, AppendReconcileRun).
v1::ReconcileRun RunRecord(const ReconcileReport& report, const std::string& sha256) {
  v1::ReconcileRun run;
  run.set_file(report.file);
  run.set_sha256(sha256);
  run.set_rows(report.rows);
  run.set_amount_fen(report.amount_fen);
  for (size_t i = 0; i < kPaymentClasses; ++i) {
    v1::ReconcileClassCount& count = *run.add_classes();
    count.set_payment_class(std::string(kClassNames[i]));
    count.set_rows(report.classes[i].rows);
    count.set_amount_fen(report.classes[i].amount_fen);
  }
  run.set_settled_principal_fen(report.settled_principal_fen);
  run.set_settled_late_fee_fen(report.settled_late_fee_fen);
  run.set_credit_fen(report.credit_fen);
  return run;
}

}  // namespace

std::string_view PaymentClassName(PaymentClass payment_class) {
  return kClassNames[static_cast<size_t>(payment_class)];
}

bool IsWritten(PaymentClass payment_class) {
  return payment_class >= PaymentClass::kPeriodNotAssessed;
}

absl::StatusOr<ReconcileReport> Reconcile(EventStore& store, const Rules& rules,
                                          std::string_view file_name, std::string_view contents,
                                          const ReconcileOptions& options) {
  std::string converted;
  std::string_view text = contents;
  if (options.encoding == FileEncoding::kGb18030) {
    ASSIGN_OR_RETURN(converted, Gb18030ToUtf8(contents, file_name));
    text = converted;
  }
  ASSIGN_OR_RETURN(const std::vector<PaymentRow> rows, ParsePaymentsFile(text, file_name));
  ReconcileReport report;
  report.file = std::string(file_name);
  const std::string sha256 = store::Sha256(contents);  // of the bytes as given
  report.sha256_hex = store::HexEncode(sha256);
  ASSIGN_OR_RETURN(report.earlier_runs, store.ReconcileRuns(sha256));
  Reconciler reconciler(store, rules);
  absl::flat_hash_set<std::string> employers_in_file;
  for (const PaymentRow& row : rows) {
    ASSIGN_OR_RETURN(ReconciledRow reconciled, reconciler.Classify(row));
    employers_in_file.insert(row.employer_id);
    if (row.event) {
      const absl::CivilDay paid = ToCivilDay(DayNumberFromYyyymmdd(row.event->effective_date_yyyymmdd()));
      if (!report.last_paid_date || paid > *report.last_paid_date) report.last_paid_date = paid;
    }
    ++report.rows;
    ClassTotal& total = report.classes[static_cast<size_t>(reconciled.payment_class)];
    ++total.rows;
    total.amount_fen += reconciled.amount_fen;
    report.amount_fen += reconciled.amount_fen;
    if (IsWritten(reconciled.payment_class)) {
      report.settled_principal_fen += reconciled.settled_principal_fen;
      report.settled_late_fee_fen += reconciled.settled_late_fee_fen;
      report.credit_fen += reconciled.credit_fen;
    }
    report.details.push_back(std::move(reconciled));
  }
  ASSIGN_OR_RETURN(report.employer_tie_outs, reconciler.TieOutEmployers());
  report.tie_out_problem = TieOutProblem(report);
  report.tie_out_ok = report.tie_out_problem.empty();
  if (options.expected_period && report.last_paid_date) {
    report.expected_period = options.expected_period;
    ASSIGN_OR_RETURN(report.unpaid,
                     FindUnpaid(store, rules, *options.expected_period, *report.last_paid_date,
                                employers_in_file));
    for (const UnpaidEmployer& unpaid : report.unpaid) report.unpaid_fen += unpaid.amount_fen;
  } else if (options.expected_period) {
    report.expected_period = options.expected_period;  // no paid date: nothing was due by it
  }
  // A file applied before with nothing new to write is not recorded again:
  // the run that wrote it says when and with what.
  const bool nothing_new = reconciler.batch().empty() && !report.earlier_runs.empty();
  if (options.apply && report.tie_out_ok && !nothing_new) {
    ASSIGN_OR_RETURN(const AppendResult appended,
                     store.AppendReconcileRun(std::move(reconciler.batch()), options.now_us,
                                              RunRecord(report, sha256)));
    report.applied = true;
    report.run = static_cast<uint32_t>(report.earlier_runs.size()) + 1;
    report.first_sequence = appended.first_sequence;
    report.last_sequence = appended.last_sequence;
  }
  return report;
}

}  // namespace ledger
