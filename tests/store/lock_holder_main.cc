// A second process for the lock test: opens the ledger at argv[1] for
// writing, prints "locked" (or the error) on stdout, then holds the ledger
// until stdin reaches EOF. Exit status 0 when the open succeeded.
#include <cstdio>
#include <iostream>
#include <string>

#include "ledger/store/event_store.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: store_lock_holder LEDGER_DIR\n";
    return 2;
  }
  auto store = ledger::EventStore::Open(argv[1], ledger::OpenMode::kReadWrite);
  if (!store.ok()) {
    std::cout << "error: " << store.status() << std::endl;
    return 1;
  }
  std::cout << "locked" << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return 0;
}
