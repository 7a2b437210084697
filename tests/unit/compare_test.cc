#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

#include "base/dates.h"
#include "compare/compare.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::compare {
namespace {

using ::concord::testing::Rules;

Claim Make(const std::string& doc, MentionKind kind, Value value, std::string value_text,
           std::string text, const char* published = "2026-03-02",
           std::string sentence = "") {
  Claim c;
  c.mention.kind = kind;
  c.mention.value = std::move(value);
  c.mention.value_text = std::move(value_text);
  c.evidence.doc = doc;
  c.evidence.path = doc + ".txt";
  c.evidence.text = std::move(text);
  c.evidence.sentence = sentence.empty() ? c.evidence.text : sentence;
  c.published = ParseIsoDate(published);
  return c;
}

DateValue Interval(const char* begin, const char* end, Granularity g, const char* timex) {
  DateValue v;
  v.resolved = true;
  v.alternatives.push_back({*ParseIsoDate(begin), *ParseIsoDate(end), g});
  v.timex = timex;
  return v;
}

FigureValue Figure(double n, const char* unit = "", Bound bound = Bound::kExact) {
  FigureValue v;
  v.low = v.high = n;
  v.unit = unit;
  v.bound = bound;
  v.counted = "killed";
  return v;
}

DurationValue Years(double n) {
  DurationValue v;
  v.amount = n;
  v.unit = DurationUnit::kYear;
  return v;
}

QuoteValue Quote(const char* text) {
  QuoteValue q;
  q.text = text;
  q.speaker = "Ana Ruiz";
  return q;
}

TitleValue Title(const char* surface, const char* jurisdiction = "") {
  TitleValue t;
  t.surface = surface;
  t.jurisdiction = jurisdiction;
  t.person = "Pete Hegseth";
  return t;
}

struct Want {
  bool reported;
  FindingClass cls = FindingClass::kConflict;
  Severity severity = Severity::kWarning;
  const char* rule = "";
};

std::vector<Finding> Judge(MentionKind kind, const std::vector<Claim>& claims) {
  align::ClaimGroup g;
  g.kind = kind;
  g.subject = "subject";
  g.attribute = "attr";
  g.why = "because";
  for (const Claim& c : claims) g.claims.push_back(&c);
  return CompareGroups({g}, Rules());
}

void Check(const std::vector<Finding>& got, const Want& want) {
  if (!want.reported) {
    CHECK(got.empty());
    return;
  }
  REQUIRE(got.size() == 1);
  CHECK(FindingClassName(got[0].finding_class) == std::string(FindingClassName(want.cls)));
  CHECK(SeverityName(got[0].severity) == std::string(SeverityName(want.severity)));
  CHECK(got[0].rule_id == want.rule);
  CHECK(got[0].values.size() >= 2);
  CHECK(got[0].id.size() == 16);
  CHECK(got[0].explanation == "because");
}

// Two sources, one date each, judged as one group.
std::vector<Finding> JudgeDates(const DateValue& a, const DateValue& b, const char* text_a = "x",
                                const char* text_b = "y") {
  return Judge(MentionKind::kDate, {Make("a", MentionKind::kDate, a, a.timex, text_a),
                                    Make("b", MentionKind::kDate, b, b.timex, text_b)});
}

TEST_CASE("Dates: equal, precision and conflict") {
  const DateValue feb13 = Interval("2025-02-13", "2025-02-14", Granularity::kDay, "2025-02-13");
  const DateValue feb = Interval("2025-02-01", "2025-03-01", Granularity::kMonth, "2025-02");
  const DateValue mar = Interval("2025-03-01", "2025-04-01", Granularity::kMonth, "2025-03");
  DateValue partial;  // "13 February" with no year known
  partial.timex = "XXXX-02-13";
  partial.month = 2;
  partial.day = 13;
  struct Case {
    const char* name;
    DateValue a, b;
    Want want;
  } cases[] = {
      {"same day", feb13, feb13, {false}},
      {"a day and its month", feb13, feb,
       {true, FindingClass::kPrecision, Severity::kWarning, "date-precision"}},
      {"a day and another month", feb13, mar,
       {true, FindingClass::kConflict, Severity::kError, "date-conflict"}},
      {"a day and the same day without a year", feb13, partial, {false}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Check(JudgeDates(c.a, c.b), c.want);
  }
}

TEST_CASE("Dates: the same relative words read on different publication dates") {
  auto relative = [](DateValue v) {
    v.relative = true;
    return v;
  };
  const DateValue summer25 = Interval("2025-06-01", "2025-09-01", Granularity::kSeason, "2025-SU");
  const DateValue summer26 = Interval("2026-06-01", "2026-09-01", Granularity::kSeason, "2026-SU");
  const DateValue sat23 = Interval("2025-08-23", "2025-08-24", Granularity::kDay, "2025-08-23");
  const DateValue sat30 = Interval("2025-08-30", "2025-08-31", Granularity::kDay, "2025-08-30");
  struct Case {
    const char* name;
    DateValue a, b;
    const char* text_a;
    const char* text_b;
    Want want;
  } cases[] = {
      {"a season either side of its end", relative(summer25), relative(summer26), "the summer",
       "the Summer", {true, FindingClass::kConflict, Severity::kInfo, "date-relative"}},
      {"a weekday a week apart: maybe stale", relative(sat23), relative(sat30), "Saturday",
       "Saturday", {true, FindingClass::kConflict, Severity::kWarning, "date-stale"}},
      {"other words are a conflict", relative(sat23), relative(sat30), "Saturday",
       "last Saturday", {true, FindingClass::kConflict, Severity::kError, "date-conflict"}},
      {"written out, the same words are a conflict", sat23, sat30, "August 23", "August 23",
       {true, FindingClass::kConflict, Severity::kError, "date-conflict"}},
      {"one relative, one written out", relative(summer25), summer26, "the summer",
       "the summer", {true, FindingClass::kConflict, Severity::kError, "date-conflict"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Check(JudgeDates(c.a, c.b, c.text_a, c.text_b), c.want);
  }
}

TEST_CASE("Figures: conflict, agreement of bounds, and updates") {
  struct Case {
    const char* name;
    FigureValue a, b;
    const char* published_b;
    const char* sentence_b;
    Want want;
  } cases[] = {
      {"42 and 47", Figure(42), Figure(47), "2026-03-02", "47 people were killed",
       {true, FindingClass::kConflict, Severity::kError, "figure-conflict"}},
      {"equal", Figure(42), Figure(42), "2026-03-02", "42 killed", {false}},
      {"about 40 and 42", Figure(40, "", Bound::kApprox), Figure(42), "2026-03-02", "42 killed",
       {false}},
      {"a later report says the toll rose", Figure(42), Figure(51), "2026-03-04",
       "the toll rose to 51", {true, FindingClass::kUpdate, Severity::kInfo, "figure-update"}},
      {"a later report without a word of change is a conflict", Figure(42), Figure(51),
       "2026-03-04", "51 people were killed",
       {true, FindingClass::kConflict, Severity::kError, "figure-conflict"}},
      {"rose, but published the same day", Figure(42), Figure(51), "2026-03-02",
       "the toll rose to 51", {true, FindingClass::kConflict, Severity::kError, "figure-conflict"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Check(Judge(MentionKind::kFigure,
                {Make("a", MentionKind::kFigure, c.a, "a", "a", "2026-03-02", "42 killed"),
                 Make("b", MentionKind::kFigure, c.b, "b", "b", c.published_b, c.sentence_b)}),
          c.want);
  }
}

TEST_CASE("Ages: a conflict, never an update; a birthday may fall between far articles") {
  struct Case {
    const char* name;
    double a, b;
    const char* published_a;
    const char* published_b;
    Want want;
  } cases[] = {
      {"61 and 62 on one day", 61, 62, "2026-03-02", "2026-03-02",
       {true, FindingClass::kConflict, Severity::kError, "age-conflict"}},
      {"a later article is no update", 61, 64, "2026-03-02", "2026-03-04",
       {true, FindingClass::kConflict, Severity::kError, "age-conflict"}},
      {"one year older, two months later", 61, 62, "2026-03-02", "2026-05-04",
       {true, FindingClass::kConflict, Severity::kWarning, "age-birthday"}},
      {"one year younger, two months later", 62, 61, "2026-03-02", "2026-05-04",
       {true, FindingClass::kConflict, Severity::kError, "age-conflict"}},
      {"equal", 61, 61, "2026-03-02", "2026-03-02", {false}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    FigureValue a = Figure(c.a, "years old"), b = Figure(c.b, "years old");
    a.counted = b.counted = "age";
    std::vector<Claim> claims = {
        Make("a", MentionKind::kFigure, a, "a", "a", c.published_a, "Ana Ruiz, 61, said"),
        Make("b", MentionKind::kFigure, b, "b", "b", c.published_b, "Ana Ruiz, 62, said")};
    align::ClaimGroup g;
    g.kind = MentionKind::kFigure;
    g.subject = "Ana Ruiz";
    g.attribute = "age";
    g.why = "because";
    for (const Claim& claim : claims) g.claims.push_back(&claim);
    const std::vector<Finding> got = CompareGroups({g}, Rules());
    Check(got, c.want);
    if (!got.empty()) CHECK(got[0].message.rfind("the age of \"Ana Ruiz\"", 0) == 0);
  }
}

TEST_CASE("Figures: a bound that agrees with two values does not join them") {
  // Regression: "at least 77" agrees with 77 and with 79; classes were
  // formed against their first claim, so all three became one class and
  // the 77/79 conflict was never reported.
  const std::vector<Claim> claims = {
      Make("a", MentionKind::kFigure, Figure(77, "", Bound::kAtLeast), ">=77", "At least 77"),
      Make("b", MentionKind::kFigure, Figure(77), "77", "77"),
      Make("c", MentionKind::kFigure, Figure(77), "77", "77"),
      Make("d", MentionKind::kFigure, Figure(79), "79", "79"),
  };
  const std::vector<Finding> got = Judge(MentionKind::kFigure, claims);
  REQUIRE(got.size() == 1);
  CHECK(got[0].rule_id == "figure-conflict");
  REQUIRE(got[0].values.size() == 2);
  // The bound's class is shown by a value that disagrees: 77, not ">=77".
  CHECK(got[0].values[0].normalized == "77");
  CHECK(got[0].values[0].mentions.size() == 3);
  CHECK(got[0].values[1].normalized == "79");
}

TEST_CASE("Figures: two values one article gives are not a conflict between sources") {
  // "a crowd of 32,000" and "a population of about 33,000" in one article,
  // merged by the aligner with other articles' figures.
  const std::vector<Claim> claims = {
      Make("a", MentionKind::kFigure, Figure(33000, "", Bound::kApprox), "~33000", "about 33,000"),
      Make("a", MentionKind::kFigure, Figure(32000), "32000", "32,000"),
      Make("b", MentionKind::kFigure, Figure(33000, "", Bound::kApprox), "~33000", "about 33,000"),
      Make("c", MentionKind::kFigure, Figure(32000), "32000", "32,000"),
  };
  CHECK(Judge(MentionKind::kFigure, claims).empty());
  // But an article's "dozens" agrees with its own and the other's count:
  // the two counts still conflict.
  const std::vector<Claim> headlines = {
      Make("a", MentionKind::kFigure, Figure(24, "", Bound::kSome), ">=24", "dozens"),
      Make("a", MentionKind::kFigure, Figure(65, "", Bound::kAtLeast), ">=65", "At least 65"),
      Make("b", MentionKind::kFigure, Figure(24, "", Bound::kSome), ">=24", "dozens"),
      Make("b", MentionKind::kFigure, Figure(63, "", Bound::kAtLeast), ">=63", "At least 63"),
  };
  CHECK(Judge(MentionKind::kFigure, headlines).size() == 1);
}

// The judge works on distinct values (an article may repeat one thousands
// of times): stating every claim again, in any order, changes nothing but
// the mentions listed.
TEST_CASE("Figures and dates: repeated claims judge as the claims stated once") {
  std::mt19937 random(7);
  const FigureValue figures[] = {Figure(77), Figure(77, "", Bound::kAtLeast), Figure(79),
                                 Figure(80, "", Bound::kApprox), Figure(42)};
  const DateValue dates[] = {
      Interval("2025-02-13", "2025-02-14", Granularity::kDay, "2025-02-13"),
      Interval("2025-02-01", "2025-03-01", Granularity::kMonth, "2025-02"),
      Interval("2025-03-01", "2025-04-01", Granularity::kMonth, "2025-03")};
  for (int round = 0; round < 200; ++round) {
    CAPTURE(round);
    const bool date = round % 2 == 1;
    const MentionKind kind = date ? MentionKind::kDate : MentionKind::kFigure;
    std::vector<Claim> once;
    const int n = 2 + static_cast<int>(random() % 5);
    for (int k = 0; k < n; ++k) {
      const std::string doc(1, static_cast<char>('a' + random() % 4));
      if (date) {
        const DateValue& v = dates[random() % 3];
        once.push_back(Make(doc, kind, v, v.timex, v.timex));
      } else {
        const FigureValue& v = figures[random() % 5];
        const std::string text = absl::StrCat(v.low, v.bound == Bound::kExact ? "" : "~");
        once.push_back(Make(doc, kind, v, text, text));
      }
      once.back().evidence.line = k + 1;
    }
    // Each claim twice again, after all of the first ones, in another
    // order. (As many times each: which claim shows a class depends on how
    // many claims it disagrees with.)
    std::vector<Claim> repeated = once;
    std::vector<size_t> order;
    for (size_t k = 0; k < once.size(); ++k) order.insert(order.end(), {k, k});
    std::shuffle(order.begin(), order.end(), random);
    for (size_t k : order) {
      repeated.push_back(once[k]);
      repeated.back().evidence.line = 100 + static_cast<int>(repeated.size());
    }
    const std::vector<size_t> copies(once.size(), 3);
    const std::vector<Finding> want = Judge(kind, once), got = Judge(kind, repeated);
    REQUIRE(got.size() == want.size());
    if (got.empty()) continue;
    CHECK(got[0].rule_id == want[0].rule_id);
    CHECK(got[0].message == want[0].message);
    REQUIRE(got[0].values.size() == want[0].values.size());
    for (size_t v = 0; v < got[0].values.size(); ++v) {
      CHECK(got[0].values[v].normalized == want[0].values[v].normalized);
      // The class is shown by the same claim, first stated.
      CHECK(got[0].values[v].mentions[0] == want[0].values[v].mentions[0]);
      size_t want_mentions = 0;
      for (const Evidence& e : want[0].values[v].mentions) {
        for (size_t k = 0; k < once.size(); ++k) {
          if (once[k].evidence == e) want_mentions += copies[k];
        }
      }
      CHECK(got[0].values[v].mentions.size() == want_mentions);
    }
  }
}

// Regression: values were quoted by their raw bytes ("&euro;3.1bn"), and
// then (review) still so for HTML held in JSON Lines records and standard
// input.
TEST_CASE("Findings quote a mention as its reader saw it") {
  struct Case {
    const char* path;
    const char* text;
    const char* want;
  } cases[] = {
      {"a.html", "&euro;3.1bn", "\u20ac3.1bn"},
      {"feed.jsonl", "&euro;3.2</b>&nbsp;billion", "\u20ac3.2 billion"},
      {"-", "<b>&euro;3.3</b> billion", "\u20ac3.3 billion"},
      {"a.txt", "AT&amp;T 3 billion", "AT&amp;T 3 billion"},
  };
  for (const Case& c : cases) {
    const std::string path = c.path;
    CAPTURE(path);
    Claim a = Make("a", MentionKind::kFigure, Figure(3.1e9, "EUR"), "EUR 3100000000", c.text);
    a.evidence.path = c.path;
    const Claim b = Make("b", MentionKind::kFigure, Figure(4e9, "EUR"), "EUR 4000000000", "4bn");
    const std::vector<Finding> got = Judge(MentionKind::kFigure, {a, b});
    REQUIRE(got.size() == 1);
    bool found = false;
    std::string values;
    for (const FindingValue& v : got[0].values) found |= v.value == c.want, values += v.value + "|";
    CAPTURE(values);
    CHECK(found);
  }
}

TEST_CASE("Durations: lengths and bounds") {
  DurationValue week;
  week.amount = 1;
  week.unit = DurationUnit::kWeek;
  DurationValue nine_days;
  nine_days.amount = 9;
  nine_days.unit = DurationUnit::kDay;
  DurationValue decade;
  decade.amount = 1;
  decade.unit = DurationUnit::kDecade;
  DurationValue two_weeks = week;
  two_weeks.amount = 2;
  DurationValue three_weeks = week;
  three_weeks.amount = 3;
  struct Case {
    const char* name;
    DurationValue a;
    const char* text_a;
    DurationValue b;
    const char* text_b;
    Want want;
  } cases[] = {
      {"a decade is ten years", decade, "a decade", Years(10), "10 years", {false}},
      {"five and three years", Years(5), "five-year", Years(3), "three-year",
       {true, FindingClass::kConflict, Severity::kError, "duration-conflict"}},
      {"more than a week holds nine days", week, "more than a week", nine_days, "nine days",
       {false}},
      {"up to a week does not", week, "up to a week", nine_days, "nine days",
       {true, FindingClass::kConflict, Severity::kError, "duration-conflict"}},
      {"two maximums in one unit state two lengths", two_weeks, "within two weeks",
       three_weeks, "within three weeks",
       {true, FindingClass::kConflict, Severity::kError, "duration-conflict"}},
      {"one maximum twice", two_weeks, "within two weeks", two_weeks, "within two weeks",
       {false}},
      {"two minimums in two units only differ in roundness", week, "more than a week",
       nine_days, "over nine days", {false}},
      {"a minimum below a maximum holds a length", week, "more than a week", two_weeks,
       "within two weeks", {false}},
      {"a minimum above a maximum holds none", three_weeks, "more than three weeks", two_weeks,
       "within two weeks", {true, FindingClass::kConflict, Severity::kError, "duration-conflict"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Check(Judge(MentionKind::kDuration,
                {Make("a", MentionKind::kDuration, c.a, c.text_a, c.text_a),
                 Make("b", MentionKind::kDuration, c.b, c.text_b, c.text_b)}),
          c.want);
  }
}

TEST_CASE("Quotes: verbatim, partial, spelling and rewording") {
  struct Case {
    const char* a;
    const char* b;
    Want want;
  } cases[] = {
      {"Our defence ties have never been stronger.", "Our defence ties have never been stronger.",
       {false}},
      {"defence ties have never been stronger", "Our defence ties have never been stronger.",
       {false}},
      {"Our defence ties have never been stronger.", "Our defense ties have never been stronger.",
       {true, FindingClass::kVariant, Severity::kInfo, "quote-spelling"}},
      {"We need them before winter.", "We need them before the winter.",
       {true, FindingClass::kVariant, Severity::kInfo, "quote-minor"}},
      // Regression (fresh articles): a function word that changes what is
      // said is no minor difference.
      {"The ice keeps the only honest diary this planet has.",
       "Ice keeps the most honest diary the planet has.",
       {true, FindingClass::kConflict, Severity::kWarning, "quote-conflict"}},
      {"We will sign the deal.", "We will not sign the deal.",
       {true, FindingClass::kConflict, Severity::kWarning, "quote-conflict"}},
      // British and American spellings, a dropped letter, a contraction.
      {"The centre will organise travelled workers by colour.",
       "The center will organize traveled workers by color.",
       {true, FindingClass::kVariant, Severity::kInfo, "quote-spelling"}},
      {"It was a sound judgement by the government.", "It was a sound judgment by the goverment.",
       {true, FindingClass::kVariant, Severity::kInfo, "quote-spelling"}},
      {"We will not back down until every worker gets a fair deal.",
       "We won't back down until every worker gets a fair deal.",
       {true, FindingClass::kVariant, Severity::kInfo, "quote-spelling"}},
      // Regression: one letter apart is another word, not a spelling.
      {"The company has made billions while our wages stood still.",
       "The company has made millions while our wages stood still.",
       {true, FindingClass::kConflict, Severity::kWarning, "quote-conflict"}},
      {"Prices will rise in the spring.", "Prices will rose in the spring.",
       {true, FindingClass::kConflict, Severity::kWarning, "quote-conflict"}},
      // (Review: an ending, a doubled t, z and s are words, not spellings.)
      {"We agree with the ruling later today.", "We agreed with the ruling latter today.",
       {true, FindingClass::kConflict, Severity::kWarning, "quote-conflict"}},
      {"The picture was fuzzy at first.", "The picture was fussy at first.",
       {true, FindingClass::kConflict, Severity::kWarning, "quote-conflict"}},
      {"valuable discussion on regional and global matters",
       "Appreciated the discussion on our bilateral ties as well as regional and global issues.",
       {true, FindingClass::kConflict, Severity::kWarning, "quote-conflict"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    Check(Judge(MentionKind::kQuote, {Make("a", MentionKind::kQuote, Quote(c.a), c.a, c.a),
                                      Make("b", MentionKind::kQuote, Quote(c.b), c.b, c.b)}),
          c.want);
  }
}

TEST_CASE("Titles: outdated name, alias, qualifier and another office") {
  struct Case {
    TitleValue a;
    TitleValue b;
    Want want;
  } cases[] = {
      {Title("Secretary of War", "us"), Title("Defence Secretary", "us"),
       {true, FindingClass::kVariant, Severity::kWarning, "title-outdated"}},
      {Title("Defence Minister", "in"), Title("Indian Defence Minister", "in"), {false}},
      {Title("Finance Minister", "in"), Title("Defence Minister", "in"),
       {true, FindingClass::kConflict, Severity::kError, "title-conflict"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a.surface);
    CAPTURE(c.b.surface);
    Check(Judge(MentionKind::kTitle,
                {Make("a", MentionKind::kTitle, c.a, c.a.surface, c.a.surface),
                 Make("b", MentionKind::kTitle, c.b, c.b.surface, c.b.surface)}),
          c.want);
  }
  // Titles one article gives the person together are roles held at once.
  Check(Judge(MentionKind::kTitle,
              {Make("a", MentionKind::kTitle, Title("Finance Minister", "in"), "f", "f"),
               Make("a", MentionKind::kTitle, Title("Defence Minister", "in"), "d", "d"),
               Make("b", MentionKind::kTitle, Title("Defence Minister", "in"), "d", "d")}),
        {false});
  // Against another office, two names of one office are one side
  // (regression, fresh articles: three sides put "finance chief" and "chief
  // financial officer" apart).
  {
    const auto three = Judge(
        MentionKind::kTitle,
        {Make("a", MentionKind::kTitle, Title("chief operating officer"), "o", "o"),
         Make("b", MentionKind::kTitle, Title("finance chief"), "f", "f"),
         Make("c", MentionKind::kTitle, Title("chief financial officer"), "c", "c")});
    REQUIRE(three.size() == 1);
    CHECK(three[0].rule_id == "title-conflict");
    CHECK(three[0].values.size() == 2);
  }
  // The outdated-name message says what changed and when, from the rules.
  const auto got = Judge(MentionKind::kTitle,
                         {Make("a", MentionKind::kTitle, Title("Secretary of War", "us"), "w", "w"),
                          Make("b", MentionKind::kTitle, Title("Defence Secretary", "us"), "d", "d")});
  REQUIRE(got.size() == 1);
  CHECK(got[0].message.find("2025-09-05") != std::string::npos);
}

TEST_CASE("Finding ids do not depend on where the mentions stand") {
  const DateValue a = Interval("2025-02-13", "2025-02-14", Granularity::kDay, "2025-02-13");
  const DateValue b = Interval("2025-02-01", "2025-03-01", Granularity::kMonth, "2025-02");
  Claim x = Make("a", MentionKind::kDate, a, a.timex, "x");
  Claim y = Make("b", MentionKind::kDate, b, b.timex, "y");
  const auto first = Judge(MentionKind::kDate, {x, y});
  x.evidence.offset = 999;
  x.evidence.line = 40;
  y.evidence.path = "elsewhere/b.txt";
  const auto second = Judge(MentionKind::kDate, {y, x});
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0].id == second[0].id);
}

TEST_CASE("Bad policy entries are reported at their position") {
  rules::Diagnostics diag;
  auto file = rules::ParseRuleText(
      "[[severity]]\nkind = \"date\"\nclass = \"conflict\"\nlevel = \"fatal\"\n"
      "[[severity]]\nkind = \"colour\"\nclass = \"conflict\"\nlevel = \"error\"\n"
      "[[severity]]\nrule = \"x\"\nkind = \"date\"\nlevel = \"info\"\n",
      "p.toml", &diag);
  REQUIRE(file.has_value());
  Policy policy;
  CompilePolicy({*file}, &diag, &policy);
  REQUIRE(diag.errors().size() == 3);
  CHECK(diag.errors()[0] == "p.toml:4:9: error: 'level': expected error, warning or info, saw 'fatal' [severity]");
  CHECK(diag.errors()[1].rfind("p.toml:6:8: error: 'kind': expected title, date", 0) == 0);
  CHECK(diag.errors()[2] == "p.toml:9:1: error: give either 'rule' or 'kind' and 'class', not both [x]");
}

// Second review of the day (review11).
TEST_CASE("title-finance-chief-minister: wire copy's 'finance chief' for a finance minister") {
  // fd44390 made "finance chief" the CFO only: a minister called so is
  // then in another office.
  const auto got =
      Judge(MentionKind::kTitle,
            {Make("a", MentionKind::kTitle, Title("Finance Minister"), "m", "m"),
             Make("b", MentionKind::kTitle, Title("finance chief"), "f", "f")});
  for (const auto& f : got) CHECK(f.rule_id != "title-conflict");
}

TEST_CASE("quote-intensifier: a trimmed 'very' or 'again' is a small difference") {
  // 9dab0f6 made every meaning word a conflict; an intensifier or
  // "again" does not change what is said.
  const char* pairs[][2] = {
      {"The deal is very good for the members.", "The deal is good for the members."},
      {"Trains will be running again by the summer.", "Trains will be running by the summer."},
  };
  for (const auto& p : pairs) {
    CAPTURE(p[0]);
    Check(Judge(MentionKind::kQuote, {Make("a", MentionKind::kQuote, Quote(p[0]), p[0], p[0]),
                                      Make("b", MentionKind::kQuote, Quote(p[1]), p[1], p[1])}),
          {true, FindingClass::kVariant, Severity::kInfo, "quote-minor"});
  }
}

}  // namespace
}  // namespace concord::compare
