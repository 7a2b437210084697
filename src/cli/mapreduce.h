// concord over several machines: `extract --format claims` is the mapper
// (one line per document, computed from that document alone) and `compare`
// the reducer (reads every line, then groups, aligns and compares exactly
// as `audit` does).
#ifndef CONCORD_CLI_MAPREDUCE_H_
#define CONCORD_CLI_MAPREDUCE_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "cli/pipeline.h"
#include "model/claim.h"

namespace concord {

// A document's story key, from the document alone: a MinHash (16 hex
// digits) of its most mentioned full names (multi-word keywords). Documents
// of one story often share it, so a partitioner that hashes the key tends
// to keep a story on one reducer; it never decides what a story is
// (compare does, over all lines).
// "~" for a document without keywords.
std::string StoryKey(const DocClaims& doc);

// The mapper's output, a line per document ("KEY\t{json}\n",
// model/claims_json.h) and per skipped input ("~skipped\t{json}\n").
std::string DocClaimsLine(const DocClaims& doc);
std::string SkippedLine(const Skipped& skipped);

// Reads claims lines from files, "-" for standard input (also when `paths`
// is empty), one line at a time, and makes document ids unique as one
// `audit` run would. With `memory_budget` (bytes), claims past it wait in
// the corpus's spill file as in ReadCorpus.
absl::StatusOr<Corpus> ReadClaims(const std::vector<std::string>& paths,
                                  std::optional<size_t> memory_budget = std::nullopt,
                                  int story_keywords = 40);

}  // namespace concord

#endif  // CONCORD_CLI_MAPREDUCE_H_
