#include "extract/extract.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace concord::extract {

std::vector<Mention> FindMentions(const Document& doc, const RuleSet& rules) {
  const std::vector<Span> sentences = SplitSentences(doc.text, rules.lexicon);
  std::vector<Mention> mentions;
  rules.temporal.Find(doc.text, sentences, doc.published, &mentions);
  rules.figures.Find(doc.text, sentences, mentions, &mentions);
  rules.people.Find(doc.text, sentences, mentions, &mentions);
  FindQuotes(doc.text, sentences, mentions, rules.quotes, &mentions);
  std::stable_sort(mentions.begin(), mentions.end(),
                   [](const Mention& a, const Mention& b) { return a.span < b.span; });
  return mentions;
}

DocClaims ExtractDocument(const Document& doc, const RuleSet& rules) {
  DocClaims out;
  out.info.id = doc.id;
  out.info.path = doc.path;
  out.info.source = doc.source;
  out.info.title = doc.title;
  out.info.published = doc.published;
  out.info.published_from = doc.published_from;
  out.info.notes = doc.notes;
  (void)rules;
  return out;
}

}  // namespace concord::extract
