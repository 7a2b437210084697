#include "cli/pipeline.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "align/align.h"
#include "base/files.h"
#include "base/strings.h"
#include "cli/progress.h"
#include "compare/compare.h"
#include "extract/extract.h"
#include "store/baseline.h"

namespace concord {

void MakeIdsUnique(std::vector<DocClaims>* docs) {
  std::map<std::string, int> counts;
  for (const DocClaims& d : *docs) counts[d.info.id] += 1;
  auto rename = [](DocClaims& d, std::string id) {
    for (Claim& c : d.claims) c.evidence.doc = id;
    d.info.id = std::move(id);
  };
  // JSON Lines records, also from a compressed file or standard input, are
  // named by their file and their own id.
  auto is_record = [](const DocInfo& info) {
    return info.path == "-" || ingest::FormatOfPath(info.path) == ingest::Format::kJsonl;
  };
  bool renamed = false;
  for (DocClaims& d : *docs) {
    if (counts[d.info.id] < 2) continue;
    std::string id = d.info.path;
    if (is_record(d.info)) {
      id = absl::StrCat(d.info.path, "#", d.info.id);
    } else if (const size_t dot = id.rfind('.'); dot != std::string::npos &&
                                                  id.find('/', dot) == std::string::npos) {
      id.resize(dot);
    }
    rename(d, std::move(id));
    renamed = true;
  }
  if (!renamed) return;
  // What still clashes: "a.txt.gz" beside "a.txt.zst" (or "a.txt" beside a
  // folder's "a" file), or one JSON Lines file giving an id twice. A file
  // is then named by its whole path, a record also by its line (that of its
  // claims' evidence), neither of which depends on the order of `docs`.
  counts.clear();
  for (const DocClaims& d : *docs) counts[d.info.id] += 1;
  for (DocClaims& d : *docs) {
    if (counts[d.info.id] < 2) continue;
    if (!is_record(d.info)) {
      rename(d, d.info.path);
    } else if (!d.claims.empty()) {
      rename(d, absl::StrCat(d.info.id, ":", d.claims.front().evidence.line));
    }
  }
}

namespace {

// Whether a document taking part in `f` ignores its kind.
bool Ignored(const Finding& f, const std::vector<DocClaims>& docs,
             const StringMap<size_t>& by_id) {
  const std::string_view kind = MentionKindName(f.kind);
  for (const FindingValue& v : f.values) {
    for (const Evidence& e : v.mentions) {
      auto it = by_id.find(e.doc);
      if (it == by_id.end()) continue;
      const std::vector<std::string>& ignore = docs[it->second].info.ignore_kinds;
      if (std::find(ignore.begin(), ignore.end(), kind) != ignore.end()) return true;
    }
  }
  return false;
}


}  // namespace

absl::StatusOr<SpillRef> KeepWithinBudget(DocClaims* doc, ClaimSpill* spill,
                                          std::atomic<size_t>* held, size_t budget,
                                          int story_keywords) {
  // Story grouping reads no further than this.
  const size_t keywords = static_cast<size_t>(std::max(0, story_keywords));
  if (doc->keywords.size() > keywords) doc->keywords.resize(keywords);
  doc->keywords.shrink_to_fit();
  if (doc->claims.empty()) {
    doc->claims.shrink_to_fit();
    return SpillRef{};  // nothing to hold
  }
  // Once the budget is spent every document with claims is spilled: no
  // need to count them.
  if (held->load() < budget) {
    // Counted as trimmed to size; trimmed (a copy) only if the claims stay.
    const size_t bytes = ApproxBytes(doc->claims) -
                         (doc->claims.capacity() - doc->claims.size()) * sizeof(Claim);
    if (held->fetch_add(bytes) + bytes <= budget) {
      doc->claims.shrink_to_fit();
      return SpillRef{};
    }
    held->fetch_sub(bytes);
  }
  absl::StatusOr<SpillRef> ref = spill->Put(*doc);
  if (ref.ok()) std::vector<Claim>().swap(doc->claims);  // frees the buffer too
  return ref;
}

absl::StatusOr<Corpus> ReadCorpus(const std::vector<std::string>& paths,
                                  const RuleSet& rules, const RunOptions& options) {
  Corpus corpus;
  absl::StatusOr<std::vector<ingest::Input>> inputs =
      ingest::ExpandInputs(paths, &corpus.skipped);
  if (!inputs.ok()) return inputs.status();
  if (!options.exclude.empty()) {
    std::set<std::pair<dev_t, ino_t>> excluded;
    struct stat st;
    for (const std::string& path : options.exclude) {
      if (path != "-" && ::stat(path.c_str(), &st) == 0) excluded.insert({st.st_dev, st.st_ino});
    }
    std::erase_if(*inputs, [&](const ingest::Input& input) {
      return input.path != "-" && ::stat(input.path.c_str(), &st) == 0 &&
             excluded.count({st.st_dev, st.st_ino}) > 0;
    });
  }

  // Each input yields documents and skips; results are kept per input, each
  // document in the slot of its place in the input, so that the output does
  // not depend on the number of threads.
  struct Result {
    std::vector<DocClaims> docs;
    std::vector<SpillRef> spilled;
    std::vector<Skipped> skipped;
    size_t read = 0;        // documents the input yielded so far
    size_t kept = 0;        // of them, extracted (or reused) and kept
    bool read_all = false;  // the input is read to its end
  };
  // A streaming caller keeps nothing, so it needs no budget.
  if (options.memory_budget && !options.on_input) {
    absl::StatusOr<std::unique_ptr<ClaimSpill>> spill = ClaimSpill::Create();
    if (!spill.ok()) return spill.status();
    corpus.spill = *std::move(spill);
  }
  std::atomic<size_t> held{0};  // bytes of claims kept in memory
  std::vector<Result> results(inputs->size());
  // With on_input: inputs finished, and the first not yet handed over.
  absl::Mutex emit_mu;
  std::vector<bool> done(options.on_input ? inputs->size() : 0, false);
  size_t next_emit = 0;
  auto finish = [&](size_t i) {
    if (!options.on_input) return;
    absl::MutexLock lock(&emit_mu);
    done[i] = true;
    for (; next_emit < done.size() && done[next_emit]; ++next_emit) {
      Result& r = results[next_emit];
      options.on_input(std::move(r.docs), std::move(r.skipped));
      r.docs = {};
      r.spilled = {};
      r.skipped = {};
    }
  };
  std::atomic<int> extracted{0};
  std::atomic<int> reused{0};
  absl::Mutex store_mu;
  absl::Status store_status;  // also the spill's
  // Keeps a document's claims in memory while the budget allows, else in
  // the spill file. Output does not depend on which: spilled claims read
  // back equal.
  auto keep = [&](DocClaims* doc) {
    SpillRef ref;
    if (corpus.spill != nullptr) {
      absl::StatusOr<SpillRef> kept = KeepWithinBudget(
          doc, corpus.spill.get(), &held, *options.memory_budget, rules.align.story_keywords);
      if (kept.ok()) {
        ref = *kept;
      } else {
        absl::MutexLock lock(&store_mu);
        if (store_status.ok()) store_status = kept.status();
      }
    }
    return ref;
  };
  auto claims_of = [&](const Document& doc) {
    if (options.store == nullptr || options.claim_scope != extract::ClaimScope::kCompare) {
      extracted.fetch_add(1);
      return extract::ExtractDocument(doc, rules, options.claim_scope);
    }
    std::string key = store::ContentKey(doc, options.ingest.published);
    if (std::optional<DocClaims> stored = options.store->Lookup(key)) {
      reused.fetch_add(1);
      return *std::move(stored);
    }
    DocClaims claims = extract::ExtractDocument(doc, rules);
    extracted.fetch_add(1);
    if (absl::Status s = options.store->Put(std::move(key), claims); !s.ok()) {
      absl::MutexLock lock(&store_mu);
      if (store_status.ok()) store_status = s;
    }
    return claims;
  };

  // Documents wait in a short queue between the thread reading their input
  // and the threads extracting them, so that one large JSON Lines feed is
  // extracted on every thread. A reader that finds the queue full extracts
  // the document itself, which bounds the memory the queue holds.
  struct Work {
    size_t input;
    size_t index;  // in its input
    Document doc;
  };
  const int jobs = std::max(1, options.jobs);
  const size_t queue_limit = jobs > 1 ? 2 * static_cast<size_t>(jobs) : 0;
  absl::Mutex mu;  // guards the queue, the counters and results' slots
  std::deque<Work> queue;
  size_t next_input = 0;
  int readers = 0;  // threads reading an input
  auto process = [&](size_t i, size_t k, const Document& doc) {
    DocClaims claims = claims_of(doc);
    const SpillRef ref = keep(&claims);
    bool complete;
    {
      absl::MutexLock lock(&mu);
      Result& r = results[i];
      if (r.docs.size() <= k) {
        r.docs.resize(k + 1);
        r.spilled.resize(k + 1);
      }
      r.docs[k] = std::move(claims);
      r.spilled[k] = ref;
      ++r.kept;
      complete = r.read_all && r.kept == r.read;
    }
    if (complete) finish(i);
  };
  auto read = [&](size_t i) {
    std::vector<Skipped> skipped;
    size_t k = 0;
    ingest::ReadInput(
        (*inputs)[i], rules.ingest, rules.lexicon, options.ingest,
        [&](Document doc) {
          if (options.progress != nullptr) options.progress->AddArticle(doc.original.size());
          const size_t index = k++;
          {
            absl::MutexLock lock(&mu);
            ++results[i].read;
            if (queue.size() < queue_limit) {
              queue.push_back(Work{i, index, std::move(doc)});
              return;
            }
          }
          process(i, index, doc);
        },
        &skipped);
    bool complete;
    {
      absl::MutexLock lock(&mu);
      Result& r = results[i];
      r.skipped = std::move(skipped);
      r.read_all = true;
      complete = r.kept == r.read;
      --readers;
    }
    if (complete) finish(i);
  };
  auto worker = [&]() {
    for (;;) {
      std::optional<Work> work;
      size_t input = 0;
      {
        absl::MutexLock lock(&mu);
        auto ready = [&] {
          return !queue.empty() || next_input < inputs->size() || readers == 0;
        };
        mu.Await(absl::Condition(&ready));
        if (!queue.empty()) {
          work.emplace(std::move(queue.front()));
          queue.pop_front();
        } else if (next_input < inputs->size()) {
          input = next_input++;
          ++readers;
        } else {
          return;  // nothing queued, nothing left to read, no reader left
        }
      }
      if (work) {
        process(work->input, work->index, work->doc);
      } else {
        read(input);
      }
    }
  };
  if (jobs <= 1 || inputs->size() == 0) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }
  if (options.store != nullptr) {
    if (absl::Status s = options.store->Flush(); !s.ok() && store_status.ok()) store_status = s;
  }
  if (!store_status.ok()) return store_status;
  corpus.extracted = extracted.load();
  corpus.reused = reused.load();
  for (Result& r : results) {
    for (DocClaims& d : r.docs) corpus.docs.push_back(std::move(d));
    if (corpus.spill != nullptr) {
      corpus.spilled.insert(corpus.spilled.end(), r.spilled.begin(), r.spilled.end());
    }
    for (Skipped& s : r.skipped) corpus.skipped.push_back(std::move(s));
  }
  if (options.unique_ids && !options.on_input) MakeIdsUnique(&corpus.docs);
  return corpus;
}

