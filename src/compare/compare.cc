#include "compare/compare.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "extract/figures.h"
#include "extract/people.h"
#include "extract/temporal.h"
#include "extract/text_units.h"
#include "ingest/ingest.h"
#include "rules/ruleset.h"

namespace concord::compare {
namespace {

// Claims of one group that state the same value.
struct ValueClass {
  std::vector<const Claim*> claims;
  const Claim* first() const { return claims.front(); }
};

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The mention as its reader saw it, spaces collapsed (an HTML source's
// "&euro;3.1bn" is "€3.1bn").
std::string FoldedText(const Claim& c) {
  if (c.evidence.text.empty()) return CollapseSpaces(c.mention.value_text);
  // (JSON Lines records and standard input may hold HTML too.)
  const ingest::Format format = ingest::FormatOfPath(c.evidence.path);
  const bool markup = format != ingest::Format::kText || c.evidence.path == "-";
  return CollapseSpaces(ingest::VisibleText(
      c.evidence.text, markup ? ingest::Format::kHtml : ingest::Format::kText));
}

// Whether every claim states its date in the same relative words ("by the
// summer", "on Saturday"), so that the values differ only because the
// articles were published on different days. *coarse: all at a month or
// coarser, where a season's or a year's boundary fell between the dates.
bool SameRelativeWords(const std::vector<const Claim*>& claims, bool* coarse) {
  std::string words;
  *coarse = true;
  for (const Claim* c : claims) {
    const auto* v = std::get_if<DateValue>(&c->mention.value);
    if (v == nullptr || !v->relative || v->alternatives.empty()) return false;
    for (const DateInterval& i : v->alternatives) {
      if (i.granularity == Granularity::kDay || i.granularity == Granularity::kWeek) {
        *coarse = false;
      }
    }
    std::string folded = AsciiLowerCopy(FoldedText(*c));
    if (words.empty()) {
      words = std::move(folded);
    } else if (folded != words) {
      return false;
    }
  }
  return !words.empty();
}

// Words of a quote for comparison: lowercase, letters and digits only.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (IsAsciiAlpha(ch) || IsAsciiDigit(ch) || static_cast<unsigned char>(ch) >= 0x80) {
      cur.push_back(AsciiLower(ch));
    } else if (ch == '\'' && !cur.empty()) {
      // keep contractions ("we're") as one word
      cur.push_back(ch);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool IsSubsequence(const std::vector<std::string>& small,
                   const std::vector<std::string>& big) {
  if (small.empty() || small.size() > big.size()) return false;
  return std::search(big.begin(), big.end(), small.begin(), small.end()) != big.end();
}

int EditDistance(std::string_view a, std::string_view b) {
  // Words are short: two rows on the stack, else on the heap.
  constexpr size_t kStack = 64;
  int stack_rows[2][kStack];
  std::vector<int> heap_rows;
  int* prev = stack_rows[0];
  int* cur = stack_rows[1];
  if (b.size() >= kStack) {
    heap_rows.resize(2 * (b.size() + 1));
    prev = heap_rows.data();
    cur = prev + b.size() + 1;
  }
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// A word's spelling with the British and American differences taken out:
// -ise/-ize (-yse/-yze), -our/-or, -ence/-ense, -re/-er, -ogue/-og,
// -gramme/-gram, judgement/judgment, ageing/aging, a doubled l
// (travelled).
std::string CanonicalSpelling(std::string_view w) {
  std::string out(w);
  auto replace_end = [&](std::string_view from, std::string_view to, size_t min_size) {
    if (out.size() >= min_size && out.size() > from.size() &&
        out.compare(out.size() - from.size(), from.size(), from) == 0) {
      out.replace(out.size() - from.size(), from.size(), to);
    }
  };
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i] == 'z' && (out[i - 1] == 'i' || out[i - 1] == 'y')) out[i] = 's';
  }
  replace_end("gramme", "gram", 0);
  replace_end("ogue", "og", 0);
  replace_end("re", "er", 5);
  replace_end("res", "ers", 6);
  for (const auto& [from, to] : {std::pair<std::string_view, std::string_view>{"ence", "ense"},
                                 {"gement", "gment"}, {"eing", "ing"}}) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + 1)) {
      out.replace(at, from.size(), to);
    }
  }
  if (out.size() >= 6) {
    for (size_t at = out.find("our", 1); at != std::string::npos; at = out.find("our", at + 1)) {
      out.replace(at, 3, "or");
    }
  }
  for (size_t at = out.find("ll"); at != std::string::npos; at = out.find("ll", at)) {
    out.erase(at, 1);
  }
  return out;
}

// Two words that are the same word spelled differently: a British and an
// American spelling ("defence" and "defense", "organise" and "organize"),
// or a letter dropped inside a longer word ("goverment"). Not two words
// one letter apart ("billions" and "millions", "rise" and "rose"), nor an
// ending ("agree" and "agreed", "state" and "states").
bool SpellingVariant(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.size() < 4 || b.size() < 4) return false;
  if (CanonicalSpelling(a) == CanonicalSpelling(b)) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (shorter.size() < 5 || longer.size() != shorter.size() + 1 || a[0] != b[0] ||
      a.back() != b.back()) {
    return false;
  }
  return EditDistance(a, b) == 1;
}

