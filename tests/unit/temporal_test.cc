#include <doctest/doctest.h>

#include "rules/ruleset.h"

namespace concord::extract {
namespace {

TEST_CASE("Every temporal rule example passes") {
  auto set = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
  REQUIRE_MESSAGE(set.ok(), set.status().message());
  std::vector<rules::ExampleResult> results;
  (*set)->temporal.RunExamples(&results);
  CHECK(results.size() > 50);
  for (const auto& r : results) {
    CHECK_MESSAGE(r.passed, r.pos.path, ":", r.pos.line, ": ", r.message);
  }
}

}  // namespace
}  // namespace concord::extract
