// ParseEventsJsonl: the file-level rules. BOM at the start only, CRLF, blank
// and # lines skipped with true line numbers, every bad line listed, the
// 100-error cap, the 1 MiB line limit.
#include <string>

#include "gtest/gtest.h"
#include "ledger/interchange/event_jsonl.h"
#include "tests/interchange/event_test_util.h"

namespace ledger {
namespace {

using testing::Line;

std::string Deregistered(std::string_view event_id) {
  return R"({"event_id":")" + std::string(event_id) +
         R"(","type":"employer_deregistered","employer_id":"A","effective_date":"2022-07-28"})";
}

std::string BadPaid() { return Line("contribution_paid", R"("amount_fen":-5)"); }

std::string ErrorOfFile(std::string_view text) {
  absl::StatusOr<ParsedEvents> parsed = ParseEventsJsonl(text, "in.jsonl");
  if (parsed.ok()) return "OK";
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

TEST(EventFileTest, EmptyFileHasNoEvents) {
  absl::StatusOr<ParsedEvents> parsed = ParseEventsJsonl("", "in.jsonl");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->events.empty());
}

TEST(EventFileTest, LinesAreNumberedPastBlankAndCommentLines) {
  const std::string text = "# history of A\n\n" + Deregistered("e1") + "\n   \n  # note\n" +
                           Deregistered("e2");  // no final newline
  absl::StatusOr<ParsedEvents> parsed = ParseEventsJsonl(text, "in.jsonl");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->events.size(), 2u);
  EXPECT_EQ(parsed->events[1].event_id(), "e2");
  EXPECT_EQ(parsed->line_numbers, (std::vector<int64_t>{3, 6}));
}

TEST(EventFileTest, ByteOrderMarkAtStartIsSkipped) {
  absl::StatusOr<ParsedEvents> parsed =
      ParseEventsJsonl("\xEF\xBB\xBF" + Deregistered("e1") + "\n", "in.jsonl");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->events[0].event_id(), "e1");
}

TEST(EventFileTest, ByteOrderMarkElsewhereIsRefused) {
  EXPECT_EQ(ErrorOfFile(Deregistered("e1") + "\n\xEF\xBB\xBF" + Deregistered("e2")),
            "in.jsonl:2: column 1: unexpected byte-order mark (U+FEFF); one is allowed only at "
            "the start of a file");
}

TEST(EventFileTest, CrlfLineEndsAreAccepted) {
  absl::StatusOr<ParsedEvents> parsed = ParseEventsJsonl(
      Deregistered("e1") + "\r\n\r\n# c\r\n" + Deregistered("e2") + "\r\n", "in.jsonl");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->line_numbers, (std::vector<int64_t>{1, 4}));
}

TEST(EventFileTest, CrOnlyLineEndsAreRefusedNotReadAsOneComment) {
  // "# c\r{event}\r": read as LF lines this is one comment line and no
  // event ("0 read", exit 0); it is refused instead.
  EXPECT_EQ(ErrorOfFile("# c\r" + Deregistered("e1") + "\r" + Deregistered("e2") + "\r"),
            "in.jsonl:1: carriage return (CR) with no line feed after it, and none in the whole "
            "file: its lines end with CR only (classic Mac line ends); lines must end with LF "
            "or CRLF: convert it, e.g. with tr '\\r' '\\n' (not parsed)");
}

TEST(EventFileTest, CarriageReturnInsideALineIsRefused) {
  EXPECT_EQ(ErrorOfFile(Deregistered("e1") + "\n{\"event_id\":\r\"e2\"}\r\n"),
            "in.jsonl:2: carriage return (CR) at byte 13 of the line with no line feed after "
            "it; lines end with LF or CRLF, and a CR anywhere else is refused (not parsed)");
  // A comment or blank line with a stray CR too: it could hide an event.
  EXPECT_NE(ErrorOfFile("# c\r\r\n" + Deregistered("e1") + "\n"), "OK");
}

