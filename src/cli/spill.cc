#include "cli/spill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
  std::string line;
  EncodeClaimsBinary(doc.claims, &line);
  SpillRef ref;
  ref.length = static_cast<uint32_t>(line.size());
  ref.claims = static_cast<uint32_t>(doc.claims.size());
  int fd;
  {
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
    fd = fd_;
    ref.offset = end_;
    end_ += line.size();
  }
  // Each writer owns its range, so writes need no lock.
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = pwrite(fd, line.data() + done, line.size() - done,
                             static_cast<off_t>(ref.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::UnavailableError(absl::StrCat(
          dir_, ": cannot write the temporary claims file: ",
          n < 0 ? strerror(errno) : "no space"));
    }
    done += static_cast<size_t>(n);
  }
  return ref;
}

absl::StatusOr<std::vector<Claim>> ClaimSpill::Get(const SpillRef& ref,
                                                   const std::string& doc_id) const {
  int fd;
  {
    absl::MutexLock lock(&mu_);
    fd = fd_;
  }
  if (fd < 0) return absl::InternalError("no claims were spilled");
  std::string line(ref.length, '\0');
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = pread(fd, line.data() + done, line.size() - done,
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
  if (!DecodeClaimsBinary(line, &claims)) {
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
