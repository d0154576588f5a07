#include "ledger/printable.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "ledger/utf8.h"

namespace ledger {
namespace {

// Returns what kind of refused code point `code_point` is, or nullptr.
const char* RefusedKind(uint32_t code_point) {
  if (code_point < 0x20 || code_point == 0x7F) return "control character";
  if (code_point >= 0x80 && code_point <= 0x9F) return "control character";
  if (code_point == 0x061C || code_point == 0x200E || code_point == 0x200F ||
      (code_point >= 0x202A && code_point <= 0x202E) ||
      (code_point >= 0x2066 && code_point <= 0x2069)) {
    return "bidirectional control";
  }
  if ((code_point >= 0x200B && code_point <= 0x200D) ||
      (code_point >= 0x2060 && code_point <= 0x2064) || code_point == 0xFEFF) {
    return "invisible character";
  }
  if (code_point == 0x2028 || code_point == 0x2029) return "line or paragraph separator";
  return nullptr;
}

bool Refused(uint32_t code_point) { return RefusedKind(code_point) != nullptr; }

bool IsSpace(uint32_t code_point) {
  return code_point == 0x20 || code_point == 0xA0 || code_point == 0x1680 ||
         (code_point >= 0x2000 && code_point <= 0x200A) || code_point == 0x202F ||
         code_point == 0x205F || code_point == 0x3000;
}

}  // namespace

std::string FirstUnprintable(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    uint32_t code_point = 0;
    const size_t length = DecodeUtf8(text, pos, &code_point);
    if (length == 0) {
      return absl::StrFormat("byte 0x%02X (not UTF-8)", static_cast<unsigned char>(text[pos]));
    }
    if (const char* kind = RefusedKind(code_point)) {
      return absl::StrFormat("%s U+%04X", kind, code_point);
    }
    pos += length;
  }
  return "";
}

bool StartsOrEndsWithSpace(std::string_view text) {
  if (text.empty()) return false;
  uint32_t first = 0;
  if (DecodeUtf8(text, 0, &first) > 0 && IsSpace(first)) return true;
  // The last code point starts at the last byte that is not a continuation.
  size_t last_start = text.size() - 1;
  while (last_start > 0 && (static_cast<unsigned char>(text[last_start]) & 0xC0) == 0x80) {
    --last_start;
  }
  uint32_t last = 0;
  return DecodeUtf8(text, last_start, &last) == text.size() - last_start && IsSpace(last);
}

bool IsBlank(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    uint32_t code_point = 0;
    const size_t length = DecodeUtf8(text, pos, &code_point);
    if (length == 0 || !IsSpace(code_point)) return false;
    pos += length;
  }
  return true;
}

std::string EscapeForMessage(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    uint32_t code_point = 0;
    const size_t length = DecodeUtf8(text, pos, &code_point);
    if (length == 0) {
      absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned char>(text[pos]));
      ++pos;
      continue;
    }
    if (code_point == '\\') {
      out += "\\\\";
    } else if (code_point == '\n') {
      out += "\\n";
    } else if (code_point == '\r') {
      out += "\\r";
    } else if (code_point == '\t') {
      out += "\\t";
    } else if (code_point < 0x80 && Refused(code_point)) {
      absl::StrAppendFormat(&out, "\\x%02x", code_point);
    } else if (Refused(code_point)) {
      absl::StrAppendFormat(&out, "\\u{%04X}", code_point);
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

}  // namespace ledger
