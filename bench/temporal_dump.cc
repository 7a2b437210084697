// Prints every temporal mention the engine finds in the given files, one per
// line (offset, length, kind, timex, rule), resolved against a fixed
// publication date. Used to check that a speed change leaves the output
// unchanged: dump before, dump after, diff.
//   temporal_dump [--published=YYYY-MM-DD] FILE...
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/temporal.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

int main(int argc, char** argv) {
  auto rules = concord::LoadRuleSet({concord::DefaultRulesDir(argv[0])});
  if (!rules.ok()) {
    fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return 2;
  }
  date::sys_days published = date::sys_days(date::year{2025} / 10 / 31);
  for (int i = 1; i < argc; ++i) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (sscanf(argv[i], "--published=%d-%u-%u", &y, &m, &d) == 3) {
      published = date::sys_days(date::year{y} / date::month{m} / date::day{d});
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::vector<concord::Mention> out;
    (*rules)->temporal.Find(text, concord::extract::SplitSentences(text, (*rules)->lexicon),
                            published, &out);
    for (const concord::Mention& mention : out) {
      printf("%s\t%u\t%u\t%s\t%s\t%s\t%s\n", argv[i], mention.span.begin,
             mention.span.size(), concord::MentionKindName(mention.kind),
             mention.timex.c_str(), mention.rule_id.c_str(),
             text.substr(mention.span.begin, mention.span.size()).c_str());
    }
  }
  return 0;
}
