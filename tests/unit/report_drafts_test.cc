// concord check's reports (Report::drafts): which mention heads a finding,
// how findings are ordered, and that every format heads a finding with the
// draft's mention, also after a round trip through the JSON report.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "report/report.h"

namespace concord {
namespace {

using Json = nlohmann::ordered_json;

// A mention of document `doc` in file `path` at `line`:`column`; the
// offset grows with the line and column, as in a real file.
Evidence Ev(const std::string& doc, const std::string& path, int line, int column) {
  Evidence e;
  e.doc = doc;
  e.path = path;
  e.line = line;
  e.column = column;
  e.offset = static_cast<uint32_t>(line * 1000 + column);
  e.length = 4;
  e.text = "text";
  e.sentence = "a sentence with text in it";
  return e;
}

struct Side {
  std::string normalized;
  std::vector<Evidence> mentions;
};

Finding MakeFinding(const std::vector<Side>& sides, const std::string& subject = "subject") {
  Finding f;
  f.id = "f-" + subject;
  f.kind = MentionKind::kFigure;
  f.severity = Severity::kError;
  f.subject = subject;
  f.attribute = "value";
  f.rule_id = "figure-conflict";
  f.message = "the figure of \"" + subject + "\" differs";
  for (const Side& s : sides) {
    FindingValue v;
    v.value = s.normalized;
    v.normalized = s.normalized;
    v.mentions = s.mentions;
    f.values.push_back(std::move(v));
  }
  return f;
}

std::string Where(const Evidence* e) {
  return e == nullptr ? "(none)" : absl::StrCat(e->path, ":", e->line, ":", e->column);
}

TEST_CASE("PrimaryEvidence: a check report is headed by the draft") {
  struct Case {
    const char* name;
    std::vector<Side> sides;
    std::vector<std::string> drafts;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"no drafts: the odd one out",
       {{"8", {Ev("d", "d.html", 17, 64), Ev("w", "w.txt", 7, 2)}},
        {"6", {Ev("f", "f.jsonl", 2, 39)}}},
       {},
       "f.jsonl:2:39"},
      {"the draft states the majority's value",
       {{"8", {Ev("d", "d.html", 17, 64), Ev("w", "w.txt", 7, 2)}},
        {"6", {Ev("f", "f.jsonl", 2, 39)}}},
       {"d"},
       "d.html:17:64"},
      {"the draft states the odd value",
       {{"8", {Ev("w", "w.txt", 7, 2), Ev("x", "x.txt", 1, 1)}}, {"6", {Ev("d", "d.md", 3, 9)}}},
       {"d"},
       "d.md:3:9"},
      {"the draft's first mention, by line",
       {{"8", {Ev("d", "d.html", 17, 64), Ev("d", "d.html", 14, 30), Ev("w", "w.txt", 1, 1)}},
        {"6", {Ev("f", "f.txt", 2, 39)}}},
       {"d"},
       "d.html:14:30"},
      {"the draft's first mention, by column on one line",
       {{"8", {Ev("d", "d.html", 5, 40), Ev("d", "d.html", 5, 7)}},
        {"6", {Ev("f", "f.txt", 2, 39)}}},
       {"d"},
       "d.html:5:7"},
      {"a draft that contradicts itself: its odd value",
       {{"8", {Ev("d", "d.md", 3, 1), Ev("w", "w.txt", 1, 1), Ev("x", "x.txt", 1, 1)}},
        {"6", {Ev("d", "d.md", 9, 1)}}},
       {"d"},
       "d.md:9:1"},
      {"two drafts on one side: the first by path",
       {{"8", {Ev("b", "b.md", 1, 1), Ev("a", "a.md", 4, 4), Ev("w", "w.txt", 1, 1)}},
        {"6", {Ev("f", "f.txt", 2, 39)}}},
       {"a", "b"},
       "a.md:4:4"},
      {"two drafts apart: the one stating the odd value",
       {{"8", {Ev("a", "a.md", 1, 1), Ev("w", "w.txt", 1, 1)}}, {"6", {Ev("b", "b.md", 9, 9)}}},
       {"a", "b"},
       "b.md:9:9"},
      {"records of one JSON Lines draft: by line",
       {{"8", {Ev("r2", "d.jsonl", 2, 3), Ev("r1", "d.jsonl", 1, 50)}},
        {"6", {Ev("f", "f.txt", 2, 39)}}},
       {"r1", "r2"},
       "d.jsonl:1:50"},
      {"no draft takes part: the odd one out",
       {{"8", {Ev("w", "w.txt", 7, 2), Ev("x", "x.txt", 1, 1)}}, {"6", {Ev("f", "f.txt", 2, 39)}}},
       {"d"},
       "f.txt:2:39"},
      {"no mention at all", {{"8", {}}, {"6", {}}}, {"d"}, "(none)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Finding f = MakeFinding(c.sides);
    CHECK(Where(PrimaryEvidence(f, c.drafts)) == c.want);
    // The report writers' name for it is the same function.
    CHECK(report::PrimaryEvidence(f, c.drafts) == PrimaryEvidence(f, c.drafts));
  }
}

TEST_CASE("Canonicalize orders a check report by the drafts' mentions") {
  // Two findings alike up to their evidence: audit orders them by their
  // first evidence (a wire), check by where they stand in the draft.
  auto order = [](bool drafts) {
    Report r;
    r.findings.push_back(MakeFinding(
        {{"1", {Ev("a", "a-wire.txt", 1, 1)}}, {"2", {Ev("d", "draft.md", 9, 1)}}}, "same"));
    r.findings.back().id = "late-in-draft";
    r.findings.push_back(MakeFinding(
        {{"3", {Ev("b", "b-wire.txt", 1, 1)}}, {"4", {Ev("d", "draft.md", 2, 1)}}}, "same"));
    r.findings.back().id = "early-in-draft";
    if (drafts) r.drafts = {"d"};
    Canonicalize(&r);
    std::vector<std::string> ids;
    for (const Finding& f : r.findings) ids.push_back(f.id);
    return ids;
  };
  CHECK(order(false) == std::vector<std::string>{"late-in-draft", "early-in-draft"});
  CHECK(order(true) == std::vector<std::string>{"early-in-draft", "late-in-draft"});
}

// One finding the draft states with a wire, against another wire: the odd
// one out is the other wire.
Report CheckReport(bool drafts) {
  Report r;
  DocInfo d;
  for (const char* id : {"draft", "wire1", "wire2"}) {
    d.id = id;
    d.path = std::string(id) + (d.id == "draft" ? ".md" : ".txt");
    r.documents.push_back(d);
  }
  r.stories.push_back({"s1", "a story", {"draft", "wire1", "wire2"}});
  r.findings.push_back(MakeFinding(
      {{"8", {Ev("draft", "draft.md", 3, 5), Ev("wire1", "wire1.txt", 1, 1)}},
       {"6", {Ev("wire2", "wire2.txt", 2, 2)}}},
      "tunnel"));
  if (drafts) r.drafts = {"draft"};
  return r;
}

// Each format's headline location of the first finding.
std::map<std::string, std::string> Headlines(const Report& r) {
  std::map<std::string, std::string> out;
  const std::map<std::string, std::string> checks = {{"figure-conflict", "figures differ"}};
  const std::string text = report::RenderText(r, {});
  out["text"] = text.substr(0, text.find(": error:"));
  const Json json = Json::parse(report::RenderJson(r));
  const Json& f = json["findings"][0];
  out["json"] = f.contains("location")
                    ? absl::StrCat(f["location"]["path"].get<std::string>(), ":",
                                   f["location"]["line"].get<int>(), ":",
                                   f["location"]["column"].get<int>())
                    : "(none)";
  // Markdown: "`path:line:col`: message" under the finding's heading.
  const std::string md = report::RenderMarkdown(r);
  const size_t end = md.find("`: " + r.findings[0].message);
  const size_t begin = end == std::string::npos ? end : md.rfind("\n`", end);
  out["markdown"] = begin == std::string::npos ? "(none)" : md.substr(begin + 2, end - begin - 2);
  const std::string html = report::RenderHtml(r, checks);
  const std::string anchor = "<a class=\"loc head\" href=\"";
  const size_t a = html.find(anchor);
  if (a == std::string::npos) {
    out["html"] = "(none)";
  } else {
    const size_t b = html.find("\">", a) + 2;
    out["html"] = html.substr(b, html.find("</a>", b) - b);
  }
  const Json sarif = Json::parse(report::RenderSarif(r, checks, "test"));
  const Json& loc = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  out["sarif"] = absl::StrCat(loc["artifactLocation"]["uri"].get<std::string>(), ":",
                              loc["region"]["startLine"].get<int>(), ":",
                              loc["region"]["startColumn"].get<int>());
  return out;
}

TEST_CASE("Every format heads a check report's finding with the draft's mention") {
  const std::map<std::string, std::string> check = Headlines(CheckReport(true));
  for (const char* format : {"text", "json", "markdown", "html", "sarif"}) {
    CAPTURE(format);
    CHECK(check.at(format) == "draft.md:3:5");
  }
  // Without drafts (audit), as before: the odd one out in text and SARIF,
  // no headline location in the other formats.
  const std::map<std::string, std::string> audit = Headlines(CheckReport(false));
  CHECK(audit.at("text") == "wire2.txt:2:2");
  CHECK(audit.at("sarif") == "wire2.txt:2:2");
  CHECK(audit.at("json") == "(none)");
  CHECK(audit.at("markdown") == "(none)");
  CHECK(audit.at("html") == "(none)");
  const std::string json = report::RenderJson(CheckReport(false));
  CHECK(json.find("\"drafts\"") == std::string::npos);
  CHECK(json.find("\"location\"") == std::string::npos);
}

TEST_CASE("A check report's drafts survive the JSON round trip") {
  for (const bool drafts : {false, true}) {
    CAPTURE(drafts);
    const Report r = CheckReport(drafts);
    const std::string json = report::RenderJson(r);
    absl::StatusOr<Report> back = report::ParseJson(json);
    REQUIRE(back.ok());
    CHECK(back->drafts == r.drafts);
    CHECK(report::RenderJson(*back) == json);
    CHECK(Headlines(*back) == Headlines(r));
  }
  // A saved report's drafts are taken as written: only strings.
  absl::StatusOr<Report> odd = report::ParseJson(
      R"({"schema": "concord.report/1", "drafts": ["b", 3, null, "a"]})");
  REQUIRE(odd.ok());
  CHECK(odd->drafts == std::vector<std::string>{"b", "a"});
  absl::StatusOr<Report> not_list =
      report::ParseJson(R"({"schema": "concord.report/1", "drafts": "a"})");
  REQUIRE(not_list.ok());
  CHECK(not_list->drafts.empty());
}

}  // namespace
}  // namespace concord
