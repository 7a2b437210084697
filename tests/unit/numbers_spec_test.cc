// Development-set harness: the English number, percent and currency specs of
// Microsoft Recognizers-Text (MIT, vendored with its LICENSE in
// tests/data/recognizers/number/) run through ParseNumberAt and the figure
// engine. Prints the pass rate per file and fails below a floor set just
// under what the engine reaches, so regressions show.
//
// Out of scope, counted apart and not in the rate:
// - cases the spec itself marks NotSupported for .NET or NotSupportedByDesign;
// - NumberModel: negative numbers ("-1", "minus five"), spoken decimals
//   ("two hundred point zero three", "nought"), European grouping and
//   decimal commas ("1 234 567", "5,00", "1.111,11"), and informal scale
//   abbreviations ("1MM", "2mil", "10 bln", "3 dzs", "2.33 k" with a space):
//   news copy writes none of these for the figures concord compares;
// - NumberModel: fractions ("1/3", "three fifths", "half of"), powers and
//   exponents ("2^5", "1.5e3"), and cases without a subtype (ordinal-like and
//   relative phrases): concord's figures are cardinals as news writes them;
// - CurrencyModel: currencies outside the rules' table (Canadian dollar,
//   franc, bitcoin, ...) and subunits (cent, pence), which news reports of
//   disagreements do not turn on.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "extract/figures.h"
#include "extract/numbers.h"
#include "base/text.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using nlohmann::json;

using ::concord::testing::Rules;

json LoadSpec(const char* name) {
  std::ifstream in(std::string(CONCORD_TEST_SOURCE_DIR "/tests/data/recognizers/number/") + name,
                   std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // BOM
  return json::parse(text);
}

double ParseValue(const std::string& s) {
  double v = std::nan("");
  std::string t;
  for (char c : s) {
    if (c != ',' && c != '%') t.push_back(c);
  }
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); }

bool SkippedBySpec(const json& c) {
  if (c.contains("NotSupportedByDesign")) return true;
  if (c.contains("NotSupported") &&
      c["NotSupported"].get<std::string>().find("dotnet") != std::string::npos) {
    return true;
  }
  return false;
}

struct Tally {
  int pass = 0;
  int fail = 0;
  int out_of_scope = 0;
  std::vector<std::string> failures;
  double Rate() const { return pass + fail == 0 ? 0 : 100.0 * pass / (pass + fail); }
  void Print(const char* name) const {
    std::printf("%s: %d/%d in scope pass (%.1f%%), %d out of scope\n", name, pass, pass + fail,
                Rate(), out_of_scope);
    for (const auto& f : failures) std::printf("  miss: %s\n", f.c_str());
  }
};

std::vector<Mention> Figures(const std::string& text) {
  std::vector<Mention> out;
  Rules().figures.Find(text, {Span{0, static_cast<uint32_t>(text.size())}}, {}, &out);
  return out;
}

constexpr double kNumberFloor = 88;  // reached 90.4

bool OutOfScopeNumber(const std::string& input) {
  const std::string lower = AsciiLowerCopy(input);
  for (const char* w : {"minus", "negative", " point ", "nought", "naught"}) {
    if (lower.find(w) != std::string::npos) return true;
  }
  // Informal scale abbreviations after digits.
  for (size_t i = 0; i < lower.size(); ++i) {
    if (!IsAsciiDigit(lower[i])) continue;
    size_t j = i + 1;
    while (j < lower.size() && lower[j] == ' ') ++j;
    size_t k = j;
    while (k < lower.size() && IsAsciiAlpha(lower[k])) ++k;
    const std::string word = lower.substr(j, k - j);
    for (const char* w : {"mm", "mil", "bln", "tln", "dzs", "dozs"}) {
      if (word == w) return true;
    }
    if (j > i + 1 && (word == "k" || word == "g" || word == "m")) return true;
  }
  for (size_t i = 0; i + 1 < input.size(); ++i) {
    const bool sign = input[i] == '-' && (i == 0 || input[i - 1] == ' ') &&
                      (IsAsciiDigit(input[i + 1]) || input[i + 1] == ' ');
    if (sign) return true;
    // "1 234", "5,00", "1,3", "1.111,11".
    if (IsAsciiDigit(input[i]) && input[i + 1] == ' ' && i + 4 < input.size() &&
        IsAsciiDigit(input[i + 2]) && IsAsciiDigit(input[i + 3]) && IsAsciiDigit(input[i + 4])) {
      return true;
    }
    if (IsAsciiDigit(input[i]) && input[i + 1] == ',' && i + 2 < input.size() &&
        IsAsciiDigit(input[i + 2]) &&
        (i + 3 >= input.size() || !IsAsciiDigit(input[i + 3]) ||
         i + 4 >= input.size() || !IsAsciiDigit(input[i + 4]))) {
      return true;
    }
  }
  return false;
}

