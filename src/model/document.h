// An article as concord reads it: where it came from, when it was published,
// its original bytes and the normalised text the extractors read.
#ifndef CONCORD_MODEL_DOCUMENT_H_
#define CONCORD_MODEL_DOCUMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "base/text.h"
#include "date/date.h"

namespace concord {

// Where a document's publication date came from.
enum class DateSource {
  kNone,         // unknown: relative dates stay unresolved
  kFrontMatter,  // TOML front matter `published`
  kDateLine,     // a first line `date YYYY-MM-DD`
  kDateline,     // a date line near the top ("Oct 31, 2025")
  kHtmlMeta,     // <meta property="article:published_time"> or <time>
  kJsonl,        // the JSONL record's `published`
  kFlag,         // --published on the command line
};
const char* DateSourceName(DateSource s);

struct Document {
  // The file name without extension, or the JSONL record's `id`.
  std::string id;
  // The path as given on the command line (relative paths stay relative).
  std::string path;
  // For a JSONL record: its 1-based line in `path`; 0 otherwise. Offsets,
  // lines and columns of a record's mentions are within its text field.
  int record_line = 0;
  std::string source;  // the outlet, when known
  std::string title;
  std::string url;
  std::optional<date::sys_days> published;
  DateSource published_from = DateSource::kNone;

  // The article's bytes as read: the file, or the JSONL record's text/html.
  std::string original;
  // What the extractors read: tags stripped, entities decoded, Unicode
  // spaces, hyphens, dashes and quotes folded to ASCII; boilerplate lines and
  // metadata (front matter, a `date YYYY-MM-DD` header, a dateline line) are
  // left out. Line breaks separate paragraphs and lines.
  std::string text;
  // Maps `text` back to `original`.
  OffsetMap map;

  // Notes for the report ("no publication date: relative dates unresolved").
  std::vector<std::string> notes;

  // Kinds of finding ("title", "date", ...) the article asks not to be
  // reported in, from `<!-- concord-ignore title,date -->` comments (a bare
  // `concord-ignore` names every kind). Sorted, unique.
  std::vector<std::string> ignore_kinds;
};

// An input that was not read, with why.
struct Skipped {
  std::string path;
  std::string reason;
};

}  // namespace concord

#endif  // CONCORD_MODEL_DOCUMENT_H_
