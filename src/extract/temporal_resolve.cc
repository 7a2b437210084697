// Second pass of the temporal engine: anchoring an underspecified date to
// the publication date, and TIMEX3 formatting.
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "date/iso_week.h"
#include "extract/temporal_rules.h"

namespace concord::extract {
namespace {

using date::days;
using date::sys_days;
using date::year_month_day;

sys_days Ymd(int y, unsigned m, unsigned d) {
  return sys_days(date::year{y} / date::month{m} / date::day{d});
}

DateInterval Iv(sys_days b, sys_days e, Granularity g) {
  DateInterval iv;
  iv.begin = b;
  iv.end = e;
  iv.granularity = g;
  return iv;
}

DateInterval DayIv(sys_days d) { return Iv(d, d + days{1}, Granularity::kDay); }

DateInterval MonthIv(int y, unsigned m) {
  const auto first = date::year{y} / date::month{m} / 1;
  const auto next = first + date::months{1};
  return Iv(sys_days(first), sys_days(next), Granularity::kMonth);
}

DateInterval YearIv(int y) {
  return Iv(Ymd(y, 1, 1), Ymd(y + 1, 1, 1), Granularity::kYear);
}

DateInterval SpanMonths(int y, unsigned m, int count, Granularity g) {
  const auto first = date::year{y} / date::month{m} / 1;
  return Iv(sys_days(first), sys_days(first + date::months{count}), g);
}

DateInterval QuarterIv(int y, int q) {
  return SpanMonths(y, 3 * (q - 1) + 1, 3, Granularity::kQuarter);
}
DateInterval HalfIv(int y, int h) {
  return SpanMonths(y, 6 * (h - 1) + 1, 6, Granularity::kHalf);
}
// Meteorological seasons of the northern hemisphere; winter starts in
// December of its year.
DateInterval SeasonIv(int y, int s) {
  return SpanMonths(y, 3 * s, 3, Granularity::kSeason);
}

DateInterval WeekIv(sys_days d) {
  const date::weekday wd{d};
  const int from_monday = static_cast<int>((wd - date::Monday).count());
  const sys_days monday = d - days{from_monday};
  return Iv(monday, monday + days{7}, Granularity::kWeek);
}

DateInterval ApplyModifier(DateInterval iv, int modifier) {
  if (modifier == 0 || iv.granularity == Granularity::kDay) return iv;
  const auto len = (iv.end - iv.begin).count();
  const auto third = len / 3;
  if (modifier < 0) {
    iv.end = iv.begin + days{third};
  } else if (modifier == 1) {
    iv.begin = iv.begin + days{third};
    iv.end = iv.begin + days{len - 2 * third};
  } else {
    iv.begin = iv.end - days{third};
  }
  return iv;
}

year_month_day ToYmd(sys_days d) { return year_month_day{d}; }
int YearOf(sys_days d) { return static_cast<int>(ToYmd(d).year()); }
unsigned MonthOf(sys_days d) { return static_cast<unsigned>(ToYmd(d).month()); }

bool ValidDay(int y, unsigned m, unsigned d) {
  return m >= 1 && m <= 12 && d >= 1 &&
         (date::year{y} / date::month{m} / date::day{d}).ok();
}

// Picks among yearly repetitions of a period by tense: past -> the latest
// whose start is not after `pub`; future -> the earliest whose end is after
// `pub`; unclear -> the one closest to `pub`.
template <typename Make>
std::optional<DateInterval> ByTense(int pub_year, sys_days pub, Tense tense,
                                    Make make) {
  std::optional<DateInterval> best;
  long best_distance = 0;
  for (int y = pub_year - 1; y <= pub_year + 1; ++y) {
    std::optional<DateInterval> iv = make(y);
    if (!iv) continue;
    switch (tense) {
      case Tense::kPast:
        if (iv->begin <= pub) best = iv;
        break;
      case Tense::kFuture:
        if (!best && iv->end > pub) best = iv;
        break;
      case Tense::kUnclear: {
        long distance = 0;
        if (pub < iv->begin) distance = (iv->begin - pub).count();
        else if (pub >= iv->end) distance = (pub - iv->end).count() + 1;
        if (!best || distance < best_distance) {
          best = iv;
          best_distance = distance;
        }
        break;
      }
    }
  }
  return best;
}

const char* kSeasonCode[] = {"", "SP", "SU", "FA", "WI"};

DateValue Unresolved(std::string timex, unsigned month = 0, unsigned day = 0) {
  DateValue v;
  v.resolved = false;
  v.relative = true;
  v.timex = std::move(timex);
  v.month = month;
  v.day = day;
  return v;
}

}  // namespace

namespace {

// Appends `v` with at least `width` digits (v >= 0).
void AppendNumber(std::string* out, int v, int width) {
  char buf[12];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 && n < 11);
  while (n < width) buf[n++] = '0';
  while (n > 0) out->push_back(buf[--n]);
}

}  // namespace

