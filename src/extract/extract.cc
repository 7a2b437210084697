#include "extract/extract.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <deque>
#include <functional>

#include <map>
#include <set>
#include <span>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/simd.h"
#include "base/strings.h"
#include "extract/quotes.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace concord::extract {
namespace {

// A hash of words for sets and maps whose order does not reach the
// output: absl's hash of its own string_view, cheaper for short words than
// std::hash or absl's of std::string_view.
struct WordHash {
  size_t operator()(std::string_view s) const {
    return absl::Hash<absl::string_view>{}(AsAbsl(s));
  }
};

// How many content words on each side of a mention describe its event.
constexpr int kContextBefore = 12;
constexpr int kContextAfter = 8;

// The mentions the extractors find in `doc`, in the order they find them;
// into *order, their indices sorted by span (stably). `tokens`, when not
// null, holds each sentence's tokens, which the people finder then need not
// make again.
std::vector<Mention> FindUnsorted(const Document& doc, const RuleSet& rules,
                                  const std::vector<Span>& sentences,
                                  const std::vector<std::span<const Token>>* tokens,
                                  std::vector<uint32_t>* order) {
  std::vector<Mention> mentions;
  rules.temporal.Find(doc.text, sentences, doc.published, &mentions);
  rules.figures.Find(doc.text, sentences, mentions, &mentions);
  rules.people.Find(doc.text, sentences, tokens, mentions, &mentions);
  FindQuotes(doc.text, sentences, mentions, rules.quotes, &mentions);
  rules.figures.FindAges(doc.text, sentences, tokens, &mentions);
  // Sort positions: a Mention is large and stable_sort would move it many
  // times.
  order->resize(mentions.size());
  for (uint32_t i = 0; i < order->size(); ++i) (*order)[i] = i;
  std::stable_sort(order->begin(), order->end(),
                   [&](uint32_t a, uint32_t b) { return mentions[a].span < mentions[b].span; });
  return mentions;
}

std::vector<Mention> FindIn(const Document& doc, const RuleSet& rules,
                            const std::vector<Span>& sentences) {
  std::vector<uint32_t> order;
  std::vector<Mention> mentions = FindUnsorted(doc, rules, sentences, nullptr, &order);
  // Each mention moved once.
  std::vector<Mention> sorted;
  sorted.reserve(mentions.size());
  for (uint32_t i : order) sorted.push_back(std::move(mentions[i]));
  return sorted;
}

// Whether `word` is `lower` in any case ("The", "THE" and "the").
[[gnu::always_inline]] inline bool IsLowerWord(std::string_view word, std::string_view lower) {
  // The length first: most words are ruled out by it.
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (AsciiLower(word[i]) != AsciiLower(lower[i])) return false;
  }
  return true;
}

// The tokens Tokenize(text, range) makes, for a `range` inside `sentence`
// whose tokens are `tokens`: a slice of those when neither end of the range
// cuts a token (the tokenizer then sees the same bytes from the same
// starting points), else tokenized afresh into *scratch.
std::span<const Token> TokensIn(std::string_view text, Span sentence,
                                std::span<const Token> tokens, Span range,
                                std::vector<Token>* scratch) {
  if (range.begin >= range.end) return {};
  if (range.begin >= sentence.begin && range.end <= sentence.end) {
    const auto first = std::partition_point(
        tokens.begin(), tokens.end(), [&](const Token& t) { return t.span.end <= range.begin; });
    const auto last = std::partition_point(
        first, tokens.end(), [&](const Token& t) { return t.span.begin < range.end; });
    const bool cut_begin = first != tokens.end() && first->span.begin < range.begin;
    const bool cut_end = last != first && std::prev(last)->span.end > range.end;
    if (!cut_begin && !cut_end) {
      return tokens.subspan(static_cast<size_t>(first - tokens.begin()),
                            static_cast<size_t>(last - first));
    }
  }
  Tokenize(text, range, scratch);
  return *scratch;
}

// Scratch token vectors for TokensIn, reused across claims.
struct TokenScratch {
  std::vector<Token> a;
  std::vector<Token> b;
};

// Whether text[i] ends or starts a clause (see ClauseAround). Most bytes
// are rejected by the first test.
bool IsClauseMarkSlow(std::string_view text, size_t i) {
  const char c = text[i];
  if (c == ',' || c == ';' || c == ':') {
    // A thousands separator is no clause mark.
    return !(c == ',' && i > 0 && i + 1 < text.size() && IsAsciiDigit(text[i - 1]) &&
             IsAsciiDigit(text[i + 1]));
  }
  return c == '-' && i > 0 && i + 1 < text.size() && text[i - 1] == ' ' && text[i + 1] == ' ';
}

constexpr std::array<bool, 256> kClauseMarkBytes = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {',', ';', ':', '-'}) t[c] = true;
  return t;
}();
inline bool IsClauseMark(std::string_view text, size_t i) {
  return kClauseMarkBytes[static_cast<unsigned char>(text[i])] && IsClauseMarkSlow(text, i);
}

#if CONCORD_SSE2
// Bit k set when byte k of the sixteen at `p` may be a clause mark.
unsigned ClauseMarkCandidates(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i hit =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('-'))));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}
#endif

// The first clause mark in [i, end), or `end`.
size_t NextClauseMark(std::string_view text, size_t i, size_t end) {
  while (i < end) {
#if CONCORD_SSE2
    if (end - i >= 16) {
      const unsigned mask = ClauseMarkCandidates(text.data() + i);
      if (mask == 0) {
        i += 16;
        continue;
      }
      const size_t j = i + static_cast<size_t>(std::countr_zero(mask));
      if (IsClauseMarkSlow(text, j)) return j;
      i = j + 1;
      continue;
    }
#endif
    if (IsClauseMark(text, i)) return i;
    ++i;
  }
  return end;
}

// The last clause mark in [begin, end), or npos.
size_t PrevClauseMark(std::string_view text, size_t begin, size_t end) {
  while (end > begin) {
#if CONCORD_SSE2
    if (end - begin >= 16) {
      const unsigned mask = ClauseMarkCandidates(text.data() + end - 16);
      if (mask == 0) {
        end -= 16;
        continue;
      }
      const size_t j = end - 16 + static_cast<size_t>(31 - std::countl_zero(mask));
      if (IsClauseMarkSlow(text, j)) return j;
      end = j;
      continue;
    }
#endif
    --end;
    if (IsClauseMark(text, end)) return end;
  }
  return std::string_view::npos;
}

// Whether CollapseSpaces(s) may differ from s: s has a control byte (tab,
// line break, ...), two spaces in a row, or a space at either end. Looks at
// sixteen (SSE2) or eight bytes at a time: most sentences need no
// collapsing.
bool MayNeedCollapse(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return true;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  size_t i = 0;
  bool last_space = false;
#if CONCORD_SSE2
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i below_space = _mm_set1_epi8(0x1F);
    const unsigned control = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, below_space), v)));
    const unsigned space =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
    if (control != 0 || (space & (space >> 1)) != 0 || (last_space && (space & 1) != 0)) {
      return true;
    }
    last_space = (space & 0x8000u) != 0;
  }
#endif
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    // High bit of each byte below 0x20 (exact: no carries between bytes).
    const uint64_t control = ~(((v & kLow7) + 0x60 * kOnes) | v) & kHigh;
    // High bit of each space byte.
    const uint64_t x = v ^ (0x20 * kOnes);
    const uint64_t space = ~(((x & kLow7) + kLow7) | x) & kHigh;
    if (control != 0 || (space & (space << 8)) != 0 || (last_space && (space & 0x80) != 0)) {
      return true;
    }
    last_space = (space >> 63) != 0;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || (c == ' ' && last_space)) return true;
    last_space = c == ' ';
  }
  return false;
}

// CollapseSpaces (base/text.h), copying runs of non-space bytes at once.
std::string CollapseSpacesFast(std::string_view s) {
  if (!MayNeedCollapse(s)) return std::string(s);
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  const size_t n = s.size();
  while (i < n && space(s[i])) ++i;
  while (i < n) {
    size_t j = i;
    while (j < n && !space(s[j])) ++j;
    out.append(s.data() + i, j - i);
    i = j;
    while (i < n && space(s[i])) ++i;
    if (i < n) out.push_back(' ');
  }
  return out;
}

