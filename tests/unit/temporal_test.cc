#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "extract/temporal.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using date::sys_days;

using ::concord::testing::Rules;

std::optional<sys_days> Day(const char* ymd) {
  if (ymd == nullptr) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  REQUIRE(sscanf(ymd, "%d-%u-%u", &y, &m, &d) == 3);
  return sys_days(date::year{y} / date::month{m} / date::day{d});
}

std::vector<Mention> Run(std::string_view text, std::optional<sys_days> published) {
  std::vector<Mention> out;
  const RuleSet& rules = Rules();
  rules.temporal.Find(text, SplitSentences(text, rules.lexicon), published, &out);
  return out;
}

std::string Describe(std::string_view text, const std::vector<Mention>& ms) {
  std::string s;
  for (const Mention& m : ms) {
    s.append("[").append(MentionKindName(m.kind)).append(" '");
    s.append(text.substr(m.span.begin, m.span.size())).append("' ");
    s.append(m.timex).append(" ").append(m.rule_id).append("] ");
  }
  return s;
}

struct Case {
  const char* text;
  const char* published;  // nullptr: unknown
  const char* kind;
  const char* mention;    // the mention's exact text
  const char* timex;
};

// Each sentence must yield a mention with this text, kind and TIMEX3 value.
const Case kCases[] = {
    // Absolute and partial dates.
    {"The deal was signed on October 31, 2025.", "2025-11-05", "date", "October 31, 2025", "2025-10-31"},
    {"The deal was signed on 31 October 2025.", nullptr, "date", "31 October 2025", "2025-10-31"},
    {"Officials met on Oct. 31 in Delhi.", "2025-11-03", "date", "Oct. 31", "2025-10-31"},
    {"The order came on the 31st of October.", "2025-11-03", "date", "31st of October", "2025-10-31"},
    {"Filed on 2025-10-31 by the ministry.", nullptr, "date", "2025-10-31", "2025-10-31"},
    {"The notice is dated 10/31/2025.", nullptr, "date", "10/31/2025", "2025-10-31"},
    {"The notice is dated 31/10/2025.", nullptr, "date", "31/10/2025", "2025-10-31"},
    {"Prices rose in February 2025.", nullptr, "date", "February 2025", "2025-02"},
    {"The law was passed in 2025, officials said.", nullptr, "date", "2025", "2025"},
    {"It has grown since 2019.", nullptr, "date", "2019", "2019"},
    {"The rules date from the 1990s.", nullptr, "date", "the 1990s", "199"},
    {"The plant should open by mid-2026.", nullptr, "date", "mid-2026", "2026"},
    {"Work began in early March.", "2025-10-31", "date", "early March", "2025-03"},
    {"The plan was drafted late last year.", "2025-10-31", "date", "late last year", "2024"},
    {"Output will peak in the second quarter of 2027.", nullptr, "date", "the second quarter of 2027", "2027-Q2"},
    {"Output will peak in Q2 2027.", nullptr, "date", "Q2 2027", "2027-Q2"},
    {"Revenue rose in H1 2026.", nullptr, "date", "H1 2026", "2026-H1"},
    {"The budget for fiscal 2026 was approved.", nullptr, "date", "fiscal 2026", "FY2026"},
    {"It happened in the summer of 2024.", nullptr, "date", "summer of 2024", "2024-SU"},
    // Relative to the publication date: the weekday tense policy.
    {"The two ministers met on Friday.", "2025-10-31", "date", "Friday", "2025-10-31"},
    {"The agreement was signed on Friday.", "2025-10-31", "date", "Friday", "2025-10-31"},
    {"The agreement was signed on Friday.", "2025-11-03", "date", "Friday", "2025-10-31"},
    {"Singh is scheduled to meet Hegseth on Friday.", "2025-10-30", "date", "Friday", "2025-10-31"},
    // Regressions: the saying after the clause does not set its tense, and
    // an "-ed" adjective is no past verb.
    {"Members can buy tickets for the final from Monday.", "2026-03-07", "date", "Monday",
     "2026-03-09"},
    {"India will charge a duty on imported cells from March 3, the ministry said.",
     "2026-03-02", "date", "March 3", "2026-03-03"},
    {"The deal, which still has to be ratified by members on March 12, raises pay.",
     "2026-03-05", "date", "March 12", "2026-03-12"},
    {"Rubio will visit Kuala Lumpur on Friday.", "2025-10-27", "date", "Friday", "2025-10-31"},
    {"Talks continue on Friday", "2025-10-28", "date", "Friday", "2025-10-31"},
    {"Modi to meet Trump on Monday", "2025-10-31", "date", "Monday", "2025-11-03"},
    // Regression: "cut" is past as well as present; a central bank's rate
    // cut "on Wednesday" in Thursday's paper was read as next Wednesday.
    {"The bank cut its rate to 2.25 percent on Wednesday.", "2026-02-05", "date", "Wednesday",
     "2026-02-04"},
    {"The storm hit the coast on Monday.", "2026-02-05", "date", "Monday", "2026-02-02"},
    {"The bank will cut its rate on Wednesday.", "2026-02-05", "date", "Wednesday", "2026-02-11"},
    {"The bank plans to cut its rate on Wednesday.", "2026-02-05", "date", "Wednesday",
     "2026-02-11"},
    {"The storm will hit the coast on Monday.", "2026-02-05", "date", "Monday", "2026-02-09"},
    {"Forecasters say it'll hit the coast on Monday.", "2026-02-05", "date", "Monday",
     "2026-02-09"},
    // Regression (review): a date opening the sentence, set off by commas
    // from the clause it dates.
    {"On Monday, after heavy rain, 17 people were killed.", "2026-05-13", "date", "Monday",
     "2026-05-11"},
    {"On Friday, the union will meet again.", "2026-05-13", "date", "Friday", "2026-05-15"},
    // Regressions (review): "cut", "set", "cost" as nouns or participles,
    // and an opening date over an insert.
    {"The bank is expected to announce a rate cut on Thursday.", "2026-11-17", "date",
     "Thursday", "2026-11-19"},
    {"The final, set for Sunday, will be played in Bergen.", "2026-11-17", "date", "Sunday",
     "2026-11-22"},
    {"The government will publish the cost of the plan on Wednesday.", "2026-11-17", "date",
     "Wednesday", "2026-11-18"},
    {"On Thursday, the minister, who resigned last year, will present the plan.", "2026-11-17",
     "date", "Thursday", "2026-11-19"},
    {"On Friday, as markets opened, the company will report results.", "2026-11-17", "date",
     "Friday", "2026-11-20"},
    {"The storm hit on Monday.", "2026-11-17", "date", "Monday", "2026-11-16"},
    {"The bank cut its rates on Tuesday.", "2026-11-19", "date", "Tuesday", "2026-11-17"},
    {"He spoke to reporters last Tuesday.", "2025-10-31", "date", "last Tuesday", "2025-10-28"},
    {"They will meet again next Monday.", "2025-10-31", "date", "next Monday", "2025-11-03"},
    {"Markets fell today.", "2025-10-31", "date", "today", "2025-10-31"},
    {"Markets fell yesterday.", "2025-10-31", "date", "yesterday", "2025-10-30"},
    {"Markets open tomorrow.", "2025-10-31", "date", "tomorrow", "2025-11-01"},
    {"The report came out last week.", "2025-10-31", "date", "last week", "2025-W43"},
    {"He arrived earlier this week.", "2025-10-31", "date", "earlier this week", "2025-W44"},
    {"Sales rose this month.", "2025-10-31", "date", "this month", "2025-10"},
    {"Elections are due next year.", "2025-10-31", "date", "next year", "2026"},
    {"The vote was held two days ago.", "2025-10-31", "date", "two days ago", "2025-10-29"},
    // Bare month and day-month by tense.
    {"The talks began in August.", "2025-10-31", "date", "August", "2025-08"},
    {"The talks will resume in August.", "2025-10-31", "date", "August", "2026-08"},
    {"The rules were proposed on February 13.", "2025-10-31", "date", "February 13", "2025-02-13"},
    {"The firm is expected to deliver the jets on 1 November.", "2025-10-30", "date", "1 November", "2025-11-01"},
    {"The summit is scheduled to be held on November 1.", "2025-10-30", "date", "November 1", "2025-11-01"},
    {"Jaishankar met Rubio in the same city on 27 October.", "2025-10-31", "date", "27 October", "2025-10-27"},
    // Durations.
    {"They signed a 10-year agreement.", "2025-10-31", "duration", "10-year", "P10Y"},
    {"The pact runs for 10 years.", nullptr, "duration", "10 years", "P10Y"},
    {"It took a decade to build.", nullptr, "duration", "a decade", "P10Y"},
    {"The trial lasted six months.", nullptr, "duration", "six months", "P6M"},
    {"An 18-month review began.", nullptr, "duration", "18-month", "P18M"},
    {"He was away for a fortnight.", nullptr, "duration", "a fortnight", "P2W"},
    {"It lasted two-and-a-half years.", nullptr, "duration", "two-and-a-half years", "P2.5Y"},
    {"It lasted a dozen years.", nullptr, "duration", "a dozen years", "P12Y"},
    {"Prices will rise over the next six months.", nullptr, "duration", "over the next six months", "P6M"},
    // Times that fix the date, the present, sets.
    {"The deal was signed late Thursday night IST.", "2025-10-31", "time", "late Thursday night IST", "2025-10-30TNI"},
    {"He landed this morning.", "2025-10-31", "time", "this morning", "2025-10-31TMO"},
    {"Prices are currently high.", "2025-10-31", "date", "currently", "PRESENT_REF"},
    {"The council meets every Monday.", nullptr, "set", "every Monday", "XXXX-WXX-1"},
    {"The index is published weekly.", nullptr, "set", "weekly", "P1W"},
    // Regressions (issue 3): the sentence splitter broke a date at the
    // period of its month or day ("October. 2", "16. Nov. 2016").
    {"Officials met on Oct. 2 in Delhi.", "2025-10-05", "date", "Oct. 2", "2025-10-02"},
    {"Officials met on October. 2 in Delhi.", "2025-10-05", "date", "October. 2", "2025-10-02"},
    {"They met on 16. Nov. 2016 in Bonn.", nullptr, "date", "16. Nov. 2016", "2016-11-16"},
    // Regression (issue 3): a decade keeps its article, as TimeML marks it.
    {"In the 1970s, the party ruled.", nullptr, "date", "the 1970s", "197"},
    {"Music of the '80s returned.", "2025-10-31", "date", "the '80s", "198"},
    // Regression (issue 3): a verb that moves an event later points forward
    // although it is past ("postponed to", "delayed until", "moved to",
    // "pushed back to").
    {"The hearing was postponed to Nov. 12 at the request of the defence.", "2025-10-31", "date",
     "Nov. 12", "2025-11-12"},
    {"The launch was delayed until March 3.", "2026-02-20", "date", "March 3", "2026-03-03"},
    {"The final was moved to Sunday.", "2025-10-29", "date", "Sunday", "2025-11-02"},
    {"The vote has been pushed back to January 14.", "2025-12-01", "date", "January 14",
     "2026-01-14"},
    {"The court adjourned the case until March 28.", "2024-03-14", "date", "March 28",
     "2024-03-28"},
    // Regression (fresh articles): a participle after "stay" or "remain" is
    // no past; "died" is.
    {"The line will stay closed until Monday, the operator said.", "2026-05-14", "date",
     "Monday", "2026-05-18"},
    {"The road stayed closed until Monday.", "2026-05-14", "date", "Monday", "2026-05-11"},
    {"Halvard, who died on Saturday aged 88, taught for decades.", "2026-05-14", "date",
     "Saturday", "2026-05-09"},
    // A present perfect is past; a hearing "set for" a day is to come.
    {"Renzetti has been charged with arson after Wednesday's fire.", "2026-11-21", "date",
     "Wednesday", "2026-11-18"},
    {"The hearing has been set for Monday.", "2026-11-21", "date", "Monday", "2026-11-23"},
    // Regression (issue 3): "this weekend" is Saturday and Sunday, not the
    // whole week; "the weekend" follows the tense.
    {"Forecasters warned of more rain this weekend.", "2023-07-05", "date", "this weekend",
     "2023-W27-WE"},
    {"Crowds gathered last weekend.", "2023-07-05", "date", "last weekend", "2023-W26-WE"},
    {"Protesters marched over the weekend.", "2023-07-03", "date", "the weekend", "2023-W26-WE"},
    {"More storms are expected over the weekend.", "2023-07-05", "date", "the weekend",
     "2023-W27-WE"},
    // Regression (issue 3): "the past decade" is the ten years up to now, a
    // length, not the calendar decade before this one.
    {"The region has seen three major floods in the past decade.", "2023-07-05", "duration",
     "the past decade", "P10Y"},
    // Regression (issue 3): "a year" as a rate is a set (see also the table
    // of rates below).
    {"The mine will ship 300,000 tonnes a year.", "2025-10-31", "set", "a year", "P1Y"},
    {"The board meets twice a year.", "2025-10-31", "set", "twice a year", "P1Y"},
    // The tail of a number starts no match; thousands separators are part
    // of a number.
    {"The index closed at 6,107.31 August 2019 was a record.", nullptr, "date", "August 2019",
     "2019-08"},
    {"The city is 2,500 years old.", nullptr, "duration", "2,500 years", "P2500Y"},
    // A weekday with its date in brackets, as agencies write it.
    {"Modi met Trump on Friday (October 31) in Delhi.", "2025-11-01", "date", "Friday (October 31)",
     "2025-10-31"},
    // A weekday with a day and month picks the year (and the reading of
    // a/b) where the day falls on it.
    {"The accord was signed on Friday, November 7.", "2025-11-03", "date", "Friday, November 7",
     "2025-11-07"},
    {"The panel meets Friday 7/6 in the capital.", "2019-06-01", "date", "Friday 7/6",
     "2019-06-07"},
    // Without a publication date relative values stay unresolved.
    {"They met on 27 October.", nullptr, "date", "27 October", "XXXX-10-27"},
    {"They met on Friday.", nullptr, "date", "Friday", "XXXX-WXX-5"},
    {"They met in August.", nullptr, "date", "August", "XXXX-08"},
};

