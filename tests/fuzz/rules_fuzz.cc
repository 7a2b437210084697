// Fuzzes the rules loader: one rule file's text is parsed and compiled
// together with the default rules. Any text must give diagnostics or a rule
// set, never a crash, and every diagnostic must name a place.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_tree.h"
#include "rules/ruleset.h"

namespace {

const std::vector<concord::rules::RuleFile>& DefaultFiles() {
  static const auto* const files = [] {
    const char* env = std::getenv("CONCORD_RULES");
    concord::rules::Diagnostics diag;
    absl::StatusOr<std::vector<concord::rules::RuleFile>> read = concord::rules::LoadRuleFiles(
        {env != nullptr && *env ? env : CONCORD_SOURCE_RULES}, &diag);
    if (!read.ok() || !diag.ok()) {
      std::fprintf(stderr, "cannot read the default rules\n");
      std::abort();
    }
    return new std::vector<concord::rules::RuleFile>(*std::move(read));
  }();
  return *files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  concord::rules::Diagnostics diag;
  std::optional<concord::rules::RuleFile> file =
      concord::rules::ParseRuleText(text, "fuzz.toml", &diag);
  if (file.has_value()) {
    std::vector<concord::rules::RuleFile> files = DefaultFiles();
    files.push_back(*std::move(file));
    absl::StatusOr<std::unique_ptr<concord::RuleSet>> set =
        concord::CompileRuleSet(files, &diag);
    if (set.ok()) {
      // A rule set that loads also runs its own examples.
      (void)concord::RunAllExamples(**set);
    }
  }
  for (const std::string& e : diag.errors()) {
    if (e.find(": error: ") == std::string::npos) {
      std::fprintf(stderr, "diagnostic without a place: %s\n", e.c_str());
      std::abort();
    }
  }
  return 0;
}
