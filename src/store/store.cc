#include "store/store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "absl/strings/str_cat.h"
#include "base/dates.h"
#include "base/hash.h"
#include "base/strings.h"
#include "model/claims_binary.h"

namespace concord::store {
namespace {

// Waits this long for another run's write lock before giving up.
constexpr int kBusyTimeoutMs = 60000;

// Bumped when the tables change. A store of schema 1 (claims as JSON text)
// is migrated: its claims, a cache, are dropped and extracted again; its
// runs and findings stay. Any other version is refused.
constexpr const char* kSchemaVersion = "2";

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  date TEXT NOT NULL,
  rules_hash TEXT NOT NULL,
  extracted INTEGER,
  reused INTEGER,
  findings INTEGER,
  finished INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS findings (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  attribute TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  first_run INTEGER NOT NULL,
  last_run INTEGER NOT NULL
);
)sql";

// The claims table, apart: a schema 1 store has one of another shape,
// which the migration drops before this makes it anew.
constexpr const char* kClaimsTable = R"sql(
CREATE TABLE IF NOT EXISTS claims (
  key TEXT PRIMARY KEY,
  rules_hash TEXT NOT NULL,
  format TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  path TEXT NOT NULL,
  claims BLOB NOT NULL,
  run INTEGER NOT NULL
);
)sql";

constexpr const char* kDropClaimsV1 = R"sql(
DROP TABLE claims;
UPDATE meta SET value = '2' WHERE key = 'schema';
)sql";

// Finalizes a statement when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  bool ok() const { return stmt_ != nullptr; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

void BindText(sqlite3_stmt* stmt, int index, std::string_view text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void BindBlob(sqlite3_stmt* stmt, int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

std::string ColumnText(sqlite3_stmt* stmt, int index) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, index));
  return p == nullptr ? std::string()
                      : std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt, index)));
}

// Rolls a transaction back unless it was committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  // BEGIN IMMEDIATE takes the write lock now, so that two runs never both
  // read and then fail to upgrade (which the busy timeout cannot resolve).
  int Begin() {
    const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    open_ = rc == SQLITE_OK;
    return rc;
  }
  int Commit() {
    const int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) open_ = false;
    return rc;
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace

std::string RunDate() {
  std::chrono::sys_seconds now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  if (const char* epoch = getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch) {
    char* end = nullptr;
    const long long seconds = strtoll(epoch, &end, 10);
    if (*end == '\0') now = std::chrono::sys_seconds{std::chrono::seconds{seconds}};
  }
  return FormatIsoDate(date::floor<date::days>(now));
}

std::string ContentKey(const Document& doc,
                       const std::optional<date::sys_days>& published_option) {
  Sha256 sha;
  sha.UpdateField("concord.document/1");
  sha.UpdateField(doc.path);
  sha.UpdateField(doc.id);
  sha.UpdateField(absl::StrCat(doc.record_line));
  sha.UpdateField(doc.title);
  sha.UpdateField(doc.source);
  sha.UpdateField(doc.url);
  sha.UpdateField(doc.published ? FormatIsoDate(*doc.published) : "");
  sha.UpdateField(DateSourceName(doc.published_from));
  sha.UpdateField(published_option ? FormatIsoDate(*published_option) : "");
  sha.UpdateField(doc.original);
  return sha.HexDigest();
}

Store::Store(std::string path, sqlite3* db, std::string rules_hash, std::string run_date)
    : path_(std::move(path)),
      db_(db),
      rules_hash_(std::move(rules_hash)),
      format_(ClaimsBinaryTag()),
      run_date_(std::move(run_date)) {}

Store::~Store() {
  {
    absl::MutexLock lock(&mu_);
    (void)FlushLocked();
    sqlite3_finalize(lookup_);
  }
  sqlite3_close(db_);
}

absl::Status Store::Error(std::string_view what) const {
  return absl::UnavailableError(
      absl::StrCat(path_, ": store: ", AsAbsl(what), ": ", sqlite3_errmsg(db_)));
}

