// A compact binary form of a document's claims, for claims that wait in a
// temporary file of the same process (an audit over a corpus larger than
// its memory budget). Not a file format: no version, no portability across
// builds; claims_json.h is the format other programs read.
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

}  // namespace concord

#endif  // CONCORD_MODEL_CLAIMS_BINARY_H_
