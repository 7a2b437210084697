// The claims codec, written and read without a DOM (JsonWriter, JsonTape):
// claims lines are the bulk of a map-reduce run and of the store. Decoding
// never throws: every field is looked up and type-checked, and the first
// problem is reported with the field's path ("claims[3].mention.value.low").
#include "model/claims_json.h"

#include <algorithm>

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "base/dates.h"
#include "base/json_reader.h"
#include "base/json_writer.h"
#include "base/strings.h"

namespace concord {

void WriteEvidenceJson(JsonWriter& w, const Evidence& e) {
  w.BeginObject();
  w.StringMember("doc", e.doc);
  w.StringMember("path", e.path);
  w.Key("offset");
  w.Uint(e.offset);
  w.Key("length");
  w.Uint(e.length);
  w.Key("line");
  w.Int(e.line);
  w.Key("column");
  w.Int(e.column);
  w.StringMember("text", e.text);
  w.StringMember("sentence", e.sentence);
  w.EndObject();
}

namespace {

// --------------------------------------------------------------- encoding

void WriteDay(JsonWriter& w, date::sys_days d) {
  const date::year_month_day ymd(d);
  const int y = static_cast<int>(ymd.year());
  // ISO text where it is unambiguous, days since 1970-01-01 otherwise.
  if (y >= 1 && y <= 9999) {
    w.String(FormatIsoDate(d));
  } else {
    w.Int(d.time_since_epoch().count());
  }
}

void WriteOptionalDay(JsonWriter& w, const std::optional<date::sys_days>& d) {
  if (d) {
    WriteDay(w, *d);
  } else {
    w.Null();
  }
}

// JSON has no NaN or infinity; they travel as strings.
void WriteNumber(JsonWriter& w, double x) {
  if (std::isnan(x)) {
    w.String("nan");
  } else if (std::isinf(x)) {
    w.String(x > 0 ? "inf" : "-inf");
  } else {
    w.Double(x);
  }
}

void WriteIntervals(JsonWriter& w, const std::vector<DateInterval>& v) {
  w.BeginArray();
  for (const DateInterval& i : v) {
    w.BeginObject();
    w.Key("begin");
    WriteDay(w, i.begin);
    w.Key("end");
    WriteDay(w, i.end);
    w.StringMember("granularity", GranularityName(i.granularity));
    w.EndObject();
  }
  w.EndArray();
}

void WriteDateValue(JsonWriter& w, const DateValue& v) {
  w.BeginObject();
  w.StringMember("type", "date");
  w.Key("alternatives");
  WriteIntervals(w, v.alternatives);
  w.BoolMember("resolved", v.resolved);
  w.StringMember("timex", v.timex);
  w.Key("month");
  w.Uint(v.month);
  w.Key("day");
  w.Uint(v.day);
  w.BoolMember("relative", v.relative);
  w.BoolMember("approximate", v.approximate);
  w.EndObject();
}

struct ValueWriter {
  JsonWriter& w;
  void operator()(std::monostate) const { w.Null(); }
  void operator()(const DateValue& v) const { WriteDateValue(w, v); }
  void operator()(const DurationValue& v) const {
    w.BeginObject();
    w.StringMember("type", "duration");
    w.Key("amount");
    WriteNumber(w, v.amount);
    w.StringMember("unit", DurationUnitName(v.unit));
    w.BoolMember("approximate", v.approximate);
    w.StringMember("timex", v.timex);
    w.EndObject();
  }
  void operator()(const TimeValue& v) const {
    w.BeginObject();
    w.StringMember("type", "time");
    w.StringMember("timex", v.timex);
    w.Key("date");
    if (v.date) {
      WriteDateValue(w, *v.date);
    } else {
      w.Null();
    }
    w.StringMember("zone", v.zone);
    w.EndObject();
  }
  void operator()(const FigureValue& v) const {
    w.BeginObject();
    w.StringMember("type", "figure");
    w.Key("low");
    WriteNumber(w, v.low);
    w.Key("high");
    WriteNumber(w, v.high);
    w.StringMember("bound", BoundName(v.bound));
    w.StringMember("unit", v.unit);
    w.StringMember("counted", v.counted);
    w.Key("year");
    w.Int(v.year);
    w.EndObject();
  }
  void operator()(const TitleValue& v) const {
    w.BeginObject();
    w.StringMember("type", "title");
    w.StringMember("surface", v.surface);
    w.StringsMember("office_ids", v.office_ids);
    w.StringMember("jurisdiction", v.jurisdiction);
    w.StringMember("person", v.person);
    w.BoolMember("former", v.former);
    w.BoolMember("inferred", v.inferred);
    w.EndObject();
  }
  void operator()(const NameValue& v) const {
    w.BeginObject();
    w.StringMember("type", "name");
    w.StringMember("full", v.full);
    w.StringMember("key", v.key);
    w.BoolMember("organisation", v.organisation);
    w.StringMember("entity", EntityTypeName(v.type));
    w.EndObject();
  }
  void operator()(const QuoteValue& v) const {
    w.BeginObject();
    w.StringMember("type", "quote");
    w.StringMember("text", v.text);
    w.StringMember("speaker", v.speaker);
    w.EndObject();
  }
};

void WriteClaim(JsonWriter& w, const Claim& c) {
  w.BeginObject();
  w.Key("mention");
  w.BeginObject();
  w.StringMember("kind", MentionKindName(c.mention.kind));
  w.Key("begin");
  w.Uint(c.mention.span.begin);
  w.Key("end");
  w.Uint(c.mention.span.end);
  w.Key("value");
  std::visit(ValueWriter{w}, c.mention.value);
  w.StringMember("value_text", c.mention.value_text);
  w.StringMember("timex", c.mention.timex);
  w.StringMember("rule", c.mention.rule_id);
  w.StringMember("subject", c.mention.subject);
  w.EndObject();
  w.Key("evidence");
  WriteEvidenceJson(w, c.evidence);
  w.StringMember("attribute", c.attribute);
  w.StringsMember("context", c.context);
  w.Key("proximity");
  w.BeginArray();
  for (float p : c.proximity) WriteNumber(w, p);
  w.EndArray();
  w.StringsMember("near", c.near);
  w.StringsMember("entities", c.entities);
  w.StringsMember("things", c.things);
  w.StringsMember("measures", c.measures);
  w.BoolMember("measured_by_verb", c.measured_by_verb);
  w.StringMember("event", c.event);
  w.StringsMember("definites", c.definites);
  w.StringsMember("owner", c.owner);
  w.BoolMember("owner_adjacent", c.owner_adjacent);
  w.Key("sentence_index");
  w.Int(c.sentence_index);
  w.Key("published");
  WriteOptionalDay(w, c.published);
  w.Key("sentence_dates");
  WriteIntervals(w, c.sentence_dates);
  w.EndObject();
}

// --------------------------------------------------------------- decoding

// Where a field is: "claims[3].mention.value.low". Made on the stack as
// the decoder descends; turned into text only for an error message.
struct Where {
  const Where* parent = nullptr;
  const char* key = nullptr;  // a member of the parent, or
  size_t index = 0;           // (key == nullptr) an element of it
  bool root = true;

