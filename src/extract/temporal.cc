// The temporal engine: rule compilation, the anchor pre-scan, matching,
// first-pass normalisation and comparison. Resolution is in
// temporal_resolve.cc.
#include "extract/temporal.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <atomic>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/strings.h"
#include "base/text.h"
#include "extract/temporal_rules.h"

namespace concord::extract {
namespace {

using rules::Diagnostics;
using rules::RuleNode;
using rules::SourcePos;
using rules::TableReader;

constexpr int kMaxGroups = 24;
// Bytes around an anchor token that a rule may span.
constexpr uint32_t kWindow = 40;

// ASCII letters and digits for the pre-scan: 1 letter, 2 digit, 0 other.
// (A letter's lower case is c | 0x20.)
constexpr unsigned kDigitClass = 2;
constexpr auto kCharClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = 1;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = 1;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigitClass;
  return t;
}();
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::optional<MentionKind> ParseKind(std::string_view s) {
  if (s == "date") return MentionKind::kDate;
  if (s == "time") return MentionKind::kTime;
  if (s == "duration") return MentionKind::kDuration;
  if (s == "set") return MentionKind::kSet;
  return std::nullopt;
}

// `re` for the pre-scan's sets: its named groups made non-capturing (a set
// reports which patterns match, never their groups, and its DFA builds its
// states faster without them), and a superset of it where that spares the
// DFA states (below). The set only picks the rules to run; each rule's own
// pattern decides, and it can only match where `re` does. Escapes, \Q...\E
// and other classes are copied as they are.
std::string SetPattern(std::string_view re) {
  std::string out;
  out.reserve(re.size());
  bool in_class = false;
  for (size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      if (re[i + 1] == 'Q') {  // literal text up to \E
        const size_t e = re.find("\\E", i + 2);
        const size_t stop = e == std::string_view::npos ? re.size() : e + 2;
        out.append(re.substr(i, stop - i));
        i = stop - 1;
        continue;
      }
      out += c;
      out += re[++i];
      // The digits of "\x{41}", "\x41" and "\123" stay as they are (so
      // do any letters and digits right after an escape: copying is always
      // safe).
      if (i + 1 < re.size() && re[i + 1] == '{') {
        while (i + 1 < re.size() && re[i] != '}') out += re[++i];
      }
      while (i + 1 < re.size() && IsAsciiAlnum(re[i + 1])) out += re[++i];
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < re.size() && re[i + 1] == ':') {  // [:alpha:]
        const size_t e = re.find(":]", i + 2);
        if (e != std::string_view::npos) {
          out.append(re.substr(i, e + 2 - i));
          i = e + 1;
          continue;
        }
      }
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    // Any digit for a digit, and for a class of digits only ("[12]",
    // "[1-9]"): a superset again, and with no pattern telling digits apart
    // they are one byte class, which spares the DFA the many states that
    // tell "19" from "20" or "31" from "32".
    if (c == '[') {
      size_t k = i + 1;
      while (k < re.size() && (IsAsciiDigit(re[k]) || (re[k] == '-' && k > i + 1))) ++k;
      if (k > i + 1 && k < re.size() && re[k] == ']' && re[k - 1] != '-') {
        out += "[0-9]";
        i = k;
        continue;
      }
    }
    if (IsAsciiDigit(c)) {
      out += "[0-9]";
      continue;
    }
    if (c == '{') {  // a repetition "{2}", "{1,3}" is copied as it is
      size_t k = i + 1;
      while (k < re.size() && (IsAsciiDigit(re[k]) || re[k] == ',')) ++k;
      if (k < re.size() && re[k] == '}') {
        out.append(re.substr(i, k + 1 - i));
        i = k;
        continue;
      }
    }
    if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < re.size() && re[i + 1] == '^') out += re[++i];
      if (i + 1 < re.size() && re[i + 1] == ']') out += re[++i];  // a literal ']'
      continue;
    }
    // A case-sensitive part ("(?-i:May)") is matched without case: the set
    // only picks the rules to run (each rule's own pattern decides), and
    // with no pattern telling 'M' from 'm' RE2 gives both one byte class,
    // so that the set's DFA meets fewer new transitions (11% fewer
    // instructions in RE2::Set::Match).
    if (re.substr(i, 5) == "(?-i:") {
      out += "(?:";
      i += 4;
      continue;
    }
    if (re.substr(i, 4) == "(?P<") {
      const size_t close = re.find('>', i + 4);
      if (close != std::string_view::npos) {
        out += "(?:";
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::optional<Granularity> ParseGranularity(std::string_view s) {
  static const std::pair<const char*, Granularity> kNames[] = {
      {"day", Granularity::kDay},       {"week", Granularity::kWeek},
      {"month", Granularity::kMonth},   {"season", Granularity::kSeason},
      {"quarter", Granularity::kQuarter}, {"half", Granularity::kHalf},
      {"year", Granularity::kYear},     {"decade", Granularity::kDecade},
      {"century", Granularity::kCentury}};
  for (const auto& [name, g] : kNames) {
    if (s == name) return g;
  }
  return std::nullopt;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(AsciiLowerCopy(s.substr(i, j - i)));
    i = j;
  }
  return out;
}

std::string JoinAlternation(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out.push_back('|');
    out += n;
  }
  return out;
}

template <typename Map>
std::vector<std::string> Keys(const Map& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m) out.push_back(k);
  return out;
}

void ReadExamples(TableReader* reader, TemporalRule* rule) {
  Diagnostics* diag = reader->diag();
  if (const RuleNode* ex = reader->Typed("examples", RuleNode::Type::kArray)) {
    for (const RuleNode& item : ex->items()) {
      if (item.type() != RuleNode::Type::kTable) {
        diag->Error(item.pos(), absl::StrCat("'examples': expected a table, saw ",
                                             AsAbsl(item.TypeName())),
                    rule->id);
        continue;
      }
      TableReader r(item, rule->id, diag);
      TemporalExample e;
      e.pos = item.pos();
      r.String("text", &e.text, true);
      r.String("match", &e.match);
      r.String("timex", &e.timex, true);
      date::year_month_day ymd{};
      if (r.Date("published", &ymd)) e.published = date::sys_days(ymd);
      r.Finish();
      rule->examples.push_back(std::move(e));
    }
  }
  if (const RuleNode* ce = reader->Typed("counter_examples", RuleNode::Type::kArray)) {
    for (const RuleNode& item : ce->items()) {
      if (item.type() != RuleNode::Type::kString) {
        diag->Error(item.pos(), absl::StrCat("'counter_examples': expected a string, saw ",
                                             AsAbsl(item.TypeName())),
                    rule->id);
        continue;
      }
      rule->counter_examples.emplace_back(item.pos(), item.str());
    }
  }
}

void ReadGroups(TemporalRule* rule) {
  const auto& names = rule->re->NamedCapturingGroups();
  auto get = [&](const char* n) {
    auto it = names.find(n);
    return it == names.end() ? 0 : it->second;
  };
  rule->g_expr = get("expr");
  rule->g_year = get("year");
  rule->g_month = get("month");
  rule->g_day = get("day");
  rule->g_weekday = get("weekday");
  rule->g_number = get("number");
  rule->g_unit = get("unit");
  rule->g_quarter = get("quarter");
  rule->g_half = get("half");
  rule->g_season = get("season");
  rule->g_decade = get("decade");
  rule->g_century = get("century");
  rule->g_modifier = get("modifier");
  rule->g_relation = get("relation");
  rule->g_yrel = get("yrel");
  rule->g_direction = get("direction");
  rule->g_a = get("a");
  rule->g_b = get("b");
  rule->g_b2 = get("b2");  // a second spelling of b
  rule->g_part = get("part");
  rule->g_zone = get("zone");
  rule->g_fiscal = get("fiscal");
  rule->g_approx = get("approx");
  rule->g_andhalf = get("andhalf");
  rule->g_weekfrom = get("weekfrom");
  rule->g_pairs = get("pairs");
  rule->ngroups = rule->re->NumberOfCapturingGroups() + 1;
  for (const auto& [name, index] : names) {
    if (name.size() < 2 || name.back() != '2') continue;
    auto base = names.find(name.substr(0, name.size() - 1));
    if (base != names.end()) rule->aliases.push_back({base->second, index});
  }
}

// ------------------------------------------------------------ first pass

std::string_view Group(const re2::StringPiece* g, int i) {
  if (i == 0 || g[i].data() == nullptr) return {};
  return std::string_view(g[i].data(), g[i].size());
}

std::optional<int> ParseInt(std::string_view s) {
  int v = 0;
  bool any = false;
  for (char c : s) {
    if (!IsAsciiDigit(c)) break;
    v = v * 10 + (c - '0');
    any = true;
    if (v > 100000) return std::nullopt;
  }
  if (!any) return std::nullopt;
  return v;
}

int ParseYear(std::string_view s) {
  while (!s.empty() && !IsAsciiDigit(s.front())) s.remove_prefix(1);
  size_t n = 0;
  while (n < s.size() && IsAsciiDigit(s[n])) ++n;
  auto v = ParseInt(s);
  if (!v) return 0;
  if (n == 2) return *v < 50 ? 2000 + *v : 1900 + *v;
  return *v;
}

// -1 last, 0 this, 1 next; 2 unknown. Sets *approx for "earlier this".
int ParseRelation(std::string_view s, bool* approx) {
  // The words of `s` (split at spaces, as SplitWords does) lower-cased, each
  // given to `f` until it returns a relation (not 3).
  auto each_word = [s](auto f) {
    for (size_t i = 0; i < s.size();) {
      while (i < s.size() && s[i] == ' ') ++i;
      size_t j = i;
      while (j < s.size() && s[j] != ' ') ++j;
      if (j > i) {
        const AsciiLowerWord lower(s.substr(i, j - i));
        if (const int r = f(lower.view()); r != 3) return r;
      }
      i = j;
    }
    return 3;
  };
  // "this past weekend", "this coming week": the direction word decides.
  int r = each_word([](std::string_view w) {
    if (w == "last" || w == "past" || w == "previous" || w == "preceding") return -1;
    if (w == "next" || w == "coming" || w == "following" || w == "upcoming") return 1;
    return 3;
  });
  if (r != 3) return r;
  r = each_word([approx](std::string_view w) {
    if (w == "earlier" || w == "later") {
      if (approx) *approx = true;
      return 3;
    }
    if (w == "this" || w == "current" || w == "present" || w == "today" || w == "tonight") {
      return 0;
    }
    if (w == "yesterday") return -1;
    if (w == "tomorrow") return 1;
    return 3;
  });
  return r != 3 ? r : 2;
}

