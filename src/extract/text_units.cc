#include "extract/text_units.h"

#include <array>
#include <atomic>
#include <bit>
#include <cstring>


#include "absl/strings/match.h"
#include "base/simd.h"
#include "base/strings.h"

namespace concord::extract {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsClosing(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// Letters, digits and every byte of a multi-byte UTF-8 character, by table.
constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
  }
  return t;
}();
bool IsWordByte(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }

// The end of the run of word bytes at `i` (at most `end`): sixteen bytes
// at a time where SSE2 is at hand, looking past `end` while inside the
// text (the answer is then cut at `end`).
size_t WordBytesEnd(std::string_view text, size_t i, size_t end) {
#if CONCORD_SSE2
  while (i < end && i + 16 <= text.size()) {
    const unsigned other = ~WordByteMask16(text.data() + i) & 0xFFFFu;
    if (other != 0) return std::min(end, i + static_cast<size_t>(std::countr_zero(other)));
    i += 16;
    if (i >= end) return end;
  }
#endif
  while (i < end && IsWordByte(text[i])) ++i;
  return i;
}

// Bytes at which SplitSentences may end a sentence.
constexpr std::array<bool, 256> kSentenceEndBytes = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'\n', '.', '!', '?'}) t[c] = true;
  return t;
}();

// The position of the first byte at or after `i` that may end a sentence,
// or text.size(): sixteen bytes at a time where SSE2 is at hand.
size_t NextSentenceEndByte(std::string_view text, size_t i) {
#if CONCORD_SSE2
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i period = _mm_set1_epi8('.');
  const __m128i bang = _mm_set1_epi8('!');
  const __m128i question = _mm_set1_epi8('?');
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, newline), _mm_cmpeq_epi8(v, period)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, question)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  while (i < text.size() && !kSentenceEndBytes[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

// The word that ends right before position `end` (exclusive).
std::string_view WordBefore(std::string_view text, size_t end) {
  size_t b = end;
  while (b > 0 && (IsWordByte(text[b - 1]) || text[b - 1] == '.')) --b;
  return text.substr(b, end - b);
}

// "S", "J.D", "J.R.R": single capitals joined by periods.
bool IsInitials(std::string_view word) {
  if (word.empty()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    const bool letter_slot = i % 2 == 0;
    if (letter_slot ? !IsAsciiUpper(word[i]) : word[i] != '.') return false;
  }
  return word.size() % 2 == 1;
}

// Length of the run of ASCII digits at `pos`.
size_t DigitsAt(std::string_view text, size_t pos) {
  size_t n = 0;
  while (pos + n < text.size() && IsAsciiDigit(text[pos + n])) ++n;
  return n;
}

// The letters starting at `pos`.
std::string_view LettersAt(std::string_view text, size_t pos) {
  size_t n = 0;
  while (pos + n < text.size() && IsAsciiAlpha(text[pos + n])) ++n;
  return text.substr(pos, n);
}

// Whether the period ending `word` belongs to a date, not a sentence end:
// a month name before a day number ("October. 2", "Sept. 12"), or a day
// number before a month name and year ("16. Nov. 2016"). `next` is where
// the following word starts. News style spells out a number that starts a
// sentence (years apart), so a one- or two-digit number after a month name
// continues the date.
// `word_key` is rules::LexiconKey(word).
bool PeriodInDate(std::string_view text, std::string_view word, std::string_view word_key,
                  size_t key_hash, size_t next, const rules::Lexicon& lexicon) {
  // lexicon.Month(word) != 0, with its key and its hash made already.
  if (auto it = lexicon.months.find(word_key, key_hash);
      it != lexicon.months.end() && it->second != 0) {
    const size_t n = DigitsAt(text, next);
    return n >= 1 && n <= 2;
  }
  if (word.size() > 2 || DigitsAt(word, 0) != word.size()) return false;
  const std::string_view month = LettersAt(text, next);
  if (month.empty() || lexicon.Month(month) == 0) return false;
  size_t k = next + month.size();
  if (k < text.size() && text[k] == '.') ++k;
  if (k >= text.size() || text[k] != ' ') return false;
  while (k < text.size() && text[k] == ' ') ++k;
  return DigitsAt(text, k) == 4;
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, const rules::Lexicon& lexicon) {
  std::vector<Span> out;
  // News sentences run to a hundred bytes or so: room for most articles'
  // sentences at once.
  out.reserve(text.size() / 64 + 4);
  auto emit = [&](size_t b, size_t e) {
    while (true) {
      while (b < e && IsSpace(text[b])) ++b;
      while (e > b && IsSpace(text[e - 1])) --e;
      if (e <= b) return;
      if (e - b <= kMaxSentenceBytes) {
        out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
        return;
      }
      // Too long for a sentence: cut at the last space within the limit,
      // else at the last character boundary.
      size_t cut = b + kMaxSentenceBytes;
      while (cut > b && !IsSpace(text[cut])) --cut;
      if (cut == b) {
        cut = b + kMaxSentenceBytes;
        while (cut > b + 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      }
      size_t piece_end = cut;
      while (piece_end > b && IsSpace(text[piece_end - 1])) --piece_end;
      out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(piece_end)});
      b = cut;
    }
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    i = NextSentenceEndByte(text, i);
    if (i == text.size()) break;
    const char c = text[i];
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < text.size() && (IsClosing(text[j]) || text[j] == '.' ||
                               text[j] == '!' || text[j] == '?')) {
      ++j;
    }
    if (j < text.size() && !IsSpace(text[j])) continue;  // "1.2", "U.S.A"
    if (c == '.') {
      std::string_view word = WordBefore(text, i);
      if (IsInitials(word)) continue;  // "S. Jaishankar", "J.D. Vance"
      // rules::LexiconKey(word), on the stack for a short word.
      char buf[32];
      std::string long_key;
      std::string_view key = word;
      if (!key.empty() && key.back() == '.') key.remove_suffix(1);
      if (key.size() <= sizeof(buf)) {
        for (size_t k = 0; k < key.size(); ++k) buf[k] = AsciiLower(key[k]);
        key = std::string_view(buf, key.size());
      } else {
        long_key = rules::LexiconKey(word);
        key = long_key;
      }
      // One hash for both lookups (the lexicon's sets hash with StringHash).
      const size_t key_hash = StringHash{}(key);
      if (!word.empty() &&
          lexicon.abbreviations.find(key, key_hash) != lexicon.abbreviations.end()) {
        continue;
      }
      size_t next = j;
      while (next < text.size() && (text[next] == ' ' || text[next] == '\t')) ++next;
      if (j == i + 1 && PeriodInDate(text, word, key, key_hash, next, lexicon)) continue;
      // "p.m." or "U.S." inside: a dotted abbreviation ends only before a
      // lower-case word is unlikely; keep it simple and split.
    }
    // The next sentence should start with something sentence-like; a
    // lower-case continuation means this was not an end.
    size_t k = j;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k < text.size() && text[k] >= 'a' && text[k] <= 'z') continue;
    emit(start, j);
    start = j;
  }
  emit(start, text.size());
  return out;
}

