// Typed values of the claims concord compares. Never strings: a date is an
// interval with a granularity, a duration an amount of a unit, a figure a
// number with its unit and scale applied, a title a set of office ids.
#ifndef CONCORD_MODEL_VALUES_H_
#define CONCORD_MODEL_VALUES_H_

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "date/date.h"

namespace concord {

// ---------------------------------------------------------------- temporal

enum class Granularity {
  kDay, kWeek, kMonth, kSeason, kQuarter, kHalf, kYear, kDecade, kCentury
};
const char* GranularityName(Granularity g);

// A calendar interval [begin, end) of days.
struct DateInterval {
  date::sys_days begin;
  date::sys_days end;
  Granularity granularity = Granularity::kDay;

  friend bool operator==(const DateInterval&, const DateInterval&) = default;
};

// A date or date period. When resolved, `alternatives` holds one interval
// per reading (two for an ambiguous "03/04/2025"). When it cannot be resolved
// (a relative date without a publication date, a day and month without a
// year) it is unresolved and only `timex` (e.g. "XXXX-10-27") says what is
// known; `month`/`day` carry a partial calendar date for comparison.
struct DateValue {
  std::vector<DateInterval> alternatives;
  bool resolved = false;
  std::string timex;  // TIMEX3 value: 2025-10-31, 2025-10, 2025-W44, 2027-Q2
  unsigned month = 0;  // partial date when unresolved (1-12, 0 unknown)
  unsigned day = 0;    // (1-31, 0 unknown)
  bool relative = false;  // came from a relative expression
  bool approximate = false;  // "early March", "mid-2026", "around"

  friend bool operator==(const DateValue&, const DateValue&) = default;
};

enum class DurationUnit { kDay, kWeek, kMonth, kQuarter, kYear, kDecade, kCentury };
const char* DurationUnitName(DurationUnit u);

// "10-year", "six months", "a fortnight" (2 weeks), "two-and-a-half years".
struct DurationValue {
  double amount = 0;
  DurationUnit unit = DurationUnit::kYear;
  bool approximate = false;  // "about a decade", "more than two years"
  std::string timex;         // P10Y, P6M, P2W, P2.5Y
  // Length in days (a month is 30.436875 days, a year 365.2425) so that
  // "18 months" and "a year and a half" compare equal.
  double Days() const;

  friend bool operator==(const DurationValue&, const DurationValue&) = default;
};

// A clock time or time of day; only kept when it moves the date.
struct TimeValue {
  std::string timex;  // e.g. 2025-10-30TNI, T22:00, XXXX-WXX-1 for a set
  // The day the time falls on, when the text or the publication date says
  // ("this morning", "late Thursday night IST"); unresolved otherwise.
  std::optional<DateValue> date;
  std::string zone;  // time zone as written ("IST"), when given

  friend bool operator==(const TimeValue&, const TimeValue&) = default;
};

// ------------------------------------------------------------------ figures

// How a figure bounds the true value.
enum class Bound {
  kExact,      // "42"
  kApprox,     // "about 42", "nearly 42"
  kAtLeast,    // "at least 42"
  kMoreThan,   // "more than 42"
  kAtMost,     // "up to 42"
  kLessThan,   // "less than 42"
  kRange,      // "40-50", "between 40 and 50"
  // An indefinite plural ("dozens", "hundreds of thousands"): at least two
  // of it, `low` being that lower bound. Unlike "at least 24", it states no
  // number that other reports could contradict.
  kSome,
};
const char* BoundName(Bound b);

struct FigureValue {
  double low = 0;   // the value (scale applied: "1.2 million" is 1200000)
  double high = 0;  // equal to low unless a range
  Bound bound = Bound::kExact;
  // What the number is in: "percent", "percentage_point", "basis_point",
  // an ISO currency code ("USD", "INR", "EUR"), a measurement unit ("km"),
  // "times" for multipliers, or "" for a plain count.
  std::string unit;
  // What it counts or measures, as a normalised noun phrase head
  // ("killed", "aircraft", "tariff", "seats"); "" when unknown.
  std::string counted;
  // A year the figure refers to when the text gives one ("2024 exports").
  int year = 0;

  friend bool operator==(const FigureValue&, const FigureValue&) = default;
};

// ------------------------------------------------------------ people, quotes

// An office as named in text, resolved against the offices gazetteer.
struct TitleValue {
  std::string surface;       // the title as written, folded ("Secretary of War")
  std::vector<std::string> office_ids;  // candidates; empty when unknown
  std::string jurisdiction;  // "us", "in", "uk" ... when the text says
  std::string person;        // the name the title is attached to
  bool former = false;       // "former Defence Minister": no longer held
  // Not named in the text but inferred ("his US counterpart, Pete Hegseth"
  // holds the US office of the same portfolio).
  bool inferred = false;

  friend bool operator==(const TitleValue&, const TitleValue&) = default;
};

enum class EntityType { kUnknown, kPerson, kOrganisation, kPlace, kOther };
// "unknown", "person", "organisation", "place", "other".
inline const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "person";
    case EntityType::kOrganisation: return "organisation";
    case EntityType::kPlace: return "place";
    case EntityType::kOther: return "other";
    case EntityType::kUnknown: break;
  }
  return "unknown";
}

struct NameValue {
  std::string full;  // "Pete Hegseth"
  std::string key;   // identity key: lowercase, punctuation dropped
  bool organisation = false;  // type == kOrganisation
  // What it names; kOther for agreements, events and documents
  // ("Bilateral Trade Agreement").
  EntityType type = EntityType::kUnknown;

  friend bool operator==(const NameValue&, const NameValue&) = default;
};

struct QuoteValue {
  std::string text;     // the quoted words, folded
  std::string speaker;  // the speaker's full name when known

  friend bool operator==(const QuoteValue&, const QuoteValue&) = default;
};

using Value = std::variant<std::monostate, DateValue, DurationValue, TimeValue,
                           FigureValue, TitleValue, NameValue, QuoteValue>;

}  // namespace concord

#endif  // CONCORD_MODEL_VALUES_H_