int ParseModifier(std::string_view s) {
  std::string w = AsciiLowerCopy(s);
  if (w.rfind("the ", 0) == 0) w.erase(0, 4);
  if (w.rfind("at the ", 0) == 0) w.erase(0, 7);
  if (w.rfind("early", 0) == 0 || w.rfind("begin", 0) == 0 || w.rfind("start", 0) == 0)
    return -1;
  if (w.rfind("mid", 0) == 0) return 1;
  if (w.rfind("late", 0) == 0 || w.rfind("end", 0) == 0) return 2;
  return 0;
}

int ParseOrdinal(std::string_view s, const rules::Lexicon& lex) {
  if (!s.empty() && IsAsciiDigit(s[0])) return ParseInt(s).value_or(0);
  int total = 0;
  for (const std::string& w : SplitWords(std::string(s))) {
    size_t i = 0;
    while (i < w.size()) {
      size_t j = w.find('-', i);
      if (j == std::string::npos) j = w.size();
      const std::string part = w.substr(i, j - i);
      if (auto it = lex.ordinals.find(part); it != lex.ordinals.end()) total += it->second;
      else if (auto t = lex.tens.find(part); t != lex.tens.end()) total += static_cast<int>(t->second);
      else if (auto u = lex.units.find(part); u != lex.units.end()) total += static_cast<int>(u->second);
      i = j + 1;
    }
  }
  return total;
}

int ParseSeason(std::string_view s) {
  const std::string w = AsciiLowerCopy(s);
  if (w.rfind("spring", 0) == 0) return 1;
  if (w.rfind("summer", 0) == 0) return 2;
  if (w.rfind("autumn", 0) == 0 || w.rfind("fall", 0) == 0) return 3;
  if (w.rfind("winter", 0) == 0) return 4;
  return 0;
}