TEST_CASE("Temporal expressions are found and resolved") {
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    CAPTURE(c.published);
    const auto found = Run(c.text, Day(c.published));
    const std::string_view text(c.text);
    bool ok = false;
    for (const Mention& m : found) {
      if (text.substr(m.span.begin, m.span.size()) == c.mention &&
          std::string(MentionKindName(m.kind)) == c.kind && m.timex == c.timex) {
        ok = true;
        CHECK(m.value_text == m.timex);
        CHECK_FALSE(m.rule_id.empty());
      }
    }
    CHECK_MESSAGE(ok, "found: ", Describe(text, found));
  }
}

TEST_CASE("Resolved values carry intervals; unresolved ones carry what is known") {
  {
    const auto ms = Run("They met on Friday.", Day("2025-10-31"));
    REQUIRE(ms.size() == 1);
    const auto& v = std::get<DateValue>(ms[0].value);
    CHECK(v.resolved);
    CHECK(v.relative);
    REQUIRE(v.alternatives.size() == 1);
    CHECK(v.alternatives[0].begin == *Day("2025-10-31"));
    CHECK(v.alternatives[0].end == *Day("2025-11-01"));
    CHECK(v.alternatives[0].granularity == Granularity::kDay);
  }
  {
    const auto ms = Run("They met on 27 October.", std::nullopt);
    REQUIRE(ms.size() == 1);
    const auto& v = std::get<DateValue>(ms[0].value);
    CHECK_FALSE(v.resolved);
    CHECK(v.month == 10);
    CHECK(v.day == 27);
    CHECK(v.alternatives.empty());
  }
  {
    // Absolute dates resolve without a publication date.
    const auto ms = Run("Prices rose in February 2025.", std::nullopt);
    REQUIRE(ms.size() == 1);
    const auto& v = std::get<DateValue>(ms[0].value);
    CHECK(v.resolved);
    CHECK_FALSE(v.relative);
    CHECK(v.alternatives[0].granularity == Granularity::kMonth);
  }
  {
    const auto ms = Run("Sales fell in the 1990s.", std::nullopt);
    REQUIRE(ms.size() == 1);
    const auto& v = std::get<DateValue>(ms[0].value);
    CHECK(v.alternatives[0].begin == *Day("1990-01-01"));
    CHECK(v.alternatives[0].end == *Day("2000-01-01"));
    CHECK(v.alternatives[0].granularity == Granularity::kDecade);
  }
  {
    // "the week beginning 4 February": seven days from that day.
    const auto ms = Run("Talks resume in the week beginning 4 February 2019.", std::nullopt);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].timex == "2019-02-04");
    const auto& v = std::get<DateValue>(ms[0].value);
    CHECK(v.alternatives[0].begin == *Day("2019-02-04"));
    CHECK(v.alternatives[0].end == *Day("2019-02-11"));
    CHECK(v.alternatives[0].granularity == Granularity::kWeek);
  }
  {
    // Saturday and Sunday.
    const auto ms = Run("Rain is due this weekend.", Day("2023-07-05"));
    REQUIRE(ms.size() == 1);
    const auto& v = std::get<DateValue>(ms[0].value);
    CHECK(v.alternatives[0].begin == *Day("2023-07-08"));
    CHECK(v.alternatives[0].end == *Day("2023-07-10"));
  }
  {
    const auto ms = Run("They signed a 10-year agreement.", std::nullopt);
    REQUIRE(ms.size() == 1);  // the duration alone claims "10-year"
    const auto& d = std::get<DurationValue>(ms[0].value);
    CHECK(d.amount == 10);
    CHECK(d.unit == DurationUnit::kYear);
  }
}

