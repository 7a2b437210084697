// PLACEHOLDER: replaced by the temporal engine.
#include "extract/temporal.h"

namespace concord::extract {

struct TemporalRules {};

TemporalEngine::TemporalEngine() : rules_(std::make_unique<TemporalRules>()) {}
TemporalEngine::~TemporalEngine() = default;
TemporalEngine::TemporalEngine(TemporalEngine&&) noexcept = default;
TemporalEngine& TemporalEngine::operator=(TemporalEngine&&) noexcept = default;

void TemporalEngine::Compile(const std::vector<rules::RuleFile>&,
                             const rules::Lexicon& lexicon, rules::Diagnostics*) {
  lexicon_ = &lexicon;
}
void TemporalEngine::Find(std::string_view, const std::vector<Span>&,
                          std::optional<date::sys_days>,
                          std::vector<Mention>*) const {}
void TemporalEngine::RunExamples(std::vector<rules::ExampleResult>*) const {}

const char* TemporalRelationName(TemporalRelation r) {
  switch (r) {
    case TemporalRelation::kEqual: return "equal";
    case TemporalRelation::kPrecision: return "precision";
    case TemporalRelation::kConflict: return "conflict";
    case TemporalRelation::kUnknown: return "unknown";
  }
  return "unknown";
}
TemporalRelation CompareDates(const DateValue&, const DateValue&) {
  return TemporalRelation::kUnknown;
}
TemporalRelation CompareDurations(const DurationValue&, const DurationValue&) {
  return TemporalRelation::kUnknown;
}

}  // namespace concord::extract