// Hand-formatted: this runs for every mention.
std::string IntervalTimex(const DateInterval& iv) {
  const year_month_day b = ToYmd(iv.begin);
  const int y = static_cast<int>(b.year());
  const unsigned m = static_cast<unsigned>(b.month());
  if (y < 0) return absl::StrFormat("%d", y);  // not a news date
  std::string out;
  switch (iv.granularity) {
    case Granularity::kDay:
      AppendNumber(&out, y, 4);
      out.push_back('-');
      AppendNumber(&out, static_cast<int>(m), 2);
      out.push_back('-');
      AppendNumber(&out, static_cast<int>(static_cast<unsigned>(b.day())), 2);
      return out;
    case Granularity::kWeek: {
      const iso_week::year_weeknum_weekday w{iv.begin};
      AppendNumber(&out, static_cast<int>(w.year()), 4);
      out.append("-W");
      AppendNumber(&out, static_cast<int>(static_cast<unsigned>(w.weeknum())), 2);
      return out;
    }
    case Granularity::kMonth:
      AppendNumber(&out, y, 4);
      out.push_back('-');
      AppendNumber(&out, static_cast<int>(m), 2);
      return out;
    case Granularity::kSeason:
      AppendNumber(&out, y, 4);
      out.push_back('-');
      out.append(kSeasonCode[m / 3 == 4 ? 4 : m / 3]);
      return out;
    case Granularity::kQuarter:
      AppendNumber(&out, y, 4);
      out.append("-Q");
      AppendNumber(&out, static_cast<int>((m - 1) / 3 + 1), 1);
      return out;
    case Granularity::kHalf:
      AppendNumber(&out, y, 4);
      out.append("-H");
      AppendNumber(&out, static_cast<int>((m - 1) / 6 + 1), 1);
      return out;
    case Granularity::kYear:
      AppendNumber(&out, y, 4);
      return out;
    case Granularity::kDecade:
      AppendNumber(&out, y / 10, 3);
      return out;
    case Granularity::kCentury:
      AppendNumber(&out, y / 100, 2);
      return out;
  }
  return "";
}

