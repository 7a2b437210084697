// BoilerplateMatcher must answer exactly as matching every rule in order:
// it is compared with that on real and made-up rules and lines.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest.h"
#include "ingest/internal.h"
#include "rules/ruleset.h"

namespace concord::ingest {
namespace {

namespace fs = std::filesystem;

// The first rule whose pattern fully matches `line`, the slow way.
int Naive(const IngestRules& rules, std::string_view line) {
  if (line.empty() || line.size() > internal::kMaxBoilerplateLine) return -1;
  const re2::StringPiece piece(line.data(), line.size());
  for (size_t r = 0; r < rules.boilerplate.size(); ++r) {
    if (RE2::FullMatch(piece, *rules.boilerplate[r].pattern)) return static_cast<int>(r);
  }
  return -1;
}

int Fast(const IngestRules& rules, std::string_view line) {
  const BoilerplateRule* rule = internal::MatchNormalizedLine(rules, line);
  return rule == nullptr ? -1 : static_cast<int>(rule - rules.boilerplate.data());
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return s;
}

// A line and the forms case-insensitive matching must treat alike: upper
// case, and 'k' / 's' written as U+212A KELVIN SIGN / U+017F LONG S.
std::vector<std::string> Variants(const std::string& line) {
  return {line, Upper(line), ReplaceAll(line, "k", "\xE2\x84\xAA"),
          ReplaceAll(ReplaceAll(line, "s", "\xC5\xBF"), "S", "\xC5\xBF")};
}

IngestRules Compile(const std::vector<std::string>& patterns) {
  std::string toml;
  for (size_t i = 0; i < patterns.size(); ++i) {
    toml += "[[boilerplate]]\nid = \"r" + std::to_string(i) + "\"\npattern = '''" +
            patterns[i] + "'''\nexamples = [\"x\"]\n";
  }
  rules::Diagnostics diag;
  auto file = rules::ParseRuleText(toml, "t.toml", &diag);
  REQUIRE(file.has_value());
  IngestRules rules;
  CompileIngestRules({*file}, &diag, &rules);
  REQUIRE_MESSAGE(diag.ok(), (diag.errors().empty() ? "" : diag.errors()[0]));
  return rules;
}

TEST_CASE("The real rules: the matcher agrees with rule-by-rule matching") {
  auto loaded = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
  REQUIRE(loaded.ok());
  const IngestRules& rules = (*loaded)->ingest;
  REQUIRE(rules.boilerplate_matcher != nullptr);
  // Wildcard-led alternatives ("... all rights reserved") are screened.
  CHECK(rules.boilerplate_matcher->screened() >= 2);
  std::vector<std::string> lines;
  for (const BoilerplateRule& rule : rules.boilerplate) {
    for (const std::string& e : rule.examples) lines.push_back(internal::NormalizeLine(e));
    for (const std::string& e : rule.counter_examples) {
      lines.push_back(internal::NormalizeLine(e));
    }
  }
  for (const auto& entry : fs::directory_iterator(CONCORD_TEST_SOURCE_DIR "/fixtures/seeds")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) lines.push_back(internal::NormalizeLine(line));
  }
  int dropped = 0;
  for (const std::string& base : lines) {
    for (const std::string& line : Variants(base)) {
      CAPTURE(line);
      const int naive = Naive(rules, line);
      CHECK(Fast(rules, line) == naive);
      dropped += naive >= 0;
    }
  }
  CHECK(dropped >= 60);
}

TEST_CASE("Made-up rules: the matcher agrees with rule-by-rule matching") {
  // Rules as users might write them, including syntax the analysis does
  // not read (flags, \Q...\E), wildcards first, classes and escapes.
  const std::vector<std::string> patterns = {
      R"(.{0,40}all rights reserved\s*\.?)",
      R"(.*\bweb ?site\b.*)",
      R"((?i)promo code .+|.{0,10}use code \w+)",
      R"([^a-z]{0,5}breaking news)",
      R"(\pL+ kelvin scale)",
      R"((?P<lead>also|see) also:? .*)",
      R"(\x41\x{62}c|.+ \x{212A}elvin)",
      R"(.*stra\Qss\E)",
      R"(.*ſtuff here)",
      R"(x{2,}|.+ end here\.)",
      R"([[:alpha:]]+ word[s]?)",
      R"(.*(?:k|q)uick fox.*)",
      R"((?:a|)|[\d\-]+ pages?)",
      R"(\(.{1,30}\) photos?)",
      R"([]x]+ brackets|[\]\[]+ more)",
      R"(.?.?.?ss?k)",
      R"(\.{3}|\Atext\z)",
      R"(.*(?-i:CAPS) only)",
      R"(.+£\s*\d+)",
      // Leading characters above ASCII: symbols no case folding touches, and
      // the micro sign, which folds with Greek mu.
      R"(©\s*\d{4}.*)",
      R"(\x{2192} next|» more)",
      R"(µs? only)",
      R"(\x{3bc}\x{3bc} twice)",
  };
  const IngestRules rules = Compile(patterns);
  REQUIRE(rules.boilerplate_matcher != nullptr);
  CHECK(rules.boilerplate_matcher->screened() >= 4);
  const std::vector<std::string> lines = {
      "All Rights Reserved.",
      "(c) 2024 The Paper. All rights reserved",
      "a very long preamble that runs on and on and on. all rights reserved",
      "Visit our web site today",
      "The website is down",
      "websites",
      "Use PROMO CODE save10",
      "Now use code ABC",
      "123! Breaking News",
      "abc breaking news",
      "Absolute kelvin scale",
      "Absolute \xE2\x84\xAA" "elvin scale",
      "\xC3\xA9t\xC3\xA9 kelvin scale",
      "See also: the report",
      "also also",
      "Abc",
      "ABC",
      "the temperature in \xE2\x84\xAA" "elvin",
      "in kelvin",
      "nostrass",
      "no straSS",
      "no stra\xC5\xBF\xC5\xBF",
      "\xC5\xBFtuff here",
      "the stuff here",
      "STUFF HERE",
      "xx",
      "XXXX",
      "we end here.",
      "we end here",
      "Hello words",
      "Hello word",
      "the quick fox jumps",
      "the \xE2\x84\xAAuick fox",
      "a",
      "",
      "12-14 pages",
      "(Getty Images) photo",
      "(x) photos",
      "xx] brackets",
      "][ more",
      "ssk",
      "abss\xE2\x84\xAA",
      "...",
      "text",
      "TEXT",
      "has CAPS only",
      "has caps only",
      "costs \xC2\xA3 40",
      "costs 40",
      std::string(700, 'x'),
      "\xC2\xA9 2024 The Paper",
      "\xC2\xA9" "2024",
      "\xE2\x86\x92 next",
      "\xE2\x86\x92 NEXT",
      "\xC2\xBB More",
      "\xC2\xB5s only",
      "\xCE\xBCs only",
      "\xCE\x9Cs only",
      "\xC2\xB5\xCE\x9C twice",
  };
  for (const std::string& base : lines) {
    for (const std::string& line : Variants(base)) {
      CAPTURE(line);
      CHECK(Fast(rules, line) == Naive(rules, line));
    }
  }
}

TEST_CASE("Rules the analysis cannot read still match as written") {
  struct Case {
    const char* pattern;
    const char* line;
    bool dropped;
  } cases[] = {
      {R"((?i:ad)vert)", "ADVERT", true},
      {R"(.*\Qa.b\E)", "see a.b", true},
      {R"(.*\Qa.b\E)", "see axb", false},
      {R"(x{,3})", "x{,3}", true},
      {R"(.{0,5}sponsored)", "Sponsored", true},
      {R"(.{0,5}sponsored)", "this is sponsored", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.line);
    const IngestRules rules = Compile({c.pattern});
    CHECK((Fast(rules, c.line) == 0) == c.dropped);
    CHECK(Fast(rules, c.line) == Naive(rules, c.line));
  }
}

}  // namespace
}  // namespace concord::ingest