// LineIndex::At (base/text.h) for offsets asked mostly in increasing
// order, as claims are: walks on from the last answer instead of indexing
// the whole text first, restarting from the top when asked backwards.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}

  LineIndex::Position At(uint32_t offset) {
    if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
    if (offset < asked_) *this = LineCursor(text_);
    asked_ = offset;
    // Lines: count the line breaks up to the offset.
    while (scanned_ < offset) {
      const void* nl = std::memchr(text_.data() + scanned_, '\n', offset - scanned_);
      if (nl == nullptr) {
        scanned_ = offset;
        break;
      }
      scanned_ = static_cast<uint32_t>(static_cast<const char*>(nl) - text_.data()) + 1;
      ++line_;
      walked_ = scanned_;  // a new line: columns start again
      column_ = 1;
    }
    // Columns: the same walk by characters as LineIndex::At makes from the
    // line's start, resumed where the last one stopped.
    while (walked_ < offset) {
      // Eight ASCII bytes are eight characters.
      if (offset - walked_ >= 8) {
        uint64_t v;
        std::memcpy(&v, text_.data() + walked_, 8);
        if ((v & 0x8080808080808080ULL) == 0) {
          walked_ += 8;
          column_ += 8;
          continue;
        }
      }
      const auto b = static_cast<unsigned char>(text_[walked_]);
      walked_ += b < 0x80 ? 1 : static_cast<uint32_t>(DecodeUtf8(text_, walked_).length);
      ++column_;
    }
    return {line_, column_};
  }

 private:
  std::string_view text_;
  uint32_t asked_ = 0;    // the last offset asked
  uint32_t scanned_ = 0;  // line breaks before this are counted
  uint32_t walked_ = 0;   // where the column walk stands
  int line_ = 1;
  int column_ = 1;
};

// A view, so that assigning it needs no strlen.
std::string_view AttributeOf(const Mention& m) {
  switch (m.kind) {
    case MentionKind::kDate:
    case MentionKind::kTime:
    case MentionKind::kSet:
      return "date";
    case MentionKind::kDuration: return "duration";
    case MentionKind::kFigure: return m.rule_id == "figure-age" ? "age" : "value";
    case MentionKind::kTitle: return "title";
    case MentionKind::kName: return "name";
    case MentionKind::kQuote: return "quote";
  }
  return "";
}

// The first eight bytes of `stem`, big-endian, zero-padded: keys order
// stems as strings do as far as they differ, so that sorting stems mostly
// compares numbers, not strings.
[[gnu::always_inline]] inline uint64_t StemKey(std::string_view stem) {
  const char* p = stem.data();
  const size_t n = stem.size();
  auto big_endian64 = [](uint64_t v) {
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
  };
  auto big_endian32 = [](uint32_t v) {
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
    return v;
  };
  if (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return big_endian64(v);
  }
  if (n >= 4) {
    // The first four bytes and the last four (which may overlap them),
    // each put in its place.
    uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    return (uint64_t{big_endian32(first)} << 32) | (uint64_t{big_endian32(last)} << (64 - 8 * n));
  }
  uint64_t key = 0;
  for (size_t i = 0; i < n; ++i) {
    key |= uint64_t{static_cast<unsigned char>(p[i])} << (56 - 8 * i);
  }
  return key;
}

// StemKey of each stem of `words` into `keys`.
void StemKeys(std::span<const ContentWordView> words, std::span<uint64_t> keys) {
  for (size_t k = 0; k < words.size(); ++k) keys[k] = StemKey(words[k].stem);
}

// Content words near `span` inside `sentence` (whose content words are
// `words`, their StemKeys `keys`), excluding the span itself, sorted and
// unique, each with its proximity to the span (the closest occurrence
// counts) into *context and *proximity; those of them inside `clause`
// (part of the sentence around the span) into *near. Words are counted
// from the span within the range that bounds them, and the clause's words
// nearest the span are the sentence's nearest: so the near words are the
// context words found before leaving the clause.
void ContextWords(std::span<const ContentWordView> words, std::span<const uint64_t> keys,
                  Span sentence, Span clause, Span span, std::vector<std::string>* context,
                  std::vector<float>* proximity, std::vector<std::string>* near) {
  // Sixteen bytes each, on the stack: at most kContextBefore +
  // kContextAfter of them, sorted by insertion.
  struct Near {
    uint64_t key;
    uint32_t word;
    uint8_t distance;  // the nearer, the greater the proximity
    bool in_clause;
  };
  std::array<Near, kContextBefore + kContextAfter> best;
  size_t count = 0;
  // 1 / (1 + d / 3) for each distance d, worked out once.
  static const std::array<float, std::max(kContextBefore, kContextAfter)> kProximity = [] {
    std::array<float, std::max(kContextBefore, kContextAfter)> p{};
    for (size_t d = 0; d < p.size(); ++d) p[d] = 1.0f / (1.0f + static_cast<float>(d) / 3.0f);
    return p;
  }();
  auto add = [&](size_t k, size_t distance, bool in_clause) {
    best[count++] = {keys[k], static_cast<uint32_t>(k), static_cast<uint8_t>(distance),
                     in_clause};
  };
  // Stems in string order; keys differ for most.
  auto compare = [&](const Near& a, const Near& b) {
    if (a.key != b.key) return a.key < b.key ? -1 : 1;
    if (a.word == b.word) return 0;
    return words[a.word].stem.compare(words[b.word].stem);
  };
  // Words before the span, nearest first; then after it.
  const size_t first_after = static_cast<size_t>(
      std::partition_point(words.begin(), words.end(),
                           [&](const ContentWordView& w) { return w.span.end <= span.begin; }) -
      words.begin());
  size_t d = 0;
  for (size_t k = first_after; k > 0 && d < kContextBefore;) {
    --k;
    if (words[k].span.begin < sentence.begin) break;
    add(k, d++, words[k].span.begin >= clause.begin);
  }
  d = 0;
  for (size_t k = first_after; k < words.size() && d < kContextAfter; ++k) {
    if (words[k].span.end > sentence.end) break;
    if (words[k].span.begin < span.end) continue;  // inside the mention
    add(k, d++, words[k].span.end <= clause.end);
  }
  // By stem, the nearest first among equal stems.
  for (size_t i = 1; i < count; ++i) {
    const Near x = best[i];
    size_t j = i;
    for (; j > 0; --j) {
      const int c = compare(x, best[j - 1]);
      if (c > 0 || (c == 0 && x.distance >= best[j - 1].distance)) break;
      best[j] = best[j - 1];
    }
    best[j] = x;
  }
  context->clear();
  context->reserve(count);
  proximity->clear();
  proximity->reserve(count);
  near->clear();
  size_t near_count = 0;
  for (size_t i = 0; i < count; ++i) near_count += best[i].in_clause;
  near->reserve(near_count);
  for (size_t i = 0; i < count;) {
    size_t j = i + 1;
    bool in_clause = best[i].in_clause;
    for (; j < count && compare(best[j], best[i]) == 0; ++j) {
      in_clause = in_clause || best[j].in_clause;
    }
    const std::string_view stem = words[best[i].word].stem;
    context->emplace_back(stem.data(), stem.size());
    proximity->push_back(kProximity[best[i].distance]);
    if (in_clause) near->emplace_back(stem.data(), stem.size());
    i = j;
  }
}

// The clause around `span`: the part of `sentence` between the nearest
// clause marks (, ; : or a spaced dash) on either side. Brackets are not
// marks: "the Bilateral Trade Agreement (BTA) proposed on ..." is one clause.
Span ClauseAround(std::string_view text, Span sentence, Span span) {
  Span out = sentence;
  if (span.begin > sentence.begin) {
    const size_t mark = PrevClauseMark(text, sentence.begin, span.begin);
    if (mark != std::string_view::npos) out.begin = static_cast<uint32_t>(mark + 1);
  }
  // A relative clause ("..., which takes effect in March 2026,") speaks of
  // what the clause before it names: take that clause in too.
  if (out.begin > sentence.begin) {
    std::string_view opening =
        text.substr(out.begin, std::min<size_t>(8, out.end - out.begin));
    while (!opening.empty() && opening.front() == ' ') opening.remove_prefix(1);
    char lower[8];
    for (size_t i = 0; i < opening.size(); ++i) lower[i] = AsciiLower(opening[i]);
    const std::string_view lower_opening(lower, opening.size());
    for (std::string_view rel : {"which ", "who ", "whose ", "where ", "when "}) {
      if (lower_opening.starts_with(rel)) {
        // The clause before the mark at out.begin - 1.
        const size_t mark = PrevClauseMark(text, sentence.begin, out.begin - 1);
        out.begin = mark == std::string_view::npos ? sentence.begin
                                                   : static_cast<uint32_t>(mark + 1);
        break;
      }
    }
  }
  if (span.end < sentence.end) {
    out.end = static_cast<uint32_t>(NextClauseMark(text, span.end, sentence.end));
  }
  return out;
}

