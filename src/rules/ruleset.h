// The whole rule set: every stage's compiled rules, loaded from one or more
// rules directories. Loading checks everything (TOML syntax, keys, types,
// patterns) and reports each problem as `path:line:col: error: ... [rule-id]`.
#ifndef CONCORD_RULES_RULESET_H_
#define CONCORD_RULES_RULESET_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "align/align.h"
#include "compare/compare.h"
#include "extract/figures.h"
#include "extract/people.h"
#include "extract/quotes.h"
#include "extract/temporal.h"
#include "extract/text_units.h"
#include "ingest/ingest.h"
#include "rules/examples.h"
#include "rules/lexicon.h"

namespace concord {

struct RuleSet {
  std::vector<std::string> dirs;  // where the rules came from, in order
  std::vector<std::string> files; // every rule file read
  // SHA-256 (hex) of every rule file's name and bytes, in load order: claims
  // extracted under one hash are valid for as long as it stays the same.
  std::string hash;
  rules::Lexicon lexicon;
  extract::Stopwords stopwords;
  ingest::IngestRules ingest;
  extract::TemporalEngine temporal;
  extract::FigureEngine figures;
  extract::PeopleEngine people;
  extract::QuoteRules quotes;
  align::AlignRules align;
  compare::Policy policy;
};

// The default rules directory: $CONCORD_RULES, else `rules/` next to the
// binary or in the installed data directory, else the source tree's.
std::string DefaultRulesDir(const char* argv0);

// Loads `dirs` in order (later directories add rules or replace files of
// the same name). Fails with every diagnostic when any rule is bad.
absl::StatusOr<std::unique_ptr<RuleSet>> LoadRuleSet(
    const std::vector<std::string>& dirs);

// Compiles rule files already read (LoadRuleFiles' result, perhaps with
// more files from ParseRuleText), adding problems to `diag`. Fails with
// every diagnostic when any rule is bad. `dirs` of the result is empty.
absl::StatusOr<std::unique_ptr<RuleSet>> CompileRuleSet(
    const std::vector<rules::RuleFile>& files, rules::Diagnostics* diag);

// Runs the examples and counter-examples of every rule.
std::vector<rules::ExampleResult> RunAllExamples(const RuleSet& rules);

}  // namespace concord

#endif  // CONCORD_RULES_RULESET_H_
