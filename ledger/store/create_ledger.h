// Creating a ledger atomically: an interrupted creation leaves either nothing
// at the target or a whole ledger with its first rule set, never a directory
// that nothing can open or repair.
#ifndef LEDGER_STORE_CREATE_LEDGER_H_
#define LEDGER_STORE_CREATE_LEDGER_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "ledger/v1/rules.pb.h"

namespace ledger::store {

// Builds a new ledger holding `rules` (published at `published_at_us`) in a
// temporary directory beside `directory` (".NAME.creating-PID" in the same
// parent, so on the same file system), syncs and closes it, then renames it
// into place and syncs the parent. `directory` must not exist or be an empty
// directory: an existing ledger is AlreadyExists, anything else in the way
// FailedPrecondition naming it. Temporary directories left by creations that
// were killed are removed first.
[[nodiscard]] absl::Status CreateLedger(const std::string& directory,
                                        const v1::RuleSet& rules,
                                        int64_t published_at_us);

}  // namespace ledger::store

#endif  // LEDGER_STORE_CREATE_LEDGER_H_
