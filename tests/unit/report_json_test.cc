// RenderJson writes the report without a JSON DOM; these tests hold it to
// what nlohmann's dump (indent 2, invalid UTF-8 replaced) writes for the same
// report built as a DOM, and to ParseJson reading it back.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "base/dates.h"
#include "report/report.h"

namespace concord {
namespace {

using Json = nlohmann::ordered_json;

Json EvidenceDom(const Evidence& e) {
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

// The report as one DOM, the way the writer's output was first defined.
Json ReportDom(const Report& r) {
  Json root;
  root["schema"] = "concord.report/1";
  Json docs = Json::array();
  for (const DocInfo& d : r.documents) {
    Json j;
    j["id"] = d.id;
    j["path"] = d.path;
    j["source"] = d.source;
    j["published"] = d.published ? Json(FormatIsoDate(*d.published)) : Json(nullptr);
    j["title"] = d.title;
    if (!d.notes.empty()) j["notes"] = d.notes;
    docs.push_back(std::move(j));
  }
  root["documents"] = std::move(docs);
  if (!r.drafts.empty()) root["drafts"] = r.drafts;
  Json stories = Json::array();
  for (const Story& s : r.stories) {
    Json j;
    j["id"] = s.id;
    j["title"] = s.title;
    j["documents"] = s.documents;
    stories.push_back(std::move(j));
  }
  root["stories"] = std::move(stories);
  Json findings = Json::array();
  for (const Finding& f : r.findings) {
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
    if (!r.drafts.empty()) {
      if (const Evidence* head = PrimaryEvidence(f, r.drafts)) j["location"] = EvidenceDom(*head);
    }
    Json values = Json::array();
    for (const FindingValue& v : f.values) {
      Json jv;
      jv["value"] = v.value;
      jv["normalized"] = v.normalized;
      Json mentions = Json::array();
      for (const Evidence& e : v.mentions) mentions.push_back(EvidenceDom(e));
      jv["mentions"] = std::move(mentions);
      values.push_back(std::move(jv));
    }
    j["values"] = std::move(values);
    if (!f.first_seen.empty()) {
      j["first_seen"] = f.first_seen;
      j["last_seen"] = f.last_seen;
      if (f.is_new) j["new"] = true;
    }
    findings.push_back(std::move(j));
  }
  root["findings"] = std::move(findings);
  if (r.suppressed) root["suppressed"] = *r.suppressed;
  Json skipped = Json::array();
  for (const Skipped& s : r.skipped) {
    Json j;
    j["path"] = s.path;
    j["reason"] = s.reason;
    skipped.push_back(std::move(j));
  }
  root["skipped"] = std::move(skipped);
  return root;
}

std::string Dump(const Report& r) {
  return ReportDom(r).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

constexpr char kControls[] = "nul \0 and \x01 \x1f \x7f";

// Strings that need escapes, non-ASCII text and broken UTF-8.
const std::vector<std::string> kStrings = {
    "",
    "plain",
    "quote \" and backslash \\ and slash /",
    "tab\there, line\nbreak, return\r, feed\f, back\b",
    std::string(kControls, sizeof(kControls) - 1),  // with its NUL byte
    "curly \xE2\x80\x9C quotes \xE2\x80\x9D, caf\xC3\xA9, \xF0\x9F\x98\x80",
    "broken \xC3 byte",
    "lone \x80 continuation",
    "overlong \xC0\xAF slash",
    "surrogate \xED\xA0\x80 half",
    "truncated at the end \xE2\x80",
};

Report TrickyReport(bool with_extras) {
  Report r;
  for (size_t i = 0; i < kStrings.size(); ++i) {
    DocInfo d;
    d.id = "d" + std::to_string(i);
    d.path = kStrings[i];
    d.source = kStrings[(i + 1) % kStrings.size()];
    d.title = kStrings[(i + 2) % kStrings.size()];
    if (i % 2 == 0) d.published = date::sys_days(date::year(2025) / 3 / 4);
    if (i % 3 == 0) d.notes = {kStrings[i], "a note"};
    r.documents.push_back(std::move(d));
  }
  Story s;
  s.id = "s1";
  s.title = kStrings[5];
  s.documents = {"d0", "d1"};
  r.stories.push_back(s);
  s.id = "s2";
  s.documents.clear();
  r.stories.push_back(s);
  for (size_t i = 0; i < kStrings.size(); ++i) {
    Finding f;
    f.id = "f" + std::to_string(i);
    f.kind = i % 2 ? MentionKind::kFigure : MentionKind::kDate;
    f.subject = kStrings[i];
    f.attribute = "date";
    f.message = kStrings[(i + 3) % kStrings.size()];
    f.rule_id = "rule";
    f.explanation = kStrings[(i + 4) % kStrings.size()];
    if (i % 4 != 3) {
      FindingValue v;
      v.value = kStrings[i];
      v.normalized = "2025-03-04";
      if (i % 5 != 4) {
        Evidence e;
        e.doc = "d1";
        e.path = kStrings[(i + 5) % kStrings.size()];
        e.offset = 4000000000u;
        e.length = static_cast<uint32_t>(i);
        e.line = -1;
        e.column = 12;
        e.text = kStrings[i];
        e.sentence = kStrings[(i + 6) % kStrings.size()];
        v.mentions.push_back(e);
        v.mentions.push_back(e);
      }
      f.values.push_back(v);
    }
    if (with_extras && i % 2 == 0) {
      f.first_seen = "2025-01-01";
      f.last_seen = kStrings[i];
      f.is_new = i % 4 == 0;
    }
    r.findings.push_back(std::move(f));
  }
  if (with_extras) {
    // As in a check report: findings name the mention that heads them.
    r.drafts = {"d1", kStrings[4]};
    r.suppressed = 3;
    r.skipped.push_back({kStrings[6], kStrings[3]});
    r.skipped.push_back({"b.txt", "empty"});
  }
  return r;
}

TEST_CASE("RenderJson writes what a DOM dump writes") {
  for (const bool extras : {false, true}) {
    CAPTURE(extras);
    const Report r = TrickyReport(extras);
    CHECK(report::RenderJson(r) == Dump(r));
  }
  const Report empty;
  CHECK(report::RenderJson(empty) == Dump(empty));
}

TEST_CASE("RenderJson output reads back") {
  const Report r = TrickyReport(true);
  const std::string json = report::RenderJson(r);
  absl::StatusOr<Report> back = report::ParseJson(json);
  REQUIRE(back.ok());
  CHECK(report::RenderJson(*back) == json);
}

}  // namespace
}  // namespace concord
