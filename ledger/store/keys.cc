// Key and value encodings; the layout is documented in keys.h.
#include "ledger/store/keys.h"

#include "ledger/check.h"

namespace ledger::store {
namespace {

// Appends the low `width` bytes of `value`, most significant first.
void AppendBigEndian(uint64_t value, size_t width, std::string* out) {
  for (size_t i = width; i > 0; --i) {
    out->push_back(static_cast<char>((value >> (8 * (i - 1))) & 0xFF));
  }
}

// Reads `width` bytes at the start of `bytes`, most significant first.
// `bytes` must hold at least `width` bytes.
uint64_t ReadBigEndian(std::string_view bytes, size_t width) {
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) {
    value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  }
  return value;
}

void CheckEmployerId(std::string_view employer_id) {
  LEDGER_CHECK(!employer_id.empty(), "employer_id is empty");
  LEDGER_CHECK(employer_id.size() <= kMaxEmployerIdBytes,
                     "employer_id too long");
  LEDGER_CHECK(employer_id.find(kEmployerSeparator) ==
                         std::string_view::npos,
                     "employer_id contains 0x00");
}

}  // namespace

std::string EncodeU32(uint32_t value) {
  std::string out;
  AppendBigEndian(value, 4, &out);
  return out;
}

std::string EncodeU64(uint64_t value) {
  std::string out;
  AppendBigEndian(value, 8, &out);
  return out;
}

std::string EncodeI64(int64_t value) {
  return EncodeU64(static_cast<uint64_t>(value));
}

std::optional<uint32_t> DecodeU32(std::string_view bytes) {
  if (bytes.size() != 4) return std::nullopt;
  return static_cast<uint32_t>(ReadBigEndian(bytes, 4));
}

std::optional<uint64_t> DecodeU64(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  return ReadBigEndian(bytes, 8);
}

std::optional<int64_t> DecodeI64(std::string_view bytes) {
  std::optional<uint64_t> raw = DecodeU64(bytes);
  if (!raw.has_value()) return std::nullopt;
  return static_cast<int64_t>(*raw);
}

std::string EventKey(uint64_t sequence) {
  LEDGER_CHECK(sequence > 0, "event sequence 0 is never stored");
  return EncodeU64(sequence);
}

std::optional<uint64_t> DecodeEventKey(std::string_view key) {
  std::optional<uint64_t> sequence = DecodeU64(key);
  if (!sequence.has_value() || *sequence == 0) return std::nullopt;
  return sequence;
}

std::string EmployerStreamKey(std::string_view employer_id,
                              uint32_t stream_sequence) {
  std::string key = EmployerPrefix(employer_id);
  AppendBigEndian(stream_sequence, kStreamSequenceBytes, &key);
  return key;
}

std::string EmployerPrefix(std::string_view employer_id) {
  CheckEmployerId(employer_id);
  std::string prefix(employer_id);
  prefix.push_back(kEmployerSeparator);
  return prefix;
}

std::string EmployerPrefixEnd(std::string_view employer_id) {
  std::string end = EmployerPrefix(employer_id);
  end.back() = static_cast<char>(kEmployerSeparator + 1);
  return end;
}

std::optional<EmployerStreamKeyParts> DecodeEmployerStreamKey(
    std::string_view key) {
  constexpr size_t kSuffixBytes = 1 + kStreamSequenceBytes;
  if (key.size() <= kSuffixBytes) return std::nullopt;
  const size_t id_bytes = key.size() - kSuffixBytes;
  std::string_view employer_id = key.substr(0, id_bytes);
  if (key[id_bytes] != kEmployerSeparator ||
      employer_id.find(kEmployerSeparator) != std::string_view::npos) {
    return std::nullopt;
  }
  EmployerStreamKeyParts parts;
  parts.employer_id = employer_id;
  parts.stream_sequence = static_cast<uint32_t>(
      ReadBigEndian(key.substr(id_bytes + 1), kStreamSequenceBytes));
  if (parts.stream_sequence == 0) return std::nullopt;
  return parts;
}

std::string EncodeSequenceAndHash(uint64_t sequence, std::string_view hash) {
  LEDGER_CHECK(sequence > 0, "sequence 0 is never stored");
  LEDGER_CHECK(hash.size() == kHashBytes, "hash must be 32 bytes");
  std::string value = EncodeU64(sequence);
  value.append(hash);
  return value;
}

