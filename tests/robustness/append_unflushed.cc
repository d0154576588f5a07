// append_unflushed DIR FILE: appends the events of the JSONL FILE to the
// ledger at DIR as one batch, prints "acknowledged FIRST LAST" once Append
// returned (the WAL is synced and the anchor written: what an import's
// summary means), then exits without closing the ledger, so the batch lives
// only in the write-ahead log — as when a process dies right after its
// summary. Exit 3 when the open or the append fails (the error on stderr).
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/status/statusor.h"
#include "ledger/interchange/event_jsonl.h"
#include "ledger/store/event_store.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: append_unflushed DIR FILE\n");
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  absl::StatusOr<ledger::ParsedEvents> parsed = ledger::ParseEventsJsonl(text.str(), argv[2]);
  absl::StatusOr<std::unique_ptr<ledger::EventStore>> store =
      ledger::EventStore::Open(argv[1], ledger::OpenMode::kReadWrite);
  absl::StatusOr<ledger::AppendResult> appended = absl::UnknownError("not appended");
  if (!parsed.ok()) appended = parsed.status();
  if (!store.ok()) appended = store.status();
  if (parsed.ok() && store.ok()) appended = (*store)->Append(std::move(parsed->events), 1);
  if (!appended.ok()) {
    std::fprintf(stderr, "append_unflushed: %s\n", std::string(appended.status().ToString()).c_str());
    return 3;
  }
  std::printf("acknowledged %llu %llu\n", static_cast<unsigned long long>(appended->first_sequence),
              static_cast<unsigned long long>(appended->last_sequence));
  std::fflush(stdout);
  _exit(0);  // no destructor: the ledger's close-time flush never runs
}
