// Direct quotations and their speakers: "X said", "said X", "according to
// X", "X, in a post on X, commended the '...'", quotes split around the
// attribution, and pronouns resolved to the last named speaker.
#ifndef CONCORD_EXTRACT_QUOTES_H_
#define CONCORD_EXTRACT_QUOTES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "base/strings.h"
#include "model/claim.h"
#include "rules/examples.h"
#include "rules/rule_tree.h"

namespace concord {
struct RuleSet;
}

namespace concord::extract {

// `[quotes]` in the rules: which verbs attribute speech, which pronouns
// refer back to the last speaker.
struct QuoteRules {
  StringSet speech_verbs;  // lowercase, as written
  StringSet pronouns;      // "he", "she", "they"
  // Function words whose change alters what a quote says ("only" for
  // "most", "not", "never"): a quote differing in one is no minor variant.
  StringSet meaning_words;
  // `[[quotes.example]]`: text, expected quote and speaker.
  struct Example {
    rules::SourcePos pos;
    std::string text;
    std::string quote;    // expected quoted words ("" = no quote expected)
    std::string speaker;  // expected speaker ("" = unknown)
  };
  std::vector<Example> examples;
};

inline constexpr const char* kQuoteSections[] = {"quotes"};

void CompileQuoteRules(const std::vector<rules::RuleFile>& files,
                       rules::Diagnostics* diag, QuoteRules* out);

// Appends a quote Mention (QuoteValue, subject = speaker) for every direct
// quotation of three words or more in `text`; shorter ones ("in haste")
// are kept too but marked by value_text only. `names` are the document's
// name mentions, used to find speakers.
void FindQuotes(std::string_view text, const std::vector<Span>& sentences,
                const std::vector<Mention>& names, const QuoteRules& rules,
                std::vector<Mention>* out);

void RunQuoteExamples(const RuleSet& rules,
                      std::vector<rules::ExampleResult>* results);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_QUOTES_H_
