// Sentences, tokens and content words of a normalised text.
#ifndef CONCORD_EXTRACT_TEXT_UNITS_H_
#define CONCORD_EXTRACT_TEXT_UNITS_H_

#include <cstdint>
#include <deque>
#include <span>
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
  uint32_t dash = 0;         // offset of a word's first inner '-' (0: none)
};

// Whether a word starting with `cp` is capitalised for the name finder: an
// upper-case letter of a script NameKey folds (Latin up to U+017F, Greek,
// Cyrillic). Other scripts' capitals are not: NameKey would give their names
// the empty key, and they would be taken for one another.
inline bool IsUpperNameLetter(char32_t cp) {
  return (cp <= 0x17F || (cp >= 0x370 && cp <= 0x52F)) && IsUpperLetter(cp);
}

// Splits `range` of `text` into word, number and punctuation tokens
// (white space is dropped). Non-ASCII letters count as letters.
std::vector<Token> Tokenize(std::string_view text, Span range);
// The same into *out (cleared first), reusing its storage.
void Tokenize(std::string_view text, Span range, std::vector<Token>* out);
// The same appended to *out.
void AppendTokens(std::string_view text, Span range, std::vector<Token>* out);

// Lowercase stem of a word for matching across sources: possessive and
// plural endings and common verb endings removed ("meetings" -> "meet",
// "proposed" -> "propos", "talks" -> "talk"). Not a linguistic lemma: equal
// stems are what matter.
std::string Stem(std::string_view word);
// Stem(word) into `buf` (kStemBufferBytes bytes), for a word of at most
// that many bytes: no allocation.
inline constexpr size_t kStemBufferBytes = 64;
std::string_view StemInto(std::string_view word, char* buf);

// Stopword lookup (lowercase).
struct Stopwords {
  StringSet words;
  bool Contains(std::string_view lower_word) const {
    if (index_size_ == words.size() && !lower_word.empty()) {
      const uint8_t entry = index_[IndexOf(lower_word)];
      if (entry == 0) return false;
      if (entry != kAmbiguous) return lower_word == listed_[entry - 1];
    }
    return words.contains(lower_word);
  }
  // Makes the index that answers most words without hashing them.
  // CompileStopwords calls it; `words` must not change afterwards (a change
  // of its size turns the index off).
  void BuildIndex();
  // Tells apart the lists BuildIndex was called on (0: none, or `words`
  // changed since), for what remembers answers (WordMemo).
  uint64_t generation() const { return index_size_ == words.size() ? generation_ : 0; }

 private:
  // Words are indexed by length, first and last letter: most keys hold no
  // stopword or just one, compared directly.
  static size_t IndexBucket(char c) {
    const unsigned b = (static_cast<unsigned char>(c) | 0x20u) - 'a';  // letters: 0..25
    return b < 26 ? b : 26;
  }
  static size_t IndexOf(std::string_view w) {
    const size_t length = w.size() < 15 ? w.size() : 15;
    return (length * 27 + IndexBucket(w.front())) * 27 + IndexBucket(w.back());
  }
  static constexpr uint8_t kAmbiguous = 255;  // several stopwords: hash
  // 0: no stopword; kAmbiguous; else 1 + the stopword's place in listed_.
  uint8_t index_[16 * 27 * 27] = {};
  std::vector<std::string> listed_;
  size_t index_size_ = static_cast<size_t>(-1);
  uint64_t generation_ = 0;
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
std::vector<ContentWord> ContentWordSpans(std::span<const Token> tokens,
                                          const Stopwords& stopwords);

// Storage for stems that are not views of the text: appended bytes stay
// where they are (a full buffer spills to separate strings).
class StemArena {
 public:
  explicit StemArena(size_t capacity) { bytes_.reserve(capacity); }
  std::string_view Add(std::string_view s);

 private:
  std::string bytes_;
  std::deque<std::string> overflow_;
};

// ContentWordSpans appended to *out, each stem a view: into the text when
// the word as written starts with its stem (lower case, nothing but an
// ending cut), else into *arena. Most stems need no copy.
struct ContentWordView {
  Span span;
  std::string_view stem;
};
void AppendContentWords(std::span<const Token> tokens, const Stopwords& stopwords,
                        StemArena* arena, std::vector<ContentWordView>* out);
// The same for tokens of `text` (which holds them all), reading it in
// blocks: faster.
void AppendContentWords(std::string_view text, std::span<const Token> tokens,
                        const Stopwords& stopwords, StemArena* arena,
                        std::vector<ContentWordView>* out);

// What AppendContentWords made of short words as written (content word or
// not, and the stem), kept across calls and documents so that a word met
// again costs a table lookup instead of lowering, stemming and two
// stopword lookups. One per thread; a fixed table that stops taking words
// when half full.
class WordMemo {
 public:
  WordMemo() = default;
  WordMemo(const WordMemo&) = delete;
  WordMemo& operator=(const WordMemo&) = delete;
  // Readies the memo for the words of a document under `stopwords`:
  // forgets what it learnt under other stopwords, or all when half full.
  // Stems it handed out before may be gone afterwards.
  void Start(const Stopwords& stopwords);

  // The rest is for AppendContentWords.
  static constexpr size_t kMaxWord = 16;  // longer words are not kept
  struct Entry {
    uint64_t first = 0;  // the word's first eight bytes, zero-padded
    uint64_t last = 0;   // its last eight bytes when longer than eight
    uint8_t size = 0;    // 0: a free slot
    bool content = false;
    bool prefix = false;  // the stem is the start of the word as written
    uint8_t stem_size = 0;
    char stem[kMaxWord];  // when not `prefix`
  };
  // The entry of the word with these keys, or the free slot it would take
  // (null when the memo takes no more words).
  // Inline: asked for most words of every document.
  Entry* Slot(uint64_t first, uint64_t last, size_t size) {
    const uint64_t h = (first ^ (last * 0x9E3779B97F4A7C15ULL) ^ size) * 0xFF51AFD7ED558CCDULL;
    // The table has 2^kSlotBits entries (Start() makes them before any
    // Slot()).
    constexpr size_t kMask = (size_t{1} << kSlotBits) - 1;
    Entry* entries = entries_.data();
    for (size_t i = static_cast<size_t>(h >> (64 - kSlotBits));; i = (i + 1) & kMask) {
      Entry& e = entries[i];
      if (e.size == 0) return used_ < (kMask + 1) / 2 ? &e : nullptr;
      if (e.first == first && e.last == last && e.size == size) return &e;
    }
  }
  // Whether it answers for `stopwords` (Start()ed with them).
  bool AnswersFor(const Stopwords& stopwords) const {
    return generation_ != 0 && generation_ == stopwords.generation();
  }
  void Took() { ++used_; }

 private:
  static constexpr size_t kSlotBits = 16;
  std::vector<Entry> entries_;
  size_t used_ = 0;
  uint64_t generation_ = 0;
};
// AppendContentWords(text, ...) remembering words in `memo` (Start()ed;
// may be null): stems are views into the text, the memo or the arena,
// valid until the memo's next Start().
void AppendContentWords(std::string_view text, std::span<const Token> tokens,
                        const Stopwords& stopwords, StemArena* arena, WordMemo* memo,
                        std::vector<ContentWordView>* out);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_TEXT_UNITS_H_
