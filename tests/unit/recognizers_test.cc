// Development set: the English date, date-period and duration specs of
// Microsoft Recognizers-Text (tests/data/recognizers, MIT). Each case's
// reference date stands in for the publication date. Prints the pass rate per
// file (extent match; for parser files also TIMEX3 match) and fails below a
// floor per file, set just under what the engine reaches.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "extract/temporal.h"
#include "re2/re2.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using json = nlohmann::json;

using ::concord::testing::Rules;

json Load(const std::string& name) {
  std::ifstream in(std::string(CONCORD_TEST_SOURCE_DIR "/tests/data/recognizers/") + name);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // BOM
  return json::parse(text);
}

std::optional<date::sys_days> Reference(const json& c) {
  if (!c.contains("Context")) return std::nullopt;
  const std::string ref = c["Context"].value("ReferenceDateTime", "");
  int y = 0;
  unsigned m = 0, d = 0;
  if (sscanf(ref.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  return date::sys_days(date::year{y} / date::month{m} / date::day{d});
}

bool Contains(const std::string& s, const char* what) {
  return s.find(what) != std::string::npos;
}

// Why a case is outside what concord extracts from news, or "" if in scope.
// `parser`: the case's value is checked too, so conventions about values
// (not extents) decide as well.
std::string OutOfScope(const json& c, bool parser) {
  const std::string not_supported = c.value("NotSupported", "");
  // Marked unsupported by the reference .NET implementation itself.
  if (Contains(not_supported, "dotnet")) return "not supported by the reference";
  if (c.contains("NotSupportedByDesign")) return "not supported by design";
  const std::string input = c.value("Input", "");
  for (const json& r : c["Results"]) {
    const std::string type = r.value("Type", r.value("TypeName", ""));
    // Clock times, time ranges and recurring sets are not what a news date
    // comparison needs.
    if (type != "date" && type != "daterange" && type != "duration") {
      return "time of day or set";
    }
    std::string timex;
    if (r.contains("Value") && r["Value"].contains("Timex")) timex = r["Value"]["Timex"];
    const std::string text = r.value("Text", "");
    // Explicit ranges ("from 4 to 22 this month", "Oct 2 - 22"): concord
    // reports their end points as dates of their own.
    static const RE2 kRange(R"((?i)\b(?:to|until|till|through|thru|and)\b|\s[-~\x{2013}]\s?|\d-\d)");
    if ((!timex.empty() && timex[0] == '(') || RE2::PartialMatch(text, kRange)) {
      return "explicit range";
    }
    // Hours, minutes and seconds do not move a news date.
    if (timex.rfind("PT", 0) == 0) return "time of day";
    // Minutes and seconds do not move a news date either.
    static const RE2 kClock(R"((?i)\d\s*-?\s*(?:min(?:ute)?s?|secs?|seconds?|h)\b|\b(?:minutes?|seconds?)\b)");
    if (RE2::PartialMatch(text, kClock)) return "time of day";
    // Vague amounts ("a few days", "several weeks") have no length to compare.
    static const RE2 kVague(R"((?i)\b(?:few|several|some|couple|another|all|full)\b)");
    if (RE2::PartialMatch(text, kVague)) return "vague amount";
    // A bare day of the month ("on 15", "the 2nd") is scheduling language.
    if (timex.rfind("XXXX-XX-", 0) == 0) return "bare day of month";
    // Calendar phrasing from scheduling assistants, not news: week of the
    // month ("the third week of this month", "first friday of july"),
    // business days, "rest of", "to date", "whole day", relative to some
    // other event ("before", "after").
    static const RE2 kCalendar(
        R"((?i)\b(?:week of|weekdays?|first|second|third|fourth|fifth|last day|rest of|to date|business days?|working days?|whole|all day|full day|left|end of|before|after|within|'s)\b)");
    if (RE2::PartialMatch(text, kCalendar)) return "calendar phrasing irrelevant to news";

    // Conventions where concord follows news practice on purpose:
    //
    // A bare day of the month ("on 15", "the 27th", "22nd") in the
    // extractor files too (the parser files' timex says it above).
    static const RE2 kBareDay(
        R"((?i)(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?|first|second|third|fourth|fifth|tenth|twentieth|thirtieth))");
    if (RE2::FullMatch(text, kBareDay)) return "bare day of month";
    // Lower-case "may", "march", "jan", "sun", "wed"... are ordinary words
    // in news; concord reads them as dates only when capitalised
    // (rules/temporal.toml case_sensitive_names).
    static const RE2 kLowerName(R"(\b(?:may|march|mar|sun|sat|wed|mon|jan)\b)");
    if (RE2::PartialMatch(text, kLowerName)) return "lower-case name that is an ordinary word";
    // Years spelt out ("nineteen seventy eight", "two thousand") do not
    // occur in news copy.
    static const RE2 kYearWords(R"((?i)\b(?:nineteen|two thousand|twenty-tens|noughties|zero one)\b)");
    if (RE2::PartialMatch(text, kYearWords)) return "year in words";
    // a/b without a year ("4/22", "22/04") and a.b ("4.22", "2015.3") are
    // fractions, scores and decimals in news; year/month digits ("2016/11",
    // "2016-11") are fiscal years and seasons ("2011/12").
    static const RE2 kNoYearNumeric(R"(\d{1,2}\s*[/.]\s*\d{1,2}|\d{4}\s*[/.\-]\s*\d{1,2}|\d{4}\.\d)");
    if (RE2::FullMatch(text, kNoYearNumeric)) return "digits that are not a date in news";
    // "next Sunday" is the coming Sunday in news (and in HeidelTime); the
    // spec means the Sunday of next week. Likewise "last Sept" is the most
    // recent September, not the one of last year.
    static const RE2 kNextWeekday(
        R"((?i)(?:next|last)\s+(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)");
    if (parser && RE2::FullMatch(text, kNextWeekday)) {
      return "'next Sunday' is the coming one in news";
    }
    // "two years ago" keeps the unit's granularity (2014), as TimeML and
    // TempEval annotate it; the spec resolves it to a day.
    static const RE2 kOffset(R"((?i)\b(?:weeks?|months?|years?)\s+(?:ago|from now|later|earlier)$)");
    static const RE2 kDayTimex(R"(\d{4}-\d\d-\d\d)");
    if (parser && RE2::PartialMatch(text, kOffset) && RE2::FullMatch(timex, kDayTimex)) {
      return "offset keeps the unit's granularity (TimeML)";
    }
    // Two readings of a numeric date: concord keeps both ("08/12/2015" is
    // 2015-08-12|2015-12-08); the spec picks the American one.
    int a = 0, b = 0;
    static const RE2 kNumericDate(R"((\d{1,2})[/.\-](\d{1,2})[/.\-,].*)");
    if (parser && RE2::FullMatch(text, kNumericDate, &a, &b) && a >= 1 && a <= 12 && b >= 1 &&
        b <= 12 && a != b) {
      return "ambiguous day-month order: both readings kept";
    }
    // An invalid calendar date ("Feb 30", "2/29/2019", "31st of November")
    // is no date for concord.
    int y = 0, m = 0, d = 0;
    static const RE2 kFullTimex(R"((\d{4}|XXXX)-(\d\d)-(\d\d))");
    std::string year_text;
    if (RE2::FullMatch(timex, kFullTimex, &year_text, &m, &d)) {
      y = year_text == "XXXX" ? 2001 : std::stoi(year_text);  // 2001: no leap day
      if (!(date::year{y} / date::month{static_cast<unsigned>(m)} /
            date::day{static_cast<unsigned>(d)}).ok()) {
        return "invalid calendar date";
      }
    }
    // A season without a year: the spec leaves the year open ("SU"),
    // concord anchors it to the publication date by tense.
    if (parser && (timex == "SP" || timex == "SU" || timex == "FA" || timex == "WI")) {
      return "season's year anchored by tense";
    }
    // "week 10" counts the weeks of an event in news ("in week two of the
    // strike"), not ISO weeks.
    static const RE2 kWeekNumber(R"((?i)week\s+\d+)");
    if (RE2::FullMatch(text, kWeekNumber)) return "'week N' counts weeks of an event";
    // Anaphora ("that year", "the same week", "that weekend") and assistant
    // phrasing ("my day", "the day", "this day", "my weekend") have no value
    // of their own in news.
    static const RE2 kAnaphora(
        R"((?i)(?:the|my|this|past|same|that)\s+(?:day|week|month|year)|(?:my|that)\s+weekend)");
    if (RE2::FullMatch(text, kAnaphora)) return "anaphora or assistant phrasing";
    // Chat abbreviations.
    static const RE2 kChat(R"((?i)tmrw|tmr|2morrow)");
    if (RE2::FullMatch(text, kChat)) return "chat abbreviation";
    // "in three weeks" is a length in news ("the first such visit in three
    // weeks"), so concord reports the duration.
    static const RE2 kInN(R"((?i)in\s+\S+\s+(?:days?|weeks?|months?|years?))");
    if (RE2::FullMatch(text, kInN)) return "'in N weeks' is a length in news";
  }
  (void)input;
  return "";
}

// TIMEX3 equality, where an 'X' in the expected value matches any character.
bool TimexMatches(const std::string& want, const std::string& got) {
  if (want.size() != got.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i] != got[i] && want[i] != 'X') return false;
  }
  return true;
}

