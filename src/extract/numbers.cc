// The number parser: digits with separators and scales, and number words
// combined by a small grammar (units, tens, hundreds, larger scales, "and",
// "and a half", fractions of a scale).
#include "extract/numbers.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

namespace concord::extract {
namespace {

// A run of ASCII letters at `p`, lowercased: in place for the short words
// the lexicon holds (no allocation), else in `long_lower`.
struct Word {
  size_t begin = 0;
  size_t end = 0;
  std::string long_lower;
  char short_lower[24];

  std::string_view lower() const {
    const size_t n = end - begin;
    return n <= sizeof(short_lower) ? std::string_view(short_lower, n)
                                    : std::string_view(long_lower);
  }
};

std::optional<Word> ReadWord(std::string_view text, size_t p) {
  if (p >= text.size() || !IsAsciiAlpha(text[p])) return std::nullopt;
  const size_t begin = p;
  while (p < text.size() && IsAsciiAlpha(text[p])) ++p;
  // Letters running into digits are a code ("G20"), not a word.
  if (p < text.size() && IsAsciiDigit(text[p])) return std::nullopt;
  Word w;
  w.begin = begin;
  w.end = p;
  char* out = w.short_lower;
  if (p - begin > sizeof(w.short_lower)) {
    w.long_lower.resize(p - begin);
    out = w.long_lower.data();
  }
  for (size_t k = begin; k < p; ++k) *out++ = AsciiLower(text[k]);
  return w;
}

// The start of the next word after `p`: one run of blanks, or one hyphen
// when `hyphen` is allowed. npos when neither.
size_t NextWordStart(std::string_view text, size_t p, bool hyphen) {
  if (p >= text.size()) return std::string_view::npos;
  if (hyphen && text[p] == '-') return p + 1;
  size_t q = p;
  while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
  return q > p ? q : std::string_view::npos;
}

const double* Lookup(const StringMap<double>& map, std::string_view key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

// A scale word, singular or plural ("hundreds" when "hundred" is known).
const double* ScaleOf(const rules::Lexicon& lex, std::string_view w,
                      bool* plural) {
  *plural = false;
  if (const double* v = Lookup(lex.scales, w)) {
    *plural = w.size() > 3 && w.back() == 's';
    return v;
  }
  if (w.size() > 3 && w.back() == 's') {
    if (const double* v = Lookup(lex.scales, w.substr(0, w.size() - 1))) {
      *plural = true;
      return v;
    }
  }
  return nullptr;
}

// Short scale words ("m", "bn") only follow digits.
bool IsShortScale(std::string_view w) { return w.size() <= 2; }

// The value of the decimal number with integer digits `integer` (commas
// between them skipped) and fraction digits `fraction`, as std::from_chars
// reads it: correctly rounded. Up to 15 digits the integer they make and
// its power of ten are exact doubles, so one division rounds correctly.
bool DigitsValue(std::string_view integer, std::string_view fraction, double* value) {
  static constexpr double kPow10[] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  if (integer.size() + fraction.size() <= 15) {
    uint64_t m = 0;
    for (char c : integer) {
      if (c != ',') m = m * 10 + static_cast<uint64_t>(c - '0');
    }
    for (char c : fraction) m = m * 10 + static_cast<uint64_t>(c - '0');
    *value = static_cast<double>(m) / kPow10[fraction.size()];
    return true;
  }
  std::string number;
  number.reserve(integer.size() + fraction.size() + 1);
  for (char c : integer) {
    if (c != ',') number.push_back(c);
  }
  if (!fraction.empty()) {
    number.push_back('.');
    number.append(fraction);
  }
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), *value);
  return ec == std::errc() && ptr == number.data() + number.size();
}

std::optional<ParsedNumber> ParseDigits(std::string_view text, size_t pos,
                                        const rules::Lexicon& lex) {
  size_t p = pos;
  while (p < text.size() && IsAsciiDigit(text[p])) ++p;
  const size_t lead = p - pos;  // digits before any separator
  // Thousands separators: western groups of three, or Indian groups of two
  // ending in three ("1,20,000"). A bad grouping ends the number before it.
  size_t int_end = p;  // the integer part is text[pos, int_end), commas aside
  {
    size_t q = p;
    size_t groups = 0;
    size_t last_group = 0;
    bool all_three = true;    // every group has three digits
    bool inner_two = true;    // every group but the last has two
    while (q + 1 < text.size() && text[q] == ',' && IsAsciiDigit(text[q + 1])) {
      size_t r = q + 1;
      while (r < text.size() && IsAsciiDigit(text[r])) ++r;
      if (groups > 0 && last_group != 2) inner_two = false;
      last_group = r - q - 1;
      if (last_group != 3) all_three = false;
      ++groups;
      q = r;
    }
    if (groups > 0) {
      const bool western = lead <= 3 && all_three;
      const bool indian = lead <= 2 && last_group == 3 && inner_two;
      if (western || indian) {
        int_end = q;
        p = q;
      }
    }
  }
  // The last part of "192.168.1.2" is no decimal either.
  size_t frac_begin = p, frac_end = p;  // the fraction's digits
  const bool after_dot = pos >= 2 && text[pos - 1] == '.' && IsAsciiDigit(text[pos - 2]);
  if (!after_dot && p + 1 < text.size() && text[p] == '.' && IsAsciiDigit(text[p + 1])) {
    size_t r = p + 1;
    while (r < text.size() && IsAsciiDigit(text[r])) ++r;
    // "192.168.1.2" and "1.2.3" are not decimals.
    const bool dotted = r + 1 < text.size() && text[r] == '.' &&
                        IsAsciiDigit(text[r + 1]);
    if (!dotted) {
      frac_begin = p + 1;
      frac_end = r;
      p = r;
    }
  }
  double value = 0;
  if (!DigitsValue(text.substr(pos, int_end - pos), text.substr(frac_begin, frac_end - frac_begin),
                   &value)) {
    return std::nullopt;
  }

  ParsedNumber out;
  out.value = value;
  out.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(p)};
  // An attached suffix must be a scale ("3m", "1.2bn"); other letters make
  // a code, an ordinal or a unit.
  if (p < text.size() && IsAsciiAlpha(text[p])) {
    auto w = ReadWord(text, p);
    bool plural = false;
    const double* s = w ? ScaleOf(lex, w->lower(), &plural) : nullptr;
    if (s == nullptr || plural) return std::nullopt;
    out.value *= *s;
    out.scale = *s;
    out.has_scale = true;
    out.span.end = static_cast<uint32_t>(w->end);
    p = w->end;
  }
  // Scale words after a space, each larger than the last ("1.5 lakh crore").
  double last_scale = out.has_scale ? out.scale : 0;
  for (;;) {
    const size_t q = NextWordStart(text, p, false);
    if (q == std::string_view::npos) break;
    auto w = ReadWord(text, q);
    if (!w) break;
    bool plural = false;
    const double* s = ScaleOf(lex, w->lower(), &plural);
    if (s == nullptr) {
      // "3 dozen", "3 dozens".
      const double* d = Lookup(lex.number_words, w->lower());
      if (d != nullptr && *d >= 10 && last_scale == 0) {
        out.value *= *d;
        p = w->end;
        out.span.end = static_cast<uint32_t>(p);
      }
      break;
    }
    if (plural || *s <= last_scale) break;
    if (IsShortScale(w->lower()) && w->lower().size() < 2) break;
    out.value *= *s;
    out.scale *= *s;
    out.has_scale = true;
    last_scale = *s;
    p = w->end;
    out.span.end = static_cast<uint32_t>(p);
  }
  return out;
}

