// Text a person reads in a terminal: what may appear in ids, codes and
// names, and how any other text (a file name, a value being refused) is
// escaped before it is echoed, so that no input can move the cursor, reorder
// what follows (bidi overrides), or start a line of its own and forge a
// "FILE:LINE: ..." message. One implementation for every place that checks
// or echoes input.
#ifndef LEDGER_PRINTABLE_H_
#define LEDGER_PRINTABLE_H_

#include <string>
#include <string_view>

namespace ledger {

// Returns what the first code point of `text` that must not appear in an
// id, a code or a name is ("control character U+0009", "bidirectional
// control U+202E"), or "" when there is none. Refused: C0 controls (tab,
// newline, CR, escape, ...), DEL and C1 controls (U+0080..U+009F); the
// bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
// U+2066..U+2069); the zero-width and invisible format characters
// (U+200B..U+200D, U+2060..U+2064, U+FEFF); the line and paragraph
// separators (U+2028, U+2029). A byte that is not UTF-8 is "byte 0xFF (not
// UTF-8)" (the JSON reader refuses those earlier; file names may hold them).
std::string FirstUnprintable(std::string_view text);

// Returns whether `text` starts or ends with a space: U+0020, U+00A0,
// U+1680, U+2000..U+200A, U+202F, U+205F or U+3000 (ideographic).
bool StartsOrEndsWithSpace(std::string_view text);

// Returns whether `text` is empty or only such spaces.
bool IsBlank(std::string_view text);

// Returns `text` with every code point FirstUnprintable refuses, every byte
// that is not UTF-8, and the backslash itself escaped: "\n", "\r", "\t",
// "\\", "\x1b", "\u{202E}". Everything else (Chinese, spaces) is kept, so a
// plain file name is echoed as it is.
std::string EscapeForMessage(std::string_view text);

}  // namespace ledger

#endif  // LEDGER_PRINTABLE_H_
