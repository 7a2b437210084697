// JSON reading and writing (the only place that includes nlohmann/json for
// reports).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "base/dates.h"
#include "base/strings.h"
#include "base/text.h"
#include "report/report.h"

namespace concord::report {
namespace {

using Json = nlohmann::ordered_json;

// The report is written directly, byte for byte as nlohmann's dump with an
// indent of 2 would write its DOM, without building one.

// Appends `s` as a JSON string: valid UTF-8 as it is, but for the escapes.
// Invalid UTF-8 from a broken article goes through nlohmann, which replaces
// it.
void AppendString(std::string_view s, std::string* out) {
  const bool ascii = std::all_of(s.begin(), s.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii && !IsValidUtf8(s)) {
    out->append(Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace));
    return;
  }
  out->push_back('"');
  size_t from = 0;  // s[from, i) is copied as it is
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c > 0x1F && c != '"' && c != '\\') continue;  // (bytes of UTF-8 are >= 0x80)
    out->append(s.data() + from, i - from);
    from = i + 1;
    switch (c) {
      case '\b': out->append("\\b"); break;
      case '\t': out->append("\\t"); break;
      case '\n': out->append("\\n"); break;
      case '\f': out->append("\\f"); break;
      case '\r': out->append("\\r"); break;
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
        out->append(buf);
      }
    }
  }
  out->append(s.data() + from, s.size() - from);
  out->push_back('"');
}

// Writes the members of an object `depth` levels deep: call a Put or Key
// per member in order, then End.
class ObjectWriter {
 public:
  ObjectWriter(int depth, std::string* out) : depth_(depth), out_(out) {}

  // Starts member `key`; its value is to be appended next.
  std::string* Key(std::string_view key) {
    out_->append(first_ ? "{\n" : ",\n");
    first_ = false;
    out_->append(2 * static_cast<size_t>(depth_ + 1), ' ');
    AppendString(key, out_);
    out_->append(": ");
    return out_;
  }
  void Put(std::string_view key, std::string_view value) { AppendString(value, Key(key)); }
  void PutNumber(std::string_view key, int64_t value) {
    absl::StrAppend(Key(key), value);
  }
  void PutStrings(std::string_view key, const std::vector<std::string>& values) {
    std::string* out = Key(key);
    if (values.empty()) {
      out->append("[]");
      return;
    }
    out->append("[\n");
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out->append(",\n");
      out->append(2 * static_cast<size_t>(depth_ + 2), ' ');
      AppendString(values[i], out);
    }
    out->push_back('\n');
    out->append(2 * static_cast<size_t>(depth_ + 1), ' ');
    out->push_back(']');
  }
  // Writes an array of objects, each written by `write(item, depth)`.
  template <typename T, typename F>
  void PutObjects(std::string_view key, const std::vector<T>& items, F write) {
    std::string* out = Key(key);
    if (items.empty()) {
      out->append("[]");
      return;
    }
    out->append("[\n");
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out->append(",\n");
      out->append(2 * static_cast<size_t>(depth_ + 2), ' ');
      write(items[i], depth_ + 2, out);
    }
    out->push_back('\n');
    out->append(2 * static_cast<size_t>(depth_ + 1), ' ');
    out->push_back(']');
  }
  void End() {
    if (first_) {
      out_->append("{}");
      return;
    }
    out_->push_back('\n');
    out_->append(2 * static_cast<size_t>(depth_), ' ');
    out_->push_back('}');
  }

 private:
  int depth_;
  std::string* out_;
  bool first_ = true;
};

void WriteEvidence(const Evidence& e, int depth, std::string* out) {
  ObjectWriter w(depth, out);
  w.Put("doc", e.doc);
  w.Put("path", e.path);
  w.PutNumber("offset", e.offset);
  w.PutNumber("length", e.length);
  w.PutNumber("line", e.line);
  w.PutNumber("column", e.column);
  w.Put("text", e.text);
  w.Put("sentence", e.sentence);
  w.End();
}

}  // namespace

namespace {

void WriteDocument(const DocInfo& d, int depth, std::string* out) {
  ObjectWriter w(depth, out);
  w.Put("id", d.id);
  w.Put("path", d.path);
  w.Put("source", d.source);
  if (d.published) {
    w.Put("published", FormatIsoDate(*d.published));
  } else {
    w.Key("published")->append("null");
  }
  w.Put("title", d.title);
  if (!d.notes.empty()) w.PutStrings("notes", d.notes);
  w.End();
}

void WriteStory(const Story& s, int depth, std::string* out) {
  ObjectWriter w(depth, out);
  w.Put("id", s.id);
  w.Put("title", s.title);
  w.PutStrings("documents", s.documents);
  w.End();
}

void WriteValue(const FindingValue& v, int depth, std::string* out) {
  ObjectWriter w(depth, out);
  w.Put("value", v.value);
  w.Put("normalized", v.normalized);
  w.PutObjects("mentions", v.mentions, WriteEvidence);
  w.End();
}

void WriteFinding(const Finding& f, int depth, std::string* out) {
  ObjectWriter w(depth, out);
  w.Put("id", f.id);
  w.Put("kind", MentionKindName(f.kind));
  w.Put("class", FindingClassName(f.finding_class));
  w.Put("severity", SeverityName(f.severity));
  w.Put("rule", f.rule_id);
  w.Put("subject", f.subject);
  w.Put("attribute", f.attribute);
  w.Put("message", f.message);
  w.Put("explanation", f.explanation);
  w.PutObjects("values", f.values, WriteValue);
  if (!f.first_seen.empty()) {
    w.Put("first_seen", f.first_seen);
    w.Put("last_seen", f.last_seen);
    if (f.is_new) w.Key("new")->append("true");
  }
  w.End();
}

void WriteSkipped(const Skipped& s, int depth, std::string* out) {
  ObjectWriter w(depth, out);
  w.Put("path", s.path);
  w.Put("reason", s.reason);
  w.End();
}

// Appends `"key": [items]` at depth 1.
template <typename T, typename F>
void AppendArray(std::string_view key, const std::vector<T>& items, F write,
                 std::string* out) {
  absl::StrAppend(out, "  \"", AsAbsl(key), "\": ");
  if (items.empty()) {
    out->append("[]");
    return;
  }
  out->append("[\n");
  for (size_t i = 0; i < items.size(); ++i) {
    out->append("    ");
    write(items[i], 2, out);
    out->append(i + 1 < items.size() ? ",\n" : "\n");
  }
  out->append("  ]");
}

}  // namespace

