// Internal parts of the ingest stage, shared by its translation units and
// its tests. Not a stable interface.
//
// An article is read in two passes:
//  1. ScanMarkup walks the original bytes once and writes a PieceText:
//     tags stripped (block tags become line breaks), entities decoded,
//     Unicode spaces, dashes and quotes folded, metadata ranges left out.
//  2. AssembleLines walks the lines of that text: it takes a `date
//     YYYY-MM-DD` first line or a dateline near the top as metadata, drops
//     boilerplate lines, trims and collapses spaces and blank lines, and
//     writes the final text with a TextBuilder whose map points at the
//     original bytes.
#ifndef CONCORD_INGEST_INTERNAL_H_
#define CONCORD_INGEST_INTERNAL_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "base/text.h"
#include "date/date.h"
#include "ingest/ingest.h"
#include "rules/lexicon.h"

namespace concord::ingest::internal {

// A derived text made of pieces, like TextBuilder, but whose pieces can be
// read back so that a later pass can copy parts of it onward.
class PieceText {
 public:
  struct Piece {
    uint32_t begin;           // in text()
    uint32_t size;            // in text()
    uint32_t original_begin;
    uint32_t original_size;
    bool copied;
  };

  void Copy(std::string_view bytes, uint32_t original_offset);
  void Replace(std::string_view replacement, uint32_t original_offset,
               uint32_t original_size);

  const std::string& text() const { return text_; }
  const std::vector<Piece>& pieces() const { return pieces_; }

