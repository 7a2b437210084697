// Plain-text article structure: TOML front matter, publication dates written
// at the top, and pass 2 (lines: metadata, boilerplate, spacing).
#include <algorithm>
#include <array>
#include <charconv>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/simd.h"
#include "base/strings.h"
#include "ingest/internal.h"

namespace concord::ingest::internal {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsWordByte(char c) {
  return IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80;
}

// Reads 1..max_digits digits at `*i`; fails when more digits follow.
bool ReadNumber(std::string_view s, size_t* i, int min_digits, int max_digits,
                int* out) {
  size_t j = *i;
  while (j < s.size() && IsAsciiDigit(s[j]) && static_cast<int>(j - *i) < max_digits) ++j;
  const int n = static_cast<int>(j - *i);
  if (n < min_digits || (j < s.size() && IsAsciiDigit(s[j]))) return false;
  std::from_chars(s.data() + *i, s.data() + j, *out);
  *i = j;
  return true;
}

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// A word at `i` (letters, including non-ASCII ones); its end.
size_t WordEnd(std::string_view s, size_t i) {
  while (i < s.size() && IsWordByte(s[i])) ++i;
  return i;
}

std::optional<date::sys_days> MakeDate(int y, int m, int d) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd);
}

// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD` at `i`.
std::optional<date::sys_days> ParseIsoAt(std::string_view s, size_t* i) {
  size_t j = *i;
  int y = 0, m = 0, d = 0;
  if (!ReadNumber(s, &j, 4, 4, &y)) return std::nullopt;
  if (j >= s.size() || (s[j] != '-' && s[j] != '/' && s[j] != '.')) return std::nullopt;
  const char sep = s[j++];
  if (!ReadNumber(s, &j, 1, 2, &m)) return std::nullopt;
  if (j >= s.size() || s[j] != sep) return std::nullopt;
  ++j;
  if (!ReadNumber(s, &j, 1, 2, &d)) return std::nullopt;
  auto out = MakeDate(y, m, d);
  if (out) *i = j;
  return out;
}

// A day number with an optional ordinal suffix of one or two letters
// ("31", "31st", "1er").
bool ReadDay(std::string_view s, size_t* i, int* day) {
  size_t j = *i;
  if (!ReadNumber(s, &j, 1, 2, day)) return false;
  size_t k = j;
  while (k < s.size() && IsAsciiAlpha(s[k]) && k - j < 3) ++k;
  if (k - j <= 2 && (k >= s.size() || !IsWordByte(s[k]))) j = k;
  *i = j;
  return true;
}

// A month name from the lexicon at `*i`, with an optional period.
int ReadMonth(std::string_view s, size_t* i, const rules::Lexicon& lexicon) {
  const size_t end = WordEnd(s, *i);
  if (end == *i) return 0;
  const int month = lexicon.Month(s.substr(*i, end - *i));
  if (month == 0) return 0;
  *i = end < s.size() && s[end] == '.' ? end + 1 : end;
  return month;
}

size_t SkipComma(std::string_view s, size_t i) {
  i = SkipSpaces(s, i);
  if (i < s.size() && s[i] == ',') i = SkipSpaces(s, i + 1);
  return i;
}