// Words that may stand before a determiner-less noun phrase's head and end
// it when read backwards ("a five-year deal", "its three-year contract").
bool IsDeterminer(std::string_view lower) {
  for (std::string_view d : {"the", "a", "an", "its", "their", "his", "her", "our", "this",
                             "that", "these", "those", "whose", "every", "each"}) {
    if (lower == d) return true;
  }
  return false;
}

// A verb form ("signed", "running") after the first word of a phrase ends
// it: "an eight-year pact signed in ..." is about the pact.
bool IsVerbForm(std::string_view lower) {
  return (lower.size() > 4 && lower.ends_with("ed")) ||
         (lower.size() > 5 && lower.ends_with("ing"));
}

// The content words of the noun phrase starting at token `k` of `tokens`,
// read forwards: at most four words, up to a stopword, a punctuation mark,
// a phrase-ending word ("last", "month") or a verb form after the first.
std::vector<std::string> PhraseAfter(std::span<const Token> tokens, size_t k,
                                     const Stopwords& stopwords, const StringSet& end_words) {
  std::vector<std::string> out;
  for (; k < tokens.size() && out.size() < 4; ++k) {
    const Token& t = tokens[k];
    if (!t.word) break;
    const AsciiLowerWord lower_word(t.text);
    const std::string_view lower = lower_word.view();
    if (stopwords.Contains(lower) || end_words.contains(lower)) break;
    if (!out.empty() && IsVerbForm(lower)) break;
    out.push_back(Stem(lower));
  }
  return out;
}

// The content words of the noun phrase ending at token `k`, read
// backwards: at most four words, up to a stopword, a determiner or
// punctuation.
std::vector<std::string> PhraseBefore(std::span<const Token> tokens, size_t k,
                                      const Stopwords& stopwords) {
  std::vector<std::string> out;
  for (size_t i = k + 1; i-- > 0 && out.size() < 4;) {
    const Token& t = tokens[i];
    if (!t.word) break;
    const AsciiLowerWord lower_word(t.text);
    const std::string_view lower = lower_word.view();
    if (stopwords.Contains(lower) || IsDeterminer(lower)) break;
    out.push_back(Stem(lower));
  }
  return out;
}

// Whether `word` is a relative pronoun in any case.
bool IsRelative(std::string_view word) {
  return IsLowerWord(word, "that") || IsLowerWord(word, "which") || IsLowerWord(word, "who");
}

// Whether `word` in lower case is in `set`, without allocating for a short
// word.
bool ContainsLower(const StringSet& set, std::string_view word) {
  char buf[32];
  if (word.size() > sizeof(buf)) return set.contains(AsciiLowerCopy(word));
  for (size_t i = 0; i < word.size(); ++i) buf[i] = AsciiLower(word[i]);
  return set.contains(std::string_view(buf, word.size()));
}

// The head noun phrase of the subject of a verb whose subject ends at
// token `k`: the first run of content words after the start of the clause
// ("the walkout by dockworkers at the port" -> walkout), or the phrase
// before a relative pronoun that opens the clause ("a strike that lasted").
// Sets *relative to the relative pronoun's index in the latter case. A
// word of `joiners` ("and", "but") starts a clause too ("the bank held
// talks and the rate stood at 4 percent" -> rate).
std::vector<std::string> SubjectBefore(std::span<const Token> tokens, size_t k,
                                       const Stopwords& stopwords,
                                       size_t* relative = nullptr,
                                       const StringSet* joiners = nullptr) {
  size_t b = k + 1;
  while (b > 0) {
    const Token& t = tokens[b - 1];
    if (!t.word && !t.number) break;
    if (t.word && IsRelative(t.text)) break;
    if (t.word && joiners != nullptr && ContainsLower(*joiners, t.text)) break;
    --b;
  }
  if (b > 0 && tokens[b - 1].word && IsRelative(tokens[b - 1].text)) {
    if (relative != nullptr) *relative = b - 1;
    // "the agreement, which runs for": over the comma too.
    size_t end = b - 1;
    if (end > 0 && tokens[end - 1].text == ",") --end;
    return end > 0 ? PhraseBefore(tokens, end - 1, stopwords) : std::vector<std::string>{};
  }
  std::vector<std::string> out;
  for (size_t i = b; i <= k && out.size() < 4; ++i) {
    const Token& t = tokens[i];
    const AsciiLowerWord lower_word(t.text);
    const std::string_view lower = lower_word.view();
    const bool content = t.word && !stopwords.Contains(lower) && !IsDeterminer(lower);
    if (!content) {
      if (!out.empty()) break;
      continue;
    }
    out.push_back(Stem(lower));
  }
  return out;
}

// A sentence, its tokens and scratch space for tokens of parts of it.
struct SentenceView {
  std::string_view text;
  Span sentence;
  std::span<const Token> tokens;
  TokenScratch* scratch;

  std::span<const Token> In(Span range, std::vector<Token>* buffer) const {
    return TokensIn(text, sentence, tokens, range, buffer);
  }
};

