// The claims codec (every field survives encode/decode over real
// extractions), the store (reuse, rules changes, finding history), the
// baseline file, content hashing and inline `concord-ignore` directives.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "base/hash.h"
#include "cli/pipeline.h"
#include "ingest/ingest.h"
#include "rules/ruleset.h"
#include "store/baseline.h"
#include "model/claims_json.h"
#include "store/store.h"
#include "test_rules.h"

namespace concord {
namespace {

// The document a claims line holds, or the error.
absl::StatusOr<DocClaims> DecodeDoc(std::string_view text) {
  absl::StatusOr<ClaimsLine> line = DecodeClaimsLine(text);
  if (!line.ok()) return line.status();
  if (!line->doc) return absl::InvalidArgumentError("not a document");
  return std::move(*line->doc);
}

namespace fs = std::filesystem;

using ::concord::testing::Rules;

// A fresh temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("concord-store-test-" + std::to_string(getpid()) + "-" +
            std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static inline int counter = 0;
};

TEST_CASE("sha256 matches the FIPS 180-4 examples, in one piece or many") {
  struct Case {
    std::string input;
    const char* digest;
  };
  const Case cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input.size());
    CHECK(Sha256Hex(c.input) == c.digest);
    Sha256 pieces;  // odd piece sizes cross block boundaries
    for (size_t i = 0; i < c.input.size(); i += 7) pieces.Update(c.input.substr(i, 7));
    CHECK(pieces.HexDigest() == c.digest);
  }
  // Fields are framed: moving a byte between fields changes the hash.
  Sha256 a, b;
  a.UpdateField("ab");
  a.UpdateField("c");
  b.UpdateField("a");
  b.UpdateField("bc");
  CHECK(a.HexDigest() != b.HexDigest());
}

TEST_CASE("the rules hash is set when loading and follows the rules' bytes") {
  CHECK(Rules().hash.size() == 64);
  auto again = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules"});
  REQUIRE(again.ok());
  CHECK((*again)->hash == Rules().hash);
  TempDir dir;
  std::ofstream(dir.path / "extra.toml") << "# a comment changes the bytes\n";
  auto more = LoadRuleSet({CONCORD_TEST_SOURCE_DIR "/rules", dir.path.string()});
  REQUIRE(more.ok());
  CHECK((*more)->hash != Rules().hash);
}

