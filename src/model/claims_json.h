// DocClaims as one line of JSON, and back: what `concord extract --format
// claims` writes (a mapper's output) and `concord compare` reads (a
// reducer's input). The encoding keeps every field the aligner and the
// comparer read, with typed values, so that comparing decoded claims gives
// exactly the report that comparing freshly extracted ones gives.
//
// A line is one JSON object, either
//   {"schema": "concord.claims/1", "doc": {...}, "keywords": [...], "claims": [...]}
// or, for an input that was not read,
//   {"schema": "concord.claims/1", "skipped": {"path": ..., "reason": ...}}
// optionally preceded by a key and a tab (Hadoop Streaming's key\tvalue).
#ifndef CONCORD_MODEL_CLAIMS_JSON_H_
#define CONCORD_MODEL_CLAIMS_JSON_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "model/claim.h"
#include "model/document.h"

namespace concord {

class JsonWriter;

inline constexpr const char* kClaimsSchema = "concord.claims/1";

// An Evidence as a JSON object, as claims lines and JSON reports both write
// it: {"doc", "path", "offset", "length", "line", "column", "text",
// "sentence"}.
void WriteEvidenceJson(JsonWriter& w, const Evidence& e);

// One JSON object on one line (no line break at the end).
std::string EncodeDocClaims(const DocClaims& doc);
std::string EncodeSkipped(const Skipped& skipped);

// What one line holds: a document's claims or a skipped input.
struct ClaimsLine {
  std::optional<DocClaims> doc;
  std::optional<Skipped> skipped;
};

// Decodes one line written by EncodeDocClaims or EncodeSkipped, with or
// without a "key\t" prefix. Fails with InvalidArgument saying what is wrong
// (not JSON, wrong schema, a missing or mistyped field, an unknown enum
// name) on anything else; never throws or crashes.
absl::StatusOr<ClaimsLine> DecodeClaimsLine(std::string_view line);

}  // namespace concord

#endif  // CONCORD_MODEL_CLAIMS_JSON_H_