  Where() = default;
  Where(const Where& p, const char* k) : parent(&p), key(k), root(false) {}
  Where(const Where& p, size_t i) : parent(&p), index(i), root(false) {}

  std::string Text() const {
    if (root) return "";
    std::string out = parent->Text();
    if (key == nullptr) return absl::StrCat(out, "[", index, "]");
    return out.empty() ? std::string(key) : absl::StrCat(out, ".", key);
  }
};

// Collects the first error; getters return a default once one is recorded.
class Decoder {
 public:
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  void Fail(const Where& where, std::string_view what) {
    if (error_.empty()) error_ = absl::StrCat(where.Text(), ": ", AsAbsl(what));
  }

  JsonRef Field(JsonRef obj, const Where& where, const char* key) {
    if (!ok()) return {};
    if (!obj.is_object()) {
      Fail(where, "expected an object");
      return {};
    }
    const JsonRef j = obj.Find(key, obj == last_object_ ? last_member_ : JsonRef());
    if (!j.valid()) {
      Fail(Where(where, key), "missing");
      return j;
    }
    last_object_ = obj;
    last_member_ = j;
    return j;
  }

  std::string Str(JsonRef obj, const Where& where, const char* key) {
    const JsonRef j = Field(obj, where, key);
    if (!j.valid()) return {};
    if (!j.is_string()) {
      Fail(Where(where, key), "expected a string");
      return {};
    }
    return j.string_value();
  }

