// ledgerctl replay --db DIR (--rules FILE | --version N) [--against M]
//   --as-of D [--known-at T] [--area CODE] [--summary] [--format table|json]:
// every employer folded under the version in force (or M) and under the
// candidate, and what changes (ledger/replay/replay.h). Prints only; the
// ledger is not changed.
#include <cstdio>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/interchange/proto_json.h"
#include "ledger/printable.h"
#include "ledger/replay/replay.h"
#include "ledger/replay/rule_versions.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/balance_output.h"
#include "tools/ledgerctl/rules_version_flag.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_DECLARE_FLAG(std::string, as_of);  // owed.cc
ABSL_DECLARE_FLAG(std::string, rules);  // init.cc
ABSL_DECLARE_FLAG(std::string, area);   // report_monthly.cc
ABSL_DECLARE_FLAG(std::string, note);   // rules_publish.cc
ABSL_FLAG(std::string, against, "",
          "replay: the version the candidate is compared with. Default: the version in "
          "force at --known-at.");
ABSL_FLAG(bool, publish, false,
          "replay: after printing, publish the --rules FILE as the next version (needs --yes).");
ABSL_FLAG(bool, yes, false, "replay --publish: yes, publish it.");
ABSL_FLAG(bool, summary, false,
          "replay: one summary instead of one record per changed employer.");

namespace ledgerctl {
namespace {

[[nodiscard]] absl::StatusOr<ledger::Rules> Resolve(const ledger::EventStore& store,
                                                    std::optional<uint32_t> version,
                                                    std::optional<int64_t> known_at_us) {
  absl::StatusOr<ledger::Rules> rules = ledger::ResolveRules(store, version, known_at_us);
  if (!rules.ok() && !absl::IsNotFound(rules.status())) return StorageError(rules.status());
  return rules;
}

// Returns the candidate: --rules FILE (validated as `rules check`) or
// --version N of the ledger.
[[nodiscard]] absl::StatusOr<ledger::Rules> Candidate(const ledger::EventStore& store) {
  const std::string file = absl::GetFlag(FLAGS_rules);
  const RulesVersionChoice version = absl::GetFlag(FLAGS_rules_version);
  if (file.empty() == !version.given) {
    return UsageError("give exactly one of --rules FILE or --version N");
  }
  if (!file.empty()) {
    ASSIGN_OR_RETURN(const std::string json, ReadInputFile(file));
    return ledger::Rules::FromJson(json, file);
  }
  return Resolve(store, version.version, std::nullopt);  // nullopt: latest
}

std::string Signed(int64_t delta_fen) {
  return delta_fen > 0 ? absl::StrFormat("+%d", delta_fen) : absl::StrFormat("%d", delta_fen);
}

void PrintTotalsTable(const google::protobuf::RepeatedPtrField<ledger::v1::ReplayTotal>& totals,
                      const std::string& indent) {
  for (const ledger::v1::ReplayTotal& total : totals) {
    absl::PrintF("%s%-26s %14d → %14d  %s\n", indent, total.field(), total.before(),
                 total.after(), Signed(total.after() - total.before()));
  }
}

// One changed employer as a clerk reads it: the totals that moved, then
// each changed row's fields.
void PrintEmployerTable(const ledger::v1::EmployerReplay& replay) {
  absl::PrintF("employer %s (area %s)\n", ledger::EscapeForMessage(replay.employer_id()),
               ledger::EscapeForMessage(replay.pooling_area()));
  if (!replay.error().empty()) {
    absl::PrintF("  not replayed: %s\n", ledger::EscapeForMessage(replay.error()));
    return;
  }
  const auto& before = replay.before().totals();
  const auto& after = replay.after().totals();
  const auto* type = ledger::v1::BalanceTotals::descriptor();
  const auto* reflection = ledger::v1::BalanceTotals::GetReflection();
  for (int f = 0; f < type->field_count(); ++f) {
    const int64_t a = reflection->GetInt64(before, type->field(f));
    const int64_t b = reflection->GetInt64(after, type->field(f));
    if (a != b) {
      absl::PrintF("  %-26s %14d → %14d  %s\n", type->field(f)->name(), a, b, Signed(b - a));
    }
  }
  if (replay.before().credit_fen() != replay.after().credit_fen()) {
    absl::PrintF("  %-26s %14d → %14d\n", "credit_fen", replay.before().credit_fen(),
                 replay.after().credit_fen());
  }
  auto next_due = [](const ledger::v1::ReplayFigures& figures) {
    return figures.has_next_due() ? absl::StrFormat("%s %d", figures.next_due().date(),
                                                    figures.next_due().amount_fen())
                                  : std::string("none");
  };
  if (next_due(replay.before()) != next_due(replay.after())) {
    absl::PrintF("  %-26s %s → %s\n", "next_due", next_due(replay.before()),
                 next_due(replay.after()));
  }
  for (const ledger::v1::ReplayRowChange& row : replay.rows_changed()) {
    const std::string who = row.employee_id().empty() ? "" : " " + row.employee_id();
    absl::PrintF("  row %s %s%s: %s\n", row.period(), row.component(),
                 ledger::EscapeForMessage(who), absl::StrJoin(row.fields(), ", "));
  }
}

// Publishes the candidate as the next version (rules publish's checks), and
// says so on stderr so that stdout stays the replay's output.
[[nodiscard]] absl::Status Publish(ledger::EventStore& store, const ledger::Rules& candidate) {
  std::fflush(stdout);
  std::string note = absl::GetFlag(FLAGS_note);
  if (note.empty()) note = "published by replay --publish";
  absl::StatusOr<ledger::PublishOutcome> outcome =
      ledger::PublishRules(store, candidate, note, NowMicros());
  if (!outcome.ok()) {
    if (absl::IsFailedPrecondition(outcome.status())) return outcome.status();
    return StorageError(outcome.status());
  }
  absl::FPrintF(stderr, "ledgerctl replay: %s version %d sha256 %s\n",
                outcome->published ? "published" : "already published, unchanged:",
                outcome->version, outcome->sha256_hex);
  return absl::OkStatus();
}

[[nodiscard]] absl::Status RunReplay(const std::vector<std::string>& /*args*/) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  ASSIGN_OR_RETURN(const absl::CivilDay as_of,
                   RequiredDateFlag("as-of", absl::GetFlag(FLAGS_as_of)));
  ASSIGN_OR_RETURN(const Format format, OutputFormat());
  if (format == Format::kCsv) return UsageError("--format: replay prints table or json");
  ASSIGN_OR_RETURN(const std::optional<int64_t> known_at_us, KnownAtMicros());
  std::optional<uint32_t> against;
  if (const std::string word = absl::GetFlag(FLAGS_against); !word.empty()) {
    ASSIGN_OR_RETURN(against, ParseVersionWord(word, "--against"));
    if (!against.has_value()) {
      return UsageError("--against: give a version number (the default is the one in force)");
    }
  }
  ledger::ReplayRequest request{as_of, known_at_us.value_or(NowMicros()), std::nullopt};
  if (const std::string area = absl::GetFlag(FLAGS_area); !area.empty()) {
    request.pooling_area = area;
  }

