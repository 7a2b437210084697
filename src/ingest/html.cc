// Pass 1: a hand-written, linear-time markup scanner. It is forgiving in the
// way browsers are (unclosed and misnested tags are fine) and keeps no
// element stack, so deep nesting costs nothing.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/simd.h"
#include "base/strings.h"
#include "ingest/internal.h"

namespace concord::ingest::internal {
namespace {

enum ElementFlags : uint8_t {
  kBlock = 1,     // becomes a line break
  kCell = 2,      // becomes a space
  kRawText = 4,   // contents are not markup: skip to the closing tag
  kHidden = 8,    // contents are not article text (HTML pages only)
  kHeadOk = 16,   // may stand in <head> without ending it
  kPre = 32,      // white space inside is kept
};

struct Element {
  std::string_view name;
  uint8_t flags;
};

// Sorted by name. Every element here is "known": in plain text only these
// are taken as tags, so "a <b or x<y" stay text.
constexpr Element kElements[] = {
    {"a", 0},
    {"abbr", 0},
    {"address", kBlock},
    {"article", kBlock},
    {"aside", kBlock},
    {"audio", kHidden},
    {"b", 0},
    {"base", kHeadOk},
    {"bdi", 0},
    {"bdo", 0},
    {"big", 0},
    {"blockquote", kBlock},
    {"body", kBlock},
    {"br", kBlock},
    {"button", kHidden},
    {"canvas", kHidden},
    {"caption", kBlock},
    {"center", kBlock},
    {"cite", 0},
    {"code", 0},
    {"col", 0},
    {"colgroup", 0},
    {"data", 0},
    {"datalist", kHidden},
    {"dd", kBlock},
    {"del", 0},
    {"details", kBlock},
    {"dfn", 0},
    {"dialog", kBlock},
    {"div", kBlock},
    {"dl", kBlock},
    {"dt", kBlock},
    {"em", 0},
    {"embed", 0},
    {"fieldset", kBlock},
    {"figcaption", kBlock},
    {"figure", kBlock},
    {"font", 0},
    {"footer", kBlock},
    {"form", kBlock},
    {"h1", kBlock},
    {"h2", kBlock},
    {"h3", kBlock},
    {"h4", kBlock},
    {"h5", kBlock},
    {"h6", kBlock},
    {"head", kBlock | kHeadOk},
    {"header", kBlock},
    {"hgroup", kBlock},
    {"hr", kBlock},
    {"html", kBlock | kHeadOk},
    {"i", 0},
    {"iframe", kRawText},
    {"img", 0},
    {"input", 0},
    {"ins", 0},
    {"kbd", 0},
    {"label", 0},
    {"legend", kBlock},
    {"li", kBlock},
    {"link", kHeadOk},
    {"main", kBlock},
    {"map", 0},
    {"mark", 0},
    {"math", kHidden},
    {"menu", kBlock},
    {"meta", kHeadOk},
    {"meter", 0},
    {"nav", kBlock | kHidden},
    {"noembed", kRawText},
    {"noframes", kRawText},
    {"noscript", kRawText | kHeadOk},
    {"object", 0},
    {"ol", kBlock},
    {"optgroup", 0},
    {"option", 0},
    {"output", 0},
    {"p", kBlock},
    {"param", 0},
    {"picture", 0},
    {"pre", kBlock | kPre},
    {"progress", 0},
    {"q", 0},
    {"rp", 0},
    {"rt", 0},
    {"ruby", 0},
    {"s", 0},
    {"samp", 0},
    {"script", kRawText | kHeadOk},
    {"section", kBlock},
    {"select", kHidden},
    {"small", 0},
    {"source", 0},
    {"span", 0},
    {"strike", 0},
    {"strong", 0},
    {"style", kRawText | kHeadOk},
    {"sub", 0},
    {"summary", kBlock},
    {"sup", 0},
    {"svg", kHidden},
    {"table", kBlock},
    {"tbody", 0},
    {"td", kCell},
    {"template", kHidden | kHeadOk},
    {"textarea", kRawText},
    {"tfoot", 0},
    {"th", kCell},
    {"thead", 0},
    {"time", 0},
    {"title", kRawText | kBlock | kHeadOk},
    {"tr", kBlock},
    {"track", 0},
    {"tt", 0},
    {"u", 0},
    {"ul", kBlock},
    {"var", 0},
    {"video", kHidden},
    {"wbr", 0},
    {"xmp", kRawText | kBlock},
};
constexpr size_t kElementCount = sizeof(kElements) / sizeof(kElements[0]);
static_assert([] {
  for (size_t e = 1; e < kElementCount; ++e) {
    if (!(kElements[e - 1].name < kElements[e].name)) return false;
  }
  return true;
}(), "kElements must be sorted by name");

// The elements whose names start with 'a' + k are kElements[kByFirst[k],
// kByFirst[k + 1]): a lookup compares a few names, not a dozen.
constexpr std::array<uint8_t, 27> kByFirst = [] {
  std::array<uint8_t, 27> first{};
  size_t e = 0;
  for (size_t k = 0; k < 26; ++k) {
    while (e < kElementCount && kElements[e].name[0] < static_cast<char>('a' + k)) ++e;
    first[k] = static_cast<uint8_t>(e);
  }
  first[26] = static_cast<uint8_t>(kElementCount);
  return first;
}();

// Index into kElements, or -1.
int FindElement(std::string_view lower_name) {
  if (lower_name.empty() || lower_name[0] < 'a' || lower_name[0] > 'z') return -1;
  const size_t k = static_cast<size_t>(lower_name[0] - 'a');
  for (size_t e = kByFirst[k]; e < kByFirst[k + 1]; ++e) {
    if (kElements[e].name == lower_name) return static_cast<int>(e);
  }
  return -1;
}

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == ':' || c == '_' ||
         c == '.';
}

// Decodes references and folds characters of an attribute value or a title;
// collapses white space.
std::string DecodeText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t len = 0;
    if (s[i] == '&') {
      if (auto e = DecodeEntity(s, i, &len)) {
        cp = *e;
      } else {
        cp = '&';
        len = 1;
      }
    } else {
      const DecodedChar d = DecodeUtf8(s, i);
      cp = d.code_point;
      len = static_cast<size_t>(d.length);
    }
    i += len;
    if (auto folded = FoldCodePoint(cp)) {
      out.append(*folded);
    } else {
      AppendUtf8(cp, &out);
    }
  }
  return CollapseSpaces(out);
}

