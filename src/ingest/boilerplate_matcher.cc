// BoilerplateMatcher: every rule's pattern is split into its top-level
// alternatives, and what each alternative needs of a line is read from its
// syntax: the strings its matches start with ("click here", "tap here"),
// the bytes they can start with, and the literal runs every match contains.
// An alternative whose matches start with known strings is tried (as its
// whole rule) only on lines that start so; one that can start anywhere
// (".{0,120}all rights reserved") only on lines holding its literals; the
// rest go into one anchored automaton. Ordinary prose then costs a lookup
// of its first two bytes instead of an automaton walking a hundred bytes.
//
// The analysis is conservative: syntax it does not know (flag groups,
// \Q...\E, octal escapes...) leaves the whole rule in the automaton, where it
// is matched as written. A line is dropped by the first rule that fully
// matches it, as with the rules' own set.
#include <algorithm>
#include <bit>
#include <bitset>
#include <climits>
#include <cstring>

#include "base/simd.h"
#include "base/text.h"
#include "ingest/internal.h"

namespace concord::ingest::internal {
namespace {

using Bytes = std::bitset<256>;

// What the analysis knows of a piece of a pattern.
struct Piece {
  Bytes first;  // bytes a non-empty match can start with
  bool nullable = false;
  // What matches look like, as lowercase ASCII (compared with a line folded
  // by FoldForLiterals): each match is one of `whole` or starts with one of
  // `heads`. heads {""} says nothing.
  std::vector<std::string> whole;
  std::vector<std::string> heads = {""};
};

constexpr size_t kMaxStrings = 64;
constexpr size_t kMaxStringSize = 12;

void SetUnknown(Piece* p) {
  p->whole.clear();
  p->heads = {""};
}

void Normalize(Piece* p) {
  for (std::vector<std::string>* v : {&p->whole, &p->heads}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  if (p->whole.size() + p->heads.size() > kMaxStrings ||
      (!p->heads.empty() && p->heads.front().empty())) {
    SetUnknown(p);
  }
}

// `*a` followed by `b`.
void ConcatStrings(Piece* a, const Piece& b) {
  if (a->whole.empty()) return;  // matches of a say all there is to say
  if (a->whole.size() * (b.whole.size() + b.heads.size()) > kMaxStrings) {
    for (std::string& w : a->whole) a->heads.push_back(std::move(w));
    a->whole.clear();
    Normalize(a);
    return;
  }
  std::vector<std::string> whole;
  for (const std::string& x : a->whole) {
    for (const std::string& y : b.heads) a->heads.push_back(x + y);
    for (const std::string& y : b.whole) whole.push_back(x + y);
  }
  a->whole.clear();
  for (std::string& w : whole) {
    if (w.size() > kMaxStringSize) {
      w.resize(kMaxStringSize);
      a->heads.push_back(std::move(w));
    } else {
      a->whole.push_back(std::move(w));
    }
  }
  for (std::string& h : a->heads) {
    if (h.size() > kMaxStringSize) h.resize(kMaxStringSize);
  }
  Normalize(a);
}

struct Alternative {
  size_t begin = 0;  // in the pattern
  size_t end = 0;
  Piece piece;
  // Runs of ASCII characters (lowercase) that every match contains.
  std::vector<std::string> literals;
};

void AddAll(Bytes* b) { b->set(); }

// Non-ASCII bytes stand for characters that may fold to or from ASCII
// letters (U+212A KELVIN SIGN is a 'k', U+017F LONG S an 's'): they are
// always possible first bytes.
void AddHigh(Bytes* b) {
  for (int c = 0x80; c < 0x100; ++c) b->set(static_cast<size_t>(c));
}

void AddChar(Bytes* b, int c) {
  b->set(static_cast<size_t>(c));
  if (c >= 'a' && c <= 'z') b->set(static_cast<size_t>(c - 32));
  if (c >= 'A' && c <= 'Z') b->set(static_cast<size_t>(c + 32));
}

// A character above ASCII: its case partners may be ASCII letters.
void AddNonAscii(Bytes* b) {
  AddHigh(b);
  for (int c = 'a'; c <= 'z'; ++c) AddChar(b, c);
}

void AddRange(Bytes* b, uint32_t lo, uint32_t hi) {
  for (uint32_t c = lo; c <= std::min<uint32_t>(hi, 0x7F); ++c) AddChar(b, static_cast<int>(c));
  if (hi >= 0x80) AddNonAscii(b);
}

void AddSpaces(Bytes* b) {
  for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) AddChar(b, c);
}

void AddWord(Bytes* b) {
  AddRange(b, '0', '9');
  AddRange(b, 'a', 'z');
  AddChar(b, '_');
}

// Symbols above ASCII that no case folding touches (so a line holds them
// byte for byte): Latin-1 signs but the micro sign, general punctuation,
// currency, arrows, mathematical operators, box drawing and shapes.
bool HasNoCaseFold(uint32_t cp) {
  return (cp >= 0xA0 && cp <= 0xBF && cp != 0xB5) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
         (cp >= 0x2190 && cp <= 0x22FF) || (cp >= 0x2500 && cp <= 0x25FF);
}

bool IsHex(char c) { return IsAsciiDigit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'); }

// Reads RE2 syntax far enough to split alternatives and find first bytes
// and literals; every method returns false on syntax it does not know.
class PatternReader {
 public:
  explicit PatternReader(std::string_view p) : p_(p) {}

  bool Run(std::vector<Alternative>* out) {
    while (true) {
      Alternative alt;
      alt.begin = i_;
      if (!Concat(&alt.piece, &alt.literals)) return false;
      alt.end = i_;
      out->push_back(std::move(alt));
      if (i_ == p_.size()) return true;
      if (p_[i_] != '|') return false;  // a stray ')'
      ++i_;
    }
  }

 private:
  bool AtEnd() const { return i_ >= p_.size(); }

  // Alternatives up to a ')' or the end.
  bool Alternation(Piece* out) {
    out->nullable = false;
    out->whole.clear();
    out->heads.clear();
    while (true) {
      Piece alt;
      if (!Concat(&alt, nullptr)) return false;
      out->first |= alt.first;
      out->nullable |= alt.nullable;
      out->whole.insert(out->whole.end(), alt.whole.begin(), alt.whole.end());
      out->heads.insert(out->heads.end(), alt.heads.begin(), alt.heads.end());
      if (AtEnd() || p_[i_] != '|') break;
      ++i_;
    }
    Normalize(out);
    return true;
  }

  // Items up to a '|', a ')' or the end. `literals` (top level only)
  // receives the runs of plain characters.
  bool Concat(Piece* out, std::vector<std::string>* literals) {
    out->nullable = true;
    out->whole = {""};
    out->heads.clear();
    std::string run;
    auto end_run = [&] {
      if (literals != nullptr && !run.empty()) literals->push_back(run);
      run.clear();
    };
    while (!AtEnd() && p_[i_] != '|' && p_[i_] != ')') {
      Piece item;
      int literal = -1;
      if (!Atom(&item, &literal)) return false;
      bool repeated = false;
      bool may_skip = false;
      bool at_most_once = false;
      if (!Repeat(&repeated, &may_skip, &at_most_once)) return false;
      if (repeated) {
        if (at_most_once && may_skip) {  // x?
          item.whole.push_back("");
        } else if (at_most_once || !may_skip) {  // x+, x{2,5}: start as x does
          for (std::string& w : item.whole) item.heads.push_back(std::move(w));
          item.whole.clear();
        } else {  // x*: may start with x or be empty
          for (std::string& w : item.whole) item.heads.push_back(std::move(w));
          item.whole = {""};
        }
        Normalize(&item);
      }
      ConcatStrings(out, item);
      if (repeated || literal < 0) {
        end_run();
      } else {
        run.push_back(static_cast<char>(literal));
      }
      if (out->nullable) {
        out->first |= item.first;
        out->nullable = item.nullable || may_skip;
      }
    }
    end_run();
    return true;
  }

  // A repetition operator after an item, if any.
  bool Repeat(bool* repeated, bool* may_skip, bool* at_most_once) {
    if (AtEnd()) return true;
    const char c = p_[i_];
    if (c == '*' || c == '?') {
      *repeated = *may_skip = true;
      *at_most_once = c == '?';
      ++i_;
    } else if (c == '+') {
      *repeated = true;
      ++i_;
    } else if (c == '{') {
      size_t j = i_ + 1;
      size_t digits = j;
      while (j < p_.size() && IsAsciiDigit(p_[j])) ++j;
      if (j == digits) return false;  // a literal '{': not worth knowing
      const bool zero = std::all_of(p_.begin() + static_cast<long>(digits),
                                    p_.begin() + static_cast<long>(j),
                                    [](char d) { return d == '0'; });
      if (j < p_.size() && p_[j] == ',') {
        ++j;
        const size_t high = j;
        while (j < p_.size() && IsAsciiDigit(p_[j])) ++j;
        // {0,1} is x?; {n,} and larger bounds repeat.
        *at_most_once = j == high + 1 && p_[high] <= '1' && zero;
      } else {
        *at_most_once = j - digits == 1 && p_[digits] <= '1';
      }
      if (j >= p_.size() || p_[j] != '}') return false;
      i_ = j + 1;
      *repeated = true;
      *may_skip = zero;
    } else {
      return true;
    }
    if (!AtEnd() && p_[i_] == '?') ++i_;  // non-greedy: same strings
    if (!AtEnd() && (p_[i_] == '*' || p_[i_] == '+' || p_[i_] == '?' || p_[i_] == '{')) {
      return false;
    }
    return true;
  }

  // One item without its repetition. `*literal` is set to a plain ASCII
  // character (lowercase) that the item is.
  bool Atom(Piece* out, int* literal) {
    const auto c = static_cast<unsigned char>(p_[i_]);
    switch (c) {
      case '(': {
        ++i_;
        if (!AtEnd() && p_[i_] == '?') {
          if (p_.substr(i_, 2) == "?:") {
            i_ += 2;
          } else if (p_.substr(i_, 3) == "?P<" || p_.substr(i_, 2) == "?<") {
            const size_t close = p_.find('>', i_);
            if (close == std::string_view::npos) return false;
            i_ = close + 1;
          } else {
            return false;  // flags change how the rest matches
          }
        }
        if (!Alternation(out)) return false;
        if (AtEnd() || p_[i_] != ')') return false;
        ++i_;
        return true;
      }
      case '[':
        ++i_;
        out->nullable = false;
        if (!Class(&out->first)) return false;
        SetSmallClass(out);
        return true;
      case '.':
        ++i_;
        AddAll(&out->first);
        return true;
      case '^':
      case '$':
        ++i_;
        out->nullable = true;
        out->whole = {""};
        out->heads.clear();
        return true;
      case '\\': {
        ++i_;
        bool empty_width = false;
        uint32_t code = 0;
        if (!Escape(&out->first, &code, &empty_width, /*in_class=*/false)) return false;
        out->nullable = empty_width;
        if (empty_width) {
          out->whole = {""};
          out->heads.clear();
        } else if (code != 0) {
          SetChar(code, out, literal);
        } else {
          SetSmallClass(out);
        }
        return true;
      }
      case '*':
      case '+':
      case '?':
      case '{':
        return false;
      default:
        return Char(out, literal);
    }
  }

  // A character of the pattern as it is (UTF-8 in the pattern is one
  // character).
  bool Char(Piece* out, int* literal) {
    const auto c = static_cast<unsigned char>(p_[i_]);
    if (c < 0x80) {
      ++i_;
      SetChar(c, out, literal);
      return true;
    }
    const size_t begin = i_;
    const DecodedChar d = DecodeUtf8(p_, i_);
    ++i_;
    while (!AtEnd() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) ++i_;
    AddNonAscii(&out->first);
    if (i_ - begin == static_cast<size_t>(d.length) && HasNoCaseFold(d.code_point)) {
      out->whole = {std::string(p_.substr(begin, i_ - begin))};
      out->heads.clear();
    }
    return true;
  }

  void SetChar(uint32_t code, Piece* out, int* literal) {
    out->nullable = false;
    if (code >= 0x80) {
      AddNonAscii(&out->first);
      if (HasNoCaseFold(code)) {
        out->whole = {""};
        AppendUtf8(static_cast<char32_t>(code), &out->whole[0]);
        out->heads.clear();
      }
      return;
    }
    AddChar(&out->first, static_cast<int>(code));
    *literal = AsciiLower(static_cast<char>(code));
    out->whole = {std::string(1, static_cast<char>(*literal))};
    out->heads.clear();
  }

  // A class of a few ASCII characters (\s, [:|]) is each of them.
  static void SetSmallClass(Piece* out) {
    std::vector<std::string> chars;
    for (size_t c = 0; c < 256; ++c) {
      if (!out->first[c]) continue;
      if (c >= 0x80 || chars.size() >= 10) return;  // unknown
      const char lower = AsciiLower(static_cast<char>(c));
      if (chars.empty() || chars.back()[0] != lower) {
        if (std::find(chars.begin(), chars.end(), std::string(1, lower)) == chars.end()) {
          chars.emplace_back(1, lower);
        }
      }
    }
    out->whole = std::move(chars);
    out->heads.clear();
    Normalize(out);
  }

  // After a backslash. Classes add their bytes to `*set`; a single
  // character sets `*code` (non-zero); \b and the like set `*empty_width`.
  bool Escape(Bytes* set, uint32_t* code, bool* empty_width, bool in_class) {
    if (AtEnd()) return false;
    const char c = p_[i_++];
    switch (c) {
      case 'd': AddRange(set, '0', '9'); return true;
      case 's': AddSpaces(set); return true;
      case 'w': AddWord(set); return true;
      case 'D':
      case 'S':
      case 'W':
      case 'C':
        AddAll(set);
        return true;
      case 'p':
      case 'P':
        if (!AtEnd() && p_[i_] == '{') {
          const size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return false;
          i_ = close + 1;
        } else if (!AtEnd()) {
          ++i_;
        }
        AddAll(set);
        return true;
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        if (in_class) return false;
        *empty_width = true;
        return true;
      case 'a': *code = 7; return true;
      case 'f': *code = 12; return true;
      case 't': *code = 9; return true;
      case 'n': *code = 10; return true;
      case 'r': *code = 13; return true;
      case 'v': *code = 11; return true;
      case 'x': {
        uint32_t value = 0;
        if (!AtEnd() && p_[i_] == '{') {
          size_t j = i_ + 1;
          while (j < p_.size() && IsHex(p_[j])) ++j;
          if (j == i_ + 1 || j >= p_.size() || p_[j] != '}' || j - i_ > 7) return false;
          for (size_t k = i_ + 1; k < j; ++k) value = value * 16 + HexValue(p_[k]);
          i_ = j + 1;
        } else {
          if (i_ + 2 > p_.size() || !IsHex(p_[i_]) || !IsHex(p_[i_ + 1])) return false;
          value = HexValue(p_[i_]) * 16 + HexValue(p_[i_ + 1]);
          i_ += 2;
        }
        if (value == 0) return false;  // NUL: not a line's byte anyway
        *code = value;
        return true;
      }
      default:
        // Escaped punctuation stands for itself; letters and digits not
        // named above (octal, \Q...) are not worth knowing.
        if (static_cast<unsigned char>(c) >= 0x80 || IsAsciiAlpha(c) || IsAsciiDigit(c)) {
          return false;
        }
        *code = static_cast<unsigned char>(c);
        return true;
    }
  }

  static uint32_t HexValue(char c) {
    return IsAsciiDigit(c) ? static_cast<uint32_t>(c - '0')
                           : static_cast<uint32_t>((c | 32) - 'a' + 10);
  }

  // A bracketed class, after its '['.
  bool Class(Bytes* out) {
    Bytes set;
    bool negated = false;
    if (!AtEnd() && p_[i_] == '^') {
      negated = true;
      ++i_;
    }
    bool first = true;
    while (true) {
      if (AtEnd()) return false;
      if (p_[i_] == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (p_.substr(i_, 2) == "[:") {
        const size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return false;
        i_ = close + 2;
        AddAll(&set);
        continue;
      }
      uint32_t lo = 0;
      bool is_set = false;
      if (!ClassChar(&set, &lo, &is_set)) return false;
      if (is_set) continue;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        uint32_t hi = 0;
        bool hi_set = false;
        if (!ClassChar(&set, &hi, &hi_set) || hi_set || hi < lo) return false;
        AddRange(&set, lo, hi);
      } else {
        AddRange(&set, lo, lo);
      }
    }
    if (negated) set.set();
    *out |= set;
    return true;
  }

  // One character of a class (or an escaped class like \d, which sets
  // `*is_set` and adds to `set`).
  bool ClassChar(Bytes* set, uint32_t* code, bool* is_set) {
    const auto c = static_cast<unsigned char>(p_[i_]);
    if (c == '\\') {
      ++i_;
      bool empty_width = false;
      *code = 0;
      if (!Escape(set, code, &empty_width, /*in_class=*/true)) return false;
      *is_set = *code == 0;
      return true;
    }
    if (c < 0x80) {
      *code = c;
      ++i_;
      return true;
    }
    // A UTF-8 sequence: only "above ASCII" matters here.
    ++i_;
    while (!AtEnd() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) ++i_;
    *code = 0x80;
    return true;
  }

  std::string_view p_;
  size_t i_ = 0;
};

// Alternatives that can start with nearly any byte keep an automaton alive
// across the whole line: those are screened by literals instead.
bool StartsAnywhere(const Piece& piece) {
  int ascii = 0;
  for (size_t c = 0; c < 0x80; ++c) ascii += piece.first[c];
  return ascii >= 96;
}

// The line with ASCII letters lowercased and the two non-ASCII characters
// that fold to ASCII letters (U+212A, U+017F) written as those letters, so
// that a lowercase literal occurs in it exactly when a case-insensitive
// pattern can match it in the line. `*ascii` tells whether the line is all
// ASCII (and so the fold of each of its prefixes a prefix of its fold).
size_t FoldForLiterals(std::string_view line, char* out, bool* ascii) {
  unsigned char high = 0;
  size_t i = 0;
#if CONCORD_SSE2
  __m128i any = _mm_setzero_si128();
  if (line.size() >= 16) {
    // Blocks of sixteen, the last one moved back to end with the line
    // (bytes folded twice fold alike).
    while (true) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + i));
      // Non-ASCII bytes are negative, so never upper case here.
      const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i),
                       _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(32))));
      any = _mm_or_si128(any, v);
      if (i + 16 == line.size()) break;
      i = std::min(i + 16, line.size() - 16);
    }
    i = line.size();
  }
  if (_mm_movemask_epi8(any) != 0) high = 0x80;
