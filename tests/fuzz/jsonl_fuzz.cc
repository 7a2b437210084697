// Fuzzes the JSON Lines reader through ReadInput on a real file, as the
// command line reads it: every record is an article or a listed skip.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "article_checks.h"
#include "fuzz_common.h"
#include "ingest/ingest.h"

namespace {

const std::string& TempPath() {
  static const std::string* const path = [] {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir != nullptr && *dir ? dir : "/tmp") +
                       "/concord-fuzz-XXXXXX.jsonl";
    const int fd = mkstemps(tmpl.data(), 6);
    if (fd < 0) concord::fuzz::Fail("cannot create a temporary file");
    close(fd);
    std::atexit([] { unlink(TempPath().c_str()); });
    return new std::string(tmpl);
  }();
  return *path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const concord::RuleSet& rules = concord::fuzz::DefaultRules();
  const std::string& path = TempPath();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) concord::fuzz::Fail("cannot write the temporary file");
  if (size > 0 && std::fwrite(data, 1, size, f) != size) concord::fuzz::Fail("short write");
  std::fclose(f);

  const concord::ingest::Options options;
  std::vector<concord::Skipped> skipped;
  size_t read = 0;
  concord::ingest::ReadInput(
      {path, concord::ingest::Format::kJsonl}, rules.ingest, rules.lexicon, options,
      [&](concord::Document doc) {
        concord::fuzz::CheckDocument(doc);
        ++read;
      },
      &skipped);
  for (const concord::Skipped& s : skipped) {
    if (s.reason.empty()) concord::fuzz::Fail("a skip without a reason");
  }
  return 0;
}
