// The offices gazetteer (rules/offices.toml), the people word lists
// (rules/people.toml) and the comparison of two titles of one person.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "extract/people_internal.h"

namespace concord::extract {
namespace {

using rules::RuleNode;

std::string_view KeyOf(const std::string& key) { return key; }
template <typename V>
std::string_view KeyOf(const std::pair<const std::string, V>& entry) { return entry.first; }

std::vector<std::string> SplitWords(std::string_view phrase) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : phrase) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == ',' || c == '/') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

// SplitWords as views into `phrase`, appended to *out.
void SplitWordViews(std::string_view phrase, std::vector<std::string_view>* out) {
  size_t begin = 0;
  for (size_t i = 0; i <= phrase.size(); ++i) {
    const char c = i < phrase.size() ? phrase[i] : ' ';
    if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == ',' || c == '/') {
      if (i > begin) out->push_back(phrase.substr(begin, i - begin));
      begin = i + 1;
    }
  }
}

std::string FormatDate(const date::year_month_day& d) {
  char buf[16];
  snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
           static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

void AddWords(const std::vector<std::string>& list, PeopleRules* rules, StringSet* set) {
  for (const std::string& w : list) {
    std::vector<std::string> words = SplitWords(w);
    std::string key;
    for (const std::string& p : words) {
      if (!key.empty()) key += ' ';
      key += WordKey(p);
    }
    if (key.empty()) continue;
    rules->max_list_words = std::max<int>(rules->max_list_words, words.size());
    set->insert(key);
  }
}

std::string PhraseKey(std::string_view phrase) {
  std::string key;
  for (const std::string& p : SplitWords(phrase)) {
    if (!key.empty()) key += ' ';
    key += WordKey(p);
  }
  return key;
}

void CompilePeopleSection(const RuleNode& node, rules::Diagnostics* diag,
                          PeopleRules* out) {
  if (node.type() != RuleNode::Type::kTable) {
    diag->Error(node.pos(), absl::StrCat("'people': expected a table, saw ",
                                         AsAbsl(node.TypeName())), "people");
    return;
  }
  rules::TableReader r(node, "people", diag);
  struct ListKey {
    const char* key;
    StringSet* set;
  } lists[] = {
      {"honorifics", &out->honorifics},
      {"particles", &out->particles},
      {"title_heads", &out->title_heads},
      {"title_connectors", &out->connectors},
      {"name_connectors", &out->name_connectors},
      {"distinct_modifiers", &out->distinct_modifiers},
      {"same_modifiers", &out->same_modifiers},
      {"former_modifiers", &out->former_modifiers},
      {"counterpart_words", &out->counterpart_words},
      {"organisation_heads", &out->organisation_heads},
      {"other_heads", &out->other_heads},
      {"place_heads", &out->place_heads},
      {"place_prepositions", &out->place_prepositions},
      {"places", &out->places},
      {"never_names", &out->never_names},
      {"role_words", &out->role_words},
  };
  for (const ListKey& l : lists) {
    std::vector<std::string> words;
    r.StringList(l.key, &words);
    AddWords(words, out, l.set);
  }
  std::vector<std::string> phrases;
  r.StringList("head_phrases", &phrases);
  for (const std::string& p : phrases) {
    std::vector<std::string> words;
    for (const std::string& w : SplitWords(p)) words.push_back(WordKey(w));
    if (!words.empty()) out->head_phrases.push_back(std::move(words));
  }
  if (const RuleNode* sp = r.Typed("spelling", RuleNode::Type::kTable)) {
    for (const auto& [from, to] : sp->entries()) {
      if (to.type() != RuleNode::Type::kString) {
        diag->Error(to.pos(), absl::StrCat("'", from, "': expected a string, saw ",
                                           AsAbsl(to.TypeName())), "people");
        continue;
      }
      out->spelling[WordKey(from)] = WordKey(to.str());
    }
  }
  if (const RuleNode* js = r.Typed("jurisdiction", RuleNode::Type::kArray)) {
    for (const RuleNode& j : js->items()) {
      if (j.type() != RuleNode::Type::kTable) {
        diag->Error(j.pos(), absl::StrCat("'jurisdiction': expected a table, saw ",
                                          AsAbsl(j.TypeName())), "people");
        continue;
      }
      std::string code;
      const RuleNode* c = j.Find("code");
      rules::TableReader jr(j, c != nullptr && c->type() == RuleNode::Type::kString
                                   ? c->str() : "jurisdiction", diag);
      std::vector<std::string> names, adjectives, qualifiers;
      jr.String("code", &code, true);
      jr.StringList("names", &names, true);
      jr.StringList("adjectives", &adjectives);
      jr.StringList("qualifiers", &qualifiers);
      jr.Finish();
      if (code.empty()) continue;
      out->jurisdiction_codes.insert(code);
      for (const std::string& n : names) {
        out->jurisdiction_names[PhraseKey(n)] = code;
        out->max_list_words = std::max<int>(out->max_list_words, SplitWords(n).size());
      }
      for (const auto* list : {&adjectives, &qualifiers}) {
        for (const std::string& a : *list) {
          out->jurisdiction_adjectives[PhraseKey(a)] = code;
          out->max_list_words = std::max<int>(out->max_list_words, SplitWords(a).size());
        }
      }
    }
  }
  r.Finish();
}

// Reads an `examples`/`counter_examples` array of strings.
void ReadExamples(rules::TableReader* r, std::string_view key, bool counter,
                  Office* office) {
  const RuleNode* n = r->Typed(key, RuleNode::Type::kArray);
  if (n == nullptr) return;
  for (const RuleNode& item : n->items()) {
    if (item.type() != RuleNode::Type::kString) {
      r->diag()->Error(item.pos(),
                       absl::StrCat("'", AsAbsl(key), "': expected a string, saw ",
                                    AsAbsl(item.TypeName())),
                       r->rule_id());
      continue;
    }
    office->examples.push_back({item.str(), item.pos(), counter});
  }
}

void CompileOffice(const RuleNode& node, rules::Diagnostics* diag,
                   StringMap<rules::SourcePos>* seen, PeopleRules* out) {
  if (node.type() != RuleNode::Type::kTable) {
    diag->Error(node.pos(), absl::StrCat("'office': expected a table, saw ",
                                         AsAbsl(node.TypeName())), "office");
    return;
  }
  const RuleNode* id_node = node.Find("id");
  const std::string rule_id =
      id_node != nullptr && id_node->type() == RuleNode::Type::kString &&
              !id_node->str().empty()
          ? id_node->str()
          : "office";
  rules::TableReader r(node, rule_id, diag);
  Office office;
  bool ok = r.String("id", &office.id, true);
  r.String("jurisdiction", &office.jurisdiction);
  ok &= r.String("name", &office.name, true);
  r.String("portfolio", &office.portfolio);
  ok &= r.StringList("aliases", &office.aliases, true);
  r.StringList("heads", &office.heads);
  if (const RuleNode* hw = r.table().Find("held_with")) office.held_with_pos = hw->pos();
  r.StringList("held_with", &office.held_with);
  ReadExamples(&r, "examples", false, &office);
  ReadExamples(&r, "counter_examples", true, &office);
  if (const RuleNode* rn = r.Typed("rename", RuleNode::Type::kArray)) {
    for (const RuleNode& t : rn->items()) {
      if (t.type() != RuleNode::Type::kTable) {
        diag->Error(t.pos(), absl::StrCat("'rename': expected a table, saw ",
                                          AsAbsl(t.TypeName())), rule_id);
        ok = false;
        continue;
      }
      rules::TableReader rr(t, rule_id, diag);
      OfficeRename rename;
      bool rok = rr.Date("date", &rename.date, true);
      rok &= rr.StringList("names", &rename.names, true);
      rr.StringList("heads", &rename.heads);
      rok &= rr.String("note", &rename.note, true);
      rr.Finish();
      if (rok) office.renames.push_back(std::move(rename));
      ok &= rok;
    }
  }
  r.Finish();
  if (id_node != nullptr && !office.id.empty()) {
    if (auto it = seen->find(office.id); it != seen->end()) {
      diag->Error(id_node->pos(),
                  absl::StrCat("duplicate office id '", office.id,
                               "' (first defined at ", it->second.path, ":",
                               it->second.line, ":", it->second.column, ")"),
                  rule_id);
      return;
    }
    seen->emplace(office.id, id_node->pos());
  }
  if (!office.jurisdiction.empty() &&
      !out->jurisdiction_codes.contains(office.jurisdiction)) {
    diag->Error(r.table().Find("jurisdiction")->pos(),
                absl::StrCat("unknown jurisdiction '", office.jurisdiction,
                             "' (not in rules/people.toml)"),
                rule_id);
    ok = false;
  }
  if (!ok) return;
  std::stable_sort(office.renames.begin(), office.renames.end(),
                   [](const OfficeRename& a, const OfficeRename& b) {
                     return date::sys_days(a.date) < date::sys_days(b.date);
                   });
  const int index = static_cast<int>(out->offices.size());
  out->office_index[office.id] = index;
  auto add = [&](StringMap<std::vector<TitleEntry>>* map, const std::string& key,
                 int era) {
    if (key.empty()) return;
    std::vector<TitleEntry>& v = (*map)[key];
    for (TitleEntry& e : v) {
      if (e.office == index) {
        e.era = std::max(e.era, era);
        return;
      }
    }
    v.push_back({index, era});
    out->max_title_words = std::max<int>(
        out->max_title_words, 1 + std::count(key.begin(), key.end(), ' '));
  };
  auto add_head = [&](const std::string& org, int era) {
    const std::string key = TitleKey(*out, org);
    add(&out->organisations, key, era);
    add(&out->titles, absl::StrCat("head of ", key), era);
  };
  for (const std::string& a : office.aliases) add(&out->titles, TitleKey(*out, a), 0);
  for (const std::string& a : office.aliases) {
    for (const std::string& w : SplitWords(a)) {
      const std::string k = TitleKey(*out, w);
      if (!k.empty() && !out->connectors.contains(k) && !out->jurisdiction_names.contains(k) &&
          !out->jurisdiction_adjectives.contains(k)) {
        out->title_words.insert(k);
      }
    }
  }
  for (const std::string& h : office.heads) add_head(h, 0);
  for (size_t k = 0; k < office.renames.size(); ++k) {
    for (const std::string& n : office.renames[k].names) {
      add(&out->titles, TitleKey(*out, n), static_cast<int>(k) + 1);
    }
    for (const std::string& h : office.renames[k].heads) {
      add_head(h, static_cast<int>(k) + 1);
    }
  }
  out->offices.push_back(std::move(office));
}

}  // namespace

