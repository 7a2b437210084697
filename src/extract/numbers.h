// Numbers as news writes them: digits with separators ("1,200", "1.2",
// Indian grouping "1,20,000"), number words ("six", "twenty-five",
// "two-and-a-half", "a dozen", "half a million") and scales ("million",
// "bn", "lakh", "crore"). Locale-proof: never uses the process locale.
#ifndef CONCORD_EXTRACT_NUMBERS_H_
#define CONCORD_EXTRACT_NUMBERS_H_

#include <optional>
#include <string_view>

#include "base/text.h"
#include "rules/lexicon.h"

namespace concord::extract {

struct ParsedNumber {
  double value = 0;  // scale applied
  Span span;         // the bytes of `text` the number covers
  bool from_words = false;  // spelled out ("six"), not digits
  bool has_scale = false;   // a scale word or suffix was applied
  double scale = 1;         // the scale applied ("1.2 million": 1e6)
  // A plural count word ("dozens", "hundreds of thousands"): `value` is one
  // of it; the text means at least two.
  bool vague = false;
};

// Parses the longest number that starts exactly at byte `pos` of `text` (at
// a word boundary). Returns nullopt when none starts there, and when digits
// run into letters that are not a scale suffix ("4A", "1st", "5km": the
// caller may parse a prefix of `text` to read "5" of "5km").
//
// Scale words of at most two letters ("m", "bn", "k") apply only to digits:
// attached ("$3m") or, when two letters long, after a space ("3 bn").
// "a"/"an" is one only before a scale or count word ("a million", "a
// dozen"); "half a million", "two-and-a-half", "two hundred and six" and
// "one lakh crore" are read whole. Never uses the locale.
std::optional<ParsedNumber> ParseNumberAt(std::string_view text, size_t pos,
                                          const rules::Lexicon& lexicon);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_NUMBERS_H_
