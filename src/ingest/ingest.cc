// Paths to inputs, inputs to articles, articles to Documents.
#include "ingest/ingest.h"

#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <set>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/compressed.h"
#include "ingest/internal.h"
#include "model/claim.h"

namespace concord::ingest {
namespace {

namespace fs = std::filesystem;
using internal::FormatSize;

std::string LowerExtension(std::string_view path) {
  return AsciiLowerCopy(internal::FileExtension(path));
}

bool IsReadableExtension(std::string_view ext) {
  return ext == "txt" || ext == "md" || ext == "html" || ext == "htm" || ext == "jsonl";
}

bool IsMarkdown(std::string_view path) {
  const std::string ext = LowerExtension(path);
  return ext == "md" || ext == "markdown";
}

std::string ErrorText(const std::error_code& ec) {
  // std::error_code::message() is strerror's text; keep it lowercase-first
  // like the rest of concord's reasons.
  std::string m = ec.message();
  if (!m.empty()) m[0] = AsciiLower(m[0]);
  return m;
}

struct DirKey {
  dev_t dev;
  ino_t ino;
  friend bool operator<(const DirKey& a, const DirKey& b) {
    return a.dev != b.dev ? a.dev < b.dev : a.ino < b.ino;
  }
};

// Walks one folder argument; files and skips are sorted by path afterwards.
class Walker {
 public:
  Walker(std::vector<Input>* inputs, std::vector<Skipped>* skipped)
      : inputs_(inputs), skipped_(skipped) {}

  void Walk(const fs::path& dir) {
    struct stat st;
    if (::stat(dir.c_str(), &st) != 0) return;
    ancestors_.insert({st.st_dev, st.st_ino});
    WalkDir(dir, 0);
  }

 private:
  void WalkDir(const fs::path& dir, int depth) {
    constexpr int kMaxDepth = 64;
    if (depth > kMaxDepth) {
      skipped_->push_back({dir.generic_string(), "folder nested too deeply"});
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      skipped_->push_back({dir.generic_string(),
                           absl::StrCat("cannot read folder: ", ErrorText(ec))});
      return;
    }
    std::vector<std::string> names;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) {
      skipped_->push_back({dir.generic_string(),
                           absl::StrCat("cannot read folder: ", ErrorText(ec))});
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const fs::path path = dir / name;
      const std::string shown = path.generic_string();
      struct stat lst;
      if (::lstat(path.c_str(), &lst) != 0) {
        skipped_->push_back({shown, absl::StrCat("cannot read: ", std::strerror(errno))});
        continue;
      }
      const bool is_link = S_ISLNK(lst.st_mode);
      struct stat st;
      if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ELOOP) {
          skipped_->push_back({shown, "symbolic link loop"});
        } else if (is_link && err == ENOENT) {
          skipped_->push_back({shown, "broken symbolic link"});
        } else {
          skipped_->push_back({shown, absl::StrCat("cannot read: ", std::strerror(err))});
        }
        continue;
      }
      const bool hidden = !name.empty() && name[0] == '.';
      if (S_ISDIR(st.st_mode)) {
        if (hidden) {
          skipped_->push_back({shown, "hidden folder: not searched"});
          continue;
        }
        const DirKey key{st.st_dev, st.st_ino};
        if (ancestors_.count(key) != 0) {
          skipped_->push_back({shown, "symbolic link loop: folder contains itself"});
          continue;
        }
        if (is_link && visited_.count(key) != 0) {
          skipped_->push_back({shown, "folder already read through another path"});
          continue;
        }
        visited_.insert(key);
        ancestors_.insert(key);
        WalkDir(path, depth + 1);
        ancestors_.erase(key);
        continue;
      }
      if (hidden) {
        skipped_->push_back({shown, "hidden file"});
        continue;
      }
      if (!S_ISREG(st.st_mode)) {
        skipped_->push_back({shown, "not a regular file"});
        continue;
      }
      if (!IsReadableExtension(LowerExtension(internal::WithoutCompression(name)))) {
        skipped_->push_back({shown, "unsupported file type"});
        continue;
      }
      inputs_->push_back({shown, FormatOfPath(name)});
    }
  }

  std::vector<Input>* inputs_;
  std::vector<Skipped>* skipped_;
  std::set<DirKey> ancestors_;
  std::set<DirKey> visited_;
};