TEST_CASE("An ambiguous numeric date carries both readings") {
  const auto ms = Run("The letter is dated 03/04/2025.", std::nullopt);
  REQUIRE(ms.size() == 1);
  const auto& v = std::get<DateValue>(ms[0].value);
  REQUIRE(v.alternatives.size() == 2);
  CHECK(v.alternatives[0].begin == *Day("2025-03-04"));
  CHECK(v.alternatives[1].begin == *Day("2025-04-03"));
  CHECK(ms[0].timex == "2025-03-04|2025-04-03");
  // One reading only when the other is impossible, or both are the same.
  CHECK(Run("dated 13/04/2025", std::nullopt).size() == 1);
  CHECK(std::get<DateValue>(Run("dated 13/04/2025", std::nullopt)[0].value)
            .alternatives.size() == 1);
  CHECK(std::get<DateValue>(Run("dated 04/04/2025", std::nullopt)[0].value)
            .alternatives.size() == 1);
}

// None of these may yield any temporal mention.
const char* const kCounterExamples[] = {
    "the second round",
    "Group 4A",
    "Sector 73 20 km away",
    "a 100M budget",
    "the P-8I aircraft",
    "@SecRubio wrote",
    "the Ad3 vector",
    "50 percent of voters",
    "six Boeing aircraft",
    "February 30",
    "on 31 February 2025",
    "2025 people marched",
    "In 2025 people marched",
    "about 2025 troops",
    "The Sun reported it.",
    "It may rain.",
    "They march on.",
    "a quarter of the votes",
    "the second half of the match",
    "the H-1B visa",
};

