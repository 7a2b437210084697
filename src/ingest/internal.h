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
#include <memory>
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

// Whether `s` has `lower` (ASCII, lower case) at `pos`, in any case.
inline bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view lower) {
  if (pos > s.size() || lower.size() > s.size() - pos) return false;
  for (size_t k = 0; k < lower.size(); ++k) {
    if (AsciiLower(s[pos + k]) != lower[k]) return false;
  }
  return true;
}

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
  // Room for a text made from `original_size` more original bytes (a
  // derived text is never longer than its original).
  void Reserve(size_t original_size);

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
// ("10:30 AM IST") and a wire's credit in brackets ("(Reuters)"), and
// preceded by a one-word label ("Published:") or a label of the lexicon's
// date_labels ("Published 8 April 2026").
std::optional<date::sys_days> ParseStandaloneDate(
    std::string_view s, const rules::Lexicon& lexicon);

// The same date after a byline's credit and a separator: up to four
// capitalised words ("BBC News, 4 March 2026", "OSLO, Feb 12, 2026"), or
// up to eight after "By" ("By J. Ruiz | Reuters | March 3, 2026"). Weaker
// than ParseStandaloneDate: a headline may have this shape.
std::optional<date::sys_days> ParseBylineDate(
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
  std::optional<date::sys_days> byline_date;  // used when there is no dateline
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

// The boilerplate rules as a whole, for matching many lines: exact (a line
// is matched by the first rule that fully matches it) and much cheaper than
// one automaton over the whole patterns on lines that are kept.
class BoilerplateMatcher {
 public:
  // Null when the patterns cannot be compiled within the memory budget.
  // The rules' compiled patterns must outlive the matcher, which uses them.
  static std::unique_ptr<BoilerplateMatcher> Build(const std::vector<BoilerplateRule>& rules);

  // The index of the first rule that fully matches `line`, or -1.
  int FirstMatch(std::string_view line) const;

  // How many alternatives are screened by literals (for tests).
  size_t screened() const { return screened_.size(); }
  // How many alternatives are left to one automaton (for tests).
  size_t in_set() const { return set_rule_.size(); }

 private:
  BoilerplateMatcher() = default;

  // A lowercase string every match holds, and the positions of its rarest
  // byte, which is searched for first, and of the next rarest.
  struct Literal {
    explicit Literal(std::string s);
    std::string text;
    size_t anchor = 0;
    size_t second = 0;
  };
  // Whether `text` (folded) holds `literal`.
  static bool Contains(std::string_view text, const Literal& literal);

  // An alternative that may start with any byte: its rule is tried only on
  // lines that hold the alternative's literals.
  struct Screened {
    int rule = 0;
    std::vector<Literal> literals;
    const RE2* pattern = nullptr;  // the rule's
  };
  // An alternative whose matches all start with `text` (among others): its
  // rule is tried only on lines that start so.
  struct Start {
    std::string text;  // lowercase
    uint64_t head = 0;  // its first 8 bytes (fewer: zeros)
    uint64_t mask = 0;  // 0xFF for each of them
    int rule = 0;
    const RE2* pattern = nullptr;  // the rule's
  };
  std::vector<Start> short_starts_[256];  // one byte long, by that byte
  // The longer ones, by their first two bytes: those of key k (first byte
  // * 256 + second) are starts_[start_offsets_[k], start_offsets_[k + 1]).
  std::vector<Start> starts_;
  std::vector<uint32_t> start_offsets_;

  // The other alternatives, anchored at both ends, and their rules.
  std::unique_ptr<RE2::Set> set_;
  std::vector<int> set_rule_;
  bool may_start_[256] = {};  // first bytes a match in set_ can have
  std::vector<Screened> screened_;
};

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

// Reads one JSON Lines record (valid UTF-8) into `doc`'s id, source,
// title, url and original, `*format` and the raw `*published`; false with
// a reason when it is not an article. `fast` reads the usual record (an
// object of strings and nulls) without the full JSON parser, with the same
// result.
bool ParseJsonlRecord(std::string_view line, bool fast, Document* doc, Format* format,
                      std::string* published, std::string* reason);

// Reads a JSON Lines stream: one article per line. When reading `file`
// fails, `read_error()` says why (strerror's text, or what a decoder found
// wrong with compressed data).
void ReadJsonl(std::FILE* file, const std::string& path, const IngestRules& rules,
               const rules::Lexicon& lexicon, const Options& options,
               const std::function<void(Document)>& sink,
               const std::function<std::string()>& read_error,
               std::vector<Skipped>* skipped);

// "5 MB", "64 KB" or "1000 bytes".
std::string FormatSize(uint64_t bytes);

}  // namespace concord::ingest::internal

#endif  // CONCORD_INGEST_INTERNAL_H_