#endif
  for (; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    high |= c;
    out[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
  *ascii = (high & 0x80) == 0;
  if (*ascii) return line.size();
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\xE2' && line.compare(i, 3, "\xE2\x84\xAA") == 0) {
      out[n++] = 'k';
      i += 2;
    } else if (c == '\xC5' && line.compare(i, 2, "\xC5\xBF") == 0) {
      out[n++] = 's';
      i += 1;
    } else {
      out[n++] = AsciiLower(c);
    }
  }
  return n;
}

// How rare a byte is in English prose, roughly; the rarest byte of a literal
// is the one searched for.
int Rarity(char c) {
  constexpr std::string_view kCommonFirst = " etaoinshrdlcumwfgypbvkjxqz";
  const size_t k = kCommonFirst.find(c);
  return k == std::string_view::npos ? static_cast<int>(kCommonFirst.size()) : static_cast<int>(k);
}

}  // namespace

BoilerplateMatcher::Literal::Literal(std::string s) : text(std::move(s)) {
  for (size_t k = 1; k < text.size(); ++k) {
    if (Rarity(text[k]) > Rarity(text[anchor])) anchor = k;
  }
  second = anchor == 0 && text.size() > 1 ? 1 : 0;
  for (size_t k = 0; k < text.size(); ++k) {
    if (k != anchor && Rarity(text[k]) > Rarity(text[second])) second = k;
  }
}

