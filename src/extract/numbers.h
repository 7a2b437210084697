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
};

// Parses the longest number that starts exactly at byte `pos` of `text` (at
// a word boundary). Returns nullopt when none starts there.
std::optional<ParsedNumber> ParseNumberAt(std::string_view text, size_t pos,
                                          const rules::Lexicon& lexicon);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_NUMBERS_H_
