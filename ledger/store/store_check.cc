// See store_check.h.
#include "ledger/store/store_check.h"

#include <cstdio>
#include <cstdlib>

namespace ledger::store {

void StoreCheckFailed(const char* condition, std::string_view what,
                      const char* file, int line) {
  std::fprintf(stderr, "%s:%d: store check failed: %s (%.*s)\n", file, line,
               condition, static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace ledger::store