std::string WordKey(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  AppendWordKey(word, &out);
  return out;
}

void AppendWordKey(std::string_view word, std::string* out) {
  if (word.ends_with("'s") || word.ends_with("'S")) {
    word.remove_suffix(2);
  } else if (word.ends_with("\xE2\x80\x99s")) {
    word.remove_suffix(4);
  } else if (word.size() > 1 && word.back() == '\'') {
    word.remove_suffix(1);
  }
  for (char c : word) {
    if (c == '.' || c == '\'' || c == ',') continue;
    out->push_back(AsciiLower(c));
  }
}

std::string TitleKey(const PeopleRules& rules, std::string_view phrase) {
  std::string key;
  TitleKeyInto(rules, phrase, &key);
  return key;
}

void TitleKeyInto(const PeopleRules& rules, std::string_view phrase, std::string* key) {
  // The words SplitWords would make, each WordKey'd in place at the end of
  // *key (and taken back when it is dropped or folded).
  key->clear();
  auto separator = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '-' || c == ',' || c == '/';
  };
  for (size_t i = 0; i < phrase.size();) {
    if (separator(phrase[i])) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < phrase.size() && !separator(phrase[j])) ++j;
    const std::string_view word = phrase.substr(i, j - i);
    i = j;
    const size_t mark = key->size();
    if (mark > 0) key->push_back(' ');
    const size_t start = key->size();
    AppendWordKey(word, key);
    std::string_view k(key->data() + start, key->size() - start);
    if (k.empty() || k == "the") {
      key->resize(mark);
      continue;
    }
    if (k == "&") {
      key->resize(start);
      key->append("and");
      k = std::string_view(key->data() + start, key->size() - start);
    }
    if (auto it = rules.spelling.find(k); it != rules.spelling.end()) {
      key->resize(start);
      key->append(it->second);
    }
  }
}

