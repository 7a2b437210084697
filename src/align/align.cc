#include "align/align.h"

#include <algorithm>
#include <bitset>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <span>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
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

struct Overlap {
  double score = 0;
  std::vector<std::string> shared;  // most distinctive first
  int shared_near = 0;  // shared words that stand in both claims' clauses
};

// Words outside a claim's own clause count this much of their weight.
constexpr double kFarWeight = 0.5;

// A claim's context words weighed once: its idf times its proximity to the
// mention, halved outside the mention's clause.
struct Weighed {
  std::vector<double> w;
  std::vector<char> near;  // the word stands in the claim's clause
  std::vector<uint64_t> key;  // PrefixKey of each word, to merge contexts fast
  double total = 0;
};

// The first eight bytes of `s` as a big-endian number, zero-padded: keys
// that differ order their strings as the strings' operator< does.
uint64_t PrefixKey(const std::string& s) {
  uint64_t k = 0;
  const size_t n = std::min<size_t>(8, s.size());
  for (size_t b = 0; b < n; ++b) {
    k |= static_cast<uint64_t>(static_cast<unsigned char>(s[b])) << (56 - 8 * b);
  }
  return k;
}

// Compares two strings given their PrefixKeys (as std::string::compare's
// sign).
int CompareKeyed(const std::string& x, uint64_t kx, const std::string& y, uint64_t ky) {
  if (kx != ky) return kx < ky ? -1 : 1;
  if (x.size() <= 8 && y.size() <= 8) {
    // Equal first bytes: the shorter is a prefix of the longer.
    return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
  }
  return x.compare(y);
}

Weighed WeighContext(const Claim& c, const Idf& idf) {
  Weighed out;
  out.w.resize(c.context.size());
  out.near.resize(c.context.size());
  out.key.resize(c.context.size());
  for (size_t i = 0; i < c.context.size(); ++i) out.key[i] = PrefixKey(c.context[i]);
  size_t m = 0;  // c.near is sorted as c.context is: walk both
  for (size_t i = 0; i < c.context.size(); ++i) {
    while (m < c.near.size() && FastLess()(c.near[m], c.context[i])) ++m;
    const bool near = m < c.near.size() && c.near[m] == c.context[i];
    const double p = i < c.proximity.size() ? c.proximity[i] : 1.0;
    out.near[i] = near;
    out.w[i] = idf.Weight(c.context[i]) * p * (near ? 1.0 : kFarWeight);
  }
  for (double x : out.w) out.total += x;
  return out;
}

// Weighted overlap of two claims' contexts. A word weighs its idf times its
// proximity to the mention, halved outside the mention's clause; a shared
// word counts with the smaller of its two weights, over the smaller side's
// total (the overlap coefficient): paraphrases in sentences of very
// different length still score high when the shorter one's words recur.
// Fills `shared` only with `list_shared` (else only counts them).
Overlap ContextSimilarity(const Claim& a, const Weighed& wa, const Claim& b, const Weighed& wb,
                          bool list_shared, size_t* shared_count) {
  double shared = 0;
  Overlap out;
  std::vector<std::pair<double, const std::string*>> common;
  *shared_count = 0;
  size_t i = 0, j = 0;
  const size_t na = a.context.size(), nb = b.context.size();
  const uint64_t* ka = wa.key.data();
  const uint64_t* kb = wb.key.data();
  while (i < na && j < nb) {
    // Most steps are decided by the keys alone.
    if (ka[i] != kb[j]) {
      ka[i] < kb[j] ? ++i : ++j;
      continue;
    }
    const int c = CompareKeyed(a.context[i], ka[i], b.context[j], kb[j]);
    if (c < 0) {
      ++i;
    } else if (c > 0) {
      ++j;
    } else {
      const double x = std::min(wa.w[i], wb.w[j]);
      shared += x;
      // An event kind ("@start") is no word of the sentences: it adds to
      // the score, not to the count of shared words.
      if (a.context[i][0] != '@') ++*shared_count;
      if (list_shared) common.push_back({-x, &a.context[i]});
      if (wa.near[i] && wb.near[j]) ++out.shared_near;
      ++i, ++j;
    }
  }
  if (wa.total > 0 && wb.total > 0) out.score = shared / std::min(wa.total, wb.total);
  if (list_shared) {
    std::sort(common.begin(), common.end(), [](const auto& x, const auto& y) {
      return x.first < y.first || (x.first == y.first && *x.second < *y.second);
    });
    out.shared.reserve(common.size());
    for (const auto& [x, w] : common) out.shared.push_back(*w);
  }
  return out;
}