std::optional<DateValue> ResolveDate(const PartialDate& p,
                                     std::optional<date::sys_days> published,
                                     std::optional<date::sys_days> reference,
                                     Tense tense) {
  DateValue v;
  v.approximate = p.approximate || p.modifier != 0;
  auto done = [&](DateInterval iv, bool relative) -> std::optional<DateValue> {
    iv = ApplyModifier(iv, p.modifier);
    v.alternatives.push_back(iv);
    v.resolved = true;
    v.relative = relative;
    v.timex = IntervalTimex(iv);
    const year_month_day b = ToYmd(iv.begin);
    if (iv.granularity == Granularity::kDay) {
      v.month = static_cast<unsigned>(b.month());
      v.day = static_cast<unsigned>(b.day());
    } else if (iv.granularity == Granularity::kMonth) {
      v.month = static_cast<unsigned>(b.month());
    }
    // Each path returns what done() gives at once: `v` is not read again.
    return std::move(v);
  };
  const int pub_year = published ? YearOf(*published) : 0;
  // The year the text gives, if it can be known.
  std::optional<int> year;
  if (p.year != 0) year = p.year;
  if (p.year_relative && published) year = pub_year + p.year_shift;
  const bool needs_pub = p.year_relative;

  if (p.decade != 0) {
    DateInterval iv = Iv(Ymd(p.decade * 10, 1, 1), Ymd(p.decade * 10 + 10, 1, 1),
                         Granularity::kDecade);
    return done(iv, false);
  }
  if (p.century != 0) {
    DateInterval iv = Iv(Ymd(p.century * 100, 1, 1),
                         Ymd(p.century * 100 + 100, 1, 1), Granularity::kCentury);
    return done(iv, false);
  }
  if (p.anchored) {
    const std::optional<sys_days> base =
        p.from_last_mention && reference ? reference : published;
    if (!base) {
      switch (p.unit) {
        case Granularity::kDay: return Unresolved("XXXX-XX-XX");
        case Granularity::kWeek: return Unresolved(p.weekend ? "XXXX-WXX-WE" : "XXXX-WXX");
        case Granularity::kMonth: return Unresolved("XXXX-XX");
        default: return Unresolved("XXXX");
      }
    }
    const double whole = static_cast<double>(static_cast<long>(p.shift));
    const bool fractional = p.shift != whole;
    const long shift = static_cast<long>(p.shift);
    auto shifted_months = [&](int per) {
      const year_month_day b = ToYmd(*base);
      if (fractional) {
        return *base + days{static_cast<long>(p.shift * per * 30.436875)};
      }
      const auto ym = (b.year() / b.month()) + date::months{shift * per};
      return sys_days(ym / 1);
    };
    switch (p.unit) {
      case Granularity::kDay: {
        if (p.weekday_count != 0 && p.weekday != 0) {
          const date::weekday target{static_cast<unsigned>(p.weekday % 7)};
          const date::weekday from{*base};
          const long weeks = std::abs(p.weekday_count) - 1;
          if (p.weekday_count > 0) {
            const long ahead = (target - from).count();
            return done(DayIv(*base + days{(ahead == 0 ? 7 : ahead) + 7 * weeks}), true);
          }
          const long back = (from - target).count();
          return done(DayIv(*base - days{(back == 0 ? 7 : back) + 7 * weeks}), true);
        }
        sys_days d = *base + days{p.first_shift};
        if (p.month_shift != 0) {
          // Calendar months first, the day clamped to the month's end.
          const year_month_day b = ToYmd(d);
          const auto ym = (b.year() / b.month()) + date::months{p.month_shift};
          const auto last = date::year_month_day_last(ym.year(), date::month_day_last(ym.month()));
          d = sys_days(ym / std::min(b.day(), last.day()));
        }
        return done(DayIv(d + days{static_cast<long>(p.shift)}), true);
      }
      case Granularity::kWeek: {
        const DateInterval week = WeekIv(*base + days{static_cast<long>(p.shift * 7)});
        if (p.weekday != 0) return done(DayIv(week.begin + days{p.weekday - 1}), true);
        if (p.weekend) {
          auto v = done(Iv(week.begin + days{5}, week.end, Granularity::kWeek), true);
          v->timex += "-WE";
          return v;
        }
        return done(week, true);
      }
      case Granularity::kMonth: {
        const sys_days d = shifted_months(1);
        if (p.day != 0) {
          if (!ValidDay(YearOf(d), MonthOf(d), p.day)) return std::nullopt;
          return done(DayIv(Ymd(YearOf(d), MonthOf(d), p.day)), true);
        }
        return done(MonthIv(YearOf(d), MonthOf(d)), true);
      }
      case Granularity::kQuarter: {
        const sys_days d = shifted_months(3);
        return done(QuarterIv(YearOf(d), (MonthOf(d) - 1) / 3 + 1), true);
      }
      case Granularity::kHalf: {
        const sys_days d = shifted_months(6);
        return done(HalfIv(YearOf(d), (MonthOf(d) - 1) / 6 + 1), true);
      }
      case Granularity::kSeason:
      case Granularity::kYear: {
        const sys_days d = shifted_months(12);
        return done(YearIv(YearOf(d)), true);
      }
      case Granularity::kDecade: {
        const int y = YearOf(shifted_months(120)) / 10 * 10;
        return done(Iv(Ymd(y, 1, 1), Ymd(y + 10, 1, 1), Granularity::kDecade),
                    true);
      }
      case Granularity::kCentury: {
        const int y = YearOf(shifted_months(1200)) / 100 * 100;
        return done(Iv(Ymd(y, 1, 1), Ymd(y + 100, 1, 1), Granularity::kCentury),
                    true);
      }
    }
  }
  // Periods within a year: season, quarter, half.
  if (p.season != 0 || p.quarter != 0 || p.half != 0) {
    auto make = [&](int y) {
      if (p.season != 0) return SeasonIv(y, p.season);
      if (p.quarter != 0) return QuarterIv(y, p.quarter);
      return HalfIv(y, p.half);
    };
    if (year) return done(make(*year), needs_pub);
    if (!published) {
      if (p.season != 0) return Unresolved(absl::StrCat("XXXX-", kSeasonCode[p.season]));
      if (p.quarter != 0) return Unresolved(absl::StrCat("XXXX-Q", p.quarter));
      return Unresolved(absl::StrCat("XXXX-H", p.half));
    }
    Tense t = tense;
    if (p.relation == -1) t = Tense::kPast;
    if (p.relation == 1) t = Tense::kFuture;
    auto pick = ByTense(pub_year, *published, t,
                        [&](int y) -> std::optional<DateInterval> {
                          DateInterval iv = make(y);
                          // "last summer" is a finished one, "next" one to come.
                          if (p.relation == -1 && iv.end > *published) return std::nullopt;
                          if (p.relation == 1 && iv.begin <= *published) return std::nullopt;
                          if (p.relation == 0 && YearOf(iv.begin) != pub_year) return std::nullopt;
                          return iv;
                        });
    if (!pick) return std::nullopt;
    return done(*pick, true);
  }
  if (p.day != 0 && p.month == 0 && !year) {
    // A day of the month, maybe with its weekday ("Friday the 22nd"): the
    // month around the publication date where it exists (and falls on that
    // weekday), by tense.
    if (!published) return Unresolved(absl::StrFormat("XXXX-XX-%02d", p.day));
    const year_month_day pb = ToYmd(*published);
    const auto pub_ym = pb.year() / pb.month();
    std::optional<DateInterval> before, after;  // latest <= pub, earliest > pub
    for (int k = -12; k <= 12; ++k) {
      const auto ym = pub_ym + date::months{k};
      const int y = static_cast<int>(ym.year());
      const unsigned m = static_cast<unsigned>(ym.month());
      if (!ValidDay(y, m, p.day)) continue;
      const sys_days d = Ymd(y, m, p.day);
      if (p.weekday != 0 &&
          date::weekday{d}.iso_encoding() != static_cast<unsigned>(p.weekday)) {
        continue;
      }
      if (d <= *published) before = DayIv(d);
      else if (!after) after = DayIv(d);
    }
    std::optional<DateInterval> pick;
    if (tense == Tense::kPast) pick = before ? before : after;
    else if (tense == Tense::kFuture) pick = after ? after : before;
    else if (before && after) {
      pick = (*published - before->begin) <= (after->begin - *published) ? before : after;
    } else {
      pick = before ? before : after;
    }
    if (!pick) return std::nullopt;
    return done(*pick, true);
  }
  if (p.month == 0 && p.weekday == 0) {
    if (!year) {
      if (p.year_relative) return Unresolved("XXXX");
      return std::nullopt;
    }
    DateInterval iv = YearIv(*year);
    if (p.fiscal) {
      v.approximate = true;
      iv = ApplyModifier(iv, p.modifier);
      v.alternatives.push_back(iv);
      v.resolved = true;
      v.timex = absl::StrFormat("FY%04d", *year);
      return v;
    }
    return done(iv, needs_pub);
  }
  if (p.month != 0 && p.day == 0) {
    if (year) return done(MonthIv(*year, p.month), needs_pub);
    if (!published) {
      return Unresolved(absl::StrFormat("XXXX-%02d", p.month), p.month);
    }
    const unsigned pub_month = MonthOf(*published);
    if (p.relation == -1) {
      return done(MonthIv(p.month < pub_month ? pub_year : pub_year - 1, p.month), true);
    }
    if (p.relation == 1) {
      return done(MonthIv(p.month > pub_month ? pub_year : pub_year + 1, p.month), true);
    }
    if (p.relation == 0) return done(MonthIv(pub_year, p.month), true);
    auto pick = ByTense(pub_year, *published, tense, [&](int y) {
      return std::optional<DateInterval>(MonthIv(y, p.month));
    });
    return done(*pick, true);
  }
  if (p.month != 0) {
    if (year) {
      if (!ValidDay(*year, p.month, p.day)) return std::nullopt;
      v.alternatives.clear();
      if (p.alt_month != 0) {
        if (!ValidDay(*year, p.alt_month, p.alt_day)) return std::nullopt;
        const DateInterval a = DayIv(Ymd(*year, p.month, p.day));
        const DateInterval b = DayIv(Ymd(*year, p.alt_month, p.alt_day));
        v.alternatives = {a, b};
        v.resolved = true;
        v.relative = needs_pub;
        v.timex = absl::StrCat(IntervalTimex(a), "|", IntervalTimex(b));
        return v;
      }
      return done(DayIv(Ymd(*year, p.month, p.day)), needs_pub);
    }
    if (p.weekday != 0) {
      // A weekday with a day and month ("Friday, October 31", "Friday
      // 7/6"): the reading and year around the publication date that fall
      // on that weekday.
      if (!published) {
        if (p.alt_month != 0) return Unresolved(absl::StrFormat("XXXX-WXX-%d", p.weekday));
        if (!ValidDay(2000, p.month, p.day)) return std::nullopt;
        return Unresolved(absl::StrFormat("XXXX-%02d-%02d", p.month, p.day), p.month, p.day);
      }
      std::optional<sys_days> best;
      for (int y = pub_year - 1; y <= pub_year + 1; ++y) {
        for (const auto& [m, d] :
             {std::pair{p.month, p.day}, std::pair{p.alt_month, p.alt_day}}) {
          if (m == 0 || !ValidDay(y, m, d)) continue;
          const sys_days day = Ymd(y, m, d);
          if (date::weekday{day}.iso_encoding() != static_cast<unsigned>(p.weekday)) continue;
          if (!best ||
              std::abs((day - *published).count()) < std::abs((*best - *published).count())) {
            best = day;
          }
        }
      }
      if (best) return done(DayIv(*best), true);
      // The writer's weekday is wrong: the date alone, unless it has two
      // readings.
      if (p.alt_month != 0) return std::nullopt;
    }
    if (!ValidDay(2000, p.month, p.day)) return std::nullopt;
    if (!published) {
      return Unresolved(absl::StrFormat("XXXX-%02d-%02d", p.month, p.day),
                        p.month, p.day);
    }
    auto pick = ByTense(pub_year, *published, tense,
                        [&](int y) -> std::optional<DateInterval> {
                          if (!ValidDay(y, p.month, p.day)) return std::nullopt;
                          return DayIv(Ymd(y, p.month, p.day));
                        });
    if (!pick) return std::nullopt;
    return done(*pick, true);
  }
  // A weekday alone.
  if (!published) {
    return Unresolved(absl::StrFormat("XXXX-WXX-%d", p.weekday));
  }
  const date::weekday target{static_cast<unsigned>(p.weekday % 7)};
  const date::weekday pub_wd{*published};
  const long back = (pub_wd - target).count();     // 0..6 days back
  const long ahead = (target - pub_wd).count();    // 0..6 days ahead
  sys_days d;
  if (p.relation == -1) {
    d = *published - days{back == 0 ? 7 : back};
  } else if (p.relation == 1) {
    d = *published + days{ahead == 0 ? 7 : ahead};
  } else if (p.relation == 0) {
    d = WeekIv(*published).begin + days{p.weekday - 1};  // "this Monday"
  } else if (tense == Tense::kUnclear) {
    // Present tense in news is the schedule: "Talks continue on Friday",
    // "Members can buy tickets from Monday" are days to come (or today).
    d = *published + days{ahead};
  } else if (tense == Tense::kPast) {
    d = *published - days{back};
  } else {
    d = *published + days{ahead};
  }
  return done(DayIv(d), true);
}