std::vector<Token> Tokenize(std::string_view text, Span range) {
  std::vector<Token> out;
  Tokenize(text, range, &out);
  return out;
}

void Tokenize(std::string_view text, Span range, std::vector<Token>* out) {
  out->clear();
  AppendTokens(text, range, out);
}

void AppendTokens(std::string_view text, Span range, std::vector<Token>* out) {
  size_t i = range.begin;
  const size_t end = std::min<size_t>(range.end, text.size());
  while (i < end) {
    const char c = text[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    const size_t b = i;
    Token& t = out->emplace_back();
    if (IsWordByte(c)) {
      // Words may hold inner apostrophes, hyphens and periods: "Hegseth's",
      // "P-8I", "U.S".
      ++i;
      while (i < end) {
        i = WordBytesEnd(text, i, end);
        if (i == end) break;
        // Not a word byte: the run ended.
        const char x = text[i];
        if ((x == '\'' || x == '-' || x == '.') && i + 1 < end && IsWordByte(text[i + 1]) &&
            !(x == '.' && IsAsciiDigit(text[i + 1]) && !IsAsciiDigit(c))) {
          if (x == '-' && t.dash == 0) t.dash = static_cast<uint32_t>(i - b);
          ++i;
        } else {
          break;
        }
      }
      t.number = IsAsciiDigit(c);
      t.word = !t.number;
      t.capitalised = IsAsciiUpper(c);
      if (static_cast<unsigned char>(c) >= 0x80) {
        // A non-ASCII first letter ("Šefčovič", "Łukasz", "Österreich").
        t.capitalised = IsUpperNameLetter(DecodeUtf8(text, b).code_point);
      }
    } else if (static_cast<unsigned char>(c) < 0x80) {
      ++i;  // ASCII punctuation: one byte, as DecodeUtf8 says
    } else {
      i += static_cast<size_t>(DecodeUtf8(text, i).length);
    }
    t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(i)};
    t.text = std::string_view(text.data() + b, i - b);
  }
}