namespace {

// Fills rules->word_flags from the word lists (see WordFlag).
void ComputeWordFlags(PeopleRules* rules) {
  auto is = [&](const StringSet& set, uint32_t bit) {
    for (const std::string& key : set) {
      if (key.find(' ') == std::string::npos) rules->word_flags[key] |= bit;
    }
  };
  auto starts = [&](const auto& set, uint32_t bit) {
    for (const auto& entry : set) {
      std::string_view key = KeyOf(entry);
      rules->word_flags[key.substr(0, key.find(' '))] |= bit;
    }
  };
  is(rules->never_names, kIsNeverName);
  is(rules->connectors, kIsConnector);
  is(rules->title_heads, kIsTitleHead);
  is(rules->organisation_heads, kIsOrganisationHead);
  is(rules->particles, kIsParticle);
  is(rules->honorifics, kIsHonorific);
  is(rules->counterpart_words, kIsCounterpart);
  is(rules->name_connectors, kIsNameConnector);
  is(rules->place_prepositions, kIsPlacePreposition);
  is(rules->role_words, kIsRoleWord);
  is(rules->title_words, kIsTitleWord);
  is(rules->other_heads, kIsOtherHead);
  is(rules->place_heads, kIsPlaceHead);
  starts(rules->honorifics, kStartsHonorific);
  starts(rules->places, kStartsPlace);
  starts(rules->former_modifiers, kStartsFormer);
  starts(rules->distinct_modifiers, kStartsDistinct);
  starts(rules->same_modifiers, kStartsSame);
  starts(rules->jurisdiction_names, kStartsJurisdiction);
  starts(rules->jurisdiction_adjectives, kStartsJurisdiction);
  is(rules->title_prefixes, kIsTitlePrefix);
  for (const auto& [from, to] : rules->spelling) rules->word_flags[from] |= kHasSpelling;
}

}  // namespace

