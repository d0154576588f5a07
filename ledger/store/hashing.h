// The byte forms the store writes and hashes: the deterministic serialization
// of an Event, its content form (what "identical event" means for event_id
// idempotency), SHA-256, and the per-employer hash chain. Pure functions,
// safe from any thread. A later `verify` recomputes chains with these.
#ifndef LEDGER_STORE_HASHING_H_
#define LEDGER_STORE_HASHING_H_

#include <string>
#include <string_view>

#include "google/protobuf/message_lite.h"
#include "ledger/v1/event.pb.h"

namespace ledger::store {

// Returns `message` serialized with deterministic serialization on. Equal
// messages (same fields, no unknown fields) give equal bytes within one
// protobuf version; parsing the bytes and serializing again gives them back.
[[nodiscard]] std::string SerializeDeterministic(
    const google::protobuf::MessageLite& message);

// Returns the content form of `event`: its deterministic serialization with
// `sequence`, `recorded_at_us` and `recorded_at_given` cleared. Two events
// with the same content form are the same fact; recorded_at is compared
// separately, and only when the newcomer gives one (event_store.h, Append).
[[nodiscard]] std::string EventContentForm(const v1::Event& event);

// Returns the 32-byte SHA-256 digest of `bytes` (OpenSSL libcrypto EVP).
[[nodiscard]] std::string Sha256(std::string_view bytes);

// Returns SHA-256(EventContentForm(event)): the `event_ids` content hash.
[[nodiscard]] std::string EventContentHash(const v1::Event& event);

// Returns the chain value that follows `previous_chain` (32 bytes) for an
// event whose stored `events` value is `event_bytes`:
// SHA-256(previous_chain || event_bytes).
[[nodiscard]] std::string ChainNext(std::string_view previous_chain,
                                    std::string_view event_bytes);
// Returns the previous chain value of an employer's first event: 32 zeros.
[[nodiscard]] std::string ChainStart();

// Returns `bytes` as lowercase hex.
[[nodiscard]] std::string HexEncode(std::string_view bytes);

}  // namespace ledger::store

#endif  // LEDGER_STORE_HASHING_H_
