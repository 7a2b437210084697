#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "rules/lexicon.h"
#include "rules/rule_tree.h"
#include "rules/ruleset.h"

namespace concord::rules {
namespace {

TEST_CASE("TableReader reports wrong types and unknown keys at their position") {
  Diagnostics diag;
  auto file = ParseRuleText(
      "[[month]]\nnumber = \"one\"\nnames = [\"January\"]\ncolour = 1\n",
      "m.toml", &diag);
  REQUIRE(file.has_value());
  Lexicon lex;
  CompileLexicon({*file}, &diag, &lex);
  REQUIRE(diag.errors().size() == 2);
  CHECK(diag.errors()[0] ==
        "m.toml:2:10: error: 'number': expected an integer, saw a string [month]");
  CHECK(diag.errors()[1] == "m.toml:4:10: error: unknown key 'colour' [month]");
}

TEST_CASE("Bad TOML is reported at its position, never thrown") {
  struct Case {
    const char* text;
    const char* prefix;
  } cases[] = {
      {"a = \n", "x.toml:1:"},
      {"[t\n", "x.toml:1:"},
      {"a = 1\na = 2\n", "x.toml:2:"},
      {"s = \"unterminated\n", "x.toml:1:"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Diagnostics diag;
    CHECK_FALSE(ParseRuleText(c.text, "x.toml", &diag).has_value());
    REQUIRE(diag.errors().size() == 1);
    CHECK(diag.errors()[0].rfind(c.prefix, 0) == 0);
    CHECK(diag.errors()[0].find("error: invalid TOML") != std::string::npos);
  }
}

TEST_CASE("CompilePattern reports RE2's error with the rule id") {
  Diagnostics diag;
  SourcePos pos{"p.toml", 3, 11};
  CHECK(CompilePattern("(a", pos, "my-rule", &diag) == nullptr);
  REQUIRE(diag.errors().size() == 1);
  CHECK(diag.errors()[0].rfind("p.toml:3:11: error: invalid pattern: ", 0) == 0);
  CHECK(diag.errors()[0].find("[my-rule]") != std::string::npos);
  CHECK(CompilePattern("(?P<day>\\d+)", pos, "ok", &diag) != nullptr);
  CHECK(diag.errors().size() == 1);
}

TEST_CASE("ExpandFragments substitutes names and keeps repetition counts") {
  Diagnostics diag;
  std::vector<std::pair<std::string, std::string>> fragments = {
      {"month", "Jan|Feb"}};
  SourcePos pos{"f.toml", 1, 1};
  CHECK(ExpandFragments("{month} \\d{1,2}", fragments, pos, "r", &diag) ==
        "(?:Jan|Feb) \\d{1,2}");
  CHECK(diag.ok());
  ExpandFragments("{nope}", fragments, pos, "r", &diag);
  REQUIRE(diag.errors().size() == 1);
  CHECK(diag.errors()[0] == "f.toml:1:1: error: unknown fragment '{nope}' [r]");
}

TEST_CASE("The default rules load without errors") {
  auto set = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
  REQUIRE_MESSAGE(set.ok(), set.status().message());
  CHECK((*set)->lexicon.Month("Oct.") == 10);
  CHECK((*set)->lexicon.Weekday("friday") == 5);
}

TEST_CASE("An unknown section in a rules file is an error") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "concord_rules_test_unknown";
  fs::create_directories(dir);
  std::ofstream(dir / "extra.toml") << "\n[colours]\nred = 1\n";
  auto set = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules", dir.string()});
  REQUIRE_FALSE(set.ok());
  CHECK(std::string(set.status().message()).find("extra.toml:2:1: error: unknown section 'colours'") !=
        std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace concord::rules
