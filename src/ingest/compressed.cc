#include "ingest/compressed.h"

#include <sys/types.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include "absl/strings/match.h"
#include "base/strings.h"

namespace concord::ingest::internal {

struct DecompressingFile::State {
  Compression compression = Compression::kNone;
  std::string path;
  std::string error;
  // gzip: zlib's own buffered reader.
  gzFile gz = nullptr;
  // zstd: the file, its bytes not yet decoded, and the decoder.
  std::FILE* raw = nullptr;
  std::vector<char> in;
  ZSTD_inBuffer zin{nullptr, 0, 0};
  ZSTD_DStream* zds = nullptr;
  size_t frame_left = 0;  // nonzero while a frame is unfinished
  bool eof = false;

  ssize_t ReadGzip(char* out, size_t size) {
    const int n = gzread(gz, out, static_cast<unsigned>(std::min<size_t>(size, INT_MAX / 2)));
    int code = Z_OK;
    const char* message = gzerror(gz, &code);
    if (n > 0) return n;
    // zlib reports input that ends inside a stream as a soft error after
    // the bytes it could decode.
    if (n == 0 && code != Z_BUF_ERROR) return 0;
    if (code == Z_ERRNO) {
      error = std::strerror(errno);
    } else if (code == Z_BUF_ERROR) {
      error = "truncated gzip data";
    } else {
      // zlib's message starts with the file's name, which the skip names.
      std::string_view m = message != nullptr ? message : "error";
      if (m.starts_with(path) && m.substr(path.size()).starts_with(": ")) {
        m.remove_prefix(path.size() + 2);
      }
      error = "corrupt gzip data: " + std::string(m);
    }
    return -1;
  }

  ssize_t ReadZstd(char* out, size_t size) {
    ZSTD_outBuffer zout{out, size, 0};
    for (;;) {
      if (zin.pos == zin.size && !eof) {
        const size_t n = std::fread(in.data(), 1, in.size(), raw);
        if (n == 0) {
          if (std::ferror(raw)) {
            error = std::strerror(errno);
            return -1;
          }
          eof = true;
        }
        zin = {in.data(), n, 0};
      }
      // The input ends well only between frames.
      if (zin.pos == zin.size && eof && frame_left == 0) return 0;
      // At the end of the input this only flushes what the decoder holds.
      const size_t r = ZSTD_decompressStream(zds, &zout, &zin);
      if (ZSTD_isError(r)) {
        error = std::string("corrupt zstd data: ") + ZSTD_getErrorName(r);
        return -1;
      }
      frame_left = r;
      if (zout.pos > 0) return static_cast<ssize_t>(zout.pos);
      if (zin.pos == zin.size && eof) {
        error = "truncated zstd data";
        return -1;
      }
    }
  }
};

namespace {

ssize_t CookieRead(void* cookie, char* out, size_t size) {
  auto* s = static_cast<DecompressingFile::State*>(cookie);
  if (!s->error.empty()) return -1;  // a damaged stream stays failed
  return s->compression == Compression::kGzip ? s->ReadGzip(out, size)
                                              : s->ReadZstd(out, size);
}

int CookieClose(void* cookie) {
  auto* s = static_cast<DecompressingFile::State*>(cookie);
  if (s->gz != nullptr) gzclose(s->gz);
  if (s->raw != nullptr) std::fclose(s->raw);
  if (s->zds != nullptr) ZSTD_freeDStream(s->zds);
  s->gz = nullptr;
  s->raw = nullptr;
  s->zds = nullptr;
  return 0;
}

}  // namespace

std::string_view FileExtension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot + 1);
}

Compression CompressionOfPath(std::string_view path) {
  const std::string_view ext = FileExtension(path);
  if (absl::EqualsIgnoreCase(AsAbsl(ext), "gz")) return Compression::kGzip;
  if (absl::EqualsIgnoreCase(AsAbsl(ext), "zst")) return Compression::kZstd;
  return Compression::kNone;
}

std::string_view WithoutCompression(std::string_view path) {
  if (CompressionOfPath(path) == Compression::kNone) return path;
  return path.substr(0, path.size() - FileExtension(path).size() - 1);
}

std::unique_ptr<DecompressingFile> DecompressingFile::Open(const std::string& path,
                                                           Compression compression,
                                                           std::string* error) {
  auto state = std::make_unique<State>();
  state->compression = compression;
  state->path = path;
  if (compression == Compression::kGzip) {
    state->gz = gzopen(path.c_str(), "rb");
    if (state->gz == nullptr) {
      *error = std::string("cannot read: ") +
               (errno != 0 ? std::strerror(errno) : "out of memory");
      return nullptr;
    }
    gzbuffer(state->gz, 1 << 17);
    // zlib would pass bytes that are not gzip through as they are.
    if (gzdirect(state->gz) == 1) {
      CookieClose(state.get());
      *error = "not gzip data";
      return nullptr;
    }
  } else {
    state->raw = std::fopen(path.c_str(), "rb");
    if (state->raw == nullptr) {
      *error = std::string("cannot read: ") + std::strerror(errno);
      return nullptr;
    }
    state->zds = ZSTD_createDStream();
    if (state->zds == nullptr) {
      CookieClose(state.get());
      *error = "cannot read: out of memory";
      return nullptr;
    }
    state->in.resize(ZSTD_DStreamInSize());
  }
  const cookie_io_functions_t io = {CookieRead, nullptr, nullptr, CookieClose};
  std::FILE* file = fopencookie(state.get(), "rb", io);
  if (file == nullptr) {
    CookieClose(state.get());
    *error = std::string("cannot read: ") + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<DecompressingFile>(new DecompressingFile(file, state.release()));
}

DecompressingFile::~DecompressingFile() {
  std::fclose(file_);  // closes the source through CookieClose
  delete state_;
}

const std::string& DecompressingFile::error() const { return state_->error; }

}  // namespace concord::ingest::internal
