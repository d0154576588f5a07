#include "ledger/printable.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "ledger/utf8.h"

namespace ledger {
namespace {

bool Refused(uint32_t code_point) {
  if (code_point < 0x20 || code_point == 0x7F) return true;
  if (code_point >= 0x80 && code_point <= 0x9F) return true;
  if (code_point == 0x061C) return true;                             // Arabic letter mark
  if (code_point >= 0x200B && code_point <= 0x200F) return true;     // zero width, LRM, RLM
  if (code_point >= 0x2028 && code_point <= 0x202E) return true;     // separators, embeddings
  if (code_point >= 0x2060 && code_point <= 0x2064) return true;     // word joiner, invisibles
  if (code_point >= 0x2066 && code_point <= 0x2069) return true;     // isolates
  return code_point == 0xFEFF;                                        // BOM inside text
}

// Decodes the code point at text[pos]: its length, or 0 for a byte that
// does not start a well-formed sequence.
size_t Decode(std::string_view text, size_t pos, uint32_t* code_point) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  std::string problem;
  const size_t length = Utf8SequenceLength(text, pos, &problem);
  if (length == 0) return 0;
  uint32_t value = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    value = (value << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  *code_point = value;
  return length;
}

}  // namespace

std::string FirstUnprintable(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    uint32_t code_point = 0;
    const size_t length = Decode(text, pos, &code_point);
    if (length == 0) {
      return absl::StrFormat("byte 0x%02X", static_cast<unsigned char>(text[pos]));
    }
    if (Refused(code_point)) return absl::StrFormat("U+%04X", code_point);
    pos += length;
  }
  return "";
}

std::string EscapeForMessage(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    uint32_t code_point = 0;
    const size_t length = Decode(text, pos, &code_point);
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