// The words with contractions written out ("won't" -> "will not", "we're"
// -> "we are"), so that a quote and its reworded contraction compare.
std::vector<std::string> WithoutContractions(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  out.reserve(words.size() + 2);
  auto ends = [](std::string_view w, std::string_view tail) {
    return w.size() > tail.size() && w.compare(w.size() - tail.size(), tail.size(), tail) == 0;
  };
  for (const std::string& w : words) {
    if (w == "won't") {
      out.insert(out.end(), {"will", "not"});
    } else if (w == "can't" || w == "cannot") {
      out.insert(out.end(), {"can", "not"});
    } else if (w == "shan't") {
      out.insert(out.end(), {"shall", "not"});
    } else if (ends(w, "n't")) {
      out.insert(out.end(), {w.substr(0, w.size() - 3), "not"});
    } else if (ends(w, "'re")) {
      out.insert(out.end(), {w.substr(0, w.size() - 3), "are"});
    } else if (ends(w, "'ll")) {
      out.insert(out.end(), {w.substr(0, w.size() - 3), "will"});
    } else if (ends(w, "'ve")) {
      out.insert(out.end(), {w.substr(0, w.size() - 3), "have"});
    } else if (ends(w, "'m")) {
      out.insert(out.end(), {w.substr(0, w.size() - 2), "am"});
    } else if (w == "let's") {
      out.insert(out.end(), {"let", "us"});
    } else if (w == "it's" || w == "that's" || w == "there's" || w == "he's" || w == "she's" ||
               w == "what's" || w == "here's" || w == "who's") {
      out.insert(out.end(), {w.substr(0, w.size() - 2), "is"});
    } else {
      out.push_back(w);
    }
  }
  return out;
}

enum class QuoteRelation { kSame, kPartial, kSpelling, kDifferent };

// `wa` and `wb` are Words(a) and Words(b).
QuoteRelation CompareQuotes(const std::string& a, const std::vector<std::string>& wa,
                            const std::string& b, const std::vector<std::string>& wb,
                            std::vector<std::string>* only_a,
                            std::vector<std::string>* only_b) {
  if (a == b) return QuoteRelation::kSame;  // (as their words would say)
  if (wa == wb) return QuoteRelation::kSame;
  if (IsSubsequence(wa, wb) || IsSubsequence(wb, wa)) return QuoteRelation::kPartial;
  // "We won't back down" and "We will not back down": a contraction.
  if (WithoutContractions(wa) == WithoutContractions(wb)) return QuoteRelation::kSpelling;
  if (wa.size() == wb.size()) {
    bool spelling = true;
    for (size_t i = 0; i < wa.size() && spelling; ++i) {
      spelling = SpellingVariant(wa[i], wb[i]);
    }
    if (spelling) return QuoteRelation::kSpelling;
  }
  // A partial quote that differs from the full one only in spelling.
  const auto& shorter = wa.size() < wb.size() ? wa : wb;
  const auto& longer = wa.size() < wb.size() ? wb : wa;
  for (size_t start = 0; start + shorter.size() <= longer.size(); ++start) {
    bool ok = true;
    for (size_t i = 0; i < shorter.size() && ok; ++i) {
      ok = SpellingVariant(shorter[i], longer[start + i]);
    }
    if (ok) return QuoteRelation::kSpelling;
  }
  // Each side's words sorted, to look the other's up in.
  std::vector<std::string_view> sa(wa.begin(), wa.end()), sb(wb.begin(), wb.end());
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  for (const auto& w : wa) {
    if (!std::binary_search(sb.begin(), sb.end(), std::string_view(w)) &&
        std::find(only_a->begin(), only_a->end(), w) == only_a->end()) {
      only_a->push_back(w);
    }
  }
  for (const auto& w : wb) {
    if (!std::binary_search(sa.begin(), sa.end(), std::string_view(w)) &&
        std::find(only_b->begin(), only_b->end(), w) == only_b->end()) {
      only_b->push_back(w);
    }
  }
  return QuoteRelation::kDifferent;
}

// Words for a message, "(none)" when there are none.
std::string Listed(const std::vector<std::string>& words) {
  return words.empty() ? "(none)" : absl::StrJoin(words, " ");
}

std::string Sources(size_t n) {
  return absl::StrCat(n, n == 1 ? " source" : " sources");
}

size_t DocCount(const ValueClass& v) {
  std::set<std::string_view> docs;
  for (const Claim* c : v.claims) docs.insert(c->evidence.doc);
  return docs.size();
}

// Whether one article gives a value of each class.
bool SharesDoc(const ValueClass& x, const ValueClass& y) {
  absl::flat_hash_set<std::string_view> docs;
  for (const Claim* a : x.claims) docs.insert(a->evidence.doc);
  for (const Claim* b : y.claims) {
    if (docs.contains(b->evidence.doc)) return true;
  }
  return false;
}

class Judge {
 public:
  Judge(const RuleSet& rules, std::vector<Finding>* out) : rules_(rules), out_(out) {}

  void Group(const align::ClaimGroup& g) {
    switch (g.kind) {
      case MentionKind::kTitle: Titles(g); break;
      case MentionKind::kDate:
      case MentionKind::kDuration:
      case MentionKind::kFigure: Facts(g); break;
      case MentionKind::kQuote: Quotes(g); break;
      case MentionKind::kName: Names(g); break;
      default: break;
    }
  }

