// Shared set-up of the fuzz targets: the source tree's default rules,
// loaded once per process.
#ifndef CONCORD_TESTS_FUZZ_FUZZ_COMMON_H_
#define CONCORD_TESTS_FUZZ_FUZZ_COMMON_H_

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "rules/ruleset.h"

namespace concord::fuzz {

// The rules in $CONCORD_RULES, else the source tree's rules/. A fuzz target
// cannot run without them, so a failure aborts with the diagnostics.
inline const RuleSet& DefaultRules() {
  static const RuleSet* const rules = [] {
    const char* env = std::getenv("CONCORD_RULES");
    absl::StatusOr<std::unique_ptr<RuleSet>> set =
        LoadRuleSet({env != nullptr && *env ? env : CONCORD_SOURCE_RULES});
    if (!set.ok()) {
      std::fprintf(stderr, "cannot load rules: %s\n", set.status().ToString().c_str());
      std::abort();
    }
    return set->release();
  }();
  return *rules;
}

}  // namespace concord::fuzz

#endif  // CONCORD_TESTS_FUZZ_FUZZ_COMMON_H_
