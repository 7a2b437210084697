#include "base/json_reader.h"

#include <charconv>
#include <limits>

#include "base/simd.h"
#include "base/text.h"

namespace concord {

using json_internal::Node;
using json_internal::Type;

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The end of the run of bytes at `i` that a string holds as they are (not
// '"', '\\' or a control character); ORs them into `*seen`.
size_t PlainStringEnd(std::string_view s, size_t i, unsigned char* seen) {
#if CONCORD_SSE2
  __m128i all = _mm_setzero_si128();
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Control characters are the bytes c with max(c, 0x1F) == 0x1F.
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    const __m128i control =
        _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
    const __m128i stop = _mm_or_si128(_mm_or_si128(quote, backslash), control);
    // The block that holds the end is left to the loop below.
    if (_mm_movemask_epi8(stop) != 0) break;
    all = _mm_or_si128(all, v);
  }
  if (_mm_movemask_epi8(all) != 0) *seen |= 0x80;
#endif
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\' || c < 0x20) break;
    *seen |= c;
    ++i;
  }
  return i;
}

// The code unit of the four hex digits at s[0..4), or -1.
int Hex4(std::string_view s) {
  if (s.size() < 4) return -1;
  int v = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = HexDigit(s[i]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// Whether a valid JSON number out of the range of a double is too small
// rather than too large: the decimal exponent of its first significant
// digit is negative.
bool Underflows(std::string_view number) {
  if (number.front() == '-') number.remove_prefix(1);
  const size_t e = number.find_first_of("eE");
  const std::string_view mantissa = number.substr(0, e);
  const size_t dot = mantissa.find('.');
  const std::string_view whole = mantissa.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : mantissa.substr(dot + 1);
  int64_t exponent = 0;
  if (const size_t first = whole.find_first_not_of('0'); first != std::string_view::npos) {
    exponent = static_cast<int64_t>(whole.size() - first) - 1;
  } else if (const size_t f = fraction.find_first_not_of('0'); f != std::string_view::npos) {
    exponent = -static_cast<int64_t>(f) - 1;
  } else {
    return true;  // zero
  }
  if (e == std::string_view::npos) return exponent < 0;
  std::string_view digits = number.substr(e + 1);
  const bool negative = digits.front() == '-';
  if (digits.front() == '-' || digits.front() == '+') digits.remove_prefix(1);
  int64_t written = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), written);
  if (ec != std::errc()) return negative;  // an exponent beyond int64
  return exponent + (negative ? -written : written) < 0;
}

}  // namespace

// ------------------------------------------------------------------ parsing

void JsonTape::SkipSpace() {
  while (pos_ < text_.size() && IsJsonSpace(text_[pos_])) ++pos_;
}

bool JsonTape::Parse(std::string_view text) {
  text_ = text;
  pos_ = 0;
  nodes_.clear();
  // Claims lines hold a value per ~12 bytes; one reservation avoids most
  // regrowth.
  nodes_.reserve(text.size() / 12 + 4);
  // A UTF-8 byte-order mark from some editors, which nlohmann skips too.
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  SkipSpace();
  if (!Value(0)) {
    nodes_.clear();
    return false;
  }
  SkipSpace();
  if (pos_ != text_.size()) {
    nodes_.clear();
    return false;
  }
  return true;
}

bool JsonTape::Value(int depth) {
  if (pos_ >= text_.size() || depth > kMaxJsonDepth) return false;
  const uint32_t self = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  const char c = text_[pos_];
  auto literal = [&](std::string_view word, Type type) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    nodes_[self].type = type;
    nodes_[self].end = self + 1;
    return true;
  };
  switch (c) {
    case 'n': return literal("null", Type::kNull);
    case 't': return literal("true", Type::kTrue);
    case 'f': return literal("false", Type::kFalse);
    case '"':
      nodes_.pop_back();
      return String();
    case '[':
    case '{': {
      const bool object = c == '{';
      ++pos_;
      uint32_t count = 0;
      uint32_t previous = 0;  // the latest element
      SkipSpace();
      const char close = object ? '}' : ']';
      if (pos_ < text_.size() && text_[pos_] == close) {
        ++pos_;
      } else {
        while (true) {
          SkipSpace();
          if (object) {
            if (pos_ >= text_.size() || text_[pos_] != '"' || !String()) return false;
            SkipSpace();
            if (pos_ >= text_.size() || text_[pos_] != ':') return false;
            ++pos_;
            SkipSpace();
          }
          const uint32_t element = static_cast<uint32_t>(nodes_.size());
          if (!Value(depth + 1)) return false;
          nodes_[element].member = object;
          nodes_[element].parent = self;
          ++count;
          previous = element;
          SkipSpace();
          if (pos_ >= text_.size()) return false;
          if (text_[pos_] == ',') {
            ++pos_;
            continue;
          }
          if (text_[pos_] != close) return false;
          ++pos_;
          break;
        }
      }
      if (count > 0) nodes_[previous].last = true;
      Node& n = nodes_[self];
      n.type = object ? Type::kObject : Type::kArray;
      n.count = count;
      n.end = static_cast<uint32_t>(nodes_.size());
      return true;
    }
    default:
      if (c == '-' || IsAsciiDigit(c)) {
        nodes_.pop_back();
        return Number();
      }
      return false;
  }
}

