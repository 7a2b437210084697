#include "rules/lexicon.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "base/text.h"

namespace concord::rules {
namespace {

void ReadNamed(const RuleNode& array, std::string_view kind, int max,
               Diagnostics* diag,
               StringMap<int>* out,
               std::vector<std::string>* names) {
  if (array.type() != RuleNode::Type::kArray) {
    diag->Error(array.pos(), absl::StrCat("'", AsAbsl(kind), "': expected an array of tables, saw ",
                                          AsAbsl(array.TypeName())));
    return;
  }
  for (const RuleNode& entry : array.items()) {
    if (entry.type() != RuleNode::Type::kTable) {
      diag->Error(entry.pos(), absl::StrCat("'", AsAbsl(kind), "': expected a table, saw ",
                                            AsAbsl(entry.TypeName())));
      continue;
    }
    TableReader reader(entry, std::string(kind), diag);
    int64_t number = 0;
    std::vector<std::string> list;
    const bool has_number = reader.Integer("number", &number, true);
    reader.StringList("names", &list, true);
    reader.Finish();
    if (!has_number) continue;
    if (number < 1 || number > max) {
      diag->Error(entry.Find("number")->pos(),
                  absl::StrCat("'number': expected 1 to ", max, ", saw ", number),
                  kind);
      continue;
    }
    for (const std::string& name : list) {
      (*out)[LexiconKey(name)] = static_cast<int>(number);
      names->push_back(name);
    }
  }
}

void ReadNumberTable(const RuleNode& table, std::string_view name,
                     Diagnostics* diag,
                     StringMap<double>* out) {
  for (const auto& [key, value] : table.entries()) {
    if (value.type() != RuleNode::Type::kInteger &&
        value.type() != RuleNode::Type::kFloat) {
      diag->Error(value.pos(),
                  absl::StrCat("'", key, "': expected a number, saw ", AsAbsl(value.TypeName())),
                  absl::StrCat("numbers.", AsAbsl(name)));
      continue;
    }
    // inf or nan would make every figure that uses the word equal to
    // every other ("inf tonne"): their disagreements would go unseen.
    const double x = value.number();
    if (!std::isfinite(x) || std::fabs(x) > 1e18) {
      diag->Error(value.pos(),
                  absl::StrCat("'", key, "': expected a finite number up to 1e18, saw ", x),
                  absl::StrCat("numbers.", AsAbsl(name)));
      continue;
    }
    (*out)[LexiconKey(key)] = x;
  }
}

std::string Alternation(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return absl::StrJoin(names, "|");
}

}  // namespace

std::string LexiconKey(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  return AsciiLowerCopy(word);
}

int Lexicon::Month(std::string_view word) const {
  auto it = months.find(LexiconKey(word));
  return it == months.end() ? 0 : it->second;
}

int Lexicon::Weekday(std::string_view word) const {
  auto it = weekdays.find(LexiconKey(word));
  return it == weekdays.end() ? 0 : it->second;
}

std::string Lexicon::MonthAlternation() const { return Alternation(month_names); }
std::string Lexicon::WeekdayAlternation() const { return Alternation(weekday_names); }

void CompileLexicon(const std::vector<RuleFile>& files,
                    Diagnostics* diag, Lexicon* out) {
  for (const RuleFile& file : files) {
    if (const RuleNode* n = file.root.Find("month")) {
      ReadNamed(*n, "month", 12, diag, &out->months, &out->month_names);
    }
    if (const RuleNode* n = file.root.Find("weekday")) {
      ReadNamed(*n, "weekday", 7, diag, &out->weekdays, &out->weekday_names);
    }
    if (const RuleNode* numbers = file.root.Find("numbers")) {
      TableReader reader(*numbers, "numbers", diag);
      const auto table = RuleNode::Type::kTable;
      if (auto* t = reader.Typed("units", table)) ReadNumberTable(*t, "units", diag, &out->units);
      if (auto* t = reader.Typed("tens", table)) ReadNumberTable(*t, "tens", diag, &out->tens);
      if (auto* t = reader.Typed("scales", table)) ReadNumberTable(*t, "scales", diag, &out->scales);
      if (auto* t = reader.Typed("words", table)) ReadNumberTable(*t, "words", diag, &out->number_words);
      if (auto* t = reader.Typed("ordinals", table)) {
        StringMap<double> ordinals;
        ReadNumberTable(*t, "ordinals", diag, &ordinals);
        for (const auto& [k, v] : ordinals) out->ordinals[k] = static_cast<int>(v);
      }
      reader.Finish();
    }
    // A [section] holding a `words` list.
    auto words_of = [&](const char* section, StringSet* to, std::string (*key)(std::string_view)) {
      const RuleNode* node = file.root.Find(section);
      if (node == nullptr) return;
      TableReader reader(*node, section, diag);
      std::vector<std::string> words;
      reader.StringList("words", &words, true);
      reader.Finish();
      for (const std::string& w : words) to->insert(key(w));
    };
    words_of("abbreviations", &out->abbreviations, &LexiconKey);
    words_of("date_labels", &out->date_labels, &AsciiLowerCopy);
    words_of("irregular_verbs", &out->irregular_verbs, &AsciiLowerCopy);
  }
}

}  // namespace concord::rules
