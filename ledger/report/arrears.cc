// See arrears.h.
#include "ledger/report/arrears.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_format.h"
#include "ledger/check.h"
#include "ledger/dates.h"
#include "ledger/domain/view.h"
#include "ledger/status_macros.h"

namespace ledger {
namespace {

// The last day past due of each bucket but the last (which has no end).
constexpr std::array<int64_t, kAgingBuckets - 1> kBucketLastDay = {30, 90, 180, 365};
constexpr std::string_view kBucketNames[kAgingBuckets] = {"1-30", "31-90", "91-180",
                                                          "181-365", "over-365"};

}  // namespace

std::string_view AgingBucketName(size_t bucket) {
  LEDGER_CHECK(bucket < kAgingBuckets, "aging bucket index");
  return kBucketNames[bucket];
}

size_t AgingBucketOf(int64_t days_past_due) {
  LEDGER_CHECK(days_past_due >= 1, "a row in arrears is at least 1 day past due");
  size_t bucket = 0;
  while (bucket < kBucketLastDay.size() && days_past_due > kBucketLastDay[bucket]) ++bucket;
  return bucket;
}

std::optional<ArrearsLine> ArrearsLineOf(const Projection& projection,
                                         std::string_view employer_id) {
  if (!projection.status.registered || projection.totals.overdue_fen <= 0) return std::nullopt;
  ArrearsLine line;
  line.employer_id = std::string(employer_id);
  line.name = std::string(projection.status.name);
  line.pooling_area = std::string(projection.status.pooling_area);
  std::optional<absl::CivilDay> oldest;
  for (const ObligationRow& row : projection.rows) {
    const int64_t outstanding_fen = row.outstanding_fen();
    if (outstanding_fen == 0) continue;
    if (row.due_date >= projection.as_of) {
      // Not yet due: owed, not overdue; a deferred row is what the clerk
      // will chase after its catch-up date.
      if (row.deferred) line.deferred_outstanding_fen += outstanding_fen;
      continue;
    }
    // The fold's figures fit int64 (it refuses a view where they do not),
    // and every sum here is a part of totals.overdue_fen.
    line.overdue_fen += outstanding_fen;
    line.buckets_fen[AgingBucketOf(projection.as_of - row.due_date)] += outstanding_fen;
    if (!oldest || row.due_date < *oldest) oldest = row.due_date;
  }
  int64_t buckets_fen = 0;
  for (const int64_t bucket_fen : line.buckets_fen) buckets_fen += bucket_fen;
  // The contract of the report: Σ buckets = overdue = owed's overdue_fen.
  LEDGER_CHECK(buckets_fen == line.overdue_fen && line.overdue_fen == projection.totals.overdue_fen,
               "arrears buckets tie out to owed's overdue_fen");
  LEDGER_CHECK(oldest.has_value(), "an employer with overdue principal has an oldest due date");
  line.oldest_due_date = *oldest;
  line.late_fee_outstanding_fen = projection.totals.late_fee_outstanding_fen;
  // The view is in fold order (effective date first): the last payment in
  // it is the latest one.
  for (auto event = projection.events.rbegin(); event != projection.events.rend(); ++event) {
    if (IsPayment(**event)) {
      line.last_payment_date = DecodeDate((*event)->effective_date_yyyymmdd());
      break;
    }
  }
  return line;
}

ArrearsList::ArrearsList(const Rules& rules, ArrearsRequest request)
    : rules_(rules),
      request_(std::move(request)),
      query_{request_.as_of, request_.known_at_us, /*explain=*/false} {}

void ArrearsList::Keep(std::string_view employer_id,
                       const std::optional<v1::EmployerBalance>& balance) {
  if (!balance) return;  // not registered in the view
  if (!request_.pooling_area.empty() && folder_.pooling_area() != request_.pooling_area) return;
  std::optional<ArrearsLine> line = ArrearsLineOf(folder_.projection(), employer_id);
  if (!line || line->overdue_fen < request_.min_overdue_fen) return;
  LEDGER_CHECK(line->overdue_fen == balance->totals().overdue_fen(),
               "arrears overdue_fen is owed's totals.overdue_fen");
  lines_.push_back(*std::move(line));
}

absl::Status ArrearsList::AddEmployer(std::string_view employer_id,
                                      const std::vector<const v1::Event*>& events) {
  ASSIGN_OR_RETURN(const std::optional<v1::EmployerBalance> balance,
                   folder_.Compute(rules_, employer_id, events, query_));
  Keep(employer_id, balance);
  return absl::OkStatus();
}

absl::Status ArrearsList::AddEmployer(std::string_view employer_id,
                                      const std::vector<v1::Event>& events) {
  ASSIGN_OR_RETURN(const std::optional<v1::EmployerBalance> balance,
                   folder_.Compute(rules_, employer_id, events, query_));
  Keep(employer_id, balance);
  return absl::OkStatus();
}

std::vector<ArrearsLine> ArrearsList::Finish() && {
  std::sort(lines_.begin(), lines_.end(), [](const ArrearsLine& a, const ArrearsLine& b) {
    return std::tie(b.overdue_fen, a.employer_id) < std::tie(a.overdue_fen, b.employer_id);
  });
  return std::move(lines_);
}

absl::StatusOr<std::vector<ArrearsLine>> ComputeArrears(
    const EventStore& store, const Rules& rules, const ArrearsRequest& request) {
  if (!request.pooling_area.empty() && rules.FindArea(request.pooling_area) == nullptr) {
    return absl::NotFoundError(absl::StrFormat("no pooling area %s in rules version %d",
                                               request.pooling_area, rules.version()));
  }
  ArrearsList list(rules, request);
  const absl::Status passed = store.ForEachEmployerEvents(
      [&](std::string_view employer_id, const EmployerEvents& events) -> absl::Status {
        RETURN_IF_ERROR(list.AddEmployer(employer_id, events.events()));
        return absl::OkStatus();
      });
  if (!passed.ok()) return passed;
  return std::move(list).Finish();
}

}  // namespace ledger
