// ledger/json.h: the strict reader refuses what a ledger must never guess at,
// and says where, by byte column.
#include "ledger/json.h"

#include <string>

#include "gtest/gtest.h"

namespace ledger {
namespace {

using Kind = JsonValue::Kind;

// Returns the error message of parsing `text`, or "OK".
std::string ErrorOf(std::string_view text) {
  absl::StatusOr<JsonValue> value = ParseJson(text);
  if (value.ok()) return "OK";
  EXPECT_EQ(value.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(value.status().message());
}

JsonValue Parse(std::string_view text) {
  absl::StatusOr<JsonValue> value = ParseJson(text);
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : JsonValue::Null();
}

std::string StringOf(std::string_view text) { return Parse(text).text(); }

TEST(JsonTest, ScalarsParse) {
  EXPECT_TRUE(Parse("null").is_null());
  EXPECT_EQ(Parse("true").kind(), Kind::kBool);
  EXPECT_TRUE(Parse("true").bool_value());
  EXPECT_FALSE(Parse("false").bool_value());
  EXPECT_EQ(Parse("42").integer_value(), 42);
  EXPECT_EQ(Parse("-5").integer_value(), -5);
  EXPECT_EQ(Parse("0").integer_value(), 0);
  EXPECT_EQ(Parse("-0").kind(), Kind::kInteger);
  EXPECT_EQ(Parse("\"x\"").text(), "x");
}

TEST(JsonTest, Int64ExtremesAreIntegers) {
  EXPECT_EQ(Parse("9223372036854775807").integer_value(), INT64_MAX);
  EXPECT_EQ(Parse("-9223372036854775808").integer_value(), INT64_MIN);
}

TEST(JsonTest, IntegerPastInt64IsNumberKeepingItsText) {
  for (std::string_view text : {"9223372036854775808", "-9223372036854775809",
                                "100000000000000000000000000000"}) {
    const JsonValue value = Parse(text);
    EXPECT_EQ(value.kind(), Kind::kNumber) << text;
    EXPECT_EQ(value.text(), text);
  }
}

TEST(JsonTest, FractionOrExponentIsNumberKeepingItsText) {
  for (std::string_view text : {"1.0", "1e3", "1E+3", "-0.5e-2", "0.25"}) {
    const JsonValue value = Parse(text);
    EXPECT_EQ(value.kind(), Kind::kNumber) << text;
    EXPECT_EQ(value.text(), text);
  }
}

TEST(JsonTest, LeadingZeroIsRefused) {
  EXPECT_EQ(ErrorOf("01"), "column 1: leading zeros are not allowed in numbers");
  // A document over several lines, as a rule set is, by line and column.
  EXPECT_EQ(ErrorOf("{\n  \"a\": 1,\n  \"b\": [1,]\n}"),
            "line 3, column 11: trailing comma before ']'");
  EXPECT_EQ(ErrorOf("\n\n+1"), "line 3, column 1: unexpected character '+'; expected a JSON value");
  EXPECT_EQ(ErrorOf("[-007]"), "column 3: leading zeros are not allowed in numbers");
}

TEST(JsonTest, MalformedNumbersAreRefused) {
  EXPECT_EQ(ErrorOf("1."), "column 3: unexpected end of input; expected a digit after '.'");
  EXPECT_EQ(ErrorOf("1e"), "column 3: unexpected end of input; expected a digit in the exponent");
  EXPECT_EQ(ErrorOf("-x"), "column 2: unexpected character 'x'; expected a digit");
  EXPECT_EQ(ErrorOf(".5"), "column 1: unexpected character '.'; expected a JSON value");
  EXPECT_EQ(ErrorOf("+1"), "column 1: unexpected character '+'; expected a JSON value");
}

TEST(JsonTest, DuplicateKeyIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"amount_fen":1,"amount_fen":2})"),
            "column 17: duplicate key \"amount_fen\"");
}

TEST(JsonTest, DuplicateKeyInLargeObjectIsRefused) {
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\":0,";
  text += "\"k7\":1}";
  EXPECT_EQ(ErrorOf(text), "column " + std::to_string(text.size() - 6) + ": duplicate key \"k7\"");
}

TEST(JsonTest, DuplicateKeyAfterEscapeDecodingIsRefused) {
  EXPECT_EQ(ErrorOf(R"({"a":1,"\u0061":2})"), "column 8: duplicate key \"a\"");
}

TEST(JsonTest, SameKeyInSeparateObjectsIsAllowed) {
  EXPECT_EQ(ErrorOf(R"([{"a":1},{"a":2}])"), "OK");
}

TEST(JsonTest, MembersKeepTheirOrderAndFindWorks) {
  const JsonValue value = Parse(R"({"b":1,"a":[true,null],"c":{}})");
  ASSERT_EQ(value.kind(), Kind::kObject);
  ASSERT_EQ(value.members().size(), 3u);
  EXPECT_EQ(value.members()[0].first, "b");
  EXPECT_EQ(value.members()[1].first, "a");
  ASSERT_NE(value.Find("a"), nullptr);
  EXPECT_EQ(value.Find("a")->elements().size(), 2u);
  EXPECT_EQ(value.Find("c")->kind(), Kind::kObject);
  EXPECT_EQ(value.Find("missing"), nullptr);
}

