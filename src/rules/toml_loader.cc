// The only translation unit that includes toml++ (it is heavy to compile).
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <toml++/toml.h>

#include "absl/strings/str_cat.h"
#include "base/hash.h"
#include "base/strings.h"
#include "rules/rule_tree.h"

namespace concord::rules {
namespace {

SourcePos PosOf(const toml::node& node, const std::string& path) {
  const toml::source_region& r = node.source();
  return SourcePos{path, static_cast<int>(r.begin.line),
                   static_cast<int>(r.begin.column)};
}

RuleNode Convert(const toml::node& node, const std::string& path) {
  const SourcePos pos = PosOf(node, path);
  switch (node.type()) {
    case toml::node_type::string:
      return RuleNode::String(std::string(*node.as_string()), pos);
    case toml::node_type::integer:
      return RuleNode::Integer(node.as_integer()->get(), pos);
    case toml::node_type::floating_point:
      return RuleNode::Float(node.as_floating_point()->get(), pos);
    case toml::node_type::boolean:
      return RuleNode::Bool(node.as_boolean()->get(), pos);
    case toml::node_type::date: {
      const toml::date d = node.as_date()->get();
      return RuleNode::Date(
          date::year_month_day{date::year{d.year}, date::month{d.month},
                               date::day{d.day}},
          pos);
    }
    case toml::node_type::array: {
      std::vector<RuleNode> items;
      for (const toml::node& item : *node.as_array()) {
        items.push_back(Convert(item, path));
      }
      return RuleNode::Array(std::move(items), pos);
    }
    case toml::node_type::table: {
      // toml++ keeps tables in key order; restore source order so that
      // diagnostics and rule order follow the file.
      std::vector<std::pair<std::string, RuleNode>> entries;
      for (const auto& [key, value] : *node.as_table()) {
        entries.emplace_back(std::string(key.str()), Convert(value, path));
      }
      std::stable_sort(entries.begin(), entries.end(),
                       [](const auto& a, const auto& b) {
                         const SourcePos& pa = a.second.pos();
                         const SourcePos& pb = b.second.pos();
                         return pa.line != pb.line ? pa.line < pb.line
                                                   : pa.column < pb.column;
                       });
      return RuleNode::Table(std::move(entries), pos);
    }
    default:
      // Times and date-times have no use in rules; report them as strings so
      // the reader says "expected X, saw a string".
      return RuleNode::String("<time>", pos);
  }
}

}  // namespace

std::optional<RuleFile> ParseRuleText(std::string_view text, std::string path,
                                      Diagnostics* diag) {
  // Debian's toml++ is a shared library built with exceptions, so a syntax
  // error arrives as toml::parse_error; it never leaves this function.
  try {
    toml::table table = toml::parse(text, path);
    RuleFile file;
    file.path = path;
    file.root = Convert(table, path);
    file.sha256 = Sha256Hex(text);
    return file;
  } catch (const toml::parse_error& err) {
    SourcePos pos{path, static_cast<int>(err.source().begin.line),
                  static_cast<int>(err.source().begin.column)};
    diag->Error(pos, absl::StrCat("invalid TOML: ", AsAbsl(err.description())));
    return std::nullopt;
  }
}

absl::StatusOr<std::vector<RuleFile>> LoadRuleFiles(
    const std::vector<std::string>& dirs, Diagnostics* diag) {
  namespace fs = std::filesystem;
  // File name -> path; a later directory replaces an earlier one.
  std::map<std::string, std::string> by_name;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      return absl::NotFoundError(
          absl::StrCat(dir, ": rules directory not found"));
    }
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".toml") continue;
      by_name[entry.path().filename().string()] = entry.path().string();
    }
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat(dir, ": cannot list rules directory: ", ec.message()));
    }
  }
  std::vector<RuleFile> files;
  for (const auto& [name, path] : by_name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::UnavailableError(
          absl::StrCat(path, ": cannot read rules file"));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::optional<RuleFile> file = ParseRuleText(buffer.str(), path, diag);
    if (file) files.push_back(std::move(*file));
  }
  return files;
}

}  // namespace concord::rules