void CompilePeopleRules(const std::vector<rules::RuleFile>& files,
                        rules::Diagnostics* diag, PeopleRules* out) {
  for (const rules::RuleFile& file : files) {
    if (const RuleNode* n = file.root.Find("people")) CompilePeopleSection(*n, diag, out);
  }
  StringMap<rules::SourcePos> seen;
  for (const rules::RuleFile& file : files) {
    const RuleNode* n = file.root.Find("office");
    if (n == nullptr) continue;
    if (n->type() != RuleNode::Type::kArray) {
      diag->Error(n->pos(), absl::StrCat("'office': expected an array of tables, saw ",
                                         AsAbsl(n->TypeName())), "office");
      continue;
    }
    for (const RuleNode& item : n->items()) CompileOffice(item, diag, &seen, out);
  }
  for (const auto& [key, entries] : out->titles) {
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      out->title_prefixes.insert(key.substr(0, sp));
    }
    out->title_prefixes.insert(key);
  }
  ComputeWordFlags(out);
  for (const Office& office : out->offices) {
    for (const std::string& id : office.held_with) {
      if (!out->office_index.contains(id)) {
        diag->Error(office.held_with_pos,
                    absl::StrCat("'held_with': unknown office id '", id, "'"), office.id);
      }
    }
  }
}

void WordFlagTable::Build(const StringMap<uint32_t>& flags) {
  size_t capacity = 16;
  while (capacity < 2 * flags.size()) capacity *= 2;
  slots_.assign(capacity, Slot());
  mask_ = capacity - 1;
  keys_.clear();
  for (const auto& [key, bits] : flags) {
    if (bits == 0) continue;
    size_t i = Hash(key.data(), key.size()) & mask_;
    while (slots_[i].flags != 0) i = (i + 1) & mask_;
    slots_[i] = {static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(key.size()), bits};
    keys_ += key;
  }
  // A quarter full at most: most words looked up are not keys, and the
  // probe for one stops at the first empty slot.
  packed_slots_.assign(4 * capacity, PackedSlot());
  packed_mask_ = 4 * capacity - 1;
  for (const auto& [key, bits] : flags) {
    if (bits == 0 || key.empty() || key.size() > 16) continue;
    char bytes[16] = {};
    std::memcpy(bytes, key.data(), key.size());
    PackedKey k;
    std::memcpy(&k.lo, bytes, 8);
    std::memcpy(&k.hi, bytes + 8, 8);
    size_t i = PackedHash(k) & packed_mask_;
    while (packed_slots_[i].flags != 0) i = (i + 1) & packed_mask_;
    packed_slots_[i] = {k, bits};
  }
}

bool HeldTogether(const PeopleRules& rules, int a, int b) {
  auto lists = [&](int x, int y) {
    const std::vector<std::string>& h = rules.offices[x].held_with;
    return std::find(h.begin(), h.end(), rules.offices[y].id) != h.end();
  };
  return lists(a, b) || lists(b, a);
}