std::string FormatAmount(double v) {
  if (v == std::floor(v)) return absl::StrCat(static_cast<long long>(v));
  std::string s = absl::StrFormat("%.3f", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

struct Candidate {
  Span full;  // the whole match
  Span expr;  // the mention (group `expr`, else the whole match)
  uint32_t rule = 0;
  // Offset of the match's groups in the sentence's pool, if known yet.
  static constexpr uint32_t kNoGroups = ~uint32_t{0};
  uint32_t groups = kNoGroups;
};

}  // namespace

std::optional<Normalizer> ParseNormalizer(std::string_view name) {
  static const std::pair<const char*, Normalizer> kNames[] = {
      {"date", Normalizer::kDate},         {"numeric", Normalizer::kNumeric},
      {"period", Normalizer::kPeriod},     {"relative", Normalizer::kRelative},
      {"offset", Normalizer::kOffset},     {"duration", Normalizer::kDuration},
      {"present", Normalizer::kPresent},   {"time", Normalizer::kTime},
      {"set", Normalizer::kSet}};
  for (const auto& [n, v] : kNames) {
    if (name == n) return v;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- anchors

namespace {

TemporalRules::AnchorKey PackAnchor(const char* padded) {
  TemporalRules::AnchorKey k;
  memcpy(&k.lo, padded, 8);
  memcpy(&k.hi, padded + 8, 8);
  return k;
}

size_t AnchorSlot(const TemporalRules::AnchorKey& k, size_t mask) {
  uint64_t h = k.lo * 0x9E3779B97F4A7C15ull ^ k.hi * 0xC2B2AE3D27D4EB4Full;
  h ^= h >> 29;
  return static_cast<size_t>(h) & mask;
}

}  // namespace

void TemporalRules::AddAnchor(std::string_view lower_word) {
  if (lower_word.empty() || lower_word.size() > kMaxAnchor) return;
  anchor_lengths[AnchorLengthSlot(lower_word[0], lower_word[1 % lower_word.size()],
                                 lower_word.size())] |= uint32_t{1} << lower_word.size();
  char padded[kMaxAnchor] = {};
  memcpy(padded, lower_word.data(), lower_word.size());
  const AnchorKey key = PackAnchor(padded);
  // Keep the table at most a quarter full.
  if (anchor_table.size() < 4 * (anchor_count + 1)) {
    std::vector<AnchorKey> old = std::move(anchor_table);
    anchor_table.assign(std::max<size_t>(256, 2 * old.size()), AnchorKey{});
    anchor_count = 0;
    for (const AnchorKey& k : old) {
      if (k.lo == 0) continue;
      size_t i = AnchorSlot(k, anchor_table.size() - 1);
      while (anchor_table[i].lo != 0) i = (i + 1) & (anchor_table.size() - 1);
      anchor_table[i] = k;
      ++anchor_count;
    }
  }
  const size_t mask = anchor_table.size() - 1;
  size_t i = AnchorSlot(key, mask);
  while (anchor_table[i].lo != 0) {
    if (anchor_table[i].lo == key.lo && anchor_table[i].hi == key.hi) return;
    i = (i + 1) & mask;
  }
  anchor_table[i] = key;
  ++anchor_count;
}

bool TemporalRules::IsAnchor(const char* padded) const { return IsAnchor(PackAnchor(padded)); }

bool TemporalRules::IsAnchor(const AnchorKey& key) const {
  if (anchor_table.empty()) return false;
  const size_t mask = anchor_table.size() - 1;
  for (size_t i = AnchorSlot(key, mask);; i = (i + 1) & mask) {
    const AnchorKey& k = anchor_table[i];
    if (k.lo == 0) return false;
    if (k.lo == key.lo && k.hi == key.hi) return true;
  }
}

// ---------------------------------------------------------------- engine

TemporalEngine::TemporalEngine() : rules_(std::make_unique<TemporalRules>()) {}
TemporalEngine::~TemporalEngine() = default;
TemporalEngine::TemporalEngine(TemporalEngine&&) noexcept = default;
TemporalEngine& TemporalEngine::operator=(TemporalEngine&&) noexcept = default;

void TemporalEngine::Compile(const std::vector<rules::RuleFile>& files,
                             const rules::Lexicon& lexicon, Diagnostics* diag) {
  lexicon_ = &lexicon;
  rules_ = std::make_unique<TemporalRules>();
  TemporalRules& tr = *rules_;
  static std::atomic<uint64_t> next_generation{1};
  tr.generation = next_generation.fetch_add(1);
  tr.lexicon = &lexicon;

  // Fragments built from the lexicon, then the rule files' own.
  std::vector<std::string> case_sensitive;
  std::vector<std::pair<std::string, std::string>> fragments;
  struct PendingRule {
    const RuleNode* node;
  };
  std::vector<const RuleNode*> rule_nodes;
  std::vector<std::pair<std::string, std::pair<std::string, SourcePos>>> file_fragments;

  for (const rules::RuleFile& file : files) {
    const RuleNode* section = file.root.Find("temporal");
    if (section == nullptr) continue;
    if (section->type() != RuleNode::Type::kTable) {
      diag->Error(section->pos(), absl::StrCat("'temporal': expected a table, saw ",
                                               AsAbsl(section->TypeName())));
      continue;
    }
    TableReader reader(*section, "temporal", diag);
    reader.StringList("case_sensitive_names", &case_sensitive);
    std::vector<std::string> anchors;
    reader.StringList("anchors", &anchors);
    for (const std::string& a : anchors) tr.AddAnchor(AsciiLowerCopy(a));
    if (const RuleNode* frag = reader.Typed("fragments", RuleNode::Type::kTable)) {
      for (const auto& [name, value] : frag->entries()) {
        if (value.type() != RuleNode::Type::kString) {
          diag->Error(value.pos(), absl::StrCat("'", name, "': expected a string, saw ",
                                                AsAbsl(value.TypeName())),
                      "temporal.fragments");
          continue;
        }
        file_fragments.push_back({name, {value.str(), value.pos()}});
      }
    }
    if (const RuleNode* units = reader.Typed("units", RuleNode::Type::kTable)) {
      for (const auto& [name, value] : units->entries()) {
        TableReader ur(value, "temporal.units", diag);
        if (value.type() != RuleNode::Type::kTable) {
          diag->Error(value.pos(), absl::StrCat("'", name, "': expected a table, saw ",
                                                AsAbsl(value.TypeName())),
                      "temporal.units");
          continue;
        }
        std::string gran;
        std::vector<std::string> words;
        double factor = 1;
        bool hours = false, weekend = false;
        ur.String("granularity", &gran, true);
        ur.StringList("words", &words, true);
        ur.Number("factor", &factor);
        ur.Bool("hours", &hours);
        ur.Bool("weekend", &weekend);
        ur.Finish();
        // Multiplies counts into whole days: nan, inf or a huge factor
        // would not fit (an undefined conversion, durations like P-9e18D).
        if (!(factor > 0 && factor <= 1000)) {
          diag->Error(value.Find("factor")->pos(),
                      absl::StrCat("'factor': expected a number above 0 and up to 1000, saw ",
                                   factor),
                      "temporal.units");
          continue;
        }
        auto g = ParseGranularity(gran);
        if (!g) {
          if (!gran.empty()) {
            diag->Error(value.Find("granularity")->pos(),
                        absl::StrCat("unknown granularity '", gran, "'"),
                        "temporal.units");
          }
          continue;
        }
        for (const std::string& w : words) {
          tr.units[AsciiLowerCopy(w)] = TemporalRules::Unit{*g, factor, hours, weekend};
          tr.AddAnchor(AsciiLowerCopy(w));
        }
      }
    }
    if (const RuleNode* tense = reader.Typed("tense", RuleNode::Type::kTable)) {
      TableReader t(*tense, "temporal.tense", diag);
      std::vector<std::string> future, past, not_past, adjective_after, forward_verbs,
          forward_preps, same_as_base, base_after;
      t.StringList("future", &future);
      t.StringList("past", &past);
      t.StringList("not_past", &not_past);
      t.StringList("past_same_as_base", &same_as_base);
      t.StringList("base_after", &base_after);
      std::vector<std::string> noun_after, insert_openers;
      t.StringList("noun_after", &noun_after);
      t.StringList("insert_openers", &insert_openers);
      for (const std::string& w : noun_after) tr.noun_after.insert(AsciiLowerCopy(w));
      for (const std::string& w : insert_openers) tr.insert_openers.insert(AsciiLowerCopy(w));
      for (const std::string& w : same_as_base) tr.past_same_as_base.insert(AsciiLowerCopy(w));
      for (const std::string& w : base_after) tr.base_after.insert(AsciiLowerCopy(w));
      t.StringList("adjective_after", &adjective_after);
      for (auto [key, set] : {std::pair{"participle_after", &tr.participle_after},
                              std::pair{"participle_after_base", &tr.participle_after_base},
                              std::pair{"relative_words", &tr.relative_words}}) {
        std::vector<std::string> words;
        t.StringList(key, &words);
        for (const std::string& w : words) set->insert(AsciiLowerCopy(w));
      }
      t.StringList("forward_verbs", &forward_verbs);
      t.StringList("forward_preps", &forward_preps);
      t.Finish();
      for (const std::string& w : forward_verbs) tr.forward_verbs.insert(AsciiLowerCopy(w));
      for (const std::string& w : forward_preps) tr.forward_preps.insert(AsciiLowerCopy(w));
      for (const std::string& w : adjective_after) {
        tr.adjective_after.insert(AsciiLowerCopy(w));
      }
      for (const std::string& f : future) {
        auto words = SplitWords(f);
        if (words.size() == 1) tr.future_cues.insert(words[0]);
        else if (!words.empty()) {
          tr.phrase_first_words.insert(words[0]);
          tr.future_phrases.push_back(words);
        }
      }
      for (const std::string& f : past) {
        auto words = SplitWords(f);
        if (words.size() == 1) tr.past_cues.insert(words[0]);
        else if (!words.empty()) {
          tr.phrase_first_words.insert(words[0]);
          tr.past_phrases.push_back(words);
        }
      }
      for (const std::string& w : not_past) tr.not_past.insert(AsciiLowerCopy(w));
    }
    if (const RuleNode* rules = reader.Typed("rule", RuleNode::Type::kArray)) {
      for (const RuleNode& r : rules->items()) rule_nodes.push_back(&r);
    }
    reader.Finish();
  }

  for (const auto& [set, flag] :
       {std::pair{&tr.phrase_first_words, TemporalRules::kCuePhraseFirst},
        std::pair{&tr.future_cues, TemporalRules::kCueFuture},
        std::pair{&tr.past_cues, TemporalRules::kCuePast},
        std::pair{&tr.not_past, TemporalRules::kCueNotPast},
        std::pair{&tr.past_same_as_base, TemporalRules::kCueSameAsBase}}) {
    for (const std::string& w : *set) tr.cue_flags[w] |= flag;
  }

  // Lexicon fragments. Names listed as case-sensitive ("May", "March") are
  // common words in lower case.
  auto names_fragment = [&](const std::vector<std::string>& names) {
    std::vector<std::string> folded, exact;
    for (const std::string& n : names) {
      const bool cs = std::find(case_sensitive.begin(), case_sensitive.end(), n) !=
                      case_sensitive.end();
      (cs ? exact : folded).push_back(n);
    }
    std::string out = JoinAlternation(folded);
    if (!exact.empty()) absl::StrAppend(&out, "|(?-i:", JoinAlternation(exact), ")");
    return out;
  };
  fragments.push_back({"month", names_fragment(lexicon.month_names)});
  fragments.push_back({"weekday", names_fragment(lexicon.weekday_names)});
  // The full name of each month and weekday (the longest one per number):
  // abbreviations such as "Sun" or "Wed" are words too.
  auto full_names = [&](const std::vector<std::string>& names, auto number_of) {
    std::vector<std::string> best(13);
    for (const std::string& n : names) {
      const int k = number_of(n);
      if (k >= 1 && k <= 12 && n.size() > best[k].size()) best[k] = n;
    }
    std::vector<std::string> out;
    for (const std::string& b : best) if (!b.empty()) out.push_back(b);
    return names_fragment(out);
  };
  fragments.push_back({"month_full", full_names(lexicon.month_names, [&](const std::string& n) {
                         return lexicon.Month(n); })});
  fragments.push_back({"weekday_full", full_names(lexicon.weekday_names, [&](const std::string& n) {
                         return lexicon.Weekday(n); })});
  {
    std::vector<std::string> units, tens;
    for (const auto& [k, v] : lexicon.units) if (v >= 1) units.push_back(k);
    for (const auto& [k, v] : lexicon.tens) tens.push_back(k);
    std::vector<std::string> small;
    for (const auto& [k, v] : lexicon.units) if (v >= 1 && v <= 9) small.push_back(k);
    const std::string tens_alt = JoinAlternation(tens);
    fragments.push_back(
        {"number_word", absl::StrCat("(?:", tens_alt, ")(?:[- ](?:", JoinAlternation(small),
                                     "))?|", JoinAlternation(units))});
    std::vector<std::string> ordinals = Keys(lexicon.ordinals);
    fragments.push_back({"ordinal_word", absl::StrCat("(?:", tens_alt, ")-(?:",
                                                      JoinAlternation(ordinals), ")|",
                                                      JoinAlternation(ordinals))});
    std::vector<std::string> unit_words = Keys(tr.units);
    for (const auto& n : lexicon.month_names) tr.AddAnchor(AsciiLowerCopy(n));
    for (const auto& n : lexicon.weekday_names) tr.AddAnchor(AsciiLowerCopy(n));
  }
  // File fragments may use the lexicon's and earlier ones.
  for (const auto& [name, value] : file_fragments) {
    std::string expanded = rules::ExpandFragments(value.first, fragments, value.second,
                                                  "temporal.fragments", diag);
    fragments.push_back({name, std::move(expanded)});
  }

  auto has_fragment = [&](const char* name) {
    for (const auto& f : fragments) {
      if (f.first == name) return true;
    }
    return false;
  };
  if (has_fragment("num") && has_fragment("unit")) {
    const SourcePos none;
    const std::string pair = rules::ExpandFragments(
        "(?P<number>{num})(?:-|\\s)?(?P<unit>{unit})\\b", fragments, none,
        "temporal.pairs", diag);
    tr.pair_re = rules::CompilePattern(pair, none, "temporal.pairs", diag, true);
  }

  RE2::Options set_options;
  set_options.set_log_errors(false);
  set_options.set_max_mem(64 << 20);
  std::vector<std::unique_ptr<RE2::Set>> sets;
  std::vector<int> set_first;
  bool set_ok = true;

  for (const RuleNode* node : rule_nodes) {
    if (node->type() != RuleNode::Type::kTable) {
      diag->Error(node->pos(), absl::StrCat("'rule': expected a table, saw ",
                                            AsAbsl(node->TypeName())));
      continue;
    }
    std::string id;
    if (const RuleNode* idn = node->Find("id"); idn && idn->type() == RuleNode::Type::kString) {
      id = idn->str();
    }
    TableReader reader(*node, id, diag);
    TemporalRule rule;
    rule.pos = node->pos();
    reader.String("id", &rule.id, true);
    std::string kind, normalize, pattern, not_followed, preceded;
    bool ok = reader.String("kind", &kind, true);
    ok &= reader.String("normalize", &normalize, true);
    ok &= reader.String("pattern", &pattern, true);
    reader.String("not_followed_by", &not_followed);
    reader.String("preceded_by", &preceded);
    reader.String("unit", &rule.unit);
    int64_t shift = 0;
    // Added to day numbers: a value past a few millennia would overflow.
    constexpr int64_t kMaxShift = 100000;
    if (reader.Integer("shift", &shift)) {
      if (shift < -kMaxShift || shift > kMaxShift) {
        diag->Error(node->Find("shift")->pos(),
                    absl::StrCat("'shift': expected a number from ", -kMaxShift, " to ",
                                 kMaxShift, ", saw ", shift),
                    id);
        ok = false;
      } else {
        rule.shift = static_cast<int>(shift);
      }
    }
    reader.Bool("approximate", &rule.approximate);
    reader.Bool("anaphoric", &rule.anaphoric);
    ReadExamples(&reader, &rule);
    reader.Finish();
    if (!ok) continue;
    if (auto k = ParseKind(kind)) {
      rule.kind = *k;
    } else {
      diag->Error(node->Find("kind")->pos(),
                  absl::StrCat("unknown kind '", kind,
                               "' (expected date, time, duration or set)"),
                  id);
      ok = false;
    }
    if (auto n = ParseNormalizer(normalize)) {
      rule.normalize = *n;
    } else {
      diag->Error(node->Find("normalize")->pos(),
                  absl::StrCat("unknown normalize function '", normalize, "'"), id);
      ok = false;
    }
    if (!rule.unit.empty() && !ParseGranularity(rule.unit)) {
      diag->Error(node->Find("unit")->pos(),
                  absl::StrCat("unknown unit '", rule.unit, "'"), id);
      ok = false;
    }
    const SourcePos& ppos = node->Find("pattern")->pos();
    const size_t before = diag->errors().size();
    std::string expanded = rules::ExpandFragments(pattern, fragments, ppos, id, diag);
    if (diag->errors().size() != before) continue;
    rule.re = rules::CompilePattern(expanded, ppos, id, diag, /*case_insensitive=*/true);
    if (!rule.re) continue;
    if (rule.re->NumberOfCapturingGroups() + 1 > kMaxGroups) {
      diag->Error(ppos, absl::StrCat("too many groups (at most ", kMaxGroups - 1, ")"), id);
      continue;
    }
    if (!not_followed.empty()) {
      const SourcePos& npos = node->Find("not_followed_by")->pos();
      std::string nf = rules::ExpandFragments(not_followed, fragments, npos, id, diag);
      rule.not_followed_by = rules::CompilePattern(nf, npos, id, diag, true);
      if (!rule.not_followed_by) continue;
    }
    if (!preceded.empty()) {
      const SourcePos& ppos2 = node->Find("preceded_by")->pos();
      std::string pb = rules::ExpandFragments(preceded, fragments, ppos2, id, diag);
      rule.preceded_by =
          rules::CompilePattern(absl::StrCat("(?:", pb, ")$"), ppos2, id, diag, true);
      if (!rule.preceded_by) continue;
    }
    if (!ok) continue;
    ReadGroups(&rule);
    if (set_ok) {
      if (tr.rules.size() % TemporalRules::kRulesPerSet == 0) {
        sets.push_back(std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED));
        set_first.push_back(static_cast<int>(tr.rules.size()));
      }
      std::string err;
      if (sets.back()->Add(absl::StrCat("(?i)", SetPattern(expanded)), &err) < 0) {
        set_ok = false;
      }
    }
    tr.rules.push_back(std::move(rule));
  }
  for (auto& set : sets) set_ok = set_ok && set->Compile();
  if (set_ok && !tr.rules.empty()) {
    tr.sets = std::move(sets);
    tr.set_first = std::move(set_first);
  }
}

namespace {

// The words of one sentence, lower-cased, with each word's tense cue
// computed on first use. Built once per sentence, and only for a sentence
// with a mention whose tense matters.
class SentenceWords {
 public:
  void Reset(std::string_view sentence) {
    sentence_ = sentence;
    built_ = false;
  }

  // The tense of the clause around [begin, end) of the sentence: the nearest
  // cue before the mention, else the nearest after it.
  Tense TenseAround(const TemporalRules& tr, uint32_t begin, uint32_t end) {
    if (!built_) Build();
    // Words that end at or before `begin`, nearest first.
    size_t before = 0;
    while (before < words_.size() && words_[before].end <= begin) ++before;
    // "postponed to Nov. 12", "adjourned the case until March 28".
    const bool forward = before > 0 && tr.forward_preps.contains(Lower(before - 1));
    // A past spelled as its base form ("cut") yields to any other cue:
    // "expected to announce a rate cut on Thursday" is to come. The cue of
    // word k when it decides, else kUnclear (keeping the first weak cue).
    Tense weak = Tense::kUnclear;
    auto deciding = [&](size_t k) {
      const Tense t = Cue(tr, k);
      if (t != Tense::kUnclear && Weak(tr, k)) {
        if (weak == Tense::kUnclear) weak = t;
        return Tense::kUnclear;
      }
      return t;
    };
    // A past in a relative clause that a verb of the main clause follows
    // ("a vigil for those who died is planned for Friday", "residents who
    // fled can return on Friday") dates no date after that verb.
    bool main_verb_after = false;  // a be-form or modal between k and the date
    for (size_t k = before; k-- > 0;) {
      if (forward && tr.forward_verbs.contains(Lower(k))) return Tense::kFuture;
      Tense t = deciding(k);
      if (t == Tense::kPast && main_verb_after && k > 0 &&
          tr.relative_words.contains(Lower(k - 1))) {
        t = Tense::kUnclear;
      }
      if (t != Tense::kUnclear) return t;
      main_verb_after = main_verb_after || tr.base_after.contains(Lower(k)) ||
                        tr.participle_after.contains(Lower(k));
    }
    // After the mention, only its own clause: ", the ministry said" is the
    // time of the saying, not of what was said. But a date that opens the
    // sentence ("On Monday, after heavy rain, 17 people were killed") is
    // set off by commas from the clause it dates, over inserts that open
    // with one of insert_openers (", who resigned last year,").
    const bool opens = before <= 1;
    bool in_insert = false;
    for (size_t k = 0; k < words_.size(); ++k) {
      if (words_[k].begin < end) continue;
      const bool after_break =
          ClauseBreakBetween(k == 0 ? end : std::max(end, words_[k - 1].end), words_[k].begin);
      if (!opens && after_break) break;
      if (after_break) in_insert = tr.insert_openers.contains(Lower(k));
      if (in_insert) continue;
      const Tense t = deciding(k);
      if (t != Tense::kUnclear) return t;
    }
    return weak;
  }

 private:
  struct Word {
    uint32_t begin, end;      // in the sentence
    uint32_t lower_begin = 0, lower_size = 0;  // in lower_
    int8_t cue = -1;          // a Tense, -1 = not computed yet
  };

  bool ClauseBreakBetween(uint32_t from, uint32_t to) const {
    for (uint32_t i = from; i < to && i < sentence_.size(); ++i) {
      const char c = sentence_[i];
      if (c == ',' || c == ';' || c == ':') return true;
    }
    return false;
  }

  std::string_view Lower(size_t k) const {
    return std::string_view(lower_).substr(words_[k].lower_begin, words_[k].lower_size);
  }

  void Build() {
    built_ = true;
    words_.clear();
    lower_.clear();
    const std::string_view s = sentence_;
    // Each byte of the sentence gives at most one lower-case byte.
    lower_.resize(s.size());
    char* const lower = lower_.data();
    uint32_t used = 0;
    auto append = [&](char c) {
      lower[used++] = c;
      ++words_.back().lower_size;
    };
    for (uint32_t i = 0; i < s.size();) {
      const unsigned char c = s[i];
      if (!IsAsciiAlnum(c) && c != '\'') {
        // Curly apostrophe (U+2019) joins "I’ll".
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x99 && !words_.empty() &&
            words_.back().end == i) {
          append('\'');
          words_.back().end = i + 3;
          i += 3;
          while (i < s.size() && IsAsciiAlnum(s[i])) {
            append(concord::extract::Lower(s[i]));
            words_.back().end = ++i;
          }
          continue;
        }
        ++i;
        continue;
      }
      uint32_t j = i;
      while (j < s.size() && (IsAsciiAlnum(s[j]) || s[j] == '\'')) ++j;
      // A word starting with an apostrophe right after another joins it.
      if (!(!words_.empty() && words_.back().end == i && s[i] == '\'')) {
        Word w;
        w.begin = i;
        w.lower_begin = used;
        words_.push_back(w);
      }
      Word& w = words_.back();
      for (uint32_t k = i; k < j; ++k) lower[used++] = concord::extract::Lower(s[k]);
      w.lower_size += j - i;
      w.end = j;
      i = j;
    }
    lower_.resize(used);
  }

  bool PhraseAt(size_t k, const std::vector<std::vector<std::string>>& phrases) const {
    for (const auto& ph : phrases) {
      if (k + ph.size() > words_.size()) continue;
      bool m = true;
      for (size_t q = 0; q < ph.size() && m; ++q) m = Lower(k + q) == ph[q];
      if (m) return true;
    }
    return false;
  }

  // Whether the word is a past spelled as its base form ("cut").
  bool Weak(const TemporalRules& tr, size_t k) const {
    const auto it = tr.cue_flags.find(Lower(k));
    return it != tr.cue_flags.end() && (it->second & TemporalRules::kCueSameAsBase);
  }

  Tense Cue(const TemporalRules& tr, size_t k) {
    if (words_[k].cue < 0) words_[k].cue = static_cast<int8_t>(ComputeCue(tr, k));
    return static_cast<Tense>(words_[k].cue);
  }

  Tense ComputeCue(const TemporalRules& tr, size_t k) const {
    const std::string_view w = Lower(k);
    const auto it = tr.cue_flags.find(w);
    const uint8_t flags = it == tr.cue_flags.end() ? 0 : it->second;
    if (flags & TemporalRules::kCuePhraseFirst) {
      if (PhraseAt(k, tr.future_phrases)) return Tense::kFuture;
      if (PhraseAt(k, tr.past_phrases)) return Tense::kPast;
    }
    if (flags & TemporalRules::kCueFuture) return Tense::kFuture;
    if (w.size() > 3 && w.compare(w.size() - 3, 3, "'ll") == 0) return Tense::kFuture;
    // "is expected", "be held", "stay closed": a participle after a form
    // of "be" that is not itself past, or of "stay", says nothing about the
    // time.
    if (k > 0 && tr.participle_after.contains(Lower(k - 1))) return Tense::kUnclear;
    // "will stay closed", "to remain shut": not "remains closed after".
    if (k > 1 && tr.participle_after_base.contains(Lower(k - 1)) &&
        tr.base_after.contains(Lower(k - 2))) {
      return Tense::kUnclear;
    }
    if (flags & TemporalRules::kCuePast) return Tense::kPast;
    // "cut", "hit": past unless a modal or "to" one or two words before
    // makes them the base form ("will cut", "plans to cut", "can you
    // set"), which leaves the cue to that word.
    if (flags & TemporalRules::kCueSameAsBase) {
      // A noun or a participle: after a determiner ("a cut", "the cost"),
      // before "of" or "for" ("the cost of", "set for Sunday"), or right
      // after a comma (", set for Sunday,").
      if ((k > 0 && (tr.adjective_after.contains(Lower(k - 1)) ||
                     ClauseBreakBetween(words_[k - 1].end, words_[k].begin))) ||
          (k + 1 < words_.size() && tr.noun_after.contains(Lower(k + 1)))) {
        return Tense::kUnclear;
      }
      for (size_t back = 1; back <= 2 && back <= k; ++back) {
        const std::string_view prev = Lower(k - back);
        if (tr.base_after.contains(prev) ||
            (prev.size() > 3 && prev.compare(prev.size() - 3, 3, "'ll") == 0)) {
          return Tense::kUnclear;
        }
      }
      return Tense::kPast;
    }
    if (w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0 &&
        !(flags & TemporalRules::kCueNotPast)) {
      // "on imported cells", "the planned visit": an adjective, not a verb.
      if (k > 0 && tr.adjective_after.contains(Lower(k - 1))) return Tense::kUnclear;
      return Tense::kPast;
    }
    return Tense::kUnclear;
  }

  std::string_view sentence_;
  bool built_ = false;
  std::vector<Word> words_;
  std::string lower_;
};

struct Pair {
  double amount = 0;
  const TemporalRules::Unit* unit = nullptr;
};

// Reads the number-unit pairs of `s` ("2 years, 1 month and 21 days");
// false unless there are at least two and nothing else but separators.
bool ReadPairs(const TemporalRules& tr, std::string_view s, std::vector<Pair>* out) {
  if (!tr.pair_re) return false;
  re2::StringPiece in(s.data(), s.size());
  re2::StringPiece number, unit;
  while (!in.empty()) {
    while (!in.empty() && (in[0] == ' ' || in[0] == ',')) in.remove_prefix(1);
    if (in.empty()) break;
    if (in.starts_with("and ")) {
      in.remove_prefix(4);
      continue;
    }
    if (!RE2::Consume(&in, *tr.pair_re, &number, &unit)) return false;
    auto v = ParseNumberPhrase(std::string_view(number.data(), number.size()), *tr.lexicon);
    auto it = tr.units.find(AsciiLowerCopy(std::string_view(unit.data(), unit.size())));
    if (!v || *v <= 0 || it == tr.units.end()) return false;
    out->push_back({*v, &it->second});
  }
  return out->size() >= 2;
}

struct FindState {
  std::optional<date::sys_days> published;
  std::optional<date::sys_days> last_day;  // last resolved day mentioned
  SentenceWords words;                      // of the current sentence
  uint32_t sentence_begin = 0;
};

// Builds the mention for a candidate whose groups are `g`; false when it is
// not a valid one.
// `tense_memo` keeps the tense around the candidate (a Tense; -1 = not yet
// known) across the sentence's repeats.
bool Normalize(const TemporalRules& tr, const TemporalRule& rule,
               const Candidate& c, const re2::StringPiece* g, FindState* state,
               int8_t* tense_memo, Mention* m) {
  const rules::Lexicon& lex = *tr.lexicon;
  re2::StringPiece merged[kMaxGroups];
  if (!rule.aliases.empty()) {
    std::copy(g, g + rule.ngroups, merged);
    for (const auto& [base, alias] : rule.aliases) {
      if (merged[base].data() == nullptr) merged[base] = merged[alias];
    }
    g = merged;
  }
  m->kind = rule.kind;
  m->rule_id = rule.id;
  m->span = c.expr;
  auto tense = [&]() {
    if (*tense_memo < 0) {
      *tense_memo = static_cast<int8_t>(state->words.TenseAround(
          tr, c.expr.begin - state->sentence_begin, c.expr.end - state->sentence_begin));
    }
    return static_cast<Tense>(*tense_memo);
  };
  auto unit_of = [&](std::string_view word) -> const TemporalRules::Unit* {
    auto it = tr.units.find(AsciiLowerCopy(word));
    return it == tr.units.end() ? nullptr : &it->second;
  };

  PartialDate p;
  p.approximate = rule.approximate || (rule.g_approx && !Group(g, rule.g_approx).empty());
  if (auto s = Group(g, rule.g_modifier); !s.empty()) p.modifier = ParseModifier(s);
  if (auto s = Group(g, rule.g_year); !s.empty()) p.year = ParseYear(s);
  if (auto s = Group(g, rule.g_yrel); !s.empty()) {
    p.year_relative = true;
    bool ignored = false;
    const int r = ParseRelation(s, &ignored);
    p.year_shift = r == 2 ? 0 : r;
  }
  if (auto s = Group(g, rule.g_relation); !s.empty()) {
    p.relation = ParseRelation(s, &p.approximate);
  }
  if (!Group(g, rule.g_fiscal).empty()) p.fiscal = true;

  switch (rule.normalize) {
    case Normalizer::kDate: {
      if (auto s = Group(g, rule.g_month); !s.empty()) {
        p.month = IsAsciiDigit(s[0]) ? ParseInt(s).value_or(0) : lex.Month(s);
        if (p.month < 1 || p.month > 12) return false;
      }
      if (auto s = Group(g, rule.g_day); !s.empty()) {
        p.day = ParseOrdinal(s, lex);
        if (p.day < 1 || p.day > 31) return false;
      }
      if (auto s = Group(g, rule.g_weekday); !s.empty()) p.weekday = lex.Weekday(s);
      if (p.year != 0 && (p.year < 1000 || p.year > 2999)) return false;
      break;
    }
    case Normalizer::kNumeric: {
      const int a = ParseInt(Group(g, rule.g_a)).value_or(0);
      std::string_view bs = Group(g, rule.g_b);
      if (bs.empty()) bs = Group(g, rule.g_b2);
      const int b = ParseInt(bs).value_or(0);
      // "Friday 7/6": without a year the weekday picks the reading and the
      // year.
      if (auto w = Group(g, rule.g_weekday); !w.empty()) p.weekday = lex.Weekday(w);
      if (p.year == 0 ? p.weekday == 0 : (p.year < 1000 || p.year > 2999)) return false;
      // Month first when it can only be month first; day first when only
      // that works; both readings when both do.
      const bool md = a >= 1 && a <= 12 && b >= 1 && b <= 31;
      const bool dm = b >= 1 && b <= 12 && a >= 1 && a <= 31;
      if (md && dm && a != b) {
        p.month = a; p.day = b; p.alt_month = b; p.alt_day = a;
      } else if (md) {
        p.month = a; p.day = b;
      } else if (dm) {
        p.month = b; p.day = a;
      } else {
        return false;
      }
      break;
    }
    case Normalizer::kPeriod: {
      if (auto s = Group(g, rule.g_quarter); !s.empty()) {
        while (!s.empty() && (s[0] == 'q' || s[0] == 'Q')) s.remove_prefix(1);
        p.quarter = ParseOrdinal(s, lex);
        if (p.quarter < 1 || p.quarter > 4) return false;
      }
      if (auto s = Group(g, rule.g_half); !s.empty()) {
        while (!s.empty() && (s[0] == 'h' || s[0] == 'H')) s.remove_prefix(1);
        p.half = ParseOrdinal(s, lex);
        if (p.half < 1 || p.half > 2) return false;
      }
      if (auto s = Group(g, rule.g_season); !s.empty()) p.season = ParseSeason(s);
      if (auto s = Group(g, rule.g_decade); !s.empty()) {
        int y = 0;
        if (s[0] == '\'') {
          // "the '80s": the latest such decade begun by the publication
          // year (else by the 2020s).
          const int d = ParseInt(s.substr(1)).value_or(1);
          const int now = state->published
                              ? static_cast<int>(date::year_month_day{*state->published}.year())
                              : 2029;
          y = 2000 + d <= now ? 2000 + d : 1900 + d;
        } else {
          y = ParseYear(s);
        }
        if (y == 0 || y % 10 != 0) return false;
        p.decade = y / 10;
      }
      if (auto s = Group(g, rule.g_century); !s.empty()) {
        const int n = ParseOrdinal(s, lex);
        if (n < 1 || n > 30) return false;
        p.century = n - 1;
      }
      if (p.year != 0 && (p.year < 1000 || p.year > 2999)) return false;
      if (p.fiscal) p.approximate = true;
      break;
    }
    case Normalizer::kRelative: {
      std::optional<Granularity> unit;
      if (!rule.unit.empty()) unit = ParseGranularity(rule.unit);
      if (auto s = Group(g, rule.g_unit); !s.empty()) {
        const TemporalRules::Unit* u = unit_of(s);
        if (u == nullptr) return false;
        unit = u->granularity;
        p.weekend = u->weekend;
      }
      if (!unit) return false;
      p.anchored = true;
      p.unit = *unit;
      p.shift = rule.shift;
      p.from_last_mention = rule.anaphoric;
      if (p.relation != 2) {
        p.shift += p.relation;
      } else if (p.weekend && state->published &&
                 date::weekday{*state->published}.iso_encoding() < 6 &&
                 tense() == Tense::kPast) {
        // "the weekend": the one to come (or under way), unless the clause
        // is past and it has not begun yet.
        p.shift -= 1;
      }
      // "the 20th of next month", "Friday next week".
      if (auto s = Group(g, rule.g_day); !s.empty()) {
        if (p.unit != Granularity::kMonth) return false;
        p.day = ParseOrdinal(s, lex);
        if (p.day < 1 || p.day > 31) return false;
      }
      if (auto s = Group(g, rule.g_weekday); !s.empty()) {
        if (p.unit != Granularity::kWeek) return false;
        p.weekday = lex.Weekday(s);
        if (p.weekday == 0) return false;
      }
      break;
    }
    case Normalizer::kOffset: {
      if (rule.g_pairs != 0) {
        // "1 month 21 days ago": whole years and months, then weeks and days.
        std::vector<Pair> pairs;
        if (!ReadPairs(tr, Group(g, rule.g_pairs), &pairs)) return false;
        double months = 0, days = 0;
        for (const Pair& q : pairs) {
          if (q.unit->hours) return false;
          switch (q.unit->granularity) {
            case Granularity::kDay: days += q.amount * q.unit->factor; break;
            case Granularity::kWeek: days += 7 * q.amount * q.unit->factor; break;
            case Granularity::kMonth: months += q.amount * q.unit->factor; break;
            case Granularity::kYear: months += 12 * q.amount * q.unit->factor; break;
            default: return false;
          }
        }
        if (months != std::floor(months) || days != std::floor(days)) return false;
        const std::string dir = AsciiLowerCopy(Group(g, rule.g_direction));
        const int sign = (dir == "ago" || dir == "earlier" || dir == "before") ? -1 : 1;
        p.from_last_mention = dir == "later" || dir == "earlier";
        p.anchored = true;
        p.unit = Granularity::kDay;
        p.month_shift = sign * static_cast<int>(months);
        p.shift = sign * days;
        break;
      }
      double n = 1;
      if (auto s = Group(g, rule.g_number); !s.empty()) {
        auto v = ParseNumberPhrase(s, lex);
        if (!v) return false;
        n = *v;
      }
      const std::string dir = AsciiLowerCopy(Group(g, rule.g_direction));
      int sign = 1;
      if (dir == "ago" || dir == "earlier" || dir == "before" || dir == "back" ||
          dir == "in the past") {
        sign = -1;
      }
      if (auto w = Group(g, rule.g_weekday); !w.empty()) {
        // "two Sundays from now": counted weekdays.
        p.weekday = lex.Weekday(w);
        if (p.weekday == 0 || n != std::floor(n) || n < 1 || n > 52) return false;
        p.anchored = true;
        p.unit = Granularity::kDay;
        p.weekday_count = sign * static_cast<int>(n);
        p.from_last_mention = dir == "later" || dir == "earlier";
        break;
      }
      const TemporalRules::Unit* u = unit_of(Group(g, rule.g_unit));
      if (u == nullptr || u->hours) return false;
      if (p.relation != 2) {
        // From a named day ("three weeks from tomorrow"): a day, counted in
        // calendar months for months and years.
        const double amount = sign * n * u->factor;
        if (amount != std::floor(amount)) return false;
        p.anchored = true;
        p.unit = Granularity::kDay;
        p.first_shift = p.relation;
        switch (u->granularity) {
          case Granularity::kDay: p.shift += amount; break;
          case Granularity::kWeek: p.shift += 7 * amount; break;
          case Granularity::kMonth: p.month_shift = static_cast<int>(amount); break;
          case Granularity::kYear: p.month_shift = 12 * static_cast<int>(amount); break;
          default: return false;
        }
        break;
      }
      p.from_last_mention = dir == "later" || dir == "earlier" || dir == "after" ||
                            dir == "before";
      p.anchored = true;
      p.unit = u->granularity;
      p.shift = sign * n * u->factor;
      break;
    }
    case Normalizer::kDuration: {
      if (rule.g_pairs != 0) {
        // "1 year 1 month 21 days" = P1Y1M21D; its length in days.
        std::vector<Pair> pairs;
        if (!ReadPairs(tr, Group(g, rule.g_pairs), &pairs)) return false;
        double parts[4] = {0, 0, 0, 0};  // years, months, weeks, days
        for (const Pair& q : pairs) {
          if (q.unit->hours) return false;
          switch (q.unit->granularity) {
            case Granularity::kYear: parts[0] += q.amount * q.unit->factor; break;
            case Granularity::kDecade: parts[0] += 10 * q.amount * q.unit->factor; break;
            case Granularity::kMonth: parts[1] += q.amount * q.unit->factor; break;
            case Granularity::kWeek: parts[2] += q.amount * q.unit->factor; break;
            case Granularity::kDay: parts[3] += q.amount * q.unit->factor; break;
            default: return false;
          }
        }
        DurationValue d;
        d.approximate = p.approximate;
        d.unit = DurationUnit::kDay;
        d.amount = parts[0] * 365.2425 + parts[1] * 30.436875 + parts[2] * 7 + parts[3];
        d.timex = "P";
        static const char kCodes[] = {'Y', 'M', 'W', 'D'};
        for (int k = 0; k < 4; ++k) {
          if (parts[k] > 0) absl::StrAppend(&d.timex, FormatAmount(parts[k]), std::string(1, kCodes[k]));
        }
        m->timex = d.timex;
        m->value_text = d.timex;
        m->value = std::move(d);
        return true;
      }
      double n = 1;
      if (auto s = Group(g, rule.g_number); !s.empty()) {
        auto v = ParseNumberPhrase(s, lex);
        if (!v || *v <= 0) return false;
        n = *v;
      }
      // "a year and a half"
      if (rule.g_andhalf != 0 && !Group(g, rule.g_andhalf).empty()) n += 0.5;
      const TemporalRules::Unit* u = unit_of(Group(g, rule.g_unit));
      if (u == nullptr) return false;
      DurationValue d;
      d.approximate = p.approximate;
      const double amount = n * u->factor;
      if (u->hours) {
        d.unit = DurationUnit::kDay;
        d.amount = amount / 24;
        d.timex = absl::StrCat("PT", FormatAmount(n), "H");
      } else {
        switch (u->granularity) {
          case Granularity::kDay:
            d.unit = DurationUnit::kDay;
            d.timex = absl::StrCat("P", FormatAmount(amount), "D");
            break;
          case Granularity::kWeek:
            d.unit = DurationUnit::kWeek;
            d.timex = absl::StrCat("P", FormatAmount(amount), "W");
            break;
          case Granularity::kMonth:
          case Granularity::kSeason:
            d.unit = DurationUnit::kMonth;
            d.timex = absl::StrCat("P", FormatAmount(amount), "M");
            break;
          case Granularity::kQuarter:
            d.unit = DurationUnit::kQuarter;
            d.timex = absl::StrCat("P", FormatAmount(amount * 3), "M");
            break;
          case Granularity::kHalf:
            d.unit = DurationUnit::kMonth;
            d.timex = absl::StrCat("P", FormatAmount(amount * 6), "M");
            break;
          case Granularity::kYear:
            d.unit = DurationUnit::kYear;
            d.timex = absl::StrCat("P", FormatAmount(amount), "Y");
            break;
          case Granularity::kDecade:
            d.unit = DurationUnit::kDecade;
            d.timex = absl::StrCat("P", FormatAmount(amount * 10), "Y");
            break;
          case Granularity::kCentury:
            d.unit = DurationUnit::kCentury;
            d.timex = absl::StrCat("P", FormatAmount(amount * 100), "Y");
            break;
        }
        d.amount = u->granularity == Granularity::kHalf ? amount * 6 : amount;
      }
      m->timex = d.timex;
      m->value_text = d.timex;
      m->value = std::move(d);
      return true;
    }
    case Normalizer::kPresent: {
      DateValue v;
      v.relative = true;
      v.timex = "PRESENT_REF";
      if (state->published) {
        v.alternatives.push_back(
            {*state->published, *state->published + date::days{1}, Granularity::kDay});
        v.resolved = true;
      }
      m->timex = v.timex;
      m->value_text = v.timex;
      m->value = std::move(v);
      return true;
    }
    case Normalizer::kTime: {
      static const std::pair<const char*, const char*> kParts[] = {
          {"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"},
          {"night", "NI"},   {"tonight", "NI"},   {"midnight", "NI"}};
      const std::string part = AsciiLowerCopy(Group(g, rule.g_part));
      const char* code = "";
      for (const auto& [w, c] : kParts) {
        if (part == w) code = c;
      }
      if (auto s = Group(g, rule.g_weekday); !s.empty()) {
        p.weekday = lex.Weekday(s);
      } else {
        p.anchored = true;
        p.unit = Granularity::kDay;
        p.shift = p.relation == 2 ? 0 : p.relation;
        if (part == "tonight") p.shift = 0;
      }
      auto dv = ResolveDate(p, state->published, state->last_day, tense());
      if (!dv) return false;
      TimeValue t;
      t.zone = std::string(Group(g, rule.g_zone));
      t.timex = absl::StrCat(dv->resolved ? dv->timex : "XXXX-XX-XX", "T", code);
      if (dv->resolved && p.weekday == 0 && !p.anchored) t.timex = absl::StrCat("T", code);
      t.date = std::move(*dv);
      m->timex = t.timex;
      m->value_text = t.timex;
      m->value = std::move(t);
      return true;
    }
    case Normalizer::kSet: {
      TimeValue t;
      if (auto s = Group(g, rule.g_weekday); !s.empty()) {
        t.timex = absl::StrFormat("XXXX-WXX-%d", lex.Weekday(s));
      } else {
        std::string unit = rule.unit;
        if (auto s = Group(g, rule.g_unit); !s.empty()) {
          const TemporalRules::Unit* u = unit_of(s);
          if (u == nullptr) return false;
          unit = GranularityName(u->granularity);
        }
        static const std::pair<const char*, const char*> kCodes[] = {
            {"day", "P1D"}, {"week", "P1W"}, {"month", "P1M"},
            {"quarter", "P3M"}, {"year", "P1Y"}, {"decade", "P10Y"}};
        for (const auto& [u, code] : kCodes) {
          if (unit == u) t.timex = code;
        }
        if (t.timex.empty()) return false;
      }
      m->timex = t.timex;
      m->value_text = t.timex;
      m->value = std::move(t);
      return true;
    }
  }
  // Date normalisers.
  const bool needs_tense =
      p.relation == 2 && p.year == 0 && !p.year_relative && !p.anchored &&
      (p.month != 0 || p.day != 0 || p.weekday != 0 || p.season != 0 || p.quarter != 0 ||
       p.half != 0);
  auto dv = ResolveDate(p, state->published, state->last_day,
                        needs_tense ? tense() : Tense::kUnclear);
  if (!dv) return false;
  if (dv->resolved && dv->alternatives.size() == 1 &&
      dv->alternatives[0].granularity == Granularity::kDay) {
    state->last_day = dv->alternatives[0].begin;
  }
  if (!Group(g, rule.g_weekfrom).empty()) {
    // "the week beginning 4 February": seven days from that day; the timex
    // names the first (TIMEX3 has no week that starts on another day).
    for (DateInterval& iv : dv->alternatives) {
      if (iv.granularity != Granularity::kDay) continue;
      iv.end = iv.begin + date::days{7};
      iv.granularity = Granularity::kWeek;
    }
  }
  m->timex = dv->timex;
  m->value_text = dv->timex;
  m->value = std::move(*dv);
  return true;
}

// The anchor-table key of the `size` letters (1..kMaxAnchor) at `begin` of
// `text`, lower-cased (a letter's lower case is c | 0x20).
TemporalRules::AnchorKey LowerKey(std::string_view text, size_t begin, size_t size) {
  TemporalRules::AnchorKey key;
  if constexpr (std::endian::native == std::endian::little) {
    if (begin + TemporalRules::kMaxAnchor <= text.size()) {
      // Sixteen bytes at once; the bytes after the word are cleared.
      constexpr uint64_t kLower = 0x2020202020202020ull;
      uint64_t lo, hi;
      memcpy(&lo, text.data() + begin, 8);
      memcpy(&hi, text.data() + begin + 8, 8);
      lo |= kLower;
      hi |= kLower;
      if (size >= 8) {
        key.lo = lo;
        key.hi = size == 16 ? hi : hi & ((uint64_t{1} << (8 * (size - 8))) - 1);
      } else {
        key.lo = lo & ((uint64_t{1} << (8 * size)) - 1);
        key.hi = 0;
      }
      return key;
    }
  }
  char padded[TemporalRules::kMaxAnchor] = {};
  for (size_t k = 0; k < size; ++k) padded[k] = static_cast<char>(text[begin + k] | 0x20);
  memcpy(&key.lo, padded, 8);
  memcpy(&key.hi, padded + 8, 8);
  return key;
}

}  // namespace

namespace {

// A candidate as a pure function of its sentence's bytes: spans relative to
// the sentence, groups as sentence offsets.
struct MemoGroup {
  int32_t begin;  // -1: the group did not take part in the match
  uint32_t size;
};
struct MemoCandidate {
  Span full, expr;  // relative to the sentence
  uint32_t rule;
  // Offset of its groups in MemoEntry::groups, kNoGroups until computed, or
  // kNoMatch when the anchored match failed.
  static constexpr uint32_t kNoGroups = ~uint32_t{0};
  static constexpr uint32_t kNoMatch = kNoGroups - 1;
  uint32_t groups = kNoGroups;
  int8_t tense = -1;  // see Normalize
};
struct MemoEntry {
  std::vector<MemoCandidate> candidates;  // in the order of preference
  std::vector<MemoGroup> groups;
};

// What the rules find in a sentence depends on nothing but its bytes (RE2
// sees the sentence as its whole text; the look-behind and not_followed_by
// stay inside it), so the candidates of a sentence seen before are reused.
// News repeats sentences: the same wire copy from several outlets, datelines
// and boilerplate. One memo per thread, for the rules of one engine.
struct SentenceMemo {
  uint64_t generation = 0;  // TemporalRules::generation of its entries
  size_t bytes = 0;         // roughly, of the entries; cleared past kMaxBytes
  static constexpr size_t kMaxBytes = 16 << 20;
  // Reads the length and at most the first and the last 32 bytes, eight at
  // a step, then mixes fully (the table uses both the low and the high
  // bits). Sentences that differ only in their middle are rare, and only
  // collide: the keys themselves are compared.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept {
      constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
      constexpr size_t kEnds = 32;
      uint64_t h = s.size() * kMul;
      auto add = [&h](const char* p, size_t n) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
          uint64_t w;
          memcpy(&w, p + i, 8);
          h = std::rotl(h ^ w, 29) * kMul;
        }
        if (i < n) {
          uint64_t w = 0;
          memcpy(&w, p + i, n - i);
          h = std::rotl(h ^ w, 29) * kMul;
        }
      };
      if (s.size() <= 2 * kEnds) {
        add(s.data(), s.size());
      } else {
        add(s.data(), kEnds);
        add(s.data() + s.size() - kEnds, kEnds);
      }
      h ^= h >> 33;
      h *= 0xFF51AFD7ED558CCDull;
      h ^= h >> 33;
      h *= 0xC4CEB9FE1A85EC53ull;
      h ^= h >> 33;
      return static_cast<size_t>(h);
    }
  };
  absl::flat_hash_map<std::string, MemoEntry, Hash, StringEq> entries;
};

