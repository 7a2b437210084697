#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "extract/numbers.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using ::concord::testing::Rules;

struct Case {
  const char* text;
  size_t pos;
  double value;
  const char* covered;  // the bytes the number spans
  bool from_words;
  bool has_scale;
};

TEST_CASE("ParseNumberAt reads digits, words and scales") {
  const Case cases[] = {
      {"1,200 people", 0, 1200, "1,200", false, false},
      {"about 1.2 percent", 6, 1.2, "1.2", false, false},
      {"1,20,000 voters", 0, 120000, "1,20,000", false, false},
      {"12,34,567", 0, 1234567, "12,34,567", false, false},
      {"1,000,000", 0, 1000000, "1,000,000", false, false},
      {"40,50 and", 0, 40, "40", false, false},
      {"six aircraft", 0, 6, "six", true, false},
      {"Twenty-five", 0, 25, "Twenty-five", true, false},
      {"twenty five", 0, 25, "twenty five", true, false},
      {"a dozen years", 0, 12, "a dozen", true, false},
      {"two dozen", 0, 24, "two dozen", true, false},
      {"half a million", 0, 500000, "half a million", true, true},
      {"half a dozen", 0, 6, "half a dozen", true, false},
      {"a half-dozen ships", 2, 6, "half-dozen", true, false},  // was the range 0.5-12
      {"half dozen", 0, 6, "half dozen", true, false},
      {"two-and-a-half years", 0, 2.5, "two-and-a-half", true, false},
      {"two and a half million", 0, 2500000, "two and a half million", true, true},
      {"two hundred and six", 0, 206, "two hundred and six", true, true},
      {"a hundred and fifty", 0, 150, "a hundred and fifty", true, true},
      {"seven million three hundred thousand", 0, 7300000,
       "seven million three hundred thousand", true, true},
      {"a million", 0, 1000000, "a million", true, true},
      {"one lakh crore", 0, 1e12, "one lakh crore", true, true},
      {"1.2 bn", 0, 1.2e9, "1.2 bn", false, true},
      {"1.2bn", 0, 1.2e9, "1.2bn", false, true},
      {"$3m deal", 1, 3e6, "3m", false, true},
      {"3 m wide", 0, 3, "3", false, false},
      {"Rs 1,200 crore", 3, 1.2e10, "1,200 crore", false, true},
      {"1.5 lakh crore", 0, 1.5e12, "1.5 lakh crore", false, true},
      {"3 lakh", 0, 300000, "3 lakh", false, true},
      {"20 trillion", 0, 2e13, "20 trillion", false, true},
      {"six months", 0, 6, "six", true, false},
      {"six-month", 0, 6, "six", true, false},
      {"10-year", 0, 10, "10", false, false},
      {"192.168.1.2", 0, 192, "192", false, false},
      {"one two", 0, 1, "one", true, false},
      {"nineteen ninety", 0, 19, "nineteen", true, false},
      {"a quarter of", 0, 0.25, "a quarter", true, false},
      {"dozens of people", 0, 12, "dozens", true, false},
      {"hundreds of", 0, 100, "hundreds", true, true},
      {"hundreds of thousands of people", 0, 1e5, "hundreds of thousands", true, true},
      {"dozens of millions", 0, 1.2e7, "dozens of millions", true, true},
      {"thousands of hundreds", 0, 1000, "thousands", true, true},
      {"hundreds of people", 0, 100, "hundreds", true, true},
      {"thirty-one.", 0, 31, "thirty-one", true, false},
      {"zero", 0, 0, "zero", true, false},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    auto n = ParseNumberAt(c.text, c.pos, Rules().lexicon);
    REQUIRE(n.has_value());
    CHECK(std::fabs(n->value - c.value) <= 1e-9 * std::max(1.0, c.value));
    CHECK(std::string(c.text).substr(n->span.begin, n->span.size()) == c.covered);
    CHECK(n->from_words == c.from_words);
    CHECK(n->has_scale == c.has_scale);
  }
}

TEST_CASE("ParseNumberAt finds no number where there is none") {
  struct NoCase {
    const char* text;
    size_t pos;
  } cases[] = {
      {"a", 0},          {"a year", 0},     {"an hour", 0},   {"and", 0},
      {"4A", 0},         {"1st", 0},        {"P-8I", 2},      {"G20", 1},
      {"5km", 0},        {"m", 0},          {"bn", 0},        {"someone", 0},
      {"second", 0},     {"", 0},           {"x", 5},         {"oneself", 0},
      {"hundred", 0},    {"million", 0},    {"two m", 4},     {"$", 0},
  };
  for (const NoCase& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK_FALSE(ParseNumberAt(c.text, c.pos, Rules().lexicon).has_value());
  }
}

TEST_CASE("ParseNumberAt starts only at a word boundary") {
  CHECK_FALSE(ParseNumberAt("A320", 1, Rules().lexicon).has_value());
  CHECK_FALSE(ParseNumberAt("someone", 4, Rules().lexicon).has_value());
  auto n = ParseNumberAt("(42)", 1, Rules().lexicon);
  REQUIRE(n.has_value());
  CHECK(n->value == 42);
  CHECK(n->span == Span{1, 3});
}

TEST_CASE("Plural count words are vague") {
  auto n = ParseNumberAt("dozens of", 0, Rules().lexicon);
  REQUIRE(n.has_value());
  CHECK(n->vague);
  auto m = ParseNumberAt("a dozen", 0, Rules().lexicon);
  REQUIRE(m.has_value());
  CHECK_FALSE(m->vague);
}

}  // namespace
}  // namespace concord::extract
