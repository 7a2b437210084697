// Calendar dates as text, without iostreams or the locale.
#ifndef CONCORD_BASE_DATES_H_
#define CONCORD_BASE_DATES_H_

#include <optional>
#include <string>
#include <string_view>

#include "date/date.h"

namespace concord {

// Parses "YYYY-MM-DD" (exactly; a valid calendar date) at the start of `s`.
// Trailing text ("T10:00:00Z") is allowed when `allow_suffix`.
std::optional<date::sys_days> ParseIsoDate(std::string_view s,
                                           bool allow_suffix = false);

// "YYYY-MM-DD".
std::string FormatIsoDate(date::sys_days day);

}  // namespace concord

#endif  // CONCORD_BASE_DATES_H_
