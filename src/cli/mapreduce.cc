#include "cli/mapreduce.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "model/claims_json.h"

namespace concord {
namespace {

// A key is drawn from this many of a document's multi-word keywords: the
// full names it mentions most (people, organisations, agreements), which
// say more about the story than one-word places ("india") do. On the
// fixture stories two reports of one story share the key about half the
// time and reports of different stories almost never.
constexpr size_t kKeyKeywords = 6;

// FNV-1a, 64 bits: stable across machines and builds (std::hash is not).
uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

std::string StoryKey(const DocClaims& doc) {
  std::vector<std::string_view> names;
  for (const std::string& k : doc.keywords) {
    if (names.size() < kKeyKeywords && k.find(' ') != std::string::npos) names.push_back(k);
  }
  // Without full names: the leading keywords, whatever they are.
  for (size_t i = 0; names.empty() && i < doc.keywords.size() && i < kKeyKeywords; ++i) {
    names.push_back(doc.keywords[i]);
  }
  if (names.empty()) return "~";
  // MinHash: the smallest hash of the set, equal for two documents with
  // the probability of their sets' Jaccard similarity.
  uint64_t min = ~uint64_t{0};
  for (std::string_view k : names) min = std::min(min, Fnv1a(k));
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(min));
  return buf;
}

std::string DocClaimsLine(const DocClaims& doc) {
  return absl::StrCat(StoryKey(doc), "\t", EncodeDocClaims(doc), "\n");
}

std::string SkippedLine(const Skipped& skipped) {
  return absl::StrCat("~skipped\t", EncodeSkipped(skipped), "\n");
}

namespace {

// Decodes one claims line into `corpus`; `name` and `line_number` for the
// error.
absl::Status AddClaimsLine(std::string_view line, std::string_view name, int line_number,
                           Corpus* corpus, std::atomic<size_t>* held, size_t budget,
                           int story_keywords) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return absl::OkStatus();
  absl::StatusOr<ClaimsLine> decoded = DecodeClaimsLine(line);
  if (!decoded.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(AsAbsl(name), ":", line_number, ": ",
                                                   decoded.status().message()));
  }
  if (decoded->doc) {
    SpillRef ref;
    if (corpus->spill != nullptr) {
      absl::StatusOr<SpillRef> kept = KeepWithinBudget(&*decoded->doc, corpus->spill.get(),
                                                       held, budget, story_keywords);
      if (!kept.ok()) return kept.status();
      ref = *kept;
      corpus->spilled.push_back(ref);
    }
    corpus->docs.push_back(*std::move(decoded->doc));
  }
  if (decoded->skipped) corpus->skipped.push_back(*std::move(decoded->skipped));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Corpus> ReadClaims(const std::vector<std::string>& paths,
                                  std::optional<size_t> memory_budget, int story_keywords) {
  Corpus corpus;
  if (memory_budget) {
    absl::StatusOr<std::unique_ptr<ClaimSpill>> spill = ClaimSpill::Create();
    if (!spill.ok()) return spill.status();
    corpus.spill = *std::move(spill);
  }
  std::atomic<size_t> held{0};
  const size_t budget = memory_budget.value_or(SIZE_MAX);
  const std::vector<std::string> names = paths.empty() ? std::vector<std::string>{"-"} : paths;
  for (const std::string& path : names) {
    const std::string name = path == "-" ? "stdin" : path;
    // Files and standard input alike through stdio, whose ferror() tells a
    // read error (a closed standard input, a folder given as a file) from
    // the end: std::cin reads both as the end, and a reducer would report
    // nothing as if nothing came. One line at a time: a reducer's input
    // may be larger than its memory.
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (f == nullptr) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
    if (f == stdin) clearerr(stdin);
    char* buffer = nullptr;
    size_t capacity = 0;
    ssize_t n;
    int line_number = 0;
    absl::Status status;
    while (status.ok() && (n = getline(&buffer, &capacity, f)) >= 0) {
      std::string_view line(buffer, static_cast<size_t>(n));
      if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
      status = AddClaimsLine(line, name, ++line_number, &corpus, &held, budget, story_keywords);
    }
    const int err = errno;
    const bool failed = std::ferror(f) != 0;
    free(buffer);
    if (f != stdin) std::fclose(f);
    if (!status.ok()) return status;
    if (failed) {
      return absl::UnavailableError(absl::StrCat(name, ": cannot read: ", std::strerror(err)));
    }
  }
  MakeIdsUnique(&corpus.docs);
  return corpus;
}

}  // namespace concord
