// How ingest time grows with input size on hostile, repetitive markup: for
// each pattern, parses n and 4n bytes and prints the ratio of the times
// (linear work: about 4; quadratic: about 16). Medians of 5 runs.
//
// usage: ingest_bench [MiB]   (n, default 1)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "rules/ruleset.h"

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const size_t mib = argc > 1 ? static_cast<size_t>(atoi(argv[1])) : 1;
  auto rules = concord::LoadRuleSet({concord::DefaultRulesDir(argv[0])});
  if (!rules.ok()) {
    fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return 2;
  }
  const std::string units[] = {"<a x=\"", "<p", "&#", "<!--", "<a href='x' ", "<", "&amp",
                               "<script>", "<!doctype", "\xE2\x80\x99", "a\n", "Ad3\n",
                               "<div>", "</svg>", "<svg>"};
  concord::ingest::Options options;
  options.max_bytes = 64 << 20;
  auto time_parse = [&](const std::string& unit, size_t size, concord::ingest::Format format) {
    std::string input;
    while (input.size() + unit.size() < size) input += unit;
    input += " end";
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
      const auto start = std::chrono::steady_clock::now();
      auto doc = concord::ingest::ParseArticle(input, format, "bench.txt", (*rules)->ingest,
                                               (*rules)->lexicon, options);
      (void)doc;
      runs.push_back(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return Median(runs);
  };
  printf("%-16s %-5s %10s %10s %6s\n", "pattern", "form", "n (s)", "4n (s)", "ratio");
  double worst = 0;
  for (const std::string& unit : units) {
    for (auto format : {concord::ingest::Format::kText, concord::ingest::Format::kHtml}) {
      const double small = time_parse(unit, mib << 20, format);
      const double large = time_parse(unit, 4 * (mib << 20), format);
      const double ratio = large / std::max(small, 1e-9);
      worst = std::max(worst, ratio);
      std::string shown;
      for (char c : unit) shown += (c == '\n') ? std::string("\\n") : std::string(1, c);
      printf("%-16s %-5s %10.4f %10.4f %6.1f\n", shown.c_str(),
             format == concord::ingest::Format::kText ? "text" : "html", small, large, ratio);
    }
  }
  printf("worst ratio %.1f (linear is about 4)\n", worst);
  return 0;
}
