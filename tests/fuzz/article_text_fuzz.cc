// Fuzzes the plain-text and Markdown reader: front matter, `date` lines,
// datelines, boilerplate, Unicode folding and the offset map.
#include <cstddef>
#include <cstdint>
#include <string>

#include "article_checks.h"
#include "fuzz_common.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const concord::RuleSet& rules = concord::fuzz::DefaultRules();
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const concord::ingest::Options options;
  for (const char* path : {"fuzz.txt", "fuzz.md"}) {
    absl::StatusOr<concord::Document> doc = concord::ingest::ParseArticle(
        bytes, concord::ingest::Format::kText, path, rules.ingest, rules.lexicon, options);
    if (doc.ok()) concord::fuzz::CheckDocument(*doc);
  }
  return 0;
}
