#include "compare/compare.h"

namespace concord::compare {

std::optional<Severity> Policy::Lookup(MentionKind kind, FindingClass c) const {
  auto it = severity.find({kind, c});
  if (it == severity.end()) return std::nullopt;
  return it->second;
}
void CompilePolicy(const std::vector<rules::RuleFile>&, rules::Diagnostics*, Policy*) {}
std::vector<Finding> CompareGroups(const std::vector<align::ClaimGroup>&, const RuleSet&) {
  return {};
}

}  // namespace concord::compare