// Regression (issue 3): "a year" used as a rate is neither a length nor a
// date.
const char* const kRates[] = {
    "The mine will ship 300,000 tonnes a year.",
    "It will supply 60,000 tonnes of spodumene concentrate a year to India.",
    "The board meets twice a year.",
    "Inspectors visit three times a week.",
    "The contract is worth $50m a year.",
    "Prices have risen 3% a year since then.",
    "Nurses earn $300 a day.",
    "The site draws millions of visitors a year.",
};

TEST_CASE("A rate is no duration or date") {
  for (const char* text : kRates) {
    CAPTURE(text);
    const auto found = Run(text, Day("2025-10-31"));
    bool set = false;
    for (const Mention& m : found) {
      CHECK_MESSAGE(m.kind != MentionKind::kDuration, Describe(text, found));
      CHECK_MESSAGE(m.kind != MentionKind::kDate, Describe(text, found));
      set |= m.kind == MentionKind::kSet;
    }
    CHECK_MESSAGE(set, Describe(text, found));
  }
  // A length stays a length.
  for (const char* text : {"Three people spent a year in jail.", "He was jailed for a year.",
                           "In 2019 he spent a year abroad.", "It took a year to build."}) {
    CAPTURE(text);
    const std::string_view view(text);
    const auto found = Run(text, Day("2025-10-31"));
    bool length = false;
    for (const Mention& m : found) {
      CHECK(m.kind != MentionKind::kSet);
      length |= m.kind == MentionKind::kDuration &&
                view.substr(m.span.begin, m.span.size()) == "a year";
    }
    CHECK_MESSAGE(length, Describe(text, found));
  }
}

