#include "extract/quotes.h"

namespace concord::extract {

void CompileQuoteRules(const std::vector<rules::RuleFile>&, rules::Diagnostics*,
                       QuoteRules*) {}
void FindQuotes(std::string_view, const std::vector<Span>&, const std::vector<Mention>&,
                const QuoteRules&, std::vector<Mention>*) {}
void RunQuoteExamples(const RuleSet&, std::vector<rules::ExampleResult>*) {}

}  // namespace concord::extract
