// Internal to the temporal engine: compiled rules, the underspecified value a
// match yields, and its resolution against the publication date.
#ifndef CONCORD_EXTRACT_TEMPORAL_RULES_H_
#define CONCORD_EXTRACT_TEMPORAL_RULES_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "date/date.h"
#include "model/claim.h"
#include "model/values.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "rules/lexicon.h"
#include "rules/rule_tree.h"

namespace concord::extract {

// The closed set of normalisers a rule may name in `normalize`.
enum class Normalizer {
  kDate,      // calendar date from year/month/day/weekday groups
  kNumeric,   // a/b/year numeric date; day-month order may be ambiguous
  kPeriod,    // quarter, half, season, decade, century, fiscal year
  kRelative,  // unit + relation ("last week") or fixed unit/shift ("today")
  kOffset,    // number + unit + direction ("two days ago")
  kDuration,  // number + unit ("six months", "10-year")
  kPresent,   // "now", "currently"
  kTime,      // a part of a day that fixes the date ("this morning")
  kSet,       // "every Monday", "weekly"
};
std::optional<Normalizer> ParseNormalizer(std::string_view name);

// The tense of the clause a mention stands in, for bare weekdays and months.
enum class Tense { kUnclear, kPast, kFuture };

struct TemporalExample {
  rules::SourcePos pos;
  std::string text;
  std::string match;  // the expected mention text; "" = the whole text
  std::optional<date::sys_days> published;
  std::string timex;
};

struct TemporalRule {
  std::string id;
  rules::SourcePos pos;
  MentionKind kind = MentionKind::kDate;
  Normalizer normalize = Normalizer::kDate;
  std::unique_ptr<RE2> re;
  // Optional: a match followed by this (anchored at the match end) is dropped.
  std::unique_ptr<RE2> not_followed_by;
  // Optional: a match is kept only if this matches the text right before it
  // (at most kLookBehind bytes; compiled with a trailing '$').
  std::unique_ptr<RE2> preceded_by;
  static constexpr uint32_t kLookBehind = 80;
  std::string unit;  // fixed unit for kRelative/kSet when no group gives one
  int shift = 0;     // fixed shift for kRelative ("yesterday" = -1)
  bool approximate = false;
  // Relative to the last date mentioned before, else the publication date
  // ("the next day").
  bool anaphoric = false;
  std::vector<TemporalExample> examples;
  std::vector<std::pair<rules::SourcePos, std::string>> counter_examples;
  // Named-group indices (0 = absent).
  int g_expr = 0, g_year = 0, g_month = 0, g_day = 0, g_weekday = 0,
      g_number = 0, g_unit = 0, g_quarter = 0, g_half = 0, g_season = 0,
      g_decade = 0, g_century = 0, g_modifier = 0, g_relation = 0,
      g_yrel = 0, g_direction = 0, g_a = 0, g_b = 0, g_part = 0, g_zone = 0,
      g_fiscal = 0, g_approx = 0, g_pairs = 0, g_b2 = 0, g_andhalf = 0,
      g_weekfrom = 0;
  int ngroups = 0;
  // Second spellings of a group ("weekday2" for "weekday" in another
  // branch of the pattern): (group, alias) indices.
  std::vector<std::pair<int, int>> aliases;
};

struct TemporalRules {
  std::vector<TemporalRule> rules;
  // Unique to each compiled rule set (memos of results are keyed by it).
  uint64_t generation = 0;
  // Every rule's pattern, for the pre-scan, in sets of consecutive rules
  // (`set_first[k]` is the index of set k's first rule). Smaller sets have
  // smaller DFAs that meet fewer new states (costly to build) on new text,
  // but each set scans every window again. Since the scan runs on windows
  // around anchors only, one set for the 64 rules costs the fewest
  // instructions from 2,000 articles on (12% fewer in TemporalEngine::Find
  // than 22 a set; 10% more at 200 articles, while the DFA is still new).
  std::vector<std::unique_ptr<RE2::Set>> sets;
  std::vector<int> set_first;
  static constexpr size_t kRulesPerSet = 64;
  // Lowercase words (at most kMaxAnchor bytes) that may start a window, in
  // an open-addressing table of zero-padded 16-byte keys: the pre-scan
  // looks up every word of the text.
  static constexpr size_t kMaxAnchor = 16;
  struct AnchorKey {
    uint64_t lo = 0, hi = 0;  // lo == 0: empty slot
  };
  std::vector<AnchorKey> anchor_table;
  size_t anchor_count = 0;
  // By five bits of each of the first two bytes (the second 0 for a word of
  // one byte): bit n set when an anchor has n bytes. Most words fail this
  // test, which is cheaper than IsAnchor.
  std::array<uint32_t, 1024> anchor_lengths{};
  static size_t AnchorLengthSlot(char first, char second, size_t size) {
    return (static_cast<size_t>(static_cast<unsigned char>(first) & 31) << 5) |
           (size > 1 ? static_cast<unsigned char>(second) & 31 : 0);
  }
  void AddAnchor(std::string_view lower_word);
  // `word` points at `size` bytes (size >= 1; a second byte is read only
  // when size > 1), in either case.
  bool MayBeAnchor(const char* word, size_t size) const {
    return (anchor_lengths[AnchorLengthSlot(word[0], word[1 % size], size)] >> size) & 1;
  }
  // `padded` holds the word's kMaxAnchor bytes, zero after the word.
  bool IsAnchor(const char* padded) const;
  bool IsAnchor(const AnchorKey& key) const;
  struct Unit {
    Granularity granularity = Granularity::kDay;
    double factor = 1;   // "fortnight" = 2 weeks, "hour" = 1/24 day
    bool hours = false;  // timex PTnH
    bool weekend = false;  // Saturday and Sunday of a week (timex -WE)
  };
  StringMap<Unit> units;           // lowercase unit word
  StringSet future_cues, past_cues;
  std::vector<std::vector<std::string>> future_phrases, past_phrases;
  StringSet phrase_first_words;    // the first word of every phrase above
  StringSet not_past;              // "-ed" words that are not past verbs
  // Past forms spelled as their base form ("cut", "hit"), and the words
  // that make them the base form right after ("will", "to").
  StringSet past_same_as_base, base_after;
  // Words after which one of past_same_as_base is a noun ("the cost of",
  // "set for Sunday"), and the first words of an insert between commas
  // that a sentence-opening date's clause goes on after (", who ...,").
  StringSet noun_after, insert_openers;
  // The five cue sets above as flags of one table, so that a word is
  // hashed once (built from them at the end of Compile).
  enum CueFlag : uint8_t {
    kCuePhraseFirst = 1, kCueFuture = 2, kCuePast = 4, kCueNotPast = 8, kCueSameAsBase = 16
  };
  StringMap<uint8_t> cue_flags;
  StringSet adjective_after;       // words after which "-ed" is an adjective
  StringSet participle_after;      // words after which a participle has no tense
  StringSet participle_after_base;  // ... when a modal or "to" comes before them
  StringSet relative_words;        // "who": a past after one may date no later date
  // A verb that moves something to a later time ("postponed", "adjourned")
  // and a preposition right before the mention ("to", "until"): the date
  // is still to come, whatever the verb's tense.
  StringSet forward_verbs, forward_preps;
  // One number and unit ("21 days"), to read the parts of a group `pairs`
  // ("1 month 21 days"). Built from the {num} and {unit} fragments.
  std::unique_ptr<RE2> pair_re;
  const rules::Lexicon* lexicon = nullptr;
};

// What a rule's match says before it is anchored to a date.
struct PartialDate {
  int year = 0;           // 0 = unknown
  bool year_relative = false;
  int year_shift = 0;     // with year_relative: "last year" = -1
  unsigned month = 0, day = 0;
  int weekday = 0;        // ISO 1-7
  int quarter = 0, half = 0, season = 0;  // season 1 spring .. 4 winter
  int decade = 0;         // 199 for the 1990s
  int century = 0;        // 20 for the 21st century
  bool fiscal = false;
  int modifier = 0;       // -1 early, 0 none, 1 mid, 2 late
  // Relation for weekday/month/period: -1 last, 0 this, 1 next, 2 unset.
  int relation = 2;
  // Anchored unit and shift ("last week", "two days ago").
  bool anchored = false;
  Granularity unit = Granularity::kDay;
  double shift = 0;
  bool from_last_mention = false;  // "three weeks later"
  // With unit week: only its weekend ("this weekend").
  bool weekend = false;
  // With `anchored` and unit day: whole months to move before the days
  // ("1 month 21 days ago").
  int month_shift = 0;
  // Days to move before the months ("a month from tomorrow").
  int first_shift = 0;
  // With `anchored`, unit day and `weekday`: the n-th such weekday after
  // (n > 0) or before (n < 0) the base day ("two Sundays from now").
  int weekday_count = 0;
  bool approximate = false;
  // Ambiguous numeric date: a second month/day reading.
  unsigned alt_month = 0, alt_day = 0;
};

// Anchors `p` to `published` (or `reference` for "later"), following the
// tense policy documented in temporal.h. Returns nullopt for an invalid date.
std::optional<DateValue> ResolveDate(const PartialDate& p,
                                     std::optional<date::sys_days> published,
                                     std::optional<date::sys_days> reference,
                                     Tense tense);

// TIMEX3 value of an interval at its granularity.
std::string IntervalTimex(const DateInterval& iv);

// Parses a number phrase ("two-and-a-half", "a dozen", "18", "twenty-five").
std::optional<double> ParseNumberPhrase(std::string_view s,
                                        const rules::Lexicon& lex);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_TEMPORAL_RULES_H_
