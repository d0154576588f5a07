// Assertions of the store: programmer errors and broken invariants right
// before data is written (TigerBeetle's "assert before write"). Always on,
// in every build type: a ledger must never write bytes it has not checked.
// A failed check prints what and where to stderr and aborts the process.
//
// Data read back from disk is not checked with these: a damaged file is an
// operating error and is reported as absl::DataLossError naming the key.
#ifndef LEDGER_STORE_STORE_CHECK_H_
#define LEDGER_STORE_STORE_CHECK_H_

#include <string_view>

namespace ledger::store {

// Prints "file:line: store check failed: condition (what)" and aborts.
[[noreturn]] void StoreCheckFailed(const char* condition, std::string_view what,
                                   const char* file, int line);

}  // namespace ledger::store

// Aborts with `what` unless `condition` holds.
#define LEDGER_STORE_CHECK(condition, what)                                 \
  do {                                                                      \
    if (!(condition)) {                                                     \
      ::ledger::store::StoreCheckFailed(#condition, (what), __FILE__,       \
                                        __LINE__);                          \
    }                                                                       \
  } while (0)

#endif  // LEDGER_STORE_STORE_CHECK_H_
