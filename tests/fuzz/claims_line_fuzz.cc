// Fuzzes DecodeClaimsLine, the reader of `extract --format claims` lines,
// and JsonTape under it: the tape accepts exactly the texts nlohmann/json
// accepts, and a line that decodes encodes and decodes back to the same
// claims, in JSON and in the binary form. The input read as binary claims
// (the store's and the spill's form) never crashes the binary reader.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/json_reader.h"
#include "model/claims_binary.h"
#include "model/claims_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  concord::JsonTape tape;
  const bool ours = tape.Parse(text);
  // nlohmann has no depth limit and stops at a NUL byte as at the end of
  // its input; compare only texts where neither differs from the grammar.
  size_t depth = 0, deepest = 0;
  for (char c : text) {
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  if (deepest <= concord::kMaxJsonDepth && text.find('\0') == std::string_view::npos &&
      ours != nlohmann::json::accept(text)) {
    std::fprintf(stderr, "JsonTape %s what nlohmann/json %s\n", ours ? "accepts" : "refuses",
                 ours ? "refuses" : "accepts");
    std::abort();
  }
  concord::DocClaims binary;
  if (concord::DecodeDocClaimsBinary(text, &binary)) {
    std::string bytes;
    concord::EncodeDocClaimsBinary(binary, &bytes);
    concord::DocClaims back;
    if (!concord::DecodeDocClaimsBinary(bytes, &back)) {
      std::fprintf(stderr, "binary claims do not read back\n");
      std::abort();
    }
  }
  absl::StatusOr<concord::ClaimsLine> line = concord::DecodeClaimsLine(text);
  if (!line.ok() || !line->doc) return 0;
  {
    std::string bytes;
    concord::EncodeDocClaimsBinary(*line->doc, &bytes);
    concord::DocClaims back;
    if (!concord::DecodeDocClaimsBinary(bytes, &back) ||
        concord::EncodeDocClaims(back) != concord::EncodeDocClaims(*line->doc)) {
      std::fprintf(stderr, "binary claims do not round-trip\n");
      std::abort();
    }
  }
  const std::string again = concord::EncodeDocClaims(*line->doc);
  absl::StatusOr<concord::ClaimsLine> back = concord::DecodeClaimsLine(again);
  if (!back.ok() || !back->doc) {
    std::fprintf(stderr, "claims do not read back: %s\n", back.status().ToString().c_str());
    std::abort();
  }
  if (concord::EncodeDocClaims(*back->doc) != again) {
    std::fprintf(stderr, "claims round trip is not stable\n");
    std::abort();
  }
  return 0;
}
