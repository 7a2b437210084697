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
  // The compressed file and its bytes read but not yet decoded:
  // in[in_pos, in_end).
  std::FILE* raw = nullptr;
  std::vector<char> in;
  size_t in_pos = 0;
  size_t in_end = 0;
  bool eof = false;
  // gzip: zlib's inflate over one member at a time (members concatenate).
  z_stream zs{};
  bool zs_ready = false;
  bool in_member = false;
  bool any_member = false;
  // zstd: the decoder; nonzero frame_left while a frame is unfinished.
  ZSTD_DStream* zds = nullptr;
  size_t frame_left = 0;
  bool any_frame = false;

  // Keeps the undecoded bytes, moved to the front, and reads more after
  // them. False with `error` set when the read fails.
  bool Refill() {
    if (in_pos > 0) {
      std::memmove(in.data(), in.data() + in_pos, in_end - in_pos);
      in_end -= in_pos;
      in_pos = 0;
    }
    const size_t n = std::fread(in.data() + in_end, 1, in.size() - in_end, raw);
    if (n == 0) {
      if (std::ferror(raw)) {
        error = std::strerror(errno);
        return false;
      }
      eof = true;
    }
    in_end += n;
    return true;
  }

  // Whether the undecoded bytes start a gzip member (its two magic bytes).
  bool AtGzipMember() const {
    const auto* p = reinterpret_cast<const unsigned char*>(in.data() + in_pos);
    return in_end - in_pos >= 2 && p[0] == 0x1f && p[1] == 0x8b;
  }

  // Hands back the `done` bytes decoded before a failure (the next read
  // fails, as `error` is set), or the failure itself.
  static ssize_t Failed(size_t done) { return done > 0 ? static_cast<ssize_t>(done) : -1; }

  ssize_t ReadGzip(char* out, size_t size) {
    zs.next_out = reinterpret_cast<Bytef*>(out);
    zs.avail_out = static_cast<uInt>(std::min<size_t>(size, UINT_MAX));
    const uInt wanted = zs.avail_out;
    auto done = [&] { return static_cast<size_t>(wanted - zs.avail_out); };
    for (;;) {
      if (in_pos == in_end && !eof && !Refill()) return Failed(done());
      if (!in_member) {
        // Between members: the input may end here, or a member starts with
        // gzip's two magic bytes.
        if (in_pos == in_end && eof) return static_cast<ssize_t>(done());
        if (in_end - in_pos < 2 && !eof) {
          if (!Refill()) return Failed(done());
          continue;
        }
        if (!AtGzipMember()) {
          // zlib's own reader would pass plain bytes through, and drop
          // what follows the last member; both would be read silently.
          error = any_member ? "data after the end of the gzip stream" : "not gzip data";
          return Failed(done());
        }
        inflateReset(&zs);
        in_member = true;
      }
      zs.next_in = reinterpret_cast<Bytef*>(in.data() + in_pos);
      zs.avail_in = static_cast<uInt>(in_end - in_pos);
      const int r = inflate(&zs, Z_NO_FLUSH);
      in_pos = in_end - zs.avail_in;
      switch (r) {
        case Z_STREAM_END:
          in_member = false;
          any_member = true;
          break;
        case Z_OK:
        case Z_BUF_ERROR:  // no progress: more input or more room needed
          if (zs.avail_in == 0 && eof && r == Z_BUF_ERROR) {
            error = "truncated gzip data";
            return Failed(done());
          }
          break;
        case Z_MEM_ERROR:
          error = "out of memory";
          return Failed(done());
        default:
          error = std::string("corrupt gzip data: ") +
                  (zs.msg != nullptr ? zs.msg : "invalid data");
          return Failed(done());
      }
      if (zs.avail_out == 0) return static_cast<ssize_t>(done());
    }
  }

  ssize_t ReadZstd(char* out, size_t size) {
    ZSTD_outBuffer zout{out, size, 0};
    for (;;) {
      if (in_pos == in_end && !eof && !Refill()) return Failed(zout.pos);
      // The input ends well only between frames.
      if (in_pos == in_end && eof && frame_left == 0) return static_cast<ssize_t>(zout.pos);
      ZSTD_inBuffer zin{in.data(), in_end, in_pos};
      const bool frame_start = frame_left == 0;
      // At the end of the input this only flushes what the decoder holds.
      const size_t r = ZSTD_decompressStream(zds, &zout, &zin);
      in_pos = zin.pos;
      if (ZSTD_isError(r)) {
        error = frame_start && any_frame
                    ? std::string("data after the end of the zstd stream")
                    : std::string("corrupt zstd data: ") + ZSTD_getErrorName(r);
        return Failed(zout.pos);
      }
      frame_left = r;
      any_frame = any_frame || r == 0;
      if (zout.pos == zout.size) return static_cast<ssize_t>(zout.pos);
      if (in_pos == in_end && eof && frame_left != 0) {
        error = "truncated zstd data";
        return Failed(zout.pos);
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
  if (s->zs_ready) inflateEnd(&s->zs);
  if (s->raw != nullptr) std::fclose(s->raw);
  if (s->zds != nullptr) ZSTD_freeDStream(s->zds);
  s->zs_ready = false;
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
  state->raw = std::fopen(path.c_str(), "rb");
  if (state->raw == nullptr) {
    *error = std::string("cannot read: ") + std::strerror(errno);
    return nullptr;
  }
  if (compression == Compression::kGzip) {
    // 16 + window bits: gzip's wrapper, not zlib's.
    if (inflateInit2(&state->zs, 16 + MAX_WBITS) != Z_OK) {
      CookieClose(state.get());
      *error = "cannot read: out of memory";
      return nullptr;
    }
    state->zs_ready = true;
    state->in.resize(1 << 17);
    // Plain bytes under a .gz name are refused at once, as "not gzip
    // data", before any reader takes them for a damaged stream.
    if (!state->Refill()) {
      *error = "cannot read: " + state->error;
      CookieClose(state.get());
      return nullptr;
    }
    if (state->in_end > 0 && !state->AtGzipMember()) {
      *error = "not gzip data";
      CookieClose(state.get());
      return nullptr;
    }
  } else {
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
