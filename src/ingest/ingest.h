// Ingest: turns paths into Documents. Reads plain text and Markdown (with
// TOML front matter, a `date YYYY-MM-DD` first line or a dateline), HTML and
// JSON Lines; strips markup, drops boilerplate lines named in rules/, folds
// Unicode punctuation for matching and keeps a map back to the original
// bytes. Each input is read or listed as skipped with its reason.
//
// Per-document work is a pure function of the bytes, the options and the
// rules, so inputs can be read in parallel.
#ifndef CONCORD_INGEST_INGEST_H_
#define CONCORD_INGEST_INGEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "date/date.h"
#include "model/document.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "rules/examples.h"
#include "rules/lexicon.h"
#include "rules/rule_tree.h"

namespace concord::ingest {

namespace internal {
class BoilerplateMatcher;
}  // namespace internal

// `[[boilerplate]]` rules: a line of an article (after markup is stripped
// and spaces folded) that fully matches `pattern` is left out of the text.
// Patterns match case-insensitively; lines longer than 600 bytes are never
// boilerplate.
struct BoilerplateRule {
  std::string id;
  rules::SourcePos pos;
  std::string description;
  std::unique_ptr<RE2> pattern;
  std::vector<std::string> examples;          // lines that must be dropped
  std::vector<std::string> counter_examples;  // lines that must be kept
  // Where each example and counter-example stands in the rule file.
  std::vector<rules::SourcePos> example_pos;
  std::vector<rules::SourcePos> counter_example_pos;
};

struct IngestRules {
  std::vector<BoilerplateRule> boilerplate;
  // Every boilerplate pattern in one automaton, so that a line is matched
  // once whatever the number of rules (null when it could not be built, or
  // when boilerplate_matcher is there).
  std::unique_ptr<RE2::Set> boilerplate_set;
  // The same rules split for speed (see ingest/internal.h); null when they
  // could not be built.
  std::shared_ptr<const internal::BoilerplateMatcher> boilerplate_matcher;
};

// Top-level rule-file keys this stage reads.
inline constexpr const char* kIngestSections[] = {"boilerplate"};

void CompileIngestRules(const std::vector<rules::RuleFile>& files,
                        rules::Diagnostics* diag, IngestRules* out);

// Runs every boilerplate rule's examples and counter-examples: an example
// must be dropped by its rule, a counter-example by no rule.
void RunIngestExamples(const IngestRules& rules,
                       std::vector<rules::ExampleResult>* results);

// The rule that drops `line` (raw text: markup is stripped and spaces
// folded first), or nullptr when it is kept.
const BoilerplateRule* MatchBoilerplate(const IngestRules& rules,
                                        std::string_view line);

struct Options {
  // Publication date for articles that do not give one (--published).
  std::optional<date::sys_days> published;
  // Articles larger than this are skipped and listed (never truncated).
  uint64_t max_bytes = 5 * 1024 * 1024;
};

enum class Format { kText, kHtml, kJsonl };

struct Input {
  std::string path;  // "-" for standard input
  Format format = Format::kText;
};

// The format a file name implies: .html/.htm are HTML, .jsonl JSON Lines,
// anything else text. A last extension .gz or .zst names a compression
// (ReadInput decompresses such files); the one before it then counts.
Format FormatOfPath(std::string_view path);

// What a reader sees of an HTML file's bytes (a mention's evidence):
// tags dropped and character references decoded and folded as the
// article's text is ("&euro;3.1bn" is "€3.1bn", "&nbsp;" a space). Bytes
// of other formats are returned as they are.
std::string VisibleText(std::string_view original, Format format);

// Expands command-line paths: files as they are, folders recursively (sorted
// by path; .txt .md .html .htm .jsonl read, also with .gz or .zst after
// them; hidden entries and other extensions skipped with a reason), "-" as
// standard input. A path that does not exist is a NotFound error naming it
// (a usage error). Symlink loops and unreadable folders are listed in
// `skipped`. A file named twice is read once.
absl::StatusOr<std::vector<Input>> ExpandInputs(
    const std::vector<std::string>& paths, std::vector<Skipped>* skipped);

// Reads one input and calls `sink` with each article in it (a JSONL file
// holds many). What cannot be read (an empty, binary, undecodable or too
// large file, a JSONL line that is not an article, an article with no text)
// is appended to `skipped` with its reason; the rest is still read.
// Compressed files (FormatOfPath) stream through their decoder; damaged or
// truncated data ends the file with a skip saying so.
void ReadInput(const Input& input, const IngestRules& rules,
               const rules::Lexicon& lexicon, const Options& options,
               const std::function<void(Document)>& sink,
               std::vector<Skipped>* skipped);

// Builds one Document from an article's bytes. `path` names it in
// messages; the id is the file name without extension ("stdin" for "-").
// Fails (with a reason for `skipped`) on empty, binary, undecodable or too
// large input, on front matter that is never closed, or when no text is
// left. Linear in the size of `bytes`.
absl::StatusOr<Document> ParseArticle(std::string bytes, Format format,
                                      const std::string& path,
                                      const IngestRules& rules,
                                      const rules::Lexicon& lexicon,
                                      const Options& options);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_INGEST_H_