TEST_CASE("Numbers that are not dates stay numbers") {
  for (const char* text : kCounterExamples) {
    CAPTURE(text);
    const auto found = Run(text, Day("2025-10-31"));
    CHECK_MESSAGE(found.empty(), Describe(text, found));
  }
}

DateValue Resolved(const char* begin, const char* end, Granularity g,
                   bool approximate = false) {
  DateValue v;
  v.resolved = true;
  v.alternatives.push_back({*Day(begin), *Day(end), g});
  v.approximate = approximate;
  return v;
}

DateValue Partial(unsigned month, unsigned day) {
  DateValue v;
  v.month = month;
  v.day = day;
  v.relative = true;
  return v;
}

TEST_CASE("CompareDates") {
  const DateValue oct31 = Resolved("2025-10-31", "2025-11-01", Granularity::kDay);
  const DateValue oct30 = Resolved("2025-10-30", "2025-10-31", Granularity::kDay);
  const DateValue oct = Resolved("2025-10-01", "2025-11-01", Granularity::kMonth);
  const DateValue feb13 = Resolved("2025-02-13", "2025-02-14", Granularity::kDay);
  const DateValue feb = Resolved("2025-02-01", "2025-03-01", Granularity::kMonth);
  const DateValue y2025 = Resolved("2025-01-01", "2026-01-01", Granularity::kYear);
  const DateValue y2024 = Resolved("2024-01-01", "2025-01-01", Granularity::kYear);
  DateValue ambiguous = Resolved("2025-03-04", "2025-03-05", Granularity::kDay);
  ambiguous.alternatives.push_back({*Day("2025-04-03"), *Day("2025-04-04"), Granularity::kDay});
  const DateValue apr3 = Resolved("2025-04-03", "2025-04-04", Granularity::kDay);
  const DateValue may1 = Resolved("2025-05-01", "2025-05-02", Granularity::kDay);
  DateValue weekday;
  weekday.timex = "XXXX-WXX-5";
  weekday.relative = true;
  struct C {
    DateValue a, b;
    TemporalRelation want;
  } cases[] = {
      {oct31, oct31, TemporalRelation::kEqual},
      {oct31, oct30, TemporalRelation::kConflict},
      {feb13, feb, TemporalRelation::kPrecision},
      {feb, feb13, TemporalRelation::kPrecision},
      {oct31, y2025, TemporalRelation::kPrecision},
      {oct31, y2024, TemporalRelation::kConflict},
      {feb, oct, TemporalRelation::kConflict},
      {ambiguous, apr3, TemporalRelation::kEqual},
      {apr3, ambiguous, TemporalRelation::kEqual},
      {ambiguous, may1, TemporalRelation::kConflict},
      {Partial(10, 27), Resolved("2025-10-27", "2025-10-28", Granularity::kDay), TemporalRelation::kEqual},
      {Resolved("2025-10-27", "2025-10-28", Granularity::kDay), Partial(10, 27), TemporalRelation::kEqual},
      {Partial(10, 27), oct31, TemporalRelation::kConflict},
      {Partial(10, 27), Partial(10, 27), TemporalRelation::kEqual},
      {Partial(10, 27), Partial(10, 28), TemporalRelation::kConflict},
      {Partial(10, 27), oct, TemporalRelation::kPrecision},
      {weekday, oct31, TemporalRelation::kUnknown},
      {oct31, weekday, TemporalRelation::kUnknown},
      {weekday, weekday, TemporalRelation::kUnknown},
  };
  int i = 0;
  for (const C& c : cases) {
    CAPTURE(i++);
    CHECK(std::string(TemporalRelationName(CompareDates(c.a, c.b))) ==
          TemporalRelationName(c.want));
  }
}