// A window: bytes around anchor tokens that a rule may span, and the anchor
// tokens in it ([anchor_begin, anchor_end) of the anchors).
struct Window {
  uint32_t begin, end;
  uint32_t anchor_begin, anchor_end;
};

// The pre-scan: windows around anchor tokens (digits, month and weekday
// names, unit and relative words) of `sentence_span` of `text`, and the
// anchor tokens (sentence-relative).
void PreScan(const TemporalRules& tr, std::string_view text, const Span& sentence_span,
             std::vector<Window>* windows, std::vector<Span>* anchors) {
  const std::string_view sentence = text.substr(sentence_span.begin, sentence_span.size());
  windows->clear();
  anchors->clear();
  const uint32_t n = static_cast<uint32_t>(sentence.size());
  for (uint32_t i = 0; i < n;) {
    unsigned classes = kCharClass[static_cast<unsigned char>(sentence[i])];
    if (classes == 0) {
      ++i;
      continue;
    }
    // The first byte's class is known; the scan goes on from the second.
    uint32_t j = i + 1;
    while (j < n) {
      const unsigned cls = kCharClass[static_cast<unsigned char>(sentence[j])];
      if (cls == 0) break;
      classes |= cls;
      ++j;
    }
    bool anchor = (classes & kDigitClass) != 0;
    // Lower-case the word only when its first letters and length may be
    // those of an anchor word.
    if (!anchor && j - i <= TemporalRules::kMaxAnchor &&
        tr.MayBeAnchor(sentence.data() + i, j - i)) {
      anchor = tr.IsAnchor(LowerKey(text, sentence_span.begin + i, j - i));
    }
    if (anchor) {
      const uint32_t b = i > kWindow ? i - kWindow : 0;
      const uint32_t e = std::min(n, j + kWindow);
      const uint32_t a = static_cast<uint32_t>(anchors->size());
      anchors->push_back({i, j});
      if (!windows->empty() && b <= windows->back().end) {
        windows->back().end = e;
        windows->back().anchor_end = a + 1;
      } else {
        windows->push_back({b, e, a, a + 1});
      }
    }
    // Byte j, if any, is known to end the word: no need to look at it again.
    i = j + 1;
  }
}

