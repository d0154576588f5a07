#include "tools/bench/bench_fold.h"

#include "ledger/domain/employer_state.h"
#include "ledger/domain/view.h"
#include "ledger/query/owed.h"
#include "ledger/status_macros.h"

namespace ledger_bench {

absl::StatusOr<FoldFigures> BenchPureFold(const ledger::Rules& rules, const City& city,
                                          absl::CivilDay as_of, double min_seconds,
                                          int min_passes) {
  FoldFigures figures;
  figures.employers = static_cast<int64_t>(city.events.size());
  ledger::Projection projection;  // reused, as owed --all reuses it
  Stopwatch watch;
  CpuStopwatch cpu(/*whole_process=*/false);
  while (figures.passes < min_passes || watch.Seconds() < min_seconds) {
    const bool first_pass = figures.passes == 0;
    const Stopwatch pass_watch;
    for (const std::vector<ledger::v1::Event>& events : city.events) {
      const std::vector<const ledger::v1::Event*> view =
          ledger::SelectView(events, as_of, ledger::kKnownAtEverything);
      RETURN_IF_ERROR(ledger::FoldEmployerInto(rules, view, as_of, projection));
      figures.events += static_cast<int64_t>(view.size());
      if (!first_pass) continue;
      for (const ledger::v1::Event* event : view) {
        if (event->has_contribution_assessed()) {
          figures.assessment_lines += event->contribution_assessed().lines_size();
        }
      }
      if (projection.status.registered) {
        figures.outstanding_fen += projection.totals.outstanding_fen;
        figures.late_fee_fen += projection.totals.late_fee_fen;
        figures.credit_fen += projection.credit_fen;
        if (projection.totals.outstanding_fen > 0) ++figures.employers_owing;
      }
    }
    const double pass_seconds = pass_watch.Seconds();
    if (first_pass || pass_seconds < figures.fastest_pass_seconds) {
      figures.fastest_pass_seconds = pass_seconds;
    }
    ++figures.passes;
  }
  figures.seconds = watch.Seconds();
  figures.cpu_seconds = cpu.Seconds();
  figures.assessment_lines *= figures.passes;
  return figures;
}

absl::StatusOr<Latency> BenchPureLatency(const ledger::Rules& rules,
                                         std::string_view employer_id,
                                         const std::vector<ledger::v1::Event>& events,
                                         absl::CivilDay as_of, int64_t known_at_us, int runs) {
  const ledger::OwedQuery query{.as_of = as_of, .known_at_us = known_at_us};
  LatencySamples samples(runs);
  for (int i = 0; i < runs; ++i) {
    samples.Start();
    ASSIGN_OR_RETURN(const auto balance,
                     ledger::ComputeBalance(rules, employer_id, events, query));
    samples.Stop();
    if (!balance) return absl::NotFoundError("the latency employer is not in the view");
  }
  return samples.Summary();
}

}  // namespace ledger_bench