namespace {

// Stems the lowercase word buf[0, n) in place and returns the stem's
// length. The stem is buf[0, length), a prefix of the word but for the
// byte at *y_at (set when an "ies" ending turns into "y"; else left).
inline size_t StemInPlace(char* buf, size_t n, size_t* y_at) {
  // The endings are told apart by their last letters, compared one by one:
  // most words end in none of them.
  if (n >= 2 && buf[n - 1] == 's' && buf[n - 2] == '\'') n -= 2;  // "'s"
  if (n > 0 && buf[n - 1] == '\'') --n;
  if (n > 3 && buf[n - 1] == 's') {
    const char before = buf[n - 2];
    if (n > 4 && before == 'e' && buf[n - 3] == 'i') {  // "ies" -> "y"
      n -= 2;
      buf[n - 1] = 'y';
      *y_at = n - 1;
    } else if (before != 's' && before != 'u' && before != 'i') {  // not "ss", "us", "is"
      --n;
    }
  }
  if (n > 4) {
    const char last = buf[n - 1];
    if (n > 5 && last == 'g' && buf[n - 2] == 'n' && buf[n - 3] == 'i') {  // "ing"
      n -= 3;
    } else if (last == 'd' && buf[n - 2] == 'e') {  // "ed"
      n -= 2;
    } else if (last == 'e') {
      --n;  // "propose" and "proposed" meet at "propos"
    }
  }
  // Doubled final consonants from -ing/-ed ("planned" -> "plann" -> "plan").
  // Keep "ll", "ss" and doubled vowels; drop other doubled consonants.
  if (n > 3 && buf[n - 1] == buf[n - 2]) {
    switch (buf[n - 1]) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'l': case 's':
        break;
      default:
        --n;
    }
  }
  return n;
}

// Stem of a lowercase word of at most kStemBuffer bytes into `buf`.
constexpr size_t kStemBuffer = 64;
std::string_view StemLowerInto(std::string_view lower, char* buf) {
  std::copy(lower.begin(), lower.end(), buf);
  size_t y_at = 0;
  return std::string_view(buf, StemInPlace(buf, lower.size(), &y_at));
}

}  // namespace

std::string_view StemInto(std::string_view word, char* buf) {
  static_assert(kStemBufferBytes == kStemBuffer);
  for (size_t i = 0; i < word.size(); ++i) buf[i] = AsciiLower(word[i]);
  size_t y_at = 0;
  return std::string_view(buf, StemInPlace(buf, word.size(), &y_at));
}

std::string Stem(std::string_view word) {
  char lower[kStemBuffer];
  char buf[kStemBuffer];
  if (word.size() <= kStemBuffer) {
    for (size_t i = 0; i < word.size(); ++i) lower[i] = AsciiLower(word[i]);
    return std::string(StemLowerInto(std::string_view(lower, word.size()), buf));
  }
  std::string l = AsciiLowerCopy(word);
  std::string out(l.size(), '\0');
  out.resize(StemLowerInto(l, out.data()).size());
  return out;
}

void CompileStopwords(const std::vector<rules::RuleFile>& files,
                      rules::Diagnostics* diag, Stopwords* out) {
  for (const rules::RuleFile& file : files) {
    const rules::RuleNode* node = file.root.Find("stopwords");
    if (node == nullptr) continue;
    rules::TableReader reader(*node, "stopwords", diag);
    std::vector<std::string> words;
    reader.StringList("words", &words, true);
    reader.Finish();
    for (const std::string& w : words) out->words.insert(AsciiLowerCopy(w));
  }
  out->BuildIndex();
}

void Stopwords::BuildIndex() {
  static std::atomic<uint64_t> generations{0};
  generation_ = ++generations;
  std::fill(std::begin(index_), std::end(index_), 0);
  listed_.clear();
  for (const std::string& w : words) {
    if (w.empty()) continue;  // Contains hashes empty words
    uint8_t& entry = index_[IndexOf(w)];
    if (entry != 0 || listed_.size() + 1 >= kAmbiguous) {
      entry = kAmbiguous;
      continue;
    }
    listed_.push_back(w);
    entry = static_cast<uint8_t>(listed_.size());
  }
  index_size_ = words.size();
}

std::vector<ContentWord> ContentWordSpans(std::string_view text, Span range,
                                          const Stopwords& stopwords) {
  return ContentWordSpans(Tokenize(text, range), stopwords);
}