// Every fixture story, extracted once for the tests below.
const Corpus& Fixtures() {
  static const Corpus* corpus = [] {
    RunOptions options;
    options.jobs = 2;
    std::vector<std::string> paths;
    for (const auto& entry : fs::directory_iterator(CONCORD_TEST_SOURCE_DIR "/fixtures")) {
      paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    auto read = ReadCorpus(paths, Rules(), options);
    if (!read.ok()) FAIL(std::string(read.status().message()));
    return new Corpus(*std::move(read));
  }();
  return *corpus;
}

TEST_CASE("claims codec: every fixture document round-trips field by field") {
  const Corpus& corpus = Fixtures();
  REQUIRE(corpus.docs.size() >= 20);
  std::set<size_t> variants;  // Value alternatives seen
  size_t claims = 0;
  bool interval_dates = false, sentence_dates = false, published = false, notes = false;
  for (const DocClaims& doc : corpus.docs) {
    CAPTURE(doc.info.path);
    const std::string encoded = EncodeDocClaims(doc);
    CHECK(encoded.find('\n') == std::string::npos);  // one JSON Lines line
    absl::StatusOr<DocClaims> decoded = DecodeDoc(encoded);
    REQUIRE_MESSAGE(decoded.ok(), decoded.status().message());
    // operator== is defaulted on every model struct: it compares every field.
    CHECK(decoded->info == doc.info);
    CHECK(decoded->keywords == doc.keywords);
    REQUIRE(decoded->claims.size() == doc.claims.size());
    for (size_t i = 0; i < doc.claims.size(); ++i) {
      CAPTURE(doc.claims[i].evidence.text);
      CHECK(decoded->claims[i].mention == doc.claims[i].mention);
      CHECK(decoded->claims[i].evidence == doc.claims[i].evidence);
      CHECK(decoded->claims[i] == doc.claims[i]);
      variants.insert(doc.claims[i].mention.value.index());
      if (const auto* d = std::get_if<DateValue>(&doc.claims[i].mention.value)) {
        interval_dates |= !d->alternatives.empty();
      }
      sentence_dates |= !doc.claims[i].sentence_dates.empty();
      published |= doc.claims[i].published.has_value();
    }
    notes |= !doc.info.notes.empty();
    CHECK(*decoded == doc);
    CHECK(EncodeDocClaims(*decoded) == encoded);
    claims += doc.claims.size();
  }
  CHECK(claims > 500);
  // The fixtures exercise what a faithful codec must keep.
  for (size_t v : {1, 2, 4, 5, 6, 7}) {  // date, duration, figure, title, name, quote
    CAPTURE(v);
    CHECK(variants.count(v) == 1);
  }
  CHECK(interval_dates);
  CHECK(sentence_dates);
  CHECK(published);
  CHECK(notes);
}

TEST_CASE("claims codec: values the fixtures may not hold round-trip too") {
  DocClaims doc;
  doc.info.id = "x";
  doc.info.path = "dir/x.jsonl";
  doc.info.published_from = DateSource::kJsonl;
  doc.info.ignore_kinds = {"date", "title"};
  DateValue unresolved;
  unresolved.timex = "XXXX-10-27";
  unresolved.month = 10;
  unresolved.day = 27;
  unresolved.relative = true;
  TimeValue time;
  time.timex = "2025-10-30TNI";
  time.zone = "IST";
  time.date = DateValue{{{date::sys_days{date::days{20391}}, date::sys_days{date::days{20392}},
                          Granularity::kDay}},
                        true, "2025-10-30", 0, 0, false, true};
  FigureValue range{0.1 + 0.2, 1e300, Bound::kRange, "USD", "exports \"quoted\"", 2024};
  DurationValue duration{2.5, DurationUnit::kYear, true, "P2.5Y"};
  TitleValue title{"Secretary of War", {"us.defense", "us.war"}, "us", "Pete Hegseth", true,
                   true};
  NameValue name{"Bilateral Trade Agreement", "bilateral trade agreement", false,
                 EntityType::kOther};
  QuoteValue quote{"caf\xc3\xa9 \\ \t tab", "A. Speaker"};
  const Value values[] = {std::monostate{}, unresolved, time, range, duration, title, name,
                          quote};
  for (const Value& v : values) {
    Claim c;
    c.mention.kind = MentionKind::kSet;
    c.mention.value = v;
    c.mention.span = {4000000000u, 4000000001u};
    c.context = {"a", "b", "c"};  // one proximity per context word
    c.proximity = {1.0f, 0.333333343f, 0.1f};
    c.sentence_dates = {{date::sys_days{date::days{-800000}}, date::sys_days{date::days{3000000}},
                         Granularity::kCentury}};
    doc.claims.push_back(c);
  }
  absl::StatusOr<DocClaims> decoded = DecodeDoc(EncodeDocClaims(doc));
  REQUIRE_MESSAGE(decoded.ok(), decoded.status().message());
  for (size_t i = 0; i < doc.claims.size(); ++i) {
    CAPTURE(i);
    CHECK(decoded->claims[i] == doc.claims[i]);
  }
  CHECK(*decoded == doc);
}

// Malformed claims lines are tested with the codec (claims_json_test.cc).

TEST_CASE("store: claims are reused under the same rules only") {
  TempDir dir;
  const std::string path = (dir.path / "s.db").string();
  const DocClaims& doc = Fixtures().docs.front();
  {
    auto s = store::Store::Open(path, "rules-a", "2025-01-01");
    REQUIRE_MESSAGE(s.ok(), s.status().message());
    CHECK((*s)->run() == 1);
    CHECK_FALSE((*s)->Lookup("k1").has_value());
    REQUIRE((*s)->Put("k1", doc).ok());
    // Destruction flushes.
  }
  {
    auto s = store::Store::Open(path, "rules-a", "2025-01-02");
    REQUIRE(s.ok());
    CHECK((*s)->run() == 2);
    std::optional<DocClaims> hit = (*s)->Lookup("k1");
    REQUIRE(hit.has_value());
    CHECK(*hit == doc);
    CHECK_FALSE((*s)->Lookup("k2").has_value());
  }
  {
    auto s = store::Store::Open(path, "rules-b", "2025-01-03");
    REQUIRE(s.ok());
    CHECK_FALSE((*s)->Lookup("k1").has_value());
  }
  // Not a store.
  std::ofstream(dir.path / "junk.db") << std::string(5000, 'x');
  CHECK_FALSE(store::Store::Open((dir.path / "junk.db").string(), "r", "2025-01-01").ok());
  CHECK_FALSE(store::Store::Open((dir.path / "no/such/dir/s.db").string(), "r", "2025-01-01").ok());
}

TEST_CASE("store: a schema 1 store is migrated, keeping its findings") {
  TempDir dir;
  const std::string path = (dir.path / "old.db").string();
  {
    // What concord wrote before claims were kept in binary.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const char* sql = R"sql(
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema', '1');
      CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL,
        rules_hash TEXT NOT NULL, extracted INTEGER, reused INTEGER, findings INTEGER,
        finished INTEGER NOT NULL DEFAULT 0);
      INSERT INTO runs (date, rules_hash, finished) VALUES ('2025-01-01', 'r', 1);
      CREATE TABLE claims (key TEXT PRIMARY KEY, rules_hash TEXT NOT NULL,
        doc_id TEXT NOT NULL, path TEXT NOT NULL, claims TEXT NOT NULL, run INTEGER NOT NULL);
      INSERT INTO claims VALUES ('k1', 'r', 'x', 'x.txt', '{"schema":"concord.claims/1"}', 1);
      CREATE TABLE findings (id TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL,
        attribute TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
        first_run INTEGER NOT NULL, last_run INTEGER NOT NULL);
      INSERT INTO findings VALUES ('f1', 'date', 's', 'date', '2025-01-01', '2025-01-01', 1, 1);
    )sql";
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto s = store::Store::Open(path, "r", "2025-01-02");
  REQUIRE_MESSAGE(s.ok(), s.status().message());
  CHECK((*s)->run() == 2);
  CHECK_FALSE((*s)->Lookup("k1").has_value());  // extracted again
  REQUIRE((*s)->Put("k1", Fixtures().docs.front()).ok());
  REQUIRE((*s)->Flush().ok());
  CHECK((*s)->Lookup("k1") == Fixtures().docs.front());
  Finding f;
  f.id = "f1";
  std::vector<Finding> findings = {f};
  REQUIRE((*s)->RecordFindings(&findings, 1, 0).ok());
  CHECK(findings[0].first_seen == "2025-01-01");
  CHECK_FALSE(findings[0].is_new);
  s->reset();
  // A store from a later concord is refused, naming the file.
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE meta SET value = '9' WHERE key = 'schema'", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto refused = store::Store::Open(path, "r", "2025-01-03");
  REQUIRE_FALSE(refused.ok());
  CHECK(std::string(refused.status().message()).find("old.db") != std::string::npos);
}

