// Rule-set versions: PublishRules (latest + 1, identical is a no-op, notes
// and hashes kept), VersionInForce by known-at, and ResolveRules.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/replay/rule_versions.h"
#include "ledger/rules.h"
#include "store_test_util.h"

namespace ledger::testing {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kT1 = 1'660'000'000'000'000;  // version 1 published
constexpr int64_t kT2 = kT1 + 86'400'000'000;    // version 2, a day later

Rules Sample(uint32_t version, int32_t employer_rate_bp) {
  std::ifstream in(std::string(LEDGER_SOURCE_DIR) + "/tools/examples/rules/zhangye.json");
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<Rules> parsed = Rules::FromJson(text.str(), "zhangye.json");
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  v1::RuleSet rule_set = parsed->rule_set();
  rule_set.set_version(version);
  rule_set.mutable_pooling_areas(1)->mutable_rates(0)->set_employer_rate_bp(employer_rate_bp);
  absl::StatusOr<Rules> rules = Rules::FromRuleSet(rule_set, "sample");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *rules;
}

using RuleVersionsTest = StoreTest;

TEST_F(RuleVersionsTest, PublishKeepsNoteHashAndTimeInVersionOrder) {
  auto store = Create();
  ASSERT_TRUE(PublishRules(*store, Sample(1, 700), "", kT1).ok());
  absl::StatusOr<PublishOutcome> second =
      PublishRules(*store, Sample(2, 650), "620702 rate corrected", kT2);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->published);
  EXPECT_EQ(second->version, 2U);
  EXPECT_EQ(second->sha256_hex, RulesSha256Hex(Sample(2, 650).rule_set()));
  EXPECT_NE(second->sha256_hex, RulesSha256Hex(Sample(2, 700).rule_set()));

  store.reset();
  store = Reopen(OpenMode::kReadOnly);
  absl::StatusOr<std::vector<PublishedRuleSet>> listed = store->ListRules();
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].rules.version(), 1U);
  EXPECT_EQ((*listed)[0].published_at_us, kT1);
  EXPECT_EQ((*listed)[0].note, "");
  EXPECT_EQ((*listed)[1].published_at_us, kT2);
  EXPECT_EQ((*listed)[1].note, "620702 rate corrected");
  EXPECT_EQ((*listed)[1].sha256_hex, second->sha256_hex);
  EXPECT_EQ((*listed)[1].rules.pooling_areas(1).rates(0).employer_rate_bp(), 650);
}

TEST_F(RuleVersionsTest, AGapInVersionsIsRefusedNamingTheNext) {
  auto store = Create();
  ASSERT_TRUE(PublishRules(*store, Sample(1, 700), "", kT1).ok());
  absl::StatusOr<PublishOutcome> gap = PublishRules(*store, Sample(3, 650), "", kT2);
  EXPECT_EQ(gap.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(gap.status().message(), HasSubstr("\"version\": 2"));
  EXPECT_EQ(store->ListRules()->size(), 1U);
}

TEST_F(RuleVersionsTest, FirstVersionMustBeOne) {
  auto store = Create();
  EXPECT_EQ(PublishRules(*store, Sample(2, 700), "", kT1).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(RuleVersionsTest, IdenticalRepublishIsANoOpAndOtherContentIsRefused) {
  auto store = Create();
  ASSERT_TRUE(PublishRules(*store, Sample(1, 700), "first", kT1).ok());
  absl::StatusOr<PublishOutcome> again = PublishRules(*store, Sample(1, 700), "again", kT2);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->published);
  absl::StatusOr<PublishOutcome> changed = PublishRules(*store, Sample(1, 650), "", kT2);
  EXPECT_EQ(changed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(changed.status().message(), HasSubstr("\"version\": 2"));
  const std::vector<PublishedRuleSet> listed = *store->ListRules();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].note, "first");
  EXPECT_EQ(listed[0].published_at_us, kT1);
}

TEST_F(RuleVersionsTest, VersionInForceFollowsPublishedAt) {
  auto store = Create();
  ASSERT_TRUE(PublishRules(*store, Sample(1, 700), "", kT1).ok());
  ASSERT_TRUE(PublishRules(*store, Sample(2, 650), "", kT2).ok());
  const std::vector<PublishedRuleSet> listed = *store->ListRules();
  // The first version is in force from the start, even before it was published.
  EXPECT_EQ(*VersionInForce(listed, kT1 - 1), 1U);
  EXPECT_EQ(*VersionInForce(listed, kT2 - 1), 1U);
  EXPECT_EQ(*VersionInForce(listed, kT2), 2U);
  EXPECT_EQ(*VersionInForce(listed, std::nullopt), 2U);
  EXPECT_EQ(VersionInForce({}, kT1).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(RuleVersionsTest, ResolveRulesByRequestOrKnownAt) {
  auto store = Create();
  ASSERT_TRUE(PublishRules(*store, Sample(1, 700), "", kT1).ok());
  ASSERT_TRUE(PublishRules(*store, Sample(2, 650), "", kT2).ok());
  EXPECT_EQ(ResolveRules(*store, std::nullopt, kT2 - 1)->version(), 1U);
  EXPECT_EQ(ResolveRules(*store, std::nullopt, std::nullopt)->version(), 2U);
  EXPECT_EQ(ResolveRules(*store, 1, std::nullopt)->version(), 1U);
  absl::StatusOr<Rules> missing = ResolveRules(*store, 3, std::nullopt);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("published: 1, 2"));
}

}  // namespace
}  // namespace ledger::testing