struct CollectScratch {
  std::vector<Window> windows;
  std::vector<Span> anchors;  // anchor tokens, sentence-relative
  std::vector<int> hits, set_hits;
  std::vector<Candidate> candidates;
  std::vector<re2::StringPiece> pool;  // the candidates' groups
};

MemoGroup ToMemo(const re2::StringPiece& g, std::string_view sentence) {
  if (g.data() == nullptr) return {-1, 0};
  return {static_cast<int32_t>(g.data() - sentence.data()), static_cast<uint32_t>(g.size())};
}

re2::StringPiece FromMemo(const MemoGroup& g, std::string_view sentence) {
  if (g.begin < 0) return re2::StringPiece();
  return re2::StringPiece(sentence.data() + g.begin, g.size);
}

// The groups of a match of a rule depend on nothing but the match's bytes
// and what RE2 sees right around them (the bytes before and after, for \b;
// whether it starts or ends the text, for ^ and $). The same date or
// duration recurs in other sentences: its groups are kept per thread.
struct GroupMemo {
  uint64_t generation = 0;  // TemporalRules::generation of its entries
  size_t bytes = 0;         // roughly; cleared past kMaxBytes
  static constexpr size_t kMaxBytes = 4 << 20;
  std::string key;          // scratch
  StringMap<std::vector<MemoGroup>> groups;  // offsets from the match start
};

