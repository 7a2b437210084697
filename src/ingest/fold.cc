// Character-level work: Unicode folding, character references, UTF-8
// checks, and the piece list that keeps the map to the original bytes.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "ingest/internal.h"

namespace concord::ingest::internal {

void PieceText::Copy(std::string_view bytes, uint32_t original_offset) {
  if (bytes.empty()) return;
  const auto size = static_cast<uint32_t>(bytes.size());
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    if (last.copied && last.original_begin + last.original_size == original_offset) {
      last.size += size;
      last.original_size += size;
      text_.append(bytes);
      return;
    }
  }
  pieces_.push_back({static_cast<uint32_t>(text_.size()), size, original_offset,
                     size, true});
  text_.append(bytes);
}

void PieceText::Replace(std::string_view replacement, uint32_t original_offset,
                        uint32_t original_size) {
  if (replacement.empty()) return;  // dropped bytes need no piece
  pieces_.push_back({static_cast<uint32_t>(text_.size()),
                     static_cast<uint32_t>(replacement.size()), original_offset,
                     original_size, false});
  text_.append(replacement);
}

void PieceText::Reserve(size_t original_size) {
  text_.reserve(text_.size() + original_size);
  // A guess: a piece per 32 bytes is plenty for text, less so for markup.
  pieces_.reserve(pieces_.size() + original_size / 32 + 16);
}

void CopyPieces(const PieceText& from, uint32_t begin, uint32_t end,
                size_t* cursor, TextBuilder* to) {
  const auto& pieces = from.pieces();
  const std::string& text = from.text();
  size_t i = *cursor;
  // Pieces are contiguous in the text: skip those that end before `begin`.
  while (i < pieces.size() && pieces[i].begin + pieces[i].size <= begin) ++i;
  *cursor = i;
  for (; i < pieces.size() && pieces[i].begin < end; ++i) {
    const PieceText::Piece& p = pieces[i];
    const uint32_t from_begin = std::max(begin, p.begin);
    const uint32_t from_end = std::min(end, p.begin + p.size);
    if (from_end <= from_begin) continue;
    const std::string_view bytes(text.data() + from_begin, from_end - from_begin);
    if (p.copied) {
      to->Copy(bytes, p.original_begin + (from_begin - p.begin));
    } else {
      // A replaced piece maps as a whole, even when only part of it is used.
      to->Replace(bytes, p.original_begin, p.original_size);
    }
  }
}