bool JsonTape::String() {
  // At the opening quote.
  const size_t begin = ++pos_;
  bool escaped = false;
  bool high_bytes = false;
  while (true) {
    // A run of plain bytes first: most strings have no escape at all.
    unsigned char seen = 0;
    pos_ = PlainStringEnd(text_, pos_, &seen);
    high_bytes |= seen >= 0x80;
    if (pos_ >= text_.size()) return false;
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') break;
    if (c < 0x20) return false;  // control characters must be escaped
    escaped = true;
    if (pos_ + 1 >= text_.size()) return false;
    const char e = text_[pos_ + 1];
    if (e == 'u') {
      const int unit = Hex4(text_.substr(pos_ + 2));
      if (unit < 0) return false;
      pos_ += 6;
      if (unit >= 0xDC00 && unit <= 0xDFFF) return false;  // a lone low surrogate
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        // A high surrogate must be followed by a low one.
        if (text_.substr(pos_, 2) != "\\u") return false;
        const int low = Hex4(text_.substr(pos_ + 2));
        if (low < 0xDC00 || low > 0xDFFF) return false;
        pos_ += 6;
      }
      continue;
    }
    if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) return false;
    pos_ += 2;
  }
  const std::string_view raw = text_.substr(begin, pos_ - begin);
  if (high_bytes && !IsValidUtf8(raw)) return false;
  ++pos_;  // the closing quote
  Node n;
  n.type = Type::kString;
  n.escaped = escaped;
  n.begin = static_cast<uint32_t>(begin);
  n.length = static_cast<uint32_t>(raw.size());
  n.end = static_cast<uint32_t>(nodes_.size() + 1);
  nodes_.push_back(n);
  return true;
}

bool JsonTape::Number() {
  const size_t begin = pos_;
  auto digits = [&] {
    const size_t from = pos_;
    while (pos_ < text_.size() && IsAsciiDigit(text_[pos_])) ++pos_;
    return pos_ > from;
  };
  if (text_[pos_] == '-') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '0') {
    ++pos_;  // no leading zeros
  } else if (!digits()) {
    return false;
  }
  bool integer = true;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    integer = false;
    if (!digits()) return false;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    integer = false;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (!digits()) return false;
  }
  // A number too large for a double is an error (as in nlohmann/json); one
  // too small to tell from zero reads as zero.
  const std::string_view number = text_.substr(begin, pos_ - begin);
  if (!integer || number.size() > 18) {
    double v = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
    if (ec == std::errc::result_out_of_range && !Underflows(number)) return false;
  }
  Node n;
  n.type = Type::kNumber;
  n.integer = integer;
  n.begin = static_cast<uint32_t>(begin);
  n.length = static_cast<uint32_t>(pos_ - begin);
  n.end = static_cast<uint32_t>(nodes_.size() + 1);
  nodes_.push_back(n);
  return true;
}

// ------------------------------------------------------------------ reading

bool JsonRef::is_null() const { return Is(Type::kNull); }
bool JsonRef::is_bool() const { return Is(Type::kTrue) || Is(Type::kFalse); }
bool JsonRef::is_number() const { return Is(Type::kNumber); }
bool JsonRef::is_string() const { return Is(Type::kString); }
bool JsonRef::is_array() const { return Is(Type::kArray); }
bool JsonRef::is_object() const { return Is(Type::kObject); }
bool JsonRef::bool_value() const { return Is(Type::kTrue); }

std::optional<int64_t> JsonRef::int_value() const {
  if (!is_number() || !node().integer) return std::nullopt;
  const std::string_view s = raw();
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<uint64_t> JsonRef::uint_value() const {
  if (!is_number() || !node().integer) return std::nullopt;
  const std::string_view s = raw();
  if (s.front() == '-') return std::nullopt;
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

double JsonRef::double_value() const {
  if (!is_number()) return 0;
  const std::string_view s = raw();
  double v = 0;
  // Locale-independent. The parser refused numbers too large for a double;
  // those too small to tell from zero read as zero.
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc()) return s.front() == '-' ? -0.0 : 0.0;
  return v;
}

std::string JsonRef::string_value() const {
  if (!is_string()) return {};
  const std::string_view text = raw();
  if (!node().escaped) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      // Up to the next escape in one piece.
      size_t next = text.find('\\', i);
      if (next == std::string_view::npos) next = text.size();
      out.append(text.data() + i, next - i);
      i = next - 1;
      continue;
    }
    const char e = text[++i];
    switch (e) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        char32_t cp = static_cast<char32_t>(Hex4(text.substr(i + 1)));
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // validated: a low surrogate follows
          const char32_t low = static_cast<char32_t>(Hex4(text.substr(i + 3)));
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        AppendUtf8(cp, &out);
        break;
      }
      default: out.push_back(e); break;  // " \ /
    }
  }
  return out;
}

size_t JsonRef::size() const {
  return is_array() || is_object() ? node().count : 0;
}

JsonRef JsonRef::first() const {
  if (size() == 0) return {};
  // An object's first value comes after its key.
  return JsonRef(tape_, index_ + (is_object() ? 2 : 1));
}

JsonRef JsonRef::key() const {
  // A member's key is the string just before its value on the tape.
  if (!valid() || !node().member) return {};
  return JsonRef(tape_, index_ - 1);
}

JsonRef JsonRef::Find(std::string_view key) const { return Find(key, JsonRef()); }

JsonRef JsonRef::Find(std::string_view key, JsonRef after) const {
  if (!is_object()) return {};
  auto key_of = [&](JsonRef value) { return JsonRef(tape_, value.index_ - 1); };
  if (after.valid() && after.tape_ == tape_ && after.index_ != 0 &&
      after.node().parent == index_) {
    for (JsonRef v = after.next(); v.valid(); v = v.next()) {
      if (key_of(v).StringEquals(key)) return v;
    }
  }
  for (JsonRef v = first(); v.valid(); v = v.next()) {
    if (key_of(v).StringEquals(key)) return v;
  }
  return {};
}

}  // namespace concord
