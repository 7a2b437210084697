// concord: a cross-source fact-consistency checker for news.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/dates.h"
#include "base/files.h"
#include "base/json_writer.h"
#include "base/strings.h"
#include "base/text.h"
#include "cli/mapreduce.h"
#include "cli/pipeline.h"
#include "cli/progress.h"
#include "extract/extract.h"
#include "report/report.h"
#include "rules/ruleset.h"

namespace concord {
namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;
constexpr int kMaxJobs = 256;  // -j above this runs this many threads

constexpr const char* kUsage = R"(usage: concord <command> [options]

Commands:
  audit PATH...                 compare all articles with each other
  check DRAFT... --against PATH...
                                report only findings the drafts take part in,
                                each located at a draft's mention
  extract PATH...               print every extracted mention (JSON Lines);
                                --format claims: one line per document, the
                                map step of a run over several machines
  compare [FILE...|-]           report from `extract --format claims` lines
                                (the reduce step; same report as audit)
  report SAVED.json|-           re-render a saved JSON report
  rules check                   validate the rule files
  rules test                    run every rule's examples

Paths may be files, folders (read recursively) or quoted patterns
('feeds/2025-*.jsonl.gz'); "-" reads one article from standard input, or
JSON Lines records when it starts with '{'.
Folders are searched for .txt .md .html .htm .jsonl files, also compressed
(.gz, .zst).

Options:
  --format F         text, json, markdown, html, sarif (default: as the
                     -o file's extension says, .json .md .html .sarif, else
                     text); extract: jsonl (default), claims
  -o, --output FILE  write the report to FILE (atomically) instead of stdout
  --rules DIR        add or override rules from DIR (repeatable)
  --published DATE   publication date (YYYY-MM-DD) for articles without one
  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL:
                     error, warning (default), info or never
  --min-severity L   show only findings at or above L (error, warning, info)
  --severity C=L     override the policy for a check ("title-alias=warning")
                     or a kind and class ("date/precision=error"); L may
                     be "off"; repeatable
  --kinds K,...      show only these kinds (title, date, figure, duration,
                     quote, name)
  -j, --jobs N       threads for reading, extracting and comparing
                     stories (default: cores)
  --max-bytes N      skip articles larger than N bytes (default 5 MB)
  --memory MB        audit, check, compare: megabytes of claims kept in memory
                     (default 128); the rest wait in a temporary file in
                     $TMPDIR until their story is compared (0: all do)
  --no-color         no colours in text output (also NO_COLOR)
  --store FILE       audit: reuse claims of unchanged articles from an SQLite
                     store and record when each finding was first seen
  --baseline FILE    audit: leave out the findings listed in FILE
  --write-baseline FILE
                     audit: write every finding's fingerprint to FILE
  -q, --quiet        print nothing; only the exit code tells (a file
                     named by -o is still written)
  --summary          audit: print a summary on stderr (the default when
                     stderr is a terminal; a progress line is shown then)
  -h, --help         this help
  --version          the version

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or
runtime error.
)";

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::vector<std::string> against;
  bool against_given = false;  // --against appeared, with paths or not
  std::vector<std::string> rules_dirs;
  std::string format;
  std::string output;
  std::string fail_on = "warning";
  std::optional<Severity> min_severity;
  std::set<MentionKind> kinds;  // empty: all
  // --severity overrides of the policy: check id or kind/class -> level
  // ("off" leaves it out).
  std::vector<std::pair<std::string, std::string>> severity;
  std::optional<date::sys_days> published;
  int jobs = 0;
  uint64_t max_bytes = 5 * 1024 * 1024;
  uint64_t memory_mb = 128;
  bool no_color = false;
  bool quiet = false;
  std::string store;  // --store
  NightlyOptions nightly;
  bool summary = false;
};

// --quiet silences the terminal, not a file the user asked for.
bool WritesOutput(const Args& args) {
  return !args.quiet || (!args.output.empty() && args.output != "-");
}

