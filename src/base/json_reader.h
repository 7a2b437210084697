// A read-only JSON parser for records read in bulk (claims lines, stored
// claims): one pass over the text builds a flat list of values that point
// into it, with no allocation per value, and strings are unescaped only
// when asked for. Strict RFC 8259: valid UTF-8, no trailing commas, no
// comments, at most kMaxJsonDepth levels of nesting.
//
//   JsonTape tape;
//   if (!tape.Parse(line)) ...;                 // not valid JSON
//   JsonRef doc = tape.root().Find("doc");      // !doc.valid() when absent
//   for (JsonRef c = tape.root().Find("claims").first(); c.valid(); c = c.next()) ...
#ifndef CONCORD_BASE_JSON_READER_H_
#define CONCORD_BASE_JSON_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

inline constexpr int kMaxJsonDepth = 256;

class JsonTape;

namespace json_internal {
// One value on the tape (see JsonTape).
enum class Type : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };
struct Node {
  Type type = Type::kNull;
  bool escaped = false;  // a string with backslash escapes
  bool integer = false;  // a number without fraction or exponent
  bool member = false;   // a value of an object member (after its key)
  bool last = false;     // the last element or member of its container
  uint32_t end = 0;      // index after this value's subtree
  uint32_t count = 0;    // elements of an array, members of an object
  uint32_t parent = 0;   // the container's index (0 for the root)
  uint32_t begin = 0;    // number text or string contents in the text
  uint32_t length = 0;
};
}  // namespace json_internal

// One value of a parsed text; a default JsonRef (and what Find or next()
// return when there is nothing) is not valid() and is none of the types.
class JsonRef {
 public:
  JsonRef() = default;

  bool valid() const { return tape_ != nullptr; }
  bool is_null() const;
  bool is_bool() const;
  bool is_number() const;
  bool is_string() const;
  bool is_array() const;
  bool is_object() const;

  bool bool_value() const;  // false unless a true literal
  // A number written without fraction or exponent that fits the type.
  std::optional<int64_t> int_value() const;
  std::optional<uint64_t> uint_value() const;
  double double_value() const;  // 0 unless a number

  // A string's unescaped text ("" unless a string), and whether it equals
  // `s` (without copying when it has no escapes).
  std::string string_value() const;
  bool StringEquals(std::string_view s) const;

  // Arrays and objects: the number of elements (members), the first
  // element (an object's first member's value) and, from an element, the
  // one after it.
  size_t size() const;
  JsonRef first() const;
  JsonRef next() const;
  // An object member's value: its key (a string); otherwise not valid.
  JsonRef key() const;
  // Objects: the value of the first member named `key`. With `after` (a
  // member's value in this object), the members after it are looked at
  // first: readers that ask for members in the order they were written
  // find each at once.
  JsonRef Find(std::string_view key) const;
  JsonRef Find(std::string_view key, JsonRef after) const;

  // The same value of the same tape.
  friend bool operator==(const JsonRef& a, const JsonRef& b) {
    return a.tape_ == b.tape_ && a.index_ == b.index_;
  }

 private:
  friend class JsonTape;
  JsonRef(const JsonTape* tape, uint32_t index) : tape_(tape), index_(index) {}
  const json_internal::Node& node() const;
  std::string_view raw() const;  // the node's number text or string contents
  bool Is(json_internal::Type type) const;

  const JsonTape* tape_ = nullptr;
  uint32_t index_ = 0;
};

class JsonTape {
 public:
  // Parses `text`, which must outlive the tape and every JsonRef into it.
  // False when `text` is not exactly one JSON value (white space around it
  // allowed).
  bool Parse(std::string_view text);
  JsonRef root() const { return nodes_.empty() ? JsonRef() : JsonRef(this, 0); }

 private:
  friend class JsonRef;
  bool Value(int depth);
  bool String();
  bool Number();
  void SkipSpace();

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<json_internal::Node> nodes_;
};

// The small accessors are inline: decoding a claims line calls them
// hundreds of times.
inline const json_internal::Node& JsonRef::node() const { return tape_->nodes_[index_]; }
inline std::string_view JsonRef::raw() const {
  return tape_->text_.substr(node().begin, node().length);
}
inline bool JsonRef::Is(json_internal::Type type) const {
  return valid() && node().type == type;
}
inline JsonRef JsonRef::next() const {
  if (!valid() || node().last || index_ == 0) return {};
  return JsonRef(tape_, node().member ? node().end + 1 : node().end);
}
inline bool JsonRef::StringEquals(std::string_view s) const {
  if (!Is(json_internal::Type::kString)) return false;
  if (!node().escaped) return raw() == s;
  return string_value() == s;
}

}  // namespace concord

#endif  // CONCORD_BASE_JSON_READER_H_
