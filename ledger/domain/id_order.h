// Employee ids in byte order (as std::string_view compares them), inline: an
// id is 12-18 bytes, and comparing it 8 bytes at a time here costs less than
// the call to memcmp that std::string_view makes, once per assessment line.
#ifndef LEDGER_DOMAIN_ID_ORDER_H_
#define LEDGER_DOMAIN_ID_ORDER_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ledger {

// The 8 bytes at `bytes` as a big-endian integer: integers compare as the
// bytes do.
inline uint64_t LoadBigEndian64(const char* bytes) {
  uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof(word));
  return std::endian::native == std::endian::little ? __builtin_bswap64(word) : word;
}

inline bool IdLess(std::string_view a, std::string_view b) {
  const size_t common = a.size() < b.size() ? a.size() : b.size();
  size_t i = 0;
  for (; i + 8 <= common; i += 8) {
    const uint64_t a_word = LoadBigEndian64(a.data() + i);
    const uint64_t b_word = LoadBigEndian64(b.data() + i);
    if (a_word != b_word) return a_word < b_word;
  }
  for (; i < common; ++i) {
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

}  // namespace ledger

#endif  // LEDGER_DOMAIN_ID_ORDER_H_