// A time after a date: "10:30", "10.30 am", "10:30:15 p.m. IST", "GMT+5:30".
size_t SkipTime(std::string_view s, size_t i) {
  int unused = 0;
  size_t j = i;
  if (!ReadNumber(s, &j, 1, 2, &unused)) return i;
  if (j >= s.size() || (s[j] != ':' && s[j] != '.')) return i;
  ++j;
  if (!ReadNumber(s, &j, 2, 2, &unused)) return i;
  if (j < s.size() && s[j] == ':') {
    size_t k = j + 1;
    if (ReadNumber(s, &k, 2, 2, &unused)) j = k;
  }
  size_t k = SkipSpaces(s, j);
  for (std::string_view marker : {"a.m.", "p.m.", "am", "pm"}) {
    if (StartsWithNoCase(s, k, marker) &&
        (k + marker.size() >= s.size() || !IsWordByte(s[k + marker.size()]))) {
      j = k + marker.size();
      break;
    }
  }
  // A time zone: letters in capitals and an optional offset.
  k = SkipSpaces(s, j);
  size_t z = k;
  while (z < s.size() && IsAsciiUpper(s[z]) && z - k < 5) ++z;
  if (z - k >= 2 && (z >= s.size() || !IsWordByte(s[z]))) j = z;
  k = j;
  if (k < s.size() && (s[k] == '+' || s[k] == '-')) {
    size_t o = k + 1;
    while (o < s.size() && (IsAsciiDigit(s[o]) || s[o] == ':') && o - k < 6) ++o;
    if (o > k + 1) j = o;
  }
  return j;
}

// Separators between a date and a time: spaces, ",", "|", "/", "-", and the
// bullets U+2022 and U+00B7.
size_t SkipSeparators(std::string_view s, size_t i) {
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == ',' || c == '|' || c == '/' || c == '-') {
      ++i;
    } else if (s.compare(i, 3, "\xE2\x80\xA2") == 0) {
      i += 3;
    } else if (s.compare(i, 2, "\xC2\xB7") == 0) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

bool IsCollapsedSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether `s`, which ends with a byte other than ' ', holds white space
// that CollapseSpaces would change: a tab, a line break or two spaces in a
// row. Sixteen bytes at a time where SSE2 is at hand.
bool HasSpacesToCollapse(std::string_view s) {
  size_t i = 0;
#if CONCORD_SSE2
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  // One byte more is read than tested (the byte after a space); the last
  // block is moved back to end with the text, and its last byte tested
  // below.
  if (s.size() >= 17) {
    while (true) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 1));
      const __m128i breaks =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, newline)),
                       _mm_cmpeq_epi8(v, cr));
      const __m128i two_spaces =
          _mm_and_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(next, space));
      if (_mm_movemask_epi8(_mm_or_si128(breaks, two_spaces)) != 0) return true;
      if (i + 17 == s.size()) break;
      i = std::min(i + 16, s.size() - 17);
    }
    i = s.size() - 1;
  }
#endif
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\t' || c == '\n' || c == '\r') return true;
    if (c == ' ' && i + 1 < s.size() && s[i + 1] == ' ') return true;
  }
  return false;
}

// CollapseSpaces(s), without a copy when `s` is already collapsed (the
// common case); `buffer` holds the result otherwise.
std::string_view CollapsedView(std::string_view s, std::string* buffer, bool* unchanged) {
  const bool collapsed =
      s.empty() || (s.front() != ' ' && s.back() != ' ' && !HasSpacesToCollapse(s));
  *unchanged = collapsed;
  if (collapsed) return s;
  buffer->clear();
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsCollapsedSpace(s[i])) ++i;
    if (i == s.size()) break;
    size_t j = i;
    while (j < s.size() && !IsCollapsedSpace(s[j])) ++j;
    if (!buffer->empty()) buffer->push_back(' ');
    buffer->append(s.data() + i, j - i);
    i = j;
  }
  return *buffer;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                        s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::optional<date::sys_days> ParseDatePrefix(std::string_view s,
                                              const rules::Lexicon& lexicon,
                                              size_t* consumed) {
  size_t i = 0;
  if (auto iso = ParseIsoAt(s, &i)) {
    *consumed = i;
    return iso;
  }
  // An optional weekday.
  const size_t word_end = WordEnd(s, 0);
  if (word_end > 0 && lexicon.Weekday(s.substr(0, word_end)) != 0) {
    i = word_end < s.size() && s[word_end] == '.' ? word_end + 1 : word_end;
    i = SkipComma(s, i);
  }
  int day = 0, month = 0, year = 0;
  size_t j = i;
  if ((month = ReadMonth(s, &j, lexicon)) != 0) {
    // Month D[,] YYYY
    j = SkipSpaces(s, j);
    if (!ReadDay(s, &j, &day)) return std::nullopt;
    j = SkipComma(s, j);
  } else {
    // D[.] Month[,] YYYY
    j = i;
    if (!ReadDay(s, &j, &day)) return std::nullopt;
    if (j < s.size() && s[j] == '.') ++j;
    j = SkipSpaces(s, j);
    if ((month = ReadMonth(s, &j, lexicon)) == 0) return std::nullopt;
    j = SkipComma(s, j);
  }
  if (!ReadNumber(s, &j, 4, 4, &year)) return std::nullopt;
  if (j < s.size() && IsWordByte(s[j])) return std::nullopt;
  auto out = MakeDate(year, month, day);
  if (out) *consumed = j;
  return out;
}

