// IdLess orders ids exactly as std::string_view does, bytes >= 0x80 and
// prefixes included.
#include "ledger/domain/id_order.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace ledger {
namespace {

TEST(IdOrderTest, KnownPairs) {
  EXPECT_TRUE(IdLess("E10", "E2"));
  EXPECT_TRUE(IdLess("E2", "e1"));
  EXPECT_TRUE(IdLess("P00001200001", "P00001200002"));
  EXPECT_TRUE(IdLess("62070119800101001", "620701198001010012"));  // a prefix first
  EXPECT_FALSE(IdLess("620701198001010012", "62070119800101001"));
  EXPECT_FALSE(IdLess("same-id-18-bytes!!", "same-id-18-bytes!!"));
  EXPECT_TRUE(IdLess("abcdefgh\x7f", "abcdefgh\x80"));  // unsigned bytes
  EXPECT_TRUE(IdLess("", "a"));
}

TEST(IdOrderTest, AgreesWithStringViewOnRandomIds) {
  std::mt19937 rng(20221201);
  // Few distinct bytes and lengths around 8 and 16, so that ties and
  // prefixes are common.
  const std::string alphabet = std::string("0159X") + '\x80' + '\xff';
  auto random_id = [&] {
    std::string id(rng() % 20, '0');
    for (char& c : id) c = alphabet[rng() % alphabet.size()];
    return id;
  };
  for (int i = 0; i < 200'000; ++i) {
    const std::string a = random_id();
    const std::string b = rng() % 4 == 0 ? a.substr(0, rng() % (a.size() + 1)) : random_id();
    ASSERT_EQ(IdLess(a, b), std::string_view(a) < std::string_view(b)) << a << " / " << b;
    ASSERT_EQ(IdLess(b, a), std::string_view(b) < std::string_view(a)) << b << " / " << a;
  }
}

}  // namespace
}  // namespace ledger
