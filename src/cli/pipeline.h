// The whole run: read inputs, extract claims per document (in parallel),
// group documents into stories, align and compare claims within each story,
// and assemble the Report.
#ifndef CONCORD_CLI_PIPELINE_H_
#define CONCORD_CLI_PIPELINE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/ingest.h"
#include "model/claim.h"
#include "model/finding.h"
#include "rules/ruleset.h"

namespace concord {

class Progress;

struct RunOptions {
  ingest::Options ingest;
  int jobs = 1;  // threads for per-document work
  Progress* progress = nullptr;  // counts articles read, when set
};

// The claims of every document read, and what was skipped.
struct Corpus {
  std::vector<DocClaims> docs;  // in input order
  std::vector<Skipped> skipped;
};

// Reads and extracts every input. Fails only when a path does not exist
// (NotFound) or standard input cannot be read; everything else that cannot
// be read is listed in Corpus::skipped. Document ids are made unique.
absl::StatusOr<Corpus> ReadCorpus(const std::vector<std::string>& paths,
                                  const RuleSet& rules, const RunOptions& options);

// Groups the corpus into stories and compares claims within each. With
// `only_docs` (concord check), keeps only the stories and findings that one
// of those documents takes part in.
// With `progress`, counts stories and findings as they are found.
Report BuildReport(const Corpus& corpus, const RuleSet& rules,
                   const std::vector<std::string>& only_docs = {},
                   Progress* progress = nullptr);

}  // namespace concord

#endif  // CONCORD_CLI_PIPELINE_H_
