#include "model/claims_json.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "cli/pipeline.h"
#include "model/claims_binary.h"
#include "report/report.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord {
namespace {

using ::concord::testing::Rules;

RunOptions FixtureOptions() {
  RunOptions options;
  options.jobs = 2;
  return options;
}

// Every fixture article's claims, read once for the tests that only look.
const Corpus& Fixtures() {
  static const Corpus* corpus = [] {
    absl::StatusOr<Corpus> read =
        ReadCorpus({CONCORD_TEST_SOURCE_DIR "/fixtures"}, Rules(), FixtureOptions());
    REQUIRE_MESSAGE(read.ok(), read.status().message());
    return new Corpus(*std::move(read));
  }();
  return *corpus;
}

date::sys_days Day(int y, unsigned m, unsigned d) {
  return date::sys_days(date::year(y) / date::month(m) / date::day(d));
}

TEST_CASE("every fixture document survives encode, decode, encode") {
  const Corpus& corpus = Fixtures();
  REQUIRE(corpus.docs.size() >= 20);
  size_t claims = 0;
  for (const DocClaims& doc : corpus.docs) {
    CAPTURE(doc.info.path);
    const std::string line = EncodeDocClaims(doc);
    CHECK(line.find('\n') == std::string::npos);
    absl::StatusOr<ClaimsLine> decoded = DecodeClaimsLine(line);
    REQUIRE_MESSAGE(decoded.ok(), decoded.status().message());
    REQUIRE(decoded->doc.has_value());
    CHECK(!decoded->skipped.has_value());
    CHECK(decoded->doc->claims.size() == doc.claims.size());
    CHECK(decoded->doc->keywords == doc.keywords);
    CHECK(EncodeDocClaims(*decoded->doc) == line);
    // With a key before a tab, as Hadoop Streaming hands it over.
    absl::StatusOr<ClaimsLine> keyed = DecodeClaimsLine("k0123\t" + line + "\n");
    REQUIRE(keyed.ok());
    CHECK(EncodeDocClaims(*keyed->doc) == line);
    claims += doc.claims.size();
  }
  CHECK(claims > 100);
}

// One claim of each value type with every field set away from its default,
// so that a field the codec forgets shows up here.
DocClaims Sample() {
  DocClaims d;
  d.info = {"id-1", "dir/a.txt", "Wire", "A \"title\"\n", Day(2025, 10, 31),
            DateSource::kDateline, {"note one", "note two"}};
  d.keywords = {"pete hegseth", "defence"};
  DateValue date;
  date.alternatives = {{Day(2025, 3, 4), Day(2025, 3, 5), Granularity::kDay},
                       {Day(2025, 4, 1), Day(2025, 7, 1), Granularity::kQuarter}};
  date.resolved = true;
  date.timex = "2025-03-04";
  date.month = 3;
  date.day = 4;
  date.relative = true;
  date.approximate = true;
  DateValue ancient;  // outside ISO years: travels as a day number
  ancient.alternatives = {{Day(-50, 1, 1), Day(-49, 1, 1), Granularity::kCentury}};
  TimeValue time{"2025-10-30TNI", date, "IST"};
  const Value values[] = {
      std::monostate(),
      date,
      ancient,
      DurationValue{2.5, DurationUnit::kDecade, true, "P2.5DE"},
      time,
      FigureValue{1.2e6, 1.5e6, Bound::kRange, "USD", "aircraft", 2024},
      FigureValue{0.1, std::nan(""), Bound::kLessThan, "", "", -3},
      TitleValue{"Secretary of War", {"us.defense", "us.war"}, "us", "Pete Hegseth", true, true},
      NameValue{"Rajnath Singh", "rajnath singh", true, EntityType::kOther},
      QuoteValue{"a \\ quote \u00e9", "Rajnath Singh"},
  };
  int i = 0;
  for (const Value& v : values) {
    Claim c;
    c.mention.kind = static_cast<MentionKind>(i % 8);
    c.mention.span = {static_cast<uint32_t>(10 * i), static_cast<uint32_t>(10 * i + 7)};
    c.mention.value = v;
    c.mention.value_text = "value";
    c.mention.timex = "P1Y";
    c.mention.rule_id = "rule-id";
    c.mention.subject = "subject";
    c.evidence = {"id-1", "dir/a.txt", 4000000000u, 7, 12, 3, "te\txt", "the sentence"};
    c.attribute = "count";
    c.context = {"agre", "sign"};
    c.proximity = {1.0f, 1.0f / 3.0f};
    c.near = {"sign"};
    c.entities = {"Framework", "Pete Hegseth"};
    c.things = {"Framework"};
    c.measures = {"contract", "extension"};
    c.measured_by_verb = i % 2 == 1;
    c.event = i % 2 == 1 ? "start" : "";
    c.definites = {"framework", "pact"};
    c.owner = {"faro", "island"};
    c.owner_adjacent = i % 2 == 0;
    c.sentence_index = i;
    c.published = Day(2025, 10, 31);
    c.sentence_dates = {{Day(2025, 10, 27), Day(2025, 10, 28), Granularity::kWeek}};
    d.claims.push_back(std::move(c));
    ++i;
  }
  return d;
}

TEST_CASE("every field of every value type comes back") {
  const DocClaims d = Sample();
  const std::string line = EncodeDocClaims(d);
  absl::StatusOr<ClaimsLine> decoded = DecodeClaimsLine(line);
  REQUIRE_MESSAGE(decoded.ok(), decoded.status().message());
  const DocClaims& e = *decoded->doc;
  CHECK(EncodeDocClaims(e) == line);
  CHECK(e.info.id == d.info.id);
  CHECK(e.info.title == d.info.title);
  CHECK(e.info.published == d.info.published);
  CHECK(e.info.published_from == DateSource::kDateline);
  CHECK(e.info.notes == d.info.notes);
  REQUIRE(e.claims.size() == d.claims.size());
  for (size_t i = 0; i < d.claims.size(); ++i) {
    CAPTURE(i);
    const Claim& a = d.claims[i];
    const Claim& b = e.claims[i];
    CHECK(b.mention.kind == a.mention.kind);
    CHECK(b.mention.span == a.mention.span);
    CHECK(b.mention.value.index() == a.mention.value.index());
    CHECK(b.mention.rule_id == a.mention.rule_id);
    CHECK(b.mention.subject == a.mention.subject);
    CHECK(b.evidence.offset == a.evidence.offset);
    CHECK(b.evidence.text == a.evidence.text);
    CHECK(b.evidence.sentence == a.evidence.sentence);
    CHECK(b.proximity == a.proximity);
    CHECK(b.near == a.near);
    CHECK(b.things == a.things);
    CHECK(b.measures == a.measures);
    CHECK(b.measured_by_verb == a.measured_by_verb);
    CHECK(b.event == a.event);
    CHECK(b.definites == a.definites);
    CHECK(b.owner == a.owner);
    CHECK(b.owner_adjacent == a.owner_adjacent);
    CHECK(b.sentence_index == a.sentence_index);
    CHECK(b.published == a.published);
    REQUIRE(b.sentence_dates.size() == 1);
    CHECK(b.sentence_dates[0].granularity == Granularity::kWeek);
    CHECK(b.sentence_dates[0].begin == a.sentence_dates[0].begin);
  }
  const auto& date = std::get<DateValue>(e.claims[1].mention.value);
  REQUIRE(date.alternatives.size() == 2);
  CHECK(date.alternatives[1].end == Day(2025, 7, 1));
  CHECK(date.alternatives[1].granularity == Granularity::kQuarter);
  CHECK((date.resolved && date.relative && date.approximate));
  CHECK((date.month == 3 && date.day == 4 && date.timex == "2025-03-04"));
  const auto& ancient = std::get<DateValue>(e.claims[2].mention.value);
  CHECK(ancient.alternatives[0].begin == Day(-50, 1, 1));
  const auto& duration = std::get<DurationValue>(e.claims[3].mention.value);
  CHECK((duration.amount == 2.5 && duration.unit == DurationUnit::kDecade &&
         duration.approximate && duration.timex == "P2.5DE"));
  const auto& time = std::get<TimeValue>(e.claims[4].mention.value);
  CHECK((time.timex == "2025-10-30TNI" && time.zone == "IST" && time.date.has_value()));
  CHECK(time.date->alternatives.size() == 2);
  const auto& figure = std::get<FigureValue>(e.claims[5].mention.value);
  CHECK((figure.low == 1.2e6 && figure.high == 1.5e6 && figure.bound == Bound::kRange));
  CHECK((figure.unit == "USD" && figure.counted == "aircraft" && figure.year == 2024));
  const auto& odd = std::get<FigureValue>(e.claims[6].mention.value);
  CHECK((odd.low == 0.1 && std::isnan(odd.high) && odd.year == -3));
  const auto& title = std::get<TitleValue>(e.claims[7].mention.value);
  CHECK((title.surface == "Secretary of War" && title.office_ids.size() == 2 &&
         title.jurisdiction == "us" && title.person == "Pete Hegseth" && title.former &&
         title.inferred));
  const auto& name = std::get<NameValue>(e.claims[8].mention.value);
  CHECK((name.full == "Rajnath Singh" && name.key == "rajnath singh" && name.organisation &&
         name.type == EntityType::kOther));
  const auto& quote = std::get<QuoteValue>(e.claims[9].mention.value);
  CHECK((quote.text == "a \\ quote \u00e9" && quote.speaker == "Rajnath Singh"));
}

TEST_CASE("skipped inputs travel") {
  const std::string line = EncodeSkipped({"dir/x.bin", "binary file"});
  absl::StatusOr<ClaimsLine> decoded = DecodeClaimsLine(line);
  REQUIRE(decoded.ok());
  REQUIRE(decoded->skipped.has_value());
  CHECK(!decoded->doc.has_value());
  CHECK(decoded->skipped->path == "dir/x.bin");
  CHECK(decoded->skipped->reason == "binary file");
}

TEST_CASE("bad lines fail with a reason") {
  const std::string good = EncodeDocClaims(Sample());
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    return s;
  };
  struct Case {
    std::string line;
    std::string error;  // a part of the message
  };
  const Case cases[] = {
      {"", "not valid JSON"},
      {"key\t", "not valid JSON"},
      {"{", "not valid JSON"},
      {"[1, 2]", "expected a JSON object"},
      {"{\"schema\": \"concord.report/1\"}", "not a claims record"},
      {"{\"schema\": \"concord.claims/1\"}", "doc: missing"},
      {"{\"schema\": \"concord.claims/1\", \"skipped\": 3}", "skipped: expected an object"},
      {good.substr(0, good.size() / 2), "not valid JSON"},
      {replace("\"kind\":\"date\"", "\"kind\":\"dat\""), "claims[0].mention.kind: unknown value 'dat'"},
      {replace("\"granularity\":\"quarter\"", "\"granularity\":7"),
       "claims[1].mention.value.alternatives[1].granularity: expected a string"},
      {replace("\"begin\":\"2025-03-04\"", "\"begin\":\"2025-02-30\""),
       "alternatives[0].begin: expected a date"},
      {replace("\"low\":1200000.0", "\"low\":\"many\""), "claims[5].mention.value.low: expected a number"},
      {replace("\"offset\":4000000000", "\"offset\":-1"), "claims[0].evidence.offset: integer out of range"},
      {replace("\"offset\":4000000000", "\"offset\":99999999999"), "integer out of range"},
      {replace("\"type\":\"quote\"", "\"type\":\"poem\""), "unknown value type 'poem'"},
      {replace("\"context\":[\"agre\",\"sign\"]", "\"context\":[\"agre\",1]"),
       "claims[0].context[1]: expected a string"},
      {replace("\"sentence_index\":0", "\"sentence_index\":0.5"), "expected an integer"},
      // Regression: a proximity list shorter than the context words made
      // the aligner read past its end.
      {replace("\"context\":[\"agre\",\"sign\"]", "\"context\":[\"agre\",\"sign\",\"zed\"]"),
       "claims[0].proximity: expected 3 numbers, one per context word"},
      // The aligner takes these lists for sorted sets.
      {replace("\"context\":[\"agre\",\"sign\"]", "\"context\":[\"sign\",\"agre\"]"),
       "claims[0].context[1]: expected sorted, unique strings"},
      {replace("\"near\":[\"sign\"]", "\"near\":[\"zed\"]"),
       "claims[0].near[0]: not one of the context"},
      {replace("\"things\":[\"Framework\"]", "\"things\":[\"Other\"]"),
       "claims[0].things[0]: not one of the entities"},
      {replace("\"owner\":[\"faro\",\"island\"]", "\"owner\":[\"island\",\"island\"]"),
       "claims[0].owner[1]: expected sorted, unique strings"},
      {replace("\"keywords\":", "\"keyword\":"), "keywords: missing"},
      {replace("\"former\":true", "\"former\":\"yes\""), "expected true or false"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line.substr(0, 200));
    absl::StatusOr<ClaimsLine> decoded = DecodeClaimsLine(c.line);
    REQUIRE(!decoded.ok());
    CHECK_MESSAGE(std::string(decoded.status().message()).find(c.error) != std::string::npos,
                  decoded.status().message());
  }
}