 private:
  // Splits claims into classes by `same`, keeping first-seen order.
  template <typename Same>
  static std::vector<ValueClass> Classes(const std::vector<const Claim*>& claims,
                                         Same same) {
    std::vector<ValueClass> out;
    for (const Claim* c : claims) {
      bool placed = false;
      for (ValueClass& v : out) {
        if (same(*v.first(), *c)) {
          v.claims.push_back(c);
          placed = true;
          break;
        }
      }
      if (!placed) out.push_back({{c}});
    }
    return out;
  }

  void Emit(const align::ClaimGroup& g, FindingClass cls, const std::string& rule_id,
            const std::vector<ValueClass>& values, std::string message,
            std::string explanation) {
    const std::optional<Severity> severity =
        rules_.policy.Lookup(g.kind, cls, rule_id);
    if (!severity) return;
    Finding f;
    f.kind = g.kind;
    f.finding_class = cls;
    f.severity = *severity;
    f.subject = g.subject;
    f.attribute = g.attribute;
    f.rule_id = rule_id;
    f.message = std::move(message);
    f.explanation = std::move(explanation);
    std::vector<std::string> normalized;
    for (const ValueClass& v : values) {
      FindingValue fv;
      fv.value = FoldedText(*v.first());
      fv.normalized = v.first()->mention.value_text;
      for (const Claim* c : v.claims) fv.mentions.push_back(c->evidence);
      normalized.push_back(fv.normalized);
      f.values.push_back(std::move(fv));
    }
    std::sort(normalized.begin(), normalized.end());
    uint64_t h = Fnv1a(MentionKindName(f.kind));
    h = Fnv1a(f.subject, h);
    h = Fnv1a(f.attribute, h);
    for (const auto& n : normalized) h = Fnv1a(n, Fnv1a("\x1f", h));
    f.id = absl::StrFormat("%016x", h);
    out_->push_back(std::move(f));
  }

  void Titles(const align::ClaimGroup& g) {
    const extract::PeopleEngine& people = rules_.people;
    auto title = [](const Claim* c) -> const TitleValue& {
      return std::get<TitleValue>(c->mention.value);
    };
    // CompareTitles once per pair of distinct titles: the claims of a
    // group mostly repeat a few.
    std::vector<const TitleValue*> distinct;
    auto id_of = [&](const Claim* c) {
      const TitleValue& t = title(c);
      for (size_t k = 0; k < distinct.size(); ++k) {
        if (*distinct[k] == t) return k;
      }
      distinct.push_back(&t);
      return distinct.size() - 1;
    };
    std::map<std::pair<size_t, size_t>, extract::TitleComparison> compared;
    auto compare = [&](const Claim* a, const Claim* b) -> const extract::TitleComparison& {
      const std::pair<size_t, size_t> key{id_of(a), id_of(b)};
      auto it = compared.find(key);
      if (it == compared.end()) {
        it = compared.emplace(key, people.CompareTitles(title(a), title(b))).first;
      }
      return it->second;
    };
    // Classes of titles that name the same office the same way.
    std::vector<ValueClass> classes =
        Classes(g.claims, [&](const Claim& a, const Claim& b) {
          return compare(&a, &b).relation == extract::TitleRelation::kSame;
        });
    if (classes.size() < 2) return;
    // The worst relation between any two classes decides.
    extract::TitleRelation worst = extract::TitleRelation::kSame;
    std::string explanation;
    auto rank = [](extract::TitleRelation r) {
      switch (r) {
        case extract::TitleRelation::kConflict: return 4;
        case extract::TitleRelation::kOutdated: return 3;
        case extract::TitleRelation::kAlias: return 2;
        case extract::TitleRelation::kUnknown: return 1;
        case extract::TitleRelation::kSame: return 0;
      }
      return 0;
    };
    // Two titles that one article gives the person are roles held at once
    // ("Commerce Minister and Textiles Minister Piyush Goyal").
    for (size_t i = 0; i < classes.size(); ++i) {
      for (size_t j = i + 1; j < classes.size(); ++j) {
        const extract::TitleComparison& c = compare(classes[i].first(), classes[j].first());
        if (c.relation == extract::TitleRelation::kConflict && SharesDoc(classes[i], classes[j])) {
          continue;
        }
        if (rank(c.relation) > rank(worst)) {
          worst = c.relation;
          explanation = c.explanation;
        }
      }
    }
    FindingClass cls;
    std::string rule_id;
    switch (worst) {
      case extract::TitleRelation::kConflict:
        cls = FindingClass::kConflict, rule_id = "title-conflict";
        break;
      case extract::TitleRelation::kOutdated:
        cls = FindingClass::kVariant, rule_id = "title-outdated";
        break;
      case extract::TitleRelation::kAlias:
        cls = FindingClass::kVariant, rule_id = "title-alias";
        break;
      default:
        return;  // unknown offices on both sides: nothing to say
    }
    // Against another office, the names of one office are one side
    // ("finance chief" and "chief financial officer" against "chief
    // operating officer").
    if (cls == FindingClass::kConflict) {
      std::vector<ValueClass> merged;
      for (ValueClass& v : classes) {
        auto same_office = [&](const ValueClass& m) {
          const extract::TitleRelation r = compare(m.first(), v.first()).relation;
          return r == extract::TitleRelation::kAlias || r == extract::TitleRelation::kOutdated;
        };
        auto it = std::find_if(merged.begin(), merged.end(), same_office);
        if (it == merged.end()) {
          merged.push_back(std::move(v));
        } else {
          it->claims.insert(it->claims.end(), v.claims.begin(), v.claims.end());
        }
      }
      classes = std::move(merged);
    }
    std::sort(classes.begin(), classes.end(), [](const ValueClass& a, const ValueClass& b) {
      return DocCount(a) > DocCount(b);
    });
    std::vector<std::string> parts;
    for (const ValueClass& v : classes) {
      parts.push_back(absl::StrCat("\"", title(v.first()).surface, "\" in ",
                                   Sources(DocCount(v))));
    }
    std::string message = absl::StrCat(g.subject, " is called ", absl::StrJoin(parts, " and "));
    if (!explanation.empty()) absl::StrAppend(&message, ": ", explanation);
    else if (cls == FindingClass::kConflict) absl::StrAppend(&message, ": different offices");
    else absl::StrAppend(&message, ": the same office under another name");
    Emit(g, cls, rule_id, classes, std::move(message), g.why);
  }

