// Verifying a ledger: read the whole log and check that it never lost or
// bent a fact. VerifyLedger opens the ledger read-only (it works while a
// writer runs, and sees the log as of its open), reads every column family
// that holds the log (keys.h) and reports what it checked and the FIRST
// inconsistency it found. Nothing is written. No RocksDB type appears here.
//
// What is checked, in this order (the first failure stops the walk):
//   meta         schema_version is ours (else the open fails: an error, not a
//                problem); last_sequence and last_recorded_at_us decode.
//   events       in sequence order: keys are 1, 2, ... with no gap and none
//                past meta's last_sequence; each value parses, carries its
//                key's sequence, and passes the interchange's field
//                validation (EventToJsonLine then ParseEventLine gives back
//                the same content and recorded_at); recorded_at never goes
//                backwards; the last sequence and recorded_at are meta's.
//                Per event, its index entries:
//                  event_ids[event_id] holds its sequence and the SHA-256 of
//                  its content form (hashing.h);
//                  by_employer[employer, k] (its k-th event) holds its
//                  sequence and SHA-256(chain before || its stored bytes),
//                  recomputed from 32 zero bytes along the employer's stream.
//   event_ids    no entry beyond those of the events (each points at an
//                existing event with that event_id).
//                  receipts[tax_receipt_no, sequence] exists for a payment
//                  that carries a tax receipt number.
//   by_employer  no entry beyond those of the events (each key decodes and
//                names an employer's stream position that exists).
//   receipts     no entry beyond those of the events (each key decodes and
//                names an event that carries that receipt).
//   anchors      the ledger's own ANCHOR (anchor.h), and a copy kept
//                elsewhere when given: the store holds at least the events
//                and rule sets each acknowledged, the log chain recomputed
//                over the events equals the anchor's at its sequence, the
//                rules chain equals the anchor's at its count, and meta's
//                log_chain_head is the recomputed head.
// Before the logical passes, RocksDB's own block checksums of every table
// file of every column family (DB::VerifyChecksum), and the `rules` pass:
// every entry decodes to the version of its key.
// Together: every event is indexed exactly once in each index, every index
// entry points at an existing event with the matching id / employer, and
// each employer's chain holds up to its head.
//
// Cost: one scan of each column family, two point reads per event, memory
// for one chain value per employer. Thread-compatible: call from any thread.
#ifndef LEDGER_STORE_VERIFY_H_
#define LEDGER_STORE_VERIFY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace ledger::store {

// What the walk read before it finished or stopped at a problem.
struct VerifyCounts {
  int64_t events = 0;               // events checked, in sequence order
  int64_t employers = 0;            // distinct employers among them
  int64_t event_ids_entries = 0;    // event_ids entries checked
  int64_t by_employer_entries = 0;  // by_employer entries checked
  int64_t receipts_entries = 0;     // receipts entries checked
  int64_t chains = 0;               // employer chains recomputed to the head
  int64_t rules_versions = 0;       // rule sets decoded and chained
  int64_t anchors = 0;              // anchors the ledger was checked against
};

struct VerifyOptions {
  // A copy of the anchor kept outside the ledger directory; "" for none.
  std::string anchor_path;
  // Called now and then during the events pass with (events checked, the
  // ledger's last sequence): a progress line for a long verify.
  std::function<void(int64_t done, int64_t total)> progress;
};

// The first inconsistency: where it is and which event it concerns.
struct VerifyProblem {
  std::string column_family;  // "events", "by_employer", "event_ids",
                              // "receipts", "meta",
                              // "rules", "anchor", "files" (block checksums)
  std::string key_hex;        // the key's bytes as lowercase hex
  std::string key_text;       // the key decoded for people: "sequence 2",
                              // "employer \"E1\" stream 3", "\"p-1\""
  uint64_t sequence = 0;      // the event concerned; 0 when none is known
  std::string event_id;       // the event concerned; "" when none is known
  std::string message;        // what is wrong, with expected and found values
};

struct VerifyReport {
  uint64_t meta_last_sequence = 0;  // as meta states it
  VerifyCounts counts;
  std::optional<VerifyProblem> problem;  // nullopt: every check held

  bool ok() const { return !problem.has_value(); }
};

// Returns the report of the ledger at `directory`. A problem in the data is
// a report with `problem` set, not an error. Errors are for a ledger that
// cannot be opened or read: missing (NotFound), not a ledger or another
// schema version (FailedPrecondition), I/O failure or a file RocksDB itself
// finds damaged (Internal, DataLoss), each naming the directory.
[[nodiscard]] absl::StatusOr<VerifyReport> VerifyLedger(
    const std::string& directory, const VerifyOptions& options = {});

// Returns the problem on one line: "event_ids key \"p-1\" (hex 702d31):
// sequence 2, event_id \"p-1\": <message>".
[[nodiscard]] std::string DescribeVerifyProblem(const VerifyProblem& problem);

}  // namespace ledger::store

#endif  // LEDGER_STORE_VERIFY_H_
