// The ledger's one always-on check: programmer errors and broken invariants,
// above all right before data is written (TigerBeetle's "assert before
// write"). On in every build type, unlike assert(), which NDEBUG removes: a
// ledger must never write bytes, or print figures, it has not checked.
// A failed check prints what and where to stderr and aborts the process.
//
// Operating errors are not checked with this: a damaged file read back from
// disk is absl::DataLossError naming the key, bad input an InvalidArgument.
#ifndef LEDGER_CHECK_H_
#define LEDGER_CHECK_H_

#include <string_view>

namespace ledger {

// Prints "file:line: check failed: condition (what)" and aborts.
[[noreturn]] void CheckFailed(const char* condition, std::string_view what, const char* file,
                              int line);

}  // namespace ledger

// Aborts with `what` unless `condition` holds.
#define LEDGER_CHECK(condition, what)                                        \
  do {                                                                       \
    if (!(condition)) {                                                      \
      ::ledger::CheckFailed(#condition, (what), __FILE__, __LINE__);         \
    }                                                                        \
  } while (0)

#endif  // LEDGER_CHECK_H_
