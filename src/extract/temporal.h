// Temporal expressions: dates and date periods, durations, times (only as far
// as they move the date) and sets, recognised by rules/temporal*.toml and
// resolved against the article's publication date.
//
// Resolution is two-pass, as in HeidelTime: a match first yields an
// underspecified value ("Friday, past tense", "month 2, day 13"), which is
// then anchored to the publication date. Without a publication date relative
// values stay unresolved.
//
// Tense policy for a bare weekday ("on Friday"), month ("in August") or
// day-month ("on 1 November"): the nearest tense cue before the mention in
// its sentence (else the nearest after it; cue words are in
// rules/temporal.toml [temporal.tense]) decides.
//   past ("met", "was signed")       -> the latest such day/month/date on or
//                                       before the publication date;
//   future ("will", "is scheduled to",
//           "is expected to", "to meet") -> the earliest on or after it;
//   unclear (present: "Talks continue  -> a weekday on or after it (news
//   on Friday")                           writes the schedule in the
//                                       present); a month or date nearest
//                                       to it.
// "last"/"next"/"this" override the tense: "last Tuesday" is strictly before
// the publication date, "next Monday" strictly after.
// Ambiguous numeric dates ("03/04/2025") keep both readings in
// DateValue::alternatives and the timex "2025-03-04|2025-04-03".
#ifndef CONCORD_EXTRACT_TEMPORAL_H_
#define CONCORD_EXTRACT_TEMPORAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date/date.h"
#include "model/claim.h"
#include "model/values.h"
#include "rules/examples.h"
#include "rules/lexicon.h"
#include "rules/rule_tree.h"

namespace concord::extract {

struct TemporalRules;  // defined in temporal.cc's companion header

// Top-level rule-file keys this stage reads.
inline constexpr const char* kTemporalSections[] = {"temporal"};

// Compiled temporal rules. Owned through a pointer so the engine's types stay
// out of this header.
class TemporalEngine {
 public:
  TemporalEngine();
  ~TemporalEngine();
  TemporalEngine(TemporalEngine&&) noexcept;
  TemporalEngine& operator=(TemporalEngine&&) noexcept;

  // Reads the temporal rules from `files`, reporting errors to `diag`.
  void Compile(const std::vector<rules::RuleFile>& files,
               const rules::Lexicon& lexicon, rules::Diagnostics* diag);

  // Appends a Mention (kind date, time, duration or set) for every temporal
  // expression in `sentences` of `text`, resolved against `published`.
  void Find(std::string_view text, const std::vector<Span>& sentences,
            std::optional<date::sys_days> published,
            std::vector<Mention>* out) const;

  // Runs every rule's examples and counter-examples.
  void RunExamples(std::vector<rules::ExampleResult>* results) const;

 private:
  std::unique_ptr<TemporalRules> rules_;
  const rules::Lexicon* lexicon_ = nullptr;
};

enum class TemporalRelation {
  kEqual,      // the same day, period or length
  kPrecision,  // one inside the other at a coarser granularity
  kConflict,   // incompatible
  kUnknown,    // cannot tell (unresolved relative dates)
};
const char* TemporalRelationName(TemporalRelation r);

// Compares two dates. A partial date without a year ("27 October") is equal
// to any resolved date with that month and day, and a conflict with one that
// has another.
TemporalRelation CompareDates(const DateValue& a, const DateValue& b);

// Compares two durations by length; approximate ones ("about a decade")
// are equal within 10%.
TemporalRelation CompareDurations(const DurationValue& a,
                                  const DurationValue& b);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_TEMPORAL_H_
