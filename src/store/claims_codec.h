// A faithful text form of one document's claims (DocClaims): every field of
// DocInfo, Claim, Mention, Evidence and every Value variant, so that
// DecodeDocClaims(EncodeDocClaims(d)) == d. The store keeps claims in this
// form; it is also one line of a JSON Lines stream of extracted documents.
//
// The form is a single-line JSON object {"codec": 1, "info": {...},
// "claims": [...], "keywords": [...]}. Days are integers (days since
// 1970-01-01) so that any date survives; enums are their names ("day",
// "at_least", "person"); doubles are written with enough digits to read back
// the same value.
#ifndef CONCORD_STORE_CLAIMS_CODEC_H_
#define CONCORD_STORE_CLAIMS_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "model/claim.h"

namespace concord::store {

// The version written in "codec"; a change of layout bumps it, and decoding
// another version fails (the store then extracts again).
inline constexpr int kClaimsCodecVersion = 1;

// One line of JSON, without a trailing newline. Strings must be valid UTF-8
// (ingest guarantees it for every text it produces); an invalid byte would
// be written as U+FFFD.
std::string EncodeDocClaims(const DocClaims& doc);

// Reads what EncodeDocClaims wrote. InvalidArgument (with what is wrong) on
// malformed input, a missing field, an unknown enum name or another codec
// version.
absl::StatusOr<DocClaims> DecodeDocClaims(std::string_view text);

}  // namespace concord::store

#endif  // CONCORD_STORE_CLAIMS_CODEC_H_
