// EmployerEvents: one employer's events, parsed into a protobuf Arena whose
// memory is kept from one employer to the next. A whole-ledger pass (owed
// --all, verify, replay, reports) reads employer after employer into the
// same EmployerEvents: after the first few employers a read allocates
// nothing per line (an assessment of 50 employees is 100+ heap allocations
// when parsed onto the heap), and the memory held is that of the largest
// employer seen, never the ledger's.
//
// Not thread-safe: one per thread. The Event pointers handed out stay valid
// until the next Clear() (or the next read into this object).
#ifndef LEDGER_STORE_EMPLOYER_EVENTS_H_
#define LEDGER_STORE_EMPLOYER_EVENTS_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "google/protobuf/arena.h"
#include "ledger/v1/event.pb.h"

namespace ledger {

class EmployerEvents {
 public:
  EmployerEvents();
  EmployerEvents(const EmployerEvents&) = delete;
  EmployerEvents& operator=(const EmployerEvents&) = delete;
  ~EmployerEvents();

  // Drops every event; keeps the arena's first block, grown to what the
  // largest employer so far needed (up to kMaxKeptBlockBytes).
  void Clear();

  // Parses `bytes` as the next event, on the arena. Returns it, or nullptr
  // when the bytes do not parse (nothing is added then).
  v1::Event* Parse(std::string_view bytes);
  // Adds a copy of `event`, on the arena: for stores without a native read.
  void AddCopy(const v1::Event& event);

  // The events in the order added (a store adds them in sequence order).
  const std::vector<const v1::Event*>& events() const { return events_; }
  size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }

  // Bytes of arena memory the events took (for tests and benchmarks).
  size_t arena_bytes_used() const;

  // The first block is grown to the largest employer's need, but never kept
  // above this: one giant employer must not pin its memory for the rest of
  // a pass.
  static constexpr size_t kMaxKeptBlockBytes = size_t{64} << 20;

 private:
  void MakeArena(size_t block_bytes);

  std::unique_ptr<char[]> block_;  // the arena's first block, reused
  size_t block_bytes_ = 0;
  std::optional<google::protobuf::Arena> arena_;
  std::vector<const v1::Event*> events_;
};

}  // namespace ledger

#endif  // LEDGER_STORE_EMPLOYER_EVENTS_H_
