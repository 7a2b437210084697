// The figure engine: finds numbers (extract/numbers.h) and reads around each
// one with the tables of rules/figures.toml: a currency or unit before or
// after it, a hedge that bounds it, a range, and the noun it counts.
#include "extract/figures.h"

#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <span>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/simd.h"
#include "base/strings.h"
#include "extract/extract.h"
#include "extract/numbers.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace concord {

namespace extract {

// ------------------------------------------------------------------ tables

struct Example {
  std::string text;
  rules::SourcePos pos;
  std::string rule_id;
  bool counter = false;
};

struct UnitDef {
  std::string id;    // the unit figures carry (base unit when converted)
  std::string kind;  // currency, percent, points, measure
  double factor = 1;
  bool currency = false;
};

// A phrase (lowercase) and what it stands for, matched longest first.
struct Phrase {
  std::string text;
  int index = 0;
};

// Phrases sorted longest first, with the bytes a phrase may start with: most
// positions of a text start none, and one table lookup says so.
struct PhraseTable {
  std::vector<Phrase> phrases;
  // By lowercase first byte: indices into `phrases` of the phrases starting
  // with it, longest first. Unused when a phrase is "" (it matches anywhere).
  std::array<std::vector<int>, 256> by_first;
  // The same by last byte, for MatchPhraseBefore.
  std::array<std::vector<int>, 256> by_last;
  bool has_empty = false;

  void Add(std::string text, int index) { phrases.push_back({std::move(text), index}); }
  // Sorts longest first and fills `by_first`.
  void Finish();
  // False when no phrase can match at a byte `c`.
  bool MayStartAt(char c) const {
    return has_empty || !by_first[static_cast<unsigned char>(AsciiLower(c))].empty();
  }
};

struct HedgeDef {
  std::string id;
  Bound bound = Bound::kApprox;
};

struct CountedDef {
  std::string id;
  std::string key;
  bool generic = false;  // "people": yields to an event word nearby
};

struct PatternRule {
  std::string id;
  std::string kind;  // counted_before, counted_after, not_before, not_after
  std::unique_ptr<RE2> re;
  int counted_group = -1;
  int year_group = -1;
  // not_* rules: apply only to figures up to this value ("the two nations"
  // refers back; "the 42 people killed" is a figure).
  double max_value = std::numeric_limits<double>::infinity();
};

// Bits of FigureRules::prefix_flags.
enum : uint8_t {
  kPrefixNumber = 1,
  kPrefixMultiplier = 2,
};

// Bits of FigureRules::starts.
enum : uint8_t {
  kStartDigit = 1,
  kStartCurrency = 2,
  kStartMultiplier = 4,
  kStartNumberWord = 8,
};

// How a person's age is written ([figures.age]); no ages when max is 0.
struct AgeDef {
  std::string unit;                    // the unit of age figures
  std::vector<std::string> words;      // lowercase: "aged"
  std::vector<std::string> articles;   // lowercase: "a", "an", "the"
  StringSet not_before;                // lowercase: "a", "his" before "N-year-old Name"
  StringSet not_in_sentence;           // lowercase: "runs", "votes"
  StringSet others;                    // lowercase: "father", between a name and "aged"
  StringSet death_words;               // lowercase: "died", between a name and "aged"
  StringSet pronouns;                  // lowercase: "she" in "She was 87."
  StringSet copulas;                   // lowercase: "was"
  int min = 1;
  int max = 0;
  std::vector<Example> examples;       // run by RunAgeExamples
};

struct FigureRules {
  AgeDef age;
  std::vector<UnitDef> units;
  PhraseTable unit_before;  // "$", "us$", "rs"
  size_t longest_unit_before = 0;  // bytes of the longest phrase above
  PhraseTable unit_after;   // "percent", "dollars", "km"
  std::vector<HedgeDef> hedges;
  PhraseTable hedge_before;
  PhraseTable hedge_after;
  std::vector<CountedDef> counted;
  StringMap<int> counted_by_stem;  // stems joined by ' ' -> counted index
  StringMap<double> multipliers;   // lowercase verb -> factor
  size_t longest_multiplier = 0;   // bytes of the longest key above
  std::array<bool, 256> multiplier_first{};  // first bytes of the keys above
  // By the first two bytes (NumberStartSlot): bit n set when a key above has
  // n bytes, so that most words starting like one are not hashed.
  std::array<uint64_t, 1024> multiplier_lengths{};
  // What may start at a byte (kStart* bits): a digit, the first byte of a
  // currency before the number, of a number word or of a multiplier (any
  // case). Run() skips the words starting with a byte of none.
  std::array<uint8_t, 256> starts{};
  // Lowercase words that may start a spelled-out number (number words of
  // the lexicon, plural scales, "a", "an"): ParseNumberAt reads no number
  // at any other word, and most words of a text are none of these.
  StringSet number_starts;
  size_t longest_number_start = 0;
  // By the first two bytes (NumberStartSlot): bit n set when a word above
  // has n bytes (bit 63: 63 or more), to skip most words unhashed.
  std::array<uint64_t, 1024> number_start_lengths{};
  // By five bits of each of the first three bytes (NumberStartSlot3): set
  // when a word above starts so. "the", "that", "this" pass the test above.
  std::bitset<32768> number_start_prefix;
  // By the slot of a word's first three bytes (PrefixSlot): kPrefixNumber
  // when MayStartNumberWord's tests on them (both tables above) pass,
  // kPrefixMultiplier when a multiplier starts so.
  std::array<uint8_t, 32768> prefix_flags{};
  StringMap<std::string> multiplier_ids;
  StringSet stop;         // words that end a noun phrase
  StringSet not_counted;  // heads that are never counted things
  StringSet auxiliaries;  // "were", "have", "been" between noun and event
  StringSet collective;   // "crowd": "a crowd of 31,207 saw ..." counts the crowd
  StringSet verbs;        // verb forms that end a noun phrase after its first word
  StringSet range_words;  // "to", "and" joining a range
  int max_noun_words = 4;
  std::vector<PatternRule> patterns;
  std::vector<Example> examples;
};

void PhraseTable::Finish() {
  std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
    return a.text.size() > b.text.size();
  });
  for (auto& v : by_first) v.clear();
  for (auto& v : by_last) v.clear();
  has_empty = false;
  for (size_t k = 0; k < phrases.size(); ++k) {
    if (phrases[k].text.empty()) {
      has_empty = true;
    } else {
      by_first[static_cast<unsigned char>(phrases[k].text.front())].push_back(static_cast<int>(k));
      by_last[static_cast<unsigned char>(phrases[k].text.back())].push_back(static_cast<int>(k));
    }
  }
}

namespace {

constexpr auto kAlnumByte = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  return t;
}();
bool IsAlnum(char c) { return kAlnumByte[static_cast<unsigned char>(c)]; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Case-insensitive (ASCII) match of `phrase` at `p`; a phrase ending in a
// letter or digit must end at a word boundary.
bool MatchAt(std::string_view text, size_t p, std::string_view phrase) {
  if (p + phrase.size() > text.size()) return false;
  for (size_t i = 0; i < phrase.size(); ++i) {
    if (AsciiLower(text[p + i]) != phrase[i]) return false;
  }
  const size_t e = p + phrase.size();
  if (!phrase.empty() && IsAlnum(phrase.back()) && e < text.size() && IsAlnum(text[e])) {
    return false;
  }
  return true;
}

// The longest phrase matching at `p`, or nullptr.
const Phrase* MatchPhrase(const PhraseTable& table, std::string_view text, size_t p) {
  if (p < text.size() && !table.has_empty) {
    for (int k : table.by_first[static_cast<unsigned char>(AsciiLower(text[p]))]) {
      const Phrase& ph = table.phrases[k];
      // The second byte first: most words share no more with a phrase.
      if (ph.text.size() > 1 &&
          (p + 1 >= text.size() || AsciiLower(text[p + 1]) != ph.text[1])) {
        continue;
      }
      if (MatchAt(text, p, ph.text)) return &ph;
    }
    return nullptr;
  }
  for (const Phrase& ph : table.phrases) {  // sorted longest first
    if (MatchAt(text, p, ph.text)) return &ph;
  }
  return nullptr;
}

// A currency code glued to its digits ("EUR4m", "GBP40m"): a three-letter
// `before` phrase of a currency, written in capitals, right before a digit.
// Other letters glued to digits are a word or a model name ("eur4", "RS6",
// "A320"), not a price.
const Phrase* MatchCodeBeforeDigit(const PhraseTable& table, const std::vector<UnitDef>& units,
                                   std::string_view text, size_t p) {
  for (const Phrase& ph : table.phrases) {  // sorted longest first
    const size_t e = p + ph.text.size();
    if (ph.text.size() != 3 || !units[ph.index].currency || e >= text.size() ||
        !IsAsciiDigit(text[e])) {
      continue;
    }
    bool match = true;
    for (size_t j = 0; j < ph.text.size() && match; ++j) {
      match = IsAsciiUpper(text[p + j]) && AsciiLower(text[p + j]) == ph.text[j];
    }
    if (match) return &ph;
  }
  return nullptr;
}

// The longest phrase ending at `e` (after skipping blanks back), starting at
// a word boundary; sets *start.
const Phrase* MatchPhraseBefore(const PhraseTable& table, std::string_view text, size_t lo,
                                size_t e, size_t* start) {
  while (e > lo && IsBlank(text[e - 1])) --e;
  auto ends_at_e = [&](const Phrase& ph) {
    if (ph.text.size() > e - lo) return false;
    const size_t b = e - ph.text.size();
    if (b > lo && IsAlnum(text[b - 1]) && IsAlnum(ph.text.front())) return false;
    if (!MatchAt(text, b, ph.text)) return false;
    *start = b;
    return true;
  };
  // A phrase matching there ends with the byte before `e`, lowercased: only
  // those are tried, longest first as below.
  if (!table.has_empty) {
    if (e == lo) return nullptr;
    for (int k : table.by_last[static_cast<unsigned char>(AsciiLower(text[e - 1]))]) {
      if (ends_at_e(table.phrases[k])) return &table.phrases[k];
    }
    return nullptr;
  }
  for (const Phrase& ph : table.phrases) {
    if (ends_at_e(ph)) return &ph;
  }
  return nullptr;
}

std::string StemPhrase(std::string_view phrase) {
  std::string out;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && !IsAlnum(phrase[i])) ++i;
    size_t j = i;
    while (j < phrase.size() && (IsAlnum(phrase[j]) || phrase[j] == '-' || phrase[j] == '\'')) ++j;
    if (j > i) {
      std::string stem = Stem(phrase.substr(i, j - i));
      if (out.empty()) {
        out = std::move(stem);  // most phrases are one word
      } else {
        out.push_back(' ');
        out += stem;
      }
    }
    i = j;
  }
  return out;
}

std::string FormatNumber(double v) {
  char buf[64];
  const double r = std::round(v);
  if (std::fabs(v - r) <= 1e-9 * std::max(1.0, std::fabs(v)) && std::fabs(r) < 9e18) {
    auto res = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(r));
    return std::string(buf, res.ptr);
  }
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
  std::string s(buf, res.ptr);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::optional<Bound> ParseBound(std::string_view s) {
  static const Bound kAll[] = {Bound::kExact, Bound::kApprox, Bound::kAtLeast,
                               Bound::kMoreThan, Bound::kAtMost, Bound::kLessThan,
                               Bound::kRange};
  for (Bound b : kAll) {
    if (s == BoundName(b)) return b;
  }
  return std::nullopt;
}

