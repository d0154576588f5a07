// The byte layout of keys.h and the hashes of hashing.h: fixed encodings a
// later `verify` and older ledgers depend on.
#include "ledger/store/keys.h"

#include <string>

#include "gtest/gtest.h"
#include "ledger/store/hashing.h"
#include "store_test_util.h"

namespace ledger::store {
namespace {

TEST(KeysTest, IntegersAreBigEndianAndRoundTrip) {
  EXPECT_EQ(EncodeU64(0x0102030405060708ULL),
            std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  EXPECT_EQ(EncodeU32(0x0A0B0C0DU), std::string("\x0A\x0B\x0C\x0D", 4));
  EXPECT_EQ(DecodeU64(EncodeU64(~0ULL)), ~0ULL);
  EXPECT_EQ(DecodeU32(EncodeU32(7)), 7U);
  EXPECT_EQ(DecodeI64(EncodeI64(-5)), -5);
  EXPECT_FALSE(DecodeU64("short").has_value());
  EXPECT_FALSE(DecodeU32("toolong").has_value());
}

TEST(KeysTest, EventKeysSortNumerically) {
  EXPECT_LT(EventKey(255), EventKey(256));
  EXPECT_LT(EventKey(1), EventKey(1ULL << 40));
  EXPECT_EQ(DecodeEventKey(EventKey(42)), 42U);
  EXPECT_FALSE(DecodeEventKey(EncodeU64(0)).has_value());
}

TEST(KeysTest, EmployerStreamKeyLayout) {
  EXPECT_EQ(EmployerStreamKey("AB", 258), std::string("AB\0\0\0\x01\x02", 7));
  const std::string key = EmployerStreamKey("91620700MA001", 9);
  auto parts = DecodeEmployerStreamKey(key);  // views into `key`
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->employer_id, "91620700MA001");
  EXPECT_EQ(parts->stream_sequence, 9U);
  EXPECT_FALSE(DecodeEmployerStreamKey(std::string("AB\x01\0\0\0\x01", 7)));
  EXPECT_FALSE(DecodeEmployerStreamKey(std::string("\0\0\0\0\x01", 5)));
}

TEST(KeysTest, EmployerPrefixesDoNotOverlapAndSortById) {
  // "A" < "A B" < "AB" in byte order; no employer's keys fall inside another
  // employer's prefix range, even when one id is a prefix of the other.
  const std::string a_last = EmployerStreamKey("A", 0xFFFFFFFF);
  EXPECT_LT(a_last, EmployerPrefixEnd("A"));
  EXPECT_LT(EmployerPrefixEnd("A"), EmployerStreamKey("A B", 1));
  EXPECT_LT(EmployerStreamKey("A B", 0xFFFFFFFF), EmployerStreamKey("AB", 1));
  EXPECT_GE(EmployerStreamKey("AB", 1), EmployerPrefixEnd("A"));
}

TEST(KeysTest, SequenceAndHashLayout) {
  const std::string hash(kHashBytes, '\x7F');
  const std::string value = EncodeSequenceAndHash(3, hash);
  ASSERT_EQ(value.size(), 40U);
  EXPECT_EQ(value.substr(0, 8), EncodeU64(3));
  auto decoded = DecodeSequenceAndHash(value);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->sequence, 3U);
  EXPECT_EQ(decoded->hash, hash);
  EXPECT_FALSE(DecodeSequenceAndHash(value.substr(1)).has_value());
}

TEST(KeysTest, RulesValueLayout) {
  const std::string value = EncodeRulesValue(-1, "rules");
  EXPECT_EQ(value, std::string(8, '\xFF') + "rules");
  auto decoded = DecodeRulesValue(value);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->published_at_us, -1);
  EXPECT_EQ(decoded->rules_bytes, "rules");
  EXPECT_EQ(DecodeRulesKey(RulesKey(3)), 3U);
}

TEST(KeysTest, EmployerIdWithNulByteCrashes) {
  EXPECT_DEATH((void)EmployerStreamKey(std::string("A\0B", 3), 1),
               "contains 0x00");
}

TEST(HashingTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashingTest, ChainStartsAtZeroAndHashesPreviousThenBytes) {
  EXPECT_EQ(ChainStart(), std::string(32, '\0'));
  EXPECT_EQ(ChainNext(ChainStart(), "abc"),
            Sha256(std::string(32, '\0') + "abc"));
}

TEST(HashingTest, ContentFormIgnoresSequenceAndRecordedAt) {
  v1::Event event = testing::Paid("p-1", "E1", 100);
  v1::Event stored = event;
  stored.set_sequence(17);
  stored.set_recorded_at_us(1'660'000'000'000'000);
  stored.set_recorded_at_given(true);
  EXPECT_EQ(EventContentHash(event), EventContentHash(stored));
  stored.mutable_contribution_paid()->set_amount_fen(101);
  EXPECT_NE(EventContentHash(event), EventContentHash(stored));
}

}  // namespace
}  // namespace ledger::store