// Reads at most `limit` + 1 bytes, so that an oversize input is detected
// without holding it.
absl::Status ReadAll(std::FILE* f, uint64_t limit,
                     const std::function<std::string()>& read_error, std::string* out) {
  char buffer[1 << 16];
  while (true) {
    const size_t n = std::fread(buffer, 1, sizeof(buffer), f);
    if (n > 0) out->append(buffer, n);
    if (out->size() > limit) break;
    if (n < sizeof(buffer)) {
      if (std::ferror(f)) {
        return absl::DataLossError(absl::StrCat("cannot read: ", read_error()));
      }
      break;
    }
  }
  return absl::OkStatus();
}

// Whether fs::path(path).lexically_normal() is `path` itself: no empty,
// "." or ".." component and no trailing '/' (true of most paths, and much
// cheaper to see than to normalise).
bool IsLexicallyNormal(std::string_view path) {
  if (path.empty() || path.back() == '/') return false;
  size_t begin = path.front() == '/' ? 1 : 0;
  while (true) {
    const size_t slash = path.find('/', begin);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    const std::string_view part = path.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    begin = slash + 1;
  }
}

std::string TooLarge(uint64_t max_bytes, uint64_t size, bool at_least) {
  return absl::StrCat("larger than the ", FormatSize(max_bytes), " limit (",
                      at_least ? "over " : "", size, " bytes)");
}

// The paths matching the shell pattern `pattern`, sorted; false when none
// does.
bool Glob(const std::string& pattern, std::vector<std::string>* matches) {
  glob_t g;
  const int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
  if (rc == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) matches->push_back(g.gl_pathv[i]);
  }
  globfree(&g);
  return rc == 0 && !matches->empty();
}

}  // namespace

Format FormatOfPath(std::string_view path) {
  const std::string ext = LowerExtension(internal::WithoutCompression(path));
  if (ext == "html" || ext == "htm") return Format::kHtml;
  if (ext == "jsonl") return Format::kJsonl;
  return Format::kText;
}

absl::StatusOr<std::vector<Input>> ExpandInputs(const std::vector<std::string>& paths,
                                                std::vector<Skipped>* skipped) {
  std::vector<Input> out;
  std::set<std::string> seen;
  auto add = [&](Input input) {
    const std::string key = input.path == "-" || IsLexicallyNormal(input.path)
                                ? input.path
                                : fs::path(input.path).lexically_normal().generic_string();
    if (!seen.insert(key).second) return;  // named twice: read once
    out.push_back(std::move(input));
  };
  // One command-line path; a pattern's matches come back here as paths,
  // never as patterns again (a match may itself hold '*').
  std::function<absl::Status(const std::string&, bool)> expand =
      [&](const std::string& path, bool may_be_pattern) -> absl::Status {
    if (path == "-" && may_be_pattern) {  // a file a pattern matched is a file
      add({"-", Format::kText});
      return absl::OkStatus();
    }
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      const int err = errno;
      if (err == ENOENT || err == ENOTDIR) {
        struct stat lst;
        if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
          skipped->push_back({path, "broken symbolic link"});
          return absl::OkStatus();
        }
        if (may_be_pattern && path.find_first_of("*?[") != std::string::npos) {
          // A quoted pattern, expanded here: a shell's own expansion of a
          // corpus of 100,000 files would exceed its argument limit.
          std::vector<std::string> matches;
          if (!Glob(path, &matches)) {
            return absl::NotFoundError(absl::StrCat(path, ": no file or folder matches"));
          }
          for (const std::string& m : matches) {
            if (absl::Status s = expand(m, false); !s.ok()) return s;
          }
          return absl::OkStatus();
        }
        return absl::NotFoundError(absl::StrCat(path, ": no such file or folder"));
      }
      if (err == ELOOP) {
        skipped->push_back({path, "symbolic link loop"});
      } else {
        skipped->push_back({path, absl::StrCat("cannot read: ", std::strerror(err))});
      }
      return absl::OkStatus();
    }
    if (S_ISDIR(st.st_mode)) {
      std::vector<Input> found;
      std::vector<Skipped> found_skipped;
      Walker walker(&found, &found_skipped);
      walker.Walk(path);
      std::sort(found.begin(), found.end(),
                [](const Input& a, const Input& b) { return a.path < b.path; });
      std::stable_sort(found_skipped.begin(), found_skipped.end(),
                       [](const Skipped& a, const Skipped& b) { return a.path < b.path; });
      for (Input& input : found) add(std::move(input));
      for (Skipped& s : found_skipped) skipped->push_back(std::move(s));
      return absl::OkStatus();
    }
    // A file named on the command line is read whatever its extension.
    add({path, FormatOfPath(path)});
    return absl::OkStatus();
  };
  for (const std::string& path : paths) {
    if (absl::Status s = expand(path, true); !s.ok()) return s;
  }
  return out;
}

