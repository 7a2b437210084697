#include "store/claims_codec.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace concord::store {
namespace {

using Json = nlohmann::json;

// Thrown inside Decode (and caught there) for a value nlohmann accepts but
// the model does not: an unknown enum name or value type.
struct BadField {
  std::string what;
};

template <typename E>
std::optional<E> EnumByName(std::string_view name, const char* (*to_name)(E), int count) {
  for (int i = 0; i < count; ++i) {
    if (name == to_name(static_cast<E>(i))) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <typename E>
E ReadEnum(const Json& j, const char* key, const char* (*to_name)(E), int count) {
  const std::string name = j.at(key).get<std::string>();
  const std::optional<E> e = EnumByName<E>(name, to_name, count);
  if (!e) throw BadField{absl::StrCat("unknown ", key, " '", name, "'")};
  return *e;
}

constexpr int kGranularities = static_cast<int>(Granularity::kCentury) + 1;
constexpr int kDurationUnits = static_cast<int>(DurationUnit::kCentury) + 1;
constexpr int kBounds = static_cast<int>(Bound::kRange) + 1;
constexpr int kEntityTypes = static_cast<int>(EntityType::kOther) + 1;
constexpr int kMentionKinds = static_cast<int>(MentionKind::kQuote) + 1;
constexpr int kDateSources = static_cast<int>(DateSource::kFlag) + 1;

int64_t Days(date::sys_days d) { return d.time_since_epoch().count(); }
date::sys_days FromDays(const Json& j) { return date::sys_days{date::days{j.get<int64_t>()}}; }

Json OptionalDay(const std::optional<date::sys_days>& d) {
  return d ? Json(Days(*d)) : Json(nullptr);
}
std::optional<date::sys_days> ReadOptionalDay(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return FromDays(j);
}

Json IntervalJson(const DateInterval& i) {
  return Json{{"begin", Days(i.begin)}, {"end", Days(i.end)},
              {"granularity", GranularityName(i.granularity)}};
}
DateInterval ReadInterval(const Json& j) {
  DateInterval i;
  i.begin = FromDays(j.at("begin"));
  i.end = FromDays(j.at("end"));
  i.granularity = ReadEnum<Granularity>(j, "granularity", GranularityName, kGranularities);
  return i;
}

Json DateJson(const DateValue& d) {
  Json alternatives = Json::array();
  for (const DateInterval& i : d.alternatives) alternatives.push_back(IntervalJson(i));
  return Json{{"alternatives", std::move(alternatives)}, {"resolved", d.resolved},
              {"timex", d.timex}, {"month", d.month}, {"day", d.day},
              {"relative", d.relative}, {"approximate", d.approximate}};
}
DateValue ReadDate(const Json& j) {
  DateValue d;
  for (const Json& i : j.at("alternatives")) d.alternatives.push_back(ReadInterval(i));
  d.resolved = j.at("resolved").get<bool>();
  d.timex = j.at("timex").get<std::string>();
  d.month = j.at("month").get<unsigned>();
  d.day = j.at("day").get<unsigned>();
  d.relative = j.at("relative").get<bool>();
  d.approximate = j.at("approximate").get<bool>();
  return d;
}

struct ValueToJson {
  Json operator()(const std::monostate&) const { return Json{{"type", "none"}}; }
  Json operator()(const DateValue& d) const {
    Json j = DateJson(d);
    j["type"] = "date";
    return j;
  }
  Json operator()(const DurationValue& d) const {
    return Json{{"type", "duration"}, {"amount", d.amount},
                {"unit", DurationUnitName(d.unit)}, {"approximate", d.approximate},
                {"timex", d.timex}};
  }
  Json operator()(const TimeValue& t) const {
    return Json{{"type", "time"}, {"timex", t.timex},
                {"date", t.date ? DateJson(*t.date) : Json(nullptr)}, {"zone", t.zone}};
  }
  Json operator()(const FigureValue& f) const {
    return Json{{"type", "figure"}, {"low", f.low}, {"high", f.high},
                {"bound", BoundName(f.bound)}, {"unit", f.unit},
                {"counted", f.counted}, {"year", f.year}};
  }
  Json operator()(const TitleValue& t) const {
    return Json{{"type", "title"}, {"surface", t.surface}, {"office_ids", t.office_ids},
                {"jurisdiction", t.jurisdiction}, {"person", t.person},
                {"former", t.former}, {"inferred", t.inferred}};
  }
  Json operator()(const NameValue& n) const {
    return Json{{"type", "name"}, {"full", n.full}, {"key", n.key},
                {"organisation", n.organisation}, {"entity", EntityTypeName(n.type)}};
  }
  Json operator()(const QuoteValue& q) const {
    return Json{{"type", "quote"}, {"text", q.text}, {"speaker", q.speaker}};
  }
};

Value ReadValue(const Json& j) {
  const std::string type = j.at("type").get<std::string>();
  if (type == "none") return std::monostate{};
  if (type == "date") return ReadDate(j);
  if (type == "duration") {
    DurationValue d;
    d.amount = j.at("amount").get<double>();
    d.unit = ReadEnum<DurationUnit>(j, "unit", DurationUnitName, kDurationUnits);
    d.approximate = j.at("approximate").get<bool>();
    d.timex = j.at("timex").get<std::string>();
    return d;
  }
  if (type == "time") {
    TimeValue t;
    t.timex = j.at("timex").get<std::string>();
    if (!j.at("date").is_null()) t.date = ReadDate(j.at("date"));
    t.zone = j.at("zone").get<std::string>();
    return t;
  }
  if (type == "figure") {
    FigureValue f;
    f.low = j.at("low").get<double>();
    f.high = j.at("high").get<double>();
    f.bound = ReadEnum<Bound>(j, "bound", BoundName, kBounds);
    f.unit = j.at("unit").get<std::string>();
    f.counted = j.at("counted").get<std::string>();
    f.year = j.at("year").get<int>();
    return f;
  }
  if (type == "title") {
    TitleValue t;
    t.surface = j.at("surface").get<std::string>();
    t.office_ids = j.at("office_ids").get<std::vector<std::string>>();
    t.jurisdiction = j.at("jurisdiction").get<std::string>();
    t.person = j.at("person").get<std::string>();
    t.former = j.at("former").get<bool>();
    t.inferred = j.at("inferred").get<bool>();
    return t;
  }
  if (type == "name") {
    NameValue n;
    n.full = j.at("full").get<std::string>();
    n.key = j.at("key").get<std::string>();
    n.organisation = j.at("organisation").get<bool>();
    n.type = ReadEnum<EntityType>(j, "entity", EntityTypeName, kEntityTypes);
    return n;
  }
  if (type == "quote") {
    QuoteValue q;
    q.text = j.at("text").get<std::string>();
    q.speaker = j.at("speaker").get<std::string>();
    return q;
  }
  throw BadField{absl::StrCat("unknown value type '", type, "'")};
}

Json ClaimJson(const Claim& c) {
  const Mention& m = c.mention;
  const Evidence& e = c.evidence;
  Json mention{{"kind", MentionKindName(m.kind)}, {"begin", m.span.begin},
               {"end", m.span.end}, {"value", std::visit(ValueToJson{}, m.value)},
               {"value_text", m.value_text}, {"timex", m.timex},
               {"rule_id", m.rule_id}, {"subject", m.subject}};
  Json evidence{{"doc", e.doc}, {"path", e.path}, {"offset", e.offset},
                {"length", e.length}, {"line", e.line}, {"column", e.column},
                {"text", e.text}, {"sentence", e.sentence}};
  Json dates = Json::array();
  for (const DateInterval& i : c.sentence_dates) dates.push_back(IntervalJson(i));
  return Json{{"mention", std::move(mention)}, {"evidence", std::move(evidence)},
              {"attribute", c.attribute}, {"context", c.context},
              {"proximity", c.proximity}, {"near", c.near},
              {"entities", c.entities}, {"things", c.things},
              {"sentence_index", c.sentence_index},
              {"published", OptionalDay(c.published)},
              {"sentence_dates", std::move(dates)}};
}

Claim ReadClaim(const Json& j) {
  Claim c;
  const Json& m = j.at("mention");
  c.mention.kind = ReadEnum<MentionKind>(m, "kind", MentionKindName, kMentionKinds);
  c.mention.span.begin = m.at("begin").get<uint32_t>();
  c.mention.span.end = m.at("end").get<uint32_t>();
  c.mention.value = ReadValue(m.at("value"));
  c.mention.value_text = m.at("value_text").get<std::string>();
  c.mention.timex = m.at("timex").get<std::string>();
  c.mention.rule_id = m.at("rule_id").get<std::string>();
  c.mention.subject = m.at("subject").get<std::string>();
  const Json& e = j.at("evidence");
  c.evidence.doc = e.at("doc").get<std::string>();
  c.evidence.path = e.at("path").get<std::string>();
  c.evidence.offset = e.at("offset").get<uint32_t>();
  c.evidence.length = e.at("length").get<uint32_t>();
  c.evidence.line = e.at("line").get<int>();
  c.evidence.column = e.at("column").get<int>();
  c.evidence.text = e.at("text").get<std::string>();
  c.evidence.sentence = e.at("sentence").get<std::string>();
  c.attribute = j.at("attribute").get<std::string>();
  c.context = j.at("context").get<std::vector<std::string>>();
  c.proximity = j.at("proximity").get<std::vector<float>>();
  c.near = j.at("near").get<std::vector<std::string>>();
  c.entities = j.at("entities").get<std::vector<std::string>>();
  c.things = j.at("things").get<std::vector<std::string>>();
  c.sentence_index = j.at("sentence_index").get<int>();
  c.published = ReadOptionalDay(j.at("published"));
  for (const Json& i : j.at("sentence_dates")) c.sentence_dates.push_back(ReadInterval(i));
  return c;
}

}  // namespace

std::string EncodeDocClaims(const DocClaims& doc) {
  const DocInfo& i = doc.info;
  Json info{{"id", i.id}, {"path", i.path}, {"source", i.source}, {"title", i.title},
            {"published", OptionalDay(i.published)},
            {"published_from", DateSourceName(i.published_from)},
            {"notes", i.notes}, {"ignore_kinds", i.ignore_kinds}};
  Json claims = Json::array();
  for (const Claim& c : doc.claims) claims.push_back(ClaimJson(c));
  Json root{{"codec", kClaimsCodecVersion}, {"info", std::move(info)},
            {"claims", std::move(claims)}, {"keywords", doc.keywords}};
  return root.dump(-1, ' ', false, Json::error_handler_t::replace);
}

absl::StatusOr<DocClaims> DecodeDocClaims(std::string_view text) {
  const Json root = Json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return absl::InvalidArgumentError("claims: not a JSON object");
  }
  try {
    const int version = root.at("codec").get<int>();
    if (version != kClaimsCodecVersion) {
      return absl::InvalidArgumentError(absl::StrCat(
          "claims: codec version ", version, ", expected ", kClaimsCodecVersion));
    }
    DocClaims doc;
    const Json& i = root.at("info");
    doc.info.id = i.at("id").get<std::string>();
    doc.info.path = i.at("path").get<std::string>();
    doc.info.source = i.at("source").get<std::string>();
    doc.info.title = i.at("title").get<std::string>();
    doc.info.published = ReadOptionalDay(i.at("published"));
    doc.info.published_from =
        ReadEnum<DateSource>(i, "published_from", DateSourceName, kDateSources);
    doc.info.notes = i.at("notes").get<std::vector<std::string>>();
    doc.info.ignore_kinds = i.at("ignore_kinds").get<std::vector<std::string>>();
    for (const Json& c : root.at("claims")) doc.claims.push_back(ReadClaim(c));
    doc.keywords = root.at("keywords").get<std::vector<std::string>>();
    return doc;
  } catch (const Json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("claims: ", e.what()));
  } catch (const BadField& e) {
    return absl::InvalidArgumentError(absl::StrCat("claims: ", e.what));
  }
}

}  // namespace concord::store