absl::Status Store::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message != nullptr ? message : "error";
    sqlite3_free(message);
    return absl::UnavailableError(absl::StrCat(path_, ": store: ", m));
  }
  return absl::OkStatus();
}

absl::Status Store::UseWal() {
  // Two runs that open a new store at once both read it, then both ask to
  // switch it to WAL. SQLite sees that waiting would deadlock and answers
  // one of them "busy" at once, without the busy timeout; that one lets go
  // of its read and tries again.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    const int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return absl::OkStatus();
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) {
      return Error("cannot switch to WAL");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   std::string rules_hash,
                                                   std::string run_date) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                     SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::UnavailableError(absl::StrCat(path, ": cannot open store: ", message));
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  std::unique_ptr<Store> store(
      new Store(path, db, std::move(rules_hash), std::move(run_date)));
  if (absl::Status s = store->Init(); !s.ok()) return s;
  return store;
}

absl::Status Store::Init() {
  // WAL: readers never block the writer, and a killed writer's partial
  // transaction is simply not in the log. NORMAL sync is durable enough for
  // a cache in WAL mode (a power loss may lose the last batch, never
  // consistency).
  if (absl::Status s = UseWal(); !s.ok()) return s;
  if (absl::Status s = Exec("PRAGMA synchronous=NORMAL"); !s.ok()) return s;
  Transaction txn(db_);
  if (txn.Begin() != SQLITE_OK) return Error("cannot begin");
  if (absl::Status s = Exec(kSchema); !s.ok()) return s;
  {
    std::optional<std::string> version;
    {
      Statement read(db_, "SELECT value FROM meta WHERE key = 'schema'");
      if (!read.ok()) return Error("cannot read the schema version");
      if (sqlite3_step(read.get()) == SQLITE_ROW) version = ColumnText(read.get(), 0);
    }  // finalized: a table it read cannot be dropped while it runs
    if (!version) {
      Statement set(db_, "INSERT INTO meta (key, value) VALUES ('schema', ?)");
      if (!set.ok()) return Error("cannot write the schema version");
      BindText(set.get(), 1, kSchemaVersion);
      if (sqlite3_step(set.get()) != SQLITE_DONE) return Error("cannot write the schema version");
    } else if (*version == "1") {
      if (absl::Status s = Exec(kDropClaimsV1); !s.ok()) return s;
    } else if (*version != kSchemaVersion) {
      return absl::FailedPreconditionError(absl::StrCat(
          path_, ": store: schema version ", *version, ", this concord reads ", kSchemaVersion));
    }
  }
  if (absl::Status s = Exec(kClaimsTable); !s.ok()) return s;
  {
    Statement run(db_, "INSERT INTO runs (date, rules_hash) VALUES (?, ?)");
    if (!run.ok()) return Error("cannot record the run");
    BindText(run.get(), 1, run_date_);
    BindText(run.get(), 2, rules_hash_);
    if (sqlite3_step(run.get()) != SQLITE_DONE) return Error("cannot record the run");
    run_ = sqlite3_last_insert_rowid(db_);
  }
  if (txn.Commit() != SQLITE_OK) return Error("cannot commit");
  absl::MutexLock lock(&mu_);
  if (sqlite3_prepare_v2(db_,
                         "SELECT claims FROM claims "
                         "WHERE key = ? AND rules_hash = ? AND format = ?",
                         -1, &lookup_, nullptr) != SQLITE_OK) {
    return Error("cannot prepare lookup");
  }
  return absl::OkStatus();
}

std::optional<DocClaims> Store::Lookup(std::string_view key) {
  // Read into a buffer each thread keeps, decoded outside the lock.
  thread_local std::string bytes;
  {
    absl::MutexLock lock(&mu_);
    sqlite3_reset(lookup_);
    BindText(lookup_, 1, key);
    BindText(lookup_, 2, rules_hash_);
    BindText(lookup_, 3, format_);
    if (sqlite3_step(lookup_) != SQLITE_ROW) return std::nullopt;
    const void* p = sqlite3_column_blob(lookup_, 0);
    bytes.assign(p == nullptr ? "" : static_cast<const char*>(p),
                 static_cast<size_t>(sqlite3_column_bytes(lookup_, 0)));
    sqlite3_reset(lookup_);
  }
  // Claims that do not decode (a damaged row) are extracted again.
  DocClaims doc;
  if (!DecodeDocClaimsBinary(bytes, &doc)) return std::nullopt;
  return doc;
}

