#include "tools/bench/bench_store.h"

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "ledger/dates.h"
#include "ledger/ingest/importer.h"
#include "ledger/query/owed.h"
#include "ledger/status_macros.h"

namespace ledger_bench {

absl::StatusOr<ImportFigures> BenchImport(ledger::EventStore& store,
                                          const ledger::Rules& rules, const City& city,
                                          const Progress& progress) {
  ImportFigures figures;
  for (const Batch& batch : city.batches) {
    const std::string text = BatchJsonl(city, batch);  // not timed: the file a bureau sends
    const std::string file_name = batch.name + ".jsonl";
    figures.jsonl_bytes += static_cast<int64_t>(text.size());
    Stopwatch watch;
    CpuStopwatch cpu(/*whole_process=*/true);
    absl::StatusOr<ledger::ImportSummary> summary = ledger::ImportEvents(
        store, rules, file_name, text, ledger::ToMicros(absl::Now()),
        [&](int64_t done, int64_t total) {
          if (progress) progress(absl::StrFormat("importing %s", file_name), done, total);
        });
    const double seconds = watch.Seconds();  // timing, not money
    figures.cpu_seconds += cpu.Seconds();
    if (!summary.ok()) {
      return absl::Status(summary.status().code(),
                          absl::StrFormat("importing %s: %s", file_name,
                                          summary.status().message()));
    }
    figures.seconds += seconds;
    figures.batch_seconds.emplace_back(batch.name, seconds);
    figures.events += summary->appended;
    ++figures.batches;
    if (seconds > figures.slowest_seconds) {
      figures.slowest_seconds = seconds;
      figures.slowest_batch = file_name;
    }
  }
  return figures;
}

namespace {

absl::Status Price(ledger::BalanceFolder& folder, const ledger::Rules& rules,
                   std::string_view employer_id,
                   const std::vector<const ledger::v1::Event*>& events,
                   const ledger::OwedQuery& query, OwedFigures& figures) {
  ASSIGN_OR_RETURN(const std::optional<ledger::v1::EmployerBalance> balance,
                   folder.Compute(rules, employer_id, events, query));
  figures.events += static_cast<int64_t>(events.size());
  if (!balance) return absl::OkStatus();
  ++figures.employers;
  figures.outstanding_fen += balance->totals().outstanding_fen();
  figures.late_fee_fen += balance->totals().late_fee_fen();
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<OwedFigures> BenchOwedAll(const ledger::EventStore& store,
                                         const ledger::Rules& rules, absl::CivilDay as_of,
                                         int64_t known_at_us) {
  const ledger::OwedQuery query{.as_of = as_of, .known_at_us = known_at_us};
  OwedFigures figures;
  ledger::BalanceFolder folder;
  Stopwatch watch;
  CpuStopwatch cpu(/*whole_process=*/true);
  RETURN_IF_ERROR(store.ForEachEmployerEvents(
      [&](std::string_view employer_id, const ledger::EmployerEvents& events) {
        return Price(folder, rules, employer_id, events.events(), query, figures);
      }));
  figures.seconds = watch.Seconds();
  figures.cpu_seconds = cpu.Seconds();
  return figures;
}

absl::StatusOr<OwedFigures> BenchOwedByRead(const ledger::EventStore& store,
                                            const ledger::Rules& rules,
                                            const std::vector<std::string>& employer_ids,
                                            absl::CivilDay as_of, int64_t known_at_us) {
  const ledger::OwedQuery query{.as_of = as_of, .known_at_us = known_at_us};
  OwedFigures figures;
  ledger::BalanceFolder folder;
  Stopwatch watch;
  CpuStopwatch cpu(/*whole_process=*/true);
  ledger::EmployerEvents events;
  for (const std::string& employer_id : employer_ids) {
    RETURN_IF_ERROR(store.ReadEmployerInto(employer_id, events));
    RETURN_IF_ERROR(Price(folder, rules, employer_id, events.events(), query, figures));
  }
  figures.seconds = watch.Seconds();
  figures.cpu_seconds = cpu.Seconds();
  return figures;
}

absl::StatusOr<Latency> BenchStoreLatency(const ledger::EventStore& store,
                                          const ledger::Rules& rules,
                                          const std::string& employer_id,
                                          absl::CivilDay as_of, int64_t known_at_us,
                                          int runs) {
  const ledger::OwedQuery query{.as_of = as_of, .known_at_us = known_at_us};
  LatencySamples samples(runs);
  // As a server answering one employer after another would: its read
  // memory and its folder reused from request to request.
  ledger::EmployerEvents events;
  ledger::BalanceFolder folder;
  for (int i = 0; i < runs; ++i) {
    samples.Start();
    RETURN_IF_ERROR(store.ReadEmployerInto(employer_id, events));
    ASSIGN_OR_RETURN(const auto balance,
                     folder.Compute(rules, employer_id, events.events(), query));
    samples.Stop();
    if (!balance) {
      return absl::NotFoundError(
          absl::StrFormat("employer %s is not in the ledger's view", employer_id));
    }
  }
  return samples.Summary();
}

}  // namespace ledger_bench