size_t Corpus::ClaimCount(size_t i) const {
  return docs[i].claims.size() + (i < spilled.size() ? spilled[i].claims : 0);
}

void Corpus::Prepend(Corpus drafts) {
  if (spill != nullptr) {
    // Drafts are few: their claims stay in memory.
    for (size_t i = 0; i < drafts.docs.size(); ++i) {
      if (drafts.spill != nullptr && drafts.spilled[i].length > 0) {
        absl::StatusOr<std::vector<Claim>> claims =
            drafts.spill->Get(drafts.spilled[i], drafts.docs[i].info.id);
        if (claims.ok()) drafts.docs[i].claims = *std::move(claims);
      }
    }
    spilled.insert(spilled.begin(), drafts.docs.size(), SpillRef{});
  }
  docs.insert(docs.begin(), std::make_move_iterator(drafts.docs.begin()),
              std::make_move_iterator(drafts.docs.end()));
  skipped.insert(skipped.begin(), drafts.skipped.begin(), drafts.skipped.end());
}

absl::StatusOr<Report> BuildReport(const Corpus& corpus, const RuleSet& rules,
                                   const std::vector<std::string>& only_docs,
                                   Progress* progress, int jobs) {
  const std::set<std::string> only(only_docs.begin(), only_docs.end());
  Report report;
  std::vector<const DocClaims*> all;
  // Each document's place by its id (looked up, never walked in order).
  StringMap<size_t> index;
  all.reserve(corpus.docs.size());
  index.reserve(corpus.docs.size());
  for (size_t i = 0; i < corpus.docs.size(); ++i) {
    const DocClaims& d = corpus.docs[i];
    all.push_back(&d);
    index[d.info.id] = i;
  }
  std::vector<Story> stories = align::GroupStories(all, rules.align);
  if (progress != nullptr) progress->SetStories(stories.size());

  // What one story adds to the report. Stories are compared on several
  // threads, each into its own slot, and the slots joined in story order,
  // so that the report does not depend on the number of threads.
  struct StoryResult {
    absl::Status status;
    bool involved = false;
    std::vector<Finding> findings;
    std::vector<DocInfo> documents;
    int suppressed = 0;
  };
  std::vector<StoryResult> results(stories.size());
  auto compare_story = [&](const Story& story, StoryResult* r) {
    r->involved = only.empty();
    for (const std::string& id : story.documents) r->involved |= only.count(id) > 0;
    if (!r->involved) return;
    std::vector<const DocClaims*> docs;
    // Spilled documents of this story, read back for as long as it takes.
    std::vector<DocClaims> loaded;
    loaded.reserve(story.documents.size());
    for (const std::string& id : story.documents) {
      const auto found = index.find(id);
      if (found == index.end()) {  // stories are made of the corpus's documents
        r->status = absl::InternalError(absl::StrCat("story names no read document: ", id));
        return;
      }
      const size_t i = found->second;
      const DocClaims& d = corpus.docs[i];
      if (story.documents.size() > 1 && i < corpus.spilled.size() &&
          corpus.spilled[i].length > 0) {
        absl::StatusOr<std::vector<Claim>> claims = corpus.spill->Get(corpus.spilled[i], id);
        if (!claims.ok()) {
          r->status = claims.status();
          return;
        }
        DocClaims& l = loaded.emplace_back();
        l.info = d.info;
        l.acronyms = d.acronyms;
        l.claims = *std::move(claims);
        docs.push_back(&l);
      } else {
        docs.push_back(&d);
      }
    }
    if (docs.size() > 1) {
      const std::vector<align::ClaimGroup> groups = align::AlignClaims(docs, rules);
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
        if (Ignored(f, corpus.docs, index)) {
          ++r->suppressed;
          continue;
        }
        r->findings.push_back(std::move(f));
      }
    }
    for (const DocClaims* d : docs) r->documents.push_back(d->info);
  };
  std::atomic<size_t> next{0};
  auto worker = [&]() {
    for (size_t i; (i = next.fetch_add(1)) < stories.size();) {
      compare_story(stories[i], &results[i]);
      // A failed read stops the run: later stories are not worth comparing.
      if (!results[i].status.ok()) next.store(stories.size());
    }
  };
  const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(stories.size())));
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
  }
  int suppressed = 0;
  for (size_t i = 0; i < stories.size(); ++i) {
    StoryResult& r = results[i];
    if (!r.status.ok()) return r.status;
    if (!r.involved) continue;
    suppressed += r.suppressed;
    for (Finding& f : r.findings) report.findings.push_back(std::move(f));
    for (DocInfo& d : r.documents) report.documents.push_back(std::move(d));
    report.stories.push_back(std::move(stories[i]));
  }
  report.skipped = corpus.skipped;
  if (suppressed > 0) report.suppressed = suppressed;
  // Findings are then headed, and ordered, by the drafts' mentions.
  report.drafts.assign(only.begin(), only.end());
  Canonicalize(&report);
  return report;
}

