#include "base/text.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <iterator>

#include "base/simd.h"
#include "utf8proc.h"

namespace concord {

size_t OffsetMap::PieceAt(uint32_t derived) const {
  // The last piece whose derived_begin <= derived.
  auto it = std::upper_bound(
      pieces_.begin(), pieces_.end(), derived,
      [](uint32_t d, const Piece& p) { return d < p.derived_begin; });
  if (it == pieces_.begin()) return 0;
  return static_cast<size_t>(it - pieces_.begin()) - 1;
}

uint32_t OffsetMap::OriginalOffset(uint32_t derived) const {
  if (pieces_.empty()) return derived;
  if (derived >= derived_size_) {
    const Piece& last = pieces_.back();
    return last.original_begin + last.original_size;
  }
  const Piece& p = pieces_[PieceAt(derived)];
  if (p.copied) return p.original_begin + (derived - p.derived_begin);
  return p.original_begin;
}

Span OffsetMap::ToOriginal(Span derived) const {
  if (pieces_.empty()) return derived;
  // OriginalOffset(derived.begin), keeping the piece it is in.
  Span out;
  size_t k = pieces_.size() - 1;
  if (derived.begin >= derived_size_) {
    out.begin = pieces_[k].original_begin + pieces_[k].original_size;
  } else {
    k = PieceAt(derived.begin);
    const Piece& first = pieces_[k];
    out.begin = first.copied ? first.original_begin + (derived.begin - first.derived_begin)
                             : first.original_begin;
  }
  if (derived.end <= derived.begin) {
    out.end = out.begin;
    return out;
  }
  // The piece of the last byte: most spans end in the first one or a few
  // later, so those are looked at before a search.
  const uint32_t last = derived.end - 1;
  for (int step = 0; step < 4 && k + 1 < pieces_.size() && pieces_[k + 1].derived_begin <= last;
       ++step) {
    ++k;
  }
  if (k + 1 < pieces_.size() && pieces_[k + 1].derived_begin <= last) k = PieceAt(last);
  const Piece& p = pieces_[k];
  if (p.copied) {
    out.end = p.original_begin + (derived.end - p.derived_begin);
  } else {
    out.end = p.original_begin + p.original_size;
  }
  if (out.end < out.begin) out.end = out.begin;
  return out;
}

void TextBuilder::Add(std::string_view bytes, uint32_t original_offset,
                      uint32_t original_size, bool copied) {
  if (bytes.empty()) return;  // dropped bytes need no piece
  auto& pieces = map_.pieces_;
  const uint32_t at = static_cast<uint32_t>(text_.size());
  if (copied && !pieces.empty()) {
    OffsetMap::Piece& last = pieces.back();
    if (last.copied &&
        last.original_begin + last.original_size == original_offset) {
      last.derived_size += static_cast<uint32_t>(bytes.size());
      last.original_size += original_size;
      text_.append(bytes);
      map_.derived_size_ = static_cast<uint32_t>(text_.size());
      return;
    }
  }
  pieces.push_back({at, static_cast<uint32_t>(bytes.size()), original_offset,
                    original_size, copied});
  text_.append(bytes);
  map_.derived_size_ = static_cast<uint32_t>(text_.size());
}

void TextBuilder::Copy(std::string_view bytes, uint32_t original_offset) {
  Add(bytes, original_offset, static_cast<uint32_t>(bytes.size()), true);
}

void TextBuilder::Replace(std::string_view replacement,
                          uint32_t original_offset, uint32_t original_size) {
  Add(replacement, original_offset, original_size, false);
}

void TextBuilder::Reserve(size_t bytes, size_t pieces) {
  text_.reserve(bytes);
  map_.pieces_.reserve(pieces);
}

void TextBuilder::Finish(std::string* text, OffsetMap* map) {
  *text = std::move(text_);
  *map = std::move(map_);
  text_.clear();
  map_ = OffsetMap();
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }
  // Columns at character boundaries along long lines, found by the same walk
  // At() makes from the line's start.
  for (size_t l = 0; l < line_starts_.size(); ++l) {
    const uint32_t start = line_starts_[l];
    const uint32_t end =
        l + 1 < line_starts_.size() ? line_starts_[l + 1] : static_cast<uint32_t>(text.size());
    if (end - start <= kStride) continue;
    uint32_t last = start;
    int column = 1;
    for (uint32_t i = start; i < end;) {
      if (i - last >= kStride) {
        checkpoints_.push_back({i, column});
        last = i;
      }
      i += static_cast<uint32_t>(DecodeUtf8(text_, i).length);
      ++column;
    }
  }
}

LineIndex::Position LineIndex::At(uint32_t offset) const {
  Position pos;
  if (line_starts_.empty()) return pos;
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
  pos.line = static_cast<int>(line);
  uint32_t start = line_starts_[line - 1];
  int column = 1;
  // The last checkpoint at or before `offset`, when it is on this line.
  auto cp = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                             [](uint32_t o, const Checkpoint& c) { return o < c.offset; });
  if (cp != checkpoints_.begin() && std::prev(cp)->offset > start) {
    start = std::prev(cp)->offset;
    column = std::prev(cp)->column;
  }
  for (uint32_t i = start; i < offset;) {
    const int len = DecodeUtf8(text_, i).length;
    i += static_cast<uint32_t>(len);
    ++column;
  }
  pos.column = column;
  return pos;
}

DecodedChar DecodeUtf8(std::string_view s, size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return {b0, 1};
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {0xFFFD, 1};
  }
  if (pos + len > s.size()) return {0xFFFD, 1};
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {0xFFFD, 1};
  }
  return {cp, len};
}

size_t AsciiRunEnd(std::string_view s, size_t i) {
#if CONCORD_SSE2
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (high != 0) return i + static_cast<size_t>(std::countr_zero(high));
  }
#else
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if ((word & 0x8080808080808080ull) != 0) break;
  }
#endif
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}


bool IsValidUtf8(std::string_view s) {
  size_t i = AsciiRunEnd(s, 0);
  while (i < s.size()) {
    // A literal U+FFFD is three bytes, so a one-byte U+FFFD is an error
    // (and the only one-byte result at a non-ASCII byte).
    const DecodedChar d = DecodeUtf8(s, i);
    if (d.length == 1) return false;
    i = AsciiRunEnd(s, i + static_cast<size_t>(d.length));
  }
  return true;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

bool IsUpperLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp > 0x10FFFF) return false;
  const utf8proc_category_t c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
  if (cp > 0x10FFFF) return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

char32_t ToLowerLetter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp > 0x10FFFF) return cp;
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

}  // namespace concord