// Spaces that typesetting puts between digit groups ("3 400").
bool IsDigitGroupSpace(char32_t cp) {
  return cp == 0x00A0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007;
}

// Whether the `len` bytes at `i` stand between a digit and a group of
// exactly three digits.
bool IsDigitGroupAt(std::string_view s, size_t i, size_t len) {
  const size_t next = i + len;
  if (i == 0 || !IsAsciiDigit(s[i - 1]) || next + 3 > s.size()) return false;
  for (size_t k = next; k < next + 3; ++k) {
    if (!IsAsciiDigit(s[k])) return false;
  }
  return next + 3 == s.size() || !IsAsciiDigit(s[next + 3]);
}

struct Attribute {
  std::string name;  // lowercase
  std::string_view raw_value;
};

// Attributes of a start tag, from just after its name to before its '>'.
std::vector<Attribute> ParseAttributes(std::string_view s) {
  std::vector<Attribute> attrs;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (IsHtmlSpace(s[i]) || s[i] == '/')) ++i;
    if (i >= s.size()) break;
    const size_t name_begin = i;
    while (i < s.size() && !IsHtmlSpace(s[i]) && s[i] != '=' && s[i] != '/') ++i;
    if (i == name_begin) {  // a stray '='
      ++i;
      continue;
    }
    Attribute a;
    a.name = AsciiLowerCopy(s.substr(name_begin, i - name_begin));
    size_t j = i;
    while (j < s.size() && IsHtmlSpace(s[j])) ++j;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && IsHtmlSpace(s[j])) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        const char q = s[j];
        const size_t close = s.find(q, j + 1);
        const size_t value_end = close == std::string_view::npos ? s.size() : close;
        a.raw_value = s.substr(j + 1, value_end - j - 1);
        i = value_end == s.size() ? value_end : value_end + 1;
      } else {
        const size_t value_begin = j;
        while (j < s.size() && !IsHtmlSpace(s[j])) ++j;
        a.raw_value = s.substr(value_begin, j - value_begin);
        i = j;
      }
    }
    attrs.push_back(std::move(a));
  }
  return attrs;
}

