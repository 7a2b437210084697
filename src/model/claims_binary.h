// A compact binary form of a document's claims: for claims that wait in a
// temporary file of the same process (an audit over a corpus larger than
// its memory budget), and for claims kept by the store from one run to the
// next. Numbers are in the machine's byte order. Not an exchange format:
// its readers check kClaimsBinaryVersion and the byte order (see
// ClaimsBinaryTag) before they trust stored bytes; claims_json.h is the
// format other programs read.
#ifndef CONCORD_MODEL_CLAIMS_BINARY_H_
#define CONCORD_MODEL_CLAIMS_BINARY_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/claim.h"

namespace concord {

// Appends `claims` to `out`.
void EncodeClaimsBinary(const std::vector<Claim>& claims, std::string* out);

// Decodes what EncodeClaimsBinary wrote; false when `data` is not that
// (truncated or corrupt), never a crash.
bool DecodeClaimsBinary(std::string_view data, std::vector<Claim>* claims);

// Appends all of `doc` (its DocInfo, keywords, acronyms and claims).
void EncodeDocClaimsBinary(const DocClaims& doc, std::string* out);

// Decodes what EncodeDocClaimsBinary wrote into `*doc`; false (and `*doc`
// empty) when `data` is not that, never a crash.
bool DecodeDocClaimsBinary(std::string_view data, DocClaims* doc);

// Bumped whenever what the functions above write changes (a field of
// Claim, DocInfo or a value, an enumerator).
inline constexpr int kClaimsBinaryVersion = 1;

// "claims-binary/<version> <byte order>": what bytes written by this build
// need in order to be read back by another.
std::string ClaimsBinaryTag();

}  // namespace concord

#endif  // CONCORD_MODEL_CLAIMS_BINARY_H_
