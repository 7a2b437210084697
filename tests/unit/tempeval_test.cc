// A TempEval-3-style measure on news: tests/data/tempeval/dev.tsv holds news
// sentences with their publication dates and gold TIMEX3 annotations
// (extent and value). Computes TempEval-3's relaxed extent-match F1 (a
// system expression matches a gold one it overlaps) and value F1 (a match
// counts only if the normalised values are equal; precision over the
// system's expressions, recall over the gold ones), prints both, and fails
// below floors set just under what the engine reaches.
// TEMPEVAL_VERBOSE=1 lists the misses.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "extract/temporal.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using ::concord::testing::Rules;

struct Gold {
  Span span;
  std::string value;
};

struct Sentence {
  int line = 0;
  date::sys_days published;
  std::string text;  // without the marks
  std::vector<Gold> gold;
};

// Parses "[[extent|value]]" marks out of `marked`; false on a bad mark.
bool ParseMarks(std::string_view marked, Sentence* s) {
  size_t i = 0;
  while (i < marked.size()) {
    const size_t open = marked.find("[[", i);
    if (open == std::string_view::npos) {
      s->text.append(marked.data() + i, marked.size() - i);
      break;
    }
    s->text.append(marked.data() + i, open - i);
    const size_t bar = marked.find('|', open);
    const size_t close = marked.find("]]", open);
    if (bar == std::string_view::npos || close == std::string_view::npos || bar > close) {
      return false;
    }
    Gold g;
    g.span.begin = static_cast<uint32_t>(s->text.size());
    s->text.append(marked.data() + open + 2, bar - open - 2);
    g.span.end = static_cast<uint32_t>(s->text.size());
    g.value.assign(marked.data() + bar + 1, close - bar - 1);
    if (g.span.empty() || g.value.empty()) return false;
    s->gold.push_back(std::move(g));
    i = close + 2;
  }
  return true;
}

std::vector<Sentence> LoadDevSet() {
  std::ifstream in(CONCORD_TEST_SOURCE_DIR "/tests/data/tempeval/dev.tsv");
  REQUIRE(in.good());
  std::vector<Sentence> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    REQUIRE_MESSAGE(tab != std::string::npos, "dev.tsv:", number, ": no tab");
    int y = 0;
    unsigned m = 0, d = 0;
    REQUIRE_MESSAGE(sscanf(line.substr(0, tab).c_str(), "%d-%u-%u", &y, &m, &d) == 3,
                    "dev.tsv:", number, ": bad date");
    Sentence s;
    s.line = number;
    s.published = date::sys_days(date::year{y} / date::month{m} / date::day{d});
    REQUIRE_MESSAGE(ParseMarks(std::string_view(line).substr(tab + 1), &s), "dev.tsv:",
                    number, ": bad mark");
    out.push_back(std::move(s));
  }
  return out;
}

struct Score {
  int gold = 0, system = 0, extent_matches = 0, value_matches = 0;
  static double F1(int correct, int system, int gold) {
    if (correct == 0) return 0;
    const double p = double(correct) / system;
    const double r = double(correct) / gold;
    return 2 * p * r / (p + r);
  }
  double ExtentF1() const { return F1(extent_matches, system, gold); }
  double ValueF1() const { return F1(value_matches, system, gold); }
};

// Scores one sentence: each gold expression takes the first unmatched system
// expression overlapping it, one with the same value if there is one.
void ScoreSentence(const Sentence& s, const std::vector<Mention>& found, Score* score,
                   std::vector<std::string>* misses) {
  score->gold += static_cast<int>(s.gold.size());
  score->system += static_cast<int>(found.size());
  std::vector<bool> used(found.size(), false);
  auto text_of = [&](Span span) { return s.text.substr(span.begin, span.size()); };
  for (const Gold& g : s.gold) {
    int pick = -1;
    for (size_t k = 0; k < found.size(); ++k) {
      if (used[k] || !found[k].span.Overlaps(g.span)) continue;
      if (pick < 0 || (found[k].timex == g.value && found[pick].timex != g.value)) {
        pick = static_cast<int>(k);
      }
    }
    if (pick < 0) {
      misses->push_back("missed '" + text_of(g.span) + "' " + g.value);
      continue;
    }
    used[pick] = true;
    ++score->extent_matches;
    if (found[pick].timex == g.value) {
      ++score->value_matches;
    } else {
      misses->push_back("value '" + text_of(found[pick].span) + "' " + found[pick].timex +
                        " [" + found[pick].rule_id + "], gold '" + text_of(g.span) + "' " +
                        g.value);
    }
  }
  for (size_t k = 0; k < found.size(); ++k) {
    if (!used[k]) {
      misses->push_back("spurious '" + text_of(found[k].span) + "' " + found[k].timex + " [" +
                        found[k].rule_id + "]");
    }
  }
}

TEST_CASE("Marks parse into text and gold spans") {
  Sentence s;
  REQUIRE(ParseMarks("Met on [[Friday|2025-10-31]] for [[two days|P2D]].", &s));
  CHECK(s.text == "Met on Friday for two days.");
  REQUIRE(s.gold.size() == 2);
  CHECK(s.text.substr(s.gold[0].span.begin, s.gold[0].span.size()) == "Friday");
  CHECK(s.gold[1].value == "P2D");
  Sentence bad;
  CHECK_FALSE(ParseMarks("[[Friday]]", &bad));
  CHECK_FALSE(ParseMarks("[[|2025]]", &bad));
}

TEST_CASE("Scoring follows TempEval-3's relaxed match") {
  Sentence s;
  REQUIRE(ParseMarks("In [[the 1990s|199]] and on [[Friday|2025-10-31]].", &s));
  std::vector<Mention> found(3);
  found[0].span = {7, 12};  // "1990s": overlaps, same value
  found[0].timex = "199";
  found[1].span = {24, 30};  // "Friday": overlaps, other value
  found[1].timex = "2025-10-24";
  found[2].span = {0, 2};  // "In": spurious
  found[2].timex = std::string("none");
  Score score;
  std::vector<std::string> misses;
  ScoreSentence(s, found, &score, &misses);
  CHECK(score.extent_matches == 2);
  CHECK(score.value_matches == 1);
  CHECK(misses.size() == 2);
  CHECK(Score::F1(2, 3, 2) == doctest::Approx(0.8));
}

TEST_CASE("TempEval-3-style extent and value F1 on the news development set") {
  const std::vector<Sentence> dev = LoadDevSet();
  REQUIRE(dev.size() >= 80);
  const bool verbose = getenv("TEMPEVAL_VERBOSE") != nullptr;
  Score score;
  for (const Sentence& s : dev) {
    std::vector<Mention> found;
    Rules().temporal.Find(s.text, SplitSentences(s.text, Rules().lexicon), s.published,
                          &found);
    std::vector<std::string> misses;
    ScoreSentence(s, found, &score, &misses);
    if (verbose) {
      for (const std::string& m : misses) printf("  dev.tsv:%d: %s\n", s.line, m.c_str());
    }
  }
  printf("tempeval dev: %zu sentences, %d gold, %d system; relaxed extent F1 %.1f, "
         "value F1 %.1f\n",
         dev.size(), score.gold, score.system, 100 * score.ExtentF1(),
         100 * score.ValueF1());
  // Floors just under what the engine reaches (HeidelTime's value F1 on
  // TempEval-3 is about 78).
  CHECK(score.ExtentF1() >= 0.99);
  CHECK(score.ValueF1() >= 0.99);
}

}  // namespace
}  // namespace concord::extract