const Attribute* FindAttribute(const std::vector<Attribute>& attrs,
                               std::string_view name) {
  for (const Attribute& a : attrs) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// Rank of a <meta> name or property that gives the publication date, lower
// is better; -1 for others. Modification dates are deliberately absent.
int MetaDateRank(std::string_view key) {
  struct Ranked {
    const char* key;
    int rank;
  };
  static constexpr Ranked kKeys[] = {
      {"article:published_time", 0},
      {"og:article:published_time", 0},
      {"datepublished", 0},
      {"article:published", 1},
      {"og:published_time", 1},
      {"published_time", 1},
      {"publishdate", 1},
      {"publish-date", 1},
      {"publish_date", 1},
      {"pubdate", 1},
      {"publication_date", 1},
      {"article.published", 1},
      {"date.published", 1},
      {"dc.date.issued", 1},
      {"dcterms.issued", 1},
      {"sailthru.date", 1},
      {"parsely-pub-date", 1},
      {"date", 3},
      {"dc.date", 3},
      {"dcterms.date", 3},
      {"dcterms.created", 3},
  };
  for (const Ranked& r : kKeys) {
    if (key == r.key) return r.rank;
  }
  return -1;
}

// ASCII bytes that are neither markup ('<', '&') nor white space: text
// that is copied as it is.
constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0; c < 0x80; ++c) {
    plain[static_cast<size_t>(c)] = c != '<' && c != '&' && c != ' ' && c != '\t' &&
                                    c != '\n' && c != '\r' && c != '\f' && c != '\v';
  }
  return plain;
}();

class Scanner {
 public:
  Scanner(std::string_view s, uint32_t end, MarkupMode mode, PieceText* out,
          HtmlMeta* meta, std::vector<std::string>* notes)
      : s_(s.substr(0, end)), mode_(mode), out_(out), meta_(meta), notes_(notes) {
    std::fill(std::begin(hidden_), std::end(hidden_), 0);
  }