// What a duration or a figure measures, when its sentence says (see
// Claim::measures): the noun phrase an adjectival duration modifies ("a
// nine-day strike"), the one after "of" ("three years of talks"), the
// subject of a measure verb before the mention ("construction is expected
// to take eight years"; "the new arrangement, signed on Thursday, will run
// for six years"), or the phrase a measurement stands in apposition to
// ("the tunnel, 24.7 km long, ..."). Sets *by_verb for the last two. An
// `extent` (a figure in a dimension unit) also measures the subject of an
// extent verb ("a wildfire that broke out on Sunday has burned 4,200
// hectares", "spread across 4,800 hectares of forest"), before all else:
// what follows "of" there is what the extent covers, the figure's counted
// noun. Sets *aside to the relative clause or the insert between commas
// that stands between the subject and its verb ("that broke out on
// Sunday"): its dates date another event of the subject, not the measure.
std::vector<std::string> MeasuredPhrase(const SentenceView& sv, Span span, bool extent,
                                        const Stopwords& stopwords,
                                        const align::AlignRules& rules, bool* by_verb,
                                        Span* aside) {
  *by_verb = false;
  *aside = Span{};
  const std::string_view text = sv.text;
  const Span sentence = sv.sentence;
  const std::span<const Token> before = sv.In({sentence.begin, span.begin}, &sv.scratch->b);
  auto in = [&](const StringSet& set, size_t i) { return ContainsLower(set, before[i].text); };
  // The subject of a verb that ends the tokens before the mention, over a
  // preposition after it.
  auto verb_subject = [&](const StringSet& verbs,
                          const StringSet& preps) -> std::vector<std::string> {
    if (before.empty()) return {};
    size_t k = before.size() - 1;
    if (in(preps, k) && k > 0) --k;
    if (!in(verbs, k) || k == 0) return {};
    --k;
    while (k > 0 && before[k].word && in(rules.verb_auxiliaries, k)) --k;
    // An insert between commas ("the arrangement, signed on Thursday, will").
    if (before[k].text == "," && k > 0) {
      size_t j = k - 1;
      while (j > 0 && before[j].text != ",") --j;
      if (j == 0) return {};
      *aside = Span{before[j].span.begin, before[k].span.end};
      k = j - 1;
    }
    size_t relative = SIZE_MAX;
    std::vector<std::string> phrase =
        SubjectBefore(before, k, stopwords, &relative, &rules.clause_joiners);
    if (relative != SIZE_MAX && aside->empty()) {
      *aside = Span{before[relative].span.begin, before[k].span.end};
    }
    if (phrase.empty()) *aside = Span{};
    *by_verb = !phrase.empty();
    return phrase;
  };
  if (extent) {
    std::vector<std::string> phrase = verb_subject(rules.extent_verbs, rules.extent_preps);
    if (!phrase.empty()) return phrase;
  }
  const std::span<const Token> after = sv.In({span.end, sentence.end}, &sv.scratch->a);
  // A distance from a place ("about 4 km from the runway", "30 km east of
  // Malatya", "12 miles off the coast"): the distance from it.
  if (extent && !after.empty()) {
    size_t k = 0;
    if (ContainsLower(rules.directions, after[k].text) && k + 1 < after.size() &&
        IsLowerWord(after[k + 1].text, "of")) {
      ++k;
    } else if (!ContainsLower(rules.distance_preps, after[k].text)) {
      k = after.size();
    }
    if (k < after.size()) {
      ++k;
      while (k < after.size() && after[k].word &&
             IsDeterminer(AsciiLowerWord(after[k].text).view())) {
        ++k;
      }
      std::vector<std::string> phrase = PhraseAfter(after, k, stopwords, rules.phrase_end_words);
      if (!phrase.empty()) return phrase;
    }
  }
  const std::string_view mention = text.substr(span.begin, span.size());
  const size_t dash = mention.rfind('-');
  if (dash != std::string_view::npos && dash + 1 < mention.size() &&
      IsAsciiAlpha(mention[dash + 1])) {
    return PhraseAfter(after, 0, stopwords, rules.phrase_end_words);
  }
  if (!after.empty() && IsLowerWord(after[0].text, "of")) {
    size_t k = 1;
    if (k < after.size() && IsDeterminer(AsciiLowerWord(after[k].text).view())) ++k;
    if (k < after.size() && !IsVerbForm(AsciiLowerWord(after[k].text).view())) {
      return PhraseAfter(after, k, stopwords, rules.phrase_end_words);
    }
    return {};
  }
  if (before.empty()) return {};
  const size_t k = before.size() - 1;
  // A level after "to": of the subject of a level verb ("inflation eased
  // to 2.1 percent"), or of the object of the nearest verb in the clause
  // that sets one ("the bank cut its policy rate by 25 basis points to
  // 2.5 percent").
  // Likewise after "at", for verbs that hold a level ("held its deposit
  // rate at 2 percent").
  const bool to = k > 0 && IsLowerWord(before[k].text, "to");
  if (to || (k > 0 && IsLowerWord(before[k].text, "at"))) {
    static const StringSet kTo = {"to"};
    if (to) {
      std::vector<std::string> phrase = verb_subject(rules.level_verbs, kTo);
      if (!phrase.empty()) return phrase;
    }
    const StringSet& setting_verbs = to ? rules.level_setting_verbs : rules.level_at_verbs;
    std::vector<std::string> phrase;
    constexpr size_t kReach = 16;  // tokens back from "to"
    for (size_t v = k; v-- > 0 && k - v <= kReach;) {
      const Token& t = before[v];
      if (!t.word && !t.number && t.text != "-" && t.text != "%" && t.text != ".") break;
      // Nor across a coordinated clause or object ("cut its rate and said
      // inflation would return to 2 percent", "the deficit to 3 percent
      // and the debt to 60 percent").
      if (t.word && in(rules.clause_joiners, v)) break;
      // "the toll stood at 42": the level of the subject, below.
      if (!to && t.word && in(rules.level_verbs, v)) break;
      if (!t.word || !in(setting_verbs, v)) continue;
      size_t o = v + 1;
      while (o < k && before[o].word &&
             (IsDeterminer(AsciiLowerWord(before[o].text).view()) ||
              stopwords.Contains(AsciiLowerWord(before[o].text).view()))) {
        ++o;
      }
      phrase = PhraseAfter(before.first(k), o, stopwords, rules.phrase_end_words);
      // No object: its subject ("the rate was cut to 2.25 percent").
      if (phrase.empty() && v > 0) {
        size_t s = v - 1;
        while (s > 0 && before[s].word && in(rules.verb_auxiliaries, s)) --s;
        phrase = SubjectBefore(before, s, stopwords);
      }
      *by_verb = !phrase.empty();
      return phrase;
    }
  }
  // "the tunnel, 24.7 km long, ...": the phrase before the comma.
  if (!after.empty() && ContainsLower(rules.dimension_words, after[0].text) &&
      before[k].text == "," && k > 0) {
    std::vector<std::string> phrase = PhraseBefore(before, k - 1, stopwords);
    *by_verb = !phrase.empty();
    return phrase;
  }
  std::vector<std::string> phrase = verb_subject(rules.measure_verbs, rules.measure_preps);
  if (!phrase.empty()) return phrase;
  // A level its verb states ("turnout was 67.3 percent", "the toll stood
  // at 42", "turnout reached 63.7%"), unless the words after the figure
  // make it a degree or a distance ("80 percent full", "20 percent owned",
  // "6 percent lower", "200 metres from the scene").
  if (!after.empty() && after[0].word) {
    const AsciiLowerWord next(after[0].text);
    const std::string_view w = next.view();
    if (rules.level_not_after.contains(w) || (w.size() > 3 && w.ends_with("ed"))) return {};
  }
  static const StringSet kAt = {"at"};
  return verb_subject(rules.level_verbs, kAt);
}

// Whether a date before a mention dates another event than the mention's:
// an "after" or a "before" (`offset_words`) between them opens the phrase
// the mention stands in ("rescuers searched the ruins on Wednesday, a day
// after a 6.2-magnitude earthquake flattened ...": Wednesday dates the
// search). Not when a clause ends between them ("on Monday, after heavy
// rain, 42 were killed": Monday dates the deaths): the mention stands after
// an even number of commas or dashes from the "after" (an insert: "a day
// after Hurricane Odessa, a Category 4 storm, made landfall with winds of
// 215 km/h"), and after no semicolon or colon; and the mention stands
// after a function word, not a content word, which would start a clause
// of its own ("on Monday after the storm 42 people were killed").
bool DatesAnotherEvent(const SentenceView& sv, Span date, Span mention,
                       const StringSet& offset_words, const Stopwords& stopwords) {
  if (date.end > mention.begin) return false;
  const std::span<const Token> between = sv.In({date.end, mention.begin}, &sv.scratch->a);
  // (Within the phrase: "after a 6.2-magnitude quake", "winds of 215 km/h".)
  if (!between.empty() && between.back().word &&
      !stopwords.Contains(AsciiLowerWord(between.back().text).view()) &&
      !ContainsLower(offset_words, between.back().text)) {
    return false;
  }
  for (size_t i = between.size(); i-- > 0;) {
    const Token& t = between[i];
    if (!t.word || !ContainsLower(offset_words, t.text)) continue;
    size_t marks = 0;
    for (size_t end = mention.begin, mark;
         (mark = PrevClauseMark(sv.text, t.span.end, end)) != std::string_view::npos;
         end = mark) {
      if (sv.text[mark] == ';' || sv.text[mark] == ':') return false;
      ++marks;
    }
    return marks % 2 == 0;
  }
  return false;
}

// What an adjectival duration measures: the head of the noun phrase after
// it ("a nine-day strike" -> "strike", "a five-year offtake agreement with"
// -> "agreement"), stemmed; "" when the duration is not adjectival.
std::string DurationSubject(const SentenceView& sv, Span span, const Stopwords& stopwords,
                            const StringSet& end_words) {
  const std::string_view mention = sv.text.substr(span.begin, span.size());
  const size_t dash = mention.rfind('-');
  if (dash == std::string_view::npos || dash + 1 >= mention.size() ||
      !IsAsciiAlpha(mention[dash + 1])) {
    return "";
  }
  const std::vector<std::string> phrase = PhraseAfter(
      sv.In({span.end, sv.sentence.end}, &sv.scratch->a), 0, stopwords, end_words);
  return phrase.empty() ? "" : phrase.back();
}

