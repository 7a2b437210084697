// The rule files as a plain tree with source positions, and the tools every
// stage uses to read its own part of it with exact error positions.
//
// A stage never sees TOML: the loader parses `rules/*.toml` once (toml++ lives
// in one translation unit) into RuleNode values; each stage compiles the
// tables it owns with a TableReader, which reports "expected X, saw Y" and
// unknown keys at `path:line:col` together with the rule's id.
#ifndef CONCORD_RULES_RULE_TREE_H_
#define CONCORD_RULES_RULE_TREE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "date/date.h"
#include "re2/re2.h"

namespace concord::rules {

// Where a value stands in a rule file (1-based line and column).
struct SourcePos {
  std::string path;
  int line = 0;
  int column = 0;
};

class RuleNode {
 public:
  enum class Type { kString, kInteger, kFloat, kBool, kDate, kArray, kTable };

  Type type() const { return type_; }
  const SourcePos& pos() const { return pos_; }
  // Human name of the type, for "expected X, saw Y" messages.
  std::string_view TypeName() const;
  static std::string_view TypeName(Type t);

  const std::string& str() const { return string_; }
  int64_t integer() const { return integer_; }
  double number() const { return type_ == Type::kInteger ? integer_ : float_; }
  bool boolean() const { return bool_; }
  const date::year_month_day& ymd() const { return date_; }
  const std::vector<RuleNode>& items() const { return items_; }
  // Table entries in source order.
  const std::vector<std::pair<std::string, RuleNode>>& entries() const {
    return entries_;
  }
  // The value of `key` in a table, or nullptr.
  const RuleNode* Find(std::string_view key) const;

  // Construction, used by the loader and by tests.
  static RuleNode String(std::string s, SourcePos pos);
  static RuleNode Integer(int64_t v, SourcePos pos);
  static RuleNode Float(double v, SourcePos pos);
  static RuleNode Bool(bool v, SourcePos pos);
  static RuleNode Date(date::year_month_day v, SourcePos pos);
  static RuleNode Array(std::vector<RuleNode> items, SourcePos pos);
  static RuleNode Table(std::vector<std::pair<std::string, RuleNode>> entries,
                        SourcePos pos);

 private:
  Type type_ = Type::kTable;
  SourcePos pos_;
  std::string string_;
  int64_t integer_ = 0;
  double float_ = 0;
  bool bool_ = false;
  date::year_month_day date_{};
  std::vector<RuleNode> items_;
  std::vector<std::pair<std::string, RuleNode>> entries_;
};

// One parsed rule file: its path and its top-level table.
struct RuleFile {
  std::string path;
  RuleNode root;
  std::string sha256;  // of the file's bytes, hex
};

// Collects errors as `path:line:col: error: message [rule-id]`.
class Diagnostics {
 public:
  void Error(const SourcePos& pos, std::string_view message,
             std::string_view rule_id = "");
  bool ok() const { return errors_.empty(); }
  const std::vector<std::string>& errors() const { return errors_; }
  // InvalidArgument with every error, one per line; OK when there are none.
  absl::Status ToStatus() const;

 private:
  std::vector<std::string> errors_;
};

// Reads the keys of one table, checking types; Finish() reports every key
// that was not read as unknown. Each getter returns false (and reports) when
// the key is present with the wrong type, or absent and required.
class TableReader {
 public:
  TableReader(const RuleNode& table, std::string rule_id, Diagnostics* diag);

  bool String(std::string_view key, std::string* out, bool required = false);
  bool StringList(std::string_view key, std::vector<std::string>* out,
                  bool required = false);
  bool Integer(std::string_view key, int64_t* out, bool required = false);
  bool Number(std::string_view key, double* out, bool required = false);
  bool Bool(std::string_view key, bool* out, bool required = false);
  bool Date(std::string_view key, date::year_month_day* out,
            bool required = false);
  // The raw node (marked as read), or nullptr when absent.
  const RuleNode* Node(std::string_view key);
  // Like Node(), but reports a type error unless the node has type `t`.
  const RuleNode* Typed(std::string_view key, RuleNode::Type t,
                        bool required = false);
  // Reports unknown keys. Call once, after every getter.
  void Finish();

  const std::string& rule_id() const { return rule_id_; }
  Diagnostics* diag() const { return diag_; }
  const RuleNode& table() const { return table_; }

 private:
  const RuleNode* Get(std::string_view key, bool required);
  const RuleNode& table_;
  std::string rule_id_;
  Diagnostics* diag_;
  std::vector<std::string> read_;
};

// Compiles `pattern` with RE2 (UTF-8, no logging). On failure reports RE2's
// error at `pos` and returns nullptr. Patterns are case-sensitive unless
// `case_insensitive`.
std::unique_ptr<RE2> CompilePattern(std::string_view pattern,
                                    const SourcePos& pos,
                                    std::string_view rule_id,
                                    Diagnostics* diag,
                                    bool case_insensitive = false);

// Replaces every `{name}` in `pattern` by the fragment `name` (wrapped in a
// non-capturing group). Reports an unknown fragment name at `pos`. `{n}`,
// `{n,}` and `{n,m}` repetition counts are left alone.
std::string ExpandFragments(
    std::string_view pattern,
    const std::vector<std::pair<std::string, std::string>>& fragments,
    const SourcePos& pos, std::string_view rule_id, Diagnostics* diag);

// Parses TOML text into a RuleFile; a syntax error is reported at its
// position and yields nullopt.
std::optional<RuleFile> ParseRuleText(std::string_view text, std::string path,
                                      Diagnostics* diag);

// Reads every `*.toml` file in each directory, in order of the directories
// and then of file names. A file whose name appears again in a later
// directory replaces the earlier one. Missing directories are an error.
absl::StatusOr<std::vector<RuleFile>> LoadRuleFiles(
    const std::vector<std::string>& dirs, Diagnostics* diag);

}  // namespace concord::rules

#endif  // CONCORD_RULES_RULE_TREE_H_