 private:
  std::string text_;
  std::vector<Piece> pieces_;
};

// Copies the part [begin, end) of `from` into `to`, keeping the map to the
// original bytes. Calls must come in increasing order of `begin`; `cursor`
// (start at 0) remembers where the last one stopped.
void CopyPieces(const PieceText& from, uint32_t begin, uint32_t end,
                size_t* cursor, TextBuilder* to);

// --- Characters -----------------------------------------------------------

// What a code point becomes in the text: nullopt when it is kept as is,
// otherwise its replacement ("" drops it).
std::optional<std::string_view> FoldCodePoint(char32_t cp);

// Decodes the character reference at `s[pos]` (which is '&'): `&name;`,
// `&#NNN;` or `&#xHH;`. Returns the code point and sets `*length`, or
// returns nullopt when there is none.
std::optional<char32_t> DecodeEntity(std::string_view s, size_t pos,
                                     size_t* length);

// The offset of the first byte that is not valid UTF-8, or npos.
size_t FindInvalidUtf8(std::string_view s);

// --- Markup ----------------------------------------------------------------

// What the head of an HTML page says about the article.
struct HtmlMeta {
  std::string title;         // <title>
  std::string og_title;      // og:title or twitter:title
  std::string site_name;     // og:site_name or application-name
  std::string url;           // og:url or <link rel="canonical">
  // Publication dates found, best first once sorted by rank.
  struct DateCandidate {
    int rank;  // lower is better
    std::string value;
  };
  std::vector<DateCandidate> dates;
  // The text of every HTML comment (`<!--` ... `-->`), for directives.
  std::vector<std::string> comments;
};

enum class MarkupMode {
  kHtml,  // a web page: every tag, HTML white space rules
  kText,  // plain text: only known HTML tags, line breaks kept
};

// Pass 1. Scans `original[begin, end)`. Fills `meta` from meta tags (dates
// sorted best first) and appends notes about malformed markup that cost
// text.
void ScanMarkup(std::string_view original, uint32_t begin, uint32_t end,
                MarkupMode mode, PieceText* out, HtmlMeta* meta,
                std::vector<std::string>* notes);

// The kinds named by `concord-ignore` directives among `comments` (every
// kind for a bare directive), sorted and unique; unknown kinds are noted.
std::vector<std::string> IgnoreDirectives(const std::vector<std::string>& comments,
                                          std::vector<std::string>* notes);

// --- Dates -------------------------------------------------------------------

// Parses a date at the start of `s`: `YYYY-MM-DD` (also with '/' or '.'),
// `[Weekday,] Month D[,] YYYY` or `[Weekday,] D Month[,] YYYY`, with month and
// weekday names from the lexicon. Sets `*consumed` to the bytes used.
std::optional<date::sys_days> ParseDatePrefix(std::string_view s,
                                              const rules::Lexicon& lexicon,
                                              size_t* consumed);

// A date that fills `s` (after trimming), optionally followed by a time
// ("10:30 AM IST") and preceded by a one-word label ("Published:").
std::optional<date::sys_days> ParseStandaloneDate(
    std::string_view s, const rules::Lexicon& lexicon);

// A metadata date value: ISO 8601 date or date-time (the date as written,
// before any time zone), or a written date.
std::optional<date::sys_days> ParseMetaDate(std::string_view s,
                                            const rules::Lexicon& lexicon);

// --- Front matter --------------------------------------------------------------

struct FrontMatter {
  bool present = false;
  bool closed = false;
  uint32_t end = 0;        // first byte after the closing `+++` line
  std::string published;   // raw value
  std::string source;
  std::string title;
  std::string url;
  std::vector<std::string> notes;
};

// Reads the metadata that opens a plain text file at `begin`: TOML front
// matter (`+++` lines), YAML front matter (`---` lines; only `key: value`
// lines are read) or a block of mail-style headers (`Title: ...`, `Date:
// ...`, up to a blank line). `present` is false when there is none.
FrontMatter ReadFrontMatter(std::string_view original, uint32_t begin,
                            const rules::Lexicon& lexicon);

// --- Lines ----------------------------------------------------------------------

struct AssembleOptions {
  bool find_date_line = true;   // a first line `date YYYY-MM-DD`
  bool find_dateline = true;    // a date alone near the top
  bool markdown = false;        // drop `#` heading marks
};

struct AssembleResult {
  std::optional<date::sys_days> date_line;
  std::optional<date::sys_days> dateline;
  std::string first_line;  // the first line of the text, for a title
  int content_lines = 0;
};

// Pass 2 (see the file comment).
void AssembleLines(const PieceText& in, const IngestRules& rules,
                   const rules::Lexicon& lexicon,
                   const AssembleOptions& options, TextBuilder* out,
                   AssembleResult* result);

// Trims and collapses spaces the way AssembleLines does before it matches
// boilerplate rules; `line` is raw (it is scanned as text first).
std::string NormalizeLine(std::string_view line);

// The rule that drops a line already normalised by NormalizeLine, or
// nullptr.
const BoilerplateRule* MatchNormalizedLine(const IngestRules& rules,
                                           std::string_view line);

// Whether a line of normalised text looks like a headline.
bool LooksLikeHeadline(std::string_view line);

// Lines longer than this are never boilerplate.
inline constexpr size_t kMaxBoilerplateLine = 600;

// --- Articles ---------------------------------------------------------------------

// Fills `doc` from doc->original, which holds the article's bytes
// (`format` is kText or kHtml). What the caller already knows (a JSONL
// record's date, title, source, url) is kept. `what` names the input in
// reasons ("file", "text"). Fails with the reason to list it as skipped.
absl::Status ParseBody(Format format, bool markdown, std::string_view what,
                       const IngestRules& rules, const rules::Lexicon& lexicon,
                       const Options& options, Document* doc);

// Reads a JSON Lines stream: one article per line.
void ReadJsonl(std::FILE* file, const std::string& path, const IngestRules& rules,
               const rules::Lexicon& lexicon, const Options& options,
               const std::function<void(Document)>& sink,
               std::vector<Skipped>* skipped);

// "5 MB", "64 KB" or "1000 bytes".
std::string FormatSize(uint64_t bytes);

}  // namespace concord::ingest::internal

#endif  // CONCORD_INGEST_INTERNAL_H_
