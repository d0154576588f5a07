// LedgerVerifier: the walk behind VerifyLedger (verify.h). Internal to
// ledger/store/. Split by pass:
//   verify.cc          VerifyLedger, meta, naming the event of a problem
//   verify_events.cc   the events pass, with each event's index entries
//   verify_indexes.cc  the event_ids and by_employer passes (extra entries)
// Every pass returns a non-ok status only when reading fails; a problem in
// the data is recorded in the report and ends the walk.
#ifndef LEDGER_STORE_VERIFY_WALK_H_
#define LEDGER_STORE_VERIFY_WALK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledger/store/anchor.h"
#include "ledger/store/rocksdb_event_store.h"
#include "ledger/store/verify.h"
#include "ledger/v1/event.pb.h"

namespace ledger::store {

// One employer's stream as the events pass has walked it so far.
struct VerifiedStream {
  uint32_t events = 0;  // stream positions 1..events are verified
  std::string chain;    // chain value after the last of them (32 bytes)
};

// An anchor to check the ledger against, as read before the database was
// opened (anchor.h).
struct AnchorToCheck {
  std::string source;            // the file it was read from
  std::optional<Anchor> anchor;  // nullopt: `problem` says why
  std::string problem;           // missing or damaged file
  std::string log_chain_at_sequence;  // recomputed; set when reached
  bool reached = false;               // the events pass got to its sequence
};

class LedgerVerifier {
 public:
  // `database` must stay open while the verifier is used.
  LedgerVerifier(const OpenDatabase& database, std::string directory,
                 std::vector<AnchorToCheck> anchors,
                 std::function<void(int64_t, int64_t)> progress = nullptr)
      : database_(database),
        directory_(std::move(directory)),
        anchors_(std::move(anchors)),
        progress_(std::move(progress)) {}

  // Runs every pass in order (verify.h) and returns the report.
  [[nodiscard]] absl::StatusOr<VerifyReport> Run();

 private:
  // verify.cc
  [[nodiscard]] absl::Status VerifyMeta();
  // Fills in the event id of report_.problem's sequence when it is unknown,
  // and notes the id event_ids gives that sequence when it differs.
  [[nodiscard]] absl::Status NameProblemEvent();
  // Returns whether event_ids maps `event_id` to `sequence`.
  [[nodiscard]] absl::StatusOr<bool> IndexedAt(std::string_view event_id,
                                               uint64_t sequence) const;
  // Returns the event_ids key whose entry holds `sequence`, or "".
  [[nodiscard]] absl::StatusOr<std::string> EventIdIndexedAt(
      uint64_t sequence) const;

  // verify_events.cc
  [[nodiscard]] absl::Status VerifyEvents();
  // Checks the event stored under `key` with `value`, expected at
  // `expected_sequence`.
  [[nodiscard]] absl::Status VerifyEvent(std::string_view key,
                                         std::string_view value,
                                         uint64_t expected_sequence);
  // Checks `event` (stored as `bytes`) against its two index entries.
  [[nodiscard]] absl::Status VerifyEventIdEntry(const v1::Event& event);
  [[nodiscard]] absl::Status VerifyStreamEntry(const v1::Event& event,
                                               std::string_view bytes);
  [[nodiscard]] absl::Status VerifyReceiptEntry(const v1::Event& event);
  [[nodiscard]] absl::Status VerifyEnd(uint64_t last_sequence);

  // verify_anchor.cc
  [[nodiscard]] absl::Status VerifyChecksums();
  [[nodiscard]] absl::Status VerifyRules();
  // Extends the log chain by the event at `sequence` stored as `bytes`.
  void ChainEvent(uint64_t sequence, std::string_view bytes);
  [[nodiscard]] absl::Status VerifyLogChainHead();
  [[nodiscard]] absl::Status VerifyAnchors();

  // verify_indexes.cc
  [[nodiscard]] absl::Status VerifyEventIds();
  [[nodiscard]] absl::Status VerifyEventIdsEntryByEntry();
  [[nodiscard]] absl::Status VerifyByEmployer();
  [[nodiscard]] absl::Status VerifyReceipts();
  [[nodiscard]] absl::Status VerifyReceiptsEntryByEntry();

  // Records the first problem; later calls are ignored.
  void Fail(std::string_view column_family, std::string_view key,
            std::string key_text, uint64_t sequence, std::string event_id,
            std::string message);
  bool failed() const { return report_.problem.has_value(); }

  const OpenDatabase& database_;
  const std::string directory_;
  VerifyReport report_;
  int64_t meta_last_recorded_at_us_ = 0;
  int64_t last_recorded_at_us_ = 0;  // of the last event checked
  int64_t receipted_events_ = 0;     // events that carry a tax receipt
  absl::flat_hash_map<std::string, VerifiedStream> streams_;
  std::vector<AnchorToCheck> anchors_;
  std::function<void(int64_t, int64_t)> progress_;
  std::string meta_log_chain_head_;  // as meta states it; "" when absent
  std::string log_chain_;            // after the last event checked
  // rules_chains_[k]: the rules chain after the first k entries.
  std::vector<std::string> rules_chains_;
};

}  // namespace ledger::store

#endif  // LEDGER_STORE_VERIFY_WALK_H_
