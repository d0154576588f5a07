// How each figure of `owed` came to be (the `trace` query): per obligation
// row its parts, due-date history, settlements, fee segments and fee
// payments, read from the fold's own record (ledger/domain/fold_trace.h),
// never recomputed. The shape is shared/spec/interchange.md "trace".
#ifndef LEDGER_QUERY_TRACE_H_
#define LEDGER_QUERY_TRACE_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "ledger/domain/fold_trace.h"
#include "ledger/domain/projection.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"
#include "ledger/v1/trace.pb.h"

namespace ledger {

struct TraceQuery {
  absl::CivilDay as_of;
  int64_t known_at_us = 0;
  std::optional<absl::CivilMonth> period;      // only this period's rows
  std::optional<v1::Component> component;      // only this component's rows
};

// Returns the trace of the employer from all of its `events` (any order), or
// nullopt when its registration is not in the view. FailedPrecondition when
// the rules cannot price the view.
[[nodiscard]] absl::StatusOr<std::optional<v1::Trace>> ComputeTrace(
    const Rules& rules, std::string_view employer_id, const std::vector<v1::Event>& events,
    const TraceQuery& query);

// Returns the trace message of a traced fold (`projection` folded with
// `trace`); `events` are all the employer's events, for the reversed payments.
v1::Trace ToTraceMessage(const Rules& rules, const Projection& projection,
                         const FoldTrace& trace, std::string_view employer_id,
                         const std::vector<v1::Event>& events, const TraceQuery& query);

}  // namespace ledger

#endif  // LEDGER_QUERY_TRACE_H_
