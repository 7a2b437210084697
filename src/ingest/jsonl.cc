// JSON Lines input: one article per line. The only translation unit that
// includes nlohmann/json.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>

#include "absl/strings/str_cat.h"
#include "base/json_reader.h"
#include "base/strings.h"
#include "ingest/compressed.h"
#include "ingest/internal.h"
#include "nlohmann/json.hpp"

namespace concord::ingest::internal {
namespace {

using Json = nlohmann::json;

// Reads lines of at most `limit` bytes without holding a longer one in
// memory: a longer line is reported by its size and skipped.
class LineReader {
 public:
  LineReader(std::FILE* file, uint64_t limit) : file_(file), limit_(limit) {}

  // The next line (without its '\n' or "\r\n"). `*too_long` is set, and
  // `line` left empty, for a line over the limit; `*size` is its length.
  bool Next(std::string* line, bool* too_long, uint64_t* size, uint64_t* offset) {
    line->clear();
    *too_long = false;
    *size = 0;
    *offset = consumed_;
    bool any = false;
    while (true) {
      if (pos_ == len_) {
        len_ = std::fread(buffer_, 1, sizeof(buffer_), file_);
        pos_ = 0;
        if (len_ == 0) break;
      }
      any = true;
      const void* nl = memchr(buffer_ + pos_, '\n', len_ - pos_);
      const size_t end = nl == nullptr
                             ? len_
                             : static_cast<size_t>(static_cast<const char*>(nl) - buffer_);
      const size_t n = end - pos_;
      *size += n;
      if (!*too_long) {
        if (*size > limit_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(buffer_ + pos_, n);
        }
      }
      consumed_ += n;
      pos_ = end;
      if (nl != nullptr) {
        ++pos_;
        ++consumed_;
        break;
      }
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return any;
  }

  bool error() const { return std::ferror(file_) != 0; }

 private:
  std::FILE* file_;
  uint64_t limit_;
  char buffer_[1 << 16];
  size_t pos_ = 0;
  size_t len_ = 0;
  uint64_t consumed_ = 0;
};

// Records the position of the first syntax error, nothing else.
struct ErrorOnly : nlohmann::json_sax<Json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    error_position = position;
    return false;
  }
  size_t error_position = 0;
};

// An optional string field: absent and null are fine.
bool OptionalString(const Json& record, const char* key, std::string* out,
                    std::string* reason) {
  auto it = record.find(key);
  if (it == record.end() || it->is_null()) return true;
  if (!it->is_string()) {
    *reason = absl::StrCat("'", key, "' is ", it->type_name(), ", expected a string");
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

// Checks a record and fills the document's fields; a reason on failure.
bool ReadRecord(const Json& record, Document* doc, Format* format,
                std::string* published, std::string* reason) {
  if (!record.is_object()) {
    *reason = absl::StrCat("not a JSON object (a ", record.type_name(), ")");
    return false;
  }
  if (auto it = record.find("id"); it != record.end() && !it->is_null()) {
    if (it->is_string()) {
      doc->id = it->get<std::string>();
    } else if (it->is_number_integer()) {
      doc->id = it->dump();
    } else {
      *reason = absl::StrCat("'id' is ", it->type_name(), ", expected a string");
      return false;
    }
  }
  if (!OptionalString(record, "source", &doc->source, reason) ||
      !OptionalString(record, "title", &doc->title, reason) ||
      !OptionalString(record, "url", &doc->url, reason) ||
      !OptionalString(record, "published", published, reason)) {
    return false;
  }
  std::string text, html;
  if (!OptionalString(record, "text", &text, reason) ||
      !OptionalString(record, "html", &html, reason)) {
    return false;
  }
  const bool has_text = record.contains("text") && !record["text"].is_null();
  const bool has_html = record.contains("html") && !record["html"].is_null();
  if (!has_text && !has_html) {
    *reason = "no 'text' or 'html' field";
    return false;
  }
  if (has_text) {
    doc->original = std::move(text);
    *format = Format::kText;
  } else {
    doc->original = std::move(html);
    *format = Format::kHtml;
  }
  return true;
}

// The fields of a record that the reader uses, each a string or nullopt
// (absent or null: the reader treats both alike).
struct FlatRecord {
  std::optional<std::string> id, source, title, url, published, text, html;
};

// The usual record read through the flat JSON reader (JsonTape, which
// accepts exactly what the full parser accepts): one object whose values
// are all strings or null. False, and the caller uses the full parser, for
// anything else, including a repeated key (the full parser keeps the last)
// and a byte-order mark (which the full parser skips).
bool ReadFlat(std::string_view line, FlatRecord* out) {
  if (line.substr(0, 3) == "\xEF\xBB\xBF") return false;
  JsonTape tape;
  if (!tape.Parse(line) || !tape.root().is_object()) return false;
  std::vector<std::string> keys;
  for (JsonRef value = tape.root().first(); value.valid(); value = value.next()) {
    if (!value.is_string() && !value.is_null()) return false;
    std::string key = value.key().string_value();
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
    std::optional<std::string>* field = nullptr;
    if (key == "id") field = &out->id;
    else if (key == "source") field = &out->source;
    else if (key == "title") field = &out->title;
    else if (key == "url") field = &out->url;
    else if (key == "published") field = &out->published;
    else if (key == "text") field = &out->text;
    else if (key == "html") field = &out->html;
    keys.push_back(std::move(key));
    if (field == nullptr) continue;
    if (value.is_null()) {
      field->reset();
    } else {
      *field = value.string_value();
    }
  }
  return true;
}

// ReadRecord for a record the fast reader took (every value a string).
bool ReadFlatRecord(FlatRecord&& record, Document* doc, Format* format,
                    std::string* published) {
  if (record.id) doc->id = std::move(*record.id);
  if (record.source) doc->source = std::move(*record.source);
  if (record.title) doc->title = std::move(*record.title);
  if (record.url) doc->url = std::move(*record.url);
  if (record.published) *published = std::move(*record.published);
  if (record.text) {
    doc->original = std::move(*record.text);
    *format = Format::kText;
  } else if (record.html) {
    doc->original = std::move(*record.html);
    *format = Format::kHtml;
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool ParseJsonlRecord(std::string_view line, bool fast, Document* doc, Format* format,
                      std::string* published, std::string* reason) {
  if (FlatRecord flat; fast && ReadFlat(line, &flat)) {
    if (!ReadFlatRecord(std::move(flat), doc, format, published)) {
      *reason = "no 'text' or 'html' field";
      return false;
    }
    return true;
  }
  Json record = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded()) {
    ErrorOnly sax;
    Json::sax_parse(line, &sax);
    *reason = absl::StrCat("not valid JSON (error at column ", sax.error_position, ")");
    return false;
  }
  return ReadRecord(record, doc, format, published, reason);
}

void ReadJsonl(std::FILE* file, const std::string& path, const IngestRules& rules,
               const rules::Lexicon& lexicon, const Options& options,
               const std::function<void(Document)>& sink,
               const std::function<std::string()>& read_error,
               std::vector<Skipped>* skipped) {
  const std::string stem =
      path == "-" ? "stdin"
                  : std::filesystem::path(WithoutCompression(path)).stem().string();
  // A record holds one article plus its JSON quoting; allow for escapes.
  const uint64_t line_limit = options.max_bytes * 2 + 4096;
  LineReader reader(file, line_limit);
  std::string line;
  bool too_long = false;
  uint64_t size = 0, offset = 0;
  int line_number = 0;
  int records = 0;
  uint64_t total = 0;
  while (reader.Next(&line, &too_long, &size, &offset)) {
    ++line_number;
    total += size;
    const std::string where = absl::StrCat(path, ":", line_number);
    if (too_long) {
      skipped->push_back({where, absl::StrCat("larger than the ", FormatSize(options.max_bytes),
                                              " limit (", size, " bytes)")});
      continue;
    }
    // Blank lines (nothing CollapseSpaces would keep) separate nothing.
    if (std::all_of(line.begin(), line.end(), [](char c) {
          return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        })) {
      continue;
    }
    ++records;
    if (const size_t bad = FindInvalidUtf8(line); bad != std::string::npos) {
      skipped->push_back({where, absl::StrCat("not valid UTF-8 at byte ", offset + bad)});
      continue;
    }
    Document doc;
    doc.path = path;
    doc.record_line = line_number;
    Format format = Format::kText;
    std::string published, reason;
    if (!ParseJsonlRecord(line, /*fast=*/true, &doc, &format, &published, &reason)) {
      skipped->push_back({where, reason});
      continue;
    }
    if (doc.id.empty()) doc.id = absl::StrCat(stem, "-", line_number);
    if (!published.empty()) {
      if (auto d = ParseMetaDate(published, lexicon)) {
        doc.published = d;
        doc.published_from = DateSource::kJsonl;
      } else {
        doc.notes.push_back(
            absl::StrCat("'published' \"", published, "\" is not a date: ignored"));
      }
    }
    const absl::Status status =
        ParseBody(format, /*markdown=*/false, format == Format::kHtml ? "html" : "text", rules,
                  lexicon, options, &doc);
    if (!status.ok()) {
      skipped->push_back({where, std::string(status.message())});
      continue;
    }
    sink(std::move(doc));
  }
  if (reader.error()) {
    skipped->push_back(
        {path, absl::StrCat("read error after line ", line_number, ": ", read_error())});
  } else if (total == 0 && line_number <= 1) {
    skipped->push_back({path, "empty file"});
  } else if (records == 0) {
    skipped->push_back({path, "no records (only blank lines)"});
  }
}

}  // namespace concord::ingest::internal