// Sets `groups[0, rule.ngroups)` to the groups of the match [mb, me) of
// rule `r` in `sentence` (RE2 gives a match's groups within exactly its
// extent); false if it is no match.
bool MatchGroups(const TemporalRules& tr, uint32_t r, std::string_view sentence, uint32_t mb,
                 uint32_t me, re2::StringPiece* groups) {
  thread_local GroupMemo memo;
  if (memo.generation != tr.generation || memo.bytes > GroupMemo::kMaxBytes) {
    memo.groups.clear();
    memo.bytes = 0;
    memo.generation = tr.generation;
  }
  const TemporalRule& rule = tr.rules[r];
  std::string& key = memo.key;
  // Written at once: the rule, the ends, the bytes around, the match.
  key.resize(5 + (me - mb));
  key[0] = static_cast<char>(r & 0xFF);
  key[1] = static_cast<char>(r >> 8);
  key[2] = static_cast<char>((mb == 0 ? 1 : 0) | (me == sentence.size() ? 2 : 0));
  key[3] = mb == 0 ? '\0' : sentence[mb - 1];
  key[4] = me == sentence.size() ? '\0' : sentence[me];
  memcpy(key.data() + 5, sentence.data() + mb, me - mb);
  auto it = memo.groups.find(key);
  if (it == memo.groups.end()) {
    std::vector<MemoGroup> found;
    if (rule.re->Match(re2::StringPiece(sentence.data(), sentence.size()), mb, me,
                       RE2::ANCHOR_BOTH, groups, rule.ngroups)) {
      for (int k = 0; k < rule.ngroups; ++k) {
        MemoGroup g = ToMemo(groups[k], sentence);
        if (g.begin >= 0) g.begin -= static_cast<int32_t>(mb);
        found.push_back(g);
      }
    }
    memo.bytes += key.size() + found.size() * sizeof(MemoGroup) + 64;
    it = memo.groups.emplace(key, std::move(found)).first;
  }
  if (it->second.empty()) return false;
  for (int k = 0; k < rule.ngroups; ++k) {
    const MemoGroup& g = it->second[k];
    groups[k] = g.begin < 0 ? re2::StringPiece()
                            : re2::StringPiece(sentence.data() + mb + g.begin, g.size);
  }
  return true;
}

