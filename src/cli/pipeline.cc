#include "cli/pipeline.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "align/align.h"
#include "base/strings.h"
#include "cli/progress.h"
#include "compare/compare.h"
#include "extract/extract.h"

namespace concord {
namespace {

// Makes document ids unique: a repeated id becomes its path without the
// extension ("a/x" and "b/x" for two "x.txt").
void UniqueIds(std::vector<DocClaims>* docs) {
  std::map<std::string, int> counts;
  for (const DocClaims& d : *docs) counts[d.info.id] += 1;
  for (DocClaims& d : *docs) {
    if (counts[d.info.id] < 2) continue;
    std::string id = d.info.path;
    if (d.info.path.size() > 6 && d.info.path.ends_with(".jsonl")) {
      id = absl::StrCat(d.info.path, "#", d.info.id);
    } else if (const size_t dot = id.rfind('.'); dot != std::string::npos &&
                                                  id.find('/', dot) == std::string::npos) {
      id.resize(dot);
    }
    for (Claim& c : d.claims) c.evidence.doc = id;
    d.info.id = id;
  }
}

}  // namespace

absl::StatusOr<Corpus> ReadCorpus(const std::vector<std::string>& paths,
                                  const RuleSet& rules, const RunOptions& options) {
  Corpus corpus;
  absl::StatusOr<std::vector<ingest::Input>> inputs =
      ingest::ExpandInputs(paths, &corpus.skipped);
  if (!inputs.ok()) return inputs.status();

  // Each input yields documents and skips; results are kept per input so
  // that the output does not depend on the number of threads.
  struct Result {
    std::vector<DocClaims> docs;
    std::vector<Skipped> skipped;
  };
  std::vector<Result> results(inputs->size());
  std::atomic<size_t> next{0};
  auto worker = [&]() {
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= inputs->size()) return;
      Result& r = results[i];
      ingest::ReadInput(
          (*inputs)[i], rules.ingest, rules.lexicon, options.ingest,
          [&](Document doc) {
            r.docs.push_back(extract::ExtractDocument(doc, rules));
            if (options.progress != nullptr) options.progress->AddArticle(doc.original.size());
          },
          &r.skipped);
    }
  };
  const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(inputs->size())));
  if (jobs <= 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }
  for (Result& r : results) {
    for (DocClaims& d : r.docs) corpus.docs.push_back(std::move(d));
    for (Skipped& s : r.skipped) corpus.skipped.push_back(std::move(s));
  }
  UniqueIds(&corpus.docs);
  return corpus;
}

Report BuildReport(const Corpus& corpus, const RuleSet& rules,
                   const std::vector<std::string>& only_docs, Progress* progress) {
  const std::set<std::string> only(only_docs.begin(), only_docs.end());
  Report report;
  std::vector<const DocClaims*> all;
  std::map<std::string, const DocClaims*> by_id;
  for (const DocClaims& d : corpus.docs) {
    all.push_back(&d);
    by_id[d.info.id] = &d;
  }
  std::vector<Story> stories = align::GroupStories(all, rules.align);
  if (progress != nullptr) progress->SetStories(stories.size());
  for (Story& story : stories) {
    bool involved = only.empty();
    for (const std::string& id : story.documents) involved |= only.count(id) > 0;
    if (!involved) continue;
    std::vector<const DocClaims*> docs;
    for (const std::string& id : story.documents) docs.push_back(by_id[id]);
    if (docs.size() > 1) {
      const std::vector<align::ClaimGroup> groups =
          align::AlignClaims(docs, rules);
      std::vector<Finding> found = compare::CompareGroups(groups, rules);
      if (progress != nullptr) progress->AddFindings(found.size());
      for (Finding& f : found) {
        if (!only.empty()) {
          bool takes_part = false;
          for (const FindingValue& v : f.values) {
            for (const Evidence& e : v.mentions) takes_part |= only.count(e.doc) > 0;
          }
          if (!takes_part) continue;
        }
        report.findings.push_back(std::move(f));
      }
    }
    for (const DocClaims* d : docs) report.documents.push_back(d->info);
    report.stories.push_back(std::move(story));
  }
  report.skipped = corpus.skipped;
  Canonicalize(&report);
  return report;
}

}  // namespace concord
