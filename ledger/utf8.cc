#include "ledger/utf8.h"

#include "absl/strings/str_format.h"

namespace ledger {

size_t Utf8SequenceLength(std::string_view text, size_t pos, std::string* problem) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  size_t length = 0;
  unsigned char second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    if (lead == 0xC0 || lead == 0xC1) {
      *problem = "invalid UTF-8: overlong encoding";
    } else if (lead >= 0xF5) {
      *problem = absl::StrFormat("invalid UTF-8: byte 0x%02X is never valid", lead);
    } else {
      *problem = absl::StrFormat("invalid UTF-8: unexpected continuation byte 0x%02X", lead);
    }
    return 0;
  }
  if (pos + length > text.size()) {
    *problem = "invalid UTF-8: truncated sequence";
    return 0;
  }
  const auto second = static_cast<unsigned char>(text[pos + 1]);
  if (second < second_min || second > second_max) {
    if (second < 0x80 || second > 0xBF) {
      *problem = "invalid UTF-8: truncated sequence";
    } else if (lead == 0xED) {
      *problem = "invalid UTF-8: encoded surrogate (U+D800..U+DFFF)";
    } else if (lead == 0xF4) {
      *problem = "invalid UTF-8: code point past U+10FFFF";
    } else {
      *problem = "invalid UTF-8: overlong encoding";
    }
    return 0;
  }
  for (size_t i = 2; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if (byte < 0x80 || byte > 0xBF) {
      *problem = "invalid UTF-8: truncated sequence";
      return 0;
    }
  }
  return length;
}

size_t DecodeUtf8(std::string_view text, size_t pos, uint32_t* code_point) {
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

void AppendUtf8(uint32_t code_point, std::string* out) {
  auto put = [out](uint32_t byte) { out->push_back(static_cast<char>(byte)); };
  if (code_point < 0x80) return put(code_point);
  if (code_point < 0x800) {
    put(0xC0 | (code_point >> 6));
  } else if (code_point < 0x10000) {
    put(0xE0 | (code_point >> 12));
    put(0x80 | ((code_point >> 6) & 0x3F));
  } else {
    put(0xF0 | (code_point >> 18));
    put(0x80 | ((code_point >> 12) & 0x3F));
    put(0x80 | ((code_point >> 6) & 0x3F));
  }
  put(0x80 | (code_point & 0x3F));
}

bool IsValidUtf8(std::string_view text) {
  std::string problem;
  for (size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, pos, &problem);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

}  // namespace ledger
