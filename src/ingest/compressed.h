// Reading gzip (.gz) and Zstandard (.zst) files as if they were plain: a
// stdio stream that decompresses as it is read, so that every reader of a
// FILE* (JSON Lines records, whole articles) works on them unchanged.
// Internal to ingest.
#ifndef CONCORD_INGEST_COMPRESSED_H_
#define CONCORD_INGEST_COMPRESSED_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace concord::ingest::internal {

enum class Compression { kNone, kGzip, kZstd };

// A file name's last extension, without its dot ("gz" for "a/b.jsonl.gz"),
// as written; "" when there is none (a leading dot starts no extension).
std::string_view FileExtension(std::string_view path);

// The compression a file name's last extension names (.gz, .zst; any case).
Compression CompressionOfPath(std::string_view path);

// `path` without the extension CompressionOfPath read ("feed.jsonl.gz" ->
// "feed.jsonl"); `path` itself when it names none.
std::string_view WithoutCompression(std::string_view path);

// A stream of a compressed file's decompressed bytes. Reads fail (ferror)
// on damaged or truncated data; error() then says what was wrong.
class DecompressingFile {
 public:
  // Opens `path`; nullptr with *error set ("cannot read: ...") when it
  // cannot be opened.
  static std::unique_ptr<DecompressingFile> Open(const std::string& path,
                                                 Compression compression,
                                                 std::string* error);
  ~DecompressingFile();
  DecompressingFile(const DecompressingFile&) = delete;
  DecompressingFile& operator=(const DecompressingFile&) = delete;

  std::FILE* file() const { return file_; }
  // What made a read fail ("corrupt gzip data: ..."), or "".
  const std::string& error() const;

  struct State;  // the decoder, shared with the stream's callbacks

 private:
  DecompressingFile(std::FILE* file, State* state) : file_(file), state_(state) {}
  std::FILE* file_;
  State* state_;  // owned; freed with the stream
};

}  // namespace concord::ingest::internal

#endif  // CONCORD_INGEST_COMPRESSED_H_