// ---------------------------------------------------- the binary spill form

TEST_CASE("binary claims: every field of every value type comes back equal") {
  const DocClaims d = Sample();
  std::string data;
  EncodeClaimsBinary(d.claims, &data);
  std::vector<Claim> back;
  REQUIRE(DecodeClaimsBinary(data, &back));
  REQUIRE(back.size() == d.claims.size());
  std::string again;
  EncodeClaimsBinary(back, &again);
  CHECK(again == data);
  for (size_t i = 0; i < back.size(); ++i) {
    CAPTURE(i);
    const auto* f = std::get_if<FigureValue>(&d.claims[i].mention.value);
    if (f != nullptr && std::isnan(f->high)) continue;  // NaN != NaN
    CHECK(back[i] == d.claims[i]);
  }
}

TEST_CASE("binary claims: every fixture document's claims come back equal") {
  for (const DocClaims& doc : Fixtures().docs) {
    CAPTURE(doc.info.path);
    std::string data;
    EncodeClaimsBinary(doc.claims, &data);
    std::vector<Claim> back;
    REQUIRE(DecodeClaimsBinary(data, &back));
    CHECK(back == doc.claims);
  }
}

TEST_CASE("binary documents: every fixture document and the sample come back equal") {
  std::vector<DocClaims> docs = Fixtures().docs;
  docs.push_back(Sample());
  docs.back().info.published = date::sys_days{date::days{20000}};
  docs.back().info.published_from = DateSource::kFlag;  // the last enumerator
  docs.back().info.notes = {"a note"};
  docs.back().keywords = {"k1", "#51 percent"};
  docs.back().acronyms = {{"bta", "bilateral trade agreement"}};
  for (const DocClaims& doc : docs) {
    CAPTURE(doc.info.path);
    std::string data = "prefix";  // appended to what is there
    EncodeDocClaimsBinary(doc, &data);
    REQUIRE(data.starts_with("prefix"));
    DocClaims back;
    REQUIRE(DecodeDocClaimsBinary(std::string_view(data).substr(6), &back));
    CHECK(back.info == doc.info);
    CHECK(back.keywords == doc.keywords);
    CHECK(back.acronyms == doc.acronyms);
    REQUIRE(back.claims.size() == doc.claims.size());
    std::string again;
    EncodeDocClaimsBinary(back, &again);
    CHECK(again == data.substr(6));
  }
  // Cut short anywhere, or with a byte more: refused, and nothing kept.
  std::string data;
  EncodeDocClaimsBinary(docs.back(), &data);
  for (size_t n = 0; n < data.size(); ++n) {
    DocClaims back;
    CHECK_FALSE(DecodeDocClaimsBinary(std::string_view(data).substr(0, n), &back));
    CHECK(back == DocClaims());
  }
  DocClaims back;
  CHECK_FALSE(DecodeDocClaimsBinary(data + "x", &back));
  CHECK(ClaimsBinaryTag().starts_with("claims-binary/"));
}