void ReadExamples(rules::TableReader* reader, const std::string& id,
                  std::vector<Example>* out) {
  for (const char* key : {"examples", "counter_examples"}) {
    const rules::RuleNode* n = reader->Node(key);
    if (n == nullptr) continue;
    std::vector<const rules::RuleNode*> items;
    if (n->type() == rules::RuleNode::Type::kString) {
      items.push_back(n);
    } else if (n->type() == rules::RuleNode::Type::kArray) {
      for (const auto& item : n->items()) items.push_back(&item);
    } else {
      reader->diag()->Error(n->pos(), absl::StrCat("'", key, "': expected an array of strings, saw ",
                                                   AsAbsl(n->TypeName())), id);
      continue;
    }
    for (const rules::RuleNode* item : items) {
      if (item->type() != rules::RuleNode::Type::kString) {
        reader->diag()->Error(item->pos(), absl::StrCat("'", key, "': expected a string, saw ",
                                                        AsAbsl(item->TypeName())), id);
        continue;
      }
      out->push_back({item->str(), item->pos(), id, std::string_view(key) != "examples"});
    }
  }
}

// The table `key` of the figures section, or null when there is none or
// it is no table (reported).
const rules::RuleNode* SubTable(const rules::RuleNode& section, std::string_view key,
                                rules::Diagnostics* diag) {
  const rules::RuleNode* node = section.Find(key);
  if (node == nullptr || node->type() == rules::RuleNode::Type::kTable) return node;
  diag->Error(node->pos(), absl::StrCat("'figures.", AsAbsl(key), "': expected a table, saw ",
                                        AsAbsl(node->TypeName())));
  return nullptr;
}

// Iterates the tables of an array-of-tables section, reporting non-tables.
template <typename F>
void ForEachTable(const rules::RuleNode& section, std::string_view key,
                  rules::Diagnostics* diag, F f) {
  const rules::RuleNode* arr = section.Find(key);
  if (arr == nullptr) return;
  if (arr->type() != rules::RuleNode::Type::kArray) {
    diag->Error(arr->pos(), absl::StrCat("'figures.", AsAbsl(key),
                                         "': expected an array of tables, saw ",
                                         AsAbsl(arr->TypeName())));
    return;
  }
  for (const rules::RuleNode& t : arr->items()) {
    if (t.type() != rules::RuleNode::Type::kTable) {
      diag->Error(t.pos(), absl::StrCat("'figures.", AsAbsl(key), "': expected a table, saw ",
                                        AsAbsl(t.TypeName())));
      continue;
    }
    f(t);
  }
}

std::string TableId(const rules::RuleNode& t, std::string_view fallback) {
  const rules::RuleNode* id = t.Find("id");
  if (id != nullptr && id->type() == rules::RuleNode::Type::kString) return id->str();
  return std::string(fallback);
}

// A slot of FigureRules::number_start_lengths for a lowercase word: five
// bits of each of its first two bytes.
size_t NumberStartSlot(std::string_view lower) {
  const size_t b0 = static_cast<unsigned char>(lower[0]) & 31;
  const size_t b1 = lower.size() > 1 ? static_cast<unsigned char>(lower[1]) & 31 : 0;
  return b0 << 5 | b1;
}

// A slot of FigureRules::number_start_prefix: five bits of each of the
// first three bytes of a lowercase word (0 past its end).
size_t NumberStartSlot3(std::string_view lower) {
  size_t slot = 0;
  for (size_t k = 0; k < 3; ++k) {
    slot = slot << 5 | (k < lower.size() ? static_cast<unsigned char>(lower[k]) & 31 : 0);
  }
  return slot;
}

// The slot of FigureRules::prefix_flags for the word at `p` of `text` (up
// to `end`): five bits of its first byte, and of the second and third as
// long as they are letters (0 after). Equal to NumberStartSlot3 of the
// lowercase word for a word of letters; a word of other bytes gets the
// slot of a key written the same way.
size_t PrefixSlot(std::string_view text, size_t p, size_t end) {
  const size_t b0 = static_cast<unsigned char>(text[p]) & 31;
  if (p + 1 >= end || !IsAsciiAlpha(text[p + 1])) return b0 << 10;
  const size_t b1 = static_cast<unsigned char>(text[p + 1]) & 31;
  if (p + 2 >= end || !IsAsciiAlpha(text[p + 2])) return b0 << 10 | b1 << 5;
  return b0 << 10 | b1 << 5 | (static_cast<unsigned char>(text[p + 2]) & 31);
}

// The words ParseWords (extract/numbers.cc) may read a number from: a
// unit, ten, scale (also plural) or number word, or "a"/"an" before one.
void AddNumberStarts(const rules::Lexicon& lex, FigureRules* r) {
  auto add = [r](std::string_view w) {
    if (w.empty()) return;  // ParseWords reads no empty word
    r->number_starts.insert(std::string(w));
    r->longest_number_start = std::max(r->longest_number_start, w.size());
    r->number_start_lengths[NumberStartSlot(w)] |= uint64_t{1} << std::min<size_t>(w.size(), 63);
    r->number_start_prefix.set(NumberStartSlot3(w));
  };
  for (const auto* map : {&lex.units, &lex.tens, &lex.number_words, &lex.scales}) {
    for (const auto& [w, value] : *map) add(w);
  }
  for (const auto& [w, value] : lex.scales) add(absl::StrCat(w, "s"));
  add("a");
  add("an");
}

// A word in a sentence: letters, digits, inner hyphens and apostrophes.
struct SentWord {
  size_t begin = 0;
  size_t end = 0;
  std::string lower;
  bool letters = true;  // no digits
};

// The end of the word WordAt reads at `p` (p itself when none starts there).
size_t WordEnd(std::string_view text, size_t p, size_t e) {
  if (p >= e || !IsAlnum(text[p])) return p;
  while (p < e && (IsAlnum(text[p]) ||
                   ((text[p] == '-' || text[p] == '\'') && p + 1 < e && IsAlnum(text[p + 1])))) {
    ++p;
  }
  return p;
}

std::optional<SentWord> WordAt(std::string_view text, size_t p, size_t e) {
  if (p >= e || !IsAlnum(text[p])) return std::nullopt;
  SentWord w;
  w.begin = p;
  w.end = WordEnd(text, p, e);
  w.lower.resize(w.end - p);
  for (size_t k = 0; k < w.lower.size(); ++k) {
    const char c = text[p + k];
    if (IsAsciiDigit(c)) w.letters = false;
    w.lower[k] = AsciiLower(c);
  }
  return w;
}

// The next word after `p` separated only by blanks (no punctuation).
std::optional<SentWord> NextWord(std::string_view text, size_t p, size_t e) {
  size_t q = p;
  while (q < e && IsBlank(text[q])) ++q;
  if (q == p && q < e && IsAlnum(text[q])) return std::nullopt;
  return WordAt(text, q, e);
}

// The word ending just before `p` (only blanks between).
std::optional<SentWord> PrevWord(std::string_view text, size_t lo, size_t p) {
  size_t q = p;
  while (q > lo && IsBlank(text[q - 1])) --q;
  size_t b = q;
  while (b > lo && (IsAlnum(text[b - 1]) || text[b - 1] == '-' || text[b - 1] == '\'')) --b;
  while (b < q && !IsAlnum(text[b])) ++b;
  if (b >= q) return std::nullopt;
  return WordAt(text, b, q);
}

// The bounds of NextWord(text, p, e), without making its string: false
// when there is none.
bool NextWordBounds(std::string_view text, size_t p, size_t e, size_t* begin, size_t* end) {
  size_t q = p;
  while (q < e && IsBlank(text[q])) ++q;
  if (q == p && q < e && IsAlnum(text[q])) return false;
  if (q >= e || !IsAlnum(text[q])) return false;
  *begin = q;
  *end = WordEnd(text, q, e);
  return true;
}

// Whether PrevWord(text, lo, p) is `lower` (lowercase), without making
// it: its start (sets *begin) and the same bytes in any case.
bool PrevWordIs(std::string_view text, size_t lo, size_t p, std::string_view lower,
                size_t* begin) {
  size_t q = p;
  while (q > lo && IsBlank(text[q - 1])) --q;
  size_t b = q;
  while (b > lo && (IsAlnum(text[b - 1]) || text[b - 1] == '-' || text[b - 1] == '\'')) --b;
  while (b < q && !IsAlnum(text[b])) ++b;
  if (b >= q || WordEnd(text, b, q) - b != lower.size()) return false;
  for (size_t k = 0; k < lower.size(); ++k) {
    if (AsciiLower(text[b + k]) != lower[k]) return false;
  }
  *begin = b;
  return true;
}

// The end of the run of ASCII letters and digits at `i` (at most `end`):
// sixteen bytes at a time where SSE2 is at hand.
size_t AlnumEnd(std::string_view text, size_t i, size_t end) {
#if CONCORD_SSE2
  for (; i + 16 <= end; i += 16) {
    const unsigned other = ~AsciiAlnumMask16(text.data() + i) & 0xFFFFu;
    if (other != 0) return i + static_cast<size_t>(std::countr_zero(other));
  }
#endif
  while (i < end && IsAlnum(text[i])) ++i;
  return i;
}

// The first ASCII digit in text[i, end), or end: sixteen bytes at a time
// where SSE2 is at hand.
size_t NextDigit(std::string_view text, size_t i, size_t end) {
#if CONCORD_SSE2
  for (; i + 16 <= end; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // A digit is a byte at most 9 above '0', unsigned.
    const __m128i x = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(9)), x);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(digit));
    if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  while (i < end && !IsAsciiDigit(text[i])) ++i;
  return i;
}

struct Candidate {
  Span span;
  FigureValue value;
  std::string rule_id;
};

}  // namespace

// ----------------------------------------------------------------- compile

FigureEngine::FigureEngine() : rules_(std::make_unique<FigureRules>()) {}
FigureEngine::~FigureEngine() = default;
FigureEngine::FigureEngine(FigureEngine&&) noexcept = default;
FigureEngine& FigureEngine::operator=(FigureEngine&&) noexcept = default;