std::vector<TitleEntry> LookupTitle(const PeopleRules& rules, std::string_view key,
                                    std::string_view jurisdiction) {
  auto it = rules.titles.find(key);
  if (it == rules.titles.end()) return {};
  if (jurisdiction.empty()) return it->second;
  std::vector<TitleEntry> local, generic;
  for (const TitleEntry& e : it->second) {
    const std::string& j = rules.offices[e.office].jurisdiction;
    if (j == jurisdiction) local.push_back(e);
    if (j.empty()) generic.push_back(e);
  }
  return local.empty() ? generic : local;
}

void SplitQualifier(const PeopleRules& rules, std::string_view surface,
                    std::string* jurisdiction, std::string* rest) {
  // The words SplitWords makes, as views, and their keys in reused strings.
  thread_local std::vector<std::string_view> words;
  thread_local std::string k, key;
  words.clear();
  SplitWordViews(surface, &words);
  size_t i = 0;
  jurisdiction->clear();
  // One word is never a qualifier (one is kept): nothing to look up.
  if (words.size() <= 1 && rest == nullptr) return;
  while (i < words.size()) {
    k.clear();
    AppendWordKey(words[i], &k);
    if (k == "the" || k == "a" || k == "an" || rules.same_modifiers.contains(k) ||
        rules.former_modifiers.contains(k)) {
      ++i;
      continue;
    }
    // Qualifiers are names: "central bank governor" has none.
    if (IsAsciiAlpha(words[i][0]) && !(words[i][0] >= 'A' && words[i][0] <= 'Z')) break;
    bool matched = false;
    for (size_t n = std::min<size_t>(3, words.size() - i); n >= 1 && !matched; --n) {
      if (i + n >= words.size()) continue;  // keep at least one word
      key.clear();
      for (size_t m = 0; m < n; ++m) {
        if (m) key += ' ';
        AppendWordKey(words[i + m], &key);
      }
      auto a = rules.jurisdiction_adjectives.find(key);
      auto b = rules.jurisdiction_names.find(key);
      if (a != rules.jurisdiction_adjectives.end() || b != rules.jurisdiction_names.end()) {
        // A qualifier that is itself part of a title ("US Trade
        // Representative") stays when the rest would not be known.
        *jurisdiction = a != rules.jurisdiction_adjectives.end() ? a->second : b->second;
        i += n;
        matched = true;
      }
    }
    if (!matched) break;
  }
  if (rest == nullptr) return;
  std::string out;
  for (; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  *rest = std::move(out);
}

std::string PeopleEngine::OfficeName(std::string_view office_id) const {
  auto it = rules_->office_index.find(office_id);
  if (it == rules_->office_index.end()) return std::string(office_id);
  return rules_->offices[it->second].name;
}

namespace {

// True when the title says its holder no longer holds it ("former", "ex-").
bool IsFormer(const PeopleRules& rules, const TitleValue& t) {
  if (t.former) return true;
  for (const std::string& w : SplitWords(t.surface)) {
    const std::string k = WordKey(w);
    if (rules.former_modifiers.contains(k)) return true;
    if (k != "the" && k != "a" && k != "an" && !rules.same_modifiers.contains(k)) break;
  }
  return false;
}

// Compares two titles as if both were held now.
TitleComparison CompareHeld(const PeopleRules& rules, const TitleValue& a,
                            const TitleValue& b) {
  struct Resolved {
    std::string key;
    std::vector<TitleEntry> entries;  // era -1: named without a known name
  };
  auto resolve = [&](const TitleValue& t) {
    Resolved r;
    std::string jur, rest;
    SplitQualifier(rules, t.surface, &jur, &rest);
    if (!t.jurisdiction.empty()) jur = t.jurisdiction;
    r.key = TitleKey(rules, rest);
    r.entries = LookupTitle(rules, r.key, jur);
    if (r.entries.empty()) {
      // Qualifier words that belong to the title ("US Trade Representative").
      r.entries = LookupTitle(rules, TitleKey(rules, t.surface), jur);
    }
    if (!t.office_ids.empty()) {
      std::vector<TitleEntry> kept;
      for (const std::string& id : t.office_ids) {
        auto it = rules.office_index.find(id);
        if (it == rules.office_index.end()) continue;
        int era = -1;
        for (const TitleEntry& e : r.entries) {
          if (e.office == it->second) era = e.era;
        }
        kept.push_back({it->second, t.inferred ? -1 : era});
      }
      r.entries = std::move(kept);
    }
    return r;
  };
  const Resolved ra = resolve(a), rb = resolve(b);
  TitleComparison out;
  if (ra.entries.empty() || rb.entries.empty()) {
    // A title the gazetteer does not know: compare the words. Both must end
    // in a title head word ("Minister", "Chief") to say anything.
    if (ra.key == rb.key && !ra.key.empty()) {
      out.relation = TitleRelation::kSame;
      return out;
    }
    auto split = [&](const std::string& key, std::string* head) {
      std::vector<std::string> words = absl::StrSplit(key, ' ', absl::SkipEmpty());
      head->clear();
      if (!words.empty() && rules.title_heads.contains(words.back())) {
        *head = words.back();
        words.pop_back();
      }
      std::sort(words.begin(), words.end());
      return words;
    };
    std::string ha, hb;
    const std::vector<std::string> ma = split(ra.key, &ha), mb = split(rb.key, &hb);
    if (ha.empty() || hb.empty()) return out;  // kUnknown
    // "Minister" and "party leader": people hold several roles at once.
    if (ha != hb) return out;  // kUnknown
    // The same head: the portfolio words decide. "Labour" and "Transport"
    // are different ministries; "Commerce" inside "Commerce and Industry"
    // is the same one named shortly.
    if (ma.empty() || mb.empty()) return out;  // "Minister" alone says little
    const bool a_in_b = std::includes(mb.begin(), mb.end(), ma.begin(), ma.end());
    const bool b_in_a = std::includes(ma.begin(), ma.end(), mb.begin(), mb.end());
    out.relation = a_in_b || b_in_a ? TitleRelation::kAlias : TitleRelation::kConflict;
    return out;
  }
  std::vector<std::pair<TitleEntry, TitleEntry>> common;
  bool together = false;
  for (const TitleEntry& ea : ra.entries) {
    for (const TitleEntry& eb : rb.entries) {
      if (ea.office == eb.office) common.push_back({ea, eb});
      together |= HeldTogether(rules, ea.office, eb.office);
    }
  }
  if (common.empty()) {
    // "Chairman" and "chief executive": one person often holds both.
    out.relation = together ? TitleRelation::kUnknown : TitleRelation::kConflict;
    return out;
  }
  if (common.size() == 1) out.office_id = rules.offices[common[0].first.office].id;
  if (ra.key == rb.key || a.inferred || b.inferred) {
    out.relation = TitleRelation::kSame;
    return out;
  }
  for (const auto& [ea, eb] : common) {
    if (ea.era < 0 || eb.era < 0 || ea.era == eb.era) continue;
    const Office& office = rules.offices[ea.office];
    const OfficeRename& rename = office.renames[std::max(ea.era, eb.era) - 1];
    std::string note = rename.note;
    while (!note.empty() && (note.back() == '.' || note.back() == ' ')) note.pop_back();
    out.relation = TitleRelation::kOutdated;
    out.office_id = office.id;
    out.explanation = absl::StrCat(note, " on ", FormatDate(rename.date));
    return out;
  }
  out.relation = TitleRelation::kAlias;
  return out;
}

}  // namespace

TitleComparison PeopleEngine::CompareTitles(const TitleValue& a,
                                            const TitleValue& b) const {
  TitleComparison out = CompareHeld(*rules_, a, b);
  const bool former_a = IsFormer(*rules_, a), former_b = IsFormer(*rules_, b);
  if (former_a != former_b) {
    // "former chief executive" and "chief financial officer": the person
    // may have changed office; "former CEO" and "CEO": one source may be
    // out of date. Neither is a naming difference or a conflict.
    out.relation = TitleRelation::kUnknown;
    out.explanation.clear();
  } else if (former_a) {
    // Two past offices may both have been held, at different times; a
    // name an office had before a rename is right for a past holder.
    if (out.relation == TitleRelation::kConflict) out.relation = TitleRelation::kUnknown;
    if (out.relation == TitleRelation::kOutdated) {
      out.relation = TitleRelation::kAlias;
      out.explanation.clear();
    }
  }
  return out;
}

}  // namespace concord::extract