absl::Status Store::Put(std::string key, const DocClaims& claims) {
  Pending p{std::move(key), claims.info.id, claims.info.path, {}};
  EncodeDocClaimsBinary(claims, &p.claims);
  absl::MutexLock lock(&mu_);
  pending_.push_back(std::move(p));
  if (pending_.size() < kBatch) return absl::OkStatus();
  return FlushLocked();
}

absl::Status Store::Flush() {
  absl::MutexLock lock(&mu_);
  return FlushLocked();
}

absl::Status Store::FlushLocked() {
  if (pending_.empty()) return absl::OkStatus();
  Transaction txn(db_);
  if (txn.Begin() != SQLITE_OK) return Error("cannot begin");
  Statement put(db_,
                "INSERT OR REPLACE INTO claims "
                "(key, rules_hash, format, doc_id, path, claims, run) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!put.ok()) return Error("cannot prepare");
  for (const Pending& p : pending_) {
    sqlite3_reset(put.get());
    BindText(put.get(), 1, p.key);
    BindText(put.get(), 2, rules_hash_);
    BindText(put.get(), 3, format_);
    BindText(put.get(), 4, p.doc_id);
    BindText(put.get(), 5, p.path);
    BindBlob(put.get(), 6, p.claims);
    sqlite3_bind_int64(put.get(), 7, run_);
    if (sqlite3_step(put.get()) != SQLITE_DONE) return Error("cannot store claims");
  }
  if (txn.Commit() != SQLITE_OK) return Error("cannot commit claims");
  pending_.clear();
  return absl::OkStatus();
}

absl::Status Store::RecordFindings(std::vector<Finding>* findings, int extracted,
                                   int reused) {
  if (absl::Status s = Flush(); !s.ok()) return s;
  Transaction txn(db_);
  if (txn.Begin() != SQLITE_OK) return Error("cannot begin");
  Statement upsert(db_,
                   "INSERT INTO findings (id, kind, subject, attribute, first_seen, last_seen, "
                   "first_run, last_run) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6) "
                   "ON CONFLICT (id) DO UPDATE SET last_seen = ?5, last_run = ?6 "
                   "RETURNING first_seen, first_run");
  if (!upsert.ok()) return Error("cannot prepare");
  for (Finding& f : *findings) {
    sqlite3_reset(upsert.get());
    BindText(upsert.get(), 1, f.id);
    BindText(upsert.get(), 2, MentionKindName(f.kind));
    BindText(upsert.get(), 3, f.subject);
    BindText(upsert.get(), 4, f.attribute);
    BindText(upsert.get(), 5, run_date_);
    sqlite3_bind_int64(upsert.get(), 6, run_);
    if (sqlite3_step(upsert.get()) != SQLITE_ROW) return Error("cannot record a finding");
    f.first_seen = ColumnText(upsert.get(), 0);
    f.is_new = sqlite3_column_int64(upsert.get(), 1) == run_;
    f.last_seen = run_date_;
    if (sqlite3_step(upsert.get()) != SQLITE_DONE) return Error("cannot record a finding");
  }
  Statement done(db_,
                 "UPDATE runs SET extracted = ?, reused = ?, findings = ?, finished = 1 "
                 "WHERE id = ?");
  if (!done.ok()) return Error("cannot prepare");
  sqlite3_bind_int(done.get(), 1, extracted);
  sqlite3_bind_int(done.get(), 2, reused);
  sqlite3_bind_int64(done.get(), 3, static_cast<int64_t>(findings->size()));
  sqlite3_bind_int64(done.get(), 4, run_);
  if (sqlite3_step(done.get()) != SQLITE_DONE) return Error("cannot record the run");
  if (txn.Commit() != SQLITE_OK) return Error("cannot commit findings");
  return absl::OkStatus();
}

}  // namespace concord::store
