// Compare: judges each group of aligned claims (equal, variant, precision,
// update or conflict) and turns disagreements into Findings with every
// side's evidence, classed and given a severity by the policy in rules/.
#ifndef CONCORD_COMPARE_COMPARE_H_
#define CONCORD_COMPARE_COMPARE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "align/align.h"
#include "model/finding.h"
#include "rules/rule_tree.h"

namespace concord {
struct RuleSet;
}

namespace concord::compare {

// `[[severity]]` entries in rules/policy.toml: kind and class to severity.
struct Policy {
  // (kind, class) -> severity; a missing pair means "not reported".
  std::map<std::pair<MentionKind, FindingClass>, Severity> severity;
  // Check id ("title-alias") -> severity; overrides the kind and class.
  std::map<std::string, Severity> by_rule;
  // Checks turned off for this run (--severity CHECK=off).
  std::set<std::string> disabled;
  // Check id -> one-line help text (`[[check]]` entries).
  std::map<std::string, std::string> checks;
  // The severity of a finding, or nullopt when it is not reported.
  std::optional<Severity> Lookup(MentionKind kind, FindingClass c,
                                 const std::string& rule_id) const;
};

inline constexpr const char* kPolicySections[] = {"severity", "check"};

void CompilePolicy(const std::vector<rules::RuleFile>& files,
                   rules::Diagnostics* diag, Policy* out);

// Judges every group; returns the findings (unsorted, with ids).
std::vector<Finding> CompareGroups(const std::vector<align::ClaimGroup>& groups,
                                   const RuleSet& rules);

}  // namespace concord::compare

#endif  // CONCORD_COMPARE_COMPARE_H_
