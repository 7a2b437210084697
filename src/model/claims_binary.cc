#include "model/claims_binary.h"

#include <cstring>
#include <type_traits>

namespace concord {
namespace {

// Every field of Claim is written here in declaration order; a new field
// needs a line in Write and in Read (claims_binary_test compares decoded
// claims with the originals field by field through operator==).
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  template <typename T>
  void Raw(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_->append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Size(size_t n) { Raw(static_cast<uint32_t>(n)); }
  void Str(const std::string& s) {
    Size(s.size());
    out_->append(s);
  }
  void Strs(const std::vector<std::string>& v) {
    Size(v.size());
    for (const std::string& s : v) Str(s);
  }
  void Day(date::sys_days d) { Raw(static_cast<int32_t>(d.time_since_epoch().count())); }
  void Interval(const DateInterval& i) {
    Day(i.begin);
    Day(i.end);
    Raw(static_cast<uint8_t>(i.granularity));
  }
  void Date(const DateValue& d) {
    Size(d.alternatives.size());
    for (const DateInterval& i : d.alternatives) Interval(i);
    Raw(d.resolved);
    Str(d.timex);
    Raw(d.month);
    Raw(d.day);
    Raw(d.relative);
    Raw(d.approximate);
  }
  void Value(const concord::Value& v) {
    Raw(static_cast<uint8_t>(v.index()));
    if (const auto* d = std::get_if<DateValue>(&v)) {
      Date(*d);
    } else if (const auto* u = std::get_if<DurationValue>(&v)) {
      Raw(u->amount);
      Raw(static_cast<uint8_t>(u->unit));
      Raw(u->approximate);
      Str(u->timex);
    } else if (const auto* t = std::get_if<TimeValue>(&v)) {
      Str(t->timex);
      Raw(t->date.has_value());
      if (t->date) Date(*t->date);
      Str(t->zone);
    } else if (const auto* f = std::get_if<FigureValue>(&v)) {
      Raw(f->low);
      Raw(f->high);
      Raw(static_cast<uint8_t>(f->bound));
      Str(f->unit);
      Str(f->counted);
      Raw(f->year);
    } else if (const auto* t = std::get_if<TitleValue>(&v)) {
      Str(t->surface);
      Strs(t->office_ids);
      Str(t->jurisdiction);
      Str(t->person);
      Raw(t->former);
      Raw(t->inferred);
    } else if (const auto* n = std::get_if<NameValue>(&v)) {
      Str(n->full);
      Str(n->key);
      Raw(n->organisation);
      Raw(static_cast<uint8_t>(n->type));
    } else if (const auto* q = std::get_if<QuoteValue>(&v)) {
      Str(q->text);
      Str(q->speaker);
    }
  }
  void Claim(const concord::Claim& c) {
    const Mention& m = c.mention;
    Raw(static_cast<uint8_t>(m.kind));
    Raw(m.span.begin);
    Raw(m.span.end);
    Value(m.value);
    Str(m.value_text);
    Str(m.timex);
    Str(m.rule_id);
    Str(m.subject);
    const Evidence& e = c.evidence;
    Str(e.doc);
    Str(e.path);
    Raw(e.offset);
    Raw(e.length);
    Raw(e.line);
    Raw(e.column);
    Str(e.text);
    Str(e.sentence);
    Str(c.attribute);
    Strs(c.context);
    Size(c.proximity.size());
    for (float p : c.proximity) Raw(p);
    Strs(c.near);
    Strs(c.measures);
    Raw(c.measured_by_verb);
    Str(c.event);
    Strs(c.owner);
    Raw(c.owner_adjacent);
    Strs(c.definites);
    Strs(c.entities);
    Strs(c.things);
    Raw(c.sentence_index);
    Raw(c.published.has_value());
    if (c.published) Day(*c.published);
    Size(c.sentence_dates.size());
    for (const DateInterval& i : c.sentence_dates) Interval(i);
  }

 private:
  std::string* out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }

