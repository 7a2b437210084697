// Finds names and titles in a document. Two passes: each sentence is cut
// into title phrases, the names they attach to and other capitalised
// sequences; then the document as a whole decides what the sequences are
// (a surname used alone is the person named in full elsewhere; a name seen
// after "in" is a place) and emits mentions.
#include <algorithm>
#include <bit>
#include <deque>
#include <memory>
#include <span>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "extract/people_internal.h"
#include "extract/text_units.h"

namespace concord::extract {
namespace {

struct Word {
  Span span;               // possessive "'s" excluded
  std::string_view text;   // the bytes of `span`
  // WordKey of the token; a view into the text or the sentence's WordArena.
  std::string_view key;
  bool word = false;       // letters (a number or punctuation otherwise)
  bool cap = false;
  bool blocked = false;    // inside a taken span, a handle or a hashtag
  bool possessive = false;
  bool initial = false;    // "S", "S.", "J.D."
  bool acronym = false;    // "ASEAN", "U.S."
  bool used = false;       // part of a title or a name already
  bool title_start = false;  // a gazetteer title may begin here
  bool hyphen = false;       // `text` has a '-' (a title key of several parts)
  bool is_word = false;      // word && !blocked
  bool is_cap = false;       // is_word && cap
  uint32_t flags = 0;      // PeopleRules::word_flags of `key`
  std::string_view title_part;  // TitleKey of `text`, viewed like `key`
  bool flags_known = false;  // `flags` is set
  bool part_known = false;   // `title_part` and `title_start` are set
  // A gazetteer title, a modifier or a qualifier may start here.
  bool title_seed = false;
};

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// Byte tests instead of string_view::ends_with, which is not inlined.
bool EndsWithCurlyApostrophe(std::string_view s) {  // U+2019
  const size_t n = s.size();
  return n >= 3 && s[n - 3] == '\xE2' && s[n - 2] == '\x80' && s[n - 1] == '\x99';
}
bool EndsWithCurlyApostropheS(std::string_view s) {
  const size_t n = s.size();
  return n >= 4 && s[n - 1] == 's' && s[n - 4] == '\xE2' && s[n - 3] == '\x80' &&
         s[n - 2] == '\x99';
}
// text.substr without the bounds check (and call) it brings.
std::string_view View(std::string_view text, size_t begin, size_t size) {
  return std::string_view(text.data() + begin, size);
}
bool IsChar(std::string_view s, char c) { return s.size() == 1 && s[0] == c; }
// The same bytes in memory (so equal), cheaper than comparing.
bool SameView(std::string_view a, std::string_view b) {
  return a.data() == b.data() && a.size() == b.size();
}

// Bytes of the keys of one sentence's words, so that words need no string
// of their own. Views stay valid until the next Reset: `bytes` never grows
// past the capacity reserved for the sentence, and what would not fit goes
// to `overflow`, whose strings do not move.
class WordArena {
 public:
  void Reset(size_t sentence_bytes) {
    // Most sentences never overflow: an empty deque's clear is still a call.
    if (!overflow_.empty()) overflow_.clear();
    size_ = 0;
    const size_t need = 2 * sentence_bytes + 64;
    if (bytes_.size() < need) bytes_.resize(need);
  }
  std::string_view Add(std::string_view s) {
    if (size_ + s.size() <= bytes_.size()) {
      char* d = bytes_.data() + size_;
      if (!s.empty()) std::memcpy(d, s.data(), s.size());
      size_ += s.size();
      return std::string_view(d, s.size());
    }
    overflow_.emplace_back(s);
    return overflow_.back();
  }
  // The `n` bytes of `key`.
  std::string_view AddPacked(WordFlagTable::PackedKey key, size_t n) {
    if (size_ + 16 > bytes_.size()) {
      char b[16];
      std::memcpy(b, &key.lo, 8);
      std::memcpy(b + 8, &key.hi, 8);
      return Add(std::string_view(b, n));
    }
    // Sixteen bytes written, n kept: the rest is free space.
    char* d = bytes_.data() + size_;
    std::memcpy(d, &key.lo, 8);
    std::memcpy(d + 8, &key.hi, 8);
    size_ += n;
    return std::string_view(d, n);
  }
  // AsciiLower of every byte of `s`.
  std::string_view AddLower(std::string_view s) {
    if (size_ + s.size() > bytes_.size()) return Add(AsciiLowerCopy(s));
    char* d = bytes_.data() + size_;
    for (size_t i = 0; i < s.size(); ++i) d[i] = AsciiLower(s[i]);
    size_ += s.size();
    return std::string_view(d, s.size());
  }
  // WordKey(word), viewed in `word` itself when lowering and dropping
  // punctuation change nothing (most words).
  std::string_view WordKeyOf(std::string_view word) {
    bool same = !EndsWithCurlyApostropheS(word);
    for (size_t i = 0; same && i < word.size(); ++i) {
      const char c = word[i];
      same = !IsUpperAscii(c) && c != '.' && c != '\'' && c != ',';
    }
    if (same) return word;
    scratch_.clear();
    AppendWordKey(word, &scratch_);
    return Add(scratch_);
  }