TEST_CASE("binary claims: truncated or damaged data is refused, never a crash") {
  const DocClaims d = Sample();
  std::string data;
  EncodeClaimsBinary(d.claims, &data);
  std::vector<Claim> back;
  for (size_t n = 0; n < data.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(DecodeClaimsBinary(std::string_view(data).substr(0, n), &back));
    CHECK(back.empty());
  }
  CHECK_FALSE(DecodeClaimsBinary(data + "x", &back));
  // Damaged bytes: decoding either fails or yields claims, within bounds.
  for (size_t i = 0; i < data.size(); ++i) {
    std::string bad = data;
    bad[i] = static_cast<char>(bad[i] ^ 0xA5);
    (void)DecodeClaimsBinary(bad, &back);
  }
  const std::string huge_count("\xff\xff\xff\x7f", 4);
  CHECK_FALSE(DecodeClaimsBinary(huge_count, &back));
}

TEST_CASE("a memory budget changes where claims wait, not the report") {
  const Corpus& kept = Fixtures();
  absl::StatusOr<Report> want = BuildReport(kept, Rules());
  REQUIRE(want.ok());
  REQUIRE(!want->findings.empty());
  for (size_t budget : {size_t{0}, size_t{40000}}) {
    CAPTURE(budget);
    RunOptions options = FixtureOptions();
    options.memory_budget = budget;
    absl::StatusOr<Corpus> spilled =
        ReadCorpus({CONCORD_TEST_SOURCE_DIR "/fixtures"}, Rules(), options);
    REQUIRE(spilled.ok());
    REQUIRE(spilled->spill != nullptr);
    size_t on_disk = 0, claims = 0;
    for (size_t i = 0; i < spilled->docs.size(); ++i) {
      on_disk += spilled->spilled[i].length > 0;
      claims += spilled->ClaimCount(i);
      CHECK(spilled->ClaimCount(i) == kept.ClaimCount(i));
    }
    if (budget == 0) {
      CHECK(on_disk == spilled->docs.size());
    } else {
      CHECK(on_disk > 0);
      CHECK(on_disk < spilled->docs.size());
    }
    CHECK(claims > 100);
    absl::StatusOr<Report> got = BuildReport(*spilled, Rules());
    REQUIRE(got.ok());
    CHECK(report::RenderJson(*got) == report::RenderJson(*want));
  }
}