  void Run(uint32_t begin) {
    size_t i = begin;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '<') {
        size_t next = 0;
        if (TryTag(i, &next)) {
          i = next;
          continue;
        }
      }
      if (Suppressed()) {
        const void* lt = memchr(s_.data() + i + 1, '<', s_.size() - i - 1);
        i = lt == nullptr ? s_.size()
                          : static_cast<size_t>(static_cast<const char*>(lt) - s_.data());
        continue;
      }
      if (c == '&') {
        size_t len = 0;
        if (auto cp = DecodeEntity(s_, i, &len)) {
          EmitCodePoint(*cp, i, len);
          i += len;
          continue;
        }
        Copy(i, 1);
        ++i;
        continue;
      }
      const auto b = static_cast<unsigned char>(c);
      if (b >= 0x80) {
        const DecodedChar d = DecodeUtf8(s_, i);
        const auto len = static_cast<size_t>(d.length);
        if (IsDigitGroupSpace(d.code_point) && IsDigitGroupAt(s_, i, len)) {
          // "3 400" with a (narrow) no-break or thin space: a thousands
          // separator, which the number parser reads as ",".
          Replace(",", i, len);
        } else if (auto folded = FoldCodePoint(d.code_point)) {
          Replace(*folded, i, len);
        } else {
          Copy(i, len);
        }
        i += len;
        continue;
      }
      if (IsHtmlSpace(c)) {
        i = WhiteSpace(i);
        continue;
      }
      // A run of plain ASCII, with the spaces WhiteSpace would copy as they
      // are (copies of adjacent bytes make one piece either way).
      size_t j = PlainRunEnd(i + 1);
      while (j < s_.size()) {
        const auto bj = static_cast<unsigned char>(s_[j]);
        if (kPlainByte[bj]) {
          ++j;
          continue;
        }
        if (bj >= 0x80 || bj == '<' || bj == '&') break;
        if (!CopiedSpace(j)) break;  // white space
        ++j;
      }
      Copy(i, j - i);
      i = j;
    }
  }

 private:
  bool Html() const { return mode_ == MarkupMode::kHtml; }
  bool Suppressed() const { return hidden_total_ > 0 || in_head_; }

  void Copy(size_t at, size_t len) {
    out_->Copy(s_.substr(at, len), static_cast<uint32_t>(at));
  }
  void Replace(std::string_view with, size_t at, size_t len) {
    out_->Replace(with, static_cast<uint32_t>(at), static_cast<uint32_t>(len));
  }

  void EmitCodePoint(char32_t cp, size_t at, size_t len) {
    if (cp == '\r' || cp == '\n') {
      Replace(Html() && pre_depth_ == 0 ? " " : "\n", at, len);
    } else if (cp == '\t' || cp == '\f' || cp == '\v') {
      Replace(" ", at, len);
    } else if (auto folded = FoldCodePoint(cp)) {
      Replace(*folded, at, len);
    } else {
      std::string utf8;
      AppendUtf8(cp, &utf8);
      Replace(utf8, at, len);
    }
  }

  // Skips ahead from `i` over bytes the loop in Run() would take into a
  // run of plain ASCII, sixteen at a time where SSE2 is at hand; stops at
  // or before the first one it would not take.
  size_t PlainRunEnd(size_t i) const {
#if CONCORD_SSE2
    const bool collapse = Html() && pre_depth_ == 0;
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i amp = _mm_set1_epi8('&');
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i nine = _mm_set1_epi8(9);
    const __m128i four = _mm_set1_epi8(4);
    // White space but ' ': \t \n \v \f \r, the bytes c with c - 9 <= 4.
    auto controls = [&](__m128i v) {
      const __m128i d = _mm_sub_epi8(v, nine);
      return _mm_cmpeq_epi8(_mm_max_epu8(d, four), four);
    };
    // One byte more is read than tested: the byte after a space.
    for (; i + 17 <= s_.size(); i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + i));
      // Non-ASCII bytes are negative.
      __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)),
                                  _mm_cmplt_epi8(v, _mm_setzero_si128()));
      if (collapse) {
        // Any white space but a ' ' before a byte that is none.
        const __m128i next =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + i + 1));
        const __m128i next_space =
            _mm_or_si128(_mm_cmpeq_epi8(next, space), controls(next));
        const __m128i cut_space = _mm_and_si128(_mm_cmpeq_epi8(v, space), next_space);
        stop = _mm_or_si128(stop, _mm_or_si128(controls(v), cut_space));
      } else {
        // White space but ' ' and '\n'.
        stop = _mm_or_si128(stop, _mm_andnot_si128(_mm_cmpeq_epi8(v, newline), controls(v)));
      }
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
      if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
    }
