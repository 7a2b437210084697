// The whole run: read inputs, extract claims per document (in parallel),
// group documents into stories, align and compare claims within each story,
// and assemble the Report.
#ifndef CONCORD_CLI_PIPELINE_H_
#define CONCORD_CLI_PIPELINE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/spill.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "model/claim.h"
#include "model/finding.h"
#include "rules/ruleset.h"
#include "store/store.h"

namespace concord {

class Progress;

struct RunOptions {
  ingest::Options ingest;
  int jobs = 1;  // threads for per-document work
  // When set, claims are taken from the store when it has them for the
  // same article under the same rules, and stored after extraction.
  store::Store* store = nullptr;
  // Make document ids unique (MakeIdsUnique). A mapper that sees only part
  // of the corpus leaves that to the reducer.
  bool unique_ids = true;
  Progress* progress = nullptr;  // counts articles read, when set
  // Which claims extraction makes; the store holds kCompare claims only.
  extract::ClaimScope claim_scope = extract::ClaimScope::kCompare;
  // Inputs that are one of these files (the same file, by device and
  // inode, whatever the path) are not read: concord check's drafts, when
  // --against names the folder they are in.
  std::vector<std::string> exclude;
  // Bytes of claims kept in memory (roughly); the claims of documents read
  // after that go to a temporary file until their story is compared. Unset:
  // no limit; 0: every document's claims go to the file.
  std::optional<size_t> memory_budget;
  // When set, each input's documents and skips are handed over here, in
  // input order, as soon as that input and all before it are done, and are
  // not kept in the Corpus: a map step streams instead of holding the
  // corpus. Ids are then not made unique. Called from one thread at a time.
  std::function<void(std::vector<DocClaims>&&, std::vector<Skipped>&&)> on_input;
};

// The claims of every document read, and what was skipped.
struct Corpus {
  std::vector<DocClaims> docs;  // in input order
  std::vector<Skipped> skipped;
  int extracted = 0;  // documents whose claims were extracted in this run
  int reused = 0;     // documents whose claims came from the store
  // With a memory budget: where each document's claims went (parallel to
  // `docs`; a document whose SpillRef is empty keeps them in `claims`).
  std::shared_ptr<ClaimSpill> spill;
  std::vector<SpillRef> spilled;

  // How many claims document i has, wherever they are.
  size_t ClaimCount(size_t i) const;
  // Puts `drafts` before the documents read so far (concord check).
  void Prepend(Corpus drafts);
};

// Reads and extracts every input. Fails only when a path does not exist
// (NotFound), standard input cannot be read or the store cannot be written; everything else that cannot
// be read is listed in Corpus::skipped. Document ids are made unique.
absl::StatusOr<Corpus> ReadCorpus(const std::vector<std::string>& paths,
                                  const RuleSet& rules, const RunOptions& options);

// Trims `doc` to what an audit reads later (story keywords beyond
// `story_keywords` go) and moves its claims to `spill` when keeping them
// would take the bytes held in memory (`*held`, updated) past `budget`.
// Returns where they went: an empty SpillRef when they stayed in `doc`.
// Safe from several threads.
absl::StatusOr<SpillRef> KeepWithinBudget(DocClaims* doc, ClaimSpill* spill,
                                          std::atomic<size_t>* held, size_t budget,
                                          int story_keywords);

// Makes document ids unique: a repeated id becomes its path without the
// extension ("a/x" and "b/x" for two "x.txt"; "f.jsonl#x", "f.jsonl.gz#x"
// for JSON Lines records); one that still clashes, its whole path (a file)
// or "f.jsonl#x:LINE" (a record). Does not depend on the order of `docs`.
void MakeIdsUnique(std::vector<DocClaims>* docs);

// Groups the corpus into stories and compares claims within each. With
// `only_docs` (concord check), keeps only the stories and findings that one
// of those documents takes part in, and lists them as Report::drafts, so
// that each finding is headed by a draft's mention. Findings of a kind that a document
// taking part in them ignores (`<!-- concord-ignore KIND -->`) are left out
// and counted in Report::suppressed. With `progress`, counts stories and
// findings as they are found. Stories are compared on `jobs` threads; the
// report is the same for any number. Fails only when spilled claims cannot
// be read back.
absl::StatusOr<Report> BuildReport(const Corpus& corpus, const RuleSet& rules,
                                   const std::vector<std::string>& only_docs = {},
                                   Progress* progress = nullptr, int jobs = 1);

// What a nightly audit adds to a report.
struct NightlyOptions {
  std::string baseline;        // --baseline FILE: suppress the findings in it
  std::string write_baseline;  // --write-baseline FILE: write every finding's fingerprint
};

// Writes the baseline of every finding (when asked), records the findings
// in `store` (when given: first/last seen, new), then leaves out the
// findings of the baseline (when given), counting them in
// Report::suppressed. Fails when a baseline cannot be read or written or
// the store cannot be written.
absl::Status ApplyNightly(const NightlyOptions& options, const Corpus& corpus,
                          store::Store* store, Report* report);

}  // namespace concord

#endif  // CONCORD_CLI_PIPELINE_H_