bool BoilerplateMatcher::Contains(std::string_view text, const Literal& literal) {
  const size_t n = literal.text.size();
  if (text.size() < n) return false;
  const char key = literal.text[literal.anchor];
  const char key2 = literal.text[literal.second];
  // A start at i puts the key at i + anchor, for i in [0, size - n]; the
  // second rarest byte is checked before the whole literal.
  const char* p = text.data() + literal.anchor;
  const char* last = text.data() + (text.size() - n) + literal.anchor;
  while (p <= last) {
    p = static_cast<const char*>(memchr(p, key, static_cast<size_t>(last - p) + 1));
    if (p == nullptr) return false;
    const char* start = p - literal.anchor;
    if (start[literal.second] == key2 && memcmp(start, literal.text.data(), n) == 0) return true;
    ++p;
  }
  return false;
}

std::unique_ptr<BoilerplateMatcher> BoilerplateMatcher::Build(
    const std::vector<BoilerplateRule>& rules) {
  auto matcher = std::unique_ptr<BoilerplateMatcher>(new BoilerplateMatcher());
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  options.set_max_mem(64 << 20);
  auto set = std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
  Bytes may_start;
  AddHigh(&may_start);
  for (size_t r = 0; r < rules.size(); ++r) {
    const std::string& pattern = rules[r].pattern->pattern();
    std::vector<Alternative> alts;
    PatternReader reader(pattern);
    if (!reader.Run(&alts)) {
      // Not understood: the rule as a whole, for any line.
      alts.clear();
      Alternative whole;
      whole.end = pattern.size();
      AddAll(&whole.piece.first);
      alts.push_back(std::move(whole));
    }
    std::vector<Start> rule_starts;
    for (Alternative& alt : alts) {
      const std::string_view text = std::string_view(pattern).substr(alt.begin, alt.end - alt.begin);
      std::erase_if(alt.literals, [](const std::string& l) { return l.size() < 3; });
      const Piece& piece = alt.piece;
      if (piece.heads.empty() || !piece.heads.front().empty()) {
        // Tried only on lines that start so (a line is never empty); the
        // whole rule decides.
        for (const std::vector<std::string>* v : {&piece.whole, &piece.heads}) {
          for (const std::string& x : *v) {
            if (x.empty()) continue;
            Start start;
            start.text = x;
            start.rule = static_cast<int>(r);
            start.pattern = rules[r].pattern.get();
            const size_t head = std::min<size_t>(x.size(), 8);
            std::memcpy(&start.head, x.data(), head);
            std::memset(&start.mask, 0xFF, head);
            rule_starts.push_back(std::move(start));
          }
        }
        continue;
      }
      if (StartsAnywhere(alt.piece) && !alt.literals.empty()) {
        // Longest first: the rarest, and the first to fail.
        std::sort(alt.literals.begin(), alt.literals.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        if (alt.literals.size() > 2) alt.literals.resize(2);
        Screened s;
        s.rule = static_cast<int>(r);
        for (std::string& l : alt.literals) s.literals.emplace_back(std::move(l));
        // The whole rule decides (its other alternatives are tried anyway):
        // no second automaton to compile.
        s.pattern = rules[r].pattern.get();
        matcher->screened_.push_back(std::move(s));
        continue;
      }
      if (set->Add(re2::StringPiece(text.data(), text.size()), nullptr) < 0) return nullptr;
      matcher->set_rule_.push_back(static_cast<int>(r));
      may_start |= alt.piece.first;
    }
    // A start that begins with another start of its rule (or repeats one)
    // adds no line to those the rule is tried on: without it the rule is
    // tried once on a line, not once per start ("photo", "photograph").
    for (size_t k = 0; k < rule_starts.size(); ++k) {
      const std::string& x = rule_starts[k].text;
      bool redundant = false;
      for (size_t o = 0; o < rule_starts.size() && !redundant; ++o) {
        const std::string& y = rule_starts[o].text;
        redundant = o != k && y[0] == x[0] && x.starts_with(y) && (y.size() < x.size() || o < k);
      }
      if (redundant) continue;
      if (x.size() == 1) {
        matcher->short_starts_[static_cast<unsigned char>(x[0])].push_back(rule_starts[k]);
      } else {
        matcher->starts_.push_back(rule_starts[k]);
      }
    }
  }
  // Starts of two bytes or more, by their first two bytes.
  if (!matcher->starts_.empty()) {
    auto key = [](const Start& s) {
      return static_cast<unsigned char>(s.text[0]) << 8 | static_cast<unsigned char>(s.text[1]);
    };
    std::stable_sort(matcher->starts_.begin(), matcher->starts_.end(),
                     [&](const Start& a, const Start& b) { return key(a) < key(b); });
    matcher->start_offsets_.assign(65537, 0);
    for (const Start& s : matcher->starts_) ++matcher->start_offsets_[key(s) + 1];
    for (size_t k = 1; k < matcher->start_offsets_.size(); ++k) {
      matcher->start_offsets_[k] += matcher->start_offsets_[k - 1];
    }
  }
  if (!matcher->set_rule_.empty()) {
    if (!set->Compile()) return nullptr;
    matcher->set_ = std::move(set);
  }
  for (size_t c = 0; c < 256; ++c) matcher->may_start_[c] = may_start[c];
  return matcher;
}

int BoilerplateMatcher::FirstMatch(std::string_view line) const {
  if (line.empty() || line.size() > kMaxBoilerplateLine) return -1;
  int best = INT_MAX;
  const re2::StringPiece piece(line.data(), line.size());
  if (set_ != nullptr && may_start_[static_cast<unsigned char>(line[0])] &&
      set_->Match(piece, nullptr)) {
    std::vector<int> matches;
    if (set_->Match(piece, &matches)) {
      for (int m : matches) best = std::min(best, set_rule_[static_cast<size_t>(m)]);
    }
  }
  // Starts are at most kMaxStringSize folded characters, which come from
  // at most 3 bytes each: folding that much of the line is enough. An ASCII
  // line is folded whole at once, for its literals too.
  constexpr size_t kHead = 3 * kMaxStringSize;
  char folded[kMaxBoilerplateLine + 8];
  bool ascii = false;
  std::string_view text(folded, FoldForLiterals(line, folded, &ascii));
  {
    std::string_view start_text = text.substr(0, kHead);
    char head_folded[kHead + 8];
    bool head_ascii = false;
    if (!ascii) {
      // A character cut by the head folds otherwise than in the whole line.
      const size_t size = FoldForLiterals(line.substr(0, kHead), head_folded, &head_ascii);
      start_text = std::string_view(head_folded, size);
    }
    // The first 8 bytes (zeros after the head), for a masked compare with
    // each start.
    char head_bytes[8] = {};
    std::memcpy(head_bytes, start_text.data(), std::min<size_t>(start_text.size(), 8));
    uint64_t head;
    std::memcpy(&head, head_bytes, sizeof head);
    auto try_start = [&](const Start& start) {
      if ((head & start.mask) != start.head || start.rule >= best ||
          !start_text.starts_with(start.text)) {
        return;
      }
      if (RE2::FullMatch(piece, *start.pattern)) best = start.rule;
    };
    const auto b0 = static_cast<unsigned char>(head_bytes[0]);
    for (const Start& start : short_starts_[b0]) try_start(start);
    if (!start_offsets_.empty()) {
      const size_t key = b0 << 8 | static_cast<unsigned char>(head_bytes[1]);
      for (uint32_t k = start_offsets_[key]; k < start_offsets_[key + 1]; ++k) {
        try_start(starts_[k]);
      }
    }
  }
  if (screened_.empty()) return best == INT_MAX ? -1 : best;
  for (const Screened& s : screened_) {
    if (s.rule >= best) continue;
    bool present = true;
    for (const Literal& literal : s.literals) {
      if (!Contains(text, literal)) {
        present = false;
        break;
      }
    }
    if (present && RE2::FullMatch(piece, *s.pattern)) best = s.rule;
  }
  return best == INT_MAX ? -1 : best;
}

}  // namespace concord::ingest::internal
