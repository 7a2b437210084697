// Baselines (--write-baseline / --baseline): the fingerprints (Finding::id)
// of findings accepted as known, so that a nightly report shows only what
// is new. A fingerprint depends on the kind, subject, attribute and the
// normalised values, never on paths, lines or offsets, so it survives edits
// elsewhere in an article.
#ifndef CONCORD_STORE_BASELINE_H_
#define CONCORD_STORE_BASELINE_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "model/finding.h"

namespace concord::store {

// {"schema": "concord.baseline/1", "findings": [{"id", "kind", "subject",
// "attribute", "values": [normalised...]}...]}, sorted by id, one entry per
// id; the fields besides "id" are for people reading the file.
std::string RenderBaseline(const std::vector<Finding>& findings);

// The fingerprints in a baseline written by RenderBaseline. InvalidArgument
// naming what is wrong when `text` is not one.
absl::StatusOr<std::set<std::string>> ParseBaseline(std::string_view text);

}  // namespace concord::store

#endif  // CONCORD_STORE_BASELINE_H_