void FigureEngine::Compile(const std::vector<rules::RuleFile>& files,
                           const rules::Lexicon& lexicon, rules::Diagnostics* diag) {
  lexicon_ = &lexicon;
  rules_ = std::make_unique<FigureRules>();
  FigureRules& r = *rules_;
  for (const rules::RuleFile& file : files) {
    const rules::RuleNode* section = file.root.Find("figures");
    if (section == nullptr) continue;
    if (section->type() != rules::RuleNode::Type::kTable) {
      diag->Error(section->pos(), absl::StrCat("'figures': expected a table, saw ",
                                               AsAbsl(section->TypeName())));
      continue;
    }
    for (const auto& [key, node] : section->entries()) {
      if (key != "unit" && key != "hedge" && key != "counted" && key != "multiplier" &&
          key != "rule" && key != "noun_phrase" && key != "age") {
        diag->Error(node.pos(), absl::StrCat("unknown key 'figures.", key, "'"));
      }
    }

    ForEachTable(*section, "unit", diag, [&](const rules::RuleNode& t) {
      rules::TableReader reader(t, TableId(t, "figures.unit"), diag);
      UnitDef u;
      std::string base;
      std::vector<std::string> before, after;
      reader.String("id", &u.id, true);
      reader.String("kind", &u.kind, true);
      reader.String("base", &base);
      reader.Number("factor", &u.factor);
      reader.StringList("before", &before);
      reader.StringList("after", &after);
      ReadExamples(&reader, reader.rule_id(), &r.examples);
      reader.Finish();
      if (u.kind != "currency" && u.kind != "percent" && u.kind != "points" &&
          u.kind != "measure") {
        if (const rules::RuleNode* k = t.Find("kind")) {
          diag->Error(k->pos(), absl::StrCat("'kind': expected currency, percent, points or "
                                             "measure, saw '", u.kind, "'"),
                      reader.rule_id());
        }
        return;
      }
      if (before.empty() && after.empty()) {
        diag->Error(t.pos(), "a unit needs 'before' or 'after' names", reader.rule_id());
        return;
      }
      if (!(u.factor > 0) || !std::isfinite(u.factor)) {  // inf: every value equal
        diag->Error(t.Find("factor")->pos(), "'factor': expected a positive number",
                    reader.rule_id());
        return;
      }
      u.currency = u.kind == "currency";
      if (!base.empty()) u.id = base;
      const int index = static_cast<int>(r.units.size());
      r.units.push_back(u);
      for (const std::string& b : before) r.unit_before.Add(AsciiLowerCopy(b), index);
      for (const std::string& a : after) r.unit_after.Add(AsciiLowerCopy(a), index);
    });

    ForEachTable(*section, "hedge", diag, [&](const rules::RuleNode& t) {
      rules::TableReader reader(t, TableId(t, "figures.hedge"), diag);
      HedgeDef h;
      std::string bound;
      std::vector<std::string> before, after;
      reader.String("id", &h.id, true);
      const bool has_bound = reader.String("bound", &bound, true);
      reader.StringList("before", &before);
      reader.StringList("after", &after);
      ReadExamples(&reader, reader.rule_id(), &r.examples);
      reader.Finish();
      if (!has_bound) return;
      auto b = ParseBound(bound);
      if (!b || *b == Bound::kExact || *b == Bound::kRange) {
        diag->Error(t.Find("bound")->pos(),
                    absl::StrCat("'bound': expected approx, at_least, more_than, at_most or "
                                 "less_than, saw '", bound, "'"),
                    reader.rule_id());
        return;
      }
      h.bound = *b;
      const int index = static_cast<int>(r.hedges.size());
      r.hedges.push_back(h);
      for (const std::string& s : before) r.hedge_before.Add(AsciiLowerCopy(s), index);
      for (const std::string& s : after) r.hedge_after.Add(AsciiLowerCopy(s), index);
    });

    ForEachTable(*section, "counted", diag, [&](const rules::RuleNode& t) {
      rules::TableReader reader(t, TableId(t, "figures.counted"), diag);
      CountedDef c;
      std::vector<std::string> words;
      reader.String("id", &c.id, true);
      reader.String("key", &c.key, true);
      reader.StringList("words", &words, true);
      reader.Bool("generic", &c.generic);
      ReadExamples(&reader, reader.rule_id(), &r.examples);
      reader.Finish();
      const int index = static_cast<int>(r.counted.size());
      r.counted.push_back(c);
      for (const std::string& w : words) r.counted_by_stem[StemPhrase(w)] = index;
    });

    ForEachTable(*section, "multiplier", diag, [&](const rules::RuleNode& t) {
      rules::TableReader reader(t, TableId(t, "figures.multiplier"), diag);
      std::string id;
      double value = 0;
      std::vector<std::string> words;
      reader.String("id", &id, true);
      const bool has_value = reader.Number("value", &value, true);
      reader.StringList("words", &words, true);
      ReadExamples(&reader, reader.rule_id(), &r.examples);
      reader.Finish();
      if (has_value && (!(value > 0) || !std::isfinite(value))) {
        diag->Error(t.Find("value")->pos(), "'value': expected a positive number",
                    reader.rule_id());
        return;
      }
      for (const std::string& w : words) {
        r.multipliers[AsciiLowerCopy(w)] = value;
        r.longest_multiplier = std::max(r.longest_multiplier, w.size());
        if (!w.empty()) r.multiplier_first[static_cast<unsigned char>(AsciiLower(w[0]))] = true;
        if (const std::string key = AsciiLowerCopy(w); !key.empty()) {
          r.multiplier_lengths[NumberStartSlot(key)] |= uint64_t{1}
                                                        << std::min<size_t>(key.size(), 63);
        }
        r.multiplier_ids[AsciiLowerCopy(w)] = id;
      }
    });

    ForEachTable(*section, "rule", diag, [&](const rules::RuleNode& t) {
      rules::TableReader reader(t, TableId(t, "figures.rule"), diag);
      PatternRule p;
      std::string pattern;
      reader.String("id", &p.id, true);
      const bool has_kind = reader.String("kind", &p.kind, true);
      const bool has_pattern = reader.String("pattern", &pattern, true);
      reader.Number("max_value", &p.max_value);
      ReadExamples(&reader, reader.rule_id(), &r.examples);
      reader.Finish();
      if (has_kind && p.kind != "counted_before" && p.kind != "counted_after" &&
          p.kind != "not_before" && p.kind != "not_after") {
        diag->Error(t.Find("kind")->pos(),
                    absl::StrCat("'kind': expected counted_before, counted_after, not_before "
                                 "or not_after, saw '", p.kind, "'"),
                    reader.rule_id());
        return;
      }
      if (!has_kind || !has_pattern) return;
      const rules::SourcePos& pos = t.Find("pattern")->pos();
      // "before" patterns must end where the figure starts; "after"
      // patterns start where it ends.
      const bool before = p.kind.ends_with("_before");
      std::string full = before ? absl::StrCat("(?:", pattern, ")\\s*$")
                                : absl::StrCat("^\\s*(?:", pattern, ")");
      // Check the author's pattern alone first, so RE2's message names it.
      if (rules::CompilePattern(pattern, pos, p.id, diag) == nullptr) return;
      p.re = rules::CompilePattern(full, pos, p.id, diag);
      if (p.re == nullptr) return;
      const auto& groups = p.re->NamedCapturingGroups();
      for (const auto& [name, index] : groups) {
        if (name == "counted") {
          p.counted_group = index;
        } else if (name == "year") {
          p.year_group = index;
        } else {
          diag->Error(pos, absl::StrCat("unknown group '", name,
                                        "' (expected 'counted' or 'year')"), p.id);
          return;
        }
      }
      if (p.kind.starts_with("counted_") && p.counted_group < 0) {
        diag->Error(pos, "a counted rule needs a group (?P<counted>...)", p.id);
        return;
      }
      r.patterns.push_back(std::move(p));
    });

    if (const rules::RuleNode* np = SubTable(*section, "noun_phrase", diag)) {
      rules::TableReader reader(*np, "figures.noun_phrase", diag);
      std::vector<std::string> stop, not_counted, aux, range, collective;
      int64_t max_words = r.max_noun_words;
      reader.StringList("stop", &stop);
      reader.StringList("not_counted", &not_counted);
      reader.StringList("auxiliaries", &aux);
      reader.StringList("range_words", &range);
      reader.StringList("collective", &collective);
      reader.Integer("max_words", &max_words);
      reader.Finish();
      for (const auto& w : stop) r.stop.insert(AsciiLowerCopy(w));
      for (const auto& w : not_counted) r.not_counted.insert(AsciiLowerCopy(w));
      for (const auto& w : aux) r.auxiliaries.insert(AsciiLowerCopy(w));
      for (const auto& w : range) r.range_words.insert(AsciiLowerCopy(w));
      for (const auto& w : collective) r.collective.insert(AsciiLowerCopy(w));
      if (max_words < 1 || max_words > 12) {
        diag->Error(np->Find("max_words")->pos(), "'max_words': expected 1 to 12",
                    "figures.noun_phrase");
      } else {
        r.max_noun_words = static_cast<int>(max_words);
      }
    }
    if (const rules::RuleNode* age = SubTable(*section, "age", diag)) {
      rules::TableReader reader(*age, "figures.age", diag);
      AgeDef a;
      int64_t min = a.min, max = 0;
      reader.String("unit", &a.unit, true);
      reader.StringList("words", &a.words);
      reader.StringList("articles", &a.articles);
      for (auto [key, set] : {std::pair{"not_before", &a.not_before},
                              std::pair{"not_in_sentence", &a.not_in_sentence},
                              std::pair{"others", &a.others},
                              std::pair{"death_words", &a.death_words},
                              std::pair{"pronouns", &a.pronouns},
                              std::pair{"copulas", &a.copulas}}) {
        std::vector<std::string> words;
        reader.StringList(key, &words);
        for (const std::string& w : words) set->insert(AsciiLowerCopy(w));
      }
      reader.Integer("min", &min, true);
      reader.Integer("max", &max, true);
      ReadExamples(&reader, "figures.age", &a.examples);
      reader.Finish();
      for (auto* list : {&a.words, &a.articles}) {
        for (std::string& w : *list) w = AsciiLowerCopy(w);
      }
      if (a.unit.empty()) {
        if (const rules::RuleNode* u = age->Find("unit")) {
          diag->Error(u->pos(), "'unit': expected a name for the unit of ages", "figures.age");
        }
      } else if (min < 1 || max < min || max > 150) {
        const rules::RuleNode* at = age->Find("max");
        diag->Error(at != nullptr ? at->pos() : age->pos(),
                    "'min' and 'max': expected 1 <= min <= max <= 150", "figures.age");
      } else {
        a.min = static_cast<int>(min);
        a.max = static_cast<int>(max);
        r.age = std::move(a);
      }
    }
  }
  for (const std::string& w : lexicon.irregular_verbs) r.verbs.insert(w);
  AddNumberStarts(lexicon, &r);
  r.unit_before.Finish();
  for (const Phrase& ph : r.unit_before.phrases) {
    r.longest_unit_before = std::max(r.longest_unit_before, ph.text.size());
  }
  r.unit_after.Finish();
  r.hedge_before.Finish();
  r.hedge_after.Finish();
  // After the tables above are final: the bytes AtNumber/AtMultiplier test.
  std::array<bool, 256> number_first{};
  for (const std::string& w : r.number_starts) {
    number_first[static_cast<unsigned char>(w[0])] = true;  // no key is empty
  }
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    const auto lower = static_cast<unsigned char>(AsciiLower(ch));
    r.starts[c] = (IsAsciiDigit(ch) ? kStartDigit : 0) |
                  (r.unit_before.MayStartAt(ch) ? kStartCurrency : 0) |
                  (r.multiplier_first[lower] ? kStartMultiplier : 0) |
                  (IsAsciiAlpha(ch) && number_first[lower] ? kStartNumberWord : 0);
  }
  for (size_t slot = 0; slot < r.prefix_flags.size(); ++slot) {
    if (r.number_start_prefix[slot] && r.number_start_lengths[slot >> 5] != 0) {
      r.prefix_flags[slot] |= kPrefixNumber;
    }
  }
  for (const auto& [w, value] : r.multipliers) {
    if (!w.empty()) r.prefix_flags[PrefixSlot(w, 0, w.size())] |= kPrefixMultiplier;
  }
}

// -------------------------------------------------------------------- find

namespace {

class Finder {
 public:
  // `taken`: spans that are no figure, at least all of them that overlap
  // `sentence`.
  Finder(const FigureRules& r, const rules::Lexicon& lex, std::string_view text,
         Span sentence, std::span<const Span> taken)
      : r_(r), lex_(lex), text_(text), lo_(sentence.begin), hi_(sentence.end),
        view_(text.substr(0, sentence.end)), taken_(taken) {}

  // Tries every position that starts a word or follows a byte that is no
  // word byte, from the first on; after a figure, from the first such
  // position after it.
  void Run(std::vector<Mention>* out) {
    size_t i = lo_;
    while (i < hi_) {
#if CONCORD_SSE2
      // Sixteen bytes with no digit near: no digit, currency or symbol
      // starts a figure there, only a number word or a multiplier. Their
      // word starts come from one mask, and most are ruled out by their
      // first three bytes.
      if (i + 16 <= hi_ && !DigitWithin(i, 16 + r_.longest_unit_before + 2)) {
        i = RunBlock(i, out);
        continue;
      }
#endif
      const char b = text_[i];
      const uint8_t starts = r_.starts[static_cast<unsigned char>(b)];
      if (!IsAlnum(b)) {
        // A byte that starts no word: only a currency symbol ("$", "€")
        // may start a figure there, and only with a digit close after it
        // (AtMultiplier reads words only).
        if ((starts & kStartCurrency) != 0 && DigitNear(i)) {
          if (std::optional<Candidate> c = AtNumber(i, false)) {
            const size_t end = c->span.end;
            Emit(std::move(*c), out);
            i = SkipWordTail(std::max<size_t>(end, i + 1));
            continue;
          }
        }
        ++i;
        continue;
      }
      // A word [i, word_end): letters and digits.
      const size_t word_end = AlnumEnd(text_, i + 1, hi_);
      size_t next = 0;
      if (starts != 0 && AtWord(i, word_end, starts, out, &next)) {
        i = next;
        continue;
      }
      // The byte after the word is no word start either.
      i = word_end + 1;
    }
  }