TEST(JsonTest, KindNamesReadWell) {
  EXPECT_EQ(Parse("null").KindName(), "null");
  EXPECT_EQ(Parse("true").KindName(), "boolean");
  EXPECT_EQ(Parse("1").KindName(), "integer");
  EXPECT_EQ(Parse("1.5").KindName(), "number");
  EXPECT_EQ(Parse("\"\"").KindName(), "string");
  EXPECT_EQ(Parse("[]").KindName(), "array");
  EXPECT_EQ(Parse("{}").KindName(), "object");
}

TEST(JsonTest, SurroundingWhitespaceIsAllowed) {
  EXPECT_EQ(Parse(" \t\r\n {\"a\" : [ 1 , 2 ] } \r\n").Find("a")->elements().size(), 2u);
}

TEST(JsonTest, TrailingTextIsRefused) {
  EXPECT_EQ(ErrorOf("{} x"), "column 4: unexpected character 'x' after the JSON value");
  EXPECT_EQ(ErrorOf("{}{}"), "column 3: unexpected character '{' after the JSON value");
  EXPECT_EQ(ErrorOf("truex"), "column 5: unexpected character 'x' after the JSON value");
}

TEST(JsonTest, TrailingCommaIsRefused) {
  EXPECT_EQ(ErrorOf("[1,]"), "column 4: trailing comma before ']'");
  EXPECT_EQ(ErrorOf(R"({"a":1,})"), "column 8: trailing comma before '}'");
}

TEST(JsonTest, StructuralErrorsNameWhatWasExpected) {
  EXPECT_EQ(ErrorOf(""), "column 1: unexpected end of input; expected a JSON value");
  EXPECT_EQ(ErrorOf("{"), "column 2: unexpected end of input; expected a member name in double quotes");
  EXPECT_EQ(ErrorOf("{a:1}"), "column 2: unexpected character 'a'; expected a member name in double quotes");
  EXPECT_EQ(ErrorOf(R"({"a" 1})"), "column 6: unexpected character '1'; expected ':' after key \"a\"");
  EXPECT_EQ(ErrorOf(R"({"a":1 "b":2})"), "column 8: unexpected character '\"'; expected ',' or '}' in an object");
  EXPECT_EQ(ErrorOf("[1 2]"), "column 4: unexpected character '2'; expected ',' or ']' in an array");
  EXPECT_EQ(ErrorOf("\"abc"), "column 5: unexpected end of input inside a string");
  EXPECT_EQ(ErrorOf("nul"), "column 1: unexpected character 'n'; expected a JSON value");
  EXPECT_EQ(ErrorOf("'a'"), "column 1: unexpected character '''; expected a JSON value");
}

TEST(JsonTest, SimpleEscapesDecode) {
  EXPECT_EQ(StringOf(R"("\"\\\/\b\f\n\r\t")"), "\"\\/\b\f\n\r\t");
}