  void Facts(const align::ClaimGroup& g) {
    // Claims of one value (and, for a duration, one bound) are judged
    // alike, and a group is mostly a few values stated many times: the
    // loops below run over distinct values, each pair worked out once,
    // so that an article that repeats a sentence thousands of times costs
    // no more than its distinct values. Claims are numbered by their place
    // in the group, values by their first claim.
    const size_t n = g.claims.size();
    constexpr int8_t kUnjudged = -128;
    std::vector<int> bounds(n, 0);
    if (g.kind == MentionKind::kDuration) {
      for (size_t k = 0; k < n; ++k) bounds[k] = BoundOf(*g.claims[k]);
    }
    std::vector<uint32_t> value_of(n);
    std::vector<uint32_t> first_of;  // each value's first claim
    {
      absl::flat_hash_map<std::string_view, std::vector<uint32_t>> by_text;
      for (uint32_t k = 0; k < n; ++k) {
        const Claim& c = *g.claims[k];
        std::vector<uint32_t>& same_text = by_text[c.mention.value_text];
        auto it = std::find_if(same_text.begin(), same_text.end(), [&](uint32_t v) {
          const uint32_t f = first_of[v];
          return bounds[f] == bounds[k] && g.claims[f]->mention.value == c.mention.value;
        });
        if (it != same_text.end()) {
          value_of[k] = *it;
        } else {
          value_of[k] = static_cast<uint32_t>(first_of.size());
          same_text.push_back(value_of[k]);
          first_of.push_back(k);
        }
      }
    }
    const size_t values = first_of.size();
    auto judge = [&](const Claim& a, int bound_a, const Claim& b, int bound_b) -> int {
      // 0 equal, 1 precision, 2 conflict, -1 unknown
      if (g.kind == MentionKind::kFigure) {
        // Aligned figures are about one thing; compare their values.
        switch (extract::CompareFigureValues(std::get<FigureValue>(a.mention.value),
                                             std::get<FigureValue>(b.mention.value))) {
          case extract::FigureRelation::kEqual: return 0;
          case extract::FigureRelation::kConflict: return 2;
          default: return -1;
        }
      }
      if (g.kind == MentionKind::kDuration) {
        const int bounded = BoundedDurations(a, bound_a, b, bound_b);
        if (bounded >= 0) return bounded;
      }
      extract::TemporalRelation r =
          g.kind == MentionKind::kDate
              ? extract::CompareDates(std::get<DateValue>(a.mention.value),
                                      std::get<DateValue>(b.mention.value))
              : extract::CompareDurations(std::get<DurationValue>(a.mention.value),
                                          std::get<DurationValue>(b.mention.value));
      switch (r) {
        case extract::TemporalRelation::kEqual: return 0;
        case extract::TemporalRelation::kPrecision: return 1;
        case extract::TemporalRelation::kConflict: return 2;
        default: return -1;
      }
    };
    // The relation of two values.
    constexpr size_t kMaxMemo = 2048;  // values; more are judged afresh
    std::vector<int8_t> memo(values <= kMaxMemo ? values * values : 0, kUnjudged);
    auto relation = [&](uint32_t va, uint32_t vb) -> int {
      const uint32_t a = first_of[va], b = first_of[vb];
      if (memo.empty()) return judge(*g.claims[a], bounds[a], *g.claims[b], bounds[b]);
      int8_t& m = memo[va * values + vb];
      if (m == kUnjudged) {
        m = static_cast<int8_t>(judge(*g.claims[a], bounds[a], *g.claims[b], bounds[b]));
      }
      return m;
    };
    // Agreement of values is not transitive: "at least 77" agrees with 77
    // and with 79, which do not agree. A claim joins a class only when it
    // agrees with every claim in it, and any two claims of different
    // classes may make the conflict. A value met again joins the class of
    // its first claim: every claim that class took since agreed with it,
    // and an earlier class that refused it still does.
    struct Members {
      std::vector<uint32_t> claims;
      std::vector<uint32_t> values;  // distinct, in order of first claim
    };
    std::vector<Members> members;
    {
      std::vector<uint32_t> class_of_value(values, UINT32_MAX);
      for (uint32_t c = 0; c < n; ++c) {
        const uint32_t v = value_of[c];
        if (class_of_value[v] == UINT32_MAX) {
          auto agrees = [&](uint32_t x) { return relation(x, v) == 0; };
          auto it = std::find_if(members.begin(), members.end(), [&](const Members& m) {
            return std::all_of(m.values.begin(), m.values.end(), agrees);
          });
          if (it == members.end()) it = members.insert(members.end(), Members());
          it->values.push_back(v);
          class_of_value[v] = static_cast<uint32_t>(it - members.begin());
        }
        members[class_of_value[v]].claims.push_back(c);
      }
    }
    if (members.size() < 2) return;
    // Each class's distinct (document, value) pairs, documents numbered.
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> doc_values(members.size());
    {
      absl::flat_hash_map<std::string_view, uint32_t> numbers;
      for (size_t i = 0; i < members.size(); ++i) {
        for (uint32_t k : members[i].claims) {
          const uint32_t doc = numbers.try_emplace(g.claims[k]->evidence.doc,
                                                   static_cast<uint32_t>(numbers.size()))
                                   .first->second;
          doc_values[i].emplace_back(doc, value_of[k]);
        }
        std::sort(doc_values[i].begin(), doc_values[i].end());
        doc_values[i].erase(std::unique(doc_values[i].begin(), doc_values[i].end()),
                            doc_values[i].end());
      }
    }
    // Two values that one article gives, and that disagree, are two facts
    // the aligner merged ("a crowd of 32,000" and "a population of about
    // 33,000"), or a change the article tells of; either way no source
    // contradicts another. (An article's "dozens" agrees with anything.)
    auto self_contradicted = [&](size_t i, size_t j) {
      for (const auto& [doc_a, a] : doc_values[i]) {
        for (const auto& [doc_b, b] : doc_values[j]) {
          if (doc_a == doc_b && relation(a, b) == 2) return true;
        }
      }
      return false;
    };
    int worst = -1;
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) {
        if (self_contradicted(i, j)) continue;
        for (uint32_t a : members[i].values) {
          for (uint32_t b : members[j].values) worst = std::max(worst, relation(a, b));
        }
      }
    }
    if (worst <= 0) return;
    // How many claims state each value.
    std::vector<size_t> claims_of_value(values, 0);
    for (uint32_t v : value_of) ++claims_of_value[v];
    // Each class is shown by the claim that disagrees with the most claims
    // of the others (77 rather than "at least 77" against 79): the first
    // claim of the value that does.
    std::vector<ValueClass> classes(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      uint32_t best_value = members[i].values.front();
      size_t best_conflicts = 0;
      bool first = true;
      for (uint32_t v : members[i].values) {
        size_t conflicts = 0;
        for (size_t j = 0; j < members.size(); ++j) {
          if (j == i) continue;
          for (uint32_t b : members[j].values) {
            if (relation(v, b) == worst) conflicts += claims_of_value[b];
          }
        }
        if (first || conflicts > best_conflicts) best_value = v, best_conflicts = conflicts;
        first = false;
      }
      // (The counts are sums: no class's order changes another's.)
      const std::vector<uint32_t>& own = members[i].claims;
      const size_t best = static_cast<size_t>(
          std::find(own.begin(), own.end(), first_of[best_value]) - own.begin());
      classes[i].claims.reserve(own.size());
      for (uint32_t k : own) classes[i].claims.push_back(g.claims[k]);
      std::rotate(classes[i].claims.begin(), classes[i].claims.begin() + best,
                  classes[i].claims.begin() + best + 1);
    }
    FindingClass cls = worst == 2 ? FindingClass::kConflict : FindingClass::kPrecision;
    const char* kind = MentionKindName(g.kind);
    std::string rule_id = absl::StrCat(kind, "-", FindingClassName(cls));
    if (g.kind == MentionKind::kDate && cls == FindingClass::kConflict) {
      // The same relative words: at a month or coarser the publication
      // dates straddle a boundary (worth a look); a day or a week apart, a
      // later article may have copied "on Saturday" that is now stale.
      bool coarse = false;
      if (SameRelativeWords(g.claims, &coarse)) rule_id = coarse ? "date-relative" : "date-stale";
    }
    // A figure that a later report revises is an update, not a conflict.
    // Not an age: a person is one age on all the days a story runs, unless
    // a birthday falls between articles a month or more apart that differ
    // by a year.
    if (g.attribute == "age") {
      rule_id = absl::StrCat("age-", FindingClassName(cls));
      if (cls == FindingClass::kConflict && MaybeBirthday(classes)) rule_id = "age-birthday";
    } else if (g.kind == MentionKind::kFigure && cls == FindingClass::kConflict &&
               IsUpdate(classes)) {
      cls = FindingClass::kUpdate;
      rule_id = "figure-update";
    }
    std::vector<std::string> parts;
    for (const ValueClass& v : classes) {
      std::vector<std::string> docs;
      for (const Claim* c : v.claims) {
        if (std::find(docs.begin(), docs.end(), c->evidence.doc) == docs.end()) {
          docs.push_back(c->evidence.doc);
        }
      }
      parts.push_back(absl::StrCat("\"", FoldedText(*v.first()), "\" (",
                                   v.first()->mention.value_text, ") in ",
                                   absl::StrJoin(docs, ", ")));
    }
    std::string what = cls == FindingClass::kPrecision
                           ? "given at different precision"
                           : cls == FindingClass::kUpdate ? "revised" : "differs";
    std::string message =
        absl::StrCat("the ", g.attribute == "age" ? "age" : kind, " of \"",
                     g.subject, "\" ", what, ": ", absl::StrJoin(parts, " vs "));
    if (rule_id == "date-relative") {
      absl::StrAppend(&message, " (the same words, read against each article's publication date)");
    } else if (rule_id == "date-stale") {
      absl::StrAppend(&message,
                      " (the same words in articles published on different days: is one stale?)");
    }
    Emit(g, cls, rule_id, classes, std::move(message), g.why);
  }

  // -1 = lower bound, 1 = upper bound, 0 = a length, from the words that
  // open the mention or stand right before it ("more than a week").
  int BoundOf(const Claim& c) const {
    // Lowercase copies in buffers kept for the next claim.
    thread_local std::string text_buffer, sentence_buffer;
    auto lower = [](std::string_view from, std::string* to) -> std::string_view {
      to->resize(from.size());
      for (size_t i = 0; i < from.size(); ++i) (*to)[i] = AsciiLower(from[i]);
      return *to;
    };
    const std::string_view text = lower(c.evidence.text, &text_buffer);
    const std::string_view sentence = lower(c.evidence.sentence, &sentence_buffer);
    std::string_view before;
    if (const size_t at = sentence.find(text); at != std::string_view::npos) {
      before = sentence.substr(at >= 16 ? at - 16 : 0, at >= 16 ? 16 : at);
    }
    // Whether the mention starts with one of `words` and a space, or the
    // words before it end with one and a space (no strings built).
    auto has = [&](const std::vector<std::string>& words) {
      for (const std::string& w : words) {
        if (text.size() > w.size() && text[w.size()] == ' ' &&
            text.compare(0, w.size(), w) == 0) {
          return true;
        }
        if (before.size() > w.size() && before.back() == ' ' &&
            before.compare(before.size() - 1 - w.size(), w.size(), w) == 0) {
          return true;
        }
      }
      return false;
    };
    if (has(rules_.align.lower_bound_words)) return -1;
    if (has(rules_.align.upper_bound_words)) return 1;
    return 0;
  }

  // Two durations of which one or both are bounds: 0 (equal) when they
  // can be one length, 2 (conflict) when not; -1 when neither is a bound.
  // (ba and bb: BoundOf(a) and BoundOf(b).)
  int BoundedDurations(const Claim& a, int ba, const Claim& b, int bb) const {
    if (ba == 0 && bb == 0) return -1;
    if (ba != 0 && bb != 0) {
      const auto& da = std::get<DurationValue>(a.mention.value);
      const auto& db = std::get<DurationValue>(b.mention.value);
      if (ba != bb) {
        // A minimum and a maximum agree when some length lies between them
        // ("more than a week", "within two weeks").
        const double low = (ba < 0 ? da : db).Days(), high = (ba < 0 ? db : da).Days();
        return low < high * 1.001 ? 0 : 2;
      }
      // Two bounds the same way in one unit state one length: "within two
      // weeks" and "within three weeks" disagree, as two minimums of a
      // figure do; in two units ("more than a week", "over ten days") they
      // only differ in how round they are.
      if (da.unit != db.unit) return 0;
      return std::fabs(da.amount - db.amount) <= 1e-9 * std::max(1.0, da.amount) ? 0 : 2;
    }
    const Claim& bound = ba != 0 ? a : b;
    const Claim& length = ba != 0 ? b : a;
    const double x = std::get<DurationValue>(bound.mention.value).Days();
    const double y = std::get<DurationValue>(length.mention.value).Days();
    const bool inside = (ba != 0 ? ba : bb) < 0 ? y > x * 0.999 : y < x * 1.001;
    return inside ? 0 : 2;
  }

  // A figure revised by a later report: the value published last comes
  // from articles all published after every other value's, and its sentence
  // says that the figure changed ("rose to 51", "in its latest report").
  // Two ages a year apart in articles published a month or more apart.
  static bool MaybeBirthday(const std::vector<ValueClass>& classes) {
    if (classes.size() != 2) return false;
    auto age = [](const ValueClass& v) {
      return std::get<FigureValue>(v.first()->mention.value).low;
    };
    if (std::abs(age(classes[0]) - age(classes[1])) != 1) return false;
    auto days = [](const ValueClass& v) {
      std::optional<date::sys_days> first, last;
      for (const Claim* c : v.claims) {
        if (!c->published) continue;
        if (!first || *c->published < *first) first = c->published;
        if (!last || *c->published > *last) last = c->published;
      }
      return std::pair{first, last};
    };
    const auto [a_first, a_last] = days(classes[0]);
    const auto [b_first, b_last] = days(classes[1]);
    if (!a_first || !b_first) return false;
    // The younger age stated before the older one, a month or more earlier.
    const bool a_younger = age(classes[0]) < age(classes[1]);
    const date::sys_days young_last = a_younger ? *a_last : *b_last;
    const date::sys_days old_first = a_younger ? *b_first : *a_first;
    return old_first - young_last >= date::days(30);
  }

  bool IsUpdate(const std::vector<ValueClass>& classes) const {
    auto first_day = [](const ValueClass& v) {
      std::optional<date::sys_days> d;
      for (const Claim* c : v.claims) {
        if (!c->published) return std::optional<date::sys_days>();
        if (!d || *c->published < *d) d = c->published;
      }
      return d;
    };
    auto last_day = [](const ValueClass& v) {
      std::optional<date::sys_days> d;
      for (const Claim* c : v.claims) {
        if (!c->published) return std::optional<date::sys_days>();
        if (!d || *c->published > *d) d = c->published;
      }
      return d;
    };
    const ValueClass* latest = nullptr;
    for (const ValueClass& v : classes) {
      const auto d = first_day(v);
      if (!d) return false;
      if (latest == nullptr || *d > *first_day(*latest)) latest = &v;
    }
    for (const ValueClass& v : classes) {
      if (&v == latest) continue;
      if (*last_day(v) >= *first_day(*latest)) return false;
    }
    for (const Claim* c : latest->claims) {
      for (const extract::Token& t : extract::Tokenize(
               c->evidence.sentence, {0, static_cast<uint32_t>(c->evidence.sentence.size())})) {
        if (t.word && rules_.align.update_cues.contains(AsciiLowerCopy(t.text))) return true;
      }
    }
    return false;
  }

  void Quotes(const align::ClaimGroup& g) {
    auto text = [](const Claim* c) -> const std::string& {
      return std::get<QuoteValue>(c->mention.value).text;
    };
    // Each quote's words, split once (when first needed) however many
    // quotes it is compared with.
    absl::flat_hash_map<const Claim*, std::vector<std::string>> words;
    auto words_of = [&](const Claim* c) -> const std::vector<std::string>& {
      auto [it, inserted] = words.try_emplace(c);
      if (inserted) it->second = Words(text(c));
      return it->second;
    };
    auto compare = [&](const Claim* a, const Claim* b, std::vector<std::string>* only_a,
                       std::vector<std::string>* only_b) {
      if (text(a) == text(b)) return QuoteRelation::kSame;
      // (Two lookups in a row: the first may move the second's entry.)
      words_of(a);
      const std::vector<std::string>& wb = words_of(b);
      return CompareQuotes(text(a), words.find(a)->second, text(b), wb, only_a, only_b);
    };
    // Classes of quotes that are the same words (or one a faithful part of
    // the other).
    std::vector<ValueClass> classes =
        Classes(g.claims, [&](const Claim& a, const Claim& b) {
          std::vector<std::string> x, y;
          const QuoteRelation r = compare(&a, &b, &x, &y);
          return r == QuoteRelation::kSame || r == QuoteRelation::kPartial;
        });
    if (classes.size() < 2) return;
    bool conflict = false;
    std::vector<std::string> only_a, only_b;
    for (size_t i = 0; i < classes.size(); ++i) {
      for (size_t j = i + 1; j < classes.size(); ++j) {
        std::vector<std::string> x, y;
        if (compare(classes[i].first(), classes[j].first(), &x, &y) ==
            QuoteRelation::kDifferent) {
          if (!conflict) only_a = x, only_b = y;
          conflict = true;
        }
      }
    }
    std::vector<std::string> quoted;
    for (const ValueClass& v : classes) {
      quoted.push_back(absl::StrCat("\"", text(v.first()), "\" (",
                                    v.first()->evidence.doc, ")"));
    }
    // Only function words differ ("before winter", "before the winter"):
    // worth a note, not a warning; unless one of them changes what is said
    // ("the only honest diary", "the most honest diary").
    auto function_word = [&](const std::string& w) {
      return rules_.stopwords.Contains(w) && !rules_.quotes.meaning_words.contains(w);
    };
    const bool minor = conflict && std::all_of(only_a.begin(), only_a.end(), function_word) &&
                       std::all_of(only_b.begin(), only_b.end(), function_word);
    if (minor) {
      std::string message = absl::StrCat(
          g.subject, " is quoted with small differences: ", absl::StrJoin(quoted, " vs "),
          "; differing words: ", Listed(only_a), " / ", Listed(only_b));
      Emit(g, FindingClass::kVariant, "quote-minor", classes, std::move(message), g.why);
    } else if (conflict) {
      std::string message = absl::StrCat(
          g.subject, " is quoted differently: ", absl::StrJoin(quoted, " vs "),
          "; differing words: ", Listed(only_a), " / ", Listed(only_b));
      Emit(g, FindingClass::kConflict, "quote-conflict", classes, std::move(message), g.why);
    } else {
      std::string message = absl::StrCat(g.subject,
                                         " is quoted with spelling differences only: ",
                                         absl::StrJoin(quoted, " vs "));
      Emit(g, FindingClass::kVariant, "quote-spelling", classes, std::move(message), g.why);
    }
  }

  void Names(const align::ClaimGroup& g) {
    auto name = [](const Claim* c) -> const NameValue& {
      return std::get<NameValue>(c->mention.value);
    };
    // Mentions resolve to full names (subject); compare those.
    auto key = [](const Claim* c) { return extract::NameKey(c->mention.subject); };
    std::vector<ValueClass> classes = Classes(
        g.claims, [&](const Claim& a, const Claim& b) { return key(&a) == key(&b); });
    if (classes.size() < 2) return;
    bool spelling = false;
    for (size_t i = 0; i < classes.size(); ++i) {
      for (size_t j = i + 1; j < classes.size(); ++j) {
        NameValue a = name(classes[i].first()), b = name(classes[j].first());
        a.full = classes[i].first()->mention.subject, a.key = key(classes[i].first());
        b.full = classes[j].first()->mention.subject, b.key = key(classes[j].first());
        if (extract::CompareNames(a, b) == extract::NameRelation::kSpelling) spelling = true;
      }
    }
    if (!spelling) return;
    std::vector<std::string> parts;
    for (const ValueClass& v : classes) {
      parts.push_back(absl::StrCat("\"", v.first()->mention.subject, "\" in ",
                                   Sources(DocCount(v))));
    }
    std::string message =
        absl::StrCat("the name is spelled differently: ", absl::StrJoin(parts, " and "));
    Emit(g, FindingClass::kVariant, "name-spelling", classes, std::move(message), g.why);
  }

  const RuleSet& rules_;
  std::vector<Finding>* out_;
};

}  // namespace

