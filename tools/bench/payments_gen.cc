// See payments_gen.h.
#include "tools/bench/payments_gen.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/domain/employer_state.h"
#include "ledger/domain/projection.h"
#include "ledger/domain/view.h"
#include "ledger/status_macros.h"
#include "ledger/store/employer_events.h"
#include "tools/bench/rng.h"

namespace ledger_bench {
namespace {

using ledger::PaymentClass;
namespace v1 = ledger::v1;

// What a settling row names: one period's employer or employee portion,
// with what is outstanding in it (parts assessed by the paid date).
struct Scope {
  int32_t period_yyyymm = 0;
  bool employer = false;
  int64_t remaining_fen = 0;
};

// One employer as of the paid date, from one fold.
struct EmployerAtDate {
  std::string id;
  bool registered = false;  // in the view on the paid date
  absl::CivilDay registered_on;
  std::vector<Scope> scopes;  // every assessed (period, component), in fold row order
};

// One row of the file and the class it was built to have.
struct Row {
  std::string payment_id;
  std::string employer_id;
  std::string paid_date;
  std::string amount;
  std::string period;
  std::string component;
  std::string employee_id;
  std::string receipt;
  PaymentClass expected = PaymentClass::kMalformed;
};

// Per 10 000 rows: what a row is built to be (a draw that cannot be built
// for its employer, e.g. a duplicate before any row, falls back to
// nothing_owed or period_not_assessed; the injected counts are what was built).
enum class Draw {
  kMalformed, kAlreadyRecorded, kConflictingId, kDuplicateInFile, kDuplicateReceipt,
  kUnknownEmployer, kBeforeRegistration, kPeriodNotAssessed, kSettle, kNothingOwed,
};
constexpr int kDrawCumulative[] = {50, 100, 150, 200, 250, 300, 330, 530, 2530, 10000};
// A period no ledger of the bench assesses.
constexpr char kUnassessedPeriod[] = "2031-06";
// Kept of the ledger's payments, to copy (already_recorded, conflicting_id).
constexpr size_t kPaymentSample = 4096;

std::string ComponentText(const v1::Event& event) {
  if (event.has_catch_up_paid()) return "catch_up";
  switch (event.contribution_paid().component()) {
    case v1::COMPONENT_EMPLOYER: return "employer";
    case v1::COMPONENT_EMPLOYEE: return "employee";
    case v1::COMPONENT_LATE_FEE: return "late_fee";
    default: return "";
  }
}

// The file row that reproduces a payment event of the ledger.
Row RowOf(const v1::Event& event) {
  const bool catch_up = event.has_catch_up_paid();
  const int32_t period = catch_up ? event.catch_up_paid().period_yyyymm()
                                  : event.contribution_paid().period_yyyymm();
  Row row;
  row.payment_id = event.event_id();
  row.employer_id = event.employer_id();
  row.paid_date = ledger::FormatDate(ledger::DecodeDate(event.effective_date_yyyymmdd()));
  row.amount = absl::StrCat(catch_up ? event.catch_up_paid().amount_fen()
                                     : event.contribution_paid().amount_fen());
  if (period != 0) row.period = ledger::FormatMonth(ledger::DecodeMonth(period));
  row.component = ComponentText(event);
  row.employee_id = catch_up ? event.catch_up_paid().employee_id()
                             : event.contribution_paid().employee_id();
  return row;
}

// Builds the rows of one employer's stream, in file order, following what
// each settling row leaves outstanding in its scope.
class StreamBuilder {
 public:
  StreamBuilder(EmployerAtDate& employer, const PaymentsOptions& options,
                const std::vector<v1::Event>& payments, int64_t& next_id, Rng rng)
      : employer_(employer),
        options_(options),
        payments_(payments),
        next_id_(next_id),
        rng_(rng),
        paid_date_(ledger::FormatDate(options.paid_date)) {}

  std::vector<Row> Build(int64_t rows) {
    std::vector<Row> out;
    out.reserve(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) out.push_back(Next(static_cast<Draw>(rng_.Pick(kDrawCumulative))));
    return out;
  }

 private:
  Row Fresh() {
    Row row;
    row.payment_id = absl::StrFormat("bench-%08d", next_id_);
    row.receipt = absl::StrFormat("3%019d", next_id_);
    ++next_id_;
    row.employer_id = employer_.id;
    row.paid_date = paid_date_;
    return row;
  }
  Row Written(Row row) {
    written_.push_back(row);
    return row;
  }
  Row Settling(const Scope& scope, int64_t amount_fen, PaymentClass expected) {
    Row row = Fresh();
    row.period = ledger::FormatMonth(ledger::DecodeMonth(scope.period_yyyymm));
    row.component = scope.employer ? "employer" : "employee";
    row.amount = absl::StrCat(amount_fen);
    row.expected = expected;
    return Written(std::move(row));
  }
  Row Next(Draw draw);
  Row Settle();
  Row NothingOwed();
  Row PeriodNotAssessed();
  Row Malformed();
  Row BeforeRegistration();

