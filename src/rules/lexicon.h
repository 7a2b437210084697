// Shared word lists from rules/lexicon.toml: month and weekday names, number
// words and abbreviations. Lookups fold ASCII case and ignore a trailing
// period.
#ifndef CONCORD_RULES_LEXICON_H_
#define CONCORD_RULES_LEXICON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "base/strings.h"
#include "rules/rule_tree.h"

namespace concord::rules {

struct Lexicon {
  // Lowercase name -> number (month 1-12, ISO weekday 1-7).
  StringMap<int> months;
  StringMap<int> weekdays;
  // Lowercase number word -> value.
  StringMap<double> units;      // one .. nineteen
  StringMap<double> tens;       // twenty .. ninety
  StringMap<double> scales;     // hundred, million, crore
  StringMap<double> number_words;  // dozen, half
  StringMap<int> ordinals;      // first .. thirtieth
  // Abbreviations whose period does not end a sentence (lowercase, no
  // trailing period).
  StringSet abbreviations;
  // Words that may stand before an article's own date in its header
  // without a colon ("Published 8 April 2026", "Posted on"): lowercase,
  // one or more words separated by single spaces.
  StringSet date_labels;
  // Past tense verb forms that end neither in "-ed" nor "-ing" ("struck",
  // "broke"), where a phrase cannot tell them by their ending: lowercase.
  StringSet irregular_verbs;

  // Month or weekday number of `word`, or 0.
  int Month(std::string_view word) const;
  int Weekday(std::string_view word) const;
  // A regex alternation of every month name (longest first), for patterns:
  // "January|February|...|Jan". Names are as in the rules, periods optional
  // to the caller.
  std::string MonthAlternation() const;
  std::string WeekdayAlternation() const;

  std::vector<std::string> month_names;    // as written in the rules
  std::vector<std::string> weekday_names;
};

// Reads `[[month]]`, `[[weekday]]`, `[numbers.*]`, `[abbreviations]`,
// `[date_labels]` and `[irregular_verbs]` from
// every rule file that has them; later files override entries of earlier ones.
void CompileLexicon(const std::vector<RuleFile>& files,
                    Diagnostics* diag, Lexicon* out);

// Lowercases ASCII and drops one trailing '.'.
std::string LexiconKey(std::string_view word);

}  // namespace concord::rules

#endif  // CONCORD_RULES_LEXICON_H_
