// Every worked example of shared/spec/examples (copied to
// tests/scenarios/spec_examples) through the real CLI: init, import, then
// `owed --format json` must reproduce every field of the expected file
// (extra fields are fine; an expected null next_due may be null or absent).
#include <cstdio>
#include <filesystem>
#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "ledger/json.h"
#include "tests/cli/cli_runner.h"

namespace ledger::testing {
namespace {

const std::string kExamples = std::string(LEDGER_SOURCE_DIR) + "/tests/scenarios/spec_examples/";

// Adds a failure for every field of `expected` that `actual` lacks or differs in.
void ExpectContains(const JsonValue& expected, const JsonValue& actual, const std::string& path) {
  using Kind = JsonValue::Kind;
  if (expected.kind() == Kind::kObject) {
    ASSERT_EQ(actual.kind(), Kind::kObject) << path;
    for (const auto& [key, value] : expected.members()) {
      const JsonValue* found = actual.Find(key);
      if (found == nullptr) {
        EXPECT_TRUE(value.is_null()) << path << "." << key << " missing";
        continue;
      }
      ExpectContains(value, *found, path + "." + key);
    }
    return;
  }
  if (expected.kind() == Kind::kArray) {
    ASSERT_EQ(actual.kind(), Kind::kArray) << path;
    ASSERT_EQ(actual.elements().size(), expected.elements().size()) << path;
    for (size_t i = 0; i < expected.elements().size(); ++i) {
      ExpectContains(expected.elements()[i], actual.elements()[i],
                     absl::StrFormat("%s[%d]", path, i));
    }
    return;
  }
  ASSERT_EQ(actual.kind(), expected.kind()) << path;
  switch (expected.kind()) {
    case Kind::kBool: EXPECT_EQ(actual.bool_value(), expected.bool_value()) << path; break;
    case Kind::kInteger: EXPECT_EQ(actual.integer_value(), expected.integer_value()) << path; break;
    default: EXPECT_EQ(actual.text(), expected.text()) << path; break;
  }
}

struct Example {
  std::string history;
  std::string employer;
  std::string as_of;
  std::string known_at;  // empty: now
  std::string expected_file;
};

class SpecExamplesCliTest : public ::testing::TestWithParam<Example> {};

TEST_P(SpecExamplesCliTest, OwedJsonReproducesEveryField) {
  const Example& example = GetParam();
  const std::filesystem::path scratch = MakeScratchDir("spec_example");
  const std::string db = (scratch / "ledger").string();
  const CliResult init =
      RunLedgerctl(scratch, {"init", "--db", db, "--rules", kExamples + "rules-zhangye-jinan.json"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  const CliResult imported = RunLedgerctl(scratch, {"import", "--db", db, kExamples + example.history});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  std::vector<std::string> owed = {"owed", "--db", db, "--employer", example.employer,
                                   "--as-of", example.as_of, "--format", "json"};
  if (!example.known_at.empty()) {
    owed.push_back("--known-at");
    owed.push_back(example.known_at);
  }
  const CliResult result = RunLedgerctl(scratch, owed);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  absl::StatusOr<JsonValue> actual = ParseJson(result.out);
  ASSERT_TRUE(actual.ok()) << actual.status() << "\n" << result.out;
  absl::StatusOr<JsonValue> expected = ParseJson(ReadWholeFile(kExamples + example.expected_file));
  ASSERT_TRUE(expected.ok()) << expected.status();
  ExpectContains(*expected, *actual, example.expected_file);
  std::filesystem::remove_all(scratch);
}

INSTANTIATE_TEST_SUITE_P(
    SharedSpecExamples, SpecExamplesCliTest,
    ::testing::Values(
        Example{"zhangye-separation.jsonl", "A", "2022-12-31", "",
                "zhangye-separation.owed-2022-12-31.json"},
        Example{"jinan-false-commitment.jsonl", "J1", "2022-11-30", "2022-11-15T00:00:00+08:00",
                "jinan-false-commitment.owed-2022-11-30.known-2022-11-15.json"},
        Example{"jinan-false-commitment.jsonl", "J1", "2022-11-30", "2022-11-22T12:00:00+08:00",
                "jinan-false-commitment.owed-2022-11-30.known-2022-11-22.json"},
        Example{"jinan-false-commitment.jsonl", "J1", "2022-12-31", "",
                "jinan-false-commitment.owed-2022-12-31.json"},
        Example{"jinan-false-commitment.jsonl", "J1", "2022-10-31", "",
                "jinan-false-commitment.owed-2022-10-31.json"}));

}  // namespace
}  // namespace ledger::testing