 private:
  // Tries the word [i, word_end), whose first byte has `starts` (not 0): on
  // a figure, appends it and sets *next to where Run() goes on.
  bool AtWord(size_t i, size_t word_end, uint8_t starts, std::vector<Mention>* out,
              size_t* next) {
    // The first three bytes rule out most words as number words and
    // multipliers, with one lookup.
    const uint8_t prefix = r_.prefix_flags[PrefixSlot(text_, i, hi_)];
    bool number_word = false;
    bool try_number = (starts & kStartDigit) != 0;
    if (!try_number) {
      number_word = (prefix & kPrefixNumber) != 0 && (starts & kStartNumberWord) != 0 &&
                    MayStartNumberWord(i);
      // AtNumber finds nothing at a word that is no number word unless a
      // currency written before a number starts there ("US$5", "EUR4m",
      // "Rs. 40"): with a digit within a few bytes.
      try_number = number_word || ((starts & kStartCurrency) != 0 && DigitNear(i));
    }
    const bool try_multiplier = (prefix & kPrefixMultiplier) != 0 &&
                                (starts & kStartMultiplier) != 0 &&
                                MayBeMultiplier(i, word_end);
    if (!try_number && !try_multiplier) return false;
    return TryWord(i, try_number, number_word, try_multiplier, out, next);
  }

  // The work of AtWord() for a word that may start a figure: apart, so
  // that the many words that cannot pay none of its setup.
  [[gnu::noinline]] bool TryWord(size_t i, bool try_number, bool number_word,
                                 bool try_multiplier, std::vector<Mention>* out, size_t* next) {
    std::optional<Candidate> c;
    if (try_number) c = AtNumber(i, number_word);
    if (!c && try_multiplier) c = AtMultiplier(i);
    if (!c) return false;
    *next = SkipWordTail(std::max<size_t>(c->span.end, i + 1));
    Emit(std::move(*c), out);
    return true;
  }

#if CONCORD_SSE2
  // Run() over the sixteen bytes from `i` (a position it tries, with no
  // digit near any of them): returns the next position Run() tries.
  size_t RunBlock(size_t i, std::vector<Mention>* out) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + i));
    // Signed bytes: non-ASCII ones are negative, so neither letter nor digit.
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const unsigned alnum =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
    // Word starts: word bytes after a byte that is none (the byte before
    // `i` is none, or `i` starts the sentence).
    unsigned word_starts = alnum & ~(alnum << 1) & 0xFFFFu;
    // No digit is near: the word starts are letters. The slot of the first
    // three bytes (PrefixSlot) at each position, from the letters' five
    // bits: a byte that is no letter gives 0, and so does the third after
    // a second that is none. Past the block the bytes are unknown: the
    // last two positions are read one by one.
    alignas(16) uint16_t slots[16];
    {
      const __m128i x0 = _mm_and_si128(_mm_and_si128(v, _mm_set1_epi8(31)), letter);
      const __m128i x1 = _mm_srli_si128(x0, 1);
      const __m128i x2 = _mm_and_si128(_mm_srli_si128(x0, 2), _mm_srli_si128(letter, 1));
      const __m128i zero = _mm_setzero_si128();
      const auto slot8 = [](__m128i a, __m128i b, __m128i c) {
        return _mm_or_si128(_mm_or_si128(_mm_slli_epi16(a, 10), _mm_slli_epi16(b, 5)), c);
      };
      _mm_store_si128(reinterpret_cast<__m128i*>(slots),
                      slot8(_mm_unpacklo_epi8(x0, zero), _mm_unpacklo_epi8(x1, zero),
                            _mm_unpacklo_epi8(x2, zero)));
      _mm_store_si128(reinterpret_cast<__m128i*>(slots + 8),
                      slot8(_mm_unpackhi_epi8(x0, zero), _mm_unpackhi_epi8(x1, zero),
                            _mm_unpackhi_epi8(x2, zero)));
    }
    while (word_starts != 0) {
      const unsigned k = static_cast<unsigned>(std::countr_zero(word_starts));
      word_starts &= word_starts - 1;
      const size_t p = i + k;
      const size_t slot = k < 14 ? slots[k] : PrefixSlot(text_, p, hi_);
      if ((r_.prefix_flags[slot] & (kPrefixNumber | kPrefixMultiplier)) == 0) continue;
      const uint8_t starts = r_.starts[static_cast<unsigned char>(text_[p])];
      if ((starts & (kStartNumberWord | kStartMultiplier)) == 0) continue;
      size_t next = 0;
      if (AtWord(p, AlnumEnd(text_, p + 1, hi_), starts, out, &next)) return next;
    }
    // A word running on past the block: its rest and the byte after it
    // start nothing.
    if ((alnum & 0x8000u) != 0) return AlnumEnd(text_, i + 16, hi_) + 1;
    return i + 16;
  }