#endif
    return i;
  }

  // Whether WhiteSpace(i) would copy the one byte at `i` as it is.
  bool CopiedSpace(size_t i) const {
    if (Html() && pre_depth_ == 0) {
      return s_[i] == ' ' && (i + 1 >= s_.size() || !IsHtmlSpace(s_[i + 1]));
    }
    return s_[i] == ' ' || s_[i] == '\n';
  }

  // White space at `i`; returns where it ends.
  size_t WhiteSpace(size_t i) {
    if (Html() && pre_depth_ == 0) {
      // HTML: a run of white space is one space.
      size_t j = i;
      while (j < s_.size() && IsHtmlSpace(s_[j])) ++j;
      if (j - i == 1 && s_[i] == ' ') {
        Copy(i, 1);
      } else {
        Replace(" ", i, j - i);
      }
      return j;
    }
    const char c = s_[i];
    if (c == '\r') {
      const size_t len = i + 1 < s_.size() && s_[i + 1] == '\n' ? 2 : 1;
      Replace("\n", i, len);
      return i + len;
    }
    if (c == ' ' || c == '\n') {
      Copy(i, 1);
    } else {
      Replace(" ", i, 1);  // tab, form feed, vertical tab
    }
    return i + 1;
  }

  // Offset of the first `needle` at or after `from`, or npos. Remembers
  // the last answer per needle, so that many searches for a needle that
  // comes late or never (a thousand "<!--" and no "-->") stay linear.
  size_t Find(std::string_view needle, size_t from) {
    SearchCache& cache = cache_[std::string(needle)];
    if (cache.failed_from != std::string_view::npos && from >= cache.failed_from) {
      return std::string_view::npos;
    }
    if (cache.found != std::string_view::npos && from >= cache.from && from <= cache.found) {
      return cache.found;
    }
    const size_t found = s_.find(needle, from);
    if (found == std::string_view::npos) {
      cache.failed_from = from;
    } else {
      cache.from = from;
      cache.found = found;
    }
    return found;
  }

  void Note(std::string message) { notes_->push_back(std::move(message)); }

  // Markup at `i` (a '<'). Returns false when it is not a tag, so that the
  // '<' is text; otherwise sets `*next` past what was consumed.
  bool TryTag(size_t i, size_t* next) {
    size_t j = i + 1;
    if (j >= s_.size()) return false;
    if (s_[j] == '!') return TryDeclaration(i, next);
    if (s_[j] == '?') {
      if (!Html()) return false;
      const size_t gt = Find(">", j);
      *next = gt == std::string_view::npos ? s_.size() : gt + 1;
      return true;
    }
    const bool closing = s_[j] == '/';
    if (closing) ++j;
    if (j >= s_.size() || !IsAsciiAlpha(s_[j])) return false;
    const size_t name_begin = j;
    while (j < s_.size() && IsNameChar(s_[j])) ++j;
    const size_t name_end = j;
    if (j < s_.size() && !IsHtmlSpace(s_[j]) && s_[j] != '/' && s_[j] != '>') {
      return false;
    }
    // Find the '>' that ends the tag: quotes after '=' may hide one. A '<'
    // outside quotes means the tag was never closed.
    size_t k = j;
    bool found = false;
    bool use_quotes = !quotes_unreliable_;
    char last = ' ';
    while (k < s_.size()) {
      const char c = s_[k];
      if (c == '>') {
        found = true;
        break;
      }
      // In plain text a tag stands on one line.
      if (c == '<' || (!Html() && c == '\n')) break;
      if (use_quotes && (c == '"' || c == '\'') && last == '=') {
        size_t q = k + 1;
        while (q < s_.size() && s_[q] != c && (Html() || s_[q] != '\n')) ++q;
        if (q >= s_.size() || s_[q] != c) {
          if (!Html()) return false;
          // An unbalanced quote: from now on quotes are not trusted, which
          // keeps the scan linear on hostile input.
          quotes_unreliable_ = true;
          use_quotes = false;
          k = j;
          last = ' ';
          continue;
        }
        k = q + 1;
        last = c;
        continue;
      }
      if (!IsHtmlSpace(c)) last = c;
      ++k;
    }
    if (!found && (!Html() || k >= s_.size())) return false;
    const size_t name_len = name_end - name_begin;
    char lower[40];
    const size_t kept = std::min<size_t>(name_len, sizeof lower);
    for (size_t n = 0; n < kept; ++n) lower[n] = AsciiLower(s_[name_begin + n]);
    const std::string_view name(lower, kept);
    const int element = name_len <= sizeof lower ? FindElement(name) : -1;
    if (!Html() && element < 0) return false;
    const uint8_t flags = element < 0 ? 0 : kElements[element].flags;
    const size_t tag_end = found ? k + 1 : k;
    const bool self_closing = found && k > name_end && s_[k - 1] == '/';
    *next = tag_end;

    if (closing) {
      if ((flags & kPre) && pre_depth_ > 0) --pre_depth_;
      if (Html() && (flags & kHidden) && hidden_[element] > 0) {
        --hidden_[element];
        --hidden_total_;
        EmitTag(flags, i, tag_end);  // a hidden block still ends a line
        return true;
      }
      if (Html() && name == "head") in_head_ = false;
      EmitTag(flags, i, tag_end);
      return true;
    }

    if (Html()) {
      if (name == "head" && !seen_body_) {
        in_head_ = true;
      } else if (name == "body") {
        in_head_ = false;
        seen_body_ = true;
      } else if (in_head_ && !(flags & kHeadOk)) {
        in_head_ = false;  // body content without a <body>
      }
      if (hidden_total_ == 0) {
        CollectMeta(name, s_.substr(name_end, k - name_end));
      }
    }

    if ((flags & kRawText) && !self_closing) {
      return RawText(name, flags, i, tag_end, next);
    }
    if (Html() && (flags & kHidden) && !self_closing) {
      EmitTag(flags, i, tag_end);
      ++hidden_[element];
      ++hidden_total_;
      return true;
    }
    if (flags & kPre) ++pre_depth_;
    EmitTag(flags, i, tag_end);
    return true;
  }

  void EmitTag(uint8_t flags, size_t begin, size_t end) {
    if (Suppressed()) return;
    if (flags & kBlock) {
      Replace("\n", begin, end - begin);
    } else if (flags & kCell) {
      Replace(" ", begin, end - begin);
    }
    // Inline tags vanish: "foo<b>bar</b>" reads "foobar" as in a browser.
  }

  // "<!--", "<![CDATA[", "<!DOCTYPE".
  bool TryDeclaration(size_t i, size_t* next) {
    if (StartsWithNoCase(s_, i, "<!--")) {
      const size_t close = Find("-->", i + 4);
      if (close != std::string_view::npos) {
        meta_->comments.emplace_back(s_.substr(i + 4, close - i - 4));
        *next = close + 3;
        return true;
      }
      if (!Html()) return false;
      Note(absl::StrCat("unclosed HTML comment at byte ", i,
                        ": the rest of the page is left out"));
      *next = s_.size();
      return true;
    }
    if (StartsWithNoCase(s_, i, "<![cdata[")) {
      if (!Html()) return false;
      const size_t close = Find("]]>", i + 9);
      *next = close == std::string_view::npos ? s_.size() : close + 3;
      return true;
    }
    if (!Html() && !StartsWithNoCase(s_, i, "<!doctype")) return false;
    const size_t gt = Find(">", i + 2);
    if (gt == std::string_view::npos) return false;
    *next = gt + 1;
    return true;
  }

  // The contents of <script>, <style>, <title>... up to the closing tag.
  bool RawText(std::string_view name, uint8_t flags, size_t tag_begin,
               size_t content_begin, size_t* next) {
    const size_t close = FindClosingTag(name, content_begin);
    if (close == std::string_view::npos) {
      if (!Html()) {  // a stray tag in plain text: drop just the tag
        *next = content_begin;
        return true;
      }
      Note(absl::StrCat("unclosed <", AsAbsl(name), "> at byte ", tag_begin,
                        ": the rest of the page is left out"));
      *next = s_.size();
      return true;
    }
    const std::string_view content = s_.substr(content_begin, close - content_begin);
    const size_t gt = Find(">", close);
    const size_t end = gt == std::string_view::npos ? s_.size() : gt + 1;
    *next = end;
    if (hidden_total_ == 0) {
      if (name == "title" && meta_->title.empty()) {
        meta_->title = DecodeText(content);
      } else if (name == "script") {
        FindJsonLdDate(content);
      }
    }
    EmitTag(flags, tag_begin, end);
    return true;
  }

  // The "</name" that closes a raw text element, or npos; cached like Find.
  size_t FindClosingTag(std::string_view name, size_t from) {
    SearchCache& cache = cache_[absl::StrCat("</", AsAbsl(name))];
    if (cache.failed_from != std::string_view::npos && from >= cache.failed_from) {
      return std::string_view::npos;
    }
    if (cache.found != std::string_view::npos && from >= cache.from && from <= cache.found) {
      return cache.found;
    }
    size_t close = from;
    while (true) {
      const void* lt = memchr(s_.data() + close, '<', s_.size() - close);
      if (lt == nullptr) {
        cache.failed_from = from;
        return std::string_view::npos;
      }
      close = static_cast<size_t>(static_cast<const char*>(lt) - s_.data());
      if (close + 1 < s_.size() && s_[close + 1] == '/' &&
          StartsWithNoCase(s_, close + 2, name)) {
        const size_t after = close + 2 + name.size();
        if (after >= s_.size() || IsHtmlSpace(s_[after]) || s_[after] == '>' ||
            s_[after] == '/') {
          cache.from = from;
          cache.found = close;
          return close;
        }
      }
      ++close;
    }
  }

  // A JSON-free look at structured data: the first "datePublished": "...".
  void FindJsonLdDate(std::string_view script) {
    const size_t key = script.find("\"datePublished\"");
    if (key == std::string_view::npos) return;
    size_t i = key + 15;
    while (i < script.size() && IsHtmlSpace(script[i])) ++i;
    if (i >= script.size() || script[i] != ':') return;
    ++i;
    while (i < script.size() && IsHtmlSpace(script[i])) ++i;
    if (i >= script.size() || script[i] != '"') return;
    const size_t close = script.find('"', i + 1);
    if (close == std::string_view::npos || close - i > 64) return;
    meta_->dates.push_back({2, std::string(script.substr(i + 1, close - i - 1))});
  }

  void CollectMeta(std::string_view name, std::string_view attr_text) {
    const bool is_meta = name == "meta";
    const bool is_link = name == "link";
    const bool is_time = name == "time";
    // Parse attributes only where they can matter.
    if (!is_meta && !is_link && !is_time &&
        attr_text.find("itemprop") == std::string_view::npos) {
      return;
    }
    const std::vector<Attribute> attrs = ParseAttributes(attr_text);
    const Attribute* itemprop = FindAttribute(attrs, "itemprop");
    if (itemprop != nullptr && AsciiLowerCopy(itemprop->raw_value) == "datepublished") {
      const Attribute* v = FindAttribute(attrs, "content");
      if (v == nullptr) v = FindAttribute(attrs, "datetime");
      if (v != nullptr) meta_->dates.push_back({0, DecodeText(v->raw_value)});
    }
    if (is_meta) {
      const Attribute* key = FindAttribute(attrs, "property");
      if (key == nullptr) key = FindAttribute(attrs, "name");
      const Attribute* content = FindAttribute(attrs, "content");
      if (key == nullptr || content == nullptr) return;
      const std::string k = AsciiLowerCopy(key->raw_value);
      if (const int rank = MetaDateRank(k); rank >= 0) {
        meta_->dates.push_back({rank, DecodeText(content->raw_value)});
      } else if (k == "og:title" || k == "twitter:title") {
        if (meta_->og_title.empty()) meta_->og_title = DecodeText(content->raw_value);
      } else if (k == "og:site_name") {
        meta_->site_name = DecodeText(content->raw_value);
        site_from_og_ = true;
      } else if (k == "application-name" && !site_from_og_ && meta_->site_name.empty()) {
        meta_->site_name = DecodeText(content->raw_value);
      } else if (k == "og:url") {
        meta_->url = DecodeText(content->raw_value);
        url_from_og_ = true;
      }
    } else if (is_link) {
      const Attribute* rel = FindAttribute(attrs, "rel");
      const Attribute* href = FindAttribute(attrs, "href");
      if (rel != nullptr && href != nullptr && !url_from_og_ &&
          AsciiLowerCopy(rel->raw_value) == "canonical") {
        meta_->url = DecodeText(href->raw_value);
      }
    } else if (is_time) {
      const Attribute* when = FindAttribute(attrs, "datetime");
      if (when != nullptr) {
        const bool pubdate = FindAttribute(attrs, "pubdate") != nullptr;
        meta_->dates.push_back({pubdate ? 4 : 5, DecodeText(when->raw_value)});
      }
    }
  }

  struct SearchCache {
    size_t from = 0;
    size_t found = std::string_view::npos;
    size_t failed_from = std::string_view::npos;
  };

  std::string_view s_;
  MarkupMode mode_;
  PieceText* out_;
  HtmlMeta* meta_;
  std::vector<std::string>* notes_;
  int hidden_[kElementCount];
  int hidden_total_ = 0;
  int pre_depth_ = 0;
  bool in_head_ = false;
  bool seen_body_ = false;
  bool quotes_unreliable_ = false;
  bool site_from_og_ = false;
  bool url_from_og_ = false;
  StringMap<SearchCache> cache_;
};

}  // namespace

void ScanMarkup(std::string_view original, uint32_t begin, uint32_t end,
                MarkupMode mode, PieceText* out, HtmlMeta* meta,
                std::vector<std::string>* notes) {
  out->Reserve(end > begin ? end - begin : 0);
  Scanner scanner(original, end, mode, out, meta, notes);
  scanner.Run(begin);
  std::stable_sort(meta->dates.begin(), meta->dates.end(),
                   [](const HtmlMeta::DateCandidate& a, const HtmlMeta::DateCandidate& b) {
                     return a.rank < b.rank;
                   });
}

}  // namespace concord::ingest::internal
