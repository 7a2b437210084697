#include "align/align.h"

#include <algorithm>
#include <bitset>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <span>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "extract/figures.h"
#include "extract/people.h"
#include "extract/temporal.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace concord::align {
namespace {

// A word's bit in AlignRules::synonym_filter (of 4096): most words of a
// story are no synonym, and this tells without hashing them.
size_t SynonymBit(std::string_view w) {
  const size_t first = w.empty() ? 0 : static_cast<unsigned char>(w.front());
  const size_t last = w.empty() ? 0 : static_cast<unsigned char>(w.back());
  return (w.size() * 131 + first * 31 + last) & 4095;
}

// Whether `w` may be a key of rules.synonyms.
bool MaybeSynonym(const AlignRules& rules, std::string_view w) {
  if (rules.synonym_filter.size() != 64) return true;
  const size_t bit = SynonymBit(w);
  return (rules.synonym_filter[bit >> 6] >> (bit & 63)) & 1;
}

// Union-find over indices.
class Groups {
 public:
  explicit Groups(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void Join(size_t a, size_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

// Orders strings as their operator< does, comparing the first bytes inline:
// most words of a context differ there.
struct FastLess {
  bool operator()(const std::string& a, const std::string& b) const {
    if (!a.empty() && !b.empty() && a[0] != b[0]) {
      return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
    }
    return a < b;
  }
};

struct Overlap {
  double score = 0;
  std::vector<std::string> shared;  // most distinctive first
  int shared_near = 0;  // shared words that stand in both claims' clauses
};

// absl's own string hash: cheaper than std::hash for these short words.
struct WordHash {
  size_t operator()(std::string_view s) const noexcept {
    return absl::Hash<absl::string_view>{}(AsAbsl(s));
  }
};

// The words of one story's claims, each held once and numbered in order of
// first appearance: contexts become lists of ids, compared without string
// compares, and what is known of a word (its weight, its synonym) is looked
// up once per story. Ids say nothing of string order: lists keep the order
// of the strings they come from.
class Vocab {
 public:
  explicit Vocab(const AlignRules& rules) : rules_(rules) {}

  // `w` must outlive the vocabulary (claims' and rules' strings do).
  // (Inlined: it runs for every context word of every claim.)
  ABSL_ATTRIBUTE_ALWAYS_INLINE uint32_t Id(std::string_view w) {
    const uint64_t h = Hash(w);
    size_t slot = Probe(w, h);
    if (table_[slot] != kEmpty) return static_cast<uint32_t>(table_[slot]);
    const uint32_t id = static_cast<uint32_t>(words_.size());
    words_.push_back(w);
    fold_.push_back(kUnknown);
    table_[slot] = (h & kHashMask) | id;
    if (2 * words_.size() >= table_.size()) Grow();
    return id;
  }
  // The same for a string nothing else holds.
  uint32_t Own(std::string_view w) {
    if (std::optional<uint32_t> id = Find(w)) return *id;
    owned_.emplace_back(w);
    return Id(owned_.back());
  }
  std::optional<uint32_t> Find(std::string_view w) const {
    const uint64_t slot = table_[Probe(w, Hash(w))];
    if (slot == kEmpty) return std::nullopt;
    return static_cast<uint32_t>(slot);
  }
  std::string_view Word(uint32_t id) const { return words_[id]; }
  size_t size() const { return words_.size(); }
  // Orders ids as their strings.
  bool Less(uint32_t a, uint32_t b) const { return words_[a] < words_[b]; }
  // An event kind ("@start") is no word of the sentences.
  bool IsEvent(uint32_t id) const { return !words_[id].empty() && words_[id][0] == '@'; }

  // Whether the word has a synonym group (AlignRules::synonyms).
  bool HasSynonyms(uint32_t id) { return Folded(id) & kHasSynonyms; }
  // The first word of its synonym group; itself when it has none.
  uint32_t Fold(uint32_t id) { return static_cast<uint32_t>(Folded(id) & kIdMask); }

 private:
  static constexpr int64_t kUnknown = -1;
  static constexpr int64_t kHasSynonyms = int64_t{1} << 32;
  static constexpr int64_t kIdMask = (int64_t{1} << 32) - 1;

  ABSL_ATTRIBUTE_ALWAYS_INLINE int64_t Folded(uint32_t id) {
    const int64_t f = fold_[id];
    return f != kUnknown ? f : FoldFirst(id);
  }
  // Folded(id) the first time: the rules are asked.
  ABSL_ATTRIBUTE_NOINLINE int64_t FoldFirst(uint32_t id) {
    if (!MaybeSynonym(rules_, words_[id])) return fold_[id] = int64_t{id};
    auto it = rules_.synonyms.find(words_[id]);
    // (Id may grow fold_: no reference into it is held across.)
    const int64_t f = it == rules_.synonyms.end() ? int64_t{id}
                                                  : (Id(it->second) | kHasSynonyms);
    fold_[id] = f;
    return f;
  }

  // An open-addressing table of ids, each slot the high half of its word's
  // hash and its id: a word is compared only when half its hash matches.
  // (Short words of a few bytes: a multiply per eight bytes hashes them.)
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  static constexpr uint64_t kHashMask = ~uint64_t{0} << 32;

  static uint64_t Load64(const char* p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
  }
  static uint64_t Load32(const char* p) {
    uint32_t x;
    memcpy(&x, p, 4);
    return x;
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE static uint64_t Hash(std::string_view w) {
    const char* p = w.data();
    const size_t n = w.size();
    uint64_t h = n * 0x9e3779b97f4a7c15ULL;
    uint64_t x = 0;
    if (n >= 8) {
      // Whole eight-byte words, then the last eight bytes (overlapping).
      for (size_t i = 0; i + 8 < n; i += 8) {
        h = (h ^ Load64(p + i)) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
      }
      x = Load64(p + n - 8);
    } else if (n >= 4) {
      x = Load32(p) | (Load32(p + n - 4) << 32);
    } else if (n > 0) {
      x = static_cast<unsigned char>(p[0]) |
          (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
          (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
    }
    h = (h ^ x) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
  }

  // Whether n bytes at a and b are equal (words are short: loads, no call).
  ABSL_ATTRIBUTE_ALWAYS_INLINE static bool Equal(const char* a, const char* b, size_t n) {
    if (n >= 8) {
      for (size_t i = 0; i + 8 < n; i += 8) {
        if (Load64(a + i) != Load64(b + i)) return false;
      }
      return Load64(a + n - 8) == Load64(b + n - 8);
    }
    if (n >= 4) return Load32(a) == Load32(b) && Load32(a + n - 4) == Load32(b + n - 4);
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  // The slot of `w`, or the empty slot where it would go.
  ABSL_ATTRIBUTE_ALWAYS_INLINE size_t Probe(std::string_view w, uint64_t h) const {
    const size_t mask = table_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint64_t s = table_[i];
      if (s == kEmpty) return i;
      if ((s & kHashMask) == (h & kHashMask)) {
        const std::string_view x = words_[static_cast<uint32_t>(s)];
        if (x.size() == w.size() && Equal(x.data(), w.data(), w.size())) return i;
      }
    }
  }

  ABSL_ATTRIBUTE_NOINLINE void Grow() {
    std::vector<uint64_t> old = std::move(table_);
    table_.assign(old.size() * 2, kEmpty);
    const size_t mask = table_.size() - 1;
    for (uint64_t s : old) {
      if (s == kEmpty) continue;
      size_t i = Hash(words_[static_cast<uint32_t>(s)]) & mask;
      while (table_[i] != kEmpty) i = (i + 1) & mask;
      table_[i] = s;
    }
  }

  const AlignRules& rules_;
  std::vector<uint64_t> table_ = std::vector<uint64_t>(1024, kEmpty);
  std::vector<std::string_view> words_;
  std::vector<int64_t> fold_;  // per id: kUnknown, or the folded id | kHasSynonyms
  std::deque<std::string> owned_;  // stable addresses
};

// A claim's context as the aligner compares it (see Widener): word ids in
// the order of their strings, each word's proximity, and the ids of the
// words of the mention's clause.
struct Ctx {
  std::vector<uint32_t> words;
  std::vector<float> proximity;
  std::vector<uint32_t> near;
  // The claim's things with those its definite descriptions stand for;
  // only when there are such (else the claim's own).
  bool own_things = false;
  std::vector<std::string> things;

  const std::vector<std::string>& Things(const Claim& c) const {
    return own_things ? things : c.things;
  }
};

// Inverse document frequency of words over a set of "documents".
class Idf {
 public:
  // Counts at least `min_documents` documents: in a smaller set every
  // shared word would look common.
  explicit Idf(int min_documents = 0) : min_(min_documents) {}
  void Add(const std::vector<std::string>& words) {
    ++n_;
    for (const std::string& w : words) df_[w] += 1;
  }
  double Weight(const std::string& w) const {
    auto it = df_.find(w);
    const double df = it == df_.end() ? 1 : it->second;
    return std::log(1.0 + static_cast<double>(std::max(n_, min_)) / df);
  }

 private:
  // (absl's own string hash: cheaper than std::hash for these short words.)
  absl::flat_hash_map<std::string, int> df_;
  int n_ = 0;
  int min_ = 0;
};

// The same over the words of a Vocab, by id.
class IdIdf {
 public:
  void Add(std::span<const uint32_t> ids) {
    ++n_;
    for (uint32_t id : ids) {
      // (Grown ahead: a count of 0 reads as an unseen word's.)
      if (id >= df_.size()) df_.resize(std::max<size_t>(id + 1, 2 * df_.size()), 0);
      df_[id] += 1;
    }
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE double Weight(uint32_t id) {
    if (id < weight_.size() && weight_[id] >= 0) return weight_[id];
    return FirstWeight(id);
  }
  // For a word the vocabulary may not have.
  double Weight(const Vocab& vocab, std::string_view w) {
    if (std::optional<uint32_t> id = vocab.Find(w)) return Weight(*id);
    return std::log(1.0 + static_cast<double>(n_) / 1.0);
  }

 private:
  ABSL_ATTRIBUTE_NOINLINE double FirstWeight(uint32_t id) {
    if (id >= weight_.size()) weight_.resize(std::max<size_t>(id + 1, df_.size()), -1);
    double& w = weight_[id];
    if (w < 0) {
      const double df = id < df_.size() && df_[id] > 0 ? df_[id] : 1;
      w = std::log(1.0 + static_cast<double>(n_) / df);
    }
    return w;
  }

  std::vector<int> df_;
  std::vector<double> weight_;  // computed on first use; -1 before
  int n_ = 0;
};

// Words outside a claim's own clause count this much of their weight.
constexpr double kFarWeight = 0.5;

// A claim's context words weighed once: its idf times its proximity to the
// mention, halved outside the mention's clause.
struct Weighed {
  std::vector<double> w;
  std::vector<char> near;  // the word stands in the claim's clause
  double total = 0;
};

// `marks` has a zero for every id of the vocabulary (and is left so).
Weighed WeighContext(const Ctx& c, IdIdf& idf, std::vector<char>& marks) {
  Weighed out;
  out.w.resize(c.words.size());
  out.near.resize(c.words.size());
  for (uint32_t id : c.near) marks[id] = 1;
  for (size_t i = 0; i < c.words.size(); ++i) {
    const bool near = marks[c.words[i]];
    const double p = i < c.proximity.size() ? c.proximity[i] : 1.0;
    out.near[i] = near;
    out.w[i] = idf.Weight(c.words[i]) * p * (near ? 1.0 : kFarWeight);
  }
  for (uint32_t id : c.near) marks[id] = 0;
  for (double x : out.w) out.total += x;
  return out;
}

// Weighted overlap of two claims' contexts. A word weighs its idf times its
// proximity to the mention, halved outside the mention's clause; a shared
// word counts with the smaller of its two weights, over the smaller side's
// total (the overlap coefficient): paraphrases in sentences of very
// different length still score high when the shorter one's words recur.
// `pos_a[id]` is 1 + the index of word `id` in a's context, 0 when a has
// none (indexed by every id of b). b's words come in string order, so the
// shared weights add up in the order of the words.
// Fills `shared` only with `list_shared` (else only counts them).
Overlap ContextSimilarity(const Weighed& wa, const uint32_t* pos_a, const Ctx& b,
                          const Weighed& wb, const Vocab& vocab, bool list_shared,
                          size_t* shared_count) {
  double shared = 0;
  Overlap out;
  std::vector<std::pair<double, uint32_t>> common;
  *shared_count = 0;
  const size_t nb = b.words.size();
  for (size_t j = 0; j < nb; ++j) {
    const uint32_t id = b.words[j];
    const uint32_t p = pos_a[id];
    if (p == 0) continue;
    const size_t i = p - 1;
    const double x = std::min(wa.w[i], wb.w[j]);
    shared += x;
    // An event kind ("@start") adds to the score, not to the count of
    // shared words.
    if (!vocab.IsEvent(id)) ++*shared_count;
    if (list_shared) common.push_back({-x, id});
    if (wa.near[i] && wb.near[j]) ++out.shared_near;
  }
  if (wa.total > 0 && wb.total > 0) out.score = shared / std::min(wa.total, wb.total);
  if (list_shared) {
    std::sort(common.begin(), common.end(), [&](const auto& x, const auto& y) {
      return x.first < y.first || (x.first == y.first && vocab.Less(x.second, y.second));
    });
    out.shared.reserve(common.size());
    for (const auto& [x, id] : common) out.shared.emplace_back(vocab.Word(id));
  }
  return out;
}

// ContextSimilarity without the list of shared words, for scoring every
// candidate pair: the same score, count of shared near words and count of
// shared words (events left out), added up in the same order.
struct Scored {
  double score = 0;
  int shared_near = 0;
  size_t shared_count = 0;
};

Scored ScoreContexts(const Weighed& wa, const uint32_t* pos_a, const Ctx& b, const Weighed& wb,
                     const Vocab& vocab) {
  Scored out;
  double shared = 0;
  const uint32_t* ids = b.words.data();
  const size_t nb = b.words.size();
  for (size_t j = 0; j < nb; ++j) {
    const uint32_t p = pos_a[ids[j]];
    if (p == 0) continue;
    const size_t i = p - 1;
    shared += std::min(wa.w[i], wb.w[j]);
    if (!vocab.IsEvent(ids[j])) ++out.shared_count;
    if (wa.near[i] && wb.near[j]) ++out.shared_near;
  }
  if (wa.total > 0 && wb.total > 0) out.score = shared / std::min(wa.total, wb.total);
  return out;
}

// The part of `sentence` from the first to the last of `words` (each
// found as a whole word, in any case), when it is at most kMaxWords words
// and holds no part of `mention`; else "".
std::string PhraseOf(std::string_view sentence, std::string_view mention,
                     const std::vector<std::string>& words) {
  constexpr int kMaxWords = 8;
  if (words.size() < 2 || mention.empty()) return "";
  const std::string lower = AsciiLowerCopy(sentence);
  size_t begin = std::string::npos, end = 0;
  for (const std::string& word : words) {
    const std::string w = AsciiLowerCopy(word);
    size_t at = lower.find(w);
    while (at != std::string::npos &&
           ((at > 0 && IsAsciiAlnum(lower[at - 1])) ||
            (at + w.size() < lower.size() && IsAsciiAlnum(lower[at + w.size()])))) {
      at = lower.find(w, at + 1);
    }
    if (at == std::string::npos) return "";
    begin = std::min(begin, at);
    end = std::max(end, at + w.size());
  }
  const size_t m = sentence.find(mention);
  if (m == std::string_view::npos || (m < end && m + mention.size() > begin)) return "";
  const std::string_view phrase = sentence.substr(begin, end - begin);
  if (std::count(phrase.begin(), phrase.end(), ' ') >= kMaxWords) return "";
  return std::string(phrase);
}

// What a group of facts is about, for people: the most distinctive named
// thing both sentences mention, preferring agreements, organisations and
// events ("Bilateral Trade Agreement"), else what both measure ("crowd"),
// else people and places they both name, else the words they share: as
// `sentence` (the first claim's, whose mention is `mention`) words the
// most of the four that weigh most (three at least) when they stand close
// together there, away from the mention ("strike that shut the Port of
// Halden"), else those four.
std::string FactSubject(const std::vector<std::string>& a_things,
                        const std::vector<std::string>& a_entities,
                        const std::vector<std::string>& b_things,
                        const std::vector<std::string>& b_entities,
                        const std::vector<std::string>& shared, const std::string& measured,
                        std::string_view sentence, std::string_view mention,
                        const Vocab& vocab, IdIdf& entity_idf) {
  std::vector<std::string> common;
  std::set_intersection(a_things.begin(), a_things.end(), b_things.begin(), b_things.end(),
                        std::back_inserter(common));
  if (common.empty() && !measured.empty()) return measured;
  if (common.empty()) {
    std::set_intersection(a_entities.begin(), a_entities.end(), b_entities.begin(),
                          b_entities.end(), std::back_inserter(common));
  }
  std::string best;
  double best_weight = -1;
  for (const std::string& e : common) {
    const double w = entity_idf.Weight(vocab, e);
    if (w > best_weight) best = e, best_weight = w;
  }
  if (!best.empty()) return best;
  // The first shared words, not the event marks among them ("(start)").
  std::vector<std::string> head;
  for (const std::string& w : shared) {
    if (head.size() == 4) break;
    if (!w.empty() && w[0] != '(') head.push_back(w);
  }
  // The most of them (those that weigh least dropped first) that the
  // sentence words so.
  for (size_t n = head.size(); n >= std::min<size_t>(3, head.size()) && n >= 2; --n) {
    const std::vector<std::string> first(head.begin(), head.begin() + n);
    if (std::string phrase = PhraseOf(sentence, mention, first); !phrase.empty()) return phrase;
  }
  return absl::StrJoin(head, " ");
}

// How much a story keyword weighs: its idf, doubled for a name of several
// words ("varuna energy storage"), which says more about a story than any
// single word.
double KeywordFactor(std::string_view w) {
  // A figure ("#51 percent") is one keyword, not a name of several words.
  const bool name = w.find(' ') != std::string_view::npos && w[0] != '#';
  return name ? 2.0 : 1.0;
}

double KeywordWeight(const std::string& w, const Idf& idf) {
  return idf.Weight(w) * KeywordFactor(w);
}

// Weighted Dice overlap of two sorted keyword sets.
Overlap Similarity(const std::vector<std::string>& a,
                   const std::vector<std::string>& b, const Idf& idf) {
  Overlap out;
  double wa = 0, wb = 0, shared = 0;
  for (const auto& w : a) wa += KeywordWeight(w, idf);
  for (const auto& w : b) wb += KeywordWeight(w, idf);
  std::vector<std::pair<double, std::string>> common;
  std::vector<std::string> inter;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                        std::back_inserter(inter));
  for (const auto& w : inter) {
    const double x = KeywordWeight(w, idf);
    shared += x;
    common.push_back({-x, w});
  }
  if (wa + wb > 0) out.score = 2 * shared / (wa + wb);
  std::sort(common.begin(), common.end());
  for (const auto& [x, w] : common) out.shared.push_back(w);
  return out;
}

// The first bytes of the stems of each synonym group, by the group's head.
StringMap<std::bitset<256>> SynonymFirsts(const StringMap<std::string>& synonyms) {
  StringMap<std::bitset<256>> out;
  for (const auto& [stem, head] : synonyms) {
    if (!stem.empty()) out[head].set(static_cast<unsigned char>(stem[0]));
  }
  return out;
}

// The word tokens of sentences, tokenised once however many explanations
// look words up in them, and stemmed only when a word may be the one looked
// for. Sentences are keyed by their text, which the claims hold for the
// whole alignment.
class SurfaceIndex {
 public:
  explicit SurfaceIndex(const AlignRules& rules)
      : rules_(rules), synonym_firsts_(&rules.synonym_firsts) {
    // (Rules made by CompileAlignRules come with them.)
    if (rules.synonym_firsts.empty() && !rules.synonyms.empty()) {
      own_firsts_ = SynonymFirsts(rules.synonyms);
      synonym_firsts_ = &own_firsts_;
    }
  }

  // The surface word in `sentence` whose stem is `stem`, for explanations.
  std::string Surface(const std::string& stem, const std::string& sentence) {
    for (Word& w : Words(sentence)) {
      // A stem is its word lowercased and cut (Stem): it starts as the word.
      if (!stem.empty() && w.first != stem[0]) continue;
      if (Stemmed(w).stem == stem) return AsciiLowerCopy(w.text);
    }
    return stem;
  }

  // The surface word in `sentence` whose stem, synonyms folded, is `key`
  // ("duty" for the key "tarif"); `key` itself when there is none.
  std::string SurfaceOfKey(const std::string& key, const std::string& sentence) {
    // The first bytes of the stems that fold to `key`.
    std::bitset<256> firsts;
    if (!key.empty()) firsts.set(static_cast<unsigned char>(key[0]));
    // (A group's head is a key of the synonyms too.)
    if (MaybeSynonym(rules_, key)) {
      if (auto it = synonym_firsts_->find(key); it != synonym_firsts_->end()) firsts |= it->second;
    }
    for (Word& w : Words(sentence)) {
      if (!w.word) continue;
      if (!key.empty() && !firsts.test(static_cast<unsigned char>(w.first))) continue;
      if (Stemmed(w).key == key) return AsciiLowerCopy(w.text);
    }
    return key;
  }

 private:
  struct Word {
    std::string_view text;  // into the sentence
    char first = 0;         // its first byte, lowercase (ASCII)
    bool word = false;      // a word token (else a number)
    bool stemmed = false;   // stem and key are set
    std::string stem;       // extract::Stem of the token
    // The stem with synonyms folded (words only): into `stem` or the rules.
    // (A word's list never grows once made: `stem` stays put.)
    std::string_view key;
  };

  Word& Stemmed(Word& w) const {
    if (w.stemmed) return w;
    w.stemmed = true;
    w.stem = extract::Stem(w.text);
    if (w.word) {
      auto syn = MaybeSynonym(rules_, w.stem) ? rules_.synonyms.find(w.stem)
                                              : rules_.synonyms.end();
      w.key = syn != rules_.synonyms.end() ? std::string_view(syn->second)
                                           : std::string_view(w.stem);
    }
    return w;
  }

  // The word and number tokens of `sentence`, in order.
  std::vector<Word>& Words(const std::string& sentence) {
    // An explanation looks several words up in one sentence in a row, and
    // alternates between two claims' sentences: the last two are at hand.
    if (&sentence == last_[0].sentence) return *last_[0].words;
    if (&sentence == last_[1].sentence) {
      std::swap(last_[0], last_[1]);
      return *last_[0].words;
    }
    // Else each string is looked up by its address before its text is
    // hashed.
    std::vector<Word>*& known = by_address_[&sentence];
    last_[1] = last_[0];
    if (known != nullptr) {
      last_[0] = {&sentence, known};
      return *known;
    }
    auto [it, inserted] = words_.try_emplace(std::string_view(sentence));
    last_[0] = {&sentence, &it->second};
    known = &it->second;
    if (!inserted) return it->second;
    thread_local std::vector<extract::Token> tokens;
    extract::Tokenize(sentence, {0, static_cast<uint32_t>(sentence.size())}, &tokens);
    it->second.reserve(tokens.size());
    for (const extract::Token& t : tokens) {
      if (!t.word && !t.number) continue;
      Word& w = it->second.emplace_back();
      w.text = t.text;
      w.first = AsciiLower(t.text[0]);
      w.word = t.word;
    }
    return it->second;
  }

  const AlignRules& rules_;
  const StringMap<std::bitset<256>>* synonym_firsts_;  // by synonym group head
  StringMap<std::bitset<256>> own_firsts_;
  // By sentence text; nodes stay put, for last_.
  absl::node_hash_map<std::string_view, std::vector<Word>, StringHash, StringEq> words_;
  absl::flat_hash_map<const std::string*, std::vector<Word>*> by_address_;
  struct Recent {
    const std::string* sentence = nullptr;
    std::vector<Word>* words = nullptr;
  };
  Recent last_[2];  // the last sentence looked up first
};

std::string PersonKey(const Claim& c) {
  if (!c.mention.subject.empty()) return extract::NameKey(c.mention.subject);
  return "";
}

// Whether two person keys name the same person: equal, a spelling variant,
// or one is the other's surname alone.
bool SamePerson(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  NameValue na, nb;
  na.full = a, na.key = a;
  nb.full = b, nb.key = b;
  return extract::CompareNames(na, nb) != extract::NameRelation::kDifferent;
}

// What ByPerson learns of a story's people, kept for its next call: titles,
// names and quotes name mostly the same people.
struct People {
  // Person keys numbered as first seen, and each subject's key number.
  std::vector<std::string> keys;
  StringMap<uint32_t> key_ids;
  absl::flat_hash_map<std::string_view, uint32_t> key_of;  // by subject
  // SamePerson by (the key numbers of) two keys in string order.
  absl::flat_hash_map<uint64_t, bool> same;
};

// Groups claims by person identity (titles, names, quotes by speaker).
std::vector<std::vector<const Claim*>> ByPerson(
    const std::vector<const Claim*>& claims, People* people) {
  std::vector<uint32_t> keys;
  keys.reserve(claims.size());
  // Claims of one person mostly share their subject: key each once.
  for (const Claim* c : claims) {
    auto [it, inserted] = people->key_of.try_emplace(c->mention.subject);
    if (inserted) {
      std::string key = PersonKey(*c);
      auto [id, added] =
          people->key_ids.try_emplace(key, static_cast<uint32_t>(people->keys.size()));
      if (added) people->keys.push_back(std::move(key));
      it->second = id->second;
    }
    keys.push_back(it->second);
  }
  const std::vector<std::string>& text = people->keys;
  // Distinct keys in string order, clustered; each key's place among them.
  std::vector<uint32_t> distinct = keys;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::sort(distinct.begin(), distinct.end(),
            [&](uint32_t a, uint32_t b) { return text[a] < text[b]; });
  std::vector<uint32_t> place(text.size(), 0);
  for (size_t i = 0; i < distinct.size(); ++i) place[distinct[i]] = static_cast<uint32_t>(i);
  Groups g(distinct.size());
  for (size_t i = 0; i < distinct.size(); ++i) {
    const std::string& a = text[distinct[i]];
    if (a.empty()) continue;
    for (size_t j = i + 1; j < distinct.size(); ++j) {
      const std::string& b = text[distinct[j]];
      if (b.empty()) continue;
      auto [it, inserted] = people->same.try_emplace(
          (uint64_t{distinct[i]} << 32) | distinct[j], false);
      if (inserted) it->second = SamePerson(a, b);
      if (it->second) g.Join(i, j);
    }
  }
  std::map<size_t, std::vector<const Claim*>> out;
  for (size_t i = 0; i < claims.size(); ++i) {
    if (text[keys[i]].empty()) continue;
    out[g.Find(place[keys[i]])].push_back(claims[i]);
  }
  std::vector<std::vector<const Claim*>> result;
  for (auto& [k, v] : out) result.push_back(std::move(v));
  return result;
}

// Whether a claim's sentence dates it to a year before its article's
// publication year ("In 1962 Dalton, 24, beat Ortiz").
bool OfEarlierYear(const Claim& c) {
  if (!c.published) return false;
  const date::year year = date::year_month_day(*c.published).year();
  const date::sys_days year_start = date::sys_days(year / date::January / 1);
  for (const DateInterval& d : c.sentence_dates) {
    if (d.end < year_start) return true;
  }
  return false;
}

// The age of a figure claim.
double AgeOf(const Claim* c) { return std::get<FigureValue>(c->mention.value).low; }

// Leaves, of the ages an article gives one person in `group`, those of the
// value nearest an age another article gives (none on a tie).
void KeepNearestAges(std::vector<const Claim*>* group) {
  std::map<std::string_view, std::set<double>> values;  // by document
  for (const Claim* c : *group) values[c->evidence.doc].insert(AgeOf(c));
  std::map<std::string_view, std::optional<double>> keep;
  for (const auto& [doc, own] : values) {
    if (own.size() < 2) continue;
    double best = std::numeric_limits<double>::infinity();
    std::optional<double> nearest;
    for (double v : own) {
      for (const auto& [other, theirs] : values) {
        if (other == doc) continue;
        for (double w : theirs) {
          const double d = std::abs(v - w);
          if (d < best) {
            best = d, nearest = v;
          } else if (d == best && nearest != v) {
            nearest.reset();
          }
        }
      }
    }
    keep[doc] = nearest;
  }
  if (keep.empty()) return;
  std::erase_if(*group, [&](const Claim* c) {
    auto it = keep.find(c->evidence.doc);
    return it != keep.end() && it->second != AgeOf(c);
  });
}

// For each of `n` claims, the first of them that says the same thing in
// its article (the claim itself when none before does): a repeated
// sentence. Candidates share a `Key` (`key_of(i)`); `same(r, i)` decides.
template <typename Key, typename KeyOf, typename Same>
std::vector<size_t> FirstStatements(size_t n, KeyOf key_of, Same same) {
  std::vector<size_t> first(n);
  absl::flat_hash_map<Key, std::vector<size_t>> stated;
  for (size_t i = 0; i < n; ++i) {
    std::vector<size_t>& candidates = stated[key_of(i)];
    auto it = std::find_if(candidates.begin(), candidates.end(),
                           [&](size_t r) { return same(r, i); });
    first[i] = it == candidates.end() ? i : *it;
    if (it == candidates.end()) candidates.push_back(i);
  }
  return first;
}

// Whether the claims come from two documents or more.
bool FromTwoDocs(const std::vector<const Claim*>& claims) {
  for (const Claim* c : claims) {
    if (c->evidence.doc != claims.front()->evidence.doc) return true;
  }
  return false;
}

// The most common full subject among claims (display name of a person).
std::string DisplaySubject(const std::vector<const Claim*>& claims) {
  std::map<std::string, int> counts;
  for (const Claim* c : claims) counts[c->mention.subject] += 1;
  std::string best;
  int n = 0;
  for (const auto& [s, k] : counts) {
    // Prefer the most frequent, then the longest (a full name over a surname).
    if (k > n || (k == n && s.size() > best.size())) best = s, n = k;
  }
  return best;
}

std::vector<std::string> QuoteWords(const std::string& text,
                                    const extract::Stopwords& stopwords) {
  std::vector<std::string> words =
      extract::ContentWords(text, {0, static_cast<uint32_t>(text.size())}, stopwords);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// The words of a quote in order, lower case (ASCII), for comparing short
// quotes word by word.
std::vector<std::string> QuoteSequence(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    if (!IsAsciiAlnum(text[i]) && static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() &&
           (IsAsciiAlnum(text[j]) || static_cast<unsigned char>(text[j]) >= 0x80 ||
            (text[j] == '\'' && j + 1 < text.size() && IsAsciiAlnum(text[j + 1])))) {
      ++j;
    }
    out.push_back(AsciiLowerCopy(text.substr(i, j - i)));
    i = j;
  }
  return out;
}

// Length of the longest common subsequence of two word sequences.
size_t CommonWords(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<size_t> row(b.size() + 1, 0);
  for (const std::string& x : a) {
    size_t diagonal = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      const size_t up = row[j + 1];
      row[j + 1] = x == b[j] ? diagonal + 1 : std::max(row[j + 1], row[j]);
      diagonal = up;
    }
  }
  return row[b.size()];
}

// What a figure counts or a duration measures, with synonyms folded:
// the counted noun of a figure, else the words of the phrase it measures
// (Claim::measures). Sorted, unique; empty when the extractor did not say.
// `strong` when the phrase is the mention's own (a counted noun, "a
// six-year build"), not the subject of a verb.
struct MeasuredKey {
  std::vector<std::string> words;
  bool strong = false;
};

MeasuredKey KeyOf(const Claim& c, const AlignRules& rules) {
  MeasuredKey key;
  auto add = [&](const std::string& w) {
    if (w.empty()) return;
    auto it = MaybeSynonym(rules, w) ? rules.synonyms.find(w) : rules.synonyms.end();
    key.words.push_back(it != rules.synonyms.end() ? it->second : w);
  };
  if (const auto* f = std::get_if<FigureValue>(&c.mention.value)) {
    add(f->counted);
    key.strong = !f->counted.empty();
  } else if (c.mention.kind == MentionKind::kDuration) {
    add(c.mention.subject);
  }
  for (const std::string& w : c.measures) add(w);
  if (!c.measures.empty() && !c.measured_by_verb) key.strong = true;
  std::sort(key.words.begin(), key.words.end());
  key.words.erase(std::unique(key.words.begin(), key.words.end()), key.words.end());
  return key;
}

bool SameMeasured(const MeasuredKey& a, const MeasuredKey& b) {
  // Whether the sorted lists share a word.
  auto x = a.words.begin(), y = b.words.begin();
  while (x != a.words.end() && y != b.words.end()) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      return true;
    }
  }
  return false;
}

// How much context overlap two claims need to be one fact, or a negative
// number when they cannot be: different units, dates that cannot be
// compared, or two figures that count different known things ("42 killed",
// "42 injured").
// Whether two resolved dates of different precisions stand more than
// `days` apart in every reading ("2021" and a Monday in 2026).
bool DatesFarApart(const DateValue& a, const DateValue& b, int days) {
  if (!a.resolved || !b.resolved || a.alternatives.empty() || b.alternatives.empty()) {
    return false;
  }
  for (const DateInterval& x : a.alternatives) {
    for (const DateInterval& y : b.alternatives) {
      if (x.granularity == y.granularity) return false;
      const date::sys_days gap_from = std::max(x.begin, y.begin);
      const date::sys_days gap_to = std::min(x.end, y.end);
      if (gap_from - gap_to <= date::days(days)) return false;
    }
  }
  return true;
}

// Whether the dates around two claims rule out one fact: both sentences
// date what they say and no two of those dates overlap ("42 killed on
// Monday" and "51 killed by Wednesday").
bool DatedApart(const Claim& a, const Claim& b) {
  if (a.sentence_dates.empty() || b.sentence_dates.empty()) return false;
  for (const DateInterval& x : a.sentence_dates) {
    for (const DateInterval& y : b.sentence_dates) {
      if (x.begin < y.end && y.begin < x.end) return false;
    }
  }
  return true;
}

// The smaller of two figures' or durations' magnitudes over the larger (1
// when equal or not comparable): reports of one fact that disagree are
// most often a slip of a digit or a rounding, not a tenfold difference.
double ValueRatio(const Claim& a, const Claim& b) {
  double x = 0, y = 0;
  if (const auto* f = std::get_if<FigureValue>(&a.mention.value)) {
    const auto* g = std::get_if<FigureValue>(&b.mention.value);
    if (g == nullptr) return 1;
    x = (f->low + f->high) / 2, y = (g->low + g->high) / 2;
  } else if (const auto* d = std::get_if<DurationValue>(&a.mention.value)) {
    const auto* e = std::get_if<DurationValue>(&b.mention.value);
    if (e == nullptr) return 1;
    x = d->Days(), y = e->Days();
  } else {
    return 1;
  }
  x = std::abs(x), y = std::abs(y);
  if (x == y) return 1;
  return std::min(x, y) / std::max(x, y);
}

// Whether two claims name whose they are (Claim::owner) and the names
// share no word. Only names right at their figures ("Iceland 17 percent",
// "the Faroe Islands 15 percent") keep two figures apart: a name further
// back may be either party of one deal ("the agency awarded a 3.1 billion
// contract", "Halvorsen Dufour has signed a 3.1 billion contract").
bool OwnedApart(const Claim& a, const Claim& b) {
  if (a.owner.empty() || b.owner.empty()) return false;
  std::vector<std::string> common;
  std::set_intersection(a.owner.begin(), a.owner.end(), b.owner.begin(), b.owner.end(),
                        std::back_inserter(common));
  return common.empty();
}

bool SameOwner(const Claim& a, const Claim& b) {
  return !a.owner.empty() && !b.owner.empty() && !OwnedApart(a, b);
}

double ThresholdFor(const Claim& a, const MeasuredKey& ka, const Claim& b,
                    const MeasuredKey& kb, const RuleSet& rules) {
  const AlignRules& ar = rules.align;
  if (a.mention.kind != b.mention.kind) return -1;
  if (a.owner_adjacent && b.owner_adjacent && OwnedApart(a, b)) return -1;
  if (a.mention.kind != MentionKind::kDate && DatedApart(a, b)) return -1;
  switch (a.mention.kind) {
    case MentionKind::kDate: {
      // "now", "currently": the present of each article, not a claim.
      if (std::string_view(a.mention.timex) == "PRESENT_REF" ||
          std::string_view(b.mention.timex) == "PRESENT_REF") return -1;
      const auto* x = std::get_if<DateValue>(&a.mention.value);
      const auto* y = std::get_if<DateValue>(&b.mention.value);
      if (!x || !y ||
          extract::CompareDates(*x, *y) == extract::TemporalRelation::kUnknown) {
        return -1;
      }
      if (ar.date_apart_days > 0 && a.event != b.event &&
          DatesFarApart(*x, *y, ar.date_apart_days)) {
        return -1;
      }
      // "takes effect in March 2026" and "from March 3" date one start;
      // "signed on Monday" and "from Tuesday" two events.
      if (!a.event.empty() && !b.event.empty()) {
        return a.event == b.event ? ar.subject_threshold : -1;
      }
      return ar.date_threshold;
    }
    case MentionKind::kDuration: {
      const auto* x = std::get_if<DurationValue>(&a.mention.value);
      const auto* y = std::get_if<DurationValue>(&b.mention.value);
      if (!x || !y ||
          extract::CompareDurations(*x, *y) == extract::TemporalRelation::kUnknown) {
        return -1;
      }
      if (std::string_view(a.attribute) == "frame" || std::string_view(b.attribute) == "frame") {
        return -1;
      }
      // "reviewed after three years" is no length of anything.
      const bool offset_a = std::string_view(a.attribute) == "offset";
      if (offset_a != (std::string_view(b.attribute) == "offset")) return -1;
      if (ValueRatio(a, b) < ar.value_ratio) return -1;
      if (SameMeasured(ka, kb)) return ar.subject_threshold;
      // "a six-year build" and "a 25-year maintenance contract" measure
      // two things, however alike their sentences.
      if (ka.strong && kb.strong) return -1;
      return ar.claim_threshold;
    }
    case MentionKind::kFigure: {
      const auto* x = std::get_if<FigureValue>(&a.mention.value);
      const auto* y = std::get_if<FigureValue>(&b.mention.value);
      if (!x || !y || x->unit != y->unit) return -1;
      if (x->year != 0 && y->year != 0 && x->year != y->year) return -1;
      if (ValueRatio(a, b) < ar.value_ratio) return -1;
      if (SameMeasured(ka, kb) || SameOwner(a, b)) return ar.subject_threshold;
      const std::string sa = x->counted, sb = y->counted;
      // A count is of something: "3 goals" and "2,000 supporters" are two
      // facts however alike their sentences.
      if (x->unit.empty()) return -1;
      // Percentages and sums may name what they measure differently ("a 14
      // per cent rise", "raises wages by 12 percent"), unless both name
      // known, different things.
      if (rules.figures.IsKnownCounted(sa) && rules.figures.IsKnownCounted(sb)) return -1;
      return ar.claim_threshold;
    }
    default:
      return -1;
  }
}

}  // namespace

void CompileAlignRules(const std::vector<rules::RuleFile>& files,
                       rules::Diagnostics* diag, AlignRules* out) {
  for (const rules::RuleFile& file : files) {
    const rules::RuleNode* node = file.root.Find("align");
    if (node == nullptr) continue;
    if (node->type() != rules::RuleNode::Type::kTable) {
      diag->Error(node->pos(), absl::StrCat("'align': expected a table, saw ",
                                            AsAbsl(node->TypeName())));
      continue;
    }
    rules::TableReader r(*node, "align", diag);
    int64_t n = 0;
    auto fraction = [&](const char* key, double* v) {
      double x = 0;
      if (!r.Number(key, &x)) return;
      if (!(x >= 0 && x <= 1)) {  // nan too: it compares false with every score
        diag->Error(node->Find(key)->pos(),
                    absl::StrCat("'", key, "': expected a number from 0 to 1, saw ", x),
                    "align");
        return;
      }
      *v = x;
    };
    fraction("story_threshold", &out->story_threshold);
    fraction("story_neighbour_threshold", &out->story_neighbour_threshold);
    fraction("claim_threshold", &out->claim_threshold);
    fraction("date_threshold", &out->date_threshold);
    fraction("quote_threshold", &out->quote_threshold);
    fraction("subject_threshold", &out->subject_threshold);
    fraction("value_ratio", &out->value_ratio);
    if (const rules::RuleNode* groups = r.Typed("synonyms", rules::RuleNode::Type::kArray)) {
      for (const rules::RuleNode& g : groups->items()) {
        if (g.type() != rules::RuleNode::Type::kArray || g.items().empty()) {
          diag->Error(g.pos(), "'synonyms': expected an array of word lists", "align");
          continue;
        }
        std::string head;
        for (const rules::RuleNode& w : g.items()) {
          if (w.type() != rules::RuleNode::Type::kString) {
            diag->Error(w.pos(), absl::StrCat("'synonyms': expected a string, saw ",
                                              AsAbsl(w.TypeName())), "align");
            continue;
          }
          const std::string stem = extract::Stem(w.str());
          if (head.empty()) head = stem;
          out->synonyms[stem] = head;
        }
      }
    }
    out->synonym_firsts = SynonymFirsts(out->synonyms);
    out->synonym_filter.assign(64, 0);
    for (const auto& [stem, head] : out->synonyms) {
      const size_t bit = SynonymBit(stem);
      out->synonym_filter[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    std::vector<std::string> cues;
    r.StringList("update_cues", &cues);
    for (const std::string& w : cues) out->update_cues.insert(AsciiLowerCopy(w));
    r.StringList("lower_bound_words", &out->lower_bound_words);
    r.StringList("upper_bound_words", &out->upper_bound_words);
    for (auto* list : {&out->lower_bound_words, &out->upper_bound_words}) {
      for (std::string& w : *list) w = AsciiLowerCopy(w);
    }
    std::vector<std::string> frames;
    r.StringList("frame_words", &frames);
    for (const std::string& w : frames) out->frame_words.insert(extract::Stem(w));
    for (auto [key, set] : {std::pair{"measure_verbs", &out->measure_verbs},
                            std::pair{"measure_preps", &out->measure_preps},
                            std::pair{"verb_auxiliaries", &out->verb_auxiliaries},
                            std::pair{"dimension_words", &out->dimension_words},
                            std::pair{"phrase_end_words", &out->phrase_end_words},
                            std::pair{"extent_verbs", &out->extent_verbs},
                            std::pair{"extent_preps", &out->extent_preps},
                            std::pair{"level_verbs", &out->level_verbs},
                            std::pair{"level_setting_verbs", &out->level_setting_verbs},
                            std::pair{"level_at_verbs", &out->level_at_verbs},
                            std::pair{"clause_joiners", &out->clause_joiners},
                            std::pair{"level_not_after", &out->level_not_after},
                            std::pair{"distance_preps", &out->distance_preps},
                            std::pair{"directions", &out->directions},
                            std::pair{"other_words", &out->other_words},
                            std::pair{"offset_before", &out->offset_before},
                            std::pair{"offset_after", &out->offset_after},
                            std::pair{"attribution_words", &out->attribution_words}}) {
      std::vector<std::string> words;
      r.StringList(key, &words);
      for (const std::string& w : words) set->insert(AsciiLowerCopy(w));
    }
    if (const rules::RuleNode* ev = r.Typed("events", rules::RuleNode::Type::kTable)) {
      for (const auto& [name, list] : ev->entries()) {
        AlignRules::Event e;
        e.name = name;
        if (list.type() != rules::RuleNode::Type::kArray) {
          diag->Error(list.pos(), absl::StrCat("'events.", name, "': expected an array of phrases, saw ",
                                               AsAbsl(list.TypeName())), "align");
          continue;
        }
        for (const rules::RuleNode& phrase : list.items()) {
          if (phrase.type() != rules::RuleNode::Type::kString || phrase.str().empty()) {
            diag->Error(phrase.pos(), absl::StrCat("'events.", name, "': expected a phrase"),
                        "align");
            continue;
          }
          std::vector<std::string> words = absl::StrSplit(AsciiLowerCopy(phrase.str()), ' ',
                                                          absl::SkipEmpty());
          e.phrases.push_back(std::move(words));
        }
        out->events.push_back(std::move(e));
      }
    }
    std::vector<std::string> units;
    r.StringList("dimension_units", &units);
    for (const std::string& u : units) out->dimension_units.insert(u);
    std::vector<std::string> single;
    r.StringList("single_valued", &single);
    for (const std::string& w : single) {
      const std::string stem = extract::Stem(w);
      auto it = out->synonyms.find(stem);
      out->single_valued.insert(it != out->synonyms.end() ? it->second : stem);
    }
    // Counts held in an int and added to day numbers: a value past the
    // range is an error at its place, not a wrapped number.
    auto count = [&](const char* key, int64_t most, int* v) {
      if (!r.Integer(key, &n)) return;
      if (n < 0 || n > most) {
        diag->Error(node->Find(key)->pos(),
                    absl::StrCat("'", key, "': expected a number from 0 to ", most, ", saw ", n),
                    "align");
        return;
      }
      *v = static_cast<int>(n);
    };
    count("story_window_days", 36500, &out->story_window_days);
    count("date_apart_days", 36500, &out->date_apart_days);
    count("story_keywords", 1000000, &out->story_keywords);
    count("story_min_documents", 1000000000, &out->story_min_documents);
    count("claim_min_shared", 1000000, &out->claim_min_shared);
    r.Finish();
  }
}

std::vector<Story> GroupStories(const std::vector<const DocClaims*>& docs,
                                const AlignRules& rules) {
  std::vector<size_t> order(docs.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::tie(docs[a]->info.path, docs[a]->info.id) <
           std::tie(docs[b]->info.path, docs[b]->info.id);
  });
  // Keywords as ids numbered in string order: sorted id lists merge as the
  // sorted strings would, sums run in the same order, and each keyword's
  // text is held once (by the documents) however many documents share it.
  const size_t per_doc = static_cast<size_t>(std::max(0, rules.story_keywords));
  auto kept = [&](size_t i) {
    const std::vector<std::string>& k = docs[i]->keywords;
    return std::span<const std::string>(k.data(), std::min(k.size(), per_doc));
  };
  std::vector<std::string_view> vocab;
  std::vector<std::vector<uint32_t>> keys(docs.size());
  {
    // Each distinct keyword hashed once: numbered as first seen, then
    // renumbered in string order (documents share many keywords).
    absl::flat_hash_map<std::string_view, uint32_t, WordHash, StringEq> first_id;
    for (size_t i = 0; i < docs.size(); ++i) {
      keys[i].reserve(kept(i).size());
      for (const std::string& k : kept(i)) {
        auto [it, inserted] =
            first_id.try_emplace(k, static_cast<uint32_t>(vocab.size()));
        if (inserted) vocab.push_back(k);
        keys[i].push_back(it->second);
      }
    }
    std::vector<uint32_t> order(vocab.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return vocab[a] < vocab[b]; });
    std::vector<uint32_t> rank(vocab.size());
    std::vector<std::string_view> sorted(vocab.size());
    for (size_t r = 0; r < order.size(); ++r) {
      rank[order[r]] = static_cast<uint32_t>(r);
      sorted[r] = vocab[order[r]];
    }
    vocab = std::move(sorted);
    for (std::vector<uint32_t>& k : keys) {
      for (uint32_t& id : k) id = rank[id];
    }
  }
  // Document frequency of keywords, and an inverted index whose lists keep
  // dated documents in date order, so that a document meets only those
  // published within the window (and the undated ones).
  struct Postings {
    // (Documents as 32-bit numbers: long lists are walked, half the bytes.)
    std::vector<std::pair<int, uint32_t>> dated;  // (day, document)
    std::vector<uint32_t> undated;
    size_t size() const { return dated.size() + undated.size(); }
  };
  std::vector<Postings> postings(vocab.size());
  std::vector<int> df(vocab.size(), 0);
  std::vector<int> day(docs.size(), 0);
  for (size_t i = 0; i < docs.size(); ++i) {
    std::sort(keys[i].begin(), keys[i].end());
    keys[i].erase(std::unique(keys[i].begin(), keys[i].end()), keys[i].end());
    keys[i].shrink_to_fit();
    const auto& published = docs[i]->info.published;
    if (published) day[i] = static_cast<int>(published->time_since_epoch().count());
    for (uint32_t k : keys[i]) {
      ++df[k];
      Postings& p = postings[k];
      if (published) {
        p.dated.push_back({day[i], static_cast<uint32_t>(i)});
      } else {
        p.undated.push_back(static_cast<uint32_t>(i));
      }
    }
  }
  for (Postings& p : postings) std::sort(p.dated.begin(), p.dated.end());
  std::vector<char> is_dated(docs.size(), 0);
  for (size_t i = 0; i < docs.size(); ++i) is_dated[i] = docs[i]->info.published.has_value();
  // Each keyword's weight (as KeywordWeight), and each document's sum.
  std::vector<double> weight(vocab.size());
  for (size_t id = 0; id < vocab.size(); ++id) {
    // Rarity is judged as in at least story_min_documents articles (Idf).
    const double n = static_cast<double>(
        std::max<size_t>(docs.size(), static_cast<size_t>(std::max(0, rules.story_min_documents))));
    weight[id] = std::log(1.0 + n / df[id]) * KeywordFactor(vocab[id]);
  }
  std::vector<double> totals(docs.size(), 0);
  // Each document's weight of keywords no other document has.
  std::vector<double> own_weight(docs.size(), 0);
  for (size_t i = 0; i < docs.size(); ++i) {
    for (uint32_t k : keys[i]) {
      totals[i] += weight[k];
      if (df[k] == 1) own_weight[i] += weight[k];
    }
  }
  // Weighted Dice overlap of two documents' keywords (as Similarity), the
  // keywords of `a` marked in `marked`: b's keywords come in id (string)
  // order, so the shared weights add up in the order of the words.
  std::vector<char> marked(vocab.size(), 0);
  // Without `own`, the keywords no other document has count in neither
  // total (for story neighbours, below).
  auto score = [&](size_t a, size_t b, bool own = true) {
    double shared = 0;
    for (uint32_t k : keys[b]) {
      if (marked[k]) shared += weight[k];
    }
    const double total = own ? totals[a] + totals[b]
                             : totals[a] - own_weight[a] + totals[b] - own_weight[b];
    return total > 0 ? 2 * shared / total : 0.0;
  };
  // A keyword in more than this many documents says nothing about stories
  // and would make candidate generation quadratic. The cap stops growing
  // with the corpus: a keyword in 1,000 articles is common whether the
  // corpus has 20,000 or 200,000 (it still counts, as possibly shared, in
  // every pair's bound below).
  const size_t max_postings = std::clamp<size_t>(docs.size() / 20, 50, 1000);
  // CONCORD_DEBUG_STORIES=1 prints every scored pair of documents.
  static const bool debug = getenv("CONCORD_DEBUG_STORIES") != nullptr;
  auto words = [&](size_t d) {
    std::vector<std::string> w;
    for (uint32_t k : keys[d]) w.emplace_back(vocab[k]);
    return w;
  };
  Idf debug_idf(rules.story_min_documents);
  if (debug) {
    for (size_t d = 0; d < docs.size(); ++d) debug_idf.Add(words(d));
  }
  // Prefix filtering: two documents whose score reaches the threshold t
  // share keywords weighing at least t * W / (2 - t) of either one's total
  // W (from 2s / (Wa + Wb) >= t and Wb >= s), so one of them is among a
  // document's heaviest keywords up to the rest weighing less than that.
  // The light keywords left out are the common ones with the longest
  // postings: skipping them keeps candidate generation from growing with
  // how many articles share a day, and changes no score.
  const double t = rules.story_threshold;
  // A document's keywords heaviest first (ties by id), each sorted with
  // its weight at hand.
  std::vector<std::pair<double, uint32_t>> weighed_keys;
  std::vector<uint32_t> probe;
  auto probes = [&](size_t i) {
    weighed_keys.clear();
    for (uint32_t k : keys[i]) weighed_keys.push_back({weight[k], k});
    std::sort(weighed_keys.begin(), weighed_keys.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    probe.clear();
    for (const auto& [w, k] : weighed_keys) probe.push_back(k);
    const double needed = t * totals[i] / (2 - t);
    double rest = totals[i];
    size_t n = 0;
    // Keep a margin for rounding: stop only when clearly below.
    while (n < probe.size() && rest >= needed * (1 - 1e-9)) rest -= weight[probe[n++]];
    probe.resize(n);
  };
  // Each candidate's weight shared through the probed keywords, so that a
  // pair whose score cannot reach the threshold (even if every keyword not
  // probed were shared) is dropped without merging the two keyword lists.
  // (Candidates are taken in the order met: a story's root is its first
  // document whatever the order of joins.)
  //
  // But a story that more outlets carry than that (a syndicated wire
  // story) has only such keywords, and was split into single articles. So
  // the heaviest such keyword of an article links it to its nearest
  // neighbours in that keyword's postings (kNeighbours either side, by
  // date then order; an undated article among the undated, by order),
  // scored without the keywords no other article has (below), which join
  // when they reach story_neighbour_threshold: copies of one story chain
  // together while the pairs stay linear in the corpus, and articles that
  // share only common keywords stay apart. The keyword's weight stays
  // among the unprobed.
  constexpr ptrdiff_t kNeighbours = 8;
  Groups g(docs.size());
  std::vector<double> acc(docs.size(), 0);
  std::vector<char> neighbour(docs.size(), 0);
  std::vector<uint32_t> candidates(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    size_t candidate_count = 0;
    const bool dated = is_dated[i];
    probes(i);
    double unprobed = totals[i];
    auto meet = [&](uint32_t j, double w) {
      if (j <= i) return;
      if (acc[j] == 0 && !neighbour[j]) candidates[candidate_count++] = j;
      acc[j] += w;
    };
    // (Either side of i: a neighbour relation is not one of order.)
    auto meet_neighbours = [&](const auto& list, auto key, auto document, auto in_reach) {
      const ptrdiff_t at = std::lower_bound(list.begin(), list.end(), key) - list.begin();
      const ptrdiff_t size = static_cast<ptrdiff_t>(list.size());
      for (ptrdiff_t x = std::max<ptrdiff_t>(0, at - kNeighbours);
           x < std::min(size, at + kNeighbours + 1); ++x) {
        const uint32_t j = document(list[x]);
        if (j == i || !in_reach(list[x])) continue;
        if (acc[j] == 0 && !neighbour[j]) candidates[candidate_count++] = j;
        neighbour[j] = 1;
      }
    };
    bool linked = false;  // to neighbours, through the heaviest long keyword
    for (uint32_t k : probe) {
      const Postings& p = postings[k];
      if (p.size() > max_postings) {
        if (linked) continue;
        linked = true;
        const uint32_t self = static_cast<uint32_t>(i);
        auto any = [](const auto&) { return true; };
        meet_neighbours(p.undated, self, [](uint32_t j) { return j; }, any);
        if (dated) {
          const int window = rules.story_window_days;
          meet_neighbours(
              p.dated, std::pair<int, uint32_t>{day[i], self},
              [](const std::pair<int, uint32_t>& e) { return e.second; },
              [&](const std::pair<int, uint32_t>& e) {
                return std::abs(e.first - day[i]) <= window;
              });
        }
        continue;
      }
      unprobed -= weight[k];
      for (uint32_t j : p.undated) meet(j, weight[k]);
      auto from = p.dated.begin(), to = p.dated.end();
      if (dated) {
        const int window = rules.story_window_days;
        from = std::lower_bound(p.dated.begin(), p.dated.end(),
                                std::pair<int, uint32_t>{day[i] - window, 0});
        to = std::upper_bound(from, p.dated.end(),
                              std::pair<int, uint32_t>{day[i] + window, UINT32_MAX});
      }
      for (auto it = from; it != to; ++it) meet(it->second, weight[k]);
    }
    // (In order for the debug listing.)
    if (debug) std::sort(candidates.begin(), candidates.begin() + candidate_count);
    for (uint32_t k : keys[i]) marked[k] = 1;
    // Two dated documents met within the window only: no pair is further
    // apart than story_window_days.
    for (size_t c = 0; c < candidate_count; ++c) {
      const uint32_t j = candidates[c];
      const double shared_bound = acc[j] + std::max(0.0, unprobed);
      // (Met through no probed keyword, only as a neighbour.)
      const bool near = neighbour[j] && acc[j] == 0;
      acc[j] = 0;
      neighbour[j] = 0;
      if (debug) {
        const Overlap o = Similarity(words(i), words(j), debug_idf);
        fprintf(stderr, "story %s ~ %s: %.2f, shared %s\n", docs[i]->info.id.c_str(),
                docs[j]->info.id.c_str(), o.score, absl::StrJoin(o.shared, ",").c_str());
      } else if (!near && 2 * shared_bound < t * (totals[i] + totals[j]) * (1 - 1e-9)) {
        continue;
      }
      if (near) {
        // Copies of one wire story differ in their bylines, datelines and
        // the odd figure, words no other article has, which would weigh
        // as much as all they share: neighbours are scored without them.
        if (score(i, j, /*own=*/false) >=
            std::max(rules.story_threshold, rules.story_neighbour_threshold)) {
          g.Join(i, j);
        }
      } else if (score(i, j) >= rules.story_threshold) {
        g.Join(i, j);
      }
    }
    for (uint32_t k : keys[i]) marked[k] = 0;
  }
  std::map<size_t, Story> stories;  // by root
  std::vector<size_t> first_rank(docs.size());
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const size_t i = order[rank];
    Story& s = stories[g.Find(i)];
    if (s.documents.empty()) first_rank[g.Find(i)] = rank;
    s.documents.push_back(docs[i]->info.id);
    if (s.title.empty()) s.title = docs[i]->info.title;
  }
  std::vector<std::pair<size_t, Story>> ordered;
  for (auto& [root, s] : stories) ordered.push_back({first_rank[root], std::move(s)});
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Story> out;
  for (auto& [rank, s] : ordered) {
    s.id = absl::StrCat("s", out.size() + 1);
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

// A claim's context as the aligner compares it: the words of its sentence
// and, for the names its words stand for, the words of those names; with
// synonyms folded ("pact" and "agreement" are one word).
//  - An acronym any article of the story defines stands for its expansion
//    in every article: "the BTA" and "the Bilateral Trade Agreement" share
//    their words.
//  - A definite description ("the new framework", "the pact") stands for
//    the thing its article last named with that head noun before it, else
//    for the one thing of the story with that head, else the same with a
//    name that has the word anywhere ("Defence Framework Agreement"): its
//    words join the context and its name the claim's things.
class Widener {
 public:
  Widener(const std::vector<const DocClaims*>& docs, const RuleSet& rule_set, Vocab* vocab)
      : rules_(rule_set.align), vocab_(*vocab) {
    // Names recur across the claims of a story: their words are found once.
    StringMap<std::pair<std::string, std::vector<std::string>>> name_words;
    for (const DocClaims* d : docs) {
      for (const auto& [abbr, expansion] : d->acronyms) {
        acronyms_.push_back({extract::Stem(abbr), Words(expansion, rule_set)});
      }
      std::vector<Named>& named = named_[d->info.id];
      for (const Claim& c : d->claims) {
        const auto* v = std::get_if<NameValue>(&c.mention.value);
        if (c.mention.kind != MentionKind::kName || v == nullptr ||
            v->type == EntityType::kPerson || v->type == EntityType::kPlace ||
            c.mention.subject.empty()) {
          continue;
        }
        auto [it, inserted] = name_words.try_emplace(c.mention.subject);
        if (inserted) {
          it->second.first = Fold(HeadStem(c.mention.subject));
          it->second.second = Words(c.mention.subject, rule_set);
        }
        if (it->second.first.empty()) continue;
        Named n;
        n.sentence = c.sentence_index;
        n.name = c.mention.subject;
        n.head = it->second.first;
        n.stems = it->second.second;
        for (const std::string& w : n.stems) n.folded.push_back(Fold(w));
        named.push_back(n);
      }
    }
    std::sort(acronyms_.begin(), acronyms_.end());
    acronyms_.erase(std::unique(acronyms_.begin(), acronyms_.end()), acronyms_.end());
    for (const auto& [abbr, stems] : acronyms_) {
      acronym_words_.push_back(vocab_.Own(abbr));
      if (!stems.empty()) acronym_words_.push_back(vocab_.Own(stems.front()));
    }
    std::sort(acronym_words_.begin(), acronym_words_.end());
    acronym_words_.erase(std::unique(acronym_words_.begin(), acronym_words_.end()),
                         acronym_words_.end());
  }

  // Fills `out` with the context of `c` as the aligner compares it. `doc`
  // numbers c.evidence.doc. With `words_only`, out->words alone is asked
  // for (the clause's words change no context word: see FoldSynonyms).
  void Widen(const Claim& c, size_t doc, Ctx* out, bool words_only = false) {
    out->words.clear();
    out->near.clear();
    out->own_things = false;
    out->things.clear();
    // (Room for what acronyms, descriptions and events add.)
    out->words.reserve(c.context.size() + 4);
    for (const std::string& w : c.context) out->words.push_back(vocab_.Id(w));
    out->proximity.assign(c.proximity.begin(), c.proximity.end());
    if (!words_only) {
      out->near.reserve(c.near.size() + 4);
      for (const std::string& w : c.near) out->near.push_back(vocab_.Id(w));
    }
    // Lookups are in the claim's own (unwidened) words.
    auto find = [&](std::string_view word) -> std::optional<size_t> {
      auto pos = std::lower_bound(c.context.begin(), c.context.end(), word,
                                  [](const std::string& a, std::string_view b) { return a < b; });
      if (pos == c.context.end() || *pos != word) return std::nullopt;
      return static_cast<size_t>(pos - c.context.begin());
    };
    auto near = [&](std::string_view word) {
      return std::binary_search(c.near.begin(), c.near.end(), word,
                                [](std::string_view a, std::string_view b) { return a < b; });
    };
    // An acronym widens a claim whose context has it or the first word of
    // its expansion: most claims have neither.
    bool any_acronym = false;
    if (!acronym_words_.empty()) {
      for (uint32_t id : out->words) {
        if (std::binary_search(acronym_words_.begin(), acronym_words_.end(), id)) {
          any_acronym = true;
          break;
        }
      }
    }
    if (any_acronym) {
      for (const auto& [abbr, stems] : acronyms_) {
        if (auto i = find(abbr)) {
          for (const std::string& s : stems) Add(out, vocab_.Own(s), c.proximity[*i], near(abbr));
        } else if (!stems.empty() &&
                   std::all_of(stems.begin(), stems.end(), [&](const std::string& s) {
                     return find(s).has_value();
                   })) {
          Add(out, vocab_.Own(abbr), c.proximity[*find(stems.front())], near(stems.front()));
        }
      }
    }
    for (const std::string& head : c.definites) {
      // In the claim's own words, which index its proximities: out->words
      // grows as acronyms and earlier descriptions add theirs.
      const std::optional<size_t> i = find(head);
      if (!i) continue;
      const uint32_t head_id = vocab_.Id(head);
      // Claims of one sentence share their descriptions: each is resolved
      // once.
      auto [slot, inserted] = resolved_.try_emplace(
          std::tuple<size_t, int, uint32_t>{doc, c.sentence_index, head_id}, nullptr);
      if (inserted) slot->second = Resolve(c.evidence.doc, c.sentence_index, vocab_.Fold(head_id));
      const Named* thing = slot->second;
      if (thing == nullptr) continue;
      for (const std::string& s : thing->stems) {
        Add(out, vocab_.Own(s), c.proximity[*i], near(head));
      }
      if (!out->own_things) {
        out->own_things = true;
        out->things = c.things;
      }
      auto pos = std::lower_bound(out->things.begin(), out->things.end(), thing->name);
      if (pos == out->things.end() || *pos != thing->name) out->things.insert(pos, thing->name);
    }
    // The kind of event a date dates is a word of its clause: "takes
    // effect on" and "from" say the same.
    if (!c.event.empty()) Add(out, EventId(c.event), 1.0f, true);
    // (Folding words none of which has a synonym leaves them as they are.)
    if (HasSynonyms(*out)) FoldSynonyms(out);
  }

 private:
  struct Named {
    int sentence = 0;
    std::string name;
    std::string head;                // stem of its head noun, synonyms folded
    std::vector<std::string> stems;  // its content words
    std::vector<std::string> folded;  // the same, synonyms folded
  };

  std::string Fold(const std::string& stem) const {
    if (!MaybeSynonym(rules_, stem)) return stem;
    auto it = rules_.synonyms.find(stem);
    return it != rules_.synonyms.end() ? it->second : stem;
  }

  static std::vector<std::string> Words(const std::string& text, const RuleSet& rule_set) {
    std::vector<std::string> stems = extract::ContentWords(
        text, {0, static_cast<uint32_t>(text.size())}, rule_set.stopwords);
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    return stems;
  }

  // The head noun of a name: its last word, or the word before its first
  // "for", "of" or "on" ("Framework for the US-India Major Defence
  // Partnership").
  static std::string HeadStem(const std::string& name) {
    std::string last;
    for (const extract::Token& t :
         extract::Tokenize(name, {0, static_cast<uint32_t>(name.size())})) {
      if (!t.word) continue;
      const std::string lower = AsciiLowerCopy(t.text);
      if (!last.empty() && (lower == "for" || lower == "of" || lower == "on")) break;
      last = lower;
    }
    return last.empty() ? "" : extract::Stem(last);
  }

  // The thing a definite description with head `head` in sentence
  // `sentence` of `doc` refers to: the last one its document named with
  // that head before it, else the story's one thing with that head; failing
  // those, the same with a name that has the word anywhere ("the new
  // framework" for the "Defence Framework Agreement").
  // `head_id` is the head's id in the vocabulary, synonyms folded.
  const Named* Resolve(const std::string& doc, int sentence, uint32_t head_id) {
    const std::string_view head = vocab_.Word(head_id);
    // Claims of a document come together: its things are looked up once.
    if (!named_looked_ || doc != named_doc_) {
      named_looked_ = true;
      named_doc_ = doc;
      named_of_doc_ = named_.find(doc);
    }
    const auto doc_named = named_of_doc_;
    for (const bool anywhere : {false, true}) {
      const Named* found = nullptr;
      if (doc_named != named_.end()) {
        for (const Named& n : doc_named->second) {
          if (n.sentence <= sentence && Fits(n, head, anywhere)) found = &n;
        }
      }
      if (found != nullptr) return found;
      const StoryThing& thing = StoryLevel(head_id, anywhere);
      if (thing.names == 1) return thing.found;
      if (thing.names > 1) return nullptr;  // ambiguous
    }
    return nullptr;
  }

  static bool Fits(const Named& n, std::string_view head, bool anywhere) {
    if (n.head == head) return true;
    if (!anywhere) return false;
    return std::find(n.folded.begin(), n.folded.end(), head) != n.folded.end();
  }

  // The story's things that fit `head`: how many distinct names
  // (case-insensitively) and the last one. The same for every claim, so
  // computed once per head.
  struct StoryThing {
    const Named* found = nullptr;
    size_t names = 0;
    bool known = false;  // worked out
  };
  const StoryThing& StoryLevel(uint32_t head_id, bool anywhere) {
    std::vector<StoryThing>& known = story_things_[anywhere ? 1 : 0];
    if (head_id >= known.size()) known.resize(std::max<size_t>(head_id + 1, 2 * vocab_.size()));
    // (A reference into `known`: good until the next call.)
    StoryThing& thing = known[head_id];
    if (thing.known) return thing;
    thing.known = true;
    const std::string_view head = vocab_.Word(head_id);
    if (!indexed_) IndexNamed();
    std::set<std::string> names;
    // The things that may fit, in the order of named_.
    if (auto fits = might_fit_.find(head); fits != might_fit_.end()) {
      for (const Named* n : fits->second) {
        if (Fits(*n, head, anywhere)) {
          names.insert(AsciiLowerCopy(n->name));
          thing.found = n;
        }
      }
    }
    thing.names = names.size();
    return thing;
  }

  // Indexes the story's things by the words that may fit them (Fits).
  void IndexNamed() {
    indexed_ = true;
    for (const auto& [d, named] : named_) {
      for (const Named& n : named) {
        might_fit_[n.head].push_back(&n);
        for (const std::string& w : n.folded) {
          std::vector<const Named*>& list = might_fit_[w];
          if (list.empty() || list.back() != &n) list.push_back(&n);
        }
      }
    }
  }

  // The id of "@" + an event kind.
  uint32_t EventId(const std::string& event) {
    for (const auto& [name, id] : events_) {
      if (name == event) return id;
    }
    const uint32_t id = vocab_.Own(absl::StrCat("@", event));
    events_.push_back({event, id});
    return id;
  }

  // Adds a word to a context (unless it has it), in string order.
  void Add(Ctx* w, uint32_t word, float proximity, bool near) const {
    const Vocab& v = vocab_;
    auto less = [&v](uint32_t a, uint32_t b) { return v.Less(a, b); };
    auto pos = std::lower_bound(w->words.begin(), w->words.end(), word, less);
    if (pos != w->words.end() && *pos == word) return;
    const size_t i = static_cast<size_t>(pos - w->words.begin());
    w->words.insert(pos, word);
    w->proximity.insert(w->proximity.begin() + static_cast<long>(i), proximity);
    if (near) w->near.insert(std::lower_bound(w->near.begin(), w->near.end(), word, less), word);
  }

  // (The clause's words are words of the context: those are enough.)
  bool HasSynonyms(const Ctx& c) const {
    for (uint32_t id : c.words) {
      if (vocab_.HasSynonyms(id)) return true;
    }
    return false;
  }

  // Replaces each context word by the first word of its synonym group,
  // keeping the closest proximity.
  void FoldSynonyms(Ctx* w) {
    const Vocab& v = vocab_;
    // (folded word, proximity), sorted by word; a word's closest proximity
    // (at least 0) is kept.
    std::vector<std::pair<uint32_t, float>>& folded = folded_;
    folded.clear();
    for (size_t i = 0; i < w->words.size(); ++i) {
      const float p = i < w->proximity.size() ? w->proximity[i] : 1.0f;
      folded.emplace_back(vocab_.Fold(w->words[i]), p);
    }
    // A stable insertion sort: the words were in order, and folding moves
    // few of them.
    for (size_t i = 1; i < folded.size(); ++i) {
      const std::pair<uint32_t, float> x = folded[i];
      size_t j = i;
      for (; j > 0 && v.Less(x.first, folded[j - 1].first); --j) folded[j] = folded[j - 1];
      folded[j] = x;
    }
    w->words.clear();
    w->proximity.clear();
    for (const auto& [word, p] : folded) {
      if (!w->words.empty() && w->words.back() == word) {
        w->proximity.back() = std::max(w->proximity.back(), p);
      } else {
        w->words.push_back(word);
        w->proximity.push_back(std::max(0.0f, p));
      }
    }
    for (uint32_t& n : w->near) n = vocab_.Fold(n);
    std::sort(w->near.begin(), w->near.end(),
              [&v](uint32_t a, uint32_t b) { return v.Less(a, b); });
    w->near.erase(std::unique(w->near.begin(), w->near.end()), w->near.end());
  }

  const AlignRules& rules_;
  Vocab& vocab_;
  std::vector<std::pair<std::string, std::vector<std::string>>> acronyms_;
  std::vector<uint32_t> acronym_words_;  // sorted ids: each abbreviation, first stem
  std::vector<std::pair<std::string, uint32_t>> events_;  // event kind, id of "@kind"
  std::map<std::string, std::vector<Named>, std::less<>> named_;  // by document
  std::vector<StoryThing> story_things_[2];  // by head id; [anywhere]
  // The things of the document Resolve looked in last.
  bool named_looked_ = false;
  std::string named_doc_;
  std::map<std::string, std::vector<Named>, std::less<>>::const_iterator named_of_doc_;
  bool indexed_ = false;
  StringMap<std::vector<const Named*>> might_fit_;  // by head and folded word
  // Resolve's answers by (document number, sentence, head id).
  absl::flat_hash_map<std::tuple<size_t, int, uint32_t>, const Named*> resolved_;
  std::vector<std::pair<uint32_t, float>> folded_;  // scratch of FoldSynonyms
};

}  // namespace

std::vector<ClaimGroup> AlignClaims(const std::vector<const DocClaims*>& docs,
                                    const RuleSet& rule_set) {
  const AlignRules& rules = rule_set.align;
  std::vector<ClaimGroup> out;
  std::vector<const Claim*> titles, names, quotes, ages, facts;
  // The story's words as ids; each fact's context (widened) and document
  // number; idf over the sentences of the story (the first claim of each
  // stands for it).
  Vocab vocab(rules);
  Widener widener(docs, rule_set, &vocab);
  SurfaceIndex surfaces(rules);
  IdIdf idf;
  IdIdf entity_idf;
  std::vector<Ctx> ctx;
  std::vector<size_t> doc_of;
  size_t doc_count = 0;  // documents numbered
  // Documents numbered in order, by id.
  absl::flat_hash_map<std::string_view, size_t, WordHash, StringEq> doc_numbers;
  // In a story of more than kFullStory documents (a wire story thousands
  // of outlets carry), a fact or a quote is paired, for each word it
  // shares, with the next kMaxPartners claims of other documents that
  // have the word, not with all: the pairs grow with the story, not with its
  // square, and each still joins a group through its neighbours, which
  // spans the story through theirs.
  constexpr size_t kFullStory = 64, kMaxPartners = 32;
  {
    // (Room for every fact's context: a Ctx is costly to move.)
    size_t fact_count = 0;
    for (const DocClaims* d : docs) {
      for (const Claim& c : d->claims) {
        fact_count += c.mention.kind == MentionKind::kDate ||
                      c.mention.kind == MentionKind::kDuration ||
                      c.mention.kind == MentionKind::kFigure;
      }
    }
    ctx.reserve(fact_count);
    doc_of.reserve(fact_count);
    facts.reserve(fact_count);
    Ctx scratch;
    std::vector<uint32_t> entity_ids;
    // The sentences met, by document number and sentence index (in a hash
    // set when the index is unusual).
    std::vector<std::vector<char>> seen_sentences;
    absl::flat_hash_set<std::pair<size_t, int>> seen_other;
    auto first_time = [&](size_t doc, int sentence) {
      constexpr int kMaxIndexed = 1 << 16;
      if (sentence < 0 || sentence >= kMaxIndexed) return seen_other.insert({doc, sentence}).second;
      if (doc >= seen_sentences.size()) seen_sentences.resize(doc + 1);
      std::vector<char>& seen = seen_sentences[doc];
      const size_t at = static_cast<size_t>(sentence);
      if (at >= seen.size()) seen.resize(std::max(at + 1, 2 * seen.size()), 0);
      if (seen[at]) return false;
      seen[at] = 1;
      return true;
    };
    const std::string* last_doc = nullptr;  // claims of a document come together
    size_t doc = 0;
    // The sentence of the claim before: most claims follow one of their
    // sentence, which is then no first.
    std::pair<size_t, int> last_sentence{SIZE_MAX, 0};
    for (const DocClaims* d : docs) {
      for (const Claim& c : d->claims) {
        bool fact = false;
        switch (c.mention.kind) {
          case MentionKind::kTitle: titles.push_back(&c); break;
          case MentionKind::kName: {
            // Spelling variants are looked for in people's names only.
            const auto* v = std::get_if<NameValue>(&c.mention.value);
            if (v != nullptr && v->type == EntityType::kPerson) names.push_back(&c);
            break;
          }
          case MentionKind::kQuote: quotes.push_back(&c); break;
          case MentionKind::kFigure:
            // A person's age is about the person, wherever it is said
            // (but for an age in a sentence of an earlier year: "in 1962
            // Dalton, 24, beat Ortiz").
            if (c.attribute == "age") {
              if (!OfEarlierYear(c)) ages.push_back(&c);
              break;
            }
            [[fallthrough]];
          case MentionKind::kDate:
          case MentionKind::kDuration: facts.push_back(&c), fact = true; break;
          default: break;
        }
        if (last_doc == nullptr || *last_doc != c.evidence.doc) {
          doc = doc_numbers.try_emplace(c.evidence.doc, doc_numbers.size()).first->second;
        }
        last_doc = &c.evidence.doc;
        const std::pair<size_t, int> sentence{doc, c.sentence_index};
        const bool first = sentence != last_sentence && first_time(doc, c.sentence_index);
        last_sentence = sentence;
        if (!first && !fact) continue;
        Ctx* x = fact ? &ctx.emplace_back() : &scratch;
        widener.Widen(c, doc, x, /*words_only=*/!fact);
        if (fact) doc_of.push_back(doc);
        if (first) {
          idf.Add(x->words);
          entity_ids.clear();
          for (const std::string& e : c.entities) entity_ids.push_back(vocab.Id(e));
          entity_idf.Add(entity_ids);
        }
      }
    }
    doc_count = doc_numbers.size();
  }
  // A fact an article states again in the same words, and whose words
  // widen alike (a repeated sentence), pairs as its first statement does:
  // only the first is paired with other articles' claims, and the others
  // join its group. (An article that repeats a sentence thousands of times
  // would otherwise make millions of pairs.)
  const std::vector<size_t> first_statement =
      FirstStatements<std::tuple<size_t, std::string_view, std::string_view>>(
          facts.size(),
          [&](size_t i) {
            return std::tuple<size_t, std::string_view, std::string_view>{
                doc_of[i], facts[i]->evidence.text, facts[i]->mention.value_text};
          },
          [&](size_t r, size_t i) {
            return SameStatement(*facts[r], *facts[i]) && ctx[r].words == ctx[i].words &&
                   ctx[r].proximity == ctx[i].proximity && ctx[r].near == ctx[i].near &&
                   ctx[r].own_things == ctx[i].own_things && ctx[r].things == ctx[i].things;
          });
  auto repeat = [&](size_t i) { return first_statement[i] != i; };

  People people;
  // A group of what several articles say of one person.
  auto person_group = [&](MentionKind kind, const char* attribute,
                          std::vector<const Claim*> group) {
    ClaimGroup cg;
    cg.kind = kind;
    cg.subject = DisplaySubject(group);
    cg.attribute = attribute;
    cg.claims = std::move(group);
    cg.score = 1;
    cg.why = absl::StrCat("same person (", cg.subject, ")");
    out.push_back(std::move(cg));
  };
  // Titles: all titles given to one person.
  for (auto& group : ByPerson(titles, &people)) {
    if (FromTwoDocs(group)) person_group(MentionKind::kTitle, "title", std::move(group));
  }
  // Ages: all ages given to one person. An article that gives one name
  // two ages speaks of two people ("John Smith, 62, and his son John
  // Smith, 34"): only its age nearest another article's stays.
  for (auto& group : ByPerson(ages, &people)) {
    KeepNearestAges(&group);
    if (FromTwoDocs(group)) person_group(MentionKind::kFigure, "age", std::move(group));
  }
  // Names: one person spelled in several ways.
  for (auto& group : ByPerson(names, &people)) {
    if (!FromTwoDocs(group)) continue;
    // (ByPerson keyed every claim's subject: distinct numbers, distinct keys.)
    std::set<uint32_t> keys;
    for (const Claim* c : group) keys.insert(people.key_of.find(c->mention.subject)->second);
    if (keys.size() < 2) continue;
    ClaimGroup cg;
    cg.kind = MentionKind::kName;
    cg.subject = DisplaySubject(group);
    cg.attribute = "name";
    cg.claims = std::move(group);
    cg.score = 1;
    cg.why = "same person by name similarity";
    out.push_back(std::move(cg));
  }
  // Quotes: utterances of one speaker that share enough words.
  // A short quote has too few content words to share two; it is one
  // utterance with another when most of its words stand in the other in
  // order ("We are racing against time", "We are racing against the
  // clock") and they share a content word.
  constexpr size_t kShortQuote = 12;    // words
  constexpr double kShortShare = 0.6;   // of the shorter quote's words, in order
  for (auto& group : ByPerson(quotes, &people)) {
    std::vector<std::vector<std::string>> words;
    // Each quote's words in order, made when a pair first needs them.
    std::vector<std::optional<std::vector<std::string>>> sequences(group.size());
    auto sequence = [&](size_t i) -> const std::vector<std::string>& {
      if (!sequences[i]) {
        sequences[i] = QuoteSequence(std::get<QuoteValue>(group[i]->mention.value).text);
      }
      return *sequences[i];
    };
    for (const Claim* c : group) {
      const std::string& text = std::get<QuoteValue>(c->mention.value).text;
      words.push_back(QuoteWords(text, rule_set.stopwords));
    }
    Groups g(group.size());
    // Why each group was made: the last pair joined into it, said only for
    // the groups reported.
    struct Why {
      size_t i = 0;
      std::vector<std::string> inter;
      bool in_order = false;  // by the short quotes' words in order
      double share = 0;
    };
    std::vector<std::optional<Why>> whys(group.size());
    // A quote an article repeats in the same sentence is one utterance
    // with its first statement, and only that is paired (as facts are).
    const std::vector<size_t> first_statement =
        FirstStatements<std::pair<std::string_view, std::string_view>>(
            group.size(),
            [&](size_t i) {
              return std::pair<std::string_view, std::string_view>{group[i]->evidence.doc,
                                                                   group[i]->evidence.text};
            },
            [&](size_t r, size_t i) { return SameStatement(*group[r], *group[i]); });
    for (size_t i = 0; i < group.size(); ++i) {
      if (first_statement[i] != i) g.Join(first_statement[i], i);
    }
    // Quotes pair only when they share a word. In a capped story each
    // quote meets, for each of its words, the next kMaxPartners quotes of
    // other articles with that word (an index on words), as facts do;
    // otherwise every later quote.
    const bool capped_quotes = doc_count > kFullStory;
    StringMap<std::vector<size_t>> with_word;
    if (capped_quotes) {
      for (size_t i = 0; i < group.size(); ++i) {
        if (first_statement[i] != i) continue;
        for (const std::string& w : words[i]) with_word[w].push_back(i);
      }
    }
    std::vector<size_t> partners;
    for (size_t i = 0; i < group.size(); ++i) {
      if (first_statement[i] != i) continue;
      partners.clear();
      if (capped_quotes) {
        for (const std::string& w : words[i]) {
          const std::vector<size_t>& list = with_word.find(w)->second;
          size_t met = 0;
          for (auto it = std::upper_bound(list.begin(), list.end(), i);
               it != list.end() && met < kMaxPartners; ++it) {
            if (group[*it]->evidence.doc == group[i]->evidence.doc) continue;
            partners.push_back(*it);
            ++met;
          }
        }
        std::sort(partners.begin(), partners.end());
        partners.erase(std::unique(partners.begin(), partners.end()), partners.end());
      } else {
        for (size_t j = i + 1; j < group.size(); ++j) partners.push_back(j);
      }
      for (size_t j : partners) {
        if (first_statement[j] != j) continue;
        if (group[i]->evidence.doc == group[j]->evidence.doc) continue;
        std::vector<std::string> inter;
        std::set_intersection(words[i].begin(), words[i].end(), words[j].begin(),
                              words[j].end(), std::back_inserter(inter));
        const size_t shorter = std::min(words[i].size(), words[j].size());
        if (shorter == 0 || inter.empty()) continue;
        const double share = static_cast<double>(inter.size()) / shorter;
        Why why;
        if (inter.size() >= 2 && share >= rules.quote_threshold) {
          why.share = share;
        } else {
          const size_t short_words = std::min(sequence(i).size(), sequence(j).size());
          if (short_words > kShortQuote) continue;
          const size_t common = CommonWords(sequence(i), sequence(j));
          const double in_order = static_cast<double>(common) / short_words;
          if (common < 3 || in_order < kShortShare) continue;
          why.in_order = true;
          why.share = in_order;
        }
        g.Join(i, j);
        why.i = i;
        why.inter = std::move(inter);
        whys[g.Find(i)] = std::move(why);
      }
    }
    auto say_why = [&](size_t root) -> std::string {
      if (!whys[root]) return "";
      const Why& why = *whys[root];
      const std::string how =
          why.in_order ? absl::StrFormat("%.0f%% of the shorter's words in order", 100 * why.share)
                       : absl::StrFormat("%.0f%% of the shorter", 100 * why.share);
      std::vector<std::string> shown;
      for (const auto& w : why.inter) {
        shown.push_back(surfaces.Surface(w, group[why.i]->evidence.sentence));
      }
      return absl::StrFormat("same speaker; quotes share %s (%s)", absl::StrJoin(shown, ", "),
                             how);
    };
    std::map<size_t, ClaimGroup> by_root;
    for (size_t i = 0; i < group.size(); ++i) {
      ClaimGroup& cg = by_root[g.Find(i)];
      cg.claims.push_back(group[i]);
    }
    for (auto& [root, cg] : by_root) {
      if (!FromTwoDocs(cg.claims)) continue;
      cg.kind = MentionKind::kQuote;
      cg.subject = DisplaySubject(cg.claims);
      cg.attribute = "quote";
      cg.why = say_why(root);
      cg.score = 1;
      out.push_back(std::move(cg));
    }
  }
  // Dates, durations and figures: claims whose surrounding words agree.
  // CONCORD_DEBUG_ALIGN=1 prints every scored pair to standard error.
  static const bool debug = getenv("CONCORD_DEBUG_ALIGN") != nullptr;
  struct Edge {
    size_t i = 0, j = 0;
    double score = 0;  // of the contexts (ContextSimilarity)
    std::vector<std::string> shared;  // the shared words, with debug only
    double rank = 0;  // score, with a small bonus for equal values
    // The single-valued key both are the only value of (into `sole`).
    std::string_view sole;
    bool by_context = false;  // the contexts alone make them one fact
  };
  std::vector<Edge> edges;
  std::vector<Weighed> weighed;
  weighed.reserve(facts.size());
  {
    std::vector<char> marks(vocab.size(), 0);
    for (const Ctx& c : ctx) weighed.push_back(WeighContext(c, idf, marks));
  }
  // Two claims can only be aligned when they share a word of both their
  // clauses: candidates come from an index on those words, not every pair
  // (every pair with CONCORD_DEBUG_ALIGN, which prints them all).
  // Claims of different kinds are never one fact (ThresholdFor): each kind
  // has its own index.
  auto kind_of = [&](size_t i) -> size_t {
    switch (facts[i]->mention.kind) {
      case MentionKind::kDate: return 0;
      case MentionKind::kDuration: return 1;
      default: return 2;
    }
  };
  // The claims (in order) with each word of their clause, by word and
  // kind: by_near[near_start[s], near_start[s + 1]) for the slot s = 3 *
  // word + kind. (One array: most lists are short.)
  const size_t slots = 3 * vocab.size();
  std::vector<uint32_t> near_start(slots + 1, 0);
  for (size_t i = 0; i < facts.size(); ++i) {
    if (repeat(i)) continue;
    for (size_t k = 0; k < ctx[i].words.size(); ++k) {
      if (weighed[i].near[k]) ++near_start[3 * ctx[i].words[k] + kind_of(i) + 1];
    }
  }
  for (size_t s = 0; s < slots; ++s) near_start[s + 1] += near_start[s];
  std::vector<uint32_t> by_near(near_start[slots]);
  {
    std::vector<uint32_t> fill(near_start.begin(), near_start.end() - 1);
    for (size_t i = 0; i < facts.size(); ++i) {
      if (repeat(i)) continue;
      for (size_t k = 0; k < ctx[i].words.size(); ++k) {
        if (weighed[i].near[k]) {
          by_near[fill[3 * ctx[i].words[k] + kind_of(i)]++] = static_cast<uint32_t>(i);
        }
      }
    }
  }
  // 1 + the index of each word in the context of the claim at hand.
  std::vector<uint32_t> pos(vocab.size(), 0);
  auto mark = [&](size_t i, bool on) {
    for (size_t k = 0; k < ctx[i].words.size(); ++k) {
      pos[ctx[i].words[k]] = on ? static_cast<uint32_t>(k + 1) : 0;
    }
  };
  // What each claim measures, and which of its single-valued keys ("the
  // crowd", "the deal's length") it is the only value of in its article:
  // two such claims are one fact whatever their sentences say besides.
  std::vector<MeasuredKey> keys;
  keys.reserve(facts.size());
  for (const Claim* c : facts) keys.push_back(KeyOf(*c, rules));
  std::vector<std::vector<std::string>> sole(facts.size());
  StringMap<std::vector<size_t>> by_sole;
  {
    // (document, kind, key word) -> the values claimed for it.
    std::map<std::tuple<std::string_view, MentionKind, std::string>,
             std::set<std::string_view>> values;
    // A dimension ("27.4 km") is of one value whatever it measures; its
    // key is kept apart from other figures' by its unit.
    auto single_key = [&](size_t i, const std::string& w) -> std::string {
      if (const auto* f = std::get_if<FigureValue>(&facts[i]->mention.value);
          f != nullptr && rules.dimension_units.contains(f->unit)) {
        return absl::StrCat(w, "@", f->unit);
      }
      return rules.single_valued.contains(w) ? w : "";
    };
    for (size_t i = 0; i < facts.size(); ++i) {
      for (const std::string& w : keys[i].words) {
        const std::string key = single_key(i, w);
        if (key.empty()) continue;
        values[{facts[i]->evidence.doc, facts[i]->mention.kind, key}].insert(
            facts[i]->mention.value_text);
      }
    }
    for (size_t i = 0; i < facts.size(); ++i) {
      for (const std::string& w : keys[i].words) {
        const std::string key = single_key(i, w);
        if (key.empty() ||
            values[{facts[i]->evidence.doc, facts[i]->mention.kind, key}].size() != 1) {
          continue;
        }
        sole[i].push_back(key);
        if (!repeat(i)) by_sole[key].push_back(i);
      }
      std::sort(sole[i].begin(), sole[i].end());
    }
  }
  auto share_sole = [&](size_t i, size_t j) -> const std::string* {
    for (const std::string& w : sole[i]) {
      if (std::binary_search(sole[j].begin(), sole[j].end(), w)) return &w;
    }
    return nullptr;
  };
  // (Facts come in document order: those of i's document end at
  // facts_end[doc_of[i]].)
  const bool capped = doc_count > kFullStory && std::is_sorted(doc_of.begin(), doc_of.end());
  std::vector<size_t> facts_end(capped ? doc_count : 0, 0);
  for (size_t d = 0; d < facts_end.size(); ++d) {
    facts_end[d] = static_cast<size_t>(
        std::upper_bound(doc_of.begin(), doc_of.end(), d) - doc_of.begin());
  }
  // The partners of i in a list of facts in order, from `from` (after i).
  auto partners_in = [&](auto from, auto end, size_t i, auto&& meet) {
    if (capped) {
      from = std::lower_bound(from, end, facts_end[doc_of[i]]);
      if (static_cast<size_t>(end - from) > kMaxPartners) end = from + kMaxPartners;
    }
    for (; from != end; ++from) meet(*from);
  };
  std::vector<size_t> partners;
  Overlap debug_overlap;  // with debug: of the pair at hand
  // Each partner once: met[j] is the last claim that met j.
  std::vector<size_t> met(facts.size(), SIZE_MAX);
  for (size_t i = 0; i < facts.size(); ++i) {
    if (repeat(i)) continue;
    partners.clear();
    auto meet = [&](size_t j) {
      if (met[j] == i) return;
      met[j] = i;
      partners.push_back(j);
    };
    if (debug) {
      for (size_t j = i + 1; j < facts.size(); ++j) {
        if (!repeat(j)) partners.push_back(j);
      }
    } else {
      for (size_t k = 0; k < ctx[i].words.size(); ++k) {
        if (!weighed[i].near[k]) continue;
        const size_t slot = 3 * ctx[i].words[k] + kind_of(i);
        const uint32_t* begin = by_near.data() + near_start[slot];
        const uint32_t* end = by_near.data() + near_start[slot + 1];
        partners_in(std::upper_bound(begin, end, i), end, i, meet);
      }
      for (const std::string& w : sole[i]) {
        const std::vector<size_t>& p = by_sole.find(w)->second;
        partners_in(std::upper_bound(p.begin(), p.end(), i), p.end(), i, [&](size_t j) {
          if (facts[j]->mention.kind == facts[i]->mention.kind) meet(j);
        });
      }
      std::sort(partners.begin(), partners.end());
    }
    mark(i, true);
    for (size_t j : partners) {
      const Claim& a = *facts[i];
      const Claim& b = *facts[j];
      if (doc_of[i] == doc_of[j]) continue;
      const double threshold = ThresholdFor(a, keys[i], b, keys[j], rule_set);
      if (threshold < 0) continue;
      // (No list of shared words but with debug: most pairs are no edge,
      // and the pairs that explain a group list theirs below.)
      Scored o;
      if (debug) {
        debug_overlap = ContextSimilarity(weighed[i], pos.data(), ctx[j], weighed[j], vocab,
                                          /*list_shared=*/true, &o.shared_count);
        o.score = debug_overlap.score;
        o.shared_near = debug_overlap.shared_near;
      } else {
        o = ScoreContexts(weighed[i], pos.data(), ctx[j], weighed[j], vocab);
      }
      const std::string* sole_key = share_sole(i, j);
      const bool by_context = o.score >= threshold && o.shared_near >= 1 &&
                              o.shared_count >= static_cast<size_t>(rules.claim_min_shared);
      const bool candidate = by_context || sole_key != nullptr;
      if (debug) {
        fprintf(stderr, "align %s %s:%d \"%s\" ~ %s:%d \"%s\": score %.2f, near %d, shared %s%s%s\n",
                MentionKindName(a.mention.kind), a.evidence.doc.c_str(), a.evidence.line,
                a.evidence.text.c_str(), b.evidence.doc.c_str(), b.evidence.line,
                b.evidence.text.c_str(), o.score, o.shared_near,
                absl::StrJoin(debug_overlap.shared, ",").c_str(), candidate ? " candidate" : "",
                sole_key != nullptr ? absl::StrCat(" (the only ", *sole_key, ")").c_str() : "");
      }
      if (!candidate) continue;
      const double bonus = a.mention.value_text == b.mention.value_text ? 0.05 : 0;
      Edge& e = edges.emplace_back();
      e.i = i, e.j = j;
      e.score = o.score;
      if (debug) e.shared = std::move(debug_overlap.shared);
      e.rank = o.score + bonus;
      if (sole_key != nullptr) e.sole = *sole_key;
      e.by_context = by_context;
    }
    mark(i, false);
  }
  // Keep an edge only when each claim is the other's best match in the
  // other's document, or has the value of that best match: a sentence with
  // two dates ("announced on Monday a duty from March 3") must not pair both
  // with one date elsewhere.
  // A claim's best match in another document, and the value it has there:
  // one value stated twice in an article (a headline and its lead: "42
  // dead", "the toll stood at 42") is one statement, and both may pair.
  struct Best {
    double rank = -1;
    const std::string* value = nullptr;
    size_t claim = 0;
    // Set when only a claim of `value` may pair (see below).
    bool value_only = false;
  };
  // By claim and document number: a table when the story is not huge.
  const bool dense = facts.size() * doc_count <= (size_t{1} << 20);
  std::vector<Best> best_table(dense && !edges.empty() ? facts.size() * doc_count : 0);
  absl::flat_hash_map<std::pair<size_t, size_t>, Best> best_map;
  // (One lookup at a time: a flat_hash_map moves its entries when it
  // grows, so a reference must not outlive the next insertion.)
  auto best_rank = [&](size_t i, size_t doc) -> Best& {
    return dense ? best_table[i * doc_count + doc] : best_map[{i, doc}];
  };
  auto keep_best = [&](size_t i, size_t j, double rank) {
    Best& b = best_rank(i, doc_of[j]);
    if (rank > b.rank) b = {rank, &facts[j]->mention.value_text, j};
  };
  for (const Edge& e : edges) {
    keep_best(e.i, e.j, e.rank);
    keep_best(e.j, e.i, e.rank);
  }
  // A date whose best match is another date of a sentence that also gives
  // its own date pairs with that one: two articles dating a sentence's
  // events alike ("a third-quarter loss ... on Tuesday", "a loss for the
  // third quarter on Tuesday") is likelier than one article giving one
  // event two dates.
  auto prefer_equal = [&](size_t i, size_t j) {
    if (facts[i]->mention.kind != MentionKind::kDate) return;
    Best& b = best_rank(i, doc_of[j]);
    if (*b.value == facts[i]->mention.value_text ||
        facts[j]->mention.value_text != facts[i]->mention.value_text ||
        facts[b.claim]->sentence_index != facts[j]->sentence_index) {
      return;
    }
    b.value = &facts[j]->mention.value_text;
    b.value_only = true;
  };
  for (const Edge& e : edges) {
    prefer_equal(e.i, e.j);
    prefer_equal(e.j, e.i);
  }
  auto best_in = [&](size_t i, size_t j, double rank) {
    const Best& b = best_rank(i, doc_of[j]);
    if (*b.value == facts[j]->mention.value_text) return true;
    return !b.value_only && rank >= b.rank;
  };
  Groups g(facts.size());
  // Repeats are one fact with their first statement, whatever pairs.
  for (size_t i = 0; i < facts.size(); ++i) {
    if (repeat(i)) g.Join(first_statement[i], i);
  }
  // The figures of each sentence (indices into facts), by document number
  // and sentence index.
  absl::flat_hash_map<std::pair<size_t, int>, std::vector<size_t>> figures_of;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (facts[i]->mention.kind == MentionKind::kFigure) {
      figures_of[{doc_of[i], facts[i]->sentence_index}].push_back(i);
    }
  }
  // Two dates whose sentences give different values of one quantity that
  // are not one fact ("240,000 tonnes ... last year", "130,000 tonnes ...
  // this year") date two measurements: the values differ because the dates
  // do. Figures the aligner made one fact ("25 percent ... from March 3",
  // "20 percent ... in March 2026") say nothing of the kind.
  auto measure_apart = [&](size_t i, size_t j) {
    auto fa = figures_of.find(std::pair<size_t, int>{doc_of[i], facts[i]->sentence_index});
    auto fb = figures_of.find(std::pair<size_t, int>{doc_of[j], facts[j]->sentence_index});
    if (fa == figures_of.end() || fb == figures_of.end()) return false;
    bool apart = false;
    for (size_t x : fa->second) {
      for (size_t y : fb->second) {
        const auto& vx = std::get<FigureValue>(facts[x]->mention.value);
        const auto& vy = std::get<FigureValue>(facts[y]->mention.value);
        if (vx.unit != vy.unit ||
            (vx.unit.empty() && (vx.counted.empty() || vx.counted != vy.counted))) {
          continue;
        }
        if (g.Find(x) == g.Find(y) ||
            extract::CompareFigureValues(vx, vy) == extract::FigureRelation::kEqual) {
          return false;
        }
        apart = true;
      }
    }
    return apart;
  };
  std::vector<const Edge*> kept;
  // Dates last, once the figures they may depend on are grouped.
  std::vector<const Edge*> ordered;
  for (const Edge& e : edges) ordered.push_back(&e);
  std::stable_partition(ordered.begin(), ordered.end(), [&](const Edge* e) {
    return facts[e->i]->mention.kind != MentionKind::kDate;
  });
  for (const Edge* ep : ordered) {
    const Edge& e = *ep;
    if (!best_in(e.i, e.j, e.rank) || !best_in(e.j, e.i, e.rank)) continue;
    if (facts[e.i]->mention.kind == MentionKind::kDate && measure_apart(e.i, e.j)) continue;
    if (debug) {
      fprintf(stderr, "aligned %s:%d \"%s\" ~ %s:%d \"%s\" (%.2f)\n",
              facts[e.i]->evidence.doc.c_str(), facts[e.i]->evidence.line,
              facts[e.i]->evidence.text.c_str(), facts[e.j]->evidence.doc.c_str(),
              facts[e.j]->evidence.line, facts[e.j]->evidence.text.c_str(), e.score);
    }
    g.Join(e.i, e.j);
    kept.push_back(&e);
  }
  // The groups of two claims or more, by root in order (a lone claim is
  // no group).
  std::vector<size_t> root_of(facts.size()), group_size(facts.size(), 0);
  for (size_t i = 0; i < facts.size(); ++i) ++group_size[root_of[i] = g.Find(i)];
  std::vector<std::pair<size_t, std::vector<const Claim*>>> fact_groups;
  {
    std::vector<size_t> slot(facts.size(), SIZE_MAX);
    for (size_t i = 0; i < facts.size(); ++i) {
      const size_t root = root_of[i];
      if (group_size[root] < 2) continue;
      if (slot[root] == SIZE_MAX) {
        slot[root] = fact_groups.size();
        fact_groups.emplace_back(root, std::vector<const Claim*>());
        fact_groups.back().second.reserve(group_size[root]);
      }
      fact_groups[slot[root]].second.push_back(facts[i]);
    }
    std::sort(fact_groups.begin(), fact_groups.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  // Each group's best pair: the first kept edge of the highest score.
  std::vector<const Edge*> top_of(facts.size(), nullptr);
  for (const Edge* e : kept) {
    const Edge*& top = top_of[g.Find(e->i)];
    if (top == nullptr || e->score > top->score) top = e;
  }
  for (auto& [root, claims] : fact_groups) {
    if (!FromTwoDocs(claims)) continue;
    // Explain the group by its best pair.
    const Edge* top = top_of[root];
    const Claim& a = *facts[top->i];
    size_t shared_count = 0;
    std::vector<std::string> shared;
    if (debug) {
      shared = top->shared;
    } else {
      mark(top->i, true);
      shared = ContextSimilarity(weighed[top->i], pos.data(), ctx[top->j], weighed[top->j],
                                 vocab, /*list_shared=*/true, &shared_count)
                   .shared;
      mark(top->i, false);
    }
    std::vector<std::string> shown;
    for (size_t k = 0; k < shared.size() && k < 8; ++k) {
      const std::string& w = shared[k];
      std::string surface = surfaces.SurfaceOfKey(w, a.evidence.sentence);
      if (surface == w) surface = surfaces.SurfaceOfKey(w, facts[top->j]->evidence.sentence);
      shown.push_back(w[0] == '@' ? absl::StrCat("(", w.substr(1), ")") : surface);
    }
    ClaimGroup cg;
    cg.kind = a.mention.kind;
    cg.attribute = a.attribute;
    // What both measure, as the first sentence words it.
    std::string measured;
    {
      std::vector<std::string> common;
      std::set_intersection(keys[top->i].words.begin(), keys[top->i].words.end(),
                            keys[top->j].words.begin(), keys[top->j].words.end(),
                            std::back_inserter(common));
      if (!top->sole.empty()) {
        common.insert(common.begin(), std::string(top->sole.substr(0, top->sole.find('@'))));
      }
      if (!common.empty()) measured = surfaces.SurfaceOfKey(common.front(), a.evidence.sentence);
    }
    cg.subject = FactSubject(ctx[top->i].Things(a), a.entities,
                             ctx[top->j].Things(*facts[top->j]), facts[top->j]->entities, shown,
                             measured, a.evidence.sentence, a.evidence.text, vocab, entity_idf);
    // Whose both figures are says most ("Iceland" for two shares of it).
    if (SameOwner(a, *facts[top->j])) {
      std::vector<std::string> words;
      for (const extract::Token& t : extract::Tokenize(
               a.evidence.sentence, {0, static_cast<uint32_t>(a.evidence.sentence.size())})) {
        std::string_view w = t.text;
        if (w.ends_with("'s")) w.remove_suffix(2);
        if (t.word && t.capitalised &&
            std::binary_search(a.owner.begin(), a.owner.end(), extract::Stem(w)) &&
            std::find(words.begin(), words.end(), w) == words.end()) {
          words.emplace_back(w);
        }
      }
      if (!words.empty()) cg.subject = absl::StrJoin(words, " ");
    }
    cg.score = top->score;
    if (!top->sole.empty() && !top->by_context) {
      const std::string& key = measured;
      cg.why = absl::StrFormat("each article gives one %s for the %s%s%s (score %.2f)",
                               MentionKindName(a.mention.kind), key,
                               shown.empty() ? "" : "; both speak of ",
                               absl::StrJoin(shown, ", "), top->score);
    } else {
      cg.why = absl::StrFormat("both speak of %s (score %.2f)", absl::StrJoin(shown, ", "),
                               top->score);
    }
    cg.claims = std::move(claims);
    out.push_back(std::move(cg));
  }
  return out;
}

}  // namespace concord::align
