#include "model/claims_binary.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>
#include <type_traits>

namespace concord {
namespace {

// Every field of Claim is written here in declaration order; a new field
// needs a line in Write and in Read (claims_binary_test compares decoded
// claims with the originals field by field through operator==).
//
// Sizes are varints. The claim-level strings and lists are often those of
// the claim before (a document's path, a sentence's words): they are
// written as a 0 then, else as their size + 1.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out), pos_(out->size()) {}
  ~Writer() { out_->resize(pos_); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  template <typename T>
  void Raw(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Ensure(sizeof v);
    std::memcpy(out_->data() + pos_, &v, sizeof v);
    pos_ += sizeof v;
  }
  void Size(size_t n) {
    Ensure(10);
    PutVarint(n);
  }
  void Str(const std::string& s) {
    Ensure(10 + s.size());
    PutVarint(s.size());
    PutBytes(s);
  }
  void Strs(const std::vector<std::string>& v) {
    Size(v.size());
    for (const std::string& s : v) Str(s);
  }
  // `s` as the same as the previous claim's `prev`, or in full.
  void Str(const std::string& s, const std::string& prev) {
    Ensure(10 + s.size());
    if (s == prev) {
      PutVarint(0);
      return;
    }
    PutVarint(s.size() + 1);
    PutBytes(s);
  }
  void Strs(const std::vector<std::string>& v, const std::vector<std::string>& prev) {
    if (v == prev) {
      Size(0);
      return;
    }
    Size(v.size() + 1);
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
  void Head(const DocClaims& d) {
    const DocInfo& i = d.info;
    Str(i.id);
    Str(i.path);
    Str(i.source);
    Str(i.title);
    Raw(i.published.has_value());
    if (i.published) Day(*i.published);
    Raw(static_cast<uint8_t>(i.published_from));
    Strs(i.notes);
    Strs(i.ignore_kinds);
    Strs(d.keywords);
    Size(d.acronyms.size());
    for (const auto& [abbr, expansion] : d.acronyms) {
      Str(abbr);
      Str(expansion);
    }
  }
  void Claims(const std::vector<concord::Claim>& claims) {
    static const concord::Claim kNone;  // what the first claim is compared with
    Size(claims.size());
    const concord::Claim* prev = &kNone;
    for (const concord::Claim& c : claims) {
      Claim(c, *prev);
      prev = &c;
    }
  }
  void Claim(const concord::Claim& c, const concord::Claim& p) {
    const Mention& m = c.mention;
    Raw(static_cast<uint8_t>(m.kind));
    Raw(m.span.begin);
    Raw(m.span.end);
    Value(m.value);
    Str(m.value_text, p.mention.value_text);
    Str(m.timex, p.mention.timex);
    Str(m.rule_id, p.mention.rule_id);
    Str(m.subject, p.mention.subject);
    const Evidence& e = c.evidence;
    Str(e.doc, p.evidence.doc);
    Str(e.path, p.evidence.path);
    Raw(e.offset);
    Raw(e.length);
    Raw(e.line);
    Raw(e.column);
    Str(e.text, p.evidence.text);
    Str(e.sentence, p.evidence.sentence);
    Str(c.attribute, p.attribute);
    Strs(c.context, p.context);
    if (c.proximity == p.proximity) {
      Size(0);
    } else {
      Size(c.proximity.size() + 1);
      for (float x : c.proximity) Raw(x);
    }
    Strs(c.near, p.near);
    Strs(c.measures, p.measures);
    Raw(c.measured_by_verb);
    Str(c.event, p.event);
    Strs(c.owner, p.owner);
    Raw(c.owner_adjacent);
    Strs(c.definites, p.definites);
    Strs(c.entities, p.entities);
    Strs(c.things, p.things);
    Raw(c.sentence_index);
    Raw(c.published.has_value());
    if (c.published) Day(*c.published);
    if (c.sentence_dates == p.sentence_dates) {
      Size(0);
    } else {
      Size(c.sentence_dates.size() + 1);
      for (const DateInterval& i : c.sentence_dates) Interval(i);
    }
  }

 private:
  void Ensure(size_t n) {
    if (out_->size() - pos_ < n) [[unlikely]] Grow(n);
  }
  [[gnu::noinline]] void Grow(size_t n) {
    out_->resize(std::max(out_->size() * 2, pos_ + n + 4096));
  }
  // After Ensure(10).
  void PutVarint(size_t n) {
    char* p = out_->data() + pos_;
    char* const begin = p;
    while (n >= 0x80) {
      *p++ = static_cast<char>(n | 0x80);
      n >>= 7;
    }
    *p++ = static_cast<char>(n);
    pos_ += static_cast<size_t>(p - begin);
  }
  // After Ensure(s.size()).
  void PutBytes(const std::string& s) {
    std::memcpy(out_->data() + pos_, s.data(), s.size());
    pos_ += s.size();
  }

  std::string* out_;
  size_t pos_;  // bytes written; out_ is larger until the end
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
    const uint64_t n = Varint();
    if (!ok_ || n > in_.size() / std::max<size_t>(1, min_bytes)) {
      ok_ = false;
      return 0;
    }
    return static_cast<size_t>(n);
  }
  void Str(std::string* s) {
    const size_t n = Size(1);
    if (!ok_ || n == 0) return;  // `*s` starts empty
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
  }
  void Strs(std::vector<std::string>* v) { StrsOf(Size(1), v); }
  // `n` strings into the empty `*v`.
  void StrsOf(size_t n, std::vector<std::string>* v) {
    v->reserve(n);
    for (size_t k = 0; k < n && ok_; ++k) {
      const size_t size = Size(1);
      if (!ok_) return;
      v->emplace_back(in_.data(), size);
      in_.remove_prefix(size);
    }
  }
  // What Writer::Str(s, prev) wrote.
  void Str(std::string* s, const std::string& prev) {
    const std::optional<size_t> n = SizeOrSame(1);
    if (!ok_) return;
    if (!n) {
      *s = prev;
      return;
    }
    s->assign(in_.data(), *n);
    in_.remove_prefix(*n);
  }
  void Strs(std::vector<std::string>* v, const std::vector<std::string>& prev) {
    const std::optional<size_t> n = SizeOrSame(1);
    if (!ok_) return;
    if (!n) {
      *v = prev;
      return;
    }
    StrsOf(*n, v);
  }
  // A size + 1 after a 0 meaning "as before": the size, or nullopt for 0.
  std::optional<size_t> SizeOrSame(size_t min_bytes) {
    const uint64_t tag = Varint();
    if (!ok_ || tag == 0) return std::nullopt;
    if (tag - 1 > in_.size() / std::max<size_t>(1, min_bytes)) {
      ok_ = false;
      return std::nullopt;
    }
    return static_cast<size_t>(tag - 1);
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
  void Head(DocClaims* d) {
    DocInfo& i = d->info;
    Str(&i.id);
    Str(&i.path);
    Str(&i.source);
    Str(&i.title);
    bool has = false;
    Raw(&has);
    if (has) Day(&i.published.emplace());
    Enum(&i.published_from, static_cast<int>(DateSource::kFlag));
    Strs(&i.notes);
    Strs(&i.ignore_kinds);
    Strs(&d->keywords);
    d->acronyms.resize(Size(2));
    for (auto& [abbr, expansion] : d->acronyms) {
      Str(&abbr);
      Str(&expansion);
    }
  }
  void Claims(std::vector<concord::Claim>* claims) {
    static const concord::Claim kNone;
    claims->resize(Size(16));
    for (size_t i = 0; i < claims->size() && ok_; ++i) {
      Claim(&(*claims)[i], i == 0 ? kNone : (*claims)[i - 1]);
    }
  }
  void Claim(concord::Claim* c, const concord::Claim& p) {
    Mention& m = c->mention;
    Enum(&m.kind, static_cast<int>(MentionKind::kQuote));
    Raw(&m.span.begin);
    Raw(&m.span.end);
    Value(&m.value);
    Str(&m.value_text, p.mention.value_text);
    Str(&m.timex, p.mention.timex);
    Str(&m.rule_id, p.mention.rule_id);
    Str(&m.subject, p.mention.subject);
    Evidence& e = c->evidence;
    Str(&e.doc, p.evidence.doc);
    Str(&e.path, p.evidence.path);
    Raw(&e.offset);
    Raw(&e.length);
    Raw(&e.line);
    Raw(&e.column);
    Str(&e.text, p.evidence.text);
    Str(&e.sentence, p.evidence.sentence);
    Str(&c->attribute, p.attribute);
    Strs(&c->context, p.context);
    if (const std::optional<size_t> n = SizeOrSame(sizeof(float))) {
      c->proximity.resize(*n);
      for (float& x : c->proximity) Raw(&x);
    } else if (ok_) {
      c->proximity = p.proximity;
    }
    Strs(&c->near, p.near);
    Strs(&c->measures, p.measures);
    Raw(&c->measured_by_verb);
    Str(&c->event, p.event);
    Strs(&c->owner, p.owner);
    Raw(&c->owner_adjacent);
    Strs(&c->definites, p.definites);
    Strs(&c->entities, p.entities);
    Strs(&c->things, p.things);
    Raw(&c->sentence_index);
    bool has = false;
    Raw(&has);
    if (has) Day(&c->published.emplace());
    if (const std::optional<size_t> n = SizeOrSame(9)) {
      c->sentence_dates.resize(*n);
      for (DateInterval& i : c->sentence_dates) Interval(&i);
    } else if (ok_) {
      c->sentence_dates = p.sentence_dates;
    }
  }

 private:
  uint64_t Varint() {
    if (ok_ && !in_.empty() && static_cast<uint8_t>(in_.front()) < 0x80) [[likely]] {
      const auto v = static_cast<uint8_t>(in_.front());
      in_.remove_prefix(1);
      return v;
    }
    return LongVarint();
  }
  uint64_t LongVarint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!ok_ || in_.empty()) break;
      const auto b = static_cast<uint8_t>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ok_ = false;
    return 0;
  }

  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

void EncodeClaimsBinary(const std::vector<Claim>& claims, std::string* out) {
  Writer w(out);
  w.Claims(claims);
}

bool DecodeClaimsBinary(std::string_view data, std::vector<Claim>* claims) {
  Reader r(data);
  claims->clear();
  r.Claims(claims);
  if (!r.ok() || !r.done()) {
    claims->clear();
    return false;
  }
  return true;
}

void EncodeDocClaimsBinary(const DocClaims& doc, std::string* out) {
  Writer w(out);
  w.Head(doc);
  w.Claims(doc.claims);
}

std::string ClaimsBinaryTag() {
  std::string tag = "claims-binary/" + std::to_string(kClaimsBinaryVersion);
  tag += std::endian::native == std::endian::little ? " le" : " be";
  return tag;
}

bool DecodeDocClaimsBinary(std::string_view data, DocClaims* doc) {
  Reader r(data);
  *doc = DocClaims();
  r.Head(doc);
  r.Claims(&doc->claims);
  if (!r.ok() || !r.done()) {
    *doc = DocClaims();
    return false;
  }
  return true;
}

}  // namespace concord