std::string RenderJson(const Report& report) {
  // Reserve about what the report will take, so that a corpus-sized report
  // is not copied at each doubling of its buffer.
  size_t estimate = 256 + 200 * report.documents.size() + 100 * report.stories.size();
  for (const Finding& f : report.findings) {
    estimate += 600 + f.message.size() + f.explanation.size();
    for (const FindingValue& v : f.values) {
      for (const Evidence& e : v.mentions) {
        estimate += 250 + e.doc.size() + e.path.size() + e.text.size() + e.sentence.size();
      }
    }
  }
  std::string out;
  out.reserve(estimate);
  out = "{\n  \"schema\": \"concord.report/1\",\n";
  AppendArray("documents", report.documents, WriteDocument, &out);
  out.append(",\n");
  AppendArray("stories", report.stories, WriteStory, &out);
  out.append(",\n");
  AppendArray("findings", report.findings, WriteFinding, &out);
  out.append(",\n");
  if (report.suppressed) absl::StrAppend(&out, "  \"suppressed\": ", *report.suppressed, ",\n");
  AppendArray("skipped", report.skipped, WriteSkipped, &out);
  out.append("\n}\n");
  return out;
}

absl::StatusOr<Report> ParseJson(std::string_view text) {
  Json root = Json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return absl::InvalidArgumentError("not a JSON object");
  }
  if (root.value("schema", "") != "concord.report/1") {
    return absl::InvalidArgumentError(
        "not a concord report (expected \"schema\": \"concord.report/1\")");
  }
  Report report;
  auto str = [](const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto num = [](const Json& j, const char* key) -> int64_t {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
  };
  try {
    for (const Json& d : root.value("documents", Json::array())) {
      DocInfo info;
      info.id = str(d, "id");
      info.path = str(d, "path");
      info.source = str(d, "source");
      info.title = str(d, "title");
      const std::string published = str(d, "published");
      if (!published.empty()) info.published = ParseIsoDate(published);
      if (d.contains("notes") && d["notes"].is_array()) {
        for (const Json& n : d["notes"]) {
          if (n.is_string()) info.notes.push_back(n.get<std::string>());
        }
      }
      report.documents.push_back(std::move(info));
    }
    for (const Json& s : root.value("stories", Json::array())) {
      Story story;
      story.id = str(s, "id");
      story.title = str(s, "title");
      for (const Json& d : s.value("documents", Json::array())) {
        if (d.is_string()) story.documents.push_back(d.get<std::string>());
      }
      report.stories.push_back(std::move(story));
    }
    for (const Json& fj : root.value("findings", Json::array())) {
      Finding f;
      f.id = str(fj, "id");
      const auto kind = ParseMentionKind(str(fj, "kind"));
      const auto cls = ParseFindingClass(str(fj, "class"));
      const auto sev = ParseSeverity(str(fj, "severity"));
      if (!kind || !cls || !sev) {
        return absl::InvalidArgumentError(
            absl::StrCat("finding ", f.id, ": bad kind, class or severity"));
      }
      f.kind = *kind;
      f.finding_class = *cls;
      f.severity = *sev;
      f.rule_id = str(fj, "rule");
      f.subject = str(fj, "subject");
      f.attribute = str(fj, "attribute");
      f.message = str(fj, "message");
      f.explanation = str(fj, "explanation");
      for (const Json& vj : fj.value("values", Json::array())) {
        FindingValue v;
        v.value = str(vj, "value");
        v.normalized = str(vj, "normalized");
        for (const Json& ej : vj.value("mentions", Json::array())) {
          Evidence e;
          e.doc = str(ej, "doc");
          e.path = str(ej, "path");
          e.offset = static_cast<uint32_t>(num(ej, "offset"));
          e.length = static_cast<uint32_t>(num(ej, "length"));
          e.line = static_cast<int>(num(ej, "line"));
          e.column = static_cast<int>(num(ej, "column"));
          e.text = str(ej, "text");
          e.sentence = str(ej, "sentence");
          v.mentions.push_back(std::move(e));
        }
        f.values.push_back(std::move(v));
      }
      f.first_seen = str(fj, "first_seen");
      f.last_seen = str(fj, "last_seen");
      f.is_new = fj.value("new", false);
      report.findings.push_back(std::move(f));
    }
    if (auto it = root.find("suppressed"); it != root.end() && it->is_number_integer()) {
      report.suppressed = it->get<int>();
    }
    for (const Json& s : root.value("skipped", Json::array())) {
      report.skipped.push_back({str(s, "path"), str(s, "reason")});
    }
  } catch (const Json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("malformed report: ", e.what()));
  }
  return report;
}

}  // namespace concord::report
