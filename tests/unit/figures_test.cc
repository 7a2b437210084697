#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/figures.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace concord::extract {
namespace {

const RuleSet& Rules() {
  static const auto set = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
  REQUIRE_MESSAGE(set.ok(), set.status().message());
  return **set;
}

std::vector<Mention> Figures(std::string_view text, std::vector<Mention> taken = {}) {
  std::vector<Mention> out;
  Rules().figures.Find(text, SplitSentences(text, Rules().lexicon), taken, &out);
  return out;
}

std::string Describe(const std::vector<Mention>& ms) {
  std::string s;
  for (const Mention& m : ms) {
    s += m.value_text + " @ " + m.subject + " [" + m.rule_id + "]; ";
  }
  return s;
}

TEST_CASE("The rule examples pass") {
  std::vector<rules::ExampleResult> results;
  Rules().figures.RunExamples(&results);
  CHECK(results.size() > 50);
  for (const auto& r : results) {
    CAPTURE(r.pos.line);
    CHECK_MESSAGE(r.passed, r.message);
  }
}

}  // namespace
}  // namespace concord::extract