TEST(JsonTest, InvalidEscapeIsRefused) {
  EXPECT_EQ(ErrorOf(R"("a\x")"),
            "column 3: invalid escape '\\x'; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
  EXPECT_EQ(ErrorOf(R"("\u12G4")"), "column 2: \\u must be followed by 4 hex digits");
  EXPECT_EQ(ErrorOf(R"("\u12")"), "column 2: \\u must be followed by 4 hex digits");
}

TEST(JsonTest, UnicodeEscapesDecodeToUtf8) {
  EXPECT_EQ(StringOf(R"("\u00e9")"), "\xC3\xA9");                   // é
  EXPECT_EQ(StringOf(R"("\u5F20\u6396")"), "张掖");                  // upper-case hex too
  EXPECT_EQ(StringOf(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");      // 😀, a surrogate pair
  EXPECT_EQ(StringOf(R"("\uDBFF\uDFFF")"), "\xF4\x8F\xBF\xBF");      // U+10FFFF
  EXPECT_EQ(StringOf(R"("\u0041\u007f")"), "A\x7F");
}

TEST(JsonTest, RawChineseTextIsKept) {
  EXPECT_EQ(StringOf("\"张掖市某某商贸有限公司\""), "张掖市某某商贸有限公司");
}

TEST(JsonTest, UnpairedHighSurrogateIsRefused) {
  const std::string expected =
      "column 2: unpaired high surrogate \\uD800; expected a \\uDC00-\\uDFFF escape next";
  EXPECT_EQ(ErrorOf(R"("\ud800")"), expected);
  EXPECT_EQ(ErrorOf(R"("\ud800x")"), expected);
  EXPECT_EQ(ErrorOf(R"("\ud800\u0041")"), expected);
  EXPECT_EQ(ErrorOf(R"("\ud800\ud800")"), expected);
}

TEST(JsonTest, UnpairedLowSurrogateIsRefused) {
  EXPECT_EQ(ErrorOf(R"("a\udc00")"), "column 3: unpaired low surrogate \\uDC00");
}

TEST(JsonTest, NulByteIsRefusedAnywhere) {
  EXPECT_EQ(ErrorOf(std::string("\"a\0b\"", 5)), "column 3: NUL byte in input");
  EXPECT_EQ(ErrorOf(std::string("{}\0", 3)), "column 3: NUL byte in input");
  EXPECT_EQ(ErrorOf(std::string("\0", 1)), "column 1: NUL byte in input");
}

TEST(JsonTest, EscapedNulIsRefused) {
  EXPECT_EQ(ErrorOf(R"("a\u0000")"), "column 3: \\u0000 (NUL) is not allowed in strings");
}

TEST(JsonTest, RawControlCharacterInStringIsRefused) {
  EXPECT_EQ(ErrorOf("\"a\tb\""),
            "column 3: raw control character U+0009 in a string; write it as an escape");
  // A raw newline makes the text span two lines: placed by line and column.
  EXPECT_EQ(ErrorOf("\"a\nb\""),
            "line 1, column 3: raw control character U+000A in a string; write it as an "
            "escape");
}

TEST(JsonTest, InvalidUtf8IsRefused) {
  EXPECT_EQ(ErrorOf("\"a\xFF\""), "column 3: invalid UTF-8: byte 0xFF is never valid");
  EXPECT_EQ(ErrorOf("\"\x80\""), "column 2: invalid UTF-8: unexpected continuation byte 0x80");
  EXPECT_EQ(ErrorOf("\"\xE5\xBC\""), "column 2: invalid UTF-8: truncated sequence");
  EXPECT_EQ(ErrorOf("\"\xE5\xBC"), "column 2: invalid UTF-8: truncated sequence");
  EXPECT_EQ(ErrorOf("\"\xF4\x90\x80\x80\""), "column 2: invalid UTF-8: code point past U+10FFFF");
}

TEST(JsonTest, OverlongUtf8IsRefused) {
  EXPECT_EQ(ErrorOf("\"\xC0\xAF\""), "column 2: invalid UTF-8: overlong encoding");          // '/'
  EXPECT_EQ(ErrorOf("\"\xE0\x80\xAF\""), "column 2: invalid UTF-8: overlong encoding");
  EXPECT_EQ(ErrorOf("\"\xF0\x80\x80\xAF\""), "column 2: invalid UTF-8: overlong encoding");
}

TEST(JsonTest, SurrogateEncodedInUtf8IsRefused) {
  EXPECT_EQ(ErrorOf("\"\xED\xA0\x80\""),
            "column 2: invalid UTF-8: encoded surrogate (U+D800..U+DFFF)");
}

TEST(JsonTest, NonAsciiOutsideStringsIsRefused) {
  EXPECT_EQ(ErrorOf("[\xE4\xB8\xAD]"), "column 2: unexpected byte 0xE4; expected a JSON value");
}

TEST(JsonTest, ByteOrderMarkIsRefused) {
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF{}"),
            "column 1: unexpected byte-order mark (U+FEFF); one is allowed only at the start of "
            "a file");
}

TEST(JsonTest, NestingUpToTheLimitIsAllowed) {
  const std::string text = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_EQ(ErrorOf(text), "OK");
}

TEST(JsonTest, NestingPastTheLimitIsRefused) {
  const std::string arrays = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  EXPECT_EQ(ErrorOf(arrays), "column 65: nesting deeper than 64 levels");
  std::string objects;
  for (int i = 0; i <= kMaxJsonDepth; ++i) objects += "{\"a\":";
  objects += "1" + std::string(kMaxJsonDepth + 1, '}');
  EXPECT_EQ(ErrorOf(objects), "column 321: nesting deeper than 64 levels");
  // Far deeper input fails the same way instead of exhausting the stack.
  EXPECT_EQ(ErrorOf(std::string(100000, '[')), "column 65: nesting deeper than 64 levels");
}

TEST(JsonQuoteTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(JsonQuote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(JsonQuote("tab\tnl\n\x7F"), R"("tab\u0009nl\u000a\u007f")");
  EXPECT_EQ(JsonQuote(""), R"("")");
}

TEST(JsonQuoteTest, KeepsUtf8AsIs) {
  EXPECT_EQ(JsonQuote("张掖 😀"), "\"张掖 😀\"");
}

TEST(JsonQuoteTest, ReplacesInvalidUtf8) {
  EXPECT_EQ(JsonQuote("a\xFF" "b\xC0\xAF"), "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonQuoteTest, RoundTripsThroughTheReader) {
  for (std::string_view text : {"plain", "quote \" and \\ slash /", "\x01\x1F\t\r\n", "张掖市 \xF0\x9F\x98\x80"}) {
    EXPECT_EQ(StringOf(JsonQuote(text)), text);
  }
}

TEST(Utf8Test, ValidityFollowsTheUnicodeTable) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc 张掖 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE5\xBC"));
  EXPECT_FALSE(IsValidUtf8("\xBC"));
}

}  // namespace
}  // namespace ledger
