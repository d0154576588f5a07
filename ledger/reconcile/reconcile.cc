// See reconcile.h.
#include "ledger/reconcile/reconcile.h"

#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/day_number.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/projection.h"
#include "ledger/domain/view.h"
#include "ledger/money.h"
#include "ledger/printable.h"
#include "ledger/reconcile/payments_file.h"
#include "ledger/status_macros.h"
#include "ledger/store/hashing.h"

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

// One employer's events: the ledger's, then the rows that would be written.
struct EmployerEvents {
  std::vector<v1::Event> ledger;
  std::deque<v1::Event> written;  // deque: pointers stay valid as it grows
};

class Reconciler {
 public:
  Reconciler(EventStore& store, const Rules& rules) : store_(store), rules_(rules) {}

  // Classifies `row` and, when it would be written, keeps its event.
  [[nodiscard]] absl::StatusOr<ReconciledRow> Classify(const PaymentRow& row);
  std::vector<v1::Event>& batch() { return batch_; }

 private:
  [[nodiscard]] absl::StatusOr<EmployerEvents*> Employer(const std::string& employer_id);
  // Classifies by what the fold allocates to `event` (the settlement classes).
  [[nodiscard]] absl::Status Settle(const v1::Event& event, EmployerEvents& employer,
                                    ReconciledRow& out);

  EventStore& store_;
  const Rules& rules_;
  absl::node_hash_map<std::string, EmployerEvents> employers_;
  struct Seen {
    std::string content;
    int64_t line = 0;
  };
  absl::flat_hash_map<std::string, Seen> ids_;  // payment_id -> earlier row
  absl::flat_hash_map<std::string, std::pair<std::string, int64_t>> receipts_;
  std::vector<v1::Event> batch_;
  std::vector<const v1::Event*> all_;
  std::vector<const v1::Event*> view_;
  Projection projection_;
};

absl::StatusOr<EmployerEvents*> Reconciler::Employer(const std::string& employer_id) {
  auto found = employers_.find(employer_id);
  if (found == employers_.end()) {
    ASSIGN_OR_RETURN(std::vector<v1::Event> events, store_.ReadEmployer(employer_id));
    found = employers_.emplace(employer_id, EmployerEvents{std::move(events), {}}).first;
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
  const std::string content = store::EventContentForm(event);
  ASSIGN_OR_RETURN(const std::optional<v1::Event> stored, store_.FindById(event.event_id()));
  if (stored) {
    if (store::EventContentForm(*stored) == content) {
      return classify(PaymentClass::kAlreadyRecorded,
                      absl::StrFormat("recorded as sequence %d", stored->sequence()));
    }
    return classify(PaymentClass::kConflictingId,
                    absl::StrFormat("payment_id %s is event %d in the ledger, with other "
                                    "content",
                                    EscapeForMessage(event.event_id()), stored->sequence()));
  }
  if (auto earlier = ids_.find(event.event_id()); earlier != ids_.end()) {
    if (earlier->second.content == content) {
      return classify(PaymentClass::kDuplicateInFile,
                      absl::StrFormat("the same row as line %d", earlier->second.line));
    }
    return classify(PaymentClass::kConflictingId,
                    absl::StrFormat("payment_id %s is on line %d with other content",
                                    EscapeForMessage(event.event_id()), earlier->second.line));
  }
  ids_.emplace(event.event_id(), Seen{content, row.line});
  if (!row.tax_receipt_no.empty()) {
    auto [receipt, inserted] =
        receipts_.emplace(row.tax_receipt_no, std::make_pair(event.event_id(), row.line));
    if (!inserted) {
      return classify(PaymentClass::kDuplicateReceipt,
                      absl::StrFormat("tax receipt %s is on line %d under payment_id %s",
                                      EscapeForMessage(row.tax_receipt_no),
                                      receipt->second.second,
                                      EscapeForMessage(receipt->second.first)));
    }
  }
  ASSIGN_OR_RETURN(EmployerEvents * employer, Employer(event.employer_id()));
  if (employer->ledger.empty()) {
    return classify(PaymentClass::kUnknownEmployer,
                    absl::StrFormat("employer %s is not in the ledger",
                                    EscapeForMessage(event.employer_id())));
  }
  RETURN_IF_ERROR(Settle(event, *employer, out));
  if (IsWritten(out.payment_class)) {
    employer->written.push_back(event);
    batch_.push_back(event);
  }
  return out;
}

absl::Status Reconciler::Settle(const v1::Event& event, EmployerEvents& employer,
                                ReconciledRow& out) {
  // The candidate sorts after every ledger event and earlier row of its day.
  v1::Event candidate = event;
  candidate.set_sequence(store_.last_sequence() + batch_.size() + 1);
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
  ASSIGN_OR_RETURN(const std::vector<PaymentRow> rows, ParsePaymentsFile(contents, file_name));
  ReconcileReport report;
  report.file = std::string(file_name);
  report.sha256_hex = store::HexEncode(store::Sha256(contents));
  Reconciler reconciler(store, rules);
  for (const PaymentRow& row : rows) {
    ASSIGN_OR_RETURN(ReconciledRow reconciled, reconciler.Classify(row));
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
  // The tie-out, each side from its own parts: the file's amount is the sum
  // over classes, and what is written is what it settled plus credit.
  int64_t over_classes = 0;
  int64_t written = 0;
  for (size_t i = 0; i < kPaymentClasses; ++i) {
    over_classes += report.classes[i].amount_fen;
    if (IsWritten(static_cast<PaymentClass>(i))) written += report.classes[i].amount_fen;
  }
  report.tie_out_ok = over_classes == report.amount_fen &&
                      written == report.settled_principal_fen + report.settled_late_fee_fen +
                                     report.credit_fen;
  if (options.apply && report.tie_out_ok && !reconciler.batch().empty()) {
    ASSIGN_OR_RETURN(const AppendResult appended,
                     store.Append(std::move(reconciler.batch()), options.now_us));
    report.applied = true;
    report.first_sequence = appended.first_sequence;
    report.last_sequence = appended.last_sequence;
  }
  return report;
}

}  // namespace ledger
