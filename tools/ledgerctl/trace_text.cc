#include "tools/ledgerctl/trace_text.h"

#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/money.h"

namespace ledgerctl {
namespace {

using ledger::FormatFen;

// Parts listed per row in the narrative; json lists all.
constexpr int kPartsShownMax = 3;

std::string DueStepText(const ledger::v1::TraceDueStep& step) {
  if (step.rule() == "R6") {
    return absl::StrFormat("deferred to %s by grant %s (R6)", step.date(), step.event_id());
  }
  if (step.rule() == "R9" && step.event_type() == "deferral_revoked") {
    return absl::StrFormat("due %s again: %s revoked the grant (R9)", step.date(),
                           step.event_id());
  }
  const char* why = step.rule() == "R7"   ? "the employee left"
                         : step.rule() == "R8" ? "deregistration"
                                               : "withdrawal of the grant";
  return absl::StrFormat("brought forward to %s by %s %s (%s)", step.date(), why,
                         step.event_id(), step.rule());
}

void AppendParts(const ledger::v1::TraceRow& row, std::string& out) {
  std::vector<std::string> shown;
  for (int i = 0; i < row.parts_size() && i < kPartsShownMax; ++i) {
    const ledger::v1::TracePart& part = row.parts(i);
    shown.push_back(absl::StrFormat("%s %s x %s = %s (%s, %s)", part.employee_id(),
                                    FormatFen(part.base_fen()),
                                    BasisPointsAsPercent(part.rate_bp()),
                                    FormatFen(part.amount_fen()), part.assessed_by(),
                                    part.assessed_date()));
  }
  if (row.parts_size() > kPartsShownMax) {
    shown.push_back(absl::StrFormat("and %d more (json lists all)",
                                    row.parts_size() - kPartsShownMax));
  }
  absl::StrAppend(&out, "  assessed: ", absl::StrJoin(shown, "; "), "\n");
}

void AppendPayments(const char* label,
                    const google::protobuf::RepeatedPtrField<ledger::v1::TracePayment>& payments,
                    std::string& out) {
  if (payments.empty()) return;
  std::vector<std::string> shown;
  for (const ledger::v1::TracePayment& payment : payments) {
    shown.push_back(absl::StrFormat("%s fen by %s on %s", FormatFen(payment.amount_fen()),
                                    payment.event_id(), payment.paid_date()));
  }
  absl::StrAppend(&out, "  ", label, ": ", absl::StrJoin(shown, "; "), "\n");
}

// "2022-08-26..2022-11-30: 97 days x 138 750 x 0.05 % = 6 729.375"
std::string SegmentText(const ledger::v1::TraceFeeSegment& segment) {
  return absl::StrFormat("%s..%s: %d days x %s x %s = %s", segment.from(), segment.to(),
                         segment.days(), FormatFen(segment.outstanding_fen()),
                         BasisPointsAsPercent(segment.rate_bp_per_day()),
                         UnitsAsFen(segment.units()));
}

// One kind of fee (waived or charged): each run of days, then the row's
// rounding once (R4) when there is more than one run.
void AppendFee(const ledger::v1::TraceRow& row, bool waived, std::string& out) {
  std::vector<const ledger::v1::TraceFeeSegment*> segments;
  for (const ledger::v1::TraceFeeSegment& segment : row.fee_segments()) {
    if (segment.waived() == waived) segments.push_back(&segment);
  }
  if (segments.empty()) return;
  const int64_t units = waived ? row.late_fee_waived_units() : row.late_fee_units();
  const int64_t fen = waived ? row.late_fee_waived_fen() : row.late_fee_before_cap_fen();
  const char* verb = waived ? "waived" : "charged";
  for (const ledger::v1::TraceFeeSegment* segment : segments) {
    absl::StrAppend(&out, "  ", SegmentText(*segment));
    if (segments.size() == 1) absl::StrAppend(&out, " -> ", FormatFen(fen), " fen ", verb);
    absl::StrAppend(&out, " (", segment->rule(), ": ", segment->reason(), ")\n");
  }
  if (segments.size() > 1) {
    absl::StrAppend(&out, "  ", verb, " in all: ", UnitsAsFen(units), " -> ", FormatFen(fen),
                    " fen (rounded once per row, R4)\n");
  }
  if (!waived && row.capped()) {
    absl::StrAppend(&out, "  capped at the row's principal: ", FormatFen(row.cap_fen()),
                    " fen (R4 cap_at_principal)\n");
  }
}

void AppendRow(const ledger::v1::TraceRow& row, std::string& out) {
  absl::StrAppend(&out, row.period(), " ", row.component());
  if (!row.employee_id().empty()) absl::StrAppend(&out, " ", row.employee_id());
  absl::StrAppend(&out, ": ", FormatFen(row.principal_fen()), " fen due ",
                  row.original_due_date());
  for (int i = 1; i < row.due_history_size(); ++i) {
    absl::StrAppend(&out, "; ", DueStepText(row.due_history(i)));
  }
  absl::StrAppend(&out, "\n");
  AppendParts(row, out);
  AppendPayments("settled", row.settlements(), out);
  AppendFee(row, /*waived=*/true, out);
  AppendFee(row, /*waived=*/false, out);
  AppendPayments("fee paid", row.fee_payments(), out);
  absl::StrAppend(
      &out, absl::StrFormat("  => paid %s, outstanding %s; late fee %s, paid %s; waived %s (fen)\n",
                            FormatFen(row.paid_fen()), FormatFen(row.outstanding_fen()),
                            FormatFen(row.late_fee_fen()), FormatFen(row.late_fee_paid_fen()),
                            FormatFen(row.late_fee_waived_fen())));
}

}  // namespace

std::string UnitsAsFen(int64_t units) {
  const bool negative = units < 0;
  const int64_t magnitude = negative ? -units : units;
  std::string text = FormatFen(magnitude / 10000);
  int64_t fraction = magnitude % 10000;
  if (fraction != 0) {
    std::string digits = absl::StrFormat("%04d", fraction);
    while (digits.back() == '0') digits.pop_back();
    absl::StrAppend(&text, ".", digits);
  }
  return negative ? "-" + text : text;
}

std::string BasisPointsAsPercent(int64_t rate_bp) {
  return absl::StrFormat("%d.%02d %%", rate_bp / 100, rate_bp % 100);
}

std::string TraceNarrative(const ledger::v1::Trace& trace) {
  std::string out = absl::StrFormat(
      "employer %s %s (area %s)  as of %s  known at %s  rules v%d\n", trace.employer_id(),
      trace.name(), trace.pooling_area(), trace.as_of(), trace.known_at(), trace.rules_version());
  for (const ledger::v1::TraceRow& row : trace.rows()) AppendRow(row, out);
  for (const ledger::v1::TraceReversed& reversed : trace.reversed()) {
    absl::StrAppend(&out, absl::StrFormat(
                              "reversed: %s %s of %s fen on %s%s, reversed by %s (recorded %s): "
                              "it settles nothing\n",
                              reversed.event_type(), reversed.event_id(),
                              FormatFen(reversed.amount_fen()), reversed.effective_date(),
                              reversed.period().empty() ? "" : " for " + reversed.period(),
                              reversed.reversed_by(), reversed.reversed_at()));
  }
  const ledger::v1::BalanceTotals& totals = trace.totals();
  absl::StrAppend(
      &out, absl::StrFormat("totals: principal %s, paid %s, outstanding %s (overdue %s); late fee "
                            "%s, paid %s, outstanding %s; waived %s; credit %s (fen)\n",
                            FormatFen(totals.principal_fen()), FormatFen(totals.paid_fen()),
                            FormatFen(totals.outstanding_fen()), FormatFen(totals.overdue_fen()),
                            FormatFen(totals.late_fee_fen()), FormatFen(totals.late_fee_paid_fen()),
                            FormatFen(totals.late_fee_outstanding_fen()),
                            FormatFen(totals.late_fee_waived_fen()),
                            FormatFen(trace.credit_fen())));
  return out;
}

}  // namespace ledgerctl