// What a group of facts is about, for people: the most distinctive named
// thing both sentences mention, preferring agreements, organisations and
// events ("Bilateral Trade Agreement"), else what both measure ("crowd"),
// else people and places they both name, else the words they share.
std::string FactSubject(const Claim& a, const Claim& b, const std::vector<std::string>& shared,
                        const std::string& measured, const Idf& entity_idf) {
  std::vector<std::string> common;
  std::set_intersection(a.things.begin(), a.things.end(), b.things.begin(), b.things.end(),
                        std::back_inserter(common));
  if (common.empty() && !measured.empty()) return measured;
  if (common.empty()) {
    std::set_intersection(a.entities.begin(), a.entities.end(), b.entities.begin(),
                          b.entities.end(), std::back_inserter(common));
  }
  std::string best;
  double best_weight = -1;
  for (const std::string& e : common) {
    const double w = entity_idf.Weight(e);
    if (w > best_weight) best = e, best_weight = w;
  }
  if (!best.empty()) return best;
  std::vector<std::string> head(shared.begin(), shared.begin() + std::min<size_t>(4, shared.size()));
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

// The word tokens of sentences, tokenised once however many explanations
// look words up in them, and stemmed only when a word may be the one looked
// for. Sentences are keyed by their text, which the claims hold for the
// whole alignment.
class SurfaceIndex {
 public:
  explicit SurfaceIndex(const AlignRules& rules) : rules_(rules) {
    for (const auto& [stem, head] : rules.synonyms) {
      if (!stem.empty()) synonym_firsts_[head].set(static_cast<unsigned char>(stem[0]));
    }
  }

  // The surface word in `sentence` whose stem is `stem`, for explanations.
  std::string Surface(const std::string& stem, const std::string& sentence) {
    for (Word& w : Words(sentence)) {
      // A stem is its word lowercased and cut (Stem): it starts as the word.
      if (!stem.empty() && AsciiLower(w.text[0]) != stem[0]) continue;
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
    if (auto it = synonym_firsts_.find(key); it != synonym_firsts_.end()) firsts |= it->second;
    for (Word& w : Words(sentence)) {
      if (!w.word) continue;
      if (!key.empty() && !firsts.test(static_cast<unsigned char>(AsciiLower(w.text[0])))) {
        continue;
      }
      if (Stemmed(w).key == key) return AsciiLowerCopy(w.text);
    }
    return key;
  }

 private:
  struct Word {
    std::string_view text;  // into the sentence
    bool word = false;      // a word token (else a number)
    bool stemmed = false;   // stem and key are set
    std::string stem;       // extract::Stem of the token
    std::string key;        // the stem with synonyms folded (words only)
  };

  Word& Stemmed(Word& w) const {
    if (w.stemmed) return w;
    w.stemmed = true;
    w.stem = extract::Stem(w.text);
    if (w.word) {
      auto syn = rules_.synonyms.find(w.stem);
      w.key = syn != rules_.synonyms.end() ? syn->second : w.stem;
    }
    return w;
  }

  // The word and number tokens of `sentence`, in order.
  std::vector<Word>& Words(const std::string& sentence) {
    // An explanation looks several words up in one sentence in a row.
    if (&sentence == last_sentence_) return *last_words_;
    auto [it, inserted] = words_.try_emplace(std::string_view(sentence));
    last_sentence_ = &sentence;
    last_words_ = &it->second;
    if (!inserted) return it->second;
    const std::vector<extract::Token> tokens =
        extract::Tokenize(sentence, {0, static_cast<uint32_t>(sentence.size())});
    it->second.reserve(tokens.size());
    for (const extract::Token& t : tokens) {
      if (!t.word && !t.number) continue;
      Word& w = it->second.emplace_back();
      w.text = t.text;
      w.word = t.word;
    }
    return it->second;
  }

  const AlignRules& rules_;
  StringMap<std::bitset<256>> synonym_firsts_;  // by synonym group head
  // By sentence text; nodes stay put, for last_words_.
  absl::node_hash_map<std::string_view, std::vector<Word>, StringHash, StringEq> words_;
  const std::string* last_sentence_ = nullptr;
  std::vector<Word>* last_words_ = nullptr;
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

// Groups claims by person identity (titles, names, quotes by speaker).
std::vector<std::vector<const Claim*>> ByPerson(
    const std::vector<const Claim*>& claims) {
  std::vector<std::string> keys;
  keys.reserve(claims.size());
  {
    // Claims of one person mostly share their subject: key each once.
    absl::flat_hash_map<std::string_view, size_t> first;  // subject -> index in keys
    for (const Claim* c : claims) {
      auto [it, inserted] = first.try_emplace(c->mention.subject, keys.size());
      keys.push_back(inserted ? PersonKey(*c) : keys[it->second]);
    }
  }
  // Distinct keys, clustered.
  std::vector<std::string> distinct = keys;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  Groups g(distinct.size());
  for (size_t i = 0; i < distinct.size(); ++i) {
    for (size_t j = i + 1; j < distinct.size(); ++j) {
      if (SamePerson(distinct[i], distinct[j])) g.Join(i, j);
    }
  }
  std::map<size_t, std::vector<const Claim*>> out;
  for (size_t i = 0; i < claims.size(); ++i) {
    if (keys[i].empty()) continue;
    const size_t k = static_cast<size_t>(
        std::lower_bound(distinct.begin(), distinct.end(), keys[i]) - distinct.begin());
    out[g.Find(k)].push_back(claims[i]);
  }
  std::vector<std::vector<const Claim*>> result;
  for (auto& [k, v] : out) result.push_back(std::move(v));
  return result;
}

size_t DocCount(const std::vector<const Claim*>& claims) {
  std::vector<std::string_view> docs;
  docs.reserve(claims.size());
  for (const Claim* c : claims) docs.push_back(c->evidence.doc);
  std::sort(docs.begin(), docs.end());
  return static_cast<size_t>(std::unique(docs.begin(), docs.end()) - docs.begin());
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
    auto it = rules.synonyms.find(w);
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
      if (x < 0 || x > 1) {
        diag->Error(node->Find(key)->pos(),
                    absl::StrCat("'", key, "': expected a number from 0 to 1, saw ", x),
                    "align");
        return;
      }
      *v = x;
    };
    fraction("story_threshold", &out->story_threshold);
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
    if (r.Integer("story_window_days", &n)) out->story_window_days = static_cast<int>(n);
    if (r.Integer("story_keywords", &n)) out->story_keywords = static_cast<int>(n);
    if (r.Integer("story_min_documents", &n)) out->story_min_documents = static_cast<int>(n);
    if (r.Integer("claim_min_shared", &n)) out->claim_min_shared = static_cast<int>(n);
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
  {
    // Distinct first: documents share many keywords.
    absl::flat_hash_set<std::string_view, StringHash, StringEq> seen;
    for (size_t i = 0; i < docs.size(); ++i) {
      for (const std::string& k : kept(i)) {
        if (seen.insert(k).second) vocab.push_back(k);
      }
    }
  }
  std::sort(vocab.begin(), vocab.end());
  absl::flat_hash_map<std::string_view, uint32_t, StringHash, StringEq> id_of;
  id_of.reserve(vocab.size());
  for (size_t id = 0; id < vocab.size(); ++id) id_of[vocab[id]] = static_cast<uint32_t>(id);
  // Document frequency of keywords, and an inverted index whose lists keep
  // dated documents in date order, so that a document meets only those
  // published within the window (and the undated ones).
  struct Postings {
    std::vector<std::pair<int, size_t>> dated;  // (day, document)
    std::vector<size_t> undated;
    size_t size() const { return dated.size() + undated.size(); }
  };
  std::vector<Postings> postings(vocab.size());
  std::vector<int> df(vocab.size(), 0);
  std::vector<std::vector<uint32_t>> keys(docs.size());
  std::vector<int> day(docs.size(), 0);
  for (size_t i = 0; i < docs.size(); ++i) {
    for (const std::string& k : kept(i)) keys[i].push_back(id_of.find(k)->second);
    std::sort(keys[i].begin(), keys[i].end());
    keys[i].erase(std::unique(keys[i].begin(), keys[i].end()), keys[i].end());
    keys[i].shrink_to_fit();
    const auto& published = docs[i]->info.published;
    if (published) day[i] = static_cast<int>(published->time_since_epoch().count());
    for (uint32_t k : keys[i]) {
      ++df[k];
      Postings& p = postings[k];
      if (published) {
        p.dated.push_back({day[i], i});
      } else {
        p.undated.push_back(i);
      }
    }
  }
  for (Postings& p : postings) std::sort(p.dated.begin(), p.dated.end());
  // Each keyword's weight (as KeywordWeight), and each document's sum.
  std::vector<double> weight(vocab.size());
  for (size_t id = 0; id < vocab.size(); ++id) {
    // Rarity is judged as in at least story_min_documents articles (Idf).
    const double n = static_cast<double>(
        std::max<size_t>(docs.size(), static_cast<size_t>(std::max(0, rules.story_min_documents))));
    weight[id] = std::log(1.0 + n / df[id]) * KeywordFactor(vocab[id]);
  }
  std::vector<double> totals(docs.size(), 0);
  for (size_t i = 0; i < docs.size(); ++i) {
    for (uint32_t k : keys[i]) totals[i] += weight[k];
  }
  // Weighted Dice overlap of two documents' keywords (as Similarity).
  auto score = [&](size_t a, size_t b) {
    double shared = 0;
    size_t x = 0, y = 0;
    while (x < keys[a].size() && y < keys[b].size()) {
      if (keys[a][x] < keys[b][y]) {
        ++x;
      } else if (keys[a][x] > keys[b][y]) {
        ++y;
      } else {
        shared += weight[keys[a][x]];
        ++x, ++y;
      }
    }
    return totals[a] + totals[b] > 0 ? 2 * shared / (totals[a] + totals[b]) : 0.0;
  };
  // A keyword in more than this many documents says nothing about stories
  // and would make candidate generation quadratic.
  const size_t max_postings = std::max<size_t>(50, docs.size() / 20);
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
  std::vector<uint32_t> probe;
  auto probes = [&](size_t i) {
    probe = keys[i];
    std::sort(probe.begin(), probe.end(), [&](uint32_t a, uint32_t b) {
      return weight[a] != weight[b] ? weight[a] > weight[b] : a < b;
    });
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
  Groups g(docs.size());
  std::vector<double> acc(docs.size(), 0);
  std::vector<size_t> candidates;
  for (size_t i = 0; i < docs.size(); ++i) {
    candidates.clear();
    const bool dated = docs[i]->info.published.has_value();
    probes(i);
    double unprobed = totals[i];
    auto meet = [&](size_t j, double w) {
      if (j <= i) return;
      if (acc[j] == 0) candidates.push_back(j);
      acc[j] += w;
    };
    for (uint32_t k : probe) {
      const Postings& p = postings[k];
      if (p.size() > max_postings) continue;
      unprobed -= weight[k];
      for (size_t j : p.undated) meet(j, weight[k]);
      auto from = p.dated.begin(), to = p.dated.end();
      if (dated) {
        const int window = rules.story_window_days;
        from = std::lower_bound(p.dated.begin(), p.dated.end(),
                                std::pair<int, size_t>{day[i] - window, 0});
        to = std::upper_bound(from, p.dated.end(),
                              std::pair<int, size_t>{day[i] + window, SIZE_MAX});
      }
      for (auto it = from; it != to; ++it) meet(it->second, weight[k]);
    }
    std::sort(candidates.begin(), candidates.end());
    for (size_t j : candidates) {
      const double shared_bound = acc[j] + std::max(0.0, unprobed);
      acc[j] = 0;
      const auto& a = docs[i]->info.published;
      const auto& b = docs[j]->info.published;
      if (a && b && std::abs((*a - *b).count()) > rules.story_window_days) continue;
      if (debug) {
        const Overlap o = Similarity(words(i), words(j), debug_idf);
        fprintf(stderr, "story %s ~ %s: %.2f, shared %s\n", docs[i]->info.id.c_str(),
                docs[j]->info.id.c_str(), o.score, absl::StrJoin(o.shared, ",").c_str());
      } else if (2 * shared_bound < t * (totals[i] + totals[j]) * (1 - 1e-9)) {
        continue;
      }
      if (score(i, j) >= rules.story_threshold) g.Join(i, j);
    }
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
  Widener(const std::vector<const DocClaims*>& docs, const RuleSet& rule_set)
      : rules_(rule_set.align) {
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
        Named n;
        n.sentence = c.sentence_index;
        n.name = c.mention.subject;
        n.head = Fold(HeadStem(n.name));
        n.stems = Words(n.name, rule_set);
        if (n.head.empty()) continue;
        for (const std::string& w : n.stems) n.folded.push_back(Fold(w));
        named.push_back(n);
      }
    }
    std::sort(acronyms_.begin(), acronyms_.end());
    acronyms_.erase(std::unique(acronyms_.begin(), acronyms_.end()), acronyms_.end());
    for (const auto& [abbr, stems] : acronyms_) {
      acronym_words_.push_back(abbr);
      if (!stems.empty()) acronym_words_.push_back(stems.front());
    }
    std::sort(acronym_words_.begin(), acronym_words_.end());
    acronym_words_.erase(std::unique(acronym_words_.begin(), acronym_words_.end()),
                         acronym_words_.end());
    for (const auto& [word, head] : rules_.synonyms) synonym_shapes_.set(Shape(word));
  }

  // `c` itself when nothing widens it; a widened copy (made once) else.
  const Claim& Widen(const Claim& c) {
    auto [it, inserted] = widened_.try_emplace(&c);
    // (No other insertion happens during this call: the slot stays valid.)
    std::unique_ptr<Claim>& slot = it->second;
    if (!inserted) return slot ? *slot : c;
    // Copied on the first change only: most claims have nothing to add.
    auto w = [&]() -> Claim& {
      if (!slot) slot = std::make_unique<Claim>(c);
      return *slot;
    };
    auto find = [&](const std::string& word) -> std::optional<size_t> {
      auto pos = std::lower_bound(c.context.begin(), c.context.end(), word, FastLess());
      if (pos == c.context.end() || *pos != word) return std::nullopt;
      return static_cast<size_t>(pos - c.context.begin());
    };
    auto near = [&](const std::string& word) {
      return std::binary_search(c.near.begin(), c.near.end(), word, FastLess());
    };
    // An acronym widens a claim whose context has it or the first word of
    // its expansion: most claims have neither.
    const bool any_acronym = std::any_of(c.context.begin(), c.context.end(),
                                         [&](const std::string& word) {
      return std::binary_search(acronym_words_.begin(), acronym_words_.end(), word,
                                FastLess());
    });
    for (const auto& [abbr, stems] : any_acronym ? acronyms_ : no_acronyms_) {
      if (auto i = find(abbr)) {
        for (const std::string& s : stems) Add(&w(), s, c.proximity[*i], near(abbr));
      } else if (!stems.empty() &&
                 std::all_of(stems.begin(), stems.end(), [&](const std::string& s) {
                   return find(s).has_value();
                 })) {
        Add(&w(), abbr, c.proximity[*find(stems.front())], near(stems.front()));
      }
    }
    for (const std::string& head : c.definites) {
      const auto i = find(head);
      if (!i) continue;
      const Named* thing = Resolve(c.evidence.doc, c.sentence_index, Fold(head));
      if (thing == nullptr) continue;
      Claim& x = w();
      for (const std::string& s : thing->stems) Add(&x, s, c.proximity[*i], near(head));
      auto pos = std::lower_bound(x.things.begin(), x.things.end(), thing->name);
      if (pos == x.things.end() || *pos != thing->name) x.things.insert(pos, thing->name);
    }
    // The kind of event a date dates is a word of its clause: "takes
    // effect on" and "from" say the same.
    if (!c.event.empty()) Add(&w(), absl::StrCat("@", c.event), 1.0f, true);
    if (HasSynonyms(slot ? *slot : c)) FoldSynonyms(&w());
    return slot ? *slot : c;
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
  const Named* Resolve(const std::string& doc, int sentence, const std::string& head) {
    auto doc_named = named_.find(doc);
    for (const bool anywhere : {false, true}) {
      const Named* found = nullptr;
      if (doc_named != named_.end()) {
        for (const Named& n : doc_named->second) {
          if (n.sentence <= sentence && Fits(n, head, anywhere)) found = &n;
        }
      }
      if (found != nullptr) return found;
      const StoryThing& thing = StoryLevel(head, anywhere);
      if (thing.names == 1) return thing.found;
      if (thing.names > 1) return nullptr;  // ambiguous
    }
    return nullptr;
  }

  static bool Fits(const Named& n, const std::string& head, bool anywhere) {
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
  };
  const StoryThing& StoryLevel(const std::string& head, bool anywhere) {
    auto [it, inserted] = story_things_[anywhere ? 1 : 0].try_emplace(head);
    if (!inserted) return it->second;
    std::set<std::string> names;
    for (const auto& [d, named] : named_) {
      for (const Named& n : named) {
        if (Fits(n, head, anywhere)) {
          names.insert(AsciiLowerCopy(n.name));
          it->second.found = &n;
        }
      }
    }
    it->second.names = names.size();
    return it->second;
  }

  static void Add(Claim* w, const std::string& word, float proximity, bool near) {
    auto pos = std::lower_bound(w->context.begin(), w->context.end(), word, FastLess());
    if (pos != w->context.end() && *pos == word) return;
    const size_t i = static_cast<size_t>(pos - w->context.begin());
    w->context.insert(pos, word);
    w->proximity.insert(w->proximity.begin() + static_cast<long>(i), proximity);
    if (near) {
      w->near.insert(std::lower_bound(w->near.begin(), w->near.end(), word, FastLess()), word);
    }
  }

  // A word's first byte and length, as a bit of synonym_shapes_.
  static size_t Shape(const std::string& word) {
    if (word.empty()) return 0;
    return static_cast<size_t>(static_cast<unsigned char>(word[0])) * 32 +
           std::min<size_t>(word.size(), 31);
  }

  bool HasSynonyms(const Claim& c) const {
    for (const std::vector<std::string>* words : {&c.context, &c.near}) {
      for (const std::string& word : *words) {
        // Only words of the shape of a synonym are looked up.
        if (!word.empty() && !synonym_shapes_.test(Shape(word))) continue;
        if (rules_.synonyms.contains(word)) return true;
      }
    }
    return false;
  }

  // Replaces each context word by the first word of its synonym group,
  // keeping the closest proximity.
  void FoldSynonyms(Claim* w) const {
    // (folded word, proximity), sorted by word; a word's closest proximity
    // (at least 0) is kept.
    std::vector<std::pair<std::string, float>> folded;
    folded.reserve(w->context.size());
    for (size_t i = 0; i < w->context.size(); ++i) {
      const float p = i < w->proximity.size() ? w->proximity[i] : 1.0f;
      folded.emplace_back(Fold(w->context[i]), p);
    }
    std::stable_sort(folded.begin(), folded.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    w->context.clear();
    w->proximity.clear();
    for (auto& [word, p] : folded) {
      if (!w->context.empty() && w->context.back() == word) {
        w->proximity.back() = std::max(w->proximity.back(), p);
      } else {
        w->context.push_back(std::move(word));
        w->proximity.push_back(std::max(0.0f, p));
      }
    }
    std::vector<std::string> near;
    near.reserve(w->near.size());
    for (const std::string& n : w->near) near.push_back(Fold(n));
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    w->near = std::move(near);
  }

  const AlignRules& rules_;
  std::vector<std::pair<std::string, std::vector<std::string>>> acronyms_;
  const std::vector<std::pair<std::string, std::vector<std::string>>> no_acronyms_;
  std::vector<std::string> acronym_words_;  // sorted: each abbreviation, first stem
  std::bitset<256 * 32> synonym_shapes_;     // Shape of each word with a synonym
  std::map<std::string, std::vector<Named>, std::less<>> named_;  // by document
  // Widened copies, stable in memory; null for claims nothing widens.
  absl::flat_hash_map<const Claim*, std::unique_ptr<Claim>> widened_;
  StringMap<StoryThing> story_things_[2];  // by head; [anywhere]
};

}  // namespace

std::vector<ClaimGroup> AlignClaims(const std::vector<const DocClaims*>& docs,
                                    const RuleSet& rule_set) {
  const AlignRules& rules = rule_set.align;
  std::vector<ClaimGroup> out;
  std::vector<const Claim*> titles, names, quotes, facts;
  Widener widener(docs, rule_set);
  SurfaceIndex surfaces(rules);
  auto widen = [&](const Claim& c) -> const Claim& { return widener.Widen(c); };
  Idf idf;
  Idf entity_idf;
  absl::flat_hash_set<std::pair<std::string_view, int>> seen_sentences;
  for (const DocClaims* d : docs) {
    for (const Claim& c : d->claims) {
      switch (c.mention.kind) {
        case MentionKind::kTitle: titles.push_back(&c); break;
        case MentionKind::kName: {
          // Spelling variants are looked for in people's names only.
          const auto* v = std::get_if<NameValue>(&c.mention.value);
          if (v != nullptr && v->type == EntityType::kPerson) names.push_back(&c);
          break;
        }
        case MentionKind::kQuote: quotes.push_back(&c); break;
        case MentionKind::kDate:
        case MentionKind::kDuration:
        case MentionKind::kFigure: facts.push_back(&c); break;
        default: break;
      }
      if (seen_sentences.insert({std::string_view(c.evidence.doc), c.sentence_index}).second) {
        idf.Add(widen(c).context);
        entity_idf.Add(c.entities);
      }
    }
  }

  // Titles: all titles given to one person.
  for (auto& group : ByPerson(titles)) {
    if (DocCount(group) < 2) continue;
    ClaimGroup cg;
    cg.kind = MentionKind::kTitle;
    cg.subject = DisplaySubject(group);
    cg.attribute = "title";
    cg.claims = std::move(group);
    cg.score = 1;
    cg.why = absl::StrCat("same person (", cg.subject, ")");
    out.push_back(std::move(cg));
  }
  // Names: one person spelled in several ways.
  for (auto& group : ByPerson(names)) {
    if (DocCount(group) < 2) continue;
    std::set<std::string> keys;
    for (const Claim* c : group) keys.insert(PersonKey(*c));
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
  for (auto& group : ByPerson(quotes)) {
    std::vector<std::vector<std::string>> words;
    std::vector<std::vector<std::string>> sequences;
    for (const Claim* c : group) {
      const std::string& text = std::get<QuoteValue>(c->mention.value).text;
      words.push_back(QuoteWords(text, rule_set.stopwords));
      sequences.push_back(QuoteSequence(text));
    }
    Groups g(group.size());
    std::vector<std::string> whys(group.size());
    for (size_t i = 0; i < group.size(); ++i) {
      for (size_t j = i + 1; j < group.size(); ++j) {
        if (group[i]->evidence.doc == group[j]->evidence.doc) continue;
        std::vector<std::string> inter;
        std::set_intersection(words[i].begin(), words[i].end(), words[j].begin(),
                              words[j].end(), std::back_inserter(inter));
        const size_t shorter = std::min(words[i].size(), words[j].size());
        if (shorter == 0 || inter.empty()) continue;
        const double share = static_cast<double>(inter.size()) / shorter;
        std::string how;
        if (inter.size() >= 2 && share >= rules.quote_threshold) {
          how = absl::StrFormat("%.0f%% of the shorter", 100 * share);
        } else {
          const size_t short_words = std::min(sequences[i].size(), sequences[j].size());
          if (short_words > kShortQuote) continue;
          const size_t common = CommonWords(sequences[i], sequences[j]);
          const double in_order = static_cast<double>(common) / short_words;
          if (common < 3 || in_order < kShortShare) continue;
          how = absl::StrFormat("%.0f%% of the shorter's words in order", 100 * in_order);
        }
        g.Join(i, j);
        std::vector<std::string> shown;
        for (const auto& w : inter) {
          shown.push_back(surfaces.Surface(w, group[i]->evidence.sentence));
        }
        whys[g.Find(i)] = absl::StrFormat("same speaker; quotes share %s (%s)",
                                          absl::StrJoin(shown, ", "), how);
      }
    }
    std::map<size_t, ClaimGroup> by_root;
    for (size_t i = 0; i < group.size(); ++i) {
      ClaimGroup& cg = by_root[g.Find(i)];
      cg.claims.push_back(group[i]);
    }
    for (auto& [root, cg] : by_root) {
      if (DocCount(cg.claims) < 2) continue;
      cg.kind = MentionKind::kQuote;
      cg.subject = DisplaySubject(cg.claims);
      cg.attribute = "quote";
      cg.why = whys[root];
      cg.score = 1;
      out.push_back(std::move(cg));
    }
  }
  // Dates, durations and figures: claims whose surrounding words agree.
  // CONCORD_DEBUG_ALIGN=1 prints every scored pair to standard error.
  static const bool debug = getenv("CONCORD_DEBUG_ALIGN") != nullptr;
  struct Edge {
    size_t i, j;
    Overlap overlap;
    double rank;  // score, with a small bonus for equal values
    std::string sole;  // the single-valued key both are the only value of
    bool by_context = false;  // the contexts alone make them one fact
  };
  std::vector<Edge> edges;
  // The claims' contexts, widened by the story's acronyms.
  std::vector<const Claim*> ctx;
  ctx.reserve(facts.size());
  for (const Claim* c : facts) ctx.push_back(&widen(*c));
  std::vector<Weighed> weighed;
  weighed.reserve(facts.size());
  for (const Claim* c : ctx) weighed.push_back(WeighContext(*c, idf));
  // Two claims can only be aligned when they share a word of both their
  // clauses: candidates come from an index on those words, not every pair
  // (every pair with CONCORD_DEBUG_ALIGN, which prints them all).
  // (Keys view the contexts' words; absl's hash is cheaper for them.)
  absl::flat_hash_map<std::string_view, std::vector<size_t>> by_near;
  for (size_t i = 0; i < facts.size(); ++i) {
    for (size_t k = 0; k < ctx[i]->context.size(); ++k) {
      if (weighed[i].near[k]) by_near[std::string_view(ctx[i]->context[k])].push_back(i);
    }
  }
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
        by_sole[key].push_back(i);
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
  // Each fact's document as a number, to compare and key by.
  std::vector<size_t> doc_of(facts.size());
  {
    absl::flat_hash_map<std::string_view, size_t> numbers;
    for (size_t i = 0; i < facts.size(); ++i) {
      doc_of[i] = numbers.try_emplace(facts[i]->evidence.doc, numbers.size()).first->second;
    }
  }
  std::vector<size_t> partners;
  for (size_t i = 0; i < facts.size(); ++i) {
    partners.clear();
    if (debug) {
      for (size_t j = i + 1; j < facts.size(); ++j) partners.push_back(j);
    } else {
      for (size_t k = 0; k < ctx[i]->context.size(); ++k) {
        if (!weighed[i].near[k]) continue;
        const std::vector<size_t>& p = by_near.find(std::string_view(ctx[i]->context[k]))->second;
        partners.insert(partners.end(), std::upper_bound(p.begin(), p.end(), i), p.end());
      }
      for (const std::string& w : sole[i]) {
        const std::vector<size_t>& p = by_sole.find(w)->second;
        partners.insert(partners.end(), std::upper_bound(p.begin(), p.end(), i), p.end());
      }
      std::sort(partners.begin(), partners.end());
      partners.erase(std::unique(partners.begin(), partners.end()), partners.end());
    }
    for (size_t j : partners) {
      const Claim& a = *facts[i];
      const Claim& b = *facts[j];
      if (doc_of[i] == doc_of[j]) continue;
      const double threshold = ThresholdFor(a, keys[i], b, keys[j], rule_set);
      if (threshold < 0) continue;
      size_t shared_count = 0;
      Overlap o = ContextSimilarity(*ctx[i], weighed[i], *ctx[j], weighed[j],
                                    /*list_shared=*/debug, &shared_count);
      const std::string* sole_key = share_sole(i, j);
      const bool by_context = o.score >= threshold && o.shared_near >= 1 &&
                              shared_count >= static_cast<size_t>(rules.claim_min_shared);
      const bool candidate = by_context || sole_key != nullptr;
      // (The shared words are listed for the pairs that explain a group
      // only, below.)
      if (debug) {
        fprintf(stderr, "align %s %s:%d \"%s\" ~ %s:%d \"%s\": score %.2f, near %d, shared %s%s%s\n",
                MentionKindName(a.mention.kind), a.evidence.doc.c_str(), a.evidence.line,
                a.evidence.text.c_str(), b.evidence.doc.c_str(), b.evidence.line,
                b.evidence.text.c_str(), o.score, o.shared_near,
                absl::StrJoin(o.shared, ",").c_str(), candidate ? " candidate" : "",
                sole_key != nullptr ? absl::StrCat(" (the only ", *sole_key, ")").c_str() : "");
      }
      if (!candidate) continue;
      const double bonus = a.mention.value_text == b.mention.value_text ? 0.05 : 0;
      edges.push_back({i, j, std::move(o), 0, sole_key != nullptr ? *sole_key : "", by_context});
      edges.back().rank = edges.back().overlap.score + bonus;
    }
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
  };
  // By (claim, document number).
  absl::flat_hash_map<std::pair<size_t, size_t>, Best> best_rank;
  auto keep_best = [&](size_t i, size_t j, double rank) {
    // One lookup at a time: a flat_hash_map moves its entries when it
    // grows, so a reference must not outlive the next insertion.
    Best& b = best_rank[{i, doc_of[j]}];
    if (rank > b.rank) b = {rank, &facts[j]->mention.value_text};
  };
  for (const Edge& e : edges) {
    keep_best(e.i, e.j, e.rank);
    keep_best(e.j, e.i, e.rank);
  }
  auto best_in = [&](size_t i, size_t j, double rank) {
    const Best& b = best_rank[{i, doc_of[j]}];
    return rank >= b.rank || *b.value == facts[j]->mention.value_text;
  };
  Groups g(facts.size());
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
              facts[e.j]->evidence.line, facts[e.j]->evidence.text.c_str(), e.overlap.score);
    }
    g.Join(e.i, e.j);
    kept.push_back(&e);
  }
  std::map<size_t, std::vector<const Claim*>> fact_groups;
  for (size_t i = 0; i < facts.size(); ++i) fact_groups[g.Find(i)].push_back(facts[i]);
  for (auto& [root, claims] : fact_groups) {
    if (DocCount(claims) < 2) continue;
    // Explain the group by its best pair.
    const Edge* top = nullptr;
    for (const Edge* e : kept) {
      if (g.Find(e->i) == root && (top == nullptr || e->overlap.score > top->overlap.score)) {
        top = e;
      }
    }
    const Claim& a = *facts[top->i];
    size_t shared_count = 0;
    const std::vector<std::string> shared =
        debug ? top->overlap.shared
              : ContextSimilarity(*ctx[top->i], weighed[top->i], *ctx[top->j], weighed[top->j],
                                  /*list_shared=*/true, &shared_count)
                    .shared;
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
      if (!top->sole.empty()) common.insert(common.begin(), top->sole.substr(0, top->sole.find('@')));
      if (!common.empty()) measured = surfaces.SurfaceOfKey(common.front(), a.evidence.sentence);
    }
    cg.subject = FactSubject(*ctx[top->i], *ctx[top->j], shown, measured, entity_idf);
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
    cg.score = top->overlap.score;
    if (!top->sole.empty() && !top->by_context) {
      const std::string& key = measured;
      cg.why = absl::StrFormat("each article gives one %s for the %s%s%s (score %.2f)",
                               MentionKindName(a.mention.kind), key,
                               shown.empty() ? "" : "; both speak of ",
                               absl::StrJoin(shown, ", "), top->overlap.score);
    } else {
      cg.why = absl::StrFormat("both speak of %s (score %.2f)", absl::StrJoin(shown, ", "),
                               top->overlap.score);
    }
    cg.claims = std::move(claims);
    out.push_back(std::move(cg));
  }
  return out;
}

}  // namespace concord::align
