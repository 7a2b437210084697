// Fuzzes report::ParseJson, the reader of saved reports. A report it
// accepts renders in every format and reads back from its own JSON.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "report/report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<concord::Report> report = concord::report::ParseJson(text);
  if (!report.ok()) return 0;
  const std::map<std::string, std::string> checks = {{"date-conflict", "help"}};
  (void)concord::report::RenderText(*report, {});
  (void)concord::report::RenderMarkdown(*report);
  (void)concord::report::RenderHtml(*report, checks);
  (void)concord::report::RenderSarif(*report, checks, "fuzz");
  const std::string json = concord::report::RenderJson(*report);
  absl::StatusOr<concord::Report> again = concord::report::ParseJson(json);
  if (!again.ok()) {
    std::fprintf(stderr, "a report's own JSON does not read back: %s\n",
                 again.status().ToString().c_str());
    std::abort();
  }
  if (concord::report::RenderJson(*again) != json) {
    std::fprintf(stderr, "JSON round trip is not stable\n");
    std::abort();
  }
  return 0;
}
