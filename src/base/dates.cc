#include "base/dates.h"

#include <cstdio>

namespace concord {

std::optional<date::sys_days> ParseIsoDate(std::string_view s, bool allow_suffix) {
  if (s.size() < 10 || (!allow_suffix && s.size() != 10)) return std::nullopt;
  auto digits = [&](size_t from, size_t n, int* out) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, &y) || s[4] != '-' || !digits(5, 2, &m) || s[7] != '-' ||
      !digits(8, 2, &d)) {
    return std::nullopt;
  }
  if (s.size() > 10 && s[10] >= '0' && s[10] <= '9') return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days{ymd};
}

std::string FormatIsoDate(date::sys_days day) {
  const date::year_month_day ymd{day};
  char buf[16];
  snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
           static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace concord