std::vector<ContentWord> ContentWordSpans(std::span<const Token> tokens,
                                          const Stopwords& stopwords) {
  std::vector<ContentWord> out;
  out.reserve(tokens.size());
  char lower_buf[kStemBuffer];
  char stem_buf[kStemBuffer];
  for (const Token& t : tokens) {
    if (!t.word && !t.number) continue;
    if (t.number) {
      out.push_back({t.span, std::string(t.text)});
      continue;
    }
    if (t.text.size() > kStemBuffer) {
      const std::string lower = AsciiLowerCopy(t.text);
      if (stopwords.Contains(lower)) continue;
      std::string stem = Stem(lower);
      if (stopwords.Contains(stem)) continue;
      out.push_back({t.span, std::move(stem)});
      continue;
    }
    // Lower case and stem on the stack: most words allocate nothing.
    for (size_t i = 0; i < t.text.size(); ++i) lower_buf[i] = AsciiLower(t.text[i]);
    const std::string_view lower(lower_buf, t.text.size());
    if (stopwords.Contains(lower)) continue;
    const std::string_view stem = StemLowerInto(lower, stem_buf);
    // A stem equal to the word was just asked.
    if (stem != lower && stopwords.Contains(stem)) continue;
    out.push_back({t.span, std::string(stem)});
  }
  return out;
}

std::string_view StemArena::Add(std::string_view s) {
  if (bytes_.size() + s.size() > bytes_.capacity()) return overflow_.emplace_back(s);
  const size_t at = bytes_.size();
  bytes_.append(s);
  return std::string_view(bytes_.data() + at, s.size());
}

namespace {

// Bit 7 of each byte of `v` that is an ASCII capital (seven-bit lanes: no
// carries between bytes).
inline uint64_t UpperBytes(uint64_t v) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t low7 = v & ~kHigh;
  return (low7 + (0x80 - 'A') * kOnes) & ~(low7 + (0x80 - 'Z' - 1) * kOnes) & ~v & kHigh;
}

// Lower case of `word` into `out` (room for the word rounded up to eight
// bytes); returns the position of the first ASCII capital, or word.size()
// when there is none. Reads eight bytes at a time, up to seven past the
// word's end, which must be before `readable_end`; else byte by byte.
size_t LowerInto(std::string_view word, const char* readable_end, char* out) {
  const size_t n = word.size();
  const char* p = word.data();
  if (readable_end != nullptr &&
      readable_end - p >= static_cast<ptrdiff_t>((n + 7) & ~size_t{7})) {
    for (size_t i = 0; i < n; i += 8) {
      uint64_t v;
      std::memcpy(&v, p + i, 8);
      uint64_t upper = UpperBytes(v);
      std::memcpy(out + i, &(v |= upper >> 2), 8);
      if (n - i < 8) upper &= (uint64_t{1} << (8 * (n - i))) - 1;  // the word's bytes only
      if (upper != 0) {
        const size_t first = i + static_cast<size_t>(std::countr_zero(upper)) / 8;
        for (i += 8; i < n; i += 8) {
          std::memcpy(&v, p + i, 8);
          v |= UpperBytes(v) >> 2;
          std::memcpy(out + i, &v, 8);
        }
        return first;
      }
    }
    return n;
  }
  size_t first = n;
  for (size_t i = 0; i < n; ++i) {
    out[i] = AsciiLower(p[i]);
    if (first == n && out[i] != p[i]) first = i;
  }
  return first;
}

// Whether the word token `t` (of at most kStemBuffer bytes) is a content
// word; if so its stem is lower_buf[0, *n) (`lower_buf` has room for the
// word rounded up to eight bytes) and *prefix says whether the word as
// written starts with it.
inline bool ShortContentStem(const Token& t, const char* readable_end,
                             const Stopwords& stopwords, char* lower_buf, size_t* n,
                             bool* prefix) {
  // Lower case and stem in place, on the stack.
  const size_t size = t.text.size();
  const size_t first_upper = LowerInto(t.text, readable_end, lower_buf);
  if (stopwords.Contains(std::string_view(lower_buf, size))) return false;
  size_t y_at = size;
  *n = StemInPlace(lower_buf, size, &y_at);
  // A stem equal to the word was just asked (stemming only shortens a
  // word, or changes a letter and shortens it).
  if (*n != size && stopwords.Contains(std::string_view(lower_buf, *n))) return false;
  // The word as written starts with its stem unless a byte of the stem
  // was lowered or changed.
  *prefix = first_upper >= *n && y_at >= *n;
  return true;
}