// Finds the candidates of `sentence_span` of `text` into `entry`.
void CollectCandidates(const TemporalRules& tr, std::string_view text, const Span& sentence_span,
                       CollectScratch* scratch, MemoEntry* entry) {
  std::vector<Window>& windows = scratch->windows;
  std::vector<Span>& anchors = scratch->anchors;
  std::vector<int>& hits = scratch->hits;
  std::vector<int>& set_hits = scratch->set_hits;
  std::vector<Candidate>& candidates = scratch->candidates;
  std::vector<re2::StringPiece>& pool = scratch->pool;
  re2::StringPiece groups[kMaxGroups];
  const std::string_view sentence = text.substr(sentence_span.begin, sentence_span.size());
  PreScan(tr, text, sentence_span, &windows, &anchors);
  if (windows.empty()) return;
  candidates.clear();
  pool.clear();
  const re2::StringPiece sp(sentence.data(), sentence.size());
  for (const Window& w : windows) {
    hits.clear();
    if (!tr.sets.empty()) {
      const re2::StringPiece window(sentence.data() + w.begin, w.end - w.begin);
      for (size_t k = 0; k < tr.sets.size(); ++k) {
        RE2::Set::ErrorInfo error;
        if (!tr.sets[k]->Match(window, &set_hits, &error)) {
          if (error.kind == RE2::Set::kNoError) continue;  // no rule matches
          // The set gave up (its DFA ran out of memory on this text):
          // every rule of it is a candidate, and its own match decides.
          const int first = tr.set_first[k];
          const int last = k + 1 < tr.set_first.size() ? tr.set_first[k + 1]
                                                       : static_cast<int>(tr.rules.size());
          set_hits.clear();
          for (int r = 0; r < last - first; ++r) set_hits.push_back(r);
        }
        for (int h : set_hits) hits.push_back(tr.set_first[k] + h);
      }
      if (hits.empty()) continue;
      std::sort(hits.begin(), hits.end());
    } else {
      for (size_t r = 0; r < tr.rules.size(); ++r) hits.push_back(static_cast<int>(r));
    }
    for (int r : hits) {
      const TemporalRule& rule = tr.rules[r];
      size_t pos = w.begin;
      uint32_t next_anchor = w.anchor_begin;
      while (pos <= w.end && rule.re->Match(sp, pos, w.end, RE2::UNANCHORED, groups, 1)) {
        const uint32_t mb = static_cast<uint32_t>(groups[0].data() - sentence.data());
        const uint32_t me = mb + static_cast<uint32_t>(groups[0].size());
        // The groups the search would have given with the extent.
        if (rule.g_expr != 0 && !MatchGroups(tr, r, sentence, mb, me, groups)) {
          rule.re->Match(sp, pos, w.end, RE2::UNANCHORED, groups, rule.ngroups);
        }
        pos = me > mb ? me : mb + 1;
        bool dropped =
            rule.not_followed_by &&
            rule.not_followed_by->Match(sp, me, sentence.size(), RE2::ANCHOR_START,
                                        nullptr, 0);
        // The tail of a number ("6,107.31 August", "2,500 years") starts
        // no match.
        dropped |= mb >= 2 && IsAsciiDigit(sentence[mb]) &&
                   (sentence[mb - 1] == '.' || sentence[mb - 1] == ',') &&
                   IsAsciiDigit(sentence[mb - 2]);
        if (!dropped && rule.preceded_by) {
          const uint32_t lb =
              mb > TemporalRule::kLookBehind ? mb - TemporalRule::kLookBehind : 0;
          dropped = !RE2::PartialMatch(re2::StringPiece(sentence.data() + lb, mb - lb),
                                       *rule.preceded_by);
        }
        if (!dropped) {
          Candidate c;
          c.full = {mb, me};
          c.expr = c.full;
          if (rule.g_expr != 0 && groups[rule.g_expr].data() != nullptr) {
            const uint32_t eb =
                static_cast<uint32_t>(groups[rule.g_expr].data() - sentence.data());
            c.expr = {eb, eb + static_cast<uint32_t>(groups[rule.g_expr].size())};
          }
          if (!c.expr.empty()) {
            c.rule = static_cast<uint32_t>(r);
            // Groups other than `expr` wait until the candidate wins.
            if (rule.g_expr != 0) {
              c.groups = static_cast<uint32_t>(pool.size());
              pool.insert(pool.end(), groups, groups + rule.ngroups);
            }
            candidates.push_back(c);
          }
        }
        // Every match overlaps an anchor token (RunExamples checks this of
        // each rule's examples), so once no anchor token ends after `pos`
        // the window holds no further match of this rule.
        while (next_anchor < w.anchor_end && anchors[next_anchor].end <= pos) {
          ++next_anchor;
        }
        if (next_anchor == w.anchor_end) break;
      }
    }
  }
  // Longest mention wins; then the longest match, the earliest, the first
  // rule.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.expr.size() != b.expr.size()) return a.expr.size() > b.expr.size();
    if (a.full.size() != b.full.size()) return a.full.size() > b.full.size();
    if (a.expr.begin != b.expr.begin) return a.expr.begin < b.expr.begin;
    return a.rule < b.rule;
  });
  entry->candidates.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    MemoCandidate m;
    m.full = c.full;
    m.expr = c.expr;
    m.rule = c.rule;
    if (c.groups != Candidate::kNoGroups) {
      m.groups = static_cast<uint32_t>(entry->groups.size());
      for (int k = 0; k < tr.rules[c.rule].ngroups; ++k) {
        entry->groups.push_back(ToMemo(pool[c.groups + k], sentence));
      }
    }
    entry->candidates.push_back(m);
  }
}

}  // namespace

