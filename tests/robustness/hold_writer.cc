// hold_writer DIR: opens the ledger at DIR for writing (so it holds RocksDB's
// LOCK), prints "ready <last_sequence>" on stdout, then waits until its stdin
// reaches end of file and exits 0. A test thereby holds the writer's place
// for exactly as long as it wants, with no timing guesses. Exit 3 when the
// open fails (the error on stderr).
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ledger/store/event_store.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: hold_writer DIR\n");
    return 2;
  }
  absl::StatusOr<std::unique_ptr<ledger::EventStore>> store =
      ledger::EventStore::Open(argv[1], ledger::OpenMode::kReadWrite);
  if (!store.ok()) {
    std::fprintf(stderr, "hold_writer: %s\n", std::string(store.status().ToString()).c_str());
    return 3;
  }
  std::printf("ready %llu\n", static_cast<unsigned long long>((*store)->last_sequence()));
  std::fflush(stdout);
  while (std::getchar() != EOF) {
  }
  return 0;
}