void ReadInput(const Input& input, const IngestRules& rules,
               const rules::Lexicon& lexicon, const Options& options,
               const std::function<void(Document)>& sink,
               std::vector<Skipped>* skipped) {
  const bool is_stdin = input.path == "-";
  const internal::Compression compression =
      is_stdin ? internal::Compression::kNone : internal::CompressionOfPath(input.path);
  std::unique_ptr<internal::DecompressingFile> decompressing;
  std::FILE* f = nullptr;
  if (compression != internal::Compression::kNone) {
    std::string error;
    decompressing = internal::DecompressingFile::Open(input.path, compression, &error);
    if (decompressing == nullptr) {
      skipped->push_back({input.path, std::move(error)});
      return;
    }
    f = decompressing->file();
  } else {
    f = is_stdin ? stdin : std::fopen(input.path.c_str(), "rb");
    if (f == nullptr) {
      skipped->push_back({input.path, absl::StrCat("cannot read: ", std::strerror(errno))});
      return;
    }
  }
  struct FileCloser {
    std::FILE* f;
    bool close;
    ~FileCloser() {
      if (close) std::fclose(f);
    }
  } closer{f, !is_stdin && decompressing == nullptr};

  struct stat st;
  const int stat_rc = decompressing != nullptr ? ::stat(input.path.c_str(), &st)
                                               : (is_stdin ? -1 : ::fstat(fileno(f), &st));
  if (stat_rc == 0) {
    if (S_ISDIR(st.st_mode)) {
      skipped->push_back({input.path, "is a folder"});
      return;
    }
    // A compressed file's size says nothing of its text's: that is
    // checked as it is read.
    if (input.format != Format::kJsonl && decompressing == nullptr && S_ISREG(st.st_mode) &&
        static_cast<uint64_t>(st.st_size) > options.max_bytes) {
      skipped->push_back(
          {input.path, TooLarge(options.max_bytes, static_cast<uint64_t>(st.st_size), false)});
      return;
    }
  }
  // Why a read failed: what the decoder found wrong with compressed data,
  // else strerror's text.
  auto read_error = [&]() -> std::string {
    if (decompressing != nullptr && !decompressing->error().empty()) {
      return decompressing->error();
    }
    return std::strerror(errno);
  };
  bool jsonl = input.format == Format::kJsonl;
  if (is_stdin) {
    // Standard input that starts with '{' holds JSON Lines records (a
    // mapper's share of a corpus); an article never starts so.
    const int c = std::getc(f);
    if (c != EOF) std::ungetc(c, f);
    jsonl = c == '{';
  }
  if (jsonl) {
    internal::ReadJsonl(f, input.path, rules, lexicon, options, sink, read_error, skipped);
    return;
  }
  std::string bytes;
  if (absl::Status s = ReadAll(f, options.max_bytes, read_error, &bytes); !s.ok()) {
    skipped->push_back({input.path, std::string(s.message())});
    return;
  }
  if (bytes.size() > options.max_bytes) {
    skipped->push_back({input.path, TooLarge(options.max_bytes, options.max_bytes, true)});
    return;
  }
  Format format = input.format;
  if (is_stdin) {
    // Standard input has no name: a page that starts like one is HTML.
    std::string_view head(bytes);
    head = head.substr(0, 512);
    while (!head.empty() && (head.front() == ' ' || head.front() == '\n' ||
                             head.front() == '\r' || head.front() == '\t')) {
      head.remove_prefix(1);
    }
    const std::string lower = AsciiLowerCopy(head.substr(0, 14));
    if (lower.rfind("<!doctype html", 0) == 0 || lower.rfind("<html", 0) == 0) {
      format = Format::kHtml;
    }
  }
  auto doc = ParseArticle(std::move(bytes), format, input.path, rules, lexicon, options);
  if (!doc.ok()) {
    skipped->push_back({input.path, std::string(doc.status().message())});
    return;
  }
  sink(*std::move(doc));
}