// The kind of event a date dates, from the words right before it in its
// clause (see AlignRules::events): a phrase ending at most two short
// words ("on", "in", "the") before the date. "" when none.
std::string EventOf(const SentenceView& sv, Span clause, Span span,
                    const std::vector<align::AlignRules::Event>& events) {
  const std::span<const Token> tokens = sv.In({clause.begin, span.begin}, &sv.scratch->a);
  // The words after the last punctuation mark or number: a phrase does not
  // run over those.
  size_t first = tokens.size();
  while (first > 0 && tokens[first - 1].word) --first;
  const std::span<const Token> words = tokens.subspan(first);
  auto filler = [](std::string_view w) {
    return IsLowerWord(w, "on") || IsLowerWord(w, "in") || IsLowerWord(w, "at") ||
           IsLowerWord(w, "the") || IsLowerWord(w, "of") || IsLowerWord(w, "early") ||
           IsLowerWord(w, "late") || IsLowerWord(w, "mid");
  };
  for (size_t skip = 0; skip <= 2 && skip <= words.size(); ++skip) {
    if (skip > 0 && !filler(words[words.size() - skip].text)) break;
    const size_t end = words.size() - skip;  // the phrase ends before this
    // Most phrases are ruled out by the length of their last word.
    const std::string_view last = end > 0 ? words[end - 1].text : std::string_view();
    for (const align::AlignRules::Event& e : events) {
      for (const std::vector<std::string>& phrase : e.phrases) {
        if (phrase.size() > end) continue;
        if (!phrase.empty() && phrase.back().size() != last.size()) continue;
        const size_t at = end - phrase.size();
        bool match = true;
        for (size_t i = 0; i < phrase.size() && match; ++i) {
          match = IsLowerWord(words[at + i].text, phrase[i]);
        }
        if (match) return e.name;
      }
    }
  }
  return "";
}

// A StringSet with a filter by length and end letters in front, for small
// sets asked about many words: most words are rejected without hashing.
class QuickSet {
 public:
  explicit QuickSet(const StringSet& set) : set_(set) {
    for (const std::string& w : set) {
      if (w.empty()) {
        has_empty_ = true;
        continue;
      }
      const size_t i = IndexOf(w);
      bits_[i / 64] |= uint64_t{1} << (i % 64);
    }
  }
  bool contains(std::string_view w) const {
    if (w.empty()) return has_empty_;
    const size_t i = IndexOf(w);
    return ((bits_[i / 64] >> (i % 64)) & 1) != 0 && set_.contains(w);
  }

 private:
  static size_t IndexOf(std::string_view w) {
    auto bucket = [](char c) -> size_t {
      const unsigned b = static_cast<unsigned char>(c) - 'a';
      return b < 26 ? b : 26;
    };
    return (std::min<size_t>(w.size(), 15) * 27 + bucket(w.front())) * 27 + bucket(w.back());
  }
  static constexpr size_t kBits = 16 * 27 * 27;
  const StringSet& set_;
  bool has_empty_ = false;
  uint64_t bits_[(kBits + 63) / 64] = {};
};

// The nouns that may head the definite descriptions in `sentence`: the up
// to three lowercase content words after "the" ("the new framework" ->
// new, framework; the aligner keeps those that head a name). A capitalised
// word after "the" opens a name, not a description; a word of
// `other_words` ("the last agreement", "the previous deal") says the
// description is about another thing than the one named. Stemmed, sorted,
// unique.
// `words` are the content words of the tokens (AppendContentWords), whose
// stems serve for the words that are among them.
std::vector<std::string> DefiniteHeads(std::span<const Token> tokens,
                                       std::span<const ContentWordView> words,
                                       const Stopwords& stopwords,
                                       const QuickSet& other_words) {
  // The stems as views, sorted, the result made once at its size: a
  // content word's stem is made already (a view that outlives this call);
  // other words' stems are kept in reused strings (a deque: views of them
  // stay valid as it grows).
  thread_local std::deque<std::string> made;
  thread_local std::vector<std::string_view> views;
  views.clear();
  size_t made_count = 0;
  // Tokens are asked in increasing position: the content word at or after
  // a token is found by walking on.
  size_t next_word = 0;
  for (size_t k = 0; k + 1 < tokens.size(); ++k) {
    if (!tokens[k].word || !IsLowerWord(tokens[k].text, "the")) continue;
    const size_t first = views.size();
    bool other = false;
    for (size_t i = k + 1; i < tokens.size() && i <= k + 3; ++i) {
      const Token& t = tokens[i];
      if (!t.word || t.capitalised) break;
      const AsciiLowerWord lower_word(t.text);
      const std::string_view lower = lower_word.view();
      // A content word is no stopword, and its stem is made already.
      // (Back first: with rules where "the" is no stopword, the words after
      // one "the" may run past the next.)
      while (next_word > 0 && words[next_word - 1].span.begin >= t.span.begin) --next_word;
      while (next_word < words.size() && words[next_word].span.begin < t.span.begin) {
        ++next_word;
      }
      const bool content = next_word < words.size() && words[next_word].span == t.span;
      if (!content && stopwords.Contains(lower)) break;
      if (other_words.contains(lower)) other = true;
      if (content) {
        views.push_back(words[next_word].stem);
        continue;
      }
      if (made_count == made.size()) made.emplace_back();
      std::string& stem = made[made_count++];
      if (lower.size() <= kStemBufferBytes) {
        char buf[kStemBufferBytes];
        stem.assign(StemInto(lower, buf));
      } else {
        stem = Stem(lower);
      }
      views.push_back(stem);
    }
    if (other) views.resize(first);
  }
  std::sort(views.begin(), views.end());
  views.erase(std::unique(views.begin(), views.end()), views.end());
  return std::vector<std::string>(views.begin(), views.end());
}

// Whether a duration is a time frame rather than a length: "in a decade"
// in a clause that ranks something ("the longest strike in a decade").
bool IsTimeFrame(const SentenceView& sv, Span clause, Span span,
                 const StringSet& frame_words) {
  const std::span<const Token> before = sv.In({clause.begin, span.begin}, &sv.scratch->a);
  const std::string_view mention = sv.text.substr(span.begin, span.size());
  const bool after_in =
      IsLowerWord(mention.substr(0, 3), "in ") ||
      (!before.empty() &&
       (IsLowerWord(before.back().text, "in") || IsLowerWord(before.back().text, "within")));
  if (!after_in) return false;
  char buf[kStemBufferBytes];
  for (const Token& t : before) {
    if (!t.word) continue;
    if (t.text.size() <= kStemBufferBytes ? frame_words.contains(StemInto(t.text, buf))
                                          : frame_words.contains(Stem(t.text))) {
      return true;
    }
  }
  return false;
}

// Whether a duration is a time between two events rather than a length:
// "reviewed after three years", "ten years after the deal collapsed",
// "two days later".
bool IsOffset(const SentenceView& sv, Span span, const align::AlignRules& rules) {
  const Span sentence = sv.sentence;
  const std::span<const Token> before = sv.In({sentence.begin, span.begin}, &sv.scratch->a);
  if (!before.empty() && before.back().word &&
      ContainsLower(rules.offset_before, before.back().text)) {
    return true;
  }
  const std::span<const Token> after =
      sv.In({span.end, std::min<uint32_t>(sentence.end, span.end + 24)}, &sv.scratch->b);
  return !after.empty() && after.front().word &&
         ContainsLower(rules.offset_after, after.front().text);
}

// Whether a word is proper: capitalised inside a name the article mentions
// or inside a sentence (not at its start). Asked only of words that open a
// sentence.
class ProperWords {
 public:
  ProperWords(std::string_view text, std::vector<Span> names,
              const std::vector<std::span<const Token>>& sentence_tokens)
      : text_(text), names_(std::move(names)), sentence_tokens_(sentence_tokens) {}

  bool Contains(std::string_view word) {
    if (built_) return words_.contains(word);
    for (const auto& [asked, answer] : answers_) {
      if (asked == word) return answer;
    }
    // Most articles ask once or never: a few questions are answered by
    // scanning for the word, more by the set of all proper words.
    if (answers_.size() == kScans) {
      Build();
      return words_.contains(word);
    }
    const bool answer = Scan(word);
    answers_.push_back({word, answer});
    return answer;
  }

 private:
  static constexpr size_t kScans = 4;

  // The word as it counts, or "" when it is not a capitalised word.
  static std::string_view Proper(const Token& t) {
    if (!t.word || !t.capitalised) return {};
    std::string_view w = t.text;
    if (w.ends_with("'s")) w.remove_suffix(2);
    return w;
  }