#endif

  // Whether a digit lies in text[i, i + n) (within the sentence).
  bool DigitWithin(size_t i, size_t n) {
    if (next_digit_ == std::string_view::npos || next_digit_ < i) {
      next_digit_ = NextDigit(text_, i, hi_);
    }
    return next_digit_ < hi_ && next_digit_ < i + n;
  }

  // Where the scan goes on from `i` after a figure ending at `i`: words are
  // tried from their first byte only, so a figure ending inside a word
  // skips the rest of it and the byte after it.
  size_t SkipWordTail(size_t i) const {
    if (i <= lo_ || i >= hi_ || !IsAlnum(text_[i - 1])) return i;
    while (i < hi_ && IsAlnum(text_[i])) ++i;
    return i + 1;
  }

  // Whether a digit lies within the bytes a currency written before a
  // number may take from `i` (its longest phrase, a '.' and a blank): else
  // AtNumber reads no currency at `i`. Run() asks at increasing `i`, so the
  // sentence is searched for digits once.
  bool DigitNear(size_t i) { return DigitWithin(i, r_.longest_unit_before + 3); }

  // False when AtMultiplier(i) finds nothing for certain, by the first two
  // bytes and the length of the word [i, word_end) (letters and digits). A
  // hyphen or apostrophe may join more to the word: then AtMultiplier
  // decides.
  bool MayBeMultiplier(size_t i, size_t word_end) const {
    if (word_end < hi_ && (text_[word_end] == '-' || text_[word_end] == '\'')) return true;
    const size_t n = word_end - i;
    if (n > r_.longest_multiplier) return false;
    const char first_two[2] = {AsciiLower(text_[i]), n > 1 ? AsciiLower(text_[i + 1]) : ' '};
    const uint64_t lengths =
        r_.multiplier_lengths[NumberStartSlot(std::string_view(first_two, n > 1 ? 2 : 1))];
    return (lengths & (uint64_t{1} << std::min<size_t>(n, 63))) != 0;
  }

  bool Taken(Span s) const {
    for (const Span& t : taken_) {
      if (t.Overlaps(s)) return true;
    }
    return false;
  }

  bool Stop(const std::string& w) const { return r_.stop.contains(w); }

  // Counted key of a stemmed phrase, or nullptr.
  const CountedDef* CountedOf(std::string_view words) const {
    auto it = r_.counted_by_stem.find(StemPhrase(words));
    return it == r_.counted_by_stem.end() ? nullptr : &r_.counted[it->second];
  }

  bool PatternBefore(std::string_view kind, size_t figure_begin, std::string* counted,
                     int* year, double value = 0) const {
    for (const PatternRule& p : r_.patterns) {
      if (p.kind != kind || value > p.max_value) continue;
      re2::StringPiece groups[16];
      const int n = std::min(1 + p.re->NumberOfCapturingGroups(), 16);
      const bool before = kind.ends_with("_before");
      const size_t b = before ? lo_ : figure_begin;
      const size_t e = before ? figure_begin : hi_;
      // "before" patterns end with `$` at the figure; "after" patterns
      // start with `^` at it, so their text starts there.
      re2::StringPiece sp = before ? re2::StringPiece(text_.data(), e)
                                   : re2::StringPiece(text_.data() + b, e - b);
      if (!p.re->Match(sp, before ? b : 0, sp.size(), RE2::UNANCHORED, groups, n)) continue;
      if (counted != nullptr && p.counted_group >= 0 && p.counted_group < n) {
        *counted = std::string(groups[p.counted_group].data(), groups[p.counted_group].size());
      }
      if (year != nullptr && p.year_group >= 0 && p.year_group < n &&
          groups[p.year_group].data() != nullptr) {
        int y = 0;
        std::from_chars(groups[p.year_group].data(),
                        groups[p.year_group].data() + groups[p.year_group].size(), y);
        *year = y;
      }
      return true;
    }
    return false;
  }

  // Not a figure: codes, times, URLs, list numbers, references.
  // `second` is the far end of a range ("40-50"), which may follow a hyphen.
  bool LooksLikeCode(size_t start, Span num, bool second = false) const {
    if (start > lo_) {
      const char c = text_[start - 1];
      if (c == '@' || c == '#' || c == '/' || c == '.' || c == ':' || c == '_') return true;
      // "COVID-19", "F-35", and "26" of "2025-26" (the year was no figure).
      if (c == '-' && !second && start - 1 > lo_ && IsAlnum(text_[start - 2])) return true;
    }
    const size_t e = num.end;
    if (e + 1 < text_.size()) {
      const char c = text_[e];
      const char d = text_[e + 1];
      if ((c == ':' || c == '/' || c == '.' || c == '_') && IsAlnum(d)) return true;
      if (c == '@') return true;
    }
    // A URL or path around it.
    size_t b = start;
    while (b > lo_ && !IsBlank(text_[b - 1])) --b;
    size_t f = e;
    while (f < hi_ && !IsBlank(text_[f])) ++f;
    std::string_view chunk = text_.substr(b, f - b);
    if (chunk.find("://") != std::string_view::npos || chunk.find("www.") != std::string_view::npos) {
      return true;
    }
    // List numbering: "1." or "2)" opening a line.
    if (b == lo_ && (b == 0 || text_[b - 1] == '\n') && e < hi_ &&
        (text_[e] == ')' || (text_[e] == '.' && (e + 1 >= hi_ || IsBlank(text_[e + 1]))))) {
      return true;
    }
    return false;
  }

  // A unit written after the number (blanks allowed); sets *end.
  const Phrase* UnitAfter(size_t p, bool fraction, size_t* end) const {
    size_t q = p;
    while (q < hi_ && IsBlank(text_[q])) ++q;
    if (fraction) {  // "a quarter of a percentage point", "half a percent"
      for (std::string_view skip : {"of ", "a ", "an "}) {
        if (MatchAt(view_, q, skip)) {
          q += skip.size();
          while (q < hi_ && IsBlank(text_[q])) ++q;
        }
      }
    }
    const Phrase* ph = MatchPhrase(r_.unit_after, view_, q);
    if (ph == nullptr) {
      // "10-km", "5-tonne".
      if (q == p && q < hi_ && text_[q] == '-') {
        ph = MatchPhrase(r_.unit_after, view_, q + 1);
        if (ph != nullptr && IsAlnum(ph->text.front())) {
          *end = q + 1 + ph->text.size();
          return ph;
        }
      }
      return nullptr;
    }
    // A unit word must be separate or a symbol ("50%", "5km" are handled
    // by the caller's boundary); "50 percent" needs no more.
    *end = q + ph->text.size();
    return ph;
  }

  // `number_word`: MayStartNumberWord(p) is known to be true.
  std::optional<ParsedNumber> Number(size_t p, bool number_word = false) const {
    if (!number_word && p < hi_ && IsAsciiAlpha(text_[p]) && !MayStartNumberWord(p)) {
      return std::nullopt;
    }
    if (p > 0 && p < hi_ && IsAsciiDigit(text_[p]) && IsAsciiAlpha(text_[p - 1])) {
      // Digits right after a currency code ("EUR4m"): ParseNumberAt wants a
      // word boundary before them, so it reads from there on.
      std::optional<ParsedNumber> n = ParseNumberAt(view_.substr(p), 0, lex_);
      if (n) {
        n->span.begin += static_cast<uint32_t>(p);
        n->span.end += static_cast<uint32_t>(p);
      }
      return n;
    }
    auto n = ParseNumberAt(view_, p, lex_);
    if (n || p >= hi_ || !IsAsciiDigit(text_[p])) return n;
    // Digits with an attached unit symbol: "5km", "20kg".
    size_t k = p;
    while (k < hi_ && (IsAsciiDigit(text_[k]) || text_[k] == ',' || text_[k] == '.')) ++k;
    const Phrase* ph = MatchPhrase(r_.unit_after, view_, k);
    if (ph == nullptr || r_.units[ph->index].currency) return std::nullopt;
    return ParseNumberAt(view_.substr(0, k), p, lex_);
  }

  // False when the letters at `p` are no word a spelled-out number starts
  // with, so that ParseNumberAt would find none. `after_article`: the word
  // follows "a" or "an", and is then no article itself (ParseNumberAt reads
  // no "a a"; asking on would make a run of them quadratic).
  bool MayStartNumberWord(size_t p, bool after_article = false) const {
    // The first three letters before the whole word: most fail already
    // ("the" is no "thr..." nor "tho...").
    const size_t slot = PrefixSlot(text_, p, hi_);
    if ((r_.prefix_flags[slot] & kPrefixNumber) == 0) return false;
    const uint64_t lengths = r_.number_start_lengths[slot >> 5];
    const size_t most = r_.longest_number_start;
    size_t e = p;
    while (e < hi_ && IsAsciiAlpha(text_[e]) && e - p <= most) ++e;
    if (e - p > most) return false;
    if ((lengths & (uint64_t{1} << std::min<size_t>(e - p, 63))) == 0) return false;
    // "a" and "an" (always number starts) are the most common: no hashing.
    const bool article = (e - p == 1 && (text_[p] | 32) == 'a') ||
                         (e - p == 2 && (text_[p] | 32) == 'a' && (text_[p + 1] | 32) == 'n');
    if (!article) {
      const AsciiLowerWord w(std::string_view(text_).substr(p, e - p));
      return r_.number_starts.contains(w.view());
    }
    if (after_article) return false;
    // "a" starts a number only before a scale or count word ("a dozen"),
    // after one hyphen or one run of blanks (as ParseNumberAt reads it).
    size_t q = e;
    if (q < hi_ && text_[q] == '-') {
      ++q;
    } else {
      while (q < hi_ && IsBlank(text_[q])) ++q;
      if (q == e) return false;
    }
    return q < hi_ && IsAsciiAlpha(text_[q]) && MayStartNumberWord(q, /*after_article=*/true);
  }

  // `number_word`: MayStartNumberWord(i), as the caller found it.
  std::optional<Candidate> AtNumber(size_t i, bool number_word) const {
    // Most words: no currency before a number, and no number word (the
    // same tests as below, before any other work).
    if (IsAsciiAlpha(text_[i]) && !r_.unit_before.MayStartAt(text_[i]) && !number_word) {
      return std::nullopt;
    }
    FigureValue v;
    int unit = -1;
    size_t p = i;
    // A currency written before the number: "$", "US$", "Rs.", "₹".
    if (const Phrase* cur = r_.unit_before.MayStartAt(text_[i])
                                ? MatchPhrase(r_.unit_before, view_, i) : nullptr) {
      size_t q = i + cur->text.size();
      if (q < hi_ && text_[q] == '.') ++q;
      if (q < hi_ && IsBlank(text_[q])) ++q;
      if (q < hi_ && IsAsciiDigit(text_[q])) {
        unit = cur->index;
        p = q;
      }
    } else if (const Phrase* code = IsAsciiUpper(text_[i])
                                        ? MatchCodeBeforeDigit(r_.unit_before, r_.units, view_, i)
                                        : nullptr) {
      unit = code->index;
      p = i + code->text.size();
    }
    if (p >= hi_ || !IsAlnum(text_[p])) return std::nullopt;
    // A number read at `p` covers `p`: one inside a date or duration is
    // taken (below), and need not be read.
    if (Taken({static_cast<uint32_t>(p), static_cast<uint32_t>(p + 1)})) return std::nullopt;
    std::optional<ParsedNumber> num = Number(p, number_word && p == i);
    if (!num) return std::nullopt;
    if (Taken(num->span)) return std::nullopt;
    if (LooksLikeCode(p, num->span)) return std::nullopt;
    // "one of the", pronoun "one": a figure of one needs a noun right after.
    const std::string first_word = AsciiLowerCopy(text_.substr(p, std::min<size_t>(
                                                                      num->span.size(), 8)));
    size_t end = num->span.end;
    double low = num->value, high = num->value;
    v.bound = Bound::kExact;
    bool range = false;

    // Hedge before the figure ("about", "more than", "between").
    size_t start = i;
    bool between = false;
    {
      size_t hb = 0;
      if (const Phrase* h = MatchPhraseBefore(r_.hedge_before, view_, lo_, i, &hb)) {
        v.bound = r_.hedges[h->index].bound;
        start = hb;
      } else if (size_t b = 0; PrevWordIs(text_, lo_, i, "between", &b)) {
        between = true;
        start = b;
      }
    }

    // A range: "40-50", "40 to 50", "between 40 and 50", "$40-$50 million".
    {
      size_t q = end;
      bool joined = false;
      if (q < hi_ && text_[q] == '-') {
        ++q;
        joined = true;
      } else if (size_t wb = 0, we = 0; NextWordBounds(text_, q, hi_, &wb, &we) && [&] {
                   const AsciiLowerWord w(std::string_view(text_).substr(wb, we - wb));
                   return between ? w.view() == "and" : r_.range_words.contains(w.view());
                 }()) {
        size_t from_begin = 0;  // "from 40 to 50" is a change
        if (!PrevWordIs(text_, lo_, start, "from", &from_begin)) {
          q = we;
          while (q < hi_ && IsBlank(text_[q])) ++q;
          joined = true;
        }
      }
      if (joined) {
        if (unit >= 0) {
          if (const Phrase* cur = MatchPhrase(r_.unit_before, view_, q);
              cur != nullptr && cur->index == unit) {
            q += cur->text.size();
          }
        }
        if (auto num2 = Number(q); num2 && !Taken(num2->span) &&
                                   !LooksLikeCode(q, num2->span, true)) {
          double a = num->value;
          if (!num->has_scale && num2->has_scale) a *= num2->scale;
          // "555-1234": a phone number or code, not a range.
          const bool code = text_[num->span.end] == '-' && !num->from_words &&
                            !num2->has_scale && num2->span.size() >= 4 &&
                            num2->span.size() > num->span.size() && num->span.size() >= 3;
          if (code) return std::nullopt;
          if (num2->value > a) {
            low = a;
            high = num2->value;
            end = num2->span.end;
            range = true;
            v.bound = Bound::kRange;
          }
        }
      }
    }
    if (between && !range) start = i;

    // A unit after the number.
    size_t unit_end = end;
    if (unit < 0) {
      const bool fraction = num->from_words && num->value < 1;
      if (const Phrase* u = UnitAfter(end, fraction, &unit_end)) {
        unit = u->index;
      } else {
        unit_end = end;
      }
    }
    // Years are not figures ("in 2025", "2025-26").
    const bool bare_digits = !num->from_words && !num->has_scale &&
                             num->span.size() == 4 && !range;
    if (unit < 0 && bare_digits && num->value >= 1800 && num->value <= 2100) {
      return std::nullopt;
    }
    if (unit < 0 && !num->from_words && end < hi_ && text_[end] == '-' &&
        end + 1 < hi_ && IsAsciiAlpha(text_[end + 1])) {
      return std::nullopt;  // "15-member", "three-day" compounds
    }
    if (unit < 0 && num->from_words && end < hi_ && text_[end] == '-') return std::nullopt;

    // A hedge after the figure ("or more", "or so").
    size_t fig_end = unit_end;
    if (const Phrase* h = MatchPhrase(r_.hedge_after, view_,
                                      [&] {
                                        size_t q = unit_end;
                                        while (q < hi_ && IsBlank(text_[q])) ++q;
                                        return q;
                                      }())) {
      if (v.bound == Bound::kExact) {
        v.bound = r_.hedges[h->index].bound;
        size_t q = unit_end;
        while (q < hi_ && IsBlank(text_[q])) ++q;
        fig_end = q + h->text.size();
      }
    }
    if (num->vague && v.bound == Bound::kExact) {
      v.bound = Bound::kSome;  // "dozens": at least two dozen
      low = high = 2 * num->value;
    }

    // Exclusion rules around the figure (asked below). Rules for small
    // values ("the two nations": a reference, not a count) are about plain
    // counts: "the 2.3 km bridge" and "the 3 percent rise" are figures.
    const double bound_value = unit >= 0 ? std::numeric_limits<double>::infinity() : high;

    if (unit >= 0) {
      const UnitDef& u = r_.units[unit];
      v.unit = u.id;
      low *= u.factor;
      high *= u.factor;
    }
    v.low = low;
    v.high = high;
    const Span span{static_cast<uint32_t>(start), static_cast<uint32_t>(fig_end)};
    if (Taken(span)) return std::nullopt;

    // What it counts. Each test here only drops the figure, so the cheap
    // ones come first: a bare number is dropped before the exclusion
    // rules' patterns run.
    bool from_pattern = false;
    const bool measure = unit >= 0 && r_.units[unit].kind == "measure";
    v.counted = Counted(start, fig_end, unit >= 0, measure, num->value == 1 && num->from_words,
                        &v.year, &from_pattern);
    if (v.unit.empty() && v.counted.empty()) return std::nullopt;  // a bare number
    if (PatternBefore("not_before", start, nullptr, nullptr, bound_value)) return std::nullopt;
    if (PatternBefore("not_after", fig_end, nullptr, nullptr, bound_value)) return std::nullopt;
    if (v.unit.empty()) {
      if (num->value == 1 && num->from_words && !from_pattern &&
          (first_word == "one" || first_word.starts_with("one"))) {
        // "one" as a figure only with its noun right after ("one aircraft").
        auto nw = NextWord(text_, end, hi_);
        if (!nw || Stop(nw->lower) || r_.not_counted.contains(nw->lower)) return std::nullopt;
        if (auto pw = PrevWord(text_, lo_, start);
            pw && (pw->lower == "no" || pw->lower == "the" || pw->lower == "any" ||
                   pw->lower == "every" || pw->lower == "each" || pw->lower == "this" ||
                   pw->lower == "that")) {
          return std::nullopt;
        }
      }
    }
    Candidate c;
    c.span = span;
    c.value = v;
    c.rule_id = unit >= 0 ? absl::StrCat("figure-", r_.units[unit].kind)
                          : std::string("figure-count");
    return c;
  }

  // The noun the figure counts: the noun phrase after it, an event word
  // near it, or what a counted_before/after rule names. A measurement
  // (`measure`: "a magnitude 6.8 earthquake killed 240") counts no event:
  // it measures the noun after it.
  std::string Counted(size_t start, size_t end, bool has_unit, bool measure, bool one,
                      int* year, bool* from_pattern) const {
    // An event word, unless the figure is a measurement.
    auto event_of = [&](std::string_view words) -> const CountedDef* {
      return measure ? nullptr : CountedOf(words);
    };
    // "a crowd of 31,207 saw ...": a collective noun before "of" is what
    // is counted, whatever follows.
    if (!has_unit) {
      if (size_t of = 0; PrevWordIs(text_, lo_, start, "of", &of)) {
        if (auto noun = PrevWord(text_, lo_, of);
            noun && r_.collective.contains(noun->lower)) {
          return StemPhrase(noun->lower);
        }
      }
    }
    // Noun phrase after: skip "of" (+ determiner) — "dozens of people",
    // "50 percent of the vote".
    std::vector<SentWord> run;
    size_t p = end;
    auto w = NextWord(text_, p, hi_);
    if (w && w->lower == "of" && !one) {
      p = w->end;
      w = NextWord(text_, p, hi_);
      if (w && (w->lower == "the" || w->lower == "its" || w->lower == "their")) {
        p = w->end;
        w = NextWord(text_, p, hi_);
      }
    }
    while (w && static_cast<int>(run.size()) < r_.max_noun_words) {
      if (Stop(w->lower)) break;
      if (Taken({static_cast<uint32_t>(w->begin), static_cast<uint32_t>(w->end)})) break;
      if (w->letters && lex_.units.contains(w->lower)) break;
      // A verb form after a noun ends the phrase ("soldiers attended"),
      // unless it is an event word ("people killed").
      // So does one right after the number ("a crowd of 24,512 watched":
      // the crowd is counted, not the watching).
      if ((!run.empty() || w->lower.ends_with("ed")) &&
          (w->lower.ends_with("ed") || w->lower.ends_with("ing")) &&
          event_of(w->lower) == nullptr) {
        break;
      }
      // So does a verb the test above misses ("a 7.0-magnitude quake
      // struck", "12 aircraft hit targets").
      if (!run.empty() && r_.verbs.contains(w->lower) && event_of(w->lower) == nullptr) break;
      p = w->end;
      run.push_back(std::move(*w));
      w = NextWord(text_, p, hi_);
    }
    // Event words in the phrase win ("42 people killed").
    const CountedDef* generic = nullptr;
    for (size_t k = 0; k < run.size(); ++k) {
      if (k + 1 < run.size()) {
        if (const CountedDef* c = event_of(run[k].lower + " " + run[k + 1].lower);
            c != nullptr && !c->generic) {
          return c->key;
        }
      }
      const CountedDef* c = event_of(run[k].lower);
      if (c != nullptr && !c->generic) return c->key;
      if (c != nullptr) generic = c;
    }
    // An event after the phrase: "42 people were killed", "25 soldiers
    // were wounded" say the same as "42 killed".
    {
      auto e = NextWord(text_, p, hi_);
      for (int k = 0; k < 3 && e && r_.auxiliaries.contains(e->lower); ++k) {
        e = NextWord(text_, e->end, hi_);
      }
      if (e) {
        if (const CountedDef* c = event_of(e->lower); c != nullptr && !c->generic) {
          return c->key;
        }
      }
    }
    if (!run.empty() && generic == nullptr) {
      // The head of the noun phrase: the first plural noun ("25,412 fans
      // home happy" counts fans), else the last word ("six maritime
      // surveillance aircraft").
      const std::string* plural = nullptr;
      for (const auto& w : run) {
        const std::string& x = w.lower;
        if (x.size() > 3 && x.back() == 's' && x[x.size() - 2] != 's' && w.letters) {
          plural = &x;
          break;
        }
      }
      const std::string& head = plural != nullptr ? *plural : run.back().lower;
      // "1 November", "2 Monday": a date the temporal engine did not take.
      if (lex_.Month(head) != 0 || lex_.Weekday(head) != 0) return "";
      if (!r_.not_counted.contains(head) && run.back().letters) {
        return StemPhrase(head);
      }
      if (r_.not_counted.contains(head)) return "";
    }
    // An event before: "killing 42 people".
    if (auto pw = PrevWord(text_, lo_, start)) {
      if (const CountedDef* c = event_of(pw->lower); c != nullptr && !c->generic) {
        return c->key;
      }
    }
    if (run.empty() || has_unit) {
      std::string counted;
      if (PatternBefore("counted_before", start, &counted, year) ||
          PatternBefore("counted_after", end, &counted, year)) {
        std::string lower = AsciiLowerCopy(counted);
        if (!lower.empty() && !Stop(lower) && !r_.not_counted.contains(lower)) {
          *from_pattern = true;
          if (const CountedDef* c = CountedOf(lower)) return c->key;
          return StemPhrase(lower);
        }
      }
    }
    if (generic != nullptr) return generic->key;
    return "";
  }

  std::optional<Candidate> AtMultiplier(size_t i) const {
    // Run() tries every position after a hyphen, so reading a whole
    // hyphenated chain here would be quadratic in its length. A word longer
    // than the longest multiplier is none: read at most one byte more
    // (and one to see whether a hyphen joins another word).
    const size_t most = r_.longest_multiplier;
    if (i >= hi_ || !r_.multiplier_first[static_cast<unsigned char>(AsciiLower(text_[i]))]) {
      return std::nullopt;
    }
    const size_t e = WordEnd(text_, i, std::min<size_t>(hi_, i + most + 2));
    if (e == i || e - i > most) return std::nullopt;
    {
      const char first_two[2] = {AsciiLower(text_[i]), e - i > 1 ? AsciiLower(text_[i + 1]) : ' '};
      const uint64_t lengths = r_.multiplier_lengths[NumberStartSlot(
          std::string_view(first_two, e - i > 1 ? 2 : 1))];
      if ((lengths & (uint64_t{1} << std::min<size_t>(e - i, 63))) == 0) return std::nullopt;
    }
    {
      const AsciiLowerWord lower(std::string_view(text_).substr(i, e - i));
      if (!r_.multipliers.contains(lower.view())) return std::nullopt;
    }
    auto w = WordAt(text_, i, e);
    auto it = r_.multipliers.find(w->lower);
    Span span{static_cast<uint32_t>(w->begin), static_cast<uint32_t>(w->end)};
    if (Taken(span)) return std::nullopt;
    Candidate c;
    c.span = span;
    c.value.low = c.value.high = it->second;
    c.value.unit = "times";
    c.rule_id = r_.multiplier_ids.at(w->lower);
    // What was multiplied: the noun after ("doubled tariffs") or before
    // ("tariffs doubled").
    auto n = NextWord(text_, w->end, hi_);
    while (n && (n->lower == "the" || n->lower == "its" || n->lower == "their" ||
                 n->lower == "his" || n->lower == "her")) {
      n = NextWord(text_, n->end, hi_);
    }
    if (n && n->letters && !Stop(n->lower) && !r_.not_counted.contains(n->lower)) {
      const CountedDef* cd = CountedOf(n->lower);
      c.value.counted = cd ? cd->key : StemPhrase(n->lower);
    } else if (auto pw = PrevWord(text_, lo_, w->begin);
               pw && pw->letters && !Stop(pw->lower) && !r_.not_counted.contains(pw->lower)) {
      const CountedDef* cd = CountedOf(pw->lower);
      c.value.counted = cd ? cd->key : StemPhrase(pw->lower);
    }
    if (c.value.counted.empty()) return std::nullopt;
    return c;
  }

  // Appends the mention of `c`, whose strings it takes.
  void Emit(Candidate&& c, std::vector<Mention>* out) const {
    Mention& m = out->emplace_back();
    m.kind = MentionKind::kFigure;
    m.span = c.span;
    m.value_text = FigureValueText(c.value);
    m.rule_id = std::move(c.rule_id);
    m.subject = c.value.counted;
    m.value = std::move(c.value);
  }

  const FigureRules& r_;
  const rules::Lexicon& lex_;
  std::string_view text_;
  size_t lo_;
  size_t hi_;
  std::string_view view_;  // text_ up to the sentence's end
  std::span<const Span> taken_;
  // The first digit at or after the last position DigitNear() was asked
  // about (hi_ when none); npos before it is asked.
  size_t next_digit_ = std::string_view::npos;
};

}  // namespace

