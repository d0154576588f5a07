// ErrorList: "FILE:LINE: field: message", capped, one status.
#include "ledger/interchange/errors.h"

#include <string>

#include "gtest/gtest.h"

namespace ledger {
namespace {

TEST(ErrorListTest, EmptyListIsOk) {
  ErrorList errors("in.jsonl");
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(errors.ToStatus().ok());
}

TEST(ErrorListTest, MessagesNameFileLineAndField) {
  ErrorList errors("in.jsonl");
  errors.Add(3, "amount_fen", "expected an integer number of fen > 0, got -5");
  errors.Add(7, "", "column 2: unexpected end of input");
  errors.Add(0, "", "file is empty");
  EXPECT_EQ(errors.total(), 3);
  EXPECT_EQ(errors.messages(),
            (std::vector<std::string>{
                "in.jsonl:3: amount_fen: expected an integer number of fen > 0, got -5",
                "in.jsonl:7: column 2: unexpected end of input", "in.jsonl: file is empty"}));
  const absl::Status status = errors.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "in.jsonl:3: amount_fen: expected an integer number of fen > 0, got -5\n"
            "in.jsonl:7: column 2: unexpected end of input\n"
            "in.jsonl: file is empty");
}

TEST(ErrorListTest, CodeCanBeChosen) {
  ErrorList errors("in.jsonl");
  errors.Add(1, "employer_id", "unknown employer \"B\"");
  EXPECT_EQ(errors.ToStatus(absl::StatusCode::kFailedPrecondition).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(ErrorListTest, ErrorsPastTheLimitAreOnlyCounted) {
  ErrorList errors("in.jsonl");
  for (int i = 1; i <= kMaxReportedErrors; ++i) {
    EXPECT_FALSE(errors.full());
    errors.Add(i, "f", "bad");
  }
  EXPECT_TRUE(errors.full());
  errors.Add(101, "f", "bad");
  errors.Add(102, "f", "bad");
  EXPECT_EQ(errors.total(), 102);
  EXPECT_EQ(errors.messages().size(), 100u);
  const std::string message(errors.ToStatus().message());
  EXPECT_TRUE(message.ends_with("in.jsonl:100: f: bad\n... and 2 more errors")) << message;
}

}  // namespace
}  // namespace ledger
