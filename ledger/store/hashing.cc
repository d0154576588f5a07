// See hashing.h.
#include "ledger/store/hashing.h"

#include <openssl/evp.h>

#include <memory>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "ledger/store/keys.h"
#include "ledger/check.h"

namespace ledger::store {
namespace {

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// Returns SHA-256, fetched once: OpenSSL 3 otherwise looks the algorithm up
// again in every EVP_DigestInit_ex (an "implicit fetch"). Thread-safe static
// initialization; never freed (process lifetime).
const EVP_MD* Sha256Algorithm() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  LEDGER_CHECK(algorithm != nullptr, "EVP_MD_fetch(SHA256) failed");
  return algorithm;
}

// Returns SHA-256 over the concatenation of `first` and `second`. A libcrypto
// failure here is not an operating error we can recover from: abort.
std::string Sha256Of(std::string_view first, std::string_view second) {
  std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context(EVP_MD_CTX_new());
  LEDGER_CHECK(context != nullptr, "EVP_MD_CTX_new failed");
  LEDGER_CHECK(
      EVP_DigestInit_ex(context.get(), Sha256Algorithm(), nullptr) == 1,
      "EVP_DigestInit_ex(sha256) failed");
  LEDGER_CHECK(
      EVP_DigestUpdate(context.get(), first.data(), first.size()) == 1,
      "EVP_DigestUpdate failed");
  LEDGER_CHECK(
      EVP_DigestUpdate(context.get(), second.data(), second.size()) == 1,
      "EVP_DigestUpdate failed");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_bytes = 0;
  LEDGER_CHECK(
      EVP_DigestFinal_ex(context.get(), digest, &digest_bytes) == 1,
      "EVP_DigestFinal_ex failed");
  LEDGER_CHECK(digest_bytes == kHashBytes, "SHA-256 is not 32 bytes");
  return std::string(reinterpret_cast<const char*>(digest), digest_bytes);
}

}  // namespace

std::string SerializeDeterministic(
    const google::protobuf::MessageLite& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    const bool serialized = message.SerializeToCodedStream(&coded);
    LEDGER_CHECK(serialized && !coded.HadError(),
                       "protobuf serialization failed");
  }  // `coded` flushes into `bytes` here.
  return bytes;
}

std::string EventContentForm(const v1::Event& event) {
  v1::Event content = event;
  content.clear_sequence();
  content.clear_recorded_at_us();
  content.clear_recorded_at_given();
  return SerializeDeterministic(content);
}

std::string Sha256(std::string_view bytes) { return Sha256Of(bytes, {}); }

std::string EventContentHash(const v1::Event& event) {
  return Sha256(EventContentForm(event));
}

std::string ChainNext(std::string_view previous_chain,
                      std::string_view event_bytes) {
  LEDGER_CHECK(previous_chain.size() == kHashBytes,
                     "previous chain value must be 32 bytes");
  return Sha256Of(previous_chain, event_bytes);
}

std::string ChainStart() { return std::string(kHashBytes, '\0'); }

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0F]);
  }
  return hex;
}

}  // namespace ledger::store
