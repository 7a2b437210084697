// Fuzzes the HTML reader: tags, entities, scripts and styles, metadata and
// the offset map back to the original bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "article_checks.h"
#include "fuzz_common.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const concord::RuleSet& rules = concord::fuzz::DefaultRules();
  const concord::ingest::Options options;
  absl::StatusOr<concord::Document> doc = concord::ingest::ParseArticle(
      std::string(reinterpret_cast<const char*>(data), size), concord::ingest::Format::kHtml,
      "fuzz.html", rules.ingest, rules.lexicon, options);
  if (doc.ok()) concord::fuzz::CheckDocument(*doc);
  return 0;
}
