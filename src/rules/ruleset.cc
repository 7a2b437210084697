#include "rules/ruleset.h"

#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "base/hash.h"
#include "base/status_macros.h"

namespace concord {
namespace {

namespace fs = std::filesystem;

// Every top-level key a stage reads. A key outside this list is a typo.
bool KnownSection(std::string_view key) {
  static const char* const kShared[] = {"month", "weekday", "numbers",
                                        "abbreviations", "stopwords", "date_labels",
                                        "irregular_verbs"};
  for (const char* k : kShared) if (key == k) return true;
  for (const char* k : ingest::kIngestSections) if (key == k) return true;
  for (const char* k : extract::kTemporalSections) if (key == k) return true;
  for (const char* k : extract::kFigureSections) if (key == k) return true;
  for (const char* k : extract::kPeopleSections) if (key == k) return true;
  for (const char* k : extract::kQuoteSections) if (key == k) return true;
  for (const char* k : align::kAlignSections) if (key == k) return true;
  for (const char* k : compare::kPolicySections) if (key == k) return true;
  return false;
}

bool LooksLikeRulesDir(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p / "lexicon.toml", ec);
}

}  // namespace

std::string DefaultRulesDir(const char* argv0) {
  if (const char* env = getenv("CONCORD_RULES"); env != nullptr && *env) {
    return env;
  }
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0 != nullptr) self = fs::absolute(argv0, ec);
  if (!self.empty()) {
    const fs::path bin_dir = self.parent_path();
    // A build tree (build/concord) or an install (prefix/bin/concord).
    for (const fs::path& candidate :
         {bin_dir / "rules", bin_dir.parent_path() / "rules",
          bin_dir.parent_path() / "share" / "concord" / "rules"}) {
      if (LooksLikeRulesDir(candidate)) return candidate.string();
    }
  }
  if (LooksLikeRulesDir(CONCORD_INSTALLED_RULES)) return CONCORD_INSTALLED_RULES;
  return CONCORD_SOURCE_RULES;
}

absl::StatusOr<std::unique_ptr<RuleSet>> LoadRuleSet(
    const std::vector<std::string>& dirs) {
  rules::Diagnostics diag;
  CONCORD_ASSIGN_OR_RETURN(std::vector<rules::RuleFile> files,
                           rules::LoadRuleFiles(dirs, &diag));
  CONCORD_ASSIGN_OR_RETURN(std::unique_ptr<RuleSet> set, CompileRuleSet(files, &diag));
  set->dirs = dirs;
  return set;
}

absl::StatusOr<std::unique_ptr<RuleSet>> CompileRuleSet(
    const std::vector<rules::RuleFile>& files, rules::Diagnostics* diag) {
  auto set = std::make_unique<RuleSet>();
  Sha256 hash;
  for (const rules::RuleFile& file : files) {
    set->files.push_back(file.path);
    hash.UpdateField(std::filesystem::path(file.path).filename().string());
    hash.UpdateField(file.sha256);
    for (const auto& [key, node] : file.root.entries()) {
      if (!KnownSection(key)) {
        diag->Error(node.pos(), absl::StrCat("unknown section '", key, "'"));
      }
    }
  }
  set->hash = hash.HexDigest();
  rules::CompileLexicon(files, diag, &set->lexicon);
  extract::CompileStopwords(files, diag, &set->stopwords);
  ingest::CompileIngestRules(files, diag, &set->ingest);
  set->temporal.Compile(files, set->lexicon, diag);
  set->figures.Compile(files, set->lexicon, diag);
  set->people.Compile(files, set->lexicon, diag);
  extract::CompileQuoteRules(files, diag, &set->quotes);
  align::CompileAlignRules(files, diag, &set->align);
  // A phrase ends at a verb, also at one its ending does not show.
  for (const std::string& w : set->lexicon.irregular_verbs) set->align.phrase_end_words.insert(w);
  compare::CompilePolicy(files, diag, &set->policy);
  CONCORD_RETURN_IF_ERROR(diag->ToStatus());
  return set;
}

std::vector<rules::ExampleResult> RunAllExamples(const RuleSet& rules) {
  std::vector<rules::ExampleResult> results;
  ingest::RunIngestExamples(rules.ingest, &results);
  rules.temporal.RunExamples(&results);
  rules.figures.RunExamples(&results);
  extract::RunAgeExamples(rules, &results);
  rules.people.RunExamples(&results);
  extract::RunQuoteExamples(rules, &results);
  return results;
}

}  // namespace concord
