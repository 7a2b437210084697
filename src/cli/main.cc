#include <cstdio>

#include "rules/ruleset.h"

int main(int argc, char** argv) {
  (void)argc;
  auto rules = concord::LoadRuleSet({concord::DefaultRulesDir(argv[0])});
  if (!rules.ok()) {
    fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return 2;
  }
  return 0;
}