std::optional<std::string_view> FoldCodePoint(char32_t cp) {
  if (cp < 0x80) return std::nullopt;
  switch (cp) {
    case 0x00A0:  // no-break space
    case 0x1680:  // ogham space mark
    case 0x202F:  // narrow no-break space
    case 0x205F:  // medium mathematical space
    case 0x3000:  // ideographic space
      return " ";
    case 0x0085:  // next line
    case 0x2028:  // line separator
    case 0x2029:  // paragraph separator
      return "\n";
    case 0x00AD:  // soft hyphen
    case 0x200B:  // zero width space
    case 0x200C:  // zero width non-joiner
    case 0x200D:  // zero width joiner
    case 0x2060:  // word joiner
    case 0xFEFF:  // byte order mark / zero width no-break space
      return "";
    case 0x2010:  // hyphen
    case 0x2011:  // non-breaking hyphen
    case 0x2012:  // figure dash
    case 0x2013:  // en dash
    case 0x2014:  // em dash
    case 0x2015:  // horizontal bar
    case 0x2212:  // minus sign
      return "-";
    case 0x2018:  // left single quotation mark
    case 0x2019:  // right single quotation mark
    case 0x201A:  // single low-9 quotation mark
    case 0x201B:  // single high-reversed-9 quotation mark
    case 0x2032:  // prime
      return "'";
    case 0x201C:  // left double quotation mark
    case 0x201D:  // right double quotation mark
    case 0x201E:  // double low-9 quotation mark
    case 0x201F:  // double high-reversed-9 quotation mark
    case 0x2033:  // double prime
      return "\"";
    case 0x2026:  // horizontal ellipsis
      return "...";
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return " ";  // en quad .. hair space
  return std::nullopt;
}

namespace {

struct NamedEntity {
  const char* name;
  char32_t cp;
};

// Sorted by name (byte order) for binary search. The common named
// references of news pages; rarer ones stay as written.
constexpr NamedEntity kEntities[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1}, {"Acirc", 0xC2},   {"Agrave", 0xC0},
    {"Aring", 0xC5},   {"Atilde", 0xC3}, {"Auml", 0xC4},    {"Ccedil", 0xC7},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},  {"Egrave", 0xC8},  {"Euml", 0xCB},
    {"Iacute", 0xCD},  {"Icirc", 0xCE},  {"Igrave", 0xCC},  {"Iuml", 0xCF},
    {"Ntilde", 0xD1},  {"Oacute", 0xD3}, {"Ocirc", 0xD4},   {"Ograve", 0xD2},
    {"Oslash", 0xD8},  {"Otilde", 0xD5}, {"Ouml", 0xD6},    {"Prime", 0x2033},
    {"Uacute", 0xDA},  {"Ucirc", 0xDB},  {"Ugrave", 0xD9},  {"Uuml", 0xDC},
    {"Yacute", 0xDD},  {"aacute", 0xE1}, {"acirc", 0xE2},   {"acute", 0xB4},
    {"aelig", 0xE6},   {"agrave", 0xE0}, {"amp", '&'},      {"apos", '\''},
    {"aring", 0xE5},   {"atilde", 0xE3}, {"auml", 0xE4},    {"bdquo", 0x201E},
    {"brvbar", 0xA6},  {"bull", 0x2022}, {"ccedil", 0xE7},  {"cedil", 0xB8},
    {"cent", 0xA2},    {"copy", 0xA9},   {"curren", 0xA4},  {"dagger", 0x2020},
    {"deg", 0xB0},     {"divide", 0xF7}, {"eacute", 0xE9},  {"ecirc", 0xEA},
    {"egrave", 0xE8},  {"emsp", 0x2003}, {"ensp", 0x2002},  {"euml", 0xEB},
    {"euro", 0x20AC},  {"frac12", 0xBD}, {"frac14", 0xBC},  {"frac34", 0xBE},
    {"gt", '>'},       {"hairsp", 0x200A}, {"hellip", 0x2026}, {"hyphen", 0x2010},
    {"iacute", 0xED},  {"icirc", 0xEE},  {"iexcl", 0xA1},   {"igrave", 0xEC},
    {"iquest", 0xBF},  {"iuml", 0xEF},   {"laquo", 0xAB},   {"ldquo", 0x201C},
    {"lrm", 0x200E},   {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", '<'},
    {"macr", 0xAF},    {"mdash", 0x2014}, {"micro", 0xB5},  {"middot", 0xB7},
    {"minus", 0x2212}, {"nbsp", 0xA0},   {"ndash", 0x2013}, {"not", 0xAC},
    {"ntilde", 0xF1},  {"oacute", 0xF3}, {"ocirc", 0xF4},   {"ograve", 0xF2},
    {"ordf", 0xAA},    {"ordm", 0xBA},   {"oslash", 0xF8},  {"otilde", 0xF5},
    {"ouml", 0xF6},    {"para", 0xB6},   {"permil", 0x2030}, {"plusmn", 0xB1},
    {"pound", 0xA3},   {"prime", 0x2032}, {"quot", '"'},    {"raquo", 0xBB},
    {"rdquo", 0x201D}, {"reg", 0xAE},    {"rlm", 0x200F},   {"rsaquo", 0x203A},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"sect", 0xA7},   {"shy", 0xAD},
    {"sup1", 0xB9},    {"sup2", 0xB2},   {"sup3", 0xB3},    {"szlig", 0xDF},
    {"thinsp", 0x2009}, {"times", 0xD7}, {"trade", 0x2122}, {"uacute", 0xFA},
    {"ucirc", 0xFB},   {"ugrave", 0xF9}, {"uml", 0xA8},     {"uuml", 0xFC},
    {"yacute", 0xFD},  {"yen", 0xA5},    {"yuml", 0xFF},    {"zwj", 0x200D},
    {"zwnj", 0x200C},
};

