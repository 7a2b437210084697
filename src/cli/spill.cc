#include "cli/spill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "model/claims_binary.h"

namespace concord {
namespace {

size_t StringBytes(const std::string& s) {
  // Short strings live inside the object.
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

size_t StringsBytes(const std::vector<std::string>& v) {
  size_t n = v.capacity() * sizeof(std::string);
  for (const std::string& s : v) n += StringBytes(s);
  return n;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ClaimSpill>> ClaimSpill::Create() {
  const char* env = getenv("TMPDIR");
  std::string dir = env != nullptr && *env != '\0' ? env : "/tmp";
  return std::unique_ptr<ClaimSpill>(new ClaimSpill(std::move(dir)));
}

ClaimSpill::~ClaimSpill() {
  absl::MutexLock lock(&mu_);
  if (fd_ >= 0) close(fd_);
}

absl::StatusOr<SpillRef> ClaimSpill::Put(const DocClaims& doc) {
  // Encoded outside the lock, into a buffer each thread keeps.
  thread_local std::string encoded;
  encoded.clear();
  EncodeClaimsBinary(doc.claims, &encoded);
  SpillRef ref;
  ref.length = static_cast<uint32_t>(encoded.size());
  ref.claims = static_cast<uint32_t>(doc.claims.size());
  absl::MutexLock lock(&mu_);
  if (fd_ < 0) {
    std::string path = absl::StrCat(dir_, "/concord-claims-XXXXXX");
    fd_ = mkstemp(path.data());
    if (fd_ < 0) {
      return absl::UnavailableError(absl::StrCat(
          dir_, ": cannot create a temporary file for claims: ", strerror(errno)));
    }
    unlink(path.c_str());
  }
  ref.offset = end_;
  end_ += encoded.size();
  pending_.append(encoded);
  if (pending_.size() >= kWriteBytes) {
    if (absl::Status s = FlushLocked(); !s.ok()) return s;
  }
  return ref;
}

absl::Status ClaimSpill::FlushLocked() {
  size_t done = 0;
  while (done < pending_.size()) {
    const ssize_t n = pwrite(fd_, pending_.data() + done, pending_.size() - done,
                             static_cast<off_t>(written_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::UnavailableError(absl::StrCat(
          dir_, ": cannot write the temporary claims file: ",
          n < 0 ? strerror(errno) : "no space"));
    }
    done += static_cast<size_t>(n);
  }
  written_ += pending_.size();
  pending_.clear();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Claim>> ClaimSpill::Get(const SpillRef& ref,
                                                   const std::string& doc_id) const {
  // Read into a buffer each thread keeps (no zero fill).
  thread_local std::unique_ptr<char[]> buffer;
  thread_local size_t capacity = 0;
  if (capacity < ref.length) {
    buffer.reset(new char[ref.length]);
    capacity = ref.length;
  }
  int fd;
  {
    absl::MutexLock lock(&mu_);
    fd = fd_;
    if (fd >= 0 && ref.offset >= written_) {
      // Still waiting to be written.
      if (ref.offset - written_ + ref.length > pending_.size()) {
        return absl::InternalError(absl::StrCat(dir_, ": the temporary claims file is corrupt"));
      }
      std::memcpy(buffer.get(), pending_.data() + (ref.offset - written_), ref.length);
      fd = -2;
    }
  }
  if (fd == -1) return absl::InternalError("no claims were spilled");
  size_t done = 0;
  while (fd >= 0 && done < ref.length) {
    const ssize_t n = pread(fd, buffer.get() + done, ref.length - done,
                            static_cast<off_t>(ref.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::UnavailableError(absl::StrCat(
          dir_, ": cannot read the temporary claims file: ",
          n < 0 ? strerror(errno) : "truncated"));
    }
    done += static_cast<size_t>(n);
  }
  std::vector<Claim> claims;
  if (!DecodeClaimsBinary(std::string_view(buffer.get(), ref.length), &claims)) {
    return absl::InternalError(absl::StrCat(dir_, ": the temporary claims file is corrupt"));
  }
  for (Claim& c : claims) c.evidence.doc = doc_id;
  return claims;
}

uint64_t ClaimSpill::bytes() const {
  absl::MutexLock lock(&mu_);
  return end_;
}

size_t ApproxBytes(const std::vector<Claim>& claims) {
  size_t n = claims.capacity() * sizeof(Claim);
  for (const Claim& c : claims) {
    const Mention& m = c.mention;
    n += StringBytes(m.value_text) + StringBytes(m.timex) + StringBytes(m.rule_id) +
         StringBytes(m.subject);
    const Evidence& e = c.evidence;
    n += StringBytes(e.doc) + StringBytes(e.path) + StringBytes(e.text) + StringBytes(e.sentence);
    n += StringBytes(c.attribute) + StringsBytes(c.context) + StringsBytes(c.near) +
         StringsBytes(c.measures) + StringBytes(c.event) + StringsBytes(c.owner) +
         StringsBytes(c.definites) + StringsBytes(c.entities) + StringsBytes(c.things);
    n += c.proximity.capacity() * sizeof(float) +
         c.sentence_dates.capacity() * sizeof(DateInterval);
    // Values hold a few small vectors of their own.
    n += 64;
  }
  return n;
}

}  // namespace concord
