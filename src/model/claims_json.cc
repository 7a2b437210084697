// The claims codec: the only place that includes nlohmann/json for claims.
// Decoding never throws: every field is looked up and type-checked, and the
// first problem is reported with the field's path ("claims[3].mention.value.low").
#include "model/claims_json.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "base/dates.h"
#include "base/strings.h"

namespace concord {
namespace {

using Json = nlohmann::ordered_json;

// --------------------------------------------------------------- encoding

Json DayJson(date::sys_days d) {
  const date::year_month_day ymd(d);
  const int y = static_cast<int>(ymd.year());
  // ISO text where it is unambiguous, days since 1970-01-01 otherwise.
  if (y >= 1 && y <= 9999) return FormatIsoDate(d);
  return d.time_since_epoch().count();
}

Json OptionalDayJson(const std::optional<date::sys_days>& d) {
  return d ? DayJson(*d) : Json(nullptr);
}

// JSON has no NaN or infinity; they travel as strings.
Json NumberJson(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

Json IntervalJson(const DateInterval& i) {
  Json j;
  j["begin"] = DayJson(i.begin);
  j["end"] = DayJson(i.end);
  j["granularity"] = GranularityName(i.granularity);
  return j;
}

Json IntervalsJson(const std::vector<DateInterval>& v) {
  Json j = Json::array();
  for (const DateInterval& i : v) j.push_back(IntervalJson(i));
  return j;
}

Json DateValueJson(const DateValue& v) {
  Json j;
  j["type"] = "date";
  j["alternatives"] = IntervalsJson(v.alternatives);
  j["resolved"] = v.resolved;
  j["timex"] = v.timex;
  j["month"] = v.month;
  j["day"] = v.day;
  j["relative"] = v.relative;
  j["approximate"] = v.approximate;
  return j;
}

struct ValueEncoder {
  Json operator()(std::monostate) const { return nullptr; }
  Json operator()(const DateValue& v) const { return DateValueJson(v); }
  Json operator()(const DurationValue& v) const {
    Json j;
    j["type"] = "duration";
    j["amount"] = NumberJson(v.amount);
    j["unit"] = DurationUnitName(v.unit);
    j["approximate"] = v.approximate;
    j["timex"] = v.timex;
    return j;
  }
  Json operator()(const TimeValue& v) const {
    Json j;
    j["type"] = "time";
    j["timex"] = v.timex;
    j["date"] = v.date ? DateValueJson(*v.date) : Json(nullptr);
    j["zone"] = v.zone;
    return j;
  }
  Json operator()(const FigureValue& v) const {
    Json j;
    j["type"] = "figure";
    j["low"] = NumberJson(v.low);
    j["high"] = NumberJson(v.high);
    j["bound"] = BoundName(v.bound);
    j["unit"] = v.unit;
    j["counted"] = v.counted;
    j["year"] = v.year;
    return j;
  }
  Json operator()(const TitleValue& v) const {
    Json j;
    j["type"] = "title";
    j["surface"] = v.surface;
    j["office_ids"] = v.office_ids;
    j["jurisdiction"] = v.jurisdiction;
    j["person"] = v.person;
    j["former"] = v.former;
    j["inferred"] = v.inferred;
    return j;
  }
  Json operator()(const NameValue& v) const {
    Json j;
    j["type"] = "name";
    j["full"] = v.full;
    j["key"] = v.key;
    j["organisation"] = v.organisation;
    j["entity"] = EntityTypeName(v.type);
    return j;
  }
  Json operator()(const QuoteValue& v) const {
    Json j;
    j["type"] = "quote";
    j["text"] = v.text;
    j["speaker"] = v.speaker;
    return j;
  }
};

Json ClaimJson(const Claim& c) {
  Json m;
  m["kind"] = MentionKindName(c.mention.kind);
  m["begin"] = c.mention.span.begin;
  m["end"] = c.mention.span.end;
  m["value"] = std::visit(ValueEncoder(), c.mention.value);
  m["value_text"] = c.mention.value_text;
  m["timex"] = c.mention.timex;
  m["rule"] = c.mention.rule_id;
  m["subject"] = c.mention.subject;
  Json e;
  e["doc"] = c.evidence.doc;
  e["path"] = c.evidence.path;
  e["offset"] = c.evidence.offset;
  e["length"] = c.evidence.length;
  e["line"] = c.evidence.line;
  e["column"] = c.evidence.column;
  e["text"] = c.evidence.text;
  e["sentence"] = c.evidence.sentence;
  Json j;
  j["mention"] = std::move(m);
  j["evidence"] = std::move(e);
  j["attribute"] = c.attribute;
  j["context"] = c.context;
  Json proximity = Json::array();
  for (float p : c.proximity) proximity.push_back(NumberJson(p));
  j["proximity"] = std::move(proximity);
  j["near"] = c.near;
  j["entities"] = c.entities;
  j["things"] = c.things;
  j["measures"] = c.measures;
  j["measured_by_verb"] = c.measured_by_verb;
  j["event"] = c.event;
  j["definites"] = c.definites;
  j["owner"] = c.owner;
  j["owner_adjacent"] = c.owner_adjacent;
  j["sentence_index"] = c.sentence_index;
  j["published"] = OptionalDayJson(c.published);
  j["sentence_dates"] = IntervalsJson(c.sentence_dates);
  return j;
}

std::string Dump(const Json& j) {
  // Inputs are valid UTF-8 (ingest checks); anything else is replaced
  // rather than aborting the run.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// --------------------------------------------------------------- decoding

// Collects the first error; getters return a default once one is recorded.
class Decoder {
 public:
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  void Fail(std::string_view where, std::string_view what) {
    if (error_.empty()) error_ = absl::StrCat(AsAbsl(where), ": ", AsAbsl(what));
  }

  const Json* Field(const Json& obj, std::string_view where, const char* key) {
    if (!ok()) return nullptr;
    if (!obj.is_object()) {
      Fail(where, "expected an object");
      return nullptr;
    }
    const auto it = obj.find(key);
    if (it == obj.end()) {
      Fail(Path(where, key), "missing");
      return nullptr;
    }
    return &*it;
  }

  std::string Str(const Json& obj, std::string_view where, const char* key) {
    const Json* j = Field(obj, where, key);
    if (j == nullptr) return {};
    if (!j->is_string()) {
      Fail(Path(where, key), "expected a string");
      return {};
    }
    return j->get<std::string>();
  }

  bool Bool(const Json& obj, std::string_view where, const char* key) {
    const Json* j = Field(obj, where, key);
    if (j == nullptr) return false;
    if (!j->is_boolean()) {
      Fail(Path(where, key), "expected true or false");
      return false;
    }
    return j->get<bool>();
  }

  // An integer in [lo, hi].
  int64_t Int(const Json& obj, std::string_view where, const char* key, int64_t lo,
              int64_t hi) {
    const Json* j = Field(obj, where, key);
    if (j == nullptr) return 0;
    return IntValue(*j, Path(where, key), lo, hi);
  }

  int64_t IntValue(const Json& j, std::string_view where, int64_t lo, int64_t hi) {
    if (!ok()) return 0;
    bool in_range = false;
    int64_t v = 0;
    if (j.is_number_unsigned()) {
      const uint64_t u = j.get<uint64_t>();
      in_range = u <= static_cast<uint64_t>(hi);
      v = in_range ? static_cast<int64_t>(u) : 0;
      in_range = in_range && v >= lo;
    } else if (j.is_number_integer()) {
      v = j.get<int64_t>();
      in_range = v >= lo && v <= hi;
    } else {
      Fail(where, "expected an integer");
      return 0;
    }
    if (!in_range) {
      Fail(where, absl::StrCat("integer out of range [", lo, ", ", hi, "]"));
      return 0;
    }
    return v;
  }

  double Number(const Json& obj, std::string_view where, const char* key) {
    const Json* j = Field(obj, where, key);
    if (j == nullptr) return 0;
    return NumberValue(*j, Path(where, key));
  }

  double NumberValue(const Json& j, std::string_view where) {
    if (!ok()) return 0;
    if (j.is_number()) return j.get<double>();
    if (j.is_string()) {
      const std::string& s = j.get_ref<const std::string&>();
      if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
      if (s == "inf") return std::numeric_limits<double>::infinity();
      if (s == "-inf") return -std::numeric_limits<double>::infinity();
    }
    Fail(where, "expected a number");
    return 0;
  }

  std::vector<std::string> Strs(const Json& obj, std::string_view where, const char* key) {
    std::vector<std::string> out;
    const Json* j = Array(obj, where, key);
    if (j == nullptr) return out;
    for (size_t i = 0; i < j->size() && ok(); ++i) {
      if (!(*j)[i].is_string()) {
        Fail(Index(Path(where, key), i), "expected a string");
        break;
      }
      out.push_back((*j)[i].get<std::string>());
    }
    return out;
  }

  const Json* Array(const Json& obj, std::string_view where, const char* key) {
    const Json* j = Field(obj, where, key);
    if (j == nullptr) return nullptr;
    if (!j->is_array()) {
      Fail(Path(where, key), "expected an array");
      return nullptr;
    }
    return j;
  }

  date::sys_days Day(const Json& j, std::string_view where) {
    if (!ok()) return {};
    if (j.is_string()) {
      if (const auto d = ParseIsoDate(j.get_ref<const std::string&>())) return *d;
      Fail(where, "expected a date YYYY-MM-DD");
      return {};
    }
    // Far from the common era: days since 1970-01-01.
    const int64_t n = IntValue(j, where, -100000000, 100000000);
    return date::sys_days(date::days(n));
  }

  std::optional<date::sys_days> OptionalDay(const Json& obj, std::string_view where,
                                            const char* key) {
    const Json* j = Field(obj, where, key);
    if (j == nullptr || j->is_null()) return std::nullopt;
    return Day(*j, Path(where, key));
  }

  // An enum given by name: one of `all`.
  template <typename E, size_t N>
  E Enum(const Json& obj, std::string_view where, const char* key, const E (&all)[N],
         const char* (*name)(E)) {
    const std::string s = Str(obj, where, key);
    if (!ok()) return all[0];
    for (E e : all) {
      if (s == name(e)) return e;
    }
    Fail(Path(where, key), absl::StrCat("unknown value '", s, "'"));
    return all[0];
  }

  static std::string Path(std::string_view where, const char* key) {
    return where.empty() ? std::string(key) : absl::StrCat(AsAbsl(where), ".", key);
  }
  static std::string Index(std::string_view where, size_t i) {
    return absl::StrCat(AsAbsl(where), "[", i, "]");
  }

 private:
  std::string error_;
};

constexpr Granularity kGranularities[] = {
    Granularity::kDay,     Granularity::kWeek, Granularity::kMonth,
    Granularity::kSeason,  Granularity::kQuarter, Granularity::kHalf,
    Granularity::kYear,    Granularity::kDecade, Granularity::kCentury};
constexpr DurationUnit kDurationUnits[] = {
    DurationUnit::kDay,  DurationUnit::kWeek,   DurationUnit::kMonth,  DurationUnit::kQuarter,
    DurationUnit::kYear, DurationUnit::kDecade, DurationUnit::kCentury};
constexpr Bound kBounds[] = {Bound::kExact,    Bound::kApprox,   Bound::kAtLeast, Bound::kMoreThan,
                             Bound::kAtMost,   Bound::kLessThan, Bound::kRange};
constexpr EntityType kEntityTypes[] = {EntityType::kUnknown, EntityType::kPerson,
                                       EntityType::kOrganisation, EntityType::kPlace,
                                       EntityType::kOther};
constexpr DateSource kDateSources[] = {DateSource::kNone,      DateSource::kFrontMatter,
                                       DateSource::kDateLine,  DateSource::kDateline,
                                       DateSource::kHtmlMeta,  DateSource::kJsonl,
                                       DateSource::kFlag};
constexpr MentionKind kMentionKinds[] = {
    MentionKind::kDate,   MentionKind::kTime,  MentionKind::kDuration, MentionKind::kSet,
    MentionKind::kFigure, MentionKind::kTitle, MentionKind::kName,     MentionKind::kQuote};

const char* EntityTypeNameFn(EntityType t) { return EntityTypeName(t); }

std::vector<DateInterval> DecodeIntervals(Decoder& d, const Json& obj, std::string_view where,
                                          const char* key) {
  std::vector<DateInterval> out;
  const Json* a = d.Array(obj, where, key);
  if (a == nullptr) return out;
  const std::string path = Decoder::Path(where, key);
  for (size_t i = 0; i < a->size() && d.ok(); ++i) {
    const Json& j = (*a)[i];
    const std::string w = Decoder::Index(path, i);
    DateInterval interval;
    if (const Json* b = d.Field(j, w, "begin")) interval.begin = d.Day(*b, Decoder::Path(w, "begin"));
    if (const Json* e = d.Field(j, w, "end")) interval.end = d.Day(*e, Decoder::Path(w, "end"));
    interval.granularity = d.Enum(j, w, "granularity", kGranularities, &GranularityName);
    out.push_back(interval);
  }
  return out;
}

DateValue DecodeDateValue(Decoder& d, const Json& j, std::string_view where) {
  DateValue v;
  v.alternatives = DecodeIntervals(d, j, where, "alternatives");
  v.resolved = d.Bool(j, where, "resolved");
  v.timex = d.Str(j, where, "timex");
  v.month = static_cast<unsigned>(d.Int(j, where, "month", 0, 12));
  v.day = static_cast<unsigned>(d.Int(j, where, "day", 0, 31));
  v.relative = d.Bool(j, where, "relative");
  v.approximate = d.Bool(j, where, "approximate");
  return v;
}

Value DecodeValue(Decoder& d, const Json& j, std::string_view where) {
  if (!d.ok() || j.is_null()) return std::monostate();
  const std::string type = d.Str(j, where, "type");
  if (!d.ok()) return std::monostate();
  if (type == "date") return DecodeDateValue(d, j, where);
  if (type == "duration") {
    DurationValue v;
    v.amount = d.Number(j, where, "amount");
    v.unit = d.Enum(j, where, "unit", kDurationUnits, &DurationUnitName);
    v.approximate = d.Bool(j, where, "approximate");
    v.timex = d.Str(j, where, "timex");
    return v;
  }
  if (type == "time") {
    TimeValue v;
    v.timex = d.Str(j, where, "timex");
    if (const Json* date = d.Field(j, where, "date"); date != nullptr && !date->is_null()) {
      const std::string w = Decoder::Path(where, "date");
      if (date->value("type", "") != "date") d.Fail(w, "expected a date value or null");
      v.date = DecodeDateValue(d, *date, w);
    }
    v.zone = d.Str(j, where, "zone");
    return v;
  }
  if (type == "figure") {
    FigureValue v;
    v.low = d.Number(j, where, "low");
    v.high = d.Number(j, where, "high");
    v.bound = d.Enum(j, where, "bound", kBounds, &BoundName);
    v.unit = d.Str(j, where, "unit");
    v.counted = d.Str(j, where, "counted");
    v.year = static_cast<int>(d.Int(j, where, "year", std::numeric_limits<int>::min(),
                                    std::numeric_limits<int>::max()));
    return v;
  }
  if (type == "title") {
    TitleValue v;
    v.surface = d.Str(j, where, "surface");
    v.office_ids = d.Strs(j, where, "office_ids");
    v.jurisdiction = d.Str(j, where, "jurisdiction");
    v.person = d.Str(j, where, "person");
    v.former = d.Bool(j, where, "former");
    v.inferred = d.Bool(j, where, "inferred");
    return v;
  }
  if (type == "name") {
    NameValue v;
    v.full = d.Str(j, where, "full");
    v.key = d.Str(j, where, "key");
    v.organisation = d.Bool(j, where, "organisation");
    v.type = d.Enum(j, where, "entity", kEntityTypes, &EntityTypeNameFn);
    return v;
  }
  if (type == "quote") {
    QuoteValue v;
    v.text = d.Str(j, where, "text");
    v.speaker = d.Str(j, where, "speaker");
    return v;
  }
  d.Fail(Decoder::Path(where, "type"), absl::StrCat("unknown value type '", type, "'"));
  return std::monostate();
}

constexpr int64_t kMaxU32 = std::numeric_limits<uint32_t>::max();
constexpr int64_t kMaxInt = std::numeric_limits<int>::max();

Claim DecodeClaim(Decoder& d, const Json& j, std::string_view where) {
  Claim c;
  const std::string mw = Decoder::Path(where, "mention");
  if (const Json* m = d.Field(j, where, "mention")) {
    c.mention.kind = d.Enum(*m, mw, "kind", kMentionKinds, &MentionKindName);
    c.mention.span.begin = static_cast<uint32_t>(d.Int(*m, mw, "begin", 0, kMaxU32));
    c.mention.span.end = static_cast<uint32_t>(d.Int(*m, mw, "end", 0, kMaxU32));
    if (const Json* v = d.Field(*m, mw, "value")) {
      c.mention.value = DecodeValue(d, *v, Decoder::Path(mw, "value"));
    }
    c.mention.value_text = d.Str(*m, mw, "value_text");
    c.mention.timex = d.Str(*m, mw, "timex");
    c.mention.rule_id = d.Str(*m, mw, "rule");
    c.mention.subject = d.Str(*m, mw, "subject");
  }
  const std::string ew = Decoder::Path(where, "evidence");
  if (const Json* e = d.Field(j, where, "evidence")) {
    c.evidence.doc = d.Str(*e, ew, "doc");
    c.evidence.path = d.Str(*e, ew, "path");
    c.evidence.offset = static_cast<uint32_t>(d.Int(*e, ew, "offset", 0, kMaxU32));
    c.evidence.length = static_cast<uint32_t>(d.Int(*e, ew, "length", 0, kMaxU32));
    c.evidence.line = static_cast<int>(d.Int(*e, ew, "line", 0, kMaxInt));
    c.evidence.column = static_cast<int>(d.Int(*e, ew, "column", 0, kMaxInt));
    c.evidence.text = d.Str(*e, ew, "text");
    c.evidence.sentence = d.Str(*e, ew, "sentence");
  }
  c.attribute = d.Str(j, where, "attribute");
  c.context = d.Strs(j, where, "context");
  if (const Json* p = d.Array(j, where, "proximity")) {
    for (size_t i = 0; i < p->size() && d.ok(); ++i) {
      c.proximity.push_back(static_cast<float>(
          d.NumberValue((*p)[i], Decoder::Index(Decoder::Path(where, "proximity"), i))));
    }
  }
  if (d.ok() && c.proximity.size() != c.context.size()) {
    // The aligner reads one proximity per context word.
    d.Fail(Decoder::Path(where, "proximity"),
           absl::StrCat("expected ", c.context.size(), " numbers, one per context word"));
  }
  c.near = d.Strs(j, where, "near");
  c.entities = d.Strs(j, where, "entities");
  c.things = d.Strs(j, where, "things");
  // Added later: records written before lack them.
  if (j.is_object() && j.contains("measures")) c.measures = d.Strs(j, where, "measures");
  if (j.is_object() && j.contains("measured_by_verb")) {
    c.measured_by_verb = d.Bool(j, where, "measured_by_verb");
  }
  if (j.is_object() && j.contains("event")) c.event = d.Str(j, where, "event");
  if (j.is_object() && j.contains("definites")) c.definites = d.Strs(j, where, "definites");
  if (j.is_object() && j.contains("owner")) c.owner = d.Strs(j, where, "owner");
  if (j.is_object() && j.contains("owner_adjacent")) {
    c.owner_adjacent = d.Bool(j, where, "owner_adjacent");
  }
  c.sentence_index = static_cast<int>(d.Int(j, where, "sentence_index", 0, kMaxInt));
  c.published = d.OptionalDay(j, where, "published");
  c.sentence_dates = DecodeIntervals(d, j, where, "sentence_dates");
  return c;
}

DocClaims DecodeDoc(Decoder& d, const Json& root) {
  DocClaims out;
  if (const Json* info = d.Field(root, "", "doc")) {
    const char* w = "doc";
    out.info.id = d.Str(*info, w, "id");
    out.info.path = d.Str(*info, w, "path");
    out.info.source = d.Str(*info, w, "source");
    out.info.title = d.Str(*info, w, "title");
    out.info.published = d.OptionalDay(*info, w, "published");
    out.info.published_from =
        d.Enum(*info, w, "published_from", kDateSources, &DateSourceName);
    out.info.notes = d.Strs(*info, w, "notes");
    out.info.ignore_kinds = d.Strs(*info, w, "ignore_kinds");
  }
  out.keywords = d.Strs(root, "", "keywords");
  if (const Json* acronyms = d.Array(root, "", "acronyms")) {
    for (size_t i = 0; i < acronyms->size() && d.ok(); ++i) {
      const Json& pair = (*acronyms)[i];
      const std::string where = Decoder::Index("acronyms", i);
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
        d.Fail(where, "expected [acronym, expansion]");
        break;
      }
      out.acronyms.push_back({pair[0].get<std::string>(), pair[1].get<std::string>()});
    }
  }
  if (const Json* claims = d.Array(root, "", "claims")) {
    for (size_t i = 0; i < claims->size() && d.ok(); ++i) {
      out.claims.push_back(DecodeClaim(d, (*claims)[i], Decoder::Index("claims", i)));
    }
  }
  return out;
}

}  // namespace

std::string EncodeDocClaims(const DocClaims& doc) {
  Json info;
  info["id"] = doc.info.id;
  info["path"] = doc.info.path;
  info["source"] = doc.info.source;
  info["title"] = doc.info.title;
  info["published"] = OptionalDayJson(doc.info.published);
  info["published_from"] = DateSourceName(doc.info.published_from);
  info["notes"] = doc.info.notes;
  info["ignore_kinds"] = doc.info.ignore_kinds;
  Json root;
  root["schema"] = kClaimsSchema;
  root["doc"] = std::move(info);
  root["keywords"] = doc.keywords;
  Json acronyms = Json::array();
  for (const auto& [abbr, expansion] : doc.acronyms) acronyms.push_back({abbr, expansion});
  root["acronyms"] = std::move(acronyms);
  Json claims = Json::array();
  for (const Claim& c : doc.claims) claims.push_back(ClaimJson(c));
  root["claims"] = std::move(claims);
  return Dump(root);
}

std::string EncodeSkipped(const Skipped& skipped) {
  Json s;
  s["path"] = skipped.path;
  s["reason"] = skipped.reason;
  Json root;
  root["schema"] = kClaimsSchema;
  root["skipped"] = std::move(s);
  return Dump(root);
}

absl::StatusOr<ClaimsLine> DecodeClaimsLine(std::string_view line) {
  // A key before a tab (Hadoop Streaming's key\tvalue) is not part of the
  // record; the record itself is an object, so it starts with '{'.
  if (!line.empty() && line.front() != '{') {
    const size_t tab = line.find('\t');
    if (tab != std::string_view::npos) line.remove_prefix(tab + 1);
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  const Json root = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return absl::InvalidArgumentError("not valid JSON");
  if (!root.is_object()) return absl::InvalidArgumentError("expected a JSON object");
  const auto schema = root.find("schema");
  if (schema == root.end() || !schema->is_string() || *schema != kClaimsSchema) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a claims record (expected \"schema\": \"", kClaimsSchema, "\")"));
  }
  Decoder d;
  ClaimsLine out;
  if (root.contains("skipped")) {
    Skipped s;
    if (const Json* j = d.Field(root, "", "skipped")) {
      s.path = d.Str(*j, "skipped", "path");
      s.reason = d.Str(*j, "skipped", "reason");
    }
    out.skipped = std::move(s);
  } else {
    out.doc = DecodeDoc(d, root);
  }
  if (!d.ok()) return absl::InvalidArgumentError(d.error());
  return out;
}

}  // namespace concord
