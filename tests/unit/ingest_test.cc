#include <doctest/doctest.h>
#include <zlib.h>
#include <zstd.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "ingest/ingest.h"
#include "ingest/internal.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::ingest {
namespace {

namespace fs = std::filesystem;

using ::concord::testing::Rules;

std::string Ymd(const std::optional<date::sys_days>& d) {
  if (!d) return "";
  std::ostringstream out;
  out << date::year_month_day(*d);
  return out.str();
}

absl::StatusOr<Document> Parse(std::string bytes, Format format = Format::kText,
                               const Options& options = {},
                               const std::string& path = "dir/article.txt") {
  return ParseArticle(std::move(bytes), format, path, Rules().ingest, Rules().lexicon,
                      options);
}

// The original bytes behind a span of the text.
std::string Original(const Document& doc, Span span) {
  const Span o = doc.map.ToOriginal(span);
  return doc.original.substr(o.begin, o.size());
}

// Every maximal run of ASCII letters and digits in the text maps back to the
// same bytes in the original.
void CheckWordsMapBack(const Document& doc) {
  const std::string& t = doc.text;
  int checked = 0;
  for (size_t i = 0; i < t.size();) {
    if (!IsAsciiAlpha(t[i]) && !IsAsciiDigit(t[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < t.size() && (IsAsciiAlpha(t[j]) || IsAsciiDigit(t[j]))) ++j;
    const Span span{static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
    const std::string word = t.substr(i, j - i);
    const std::string original = Original(doc, span);
    if (original != word) {
      // A word decoded from an entity ("&amp;" -> "&") is not copied; only
      // plain words must come back byte for byte.
      CHECK_MESSAGE(original.find('&') != std::string::npos,
                    "word '" << word << "' maps to '" << original << "'");
    }
    ++checked;
    i = j;
  }
  CHECK(checked > 0);
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("concord_ingest_test_" + std::to_string(getpid()) + "_" +
             std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto& entry : fs::recursive_directory_iterator(
             path_, fs::directory_options::skip_permission_denied, ec)) {
      fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) const {
    const fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string Path(const std::string& name = "") const {
    return name.empty() ? path_.string() : (path_ / name).string();
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

struct ReadResult {
  std::vector<Document> docs;
  std::vector<Skipped> skipped;
};

ReadResult ReadPath(const std::string& path, const Options& options = {}) {
  ReadResult r;
  auto inputs = ExpandInputs({path}, &r.skipped);
  REQUIRE(inputs.ok());
  for (const Input& input : *inputs) {
    ReadInput(input, Rules().ingest, Rules().lexicon, options,
              [&](Document d) { r.docs.push_back(std::move(d)); }, &r.skipped);
  }
  return r;
}

// --- Rules --------------------------------------------------------------------

TEST_CASE("Every boilerplate example and counter-example passes") {
  std::vector<rules::ExampleResult> results;
  RunIngestExamples(Rules().ingest, &results);
  CHECK(Rules().ingest.boilerplate.size() >= 15);
  CHECK(results.size() >= 60);
  for (const rules::ExampleResult& r : results) {
    CAPTURE(r.rule_id);
    CHECK_MESSAGE(r.passed, r.pos.path << ":" << r.pos.line << ":" << r.pos.column << ": "
                                       << r.message);
  }
}

TEST_CASE("RunIngestExamples reports a failing example at its position") {
  rules::Diagnostics diag;
  auto file = rules::ParseRuleText(
      "[[boilerplate]]\n"
      "id = \"ads\"\n"
      "pattern = 'ad\\d*'\n"
      "examples = [\"Ad3\", \"Advertisement\"]\n"
      "counter_examples = [\"Ad4\"]\n",
      "b.toml", &diag);
  REQUIRE(file.has_value());
  IngestRules rules;
  CompileIngestRules({*file}, &diag, &rules);
  REQUIRE(diag.ok());
  std::vector<rules::ExampleResult> results;
  RunIngestExamples(rules, &results);
  REQUIRE(results.size() == 3);
  CHECK(results[0].passed);
  CHECK_FALSE(results[1].passed);
  CHECK(results[1].pos.line == 4);
  CHECK(results[1].pos.column == 20);
  CHECK_FALSE(results[2].passed);
  CHECK(results[2].message.find("dropped by rule 'ads'") != std::string::npos);
}

TEST_CASE("Bad boilerplate rules are reported at path:line:col with the rule id") {
  struct Case {
    const char* toml;
    const char* error;
  } cases[] = {
      {"[[boilerplate]]\nid = \"broken\"\npattern = 'ad(\\d'\nexamples = [\"Ad3\"]\n",
       "b.toml:3:11: error: invalid pattern: missing ): ad(\\d at 'ad(\\d' [broken]"},
      {"[[boilerplate]]\nid = \"typo\"\npattern = 'x'\nexamples = [\"x\"]\nexample = [\"y\"]\n",
       "b.toml:5:11: error: unknown key 'example' [typo]"},
      {"[[boilerplate]]\nid = \"no-examples\"\npattern = 'x'\n",
       "b.toml:1:1: error: a boilerplate rule needs 'examples' (lines it drops) [no-examples]"},
      {"[[boilerplate]]\nid = \"no-pattern\"\nexamples = [\"x\"]\n",
       "b.toml:1:1: error: "},
      {"[[boilerplate]]\nid = \"twice\"\npattern = 'x'\nexamples = [\"x\"]\n"
       "[[boilerplate]]\nid = \"twice\"\npattern = 'y'\nexamples = [\"y\"]\n",
       "b.toml:6:6: error: duplicate rule id (first at b.toml:2:6) [twice]"},
      {"boilerplate = 3\n", "b.toml:1:15: error: 'boilerplate': expected an array of tables"},
      {"[[boilerplate]]\nid = \"types\"\npattern = 3\nexamples = [\"x\"]\n",
       "b.toml:3:11: error: 'pattern': expected a string, saw "},
  };
  for (const Case& c : cases) {
    CAPTURE(c.toml);
    rules::Diagnostics diag;
    auto file = rules::ParseRuleText(c.toml, "b.toml", &diag);
    REQUIRE(file.has_value());
    IngestRules rules;
    CompileIngestRules({*file}, &diag, &rules);
    REQUIRE_FALSE(diag.ok());
    CHECK_MESSAGE(diag.errors()[0].rfind(c.error, 0) == 0, diag.errors()[0]);
  }
}

// Regression: a finding quoted an HTML source's mention by its raw bytes
// ("&euro;3.1bn").
TEST_CASE("VisibleText: what a reader sees of an HTML mention") {
  struct Case {
    const char* original;
    Format format;
    const char* want;
  } cases[] = {
      {"&euro;3.1bn", Format::kHtml, "\u20ac3.1bn"},
      {"3.1<b>bn</b>", Format::kHtml, "3.1bn"},
      {"AT&amp;T", Format::kHtml, "AT&T"},
      {"&#8364;3 &#x20AC;4", Format::kHtml, "\u20ac3 \u20ac4"},
      {"3.2&nbsp;billion", Format::kHtml, "3.2 billion"},
      {"a < b & c", Format::kHtml, "a < b & c"},  // no tag, no reference
      {"&euro;3.1bn", Format::kText, "&euro;3.1bn"},
      {"3.1<b>bn</b>", Format::kJsonl, "3.1<b>bn</b>"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.original);
    CHECK(VisibleText(c.original, c.format) == c.want);
  }
}

TEST_CASE("Boilerplate lines are dropped and leave a line break") {
  auto doc = Parse(
      "The minister arrived on Friday.\nAdvertisement\nHe met his counterpart.\n"
      "<div class=\"ad\">Ad7</div>Talks went well.\nRead more: Another story\n");
  REQUIRE(doc.ok());
  CHECK(doc->text ==
        "The minister arrived on Friday.\n\nHe met his counterpart.\n\nTalks went well.");
  CHECK(MatchBoilerplate(Rules().ingest, "  Scroll   to load tweet\xE2\x80\xA6 ") != nullptr);
  CHECK(MatchBoilerplate(Rules().ingest, "<p><i>(With inputs from PTI)</i></p>") != nullptr);
  CHECK(MatchBoilerplate(Rules().ingest, "The talks went well.") == nullptr);
}

// --- Dates ---------------------------------------------------------------------

TEST_CASE("Publication date: front matter, date line, dateline, flag") {
  const auto flag = date::sys_days(date::year{2024} / 1 / 15);
  struct Case {
    const char* input;
    bool use_flag;
    const char* date;  // "" when none
    DateSource from;
    const char* text;  // expected text, or nullptr to skip
  } cases[] = {
      {"+++\npublished = 2025-10-31\nsource = \"Wire\"\n+++\nBody text here.", false,
       "2025-10-31", DateSource::kFrontMatter, "Body text here."},
      {"+++\npublished = \"2025-10-30T22:15:00+05:30\"\n+++\nBody.", true, "2025-10-30",
       DateSource::kFrontMatter, "Body."},
      {"+++\r\ntitle = 'T'\r\npublished = 2025-10-29T08:00:00Z\r\n+++\r\nBody.", false,
       "2025-10-29", DateSource::kFrontMatter, "Body."},
      {"+++\npublished = \"yesterday\"\n+++\nOct 31, 2025\nBody.", false, "2025-10-31",
       DateSource::kDateline, "Body."},
      {" date 2025-10-31 Rajnath Singh met Hegseth.\n\nMore text.", false, "2025-10-31",
       DateSource::kDateLine, "Rajnath Singh met Hegseth.\n\nMore text."},
      {" date 2025-10-30 \n\n\n\nFirst paragraph.", true, "2025-10-30", DateSource::kDateLine,
       "First paragraph."},
      // A mail-style header block is read like front matter.
      {"Date: 2025-10-28\nBody.", false, "2025-10-28", DateSource::kFrontMatter, "Body."},
      {"Title: Talks\nPublished: 28 October 2025\n\nBody.", false, "2025-10-28",
       DateSource::kFrontMatter, "Body."},
      // A first line "date:" with prose after it is a date line.
      {"Date: 2025-10-28 Talks began.\nBody.", false, "2025-10-28", DateSource::kDateLine,
       "Talks began.\nBody."},
      {"---\ndate: 2025-10-27\n---\nBody.", false, "2025-10-27", DateSource::kFrontMatter,
       "Body."},
      {"dated 2025-10-28 documents were found.", false, "", DateSource::kNone, nullptr},
      {"Headline here\n\nOct 31, 2025\n\nBody.", false, "2025-10-31", DateSource::kDateline,
       "Headline here\n\nBody."},
      {"Headline\nOctober 31, 2025\nBody.", false, "2025-10-31", DateSource::kDateline,
       "Headline\n\nBody."},
      {"Headline\n31 October 2025\nBody.", false, "2025-10-31", DateSource::kDateline,
       nullptr},
      {"Headline\n2025-10-31\nBody.", false, "2025-10-31", DateSource::kDateline, nullptr},
      {"Headline\nFriday, October 31, 2025 10:30 AM IST\nBody.", false, "2025-10-31",
       DateSource::kDateline, "Headline\n\nBody."},
      {"Headline\nPublished: Sept. 3, 2025\nBody.", false, "2025-09-03",
       DateSource::kDateline, nullptr},
      {"Headline\nOct 31st, 2025 | 10.30 pm\nBody.", false, "2025-10-31", DateSource::kDateline,
       nullptr},
      // A label of the lexicon's date_labels, without a colon.
      {"Headline\nPublished 8 April 2026\nBody.", false, "2026-04-08", DateSource::kDateline,
       "Headline\n\nBody."},
      {"Headline\nLast updated on March 3, 2026 4:05 PM\nBody.", false, "2026-03-03",
       DateSource::kDateline, nullptr},
      {"Headline\nPublished in March 3, 2026\nBody.", false, "", DateSource::kNone, nullptr},
      // Regression: the seeds' first-line "date 2025-10-30" header was not
      // read under a headline.
      {"Headline\ndate 2026-08-29\n\nBody.", false, "2026-08-29", DateSource::kDateline,
       nullptr},
      {"Headline\nThe date 2026-08-29 was set.\nBody.", false, "", DateSource::kNone, nullptr},
      // A byline: a short credit, a separator, the date.
      {"Headline\nBBC News, 4 March 2026\nBody.", false, "2026-03-04", DateSource::kDateline,
       "Headline\n\nBody."},
      {"Headline\nBy J. Ruiz | Reuters | Tuesday, March 3, 2026 4:05 PM EST\nBody.", false,
       "2026-03-03", DateSource::kDateline, "Headline\n\nBody."},
      {"Headline\nOSLO, Feb 12, 2026 (Reuters)\nBody.", false, "2026-02-12",
       DateSource::kDateline, "Headline\n\nBody."},
      {"Headline\nFeb 12, 2026 (AP)\nBody.", false, "2026-02-12", DateSource::kDateline,
       nullptr},
      {"Headline\nOSLO, Feb 12, 2026 (Reuters) - Nordvik said on Thursday.\nBody.", false, "",
       DateSource::kNone, nullptr},
      {"Headline\nFeb 12, 2026 (2 updates)\nBody.", false, "", DateSource::kNone, nullptr},
      {"Headline\nAl-Monitor \xE2\x80\x94 3 March 2026\nBody.", false, "2026-03-03",
       DateSource::kDateline, nullptr},
      {"Headline\nLe Monde \xC2\xB7 3 March 2026\nBody.", false, "2026-03-03",
       DateSource::kDateline, nullptr},
      // Regression (review): a Title Case headline ending in a date was
      // taken for a byline, lost from the text, and won over the labelled
      // date after it. The first line is never a byline, a credit without
      // "By" has four words at most, and a byline's date yields to any other.
      {"Election Set For Sunday, March 29, 2026\nPublished: 3 March 2026\nBody.", false,
       "2026-03-03", DateSource::kDateline, nullptr},
      {"Earthquake Hits Turkey, 4 March 2026\nBody.", false, "", DateSource::kNone,
       "Earthquake Hits Turkey, 4 March 2026\nBody."},
      {"Headline\nVoters Go To The Polls - March 24, 2026\nBody.", false, "",
       DateSource::kNone, nullptr},
      {"Headline\nBBC News, 4 March 2026\nMarch 5, 2026\nBody.", false, "2026-03-05",
       DateSource::kDateline, "Headline\n\nBody."},
      // A sentence or a headline that ends in a date is no byline: too many
      // words, a number, or a full stop before the date.
      {"Ministers from the seven member states met in Geneva, March 3, 2026\nBody.", false, "",
       DateSource::kNone, nullptr},
      {"Talks resume in Geneva, March 3, 2026\nBody.", false, "", DateSource::kNone, nullptr},
      {"Vote count: 3 parties, March 3, 2026\nBody.", false, "", DateSource::kNone, nullptr},
      {"Talks ended. Reuters, March 3, 2026\nBody.", false, "", DateSource::kNone, nullptr},
      {"Headline\nAl-Monitor-3 March 2026\nBody.", false, "", DateSource::kNone, nullptr},
      // Not alone on its line, or too far down: no dateline.
      {"On Oct 31, 2025 the talks began.\nBody.", true, "2024-01-15", DateSource::kFlag,
       nullptr},
      {"a\nb\nc\nd\ne\nOct 31, 2025\nBody.", false, "", DateSource::kNone, nullptr},
      {"Headline\nFebruary 30, 2025\nBody.", false, "", DateSource::kNone, nullptr},
      {"Just text.", true, "2024-01-15", DateSource::kFlag, "Just text."},
      {"Just text.", false, "", DateSource::kNone, "Just text."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    Options options;
    if (c.use_flag) options.published = flag;
    auto doc = Parse(c.input, Format::kText, options);
    REQUIRE(doc.ok());
    CHECK(Ymd(doc->published) == c.date);
    CHECK(doc->published_from == c.from);
    if (c.text != nullptr) CHECK(doc->text == c.text);
    const bool noted = std::find(doc->notes.begin(), doc->notes.end(),
                                 "no publication date: relative dates left unresolved") !=
                       doc->notes.end();
    CHECK(noted == (c.from == DateSource::kNone));
  }
}

TEST_CASE("Front matter fields and errors") {
  auto doc = Parse(
      "+++\n# a comment\ntitle = \"Talks \\\"begin\\\"\"\nsource = 'Example Wire'\n"
      "url = \"https://example.com/a\"\npublished = 2025-10-31\ntags = [\"a\"]\n"
      "bogus line\n[extra]\ntitle = \"not this\"\n+++\nBody text.");
  REQUIRE(doc.ok());
  CHECK(doc->title == "Talks \"begin\"");
  CHECK(doc->source == "Example Wire");
  CHECK(doc->url == "https://example.com/a");
  CHECK(doc->text == "Body text.");
  CHECK(Original(*doc, {0, 4}) == "Body");
  REQUIRE(doc->notes.size() == 1);
  CHECK(doc->notes[0] == "front matter line 8: expected key = value, ignored");

  auto open = Parse("+++\npublished = 2025-10-31\nBody text that never ends the header.");
  REQUIRE_FALSE(open.ok());
  CHECK(std::string(open.status().message()).find("never closed") != std::string::npos);
}

TEST_CASE("YAML front matter and mail-style headers") {
  auto yaml = Parse(
      "---\ntitle: \"Talks begin\"\ndate: 2025-10-31 # local\nsource: Example Wire\n"
      "tags:\n  - trade\n  - talks\nurl: 'https://example.com/a'\n---\nBody text.");
  REQUIRE(yaml.ok());
  CHECK(yaml->title == "Talks begin");
  CHECK(yaml->source == "Example Wire");
  CHECK(yaml->url == "https://example.com/a");
  CHECK(Ymd(yaml->published) == "2025-10-31");
  CHECK(yaml->text == "Body text.");
  CHECK(Original(*yaml, {0, 4}) == "Body");

  auto headers = Parse(
      "Headline: Quake hits the east\r\nDate: 2026-02-10\r\nLink: https://example.com/q\r\n"
      "Author: A. Writer\r\nPublisher: Example Wire\r\n\r\nBody text.");
  REQUIRE(headers.ok());
  CHECK(headers->title == "Quake hits the east");
  CHECK(headers->source == "Example Wire");
  CHECK(headers->url == "https://example.com/q");
  CHECK(Ymd(headers->published) == "2026-02-10");
  CHECK(headers->text == "Body text.");
  CHECK(Original(*headers, {0, 4}) == "Body");

  // Headers run into the text when no blank line follows them.
  auto run_on = Parse("Source: Example Wire\nThe minister said talks would resume.");
  REQUIRE(run_on.ok());
  CHECK(run_on->source == "Example Wire");
  CHECK(run_on->text == "The minister said talks would resume.");

  // Not metadata: a first line that names no field, a rule that is never
  // closed, a YAML block with a line that is no key: value.
  const char* not_metadata[] = {
      "Update: the minister resigned.\nBody.",
      "---\nThe minister resigned.\nBody.",
      "---\ntitle: x\nThe minister resigned.\n---\nBody.",
  };
  for (const char* input : not_metadata) {
    CAPTURE(input);
    auto doc = Parse(input);
    REQUIRE(doc.ok());
    CHECK(doc->text.find("minister") != std::string::npos);
    CHECK(doc->source.empty());
  }
  // Regression: a line after the first header that names no field is the
  // text's first line, not a header dropped with its facts.
  auto after = Parse(
      "Source: Reuters\nDeath toll: 45 people were killed on Monday.\n\nSecond paragraph.");
  REQUIRE(after.ok());
  CHECK(after->source == "Reuters");
  CHECK(after->text == "Death toll: 45 people were killed on Monday.\n\nSecond paragraph.");
  // Regression: under a rule (---), "Word: sentence" lines are text unless
  // a key concord reads is among them; keys are lower case.
  auto rule = Parse("---\nUpdate: The minister resigned.\nNote: 45 people were killed.\n---\n"
                    "Body.");
  REQUIRE(rule.ok());
  CHECK(rule->text.find("45 people were killed") != std::string::npos);
  auto unknown_only = Parse("---\nupdate: The minister resigned.\n---\nBody.");
  REQUIRE(unknown_only.ok());
  CHECK(unknown_only->text.find("minister resigned") != std::string::npos);
  // A quoted YAML value keeps a " #" inside it.
  auto hash = Parse("---\ntitle: \"Team ranks #1 in poll\" # a comment\n---\nBody.");
  REQUIRE(hash.ok());
  CHECK(hash->title == "Team ranks #1 in poll");

  auto no_space = Parse("Title:no space after the colon\nBody.");
  REQUIRE(no_space.ok());
  CHECK(no_space->text.find("Title:no space") == 0);
}

TEST_CASE("Meta dates") {
  const rules::Lexicon& lex = Rules().lexicon;
  struct Case {
    const char* value;
    const char* date;
  } cases[] = {
      {"2025-10-31", "2025-10-31"},
      {"2025-10-31T23:59:00+05:30", "2025-10-31"},
      {"2025-10-31 10:00", "2025-10-31"},
      {"20251031", "2025-10-31"},
      {"20251031T101010Z", "2025-10-31"},
      {"Fri, 31 Oct 2025 10:30:00 +0530", "2025-10-31"},
      {"October 31, 2025", "2025-10-31"},
      {"2025-13-01", ""},
      {"2025-10", ""},
      {"soon", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.value);
    CHECK(Ymd(internal::ParseMetaDate(c.value, lex)) == c.date);
  }
}

// --- Folding -----------------------------------------------------------------------

TEST_CASE("Unicode folding keeps exact original bytes") {
  struct Case {
    const char* ch;
    const char* folded;
  } cases[] = {
      {"\xC2\xA0", " "},          {"\xE2\x80\xAF", " "},     {"\xE2\x80\x80", " "},
      {"\xE2\x80\x87", " "},      {"\xE2\x80\x89", " "},     {"\xE2\x80\x8A", " "},
      {"\xE3\x80\x80", " "},      {"\xE2\x80\x8B", ""},      {"\xE2\x80\x8C", ""},
      {"\xE2\x80\x8D", ""},       {"\xE2\x81\xA0", ""},      {"\xEF\xBB\xBF", ""},
      {"\xC2\xAD", ""},           {"\xE2\x80\x90", "-"},     {"\xE2\x80\x91", "-"},
      {"\xE2\x80\x92", "-"},      {"\xE2\x80\x93", "-"},     {"\xE2\x88\x92", "-"},
      {"\xE2\x80\x94", "-"},      {"\xE2\x80\x95", "-"},     {"\xE2\x80\x98", "'"},
      {"\xE2\x80\x99", "'"},      {"\xE2\x80\x9A", "'"},     {"\xE2\x80\x9B", "'"},
      {"\xE2\x80\xB2", "'"},      {"\xE2\x80\x9C", "\""},    {"\xE2\x80\x9D", "\""},
      {"\xE2\x80\x9E", "\""},     {"\xE2\x80\x9F", "\""},    {"\xE2\x80\xB3", "\""},
      {"\xE2\x80\xA6", "..."},    {"\t", " "},               {"\xC3\xA9", "\xC3\xA9"},
      {"&amp;", "&"},             {"&lt;", "<"},             {"&gt;", ">"},
      {"&quot;", "\""},           {"&#39;", "'"},            {"&nbsp;", " "},
      {"&#8217;", "'"},           {"&#x2014;", "-"},         {"&#150;", "-"},
      {"&rsquo;", "'"},           {"&hellip;", "..."},       {"&eacute;", "\xC3\xA9"},
      {"&euro;", "\xE2\x82\xAC"}, {"&nosuch;", "&nosuch;"},  {"AT&T", "AT&T"},
      {"&#0;", "\xEF\xBF\xBD"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.ch);
    const std::string input = std::string("ab") + c.ch + "cd";
    auto doc = Parse(input);
    REQUIRE(doc.ok());
    const std::string folded = c.folded;
    CHECK(doc->text == "ab" + folded + "cd");
    CHECK(Original(*doc, {0, 2}) == "ab");
    const auto end = static_cast<uint32_t>(doc->text.size());
    CHECK(Original(*doc, {end - 2, end}) == "cd");
    if (!folded.empty() && folded != c.ch) {
      CHECK(Original(*doc, {2, static_cast<uint32_t>(2 + folded.size())}) == c.ch);
      // Part of a replaced piece widens to all of it.
      CHECK(Original(*doc, {2, 3}) == c.ch);
    }
  }
}

TEST_CASE("A no-break or thin space between digit groups is a thousands separator") {
  struct Case {
    const char* input;
    const char* text;
  } cases[] = {
      {"Some 3\xE2\x80\xAF" "400 families", "Some 3,400 families"},
      {"1\xC2\xA0" "200\xC2\xA0" "000 people", "1,200,000 people"},
      {"won 3\xE2\x80\x89" "400", "won 3,400"},
      {"73\xC2\xA0" "20 pages", "73 20 pages"},      // not a group of three
      {"3\xC2\xA0" "4000 x", "3 4000 x"},            // nor four
      {"Room\xC2\xA0" "400", "Room 400"},            // no digit before
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    auto doc = Parse(c.input);
    REQUIRE(doc.ok());
    CHECK(doc->text == c.text);
  }
}

TEST_CASE("Line endings: CRLF and CR become LF and map back") {
  auto doc = Parse("one\r\ntwo\rthree\n\r\nfour");
  REQUIRE(doc.ok());
  CHECK(doc->text == "one\ntwo\nthree\n\nfour");
  CHECK(Original(*doc, {3, 4}) == "\r\n");
  CHECK(Original(*doc, {7, 8}) == "\r");
  const size_t four = doc->text.find("four");
  CHECK(doc->map.OriginalOffset(static_cast<uint32_t>(four)) == doc->original.find("four"));
}

TEST_CASE("Spaces are collapsed and lines trimmed, blank lines kept as one") {
  auto doc = Parse("  A   line  \n\n\n\n  another\xC2\xA0\xC2\xA0 line \n");
  REQUIRE(doc.ok());
  CHECK(doc->text == "A line\n\nanother line");
  CHECK(Original(*doc, {8, 15}) == "another");
}

// --- Markup --------------------------------------------------------------------------

TEST_CASE("Tags in plain text are stripped; block tags break lines") {
  struct Case {
    const char* input;
    const char* text;
  } cases[] = {
      {"One.<br>Two.", "One.\nTwo."},
      {"One.</p><p>Two.", "One.\n\nTwo."},
      {"A <i><strong>bold</strong></i> move", "A bold move"},
      {"x<div type=\"dfp\" position=3>Ad3</div>y", "x\n\ny"},
      {"if a <b and c> d then", "if a d then"},
      {"if x<y and y>z then", "if x<y and y>z then"},
      {"5 < 6 > 4", "5 < 6 > 4"},
      {"<SecRubio> wrote", "<SecRubio> wrote"},
      {"a <!-- hidden --> b", "a b"},
      {"a <!-- never closed b", "a <!-- never closed b"},
      {"a <p class=\"x\ny\">b", "a <p class=\"x\ny\">b"},
      {"Tom &amp; Jerry &copy; 2025", "Tom & Jerry \xC2\xA9 2025"},
      {"a <script>var x = '<p>';</script>b", "a b"},
      {"a <script> unclosed b", "a unclosed b"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    auto doc = Parse(c.input);
    REQUIRE(doc.ok());
    CHECK(doc->text == c.text);
  }
}

TEST_CASE("HTML pages: text, metadata, dropped elements") {
  const std::string page =
      "<!DOCTYPE html><html><head><title>Page &amp; Title | Site</title>"
      "<meta property=\"og:title\" content=\"Ministers meet\">"
      "<meta property=\"og:site_name\" content=\"Example News\">"
      "<meta name=\"article:modified_time\" content=\"2025-11-02\">"
      "<meta property=\"article:published_time\" content=\"2025-10-31T09:00:00+05:30\">"
      "<link rel=\"canonical\" href=\"https://example.com/x\">"
      "<style>p { color: red; }</style><script>var a = \"</p>\";</script></head>"
      "<body><nav><a href=\"/\">Home</a> | <a>World</a></nav>"
      "<article><h1>Ministers   meet</h1>\n<p>The two   ministers\nmet on Friday.</p>"
      "<p>They <em>signed</em> a pact.<br>It runs ten years.</p>"
      "<div>Advertisement</div><noscript>Enable JS</noscript>"
      "<svg><title>icon</title><text>SVG text</text></svg>"
      "<template><p>Template</p></template><!-- comment -->"
      "<pre>keep\n  this</pre><table><tr><td>a</td><td>b</td></tr></table>"
      "</article></body></html>";
  auto doc = Parse(page, Format::kHtml, {}, "page.html");
  REQUIRE(doc.ok());
  CHECK(doc->text ==
        "Ministers meet\n\nThe two ministers met on Friday.\n\nThey signed a pact.\n"
        "It runs ten years.\n\nkeep\nthis\n\na b");
  CHECK(doc->title == "Ministers meet");
  CHECK(doc->source == "Example News");
  CHECK(doc->url == "https://example.com/x");
  CHECK(Ymd(doc->published) == "2025-10-31");
  CHECK(doc->published_from == DateSource::kHtmlMeta);
  CHECK(doc->id == "page");
  CheckWordsMapBack(*doc);
}

TEST_CASE("HTML date fallbacks and titles") {
  struct Case {
    const char* html;
    const char* date;
    const char* title;
  } cases[] = {
      {"<html><head><title>T1</title></head><body><p>Text.</p>"
       "<time datetime=\"2025-10-30T10:00\">Oct 30</time></body></html>",
       "2025-10-30", "T1"},
      {"<p>Text.</p><time datetime=\"2025-01-01\">x</time>"
       "<span itemprop=\"datePublished\" content=\"2025-10-29\"></span>",
       "2025-10-29", ""},
      {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
       "\"datePublished\": \"2025-10-28T05:00:00Z\"}</script><p>Text.</p>",
       "2025-10-28", ""},
      {"<meta name=\"pubdate\" content=\"20251027\"><p>Text.</p>", "2025-10-27", ""},
      {"<meta content='2025-10-26' property='article:published_time'/><p>Text.</p>",
       "2025-10-26", ""},
      {"<h1>Headline</h1><p>Oct 25, 2025</p><p>Text.</p>", "2025-10-25", ""},
      {"<p>Text only.</p>", "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.html);
    auto doc = Parse(c.html, Format::kHtml, {}, "p.html");
    REQUIRE(doc.ok());
    CHECK(Ymd(doc->published) == c.date);
    CHECK(doc->title == c.title);
  }
}

TEST_CASE("Hidden blocks still separate the text around them") {
  auto doc = Parse("<p>One<nav>Menu</nav>two</p><p>x<button>Share</button>y</p>",
                   Format::kHtml, {}, "n.html");
  REQUIRE(doc.ok());
  CHECK(doc->text == "One\n\ntwo\n\nxy");
}

TEST_CASE("Standard input is named stdin; a JSONL format needs ReadInput") {
  auto doc = Parse("Some text.", Format::kText, {}, "-");
  REQUIRE(doc.ok());
  CHECK(doc->id == "stdin");
  CHECK(doc->path == "-");
  CHECK_FALSE(Parse("{}", Format::kJsonl).ok());
}

TEST_CASE("Malformed HTML is read without crashing") {
  struct Case {
    std::string html;
    bool ok;
  } cases[] = {
      {"<p>Unclosed <b>bold <i>italic <div>deep", true},
      {"<p>Text</p><script>never closed", true},
      {"<p>Text</p><!-- never closed", true},
      {"<p class=\"unbalanced>Text</p><p>More</p>", true},
      {"<p>Text <a href='x' <b>bold</b></p>", true},
      {"<<<<>>>> text", true},
      {"</p></div></span>Text", true},
      {std::string(100000, '<') + "p>Text", true},
      {"<script>only script</script>", false},
      {"<!-- only a comment -->", false},
  };
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><span>";
  deep += "deep text";
  for (const Case& c : cases) {
    CAPTURE(c.html.substr(0, 60));
    auto doc = Parse(c.html, Format::kHtml, {}, "m.html");
    CHECK(doc.ok() == c.ok);
    if (doc.ok()) CheckWordsMapBack(*doc);
  }
  auto doc = Parse(deep, Format::kHtml, {}, "deep.html");
  REQUIRE(doc.ok());
  CHECK(doc->text == "deep text");
  auto unclosed = Parse("<p>Text</p><script>never closed", Format::kHtml, {}, "u.html");
  REQUIRE(unclosed.ok());
  CHECK(unclosed->notes[0] == "unclosed <script> at byte 11: the rest of the page is left out");
}

TEST_CASE("Hostile repetitive input parses") {
  // How time grows with size is measured in bench/ingest_bench (timing does
  // not belong in unit tests); here each pattern must just parse.
  const std::string units[] = {"<a x=\"", "<p", "&#", "<!--", "<a href='x' ", "<", "&amp",
                               "<script>", "<!doctype", "\xE2\x80\x99", "a\n", "Ad3\n",
                               "<div>", "</svg>", "<svg>"};
  for (const std::string& unit : units) {
    for (Format format : {Format::kText, Format::kHtml}) {
      CAPTURE(unit);
      CAPTURE(static_cast<int>(format));
      std::string input;
      while (input.size() + unit.size() < (256 << 10)) input += unit;
      input += " end";
      auto doc = Parse(input, format);
      if (doc.ok()) CHECK(doc->map.derived_size() == doc->text.size());
    }
  }
}

TEST_CASE("Random markup soup: never crashes, the map stays exact") {
  const char* tokens[] = {"<p>", "</p>", "<", ">", "&amp;", "&#", "&#x41;", "\"", "'", "=",
                          "<!--", "-->", "<script>", "</script>", "<a href=\"", "<br/>",
                          "\xE2\x80\x99", "\xC2\xA0", "\xE2\x80\xA6", "\r\n", "\n", "\r",
                          " ", "\t", "word", "Ad3", "date 2025-10-31 ", "Oct 31, 2025", "+++",
                          "<title>", "<svg>", "</svg>", "<head>", "<body>", "<pre>", "</pre>"};
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const size_t n = next() % 40;
    for (size_t k = 0; k < n; ++k) input += tokens[next() % std::size(tokens)];
    for (Format format : {Format::kText, Format::kHtml}) {
      CAPTURE(input);
      auto doc = Parse(input, format);
      if (!doc.ok()) continue;
      ++parsed;
      REQUIRE(doc->map.derived_size() == doc->text.size());
      for (uint32_t i = 0; i < doc->text.size(); ++i) {
        const Span o = doc->map.ToOriginal({i, i + 1});
        REQUIRE(o.end <= doc->original.size());
        REQUIRE(o.begin < o.end);
        const char c = doc->text[i];
        if (IsAsciiAlpha(c) && o.size() == 1) REQUIRE(doc->original[o.begin] == c);
      }
      REQUIRE(doc->text.find("  ") == std::string::npos);
      REQUIRE(doc->text.find("\n\n\n") == std::string::npos);
    }
  }
  CHECK(parsed > 1000);
}

// --- JSON Lines ---------------------------------------------------------------------

TEST_CASE("JSONL: good and bad lines, with line numbers") {
  TempDir dir;
  const std::string path = dir.Write(
      "feed.jsonl",
      "{\"id\": \"a1\", \"source\": \"Wire\", \"published\": \"2025-10-31\", \"title\": \"T\", "
      "\"text\": \"First \\u2019article\\u2019 text.\"}\n"
      "not json at all\n"
      "[1, 2]\n"
      "{\"id\": \"x\"}\n"
      "\n"
      "{\"text\": 42}\n"
      "{\"html\": \"<p>From <b>HTML</b>.</p><meta property='og:site_name' content='S'>\"}\n"
      "{\"text\": \"   \"}\n"
      "{\"text\": \"Dated text.\", \"published\": \"someday\"}\r\n"
      "{\"text\": \"Trailing\", \"title\": null}");
  ReadResult r = ReadPath(path);
  REQUIRE(r.docs.size() == 4);
  CHECK(r.docs[0].id == "a1");
  CHECK(r.docs[0].record_line == 1);
  CHECK(r.docs[0].source == "Wire");
  CHECK(r.docs[0].title == "T");
  CHECK(Ymd(r.docs[0].published) == "2025-10-31");
  CHECK(r.docs[0].published_from == DateSource::kJsonl);
  CHECK(r.docs[0].original == "First \xE2\x80\x99" "article\xE2\x80\x99 text.");
  CHECK(r.docs[0].text == "First 'article' text.");
  CHECK(r.docs[0].path == path);
  CHECK(r.docs[1].id == "feed-7");
  CHECK(r.docs[1].record_line == 7);
  CHECK(r.docs[1].text == "From HTML.");
  CHECK(r.docs[1].source == "S");
  CHECK(r.docs[2].record_line == 9);
  CHECK(r.docs[2].notes[0] == "'published' \"someday\" is not a date: ignored");
  CHECK(r.docs[3].record_line == 10);
  struct Expected {
    int line;
    const char* reason;
  } expected[] = {
      {2, "not valid JSON (error at column 2)"},
      {3, "not a JSON object (a array)"},
      {4, "no 'text' or 'html' field"},
      {6, "'text' is number, expected a string"},
      {8, "no text left after removing markup, metadata and boilerplate"},
  };
  REQUIRE(r.skipped.size() == std::size(expected));
  for (size_t k = 0; k < std::size(expected); ++k) {
    CHECK(r.skipped[k].path == path + ":" + std::to_string(expected[k].line));
    CHECK(r.skipped[k].reason == expected[k].reason);
  }
}

TEST_CASE("JSONL: oversize lines and invalid UTF-8 are skipped, the rest read") {
  TempDir dir;
  Options options;
  options.max_bytes = 1000;
  const std::string big(5000, 'x');
  const std::string path = dir.Write(
      "f.jsonl", "{\"text\": \"" + big + "\"}\n{\"text\": \"bad \xFF byte\"}\n{\"text\": \"ok\"}\n");
  ReadResult r = ReadPath(path, options);
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].record_line == 3);
  REQUIRE(r.skipped.size() == 2);
  CHECK(r.skipped[0].path == path + ":1");
  CHECK(r.skipped[0].reason.rfind("larger than the 1000 bytes limit", 0) == 0);
  CHECK(r.skipped[1].path == path + ":2");
  CHECK(r.skipped[1].reason.rfind("not valid UTF-8 at byte ", 0) == 0);
}

// --- Seeds ------------------------------------------------------------------------------

TEST_CASE("Every seed parses with its publication date and clean text") {
  struct Seed {
    const char* prefix;
    const char* date;
    DateSource from;
  } seeds[] = {
      {"000_", "", DateSource::kNone},
      {"001_", "2025-10-31", DateSource::kDateline},
      {"002_", "2025-10-31", DateSource::kDateLine},
      {"003_", "2025-10-30", DateSource::kDateLine},
      {"004_", "", DateSource::kNone},
  };
  const char* boilerplate[] = {
      "Scroll to load tweet", "Add Asianet Newsable as a Preferred Source", "Ad3", "Ad4",
      "Read Next", "More News", "Based On ANI Report", "Based On Reuters Report",
      "Except for the headline", "date 2025", "Oct 31, 2025"};
  ReadResult r = ReadPath(CONCORD_TEST_SOURCE_DIR "/fixtures/seeds");
  CHECK(r.skipped.empty());
  REQUIRE(r.docs.size() == std::size(seeds));
  for (size_t k = 0; k < std::size(seeds); ++k) {
    const Document& doc = r.docs[k];
    CAPTURE(doc.path);
    CHECK(fs::path(doc.path).filename().string().rfind(seeds[k].prefix, 0) == 0);
    CHECK(Ymd(doc.published) == seeds[k].date);
    CHECK(doc.published_from == seeds[k].from);
    for (const char* line : boilerplate) {
      CHECK_MESSAGE(doc.text.find(line) == std::string::npos, line);
    }
    CHECK(doc.text.find('<') == std::string::npos);
    CHECK(doc.text.find('>') == std::string::npos);
    CHECK(doc.text.find("\xE2\x80") == std::string::npos);  // no curly quotes or dashes
    CHECK(doc.text.find("  ") == std::string::npos);
    CheckWordsMapBack(doc);
    // A folded quote maps back to the curly one.
    if (const size_t q = doc.original.find("\xE2\x80\x99"); q != std::string::npos) {
      const size_t in_text = doc.text.find('\'');
      REQUIRE(in_text != std::string::npos);
      const Span o = doc.map.ToOriginal(
          {static_cast<uint32_t>(in_text), static_cast<uint32_t>(in_text + 1)});
      CHECK(doc.original.substr(o.begin, o.size()) == "\xE2\x80\x99");
    }
  }
  CHECK(r.docs[1].title ==
        "Rajnath Singh holds key meeting with US Secretary of War Pete Hegseth in Kuala Lumpur");
  CHECK(r.docs[2].text.rfind("Rajnath Singh and US Secretary of War", 0) == 0);
  CHECK(r.docs[2].text.find("\"fruitful.\"\n\nIn a post on X") != std::string::npos);
  CHECK(r.docs[3].text.rfind("Indian Defence Minister", 0) == 0);
  CHECK(r.docs[0].id == "000_e4a8731c2083a7a7");
}

// --- Paths and bad input --------------------------------------------------------------------

TEST_CASE("Bad input is skipped with a clear reason") {
  TempDir dir;
  Options options;
  options.max_bytes = 4096;
  struct Case {
    const char* name;
    std::string bytes;
    const char* reason;
  } cases[] = {
      {"empty.txt", "", "empty file"},
      {"nul.txt", std::string("abc\0def", 7), "binary file: NUL byte at byte 3"},
      {"latin1.txt", "caf\xE9 au lait", "not valid UTF-8 at byte 3"},
      {"truncated.txt", "ok \xE2\x80", "not valid UTF-8 at byte 3"},
      {"spaces.txt", "  \n\n\t \n", "no text left after removing markup, metadata and boilerplate"},
      {"ads.txt", "Advertisement\n<p>Ad3</p>\n", "no text left after removing markup, metadata and boilerplate"},
      {"big.txt", std::string(5000, 'a'), "larger than the 4 KB limit (5000 bytes)"},
      {"open.md", "+++\ntitle = \"x\"\nBody", "front matter opened with +++ on line 1 is never closed by a +++ line"},
      {"tags.html", "<html><head><title>T</title></head><body></body></html>", "no text left after removing markup, metadata and boilerplate"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const std::string path = dir.Write(c.name, c.bytes);
    ReadResult r = ReadPath(path, options);
    CHECK(r.docs.empty());
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].path == path);
    CHECK(r.skipped[0].reason == c.reason);
  }
}

TEST_CASE("A 50 MB single line is refused by size without reading it all") {
  TempDir dir;
  const std::string path = dir.Path("huge.txt");
  {
    std::ofstream out(path, std::ios::binary);
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 50; ++i) out << chunk;
  }
  ReadResult r = ReadPath(path);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].reason == "larger than the 5 MB limit (52428800 bytes)");
  const std::string jsonl = dir.Write("huge.jsonl", "");
  {
    std::ofstream out(jsonl, std::ios::binary);
    out << "{\"text\": \"";
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 50; ++i) out << chunk;
    out << "\"}\n{\"text\": \"small\"}\n";
  }
  ReadResult j = ReadPath(jsonl);
  REQUIRE(j.docs.size() == 1);
  REQUIRE(j.skipped.size() == 1);
  CHECK(j.skipped[0].path == jsonl + ":1");
}

TEST_CASE("Folders: sorted, recursive, hidden and unsupported entries listed") {
  TempDir dir;
  dir.Write("b.txt", "Beta text.");
  dir.Write("a.md", "# Alpha heading\n\nAlpha text.");
  dir.Write("sub/c.html", "<p>Gamma.</p>");
  dir.Write("sub/d.jsonl", "{\"text\": \"Delta.\"}\n");
  dir.Write("notes.pdf", "%PDF");
  dir.Write(".hidden.txt", "Hidden.");
  dir.Write(".git/config", "x");
  dir.Write(".git/HEAD.txt", "x");
  fs::create_directories(dir.Path("empty"));
  fs::create_directories(dir.Path("links"));
  std::vector<Skipped> skipped;
  auto inputs = ExpandInputs({dir.Path()}, &skipped);
  REQUIRE(inputs.ok());
  std::vector<std::string> names;
  for (const Input& in : *inputs) names.push_back(fs::path(in.path).lexically_relative(dir.Path()).generic_string());
  CHECK(names == std::vector<std::string>{"a.md", "b.txt", "sub/c.html", "sub/d.jsonl"});
  CHECK((*inputs)[2].format == Format::kHtml);
  CHECK((*inputs)[3].format == Format::kJsonl);
  REQUIRE(skipped.size() == 3);
  CHECK(skipped[0].path == dir.Path(".git"));
  CHECK(skipped[0].reason == "hidden folder: not searched");
  CHECK(skipped[1].reason == "hidden file");
  CHECK(skipped[2].path == dir.Path("notes.pdf"));
  CHECK(skipped[2].reason == "unsupported file type");

  ReadResult r = ReadPath(dir.Path());
  REQUIRE(r.docs.size() == 4);
  CHECK(r.docs[0].text == "Alpha heading\n\nAlpha text.");
  CHECK(r.docs[0].title == "Alpha heading");

  // An explicitly named file is read whatever its extension.
  auto named = ExpandInputs({dir.Write("x.log", "Log text.")}, &skipped);
  REQUIRE(named.ok());
  REQUIRE(named->size() == 1);
  CHECK((*named)[0].format == Format::kText);

  // An empty folder yields nothing, and no error.
  skipped.clear();
  auto empty = ExpandInputs({dir.Path("empty")}, &skipped);
  REQUIRE(empty.ok());
  CHECK(empty->empty());
  CHECK(skipped.empty());

  // A file named twice is read once.
  auto twice = ExpandInputs({dir.Path("b.txt"), dir.Path("sub/../b.txt")}, &skipped);
  REQUIRE(twice.ok());
  CHECK(twice->size() == 1);
  // A quoted pattern is expanded, sorted, folders in it walked; a pattern
  // that matches nothing is a usage error like a missing path.
  skipped.clear();
  auto pattern = ExpandInputs({dir.Path("[ab].*"), dir.Path("s?b"), dir.Path("b.txt")}, &skipped);
  REQUIRE(pattern.ok());
  names.clear();
  for (const Input& in : *pattern) names.push_back(fs::path(in.path).lexically_relative(dir.Path()).generic_string());
  CHECK(names == std::vector<std::string>{"a.md", "b.txt", "sub/c.html", "sub/d.jsonl"});
  // Regressions: a broken link whose name holds '*' matched itself and was
  // expanded again without end; one with '[' became "no file matches"
  // instead of the skip a broken link gets.
  std::filesystem::create_symlink("/nonexistent/concord", dir.Path("links/x*"));
  std::filesystem::create_symlink("/nonexistent/concord", dir.Path("links/r[1].txt"));
  for (const char* name : {"links/x*", "links/r[1].txt"}) {
    CAPTURE(name);
    skipped.clear();
    auto link = ExpandInputs({dir.Path(name)}, &skipped);
    REQUIRE(link.ok());
    CHECK(link->empty());
    REQUIRE(skipped.size() == 1);
    CHECK(skipped[0].reason == "broken symbolic link");
  }
  skipped.clear();
  auto links = ExpandInputs({dir.Path("links/*")}, &skipped);
  REQUIRE(links.ok());
  CHECK(links->empty());
  CHECK(skipped.size() == 2);
  auto none = ExpandInputs({dir.Path("*.none")}, &skipped);
  REQUIRE_FALSE(none.ok());
  CHECK(absl::IsNotFound(none.status()));
  CHECK(std::string(none.status().message()) == dir.Path("*.none") + ": no file or folder matches");
}

std::string Gzip(std::string_view bytes) {
  // gzip's own format, written through a file: zlib has no in-memory gzip
  // writer short of deflateInit2, which is more than a test needs.
  const fs::path p = fs::temp_directory_path() / ("concord-gz-" + std::to_string(getpid()));
  gzFile gz = gzopen(p.c_str(), "wb");
  REQUIRE(gz != nullptr);
  REQUIRE(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) ==
          static_cast<int>(bytes.size()));
  REQUIRE(gzclose(gz) == Z_OK);
  std::ifstream in(p, std::ios::binary);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(p);
  return out;
}

// `bytes` with one byte in the middle changed.
std::string Flipped(std::string bytes) {
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0xFF);
  return bytes;
}

