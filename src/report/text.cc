#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "report/report.h"

namespace concord::report {
namespace {

const char* Color(Severity s) {
  switch (s) {
    case Severity::kError: return "\033[1;31m";
    case Severity::kWarning: return "\033[1;33m";
    case Severity::kInfo: return "\033[1;36m";
  }
  return "";
}

// The sentence with the mention marked: "... [Defence Secretary] Pete ...",
// cut to a readable width around the mention.
std::string Excerpt(const Evidence& e, bool color) {
  std::string text = e.sentence;
  const std::string needle = e.text;
  size_t at = needle.empty() ? std::string::npos : text.find(needle);
  std::string open = color ? "\033[1m" : "[";
  std::string close = color ? "\033[0m" : "]";
  if (at == std::string::npos) return text.size() > 160 ? text.substr(0, 157) + "..." : text;
  const size_t kWidth = 70;
  size_t begin = at > kWidth ? at - kWidth : 0;
  size_t end = std::min(text.size(), at + needle.size() + kWidth);
  // Do not cut inside a UTF-8 sequence.
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::string out;
  if (begin > 0) out += "...";
  out += text.substr(begin, at - begin);
  out += open + needle + close;
  out += text.substr(at + needle.size(), end - at - needle.size());
  if (end < text.size()) out += "...";
  return out;
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "markdown" || name == "md") return Format::kMarkdown;
  if (name == "html") return Format::kHtml;
  if (name == "sarif") return Format::kSarif;
  return std::nullopt;
}

std::string RenderText(const Report& report, const TextOptions& options) {
  std::string out;
  const char* reset = options.color ? "\033[0m" : "";
  std::map<Severity, int> counts;
  for (const Finding& f : report.findings) {
    counts[f.severity] += 1;
    const Evidence* head = PrimaryEvidence(f, report.drafts);
    if (head != nullptr) {
      absl::StrAppend(&out, head->path, ":", head->line, ":", head->column, ": ");
    }
    absl::StrAppend(&out, options.color ? Color(f.severity) : "", SeverityName(f.severity),
                    reset, ": ", f.message, " [", f.rule_id, "]\n");
    for (const FindingValue& v : f.values) {
      absl::StrAppend(&out, "  = ", v.normalized.empty() ? v.value : v.normalized, "\n");
      for (const Evidence& e : v.mentions) {
        absl::StrAppend(&out, "    ", e.path, ":", e.line, ":", e.column, ": ",
                        Excerpt(e, options.color), "\n");
      }
    }
    if (!f.explanation.empty()) absl::StrAppend(&out, "  aligned: ", f.explanation, "\n");
    if (!f.first_seen.empty()) {
      absl::StrAppend(&out, "  seen: first ", f.first_seen, ", last ", f.last_seen,
                      f.is_new ? " (new)" : "", "\n");
    }
  }
  if (!options.summary) return out;
  if (!report.findings.empty()) out += "\n";
  for (const Story& s : report.stories) {
    absl::StrAppend(&out, "story ", s.id, " (", s.documents.size(),
                    s.documents.size() == 1 ? " document" : " documents", ")",
                    s.title.empty() ? "" : ": ", s.title, "\n");
  }
  // Records of one JSON Lines file share its path: a note names its record.
  std::map<std::string_view, int> per_path;
  for (const DocInfo& d : report.documents) per_path[d.path] += 1;
  for (const DocInfo& d : report.documents) {
    for (const std::string& note : d.notes) {
      absl::StrAppend(&out, d.path, ": note: ",
                      per_path[d.path] > 1 ? absl::StrCat("record '", d.id, "': ") : "", note,
                      "\n");
    }
  }
  for (const Skipped& s : report.skipped) {
    absl::StrAppend(&out, s.path, ": skipped: ", s.reason, "\n");
  }
  absl::StrAppend(&out, report.documents.size(),
                  report.documents.size() == 1 ? " document, " : " documents, ",
                  report.stories.size(), report.stories.size() == 1 ? " story, " : " stories, ",
                  report.findings.size(), report.findings.size() == 1 ? " finding" : " findings",
                  " (", counts[Severity::kError], " errors, ", counts[Severity::kWarning],
                  " warnings, ", counts[Severity::kInfo], " info), ", report.skipped.size(),
                  " skipped");
  if (report.suppressed) absl::StrAppend(&out, ", ", *report.suppressed, " suppressed");
  out += "\n";
  return out;
}

}  // namespace concord::report
