// The incremental store (`--store FILE`): an SQLite database that keeps
// each article's claims keyed by a hash of what they were extracted from,
// so that a nightly audit extracts only the articles that are new or
// changed, and the history of every finding (when it was first and last
// seen), so that the report can say what is new since the last run.
//
// Several runs may share one store at once (WAL journal, a busy timeout,
// every write in a transaction), and a run killed at any point leaves it
// consistent: claims are written in batches, one transaction each, and a
// run's findings in one transaction at its end.
#ifndef CONCORD_STORE_STORE_H_
#define CONCORD_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "model/claim.h"
#include "model/finding.h"

struct sqlite3;
struct sqlite3_stmt;

namespace concord::store {

// Today's date (UTC) as YYYY-MM-DD, or the date of $SOURCE_DATE_EPOCH
// (seconds since 1970) when it is set, for reproducible runs and tests.
std::string RunDate();

// The key of a document's claims: the SHA-256 of its original bytes, its
// path, id, record line, the metadata ingest found (title, source, url,
// publication date and where it came from) and the --published option.
std::string ContentKey(const Document& doc,
                       const std::optional<date::sys_days>& published_option);

class Store {
 public:
  // Opens (creating when needed) the store at `path` for one run under the
  // rules with hash `rules_hash`, dated `run_date` (YYYY-MM-DD). Fails with
  // the path and SQLite's message when the file is not a store or cannot be
  // opened or written.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                     std::string rules_hash,
                                                     std::string run_date);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The claims stored under `key` by a run under the same rules and with the
  // same binary claims format (version and byte order), or nullopt. A
  // stored entry that cannot be decoded counts as missing. Thread-safe.
  std::optional<DocClaims> Lookup(std::string_view key);

  // Queues `claims` under `key`; every kBatch queued documents are written
  // in one transaction. Thread-safe.
  absl::Status Put(std::string key, const DocClaims& claims);
  static constexpr size_t kBatch = 16;

  // Writes what Put queued. Call before RecordFindings.
  absl::Status Flush();

  // Records that `findings` were seen in this run and fills each one's
  // first_seen, last_seen and is_new (first seen in this run). Also records
  // the run's counts. One transaction.
  absl::Status RecordFindings(std::vector<Finding>* findings, int extracted,
                              int reused);

  // This run's number (1 for the first run on a store).
  int64_t run() const { return run_; }
  const std::string& path() const { return path_; }

 private:
  Store(std::string path, sqlite3* db, std::string rules_hash, std::string run_date);
  absl::Status Init();
  absl::Status FlushLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status Exec(const char* sql);
  absl::Status UseWal();
  absl::Status Error(std::string_view what) const;

  const std::string path_;
  sqlite3* const db_;
  const std::string rules_hash_;
  const std::string format_;  // ClaimsBinaryTag(): what the claims' bytes need
  const std::string run_date_;
  int64_t run_ = 0;

  absl::Mutex mu_;
  sqlite3_stmt* lookup_ ABSL_GUARDED_BY(mu_) = nullptr;
  struct Pending {
    std::string key;
    std::string doc_id;
    std::string path;
    std::string claims;  // EncodeDocClaimsBinary
  };
  std::vector<Pending> pending_ ABSL_GUARDED_BY(mu_);
};

}  // namespace concord::store

#endif  // CONCORD_STORE_STORE_H_
