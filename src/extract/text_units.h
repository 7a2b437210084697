// Sentences, tokens and content words of a normalised text.
#ifndef CONCORD_EXTRACT_TEXT_UNITS_H_
#define CONCORD_EXTRACT_TEXT_UNITS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "rules/lexicon.h"

namespace concord::extract {

// Splits `text` into sentences. A sentence ends at '.', '!' or '?' (with any
// closing quotes or brackets) followed by white space, except after an
// abbreviation from the lexicon, a single capital initial ("S. Jaishankar")
// or a number's decimal point; and at every line break, since news lines are
// paragraphs or headlines. Spans exclude surrounding white space; empty
// sentences are dropped. A "sentence" longer than kMaxSentenceBytes (no
// real one is) is cut at spaces into pieces no longer, so that work per
// sentence stays bounded whatever the input.
inline constexpr size_t kMaxSentenceBytes = 1500;
std::vector<Span> SplitSentences(std::string_view text, const rules::Lexicon& lexicon);

struct Token {
  Span span;              // in the text
  std::string_view text;  // view into the text
  bool word = false;      // letters (and inner ' - .), e.g. "Hegseth's", "P-8I"
  bool number = false;    // starts with a digit
  bool capitalised = false;  // first letter upper case
};

// Splits `range` of `text` into word, number and punctuation tokens
// (white space is dropped). Non-ASCII letters count as letters.
std::vector<Token> Tokenize(std::string_view text, Span range);
// The same into *out (cleared first), reusing its storage.
void Tokenize(std::string_view text, Span range, std::vector<Token>* out);

// Lowercase stem of a word for matching across sources: possessive and
// plural endings and common verb endings removed ("meetings" -> "meet",
// "proposed" -> "propos", "talks" -> "talk"). Not a linguistic lemma: equal
// stems are what matter.
std::string Stem(std::string_view word);

// Stopword lookup (lowercase).
struct Stopwords {
  StringSet words;
  bool Contains(std::string_view lower_word) const {
    if (filter_size_ == words.size() && !MayContain(lower_word)) return false;
    return words.contains(lower_word);
  }
  // Makes the quick filter that answers most words without hashing them.
  // CompileStopwords calls it; `words` must not change afterwards (a change
  // of its size turns the filter off).
  void BuildFilter();

 private:
  // One bit per (length, first letter, last letter) of some stopword.
  static size_t FilterBucket(char c) {
    const unsigned b = (static_cast<unsigned char>(c) | 0x20u) - 'a';  // letters: 0..25
    return b < 26 ? b : 26;
  }
  static size_t FilterIndex(std::string_view w) {
    const size_t length = w.size() < 15 ? w.size() : 15;
    return (length * 27 + FilterBucket(w.front())) * 27 + FilterBucket(w.back());
  }
  bool MayContain(std::string_view w) const {
    if (w.empty()) return true;
    const size_t i = FilterIndex(w);
    return (filter_[i / 64] >> (i % 64)) & 1;
  }
  static constexpr size_t kFilterBits = 16 * 27 * 27;
  uint64_t filter_[(kFilterBits + 63) / 64] = {};
  size_t filter_size_ = static_cast<size_t>(-1);
};
void CompileStopwords(const std::vector<rules::RuleFile>& files,
                      rules::Diagnostics* diag, Stopwords* out);

// Stems of the content words in `range`: words that are not stopwords,
// numbers kept as written.
std::vector<std::string> ContentWords(std::string_view text, Span range,
                                      const Stopwords& stopwords);

// The same content words with the span of the token each stems from, so
// that one pass over a sentence serves every mention in it.
struct ContentWord {
  Span span;
  std::string stem;
};
std::vector<ContentWord> ContentWordSpans(std::string_view text, Span range,
                                          const Stopwords& stopwords);
// The same from tokens already made by Tokenize.
std::vector<ContentWord> ContentWordSpans(const std::vector<Token>& tokens,
                                          const Stopwords& stopwords);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_TEXT_UNITS_H_