DurationValue Dur(double amount, DurationUnit unit, bool approximate = false) {
  DurationValue d;
  d.amount = amount;
  d.unit = unit;
  d.approximate = approximate;
  return d;
}

TEST_CASE("CompareDurations") {
  struct C {
    DurationValue a, b;
    TemporalRelation want;
  } cases[] = {
      {Dur(10, DurationUnit::kYear), Dur(1, DurationUnit::kDecade), TemporalRelation::kEqual},
      {Dur(18, DurationUnit::kMonth), Dur(1.5, DurationUnit::kYear), TemporalRelation::kEqual},
      {Dur(2, DurationUnit::kWeek), Dur(14, DurationUnit::kDay), TemporalRelation::kEqual},
      {Dur(12, DurationUnit::kMonth), Dur(1, DurationUnit::kYear), TemporalRelation::kEqual},
      {Dur(10, DurationUnit::kYear), Dur(9, DurationUnit::kYear), TemporalRelation::kConflict},
      {Dur(10, DurationUnit::kYear, true), Dur(9.5, DurationUnit::kYear), TemporalRelation::kEqual},
      {Dur(10, DurationUnit::kYear, true), Dur(8, DurationUnit::kYear), TemporalRelation::kConflict},
      {Dur(6, DurationUnit::kMonth), Dur(1, DurationUnit::kYear), TemporalRelation::kConflict},
  };
  int i = 0;
  for (const C& c : cases) {
    CAPTURE(i++);
    CHECK(std::string(TemporalRelationName(CompareDurations(c.a, c.b))) ==
          TemporalRelationName(c.want));
  }
}

