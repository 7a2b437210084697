// `[[boilerplate]]` rules: compiling them with positions, running their
// examples, matching lines.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/internal.h"

namespace concord::ingest {
namespace {

std::string Where(const rules::SourcePos& pos) {
  return absl::StrCat(pos.path, ":", pos.line, ":", pos.column);
}

void CompileRule(const rules::RuleNode& table, rules::Diagnostics* diag,
                 StringMap<rules::SourcePos>* seen, IngestRules* out) {
  std::string id;
  if (const rules::RuleNode* id_node = table.Find("id");
      id_node != nullptr && id_node->type() == rules::RuleNode::Type::kString) {
    id = id_node->str();
  }
  rules::TableReader reader(table, id.empty() ? "boilerplate" : id, diag);
  BoilerplateRule rule;
  std::string pattern;
  const bool has_id = reader.String("id", &rule.id, true);
  const bool has_pattern = reader.String("pattern", &pattern, true);
  reader.String("description", &rule.description);
  reader.StringList("examples", &rule.examples);
  reader.StringList("counter_examples", &rule.counter_examples);
  reader.Finish();
  rule.pos = table.pos();
  if (has_id) {
    if (rule.id.empty()) {
      diag->Error(table.Find("id")->pos(), "'id': must not be empty", "boilerplate");
    } else if (auto it = seen->find(rule.id); it != seen->end()) {
      diag->Error(table.Find("id")->pos(),
                  absl::StrCat("duplicate rule id (first at ", Where(it->second), ")"),
                  rule.id);
    } else {
      (*seen)[rule.id] = table.Find("id")->pos();
    }
  }
  if (const rules::RuleNode* examples = table.Find("examples");
      has_id && rule.examples.empty() &&
      (examples == nullptr || examples->type() == rules::RuleNode::Type::kArray)) {
    diag->Error(examples == nullptr ? table.pos() : examples->pos(),
                "a boilerplate rule needs 'examples' (lines it drops)", rule.id);
  }
  for (const char* key : {"examples", "counter_examples"}) {
    const rules::RuleNode* list = table.Find(key);
    if (list == nullptr || list->type() != rules::RuleNode::Type::kArray) continue;
    auto* positions = std::string_view(key) == "examples" ? &rule.example_pos
                                                          : &rule.counter_example_pos;
    for (const rules::RuleNode& item : list->items()) positions->push_back(item.pos());
  }
  if (!has_pattern) return;
  if (pattern.empty()) {
    diag->Error(table.Find("pattern")->pos(), "'pattern': must not be empty", rule.id);
    return;
  }
  rule.pattern = rules::CompilePattern(pattern, table.Find("pattern")->pos(), rule.id, diag,
                                       /*case_insensitive=*/true);
  if (rule.pattern == nullptr || !has_id) return;
  // Positions and strings line up only when every item was a string.
  if (rule.example_pos.size() != rule.examples.size()) rule.example_pos.clear();
  if (rule.counter_example_pos.size() != rule.counter_examples.size()) {
    rule.counter_example_pos.clear();
  }
  out->boilerplate.push_back(std::move(rule));
}

}  // namespace

void CompileIngestRules(const std::vector<rules::RuleFile>& files,
                        rules::Diagnostics* diag, IngestRules* out) {
  StringMap<rules::SourcePos> seen;
  for (const rules::RuleFile& file : files) {
    const rules::RuleNode* list = file.root.Find("boilerplate");
    if (list == nullptr) continue;
    if (list->type() != rules::RuleNode::Type::kArray) {
      diag->Error(list->pos(),
                  absl::StrCat("'boilerplate': expected an array of tables ([[boilerplate]]), saw ",
                               AsAbsl(list->TypeName())));
      continue;
    }
    for (const rules::RuleNode& table : list->items()) {
      if (table.type() != rules::RuleNode::Type::kTable) {
        diag->Error(table.pos(), absl::StrCat("'boilerplate': expected a table, saw ",
                                              AsAbsl(table.TypeName())));
        continue;
      }
      CompileRule(table, diag, &seen, out);
    }
  }
  out->boilerplate_set.reset();
  out->boilerplate_matcher.reset();
  if (out->boilerplate.empty()) return;
  out->boilerplate_matcher = internal::BoilerplateMatcher::Build(out->boilerplate);
  if (out->boilerplate_matcher != nullptr) return;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  options.set_max_mem(64 << 20);
  auto set = std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
  for (const BoilerplateRule& rule : out->boilerplate) {
    const std::string& pattern = rule.pattern->pattern();
    if (set->Add(re2::StringPiece(pattern.data(), pattern.size()), nullptr) < 0) return;
  }
  // A set too large for its memory budget falls back to one rule at a time.
  if (set->Compile()) out->boilerplate_set = std::move(set);
}

const BoilerplateRule* internal::MatchNormalizedLine(const IngestRules& rules,
                                                     std::string_view line) {
  if (line.empty() || line.size() > internal::kMaxBoilerplateLine) return nullptr;
  if (rules.boilerplate_matcher != nullptr) {
    const int first = rules.boilerplate_matcher->FirstMatch(line);
    return first < 0 ? nullptr : &rules.boilerplate[static_cast<size_t>(first)];
  }
  const re2::StringPiece piece(line.data(), line.size());
  if (rules.boilerplate_set != nullptr) {
    // Whether any rule matches first (most lines are kept): asking which
    // costs allocations on every call.
    if (!rules.boilerplate_set->Match(piece, nullptr)) return nullptr;
    std::vector<int> matches;
    if (!rules.boilerplate_set->Match(piece, &matches) || matches.empty()) return nullptr;
    const int first = *std::min_element(matches.begin(), matches.end());
    return &rules.boilerplate[static_cast<size_t>(first)];
  }
  for (const BoilerplateRule& rule : rules.boilerplate) {
    if (RE2::FullMatch(piece, *rule.pattern)) return &rule;
  }
  return nullptr;
}

const BoilerplateRule* MatchBoilerplate(const IngestRules& rules, std::string_view line) {
  return internal::MatchNormalizedLine(rules, internal::NormalizeLine(line));
}

void RunIngestExamples(const IngestRules& rules,
                       std::vector<rules::ExampleResult>* results) {
  for (const BoilerplateRule& rule : rules.boilerplate) {
    for (size_t k = 0; k < rule.examples.size(); ++k) {
      rules::ExampleResult r;
      r.pos = k < rule.example_pos.size() ? rule.example_pos[k] : rule.pos;
      r.rule_id = rule.id;
      const std::string line = internal::NormalizeLine(rule.examples[k]);
      const re2::StringPiece piece(line.data(), line.size());
      r.passed = line.size() <= internal::kMaxBoilerplateLine &&
                 RE2::FullMatch(piece, *rule.pattern);
      if (!r.passed) {
        r.message = absl::StrCat("example \"", rule.examples[k],
                                 "\" is not dropped by this rule");
      }
      results->push_back(std::move(r));
    }
    for (size_t k = 0; k < rule.counter_examples.size(); ++k) {
      rules::ExampleResult r;
      r.pos = k < rule.counter_example_pos.size() ? rule.counter_example_pos[k] : rule.pos;
      r.rule_id = rule.id;
      const BoilerplateRule* match = MatchBoilerplate(rules, rule.counter_examples[k]);
      r.passed = match == nullptr;
      if (!r.passed) {
        r.message = absl::StrCat("counter-example \"", rule.counter_examples[k],
                                 "\" is dropped by rule '", match->id, "'");
      }
      results->push_back(std::move(r));
    }
  }
}

}  // namespace concord::ingest