 private:
  // Sized (not reserved) once per sentence: views into it stay valid, as
  // it is never resized before the next Reset.
  std::string bytes_;
  size_t size_ = 0;
  std::deque<std::string> overflow_;
  std::string scratch_;
};

bool IsTokenSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Tokens come from Tokenize into a reused vector (a fresh vector per
// sentence cost more than the tokenizing); Token::dash marks hyphens.
using PeopleToken = Token;

// TitleKey(rules, w.text) for a word whose key and flags are set, without
// allocating for a word of one piece (all but hyphenated ones).
std::string_view TitlePartOf(const PeopleRules& rules, const Word& w, WordArena* arena) {
  const std::string_view t = w.text;
  // Word tokens split only at hyphens, punctuation is one byte.
  if (w.hyphen || IsChar(t, '-') || IsChar(t, ',') || IsChar(t, '/')) {
    // Several pieces, or none.
    thread_local std::string key;
    TitleKeyInto(rules, t, &key);
    return arena->Add(key);
  }
  // One piece, whose WordKey is the key but for the punctuation WordKey
  // drops and a period joined to the word after its key was made.
  std::string_view k = w.key;
  if (IsChar(t, '.') || IsChar(t, '\'')) {
    k = {};
  } else if (w.word && t.back() == '.') {
    k = arena->WordKeyOf(t);
  }
  if (k.empty() || (k.size() == 3 && k[0] == 't' && k[1] == 'h' && k[2] == 'e')) return {};
  bool flags_apply = SameView(k, w.key);
  if (IsChar(k, '&')) {
    k = "and";
    flags_apply = false;
  }
  if (!flags_apply || (w.flags & kHasSpelling) != 0) {
    if (auto it = rules.spelling.find(k); it != rules.spelling.end()) return it->second;
  }
  return k;
}

// Byte classes of a word's bytes, as BuildWords counts them.
enum ByteClass : uint8_t {
  kUpperByte = 1,    // A-Z
  kLowerByte = 2,    // a-z
  kPeriodByte = 4,   // '.'
  kOtherByte = 8,    // anything else (digits, '-', '\'', UTF-8 bytes)
  kDroppedByte = 16,  // '\'' or ',' (WordKey drops them)
  kHyphenByte = 32,  // '-'
};
struct ByteClasses {
  uint8_t of[256];
  constexpr ByteClasses() : of() {
    for (int c = 0; c < 256; ++c) {
      uint8_t k = kOtherByte;
      if (c >= 'A' && c <= 'Z') k = kUpperByte;
      else if (c >= 'a' && c <= 'z') k = kLowerByte;
      else if (c == '.') k = kPeriodByte;
      else if (c == '\'' || c == ',') k = kOtherByte | kDroppedByte;
      else if (c == '-') k = kOtherByte | kHyphenByte;
      of[c] = k;
    }
  }
};
constexpr ByteClasses kByteClasses;

// What the parser asks about a sentence as a whole, gathered while its
// words are built.
struct SentenceFacts {
  int last_title_head = -1;  // the last word with kIsTitleHead, or -1
  int content = 0;           // words that are not kIsHeadlineSmall
  int content_cap = 0;       // ... of them capitalised
  uint32_t flags = 0;        // the union of the words' flags
  bool comma = false;        // a word whose key is ","
  // The words is_cap, in order (where names may start): the first
  // `cap_count` ints of *caps (sized, never shrunk, so that adding one
  // tests no capacity).
  std::vector<int>* caps = nullptr;
  int cap_count = 0;
};

// The title part of *w (flags set) and whether a title or a qualifier may
// start there.
void SetTitlePart(const PeopleRules& rules, WordArena* arena, Word* w) {
  w->title_part = TitlePartOf(rules, *w, arena);
  w->title_start = w->title_part.empty() ||
                   (SameView(w->title_part, w->key) ? (w->flags & kIsTitlePrefix) != 0
                                                    : rules.title_prefixes.contains(w->title_part));
  w->title_seed = (w->flags & kStartsQualifier) != 0 ||
                  (w->title_start && (w->flags & kIsConnector) == 0);
  w->part_known = true;
}

// What the text of word token *w (text and word set) decides: its key,
// letter case facts, flags and title part.
void SetWordFacts(const PeopleRules& rules, WordArena* arena, Word* w) {
  // One pass over the bytes: which classes occur (see WordKey for what
  // makes the key differ from the text).
  uint32_t classes = 0;
  for (char c : w->text) classes |= kByteClasses.of[static_cast<unsigned char>(c)];
  if ((classes & (kPeriodByte | kDroppedByte)) != 0 ||
      ((classes & kOtherByte) != 0 && EndsWithCurlyApostropheS(w->text))) {
    w->key = arena->WordKeyOf(w->text);
  } else if ((classes & kUpperByte) != 0) {
    w->key = arena->AddLower(w->text);  // all WordKey does here
  } else {
    w->key = w->text;
  }
  w->hyphen = (classes & kHyphenByte) != 0;
  if (w->word && (classes & ~(kUpperByte | kPeriodByte)) == 0 && (classes & kUpperByte) != 0) {
    // Capitals and periods only: the capitals are the bytes but the
    // periods.
    int upper = static_cast<int>(w->text.size());
    if ((classes & kPeriodByte) != 0) {
      for (char c : w->text) upper -= c == '.';
    }
    w->initial = w->text.size() == 1 ||
                 (upper >= 2 && (classes & kPeriodByte) != 0 && upper <= 3);
    w->acronym = upper >= 2;
  }
  w->flags = rules.word_flag_table.Find(w->key);
  w->flags_known = true;
  SetTitlePart(rules, arena, w);
}

// A word of 1 to 16 ASCII letters, read a machine word at a time: its key
// (the letters lowered) packed as WordFlagTable keys are, and its capitals.
struct LetterWord {
  WordFlagTable::PackedKey key;
  bool any_upper = false;
  bool all_upper = false;
};

constexpr uint64_t kEachByte = 0x0101010101010101u;

uint64_t LoadWord(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Of the bytes of x where `high` has 0x80: false unless all are ASCII
// letters; *upper gets 0x80 in the upper-case ones. (Bytes outside `high`
// are zero, so no carry reaches the bytes tested.)
bool AsciiLetters(uint64_t x, uint64_t high, uint64_t* upper) {
  const uint64_t folded = x | (0x20 * kEachByte);  // 'A'..'Z' -> 'a'..'z'
  const uint64_t letters =
      (folded + 0x1F * kEachByte) & ~(folded + 0x05 * kEachByte) & ~x & high;
  if (letters != high) return false;
  *upper = letters & ~(x << 2);  // bit 0x20 clear: upper case
  return true;
}

// The first n bytes of a machine word (n = 0..8).
struct ByteMasks {
  uint64_t of[9];
  constexpr ByteMasks() : of() {
    for (int n = 0; n < 8; ++n) of[n] = (uint64_t{1} << (8 * n)) - 1;
    of[8] = ~uint64_t{0};
  }
};
constexpr ByteMasks kByteMasks;

// The LetterWord of the bytes `span` of `text`, or false when they are not
// 1 to 16 ASCII letters (or the machine words read would pass the text's
// end): such words take the general path.
bool ReadLetterWord(std::string_view text, Span span, LetterWord* out) {
  if constexpr (std::endian::native != std::endian::little) return false;
  const size_t n = span.size();
  if (n - 1 >= 16) return false;
  // Sixteen bytes readable (most words), else eight for a short word.
  if (size_t{span.begin} + 16 > text.size() && span.begin + (n > 8 ? 16 : 8) > text.size()) {
    return false;
  }
  const char* p = text.data() + span.begin;
  const uint64_t mask_lo = kByteMasks.of[n > 8 ? 8 : n];
  const uint64_t high_lo = 0x80 * kEachByte & mask_lo;
  const uint64_t lo = LoadWord(p) & mask_lo;
  uint64_t upper_lo, upper_hi = 0, hi = 0, high_hi = 0;
  if (!AsciiLetters(lo, high_lo, &upper_lo)) return false;
  if (n > 8) {
    const uint64_t mask_hi = kByteMasks.of[n - 8];
    high_hi = 0x80 * kEachByte & mask_hi;
    hi = LoadWord(p + 8) & mask_hi;
    if (!AsciiLetters(hi, high_hi, &upper_hi)) return false;
  }
  out->key.lo = lo | (upper_lo >> 2);
  out->key.hi = hi | (upper_hi >> 2);
  out->any_upper = (upper_lo | upper_hi) != 0;
  out->all_upper = upper_lo == high_lo && upper_hi == high_hi;
  return true;
}

// The kIsThe, kLetterTitleStart and kLetterTitleSeed bits of a word of
// letters whose key is `key` and has `flags` (without those bits): what
// SetTitlePart makes of it, when it has no spelling variant.
uint32_t LetterTitleBits(std::string_view key, uint32_t flags) {
  const bool the = key == "the";  // a TitleKey drops it
  const bool start = the || (flags & kIsTitlePrefix) != 0;
  const bool seed = (flags & kStartsQualifier) != 0 || (start && (flags & kIsConnector) == 0);
  return (the ? kIsThe : 0u) | (start ? kLetterTitleStart : 0u) | (seed ? kLetterTitleSeed : 0u);
}

// SetWordFacts for a word token of ASCII letters only (no possessive, no
// period, no hyphen): the same facts without looking at its bytes again.
// `packed` is rules.word_flag_table.Packed().
void SetLetterWordFacts(const PeopleRules& rules, WordFlagTable::PackedView packed,
                        WordArena* arena, const LetterWord& lw, Word* w) {
  const size_t n = w->text.size();
  if (lw.any_upper) {
    w->key = arena->AddPacked(lw.key, n);
    if (lw.all_upper) {
      w->initial = n == 1;
      w->acronym = n >= 2;
    }
  } else {
    w->key = w->text;
  }
  const uint32_t flags = packed.Find(lw.key);
  w->flags = flags;
  w->flags_known = true;
  if ((flags & kHasSpelling) != 0) {
    SetTitlePart(rules, arena, w);
    return;
  }
  // What TitlePartOf and SetTitlePart make of one piece of letters, in
  // bits of the flags (see LetterTitleBits).
  w->title_part = (flags & kIsThe) != 0 ? std::string_view() : w->key;
  w->title_start = (flags & kLetterTitleStart) != 0;
  w->title_seed = (flags & kLetterTitleSeed) != 0;
  w->part_known = true;
}

// The words of `sentence`, whose Tokenize tokens are `tokens` (and whose
// `taken_spans` are sorted by start), at the front
// of *storage; returns their number. Their keys live in *arena until its
// next Reset. (The storage is sized, never shrunk, for the most words the
// tokens can make, so that adding a word tests no capacity; words past
// the number returned are left over from earlier sentences.)
// (Not specialised for its one caller's thread_local buffers, whose
// addresses would be made again at each use.)
#if __has_cpp_attribute(gnu::noipa)
[[gnu::noipa]]
#endif
size_t BuildWords(std::string_view text, Span sentence, std::span<const PeopleToken> tokens,
                  const std::vector<Span>& taken_spans, const PeopleRules& rules,
                  WordArena* arena, std::vector<Word>* storage, SentenceFacts* facts) {
  arena->Reset(sentence.size());
  // A token makes three words at most ("ex", "-", "CEO").
  if (storage->size() < 3 * tokens.size()) storage->resize(3 * tokens.size());
  Word* const first = storage->data();
  Word* last = first;  // one past the last word made
  auto add = [&]() __attribute__((always_inline)) -> Word& {
    // Made in place (assigning a Word() would copy a zeroed temporary).
    return *std::construct_at(last++);
  };
  // A copy that stores into words cannot change.
  const std::span<const Span> taken(taken_spans);
  // Words ending by the first taken span's start overlap none (most
  // words: most sentences have none).
  const uint32_t taken_from = taken.empty() ? UINT32_MAX : taken.front().begin;
  const WordFlagTable& flag_table = rules.word_flag_table;
  const WordFlagTable::PackedView packed = flag_table.Packed();
  // What a word complete but for a period joined later adds to itself and
  // the sentence's facts.
  SentenceFacts f;
  f.caps = facts->caps;
  // One is_cap word per word at most.
  if (f.caps->size() < 3 * tokens.size()) f.caps->resize(3 * tokens.size());
  int* const caps_first = f.caps->data();
  int* caps_last = caps_first;
  auto finish = [&](Word& w) __attribute__((always_inline)) {
    if (!w.flags_known) {
      w.flags = flag_table.Find(w.key);
      w.flags_known = true;
    }
    if (!w.part_known) SetTitlePart(rules, arena, &w);
    w.is_word = w.word && !w.blocked;
    w.is_cap = w.is_word && w.cap;
    if (w.is_cap) *caps_last++ = static_cast<int>(&w - first);
    f.flags |= w.flags;
    if ((w.flags & kIsTitleHead) != 0) f.last_title_head = static_cast<int>(&w - first);
    if (w.word && (w.flags & kIsHeadlineSmall) == 0) {
      ++f.content;
      f.content_cap += w.cap;
    }
    f.comma |= IsChar(w.key, ',');
  };
  PeopleToken rest;  // of a word split after a modifier
  // Where a token right after an '@' or a '#' starts (a handle, a hashtag).
  uint32_t handle_end = UINT32_MAX;
  const PeopleToken* const tokens_begin = tokens.data();
  const PeopleToken* const tokens_end = tokens_begin + tokens.size();
  for (const PeopleToken* tp = tokens_begin; tp != tokens_end; ++tp) {
    const PeopleToken& t = *tp;
    if (!t.word && !t.number) {
      if (t.text.size() == 1 && (t.text[0] == '@' || t.text[0] == '#')) handle_end = t.span.end;
      // "S." and "Gen." keep their period.
      if (IsChar(t.text, '.') && last != first && last[-1].word &&
          last[-1].span.end == t.span.begin && !last[-1].possessive) {
        Word& w = last[-1];
        // The word's key (and so its flags) stays that of the word
        // without the period.
        // (A key viewed in the text itself was made without a period in
        // it: most words ending a sentence need no search.)
        if (w.initial || (w.flags & (kIsAbbreviation | kIsHonorific)) != 0 ||
            (!SameView(w.key, w.text) && w.text.find('.') != std::string_view::npos)) {
          w.span.end = t.span.end;
          w.text = View(text, w.span.begin, w.span.size());
          SetTitlePart(rules, arena, &w);  // of the text with its period
          continue;
        }
      }
      // A plural possessive: "Ministers'".
      if (IsChar(t.text, '\'') && last != first && last[-1].word &&
          last[-1].span.end == t.span.begin && !last[-1].key.empty() &&
          last[-1].key.back() == 's') {
        last[-1].possessive = true;
        continue;
      }
      Word& w = add();
      w.span = t.span;
      w.text = t.text;
      w.key = t.text;
      if (t.text.size() == 1 && static_cast<unsigned char>(t.text[0]) < rules.byte_words.size()) {
        const PeopleRules::ByteWord& b = rules.byte_words[static_cast<unsigned char>(t.text[0])];
        w.flags = b.flags;
        w.flags_known = true;
        w.title_part = b.title_part;
        w.title_start = b.title_start;
        w.title_seed = b.title_seed;
        w.part_known = true;
        // finish(w), knowing the token is no word (so neither is_word nor
        // is_cap, nor content).
        f.flags |= b.flags;
        if ((b.flags & kIsTitleHead) != 0) f.last_title_head = static_cast<int>(&w - first);
        f.comma |= t.text[0] == ',';
        continue;
      }
      finish(w);
      continue;
    }
    // "ex-CEO", "former-minister": the modifier is a word of its own, so
    // the title after it is looked up as usual. (The check for a handle
    // below sees the token whole: it is no '@' either way.)
    // Most words: ASCII letters only, so no possessive, period, hyphen or
    // "al-".
    if (LetterWord lw; t.word && ReadLetterWord(text, t.span, &lw)) {
      Word& w = add();
      w.span = t.span;
      w.text = t.text;
      w.cap = t.capitalised;
      w.word = true;
      SetLetterWordFacts(rules, packed, arena, lw, &w);
      // finish(w), knowing what the word is.
      w.blocked = t.span.begin == handle_end;
      if (t.span.end > taken_from) {
        for (const Span& s2 : taken) {
          if (s2.Overlaps(w.span)) w.blocked = true;
        }
      }
      w.is_word = !w.blocked;
      w.is_cap = w.is_word && w.cap;
      if (w.is_cap) *caps_last++ = static_cast<int>(&w - first);
      const uint32_t flags = w.flags;
      f.flags |= flags;
      if ((flags & kIsTitleHead) != 0) f.last_title_head = static_cast<int>(&w - first);
      if ((flags & kIsHeadlineSmall) == 0) {
        ++f.content;
        f.content_cap += w.cap;
      }
      continue;
    }
    const PeopleToken* token = &t;
    // Part of a handle or a hashtag ("@ex-President") when right after an
    // '@' or a '#': every word the token makes.
    const bool handle = t.span.begin == handle_end;
    auto block_taken = [&taken](Word& w) {
      for (const Span& s2 : taken) {
        if (s2.Overlaps(w.span)) w.blocked = true;
      }
    };
    if (t.word) {
      const uint32_t dash = t.dash;
      if (dash > 0 && dash + 1 < t.text.size() &&
          rules.former_modifiers.contains(WordKey(t.text.substr(0, dash)))) {
        Word m;
        m.span = {t.span.begin, t.span.begin + dash};
        m.text = t.text.substr(0, dash);
        m.key = arena->WordKeyOf(m.text);
        m.word = true;
        m.cap = IsUpperAscii(m.text[0]);
        m.blocked = handle;
        block_taken(m);
        finish(add() = m);
        Word d;
        d.span = {t.span.begin + dash, t.span.begin + dash + 1};
        d.text = t.text.substr(dash, 1);
        d.key = "-";
        d.blocked = handle;
        block_taken(d);
        finish(add() = d);
        rest = t;
        rest.span.begin += dash + 1;
        rest.text = t.text.substr(dash + 1);
        rest.capitalised = IsUpperNameLetter(DecodeUtf8(rest.text, 0).code_point);
        token = &rest;
      }
    }
    const PeopleToken& t2 = *token;
    Span span = t2.span;
    bool possessive = false;
    const std::string_view s = t2.text;
    if (s.size() > 2 && s[s.size() - 2] == '\'' && (s.back() == 's' || s.back() == 'S')) {
      possessive = true;
      span.end -= 2;
    } else if (s.size() > 4 && EndsWithCurlyApostropheS(s)) {
      possessive = true;
      span.end -= 4;
    } else if (s.size() > 3 && EndsWithCurlyApostrophe(s)) {
      possessive = true;
      span.end -= 3;
    }
    Word& w = add();
    w.span = span;
    w.text = View(text, span.begin, span.size());
    w.possessive = possessive;
    w.cap = t2.capitalised;
    w.word = t2.word;
    SetWordFacts(rules, arena, &w);
    if (!w.cap && w.key.size() >= 3 && w.key[1] == 'l' && w.key[2] == '-' &&
        (w.key[0] == 'a' || w.key[0] == 'e') && w.text.size() > 3 &&
        IsUpperAscii(w.text[3])) {
      w.cap = true;  // "al-Qahtani"
    }
    w.blocked = handle;
    block_taken(w);
    finish(w);
  }
  f.cap_count = static_cast<int>(caps_last - caps_first);
  *facts = f;
  return static_cast<size_t>(last - first);
}

// Words a headline need not capitalise.
constexpr const char* kHeadlineSmallWords[] = {
    "a", "an", "the", "of", "and", "in", "on", "at",
    "to", "for", "with", "by", "from", "as", "is", "or"};

// A named thing found in one sentence, before the document decides.
struct Candidate {
  Span span;
  // Into the text, or into the document's collapsed surfaces when white
  // space other than single spaces separates the words.
  std::string_view full;
  std::string key;
  EntityType type = EntityType::kUnknown;
  int sentence = 0;
  bool person_evidence = false;  // title, honorific or initial
  bool after_preposition = false;
  bool headline = false;
  bool single = false;           // one word, not an acronym
  bool from_title = false;
  // The full name the candidate stands for (another candidate's `full`),
  // or null for its own.
  const std::string_view* subject = nullptr;
};

struct TitleCandidate {
  Span span;
  TitleValue value;
  int person = -1;  // index into candidates
  std::string rule_id;
  int sentence = 0;
};

class SentenceParser {
 public:
  SentenceParser(std::string_view text, Word* words, size_t word_count, const SentenceFacts& facts,
                 const PeopleRules& rules, int sentence, std::vector<Candidate>* candidates,
                 std::vector<TitleCandidate>* titles, std::deque<std::string>* collapsed)
      : text_(text), w_(words), n_(static_cast<int>(word_count)), facts_(facts),
        rules_(rules), sentence_(sentence), candidates_(candidates), titles_(titles),
        collapsed_(collapsed) {}

  void Run() {
    headline_ = IsHeadline();
    last_title_head_ = facts_.last_title_head;
    FindTitles();
    // Each finder below needs a word the sentence may not have.
    if (facts_.comma) FindHeadsOf();
    if ((facts_.flags & kIsCounterpart) != 0) FindCounterparts();
    FindNames();
  }

 private:
  int n() const { return n_; }
  bool IsWord(int i) const { return i >= 0 && i < n_ && w_[i].is_word; }
  bool IsCap(int i) const { return i >= 0 && i < n_ && w_[i].is_cap; }
  [[gnu::always_inline]] bool Key(int i, std::string_view k) const { return i >= 0 && i < n() && w_[i].key == k; }
  // Key(i, {&c, 1}) without a call to compare.
  bool KeyIs(int i, char c) const { return i >= 0 && i < n() && IsChar(w_[i].key, c); }
  // Word i's key has flag `f` (WordFlag).
  bool Is(int i, uint32_t f) const { return (w_[i].flags & f) != 0; }

  // Length of the longest entry of `set` starting at word i, or 0.
  // `starts` is the set's kStarts* flag.
  int ListAt(const StringSet& set, uint32_t starts, int i) const {
    if (i < 0 || i >= n() || !Is(i, starts)) return 0;
    return LongestListEntry(set, i);
  }
  int LongestListEntry(const StringSet& set, int i) const {
    std::string key;
    int best = 0;
    for (int len = 1; len <= rules_.max_list_words && i + len <= n(); ++len) {
      const Word& w = w_[i + len - 1];
      if (!w.word && w.key != "&") break;
      if (len > 1) key += ' ';
      key += w.key;
      if (set.contains(key)) best = len;
      if (w.possessive) break;
    }
    return best;
  }

  // A jurisdiction name or adjective at i (capitalised): its length and code.
  [[gnu::always_inline]] int JurisdictionAt(int i, std::string* code,
                                            bool adjectives_only = false) const {
    if (!IsCap(i) || !Is(i, kStartsJurisdiction)) return 0;
    return LongestJurisdiction(i, code, adjectives_only);
  }
  int LongestJurisdiction(int i, std::string* code, bool adjectives_only) const {
    std::string key;
    int best = 0;
    for (int len = 1; len <= rules_.max_list_words && i + len <= n(); ++len) {
      const Word& w = w_[i + len - 1];
      if (!w.word || w.blocked || (len > 1 && !w.cap && w.key != "of")) break;
      if (len > 1) key += ' ';
      key += w.key;
      if (auto it = rules_.jurisdiction_adjectives.find(key);
          it != rules_.jurisdiction_adjectives.end()) {
        best = len;
        *code = it->second;
      } else if (auto it2 = rules_.jurisdiction_names.find(key);
                 !adjectives_only && it2 != rules_.jurisdiction_names.end()) {
        best = len;
        *code = it2->second;
      }
      if (w.possessive) break;
    }
    return best;
  }

  // Lower-case particles at i followed by a capitalised word ("von der L").
  bool ParticlesThenCap(int i) const {
    int k = i;
    while (IsWord(k) && !w_[k].cap && Is(k, kIsParticle)) ++k;
    return k > i && IsCap(k) && !w_[k].used;
  }

  bool IsMonthOrWeekday(int i) const {
    return IsWord(i) && Is(i, kIsMonthOrWeekday);
  }

  bool IsHeadline() const {
    const int content = facts_.content, cap = facts_.content_cap;
    if (content < 2) return content == 1 && cap == 1;
    const char last = n_ == 0 ? 0 : w_[n_ - 1].text.back();
    const bool terminated = last == '.' || last == '!' || last == '?' || last == '"';
    return cap == content || (!terminated && cap * 5 >= content * 4);
  }

  // The text of words b..e-1, white space collapsed.
  std::string Surface(int b, int e) const {
    const std::string_view s = View(text_, w_[b].span.begin, SpanOf(b, e).size());
    return SingleSpaced(b, e) ? std::string(s) : CollapseSpaces(s);
  }
  // The same as a view: into the text (the usual case) or into *collapsed_
  // (kept until the end of the document).
  std::string_view SurfaceView(int b, int e) const {
    const std::string_view s = View(text_, w_[b].span.begin, SpanOf(b, e).size());
    if (SingleSpaced(b, e)) return s;
    return collapsed_->emplace_back(CollapseSpaces(s));
  }
  // No tab, line break or two spaces between words b..e-1 (words hold no
  // white space, and end in none): their text is already collapsed.
  bool SingleSpaced(int b, int e) const {
    for (int k = b + 1; k < e; ++k) {
      char prev = 0;
      for (uint32_t j = w_[k - 1].span.end; j < w_[k].span.begin; ++j) {
        const char c = text_[j];
        if (c == '\t' || c == '\n' || c == '\r' || (c == ' ' && prev == ' ')) return false;
        prev = c;
      }
    }
    return true;
  }
  Span SpanOf(int b, int e) const { return {w_[b].span.begin, w_[e - 1].span.end}; }

  // The end of a person's name starting at i (exclusive), or i when none.
  int NameEnd(int i) const {
    if (!IsCap(i) || w_[i].used) return i;
    if (Is(i, kIsNeverName) && !w_[i].initial) return i;
    int e = i;
    int count = 0;
    while (e < n() && count < 6) {
      // "Minister Ana Ruiz Says ...": in a headline a verb ends the name.
      if (headline_ && e > i && Is(e, kIsNeverName) &&
          !IsMonthOrWeekday(e)) {
        break;
      }
      if (IsCap(e) && !w_[e].used) {
        ++e;
        ++count;
        if (w_[e - 1].possessive) break;
        continue;
      }
      if (e > i && ParticlesThenCap(e)) {
        ++e;
        continue;
      }
      break;
    }
    // Names end before words that start other things.
    while (e > i) {
      if (Is(e - 1, kIsOrganisationHead | kIsOtherHead | kIsPlaceHead)) {
        return i;  // "Premier League": not a name
      }
      break;
    }
    if (e - i == 1 && (w_[i].acronym || IsMonthOrWeekday(i))) return i;
    std::string code;
    if (JurisdictionAt(i, &code) == e - i) return i;
    if (ListAt(rules_.places, kStartsPlace, i) == e - i) return i;
    return e;
  }

  // The start of a name that ends right before `end` (a comma), or end.
  int NameStartBefore(int end) const {
    int b = end;
    while (b > 0) {
      if (IsCap(b - 1) && !w_[b - 1].used && (b == end || !w_[b - 1].possessive)) {
        --b;
      } else if (b < end && IsWord(b - 1) && Is(b - 1, kIsParticle) &&
                 b - 1 > 0 && IsCap(b - 2)) {
        --b;
      } else {
        break;
      }
    }
    while (b < end && (Is(b, kIsNeverName) ||
                       Is(b, kIsHonorific) || IsMonthOrWeekday(b))) {
      ++b;
    }
    if (b < end && w_[end - 1].possessive) return end;
    return b;
  }

  int AddPerson(int b, int e, bool evidence) {
    Candidate c;
    c.span = SpanOf(b, e);
    c.full = SurfaceView(b, e);
    NameKeyInto(c.full, &c.key);
    c.type = EntityType::kPerson;
    c.sentence = sentence_;
    c.person_evidence = evidence;
    c.headline = headline_;
    c.single = e - b == 1;
    c.from_title = true;
    for (int k = b; k < e; ++k) w_[k].used = true;
    candidates_->push_back(std::move(c));
    return static_cast<int>(candidates_->size()) - 1;
  }

  void AddTitle(int b, int e, TitleValue value, int person, std::string rule_id) {
    TitleCandidate t;
    t.span = SpanOf(b, e);
    value.surface = Surface(b, e);
    t.value = std::move(value);
    t.person = person;
    t.rule_id = std::move(rule_id);
    t.sentence = sentence_;
    for (int k = b; k < e; ++k) w_[k].used = true;
    titles_->push_back(std::move(t));
  }

  // The longest gazetteer title at i: its end, or i.
  int GazetteerAt(int i, std::string* key) const {
    if (!IsWord(i) || !w_[i].title_start || Is(i, kIsConnector)) return i;
    return LongestGazetteerTitle(i, key);
  }
  int LongestGazetteerTitle(int i, std::string* key) const {
    // The key of the phrase grows word by word (the key of a phrase is its
    // words' keys joined), and stops when no title starts with it.
    std::string k;
    int best = i;
    // Whether rules_.titles has k; k changes only with a word's title part.
    bool title = rules_.titles_have_empty_key;
    for (int len = 1; len <= rules_.max_title_words && i + len <= n(); ++len) {
      const Word& w = w_[i + len - 1];
      if ((!w.word && w.key != "&" && w.key != "-") || w.blocked) break;
      const std::string_view part = w.title_part;
      if (!part.empty()) {
        // A key of one part is a prefix when its word may start a title.
        if (k.empty()) {
          if (!w.title_start) break;
          k = part;
        } else {
          k += ' ';
          k += part;
          if (!rules_.title_prefixes.contains(k)) break;
        }
        title = rules_.titles.contains(k);
      }
      if (title && !(w.flags & kIsConnector)) {
        best = i + len;
        *key = k;
      }
      if (w.possessive) break;
    }
    return best;
  }

  // A lower-case word that may stand inside a role phrase ("union",
  // "financial"): a role word, a word of an office's name or an
  // organisation's head word.
  bool RoleWord(int i) const {
    if (!IsWord(i) || w_[i].cap || w_[i].used || w_[i].possessive) return false;
    return Is(i, kIsRoleWord | kIsTitleWord | kIsOrganisationHead | kIsTitleHead);
  }

  // A role phrase at i whose head word is lower case: up to three
  // capitalised words naming whose role it is, then lower-case role words
  // ending in a head ("union leader", "Labour leader", "team captain").
  // Its end, or i. *qualified says whether capitalised words lead it.
  int LowerHeadTitleAt(int i, bool* qualified) const {
    int k = i;
    while (k < n() && k - i < 3 && IsCap(k) && !w_[k].used && !w_[k].possessive &&
           !w_[k].acronym && !Is(k, kIsNeverName) && !IsMonthOrWeekday(k) &&
           !Is(k, kIsTitleHead)) {
      ++k;
    }
    *qualified = k > i;
    // "Microsoft chief executive": the office's own name, found at k.
    std::string key;
    if (k > i && GazetteerAt(k, &key) > k) return i;
    int best = i;
    for (int e = k; e < n() && e - k < 4 && RoleWord(e); ++e) {
      if (Is(e, kIsTitleHead)) best = e + 1;
    }
    return best;
  }

  // An unknown capitalised role phrase at i ending in a head word, with no
  // name after it ("the Tourism Minister,"): the end of the phrase, or i.
  // Only an apposition may attach it to a person.
  int AppositiveHeadTitleAt(int i) const {
    if (!IsCap(i) || Is(i, kIsNeverName) || IsMonthOrWeekday(i)) return i;
    for (int e = i; e < n() && e - i < 4; ++e) {
      if (!IsCap(e) || w_[e].used || w_[e].possessive || w_[e].acronym) return i;
      if (Is(e, kIsTitleHead)) return e + 1;
    }
    return i;
  }

  // A determiner or a possessive right before word i ("the", "its",
  // "the carmaker's"): a role phrase after it names one person.
  bool Determined(int i) const {
    if (i <= 0) return false;
    static const char* const kDeterminers[] = {"the", "a", "an", "its", "his", "her", "their"};
    for (const char* d : kDeterminers) {
      if (Key(i - 1, d)) return true;
    }
    return IsWord(i - 1) && w_[i - 1].possessive;
  }

  // An unknown capitalised role phrase at i ending in a head word that is
  // followed by a name: the end of the phrase, or i.
  int HeadTitleAt(int i) const {
    if (!IsCap(i) || Is(i, kIsNeverName) || IsMonthOrWeekday(i)) return i;
    int best = i;
    int e = i;
    while (e < n()) {
      if (IsCap(e) && !w_[e].possessive) {
        if (Is(e, kIsTitleHead) && NameEnd(e + 1) > e + 1) best = e + 1;
        ++e;
      } else if (IsWord(e) && e > i && Is(e, kIsConnector) &&
                 w_[e].key != "the" && IsCap(e + 1)) {
        // "The Social Democrats of Prime Minister Mette Frederiksen": a
        // known title after the connector starts a phrase of its own.
        std::string key;
        if (GazetteerAt(e + 1, &key) > e + 1) break;
        ++e;
      } else {
        break;
      }
    }
    return best;
  }

  void FindTitles() {
    for (int i = 0; i < n(); ++i) {
      // Most words start neither a title nor a qualifier, and no unknown
      // title ends after them (the loops below would find nothing): after
      // the last title head, skip to the next that does in a tight loop.
      if (i > last_title_head_ && !w_[i].title_seed) {
        const Word* w = w_ + i + 1;
        const Word* const end = w_ + n_;
        while (w != end && !w->title_seed) ++w;
        if (w == end) break;
        i = static_cast<int>(w - w_);
      }
      if (!IsWord(i) || w_[i].used) continue;
      // Qualifiers and modifiers, then a title.
      int p = i;
      std::string jurisdiction, key;
      bool distinct = false, former = false;
      int end = i;
      bool known = false;
      while (p < n()) {
        end = GazetteerAt(p, &key);
        if (end > p) {
          known = true;
          break;
        }
        // No modifier or qualifier starts here (the tests below would all
        // fail): most words.
        if (p >= n() ||
            !Is(p, kStartsFormer | kStartsDistinct | kStartsSame | kStartsJurisdiction)) {
          break;
        }
        int len;
        std::string code;
        if ((len = ListAt(rules_.former_modifiers, kStartsFormer, p)) > 0) {
          former = true;
        } else if ((len = ListAt(rules_.distinct_modifiers, kStartsDistinct, p)) > 0 && IsCap(p)) {
          distinct = true;
        } else if ((len = ListAt(rules_.same_modifiers, kStartsSame, p)) > 0) {
        } else if ((len = JurisdictionAt(p, &code)) > 0) {
          jurisdiction = code;
        } else {
          break;
        }
        p += len;
        // "ex-CEO": the hyphen after a modifier.
        if (p < n() && IsChar(w_[p].key, '-') && w_[p].span.begin == w_[p - 1].span.end) ++p;
      }
      bool lower_head = false;   // "union leader"
      bool appositive_only = false;  // "Chen Li, the Tourism Minister,"
      bool qualified = false;    // "Labour leader"
      if (!known) {
        // An unknown title ends in a head word: none at or after p, no title.
        if (p > last_title_head_) continue;
        end = HeadTitleAt(p);
        if (end == p) {
          end = LowerHeadTitleAt(p, &qualified);
          lower_head = end > p;
        }
        if (end == p) {
          end = AppositiveHeadTitleAt(p);
          appositive_only = end > p;
        }
        if (end == p) continue;
        // "Sharif and Army Chief Asim Munir": a known title after "and"
        // starts a new phrase.
        bool split = false;
        for (int k = p + 1; k < end && !split; ++k) {
          std::string k2;
          split = Key(k - 1, "and") && GazetteerAt(k, &k2) > k;
        }
        if (split) continue;
      }
      // A title word alone after only modifiers is fine; a title that does
      // not start with a capital needs a qualifier or stands in an apposition.
      TitleValue value;
      if (known && jurisdiction.empty()) {
        // A qualifier inside the alias itself ("US President").
        SplitQualifier(rules_, SurfaceView(p, end), &jurisdiction, nullptr);
      }
      value.jurisdiction = jurisdiction;
      value.former = former;
      if (known && !distinct) {
        for (const TitleEntry& e : LookupTitle(rules_, key, jurisdiction)) {
          value.office_ids.push_back(rules_.offices[e.office].id);
        }
      } else if (!distinct) {
        value.office_ids = OfficesOfOrganisationTitle(p, end);
      }
      // "his US counterpart, Defence Secretary Pete Hegseth".
      if (value.jurisdiction.empty() && i >= 2 && KeyIs(i - 1, ',') &&
          Is(i - 2, kIsCounterpart)) {
        for (int q = i - 3; q >= 0 && q >= i - 5; --q) {
          std::string code;
          if (JurisdictionAt(q, &code) == i - 2 - q) {
            value.jurisdiction = code;
            if (known && !distinct) {
              value.office_ids.clear();
              for (const TitleEntry& e : LookupTitle(rules_, key, code)) {
                value.office_ids.push_back(rules_.offices[e.office].id);
              }
            }
            break;
          }
        }
      }
      // A second title before the name ("Army Chief Field Marshal Asim
      // Munir"): both attach to the name that follows.
      int next_end = end;
      {
        std::string k2;
        const int e2 = GazetteerAt(end, &k2);
        if (IsCap(end) && e2 > end && NameEnd(e2) > e2) next_end = e2;
      }
      const int name_end = NameEnd(next_end);
      // A lower-case title needs a qualifier or an organisation before it
      // ("Microsoft chief executive Satya Nadella").
      const bool capital_title = IsCap(p) || (p == i && i > 0 && IsCap(i - 1));
      // A lower-case title alone ("chief executive Hanna Lindqvist", "coach
      // Sean Brennan") needs a name of two words or more.
      const bool title_ok = capital_title || p > i || qualified || name_end - end >= 2;
      if (appositive_only) next_end = end;
      if (name_end > next_end && next_end > end && (capital_title || p > i) && !appositive_only) {
        pending_.push_back({i, end, std::move(value), known});
        i = end - 1;
        continue;
      }
      if (name_end > end && title_ok && !appositive_only) {
        bool honorific = false;
        int nb = end;
        while (nb < name_end - 1 && Is(nb, kIsHonorific)) {
          ++nb;
          honorific = true;
        }
        (void)honorific;
        const int person = AddPerson(nb, name_end, true);
        for (Pending& pt : pending_) {
          AddTitle(pt.begin, pt.end, std::move(pt.value), person,
                   pt.known ? "title-office" : "title-head");
        }
        pending_.clear();
        AddTitle(i, end, std::move(value), person, known ? "title-office" : "title-head");
        for (int k = end; k < nb; ++k) w_[k].used = true;
        i = name_end - 1;
        continue;
      }
      if (!known && !lower_head && !appositive_only) continue;
      // Apposition before the name: "the carmaker's chief financial
      // officer, Hanna Lindqvist, said"; "Germany's foreign minister,
      // Annalena Baerbock, said". The name must be closed by a comma or the
      // end of the sentence, so "the minister, Ana Ruiz and ..." is no
      // apposition.
      if (KeyIs(end, ',') && (Determined(i) || p > i)) {
        const int ns = end + 1;
        const int ne = NameEnd(ns);
        const bool closed_name =
            ne > ns && (ne >= n() || KeyIs(ne, ',') || KeyIs(ne, '.') || KeyIs(ne, '!') ||
                        KeyIs(ne, '?') || KeyIs(ne, ';'));
        if (closed_name && (ne - ns >= 2 || capital_title || p > i)) {
          const int person = AddPerson(ns, ne, true);
          AddTitle(i, end, std::move(value), person, "title-apposition");
          w_[end].used = true;
          i = ne - 1;
          continue;
        }
      }
      // Apposition: "Rajnath Singh, India's defence minister".
      int b = i;
      while (b > 0 && (Key(b - 1, "the") || KeyIs(b - 1, 'a') || Key(b - 1, "an"))) --b;
      // An unknown title must be closed by punctuation ("Chen Li, the
      // Tourism Minister, toured"): in "In Paris, the Minister spoke" the
      // name is no apposition's.
      const bool closed =
          appositive_only
              ? end >= n() || KeyIs(end, ',') || KeyIs(end, '.') || KeyIs(end, ';') ||
                    KeyIs(end, '!') || KeyIs(end, '?') || KeyIs(end, ')')
              : end >= n() || !w_[end].word || !w_[end].cap;
      if (b > 0 && KeyIs(b - 1, ',') && closed) {
        const int ns = NameStartBefore(b - 1);
        if (ns < b - 1) {
          const int person = AddPerson(ns, b - 1, true);
          AddTitle(i, end, std::move(value), person, "title-apposition");
          i = end - 1;
        }
      }
    }
  }

  // Offices of an unknown title made of an organisation and a head word
  // ("Reserve Bank of India Governor", "Apple CEO"): the office that heads
  // the organisation, else a generic office named by the last words.
  std::vector<std::string> OfficesOfOrganisationTitle(int b, int e) const {
    std::vector<std::string> ids;
    for (int k = b + 1; k < e && ids.empty(); ++k) {
      auto org = rules_.organisations.find(SurfaceTitleKey(b, k));
      if (org != rules_.organisations.end()) {
        for (const TitleEntry& t : org->second) ids.push_back(rules_.offices[t.office].id);
        continue;
      }
      auto it = rules_.titles.find(SurfaceTitleKey(k, e));
      if (it == rules_.titles.end()) continue;
      for (const TitleEntry& t : it->second) {
        if (rules_.offices[t.office].jurisdiction.empty()) {
          ids.push_back(rules_.offices[t.office].id);
        }
      }
    }
    return ids;
  }

  // "Hegseth, who heads the Department of War"; "X, head of the Y".
  void FindHeadsOf() {
    // From comma to comma (a pointer walk: most words are none).
    const Word* const end = w_ + n_;
    for (const Word* comma = w_ + 1; comma < end; ++comma) {
      if (!IsChar(comma->key, ',')) continue;
      const int c = static_cast<int>(comma - w_);
      int p = c + 1;
      if (Key(p, "who")) ++p;
      if (Key(p, "is") || Key(p, "was")) ++p;
      if (Key(p, "the")) ++p;
      // No head phrase starts with the word at p: most commas.
      if (p >= n() || !Is(p, kStartsHeadPhrase)) continue;
      const int phrase_start = p;
      int matched = 0;
      for (const std::vector<std::string>& hp : rules_.head_phrases) {
        int len = static_cast<int>(hp.size());
        bool ok = p + len <= n();
        for (int k = 0; ok && k < len; ++k) ok = w_[p + k].key == hp[k];
        if (ok) matched = std::max(matched, len);
      }
      if (matched == 0) continue;
      p += matched;
      if (Key(p, "the")) ++p;
      // The longest organisation name from p.
      std::string phrase;
      int org_end = p;
      std::vector<TitleEntry> entries;
      for (int e = p; e < n() && e < p + 8; ++e) {
        if (!IsWord(e) || (!w_[e].cap && !Is(e, kIsConnector))) break;
        phrase += ' ';
        phrase += w_[e].text;
        auto it = rules_.organisations.find(TitleKey(rules_, phrase));
        if (it != rules_.organisations.end()) {
          org_end = e + 1;
          entries = it->second;
        }
        if (w_[e].possessive) break;
      }
      // An organisation the gazetteer does not know ("heads the agency",
      // "runs Nordvik Motors"): the person heads it, in an unknown office.
      for (int e = p; org_end == p && e < n() && e < p + 6; ++e) {
        if (!IsWord(e) || w_[e].used ||
            (!w_[e].cap && !RoleWord(e) && !Is(e, kIsConnector))) {
          break;
        }
        if (Is(e, kIsOrganisationHead)) org_end = e + 1;
        if (w_[e].possessive) break;
      }
      if (org_end == p) continue;
      const int ns = NameStartBefore(c);
      if (ns >= c) continue;
      TitleValue value;
      for (const TitleEntry& e : entries) value.office_ids.push_back(rules_.offices[e.office].id);
      const int person = AddPerson(ns, c, true);
      AddTitle(phrase_start, org_end, std::move(value), person, "title-heads");
    }
  }

  // "his US counterpart, Pete Hegseth": the office of the same portfolio as
  // the title held by the person before, in the counterpart's jurisdiction.
  void FindCounterparts() {
    for (int c = 1; c + 2 < n(); ++c) {
      if (!Is(c, kIsCounterpart) || !KeyIs(c + 1, ',')) continue;
      const int name_end = NameEnd(c + 2);
      if (name_end <= c + 2) continue;
      std::string code;
      int q = c - 1;
      for (; q >= 0 && q >= c - 4; --q) {
        if (JurisdictionAt(q, &code) == c - q) break;
      }
      if (q < 0 || q < c - 4 || code.empty()) continue;
      // The portfolio of the latest title in this sentence before q.
      std::string portfolio;
      for (auto it = titles_->rbegin(); it != titles_->rend(); ++it) {
        if (it->sentence != sentence_ || it->span.begin >= w_[q].span.begin) continue;
        for (const std::string& id : it->value.office_ids) {
          const std::string& p = rules_.offices[rules_.office_index.at(id)].portfolio;
          if (!p.empty()) portfolio = p;
          if (!portfolio.empty()) break;
        }
        break;
      }
      if (portfolio.empty()) continue;
      TitleValue value;
      value.jurisdiction = code;
      value.inferred = true;
      for (const Office& o : rules_.offices) {
        if (o.jurisdiction == code && o.portfolio == portfolio) value.office_ids.push_back(o.id);
      }
      if (value.office_ids.empty()) continue;
      const int person = AddPerson(c + 2, name_end, true);
      AddTitle(q, c + 1, std::move(value), person, "title-counterpart");
    }
  }

  void Emit(int b, int e, EntityType type, bool evidence, bool after_prep) {
    if (e <= b) return;
    Candidate& c = candidates_->emplace_back();
    c.span = SpanOf(b, e);
    c.full = SurfaceView(b, e);
    NameKeyInto(c.full, &c.key);
    c.type = type;
    c.sentence = sentence_;
    c.person_evidence = evidence;
    c.after_preposition = after_prep;
    c.headline = headline_;
    c.single = e - b == 1 && !w_[b].acronym;
  }

  void FindNames() {
    // Over the capitalised words only (the others start no name).
    int next = 0;  // the first word after the last run
    for (const int i : std::span<const int>(facts_.caps->data(), facts_.cap_count)) {
      if (i < next || w_[i].used) continue;
      int e = i + 1;
      if (!w_[i].possessive) {
        while (e < n()) {
          if (IsCap(e) && !w_[e].used) {
            ++e;
            if (w_[e - 1].possessive) break;
          } else if (ParticlesThenCap(e)) {
            ++e;
          } else if (IsWord(e) && !w_[e].used &&
                     Is(e, kIsNameConnector) &&
                     IsCap(e + 1) && !w_[e + 1].used) {
            ++e;
          } else {
            break;
          }
        }
      }
      ClassifyRun(i, e);
      next = e;
    }
  }

  void ClassifyRun(int b, int e) {
    const bool after_prep =
        b > 0 && IsWord(b - 1) && Is(b - 1, kIsPlacePreposition);
    bool evidence = false;
    while (b < e) {
      int len;
      if ((len = ListAt(rules_.honorifics, kStartsHonorific, b)) > 0 && b + len < e) {
        evidence = true;
        b += len;
      } else if (Is(b, kIsNeverName) || IsMonthOrWeekday(b) ||
                 Is(b, kIsConnector) || !w_[b].cap) {
        ++b;
      } else {
        break;
      }
    }
    while (e > b && (Is(e - 1, kIsConnector) || !w_[e - 1].cap)) --e;
    if (b >= e) return;
    if (ClassifyByHead(b, e, after_prep)) return;
    // Otherwise split at connectors into names.
    int s = b;
    for (int k = b; k <= e; ++k) {
      if (k < e && !Is(k, kIsNameConnector)) continue;
      // A segment that is the whole run was classified by head above.
      ClassifySegment(s, k, evidence, after_prep && s == b, s == b && k == e);
      s = k + 1;
    }
  }

  // Word i's key or its singular is in a list: `is` is the list's kIs*
  // flag, `plural` its k*Plural flag.
  bool InPlural(uint32_t is, uint32_t plural, int i) const {
    const std::string_view key = w_[i].key;
    return Is(i, is) || (key.size() > 3 && key.back() == 's' && Is(i, plural));
  }


  // TitleKey(rules_, Surface(b, e)) into title_key_: the words' title parts
  // joined when only white space (which Surface collapses) separates them.
  const std::string& SurfaceTitleKey(int b, int e) const {
    title_key_.clear();
    if (!SpaceSeparated(b, e)) {
      TitleKeyInto(rules_, Surface(b, e), &title_key_);
      return title_key_;
    }
    for (int k = b; k < e; ++k) {
      if (w_[k].title_part.empty()) continue;
      if (!title_key_.empty()) title_key_ += ' ';
      title_key_ += w_[k].title_part;
    }
    return title_key_;
  }

  // Only white space (at least one byte) between the words b..e-1.
  bool SpaceSeparated(int b, int e) const {
    for (int k = b + 1; k < e; ++k) {
      const uint32_t gap_begin = w_[k - 1].span.end, gap_end = w_[k].span.begin;
      if (gap_begin >= gap_end) return false;
      for (uint32_t j = gap_begin; j < gap_end; ++j) {
        if (!IsTokenSpace(text_[j])) return false;
      }
    }
    return true;
  }

  // rules_.titles has SurfaceTitleKey(b, e).
  bool IsGazetteerTitle(int b, int e) const {
    if (SpaceSeparated(b, e)) {
      // A key's first part is a title prefix: most phrases fail here.
      for (int k = b; k < e; ++k) {
        if (w_[k].title_part.empty()) continue;
        if (!w_[k].title_start) return false;
        break;
      }
    }
    return rules_.titles.contains(SurfaceTitleKey(b, e));
  }

  // Organisations, other things and places by their head word; titles
  // without a person are nothing. True when classified.
  bool ClassifyByHead(int b, int e, bool after_prep) {
    if (InPlural(kIsTitleHead, kIsTitleHeadPlural, e - 1) || IsGazetteerTitle(b, e)) {
      return true;
    }
    // Organisations: "Defence Ministry", "Ministry of External Affairs".
    bool head_of = false;  // "Reserve Bank of India", "Ministry of Defence"
    for (int k = b; k + 2 < e && !head_of; ++k) {
      head_of = Is(k, kIsOrganisationHead) && Key(k + 1, "of");
    }
    if (Is(e - 1, kIsOrganisationHead) || head_of) {
      Emit(b, e, EntityType::kOrganisation, false, after_prep);
      return true;
    }
    if (InPlural(kIsOtherHead, kIsOtherHeadPlural, e - 1)) {
      if (e - b > 1) Emit(b, e, EntityType::kOther, false, after_prep);
      return true;
    }
    if (Is(e - 1, kIsPlaceHead) && e - b > 1) {
      Emit(b, e, EntityType::kPlace, false, after_prep);
      return true;
    }
    return false;
  }

  // `by_head_tried`: ClassifyByHead(b, e) said false already (it has no
  // effect then, whatever after_prep is).
  void ClassifySegment(int b, int e, bool evidence, bool after_prep, bool by_head_tried) {
    if (b >= e || (!by_head_tried && ClassifyByHead(b, e, after_prep))) return;
    std::string code;
    if (JurisdictionAt(b, &code) == e - b || ListAt(rules_.places, kStartsPlace, b) == e - b) {
      // An adjective alone ("Indian") names nothing.
      if (JurisdictionAt(b, &code, true) == e - b &&
          !rules_.jurisdiction_names.contains(SurfaceTitleKey(b, e))) {
        return;
      }
      Emit(b, e, EntityType::kPlace, false, after_prep);
      return;
    }
    // A leading adjective ("Indian Navy" went to organisations above).
    int len = JurisdictionAt(b, &code, true);
    if (len > 0 && len < e - b) b += len;
    if (e - b == 1) {
      if (w_[b].acronym) {
        auto it = rules_.organisations.find(w_[b].key);
        Emit(b, e, it != rules_.organisations.end() ? EntityType::kOrganisation
                                                      : EntityType::kUnknown,
             false, after_prep);
        return;
      }
      Emit(b, e, EntityType::kUnknown, evidence, after_prep);
      return;
    }
    bool name_like = true;
    bool initial = false;
    for (int k = b; k < e; ++k) {
      if (Is(k, kIsParticle)) continue;
      if (w_[k].initial) {
        initial = true;
        continue;
      }
      if (w_[k].acronym) name_like = false;
      for (char c : w_[k].text) {
        if (IsAsciiDigit(c)) name_like = false;
      }
      std::string jc;
      if (Is(k, kIsTitleHead) || Is(k, kIsNeverName) ||
          JurisdictionAt(k, &jc) > 0) {
        name_like = false;
      }
    }
    if (e - b > 4) name_like = false;
    Emit(b, e, name_like ? EntityType::kPerson : EntityType::kUnknown,
         evidence || initial, after_prep);
  }

  std::string_view text_;
  Word* w_;  // the sentence's words (their number does not change)
  int n_;
  const SentenceFacts& facts_;
  const PeopleRules& rules_;
  int sentence_;
  std::vector<Candidate>* candidates_;
  std::vector<TitleCandidate>* titles_;
  std::deque<std::string>* collapsed_;  // surfaces of candidates, collapsed
  bool headline_ = false;
  int last_title_head_ = -1;  // the last word with kIsTitleHead, or -1
  mutable std::string title_key_;  // scratch of SurfaceTitleKey
  struct Pending {
    int begin;
    int end;
    TitleValue value;
    bool known;
  };
  std::vector<Pending> pending_;
};

// A cheap hash of short keys (the word flag table's: a few whole-word
// loads and one multiply, cheaper than absl's for names).
struct KeyHash {
  size_t operator()(std::string_view s) const { return WordFlagTable::Hash(s.data(), s.size()); }
};

}  // namespace

PeopleEngine::PeopleEngine() : rules_(std::make_unique<PeopleRules>()) {}
PeopleEngine::~PeopleEngine() = default;
PeopleEngine::PeopleEngine(PeopleEngine&&) noexcept = default;
PeopleEngine& PeopleEngine::operator=(PeopleEngine&&) noexcept = default;

void PeopleEngine::Compile(const std::vector<rules::RuleFile>& files,
                           const rules::Lexicon& lexicon, rules::Diagnostics* diag) {
  lexicon_ = &lexicon;
  *rules_ = PeopleRules();
  CompilePeopleRules(files, diag, rules_.get());
  rules_->titles_have_empty_key = rules_->titles.contains("");
  for (const char* small : kHeadlineSmallWords) rules_->word_flags[small] |= kIsHeadlineSmall;
  // Month and weekday keys are lowercase without a trailing period, as
  // word keys are: a flag answers Lexicon::Month/Weekday for a word.
  for (const auto* names : {&lexicon.months, &lexicon.weekdays}) {
    for (const auto& [key, number] : *names) {
      if (number != 0) rules_->word_flags[key] |= kIsMonthOrWeekday;
    }
  }
  // The abbreviations a period stays with ("Gen."): a flag answers for
  // the lexicon's set.
  for (const std::string& a : lexicon.abbreviations) rules_->word_flags[a] |= kIsAbbreviation;
  for (const std::string& h : rules_->title_heads) {
    rules_->word_flags[absl::StrCat(h, "s")] |= kIsTitleHeadPlural;
  }
  for (const std::string& h : rules_->other_heads) {
    rules_->word_flags[absl::StrCat(h, "s")] |= kIsOtherHeadPlural;
  }
  for (const std::vector<std::string>& hp : rules_->head_phrases) {
    if (!hp.empty()) rules_->word_flags[hp[0]] |= kStartsHeadPhrase;
  }
  for (auto& [key, flags] : rules_->word_flags) flags |= LetterTitleBits(key, flags);
  rules_->word_flag_table.Build(rules_->word_flags);
  // Punctuation tokens, through the path BuildWords takes for any token.
  rules_->byte_words.assign(128, {});
  WordArena arena;
  for (int c = 0; c < 128; ++c) {
    const char byte = static_cast<char>(c);
    Word w;
    w.text = w.key = std::string_view(&byte, 1);
    w.flags = rules_->word_flag_table.Find(w.key);
    arena.Reset(1);
    SetTitlePart(*rules_, &arena, &w);
    PeopleRules::ByteWord& b = rules_->byte_words[c];
    b.flags = w.flags;
    b.title_part = std::string(w.title_part);
    b.title_start = w.title_start;
    b.title_seed = w.title_seed;
  }
}

void PeopleEngine::Find(std::string_view text, const std::vector<Span>& sentences,
                        const std::vector<Mention>& taken,
                        std::vector<Mention>* out) const {
  Find(text, sentences, nullptr, taken, out);
}

void PeopleEngine::Find(std::string_view text, const std::vector<Span>& sentences,
                        const std::vector<std::span<const Token>>* tokens_of_sentences,
                        const std::vector<Mention>& taken,
                        std::vector<Mention>* out) const {
  // `taken` may be `*out`: copy the spans first.
  std::vector<Span> taken_spans;
  uint32_t longest_taken = 0;
  for (const Mention& m : taken) {
    if (m.kind != MentionKind::kQuote) {
      taken_spans.push_back(m.span);
      if (m.span.end > m.span.begin) {
        longest_taken = std::max(longest_taken, m.span.end - m.span.begin);
      }
    }
  }
  // By start, so that a sentence looks only at the spans that may overlap
  // it (those starting before it by less than the longest span).
  std::stable_sort(taken_spans.begin(), taken_spans.end(),
                   [](const Span& a, const Span& b) { return a.begin < b.begin; });
  const std::vector<Span>& units = sentences;
  // Buffers reused across sentences (and calls): most sentences allocate
  // nothing.
  thread_local std::vector<Candidate> candidates;
  thread_local std::vector<TitleCandidate> titles;
  thread_local std::deque<std::string> collapsed;
  candidates.clear();
  titles.clear();
  collapsed.clear();
  thread_local std::vector<PeopleToken> tokens;
  thread_local std::vector<Word> words;
  thread_local WordArena arena;
  thread_local std::vector<int> caps;
  thread_local std::vector<Span> local;
  // The first taken span that may overlap the sentence: those before it
  // start too early to reach it. Sentences come in order, so it only moves
  // on (from the start again if one does not).
  auto first = taken_spans.begin();
  uint32_t previous_begin = 0;
  for (size_t s = 0; s < units.size(); ++s) {
    local.clear();
    const Span unit = units[s];
    if (unit.begin < previous_begin) first = taken_spans.begin();
    previous_begin = unit.begin;
    while (first != taken_spans.end() && uint64_t{first->begin} + longest_taken <= unit.begin) {
      ++first;
    }
    for (auto it = first; it != taken_spans.end() && it->begin < unit.end; ++it) {
      if (it->Overlaps(unit)) local.push_back(*it);
    }
    SentenceFacts facts;
    facts.caps = &caps;
    std::span<const PeopleToken> sentence_tokens;
    if (tokens_of_sentences != nullptr) {
      sentence_tokens = (*tokens_of_sentences)[s];
    } else {
      Tokenize(text, units[s], &tokens);
      sentence_tokens = tokens;
    }
    const size_t word_count = BuildWords(text, units[s], sentence_tokens, local, *rules_,
                                         &arena, &words, &facts);
    SentenceParser parser(text, words.data(), word_count, facts, *rules_, static_cast<int>(s), &candidates,
                          &titles, &collapsed);
    parser.Run();
  }

  // The candidates' keys as small numbers, so that the sets of keys below
  // are bytes indexed by them, not sets of strings.
  thread_local absl::flat_hash_map<std::string_view, uint32_t, KeyHash> key_numbers;
  thread_local std::vector<uint32_t> key_of;  // of each candidate
  key_numbers.clear();
  key_of.clear();
  for (const Candidate& c : candidates) {
    key_of.push_back(
        key_numbers.try_emplace(c.key, static_cast<uint32_t>(key_numbers.size())).first->second);
  }
  // Per key number: kPlaceKey, kPersonKey, kFullPersonKey.
  enum : uint8_t { kPlaceKey = 1, kPersonKey = 2, kFullPersonKey = 4 };
  thread_local std::vector<uint8_t> key_sets;
  key_sets.assign(key_numbers.size(), 0);
  // Places: a name seen after "in"/"at"/"from" and never with a title or
  // honorific is a place everywhere in the document.
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (c.type == EntityType::kPlace) key_sets[key_of[i]] |= kPlaceKey;
    if (c.person_evidence) key_sets[key_of[i]] |= kPersonKey;
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (c.after_preposition && (key_sets[key_of[i]] & kPersonKey) == 0 &&
        (c.type == EntityType::kPerson || c.type == EntityType::kUnknown)) {
      key_sets[key_of[i]] |= kPlaceKey;
    }
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    if (c.from_title || c.person_evidence) continue;
    if ((key_sets[key_of[i]] & kPlaceKey) != 0) c.type = EntityType::kPlace;
  }
  // People named in full (two words or more) outside headlines, in order.
  struct Known {
    size_t begin;
    const std::string_view* full;  // of a candidate
    const std::string* key;
  };
  thread_local std::vector<Known> people;
  people.clear();
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (c.type != EntityType::kPerson || c.key.find(' ') == std::string::npos) continue;
    if (c.headline && !c.person_evidence) continue;
    people.push_back({c.span.begin, &c.full, &c.key});
    key_sets[key_of[i]] |= kFullPersonKey;
  }
  std::stable_sort(people.begin(), people.end(),
                   [](const Known& a, const Known& b) { return a.begin < b.begin; });
  // The full names' mentions by each whole trailing part of their keys:
  // the last word, or more for a hyphenated surname ("al qahtani"), then
  // by key and position. Looked up by a surname with binary searches, so
  // that an article naming thousands of people costs a search per
  // surname, not a pass over them all. (Made on the first surname.)
  struct Part {
    std::string_view part;   // a trailing part of *key
    const std::string* key;  // the full name's key
    uint32_t index;          // into `people`
  };
  thread_local std::vector<Part> parts;
  bool parts_made = false;
  auto make_parts = [&] {
    parts_made = true;
    parts.clear();
    for (uint32_t i = 0; i < people.size(); ++i) {
      const std::string& key = *people[i].key;
      for (size_t space = key.find(' '); space != std::string::npos;
           space = key.find(' ', space + 1)) {
        parts.push_back({std::string_view(key).substr(space + 1), &key, i});
      }
    }
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
      if (a.part != b.part) return a.part < b.part;
      if (*a.key != *b.key) return *a.key < *b.key;
      return a.index < b.index;
    });
  };
  auto resolve = [&](const Candidate& c) -> const Known* {
    // A surname (or single given name) stands for the full name with that
    // last word named most often before it, the latest of those on a tie
    // ("Ingrid Halvard ... Ingrid Halvard ... her husband, Tomas Halvard
    // ... Halvard spent four decades": Ingrid), else the first after it.
    if (!parts_made) make_parts();
    const std::string_view surname = c.key;
    auto it = std::lower_bound(parts.begin(), parts.end(), surname,
                               [](const Part& p, std::string_view s) { return p.part < s; });
    const Known* before = nullptr;
    const Known* after = nullptr;
    size_t best = 0;
    while (it != parts.end() && it->part == surname) {
      // One full name's mentions, by position.
      const std::string* key = it->key;
      const auto run_end = std::find_if(it, parts.end(), [&](const Part& p) {
        return p.part != surname || *p.key != *key;
      });
      const auto first_after = std::partition_point(
          it, run_end, [&](const Part& p) { return people[p.index].begin < c.span.begin; });
      const size_t count = static_cast<size_t>(first_after - it);
      if (first_after != run_end) {
        const Known* next = &people[first_after->index];
        if (after == nullptr || next->begin < after->begin) after = next;
      }
      if (count > 0) {
        const Known* last = &people[std::prev(first_after)->index];
        if (count > best || (count == best && last->begin > before->begin)) {
          best = count;
          before = last;
        }
      }
      it = run_end;
    }
    return before != nullptr ? before : after;
  };
  // Bytes, not bits: counted below, and std::count goes bit by bit.
  thread_local std::vector<uint8_t> emit;
  emit.assign(candidates.size(), 0);
  for (size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    c.subject = nullptr;
    if (c.type == EntityType::kPerson || c.type == EntityType::kUnknown) {
      if (c.single || c.key.find(' ') == std::string::npos) {
        if (c.type == EntityType::kUnknown && !c.single) {
          emit[i] = !c.headline;  // an acronym
          continue;
        }
        if (const Known* k = resolve(c)) {
          c.type = EntityType::kPerson;
          c.subject = k->full;
          emit[i] = true;
        } else if (c.from_title || c.person_evidence) {
          c.type = EntityType::kPerson;
          emit[i] = true;
        }
        continue;
      }
      if (c.headline && !c.person_evidence && (key_sets[key_of[i]] & kFullPersonKey) == 0) {
        continue;
      }
      if (c.headline && c.type == EntityType::kUnknown) continue;
      emit[i] = true;
      continue;
    }
    emit[i] = !c.headline || c.type == EntityType::kPlace;
  }
  // "name-" and EntityTypeName, by EntityType.
  static const std::string kNameRuleIds[] = {
      absl::StrCat("name-", EntityTypeName(EntityType::kUnknown)),
      absl::StrCat("name-", EntityTypeName(EntityType::kPerson)),
      absl::StrCat("name-", EntityTypeName(EntityType::kOrganisation)),
      absl::StrCat("name-", EntityTypeName(EntityType::kPlace)),
      absl::StrCat("name-", EntityTypeName(EntityType::kOther))};
  // The mentions are made in place (a Mention is large to move), after one
  // growth at most (doubling, as pushing would, to leave room for the next
  // finder's).
  const size_t need = out->size() + std::count(emit.begin(), emit.end(), uint8_t{1}) + titles.size();
  if (out->capacity() < need) {
    size_t capacity = std::max<size_t>(out->capacity(), 1);
    while (capacity < need) capacity *= 2;
    out->reserve(capacity);
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!emit[i]) continue;
    Candidate& c = candidates[i];
    Mention& m = out->emplace_back();
    m.kind = MentionKind::kName;
    m.span = c.span;
    NameValue& v = m.value.emplace<NameValue>();
    // Strings made whole and moved in: cheaper than assigning a view.
    v.full = std::string(c.full);
    v.key = std::move(c.key);  // not needed any more
    v.type = c.type;
    v.organisation = c.type == EntityType::kOrganisation;
    m.value_text = v.full;
    m.rule_id = kNameRuleIds[static_cast<int>(c.type)];
    m.subject = c.subject != nullptr ? std::string(*c.subject) : v.full;
  }
  for (TitleCandidate& t : titles) {
    Mention& m = out->emplace_back();
    m.kind = MentionKind::kTitle;
    m.span = t.span;
    if (t.person >= 0) {
      const Candidate& p = candidates[t.person];
      const std::string_view subject = p.subject != nullptr ? *p.subject : p.full;
      t.value.person = subject.empty() ? p.full : subject;
    }
    m.subject = t.value.person;
    m.value_text = t.value.surface;
    m.rule_id = std::move(t.rule_id);
    m.value = std::move(t.value);
  }
}