TEST_CASE("Values found in text compare as the issue asks") {
  auto first_date = [](const char* text, const char* published) {
    const auto ms = Run(text, Day(published));
    REQUIRE(!ms.empty());
    return std::get<DateValue>(ms[0].value);
  };
  // One event reported by two outlets on different days.
  CHECK(CompareDates(first_date("The ministers met on Friday.", "2025-10-31"),
                     first_date("The ministers met on October 31.", "2025-11-02")) ==
        TemporalRelation::kEqual);
  CHECK(CompareDates(first_date("The ministers met on Friday.", "2025-10-31"),
                     first_date("The ministers met on October 30.", "2025-11-02")) ==
        TemporalRelation::kConflict);
  CHECK(CompareDates(first_date("They met on 27 October.", nullptr),
                     first_date("They met on October 27, 2025.", nullptr)) ==
        TemporalRelation::kEqual);
}

struct BadRule {
  const char* toml;
  const char* error;
};

const BadRule kBadRules[] = {
    {"[[temporal.rule]]\nid = \"r1\"\nkind = \"date\"\nnormalize = \"date\"\npattern = 'x'\ncolour = 1\n",
     "bad.toml:6:10: error: unknown key 'colour' [r1]"},
    {"[[temporal.rule]]\nid = \"r2\"\nkind = \"date\"\nnormalize = \"date\"\npattern = 5\n",
     "bad.toml:5:11: error: 'pattern': expected a string, saw an integer [r2]"},
    {"[[temporal.rule]]\nid = \"r3\"\nkind = \"date\"\nnormalize = \"date\"\npattern = '(x'\n",
     "bad.toml:5:11: error: invalid pattern: missing ): (x at '(x' [r3]"},
    {"[[temporal.rule]]\nid = \"r4\"\nkind = \"date\"\nnormalize = \"date\"\npattern = '{nope} x'\n",
     "bad.toml:5:11: error: unknown fragment '{nope}' [r4]"},
    {"[[temporal.rule]]\nid = \"r5\"\nkind = \"moment\"\nnormalize = \"date\"\npattern = 'x'\n",
     "bad.toml:3:8: error: unknown kind 'moment' (expected date, time, duration or set) [r5]"},
    {"[[temporal.rule]]\nid = \"r6\"\nkind = \"date\"\nnormalize = \"guess\"\npattern = 'x'\n",
     "bad.toml:4:13: error: unknown normalize function 'guess' [r6]"},
    {"[[temporal.rule]]\nid = \"r7\"\nkind = \"date\"\nnormalize = \"date\"\n",
     "bad.toml:1:1: error: missing required key 'pattern' [r7]"},
    {"[[temporal.rule]]\nid = \"r8\"\nkind = \"date\"\nnormalize = \"relative\"\nunit = \"fortnightly\"\npattern = 'x'\n",
     "bad.toml:5:8: error: unknown unit 'fortnightly' [r8]"},
    {"[[temporal.rule]]\nid = \"r9\"\nkind = \"date\"\nnormalize = \"date\"\npattern = 'x'\nexamples = [{text = \"x\", timex = 5}]\n",
     "bad.toml:6:34: error: 'timex': expected a string, saw an integer [r9]"},
    {"[temporal]\nanchors = 3\n",
     "bad.toml:2:11: error: 'anchors': expected an array of strings, saw an integer [temporal]"},
};

TEST_CASE("Bad temporal rules are reported at their position") {
  for (const BadRule& b : kBadRules) {
    CAPTURE(b.toml);
    rules::Diagnostics diag;
    auto file = rules::ParseRuleText(b.toml, "bad.toml", &diag);
    REQUIRE(file.has_value());
    TemporalEngine engine;
    engine.Compile({*file}, Rules().lexicon, &diag);
    REQUIRE(diag.errors().size() == 1);
    CHECK(diag.errors()[0] == b.error);
  }
}

