// JsonTape: what it accepts (the RFC 8259 grammar, as nlohmann/json
// does) and what a JsonRef reads from it.
#include "base/json_reader.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "doctest/doctest.h"

namespace concord {
namespace {

// Valid and invalid texts. Every row is also checked against nlohmann/json,
// the parser this one replaces on the claims path.
struct Case {
  std::string text;
  bool valid;
};
const std::vector<Case> kCases = {
    {"{}", true},
    {"[]", true},
    {" \t\r\n{ \"a\" : [ 1 , 2 ] }\n", true},
    {"null", true},
    {"true", true},
    {"-0", true},
    {"0.5e-3", true},
    {"1E+2", true},
    {"\"\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\"", true},
    {"\"caf\xC3\xA9\"", true},
    {"{\"a\":{\"b\":{\"c\":[[[]]]}}}", true},
    {"1e-400", true},                  // reads as zero
    {"0.0000e999", true},
    {"123456789012345678901234567890", true},  // a double, not an integer
    {"1e400", false},                  // too large for a double
    {"-0.5e309", false},
    {"0.00001e312", true},             // 1e307
    {"1e99999999999999999999", false},
    {"", false},
    {" ", false},
    {"{", false},
    {"{\"a\":1,}", false},
    {"[1,]", false},
    {"[1 2]", false},
    {"{\"a\" 1}", false},
    {"{1:2}", false},
    {"01", false},
    {"1.", false},
    {".5", false},
    {"-", false},
    {"1e", false},
    {"+1", false},
    {"nul", false},
    {"True", false},
    {"\"abc", false},
    {"\"a\nb\"", false},               // raw control character
    {"\"\\x41\"", false},              // unknown escape
    {"\"\\u12\"", false},              // short \u
    {"\"\\udc00\"", false},            // lone low surrogate
    {"\"\\ud800\"", false},            // high surrogate alone
    {"\"\\ud800\\u0041\"", false},     // high surrogate, then no low one
    {"\"\xC3\"", false},               // truncated UTF-8
    {"\"\xED\xA0\x80\"", false},       // UTF-8 of a surrogate
    {"\"\xC0\xAF\"", false},           // overlong UTF-8
    {"\xEF\xBB\xBF{\"a\": 1}", true},   // a byte-order mark
    {"{} \xEF\xBB\xBF", false},
    {"{} {}", false},
    {"[1] x", false},
    {"// c\n{}", false},
};

TEST_CASE("JsonTape accepts exactly what nlohmann/json accepts") {
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    JsonTape tape;
    CHECK(tape.Parse(c.text) == c.valid);
    CHECK(tape.root().valid() == c.valid);
    CHECK(nlohmann::json::accept(c.text) == c.valid);
  }
}

TEST_CASE("JsonTape refuses nesting deeper than kMaxJsonDepth") {
  JsonTape tape;
  const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  CHECK(tape.Parse(ok));
  const std::string deep(100000, '[');
  CHECK_FALSE(tape.Parse(deep + std::string(100000, ']')));
}

TEST_CASE("JsonRef reads objects, arrays and scalars") {
  JsonTape tape;
  const std::string text =
      R"({"s": "a\"b\u00e9", "n": -12, "u": 18446744073709551615, "big": 18446744073709551616,)"
      R"( "f": 2.5, "e": -1e-400, "t": true, "z": null, "a": [1, [2, 3], {"k": "v"}, "x"],)"
      R"( "o": {}, "s": "second"})";
  REQUIRE(tape.Parse(text));
  const JsonRef root = tape.root();
  CHECK(root.is_object());
  CHECK(root.size() == 11);
  CHECK(root.Find("s").string_value() == "a\"b\xC3\xA9");
  CHECK(root.Find("s").StringEquals("a\"b\xC3\xA9"));  // the first of duplicate keys
  CHECK(root.Find("n").int_value() == -12);
  CHECK_FALSE(root.Find("n").uint_value().has_value());
  CHECK(root.Find("u").uint_value() == UINT64_MAX);
  CHECK_FALSE(root.Find("u").int_value().has_value());
  CHECK_FALSE(root.Find("big").uint_value().has_value());  // too big: not an integer
  CHECK(root.Find("f").double_value() == 2.5);
  CHECK_FALSE(root.Find("f").int_value().has_value());
  CHECK(root.Find("e").double_value() == 0);
  CHECK(std::signbit(root.Find("e").double_value()));
  CHECK(root.Find("t").is_bool());
  CHECK(root.Find("t").bool_value());
  CHECK(root.Find("z").is_null());
  CHECK_FALSE(root.Find("missing").valid());
  CHECK_FALSE(root.Find("missing").is_null());
  CHECK(root.Find("o").is_object());
  CHECK(root.Find("o").size() == 0);
  CHECK_FALSE(root.Find("o").first().valid());

