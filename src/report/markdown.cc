#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "report/report.h"

namespace concord::report {
namespace {

// Escapes Markdown's inline syntax so article text renders as written.
std::string Md(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c == '\n' ? ' ' : c);
  }
  return out;
}

// `s` as a code span: fenced by one more backtick than its longest run of
// them, with a space inside the fence when it starts or ends with one, so
// that a path holding backticks stays one span.
std::string Code(std::string_view s) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !s.empty() && (s.front() == '`' || s.back() == '`');
  std::string body(s);
  std::replace(body.begin(), body.end(), '\n', ' ');
  return absl::StrCat(fence, pad ? " " : "", body, pad ? " " : "", fence);
}

// The sentence with the mention in bold.
std::string Marked(const Evidence& e) {
  const size_t at = e.text.empty() ? std::string::npos : e.sentence.find(e.text);
  if (at == std::string::npos) return Md(e.sentence);
  return absl::StrCat(Md(e.sentence.substr(0, at)), "**", Md(e.text), "**",
                      Md(e.sentence.substr(at + e.text.size())));
}

}  // namespace

std::string RenderMarkdown(const Report& report) {
  std::string out = "# concord report\n\n";
  std::map<std::pair<std::string, std::string>, int> table;
  std::map<std::string, int> by_severity;
  for (const Finding& f : report.findings) {
    table[{MentionKindName(f.kind), FindingClassName(f.finding_class)}] += 1;
    by_severity[SeverityName(f.severity)] += 1;
  }
  absl::StrAppend(&out, report.documents.size(),
                  report.documents.size() == 1 ? " document in " : " documents in ",
                  report.stories.size(), report.stories.size() == 1 ? " story; " : " stories; ",
                  report.findings.size(), " findings (",
                  by_severity["error"], " errors, ", by_severity["warning"], " warnings, ",
                  by_severity["info"], " info); ", report.skipped.size(), " skipped.\n\n");
  if (!table.empty()) {
    out += "| kind | class | findings |\n|---|---|---|\n";
    for (const auto& [key, n] : table) {
      absl::StrAppend(&out, "| ", key.first, " | ", key.second, " | ", n, " |\n");
    }
    out += "\n";
  }
  int n = 0;
  for (const Finding& f : report.findings) {
    absl::StrAppend(&out, "## ", ++n, ". ", SeverityName(f.severity), ": ", Md(f.subject.empty() ? f.attribute : f.subject),
                    " (", MentionKindName(f.kind), " ", FindingClassName(f.finding_class),
                    ", `", f.rule_id, "`)\n\n");
    // A check report says where in the draft, as the text report does.
    const Evidence* head = report.drafts.empty() ? nullptr : PrimaryEvidence(f, report.drafts);
    if (head != nullptr) {
      absl::StrAppend(&out, Code(absl::StrCat(head->path, ":", head->line, ":", head->column)),
                      ": ");
    }
    absl::StrAppend(&out, Md(f.message), "\n\n");
    for (const FindingValue& v : f.values) {
      absl::StrAppend(&out, "- **", Md(v.value), "**",
                      v.normalized.empty() || v.normalized == v.value
                          ? ""
                          : absl::StrCat(" (", Md(v.normalized), ")"),
                      "\n");
      for (const Evidence& e : v.mentions) {
        absl::StrAppend(&out, "  - ", Code(absl::StrCat(e.path, ":", e.line, ":", e.column)),
                        ": ", Marked(e), "\n");
      }
    }
    if (!f.explanation.empty()) absl::StrAppend(&out, "\n_Aligned: ", Md(f.explanation), "_\n");
    out += "\n";
  }
  if (!report.stories.empty()) {
    out += "## Stories\n\n";
    for (const Story& s : report.stories) {
      absl::StrAppend(&out, "- ", s.id, ": ", Md(s.title.empty() ? "(untitled)" : s.title), " (",
                      Md(absl::StrJoin(s.documents, ", ")), ")\n");
    }
    out += "\n";
  }
  if (!report.skipped.empty()) {
    out += "## Skipped\n\n";
    for (const Skipped& s : report.skipped) {
      absl::StrAppend(&out, "- ", Code(s.path), ": ", Md(s.reason), "\n");
    }
    out += "\n";
  }
  return out;
}

}  // namespace concord::report
