#include <doctest/doctest.h>

#include "base/text.h"

namespace concord {
namespace {

TEST_CASE("OffsetMap maps copied and replaced pieces back to the original") {
  // Original: "A\xC2\xA0B&amp;C" -> derived "A B&C".
  const std::string original = "A\xC2\xA0" "B&amp;C";
  TextBuilder b;
  b.Copy("A", 0);
  b.Replace(" ", 1, 2);
  b.Copy("B", 3);
  b.Replace("&", 4, 5);
  b.Copy("C", 9);
  std::string text;
  OffsetMap map;
  b.Finish(&text, &map);
  CHECK(text == "A B&C");
  struct Case {
    Span derived;
    Span original;
  } cases[] = {
      {{0, 1}, {0, 1}},  // "A"
      {{1, 2}, {1, 3}},  // the no-break space, two bytes
      {{0, 3}, {0, 4}},  // "A B"
      {{3, 4}, {4, 9}},  // "&amp;"
      {{2, 5}, {3, 10}}, // "B&C"
      {{5, 5}, {10, 10}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.derived.begin);
    CAPTURE(c.derived.end);
    const Span got = map.ToOriginal(c.derived);
    CHECK(got.begin == c.original.begin);
    CHECK(got.end == c.original.end);
  }
}

TEST_CASE("Dropped bytes leave no piece and keep later offsets right") {
  TextBuilder b;
  b.Copy("ab", 0);
  b.Replace("", 2, 4);  // a dropped tag "<br>"
  b.Copy("cd", 6);
  std::string text;
  OffsetMap map;
  b.Finish(&text, &map);
  CHECK(text == "abcd");
  CHECK(map.ToOriginal({2, 4}).begin == 6);
  CHECK(map.ToOriginal({1, 3}).end == 7);
}

TEST_CASE("LineIndex counts lines and code-point columns") {
  const std::string text = "ab\n\xE2\x80\x9Cq\xE2\x80\x9D x\nlast";
  LineIndex index(text);
  CHECK(index.At(0).line == 1);
  CHECK(index.At(1).column == 2);
  CHECK(index.At(3).line == 2);
  CHECK(index.At(3).column == 1);
  CHECK(index.At(6).column == 2);   // after the curly quote
  CHECK(index.At(10).column == 4);  // after the closing quote and "q"
  CHECK(index.At(static_cast<uint32_t>(text.size())).line == 3);
}

TEST_CASE("UTF-8 validation") {
  CHECK(IsValidUtf8("plain"));
  CHECK(IsValidUtf8("\xE2\x80\xAF"));
  CHECK(IsValidUtf8("\xEF\xBF\xBD"));  // a literal replacement character
  const char* bad[] = {"\xFF", "\xC0\xAF", "\xE2\x80", "\xED\xA0\x80", "a\x80"};
  for (const char* s : bad) {
    CAPTURE(s);
    CHECK_FALSE(IsValidUtf8(s));
  }
}

TEST_CASE("CollapseSpaces") {
  CHECK(CollapseSpaces("  a \n\t b  ") == "a b");
  CHECK(CollapseSpaces("") == "");
}

// Regression (found by the bad-input suite): LineIndex::At walked each
// mention's line from its start, so a long line made extraction quadratic.
// With checkpoints it must still give the columns of a plain walk.
TEST_CASE("LineIndex on a long line matches a plain walk") {
  std::string text = "short\n";
  for (int i = 0; i < 400; ++i) text += i % 7 == 0 ? "\xE2\x80\x9C" : i % 11 == 0 ? "\xFF" : "ab ";
  text += "\nend";
  const LineIndex index(text);
  int line = 1, column = 1;
  for (uint32_t i = 0; i <= text.size();) {
    CAPTURE(i);
    CHECK(index.At(i).line == line);
    CHECK(index.At(i).column == column);
    if (i == text.size()) break;
    if (text[i] == '\n') {
      ++line, column = 1, ++i;
      continue;
    }
    i += static_cast<uint32_t>(DecodeUtf8(text, i).length);
    ++column;
  }
}


TEST_CASE("IsUpperLetter knows capitals beyond Latin-1") {
  struct Case {
    std::string_view text;
    bool upper;
  };
  const Case cases[] = {
      {"A", true},  {"z", false}, {"1", false},
      {"\xC3\x89", true},   // É
      {"\xC3\xA9", false},  // é
      {"\xC5\x81", true},   // Ł
      {"\xC5\xA0", true},   // Š
      {"\xC5\xBD", true},   // Ž
      {"\xC5\xA1", false},  // š
      {"\xCE\x94", true},   // Δ
      {"\xD0\x96", true},   // Ж
      {"\xC7\x85", true},   // ǅ, title case
      {"\xC3\x97", false},  // ×
      {"\xE2\x80\x9C", false},  // “
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(IsUpperLetter(DecodeUtf8(c.text, 0).code_point) == c.upper);
  }
}

}  // namespace
}  // namespace concord