// Regression: two runs creating one store at once failed one of them with
// "database is locked". Switching to WAL from a read it already holds, while
// another connection holds the write lock, gets SQLITE_BUSY at once (SQLite
// refuses to wait where waiting may deadlock), so Open has to retry.
TEST_CASE("store: opening waits for another run that is writing a new store") {
  TempDir dir;
  const std::string path = (dir.path / "s.db").string();
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  std::thread release([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  auto s = store::Store::Open(path, "r", "2025-01-01");
  release.join();
  sqlite3_close(other);
  REQUIRE_MESSAGE(s.ok(), s.status().message());
  CHECK((*s)->run() == 1);
}

TEST_CASE("store: batches are written as they fill") {
  TempDir dir;
  const std::string path = (dir.path / "s.db").string();
  auto writer = store::Store::Open(path, "r", "2025-01-01");
  REQUIRE(writer.ok());
  for (size_t i = 0; i < store::Store::kBatch; ++i) {
    REQUIRE((*writer)->Put(absl::StrCat("k", i), Fixtures().docs[0]).ok());
  }
  REQUIRE((*writer)->Put("late", Fixtures().docs[0]).ok());
  // Another connection sees the full batch, not the one still queued.
  auto reader = store::Store::Open(path, "r", "2025-01-01");
  REQUIRE(reader.ok());
  CHECK((*reader)->Lookup("k0").has_value());
  CHECK((*reader)->Lookup(absl::StrCat("k", store::Store::kBatch - 1)).has_value());
  CHECK_FALSE((*reader)->Lookup("late").has_value());
  REQUIRE((*writer)->Flush().ok());
  CHECK((*reader)->Lookup("late").has_value());
}

TEST_CASE("store: findings remember when they were first and last seen") {
  TempDir dir;
  const std::string path = (dir.path / "s.db").string();
  auto finding = [](std::string id) {
    Finding f;
    f.id = std::move(id);
    f.subject = "s";
    f.attribute = "date";
    return f;
  };
  {
    auto s = store::Store::Open(path, "r", "2025-01-01");
    REQUIRE(s.ok());
    std::vector<Finding> findings = {finding("a"), finding("b")};
    REQUIRE((*s)->RecordFindings(&findings, 2, 0).ok());
    for (const Finding& f : findings) {
      CHECK(f.first_seen == "2025-01-01");
      CHECK(f.last_seen == "2025-01-01");
      CHECK(f.is_new);
    }
  }
  {
    // Same day, later run: not new any more.
    auto s = store::Store::Open(path, "r", "2025-01-01");
    REQUIRE(s.ok());
    std::vector<Finding> findings = {finding("a")};
    REQUIRE((*s)->RecordFindings(&findings, 0, 2).ok());
    CHECK_FALSE(findings[0].is_new);
  }
  auto s = store::Store::Open(path, "r", "2025-01-05");
  REQUIRE(s.ok());
  std::vector<Finding> findings = {finding("b"), finding("c")};
  REQUIRE((*s)->RecordFindings(&findings, 1, 1).ok());
  CHECK(findings[0].first_seen == "2025-01-01");
  CHECK(findings[0].last_seen == "2025-01-05");
  CHECK_FALSE(findings[0].is_new);
  CHECK(findings[1].first_seen == "2025-01-05");
  CHECK(findings[1].is_new);
}

TEST_CASE("content key: changes with every input that shapes the claims") {
  Document doc;
  doc.path = "a/x.txt";
  doc.id = "x";
  doc.original = "Some text.";
  const std::string base = store::ContentKey(doc, std::nullopt);
  CHECK(base == store::ContentKey(doc, std::nullopt));
  CHECK(base != store::ContentKey(doc, date::sys_days{date::days{20000}}));
  auto changed = [&](auto edit) {
    Document d = doc;
    edit(d);
    return store::ContentKey(d, std::nullopt);
  };
  CHECK(base != changed([](Document& d) { d.original += " "; }));
  CHECK(base != changed([](Document& d) { d.path = "b/x.txt"; }));
  CHECK(base != changed([](Document& d) { d.id = "y"; }));
  CHECK(base != changed([](Document& d) { d.record_line = 3; }));
  CHECK(base != changed([](Document& d) { d.title = "T"; }));
  CHECK(base != changed([](Document& d) { d.published = date::sys_days{date::days{1}}; }));
  // Derived text does not enter the key (it follows from the bytes and rules).
  CHECK(base == changed([](Document& d) { d.text = "other"; }));
}

TEST_CASE("baseline: round-trips and rejects what is not one") {
  const std::vector<std::string> ids = {"ffff", "0001", "abcd", "0001"};
  std::vector<Finding> findings;
  for (const std::string& id : ids) {
    Finding f;
    f.id = id;
    f.subject = "subject " + id;
    f.values.push_back({"v", "2025-01-01", {}});
    findings.push_back(f);
  }
  const std::string text = store::RenderBaseline(findings);
  CHECK(text.find("\"subject\": \"subject abcd\"") != std::string::npos);
  CHECK(text.find("0001") < text.find("abcd"));  // sorted
  absl::StatusOr<std::set<std::string>> parsed = store::ParseBaseline(text);
  REQUIRE(parsed.ok());
  CHECK(*parsed == std::set<std::string>{"0001", "abcd", "ffff"});
  const char* bad[] = {
      "", "[]", "{}", "{\"schema\": \"concord.report/1\", \"findings\": []}",
      "{\"schema\": \"concord.baseline/1\"}",
      "{\"schema\": \"concord.baseline/1\", \"findings\": [1]}",
      "{\"schema\": \"concord.baseline/1\", \"findings\": [{\"id\": 5}]}",
  };
  for (const char* b : bad) {
    CAPTURE(b);
    CHECK_FALSE(store::ParseBaseline(b).ok());
  }
}

TEST_CASE("concord-ignore comments name the kinds an article ignores") {
  const std::vector<std::string> all = {"date", "duration", "figure", "name",
                                        "quote", "set", "time", "title"};
  struct Case {
    std::string text;
    ingest::Format format;
    std::vector<std::string> kinds;
  };
  const Case cases[] = {
      {"<!-- concord-ignore title -->\nThe minister spoke on Monday.\n", ingest::Format::kText,
       {"title"}},
      {"The minister spoke.\n<!--concord-ignore title,date-->\n", ingest::Format::kText,
       {"date", "title"}},
      {"The minister spoke.<!-- concord-ignore Title, figure\n date -->\n",
       ingest::Format::kText, {"date", "figure", "title"}},
      {"<!-- concord-ignore -->\nThe minister spoke.\n", ingest::Format::kText, all},
      {"<!-- concord-ignore title -->\n<!-- concord-ignore quote -->\nThe minister spoke.\n",
       ingest::Format::kText, {"quote", "title"}},
      {"<html><head><!-- concord-ignore figure --><title>T</title></head>"
       "<body><p>The minister spoke.</p></body></html>",
       ingest::Format::kHtml, {"figure"}},
      // Not directives.
      {"<!-- concord-ignored title -->\nThe minister spoke.\n", ingest::Format::kText, {}},
      {"<!-- please concord-ignore title -->\nThe minister spoke.\n", ingest::Format::kText, {}},
      {"concord-ignore title\nThe minister spoke.\n", ingest::Format::kText, {}},
      {"The minister spoke.\n", ingest::Format::kText, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto doc = ingest::ParseArticle(c.text, c.format, "d/a.txt", Rules().ingest,
                                    Rules().lexicon, {});
    REQUIRE_MESSAGE(doc.ok(), doc.status().message());
    CHECK(doc->ignore_kinds == c.kinds);
    CHECK(doc->text.find("concord-ignore title -->") == std::string::npos);
  }
  auto doc = ingest::ParseArticle("<!-- concord-ignore titel -->\nThe minister spoke.\n",
                                  ingest::Format::kText, "d/a.txt", Rules().ingest,
                                  Rules().lexicon, {});
  REQUIRE(doc.ok());
  CHECK(doc->ignore_kinds.empty());
  bool noted = false;
  for (const std::string& n : doc->notes) noted |= n.find("unknown kind 'titel'") != std::string::npos;
  CHECK(noted);
}

}  // namespace
}  // namespace concord