std::string FigureValueText(const FigureValue& v) {
  std::string out;
  switch (v.bound) {
    case Bound::kApprox: out = "~"; break;
    case Bound::kAtLeast: out = ">="; break;
    case Bound::kSome: out = ">="; break;
    case Bound::kMoreThan: out = ">"; break;
    case Bound::kAtMost: out = "<="; break;
    case Bound::kLessThan: out = "<"; break;
    default: break;
  }
  const bool currency = v.unit.size() == 3 && IsAsciiUpper(v.unit[0]) &&
                        IsAsciiUpper(v.unit[1]) && IsAsciiUpper(v.unit[2]);
  if (currency) absl::StrAppend(&out, v.unit, " ");
  out += FormatNumber(v.low);
  if (v.bound == Bound::kRange) absl::StrAppend(&out, "-", FormatNumber(v.high));
  if (!currency && !v.unit.empty()) absl::StrAppend(&out, " ", v.unit);
  return out;
}

void FigureEngine::Find(std::string_view text, const std::vector<Span>& sentences,
                        const std::vector<Mention>& taken, std::vector<Mention>* out) const {
  if (lexicon_ == nullptr) return;
  // `taken` may be `*out`: copy the spans before appending. Sorted by
  // start, with the largest end up to each, so that each sentence is
  // given the few that may overlap it (Taken() only asks whether any does).
  std::vector<Span> spans;
  spans.reserve(taken.size());
  for (const Mention& m : taken) spans.push_back(m.span);
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<uint32_t> max_end(spans.size());
  for (size_t k = 0; k < spans.size(); ++k) {
    max_end[k] = std::max(spans[k].end, k > 0 ? max_end[k - 1] : 0);
  }
  size_t upto = 0;  // spans starting before the sentence's end
  for (const Span& s : sentences) {
    if (s.end > text.size() || s.empty()) continue;
    // A span overlapping the sentence starts before its end and ends
    // after its start (spans inside it included).
    if (upto > 0 && spans[upto - 1].begin >= s.end) {
      upto = std::partition_point(spans.begin(), spans.end(),
                                  [&](const Span& t) { return t.begin < s.end; }) -
             spans.begin();
    }
    while (upto < spans.size() && spans[upto].begin < s.end) ++upto;
    size_t from = upto;
    while (from > 0 && max_end[from - 1] > s.begin) --from;
    Finder(*rules_, *lexicon_, text, s,
           std::span<const Span>(spans.data() + from, upto - from)).Run(out);
  }
}

// ---------------------------------------------------------------- examples

namespace {

// An example "text => value @ about" in its parts ("text" alone: no
// expectation; "text => value": nothing after "@").
struct ExampleParts {
  std::string text, expected, value, about;
  bool has_about = false;
};

ExampleParts SplitExample(const std::string& example) {
  ExampleParts out;
  out.text = example;
  if (size_t arrow = example.find(" => "); arrow != std::string::npos) {
    out.text = example.substr(0, arrow);
    out.expected = example.substr(arrow + 4);
  }
  out.value = out.expected;
  if (size_t at = out.expected.find(" @ "); at != std::string::npos) {
    out.value = out.expected.substr(0, at);
    out.about = out.expected.substr(at + 3);
    out.has_about = true;
  }
  return out;
}

}  // namespace

void FigureEngine::RunExamples(std::vector<rules::ExampleResult>* results) const {
  for (const Example& ex : rules_->examples) {
    const ExampleParts parts = SplitExample(ex.text);
    const std::string& text = parts.text;
    const std::string& expected = parts.expected;
    const std::string& want_value = parts.value;
    const std::string& want_counted = parts.about;
    const bool check_counted = parts.has_about;
    std::vector<Mention> found;
    Find(text, {Span{0, static_cast<uint32_t>(text.size())}}, {}, &found);
    std::string got;
    bool match = false;
    for (const Mention& m : found) {
      absl::StrAppend(&got, got.empty() ? "" : "; ", m.value_text, " @ ", m.subject);
      if ((want_value.empty() || m.value_text == want_value) &&
          (!check_counted || m.subject == want_counted)) {
        match = true;
      }
    }
    if (got.empty()) got = "none";
    rules::ExampleResult res;
    res.pos = ex.pos;
    res.rule_id = ex.rule_id;
    if (expected == "none" || (ex.counter && expected.empty())) {
      // No figure at all (a counter-example "=> none": some figure).
      res.passed = found.empty() != (ex.counter && expected == "none");
    } else {
      res.passed = ex.counter ? !match : match;
    }
    if (!res.passed) {
      res.message = absl::StrCat(ex.counter ? "counter-example" : "example", " '", ex.text,
                                 "': found ", got);
    }
    results->push_back(std::move(res));
  }
}

