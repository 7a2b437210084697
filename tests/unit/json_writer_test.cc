// JsonWriter writes what nlohmann/json's dump() writes for the same values
// (claims lines stay byte-identical across the change of writer).
#include "base/json_writer.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "doctest/doctest.h"

namespace concord {
namespace {

std::string Dumped(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

constexpr char kControls[] = "nul \0 and \x01 \x1f \x7f";

TEST_CASE("strings are escaped as nlohmann escapes them") {
  const std::vector<std::string> cases = {
      "",
      "plain",
      "quote \" and backslash \\ and slash /",
      "\b\f\n\r\t",
      std::string(kControls, sizeof(kControls) - 1),
      "caf\xC3\xA9 \xE2\x80\xAF narrow no-break, \xF0\x9F\x98\x80",
      "broken \xC3 utf-8 \xFF\xFE end",
      "\xED\xA0\x80 surrogate bytes",
  };
  for (const std::string& s : cases) {
    CAPTURE(s);
    std::string out;
    JsonWriter w(&out);
    w.String(s);
    CHECK(out == Dumped(s));
  }
}

TEST_CASE("numbers have nlohmann's digits") {
  const std::vector<double> doubles = {
      0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3, 2.0 / 3, 100.0, 1e15, 1e16, 1e21, 123456789012345678.0,
      1e-4, 1e-5, 1.5e-7, 5e-324, std::numeric_limits<double>::max(),
      static_cast<double>(0.8f), static_cast<double>(0.25f), static_cast<double>(1.0f / 3),
      3100000000.0, 0.07, 42.195};
  for (double d : doubles) {
    CAPTURE(d);
    std::string out;
    JsonWriter w(&out);
    w.Double(d);
    CHECK(out == Dumped(d));
  }
  for (double d : {std::nan(""), HUGE_VAL, -HUGE_VAL}) {
    std::string out;
    JsonWriter w(&out);
    w.Double(d);
    CHECK(out == Dumped(d));  // null
  }
  const std::vector<int64_t> ints = {0, -1, 7, std::numeric_limits<int64_t>::min(),
                                     std::numeric_limits<int64_t>::max()};
  for (int64_t i : ints) {
    std::string out;
    JsonWriter w(&out);
    w.Int(i);
    CHECK(out == Dumped(i));
  }
  std::string out;
  JsonWriter w(&out);
  w.Uint(std::numeric_limits<uint64_t>::max());
  CHECK(out == Dumped(std::numeric_limits<uint64_t>::max()));
}

TEST_CASE("containers are compact, with commas between elements only") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.EndArray();
  w.Key("b");
  w.BeginObject();
  w.EndObject();
  w.Key("c");
  w.BeginArray();
  w.Int(1);
  w.BeginArray();
  w.Bool(true);
  w.Null();
  w.EndArray();
  w.Strings({"x", "y"});
  w.EndArray();
  w.Key("d");
  w.Bool(false);
  w.EndObject();
  nlohmann::ordered_json j;
  j["a"] = nlohmann::ordered_json::array();
  j["b"] = nlohmann::ordered_json::object();
  j["c"] = {1, {true, nullptr}, {"x", "y"}};
  j["d"] = false;
  CHECK(out == j.dump());
  CHECK(out == R"({"a":[],"b":{},"c":[1,[true,null],["x","y"]],"d":false})");
}

TEST_CASE("pretty-printing indents as dump(2) and dump(4) do") {
  nlohmann::ordered_json j;
  j["schema"] = "x/1";
  j["empty_list"] = nlohmann::ordered_json::array();
  j["empty_object"] = nlohmann::ordered_json::object();
  j["list"] = {1, "two", {{"k", {true, nullptr}}}, nlohmann::ordered_json::array()};
  j["nested"] = {{"a", {{"b", 2.5}}}};
  for (int indent : {2, 4, 0}) {
    std::string out;
    JsonWriter w(&out, indent);
    w.BeginObject();
    w.Key("schema");
    w.String("x/1");
    w.Key("empty_list");
    w.BeginArray();
    w.EndArray();
    w.Key("empty_object");
    w.BeginObject();
    w.EndObject();
    w.Key("list");
    w.BeginArray();
    w.Int(1);
    w.String("two");
    w.BeginObject();
    w.Key("k");
    w.BeginArray();
    w.Bool(true);
    w.Null();
    w.EndArray();
    w.EndObject();
    w.BeginArray();
    w.EndArray();
    w.EndArray();
    w.Key("nested");
    w.BeginObject();
    w.Key("a");
    w.BeginObject();
    w.Key("b");
    w.Double(2.5);
    w.EndObject();
    w.EndObject();
    w.EndObject();
    CAPTURE(indent);
    CHECK(out == j.dump(indent));
  }
}

}  // namespace
}  // namespace concord
