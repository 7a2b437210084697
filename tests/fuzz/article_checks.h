// What every Document the readers produce must satisfy, whatever the input.
#ifndef CONCORD_TESTS_FUZZ_ARTICLE_CHECKS_H_
#define CONCORD_TESTS_FUZZ_ARTICLE_CHECKS_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "ingest/internal.h"
#include "model/document.h"

namespace concord::fuzz {

[[noreturn]] inline void Fail(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

// The text is valid UTF-8, its map covers it and maps back inside the
// original bytes.
inline void CheckDocument(const Document& d) {
  if (ingest::internal::FindInvalidUtf8(d.text) != std::string::npos) {
    Fail("text is not valid UTF-8");
  }
  if (d.map.derived_size() != d.text.size()) Fail("offset map size differs from text size");
  if (d.text.empty()) return;
  const Span all = d.map.ToOriginal({0, static_cast<uint32_t>(d.text.size())});
  if (all.begin > all.end || all.end > d.original.size()) Fail("map leaves the original");
}

}  // namespace concord::fuzz

#endif  // CONCORD_TESTS_FUZZ_ARTICLE_CHECKS_H_