absl::StatusOr<Document> ParseArticle(std::string bytes, Format format,
                                      const std::string& path, const IngestRules& rules,
                                      const rules::Lexicon& lexicon, const Options& options) {
  if (format == Format::kJsonl) {
    return absl::InvalidArgumentError("a JSON Lines file holds many articles: use ReadInput");
  }
  Document doc;
  doc.path = path;
  doc.id = path == "-" ? "stdin" : fs::path(internal::WithoutCompression(path)).stem().string();
  doc.original = std::move(bytes);
  absl::Status status =
      internal::ParseBody(format, IsMarkdown(path), "file", rules, lexicon, options, &doc);
  if (!status.ok()) return status;
  return doc;
}

namespace internal {

std::vector<std::string> IgnoreDirectives(const std::vector<std::string>& comments,
                                          std::vector<std::string>* notes) {
  constexpr std::string_view kDirective = "concord-ignore";
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::set<std::string> kinds;
  for (std::string_view c : comments) {
    while (!c.empty() && space(c.front())) c.remove_prefix(1);
    if (c.substr(0, kDirective.size()) != kDirective) continue;
    c.remove_prefix(kDirective.size());
    if (!c.empty() && !space(c.front())) continue;  // "concord-ignored"
    bool named = false;
    size_t i = 0;
    while (i < c.size()) {
      while (i < c.size() && (space(c[i]) || c[i] == ',')) ++i;
      size_t j = i;
      while (j < c.size() && !space(c[j]) && c[j] != ',') ++j;
      if (j == i) break;
      const std::string word = AsciiLowerCopy(c.substr(i, j - i));
      i = j;
      named = true;
      if (const std::optional<MentionKind> kind = ParseMentionKind(word)) {
        kinds.insert(MentionKindName(*kind));
      } else {
        notes->push_back(absl::StrCat("concord-ignore: unknown kind '", word, "': ignored"));
      }
    }
    if (!named) {
      for (MentionKind k : {MentionKind::kDate, MentionKind::kTime, MentionKind::kDuration,
                            MentionKind::kSet, MentionKind::kFigure, MentionKind::kTitle,
                            MentionKind::kName, MentionKind::kQuote}) {
        kinds.insert(MentionKindName(k));
      }
    }
  }
  return std::vector<std::string>(kinds.begin(), kinds.end());
}

absl::Status ParseBody(Format format, bool markdown, std::string_view what,
                       const IngestRules& rules, const rules::Lexicon& lexicon,
                       const Options& options, Document* doc) {
  const std::string& original = doc->original;
  const uint64_t limit =
      std::min<uint64_t>(options.max_bytes, std::numeric_limits<uint32_t>::max() - 1);
  if (original.size() > limit) {
    return absl::OutOfRangeError(TooLarge(options.max_bytes, original.size(), false));
  }
  if (original.empty()) return absl::InvalidArgumentError(absl::StrCat("empty ", AsAbsl(what)));
  if (const void* nul = memchr(original.data(), '\0', original.size())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "binary ", AsAbsl(what), ": NUL byte at byte ",
        static_cast<const char*>(nul) - original.data()));
  }
  if (const size_t bad = FindInvalidUtf8(original); bad != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("not valid UTF-8 at byte ", bad));
  }
  const auto size = static_cast<uint32_t>(original.size());

  // Front matter (plain text only), after an optional byte order mark.
  uint32_t begin = 0;
  if (original.compare(0, 3, "\xEF\xBB\xBF") == 0) begin = 3;
  FrontMatter fm;
  if (format == Format::kText) {
    fm = ReadFrontMatter(original, begin, lexicon);
    if (fm.present && !fm.closed) {
      return absl::InvalidArgumentError(
          "front matter opened with +++ on line 1 is never closed by a +++ line");
    }
    if (fm.present) begin = fm.end;
    for (std::string& note : fm.notes) doc->notes.push_back(std::move(note));
  }

  PieceText pieces;
  HtmlMeta meta;
  ScanMarkup(original, begin, size,
             format == Format::kHtml ? MarkupMode::kHtml : MarkupMode::kText, &pieces, &meta,
             &doc->notes);
  AssembleOptions assemble;
  assemble.markdown = markdown;
  AssembleResult lines;
  TextBuilder builder;
  // Assembling drops bytes and seldom splits a piece: the scanned text's
  // sizes are about enough.
  builder.Reserve(pieces.text().size(), pieces.pieces().size());
  AssembleLines(pieces, rules, lexicon, assemble, &builder, &lines);
  builder.Finish(&doc->text, &doc->map);

  const bool has_text = std::any_of(doc->text.begin(), doc->text.end(), [](char c) {
    return IsAsciiAlpha(c) || IsAsciiDigit(c) || static_cast<unsigned char>(c) >= 0x80;
  });
  if (!has_text) {
    return absl::InvalidArgumentError(
        "no text left after removing markup, metadata and boilerplate");
  }

  // Publication date, most explicit first.
  if (!doc->published && !fm.published.empty()) {
    if (auto d = ParseMetaDate(fm.published, lexicon)) {
      doc->published = d;
      doc->published_from = DateSource::kFrontMatter;
    } else {
      doc->notes.push_back(absl::StrCat("front matter 'published' \"", fm.published,
                                        "\" is not a date: ignored"));
    }
  }
  if (!doc->published) {
    for (const HtmlMeta::DateCandidate& c : meta.dates) {
      if (auto d = ParseMetaDate(c.value, lexicon)) {
        doc->published = d;
        doc->published_from = DateSource::kHtmlMeta;
        break;
      }
    }
  }
  if (!doc->published && lines.date_line) {
    doc->published = lines.date_line;
    doc->published_from = DateSource::kDateLine;
  }
  if (!doc->published && (lines.dateline || lines.byline_date)) {
    doc->published = lines.dateline ? lines.dateline : lines.byline_date;
    doc->published_from = DateSource::kDateline;
  }
  if (!doc->published && options.published) {
    doc->published = options.published;
    doc->published_from = DateSource::kFlag;
  }
  if (!doc->published) {
    doc->published_from = DateSource::kNone;
    doc->notes.push_back("no publication date: relative dates left unresolved");
  }

  doc->ignore_kinds = IgnoreDirectives(meta.comments, &doc->notes);

  if (doc->title.empty()) doc->title = fm.title;
  if (doc->title.empty()) doc->title = meta.og_title;
  if (doc->title.empty()) doc->title = meta.title;
  if (doc->title.empty() && format == Format::kText && lines.content_lines > 1 &&
      LooksLikeHeadline(lines.first_line)) {
    doc->title = lines.first_line;
  }
  if (doc->source.empty()) doc->source = fm.source;
  if (doc->source.empty()) doc->source = meta.site_name;
  if (doc->url.empty()) doc->url = fm.url;
  if (doc->url.empty()) doc->url = meta.url;
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace concord::ingest