namespace {

// Past a wire's credit in brackets at s[i] ("(Reuters)", "(AP)"): a few
// words without digits. `i` itself when there is none.
size_t SkipBracketedCredit(std::string_view s, size_t i) {
  if (i >= s.size() || s[i] != '(') return i;
  const size_t close = s.find(')', i);
  if (close == std::string_view::npos || close - i > 40) return i;
  for (size_t k = i + 1; k < close; ++k) {
    if (IsAsciiDigit(s[k])) return i;
  }
  return close + 1;
}

// A date at `s[start]` that, with an optional time and a wire's credit
// after it, ends `s`.
std::optional<date::sys_days> DateToEnd(std::string_view s, size_t start,
                                        const rules::Lexicon& lexicon) {
  size_t used = 0;
  auto d = ParseDatePrefix(s.substr(start), lexicon, &used);
  if (!d) return std::nullopt;
  size_t i = start + used;
  if (i == s.size()) return d;
  i = SkipSeparators(s, i);
  i = SkipTime(s, i);
  i = SkipSeparators(s, i);
  i = SkipSpaces(s, SkipBracketedCredit(s, i));
  if (i == s.size()) return d;
  return std::nullopt;
}

// The length of the separator at s[i] that may close a byline's credit
// before its date: ",", "|", a spaced dash ("-", en or em dash), or a
// bullet ("·", "•"); 0 if none.
size_t CreditSeparatorAt(std::string_view s, size_t i) {
  if (s[i] == ',' || s[i] == '|') return 1;
  if (s.compare(i, 2, "\xC2\xB7") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\xA2") == 0) return 3;
  const bool spaced_before = i > 0 && s[i - 1] == ' ';
  size_t n = 0;
  if (s[i] == '-') {
    n = 1;
  } else if (s.compare(i, 3, "\xE2\x80\x93") == 0 || s.compare(i, 3, "\xE2\x80\x94") == 0) {
    n = 3;
  }
  // A dash inside a name ("Al-Jazeera") closes nothing.
  return n > 0 && spaced_before && i + n < s.size() && s[i + n] == ' ' ? n : 0;
}

}  // namespace

std::optional<date::sys_days> ParseStandaloneDate(std::string_view s,
                                                  const rules::Lexicon& lexicon) {
  s = Trim(s);
  if (s.empty() || s.size() > 120) return std::nullopt;
  if (auto d = DateToEnd(s, 0, lexicon)) return d;
  // One word and a colon: "Published:", "Date:".
  const size_t end = WordEnd(s, 0);
  if (end > 0 && end < s.size() && s[end] == ':') {
    return DateToEnd(s, SkipSpaces(s, end + 1), lexicon);
  }
  // A label of the lexicon's date_labels, without a colon: "Published 8
  // April 2026", "Last updated on March 3, 2026".
  for (size_t e = end, words = 1; e > 0 && e < s.size() && s[e] == ' ' && words <= 4;
       e = WordEnd(s, e + 1), ++words) {
    if (lexicon.date_labels.contains(AsciiLowerCopy(s.substr(0, e)))) {
      if (auto d = DateToEnd(s, SkipSpaces(s, e), lexicon)) return d;
    }
  }
  return std::nullopt;
}

std::optional<date::sys_days> ParseBylineDate(std::string_view s,
                                              const rules::Lexicon& lexicon) {
  s = Trim(s);
  if (s.empty() || s.size() > 120) return std::nullopt;
  // A credit: a few capitalised words, no digits (a sentence with a date in
  // it has verbs, more words or numbers), then a separator and the date.
  // Separators inside the credit ("By Ana Ruiz | Reuters |") are tried in
  // turn. Without "By" a credit is an outlet or a place: four words at most
  // (a Title Case headline ending in a date has more, mostly).
  constexpr size_t kMaxCredit = 60;  // bytes
  const bool by = s.size() > 3 && (s[0] == 'B' || s[0] == 'b') && s[1] == 'y' && s[2] == ' ';
  const int max_words = by ? 8 : 4;
  int words = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size() && i <= kMaxCredit; ++i) {
    const char c = s[i];
    if (IsAsciiDigit(c) || c == '.' || c == '!' || c == '?' || c == ':' || c == ';') {
      // A full stop ends a sentence; an initial ("J. Smith") is let be.
      if (c != '.' || i == 0 || !IsAsciiUpper(s[i - 1]) || (i >= 2 && IsWordByte(s[i - 2]))) {
        break;
      }
    }
    if (const size_t n = CreditSeparatorAt(s, i); n > 0 && words > 0) {
      if (auto d = DateToEnd(s, SkipSpaces(s, i + n), lexicon)) return d;
      i += n - 1;
      in_word = false;
      continue;
    }
    const bool word_byte = IsWordByte(c);
    if (word_byte && !in_word) {
      if (++words > max_words) break;
      // Names are capitalised; of other words only short joiners ("and",
      // "of", "de") stand in a credit.
      if (c >= 'a' && c <= 'z' && WordEnd(s, i) - i > 3) break;
    }
    in_word = word_byte;
  }
  return std::nullopt;
}

