// JSON reading and writing (the only place that includes nlohmann/json for
// reports).
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "base/dates.h"
#include "base/strings.h"
#include "report/report.h"

namespace concord::report {
namespace {

using Json = nlohmann::ordered_json;

std::string DateString(const std::optional<date::sys_days>& d) {
  return d ? FormatIsoDate(*d) : std::string();
}

Json EvidenceJson(const Evidence& e) {
  Json j;
  j["doc"] = e.doc;
  j["path"] = e.path;
  j["offset"] = e.offset;
  j["length"] = e.length;
  j["line"] = e.line;
  j["column"] = e.column;
  j["text"] = e.text;
  j["sentence"] = e.sentence;
  return j;
}

}  // namespace

namespace {

Json DocumentJson(const DocInfo& d) {
  Json j;
  j["id"] = d.id;
  j["path"] = d.path;
  j["source"] = d.source;
  j["published"] = d.published ? Json(DateString(d.published)) : Json(nullptr);
  j["title"] = d.title;
  if (!d.notes.empty()) j["notes"] = d.notes;
  return j;
}

Json StoryJson(const Story& s) {
  Json j;
  j["id"] = s.id;
  j["title"] = s.title;
  j["documents"] = s.documents;
  return j;
}

Json FindingJson(const Finding& f) {
  Json j;
  j["id"] = f.id;
  j["kind"] = MentionKindName(f.kind);
  j["class"] = FindingClassName(f.finding_class);
  j["severity"] = SeverityName(f.severity);
  j["rule"] = f.rule_id;
  j["subject"] = f.subject;
  j["attribute"] = f.attribute;
  j["message"] = f.message;
  j["explanation"] = f.explanation;
  Json values = Json::array();
  for (const FindingValue& v : f.values) {
    Json jv;
    jv["value"] = v.value;
    jv["normalized"] = v.normalized;
    Json mentions = Json::array();
    for (const Evidence& e : v.mentions) mentions.push_back(EvidenceJson(e));
    jv["mentions"] = std::move(mentions);
    values.push_back(std::move(jv));
  }
  j["values"] = std::move(values);
  if (!f.first_seen.empty()) {
    j["first_seen"] = f.first_seen;
    j["last_seen"] = f.last_seen;
    if (f.is_new) j["new"] = true;
  }
  return j;
}

Json SkippedJson(const Skipped& s) {
  Json j;
  j["path"] = s.path;
  j["reason"] = s.reason;
  return j;
}

// Appends `value` as nlohmann's dump with an indent of 2 would print it
// `depth` levels deep. Invalid UTF-8 from a broken article must not abort
// the report: it is replaced.
void AppendValue(const Json& value, int depth, std::string* out) {
  const std::string dumped = value.dump(2, ' ', false, Json::error_handler_t::replace);
  const std::string pad(2 * depth, ' ');
  // Line by line: strings hold no raw line breaks.
  size_t from = 0;
  for (size_t nl = dumped.find('\n'); nl != std::string::npos; nl = dumped.find('\n', from)) {
    out->append(dumped, from, nl + 1 - from);
    out->append(pad);
    from = nl + 1;
  }
  out->append(dumped, from, std::string::npos);
}

// Appends `"key": [items]` at depth 1, one item's DOM at a time, so that a
// corpus-sized report is never one tree in memory.
template <typename T, typename F>
void AppendArray(std::string_view key, const std::vector<T>& items, F to_json,
                 std::string* out) {
  absl::StrAppend(out, "  \"", AsAbsl(key), "\": ");
  if (items.empty()) {
    out->append("[]");
    return;
  }
  out->append("[\n");
  for (size_t i = 0; i < items.size(); ++i) {
    out->append("    ");
    AppendValue(to_json(items[i]), 2, out);
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
  AppendArray("documents", report.documents, DocumentJson, &out);
  out.append(",\n");
  AppendArray("stories", report.stories, StoryJson, &out);
  out.append(",\n");
  AppendArray("findings", report.findings, FindingJson, &out);
  out.append(",\n");
  if (report.suppressed) absl::StrAppend(&out, "  \"suppressed\": ", *report.suppressed, ",\n");
  AppendArray("skipped", report.skipped, SkippedJson, &out);
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