  // Whether `word` is one of the proper words, looked for in the text.
  bool Scan(std::string_view word) const {
    for (const std::span<const Token> tokens : sentence_tokens_) {
      for (size_t k = 1; k < tokens.size(); ++k) {
        if (tokens[k].text.size() >= word.size() && Proper(tokens[k]) == word) return true;
      }
    }
    std::vector<Token> tokens;
    for (const Span& name : names_) {
      Tokenize(text_, name, &tokens);
      for (const Token& t : tokens) {
        if (Proper(t) == word) return true;
      }
    }
    return false;
  }

  // All of them in one pass.
  void Build() {
    built_ = true;
    auto add = [&](const Token& t) {
      const std::string_view w = Proper(t);
      if (!w.empty()) words_.insert(w);
    };
    for (const Span& name : names_) {
      for (const Token& t : Tokenize(text_, name)) add(t);
    }
    for (const std::span<const Token> tokens : sentence_tokens_) {
      for (size_t k = 1; k < tokens.size(); ++k) add(tokens[k]);
    }
  }

  std::string_view text_;
  std::vector<Span> names_;
  const std::vector<std::span<const Token>>& sentence_tokens_;
  // Words asked before Build(), with the answers.
  std::vector<std::pair<std::string_view, bool>> answers_;
  bool built_ = false;
  // Views into the text.
  absl::flat_hash_set<std::string_view, WordHash> words_;
};
// Whose a figure or a date is (see Claim::owner): the nearest run of proper
// words before it in its clause, at most `kOwnerReach` words back, unless an
// attribution ("said") comes first. A capitalised word opening the
// sentence is proper only when the article also capitalises it inside a
// sentence (`proper`); months and weekdays never are.
constexpr int kOwnerReach = 8;
std::vector<std::string> OwnerOf(const SentenceView& sv, Span clause, Span span,
                                 ProperWords& proper, const RuleSet& rules,
                                 bool* adjacent) {
  const std::span<const Token> tokens = sv.In({clause.begin, span.begin}, &sv.scratch->a);
  std::vector<std::string> run;
  int words = 0;
  for (size_t k = tokens.size(); k-- > 0;) {
    const Token& t = tokens[k];
    if (!t.word) {
      if (!t.number && !run.empty()) break;
      continue;
    }
    std::string_view word = t.text;
    if (word.ends_with("'s")) word.remove_suffix(2);  // "Iceland's share"
    const AsciiLowerWord lower_word(word);
    const std::string_view lower = lower_word.view();
    const bool first = t.span.begin == sv.sentence.begin;
    const bool is_proper = t.capitalised && !rules.stopwords.Contains(lower) &&
                           rules.lexicon.Month(lower) == 0 &&
                           rules.lexicon.Weekday(lower) == 0 &&
                           (!first || proper.Contains(word));
    if (is_proper) {
      run.push_back(Stem(lower));
      continue;
    }
    if (!run.empty()) break;
    if (rules.align.attribution_words.contains(lower)) break;
    if (lower != "the" && ++words > kOwnerReach) break;
  }
  // Right before the figure: no word skipped but "the".
  *adjacent = !run.empty() && words == 0;
  std::sort(run.begin(), run.end());
  run.erase(std::unique(run.begin(), run.end()), run.end());
  return run;
}

// How often each word occurs, for words that outlive the counter: a
// table with open addressing, cheaper than a general hash map for the few
// hundred words of an article. Its order does not reach the output.
class StemCounter {
 public:
  explicit StemCounter(size_t most) {
    size_t capacity = 16;
    while (capacity < 2 * most) capacity *= 2;
    slots_.resize(capacity);
    mask_ = capacity - 1;
    used_.reserve(most);
  }

  void Add(std::string_view word) {
    for (size_t i = Hash(word) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.count == 0) {
        slot = {word.data(), static_cast<uint32_t>(word.size()), 1};
        used_.push_back(static_cast<uint32_t>(i));
        return;
      }
      if (slot.word() == word) {
        ++slot.count;
        return;
      }
    }
  }
  size_t size() const { return used_.size(); }
  // Calls f(word, count) for each word.
  template <typename F>
  void ForEach(F f) const {
    for (const uint32_t i : used_) f(slots_[i].word(), slots_[i].count);
  }

 private:
  // Sixteen bytes: the table is cleared for every document.
  struct Slot {
    const char* data = nullptr;
    uint32_t size = 0;
    int count = 0;
    std::string_view word() const { return std::string_view(data, size); }
  };
  // The length and the first and last bytes (up to eight of each, loaded
  // at once), mixed.
  static size_t Hash(std::string_view word) {
    const char* p = word.data();
    const size_t n = word.size();
    uint64_t h;
    if (n >= 8) {
      uint64_t first, last;
      std::memcpy(&first, p, 8);
      std::memcpy(&last, p + n - 8, 8);
      h = first ^ (last * 0x51ULL);
    } else if (n >= 4) {
      uint32_t first, last;
      std::memcpy(&first, p, 4);
      std::memcpy(&last, p + n - 4, 4);
      h = first | (uint64_t{last} << 32);
    } else {
      h = n == 0 ? 0
                 : static_cast<unsigned char>(p[0]) |
                       (static_cast<unsigned>(static_cast<unsigned char>(p[n / 2])) << 8) |
                       (static_cast<unsigned>(static_cast<unsigned char>(p[n - 1])) << 16);
    }
    h = (h ^ n) * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(h >> 29);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<uint32_t> used_;  // the slots taken, in the order taken
};

// Acronyms defined in `text` as "Long Capitalised Name (LCN)": the letters
// of the acronym are the initials of the words before the bracket (small
// words such as "of" and "for" may be skipped).
std::vector<std::pair<std::string, std::string>> FindAcronyms(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    const size_t close = text.find(')', open);
    if (close == std::string_view::npos || close - open < 3 || close - open > 9) continue;
    const std::string_view abbr = text.substr(open + 1, close - open - 1);
    if (!std::all_of(abbr.begin(), abbr.end(), [](char c) { return IsAsciiUpper(c); })) continue;
    // The words before the bracket, last first.
    std::vector<Token> words = Tokenize(
        text, {static_cast<uint32_t>(open > 120 ? open - 120 : 0), static_cast<uint32_t>(open)});
    size_t letter = abbr.size();
    size_t first = words.size();
    for (size_t k = words.size(); k-- > 0 && letter > 0;) {
      const Token& w = words[k];
      if (!w.word) break;
      if (w.capitalised && AsciiLower(w.text[0]) == AsciiLower(abbr[letter - 1])) {
        --letter;
        first = k;
      } else if (w.capitalised || w.text.size() > 4) {
        break;  // a word that does not fit
      }
    }
    if (letter != 0 || first >= words.size()) continue;
    std::string expansion;
    for (size_t k = first; k < words.size(); ++k) {
      if (!expansion.empty()) expansion += ' ';
      expansion += AsciiLowerCopy(words[k].text);
    }
    out.push_back({AsciiLowerCopy(abbr), expansion});
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A Claim made in place by emplace_back(NewClaim{...}): the mention moved
// in and the fields known at once set as it is made, instead of a default
// Claim assigned to member by member. (Not emplace_back(mention, ...):
// clang before 16 has no aggregate initialisation from parentheses.)
struct NewClaim {
  Mention* mention;
  const Document* doc;
  Span original;  // the mention's span in doc->original
  LineIndex::Position pos;
  int sentence_index;

  operator Claim() const {
    const std::string_view attribute = AttributeOf(*mention);
    return Claim{
        .mention = std::move(*mention),
        .evidence = {.doc = doc->id,
                     .path = doc->path,
                     .offset = original.begin,
                     .length = original.size(),
                     .line = doc->record_line > 0 ? doc->record_line : pos.line,
                     .column = pos.column,
                     .text = doc->original.substr(original.begin, original.size())},
        .attribute = std::string(attribute),
        .sentence_index = sentence_index,
        .published = doc->published};
  }
};

// Counts a name mention's subject among a document's keywords.
void CountKeyword(const Mention& m, StringMap<int>* counts) {
  if (m.kind != MentionKind::kName || m.subject.empty()) return;
  // Lowered on the stack: a string is made for a new name only.
  const AsciiLowerWord lower(m.subject);
  if (auto it = counts->find(lower.view()); it != counts->end()) {
    ++it->second;
  } else {
    counts->emplace(std::string(lower.view()), 1);
  }
}

}  // namespace

