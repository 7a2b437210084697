#include "store/baseline.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace concord::store {

using Json = nlohmann::ordered_json;

std::string RenderBaseline(const std::vector<Finding>& findings) {
  std::map<std::string, const Finding*> by_id;
  for (const Finding& f : findings) by_id.emplace(f.id, &f);
  Json list = Json::array();
  for (const auto& [id, f] : by_id) {
    std::vector<std::string> values;
    for (const FindingValue& v : f->values) values.push_back(v.normalized);
    std::sort(values.begin(), values.end());
    Json j;
    j["id"] = id;
    j["kind"] = MentionKindName(f->kind);
    j["subject"] = f->subject;
    j["attribute"] = f->attribute;
    j["values"] = values;
    list.push_back(std::move(j));
  }
  Json root;
  root["schema"] = "concord.baseline/1";
  root["findings"] = std::move(list);
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

absl::StatusOr<std::set<std::string>> ParseBaseline(std::string_view text) {
  const Json root = Json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return absl::InvalidArgumentError("not a JSON object");
  }
  if (root.value("schema", "") != "concord.baseline/1") {
    return absl::InvalidArgumentError(
        "not a concord baseline (expected \"schema\": \"concord.baseline/1\")");
  }
  auto findings = root.find("findings");
  if (findings == root.end() || !findings->is_array()) {
    return absl::InvalidArgumentError("\"findings\" must be an array");
  }
  std::set<std::string> ids;
  size_t index = 0;
  for (const Json& f : *findings) {
    auto id = f.is_object() ? f.find("id") : f.end();
    if (!f.is_object() || id == f.end() || !id->is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat("findings[", index, "]: expected an object with a string \"id\""));
    }
    ids.insert(id->get<std::string>());
    ++index;
  }
  return ids;
}

}  // namespace concord::store