void PeopleEngine::RunExamples(std::vector<rules::ExampleResult>* results) const {
  static const rules::Lexicon kEmpty;
  const rules::Lexicon& lexicon = lexicon_ != nullptr ? *lexicon_ : kEmpty;
  for (const Office& office : rules_->offices) {
    for (const OfficeExample& ex : office.examples) {
      std::vector<Mention> mentions;
      Find(ex.text, SplitSentences(ex.text, lexicon), {}, &mentions);
      bool found = false;
      std::string seen;
      for (const Mention& m : mentions) {
        if (m.kind != MentionKind::kTitle) continue;
        const auto& tv = std::get<TitleValue>(m.value);
        absl::StrAppend(&seen, seen.empty() ? "" : "; ", tv.surface, " -> {",
                        absl::StrJoin(tv.office_ids, ","), "} of '", tv.person, "'");
        if (!tv.person.empty() &&
            std::find(tv.office_ids.begin(), tv.office_ids.end(), office.id) !=
                tv.office_ids.end()) {
          found = true;
        }
      }
      rules::ExampleResult r;
      r.pos = ex.pos;
      r.rule_id = office.id;
      r.passed = found != ex.counter;
      if (!r.passed) {
        r.message = absl::StrCat(ex.counter ? "counter-example '" : "example '", ex.text,
                                 ex.counter ? "' names the office" : "' does not name the office",
                                 "; titles found: ", seen.empty() ? "none" : seen);
      }
      results->push_back(std::move(r));
    }
  }
}

}  // namespace concord::extract