TEST_CASE("Every temporal rule example passes") {
  std::vector<rules::ExampleResult> results;
  Rules().temporal.RunExamples(&results);
  CHECK(results.size() > 80);
  for (const auto& r : results) {
    CHECK_MESSAGE(r.passed, r.pos.path, ":", r.pos.line, ": ", r.message);
  }
}

}  // namespace
}  // namespace concord::extract

namespace concord::extract {
namespace {

// Find keeps what it found in a sentence for the next time it sees the same
// sentence; what it then gives must not depend on that.
TEST_CASE("A sentence seen before yields what a fresh engine yields") {
  struct Doc {
    const char* text;
    const char* published;
  };
  const Doc docs[] = {
      {"It began on 3 March 2025. Two days later, the deal was signed. Talks continue on "
       "Friday.",
       "2025-03-20"},
      // The same sentences after another date: "two days later" moves.
      {"It began on 10 March 2025. Two days later, the deal was signed. Talks continue on "
       "Friday.",
       "2025-03-20"},
      // Another publication date: "Friday" moves.
      {"It began on 10 March 2025. Two days later, the deal was signed. Talks continue on "
       "Friday.",
       "2025-04-02"},
      {"It began on 10 March 2025. Two days later, the deal was signed. Talks continue on "
       "Friday.",
       nullptr},
      {"Two days later, the deal was signed. Talks continue on Friday.", "2025-04-02"},
      // One match text at the start, inside and at the end of sentences
      // (its groups are kept by its bytes and what stands around them).
      {"5th March 2025 was a Wednesday. They met on the 5th March 2025. It was "
       "5th March 2025", "2025-04-02"},
      {"Six months later it was over. It lasted six months, not six months and a half.",
       "2025-04-02"},
  };
  // Each document with its own engine (a new engine starts with no memo).
  std::vector<std::vector<Mention>> fresh;
  for (const Doc& d : docs) {
    auto rules = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
    REQUIRE(rules.ok());
    std::vector<Mention> out;
    (*rules)->temporal.Find(d.text, SplitSentences(d.text, (*rules)->lexicon), Day(d.published),
                            &out);
    fresh.push_back(std::move(out));
  }
  // All with one engine, twice over.
  for (int round = 0; round < 2; ++round) {
    for (size_t k = 0; k < std::size(docs); ++k) {
      CAPTURE(round);
      CAPTURE(docs[k].text);
      const std::vector<Mention> again = Run(docs[k].text, Day(docs[k].published));
      CHECK_MESSAGE(again == fresh[k], Describe(docs[k].text, again), " vs ",
                    Describe(docs[k].text, fresh[k]));
    }
  }
  REQUIRE(fresh[0].size() == 3);
  REQUIRE(fresh[1].size() == 3);
  CHECK(fresh[0][1].timex == "2025-03-05");
  CHECK(fresh[1][1].timex == "2025-03-12");
  CHECK(fresh[1][2].timex != fresh[2][2].timex);
}

// Each text, read on `published`, gives a mention of its timex.
struct TimexCase {
  const char* text;
  const char* timex;
};
void CheckTimexes(const std::vector<TimexCase>& cases, const char* published) {
  for (const TimexCase& c : cases) {
    CAPTURE(c.text);
    const auto found = Run(c.text, Day(published));
    bool ok = false;
    for (const Mention& m : found) ok = ok || m.timex == c.timex;
    CHECK_MESSAGE(ok, "found: ", Describe(c.text, found));
  }
}

// Second review of the day (review11): "remains"/"stays" + participle made
// the tense unclear, and a past event then resolves to the coming weekday.
TEST_CASE("participle-after-remains: a state that remains after a past event") {
  CheckTimexes({{"The road remains closed after a crash on Friday.", "2026-05-01"},
                {"Thousands remain stranded after flooding on Friday.", "2026-05-01"},
                {"The court's stay imposed on Friday remains in force.", "2026-05-01"}},
               "2026-05-06");
}

// Second review (review11): "died", "fled" as past cues (e96c59a) in a
// relative clause date the main clause's event in the past.
TEST_CASE("past-cue-relative-clause: 'those who died' does not date the vigil") {
  CheckTimexes(
      {{"A vigil for those who died is planned for Friday.", "2026-05-08"},
       {"Residents who fled the fire can return home on Friday, officials said.", "2026-05-08"}},
      "2026-05-06");
}

}  // namespace
}  // namespace concord::extract
