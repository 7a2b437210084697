#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "extract/people.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace concord::extract {
namespace {

const RuleSet& Rules() {
  static const std::unique_ptr<RuleSet> rules = [] {
    auto set = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
    if (!set.ok()) {
      std::cerr << set.status().message() << "\n";
      std::abort();
    }
    return std::move(*set);
  }();
  return *rules;
}

std::vector<Mention> FindIn(std::string_view text) {
  std::vector<Mention> out;
  Rules().people.Find(text, SplitSentences(text, Rules().lexicon), {}, &out);
  return out;
}

std::string Dump(const std::vector<Mention>& ms) {
  std::ostringstream os;
  for (const Mention& m : ms) {
    if (m.kind == MentionKind::kName) {
      const auto& v = std::get<NameValue>(m.value);
      os << "NAME [" << v.full << "] " << EntityTypeName(v.type) << " -> " << m.subject << "\n";
    } else if (m.kind == MentionKind::kTitle) {
      const auto& v = std::get<TitleValue>(m.value);
      os << "TITLE [" << v.surface << "] jur=" << v.jurisdiction << " ids=";
      for (auto& id : v.office_ids) os << id << ",";
      os << " person=" << v.person << " (" << m.rule_id << ")\n";
    }
  }
  return os.str();
}

std::string ReadSeed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  auto replace = [&](std::string_view from, std::string_view to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
      s.replace(p, from.size(), to);
    }
  };
  replace("\xE2\x80\xAF", " ");
  replace("\xE2\x80\x98", "'");
  replace("\xE2\x80\x99", "'");
  replace("\xE2\x80\x9C", "\"");
  replace("\xE2\x80\x9D", "\"");
  return s;
}

TEST_CASE("debug dump") {
  if (getenv("PEOPLE_DEBUG") == nullptr) return;
  const char* f = getenv("PEOPLE_DEBUG");
  std::string text = std::string(f).find('/') != std::string::npos ? ReadSeed(f) : f;
  std::cout << Dump(FindIn(text));
}

}  // namespace
}  // namespace concord::extract