  template <typename T>
  void Raw(T* v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!ok_ || in_.size() < sizeof *v) {
      ok_ = false;
      return;
    }
    std::memcpy(v, in_.data(), sizeof *v);
    in_.remove_prefix(sizeof *v);
  }
  void Raw(bool* b) {
    uint8_t v = 0;
    Raw(&v);
    if (v > 1) ok_ = false;
    *b = v == 1;
  }
  template <typename E>
  void Enum(E* e, int last) {
    uint8_t v = 0;
    Raw(&v);
    if (v > last) ok_ = false;
    *e = static_cast<E>(v);
  }
  // A count of items of at least `min_bytes` each: never more than the
  // bytes left could hold, so a corrupt count cannot allocate wildly.
  size_t Size(size_t min_bytes) {
    uint32_t n = 0;
    Raw(&n);
    if (!ok_ || n > in_.size() / std::max<size_t>(1, min_bytes)) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  void Str(std::string* s) {
    const size_t n = Size(1);
    if (!ok_) return;
    s->assign(in_.substr(0, n));
    in_.remove_prefix(n);
  }
  void Strs(std::vector<std::string>* v) {
    v->resize(Size(4));
    for (std::string& s : *v) Str(&s);
  }
  void Day(date::sys_days* d) {
    int32_t n = 0;
    Raw(&n);
    *d = date::sys_days{date::days{n}};
  }
  void Interval(DateInterval* i) {
    Day(&i->begin);
    Day(&i->end);
    Enum(&i->granularity, static_cast<int>(Granularity::kCentury));
  }
  void Date(DateValue* d) {
    d->alternatives.resize(Size(9));
    for (DateInterval& i : d->alternatives) Interval(&i);
    Raw(&d->resolved);
    Str(&d->timex);
    Raw(&d->month);
    Raw(&d->day);
    Raw(&d->relative);
    Raw(&d->approximate);
  }
  void Value(concord::Value* v) {
    uint8_t index = 0;
    Raw(&index);
    switch (index) {
      case 0: *v = std::monostate{}; break;
      case 1: Date(&v->emplace<DateValue>()); break;
      case 2: {
        DurationValue& u = v->emplace<DurationValue>();
        Raw(&u.amount);
        Enum(&u.unit, static_cast<int>(DurationUnit::kCentury));
        Raw(&u.approximate);
        Str(&u.timex);
        break;
      }
      case 3: {
        TimeValue& t = v->emplace<TimeValue>();
        Str(&t.timex);
        bool has = false;
        Raw(&has);
        if (has) Date(&t.date.emplace());
        Str(&t.zone);
        break;
      }
      case 4: {
        FigureValue& f = v->emplace<FigureValue>();
        Raw(&f.low);
        Raw(&f.high);
        Enum(&f.bound, static_cast<int>(Bound::kSome));
        Str(&f.unit);
        Str(&f.counted);
        Raw(&f.year);
        break;
      }
      case 5: {
        TitleValue& t = v->emplace<TitleValue>();
        Str(&t.surface);
        Strs(&t.office_ids);
        Str(&t.jurisdiction);
        Str(&t.person);
        Raw(&t.former);
        Raw(&t.inferred);
        break;
      }
      case 6: {
        NameValue& n = v->emplace<NameValue>();
        Str(&n.full);
        Str(&n.key);
        Raw(&n.organisation);
        Enum(&n.type, static_cast<int>(EntityType::kOther));
        break;
      }
      case 7: {
        QuoteValue& q = v->emplace<QuoteValue>();
        Str(&q.text);
        Str(&q.speaker);
        break;
      }
      default: ok_ = false;
    }
  }
  void Claim(concord::Claim* c) {
    Mention& m = c->mention;
    Enum(&m.kind, static_cast<int>(MentionKind::kQuote));
    Raw(&m.span.begin);
    Raw(&m.span.end);
    Value(&m.value);
    Str(&m.value_text);
    Str(&m.timex);
    Str(&m.rule_id);
    Str(&m.subject);
    Evidence& e = c->evidence;
    Str(&e.doc);
    Str(&e.path);
    Raw(&e.offset);
    Raw(&e.length);
    Raw(&e.line);
    Raw(&e.column);
    Str(&e.text);
    Str(&e.sentence);
    Str(&c->attribute);
    Strs(&c->context);
    c->proximity.resize(Size(sizeof(float)));
    for (float& p : c->proximity) Raw(&p);
    Strs(&c->near);
    Strs(&c->measures);
    Raw(&c->measured_by_verb);
    Str(&c->event);
    Strs(&c->owner);
    Raw(&c->owner_adjacent);
    Strs(&c->definites);
    Strs(&c->entities);
    Strs(&c->things);
    Raw(&c->sentence_index);
    bool has = false;
    Raw(&has);
    if (has) Day(&c->published.emplace());
    c->sentence_dates.resize(Size(9));
    for (DateInterval& i : c->sentence_dates) Interval(&i);
  }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

void EncodeClaimsBinary(const std::vector<Claim>& claims, std::string* out) {
  Writer w(out);
  w.Size(claims.size());
  for (const Claim& c : claims) w.Claim(c);
}

bool DecodeClaimsBinary(std::string_view data, std::vector<Claim>* claims) {
  Reader r(data);
  claims->clear();
  claims->resize(r.Size(16));
  for (Claim& c : *claims) {
    r.Claim(&c);
    if (!r.ok()) break;
  }
  if (!r.ok() || !r.done()) {
    claims->clear();
    return false;
  }
  return true;
}

}  // namespace concord