TEST_CASE("one large feed is extracted on every thread, in its order") {
  // One JSON Lines file holding every fixture article, as a nightly export
  // would: its documents come back in the file's order whatever -j is, and
  // a streaming caller gets them in that order too.
  std::string feed;
  for (const DocClaims& d : Fixtures().docs) {
    std::ifstream in(d.info.path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (d.info.path.ends_with(".jsonl") || text.empty()) continue;
    std::string escaped;
    for (char c : text) {
      if (c == '"' || c == '\\') escaped += '\\';
      if (c == '\n') {
        escaped += "\\n";
      } else if (static_cast<unsigned char>(c) < 0x20) {
        escaped += " ";
      } else {
        escaped += c;
      }
    }
    feed += "{\"id\": \"" + d.info.id + "\", \"text\": \"" + escaped + "\"}\n";
  }
  const std::string path = std::filesystem::temp_directory_path() /
                           ("concord-feed-" + std::to_string(getpid()) + ".jsonl");
  std::ofstream(path, std::ios::binary) << feed;
  auto encode = [](const std::vector<DocClaims>& docs) {
    std::string out;
    for (const DocClaims& d : docs) out += EncodeDocClaims(d) + "\n";
    return out;
  };
  RunOptions options = FixtureOptions();
  options.jobs = 1;
  absl::StatusOr<Corpus> one = ReadCorpus({path}, Rules(), options);
  REQUIRE(one.ok());
  REQUIRE(one->docs.size() > 20);
  for (int jobs : {2, 5}) {
    CAPTURE(jobs);
    options.jobs = jobs;
    absl::StatusOr<Corpus> many = ReadCorpus({path}, Rules(), options);
    REQUIRE(many.ok());
    CHECK(encode(many->docs) == encode(one->docs));
    std::vector<DocClaims> streamed;
    RunOptions streaming = options;
    streaming.on_input = [&](std::vector<DocClaims>&& docs, std::vector<Skipped>&&) {
      for (DocClaims& d : docs) streamed.push_back(std::move(d));
    };
    absl::StatusOr<Corpus> none = ReadCorpus({path}, Rules(), streaming);
    REQUIRE(none.ok());
    CHECK(none->docs.empty());
    CHECK(encode(streamed) == encode(one->docs));
  }
  std::filesystem::remove(path);
}

TEST_CASE("stories compared on several threads give the same report") {
  RunOptions options = FixtureOptions();
  options.memory_budget = 40000;  // some stories read back from the spill
  absl::StatusOr<Corpus> corpus =
      ReadCorpus({CONCORD_TEST_SOURCE_DIR "/fixtures"}, Rules(), options);
  REQUIRE(corpus.ok());
  absl::StatusOr<Report> one = BuildReport(*corpus, Rules(), {}, nullptr, 1);
  REQUIRE(one.ok());
  REQUIRE(one->stories.size() > 2);
  REQUIRE(!one->findings.empty());
  for (int jobs : {2, 3, 8}) {
    CAPTURE(jobs);
    absl::StatusOr<Report> many = BuildReport(*corpus, Rules(), {}, nullptr, jobs);
    REQUIRE(many.ok());
    CHECK(report::RenderJson(*many) == report::RenderJson(*one));
  }
  // With only some documents (concord check), on threads too.
  const std::vector<std::string> only = {corpus->docs.front().info.id};
  absl::StatusOr<Report> want = BuildReport(*corpus, Rules(), only, nullptr, 1);
  absl::StatusOr<Report> got = BuildReport(*corpus, Rules(), only, nullptr, 4);
  REQUIRE(want.ok());
  REQUIRE(got.ok());
  CHECK(report::RenderJson(*got) == report::RenderJson(*want));
  CHECK(want->stories.size() < one->stories.size());
}

}  // namespace
}  // namespace concord
