#include "ledger/store/employer_events.h"

#include <algorithm>

namespace ledger {
namespace {

// Enough for a small employer (a year of a dozen staff) without a second block.
constexpr size_t kFirstBlockBytes = size_t{256} << 10;
// Blocks the arena asks malloc for beyond the first: large, so a big
// employer costs a few mallocs, not hundreds.
constexpr size_t kMaxGrowthBlockBytes = size_t{4} << 20;

}  // namespace

EmployerEvents::EmployerEvents() { MakeArena(kFirstBlockBytes); }

EmployerEvents::~EmployerEvents() {
  events_.clear();
  arena_.reset();  // before block_, which it uses
}

void EmployerEvents::MakeArena(size_t block_bytes) {
  arena_.reset();
  if (block_bytes != block_bytes_) {
    block_ = std::make_unique<char[]>(block_bytes);
    block_bytes_ = block_bytes;
  }
  google::protobuf::ArenaOptions options;
  options.initial_block = block_.get();
  options.initial_block_size = block_bytes_;
  options.start_block_size = kFirstBlockBytes;
  options.max_block_size = kMaxGrowthBlockBytes;
  arena_.emplace(options);
}

void EmployerEvents::Clear() {
  events_.clear();
  const size_t allocated = static_cast<size_t>(arena_->SpaceAllocated());
  if (allocated > block_bytes_ && block_bytes_ < kMaxKeptBlockBytes) {
    // This employer overflowed the first block: make it big enough for
    // the next one like it (rounded up by half, to settle quickly).
    MakeArena(std::min(kMaxKeptBlockBytes, allocated + allocated / 2));
  } else {
    arena_->Reset();  // frees the overflow blocks, keeps the first
  }
}

v1::Event* EmployerEvents::Parse(std::string_view bytes) {
  v1::Event* event = google::protobuf::Arena::CreateMessage<v1::Event>(&*arena_);
  if (!event->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return nullptr;  // left on the arena until Clear(): never handed out
  }
  events_.push_back(event);
  return event;
}

void EmployerEvents::AddCopy(const v1::Event& event) {
  v1::Event* copy = google::protobuf::Arena::CreateMessage<v1::Event>(&*arena_);
  *copy = event;
  events_.push_back(copy);
}

size_t EmployerEvents::arena_bytes_used() const {
  return static_cast<size_t>(arena_->SpaceUsed());
}

}  // namespace ledger