absl::Status ApplyNightly(const NightlyOptions& options, const Corpus& corpus,
                          store::Store* store, Report* report) {
  std::set<std::string> baseline;
  if (!options.baseline.empty()) {
    absl::StatusOr<std::string> text = ReadFile(options.baseline, "baseline");
    if (!text.ok()) return text.status();
    absl::StatusOr<std::set<std::string>> ids = store::ParseBaseline(*text);
    if (!ids.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(options.baseline, ": ", ids.status().message()));
    }
    baseline = *std::move(ids);
  }
  if (!options.write_baseline.empty()) {
    if (absl::Status s = WriteFileAtomically(options.write_baseline,
                                             store::RenderBaseline(report->findings));
        !s.ok()) {
      return s;
    }
  }
  // Every finding is recorded, also those the baseline hides: the history
  // says when a finding appeared whatever is done with it.
  if (store != nullptr) {
    if (absl::Status s = store->RecordFindings(&report->findings, corpus.extracted,
                                               corpus.reused);
        !s.ok()) {
      return s;
    }
  }
  if (!options.baseline.empty()) {
    const size_t before = report->findings.size();
    std::erase_if(report->findings,
                  [&](const Finding& f) { return baseline.count(f.id) > 0; });
    report->suppressed = report->suppressed.value_or(0) +
                         static_cast<int>(before - report->findings.size());
  }
  return absl::OkStatus();
}

}  // namespace concord