// Whether `s` is a non-empty run of ASCII digits.
bool IsDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The report format: --format (nullopt when it names none), else what the
// -o file's extension asks for ("report.html", read as a format name),
// else text.
std::optional<report::Format> ReportFormatOf(const Args& args) {
  if (!args.format.empty()) return report::ParseFormat(args.format);
  const std::string_view path = args.output;
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return report::Format::kText;
  }
  const std::string ext = AsciiLowerCopy(path.substr(dot + 1));
  if (ext == "htm") return report::Format::kHtml;
  return report::ParseFormat(ext).value_or(report::Format::kText);
}

int UsageError(const std::string& message) {
  fprintf(stderr, "concord: %s\nTry 'concord --help'.\n", message.c_str());
  return kExitError;
}

// Parses argv; returns an exit code when the run should stop here.
std::optional<int> ParseArgs(int argc, char** argv, Args* args) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.empty()) {
    fputs(kUsage, stderr);
    return kExitError;
  }
  bool in_against = false;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& s = a[i];
    auto value = [&](std::string* out) -> bool {
      const size_t eq = s.find('=');
      if (s.rfind("--", 0) == 0 && eq != std::string::npos) {
        *out = s.substr(eq + 1);
        return true;
      }
      if (i + 1 >= a.size()) return false;
      *out = a[++i];
      return true;
    };
    auto is = [&](const char* name) {
      return s == name || (s.rfind(std::string(name) + "=", 0) == 0 && name[1] == '-');
    };
    std::string v;
    if (s == "-h" || s == "--help") {
      fputs(kUsage, stdout);
      return kExitClean;
    } else if (s == "--version") {
      printf("concord %s\n", CONCORD_VERSION);
      return kExitClean;
    } else if (is("--format")) {
      if (!value(&args->format)) return UsageError("--format needs a value");
    } else if (is("-o") || is("--output")) {
      if (!value(&args->output)) return UsageError("--output needs a file");
    } else if (is("--rules")) {
      if (!value(&v)) return UsageError("--rules needs a directory");
      args->rules_dirs.push_back(v);
    } else if (is("--published")) {
      if (!value(&v)) return UsageError("--published needs a date");
      args->published = ParseIsoDate(v);
      if (!args->published) {
        return UsageError(absl::StrCat("--published: expected YYYY-MM-DD, saw '", v, "'"));
      }
    } else if (is("--fail-on")) {
      if (!value(&args->fail_on)) return UsageError("--fail-on needs a level");
      if (args->fail_on != "never" && !ParseSeverity(args->fail_on)) {
        return UsageError(absl::StrCat("--fail-on: expected error, warning, info or never, saw '",
                                       args->fail_on, "'"));
      }
    } else if (is("-j") || is("--jobs")) {
      if (!value(&v)) return UsageError("--jobs needs a number");
      char* end = nullptr;
      errno = 0;
      const long long jobs = strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || errno == ERANGE || jobs < 1) {
        return UsageError(absl::StrCat("--jobs: expected a positive number, saw '", v, "'"));
      }
      // Each job is a thread: thousands of them only fail to start (an
      // abort), never go faster.
      args->jobs = static_cast<int>(std::min<long long>(jobs, kMaxJobs));
    } else if (is("--max-bytes")) {
      if (!value(&v)) return UsageError("--max-bytes needs a number");
      char* end = nullptr;
      errno = 0;
      args->max_bytes = strtoull(v.c_str(), &end, 10);
      // strtoull takes "-1" for the largest number and " 5" for 5.
      if (!IsDigits(v) || *end != '\0' || errno == ERANGE || args->max_bytes == 0) {
        return UsageError(absl::StrCat("--max-bytes: expected a positive number, saw '", v, "'"));
      }
    } else if (is("--memory")) {
      if (!value(&v)) return UsageError("--memory needs a number of megabytes");
      char* end = nullptr;
      args->memory_mb = strtoull(v.c_str(), &end, 10);
      if (!IsDigits(v) || *end != '\0' || args->memory_mb > (1u << 24)) {
        return UsageError(absl::StrCat("--memory: expected a number of megabytes, saw '", v, "'"));
      }
    } else if (is("--min-severity")) {
      if (!value(&v)) return UsageError("--min-severity needs a level");
      args->min_severity = ParseSeverity(v);
      if (!args->min_severity) {
        return UsageError(absl::StrCat("--min-severity: expected error, warning or info, saw '", v, "'"));
      }
    } else if (is("--severity")) {
      if (!value(&v)) return UsageError("--severity needs CHECK=LEVEL or KIND/CLASS=LEVEL");
      const size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0) {
        return UsageError(absl::StrCat(
            "--severity: expected CHECK=LEVEL or KIND/CLASS=LEVEL, saw '", v, "'"));
      }
      args->severity.push_back({v.substr(0, eq), v.substr(eq + 1)});
    } else if (is("--kinds")) {
      if (!value(&v)) return UsageError("--kinds needs a list");
      for (absl::string_view k : absl::StrSplit(v, ',', absl::SkipEmpty())) {
        const std::optional<MentionKind> kind = ParseMentionKind(std::string_view(k.data(), k.size()));
        if (!kind) return UsageError(absl::StrCat("--kinds: unknown kind '", k, "'"));
        args->kinds.insert(*kind);
      }
    } else if (is("--store")) {
      if (!value(&args->store)) return UsageError("--store needs a file");
    } else if (is("--baseline")) {
      if (!value(&args->nightly.baseline)) return UsageError("--baseline needs a file");
    } else if (is("--write-baseline")) {
      if (!value(&args->nightly.write_baseline)) return UsageError("--write-baseline needs a file");
    } else if (s == "--no-color") {
      args->no_color = true;
    } else if (s == "--summary") {
      args->summary = true;
    } else if (s == "-q" || s == "--quiet") {
      args->quiet = true;
    } else if (s == "--against") {
      in_against = true;  // every later path is a wire path
      args->against_given = true;
    } else if (s.rfind("--against=", 0) == 0) {
      args->against.push_back(s.substr(10));  // one wire path; drafts may follow
      args->against_given = true;
    } else if (s.size() > 1 && s[0] == '-' && s != "-") {
      return UsageError(absl::StrCat("unknown option '", s, "'"));
    } else if (args->command.empty()) {
      args->command = s;
    } else if (in_against) {
      args->against.push_back(s);
    } else {
      args->positional.push_back(s);
    }
  }
  if (args->jobs == 0) {
    args->jobs = std::max(1u, std::thread::hardware_concurrency());
  }
  return std::nullopt;
}

