// See check.h.
#include "ledger/check.h"

#include <cstdio>
#include <cstdlib>

namespace ledger {

void CheckFailed(const char* condition, std::string_view what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: check failed: %s (%.*s)\n", file, line, condition,
               static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace ledger
