// What concord reports: findings (disagreements between sources) and the
// report that carries them with the documents, stories and skipped inputs.
#ifndef CONCORD_MODEL_FINDING_H_
#define CONCORD_MODEL_FINDING_H_

#include <optional>
#include <string>
#include <vector>

#include "model/claim.h"

namespace concord {

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };
const char* SeverityName(Severity s);  // "info", "warning", "error"
std::optional<Severity> ParseSeverity(std::string_view name);

enum class FindingClass {
  kConflict,   // the sources disagree
  kVariant,    // the same thing worded differently (alias, outdated name)
  kPrecision,  // compatible values at different granularity
  kUpdate,     // a later report revises a figure
};
const char* FindingClassName(FindingClass c);
std::optional<FindingClass> ParseFindingClass(std::string_view name);

// One side of a finding: a value and every mention that states it.
struct FindingValue {
  std::string value;       // as written (the first mention's text, folded)
  std::string normalized;  // the normalised value
  std::vector<Evidence> mentions;
};

struct Finding {
  std::string id;  // stable fingerprint of kind, subject, attribute, values
  MentionKind kind = MentionKind::kDate;
  FindingClass finding_class = FindingClass::kConflict;
  Severity severity = Severity::kWarning;
  std::string subject;    // "Pete Hegseth", "Bilateral Trade Agreement proposed"
  std::string attribute;  // "title", "date", ...
  std::string message;
  std::string rule_id;    // the check that produced it ("title-variant")
  // Why the claims were aligned and why they were judged different.
  std::string explanation;
  std::vector<FindingValue> values;
  // With a store (--store): the run dates (YYYY-MM-DD) it was first and
  // last seen, and whether this run is the first to see it. Empty without.
  std::string first_seen;
  std::string last_seen;
  bool is_new = false;
};

struct Story {
  std::string id;
  std::string title;
  std::vector<std::string> documents;  // document ids
};

struct Report {
  std::vector<DocInfo> documents;
  std::vector<Story> stories;
  std::vector<Finding> findings;
  std::vector<Skipped> skipped;
  // Findings left out by a baseline (--baseline) or by an article's
  // `concord-ignore` comments; unset when neither applied.
  std::optional<int> suppressed;
  // concord check: the ids of its drafts, sorted. A finding is then headed
  // by a draft's mention (PrimaryEvidence), the one place an editor can
  // change. Empty for every other command.
  std::vector<std::string> drafts;
};

// The mention that heads a finding (the text report's `path:line:col`,
// SARIF's location). Without `drafts`: the first mention of the value
// stated by the fewest documents (the odd one out). With them: among the
// values a draft states, the one stated by the fewest documents, and in it
// the draft's first mention (by path, line, column); the odd one out when
// no draft takes part. Null when the finding has no mention.
const Evidence* PrimaryEvidence(const Finding& finding,
                                const std::vector<std::string>& drafts = {});

// Sorts findings (severity, then kind, subject, first evidence; in a report
// with drafts, the draft's mention that heads it instead of the first
// evidence) and assigns each value's mentions a stable order, so output is
// deterministic.
void Canonicalize(Report* report);

}  // namespace concord

#endif  // CONCORD_MODEL_FINDING_H_
