// A temporary file that holds documents' claims while a large corpus is
// read, so that an audit's memory does not grow with the corpus: only the
// claims of the story being compared are brought back.
#ifndef CONCORD_CLI_SPILL_H_
#define CONCORD_CLI_SPILL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "model/claim.h"

namespace concord {

// Where one document's claims stand in the spill file. `length` 0: the
// claims were never spilled.
struct SpillRef {
  uint64_t offset = 0;
  uint32_t length = 0;
  uint32_t claims = 0;  // how many
};

class ClaimSpill {
 public:
  // A spill whose file, unlinked in $TMPDIR (or /tmp), is made by the
  // first Put, so that a run that never spills needs no temporary folder;
  // it disappears with the process. (StatusOr for callers' symmetry: it
  // does not fail today.)
  static absl::StatusOr<std::unique_ptr<ClaimSpill>> Create();
  ~ClaimSpill();
  ClaimSpill(const ClaimSpill&) = delete;
  ClaimSpill& operator=(const ClaimSpill&) = delete;

  // Appends `doc`'s claims (to the file in blocks of kWriteBytes: what
  // waits in memory is read back from there). Safe to call from several
  // threads. Unavailable naming the folder when the file cannot be made or
  // written.
  absl::StatusOr<SpillRef> Put(const DocClaims& doc);
  // The claims stored at `ref`, with their evidence naming `doc_id` (ids
  // may have been made unique after spilling). Safe from several threads.
  absl::StatusOr<std::vector<Claim>> Get(const SpillRef& ref, const std::string& doc_id) const;

  uint64_t bytes() const;

 private:
  // Claims are written in blocks of about this size.
  static constexpr size_t kWriteBytes = 1 << 20;

  explicit ClaimSpill(std::string dir) : dir_(std::move(dir)) {}
  absl::Status FlushLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string dir_;
  mutable absl::Mutex mu_;
  int fd_ ABSL_GUARDED_BY(mu_) = -1;
  uint64_t end_ ABSL_GUARDED_BY(mu_) = 0;      // bytes put
  uint64_t written_ ABSL_GUARDED_BY(mu_) = 0;  // bytes in the file
  std::string pending_ ABSL_GUARDED_BY(mu_);   // bytes put after those
};

// Roughly how many bytes `claims` hold in memory, for memory budgets.
size_t ApproxBytes(const std::vector<Claim>& claims);

}  // namespace concord

#endif  // CONCORD_CLI_SPILL_H_
