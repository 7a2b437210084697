// Whole-file reads and atomic writes.
#ifndef CONCORD_BASE_FILES_H_
#define CONCORD_BASE_FILES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace concord {

// The bytes of `path`; NotFound ("PATH: cannot read WHAT") when it cannot
// be opened.
absl::StatusOr<std::string> ReadFile(const std::string& path, const char* what);

// Writes `data` to `path` through a temporary file beside it and a rename,
// so that a reader never sees half a file. Unavailable naming the path on
// failure.
absl::Status WriteFileAtomically(const std::string& path, const std::string& data);

}  // namespace concord

#endif  // CONCORD_BASE_FILES_H_
