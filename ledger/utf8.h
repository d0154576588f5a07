// UTF-8 well-formedness (Unicode's table of well-formed byte sequences) and
// encoding, for the JSON reader and any other text input (CSV files).
#ifndef LEDGER_UTF8_H_
#define LEDGER_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ledger {

// Checks the UTF-8 sequence starting at text[pos] (a byte >= 0x80): no
// overlong forms, no encoded surrogates, nothing past U+10FFFF. Returns its
// length, or 0 and sets *problem to what is wrong ("invalid UTF-8: ...").
size_t Utf8SequenceLength(std::string_view text, size_t pos, std::string* problem);

// Decodes the code point at text[pos] (pos < text.size()) into
// *code_point. Returns its length in bytes, or 0 when the byte there does not
// start a well-formed sequence (Utf8SequenceLength). The one UTF-8 decoder.
size_t DecodeUtf8(std::string_view text, size_t pos, uint32_t* code_point);

// Appends `code_point` (<= U+10FFFF, not a surrogate) encoded as UTF-8.
void AppendUtf8(uint32_t code_point, std::string* out);

// Returns whether `text` is well-formed UTF-8: no overlong forms, no encoded
// surrogates, nothing past U+10FFFF, no truncated sequences.
bool IsValidUtf8(std::string_view text);

}  // namespace ledger

#endif  // LEDGER_UTF8_H_