// -------------------------------------------------------------------- ages

namespace {

// Whether `text` at `at` starts with `word` (lowercase) in any case, as a
// whole word followed by a space; *end gets the position after the space.
bool WordAt(std::string_view text, size_t at, std::string_view word, size_t* end) {
  if (at + word.size() >= text.size() || text[at + word.size()] != ' ') return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (AsciiLower(text[at + i]) != word[i]) return false;
  }
  *end = at + word.size() + 1;
  return true;
}

size_t SkipSpaces(std::string_view text, size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  return at;
}

}  // namespace

void FigureEngine::FindAges(std::string_view text, const std::vector<Span>& sentences,
                            const std::vector<std::span<const Token>>* tokens,
                            std::vector<Mention>* mentions) const {
  if (rules_ == nullptr || rules_->age.max == 0) return;
  const AgeDef& age = rules_->age;
  // People by position (indices: *mentions grows below).
  std::vector<size_t> people;
  absl::flat_hash_map<uint32_t, size_t> title_ending;  // a title by where it ends
  for (size_t k = 0; k < mentions->size(); ++k) {
    const Mention& m = (*mentions)[k];
    const auto* name = std::get_if<NameValue>(&m.value);
    if (m.kind == MentionKind::kName && name != nullptr && name->type == EntityType::kPerson &&
        !m.subject.empty()) {
      people.push_back(k);
    } else if (m.kind == MentionKind::kTitle) {
      title_ending.emplace(m.span.end, k);
    }
  }
  if (people.empty()) return;
  std::sort(people.begin(), people.end(), [&](size_t a, size_t b) {
    return (*mentions)[a].span.begin < (*mentions)[b].span.begin;
  });
  // The last word of each full name, and whether two people share it: a
  // surname alone ("Mrs Smith, 40") is then nobody's in particular.
  StringMap<std::string> surname_of;  // lowercase last word -> subject, "" if shared
  for (size_t k : people) {
    const std::string& subject = (*mentions)[k].subject;
    const size_t space = subject.rfind(' ');
    if (space == std::string::npos) continue;
    auto [it, added] = surname_of.try_emplace(AsciiLowerCopy(subject.substr(space + 1)), subject);
    if (!added && it->second != subject) it->second.clear();
  }
  // "N-year-old" durations by where they start and end, until one becomes
  // an age.
  absl::flat_hash_map<uint32_t, size_t> years_at, years_ending;
  for (size_t k = 0; k < mentions->size(); ++k) {
    const Mention& m = (*mentions)[k];
    const auto* d = std::get_if<DurationValue>(&m.value);
    if (m.kind != MentionKind::kDuration || d == nullptr || d->unit != DurationUnit::kYear ||
        !absl::EndsWithIgnoreCase(AsAbsl(text.substr(m.span.begin, m.span.size())), "-old")) {
      continue;
    }
    years_at.emplace(m.span.begin, k);
    years_ending.emplace(m.span.end, k);
  }
  auto in_range = [&](double years) {
    return years >= age.min && years <= age.max && years == std::floor(years);
  };
  // Whether the sentence around `at` holds a word that rules ages out
  // ("runs", "votes"), worked out once per sentence.
  std::vector<int8_t> ruled_out(sentences.size(), -1);
  auto sentence_rules_out = [&](size_t at) {
    const auto it = std::upper_bound(sentences.begin(), sentences.end(), at,
                                     [](size_t x, const Span& s) { return x < s.begin; });
    if (it == sentences.begin()) return false;
    const size_t si = static_cast<size_t>(it - sentences.begin()) - 1;
    if (ruled_out[si] < 0) {
      ruled_out[si] = 0;
      for (const Token& t : Tokenize(text, sentences[si])) {
        if (t.word && age.not_in_sentence.contains(AsciiLowerWord(t.text).view())) {
          ruled_out[si] = 1;
        }
      }
    }
    return ruled_out[si] == 1;
  };
  // The lowercase ASCII word of text ending at `end` (letters only).
  auto word_before = [&](size_t end) {
    size_t b = end;
    while (b > 0 && IsAsciiAlpha(text[b - 1])) --b;
    return AsciiLowerCopy(text.substr(b, end - b));
  };
  std::vector<Mention> added;
  auto make = [&](const std::string& person, double years, Span span) {
    FigureValue v;
    v.low = v.high = years;
    v.unit = age.unit;
    v.counted = "age";
    Mention m;
    m.kind = MentionKind::kFigure;
    m.span = span;
    m.value_text = FigureValueText(v);
    m.value = std::move(v);
    m.rule_id = "figure-age";
    m.subject = person;
    return m;
  };
  // Turns the "N-year-old" duration k into the person's age, once.
  auto take_years = [&](size_t k, const std::string& person) {
    Mention& d = (*mentions)[k];
    const auto* v = std::get_if<DurationValue>(&d.value);
    if (v == nullptr || !in_range(v->amount) || sentence_rules_out(d.span.begin)) return false;
    years_at.erase(d.span.begin);
    years_ending.erase(d.span.end);
    d = make(person, v->amount, d.span);
    return true;
  };
  // Whether the name at `name` is a surname alone that two people of the
  // article share: nobody's in particular.
  auto shared_surname = [&](Span name) {
    const std::string_view name_text = text.substr(name.begin, name.size());
    if (name_text.find(' ') != std::string_view::npos) return false;
    auto it = surname_of.find(AsciiLowerWord(name_text).view());
    return it != surname_of.end() && it->second.empty();
  };
  // The first person starting at or after `at` (people are by position: a
  // binary search keeps an article of thousands linear).
  auto first_from = [&](uint32_t at) {
    return std::partition_point(people.begin(), people.end(),
                                [&](size_t k) { return (*mentions)[k].span.begin < at; });
  };
  for (size_t index = 0; index < people.size(); ++index) {
    const Span name = (*mentions)[people[index]].span;
    const std::string person = (*mentions)[people[index]].subject;
    if (shared_surname(name)) continue;
    // Before the name: "61-year-old Aldo Renzetti", "the 61-year-old
    // former minister Aldo Renzetti", not "a 19-year-old Manchester United
    // fan" or "his 25-year-old Ford Escort".
    size_t before = name.begin;
    while (before > 0 && text[before - 1] == ' ') --before;
    if (auto t = title_ending.find(static_cast<uint32_t>(before)); t != title_ending.end()) {
      before = (*mentions)[t->second].span.begin;
      while (before > 0 && text[before - 1] == ' ') --before;
    }
    if (auto it = years_ending.find(static_cast<uint32_t>(before)); it != years_ending.end()) {
      size_t d = (*mentions)[it->second].span.begin;
      while (d > 0 && text[d - 1] == ' ') --d;
      const std::string determiner = word_before(d);
      size_t next = SkipSpaces(text, name.end);
      const std::string after = [&] {
        size_t e = next;
        while (e < text.size() && IsAsciiAlpha(text[e])) ++e;
        return std::string(text.substr(next, e - next));
      }();
      // A lowercase word after the name that is no verb: the name
      // modifies it ("the 19-year-old Manchester United fan").
      const bool modifies =
          !after.empty() && !IsAsciiUpper(after[0]) && after.size() > 3 &&
          !after.ends_with("ed") && !after.ends_with("s") && !rules_->verbs.contains(after);
      if (!age.not_before.contains(determiner) && !modifies && take_years(it->second, person)) {
        continue;
      }
    }
    // An apposition before the name: "A 62-year-old builder, Aldo
    // Renzetti, was charged".
    if (before > 0 && text[before - 1] == ',') {
      size_t at = before - 1;
      bool taken = false;
      for (int words = 0; words < 2 && !taken; ++words) {
        while (at > 0 && text[at - 1] == ' ') --at;
        size_t b = at;
        while (b > 0 && IsAsciiAlpha(text[b - 1]) && !IsAsciiUpper(text[b - 1])) --b;
        if (b == at) break;
        at = b;
        size_t end = at;
        while (end > 0 && text[end - 1] == ' ') --end;
        if (auto it = years_ending.find(static_cast<uint32_t>(end)); it != years_ending.end()) {
          taken = take_years(it->second, person);
          break;
        }
      }
      if (taken) continue;
    }
    // After the name.
    size_t at = SkipSpaces(text, name.end);
    if (at < text.size() && text[at] != ',') {
      // "Jane Doe died aged 29": up to two lowercase words, one of them
      // of `death_words`, then an age word and the number.
      bool found = false, died = false;
      for (int words = 0; words < 3 && !found; ++words) {
        for (const std::string& w : age.words) {
          if (WordAt(text, at, w, &at)) {
            found = true;
            break;
          }
        }
        if (found) break;
        size_t e = at;
        while (e < text.size() && IsAsciiAlpha(text[e]) && !IsAsciiUpper(text[e])) ++e;
        if (e == at || e >= text.size() || text[e] != ' ') break;
        died = died || age.death_words.contains(text.substr(at, e - at));
        at = e + 1;
      }
      if (!found || !died) continue;
      size_t digits_end = at;
      while (digits_end < text.size() && IsAsciiDigit(text[digits_end])) ++digits_end;
      if (digits_end == at || digits_end - at > 3) continue;
      if (digits_end < text.size() && (IsAsciiAlnum(text[digits_end]) ||
                                       (text[digits_end] == ',' && digits_end + 1 < text.size() &&
                                        IsAsciiDigit(text[digits_end + 1])) ||
                                       (text[digits_end] == '.' && digits_end + 1 < text.size() &&
                                        IsAsciiDigit(text[digits_end + 1])))) {
        continue;
      }
      const int years = std::stoi(std::string(text.substr(at, digits_end - at)));
      if (in_range(years) && !sentence_rules_out(at)) {
        added.push_back(make(person, years, {static_cast<uint32_t>(at),
                                             static_cast<uint32_t>(digits_end)}));
      }
      continue;
    }
    if (at >= text.size()) continue;
    at = SkipSpaces(text, at + 1);
    for (const std::string& w : age.words) {
      if (WordAt(text, at, w, &at)) break;
    }
    size_t digits_end = at;
    while (digits_end < text.size() && IsAsciiDigit(text[digits_end])) ++digits_end;
    if (digits_end > at && digits_end - at <= 3) {
      // A whole number, then a comma, a semicolon or a full stop that ends
      // the sentence (not "61.5", "12,405" or "61-year-old"), perhaps after
      // "years old".
      size_t after = SkipSpaces(text, digits_end);
      if (absl::StartsWithIgnoreCase(AsAbsl(text.substr(after)), "years old")) after += 9;
      after = SkipSpaces(text, after);
      auto digit_at = [&](size_t i) { return i < text.size() && IsAsciiDigit(text[i]); };
      const bool closed = after < text.size() &&
                          ((text[after] == ',' && !digit_at(after + 1)) || text[after] == ';' ||
                           (text[after] == '.' && !digit_at(after + 1)));
      // Not a list of names and numbers ("scorers were Jones, 24, Smith,
      // 19"): a number and a comma right before the name, or a name and a
      // number right after.
      size_t prev = before;
      bool listed = prev > 0 && text[prev - 1] == ',';
      if (listed) {
        --prev;
        while (prev > 0 && text[prev - 1] == ' ') --prev;
        listed = prev > 0 && IsAsciiDigit(text[prev - 1]);
      }
      if (!listed && closed && text[after] == ',' && index + 1 < people.size()) {
        const Span next = (*mentions)[people[index + 1]].span;
        size_t n = SkipSpaces(text, after + 1);
        if (n == next.begin) {
          n = SkipSpaces(text, next.end);
          listed = n < text.size() && text[n] == ',' && digit_at(SkipSpaces(text, n + 1));
        }
      }
      const int years = std::stoi(std::string(text.substr(at, digits_end - at)));
      if (closed && !listed && in_range(years) && !sentence_rules_out(at)) {
        added.push_back(make(person, years, {static_cast<uint32_t>(at),
                                             static_cast<uint32_t>(digits_end)}));
      }
      continue;
    }
    for (const std::string& w : age.articles) {
      if (WordAt(text, at, w, &at)) break;
    }
    if (auto it = years_at.find(static_cast<uint32_t>(at)); it != years_at.end()) {
      // Not "the 61-year-old's lawyer", "a 10-year-old boy's father": the
      // apposition is about someone else.
      size_t e = (*mentions)[it->second].span.end;
      bool possessive = false;
      while (e < text.size() && text[e] != ',' && text[e] != '.' && text[e] != ';') {
        if (text[e] == '\'' || text.substr(e, 3) == "\xE2\x80\x99") possessive = true;
        ++e;
      }
      if (!possessive) take_years(it->second, person);
    }
  }
  // Ages said further from the name, sentence by sentence: "Ingrid
  // Halvard died on Sunday at her home, aged 87" (the nearest person
  // before, one of `death_words` and no other person or one of `others`
  // between: not "Smith said his father died aged 87", nor "residents
  // aged 65"), and "She was 87." right after a sentence whose first person
  // she is.
  // Only sentences with a number right after one of `words` or `copulas`
  // can say so: found from the sentences' tokens (numbers are few), so
  // that most sentences are looked at no further.
  std::vector<size_t> candidates;  // sentence indices, ascending
  auto follows_age_word = [&](const Token& before) {
    if (!before.word) return false;
    const AsciiLowerWord lower(before.text);
    const std::string_view w = lower.view();
    return std::find(age.words.begin(), age.words.end(), w) != age.words.end() ||
           age.copulas.contains(w);
  };
  std::vector<Token> scratch;
  for (size_t si = 0; si < sentences.size(); ++si) {
    std::span<const Token> ts;
    if (tokens != nullptr && si < tokens->size()) {
      ts = (*tokens)[si];
    } else {
      Tokenize(text, sentences[si], &scratch);
      ts = scratch;
    }
    for (size_t t = 1; t < ts.size(); ++t) {
      if (ts[t].number && follows_age_word(ts[t - 1])) {
        candidates.push_back(si);
        break;
      }
    }
  }
  // Where the ages found so far start (a number token read as one starts
  // there too; a name never holds a number token).
  absl::flat_hash_set<uint32_t> taken;
  if (!candidates.empty()) {
    for (const Mention& m : added) taken.insert(m.span.begin);
  }
  for (const size_t si : candidates) {
    const Span sentence = sentences[si];
    const std::vector<Token> tokens = Tokenize(text, sentence);
    for (size_t t = 0; t + 1 < tokens.size(); ++t) {
      if (!tokens[t].word || !tokens[t + 1].number) continue;
      const std::string word = AsciiLowerCopy(tokens[t].text);
      const bool age_word =
          std::find(age.words.begin(), age.words.end(), word) != age.words.end();
      // "She was 87." alone in its sentence, but for the full stop.
      const bool pronoun_was = t == 1 && age.pronouns.contains(AsciiLowerCopy(tokens[0].text)) &&
                               age.copulas.contains(word) && tokens.size() <= 4;
      if (!age_word && !pronoun_was) continue;
      const Token& number = tokens[t + 1];
      if (t + 2 < tokens.size() && !(tokens[t + 2].text == "," || tokens[t + 2].text == "." ||
                                     tokens[t + 2].text == ";" || tokens[t + 2].word)) {
        continue;
      }
      if (number.text.size() > 3 || number.text.find_first_not_of("0123456789") !=
                                        std::string_view::npos) {
        continue;
      }
      const int years = std::stoi(std::string(number.text));
      if (!in_range(years) || sentence_rules_out(number.span.begin)) continue;
      if (taken.contains(number.span.begin)) continue;
      std::string person;
      // Whether `tokens` from the end of person `p` up to `until` hold one
      // of death_words and none of others ("died", not "said ... died").
      auto died_between = [&](std::span<const Token> ts, const Mention& p, uint32_t until) {
        bool died = false;
        for (const Token& tok : ts) {
          if (tok.span.begin < p.span.end || tok.span.begin >= until || !tok.word) continue;
          const AsciiLowerWord lower(tok.text);
          const std::string_view w = lower.view();
          if (age.others.contains(w)) return false;
          died = died || age.death_words.contains(w);
        }
        return died;
      };
      const Mention* who = nullptr;
      if (pronoun_was) {
        // The first person of the sentence before, who died there.
        if (si == 0) continue;
        const auto it = first_from(sentences[si - 1].begin);
        if (it != people.end() && sentences[si - 1].Contains((*mentions)[*it].span)) {
          who = &(*mentions)[*it];
        }
        if (who == nullptr ||
            !died_between(Tokenize(text, sentences[si - 1]), *who, sentences[si - 1].end)) {
          continue;
        }
      } else {
        // The nearest person before in the sentence, who died there.
        for (auto it = first_from(number.span.begin); it != people.begin();) {
          const Mention& p = (*mentions)[*--it];
          if (p.span.begin < sentence.begin) break;
          if (p.span.end <= number.span.begin) {
            who = &p;
            break;
          }
        }
        if (who == nullptr || !died_between(tokens, *who, tokens[t].span.begin)) continue;
      }
      if (shared_surname(who->span)) continue;
      person = who->subject;
      if (person.empty()) continue;
      mentions->push_back(make(person, years, number.span));
      taken.insert(number.span.begin);
    }
  }
  for (Mention& m : added) mentions->push_back(std::move(m));
}

