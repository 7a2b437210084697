#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/dates.h"
#include "date/date.h"
#include "date/iso_week.h"
#include "report/report.h"

namespace concord::report {
namespace {

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string Marked(const Evidence& e) {
  const size_t at = e.text.empty() ? std::string::npos : e.sentence.find(e.text);
  if (at == std::string::npos) return Esc(e.sentence);
  return absl::StrCat(Esc(e.sentence.substr(0, at)), "<mark>", Esc(e.text), "</mark>",
                      Esc(e.sentence.substr(at + e.text.size())));
}

// The interval [begin, end) a TIMEX3 date value stands for, when resolved:
// 2025-10-31, 2025-10, 2025, 2025-W44, 2025-Q2, 2025-H1, 199 (a decade).
std::optional<std::pair<date::sys_days, date::sys_days>> Interval(std::string_view t) {
  using namespace date;
  auto num = [&](size_t from, size_t n, int* v) {
    if (from + n > t.size()) return false;
    *v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      *v = *v * 10 + (t[i] - '0');
    }
    return true;
  };
  int y = 0, x = 0;
  if (t.size() == 3 && num(0, 3, &y)) {
    return std::make_pair(sys_days{year{y * 10} / 1 / 1}, sys_days{year{y * 10 + 10} / 1 / 1});
  }
  if (!num(0, 4, &y)) return std::nullopt;
  if (t.size() == 4) return std::make_pair(sys_days{year{y} / 1 / 1}, sys_days{year{y + 1} / 1 / 1});
  if (t.size() >= 10) {
    if (auto d = ParseIsoDate(t.substr(0, 10))) return std::make_pair(*d, *d + days{1});
    return std::nullopt;
  }
  if (t.size() == 7 && t[4] == '-' && num(5, 2, &x) && x >= 1 && x <= 12) {
    const year_month ym = year{y} / month{static_cast<unsigned>(x)};
    return std::make_pair(sys_days{ym / 1}, sys_days{(ym + months{1}) / 1});
  }
  if (t.size() == 8 && t[4] == '-' && t[5] == 'W' && num(6, 2, &x) && x >= 1 && x <= 53) {
    const sys_days b{iso_week::year{y} / iso_week::weeknum{static_cast<unsigned>(x)} / iso_week::mon};
    return std::make_pair(b, b + days{7});
  }
  if (t.size() == 7 && t[4] == '-' && (t[5] == 'Q' || t[5] == 'H') && num(6, 1, &x)) {
    const unsigned len = t[5] == 'Q' ? 3 : 6;
    if (x < 1 || x > static_cast<int>(12 / len)) return std::nullopt;
    const year_month ym = year{y} / month{static_cast<unsigned>((x - 1) * len + 1)};
    return std::make_pair(sys_days{ym / 1}, sys_days{(ym + months{len}) / 1});
  }
  return std::nullopt;
}

// A small SVG with one bar per value, on a shared axis.
std::string Timeline(const Finding& f) {
  struct Row {
    std::string label;
    date::sys_days b, e;
  };
  std::vector<Row> rows;
  for (const FindingValue& v : f.values) {
    if (auto iv = Interval(v.normalized)) rows.push_back({v.normalized, iv->first, iv->second});
  }
  if (rows.size() < 2) return "";
  date::sys_days lo = rows[0].b, hi = rows[0].e;
  for (const Row& r : rows) lo = std::min(lo, r.b), hi = std::max(hi, r.e);
  const double span = std::max<double>(1, (hi - lo).count());
  const int width = 560, left = 110, bar = 14, gap = 8;
  const int height = static_cast<int>(rows.size()) * (bar + gap) + 24;
  std::string svg = absl::StrFormat(
      "<svg class=\"timeline\" role=\"img\" aria-label=\"timeline\" width=\"%d\" height=\"%d\" "
      "viewBox=\"0 0 %d %d\">",
      width, height, width, height);
  int y = 4;
  for (const Row& r : rows) {
    const double x0 = left + (width - left - 10) * ((r.b - lo).count() / span);
    const double w = std::max(3.0, (width - left - 10) * ((r.e - r.b).count() / span));
    absl::StrAppendFormat(&svg,
                          "<text x=\"0\" y=\"%d\" class=\"tl-label\">%s</text>"
                          "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\">"
                          "<title>%s to %s</title></rect>",
                          y + bar - 3, Esc(r.label), x0, y, w, bar, FormatIsoDate(r.b),
                          FormatIsoDate(r.e - date::days{1}));
    y += bar + gap;
  }
  absl::StrAppendFormat(&svg,
                        "<text x=\"%d\" y=\"%d\" class=\"tl-axis\">%s</text>"
                        "<text x=\"%d\" y=\"%d\" class=\"tl-axis\" text-anchor=\"end\">%s</text>",
                        left, height - 4, FormatIsoDate(lo), width - 10, height - 4,
                        FormatIsoDate(hi - date::days{1}));
  return svg + "</svg>";
}

constexpr const char* kStyle = R"CSS(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430;background:#fbfbfd}
h1{font-size:1.6rem;margin:0 0 .3rem}.muted{color:#5b6472}
.counts{display:flex;gap:.8rem;margin:1rem 0;flex-wrap:wrap}.count{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:.5rem .9rem}
.count b{font-size:1.3rem;display:block}.error b{color:#b3261e}.warning b{color:#9a6700}.info b{color:#0b6b8a}
.filters{margin:1rem 0;display:flex;gap:1.2rem;flex-wrap:wrap}.filters label{margin-right:.6rem}
.finding{background:#fff;border:1px solid #dde1e8;border-left:5px solid #888;border-radius:8px;margin:1rem 0;padding:.8rem 1rem;break-inside:avoid}
.finding.error{border-left-color:#b3261e}.finding.warning{border-left-color:#d4a72c}.finding.info{border-left-color:#3b9cc2}
.sev{font-weight:700;text-transform:uppercase;font-size:.75rem;letter-spacing:.05em}.rule{font-family:ui-monospace,monospace;font-size:.8rem;color:#5b6472}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.8rem;margin-top:.6rem}
.side{background:#f5f6f9;border-radius:6px;padding:.6rem .8rem}.side h3{font-size:.95rem;margin:0 0 .4rem}
.side p{margin:.3rem 0;font-size:.9rem}.loc{font-family:ui-monospace,monospace;font-size:.78rem}
mark{background:#ffe08a;padding:0 .1em;border-radius:2px}.why{font-size:.85rem;color:#5b6472;margin-top:.5rem}
.timeline rect{fill:#3b6fd4;opacity:.8}.tl-label,.tl-axis{font:11px ui-monospace,monospace;fill:#5b6472}
table{border-collapse:collapse}td,th{border:1px solid #dde1e8;padding:.2rem .6rem;text-align:left}
@media print{.filters{display:none}body{background:#fff;margin:0}.finding{border-color:#999}}
)CSS";

constexpr const char* kScript = R"JS(
function applyFilters(){
  const on = sel => new Set([...document.querySelectorAll(sel+':checked')].map(e=>e.value));
  const kinds = on('input.kind'), sevs = on('input.sev');
  let shown = 0;
  document.querySelectorAll('.finding').forEach(f=>{
    const v = kinds.has(f.dataset.kind) && sevs.has(f.dataset.severity);
    f.style.display = v ? '' : 'none'; if (v) shown++;
  });
  document.getElementById('shown').textContent = shown;
}
document.querySelectorAll('.filters input').forEach(i=>i.addEventListener('change', applyFilters));
)JS";

}  // namespace

std::string RenderHtml(const Report& report, const std::map<std::string, std::string>& checks) {
  std::map<std::string, int> by_severity;
  std::set<std::string> kinds;
  for (const Finding& f : report.findings) {
    by_severity[SeverityName(f.severity)] += 1;
    kinds.insert(MentionKindName(f.kind));
  }
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>concord report</title><style>",
      kStyle, "</style></head><body>\n<h1>concord report</h1>\n<p class=\"muted\">",
      report.documents.size(), report.documents.size() == 1 ? " document in " : " documents in ",
      report.stories.size(), report.stories.size() == 1 ? " story, " : " stories, ",
      report.skipped.size(), " skipped</p>\n<div class=\"counts\">");
  absl::StrAppend(&out, "<div class=\"count\"><b>", report.findings.size(),
                  "</b>findings (<span id=\"shown\">", report.findings.size(),
                  "</span> shown)</div>");
  for (const char* s : {"error", "warning", "info"}) {
    absl::StrAppend(&out, "<div class=\"count ", s, "\"><b>", by_severity[s], "</b>", s,
                    "</div>");
  }
  out += "</div>\n<div class=\"filters\"><div><strong>Kind:</strong> ";
  for (const std::string& k : kinds) {
    absl::StrAppend(&out, "<label><input type=\"checkbox\" class=\"kind\" value=\"", k,
                    "\" checked> ", k, "</label>");
  }
  out += "</div><div><strong>Severity:</strong> ";
  for (const char* s : {"error", "warning", "info"}) {
    absl::StrAppend(&out, "<label><input type=\"checkbox\" class=\"sev\" value=\"", s,
                    "\" checked> ", s, "</label>");
  }
  out += "</div></div>\n";
  for (const Finding& f : report.findings) {
    const char* sev = SeverityName(f.severity);
    absl::StrAppend(&out, "<section class=\"finding ", sev, "\" data-kind=\"",
                    MentionKindName(f.kind), "\" data-severity=\"", sev, "\" id=\"f-", Esc(f.id),
                    "\">\n<div><span class=\"sev\">", sev, "</span> · ", MentionKindName(f.kind),
                    " ", FindingClassName(f.finding_class), " <span class=\"rule\">[",
                    Esc(f.rule_id), "]</span></div>\n<p>");
    // A check report says where in the draft, as the text report does.
    const Evidence* head = report.drafts.empty() ? nullptr : PrimaryEvidence(f, report.drafts);
    if (head != nullptr) {
      absl::StrAppend(&out, "<a class=\"loc head\" href=\"", Esc(UriReference(head->path)),
                      "\">", Esc(head->path), ":", head->line, ":", head->column, "</a> ");
    }
    absl::StrAppend(&out, "<strong>", Esc(f.message), "</strong></p>\n");
    if (auto it = checks.find(f.rule_id); it != checks.end()) {
      absl::StrAppend(&out, "<p class=\"muted\">", Esc(it->second), "</p>\n");
    }
    if (f.kind == MentionKind::kDate) out += Timeline(f);
    out += "<div class=\"sides\">\n";
    for (const FindingValue& v : f.values) {
      absl::StrAppend(&out, "<div class=\"side\"><h3>", Esc(v.value),
                      v.normalized.empty() ? "" : absl::StrCat(" <span class=\"muted\">(", Esc(v.normalized), ")</span>"),
                      "</h3>\n");
      for (const Evidence& e : v.mentions) {
        absl::StrAppend(&out, "<p><a class=\"loc\" href=\"", Esc(UriReference(e.path)), "\">", Esc(e.path), ":",
                        e.line, ":", e.column, "</a><br>", Marked(e), "</p>\n");
      }
      out += "</div>\n";
    }
    out += "</div>\n";
    if (!f.explanation.empty()) {
      absl::StrAppend(&out, "<div class=\"why\">Aligned: ", Esc(f.explanation), "</div>\n");
    }
    out += "</section>\n";
  }
  if (!report.stories.empty()) {
    out += "<h2>Stories</h2>\n<table><tr><th>story</th><th>title</th><th>documents</th></tr>\n";
    for (const Story& s : report.stories) {
      absl::StrAppend(&out, "<tr><td>", Esc(s.id), "</td><td>", Esc(s.title), "</td><td>",
                      Esc(absl::StrJoin(s.documents, ", ")), "</td></tr>\n");
    }
    out += "</table>\n";
  }
  if (!report.skipped.empty()) {
    out += "<h2>Skipped</h2>\n<ul>\n";
    for (const Skipped& s : report.skipped) {
      absl::StrAppend(&out, "<li><code>", Esc(s.path), "</code>: ", Esc(s.reason), "</li>\n");
    }
    out += "</ul>\n";
  }
  absl::StrAppend(&out, "<script>", kScript, "</script>\n</body></html>\n");
  return out;
}

}  // namespace concord::report
