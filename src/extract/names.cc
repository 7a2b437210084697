// Name keys and the comparison of two names of one person across sources.
#include <algorithm>
#include <bit>
#include <cstring>

#include "absl/strings/str_split.h"
#include "extract/people_internal.h"

namespace concord::extract {
namespace {

// ASCII letters for Latin-1 and common Latin Extended-A letters, so that
// "Erdoğan" and "Erdogan" share a key.
char FoldLatin(char32_t cp) {
  static const char kLatin1[] =
      "AAAAAAACEEEEIIII"  // C0-CF
      "DNOOOOO*OUUUUYTs"  // D0-DF
      "aaaaaaaceeeeiiii"  // E0-EF
      "dnooooo/ouuuuyty";  // F0-FF
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char c = kLatin1[cp - 0xC0];
    return (c == '*' || c == '/') ? 0 : AsciiLower(c);
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Pairs of upper/lower case letters in alphabetical order of their base.
    static const char kExtA[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
        "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    const size_t i = cp - 0x100;
    return i < sizeof(kExtA) - 1 ? kExtA[i] : 0;
  }
  return 0;
}

std::vector<std::string> Tokens(std::string_view key) {
  return absl::StrSplit(AsAbsl(key), ' ', absl::SkipEmpty());
}

// Folds common transliteration pairs: y/i, ph/f, kh/h, ou/u, ee/i, and
// doubled letters.
std::string Transliterate(std::string_view t) {
  std::string s;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    const char next = i + 1 < t.size() ? t[i + 1] : 0;
    if (c == 'p' && next == 'h') { c = 'f'; ++i; }
    else if (c == 'k' && next == 'h') { c = 'h'; ++i; }
    else if (c == 'o' && next == 'u') { c = 'u'; ++i; }
    else if (c == 'e' && next == 'e') { c = 'i'; ++i; }
    else if (c == 'y') { c = 'i'; }
    if (!s.empty() && s.back() == c) continue;
    s += c;
  }
  return s;
}

bool IsVowel(char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; }

// Edit distance where one vowel for another costs half.
double Distance(std::string_view a, std::string_view b) {
  std::vector<double> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      double sub = 0;
      if (a[i - 1] != b[j - 1]) sub = IsVowel(a[i - 1]) && IsVowel(b[j - 1]) ? 0.5 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

enum class TokenMatch { kEqual, kSpelling, kDifferent };

TokenMatch MatchTokens(std::string_view a, std::string_view b) {
  if (a == b) return TokenMatch::kEqual;
  // An initial stands for any name with that letter.
  if ((a.size() == 1 || b.size() == 1) && a[0] == b[0]) return TokenMatch::kEqual;
  const std::string ta = Transliterate(a), tb = Transliterate(b);
  if (ta == tb) return TokenMatch::kSpelling;
  if (std::min(ta.size(), tb.size()) >= 4 && Distance(ta, tb) <= 1.0) {
    return TokenMatch::kSpelling;
  }
  return TokenMatch::kDifferent;
}

// What NameKey makes of an ASCII byte: the lower-case letter or digit,
// kJoin for an apostrophe (dropped inside a word) or 0 (a separator).
constexpr char kJoin = 1;
struct AsciiNameFold {
  char of[128];
  constexpr AsciiNameFold() : of() {
    for (int c = 0; c < 128; ++c) {
      if (c >= 'A' && c <= 'Z') of[c] = static_cast<char>(c + 32);
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) of[c] = static_cast<char>(c);
      else if (c == '\'') of[c] = kJoin;
    }
  }
};
constexpr AsciiNameFold kAsciiNameFold;

}  // namespace

// Greek and Cyrillic letters as NameKey keeps them: lower case, without
// the accents that spellings of one name differ in ("Μητσοτάκης" and
// "ΜΗΤΣΟΤΑΚΗΣ", "Ёлкин" and "Елкин"); 0 for other characters.
char32_t FoldGreekCyrillic(char32_t cp) {
  if (cp < 0x370 || cp > 0x52F || !IsLetter(cp)) return 0;
  char32_t lower = ToLowerLetter(cp);
  if (lower < 0x370 || lower > 0x52F) lower = cp;
  switch (lower) {
    case 0x3AC: return 0x3B1;  // ά
    case 0x3AD: return 0x3B5;  // έ
    case 0x3AE: return 0x3B7;  // ή
    case 0x3AF: case 0x3CA: case 0x390: return 0x3B9;  // ί ϊ ΐ
    case 0x3CC: return 0x3BF;  // ό
    case 0x3CD: case 0x3CB: case 0x3B0: return 0x3C5;  // ύ ϋ ΰ
    case 0x3CE: return 0x3C9;  // ώ
    case 0x3C2: return 0x3C3;  // final sigma
    case 0x451: return 0x435;  // ё
    default: return lower;
  }
}

namespace {

// Eight bytes of `p` from i (n bytes in all) as a little-endian word, the
// bytes past n zero (not letters).
uint64_t LoadPadded(const char* p, size_t i, size_t n) {
  uint64_t v = 0;
  if (i + 8 <= n) {
    std::memcpy(&v, p + i, 8);
  } else if (n >= 8) {
    std::memcpy(&v, p + n - 8, 8);
    v >>= 8 * (i + 8 - n);
  } else {
    for (size_t k = i; k < n; ++k) v |= uint64_t{static_cast<unsigned char>(p[k])} << (8 * (k - i));
  }
  return v;
}

}  // namespace