std::string Zstd(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

TEST_CASE("Compressed files read as their plain text; damage is listed") {
  TempDir dir;
  const std::string article = "date 2025-10-30\n\nThe port reopened on Monday.\n";
  std::string feed;
  for (int i = 0; i < 400; ++i) {  // several zstd blocks and gzip buffers
    feed += "{\"id\": \"r" + std::to_string(i) +
            "\", \"published\": \"2025-10-30\", \"text\": \"Record " + std::to_string(i) +
            " says the port reopened on Monday after " + std::string(300, 'x') + ".\"}\n";
  }
  dir.Write("plain/a.txt", article);
  dir.Write("plain/feed.jsonl", feed);
  dir.Write("packed/a.txt.gz", Gzip(article));
  dir.Write("packed/feed.jsonl.zst", Zstd(feed));
  dir.Write("packed/two.jsonl.gz", Gzip(feed) + Gzip(feed));  // gzip members concatenate
  dir.Write("packed/page.HTML.ZST", Zstd("<p>A page.</p>"));
  dir.Write("packed/old.tar.gz", Gzip("x"));
  ReadResult plain = ReadPath(dir.Path("plain"));
  ReadResult packed = ReadPath(dir.Path("packed"));
  REQUIRE(plain.skipped.empty());
  REQUIRE(packed.skipped.size() == 1);
  CHECK(packed.skipped[0].reason == "unsupported file type");
  REQUIRE(plain.docs.size() == 401);
  REQUIRE(packed.docs.size() == 1 + 400 + 1 + 800);
  // Ids and formats come from the name without its compression.
  CHECK(packed.docs[0].id == "a");
  CHECK(packed.docs[0].text == plain.docs[0].text);
  CHECK(Ymd(packed.docs[0].published) == "2025-10-30");
  for (int i = 0; i < 400; ++i) {
    CHECK(packed.docs[1 + i].id == plain.docs[1 + i].id);
    CHECK(packed.docs[1 + i].text == plain.docs[1 + i].text);
    CHECK(packed.docs[1 + i].record_line == i + 1);
  }
  CHECK(packed.docs[401].text == "A page.");
  CHECK(packed.docs[402].id == "r0");
  CHECK(packed.docs[1201].id == "r399");

  // Damaged, cut short or not compressed at all: listed, never read as text.
  const std::string gz = Gzip(feed), zst = Zstd(feed);
  struct Bad {
    std::string name, bytes, reason;
  };
  const Bad bad[] = {
      {"cut.jsonl.gz", gz.substr(0, gz.size() / 2), "truncated gzip data"},
      {"cut.jsonl.zst", zst.substr(0, zst.size() - 5), "truncated zstd data"},
      {"cut.txt.zst", Zstd(article).substr(0, 10), "truncated zstd data"},
      {"plain.txt.gz", "Just text.", "not gzip data"},
      {"plain.jsonl.zst", "{\"text\": \"x\"}\n", "corrupt zstd data: "},
      {"flipped.txt.gz", Flipped(Gzip(feed)), "corrupt gzip data: "},
  };
  for (const Bad& b : bad) {
    CAPTURE(b.name);
    ReadResult r = ReadPath(dir.Write("bad/" + b.name, b.bytes));
    bool named = false;
    for (const Skipped& s : r.skipped) {
      named |= s.path == dir.Path("bad/" + b.name) &&
               s.reason.find(b.reason) != std::string::npos;
    }
    CHECK(named);
    CHECK(r.docs.size() < 400);
    for (const Skipped& s : r.skipped) {
      CHECK(s.reason.find(b.name) == std::string::npos);  // the path is said once
    }
  }
  // Plain bytes under a .gz name are refused as such, not as a read error.
  for (const char* name : {"plain2.txt.gz", "plain2.jsonl.gz"}) {
    CAPTURE(name);
    ReadResult r = ReadPath(dir.Write(std::string("bad/") + name, "{\"text\": \"x\"}\n"));
    CHECK(r.docs.empty());
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == "not gzip data");
  }
  // An empty but well-formed stream, and an empty file, are empty files
  // whatever their compression.
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"none.txt.zst", Zstd("")}, {"none.txt.gz", Gzip("")},
           {"zero.txt.zst", ""}, {"zero.txt.gz", ""}}) {
    CAPTURE(name);
    ReadResult empty = ReadPath(dir.Write("bad/" + name, bytes));
    CHECK(empty.docs.empty());
    REQUIRE(empty.skipped.size() == 1);
    CHECK(empty.skipped[0].reason == "empty file");
  }
  // Bytes after the last member or frame are neither read nor dropped in
  // silence: the records before them are kept and the file is listed.
  for (const auto& [name, bytes, reason] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"tail.jsonl.gz", gz + "trailing junk", "data after the end of the gzip stream"},
           {"tail.jsonl.zst", zst + "trailing junk", "data after the end of the zstd stream"},
           {"zeros.jsonl.gz", gz + std::string(512, '\0'),
            "data after the end of the gzip stream"}}) {
    CAPTURE(name);
    ReadResult r = ReadPath(dir.Write("bad/" + name, bytes));
    CHECK(r.docs.size() == 400);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason.find(reason) != std::string::npos);
  }
}