  const bool publish = absl::GetFlag(FLAGS_publish);
  if (publish && absl::GetFlag(FLAGS_rules).empty()) {
    return UsageError("--publish publishes a --rules FILE; --version N is already published");
  }
  if (publish && !absl::GetFlag(FLAGS_yes)) {
    return UsageError("--publish writes the candidate as the ledger's next version: add --yes");
  }
  // Publishing holds the writer's lock from the first read to the publish,
  // so the diff printed is the diff of the ledger the version lands in.
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, publish ? ledger::OpenMode::kReadWrite
                                          : ledger::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(const ledger::Rules candidate, Candidate(*store));
  ASSIGN_OR_RETURN(const ledger::Rules base, Resolve(*store, against, known_at_us));

  const bool summary_only = absl::GetFlag(FLAGS_summary);
  ledger::v1::ReplaySummary summary;
  RETURN_IF_ERROR(ledger::Replay(
      *store, base, candidate, request,
      [&](const ledger::v1::EmployerReplay& replay) -> absl::Status {
        if (summary_only) return absl::OkStatus();
        if (format == Format::kJson) {
          std::puts(ledger::ProtoToJson(replay).c_str());
        } else {
          PrintEmployerTable(replay);
        }
        return absl::OkStatus();
      },
      &summary));
  if (format == Format::kJson) {
    if (summary_only) std::puts(ledger::ProtoToJson(summary).c_str());
    return publish ? Publish(*store, candidate) : absl::OkStatus();
  }
  absl::PrintF("replay: rules v%d → v%d, as of %s, known at %s: %d employers, %d changed, "
               "%d not replayed\n",
               summary.rules_version_before(), summary.rules_version_after(), summary.as_of(),
               summary.known_at(), summary.employers(), summary.employers_changed(),
               summary.employers_failed());
  if (summary_only) {
    PrintTotalsTable(summary.totals(), "  ");
    for (const ledger::v1::ReplayAreaSummary& area : summary.areas()) {
      absl::PrintF("area %s: %d employers, %d changed, %d not replayed\n",
                   ledger::EscapeForMessage(area.pooling_area()), area.employers(),
                   area.employers_changed(), area.employers_failed());
      PrintTotalsTable(area.totals(), "  ");
    }
  }
  return publish ? Publish(*store, candidate) : absl::OkStatus();
}

}  // namespace

Subcommand ReplayCommand() {
  return {
      .name = "replay",
      .synopsis = "--db DIR (--rules FILE | --version N) [--against M] --as-of D [--known-at T] "
                  "[--area CODE] [--summary] [--publish --yes [--note TEXT]] [--format table|json]",
      .brief = "Which employers a rule correction changes, and by how much.",
      .summary =
          "Folds every employer twice, under the version in force at --known-at (or\n"
          "--against M) and under the candidate (--rules FILE or --version N), and\n"
          "prints each employer whose figures change: totals, credit and next due\n"
          "before and after, and the rows that changed (json: one object per line).\n"
          "An employer the candidate cannot fold is listed with its reason. Grants\n"
          "stand as recorded. --summary: employers, employers changed and every\n"
          "totals field before and after, overall and by area. Writes nothing,\n"
          "unless --publish --yes: then the --rules FILE becomes the next version\n"
          "once the diff is printed, the ledger held locked between the two.",
      .flags = {{"db", "db", "DIR"},
                {"rules", "rules", "FILE"},
                {"version", "rules_version", "N|latest"},
                {"against", "against", "M"},
                {"as-of", "as_of", "D"},
                {"known-at", "known_at", "TIME"},
                {"area", "area", "CODE"},
                {"summary", "summary", ""},
                {"publish", "publish", ""},
                {"yes", "yes", ""},
                {"note", "note", "TEXT"},
                {"format", "format", "table|json"}},
      .examples = {{"replay --db scratch/zhangye --rules zhangye-v2.json --as-of 2023-06-30",
                    "each employer the file changes, before and after"},
                   {"replay --db scratch/zhangye --version 2 --against 1 --as-of 2023-06-30 "
                    "--summary --format json",
                    "the totals before and after, overall and by area"}},
      .run = RunReplay,
  };
}

}  // namespace ledgerctl
