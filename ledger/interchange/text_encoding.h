// Files that come in another encoding than UTF-8: a payments CSV saved by
// Excel on a Chinese Windows is GB18030 (a superset of GBK and GB2312).
// Converted to UTF-8 with glibc's iconv before any parsing, so every reader
// behind it sees UTF-8 only. Thread-safe: one iconv descriptor per call.
#ifndef LEDGER_INTERCHANGE_TEXT_ENCODING_H_
#define LEDGER_INTERCHANGE_TEXT_ENCODING_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ledger {

// Returns `bytes` (the contents of `file_name`, GB18030) as UTF-8.
// InvalidArgument "FILE:LINE: byte B of the line (offset O of the file):
// 0x.. is not ..." for the first byte sequence that is not GB18030, or one
// cut off at the end of the file. (A newline byte is never part of a
// GB18030 multi-byte character, so lines are counted on the raw bytes.)
[[nodiscard]] absl::StatusOr<std::string> Gb18030ToUtf8(std::string_view bytes,
                                                       std::string_view file_name);

}  // namespace ledger

#endif  // LEDGER_INTERCHANGE_TEXT_ENCODING_H_