Document TextDocument(std::string_view text, std::string_view id) {
  Document doc;
  doc.id = std::string(id);
  doc.original = std::string(text);
  TextBuilder b;
  b.Copy(text, 0);
  b.Finish(&doc.text, &doc.map);
  return doc;
}

std::vector<Mention> FindMentions(const Document& doc, const RuleSet& rules) {
  return FindIn(doc, rules, SplitSentences(doc.text, rules.lexicon));
}

DocClaims ExtractDocument(const Document& doc, const RuleSet& rules, ClaimScope scope) {
  DocClaims out;
  out.info.id = doc.id;
  out.info.path = doc.path;
  out.info.source = doc.source;
  out.info.title = doc.title;
  out.info.published = doc.published;
  out.info.published_from = doc.published_from;
  out.info.notes = doc.notes;
  out.info.ignore_kinds = doc.ignore_kinds;

  const std::vector<Span> sentences = SplitSentences(doc.text, rules.lexicon);
  LineCursor lines(doc.original);
  // Each sentence's tokens and content words, made once for all its
  // mentions: all in one vector each, a sentence's a slice of it. Stems
  // are no longer than their words, so the arena never spills.
  std::vector<Token> all_tokens;
  all_tokens.reserve(doc.text.size() / 4);
  std::vector<ContentWordView> all_words;
  all_words.reserve(doc.text.size() / 8);
  StemArena stems(doc.text.size());
  // Words met in earlier documents on this thread are looked up.
  thread_local WordMemo memo;
  memo.Start(rules.stopwords);
  std::vector<size_t> token_starts(sentences.size() + 1, 0);
  std::vector<size_t> word_starts(sentences.size() + 1, 0);
  for (size_t i = 0; i < sentences.size(); ++i) {
    AppendTokens(doc.text, sentences[i], &all_tokens);
    token_starts[i + 1] = all_tokens.size();
    AppendContentWords(doc.text, std::span<const Token>(all_tokens).subspan(token_starts[i]),
                       rules.stopwords, &stems, &memo, &all_words);
    word_starts[i + 1] = all_words.size();
  }
  std::vector<std::span<const Token>> sentence_tokens(sentences.size());
  std::vector<std::span<const ContentWordView>> sentence_words(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    sentence_tokens[i] = std::span<const Token>(all_tokens).subspan(
        token_starts[i], token_starts[i + 1] - token_starts[i]);
    sentence_words[i] = std::span<const ContentWordView>(all_words).subspan(
        word_starts[i], word_starts[i + 1] - word_starts[i]);
  }
  // The mentions in the order found; the k-th by position is
  // mentions[order[k]], moved once, into its claim.
  std::vector<uint32_t> order;
  std::vector<Mention> mentions =
      FindUnsorted(doc, rules, sentences, &sentence_tokens, &order);
  // StemKeys of each sentence's content words, made on first use.
  std::vector<uint64_t> word_keys(all_words.size());
  std::vector<char> keys_made(sentences.size(), 0);

  // Names in each sentence, for the claims' entities.
  std::vector<std::vector<std::string>> sentence_entities(sentences.size());
  std::vector<std::vector<std::string>> sentence_things(sentences.size());
  // The sentence of each mention: the last that starts at or before it
  // (-1: none). Mentions come by position, so the sentences are walked.
  std::vector<int> mention_sentence(mentions.size());
  size_t starts_after = 0;  // sentences [0, starts_after) start at or before
  for (size_t k = 0; k < mentions.size(); ++k) {
    const uint32_t begin = mentions[order[k]].span.begin;
    while (starts_after < sentences.size() && sentences[starts_after].begin <= begin) {
      ++starts_after;
    }
    mention_sentence[k] = static_cast<int>(starts_after) - 1;
  }
  // Resolved, unambiguous dates of each sentence, with their spans.
  std::vector<std::vector<std::pair<Span, DateInterval>>> sentence_dates(sentences.size());
  for (size_t k = 0; k < mentions.size(); ++k) {
    const Mention& m = mentions[order[k]];
    if (m.kind != MentionKind::kDate) continue;
    const auto* v = std::get_if<DateValue>(&m.value);
    if (v == nullptr || !v->resolved || v->alternatives.size() != 1) continue;
    const int si = mention_sentence[k];
    if (si >= 0) sentence_dates[si].push_back({m.span, v->alternatives[0]});
  }
  for (size_t k = 0; k < mentions.size(); ++k) {
    const Mention& m = mentions[order[k]];
    if (m.kind != MentionKind::kName) continue;
    const int si = mention_sentence[k];
    if (si < 0) continue;
    sentence_entities[si].push_back(m.subject);
    const auto* v = std::get_if<NameValue>(&m.value);
    if (v != nullptr && v->type != EntityType::kPerson && v->type != EntityType::kPlace) {
      sentence_things[si].push_back(m.subject);
    }
  }
  for (auto* lists : {&sentence_entities, &sentence_things}) {
    for (std::vector<std::string>& l : *lists) {
      std::sort(l.begin(), l.end());
      l.erase(std::unique(l.begin(), l.end()), l.end());
    }
  }

  // Words of the names the article mentions and words it capitalises
  // inside sentences: proper words, also when they open one.
  std::vector<Span> name_spans;
  name_spans.reserve(mentions.size());
  for (const uint32_t k : order) {
    const Mention& m = mentions[k];
    if (m.kind == MentionKind::kName) name_spans.push_back(m.span);
  }
  ProperWords proper(doc.text, std::move(name_spans), sentence_tokens);
  // Definite heads of each sentence, made on first use.
  const QuickSet other_words(rules.align.other_words);
  std::vector<std::vector<std::string>> sentence_definites(sentences.size());
  std::vector<char> definites_made(sentences.size(), 0);
  TokenScratch scratch;

  // Each sentence as the evidence shows it, made on first use.
  std::vector<std::string> sentence_shown(sentences.size());
  // What each mention becomes (see ClaimScope).
  enum Made : uint8_t { kNoClaim, kBareClaim, kFullClaim };
  std::vector<Made> made(mentions.size(), kFullClaim);
  if (scope == ClaimScope::kCompare) {
    for (size_t k = 0; k < mentions.size(); ++k) {
      const int si = mention_sentence[k];
      if (si < 0 || k == 0 || mention_sentence[k - 1] != si) continue;  // first of its sentence
      const Mention& m = mentions[order[k]];
      if (m.kind != MentionKind::kTitle && m.kind != MentionKind::kName &&
          m.kind != MentionKind::kQuote) {
        continue;
      }
      const auto* v = std::get_if<NameValue>(&m.value);
      made[k] = m.kind == MentionKind::kName && v != nullptr && v->type == EntityType::kPlace
                    ? kNoClaim
                    : kBareClaim;
    }
  }
  // Claims (and claims with context) still to come in each sentence: the
  // last one takes the sentence's text (lists) instead of copying them.
  std::vector<uint32_t> claims_left(sentences.size(), 0);
  std::vector<uint32_t> full_left(sentences.size(), 0);
  for (size_t k = 0; k < mentions.size(); ++k) {
    if (mention_sentence[k] < 0) continue;
    claims_left[mention_sentence[k]] += made[k] != kNoClaim;
    full_left[mention_sentence[k]] += made[k] == kFullClaim;
  }
  // Unordered: `ranked` below is sorted in full.
  StringMap<int> keyword_counts;
  std::set<std::string> figure_keys;
  out.claims.reserve(mentions.size());
  for (size_t mention_index = 0; mention_index < mentions.size(); ++mention_index) {
    // The claim made in place around the mention, moved in.
    Mention& found = mentions[order[mention_index]];
    if (made[mention_index] == kNoClaim) {
      CountKeyword(found, &keyword_counts);
      continue;
    }
    const Span original = doc.map.ToOriginal(found.span);
    const LineIndex::Position pos = lines.At(original.begin);
    const int si = mention_sentence[mention_index];
    Claim& c = out.claims.emplace_back(NewClaim{&found, &doc, original, pos, si});
    const Mention& m = c.mention;
    Evidence& e = c.evidence;
    // Into the claim's (empty) field: moved when `last`, else copied; no
    // temporary.
    auto take = [](bool last, auto& list, auto* to) {
      if (last) {
        *to = std::move(list);
      } else {
        *to = list;
      }
    };
    if (si >= 0) {
      const Span s = sentences[si];
      // The evidence shows every sentence the mention touches (a quotation
      // may run over several).
      Span shown = s;
      for (int k = si + 1; k < static_cast<int>(sentences.size()) &&
                           sentences[k].begin < m.span.end;
           ++k) {
        shown.end = sentences[k].end;
      }
      if (shown == s) {
        if (sentence_shown[si].empty()) {
          sentence_shown[si] =
              CollapseSpacesFast(std::string_view(doc.text).substr(s.begin, s.size()));
        }
        take(--claims_left[si] == 0, sentence_shown[si], &e.sentence);
      } else {
        --claims_left[si];
        e.sentence =
            CollapseSpacesFast(std::string_view(doc.text).substr(shown.begin, shown.size()));
      }
    }
    if (si >= 0 && made[mention_index] == kFullClaim) {
      const bool last = --full_left[si] == 0;
      const Span s = sentences[si];
      const Span clause = ClauseAround(doc.text, s, m.span);
      const std::span<const ContentWordView> words = sentence_words[si];
      const std::span<uint64_t> keys =
          std::span<uint64_t>(word_keys).subspan(word_starts[si], words.size());
      if (!keys_made[si]) {
        StemKeys(words, keys);
        keys_made[si] = 1;
      }
      ContextWords(words, keys, s, clause, m.span, &c.context, &c.proximity, &c.near);
      const SentenceView sv{doc.text, s, sentence_tokens[si], &scratch};
      if (m.kind == MentionKind::kDuration) {
        if (c.mention.subject.empty()) {
          c.mention.subject =
              DurationSubject(sv, m.span, rules.stopwords, rules.align.phrase_end_words);
        }
        if (IsTimeFrame(sv, clause, m.span, rules.align.frame_words)) {
          c.attribute = "frame";
        } else if (IsOffset(sv, m.span, rules.align)) {
          c.attribute = "offset";
        }
      }
      if (m.kind == MentionKind::kDate) {
        c.event = EventOf(sv, clause, m.span, rules.align.events);
      }
      if (m.kind == MentionKind::kFigure) {
        c.owner = OwnerOf(sv, clause, m.span, proper, rules, &c.owner_adjacent);
      }
      // Dates of another event of what the claim measures (see
      // MeasuredPhrase), not of the claim.
      Span aside;
      if (m.kind == MentionKind::kDuration || m.kind == MentionKind::kFigure) {
        const auto* f = std::get_if<FigureValue>(&m.value);
        const bool extent = f != nullptr && rules.align.dimension_units.contains(f->unit);
        c.measures = MeasuredPhrase(sv, m.span, extent, rules.stopwords, rules.align,
                                    &c.measured_by_verb, &aside);
      }
      if (m.kind == MentionKind::kDate || m.kind == MentionKind::kDuration ||
          m.kind == MentionKind::kFigure) {
        if (!definites_made[si]) {
          sentence_definites[si] =
              DefiniteHeads(sentence_tokens[si], sentence_words[si], rules.stopwords,
                            other_words);
          definites_made[si] = 1;
        }
        take(last, sentence_definites[si], &c.definites);
      }
      take(last, sentence_entities[si], &c.entities);
      take(last, sentence_things[si], &c.things);
      const auto& dates = sentence_dates[si];
      // Most sentences hold no date but the claim's own, if any.
      if (!dates.empty() && !(dates.size() == 1 && dates[0].first == m.span)) {
        c.sentence_dates.reserve(dates.size());
        for (const auto& [span, interval] : dates) {
          if (span == m.span || aside.Contains(span)) continue;
          if (m.kind != MentionKind::kDate &&
              DatesAnotherEvent(sv, span, m.span, rules.align.offset_before,
                                rules.stopwords)) {
            continue;
          }
          c.sentence_dates.push_back(interval);
        }
      }
    }
    CountKeyword(m, &keyword_counts);
    // A telling figure ("51 percent", "EUR 3100000000", "412000"), which
    // articles of one story repeat.
    // (Not an age: many stories have a 61-year-old.)
    if (const auto* f = std::get_if<FigureValue>(&m.value);
        f != nullptr && (!f->unit.empty() || f->low >= 100) && m.rule_id != "figure-age") {
      figure_keys.insert(absl::StrCat("#", m.value_text));
    }
  }
  // Keywords for story grouping: the named things, most mentioned first,
  // the telling figures, then the article's most frequent content words.
  // Views of the map's keys, which outlive them.
  // Sorted by count, then as strings, compared by their StemKey first.
  struct CountedName {
    int neg_count;
    uint64_t key;  // StemKey(name)
    std::string_view name;
  };
  std::vector<CountedName> ranked;
  ranked.reserve(keyword_counts.size());
  for (const auto& [k, n] : keyword_counts) ranked.push_back({-n, StemKey(k), k});
  StemCounter word_counts(all_words.size());
  for (const ContentWordView& w : all_words) {
    if (w.stem.size() < 3 || IsAsciiDigit(w.stem[0])) continue;
    word_counts.Add(w.stem);
  }
  // Only the 24 most frequent words are kept (by count, then as strings:
  // pairs are unique, so the order is total): find them by count, then
  // the first strings among those tied with the 24th, and sort just those.
  // Strings are compared by their StemKey first.
  constexpr size_t kKeptWords = 24;
  struct CountedWord {
    int neg_count;
    uint64_t key;  // StemKey(word)
    std::string_view word;
  };
  auto by_word = [](const CountedWord& a, const CountedWord& b) {
    return a.key != b.key ? a.key < b.key : a.word < b.word;
  };
  std::vector<CountedWord> words;
  words.reserve(word_counts.size());
  word_counts.ForEach(
      [&](std::string_view w, int n) { words.push_back({-n, StemKey(w), w}); });
  if (words.size() > kKeptWords) {
    auto by_count = [](const CountedWord& a, const CountedWord& b) {
      return a.neg_count < b.neg_count;
    };
    std::nth_element(words.begin(), words.begin() + (kKeptWords - 1), words.end(), by_count);
    const int least = words[kKeptWords - 1].neg_count;
    const auto tied = std::partition(words.begin(), words.end(),
                                     [&](const CountedWord& p) { return p.neg_count < least; });
    const auto tied_end = std::partition(
        tied, words.end(), [&](const CountedWord& p) { return p.neg_count == least; });
    const auto need = static_cast<std::ptrdiff_t>(kKeptWords) - (tied - words.begin());
    if (tied_end - tied > need) std::nth_element(tied, tied + need, tied_end, by_word);
    words.resize(kKeptWords);
  }
  std::sort(words.begin(), words.end(), [&](const CountedWord& a, const CountedWord& b) {
    return a.neg_count != b.neg_count ? a.neg_count < b.neg_count : by_word(a, b);
  });
  std::sort(ranked.begin(), ranked.end(), [](const CountedName& a, const CountedName& b) {
    if (a.neg_count != b.neg_count) return a.neg_count < b.neg_count;
    return a.key != b.key ? a.key < b.key : a.name < b.name;
  });
  const size_t kept_words = words.size();
  out.acronyms = FindAcronyms(doc.text);
  // Most telling first, so that a consumer may keep a prefix. Each list is
  // unique in itself (map keys, set keys, counted stems): only a name may
  // meet a later entry, which the names' map tells. Figure keys start with
  // '#', which no stem does (a stem starts with a letter).
  out.keywords.reserve(ranked.size() + figure_keys.size() + kept_words);
  bool name_with_hash = false;
  for (const CountedName& r : ranked) {
    const std::string_view k = r.name;
    out.keywords.emplace_back(k);
    name_with_hash = name_with_hash || k.starts_with('#');
  }
  for (const std::string& k : figure_keys) {
    if (!name_with_hash || !keyword_counts.contains(k)) out.keywords.push_back(k);
  }
  for (size_t i = 0; i < kept_words; ++i) {
    if (!keyword_counts.contains(words[i].word)) out.keywords.emplace_back(words[i].word);
  }
  return out;
}

}  // namespace concord::extract
