// Fuzzes the extractors: the input is read as a plain-text article
// published on a fixed date, then every mention and claim is found. Every
// mention's span lies inside the text and its evidence inside the original.
#include <cstddef>
#include <cstdint>
#include <string>

#include "date/date.h"
#include "extract/extract.h"
#include "article_checks.h"
#include "fuzz_common.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const concord::RuleSet& rules = concord::fuzz::DefaultRules();
  concord::ingest::Options options;
  options.published = date::sys_days(date::year(2025) / 10 / 31);
  absl::StatusOr<concord::Document> doc = concord::ingest::ParseArticle(
      std::string(reinterpret_cast<const char*>(data), size), concord::ingest::Format::kText,
      "fuzz.txt", rules.ingest, rules.lexicon, options);
  if (!doc.ok()) return 0;
  for (const concord::Mention& m : concord::extract::FindMentions(*doc, rules)) {
    if (m.span.end > doc->text.size() || m.span.begin > m.span.end) {
      concord::fuzz::Fail("mention outside the text");
    }
  }
  // Evidence is the original bytes the mention came from.
  for (const concord::Claim& c : concord::extract::ExtractDocument(*doc, rules).claims) {
    const concord::Evidence& e = c.evidence;
    if (uint64_t{e.offset} + e.length > doc->original.size() ||
        doc->original.compare(e.offset, e.length, e.text) != 0) {
      concord::fuzz::Fail("evidence is not the original bytes");
    }
    if (e.line < 1 || e.column < 1) concord::fuzz::Fail("evidence without a line and column");
  }
  return 0;
}