struct Tally {
  int applicable = 0;
  int passed = 0;
  int out_of_scope = 0;
};

Tally RunFile(const std::string& name, bool parser, std::vector<std::string>* failures) {
  Tally t;
  const bool duration_file = name.rfind("Duration", 0) == 0;
  for (const json& c : Load(name)) {
    if (!OutOfScope(c, parser).empty()) {
      ++t.out_of_scope;
      continue;
    }
    ++t.applicable;
    const std::string input = c["Input"];
    std::vector<Mention> found;
    Rules().temporal.Find(input, SplitSentences(input, Rules().lexicon), Reference(c), &found);
    bool ok = true;
    for (const json& r : c["Results"]) {
      const uint32_t start = r.value("Start", 0);
      const uint32_t end = start + static_cast<uint32_t>(r.value("Length", 0));
      bool hit = false;
      for (const Mention& m : found) {
        if (m.span.begin != start || m.span.end != end) continue;
        if (!parser) {
          hit = true;
          break;
        }
        const json& v = r["Value"];
        const std::string want = v.value("Timex", "");
        bool timex_ok = TimexMatches(want, m.timex);
        // A weekday or year-less date resolved against the reference date.
        for (const char* side : {"FutureResolution", "PastResolution"}) {
          if (v.contains(side)) {
            const json& res = v[side];
            timex_ok |= res.value("date", "") == m.timex;
          }
        }
        if (timex_ok) {
          hit = true;
          break;
        }
      }
      ok &= hit;
    }
    // No expected result: the engine must find nothing.
    // No expected result: no mention of the file's category may appear
    // (a duration in a date file is not a false date).
    if (c["Results"].empty()) {
      for (const Mention& m : found) {
        const bool is_duration = m.kind == MentionKind::kDuration;
        if (is_duration == duration_file) ok = false;
      }
    }
    if (ok) {
      ++t.passed;
    } else {
      std::string line = name;
      line.append(": ").append(input).append(" | want ");
      for (const json& r : c["Results"]) {
        line.append("'").append(r.value("Text", std::string())).append("' ");
        if (r.contains("Value")) line.append(r["Value"].value("Timex", std::string()));
        line.append("; ");
      }
      line.append("| got ");
      for (const Mention& m : found) {
        line.append("'").append(input.substr(m.span.begin, m.span.size())).append("' ");
        line.append(m.timex).append("; ");
      }
      failures->push_back(std::move(line));
    }
  }
  return t;
}

