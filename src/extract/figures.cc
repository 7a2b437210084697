// PLACEHOLDER: replaced by the figure engine.
#include "extract/figures.h"

namespace concord::extract {

struct FigureRules {};

FigureEngine::FigureEngine() : rules_(std::make_unique<FigureRules>()) {}
FigureEngine::~FigureEngine() = default;
FigureEngine::FigureEngine(FigureEngine&&) noexcept = default;
FigureEngine& FigureEngine::operator=(FigureEngine&&) noexcept = default;
void FigureEngine::Compile(const std::vector<rules::RuleFile>&,
                           const rules::Lexicon& lexicon, rules::Diagnostics*) {
  lexicon_ = &lexicon;
}
void FigureEngine::Find(std::string_view, const std::vector<Span>&,
                        const std::vector<Mention>&, std::vector<Mention>*) const {}
void FigureEngine::RunExamples(std::vector<rules::ExampleResult>*) const {}
FigureRelation CompareFigures(const FigureValue&, const FigureValue&) {
  return FigureRelation::kIncomparable;
}

}  // namespace concord::extract
