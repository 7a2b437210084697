// PLACEHOLDER: replaced by the people engine.
#include "extract/people.h"

namespace concord::extract {

struct PeopleRules {};

PeopleEngine::PeopleEngine() : rules_(std::make_unique<PeopleRules>()) {}
PeopleEngine::~PeopleEngine() = default;
PeopleEngine::PeopleEngine(PeopleEngine&&) noexcept = default;
PeopleEngine& PeopleEngine::operator=(PeopleEngine&&) noexcept = default;
void PeopleEngine::Compile(const std::vector<rules::RuleFile>&,
                           const rules::Lexicon& lexicon, rules::Diagnostics*) {
  lexicon_ = &lexicon;
}
void PeopleEngine::Find(std::string_view, const std::vector<Span>&,
                        const std::vector<Mention>&, std::vector<Mention>*) const {}
TitleComparison PeopleEngine::CompareTitles(const TitleValue&, const TitleValue&) const {
  return {};
}
std::string PeopleEngine::OfficeName(std::string_view id) const { return std::string(id); }
void PeopleEngine::RunExamples(std::vector<rules::ExampleResult>*) const {}
NameRelation CompareNames(const NameValue& a, const NameValue& b) {
  return a.key == b.key ? NameRelation::kSame : NameRelation::kDifferent;
}
std::string NameKey(std::string_view name) { return std::string(name); }

}  // namespace concord::extract