std::optional<Severity> Policy::Lookup(MentionKind kind, FindingClass c,
                                       const std::string& rule_id) const {
  if (disabled.contains(rule_id)) return std::nullopt;
  if (auto it = by_rule.find(rule_id); it != by_rule.end()) return it->second;
  auto it = severity.find({kind, c});
  if (it == severity.end()) return std::nullopt;
  return it->second;
}

void CompilePolicy(const std::vector<rules::RuleFile>& files,
                   rules::Diagnostics* diag, Policy* out) {
  for (const rules::RuleFile& file : files) {
    if (const rules::RuleNode* checks = file.root.Find("check")) {
      if (checks->type() != rules::RuleNode::Type::kArray) {
        diag->Error(checks->pos(), absl::StrCat("'check': expected an array of tables, saw ",
                                                AsAbsl(checks->TypeName())));
      } else {
        for (const rules::RuleNode& entry : checks->items()) {
          if (entry.type() != rules::RuleNode::Type::kTable) {
            diag->Error(entry.pos(), absl::StrCat("'check': expected a table, saw ",
                                                  AsAbsl(entry.TypeName())));
            continue;
          }
          rules::TableReader r(entry, "check", diag);
          std::string id, summary;
          r.String("id", &id, true);
          r.String("summary", &summary, true);
          r.Finish();
          if (!id.empty()) out->checks[id] = summary;
        }
      }
    }
    const rules::RuleNode* node = file.root.Find("severity");
    if (node == nullptr) continue;
    if (node->type() != rules::RuleNode::Type::kArray) {
      diag->Error(node->pos(), absl::StrCat("'severity': expected an array of tables, saw ",
                                            AsAbsl(node->TypeName())));
      continue;
    }
    for (const rules::RuleNode& entry : node->items()) {
      if (entry.type() != rules::RuleNode::Type::kTable) {
        diag->Error(entry.pos(), absl::StrCat("'severity': expected a table, saw ",
                                              AsAbsl(entry.TypeName())));
        continue;
      }
      rules::TableReader r(entry, "severity", diag);
      std::string kind, cls, level, rule;
      const bool has_kind = r.String("kind", &kind);
      const bool has_class = r.String("class", &cls);
      const bool has_rule = r.String("rule", &rule);
      r.String("level", &level, true);
      r.Finish();
      const std::optional<Severity> sev = ParseSeverity(level);
      if (!sev) {
        if (entry.Find("level") != nullptr) {
          diag->Error(entry.Find("level")->pos(),
                      absl::StrCat("'level': expected error, warning or info, saw '", level, "'"),
                      "severity");
        }
        continue;
      }
      if (has_rule) {
        if (has_kind || has_class) {
          diag->Error(entry.pos(), "give either 'rule' or 'kind' and 'class', not both",
                      rule);
          continue;
        }
        out->by_rule[rule] = *sev;
        continue;
      }
      const std::optional<MentionKind> k = ParseMentionKind(kind);
      const std::optional<FindingClass> c = ParseFindingClass(cls);
      if (!has_kind || !k) {
        diag->Error(has_kind ? entry.Find("kind")->pos() : entry.pos(),
                    absl::StrCat("'kind': expected title, date, figure, duration, quote or "
                                 "name, saw '", kind, "'"),
                    "severity");
        continue;
      }
      if (!has_class || !c) {
        diag->Error(has_class ? entry.Find("class")->pos() : entry.pos(),
                    absl::StrCat("'class': expected conflict, variant, precision or update, "
                                 "saw '", cls, "'"),
                    "severity");
        continue;
      }
      out->severity[{*k, *c}] = *sev;
    }
  }
}

std::vector<Finding> CompareGroups(const std::vector<align::ClaimGroup>& groups,
                                   const RuleSet& rules) {
  std::vector<Finding> out;
  Judge judge(rules, &out);
  for (const align::ClaimGroup& g : groups) judge.Group(g);
  return out;
}

}  // namespace concord::compare