std::optional<date::sys_days> ParseMetaDate(std::string_view s,
                                            const rules::Lexicon& lexicon) {
  s = Trim(s);
  size_t i = 0;
  if (auto iso = ParseIsoAt(s, &i)) {
    if (i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ') return iso;
    return std::nullopt;
  }
  // A compact YYYYMMDD, alone or before a time.
  if (s.size() >= 8 && std::all_of(s.begin(), s.begin() + 8, IsAsciiDigit) &&
      (s.size() == 8 || s[8] == 'T')) {
    int y = 0, m = 0, d = 0;
    std::from_chars(s.data(), s.data() + 4, y);
    std::from_chars(s.data() + 4, s.data() + 6, m);
    std::from_chars(s.data() + 6, s.data() + 8, d);
    return MakeDate(y, m, d);
  }
  size_t used = 0;
  return ParseDatePrefix(s, lexicon, &used);
}

// --- Front matter ---------------------------------------------------------------

namespace {

// A basic ("...") or literal ('...') TOML string at `s[i]`; sets `*end`.
bool ReadTomlString(std::string_view s, size_t i, std::string* out, size_t* end) {
  const char q = s[i];
  out->clear();
  for (size_t j = i + 1; j < s.size(); ++j) {
    const char c = s[j];
    if (c == q) {
      *end = j + 1;
      return true;
    }
    if (c == '\\' && q == '"' && j + 1 < s.size()) {
      const char e = s[++j];
      switch (e) {
        case 'n': out->push_back('\n'); break;
        case 't': out->push_back('\t'); break;
        case 'r': out->push_back('\r'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case 'u':
        case 'U': {
          const size_t digits = e == 'u' ? 4 : 8;
          if (j + digits >= s.size()) return false;
          uint32_t cp = 0;
          const auto r = std::from_chars(s.data() + j + 1, s.data() + j + 1 + digits, cp, 16);
          if (r.ptr != s.data() + j + 1 + digits || cp > 0x10FFFF ||
              (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
          }
          AppendUtf8(cp, out);
          j += digits;
          break;
        }
        default:
          return false;
      }
      continue;
    }
    out->push_back(c);
  }
  return false;
}

bool IsBareKeyChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '_' || c == '-';
}

}  // namespace

namespace {

// Whether `key` (lower case) names the publication date.
bool IsDateKey(std::string_view key) {
  return key == "date" || key == "published" || key == "published at" ||
         key == "published on" || key == "publication date" || key == "pubdate";
}

// Sets the field of `fm` that `key` (lower case) names, also under the
// names headers give it ("Headline" is the title, "Link" the url); false
// when it names none.
bool SetMetaField(std::string_view key, std::string value, FrontMatter* fm,
                  std::string* published_alias) {
  if (key == "date") {
    *published_alias = std::move(value);
  } else if (IsDateKey(key)) {
    fm->published = std::move(value);
  } else if (key == "source" || key == "publisher" || key == "outlet") {
    fm->source = std::move(value);
  } else if (key == "title" || key == "headline") {
    fm->title = std::move(value);
  } else if (key == "url" || key == "link") {
    fm->url = std::move(value);
  } else {
    return false;
  }
  return true;
}

// The key of a `Key: value` header line, lower-cased; "" when `line` is no
// such line. Keys are words of letters, spaces and hyphens.
std::string HeaderKey(std::string_view line, size_t* value_begin) {
  size_t i = 0;
  while (i < line.size() && i <= 24 &&
         (IsAsciiAlpha(line[i]) || ((line[i] == ' ' || line[i] == '-') && i > 0))) {
    ++i;
  }
  if (i == 0 || i >= line.size() || line[i] != ':' || line[i - 1] == ' ') return "";
  if (i + 1 < line.size() && line[i + 1] != ' ' && line[i + 1] != '\t') return "";
  *value_begin = SkipSpaces(line, i + 1);
  return AsciiLowerCopy(line.substr(0, i));
}

// A header value: the rest of the line, unquoted when quoted whole.
std::string HeaderValue(std::string_view v) {
  v = Trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  return std::string(v);
}

// YAML front matter: `---`, `key: value` lines, `---` (or `...`). Lines of
// nested values (indented, or list items) are skipped. Not front matter
// (present stays false) when it is never closed, when a line is no `key:
// value` with a lower-case key, or when no key is one concord reads: a
// first line `---` may be a rule, and "Update: the minister resigned"
// under it is text.
FrontMatter ReadYamlFrontMatter(std::string_view original, size_t first_end) {
  FrontMatter fm;
  std::string published_alias;
  bool known = false;
  size_t end = first_end;
  for (size_t pos = end + 1; pos <= original.size() && end < original.size(); pos = end + 1) {
    end = original.find('\n', pos);
    if (end == kNpos) end = original.size();
    std::string_view raw = original.substr(pos, end - pos);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    const std::string_view line = Trim(raw);
    if (line == "---" || line == "...") {
      if (!known) return FrontMatter();
      fm.present = fm.closed = true;
      fm.end = static_cast<uint32_t>(end < original.size() ? end + 1 : end);
      if (fm.published.empty()) fm.published = published_alias;
      return fm;
    }
    if (line.empty() || line[0] == '#') continue;
    if (raw[0] == ' ' || raw[0] == '\t' || line[0] == '-') continue;  // nested
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return FrontMatter();
    const std::string_view key = Trim(line.substr(0, colon));
    if (!std::all_of(key.begin(), key.end(),
                     [](char c) { return IsBareKeyChar(c) && !IsAsciiUpper(c); })) {
      return FrontMatter();
    }
    std::string_view value = Trim(line.substr(colon + 1));
    if (!value.empty() && (value[0] == '"' || value[0] == '\'')) {
      // A quoted value ends at its closing quote ("#1" inside is no comment).
      const size_t close = value.find(value[0], 1);
      if (close != std::string_view::npos) value = value.substr(0, close + 1);
    } else if (const size_t hash = value.find(" #"); hash != std::string_view::npos) {
      value = Trim(value.substr(0, hash));
    }
    known |= SetMetaField(key, HeaderValue(value), &fm, &published_alias);
  }
  return FrontMatter();  // never closed
}

// Whether a header's value is a date and nothing more than a time after it
// ("2026-02-10", "10 Feb 2026, 9:30 pm IST"), not a date and prose.
bool IsWholeDate(std::string_view v, const rules::Lexicon& lexicon) {
  v = Trim(v);
  size_t used = 0;
  if (!ParseIsoAt(v, &used)) {
    used = 0;
    if (!ParseDatePrefix(v, lexicon, &used)) return false;
  }
  std::string_view rest = v.substr(used);
  for (size_t i = 0; i < rest.size();) {
    if (!IsAsciiAlpha(rest[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < rest.size() && IsAsciiAlpha(rest[j])) ++j;
    const std::string_view word = rest.substr(i, j - i);
    // Times and zones: "T", "am", "pm", "UTC", "IST".
    const bool upper = std::all_of(word.begin(), word.end(), IsAsciiUpper);
    if (!upper && !absl::EqualsIgnoreCase(AsAbsl(word), "am") &&
        !absl::EqualsIgnoreCase(AsAbsl(word), "pm")) {
      return false;
    }
    i = j;
  }
  return true;
}

// Mail-style headers opening a plain text file ("Title: ...", "Date:
// 2026-02-10", "Source: ...", "URL: ...", "Author: ..."), up to the first
// blank line. Every line must name a field concord reads (or the author);
// the first that does not ("Death toll: 45 people were killed") is the
// first line of the text, as is a "Date:" whose value is more than a date.
FrontMatter ReadHeaderBlock(std::string_view original, size_t begin,
                            const rules::Lexicon& lexicon) {
  FrontMatter fm;
  std::string published_alias;
  size_t end = begin;
  bool first = true;
  for (size_t pos = begin; pos < original.size(); pos = end + 1) {
    end = original.find('\n', pos);
    if (end == kNpos) end = original.size();
    std::string_view line = original.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = Trim(line);
    if (line.empty()) {
      if (first) return FrontMatter();
      fm.end = static_cast<uint32_t>(end < original.size() ? end + 1 : end);
      break;
    }
    size_t value_begin = 0;
    const std::string key = HeaderKey(line, &value_begin);
    if (key.empty()) {
      if (first) return FrontMatter();
      fm.end = static_cast<uint32_t>(pos);  // the text starts here
      break;
    }
    std::string value = HeaderValue(line.substr(value_begin));
    if (IsDateKey(key) && !IsWholeDate(value, lexicon)) {
      if (first) return FrontMatter();
      fm.end = static_cast<uint32_t>(pos);
      break;
    }
    const bool known = SetMetaField(key, std::move(value), &fm, &published_alias) ||
                       key == "author" || key == "by" || key == "byline";
    if (!known) {
      if (first) return FrontMatter();
      fm.end = static_cast<uint32_t>(pos);
      break;
    }
    first = false;
    fm.present = fm.closed = true;
    fm.end = static_cast<uint32_t>(end < original.size() ? end + 1 : end);
  }
  if (fm.published.empty()) fm.published = published_alias;
  return fm;
}

}  // namespace

FrontMatter ReadFrontMatter(std::string_view original, uint32_t begin,
                            const rules::Lexicon& lexicon) {
  FrontMatter fm;
  auto line_end = [&](size_t from) {
    const size_t nl = original.find('\n', from);
    return nl == kNpos ? original.size() : nl;
  };
  size_t end = line_end(begin);
  const std::string_view first = Trim(original.substr(begin, end - begin));
  if (first == "---") return ReadYamlFrontMatter(original, end);
  if (first != "+++") return ReadHeaderBlock(original, begin, lexicon);
  fm.present = true;
  int line_number = 1;
  bool in_table = false;
  std::string published_alias;
  for (size_t pos = end + 1; pos <= original.size() && end < original.size(); pos = end + 1) {
    end = line_end(pos);
    ++line_number;
    const std::string_view line = Trim(original.substr(pos, end - pos));
    if (line == "+++") {
      fm.closed = true;
      fm.end = static_cast<uint32_t>(end < original.size() ? end + 1 : end);
      break;
    }
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      in_table = true;  // keys of nested tables are not the article's
      continue;
    }
    if (in_table) continue;
    // key = value
    size_t i = 0;
    std::string key;
    if (line[0] == '"' || line[0] == '\'') {
      if (!ReadTomlString(line, 0, &key, &i)) {
        fm.notes.push_back(absl::StrCat("front matter line ", line_number,
                                        ": unterminated key, ignored"));
        continue;
      }
    } else {
      while (i < line.size() && IsBareKeyChar(line[i])) ++i;
      key = std::string(line.substr(0, i));
    }
    i = SkipSpaces(line, i);
    if (key.empty() || i >= line.size() || line[i] != '=') {
      fm.notes.push_back(absl::StrCat("front matter line ", line_number,
                                      ": expected key = value, ignored"));
      continue;
    }
    i = SkipSpaces(line, i + 1);
    std::string value;
    if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
      size_t value_end = 0;
      if (!ReadTomlString(line, i, &value, &value_end)) {
        fm.notes.push_back(absl::StrCat("front matter line ", line_number, ": bad string for '",
                                        key, "', ignored"));
        continue;
      }
    } else {
      // A bare value: a date, a date-time, a number, a boolean or an array.
      size_t v = i;
      while (v < line.size() && line[v] != '#') ++v;
      value = std::string(Trim(line.substr(i, v - i)));
    }
    SetMetaField(key, std::move(value), &fm, &published_alias);
  }
  if (fm.published.empty()) fm.published = published_alias;
  return fm;
}

// --- Lines -------------------------------------------------------------------------

namespace {

// A first line `date YYYY-MM-DD` (also `date: ...`, any written date); the
// prose may go on after it. Returns where the prose starts.
std::optional<date::sys_days> ReadDateLine(std::string_view line,
                                           const rules::Lexicon& lexicon,
                                           size_t* prose) {
  if (!StartsWithNoCase(line, 0, "date")) return std::nullopt;
  size_t i = 4;
  if (i >= line.size() || (line[i] != ':' && line[i] != ' ')) return std::nullopt;
  if (line[i] == ':') ++i;
  i = SkipSpaces(line, i);
  size_t used = 0;
  auto d = ParseDatePrefix(line.substr(i), lexicon, &used);
  if (!d) return std::nullopt;
  i += used;
  if (i < line.size() && line[i] != ' ') return std::nullopt;
  *prose = SkipSpaces(line, i);
  return d;
}

}  // namespace

void AssembleLines(const PieceText& in, const IngestRules& rules,
                   const rules::Lexicon& lexicon,
                   const AssembleOptions& options, TextBuilder* out,
                   AssembleResult* result) {
  constexpr int kHeaderLines = 5;  // where a dateline may stand
  const std::string& t = in.text();
  const std::string_view text(t);
  size_t cursor = 0;
  int header_lines = 0;
  bool any_content = false;
  size_t prev_newline = kNpos;   // ends the last content line
  size_t blank_newline = kNpos;  // ends the first blank line after it
  std::string_view collapsed;  // the line as boilerplate rules see it
  std::string buffer;
  bool single_spaced = false;  // the line has no run of spaces to cut
  // Ranges of `in` to copy are joined while they touch, and copied in one
  // call. They touch only next to a '\n', which no replaced piece holds
  // with other bytes, so a joined copy makes the same pieces as separate
  // ones.
  uint32_t copy_begin = 0, copy_end = 0;
  auto copy = [&](size_t begin, size_t end) {
    if (begin != copy_end) {
      CopyPieces(in, copy_begin, copy_end, &cursor, out);
      copy_begin = static_cast<uint32_t>(begin);
    }
    copy_end = static_cast<uint32_t>(end);
  };
  for (size_t ls = 0; ls <= text.size();) {
    size_t le = text.find('\n', ls);
    if (le == kNpos) le = text.size();
    size_t a = ls, b = le;
    while (a < b && text[a] == ' ') ++a;
    while (b > a && text[b - 1] == ' ') --b;
    bool blank = a == b;
    if (!blank && header_lines < kHeaderLines) {
      const std::string_view line = text.substr(a, b - a);
      size_t prose = 0;
      if (header_lines == 0 && options.find_date_line) {
        if (auto d = ReadDateLine(line, lexicon, &prose)) {
          result->date_line = d;
          a += prose;
          blank = a == b;
        }
      }
      if (!blank && options.find_dateline) {
        if (auto d = ParseStandaloneDate(text.substr(a, b - a), lexicon)) {
          if (!result->dateline) result->dateline = d;
          blank = true;
        } else if (header_lines > 0) {
          // (The first line is the headline's, which may end in a date.)
          if (auto bd = ParseBylineDate(text.substr(a, b - a), lexicon)) {
            if (!result->byline_date) result->byline_date = bd;
            blank = true;
          }
        }
      }
      ++header_lines;
    }
    if (!blank && options.markdown && text[a] == '#') {
      size_t h = a;
      while (h < b && text[h] == '#' && h - a < 6) ++h;
      if (h < b && text[h] == ' ') {
        a = SkipSpaces(text, h);
        blank = a == b;
      }
    }
    if (!blank) {
      collapsed = CollapsedView(text.substr(a, b - a), &buffer, &single_spaced);
      if (collapsed.size() <= kMaxBoilerplateLine &&
          MatchNormalizedLine(rules, collapsed) != nullptr) {
        blank = true;
      }
    }
    if (blank) {
      if (any_content && blank_newline == kNpos && le < text.size()) blank_newline = le;
    } else {
      if (any_content) {
        copy(prev_newline, prev_newline + 1);
        if (blank_newline != kNpos) copy(blank_newline, blank_newline + 1);
      } else {
        result->first_line = std::string(collapsed);
      }
      ++result->content_lines;
      // The line with runs of spaces cut to one.
      size_t segment = a;
      for (size_t i = a; !single_spaced && i < b; ++i) {
        if (text[i] == ' ' && text[i + 1] == ' ') {  // b ends on a non-space
          copy(segment, i + 1);
          while (text[i + 1] == ' ') ++i;
          segment = i + 1;
        }
      }
      copy(segment, b);
      any_content = true;
      prev_newline = le;
      blank_newline = kNpos;
    }
    ls = le + 1;
  }
  CopyPieces(in, copy_begin, copy_end, &cursor, out);
}

std::string NormalizeLine(std::string_view line) {
  PieceText piece_text;
  HtmlMeta meta;
  std::vector<std::string> notes;
  ScanMarkup(line, 0, static_cast<uint32_t>(line.size()), MarkupMode::kText, &piece_text,
             &meta, &notes);
  return CollapseSpaces(piece_text.text());
}

bool LooksLikeHeadline(std::string_view line) {
  if (line.size() < 8 || line.size() > 200) return false;
  const char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  if (line.front() >= 'a' && line.front() <= 'z') return false;
  int words = 1;
  for (char c : line) words += c == ' ';
  return words >= 2 && words <= 30 &&
         std::any_of(line.begin(), line.end(), [](char c) { return IsAsciiAlpha(c); });
}

}  // namespace concord::ingest::internal
