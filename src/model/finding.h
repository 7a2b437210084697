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
};

// Sorts findings (severity, then kind, subject, first evidence) and assigns
// each value's mentions a stable order, so output is deterministic.
void Canonicalize(Report* report);

}  // namespace concord

#endif  // CONCORD_MODEL_FINDING_H_
