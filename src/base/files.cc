#include "base/files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace concord {

absl::StatusOr<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read ", what));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::Status WriteFileAtomically(const std::string& path, const std::string& data) {
  absl::StatusOr<std::unique_ptr<OutputFile>> out = OutputFile::OpenFile(path);
  if (!out.ok()) return out.status();
  (*out)->Write(data);
  return (*out)->Commit();
}

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::Open(const std::string& path) {
  if (path.empty() || path == "-") {
    return std::unique_ptr<OutputFile>(new OutputFile(stdout, path, ""));
  }
  return OpenFile(path);
}

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::OpenFile(const std::string& path) {
  struct stat st;
  // A device or FIFO, or a name of an open descriptor (/dev/stdout is a
  // link to whatever standard output is, a regular file too): a rename
  // would put a regular file in its place. Appended to, so that a shell's
  // '>> log' is not cut short.
  const bool descriptor = path == "/dev/stdout" || path == "/dev/stderr" ||
                          path.rfind("/dev/fd/", 0) == 0 || path.rfind("/proc/", 0) == 0;
  if (descriptor ||
      (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))) {
    std::FILE* f = std::fopen(path.c_str(), "ab");
    if (f == nullptr) {
      return absl::UnavailableError(absl::StrCat(path, ": cannot write: ", std::strerror(errno)));
    }
    return std::unique_ptr<OutputFile>(new OutputFile(f, path, "", /*in_place=*/true));
  }
  std::string tmp = absl::StrCat(path, ".tmp.", getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot write: ", std::strerror(errno)));
  }
  return std::unique_ptr<OutputFile>(new OutputFile(f, path, std::move(tmp)));
}

OutputFile::~OutputFile() {
  if (committed_) return;
  if (in_place_) {
    std::fclose(f_);
    return;
  }
  if (tmp_.empty()) return;
  std::fclose(f_);
  std::error_code ec;
  std::filesystem::remove(tmp_, ec);
}

void OutputFile::Write(std::string_view data) {
  if (!data.empty() && std::fwrite(data.data(), 1, data.size(), f_) != data.size()) {
    failed_ = true;
  }
}

absl::Status OutputFile::Commit() {
  committed_ = true;
  if (in_place_) {
    const bool flushed = std::fflush(f_) == 0 && !failed_;
    const bool closed = std::fclose(f_) == 0;
    if (!flushed || !closed) return absl::UnavailableError(absl::StrCat(path_, ": cannot write"));
    return absl::OkStatus();
  }
  if (tmp_.empty()) {
    if (std::fflush(f_) != 0 || failed_) {
      return absl::UnavailableError("standard output: cannot write");
    }
    return absl::OkStatus();
  }
  const bool closed = std::fclose(f_) == 0;
  std::error_code ec;
  if (failed_ || !closed) {
    std::filesystem::remove(tmp_, ec);
    return absl::UnavailableError(absl::StrCat(path_, ": cannot write"));
  }
  std::filesystem::rename(tmp_, path_, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp_, ec);
    return absl::UnavailableError(absl::StrCat(path_, ": cannot write: ", why));
  }
  return absl::OkStatus();
}

}  // namespace concord