  EmployerAtDate& employer_;
  const PaymentsOptions& options_;
  const std::vector<v1::Event>& payments_;
  int64_t& next_id_;
  Rng rng_;
  std::string paid_date_;
  std::vector<Row> written_;  // this stream's rows of a written class, so far
};

Row StreamBuilder::PeriodNotAssessed() {
  Row row = Fresh();
  row.period = kUnassessedPeriod;
  row.component = rng_.Chance(5000) ? "employer" : "employee";
  row.amount = absl::StrCat(rng_.Between(1, 500'000));
  row.expected = PaymentClass::kPeriodNotAssessed;
  return Written(std::move(row));
}

Row StreamBuilder::NothingOwed() {
  std::vector<const Scope*> paid;
  for (const Scope& scope : employer_.scopes) {
    if (scope.remaining_fen == 0) paid.push_back(&scope);
  }
  if (paid.empty()) return PeriodNotAssessed();
  const Scope& scope = *paid[static_cast<size_t>(rng_.Between(0, static_cast<int64_t>(paid.size()) - 1))];
  return Settling(scope, rng_.Between(1, 200'000), PaymentClass::kNothingOwed);
}

Row StreamBuilder::Settle() {
  std::vector<Scope*> owing;
  for (Scope& scope : employer_.scopes) {
    if (scope.remaining_fen > 0) owing.push_back(&scope);
  }
  if (owing.empty()) return NothingOwed();
  Scope& scope = *owing[static_cast<size_t>(rng_.Between(0, static_cast<int64_t>(owing.size()) - 1))];
  const int64_t remaining_fen = scope.remaining_fen;
  const int64_t draw = rng_.Between(0, 99);
  if (draw < 60 && remaining_fen >= 2) {
    const int64_t amount_fen = rng_.Between(1, std::max<int64_t>(1, remaining_fen / 4));
    scope.remaining_fen -= amount_fen;
    return Settling(scope, amount_fen, PaymentClass::kPartial);
  }
  scope.remaining_fen = 0;
  if (draw < 90) return Settling(scope, remaining_fen, PaymentClass::kMatched);
  return Settling(scope, remaining_fen + rng_.Between(1, 10'000), PaymentClass::kOverpaid);
}

Row StreamBuilder::Malformed() {
  Row row = Fresh();
  row.period = "2023-11";
  row.component = "employer";
  row.amount = "100";
  switch (rng_.Between(0, 4)) {
    case 0: row.amount = "12.50"; break;          // not whole fen
    case 1: row.amount = "-700"; break;           // not positive
    case 2: row.paid_date = "2023-02-30"; break;  // no such day
    case 3: row.component = "bonus"; break;       // not a component
    default: row.period = "2023-13"; break;       // no such month
  }
  row.expected = PaymentClass::kMalformed;
  return row;
}

Row StreamBuilder::BeforeRegistration() {
  Row row = Fresh();
  row.paid_date = ledger::FormatDate(employer_.registered_on - 1);
  row.amount = absl::StrCat(rng_.Between(1, 100'000));
  row.expected = PaymentClass::kBeforeRegistration;
  return row;
}

Row StreamBuilder::Next(Draw draw) {
  if (!employer_.registered) {
    // Not registered on the paid date: every payment of the day is early.
    if (draw == Draw::kMalformed) return Malformed();
    Row row = Fresh();
    row.amount = absl::StrCat(rng_.Between(1, 100'000));
    row.expected = PaymentClass::kBeforeRegistration;
    return row;
  }
  switch (draw) {
    case Draw::kMalformed:
      return Malformed();
    case Draw::kAlreadyRecorded:
    case Draw::kConflictingId: {
      const v1::Event& event =
          payments_[static_cast<size_t>(rng_.Between(0, static_cast<int64_t>(payments_.size()) - 1))];
      Row row = RowOf(event);
      row.expected = PaymentClass::kAlreadyRecorded;
      if (draw == Draw::kConflictingId) {
        // Half the ledger's ids with another amount, half an earlier row's.
        if (!written_.empty() && rng_.Chance(5000)) {
          row = written_[static_cast<size_t>(rng_.Between(0, static_cast<int64_t>(written_.size()) - 1))];
          row.receipt.clear();
        }
        row.amount = absl::StrCat(std::stoll(row.amount) + 1);
        row.expected = PaymentClass::kConflictingId;
      }
      return row;
    }
    case Draw::kDuplicateInFile:
    case Draw::kDuplicateReceipt: {
      if (written_.empty()) return NothingOwed();
      const Row& earlier =
          written_[static_cast<size_t>(rng_.Between(0, static_cast<int64_t>(written_.size()) - 1))];
      if (draw == Draw::kDuplicateInFile) {
        Row row = earlier;
        row.expected = PaymentClass::kDuplicateInFile;
        return row;
      }
      Row row = Fresh();
      row.receipt = earlier.receipt;
      row.amount = absl::StrCat(rng_.Between(1, 100'000));
      row.expected = PaymentClass::kDuplicateReceipt;
      return row;
    }
    case Draw::kUnknownEmployer: {
      Row row = Fresh();
      row.employer_id = absl::StrFormat("91000000BENCHX%04d", rng_.Between(0, 9999));
      row.amount = absl::StrCat(rng_.Between(1, 100'000));
      row.expected = PaymentClass::kUnknownEmployer;
      return row;
    }
    case Draw::kBeforeRegistration:
      return BeforeRegistration();
    case Draw::kPeriodNotAssessed:
      return PeriodNotAssessed();
    case Draw::kSettle:
      return Settle();
    case Draw::kNothingOwed:
      return NothingOwed();
  }
  return NothingOwed();
}

// Reads every employer once: its scopes as of the paid date (one fold) and
// a sample of the ledger's payments.
absl::Status ReadLedger(const ledger::EventStore& store, const ledger::Rules& rules,
                        const PaymentsOptions& options, std::vector<EmployerAtDate>& employers,
                        std::vector<v1::Event>& payments) {
  Rng sample_rng = Rng::For(options.seed, 0x5a);
  int64_t payments_seen = 0;
  std::vector<const v1::Event*> view;
  ledger::Projection projection;
  return store.ForEachEmployerEvents(
      [&](std::string_view employer_id, const ledger::EmployerEvents& events) -> absl::Status {
        EmployerAtDate employer;
        employer.id = std::string(employer_id);
        for (const v1::Event* event : events.events()) {
          if (event->has_employer_registered()) {
            employer.registered_on = ledger::DecodeDate(event->effective_date_yyyymmdd());
          }
          if (!ledger::IsPayment(*event)) continue;
          // Reservoir sampling: every payment equally likely to be kept.
          ++payments_seen;
          if (payments.size() < kPaymentSample) {
            payments.push_back(*event);
          } else if (const int64_t slot = sample_rng.Between(0, payments_seen - 1);
                     slot < static_cast<int64_t>(kPaymentSample)) {
            payments[static_cast<size_t>(slot)] = *event;
          }
        }
        ledger::SelectViewInto(events.events(), options.paid_date, ledger::kKnownAtEverything,
                               view);
        RETURN_IF_ERROR(ledger::FoldEmployerInto(rules, view, options.paid_date, projection));
        employer.registered = projection.status.registered;
        std::map<std::pair<int32_t, bool>, int64_t> outstanding;
        for (const ledger::ObligationRow& row : projection.rows) {
          outstanding[{ledger::EncodeMonth(row.period), row.component == v1::COMPONENT_EMPLOYER}] +=
              row.outstanding_fen();
        }
        for (const auto& [key, fen] : outstanding) {
          employer.scopes.push_back(Scope{key.first, key.second, fen});
        }
        employers.push_back(std::move(employer));
        return absl::OkStatus();
      });
}

std::string CsvLine(const Row& row) {
  return absl::StrCat(row.payment_id, ",", row.employer_id, ",", row.paid_date, ",", row.amount,
                      ",", row.period, ",", row.component, ",", row.employee_id, ",",
                      row.receipt, "\n");
}

}  // namespace

absl::StatusOr<PaymentsFile> GeneratePayments(const ledger::EventStore& store,
                                              const ledger::Rules& rules,
                                              const PaymentsOptions& options) {
  std::vector<EmployerAtDate> employers;
  std::vector<v1::Event> payments;
  RETURN_IF_ERROR(ReadLedger(store, rules, options, employers, payments));
  if (employers.empty() || payments.empty()) {
    return absl::FailedPreconditionError(
        "the ledger has no employer or no payment: import a city first");
  }
  // Each employer's stream, then all of them interleaved at random with
  // each stream's order kept (its rows depend on the ones before).
  const int64_t count = static_cast<int64_t>(employers.size());
  std::vector<std::vector<Row>> streams(employers.size());
  std::vector<std::pair<uint64_t, uint32_t>> keys;  // (position key, stream)
  keys.reserve(static_cast<size_t>(options.rows));
  int64_t next_id = 1;
  for (int64_t e = 0; e < count; ++e) {
    const int64_t rows = options.rows / count + (e < options.rows % count ? 1 : 0);
    Rng rng = Rng::For(options.seed, static_cast<uint64_t>(e) + 1);
    streams[static_cast<size_t>(e)] =
        StreamBuilder(employers[static_cast<size_t>(e)], options, payments, next_id, rng)
            .Build(rows);
    for (int64_t i = 0; i < rows; ++i) keys.emplace_back(rng.Next(), static_cast<uint32_t>(e));
  }
  std::sort(keys.begin(), keys.end());
  PaymentsFile file;
  file.employers = count;
  file.csv = "payment_id,employer_id,paid_date,amount_fen,period,component,employee_id,"
             "tax_receipt_no\n";
  file.expected.reserve(keys.size());
  std::vector<size_t> cursor(streams.size(), 0);
  for (const auto& [key, stream] : keys) {
    const Row& row = streams[stream][cursor[stream]++];
    file.csv += CsvLine(row);
    file.expected.push_back(row.expected);
    ++file.injected[static_cast<size_t>(row.expected)];
  }
  return file;
}

}  // namespace ledger_bench