void RunAgeExamples(const RuleSet& rules, std::vector<rules::ExampleResult>* results) {
  if (rules.figures.rules_ == nullptr) return;
  for (const Example& ex : rules.figures.rules_->age.examples) {
    const ExampleParts parts = SplitExample(ex.text);
    const std::string& want_age = parts.value;
    const std::string& want_person = parts.about;
    const Document doc = TextDocument(parts.text);
    std::string got;
    bool match = false;
    for (const Mention& m : FindMentions(doc, rules)) {
      if (m.rule_id != "figure-age") continue;
      const std::string value = FormatNumber(std::get<FigureValue>(m.value).low);
      absl::StrAppend(&got, got.empty() ? "" : "; ", value, " @ ", m.subject);
      match = match || (value == want_age && m.subject == want_person);
    }
    if (got.empty()) got = "no age";
    rules::ExampleResult res;
    res.pos = ex.pos;
    res.rule_id = ex.rule_id;
    res.passed = ex.counter ? got == "no age" : match;
    if (!res.passed) {
      res.message = absl::StrCat(ex.counter ? "counter-example" : "example", " '", ex.text,
                                 "': found ", got);
    }
    results->push_back(std::move(res));
  }
}

// ----------------------------------------------------------------- compare

namespace {

struct Interval {
  double lo;
  double hi;
  bool lo_open = false;
  bool hi_open = false;
};

Interval ToInterval(const FigureValue& v) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double x = v.low;
  const double tol = std::fabs(x) * 0.005;
  switch (v.bound) {
    case Bound::kExact: return {x - tol, x + tol};
    case Bound::kApprox: return {x - std::fabs(x) * 0.1, x + std::fabs(x) * 0.1};
    case Bound::kAtLeast: return {x - tol, kInf};
    case Bound::kSome: return {x - tol, kInf};
    case Bound::kMoreThan: return {x, kInf, true, false};
    case Bound::kAtMost: return {-kInf, x + tol};
    case Bound::kLessThan: return {-kInf, x, false, true};
    case Bound::kRange: return {v.low - tol, v.high + std::fabs(v.high) * 0.005};
  }
  return {x, x};
}

}  // namespace

FigureRelation CompareFigures(const FigureValue& a, const FigureValue& b) {
  if (a.unit != b.unit || a.counted != b.counted) return FigureRelation::kIncomparable;
  if (a.unit.empty() && a.counted.empty()) return FigureRelation::kIncomparable;
  if (a.year != 0 && b.year != 0 && a.year != b.year) return FigureRelation::kIncomparable;
  return CompareFigureValues(a, b);
}

bool FigureEngine::IsKnownCounted(std::string_view counted) const {
  for (const CountedDef& c : rules_->counted) {
    if (!c.generic && c.key == counted) return true;
  }
  return false;
}

namespace {

// The place of the last digit of `x` that is not zero: 76 -> 1, 80 -> 10,
// 1.2 -> 0.1.
double LastPlace(double x) {
  x = std::fabs(x);
  if (x == 0) return 1;
  double p = 1;
  if (x >= 1 && x == std::floor(x)) {
    while (p < 1e15 && std::fmod(x, p * 10) == 0) p *= 10;
  } else {
    // Decimals: the last of at most six places that is not zero.
    p = 1e-6;
    for (double q = 1; q >= 1e-6; q /= 10) {
      const double scaled = x / q;
      if (std::fabs(scaled - std::round(scaled)) <= 1e-6 * std::max(1.0, scaled)) {
        p = q;
        break;
      }
    }
  }
  return p;
}

bool IsLowerBound(Bound b) {
  return b == Bound::kAtLeast || b == Bound::kMoreThan;
}
bool IsUpperBound(Bound b) {
  return b == Bound::kAtMost || b == Bound::kLessThan;
}

// Whether `x` rounds to `stated` at the precision `stated` is written in.
bool RoundsTo(double x, double stated, double precision) {
  return std::fabs(x - stated) <= precision / 2 * (1 + 1e-9);
}

}  // namespace

double StatedPrecision(double x) {
  const double p = LastPlace(x);
  // A last digit of 5 rounds to halves of the next place: 250 to 50.
  const double digits = std::round(std::fabs(x) / p);
  return std::fmod(digits, 5) == 0 && std::fmod(digits, 10) != 0 ? p * 5 : p;
}

FigureRelation CompareFigureValues(const FigureValue& a, const FigureValue& b) {
  if (a.unit != b.unit) return FigureRelation::kIncomparable;
  const Interval x = ToInterval(a);
  const Interval y = ToInterval(b);
  // Overlap of two intervals, open ends excluded.
  const bool below = x.hi < y.lo || (x.hi == y.lo && (x.hi_open || y.lo_open));
  const bool above = y.hi < x.lo || (y.hi == x.lo && (y.hi_open || x.lo_open));
  if (below || above) return FigureRelation::kConflict;
  // Overlapping values may still state different numbers. An approximate
  // number is a rounding: "about 76 percent" and 78 percent disagree,
  // "about 80 percent" and 78 percent do not.
  const bool approx_a = a.bound == Bound::kApprox, approx_b = b.bound == Bound::kApprox;
  if ((approx_a && (approx_b || b.bound == Bound::kExact)) ||
      (approx_b && a.bound == Bound::kExact)) {
    const double pa = approx_a ? StatedPrecision(a.low) : 0;
    const double pb = approx_b ? StatedPrecision(b.low) : 0;
    // The coarser of the two says how far apart they may be.
    const bool agree = pa >= pb ? RoundsTo(b.low, a.low, pa) : RoundsTo(a.low, b.low, pb);
    return agree ? FigureRelation::kEqual : FigureRelation::kConflict;
  }
  // Two bounds the same way are two counts reported as minimums (or
  // maximums): "at least 65" and "at least 63" disagree on the count; "more
  // than 60" and "at least 68" only differ in how round they are. Two exact
  // numbers written to one place disagree however close they are: "a crowd
  // of 60,213" and "60,312 fans" (the tolerance above is for roundings:
  // "1.2 billion" and "1,203 million" agree).
  if ((IsLowerBound(a.bound) && IsLowerBound(b.bound)) ||
      (IsUpperBound(a.bound) && IsUpperBound(b.bound)) ||
      (a.bound == Bound::kExact && b.bound == Bound::kExact)) {
    const double pa = LastPlace(a.low), pb = LastPlace(b.low);
    if (pa == pb && std::fabs(a.low - b.low) > pa * 1e-6) return FigureRelation::kConflict;
  }
  return FigureRelation::kEqual;
}

}  // namespace extract
}  // namespace concord