TEST_CASE("Missing paths, symlink loops and unreadable folders") {
  TempDir dir;
  std::vector<Skipped> skipped;
  auto missing = ExpandInputs({dir.Path("nope.txt")}, &skipped);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(missing.status().message()).find(dir.Path("nope.txt")) != std::string::npos);

  dir.Write("tree/a.txt", "A text.");
  fs::create_directory_symlink(".", dir.Path("tree/up"));  // a folder containing itself
  fs::create_symlink("self", dir.Path("tree/self"));        // a link to itself
  fs::create_symlink("missing.txt", dir.Path("tree/dangling.txt"));
  skipped.clear();
  auto inputs = ExpandInputs({dir.Path("tree")}, &skipped);
  REQUIRE(inputs.ok());
  REQUIRE(inputs->size() == 1);
  REQUIRE(skipped.size() == 3);
  CHECK(skipped[0].reason == "broken symbolic link");
  CHECK(skipped[1].reason == "symbolic link loop");
  CHECK(skipped[2].reason == "symbolic link loop: folder contains itself");

  skipped.clear();
  auto loop = ExpandInputs({dir.Path("tree/self")}, &skipped);
  REQUIRE(loop.ok());
  CHECK(loop->empty());
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].reason == "symbolic link loop");

  if (geteuid() != 0) {  // root reads everything
    dir.Write("locked/x.txt", "X.");
    fs::permissions(dir.Path("locked"), fs::perms::none);
    skipped.clear();
    auto locked = ExpandInputs({dir.Path()}, &skipped);
    REQUIRE(locked.ok());
    bool listed = false;
    for (const Skipped& s : skipped) {
      listed |= s.path == dir.Path("locked") &&
                s.reason.rfind("cannot read folder: ", 0) == 0;
    }
    CHECK(listed);
    fs::permissions(dir.Path("locked"), fs::perms::owner_all);

    const std::string secret = dir.Write("secret.txt", "Secret.");
    fs::permissions(secret, fs::perms::none);
    ReadResult r = ReadPath(secret);
    CHECK(r.docs.empty());
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == "cannot read: Permission denied");
  }
}

}  // namespace
}  // namespace concord::ingest
