// The synthetic city: every employer's history 2022-01..2023-12, in the
// order the ledger learns it, split into the monthly files a bureau imports.
#ifndef TOOLS_BENCH_CITY_H_
#define TOOLS_BENCH_CITY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/rules.h"
#include "ledger/v1/event.pb.h"

namespace ledger_bench {

struct CityOptions {
  int64_t employers = 10'000;
  int64_t employees = 200'000;  // at the start, about
  uint64_t seed = 1;
};

struct EventRef {
  uint32_t employer = 0;
  uint32_t index = 0;
};

// A monthly file: positions [begin, end) of City::order.
struct Batch {
  std::string name;
  size_t begin = 0;
  size_t end = 0;
};

struct City {
  std::vector<std::string> employer_ids;  // by employer index
  // Per employer, in recorded order, with recorded_at (given) and the
  // sequence the ledger assigns when the whole city is imported in order.
  std::vector<std::vector<ledger::v1::Event>> events;
  std::vector<EventRef> order;  // every event in recorded order
  std::vector<Batch> batches;
  uint32_t reference_employer = 0;  // 24 assessments of 50 employees
  int64_t employees_initial = 0;
  int64_t employees_final = 0;
  int64_t assessment_lines = 0;
  std::vector<std::pair<std::string, int64_t>> events_by_type;

  const ledger::v1::Event& At(size_t position) const {
    const EventRef ref = order[position];
    return events[ref.employer][ref.index];
  }
};

using Progress = std::function<void(std::string_view stage, int64_t done, int64_t total)>;

// Returns the city for `options`; the same options and rules give the same
// city. FailedPrecondition when `rules` lack the sample areas (620700,
// 620721, 370100) or their rates for 2022.
absl::StatusOr<City> GenerateCity(const ledger::Rules& rules, const CityOptions& options,
                                  const Progress& progress);

// Returns one batch as JSON Lines, recorded_at included.
std::string BatchJsonl(const City& city, const Batch& batch);
// Writes the city as JSON Lines: to PATH itself when it ends in ".jsonl" (a
// "# NAME" comment line before each batch), else to PATH/NAME.jsonl per batch.
absl::Status WriteJsonl(const City& city, const std::string& path);

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_CITY_H_
