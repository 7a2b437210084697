// The default rule set, loaded once per test binary.
#ifndef CONCORD_TESTS_UNIT_TEST_RULES_H_
#define CONCORD_TESTS_UNIT_TEST_RULES_H_

#include <doctest/doctest.h>

#include <memory>

#include "rules/ruleset.h"

namespace concord::testing {

inline const RuleSet& Rules() {
  static const std::unique_ptr<RuleSet> rules = [] {
    auto r = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return std::move(*r);
  }();
  return *rules;
}

}  // namespace concord::testing

#endif  // CONCORD_TESTS_UNIT_TEST_RULES_H_
