#include "rules/rule_tree.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"

namespace concord::rules {

std::string_view RuleNode::TypeName(Type t) {
  switch (t) {
    case Type::kString: return "a string";
    case Type::kInteger: return "an integer";
    case Type::kFloat: return "a number";
    case Type::kBool: return "a boolean";
    case Type::kDate: return "a date";
    case Type::kArray: return "an array";
    case Type::kTable: return "a table";
  }
  return "a value";
}

std::string_view RuleNode::TypeName() const { return TypeName(type_); }

const RuleNode* RuleNode::Find(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

RuleNode RuleNode::String(std::string s, SourcePos pos) {
  RuleNode n;
  n.type_ = Type::kString;
  n.string_ = std::move(s);
  n.pos_ = std::move(pos);
  return n;
}
RuleNode RuleNode::Integer(int64_t v, SourcePos pos) {
  RuleNode n;
  n.type_ = Type::kInteger;
  n.integer_ = v;
  n.pos_ = std::move(pos);
  return n;
}
RuleNode RuleNode::Float(double v, SourcePos pos) {
  RuleNode n;
  n.type_ = Type::kFloat;
  n.float_ = v;
  n.pos_ = std::move(pos);
  return n;
}
RuleNode RuleNode::Bool(bool v, SourcePos pos) {
  RuleNode n;
  n.type_ = Type::kBool;
  n.bool_ = v;
  n.pos_ = std::move(pos);
  return n;
}
RuleNode RuleNode::Date(date::year_month_day v, SourcePos pos) {
  RuleNode n;
  n.type_ = Type::kDate;
  n.date_ = v;
  n.pos_ = std::move(pos);
  return n;
}
RuleNode RuleNode::Array(std::vector<RuleNode> items, SourcePos pos) {
  RuleNode n;
  n.type_ = Type::kArray;
  n.items_ = std::move(items);
  n.pos_ = std::move(pos);
  return n;
}
RuleNode RuleNode::Table(std::vector<std::pair<std::string, RuleNode>> entries,
                         SourcePos pos) {
  RuleNode n;
  n.type_ = Type::kTable;
  n.entries_ = std::move(entries);
  n.pos_ = std::move(pos);
  return n;
}

void Diagnostics::Error(const SourcePos& pos, std::string_view message,
                        std::string_view rule_id) {
  std::string line = absl::StrCat(pos.path, ":", pos.line, ":", pos.column,
                                  ": error: ", AsAbsl(message));
  if (!rule_id.empty()) absl::StrAppend(&line, " [", AsAbsl(rule_id), "]");
  errors_.push_back(std::move(line));
}

absl::Status Diagnostics::ToStatus() const {
  if (errors_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(errors_, "\n"));
}

TableReader::TableReader(const RuleNode& table, std::string rule_id,
                         Diagnostics* diag)
    : table_(table), rule_id_(std::move(rule_id)), diag_(diag) {}

const RuleNode* TableReader::Get(std::string_view key, bool required) {
  read_.emplace_back(key);
  const RuleNode* n = table_.Find(key);
  if (n == nullptr && required) {
    diag_->Error(table_.pos(), absl::StrCat("missing required key '", AsAbsl(key), "'"),
                 rule_id_);
  }
  return n;
}

const RuleNode* TableReader::Node(std::string_view key) {
  return Get(key, false);
}

const RuleNode* TableReader::Typed(std::string_view key, RuleNode::Type t,
                                   bool required) {
  const RuleNode* n = Get(key, required);
  if (n == nullptr) return nullptr;
  if (n->type() != t) {
    diag_->Error(n->pos(),
                 absl::StrCat("'", AsAbsl(key), "': expected ", AsAbsl(RuleNode::TypeName(t)),
                              ", saw ", AsAbsl(n->TypeName())),
                 rule_id_);
    return nullptr;
  }
  return n;
}

bool TableReader::String(std::string_view key, std::string* out,
                         bool required) {
  const RuleNode* n = Typed(key, RuleNode::Type::kString, required);
  if (n == nullptr) return false;
  *out = n->str();
  return true;
}

bool TableReader::StringList(std::string_view key,
                             std::vector<std::string>* out, bool required) {
  const RuleNode* n = Get(key, required);
  if (n == nullptr) return false;
  if (n->type() == RuleNode::Type::kString) {  // one string stands for a list
    out->push_back(n->str());
    return true;
  }
  if (n->type() != RuleNode::Type::kArray) {
    diag_->Error(n->pos(),
                 absl::StrCat("'", AsAbsl(key), "': expected an array of strings, saw ",
                              AsAbsl(n->TypeName())),
                 rule_id_);
    return false;
  }
  bool ok = true;
  for (const RuleNode& item : n->items()) {
    if (item.type() != RuleNode::Type::kString) {
      diag_->Error(item.pos(),
                   absl::StrCat("'", AsAbsl(key), "': expected a string, saw ",
                                AsAbsl(item.TypeName())),
                   rule_id_);
      ok = false;
      continue;
    }
    out->push_back(item.str());
  }
  return ok;
}

bool TableReader::Integer(std::string_view key, int64_t* out, bool required) {
  const RuleNode* n = Typed(key, RuleNode::Type::kInteger, required);
  if (n == nullptr) return false;
  *out = n->integer();
  return true;
}

bool TableReader::Number(std::string_view key, double* out, bool required) {
  const RuleNode* n = Get(key, required);
  if (n == nullptr) return false;
  if (n->type() != RuleNode::Type::kInteger &&
      n->type() != RuleNode::Type::kFloat) {
    diag_->Error(n->pos(),
                 absl::StrCat("'", AsAbsl(key), "': expected a number, saw ",
                              AsAbsl(n->TypeName())),
                 rule_id_);
    return false;
  }
  *out = n->number();
  return true;
}

bool TableReader::Bool(std::string_view key, bool* out, bool required) {
  const RuleNode* n = Typed(key, RuleNode::Type::kBool, required);
  if (n == nullptr) return false;
  *out = n->boolean();
  return true;
}

bool TableReader::Date(std::string_view key, date::year_month_day* out,
                       bool required) {
  const RuleNode* n = Get(key, required);
  if (n == nullptr) return false;
  if (n->type() == RuleNode::Type::kDate) {
    *out = n->ymd();
    return true;
  }
  if (n->type() == RuleNode::Type::kString) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (sscanf(n->str().c_str(), "%d-%u-%u", &y, &m, &d) == 3) {
      date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
      if (ymd.ok()) {
        *out = ymd;
        return true;
      }
    }
  }
  diag_->Error(n->pos(),
               absl::StrCat("'", AsAbsl(key), "': expected a date (YYYY-MM-DD), saw ",
                            n->type() == RuleNode::Type::kString
                                ? absl::StrCat("'", n->str(), "'")
                                : std::string(AsAbsl(n->TypeName()))),
               rule_id_);
  return false;
}

void TableReader::Finish() {
  for (const auto& [key, value] : table_.entries()) {
    if (std::find(read_.begin(), read_.end(), key) == read_.end()) {
      diag_->Error(value.pos(), absl::StrCat("unknown key '", key, "'"),
                   rule_id_);
    }
  }
}

std::unique_ptr<RE2> CompilePattern(std::string_view pattern,
                                    const SourcePos& pos,
                                    std::string_view rule_id,
                                    Diagnostics* diag, bool case_insensitive) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!case_insensitive);
  // Bounded memory even for a hostile pattern.
  options.set_max_mem(8 << 20);
  auto re = std::make_unique<RE2>(
      re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) {
    diag->Error(pos,
                absl::StrCat("invalid pattern: ", re->error(), " at '",
                             re->error_arg(), "'"),
                rule_id);
    return nullptr;
  }
  return re;
}

std::string ExpandFragments(
    std::string_view pattern,
    const std::vector<std::pair<std::string, std::string>>& fragments,
    const SourcePos& pos, std::string_view rule_id, Diagnostics* diag) {
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out.push_back(c);
      out.push_back(pattern[++i]);
      continue;
    }
    if (c != '{') {
      out.push_back(c);
      continue;
    }
    const size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) {
      out.push_back(c);
      continue;
    }
    std::string_view name = pattern.substr(i + 1, close - i - 1);
    const bool is_repeat =
        !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
          return (ch >= '0' && ch <= '9') || ch == ',';
        });
    if (is_repeat || name.empty()) {
      out.push_back(c);
      continue;
    }
    auto it = std::find_if(fragments.begin(), fragments.end(),
                           [&](const auto& f) { return f.first == name; });
    if (it == fragments.end()) {
      diag->Error(pos, absl::StrCat("unknown fragment '{", AsAbsl(name), "}'"),
                  rule_id);
      out.append(pattern.substr(i, close - i + 1));
    } else {
      absl::StrAppend(&out, "(?:", it->second, ")");
    }
    i = close;
  }
  return out;
}

}  // namespace concord::rules
