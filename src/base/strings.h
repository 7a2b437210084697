// String glue for Debian 12's Abseil, which is built with its own
// absl::string_view (ABSL_OPTION_USE_STD_STRING_VIEW 0): std::string_view
// does not convert to it, and absl's string-keyed containers do not look up
// std::string_view keys. Use these instead.
#ifndef CONCORD_BASE_STRINGS_H_
#define CONCORD_BASE_STRINGS_H_

#include <functional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace concord {

// For absl::StrCat and friends: absl::StrCat("a", AsAbsl(view)).
inline absl::string_view AsAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

// Transparent hashing so that StringMap/StringSet look up std::string_view
// without making a std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
struct StringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    return a == b;
  }
};

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V, StringHash, StringEq>;
using StringSet = absl::flat_hash_set<std::string, StringHash, StringEq>;

}  // namespace concord

#endif  // CONCORD_BASE_STRINGS_H_
