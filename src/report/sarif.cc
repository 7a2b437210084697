#include <nlohmann/json.hpp>

#include "report/report.h"

namespace concord::report {

std::string UriReference(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string RenderSarif(const Report& report, const std::map<std::string, std::string>& checks,
                        std::string_view version) {
  using Json = nlohmann::ordered_json;
  Json rules = Json::array();
  std::map<std::string, int> rule_index;
  for (const auto& [id, summary] : checks) {
    rule_index[id] = static_cast<int>(rules.size());
    Json r;
    r["id"] = id;
    r["shortDescription"] = {{"text", summary}};
    r["help"] = {{"text", summary}};
    rules.push_back(std::move(r));
  }
  auto level = [](Severity s) {
    switch (s) {
      case Severity::kError: return "error";
      case Severity::kWarning: return "warning";
      case Severity::kInfo: return "note";
    }
    return "note";
  };
  Json results = Json::array();
  for (const Finding& f : report.findings) {
    Json r;
    r["ruleId"] = f.rule_id;
    if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) r["ruleIndex"] = it->second;
    r["level"] = level(f.severity);
    r["message"] = {{"text", f.message}};
    Json locations = Json::array();
    Json related = Json::array();
    const Evidence* head = PrimaryEvidence(f, report.drafts);
    int related_id = 0;
    for (const FindingValue& v : f.values) {
      for (const Evidence& e : v.mentions) {
        Json loc;
        loc["physicalLocation"] = {
            {"artifactLocation", {{"uri", UriReference(e.path)}}},
            {"region",
             {{"startLine", e.line},
              {"startColumn", e.column},
              {"byteOffset", e.offset},
              {"byteLength", e.length},
              {"snippet", {{"text", e.text}}}}}};
        if (&e == head) {
          locations.push_back(loc);
        } else {
          loc["id"] = related_id++;
          loc["message"] = {{"text", v.normalized.empty() ? v.value : v.normalized}};
          related.push_back(std::move(loc));
        }
      }
    }
    r["locations"] = std::move(locations);
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    r["partialFingerprints"] = {{"concordFinding/v1", f.id}};
    r["properties"] = {{"kind", MentionKindName(f.kind)},
                       {"class", FindingClassName(f.finding_class)},
                       {"subject", f.subject},
                       {"explanation", f.explanation}};
    results.push_back(std::move(r));
  }
  Json run;
  run["tool"] = {{"driver",
                  {{"name", "concord"},
                   {"version", std::string(version)},
                   {"informationUri", "https://example.invalid/concord"},
                   {"rules", std::move(rules)}}}};
  // Columns count Unicode code points, as in the text report.
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  // Inputs that could not be read are told as the other formats tell them,
  // as notifications of the run (a code-scanning upload shows them).
  if (!report.skipped.empty()) {
    Json notes = Json::array();
    for (const Skipped& skipped : report.skipped) {
      notes.push_back({{"level", "warning"},
                       {"message", {{"text", skipped.path + ": skipped: " + skipped.reason}}}});
    }
    run["invocations"] = Json::array(
        {{{"executionSuccessful", true}, {"toolExecutionNotifications", std::move(notes)}}});
  }
  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({std::move(run)});
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace concord::report