// The keys of a word of 1 to WordMemo::kMaxWord bytes (which tell it from
// every other such word): its first eight bytes, zero-padded, and its last
// eight when it is longer. Reads eight bytes at once when they are before
// `readable_end`.
inline void MemoKeys(std::string_view w, const char* readable_end, uint64_t* first,
                     uint64_t* last) {
  const size_t n = w.size();
  const char* p = w.data();
  *last = 0;
  if (n >= 8) {
    std::memcpy(first, p, 8);
    if (n > 8) std::memcpy(last, p + n - 8, 8);
    return;
  }
  uint64_t v = 0;
  if (std::endian::native == std::endian::little && readable_end != nullptr &&
      readable_end - p >= 8) {
    std::memcpy(&v, p, 8);
    v &= (uint64_t{1} << (8 * n)) - 1;  // the word's bytes: the low ones
  } else {
    std::memcpy(&v, p, n);
  }
  *first = v;
}

void AppendContentWordsIn(std::span<const Token> tokens, const char* readable_end,
                          const Stopwords& stopwords, StemArena* arena, WordMemo* memo,
                          std::vector<ContentWordView>* out) {
  char lower_buf[kStemBuffer + 8];
  std::string long_stem;
  for (const Token& t : tokens) {
    if (!t.word) {
      if (t.number) out->push_back({t.span, t.text});
      continue;
    }
    if (t.text.size() > kStemBuffer) {
      const std::string lower = AsciiLowerCopy(t.text);
      if (stopwords.Contains(lower)) continue;
      long_stem = Stem(lower);
      if (stopwords.Contains(long_stem)) continue;
      out->push_back({t.span, t.text.starts_with(long_stem)
                                  ? t.text.substr(0, long_stem.size())
                                  : arena->Add(long_stem)});
      continue;
    }
    WordMemo::Entry* entry = nullptr;
    if (memo != nullptr && t.text.size() <= WordMemo::kMaxWord) {
      uint64_t first, last;
      MemoKeys(t.text, readable_end, &first, &last);
      entry = memo->Slot(first, last, t.text.size());
      if (entry != nullptr && entry->size != 0) {
        if (entry->content) {
          out->push_back({t.span, entry->prefix
                                      ? t.text.substr(0, entry->stem_size)
                                      : std::string_view(entry->stem, entry->stem_size)});
        }
        continue;
      }
      if (entry != nullptr) {
        entry->first = first;
        entry->last = last;
      }
    }
    size_t n = 0;
    bool prefix = false;
    const bool content = ShortContentStem(t, readable_end, stopwords, lower_buf, &n, &prefix);
    if (entry != nullptr) {
      // Remembered, the stem kept in the entry unless the word starts with
      // it.
      entry->size = static_cast<uint8_t>(t.text.size());
      entry->content = content;
      entry->prefix = prefix;
      entry->stem_size = static_cast<uint8_t>(content ? n : 0);
      if (content && !prefix) std::memcpy(entry->stem, lower_buf, n);
      memo->Took();
    }
    if (!content) continue;
    std::string_view stem;
    if (prefix) {
      stem = t.text.substr(0, n);
    } else if (entry != nullptr) {
      stem = std::string_view(entry->stem, n);
    } else {
      stem = arena->Add(std::string_view(lower_buf, n));
    }
    out->push_back({t.span, stem});
  }
}

}  // namespace

void AppendContentWords(std::span<const Token> tokens, const Stopwords& stopwords,
                        StemArena* arena, std::vector<ContentWordView>* out) {
  AppendContentWordsIn(tokens, nullptr, stopwords, arena, nullptr, out);
}

void AppendContentWords(std::string_view text, std::span<const Token> tokens,
                        const Stopwords& stopwords, StemArena* arena,
                        std::vector<ContentWordView>* out) {
  AppendContentWordsIn(tokens, text.data() + text.size(), stopwords, arena, nullptr, out);
}

void AppendContentWords(std::string_view text, std::span<const Token> tokens,
                        const Stopwords& stopwords, StemArena* arena, WordMemo* memo,
                        std::vector<ContentWordView>* out) {
  // A memo readied for other stopwords (or none) is not asked.
  if (memo != nullptr && !memo->AnswersFor(stopwords)) memo = nullptr;
  AppendContentWordsIn(tokens, text.data() + text.size(), stopwords, arena, memo, out);
}

void WordMemo::Start(const Stopwords& stopwords) {
  const uint64_t generation = stopwords.generation();
  if (generation == generation_ && used_ < (size_t{1} << kSlotBits) / 2) return;
  entries_.assign(size_t{1} << kSlotBits, Entry{});
  used_ = 0;
  generation_ = generation;
}

std::vector<std::string> ContentWords(std::string_view text, Span range,
                                      const Stopwords& stopwords) {
  std::vector<std::string> out;
  for (ContentWord& w : ContentWordSpans(text, range, stopwords)) {
    out.push_back(std::move(w.stem));
  }
  return out;
}

}  // namespace concord::extract