TEST_CASE("NumberModel.json through ParseNumberAt") {
  Tally t;
  for (const json& c : LoadSpec("NumberModel.json")) {
    const std::string input = c["Input"];
    bool in_scope = !SkippedBySpec(c) && !OutOfScopeNumber(input);
    struct Want { size_t begin, end; double value; };
    std::vector<Want> want;
    for (const json& r : c["Results"]) {
      const json& res = r["Resolution"];
      const std::string subtype = res.contains("subtype") && res["subtype"].is_string()
                                      ? res["subtype"].get<std::string>() : "";
      if (subtype != "integer" && subtype != "decimal") in_scope = false;
      const std::string text = r["Text"];
      if (text.find('/') != std::string::npos || text.find('^') != std::string::npos) {
        in_scope = false;
      }
      want.push_back({r["Start"].get<size_t>(), r["End"].get<size_t>() + 1,
                      ParseValue(res["value"].get<std::string>())});
    }
    if (!in_scope) {
      ++t.out_of_scope;
      continue;
    }
    if (want.empty()) {
      // "The one you mentioned", "1m isn't a number": whether a number is a
      // figure is the figure engine's call, not the parser's.
      const auto figures = Figures(input);
      if (figures.empty()) {
        ++t.pass;
      } else {
        ++t.fail;
        t.failures.push_back(input + " -> figure " + figures[0].value_text);
      }
      continue;
    }
    std::vector<Want> got;
    for (size_t i = 0; i < input.size();) {
      auto n = ParseNumberAt(input, i, Rules().lexicon);
      if (n) {
        got.push_back({n->span.begin, n->span.end, n->value});
        i = n->span.end;
      } else {
        ++i;
      }
    }
    bool ok = got.size() == want.size();
    for (size_t k = 0; ok && k < got.size(); ++k) {
      ok = got[k].begin == want[k].begin && got[k].end == want[k].end &&
           Near(got[k].value, want[k].value);
    }
    if (ok) {
      ++t.pass;
    } else {
      ++t.fail;
      std::string g;
      for (const Want& w : got) {
        g.append("[").append(input, w.begin, w.end - w.begin).append("=");
        g.append(std::to_string(w.value)).append("]");
      }
      t.failures.push_back(input + " -> " + g);
    }
  }
  t.Print("NumberModel.json");
  CHECK(t.Rate() >= kNumberFloor);
}

constexpr double kPercentFloor = 55;  // reached 60.0: "percent of 10" word order is not news copy

TEST_CASE("PercentModel.json through the figure engine") {
  Tally t;
  for (const json& c : LoadSpec("PercentModel.json")) {
    const std::string input = c["Input"];
    if (SkippedBySpec(c)) {
      ++t.out_of_scope;
      continue;
    }
    std::vector<double> want, got;
    for (const json& r : c["Results"]) {
      want.push_back(ParseValue(r["Resolution"]["value"].get<std::string>()));
    }
    for (const Mention& m : Figures(input)) {
      const auto& v = std::get<FigureValue>(m.value);
      if (v.unit == "percent") got.push_back(v.low);
    }
    bool ok = got.size() == want.size();
    for (size_t k = 0; ok && k < got.size(); ++k) ok = Near(got[k], want[k]);
    if (ok) {
      ++t.pass;
    } else {
      ++t.fail;
      t.failures.push_back(input);
    }
  }
  t.Print("PercentModel.json");
  CHECK(t.Rate() >= kPercentFloor);
}

constexpr double kCurrencyFloor = 72;  // reached 75.4: "3 dollars 50 cents", "30 MUSD" are not handled

// The spec's currency names that the rules' table covers.
const char* CurrencyCode(const std::string& unit) {
  static const std::map<std::string, const char*> kCodes = {
      {"Dollar", "USD"}, {"United States dollar", "USD"}, {"Euro", "EUR"},
      {"Pound", "GBP"},  {"British pound", "GBP"},        {"Japanese yen", "JPY"},
      {"Chinese yuan", "CNY"}, {"Rupee", "INR"}};
  auto it = kCodes.find(unit);
  return it == kCodes.end() ? nullptr : it->second;
}

TEST_CASE("CurrencyModel.json through the figure engine") {
  Tally t;
  for (const json& c : LoadSpec("CurrencyModel.json")) {
    const std::string input = c["Input"];
    bool in_scope = !SkippedBySpec(c);
    std::vector<std::pair<std::string, double>> want, got;
    for (const json& r : c["Results"]) {
      const json& res = r["Resolution"];
      const char* code = res.contains("unit") ? CurrencyCode(res["unit"]) : nullptr;
      if (code == nullptr || !res.contains("value") || !res["value"].is_string()) {
        in_scope = false;
        break;
      }
      want.emplace_back(code, ParseValue(res["value"].get<std::string>()));
    }
    if (!in_scope) {
      ++t.out_of_scope;
      continue;
    }
    for (const Mention& m : Figures(input)) {
      const auto& v = std::get<FigureValue>(m.value);
      if (v.unit.size() == 3 && IsAsciiUpper(v.unit[0])) got.emplace_back(v.unit, v.low);
    }
    bool ok = got.size() == want.size();
    for (size_t k = 0; ok && k < got.size(); ++k) {
      ok = got[k].first == want[k].first && Near(got[k].second, want[k].second);
    }
    if (ok) {
      ++t.pass;
    } else {
      ++t.fail;
      std::string g;
      for (const auto& [u, v] : got) g += "[" + u + " " + std::to_string(v) + "]";
      t.failures.push_back(input + " -> " + g);
    }
  }
  t.Print("CurrencyModel.json");
  CHECK(t.Rate() >= kCurrencyFloor);
}

}  // namespace
}  // namespace concord::extract