// HTML maps numeric references 0x80-0x9F as Windows-1252 (&#150; is an en
// dash in many old pages). 0 marks the five unassigned bytes.
constexpr char32_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool IsHexDigit(char c) {
  return IsAsciiDigit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f');
}

int HexValue(char c) {
  return IsAsciiDigit(c) ? c - '0' : (c | 32) - 'a' + 10;
}

}  // namespace

std::optional<char32_t> DecodeEntity(std::string_view s, size_t pos,
                                     size_t* length) {
  // Longest named reference in the table plus slack; numeric ones are
  // bounded too so that "&#" followed by a million digits stays cheap.
  constexpr size_t kMaxLength = 12;
  size_t i = pos + 1;
  if (i >= s.size()) return std::nullopt;
  if (s[i] == '#') {
    ++i;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const size_t digits_begin = i;
    char32_t cp = 0;
    while (i < s.size() && i - pos < kMaxLength &&
           (hex ? IsHexDigit(s[i]) : IsAsciiDigit(s[i]))) {
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(hex ? HexValue(s[i]) : s[i] - '0');
      ++i;
    }
    if (i == digits_begin || i >= s.size() || s[i] != ';') return std::nullopt;
    *length = i + 1 - pos;
    if (cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80] != 0) {
      return kWindows1252[cp - 0x80];
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return 0xFFFD;
    }
    return cp;
  }
  const size_t name_begin = i;
  while (i < s.size() && i - pos < kMaxLength &&
         (IsAsciiAlpha(s[i]) || IsAsciiDigit(s[i]))) {
    ++i;
  }
  if (i == name_begin || i >= s.size() || s[i] != ';') return std::nullopt;
  const std::string_view name = s.substr(name_begin, i - name_begin);
  const auto* end = std::end(kEntities);
  const auto* it = std::lower_bound(
      std::begin(kEntities), end, name,
      [](const NamedEntity& e, std::string_view n) { return std::string_view(e.name) < n; });
  if (it == end || std::string_view(it->name) != name) return std::nullopt;
  *length = i + 1 - pos;
  return it->cp;
}

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (true) {
    i = AsciiRunEnd(s, i);  // a run of ASCII first
    if (i >= s.size()) return std::string_view::npos;
    // At a non-ASCII byte, only an error decodes as one byte.
    const DecodedChar d = DecodeUtf8(s, i);
    if (d.length == 1) return i;
    i += static_cast<size_t>(d.length);
  }
}

std::string FormatSize(uint64_t bytes) {
  constexpr uint64_t kKilo = 1024;
  constexpr uint64_t kMega = 1024 * 1024;
  if (bytes >= kMega && bytes % kMega == 0) return absl::StrCat(bytes / kMega, " MB");
  if (bytes >= kKilo && bytes % kKilo == 0) return absl::StrCat(bytes / kKilo, " KB");
  return absl::StrCat(bytes, " bytes");
}

}  // namespace concord::ingest::internal

namespace concord::ingest {

std::string VisibleText(std::string_view original, Format format) {
  if (format != Format::kHtml) return std::string(original);
  std::string out;
  out.reserve(original.size());
  for (size_t i = 0; i < original.size();) {
    const char c = original[i];
    if (c == '<') {
      const size_t close = original.find('>', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    } else if (c == '&') {
      size_t length = 0;
      if (auto cp = internal::DecodeEntity(original, i, &length)) {
        // Folded as the article's text is ("&nbsp;" is a space).
        if (auto folded = internal::FoldCodePoint(*cp)) {
          out.append(*folded);
        } else {
          AppendUtf8(*cp, &out);
        }
        i += length;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace concord::ingest
