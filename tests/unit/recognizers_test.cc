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

namespace concord::extract {
namespace {

using json = nlohmann::json;

const RuleSet& Rules() {
  static const std::unique_ptr<RuleSet> set = [] {
    auto s = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
    REQUIRE_MESSAGE(s.ok(), s.status().message());
    return std::move(*s);
  }();
  return *set;
}

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
std::string OutOfScope(const json& c) {
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
    // weekends, business days, "rest of", "to date", "whole day", relative
    // to some other event ("before", "after").
    static const RE2 kCalendar(
        R"((?i)\b(?:week of|weekends?|weekdays?|first|second|third|fourth|fifth|last day|rest of|to date|business days?|working days?|whole|all day|full day|left|end of|before|after|within|'s)\b)");
    if (RE2::PartialMatch(text, kCalendar)) return "calendar phrasing irrelevant to news";
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
    if (!OutOfScope(c).empty()) {
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
      {"DateExtractor.json", false, 0.25},
      {"DateParser.json", true, 0.25},
      {"DatePeriodExtractor.json", false, 0.75},
      {"DatePeriodParser.json", true, 0.49},
      {"DurationExtractor.json", false, 0.80},
      {"DurationParser.json", true, 0.74},
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
