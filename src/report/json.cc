// JSON reading (nlohmann/json: saved reports come from outside) and writing
// (JsonWriter, as nlohmann's dump(2) would write it).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/dates.h"
#include "base/json_writer.h"
#include "base/strings.h"
#include "base/text.h"
#include "model/claims_json.h"
#include "report/report.h"

namespace concord::report {
namespace {

using Json = nlohmann::ordered_json;

// The report is written directly, byte for byte as nlohmann's dump with an
// indent of 2 would write its DOM, without building one.

template <typename T, typename F>
void PutObjects(JsonWriter& w, const char* key, const std::vector<T>& items, F write) {
  w.Key(key);
  w.BeginArray();
  for (const T& item : items) write(w, item);
  w.EndArray();
}

// FormatIsoDate(day) as a JSON string, without snprintf for the years of
// four digits (a report has one date per document).
void WriteIsoDate(JsonWriter& w, date::sys_days day) {
  const date::year_month_day ymd{day};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) {
    w.String(FormatIsoDate(day));
    return;
  }
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  const char text[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                         static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10),
                         '-', static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10),
                         '-', static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
  w.String(std::string_view(text, sizeof text));
}

void WriteDocument(JsonWriter& w, const DocInfo& d) {
  w.BeginObject();
  w.StringMember("id", d.id);
  w.StringMember("path", d.path);
  w.StringMember("source", d.source);
  w.Key("published");
  if (d.published) {
    WriteIsoDate(w, *d.published);
  } else {
    w.Null();
  }
  w.StringMember("title", d.title);
  if (!d.notes.empty()) w.StringsMember("notes", d.notes);
  w.EndObject();
}

void WriteStory(JsonWriter& w, const Story& s) {
  w.BeginObject();
  w.StringMember("id", s.id);
  w.StringMember("title", s.title);
  w.StringsMember("documents", s.documents);
  w.EndObject();
}

void WriteValue(JsonWriter& w, const FindingValue& v) {
  w.BeginObject();
  w.StringMember("value", v.value);
  w.StringMember("normalized", v.normalized);
  PutObjects(w, "mentions", v.mentions, WriteEvidenceJson);
  w.EndObject();
}

// `drafts`: those of a check report, whose findings also name the mention
// that heads them ("location", a copy of one of the values' mentions).
void WriteFinding(JsonWriter& w, const Finding& f, const std::vector<std::string>& drafts) {
  w.BeginObject();
  w.StringMember("id", f.id);
  w.StringMember("kind", MentionKindName(f.kind));
  w.StringMember("class", FindingClassName(f.finding_class));
  w.StringMember("severity", SeverityName(f.severity));
  w.StringMember("rule", f.rule_id);
  w.StringMember("subject", f.subject);
  w.StringMember("attribute", f.attribute);
  w.StringMember("message", f.message);
  w.StringMember("explanation", f.explanation);
  if (!drafts.empty()) {
    if (const Evidence* head = PrimaryEvidence(f, drafts)) {
      w.Key("location");
      WriteEvidenceJson(w, *head);
    }
  }
  PutObjects(w, "values", f.values, WriteValue);
  if (!f.first_seen.empty()) {
    w.StringMember("first_seen", f.first_seen);
    w.StringMember("last_seen", f.last_seen);
    if (f.is_new) {
      w.Key("new");
      w.Bool(true);
    }
  }
  w.EndObject();
}

void WriteSkipped(JsonWriter& w, const Skipped& s) {
  w.BeginObject();
  w.StringMember("path", s.path);
  w.StringMember("reason", s.reason);
  w.EndObject();
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
  JsonWriter w(&out, /*indent=*/2);
  w.BeginObject();
  w.StringMember("schema", "concord.report/1");
  PutObjects(w, "documents", report.documents, WriteDocument);
  if (!report.drafts.empty()) w.StringsMember("drafts", report.drafts);
  PutObjects(w, "stories", report.stories, WriteStory);
  PutObjects(w, "findings", report.findings, [&](JsonWriter& out, const Finding& f) {
    WriteFinding(out, f, report.drafts);
  });
  if (report.suppressed) {
    w.Key("suppressed");
    w.Int(*report.suppressed);
  }
  PutObjects(w, "skipped", report.skipped, WriteSkipped);
  w.EndObject();
  out.push_back('\n');
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
    if (auto it = root.find("drafts"); it != root.end() && it->is_array()) {
      for (const Json& d : *it) {
        if (d.is_string()) report.drafts.push_back(d.get<std::string>());
      }
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