  const JsonRef a = root.Find("a");
  REQUIRE(a.is_array());
  CHECK(a.size() == 4);
  std::vector<std::string> kinds;
  for (JsonRef e = a.first(); e.valid(); e = e.next()) {
    kinds.push_back(e.is_number() ? "n" : e.is_array() ? "a" : e.is_object() ? "o" : "s");
  }
  CHECK(kinds == std::vector<std::string>{"n", "a", "o", "s"});
  const JsonRef inner = a.first().next();
  CHECK(inner.first().next().int_value() == 3);
  CHECK_FALSE(inner.first().next().next().valid());
  CHECK(inner.next().Find("k").string_value() == "v");
  // Walking an object's members skips their keys.
  std::vector<std::string> seen;
  for (JsonRef v = root.first(); v.valid(); v = v.next()) seen.push_back(v.is_string() ? "s" : "-");
  CHECK(seen.size() == 11);
  CHECK_FALSE(root.next().valid());
}

TEST_CASE("Find after a member looks at the later members first, then the rest") {
  JsonTape tape;
  REQUIRE(tape.Parse(R"({"a": 1, "b": {"x": 0, "a": 9}, "c": 3, "a": 4, "l": [7, 8]})"));
  const JsonRef root = tape.root();
  const JsonRef b = root.Find("b");
  CHECK(root.Find("c", b).int_value() == 3);
  CHECK(root.Find("a", b).int_value() == 4);  // the later duplicate, from b on
  CHECK(root.Find("a").int_value() == 1);
  CHECK(root.Find("b", root.Find("c")) == b);  // wraps around
  CHECK_FALSE(root.Find("x", b).valid());
  // A hint from another container is ignored.
  CHECK(root.Find("a", b.Find("x")).int_value() == 1);
  CHECK(root.Find("c", root.Find("l").first()).int_value() == 3);
  CHECK(b.Find("a", root.Find("c")).int_value() == 9);
}

TEST_CASE("key() names an object member's value, and nothing else") {
  JsonTape tape;
  REQUIRE(tape.Parse(R"({"a\u0062": {"x": [1, 2]}, "c": null, "d": "v"})"));
  std::vector<std::string> keys;
  for (JsonRef v = tape.root().first(); v.valid(); v = v.next()) {
    keys.push_back(v.key().string_value());
  }
  CHECK(keys == std::vector<std::string>{"ab", "c", "d"});
  const JsonRef x = tape.root().Find("ab").Find("x");
  CHECK(x.key().string_value() == "x");
  CHECK_FALSE(x.first().key().valid());  // an array element
  CHECK_FALSE(tape.root().key().valid());
  CHECK_FALSE(JsonRef().key().valid());
}

TEST_CASE("JsonRef on the wrong type returns defaults") {
  JsonTape tape;
  REQUIRE(tape.Parse(R"(["x", 1])"));
  const JsonRef s = tape.root().first();
  CHECK(s.int_value() == std::nullopt);
  CHECK(s.double_value() == 0);
  CHECK(s.size() == 0);
  CHECK_FALSE(s.Find("x").valid());
  CHECK(s.next().string_value() == "");
  CHECK_FALSE(JsonRef().is_string());
  CHECK_FALSE(JsonRef().next().valid());
}

}  // namespace
}  // namespace concord