  bool Bool(JsonRef obj, const Where& where, const char* key) {
    const JsonRef j = Field(obj, where, key);
    if (!j.valid()) return false;
    if (!j.is_bool()) {
      Fail(Where(where, key), "expected true or false");
      return false;
    }
    return j.bool_value();
  }

  // An integer in [lo, hi].
  int64_t Int(JsonRef obj, const Where& where, const char* key, int64_t lo, int64_t hi) {
    const JsonRef j = Field(obj, where, key);
    if (!j.valid()) return 0;
    return IntValue(j, Where(where, key), lo, hi);
  }

  int64_t IntValue(JsonRef j, const Where& where, int64_t lo, int64_t hi) {
    if (!ok()) return 0;
    bool in_range = false;
    int64_t v = 0;
    if (const std::optional<uint64_t> u = j.uint_value()) {
      in_range = *u <= static_cast<uint64_t>(hi);
      v = in_range ? static_cast<int64_t>(*u) : 0;
      in_range = in_range && v >= lo;
    } else if (const std::optional<int64_t> i = j.int_value()) {
      v = *i;
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

  double Number(JsonRef obj, const Where& where, const char* key) {
    const JsonRef j = Field(obj, where, key);
    if (!j.valid()) return 0;
    return NumberValue(j, Where(where, key));
  }

  double NumberValue(JsonRef j, const Where& where) {
    if (!ok()) return 0;
    if (j.is_number()) return j.double_value();
    if (j.StringEquals("nan")) return std::numeric_limits<double>::quiet_NaN();
    if (j.StringEquals("inf")) return std::numeric_limits<double>::infinity();
    if (j.StringEquals("-inf")) return -std::numeric_limits<double>::infinity();
    Fail(where, "expected a number");
    return 0;
  }

  std::vector<std::string> Strs(JsonRef obj, const Where& where, const char* key) {
    std::vector<std::string> out;
    const JsonRef a = Array(obj, where, key);
    if (!a.valid()) return out;
    out.reserve(a.size());
    size_t i = 0;
    for (JsonRef e = a.first(); e.valid() && ok(); e = e.next(), ++i) {
      if (!e.is_string()) {
        Fail(Where(Where(where, key), i), "expected a string");
        break;
      }
      out.push_back(e.string_value());
    }
    return out;
  }

  JsonRef Array(JsonRef obj, const Where& where, const char* key) {
    const JsonRef j = Field(obj, where, key);
    if (!j.valid()) return {};
    if (!j.is_array()) {
      Fail(Where(where, key), "expected an array");
      return {};
    }
    return j;
  }

  date::sys_days Day(JsonRef j, const Where& where) {
    if (!ok()) return {};
    if (j.is_string()) {
      if (const auto d = ParseIsoDate(j.string_value())) return *d;
      Fail(where, "expected a date YYYY-MM-DD");
      return {};
    }
    // Far from the common era: days since 1970-01-01.
    const int64_t n = IntValue(j, where, -100000000, 100000000);
    return date::sys_days(date::days(n));
  }

  std::optional<date::sys_days> OptionalDay(JsonRef obj, const Where& where, const char* key) {
    const JsonRef j = Field(obj, where, key);
    if (!j.valid() || j.is_null()) return std::nullopt;
    return Day(j, Where(where, key));
  }

  // An enum given by name: one of `all`.
  template <typename E, size_t N>
  E Enum(JsonRef obj, const Where& where, const char* key, const E (&all)[N],
         const char* (*name)(E)) {
    const JsonRef j = Field(obj, where, key);
    if (!j.valid()) return all[0];
    if (!j.is_string()) {
      Fail(Where(where, key), "expected a string");
      return all[0];
    }
    for (E e : all) {
      if (j.StringEquals(name(e))) return e;
    }
    Fail(Where(where, key), absl::StrCat("unknown value '", j.string_value(), "'"));
    return all[0];
  }

 private:
  std::string error_;
  // The member found last, where the next lookup in its object starts.
  JsonRef last_object_;
  JsonRef last_member_;
};

constexpr Granularity kGranularities[] = {
    Granularity::kDay,     Granularity::kWeek, Granularity::kMonth,
    Granularity::kSeason,  Granularity::kQuarter, Granularity::kHalf,
    Granularity::kYear,    Granularity::kDecade, Granularity::kCentury};
constexpr DurationUnit kDurationUnits[] = {
    DurationUnit::kDay,  DurationUnit::kWeek,   DurationUnit::kMonth,  DurationUnit::kQuarter,
    DurationUnit::kYear, DurationUnit::kDecade, DurationUnit::kCentury};
constexpr Bound kBounds[] = {Bound::kExact,    Bound::kApprox,   Bound::kAtLeast, Bound::kMoreThan,
                             Bound::kAtMost,   Bound::kLessThan, Bound::kRange,
                             Bound::kSome};
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

std::vector<DateInterval> DecodeIntervals(Decoder& d, JsonRef obj, const Where& where,
                                          const char* key) {
  std::vector<DateInterval> out;
  const JsonRef a = d.Array(obj, where, key);
  if (!a.valid()) return out;
  out.reserve(a.size());
  const Where list(where, key);
  size_t i = 0;
  for (JsonRef j = a.first(); j.valid() && d.ok(); j = j.next(), ++i) {
    const Where w(list, i);
    DateInterval interval;
    if (JsonRef b = d.Field(j, w, "begin"); b.valid()) interval.begin = d.Day(b, Where(w, "begin"));
    if (JsonRef e = d.Field(j, w, "end"); e.valid()) interval.end = d.Day(e, Where(w, "end"));
    interval.granularity = d.Enum(j, w, "granularity", kGranularities, &GranularityName);
    out.push_back(interval);
  }
  return out;
}

DateValue DecodeDateValue(Decoder& d, JsonRef j, const Where& where) {
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

Value DecodeValue(Decoder& d, JsonRef j, const Where& where) {
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
    if (const JsonRef date = d.Field(j, where, "date"); date.valid() && !date.is_null()) {
      const Where w(where, "date");
      if (!date.is_object() || !date.Find("type").StringEquals("date")) {
        d.Fail(w, "expected a date value or null");
      }
      v.date = DecodeDateValue(d, date, w);
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
  d.Fail(Where(where, "type"), absl::StrCat("unknown value type '", type, "'"));
  return std::monostate();
}

constexpr int64_t kMaxU32 = std::numeric_limits<uint32_t>::max();
constexpr int64_t kMaxInt = std::numeric_limits<int>::max();

// The aligner searches and intersects these lists as sorted sets, so a
// claims file that breaks the order (edited by hand, or written by another
// tool) is refused here rather than aligned wrongly.
void RequireSortedSet(Decoder& d, const Where& where, const char* key,
                      const std::vector<std::string>& list) {
  if (!d.ok()) return;
  for (size_t i = 1; i < list.size(); ++i) {
    if (!(list[i - 1] < list[i])) {
      d.Fail(Where(Where(where, key), i), "expected sorted, unique strings");
      return;
    }
  }
}

void RequireSubset(Decoder& d, const Where& where, const char* key,
                   const std::vector<std::string>& list, const char* of_key,
                   const std::vector<std::string>& of) {
  if (!d.ok()) return;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!std::binary_search(of.begin(), of.end(), list[i])) {
      d.Fail(Where(Where(where, key), i), absl::StrCat("not one of the ", of_key));
      return;
    }
  }
}

Claim DecodeClaim(Decoder& d, JsonRef j, const Where& where) {
  Claim c;
  const Where mw(where, "mention");
  if (const JsonRef m = d.Field(j, where, "mention"); m.valid()) {
    c.mention.kind = d.Enum(m, mw, "kind", kMentionKinds, &MentionKindName);
    c.mention.span.begin = static_cast<uint32_t>(d.Int(m, mw, "begin", 0, kMaxU32));
    c.mention.span.end = static_cast<uint32_t>(d.Int(m, mw, "end", 0, kMaxU32));
    if (const JsonRef v = d.Field(m, mw, "value"); v.valid()) {
      c.mention.value = DecodeValue(d, v, Where(mw, "value"));
    }
    c.mention.value_text = d.Str(m, mw, "value_text");
    c.mention.timex = d.Str(m, mw, "timex");
    c.mention.rule_id = d.Str(m, mw, "rule");
    c.mention.subject = d.Str(m, mw, "subject");
  }
  const Where ew(where, "evidence");
  if (const JsonRef e = d.Field(j, where, "evidence"); e.valid()) {
    c.evidence.doc = d.Str(e, ew, "doc");
    c.evidence.path = d.Str(e, ew, "path");
    c.evidence.offset = static_cast<uint32_t>(d.Int(e, ew, "offset", 0, kMaxU32));
    c.evidence.length = static_cast<uint32_t>(d.Int(e, ew, "length", 0, kMaxU32));
    c.evidence.line = static_cast<int>(d.Int(e, ew, "line", 0, kMaxInt));
    c.evidence.column = static_cast<int>(d.Int(e, ew, "column", 0, kMaxInt));
    c.evidence.text = d.Str(e, ew, "text");
    c.evidence.sentence = d.Str(e, ew, "sentence");
  }
  c.attribute = d.Str(j, where, "attribute");
  c.context = d.Strs(j, where, "context");
  if (const JsonRef p = d.Array(j, where, "proximity"); p.valid()) {
    const Where pw(where, "proximity");
    c.proximity.reserve(p.size());
    size_t i = 0;
    for (JsonRef x = p.first(); x.valid() && d.ok(); x = x.next(), ++i) {
      c.proximity.push_back(static_cast<float>(d.NumberValue(x, Where(pw, i))));
    }
  }
  if (d.ok() && c.proximity.size() != c.context.size()) {
    // The aligner reads one proximity per context word.
    d.Fail(Where(where, "proximity"),
           absl::StrCat("expected ", c.context.size(), " numbers, one per context word"));
  }
  c.near = d.Strs(j, where, "near");
  c.entities = d.Strs(j, where, "entities");
  c.things = d.Strs(j, where, "things");
  // Added later: records written before lack them.
  auto has = [&](const char* key) { return j.is_object() && j.Find(key).valid(); };
  if (has("measures")) c.measures = d.Strs(j, where, "measures");
  if (has("measured_by_verb")) c.measured_by_verb = d.Bool(j, where, "measured_by_verb");
  if (has("event")) c.event = d.Str(j, where, "event");
  if (has("definites")) c.definites = d.Strs(j, where, "definites");
  if (has("owner")) c.owner = d.Strs(j, where, "owner");
  if (has("owner_adjacent")) c.owner_adjacent = d.Bool(j, where, "owner_adjacent");
  c.sentence_index = static_cast<int>(d.Int(j, where, "sentence_index", 0, kMaxInt));
  c.published = d.OptionalDay(j, where, "published");
  c.sentence_dates = DecodeIntervals(d, j, where, "sentence_dates");
  RequireSortedSet(d, where, "context", c.context);
  RequireSortedSet(d, where, "near", c.near);
  RequireSubset(d, where, "near", c.near, "context", c.context);
  RequireSortedSet(d, where, "entities", c.entities);
  RequireSortedSet(d, where, "things", c.things);
  RequireSubset(d, where, "things", c.things, "entities", c.entities);
  RequireSortedSet(d, where, "definites", c.definites);
  RequireSortedSet(d, where, "owner", c.owner);
  return c;
}

DocClaims DecodeDoc(Decoder& d, JsonRef root) {
  DocClaims out;
  const Where top;
  if (const JsonRef info = d.Field(root, top, "doc"); info.valid()) {
    const Where w(top, "doc");
    out.info.id = d.Str(info, w, "id");
    out.info.path = d.Str(info, w, "path");
    out.info.source = d.Str(info, w, "source");
    out.info.title = d.Str(info, w, "title");
    out.info.published = d.OptionalDay(info, w, "published");
    out.info.published_from = d.Enum(info, w, "published_from", kDateSources, &DateSourceName);
    out.info.notes = d.Strs(info, w, "notes");
    out.info.ignore_kinds = d.Strs(info, w, "ignore_kinds");
  }
  out.keywords = d.Strs(root, top, "keywords");
  if (const JsonRef acronyms = d.Array(root, top, "acronyms"); acronyms.valid()) {
    const Where aw(top, "acronyms");
    size_t i = 0;
    for (JsonRef pair = acronyms.first(); pair.valid() && d.ok(); pair = pair.next(), ++i) {
      const JsonRef abbr = pair.first();
      const JsonRef expansion = abbr.next();
      if (!pair.is_array() || pair.size() != 2 || !abbr.is_string() || !expansion.is_string()) {
        d.Fail(Where(aw, i), "expected [acronym, expansion]");
        break;
      }
      out.acronyms.push_back({abbr.string_value(), expansion.string_value()});
    }
  }
  if (const JsonRef claims = d.Array(root, top, "claims"); claims.valid()) {
    const Where cw(top, "claims");
    out.claims.reserve(claims.size());
    size_t i = 0;
    for (JsonRef c = claims.first(); c.valid() && d.ok(); c = c.next(), ++i) {
      out.claims.push_back(DecodeClaim(d, c, Where(cw, i)));
    }
  }
  return out;
}

}  // namespace

std::string EncodeDocClaims(const DocClaims& doc) {
  std::string out;
  // About 1 KB per claim; one reservation saves the regrowth.
  out.reserve(512 + doc.claims.size() * 1024);
  JsonWriter w(&out);
  w.BeginObject();
  w.StringMember("schema", kClaimsSchema);
  w.Key("doc");
  w.BeginObject();
  w.StringMember("id", doc.info.id);
  w.StringMember("path", doc.info.path);
  w.StringMember("source", doc.info.source);
  w.StringMember("title", doc.info.title);
  w.Key("published");
  WriteOptionalDay(w, doc.info.published);
  w.StringMember("published_from", DateSourceName(doc.info.published_from));
  w.StringsMember("notes", doc.info.notes);
  w.StringsMember("ignore_kinds", doc.info.ignore_kinds);
  w.EndObject();
  w.StringsMember("keywords", doc.keywords);
  w.Key("acronyms");
  w.BeginArray();
  for (const auto& [abbr, expansion] : doc.acronyms) {
    w.BeginArray();
    w.String(abbr);
    w.String(expansion);
    w.EndArray();
  }
  w.EndArray();
  w.Key("claims");
  w.BeginArray();
  for (const Claim& c : doc.claims) WriteClaim(w, c);
  w.EndArray();
  w.EndObject();
  return out;
}

std::string EncodeSkipped(const Skipped& skipped) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.StringMember("schema", kClaimsSchema);
  w.Key("skipped");
  w.BeginObject();
  w.StringMember("path", skipped.path);
  w.StringMember("reason", skipped.reason);
  w.EndObject();
  w.EndObject();
  return out;
}

absl::StatusOr<ClaimsLine> DecodeClaimsLine(std::string_view line) {
  // A key before a tab (Hadoop Streaming's key\tvalue) is not part of the
  // record; the record itself is an object, so it starts with '{'.
  if (!line.empty() && line.front() != '{') {
    const size_t tab = line.find('\t');
    if (tab != std::string_view::npos) line.remove_prefix(tab + 1);
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  JsonTape tape;
  if (!tape.Parse(line)) return absl::InvalidArgumentError("not valid JSON");
  const JsonRef root = tape.root();
  if (!root.is_object()) return absl::InvalidArgumentError("expected a JSON object");
  if (!root.Find("schema").StringEquals(kClaimsSchema)) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a claims record (expected \"schema\": \"", kClaimsSchema, "\")"));
  }
  Decoder d;
  ClaimsLine out;
  if (root.Find("skipped").valid()) {
    Skipped s;
    const Where top;
    if (const JsonRef j = d.Field(root, top, "skipped"); j.valid()) {
      const Where w(top, "skipped");
      s.path = d.Str(j, w, "path");
      s.reason = d.Str(j, w, "reason");
    }
    out.skipped = std::move(s);
  } else {
    out.doc = DecodeDoc(d, root);
  }
  if (!d.ok()) return absl::InvalidArgumentError(d.error());
  return out;
}

}  // namespace concord