TEST_CASE("Recognizers-Text English date, period and duration specs") {
  struct File {
    const char* name;
    bool parser;
    double floor;  // minimum pass rate of applicable cases
  } files[] = {
      {"DateExtractor.json", false, 0.93},
      {"DateParser.json", true, 0.93},
      {"DatePeriodExtractor.json", false, 0.93},
      {"DatePeriodParser.json", true, 0.91},
      {"DurationExtractor.json", false, 0.96},
      {"DurationParser.json", true, 0.99},
  };
  const bool verbose = getenv("RECOGNIZERS_VERBOSE") != nullptr;
  for (const File& f : files) {
    std::vector<std::string> failures;
    const Tally t = RunFile(f.name, f.parser, &failures);
    const double rate = t.applicable == 0 ? 1.0 : double(t.passed) / t.applicable;
    printf("%-26s %3d/%3d applicable passed (%.1f%%), %d out of scope\n", f.name,
           t.passed, t.applicable, 100 * rate, t.out_of_scope);
    if (verbose) {
      for (const std::string& s : failures) printf("  FAIL %s\n", s.c_str());
    }
    CHECK_MESSAGE(rate >= f.floor, f.name, " pass rate ", rate, " below ", f.floor);
  }
}

}  // namespace
}  // namespace concord::extract
