// Byte spans, the map from a normalised text back to the original bytes, and
// line/column positions. Every mention concord reports keeps the exact bytes it
// came from; these types are how.
#ifndef CONCORD_BASE_TEXT_H_
#define CONCORD_BASE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

// A half-open byte range [begin, end) in some text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  bool Overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  friend bool operator==(const Span& a, const Span& b) {
    return a.begin == b.begin && a.end == b.end;
  }
  friend bool operator<(const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  }
};

// Maps byte positions of a derived text (tags stripped, entities decoded,
// punctuation folded) to byte positions in the original.
//
// The derived text is made of pieces: a copied piece maps byte for byte; a
// replaced piece (an entity, a folded character, a tag turned into a line
// break) maps as a whole onto its original bytes.
class OffsetMap {
 public:
  // Maps a span of the derived text to the smallest span of the original that
  // produced it. A span that starts or ends inside a replaced piece widens to
  // the whole piece.
  Span ToOriginal(Span derived) const;

  // The original offset of one derived byte position (for an end position,
  // use ToOriginal).
  uint32_t OriginalOffset(uint32_t derived) const;

  // Size of the derived text this map describes.
  uint32_t derived_size() const { return derived_size_; }

 private:
  friend class TextBuilder;
  struct Piece {
    uint32_t derived_begin;
    uint32_t derived_size;
    uint32_t original_begin;
    uint32_t original_size;
    bool copied;  // byte for byte
  };
  size_t PieceAt(uint32_t derived) const;

  std::vector<Piece> pieces_;
  uint32_t derived_size_ = 0;
};

// Builds a derived text and its OffsetMap together.
class TextBuilder {
 public:
  // Appends `bytes`, which stand at `original_offset` in the original.
  void Copy(std::string_view bytes, uint32_t original_offset);
  // Appends `replacement` for the `original_size` bytes at `original_offset`.
  // An empty replacement drops them.
  void Replace(std::string_view replacement, uint32_t original_offset,
               uint32_t original_size);

  // Room for `bytes` of text in `pieces` pieces (a hint, not a bound): a
  // caller that knows about how much it appends spares the regrowth.
  void Reserve(size_t bytes, size_t pieces);

  const std::string& text() const { return text_; }
  // Moves the text and the map out; the builder is empty afterwards.
  void Finish(std::string* text, OffsetMap* map);

 private:
  void Add(std::string_view bytes, uint32_t original_offset,
           uint32_t original_size, bool copied);
  std::string text_;
  OffsetMap map_;
};

// 1-based line and column of byte offsets in a text. Columns count Unicode
// code points, so a curly quote is one column.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  struct Position {
    int line = 1;
    int column = 1;
  };
  // Logarithmic in the number of lines plus at most kStride bytes decoded,
  // however long the line.
  Position At(uint32_t offset) const;

 private:
  static constexpr uint32_t kStride = 256;
  struct Checkpoint {
    uint32_t offset;  // a character boundary inside a line
    int column;
  };
  std::string_view text_;
  std::vector<uint32_t> line_starts_;
  // Every kStride bytes or so of each long line, in offset order.
  std::vector<Checkpoint> checkpoints_;
};

// UTF-8 helpers. Decoding never fails: an invalid byte decodes as U+FFFD with
// length 1.
struct DecodedChar {
  char32_t code_point;
  int length;
};
DecodedChar DecodeUtf8(std::string_view s, size_t pos);
bool IsValidUtf8(std::string_view s);
// The end of the run of ASCII bytes of `s` that starts at `i` (s.size()
// when it runs to the end): sixteen bytes at a time where SSE2 is at hand.
size_t AsciiRunEnd(std::string_view s, size_t i);
void AppendUtf8(char32_t cp, std::string* out);
// Whether `cp` is an upper-case or title-case letter (Unicode categories Lu
// and Lt): "Ł", "Š", "Ö", "Δ" as well as "A".
bool IsUpperLetter(char32_t cp);
// Whether `cp` is a letter of any case or script (Unicode categories L*).
bool IsLetter(char32_t cp);
// The lower-case form of `cp` (Unicode simple case mapping); `cp` itself when
// it has none.
char32_t ToLowerLetter(char32_t cp);

// ASCII-only helpers: concord folds case for matching without the locale.
inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
inline bool IsAsciiAlpha(char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
std::string AsciiLowerCopy(std::string_view s);

// `word` in ASCII lower case, on the stack unless it is long: for lookups
// asked of most words of a text, which should not allocate.
class AsciiLowerWord {
 public:
  explicit AsciiLowerWord(std::string_view word) {
    char* out = small_;
    if (word.size() > sizeof(small_)) {
      big_.resize(word.size());
      out = big_.data();
    }
    for (size_t i = 0; i < word.size(); ++i) out[i] = AsciiLower(word[i]);
    view_ = std::string_view(out, word.size());
  }
  AsciiLowerWord(const AsciiLowerWord&) = delete;
  AsciiLowerWord& operator=(const AsciiLowerWord&) = delete;
  std::string_view view() const { return view_; }

 private:
  char small_[32];
  std::string big_;
  std::string_view view_;
};

// Collapses runs of white space to one space and trims both ends.
std::string CollapseSpaces(std::string_view s);

}  // namespace concord

#endif  // CONCORD_BASE_TEXT_H_
