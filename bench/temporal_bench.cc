// Temporal extraction throughput on a deterministic news-like corpus:
// sentence templates of ordinary prose, about one in three carrying a date,
// duration or figure. Reports MB/s on one thread (median of 5 runs).
//   temporal_bench [MEGABYTES [--write=FILE]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "extract/temporal.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace {

// A small deterministic generator (xorshift), so the corpus is the same on
// every machine.
struct Rng {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  size_t Pick(size_t n) { return static_cast<size_t>(Next() % n); }
};

const char* const kPlain[] = {
    "The minister said the talks had covered trade, security and energy cooperation.",
    "Officials from both countries described the discussions as constructive and forward-looking.",
    "The opposition criticised the government for failing to consult parliament before the visit.",
    "Analysts said the agreement could reshape the regional balance of power for years.",
    "The company reported a 12 percent rise in revenue, driven by strong demand in Asia.",
    "Residents of the coastal town were evacuated as the storm approached the shore.",
    "The central bank kept interest rates unchanged, citing persistent inflation risks.",
    "More than 2,000 people attended the rally in the capital, according to police estimates.",
    "The ministry declined to comment on the report, which cited unnamed sources.",
    "Six Boeing aircraft and 4A-class vessels were part of the exercise near the strait.",
    "The team won the second round after a tense finish in front of a home crowd.",
    "Critics argue that the reforms do not go far enough to protect small farmers.",
};
const char* const kDated[] = {
    "The two ministers met in Kuala Lumpur on Friday to discuss defence cooperation.",
    "The agreement, signed on October 31, 2025, runs for 10 years.",
    "Jaishankar held talks with Rubio in the same city on 27 October.",
    "The summit is scheduled to be held on November 1 in the capital.",
    "Sales fell in the second quarter of 2027 after a strong start to the year.",
    "The project, first proposed in the 1990s, is expected to be completed by mid-2026.",
    "Two days ago, the ministry announced a six-month review of the policy.",
    "The firm is expected to deliver the first jets next year, officials said yesterday.",
    "Elections will be held in August, the commission said in a statement last week.",
    "The framework, agreed late last year, covers a decade of cooperation.",
    "Inflation rose to 5.2 percent in February 2025, the highest since 2019.",
    "The deal was signed late Thursday night IST after an 18-month negotiation.",
};

std::string MakeCorpus(size_t bytes) {
  Rng rng;
  std::string text;
  text.reserve(bytes + 256);
  int in_paragraph = 0;
  while (text.size() < bytes) {
    const bool dated = rng.Pick(3) == 0;
    text += dated ? kDated[rng.Pick(std::size(kDated))] : kPlain[rng.Pick(std::size(kPlain))];
    if (++in_paragraph == 4) {
      text += "\n\n";
      in_paragraph = 0;
    } else {
      text += ' ';
    }
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  size_t megabytes = 50;
  if (argc > 1) megabytes = static_cast<size_t>(std::max(1, atoi(argv[1])));
  auto rules = concord::LoadRuleSet({concord::DefaultRulesDir(argv[0])});
  if (!rules.ok()) {
    fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return 2;
  }
  const std::string corpus = MakeCorpus(megabytes << 20);
  // --write=FILE saves the corpus (for temporal_dump) and stops.
  if (argc > 2 && strncmp(argv[2], "--write=", 8) == 0) {
    FILE* f = fopen(argv[2] + 8, "wb");
    if (f == nullptr) return 2;
    fwrite(corpus.data(), 1, corpus.size(), f);
    fclose(f);
    return 0;
  }
  const auto sentences = concord::extract::SplitSentences(corpus, (*rules)->lexicon);
  const auto published = date::sys_days(date::year{2025} / 10 / 31);
  std::vector<double> rates;
  size_t mentions = 0;
  for (int run = 0; run < 5; ++run) {
    std::vector<concord::Mention> out;
    out.reserve(1 << 20);
    const auto t0 = std::chrono::steady_clock::now();
    (*rules)->temporal.Find(corpus, sentences, published, &out);
    const auto t1 = std::chrono::steady_clock::now();
    const double secs = std::chrono::duration<double>(t1 - t0).count();
    rates.push_back(static_cast<double>(corpus.size()) / (1 << 20) / secs);
    mentions = out.size();
  }
  std::sort(rates.begin(), rates.end());
  printf("temporal_bench: %.1f MB corpus, %zu sentences, %zu mentions\n",
         static_cast<double>(corpus.size()) / (1 << 20), sentences.size(), mentions);
  printf("temporal extraction: %.1f MB/s (median of 5, one thread; min %.1f, max %.1f)\n",
         rates[2], rates[0], rates[4]);
  return 0;
}
