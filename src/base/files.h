// Whole-file reads and atomic writes.
#ifndef CONCORD_BASE_FILES_H_
#define CONCORD_BASE_FILES_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace concord {

// The bytes of `path`; NotFound ("PATH: cannot read WHAT") when it cannot
// be opened.
absl::StatusOr<std::string> ReadFile(const std::string& path, const char* what);

// Writes `data` to `path` through a temporary file beside it and a rename,
// so that a reader never sees half a file. A path that names something
// other than a regular file or a folder (/dev/null, a FIFO), or an open
// descriptor (/dev/stdout, /dev/fd/N, /proc/...), is appended to in place:
// renaming over it would replace the device or the link. Unavailable
// naming the path on failure.
absl::Status WriteFileAtomically(const std::string& path, const std::string& data);

// Output written piece by piece: standard output for "" or "-", else a
// temporary file beside `path` renamed over it by Commit(), so that a reader
// never sees half a file and a failed run leaves no file behind (a device
// or FIFO is written in place, as WriteFileAtomically does).
class OutputFile {
 public:
  static absl::StatusOr<std::unique_ptr<OutputFile>> Open(const std::string& path);
  // Always a file: "-" is a file named "-" here.
  static absl::StatusOr<std::unique_ptr<OutputFile>> OpenFile(const std::string& path);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void Write(std::string_view data);
  // Flushes (and renames); Unavailable naming the path when any write failed.
  absl::Status Commit();

 private:
  OutputFile(std::FILE* f, std::string path, std::string tmp, bool in_place = false)
      : f_(f), path_(std::move(path)), tmp_(std::move(tmp)), in_place_(in_place) {}
  std::FILE* f_;
  std::string path_;
  std::string tmp_;  // "" for standard output and for a file written in place
  bool in_place_;    // f_ is `path_` itself (a device or FIFO), closed by Commit()
  bool failed_ = false;
  bool committed_ = false;
};

}  // namespace concord

#endif  // CONCORD_BASE_FILES_H_