std::string NameKey(std::string_view name) {
  std::string key;
  NameKeyInto(name, &key);
  return key;
}

void NameKeyInto(std::string_view name, std::string* key) {
  // Written in place: every character written stands for at least one
  // byte of `name` (a space for a dropped one), so the key is no longer.
  // (Greek and Cyrillic letters and their lower-case forms are all two
  // bytes long.) Eight bytes more than the name, for the word-wide stores
  // below.
  // On the stack for the usual short name (no zeroed string to fill).
  char stack[136];
  char* out = stack;
  if (name.size() > 128) {
    key->resize(name.size() + 8);
    out = key->data();
  }
  size_t size = 0;
  bool space = false;
  constexpr uint64_t kEach = 0x0101010101010101u;
  for (size_t i = 0; i < name.size();) {
    if (static_cast<unsigned char>(name[i]) < 0x80) {
      // A run of ASCII letters (most of a name), up to eight at a time:
      // lowered with one OR. (The letter test of a byte is exact when the
      // bytes before it are letters, as no carry comes from them.)
      const uint64_t x = LoadPadded(name.data(), i, name.size());
      const uint64_t folded = x | (0x20 * kEach);
      const uint64_t letters =
          (folded + 0x1F * kEach) & ~(folded + 0x05 * kEach) & ~x & (0x80 * kEach);
      const uint64_t others = ~letters & (0x80 * kEach);
      const size_t run = others == 0 ? 8 : static_cast<size_t>(std::countr_zero(others)) / 8;
      if (run > 0) {
        if (space) out[size++] = ' ';
        space = false;
        std::memcpy(out + size, &folded, 8);  // size <= i: within the buffer
        size += run;
        i += run;
        continue;
      }
    }
    const unsigned char c = name[i];
    if (c < 0x80) {
      // ASCII (most bytes), written here without the tests below.
      const char folded = kAsciiNameFold.of[c];
      ++i;
      // Apostrophes inside a word join it ("O'Brien" -> "obrien").
      if (folded == kJoin) continue;
      if (folded == 0) {
        space = size > 0;
        continue;
      }
      if (space) out[size++] = ' ';
      space = false;
      out[size++] = folded;
      continue;
    }
    const DecodedChar d = DecodeUtf8(name, i);
    i += d.length;
    if (d.code_point == 0x2019) continue;
    const char folded = FoldLatin(d.code_point);
    // A Greek or Cyrillic letter, lower case.
    const char32_t other = folded == 0 ? FoldGreekCyrillic(d.code_point) : 0;
    if (folded == 0 && other == 0) {
      space = size > 0;
      continue;
    }
    if (space) out[size++] = ' ';
    space = false;
    if (other != 0) {
      out[size++] = static_cast<char>(0xC0 | (other >> 6));
      out[size++] = static_cast<char>(0x80 | (other & 0x3F));
    } else {
      out[size++] = folded;
    }
  }
  // A possessive: "jaishankar s" from "Jaishankar's" was joined above.
  if (out == stack) {
    key->assign(stack, size);
  } else {
    key->resize(size);
  }
}

NameRelation CompareNames(const NameValue& a, const NameValue& b) {
  const std::string ka = a.key.empty() ? NameKey(a.full) : a.key;
  const std::string kb = b.key.empty() ? NameKey(b.full) : b.key;
  auto squeeze = [](std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
  };
  if (ka == kb || squeeze(ka) == squeeze(kb)) return NameRelation::kSame;
  std::vector<std::string> ta = Tokens(ka), tb = Tokens(kb);
  if (ta.empty() || tb.empty()) return NameRelation::kDifferent;
  bool spelling = false;
  // The family name (last token) must match.
  switch (MatchTokens(ta.back(), tb.back())) {
    case TokenMatch::kDifferent: {
      // One token names the whole ("Lula" for "Luiz Inacio Lula da Silva").
      const auto& shorter = ta.size() < tb.size() ? ta : tb;
      const auto& longer = ta.size() < tb.size() ? tb : ta;
      if (shorter.size() == 1 &&
          std::find(longer.begin(), longer.end(), shorter[0]) != longer.end()) {
        return NameRelation::kSame;
      }
      if (ta.size() == 1 && tb.size() == 1) return NameRelation::kDifferent;
      return NameRelation::kDifferent;
    }
    case TokenMatch::kSpelling: spelling = true; break;
    case TokenMatch::kEqual: break;
  }
  // A surname alone names the same person as the full name.
  if (ta.size() > 1 && tb.size() > 1) {
    switch (MatchTokens(ta.front(), tb.front())) {
      case TokenMatch::kDifferent: return NameRelation::kDifferent;
      case TokenMatch::kSpelling: spelling = true; break;
      case TokenMatch::kEqual: break;
    }
    // Middle names: compare when both have the same number of tokens.
    if (ta.size() == tb.size()) {
      for (size_t i = 1; i + 1 < ta.size(); ++i) {
        switch (MatchTokens(ta[i], tb[i])) {
          case TokenMatch::kDifferent: return NameRelation::kDifferent;
          case TokenMatch::kSpelling: spelling = true; break;
          case TokenMatch::kEqual: break;
        }
      }
    }
  }
  return spelling ? NameRelation::kSpelling : NameRelation::kSame;
}

}  // namespace concord::extract