std::optional<double> ParseNumberPhrase(std::string_view s,
                                        const rules::Lexicon& lex) {
  if (s.empty()) return std::nullopt;
  if (s[0] >= '0' && s[0] <= '9') {
    std::string digits;
    for (char c : s) {
      if (c == ',') continue;
      if ((c >= '0' && c <= '9') || c == '.') digits.push_back(c);
      else break;
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc()) return std::nullopt;
    return value;
  }
  double total = 0;
  double current = 0;
  bool any = false;
  bool half_pending = false;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '-')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '-') ++j;
    if (j == i) break;
    const std::string word = rules::LexiconKey(s.substr(i, j - i));
    i = j;
    if (word == "and" || word == "of") continue;
    if (word == "half") {
      if (any) half_pending = true;  // "two and a half"
      else { current = 0.5; any = true; }
      continue;
    }
    if (word == "a" || word == "an") {
      if (!any) { current = 1; any = true; }
      continue;
    }
    if (auto it = lex.units.find(word); it != lex.units.end()) {
      current += it->second; any = true; continue;
    }
    if (auto it = lex.tens.find(word); it != lex.tens.end()) {
      current += it->second; any = true; continue;
    }
    if (auto it = lex.number_words.find(word); it != lex.number_words.end()) {
      current = (current == 0 ? 1 : current) * it->second; any = true; continue;
    }
    if (auto it = lex.scales.find(word); it != lex.scales.end()) {
      total += (current == 0 ? 1 : current) * it->second; current = 0; any = true;
      continue;
    }
    return std::nullopt;
  }
  if (!any) return std::nullopt;
  return total + current + (half_pending ? 0.5 : 0);
}

}  // namespace concord::extract