TEST(EventFileTest, MoreEventsThanTheLimitAreRefusedBeforeParsing) {
  // Three event lines with a limit of 2: refused at line 4 (line 1 is a
  // comment), and line 2's error is never reported: nothing was parsed.
  const std::string text = "# three\n" + BadPaid() + "\n" + Deregistered("e1") + "\n\n" +
                           Deregistered("e2") + "\n";
  absl::StatusOr<ParsedEvents> parsed = ParseEventsJsonl(text, "big.jsonl", 2);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "big.jsonl:5: more than 2 events in one file, the most one import appends as one "
            "batch: split the file at this line or before (nothing was parsed)");
  // At the limit, the file is parsed as usual, comment and blank lines not
  // counted.
  EXPECT_TRUE(ParseEventsJsonl(Deregistered("e1") + "\n" + Deregistered("e2"), "ok.jsonl", 2).ok());
  EXPECT_TRUE(ParseEventsJsonl("# a\n\n# b\n" + Deregistered("e1") + "\n" + Deregistered("e2") +
                                   "\n",
                               "ok.jsonl", 2)
                  .ok());
}

TEST(EventFileTest, FileNamesAreEscapedSoTheyCannotForgeALine) {
  // A file named "x\nforged.jsonl:1: all good\x1b[2K": echoed with \n and
  // \x1b escaped, the message stays one line per error.
  absl::StatusOr<ParsedEvents> parsed =
      ParseEventsJsonl(BadPaid() + "\n", "x\nforged.jsonl:1: all good\x1b[2K");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "x\\nforged.jsonl:1: all good\\x1b[2K:1: amount_fen: expected an integer number "
            "of fen > 0, got -5");
}

TEST(EventFileTest, EveryBadLineIsListed) {
  EXPECT_EQ(ErrorOfFile(Deregistered("e1") + "\n" + BadPaid() + "\n{\n" + Deregistered("e2") +
                        "\n" + Line("contribution_paid", R"("amount_fen":1.5)") + "\n"),
            "in.jsonl:2: amount_fen: expected an integer number of fen > 0, got -5\n"
            "in.jsonl:3: column 2: unexpected end of input; expected a member name in double "
            "quotes\n"
            "in.jsonl:5: amount_fen: expected an integer number of fen > 0, got 1.5 (whole fen "
            "only: no decimal point, no exponent)");
}

TEST(EventFileTest, NulAndNonUtf8BytesAreReportedWithTheirLine) {
  EXPECT_EQ(ErrorOfFile(Deregistered("e1") + "\n" + std::string("{\"event_id\":\"e\0\"}", 17) +
                        "\n" + "{\"event_id\":\"\xFF\"}\n"),
            "in.jsonl:2: column 15: NUL byte in input\n"
            "in.jsonl:3: column 14: invalid UTF-8: byte 0xFF is never valid");
}

TEST(EventFileTest, ErrorsPastOneHundredAreCounted) {
  std::string text;
  for (int i = 0; i < 150; ++i) text += BadPaid() + "\n";
  const std::string message = ErrorOfFile(text);
  EXPECT_TRUE(message.starts_with("in.jsonl:1: amount_fen:")) << message;
  EXPECT_NE(message.find("in.jsonl:100: amount_fen:"), std::string::npos);
  EXPECT_EQ(message.find("in.jsonl:101:"), std::string::npos);
  EXPECT_TRUE(message.ends_with("\n... and 50 more errors")) << message;
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 100);
}

TEST(EventFileTest, OverlongLineIsRefusedWithoutParsing) {
  const std::string huge = "{" + std::string(kMaxLineBytes, ' ') + "}";
  EXPECT_EQ(ErrorOfFile(Deregistered("e1") + "\n" + huge + "\n"),
            "in.jsonl:2: line is 1048578 bytes long; at most 1048576 allowed (not parsed)");
}

TEST(EventFileTest, LineAtTheLimitIsParsed) {
  std::string line = Deregistered("e1");
  line.insert(1, std::string(kMaxLineBytes - line.size(), ' '));
  ASSERT_EQ(line.size(), kMaxLineBytes);
  EXPECT_EQ(ErrorOfFile(line + "\r\n"), "OK");
}

TEST(EventFileTest, FileNameIsUsedInEveryMessage) {
  absl::StatusOr<ParsedEvents> parsed = ParseEventsJsonl(BadPaid(), "imports/2022-07.jsonl");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "imports/2022-07.jsonl:1: amount_fen: expected an integer number of fen > 0, got -5");
}

}  // namespace
}  // namespace ledger