std::optional<SequenceAndHash> DecodeSequenceAndHash(std::string_view value) {
  if (value.size() != kSequenceAndHashBytes) return std::nullopt;
  SequenceAndHash decoded;
  decoded.sequence = ReadBigEndian(value, kSequenceBytes);
  if (decoded.sequence == 0) return std::nullopt;
  decoded.hash = std::string(value.substr(kSequenceBytes));
  return decoded;
}

std::string RulesKey(uint32_t version) {
  LEDGER_CHECK(version > 0, "rule set version 0 is never stored");
  return EncodeU32(version);
}

std::optional<uint32_t> DecodeRulesKey(std::string_view key) {
  std::optional<uint32_t> version = DecodeU32(key);
  if (!version.has_value() || *version == 0) return std::nullopt;
  return version;
}

std::string EncodeRulesValue(int64_t published_at_us,
                             std::string_view rules_bytes) {
  std::string value = EncodeI64(published_at_us);
  value.append(rules_bytes);
  return value;
}

std::optional<RulesValue> DecodeRulesValue(std::string_view value) {
  if (value.size() < kInstantBytes) return std::nullopt;
  RulesValue decoded;
  decoded.published_at_us =
      static_cast<int64_t>(ReadBigEndian(value, kInstantBytes));
  decoded.rules_bytes = value.substr(kInstantBytes);
  return decoded;
}

std::string RulesNoteKey(uint32_t version) {
  LEDGER_CHECK(version > 0, "rule set version 0 is never stored");
  std::string key(kMetaRulesNotePrefix);
  key.append(EncodeU32(version));
  return key;
}

std::string EncodeRulesNoteValue(std::string_view sha256,
                                 std::string_view note) {
  LEDGER_CHECK(sha256.size() == 32, "a rules note carries a 32-byte SHA-256");
  std::string value(sha256);
  value.append(note);
  return value;
}

std::optional<RulesNoteValue> DecodeRulesNoteValue(std::string_view value) {
  if (value.size() < 32) return std::nullopt;
  return RulesNoteValue{value.substr(0, 32), value.substr(32)};
}

std::string ReceiptPrefix(std::string_view receipt) {
  LEDGER_CHECK(!receipt.empty(), "tax_receipt_no is empty");
  LEDGER_CHECK(receipt.size() <= kMaxReceiptBytes, "tax_receipt_no too long");
  LEDGER_CHECK(receipt.find('\0') == std::string_view::npos,
               "tax_receipt_no contains 0x00");
  std::string prefix(receipt);
  prefix.push_back('\0');
  return prefix;
}

std::string ReceiptKey(std::string_view receipt, uint64_t sequence) {
  LEDGER_CHECK(sequence > 0, "sequence 0 is never stored");
  std::string key = ReceiptPrefix(receipt);
  AppendBigEndian(sequence, kSequenceBytes, &key);
  return key;
}

std::optional<ReceiptKeyParts> DecodeReceiptKey(std::string_view key) {
  constexpr size_t kSuffixBytes = 1 + kSequenceBytes;
  if (key.size() <= kSuffixBytes) return std::nullopt;
  const size_t receipt_bytes = key.size() - kSuffixBytes;
  const std::string_view receipt = key.substr(0, receipt_bytes);
  if (key[receipt_bytes] != '\0' || receipt.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  ReceiptKeyParts parts;
  parts.receipt = receipt;
  parts.sequence = ReadBigEndian(key.substr(receipt_bytes + 1), kSequenceBytes);
  if (parts.sequence == 0) return std::nullopt;
  return parts;
}

std::string ReconcileRunPrefix(std::string_view sha256) {
  LEDGER_CHECK(sha256.size() == kHashBytes, "a file SHA-256 is 32 bytes");
  std::string key(kMetaReconcileRunPrefix);
  key.append(sha256);
  return key;
}

std::string ReconcileRunKey(std::string_view sha256, uint32_t run) {
  LEDGER_CHECK(run > 0, "reconcile runs count from 1");
  std::string key = ReconcileRunPrefix(sha256);
  AppendBigEndian(run, 4, &key);
  return key;
}

}  // namespace ledger::store
