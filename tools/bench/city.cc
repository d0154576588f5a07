#include "tools/bench/city.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "ledger/dates.h"
#include "ledger/interchange/event_jsonl.h"
#include "tools/bench/employer_sim.h"

namespace ledger_bench {
namespace {

namespace v1 = ledger::v1;

constexpr const char* kSampleAreas[] = {"620700", "620721", "370100"};
constexpr int64_t kMicrosPerDay = 86'400'000'000;
constexpr int64_t kRecordedAtHourUtc = 10;  // 18:00 in Beijing: the day's work is in

absl::Status CheckRules(const ledger::Rules& rules) {
  for (const char* code : kSampleAreas) {
    const ledger::AreaRules* area = rules.FindArea(code);
    if (area == nullptr || area->RatesFor(kFirstPeriod) == nullptr) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "the rules (version %d) lack pooling area %s or its rates for 2022-01; the "
          "synthetic city needs the sample areas 620700, 620721 and 370100 (use "
          "tests/scenarios/spec_examples/rules-zhangye-jinan.json)",
          rules.version(), code));
    }
  }
  return absl::OkStatus();
}

// Scales the raw head counts so the city has about `target` employees; the
// reference employer keeps its 50.
void ScaleHeadCounts(std::vector<EmployerProfile>& profiles, int64_t target) {
  int64_t raw = 0;
  int64_t fixed = 0;
  for (const EmployerProfile& p : profiles) (p.reference ? fixed : raw) += p.employees;
  const int64_t wanted = std::max<int64_t>(target - fixed, 1);
  for (EmployerProfile& p : profiles) {
    if (p.reference || raw == 0) continue;
    p.employees = std::clamp<int64_t>(p.employees * wanted / raw, 1, 9000);
  }
}

struct OrderKey {
  int32_t date = 0;
  int32_t rank = 0;
  EventRef ref;
};

std::string TypeName(const v1::Event& event) {
  const auto* field = v1::Event::descriptor()->FindFieldByNumber(event.payload_case());
  return field == nullptr ? "none" : field->name();
}

}  // namespace

absl::StatusOr<City> GenerateCity(const ledger::Rules& rules, const CityOptions& options,
                                  const Progress& progress) {
  if (absl::Status status = CheckRules(rules); !status.ok()) return status;
  if (options.employers < 1 || options.employers > 10'000'000) {
    return absl::InvalidArgumentError("--employers must be 1..10000000");
  }
  const auto employers = static_cast<uint32_t>(options.employers);
  std::vector<EmployerProfile> profiles;
  profiles.reserve(employers);
  for (uint32_t i = 0; i < employers; ++i) {
    profiles.push_back(DrawProfile(rules, options.seed, i));
  }
  ScaleHeadCounts(profiles, options.employees);

  City city;
  city.events.resize(employers);
  std::vector<OrderKey> keys;
  std::map<std::string, int64_t> by_type;
  for (uint32_t i = 0; i < employers; ++i) {
    const EmployerProfile& profile = profiles[i];
    city.employer_ids.push_back(profile.employer_id);
    city.employees_initial += profile.employees;
    int64_t final_employees = 0;
    city.events[i] = SimulateEmployer(rules, profile, options.seed, &final_employees);
    city.employees_final += final_employees;
    const std::vector<v1::Event>& events = city.events[i];
    if (events.empty() || !events.front().has_employer_registered()) {
      return absl::InternalError(absl::StrFormat(
          "generator bug: employer %s does not start with its registration",
          profile.employer_id));
    }
    for (uint32_t k = 0; k < events.size(); ++k) {
      keys.push_back({events[k].effective_date_yyyymmdd(), EventRank(events[k]), {i, k}});
      ++by_type[TypeName(events[k])];
      if (events[k].has_contribution_assessed()) {
        city.assessment_lines += events[k].contribution_assessed().lines_size();
      }
    }
    if (progress && (i + 1) % 500 == 0) progress("generating employers", i + 1, employers);
  }
  std::sort(keys.begin(), keys.end(), [](const OrderKey& a, const OrderKey& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.ref.employer != b.ref.employer) return a.ref.employer < b.ref.employer;
    return a.ref.index < b.ref.index;
  });

  // recorded_at: the evening of the effective date, strictly increasing.
  const absl::CivilDay epoch(1970, 1, 1);
  int64_t previous_us = 0;
  std::string current_batch;
  city.order.reserve(keys.size());
  for (size_t position = 0; position < keys.size(); ++position) {
    const OrderKey& key = keys[position];
    city.order.push_back(key.ref);
    v1::Event& event = city.events[key.ref.employer][key.ref.index];
    const absl::CivilDay day = ledger::DecodeDate(key.date);
    const int64_t evening_us =
        (day - epoch) * kMicrosPerDay + kRecordedAtHourUtc * 3'600'000'000;
    previous_us = std::max(previous_us + 1, evening_us);
    event.set_recorded_at_us(previous_us);
    event.set_recorded_at_given(true);
    event.set_sequence(position + 1);
    const std::string batch = day < absl::CivilDay(kFirstPeriod)
                                  ? std::string("registered-before-2022")
                                  : ledger::FormatMonth(absl::CivilMonth(day));
    if (batch != current_batch) {
      if (!city.batches.empty()) city.batches.back().end = position;
      city.batches.push_back({batch, position, keys.size()});
      current_batch = batch;
    }
  }
  city.events_by_type.assign(by_type.begin(), by_type.end());
  return city;
}

std::string BatchJsonl(const City& city, const Batch& batch) {
  std::string text;
  for (size_t position = batch.begin; position < batch.end; ++position) {
    text += ledger::EventToJsonLine(city.At(position), /*include_recorded_at=*/true);
    text += '\n';
  }
  return text;
}

absl::Status WriteJsonl(const City& city, const std::string& path) {
  const bool one_file = absl::EndsWith(path, ".jsonl");
  std::error_code error;
  if (!one_file) std::filesystem::create_directories(path, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%s: cannot create the directory: %s", path, error.message()));
  }
  std::ofstream single;
  if (one_file) single.open(path, std::ios::binary | std::ios::trunc);
  for (const Batch& batch : city.batches) {
    std::ofstream per_batch;
    if (!one_file) {
      per_batch.open(absl::StrFormat("%s/%s.jsonl", path, batch.name),
                     std::ios::binary | std::ios::trunc);
    }
    std::ofstream& out = one_file ? single : per_batch;
    if (one_file) out << "# " << batch.name << "\n";
    out << BatchJsonl(city, batch);
    if (!out) {
      return absl::FailedPreconditionError(
          absl::StrFormat("%s: cannot write batch %s", path, batch.name));
    }
  }
  return absl::OkStatus();
}

}  // namespace ledger_bench
