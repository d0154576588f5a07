// ledgerctl rules publish --db DIR FILE [--note TEXT]: validates FILE as
// `rules check` does and publishes it as the ledger's next rule-set version.
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "ledger/printable.h"
#include "ledger/replay/rule_versions.h"
#include "ledger/rules.h"
#include "ledger/status_macros.h"
#include "tools/ledgerctl/cli.h"
#include "tools/ledgerctl/subcommand.h"

ABSL_FLAG(std::string, note, "",
          "Why this version is published (kept with it; shown by rules list).");

namespace ledgerctl {
namespace {

// Put a limit on everything: a note is a sentence or two, not a document.
constexpr size_t kMaxNoteBytes = 4096;

[[nodiscard]] absl::Status RunRulesPublish(const std::vector<std::string>& args) {
  ASSIGN_OR_RETURN(const std::string db, RequiredDb());
  const std::string& path = args.at(0);
  const std::string note = absl::GetFlag(FLAGS_note);
  if (const std::string bad = ledger::FirstUnprintable(note); !bad.empty()) {
    return UsageError(absl::StrFormat("--note: holds a %s; give one line of plain text", bad));
  }
  if (note.size() > kMaxNoteBytes) {
    return UsageError(absl::StrFormat("--note: %d bytes, more than the %d a note may hold",
                                      note.size(), kMaxNoteBytes));
  }
  ASSIGN_OR_RETURN(const std::string json, ReadInputFile(path));
  ASSIGN_OR_RETURN(const ledger::Rules rules, ledger::Rules::FromJson(json, path));
  ASSIGN_OR_RETURN(std::unique_ptr<ledger::EventStore> store,
                   OpenLedger(db, ledger::OpenMode::kReadWrite));
  absl::StatusOr<ledger::PublishOutcome> outcome =
      ledger::PublishRules(*store, rules, note, NowMicros());
  if (!outcome.ok()) {
    if (absl::IsFailedPrecondition(outcome.status())) return outcome.status();
    return StorageError(outcome.status());
  }
  absl::PrintF("%s version %d (%s) sha256 %s\n",
               outcome->published ? "published" : "already published, unchanged:",
               outcome->version, rules.rule_set().name(), outcome->sha256_hex);
  return absl::OkStatus();
}

}  // namespace

Subcommand RulesPublishCommand() {
  return {
      .name = "rules publish",
      .synopsis = "--db DIR FILE [--note TEXT]",
      .brief = "Publish a rule-set file as the ledger's next version.",
      .summary = "Validates FILE as `rules check` does and publishes it as the next\n"
                 "version: its \"version\" must be the latest + 1. Synced; records when,\n"
                 "the note and the sha256 of the canonical bytes. Publishing a stored\n"
                 "version again with identical content changes nothing.",
      .flags = {{"db", "db", "DIR"}, {"note", "note", "TEXT"}},
      .examples = {{"rules publish --db scratch/zhangye zhangye-v2.json "
                    "--note \"620702 rate 650 bp from 2022-07 (张医保发〔2022〕31号)\"",
                    "version 2, in force for queries known after now"},
                   {"rules publish --db scratch/zhangye zhangye-v2.json",
                    "again: already published, unchanged (a no-op)"}},
      .min_args = 1,
      .max_args = 1,
      .run = RunRulesPublish,
  };
}

}  // namespace ledgerctl