std::optional<ParsedNumber> ParseWords(std::string_view text, size_t pos,
                                       const rules::Lexicon& lex) {
  enum class Last { kNone, kUnit, kTeen, kTens, kHundred, kBig, kHalf, kWord };
  double total = 0;
  double current = 0;
  double last_big = std::numeric_limits<double>::infinity();
  double scale = 1;
  bool has_scale = false;
  bool vague = false;
  Last last = Last::kNone;
  size_t end = pos;   // end of the last word consumed
  size_t p = pos;
  bool first = true;

  for (;;) {
    auto w = ReadWord(text, p);
    if (!w) break;
    const std::string_view s = w->lower();
    // Looked up in the order the branches below ask: each only when the
    // ones before found nothing.
    bool plural = false;
    const double* unit = Lookup(lex.units, s);
    const double* tens = unit == nullptr ? Lookup(lex.tens, s) : nullptr;
    const double* big = unit == nullptr && tens == nullptr && !IsShortScale(s)
                            ? ScaleOf(lex, s, &plural) : nullptr;
    const double* word = unit == nullptr && tens == nullptr && big == nullptr
                             ? Lookup(lex.number_words, s) : nullptr;

    if (first && (s == "a" || s == "an")) {
      // "a" is one only before a scale or a count word.
      const size_t q = NextWordStart(text, w->end, true);
      auto next = q == std::string_view::npos ? std::nullopt : ReadWord(text, q);
      if (!next) return std::nullopt;
      bool next_plural = false;
      const double* ns = IsShortScale(next->lower()) ? nullptr
                                                   : ScaleOf(lex, next->lower(), &next_plural);
      const double* nw = Lookup(lex.number_words, next->lower());
      if (ns != nullptr && !next_plural) {
        current = 1;
        last = Last::kUnit;
      } else if (nw != nullptr && next->lower() != "a" && next->lower() != "an") {
        current = 0;
        last = Last::kNone;
      } else {
        return std::nullopt;
      }
      first = false;
      p = q;
      continue;  // `end` stays: "a" alone is no number
    }

    bool took = false;
    if (unit != nullptr) {
      if (last == Last::kNone || last == Last::kHundred || last == Last::kBig) {
        current += *unit;
        last = *unit >= 10 ? Last::kTeen : Last::kUnit;
        took = true;
      } else if (last == Last::kTens && *unit < 10 && *unit > 0) {
        current += *unit;
        last = Last::kUnit;
        took = true;
      }
    } else if (tens != nullptr) {
      if (last == Last::kNone || last == Last::kHundred || last == Last::kBig) {
        current += *tens;
        last = Last::kTens;
        took = true;
      }
    } else if (big != nullptr) {
      if (plural) {
        // "hundreds", "thousands", "hundreds of thousands".
        if (last == Last::kNone) {
          current = *big;
          vague = true;
          last = Last::kWord;
          took = true;
        } else if (vague && *big > current) {
          current *= *big;
          took = true;
        }
      } else if (*big < 1000) {  // hundred
        if (current > 0 && current < *big && last != Last::kHundred) {
          current *= *big;
          last = Last::kHundred;
          took = true;
        }
      } else if (last == Last::kBig && current == 0 && *big > last_big) {
        total *= *big;  // "one lakh crore"
        last_big = *big;
        scale *= *big;
        took = true;
      } else if (current > 0 && *big < last_big) {
        total += current * *big;
        current = 0;
        last_big = *big;
        scale = *big;
        has_scale = true;
        last = Last::kBig;
        took = true;
      }
      if (took) has_scale = true;
    } else if (word != nullptr && s != "a" && s != "an") {
      if (*word < 1) {
        // "half", "quarter", and "half a million", "half a dozen".
        if (last == Last::kNone) {
          current = *word;
          last = Last::kHalf;
          took = true;
        }
      } else if (last == Last::kNone) {
        current = *word;
        vague = s.size() > 3 && s.back() == 's';
        last = Last::kWord;
        took = true;
      } else if ((last == Last::kUnit || last == Last::kTeen || last == Last::kTens ||
                  last == Last::kHalf) &&
                 *word >= 10) {
        current *= *word;  // "two dozen", "a half-dozen"
        last = Last::kWord;
        took = true;
      }
    } else if (s == "of" && vague && last == Last::kWord) {
      // "hundreds of thousands", "dozens of millions": only a larger plural
      // scale may follow, and the number ends at it.
      const size_t q = NextWordStart(text, w->end, true);
      auto next = q == std::string_view::npos ? std::nullopt : ReadWord(text, q);
      bool pl = false;
      const double* ns = next && !IsShortScale(next->lower()) ? ScaleOf(lex, next->lower(), &pl)
                                                            : nullptr;
      if (ns == nullptr || !pl || *ns <= current) break;
      p = q;
      continue;  // `end` moves when the scale is read
    } else if (s == "and" && last != Last::kNone && last != Last::kHalf) {
      // "two hundred and six", "two and a half".
      const size_t q = NextWordStart(text, w->end, true);
      auto next = q == std::string_view::npos ? std::nullopt : ReadWord(text, q);
      if (next && (next->lower() == "a" || next->lower() == "an")) {
        const size_t q2 = NextWordStart(text, next->end, true);
        auto frac = q2 == std::string_view::npos ? std::nullopt : ReadWord(text, q2);
        const double* fv = frac ? Lookup(lex.number_words, frac->lower()) : nullptr;
        if (fv != nullptr && *fv < 1) {
          if (last == Last::kBig) {
            total += *fv * last_big;
          } else {
            current += *fv;
          }
          last = Last::kHalf;
          end = frac->end;
          p = frac->end;
          first = false;
          const size_t q3 = NextWordStart(text, p, true);
          if (q3 == std::string_view::npos) break;
          // Only a larger scale may follow ("two and a half million").
          auto after = ReadWord(text, q3);
          bool pl = false;
          const double* as = after && !IsShortScale(after->lower())
                                 ? ScaleOf(lex, after->lower(), &pl) : nullptr;
          if (as == nullptr || pl || *as < 1000 || last_big < 1e300) break;
          total += current * *as;
          current = 0;
          scale = *as;
          has_scale = true;
          end = after->end;
          break;
        }
      }
      if ((last == Last::kHundred || last == Last::kBig) && next &&
          (Lookup(lex.units, next->lower()) || Lookup(lex.tens, next->lower()))) {
        p = q;
        continue;  // the next word is read by the loop
      }
      break;
    } else if (last == Last::kHalf && (s == "a" || s == "an")) {
      // "half a million": the fraction applies to the next scale.
      const size_t q = NextWordStart(text, w->end, true);
      auto next = q == std::string_view::npos ? std::nullopt : ReadWord(text, q);
      bool pl = false;
      const double* ns = next && !IsShortScale(next->lower()) ? ScaleOf(lex, next->lower(), &pl)
                                                            : nullptr;
      const double* nw = next ? Lookup(lex.number_words, next->lower()) : nullptr;
      double m = ns != nullptr && !pl ? *ns : (nw != nullptr && *nw >= 10 ? *nw : 0);
      if (m > 0) {
        current *= m;
        if (ns != nullptr) {
          scale = m;
          has_scale = true;
        }
        end = next->end;
        p = next->end;
        last = Last::kWord;
        first = false;
        const size_t q2 = NextWordStart(text, p, true);
        if (q2 == std::string_view::npos) break;
        p = q2;
        continue;
      }
      break;
    }
    if (!took) break;
    first = false;
    end = w->end;
    const size_t q = NextWordStart(text, w->end, true);
    if (q == std::string_view::npos) break;
    p = q;
  }
  if (end == pos) return std::nullopt;
  ParsedNumber out;
  out.value = total + current;
  out.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(end)};
  out.from_words = true;
  out.has_scale = has_scale;
  out.scale = has_scale ? scale : 1;
  out.vague = vague;
  return out;
}

}  // namespace

std::optional<ParsedNumber> ParseNumberAt(std::string_view text, size_t pos,
                                          const rules::Lexicon& lexicon) {
  if (pos >= text.size()) return std::nullopt;
  if (pos > 0 && IsAsciiAlnum(text[pos - 1])) return std::nullopt;
  if (IsAsciiDigit(text[pos])) return ParseDigits(text, pos, lexicon);
  if (IsAsciiAlpha(text[pos])) return ParseWords(text, pos, lexicon);
  return std::nullopt;
}

}  // namespace concord::extract