// Writes `data` to `path` atomically (a temporary file, then rename), or to
// standard output when `path` is empty or "-". A failed write is an error
// (exit 2) there too: a full disk must not pass for a clean run.
absl::Status WriteOutput(const std::string& path, const std::string& data) {
  absl::StatusOr<std::unique_ptr<OutputFile>> out = OutputFile::Open(path);
  if (!out.ok()) return out.status();
  (*out)->Write(data);
  return (*out)->Commit();
}

// Applies --severity overrides: "title-alias=warning" for one check,
// "date/precision=error" for a kind and class, level "off" to leave it out.
absl::Status OverrideSeverity(const std::vector<std::pair<std::string, std::string>>& overrides,
                              compare::Policy* policy) {
  for (const auto& [what, level] : overrides) {
    const std::optional<Severity> sev = ParseSeverity(level);
    if (!sev && level != "off") {
      return absl::InvalidArgumentError(absl::StrCat(
          "--severity ", what, ": expected error, warning, info or off, saw '", level, "'"));
    }
    const size_t slash = what.find('/');
    if (slash == std::string::npos) {
      if (!policy->checks.contains(what)) {
        return absl::InvalidArgumentError(absl::StrCat("--severity: unknown check '", what, "'"));
      }
      if (sev) {
        policy->by_rule[what] = *sev;
      } else {
        policy->by_rule.erase(what);
        policy->disabled.insert(what);
      }
      continue;
    }
    const std::optional<MentionKind> kind = ParseMentionKind(what.substr(0, slash));
    const std::optional<FindingClass> cls = ParseFindingClass(what.substr(slash + 1));
    if (!kind || !cls) {
      return absl::InvalidArgumentError(
          absl::StrCat("--severity: expected KIND/CLASS such as date/precision, saw '", what, "'"));
    }
    if (sev) {
      policy->severity[{*kind, *cls}] = *sev;
    } else {
      policy->severity.erase({*kind, *cls});
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<RuleSet>> LoadRules(const Args& args, const char* argv0) {
  std::vector<std::string> dirs = {DefaultRulesDir(argv0)};
  dirs.insert(dirs.end(), args.rules_dirs.begin(), args.rules_dirs.end());
  return LoadRuleSet(dirs);
}

int ReportError(const absl::Status& status) {
  fprintf(stderr, "concord: %s\n", std::string(status.message()).c_str());
  return kExitError;
}

// --min-severity and --kinds narrow what is shown and what fails the run.
void Narrow(const Args& args, Report* report) {
  std::erase_if(report->findings, [&](const Finding& f) {
    return (args.min_severity && f.severity < *args.min_severity) ||
           (!args.kinds.empty() && !args.kinds.count(f.kind));
  });
}

int Emit(Report report, const Args& args, const RuleSet& rules) {
  Narrow(args, &report);
  // (Main refused an unknown --format before the run.)
  const std::optional<report::Format> f = ReportFormatOf(args);
  std::string data;
  switch (*f) {
    case report::Format::kJson:
      data = report::RenderJson(report);
      break;
    case report::Format::kText: {
      report::TextOptions options;
      options.color = args.output.empty() && !args.no_color &&
                      getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO);
      data = report::RenderText(report, options);
      break;
    }
    case report::Format::kMarkdown:
      data = report::RenderMarkdown(report);
      break;
    case report::Format::kHtml:
      data = report::RenderHtml(report, rules.policy.checks);
      break;
    case report::Format::kSarif:
      data = report::RenderSarif(report, rules.policy.checks, CONCORD_VERSION);
      break;
  }
  if (WritesOutput(args)) {
    if (absl::Status s = WriteOutput(args.output, data); !s.ok()) return ReportError(s);
  }
  if (args.fail_on == "never") return kExitClean;
  const Severity threshold = *ParseSeverity(args.fail_on);
  for (const Finding& finding : report.findings) {
    if (finding.severity >= threshold) return kExitFindings;
  }
  return kExitClean;
}

// Leaves the claims of `corpus` unfreed to the end of the process, which
// is about to exit: freeing their hundreds of thousands of strings and
// vectors one by one costs more than a percent of an audit. Its spill (a
// file) is closed as usual. (Held through a static pointer, so that leak
// checkers see it reachable; a second corpus is freed as usual.)
void LeaveForExit(Corpus corpus) {
  corpus.spill.reset();
  static const Corpus* left = nullptr;
  if (left == nullptr) left = new Corpus(std::move(corpus));
}

RunOptions MakeRunOptions(const Args& args) {
  RunOptions options;
  options.ingest.published = args.published;
  options.ingest.max_bytes = args.max_bytes;
  options.jobs = args.jobs;
  return options;
}

int Audit(const Args& args, const RuleSet& rules) {
  if (args.positional.empty()) return UsageError("audit: give at least one path");
  const bool tty = isatty(STDERR_FILENO) != 0;
  Progress progress(tty && !args.quiet);
  RunOptions options = MakeRunOptions(args);
  options.progress = &progress;
  options.memory_budget = args.memory_mb << 20;
  std::unique_ptr<store::Store> store;
  if (!args.store.empty()) {
    absl::StatusOr<std::unique_ptr<store::Store>> opened =
        store::Store::Open(args.store,
                           absl::StrCat(rules.hash, " extractor ", extract::kExtractorVersion),
                           store::RunDate());
    if (!opened.ok()) return ReportError(opened.status());
    store = *std::move(opened);
    options.store = store.get();
  }
  absl::StatusOr<Corpus> corpus = ReadCorpus(args.positional, rules, options);
  if (!corpus.ok()) return ReportError(corpus.status());
  if (corpus->docs.empty() && !args.quiet) {
    progress.Clear();
    fprintf(stderr, "concord: no article was read\n");
  }
  absl::StatusOr<Report> built = BuildReport(*corpus, rules, {}, &progress, args.jobs);
  progress.Clear();
  if (!built.ok()) return ReportError(built.status());
  Report report = *std::move(built);
  if (store != nullptr && !args.quiet) {
    fprintf(stderr, "concord: store: extracted %d, reused %d\n", corpus->extracted,
            corpus->reused);
  }
  if (absl::Status s = ApplyNightly(args.nightly, *corpus, store.get(), &report); !s.ok()) {
    return ReportError(s);
  }
  Narrow(args, &report);  // the summary counts the findings the report shows
  if ((tty || args.summary) && !args.quiet) {
    uint64_t claims = 0;
    for (size_t i = 0; i < corpus->docs.size(); ++i) claims += corpus->ClaimCount(i);
    fputs(AuditSummary(report, progress.articles(), claims, progress.bytes(), progress.Seconds())
              .c_str(), stderr);
  }
  const int code = Emit(std::move(report), args, rules);
  LeaveForExit(*std::move(corpus));
  return code;
}

int Check(const Args& args, const RuleSet& rules) {
  if (args.positional.empty()) return UsageError("check: give at least one draft");
  if (args.against.empty()) return UsageError("check: give --against PATH...");
  // Drafts are read apart from the wires so that their ids are known.
  absl::StatusOr<Corpus> drafts = ReadCorpus(args.positional, rules, MakeRunOptions(args));
  if (!drafts.ok()) return ReportError(drafts.status());
  if (drafts->docs.empty()) {
    std::string why = drafts->skipped.empty() ? "no article" : drafts->skipped[0].reason;
    return ReportError(absl::InvalidArgumentError(
        absl::StrCat(args.positional[0], ": no draft could be read: ", why)));
  }
  // A draft that was not checked must not pass the gate: each is named,
  // and the run fails as one that could not run.
  if (!drafts->skipped.empty()) {
    for (const Skipped& s : drafts->skipped) {
      fprintf(stderr, "concord: %s: draft not read: %s\n", s.path.c_str(), s.reason.c_str());
    }
    return ReportError(absl::InvalidArgumentError(absl::StrCat(
        drafts->skipped.size(), " of ", drafts->skipped.size() + drafts->docs.size(),
        " drafts could not be read")));
  }
  RunOptions options = MakeRunOptions(args);
  options.memory_budget = args.memory_mb << 20;
  // A draft in a folder --against names is read once, as the draft: read
  // again as a wire it would count as one more source agreeing with itself.
  for (const DocClaims& d : drafts->docs) options.exclude.push_back(d.info.path);
  absl::StatusOr<Corpus> corpus = ReadCorpus(args.against, rules, options);
  if (!corpus.ok()) return ReportError(corpus.status());
  if (corpus->docs.empty() && !args.quiet) {
    // Said as audit says it: a clean check against nothing proves nothing.
    fprintf(stderr, "concord: --against: no article was read\n");
  }
  std::set<std::string> wire_ids;
  for (const DocClaims& other : corpus->docs) wire_ids.insert(other.info.id);
  std::vector<std::string> draft_ids;
  for (DocClaims& d : drafts->docs) {
    // A draft keeps an id no wire article has.
    if (wire_ids.count(d.info.id)) {
      d.info.id = absl::StrCat(d.info.id, " (draft)");
      for (Claim& c : d.claims) c.evidence.doc = d.info.id;
    }
    draft_ids.push_back(d.info.id);
  }
  corpus->Prepend(*std::move(drafts));
  absl::StatusOr<Report> report = BuildReport(*corpus, rules, draft_ids, nullptr, args.jobs);
  if (!report.ok()) return ReportError(report.status());
  return Emit(*std::move(report), args, rules);
}

// `s` as a JSON string, written as the JSON report writes strings (a byte
// that is not UTF-8, as in a Latin-1 file name, becomes U+FFFD).
std::string JsonString(std::string_view s) {
  std::string out;
  JsonWriter(&out).String(s);
  return out;
}

int Extract(const Args& args, const RuleSet& rules) {
  if (args.positional.empty()) return UsageError("extract: give at least one path");
  const std::string format = args.format.empty() ? "jsonl" : args.format;
  if (format != "jsonl" && format != "claims") {
    return UsageError(
        absl::StrCat("extract: --format: expected jsonl or claims, saw '", format, "'"));
  }
  RunOptions options = MakeRunOptions(args);
  if (format == "claims") {
    // The map step streams: each input's lines are written as soon as it
    // and the inputs before it are done (ids are made unique by the
    // reducer, which sees every document).
    std::unique_ptr<OutputFile> out;
    if (WritesOutput(args)) {
      absl::StatusOr<std::unique_ptr<OutputFile>> opened = OutputFile::Open(args.output);
      if (!opened.ok()) return ReportError(opened.status());
      out = *std::move(opened);
    }
    options.on_input = [&](std::vector<DocClaims>&& docs, std::vector<Skipped>&& skipped) {
      if (out == nullptr) return;
      for (const DocClaims& d : docs) out->Write(DocClaimsLine(d));
      for (const Skipped& s : skipped) out->Write(SkippedLine(s));
    };
    absl::StatusOr<Corpus> corpus = ReadCorpus(args.positional, rules, options);
    if (!corpus.ok()) return ReportError(corpus.status());
    if (out == nullptr) return kExitClean;
    for (const Skipped& s : corpus->skipped) out->Write(SkippedLine(s));
    if (absl::Status s = out->Commit(); !s.ok()) return ReportError(s);
    return kExitClean;
  }
  options.claim_scope = extract::ClaimScope::kEveryMention;
  absl::StatusOr<Corpus> corpus = ReadCorpus(args.positional, rules, options);
  if (!corpus.ok()) return ReportError(corpus.status());
  std::string out;
  for (const DocClaims& d : corpus->docs) {
    for (const Claim& c : d.claims) {
      const Evidence& e = c.evidence;
      absl::StrAppend(&out, "{\"doc\": ", JsonString(e.doc), ", \"path\": ", JsonString(e.path),
                      ", \"kind\": \"", MentionKindName(c.mention.kind), "\", \"text\": ",
                      JsonString(e.text), ", \"offset\": ", e.offset, ", \"length\": ", e.length,
                      ", \"line\": ", e.line, ", \"column\": ", e.column, ", \"value\": ",
                      JsonString(c.mention.value_text), ", \"timex\": ",
                      c.mention.timex.empty() ? "null" : JsonString(c.mention.timex),
                      ", \"subject\": ", JsonString(c.mention.subject), ", \"rule\": ",
                      JsonString(c.mention.rule_id), "}\n");
    }
  }
  if (!args.quiet) {
    for (const Skipped& s : corpus->skipped) {
      fprintf(stderr, "%s: skipped: %s\n", s.path.c_str(), s.reason.c_str());
    }
  }
  if (WritesOutput(args)) {
    if (absl::Status s = WriteOutput(args.output, out); !s.ok()) return ReportError(s);
  }
  return kExitClean;
}

// The reduce step: claims lines from files or standard input.
int Compare(const Args& args, const RuleSet& rules) {
  absl::StatusOr<Corpus> corpus =
      ReadClaims(args.positional, args.memory_mb << 20, rules.align.story_keywords);
  if (!corpus.ok()) return ReportError(corpus.status());
  absl::StatusOr<Report> report = BuildReport(*corpus, rules, {}, nullptr, args.jobs);
  if (!report.ok()) return ReportError(report.status());
  return Emit(*std::move(report), args, rules);
}

int RerenderReport(const Args& args, const RuleSet& rules) {
  if (args.positional.size() != 1) return UsageError("report: give one saved JSON report");
  const std::string& path = args.positional[0];
  absl::StatusOr<std::string> text;
  if (path == "-") {  // 'audit --format json | concord report - --format html'
    std::ostringstream in;
    in << std::cin.rdbuf();
    text = in.str();
  } else {
    text = ReadFile(path, "the saved report");
  }
  if (!text.ok()) return ReportError(text.status());
  absl::StatusOr<Report> report = report::ParseJson(*text);
  if (!report.ok()) {
    return ReportError(absl::InvalidArgumentError(
        absl::StrCat(path, ": ", report.status().message())));
  }
  return Emit(*report, args, rules);
}

int Rules(const Args& args, const char* argv0) {
  const std::string sub = args.positional.empty() ? "" : args.positional[0];
  if (sub != "check" && sub != "test") return UsageError("rules: expected 'check' or 'test'");
  // Regression: 'rules check myrules/' checked the default rules alone and
  // said OK, without a word about the folder it was given.
  if (args.positional.size() > 1) {
    return UsageError(absl::StrCat("rules ", sub, ": unexpected argument '",
                                   args.positional[1],
                                   "' (give rule folders with --rules DIR)"));
  }
  absl::StatusOr<std::unique_ptr<RuleSet>> rules = LoadRules(args, argv0);
  if (!rules.ok()) {
    fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return kExitError;
  }
  if (sub == "check") {
    if (!args.quiet) printf("%zu rule files OK\n", (*rules)->files.size());
    return kExitClean;
  }
  int failed = 0;
  const std::vector<rules::ExampleResult> results = RunAllExamples(**rules);
  for (const rules::ExampleResult& r : results) {
    if (r.passed) continue;
    ++failed;
    fprintf(stderr, "%s:%d:%d: error: example failed: %s [%s]\n", r.pos.path.c_str(),
            r.pos.line, r.pos.column, r.message.c_str(), r.rule_id.c_str());
  }
  if (!args.quiet) printf("%zu passed, %d failed\n", results.size() - failed, failed);
  return failed == 0 ? kExitClean : kExitFindings;
}

int Main(int argc, char** argv) {
  Args args;
  if (std::optional<int> code = ParseArgs(argc, argv, &args)) return *code;
  // Paths after --against would otherwise be dropped without a word
  // ('concord audit draft.md --against wires/' compared the draft alone).
  if (args.against_given && args.command != "check") {
    return UsageError("--against is for check (concord check DRAFT... --against PATH...)");
  }
  if (args.command == "rules") return Rules(args, argv[0]);
  if (args.command != "audit" && (!args.store.empty() || !args.nightly.baseline.empty() ||
                                  !args.nightly.write_baseline.empty())) {
    return UsageError("--store, --baseline and --write-baseline are for audit");
  }
  if (args.command != "audit" && args.command != "check" && args.command != "extract" &&
      args.command != "report" && args.command != "compare") {
    return UsageError(absl::StrCat("unknown command '", args.command, "'"));
  }
  // A report format is checked before the run, not after it has read the
  // corpus and written the store and the baseline.
  if (args.command != "extract" && !ReportFormatOf(args)) {
    return UsageError(absl::StrCat(
        "--format: expected text, json, markdown, html or sarif, saw '", args.format, "'"));
  }
  absl::StatusOr<std::unique_ptr<RuleSet>> rules = LoadRules(args, argv[0]);
  if (!rules.ok()) {
    fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return kExitError;
  }
  if (absl::Status s = OverrideSeverity(args.severity, &(*rules)->policy); !s.ok()) {
    return UsageError(std::string(s.message()));
  }
  if (args.command == "report") {
    // A saved report keeps the severities it was made with; an override
    // ignored in silence would still decide --fail-on's exit code.
    if (!args.severity.empty()) {
      return UsageError("report: --severity applies when findings are made (audit, check, "
                        "compare), not to a saved report");
    }
    return RerenderReport(args, **rules);
  }
  if (args.command == "audit") return Audit(args, **rules);
  if (args.command == "check") return Check(args, **rules);
  if (args.command == "compare") return Compare(args, **rules);
  return Extract(args, **rules);
}

}  // namespace
}  // namespace concord

int main(int argc, char** argv) { return concord::Main(argc, argv); }