void TemporalEngine::Find(std::string_view text, const std::vector<Span>& sentences,
                          std::optional<date::sys_days> published,
                          std::vector<Mention>* out) const {
  const TemporalRules& tr = *rules_;
  if (tr.rules.empty()) return;
  FindState state;
  state.published = published;
  thread_local SentenceMemo memo;
  thread_local CollectScratch scratch;
  if (memo.generation != tr.generation) {
    memo.entries.clear();
    memo.bytes = 0;
    memo.generation = tr.generation;
  }
  std::vector<Span> taken;
  re2::StringPiece groups[kMaxGroups];
  for (const Span& sentence_span : sentences) {
    const std::string_view sentence =
        text.substr(sentence_span.begin, sentence_span.size());
    auto it = memo.entries.find(sentence);
    if (it == memo.entries.end()) {
      if (memo.bytes > SentenceMemo::kMaxBytes) {
        memo.entries.clear();
        memo.bytes = 0;
      }
      MemoEntry entry;
      CollectCandidates(tr, text, sentence_span, &scratch, &entry);
      memo.bytes += sentence.size() + sizeof(MemoEntry) + 32 +
                    entry.candidates.size() * sizeof(MemoCandidate) +
                    entry.groups.size() * sizeof(MemoGroup);
      it = memo.entries.emplace(std::string(sentence), std::move(entry)).first;
    }
    MemoEntry& entry = it->second;
    if (entry.candidates.empty()) continue;
    state.words.Reset(sentence);
    state.sentence_begin = sentence_span.begin;
    taken.clear();
    const size_t first_out = out->size();
    for (MemoCandidate& mc : entry.candidates) {
      Candidate c;
      c.full = {sentence_span.begin + mc.full.begin, sentence_span.begin + mc.full.end};
      c.expr = {sentence_span.begin + mc.expr.begin, sentence_span.begin + mc.expr.end};
      c.rule = mc.rule;
      bool overlaps = false;
      for (const Span& t : taken) overlaps |= t.Overlaps(c.expr);
      if (overlaps) continue;
      const TemporalRule& rule = tr.rules[c.rule];
      if (mc.groups == MemoCandidate::kNoGroups) {
        // The same groups the search would have given: RE2 finds a match's
        // extent first and its groups within exactly that extent.
        if (!MatchGroups(tr, mc.rule, sentence, mc.full.begin, mc.full.end, groups)) {
          mc.groups = MemoCandidate::kNoMatch;
        } else {
          mc.groups = static_cast<uint32_t>(entry.groups.size());
          for (int k = 0; k < rule.ngroups; ++k) {
            entry.groups.push_back(ToMemo(groups[k], sentence));
          }
          memo.bytes += rule.ngroups * sizeof(MemoGroup);
        }
      }
      if (mc.groups == MemoCandidate::kNoMatch) continue;
      for (int k = 0; k < rule.ngroups; ++k) {
        groups[k] = FromMemo(entry.groups[mc.groups + k], sentence);
      }
      out->emplace_back();
      if (!Normalize(tr, rule, c, groups, &state, &mc.tense, &out->back())) {
        out->pop_back();
        // An invalid calendar date ("31 February 2025") is no date at all:
        // its words are not left to a shorter reading ("February 2025").
        if (rule.normalize == Normalizer::kDate || rule.normalize == Normalizer::kNumeric) {
          taken.push_back(c.expr);
        }
        continue;
      }
      taken.push_back(c.expr);
    }
    std::sort(out->begin() + first_out, out->end(),
              [](const Mention& a, const Mention& b) { return a.span < b.span; });
  }
}

namespace {

// Whether [begin, end) of `text` lies inside a window of the pre-scan and
// overlaps one of its anchor tokens. Find relies on every match doing so.
bool InsideWindow(const TemporalRules& tr, std::string_view text, uint32_t begin,
                  uint32_t end) {
  std::vector<Window> windows;
  std::vector<Span> anchors;
  PreScan(tr, text, Span{0, static_cast<uint32_t>(text.size())}, &windows, &anchors);
  for (const Window& w : windows) {
    if (begin < w.begin || end > w.end) continue;
    for (uint32_t a = w.anchor_begin; a < w.anchor_end; ++a) {
      if (anchors[a].begin < end && begin < anchors[a].end) return true;
    }
  }
  return false;
}

// The first match of any rule in `text` that does not lie inside a window
// (InsideWindow), as a message; "" if there is none. Each rule is run over
// the whole text, without the pre-scan.
std::string MatchOutsideWindows(const TemporalRules& tr, std::string_view text) {
  const re2::StringPiece sp(text.data(), text.size());
  re2::StringPiece match;
  for (const TemporalRule& rule : tr.rules) {
    size_t pos = 0;
    while (pos <= text.size() &&
           rule.re->Match(sp, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
      const uint32_t mb = static_cast<uint32_t>(match.data() - text.data());
      const uint32_t me = mb + static_cast<uint32_t>(match.size());
      if (!InsideWindow(tr, text, mb, me)) {
        return absl::StrCat("'", AsAbsl(text), "': the match '",
                            AsAbsl(text.substr(mb, me - mb)), "' of rule ", rule.id,
                            " has no anchor word within ", kWindow,
                            " bytes; add one to [temporal] anchors");
      }
      pos = me > mb ? me : mb + 1;
    }
  }
  return "";
}

}  // namespace

void TemporalEngine::RunExamples(std::vector<rules::ExampleResult>* results) const {
  for (const TemporalRule& rule : rules_->rules) {
    for (const TemporalExample& e : rule.examples) {
      rules::ExampleResult r;
      r.pos = e.pos;
      r.rule_id = rule.id;
      std::vector<Mention> found;
      Find(e.text, {Span{0, static_cast<uint32_t>(e.text.size())}}, e.published, &found);
      const std::string_view want = e.match.empty() ? e.text : e.match;
      std::string seen;
      for (const Mention& m : found) {
        const std::string_view got = std::string_view(e.text).substr(m.span.begin, m.span.size());
        if (got == want && m.rule_id == rule.id && m.timex == e.timex) {
          r.passed = InsideWindow(*rules_, e.text, m.span.begin, m.span.end);
          if (!r.passed) {
            r.message = absl::StrCat("'", e.text, "': the match has no anchor word; add one "
                                     "to [temporal] anchors");
          }
        }
        absl::StrAppend(&seen, seen.empty() ? "" : ", ", "'", AsAbsl(got), "' ", m.timex,
                        " [", m.rule_id, "]");
      }
      if (!r.passed && r.message.empty()) {
        r.message = absl::StrCat("'", e.text, "': expected '", AsAbsl(want), "' ", e.timex,
                                 ", found ", seen.empty() ? "nothing" : seen);
      }
      // What any rule matches in the text must be visible to the pre-scan.
      if (r.passed) {
        r.message = MatchOutsideWindows(*rules_, e.text);
        r.passed = r.message.empty();
      }
      results->push_back(std::move(r));
    }
    for (const auto& [pos, text] : rule.counter_examples) {
      rules::ExampleResult r;
      r.pos = pos;
      r.rule_id = rule.id;
      std::vector<Mention> found;
      Find(text, {Span{0, static_cast<uint32_t>(text.size())}},
           date::sys_days(date::year{2025} / 10 / 31), &found);
      r.passed = found.empty();
      if (!r.passed) {
        r.message = absl::StrCat("counter-example '", text, "' yielded '",
                                 text.substr(found[0].span.begin, found[0].span.size()),
                                 "' ", found[0].timex, " [", found[0].rule_id, "]");
      } else {
        r.message = MatchOutsideWindows(*rules_, text);
        r.passed = r.message.empty();
      }
      results->push_back(std::move(r));
    }
  }
}

// ------------------------------------------------------------ comparison

const char* TemporalRelationName(TemporalRelation r) {
  switch (r) {
    case TemporalRelation::kEqual: return "equal";
    case TemporalRelation::kPrecision: return "precision";
    case TemporalRelation::kConflict: return "conflict";
    case TemporalRelation::kUnknown: return "unknown";
  }
  return "unknown";
}

namespace {

TemporalRelation CompareIntervals(const DateInterval& a, const DateInterval& b) {
  if (a.begin == b.begin && a.end == b.end) return TemporalRelation::kEqual;
  const bool a_in_b = b.begin <= a.begin && a.end <= b.end;
  const bool b_in_a = a.begin <= b.begin && b.end <= a.end;
  if (a_in_b || b_in_a) return TemporalRelation::kPrecision;
  if (a.begin < b.end && b.begin < a.end) return TemporalRelation::kPrecision;
  return TemporalRelation::kConflict;
}

int Rank(TemporalRelation r) {
  switch (r) {
    case TemporalRelation::kEqual: return 3;
    case TemporalRelation::kPrecision: return 2;
    case TemporalRelation::kConflict: return 1;
    case TemporalRelation::kUnknown: return 0;
  }
  return 0;
}

// An unresolved partial date (month and maybe day) against any value.
TemporalRelation ComparePartial(const DateValue& partial, const DateValue& other) {
  if (partial.month == 0) return TemporalRelation::kUnknown;
  if (!other.resolved) {
    if (other.month == 0) return TemporalRelation::kUnknown;
    if (other.month != partial.month) return TemporalRelation::kConflict;
    if (partial.day == other.day) return TemporalRelation::kEqual;
    if (partial.day == 0 || other.day == 0) return TemporalRelation::kPrecision;
    return TemporalRelation::kConflict;
  }
  TemporalRelation best = TemporalRelation::kUnknown;
  for (const DateInterval& iv : other.alternatives) {
    TemporalRelation r = TemporalRelation::kUnknown;
    const date::year_month_day b{iv.begin};
    const unsigned m = static_cast<unsigned>(b.month());
    const unsigned d = static_cast<unsigned>(b.day());
    if (iv.granularity == Granularity::kDay) {
      if (m != partial.month) r = TemporalRelation::kConflict;
      else if (partial.day == 0) r = TemporalRelation::kPrecision;
      else r = d == partial.day ? TemporalRelation::kEqual : TemporalRelation::kConflict;
    } else if (iv.granularity == Granularity::kMonth) {
      if (m != partial.month) r = TemporalRelation::kConflict;
      else r = partial.day == 0 ? TemporalRelation::kEqual : TemporalRelation::kPrecision;
    } else {
      r = TemporalRelation::kUnknown;
    }
    if (Rank(r) > Rank(best)) best = r;
  }
  return best;
}

}  // namespace

TemporalRelation CompareDates(const DateValue& a, const DateValue& b) {
  if (!a.resolved || a.alternatives.empty()) {
    if (!b.resolved || b.alternatives.empty()) {
      if (a.month == 0 || b.month == 0) return TemporalRelation::kUnknown;
    }
    return ComparePartial(a, b);
  }
  if (!b.resolved || b.alternatives.empty()) return ComparePartial(b, a);
  TemporalRelation best = TemporalRelation::kUnknown;
  for (const DateInterval& x : a.alternatives) {
    for (const DateInterval& y : b.alternatives) {
      const TemporalRelation r = CompareIntervals(x, y);
      if (Rank(r) > Rank(best)) best = r;
    }
  }
  return best;
}

TemporalRelation CompareDurations(const DurationValue& a, const DurationValue& b) {
  const double x = a.Days();
  const double y = b.Days();
  if (x <= 0 || y <= 0) return TemporalRelation::kUnknown;
  const double larger = std::max(x, y);
  const double diff = std::fabs(x - y);
  if (diff <= larger * 1e-9) return TemporalRelation::kEqual;
  if ((a.approximate || b.approximate) && diff <= larger * 0.10) {
    return TemporalRelation::kEqual;
  }
  return TemporalRelation::kConflict;
}

}  // namespace concord::extract
