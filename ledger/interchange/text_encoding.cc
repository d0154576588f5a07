// See text_encoding.h.
#include "ledger/interchange/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ledger/printable.h"

namespace ledger {
namespace {

// Owns an iconv descriptor.
class Converter {
 public:
  Converter(const char* to, const char* from) : descriptor_(iconv_open(to, from)) {}
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  ~Converter() {
    if (ok()) iconv_close(descriptor_);
  }
  bool ok() const { return descriptor_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return descriptor_; }

 private:
  iconv_t descriptor_;
};

// "FILE:LINE: byte B of the line (offset O of the file): 0x81 0x30 ...".
absl::Status BadSequence(std::string_view bytes, size_t offset, std::string_view file_name,
                         std::string_view what) {
  const std::string_view before = bytes.substr(0, offset);
  const int64_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t newline = before.rfind('\n');
  const size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  std::vector<std::string> shown;
  for (size_t i = offset; i < bytes.size() && shown.size() < 4; ++i) {
    shown.push_back(absl::StrFormat("0x%02X", static_cast<unsigned char>(bytes[i])));
  }
  return absl::InvalidArgumentError(absl::StrFormat(
      "%s:%d: byte %d of the line (offset %d of the file): %s %s; the file was read as "
      "GB18030 (--encoding gb18030): save it again from Excel, or drop --encoding if it "
      "is UTF-8",
      EscapeForMessage(file_name), line, offset - line_start + 1, offset,
      absl::StrJoin(shown, " "), what));
}

}  // namespace

absl::StatusOr<std::string> Gb18030ToUtf8(std::string_view bytes, std::string_view file_name) {
  Converter converter("UTF-8", "GB18030");
  if (!converter.ok()) {
    return absl::InternalError(absl::StrFormat(
        "cannot read %s as GB18030: this system's iconv has no GB18030 converter (%s)",
        EscapeForMessage(file_name), std::strerror(errno)));
  }
  std::string out;
  // A GB18030 character is 1, 2 or 4 bytes and becomes at most 4 in UTF-8:
  // twice the input is room enough for any text but single-byte ASCII.
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; not written
  size_t in_left = bytes.size();
  char* next = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(converter.get(), &in, &in_left, &next, &out_left) != static_cast<size_t>(-1)) {
      continue;
    }
    const size_t offset = bytes.size() - in_left;
    if (errno == E2BIG) {
      const size_t used = out.size() - out_left;
      out.resize(out.size() * 2);
      next = out.data() + used;
      out_left = out.size() - used;
    } else if (errno == EINVAL) {
      return BadSequence(bytes, offset, file_name,
                         "is a character cut off at the end of the file");
    } else {
      return BadSequence(bytes, offset, file_name, "is not a GB18030 character");
    }
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace ledger
