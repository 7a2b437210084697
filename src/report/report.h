// Report: renders a Report for people and programs. The JSON form is a
// contract (schema "concord.report/1") and can be read back, so a saved
// report can be re-rendered in any format without re-reading the articles.
#ifndef CONCORD_REPORT_REPORT_H_
#define CONCORD_REPORT_REPORT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "model/finding.h"

namespace concord::report {

enum class Format { kText, kJson, kMarkdown, kHtml, kSarif };
std::optional<Format> ParseFormat(std::string_view name);

struct TextOptions {
  bool color = false;   // ANSI colours (a terminal without NO_COLOR)
  bool summary = true;  // the closing summary lines
};

// `path:line:col: severity: message [rule-id]` per finding, each followed
// by every side's evidence and why the claims were aligned; then the stories
// and skipped inputs, and a summary.
std::string RenderText(const Report& report, const TextOptions& options);

// The JSON contract, pretty-printed, keys in contract order, ending in a
// newline.
std::string RenderJson(const Report& report);

// Markdown for a pull request or a ticket: a summary table, then one section
// per finding with each source's sentence and the differing values in bold.
std::string RenderMarkdown(const Report& report);

// One self-contained HTML page (no network, no external assets): summary
// counts, filters by kind and severity, each finding's sources side by side
// with the mentions highlighted, and for dates a small SVG timeline of each
// source's interval. `checks` maps check ids to their help text.
std::string RenderHtml(const Report& report,
                       const std::map<std::string, std::string>& checks);

// SARIF 2.1.0: one result per finding with a physical location for each
// mention, rules with their help text from `checks`.
std::string RenderSarif(const Report& report,
                        const std::map<std::string, std::string>& checks,
                        std::string_view version);

// Reads a report written by RenderJson.
absl::StatusOr<Report> ParseJson(std::string_view json);

// A file path as a URI reference (SARIF's artifactLocation.uri, an HTML
// link): bytes other than unreserved characters and '/' percent-encoded, so
// that a space, '#', '?', '%' or a ':' in a name does not change what the
// reference names.
std::string UriReference(std::string_view path);

// The mention that heads a finding (model/finding.h): in a check report
// (Report::drafts) a draft's, else the odd one out's. Every format heads a
// finding with PrimaryEvidence(finding, report.drafts).
using concord::PrimaryEvidence;

}  // namespace concord::report

#endif  // CONCORD_REPORT_REPORT_H_
