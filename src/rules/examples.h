// Results of running the examples and counter-examples that rules carry.
#ifndef CONCORD_RULES_EXAMPLES_H_
#define CONCORD_RULES_EXAMPLES_H_

#include <string>
#include <vector>

#include "rules/rule_tree.h"

namespace concord::rules {

struct ExampleResult {
  SourcePos pos;        // where the example stands in its rule file
  std::string rule_id;
  bool passed = false;
  std::string message;  // what was expected and what happened, when failed
};

}  // namespace concord::rules

#endif  // CONCORD_RULES_EXAMPLES_H_
