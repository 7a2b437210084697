#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "align/align.h"
#include "base/dates.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::align {
namespace {

using ::concord::testing::Rules;

DocClaims Doc(const std::string& id, std::vector<std::string> keywords,
              const char* published = nullptr) {
  DocClaims d;
  d.info.id = id;
  d.info.path = id + ".txt";
  if (published != nullptr) d.info.published = ParseIsoDate(published);
  d.keywords = std::move(keywords);
  return d;
}

// GroupStories over all of `docs`.
std::vector<Story> GroupAll(const std::vector<DocClaims>& docs) {
  std::vector<const DocClaims*> ptrs;
  for (const DocClaims& d : docs) ptrs.push_back(&d);
  return GroupStories(ptrs, Rules().align);
}

// AlignClaims over all of `docs`.
std::vector<ClaimGroup> AlignAll(const std::vector<DocClaims>& docs) {
  std::vector<const DocClaims*> ptrs;
  for (const DocClaims& d : docs) ptrs.push_back(&d);
  return AlignClaims(ptrs, Rules());
}

// The reference: every pair of documents scored with the documented formula
// (idf-weighted Dice over keyword sets, idf over at least
// story_min_documents documents, names of several words counting double,
// figures such as "#51 percent" once), joined when the score reaches the threshold and the dates are
// close enough. Obviously right, and quadratic.
std::vector<std::set<std::string>> ReferenceStories(const std::vector<DocClaims>& docs,
                                                    const AlignRules& rules) {
  std::vector<std::vector<std::string>> keys;
  std::map<std::string, int> df;
  for (const DocClaims& d : docs) {
    std::vector<std::string> k = d.keywords;
    if (k.size() > static_cast<size_t>(rules.story_keywords)) k.resize(rules.story_keywords);
    std::set<std::string> unique(k.begin(), k.end());
    for (const auto& w : unique) df[w] += 1;
    keys.emplace_back(unique.begin(), unique.end());
  }
  auto weight = [&](const std::string& w) {
    const double n = static_cast<double>(
        std::max<size_t>(docs.size(), static_cast<size_t>(rules.story_min_documents)));
    const double idf = std::log(1.0 + n / df[w]);
    return idf * (w.find(' ') != std::string::npos && w[0] != '#' ? 2.0 : 1.0);
  };
  std::vector<size_t> parent(docs.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::function<size_t(size_t)> find = [&](size_t i) {
    return parent[i] == i ? i : parent[i] = find(parent[i]);
  };
  for (size_t i = 0; i < docs.size(); ++i) {
    for (size_t j = i + 1; j < docs.size(); ++j) {
      const auto& a = docs[i].info.published;
      const auto& b = docs[j].info.published;
      if (a && b && std::abs((*a - *b).count()) > rules.story_window_days) continue;
      double wa = 0, wb = 0, shared = 0;
      for (const auto& w : keys[i]) wa += weight(w);
      for (const auto& w : keys[j]) wb += weight(w);
      for (const auto& w : keys[i]) {
        if (std::binary_search(keys[j].begin(), keys[j].end(), w)) shared += weight(w);
      }
      if (wa + wb > 0 && 2 * shared / (wa + wb) >= rules.story_threshold) {
        parent[find(i)] = find(j);
      }
    }
  }
  std::map<size_t, std::set<std::string>> groups;
  for (size_t i = 0; i < docs.size(); ++i) groups[find(i)].insert(docs[i].info.id);
  std::vector<std::set<std::string>> out;
  for (auto& [root, g] : groups) out.push_back(std::move(g));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::set<std::string>> Partition(const std::vector<Story>& stories) {
  std::vector<std::set<std::string>> out;
  for (const Story& s : stories) out.emplace_back(s.documents.begin(), s.documents.end());
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("GroupStories agrees with the all-pairs reference on random corpora") {
  std::mt19937 rng(20261122);
  for (int round = 0; round < 30; ++round) {
    CAPTURE(round);
    // A few stories, each with its own names and words, plus shared noise.
    const int stories = 1 + static_cast<int>(rng() % 5);
    std::vector<DocClaims> docs;
    for (int s = 0; s < stories; ++s) {
      const int n = 1 + static_cast<int>(rng() % 6);
      for (int d = 0; d < n; ++d) {
        std::vector<std::string> kw;
        for (int k = 0; k < 8; ++k) {
          if (rng() % 3 != 0) kw.push_back("name" + std::to_string(s) + " " + std::to_string(k));
        }
        for (int k = 0; k < 10; ++k) {
          kw.push_back(rng() % 2 ? "word" + std::to_string(s * 10 + k)
                                 : "common" + std::to_string(rng() % 12));
        }
        // Telling figures weigh once although they have a space (a merge
        // once doubled them in GroupStories only).
        for (int k = 0; k < 3; ++k) {
          if (rng() % 2) kw.push_back("#" + std::to_string(s * 3 + k) + " percent");
        }
        docs.push_back(Doc("s" + std::to_string(s) + "d" + std::to_string(d), kw));
      }
    }
    CHECK(Partition(GroupAll(docs)) == ReferenceStories(docs, Rules().align));
  }
}

TEST_CASE("Stories: every document in exactly one, ids in path order, dates apart split") {
  std::vector<DocClaims> docs = {
      Doc("b", {"pete hegseth", "rajnath singh", "kuala lumpur", "defence"}, "2025-10-31"),
      Doc("a", {"pete hegseth", "rajnath singh", "kuala lumpur", "framework"}, "2025-10-30"),
      Doc("c", {"nueva sierra", "flood", "landslide", "toll"}, "2026-03-02"),
      // The same names, a year later: another story.
      Doc("d", {"pete hegseth", "rajnath singh", "kuala lumpur", "defence"}, "2026-10-31"),
      Doc("e", {}),
  };
  const std::vector<Story> stories = GroupAll(docs);
  REQUIRE(stories.size() == 4);
  CHECK(stories[0].id == "s1");
  CHECK(stories[0].documents == std::vector<std::string>{"a", "b"});
  CHECK(stories[1].documents == std::vector<std::string>{"c"});
  CHECK(stories[2].documents == std::vector<std::string>{"d"});
  CHECK(stories[3].documents == std::vector<std::string>{"e"});
}

// Regression: a keyword in more articles than the candidate index keeps
// (a twentieth of the corpus, at least 50, at most 1,000) was skipped, so
// a story that more outlets carried than that (a wire story syndicated by
// hundreds) fell apart into single articles and its conflicts were lost.
TEST_CASE("Stories: a story carried by hundreds of outlets stays one") {
  std::vector<DocClaims> docs;
  auto add = [&](const std::string& story, int count, std::vector<std::string> keywords,
                 const char* published) {
    for (int d = 0; d < count; ++d) {
      std::vector<std::string> kw = keywords;
      kw.push_back(absl::StrCat("outlet", d % 7));  // the outlets' own words
      docs.push_back(Doc(absl::StrCat(story, "-", 1000 + d), kw, published));
    }
  };
  // Two syndicated stories and small ones that share a common word.
  add("strike", 300, {"ana ruiz", "valencia", "strike", "dockers", "port", "wages", "union"},
      "2026-03-03");
  add("flood", 200, {"rio lento", "ibarra", "flood", "rain", "toll", "rescue", "river"},
      "2026-03-04");
  for (int s = 0; s < 40; ++s) {
    add(absl::StrCat("small", s), 3,
        {absl::StrCat("person", s, " name"), absl::StrCat("place", s), "union", "river",
         absl::StrCat("word", s)},
        "2026-03-03");
  }
  const std::vector<std::set<std::string>> got = Partition(GroupAll(docs));
  REQUIRE(got.size() == 42);
  std::map<std::string, size_t> story_sizes;
  for (const std::set<std::string>& story : got) {
    const std::string name = story.begin()->substr(0, story.begin()->find('-'));
    for (const std::string& id : story) CHECK(id.substr(0, id.find('-')) == name);
    story_sizes[name] = story.size();
  }
  CHECK(story_sizes["strike"] == 300);
  CHECK(story_sizes["flood"] == 200);
  CHECK(story_sizes["small7"] == 3);
}

// Copies of a wire story differ in a word or two: each outlet's byline,
// and the copy that disagrees (the one a user wants to see) its figure.
// Neighbours join at story_neighbour_threshold (0.5) of an idf-weighted
// overlap, in which a copy's own rare words outweigh the shared common
// ones. (review8: the copy with "#260" scores 0.46 with its neighbours in
// the 60-article CLI reproduction and is left alone.)
TEST_CASE("Stories: a syndicated copy with its own byline and figure stays in its story") {
  std::vector<DocClaims> docs;
  for (int d = 0; d < 120; ++d) {
    std::vector<std::string> kw = {"ana ruiz", "valencia", "strike", "dockers", "port",
                                   "wages",    "union",    "talks",  "ministry"};
    kw.push_back(d == 60 ? "#260" : "#240");
    kw.push_back(absl::StrCat("reporter", d, " byline"));  // each copy's own name
    docs.push_back(Doc(absl::StrCat("strike-", 1000 + d), kw, "2026-03-03"));
  }
  const std::vector<std::set<std::string>> got = Partition(GroupAll(docs));
  CHECK(got.size() == 1);
}

// A claim with a typed value and a context, for AlignClaims.
Claim Fact(const std::string& doc, Value value, std::string value_text,
           std::vector<std::string> context, MentionKind kind) {
  Claim c;
  c.mention.kind = kind;
  c.mention.value = std::move(value);
  c.mention.value_text = value_text;
  c.evidence.doc = doc;
  c.evidence.text = value_text;
  c.attribute = kind == MentionKind::kFigure ? "value" : "date";
  std::sort(context.begin(), context.end());
  c.context = context;
  c.near = context;
  c.proximity.assign(context.size(), 1.0f);
  return c;
}

Value Day(const char* iso) {
  DateValue v;
  v.resolved = true;
  const auto d = *ParseIsoDate(iso);
  v.alternatives.push_back({d, d + date::days{1}, Granularity::kDay});
  v.timex = iso;
  return v;
}

Value Count(double n, const char* counted) {
  FigureValue v;
  v.low = v.high = n;
  v.counted = counted;
  return v;
}

size_t GroupsOf(MentionKind kind, const std::vector<ClaimGroup>& groups) {
  return static_cast<size_t>(std::count_if(groups.begin(), groups.end(),
                                           [&](const ClaimGroup& g) { return g.kind == kind; }));
}

TEST_CASE("AlignClaims: same event aligned, different events and counts kept apart") {
  struct Case {
    const char* name;
    std::vector<std::pair<std::string, Claim>> claims;  // doc id, claim
    size_t date_groups;
    size_t figure_groups;
  } cases[] = {
      {"one event in two words",
       {{"a", Fact("a", Day("2025-02-13"), "2025-02-13",
                   {"bilateral", "trade", "agreement", "propos", "modi", "trump"}, MentionKind::kDate)},
        {"b", Fact("b", Day("2025-02-14"), "2025-02-14",
                   {"bilateral", "trade", "agreement", "propos", "modi", "trump", "optimism"},
                   MentionKind::kDate)}},
       1, 0},
      {"two events of one story share no words",
       {{"a", Fact("a", Day("2025-10-31"), "2025-10-31", {"meet", "kuala", "lumpur"},
                   MentionKind::kDate)},
        {"b", Fact("b", Day("2025-08-15"), "2025-08-15", {"visit", "cancel", "washington"},
                   MentionKind::kDate)}},
       0, 0},
      {"killed and injured are two counts",
       {{"a", Fact("a", Count(42, "killed"), "42", {"flood", "nueva", "sierra"}, MentionKind::kFigure)},
        {"b", Fact("b", Count(42, "injured"), "42", {"flood", "nueva", "sierra"},
                   MentionKind::kFigure)}},
       0, 0},
      {"one toll in two reports",
       {{"a", Fact("a", Count(42, "killed"), "42", {"flood", "nueva", "sierra", "landslide"},
                   MentionKind::kFigure)},
        {"b", Fact("b", Count(47, "killed"), "47", {"flood", "landslide", "police"},
                   MentionKind::kFigure)}},
       0, 1},
      {"claims of one document are never a group",
       {{"a", Fact("a", Day("2025-10-31"), "2025-10-31", {"meet", "kuala", "lumpur"},
                   MentionKind::kDate)},
        {"a", Fact("a", Day("2025-10-30"), "2025-10-30", {"meet", "kuala", "lumpur"},
                   MentionKind::kDate)}},
       0, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::map<std::string, DocClaims> docs;
    for (const auto& [doc, claim] : c.claims) {
      docs[doc].info.id = doc;
      docs[doc].claims.push_back(claim);
    }
    // A second sentence per document so that idf is not degenerate.
    for (auto& [id, d] : docs) {
      Claim filler = Fact(id, Day("2020-01-01"), "2020-01-01", {"unrelated", id}, MentionKind::kTime);
      filler.sentence_index = 99;
      d.claims.push_back(filler);
      for (size_t i = 0; i + 1 < d.claims.size(); ++i) d.claims[i].sentence_index = static_cast<int>(i);
    }
    std::vector<const DocClaims*> ptrs;
    for (auto& [id, d] : docs) ptrs.push_back(&d);
    const std::vector<ClaimGroup> groups = AlignClaims(ptrs, Rules());
    CHECK(GroupsOf(MentionKind::kDate, groups) == c.date_groups);
    CHECK(GroupsOf(MentionKind::kFigure, groups) == c.figure_groups);
    for (const ClaimGroup& g : groups) CHECK_FALSE(g.why.empty());
  }
}

// ---------------------------------------------------------------- on prose
//
// The cases below run the real extractor over short invented articles, so
// that they test what the aligner sees in practice.

struct Article {
  const char* id;
  const char* published;  // YYYY-MM-DD
  const char* text;
};

std::vector<DocClaims> Extract(const std::vector<Article>& articles) {
  std::vector<DocClaims> out;
  for (const Article& a : articles) {
    auto doc = ingest::ParseArticle(absl::StrCat("date ", a.published, "\nHeadline\n\n", a.text, "\n"),
                                    ingest::Format::kText, absl::StrCat(a.id, ".txt"),
                                    Rules().ingest, Rules().lexicon, {});
    REQUIRE_MESSAGE(doc.ok(), doc.status().message());
    out.push_back(extract::ExtractDocument(*doc, Rules()));
  }
  return out;
}

// The claim of `doc` whose mention text is `text` (the first).
const Claim* Find(const std::vector<DocClaims>& docs, std::string_view doc, std::string_view text) {
  for (const DocClaims& d : docs) {
    if (d.info.id != doc) continue;
    for (const Claim& c : d.claims) {
      if (c.evidence.text == text) return &c;
    }
  }
  return nullptr;
}

TEST_CASE("ClaimScope: comparison claims leave out what no check reads") {
  const char* kText =
      "Defence Minister Kari Lund met Sweden's Pal Berg in Bergen "
      "on 3 March, saying \"We agreed on everything\" as 40 ships sailed.\n";
  auto doc = ingest::ParseArticle(absl::StrCat("date 2026-03-04\nHeadline\n\n", kText),
                                  ingest::Format::kText, "scope.txt", Rules().ingest,
                                  Rules().lexicon, {});
  REQUIRE_MESSAGE(doc.ok(), doc.status().message());
  const DocClaims every =
      extract::ExtractDocument(*doc, Rules(), extract::ClaimScope::kEveryMention);
  const DocClaims compare = extract::ExtractDocument(*doc, Rules());
  auto texts = [](const DocClaims& d, MentionKind kind) {
    std::vector<std::string> out;
    for (const Claim& c : d.claims) {
      if (c.mention.kind == kind) out.push_back(c.evidence.text);
    }
    return out;
  };
  auto find = [](const DocClaims& d, std::string_view text) -> const Claim& {
    for (const Claim& c : d.claims) {
      if (c.evidence.text == text) return c;
    }
    FAIL("no claim ", text);
    return d.claims.front();
  };
  // Every place is listed; for comparison, none (a place opening its
  // sentence's claims would be kept).
  CHECK(texts(every, MentionKind::kName) ==
        std::vector<std::string>{"Kari Lund", "Sweden", "Pal Berg", "Bergen"});
  CHECK(texts(compare, MentionKind::kName) == std::vector<std::string>{"Kari Lund", "Pal Berg"});
  // The first claim and the facts keep their context; a later name, title
  // or quote carries its evidence only.
  for (const DocClaims* d : {&every, &compare}) {
    CHECK_FALSE(find(*d, "Defence Minister").context.empty());
    CHECK_FALSE(find(*d, "40").context.empty());
    CHECK_FALSE(find(*d, "3 March").entities.empty());
    CHECK(find(*d, "Pal Berg").evidence.sentence ==
          find(*d, "Defence Minister").evidence.sentence);
  }
  for (const char* later : {"Kari Lund", "Pal Berg", "We agreed on everything"}) {
    CHECK_FALSE(find(every, later).context.empty());
    CHECK(find(compare, later).context.empty());
    CHECK(find(compare, later).entities.empty());
  }
  // Place names still count as the article's keywords.
  CHECK(every.keywords == compare.keywords);
  CHECK(std::find(compare.keywords.begin(), compare.keywords.end(), "bergen") !=
        compare.keywords.end());
}

TEST_CASE("Claim::measures: what a duration or a figure measures") {
  struct Case {
    const char* sentence;
    const char* mention;
    std::vector<std::string> measures;  // sorted
    bool by_verb;
  } cases[] = {
      // The phrase an adjectival duration modifies, up to a verb form or a
      // word that ends the phrase.
      {"The union called a nine-day strike at the port.", "nine-day", {"strik"}, false},
      {"They signed a four-year supply agreement with the miner.", "four-year",
       {"agreement", "supply"}, false},
      {"Talks ended with a seven-year pact signed in Oslo.", "seven-year", {"pact"}, false},
      {"He agreed a two-year contract extension last month.", "two-year",
       {"contract", "extension"}, false},
      // "N years of X".
      {"The deal covers 20 years of maintenance.", "20 years", {"maintenanc"}, false},
      // The subject of a measure verb, over auxiliaries and an insert.
      {"Construction is expected to take five years.", "five years", {"construction"}, true},
      {"The treaty, signed in Geneva on Monday, will run for ten years.", "ten years",
       {"treaty"}, true},
      {"Negotiations on the charter lasted 14 months.", "14 months",
       {"negotiation"}, true},
      {"The walkout by dockworkers at the port lasted 11 days.", "11 days", {"walkout"}, true},
      {"It was a strike that lasted nine days.", "nine days", {"strik"}, true},
      {"Under the accord, which runs for four years, prices are fixed.", "four years",
       {"accord"}, true},
      {"The bridge will stretch for 3.2 kilometres across the bay.", "3.2 kilometres",
       {"bridg"}, true},
      // A dimension in apposition.
      {"The canal, 12 km long, will open next year.", "12 km", {"canal"}, true},
      // A figure with its unit after the number, up to a verb that ends in
      // neither "-ed" nor "-ing".
      {"The 7.0-magnitude quake struck shortly after dawn.", "7.0-magnitude", {"quak"}, false},
      {"A quake measuring 6.1 on the Richter scale hit the island.",
       "6.1 on the Richter scale", {"quak"}, true},
      // The subject of an extent verb, for a figure in a dimension unit,
      // over a relative clause; before the phrase after "of" (the figure's
      // counted noun).
      {"A wildfire that broke out on Sunday near Vallcrest has burned 4,200 hectares.",
       "4,200 hectares", {"wildfir"}, true},
      {"The blaze spread across 4,800 hectares of forest.", "4,800 hectares", {"blaz"}, true},
      {"Floodwaters, which rose on Monday, have covered 1,200 square kilometres of farmland.",
       "1,200 square kilometres", {"floodwater"}, true},
      {"The 3,900-hectare Olvera reserve is closed.", "3,900-hectare",
       {"olvera", "reserv"}, false},
      // Not for counts: an extent verb's object is no extent.
      {"The fire burned 300 homes near Vallcrest.", "300", {}, false},
      {"The storm swept 40 km inland.", "40 km", {}, false},
      // A level after "to": of a level verb's subject, of the object of a
      // verb that sets one.
      {"Inflation eased to 2.1 percent in December.", "2.1 percent", {"inflation"}, true},
      {"The death toll rose to 240 on Wednesday.", "240", {"death", "toll"}, true},
      {"The bank cut its policy rate by a quarter point to 2.25 percent.", "2.25 percent",
       {"policy", "rate"}, true},
      {"The Riksbank lowered its key rate to 2.5 per cent on Tuesday.", "2.5 per cent",
       {"key", "rate"}, true},
      // A level its verb states; a passive level setting.
      {"Turnout was 67.3 percent, officials said.", "67.3 percent", {"turnout"}, true},
      {"The death toll stood at 42 on Monday.", "42", {"death", "toll"}, true},
      {"The policy rate was cut to 2.25 percent.", "2.25 percent", {"policy", "rate"}, true},
      {"It was 24 percent a year ago.", "24 percent", {}, false},
      {"Unemployment has been 4.4 percent for three months.", "4.4 percent", {"unemployment"},
       true},
      {"The company has been 40 percent owned by the state.", "40 percent", {}, false},
      // A level after "at", of the object of a verb that holds one; not
      // past a level verb.
      {"The bank held its deposit rate at 2 percent in October.", "2 percent",
       {"deposit", "rate"}, true},
      {"Officials put the death toll at 42 on Monday.", "42", {"death", "toll"}, true},
      {"Analysts valued the deal at $4 billion.", "$4 billion", {"deal"}, true},
      {"The rate was kept at 4.5 percent.", "4.5 percent", {"rate"}, true},
      {"The bank held talks and the rate stood at 4 percent.", "4 percent", {"rate"}, true},
      // (Review: a degree or a distance is no level of the subject.)
      {"The stadium was 80 percent full.", "80 percent", {}, false},
      {"Nordair was 20 percent owned by the state.", "20 percent", {}, false},
      {"Exports were 6 percent lower in May.", "6 percent", {}, false},
      // A distance from a place.
      {"The aircraft came down about 4 km from the runway.", "about 4 km", {"runway"}, false},
      {"The quake struck 30 km east of Malatya.", "30 km", {"malatya"}, false},
      {"The ship sank 12 miles off the coast of Crete.", "12 miles", {"coast"}, false},
      // Regression (review): nor across "and" to another verb's or
      // object's level; "raising" sets one too.
      {"The bank cut its policy rate on Tuesday and said inflation should return to 2 percent.",
       "2 percent", {}, false},
      {"The plan cut the deficit to 3 percent and the public debt to 60 percent.", "60 percent",
       {}, false},
      {"The plan cut the deficit to 3 percent and the public debt to 60 percent.", "3 percent",
       {"deficit"}, true},
      {"Rescuers found six more bodies, raising the death toll to 42.", "42",
       {"death", "toll"}, true},
      // Not across a clause.
      {"The bank cut rates, so prices rose sharply to 2.1 percent.", "2.1 percent", {}, false},
      {"The bank cut rates, taking inflation to 2.1 percent.", "2.1 percent", {"inflation"},
       true},
      // Nothing said.
      {"The review will come after three years.", "three years", {}, false},
      {"It could take three weeks to restore the systems.", "three weeks", {}, false},
  };
  for (const Case& c : cases) {
    const std::string sentence = c.sentence;
    CAPTURE(sentence);
    const std::vector<DocClaims> docs = Extract({{"a", "2026-03-02", c.sentence}});
    const Claim* claim = Find(docs, "a", c.mention);
    REQUIRE(claim != nullptr);
    std::vector<std::string> got = claim->measures;
    std::sort(got.begin(), got.end());
    CHECK(absl::StrJoin(got, ",") == absl::StrJoin(c.measures, ","));
    CHECK(claim->measured_by_verb == c.by_verb);
  }
}

TEST_CASE("Claim::sentence_dates: not the dates of another event of what is measured") {
  struct Case {
    const char* sentence;
    const char* mention;
    size_t dates;  // sentence_dates of the claim
  } cases[] = {
      // A relative clause or an insert between the measured subject and
      // its verb dates another event of the subject.
      {"A wildfire that broke out on Sunday has burned 4,200 hectares.", "4,200 hectares", 0},
      {"The fire, which started on Saturday, spread across 4,800 hectares of forest.",
       "4,800 hectares", 0},
      {"The treaty, signed in Geneva on Monday, will run for ten years.", "ten years", 0},
      // Dates elsewhere in the sentence stay.
      {"A wildfire that broke out near Vallcrest has burned 4,200 hectares, officials said "
       "on Monday.",
       "4,200 hectares", 1},
      {"A wildfire that broke out on Sunday has burned 4,200 hectares by Monday.",
       "4,200 hectares", 1},
      {"Fire crews said on Monday that 300 homes had burned.", "300", 1},
      // A date before an "after" that opens the mention's phrase dates the
      // main clause's event; not over a clause mark.
      {"Rescuers dug through rubble on Wednesday, a day after a 6.2-magnitude earthquake "
       "flattened the village.",
       "6.2-magnitude", 0},
      {"Rescuers searched the ruins on Wednesday after a magnitude 6.8 earthquake killed 240 "
       "people.",
       "magnitude 6.8", 0},
      {"On Monday, after heavy rain, 42 people were killed.", "42", 1},
      // Regression (review): without a comma, a mention after a content
      // word starts the clause the date dates.
      {"On Monday after the storm 42 people were killed.", "42", 1},
      {"On Monday after heavy rain 17 people were killed in the valley.", "17", 1},
      // Over an insert between commas.
      {"Residents cleared debris on Friday, a day after Hurricane Odessa, a Category 4 storm, "
       "made landfall with winds of 215 km/h.",
       "215 km/h", 0},
      {"A magnitude 5.9 earthquake hit the area on Thursday after a week of tremors.",
       "magnitude 5.9", 1},
  };
  for (const Case& c : cases) {
    const std::string sentence = c.sentence;
    CAPTURE(sentence);
    const std::vector<DocClaims> docs = Extract({{"a", "2026-08-18", c.sentence}});
    const Claim* claim = Find(docs, "a", c.mention);
    REQUIRE(claim != nullptr);
    CHECK(claim->sentence_dates.size() == c.dates);
  }
}

// Whether the claims with these mention texts stand in one group.
bool Together(const std::vector<ClaimGroup>& groups, const Claim* a, const Claim* b) {
  for (const ClaimGroup& g : groups) {
    const bool has_a = std::find(g.claims.begin(), g.claims.end(), a) != g.claims.end();
    const bool has_b = std::find(g.claims.begin(), g.claims.end(), b) != g.claims.end();
    if (has_a && has_b) return true;
  }
  return false;
}

// Named regression cases: short articles of one story, and pairs of
// mentions ("doc: text") that must or must not be aligned.
struct ProseCase {
  const char* name;
  std::vector<Article> articles;
  std::vector<std::pair<std::string, std::string>> aligned;
  std::vector<std::pair<std::string, std::string>> apart;
};

// Aligns `docs` and checks that each pair of claims labelled "doc: text"
// in `aligned` shares a group and each in `apart` does not.
void CheckAlignment(const std::vector<DocClaims>& docs,
                    const std::vector<std::pair<std::string, std::string>>& aligned,
                    const std::vector<std::pair<std::string, std::string>>& apart) {
  const std::vector<ClaimGroup> groups = AlignAll(docs);
  auto claim = [&](const std::string& label) {
    const size_t colon = label.find(": ");
    const Claim* found = Find(docs, label.substr(0, colon), label.substr(colon + 2));
    CAPTURE(label);
    REQUIRE(found != nullptr);
    return found;
  };
  for (const auto& [a, b] : aligned) {
    const std::string pair = a + " ~ " + b;
    CAPTURE(pair);
    CHECK(Together(groups, claim(a), claim(b)));
  }
  for (const auto& [a, b] : apart) {
    const std::string pair = a + " / " + b;
    CAPTURE(pair);
    CHECK_FALSE(Together(groups, claim(a), claim(b)));
  }
}

void RunProseCases(const std::vector<ProseCase>& cases) {
  for (const ProseCase& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    const std::vector<DocClaims> docs = Extract(c.articles);
    CheckAlignment(docs, c.aligned, c.apart);
  }
}

TEST_CASE("AlignClaims on prose: what a claim measures") {
  RunProseCases({
      {"a walkout that lasted 11 days is the nine-day strike",
       {{"a", "2026-02-04", "Dockworkers at the port of Varna ended a nine-day strike on Tuesday."},
        {"b", "2026-02-04",
         "The walkout by dockworkers at the port of Varna lasted 11 days, the union said."}},
       {{"a: nine-day", "b: 11 days"}},
       {}},
      {"a build and a maintenance contract are two lengths",
       {{"a", "2026-05-04",
         "Norbridge Construction starts a four-year build of the Talvik bridge, the ministry said."},
        {"b", "2026-05-04",
         "Norbridge Construction will keep the Talvik bridge under a 30-year maintenance "
         "contract, the ministry said."}},
       {},
       {{"a: four-year", "b: 30-year"}}},
      {"a review after three years is no length of the pact",
       {{"a", "2026-05-04", "Estria and Valmark signed a four-year fisheries pact on Monday."},
        {"b", "2026-05-05",
         "The fisheries pact between Estria and Valmark will be reviewed after three years."}},
       {},
       {{"a: four-year", "b: three years"}}},
      {"a policy rate cut to two levels, apart from inflation's level",
       {{"a", "2026-02-05",
         "Sweden's central bank cut its policy rate by a quarter of a percentage point to "
         "2.25 percent on Wednesday, citing inflation that has eased to 2.1 percent."},
        {"b", "2026-02-05",
         "The Riksbank lowered its policy rate by 25 basis points to 2.5 per cent on Wednesday, "
         "as inflation slowed to 2.1 per cent in December."}},
       {{"a: 2.25 percent", "b: 2.5 per cent"}, {"a: 2.1 percent", "b: 2.1 per cent"}},
       {{"a: 2.25 percent", "b: 2.1 per cent"}, {"a: 2.1 percent", "b: 2.5 per cent"}}},
      {"counts tenfold apart are two facts however alike their sentences",
       {{"a", "2026-03-10", "About 1,500 fans watched Rovers train at Elm Park on Tuesday."},
        {"b", "2026-03-08", "A crowd of 18,400 watched Rovers beat Dunmore at Elm Park."}},
       {},
       {{"a: About 1,500", "b: 18,400"}}},
  });
}

TEST_CASE("AlignClaims on prose: a sentence's dates pair with the dates they equal") {
  RunProseCases({
      {"regression: a third-quarter loss on Tuesday is not dated by the quarter",
       {{"a", "2026-11-18", "Nordair reported a third-quarter net loss of 120 million euros on "
                            "Tuesday."},
        {"b", "2026-11-18", "Nordair reported a net loss of 120 million euros for the third "
                            "quarter on Tuesday."},
        {"c", "2026-11-18", "Nordair posted a net loss of 120 million euros for the third "
                            "quarter on Tuesday."}},
       {{"a: Tuesday", "b: Tuesday"}, {"a: Tuesday", "c: Tuesday"},
        {"b: the third quarter", "c: the third quarter"}},
       {{"a: Tuesday", "b: the third quarter"}, {"a: Tuesday", "c: the third quarter"}}},
      {"regression: a year years before is no misdated announcement",
       {{"a", "2026-06-09", "Chief financial officer since 2021, Mira Holt replaces Lars Venn "
                            "at Ostrel, the company said."},
        {"b", "2026-06-09", "Ostrel said on Monday that its chief financial officer, Mira "
                            "Holt, would replace Lars Venn."}},
       {},
       {{"a: 2021", "b: Monday"}}},
      {"a date the other sentence does not give still pairs with its best match",
       {{"a", "2026-05-12", "The hackers struck the Marlow hospitals early on Saturday, the "
                            "trust said on Monday."},
        {"b", "2026-05-12", "The hackers struck the Marlow hospitals early on Sunday, the trust "
                            "said."}},
       {{"a: Saturday", "b: Sunday"}},
       {}},
  });
}

TEST_CASE("AlignClaims on prose: short quotes of one speaker") {
  RunProseCases({
      {"a short quote reworded shares most of its words in order",
       {{"a", "2026-02-10", "\"We are racing against time,\" Interior Minister Ali Yerlikaya said."},
        {"b", "2026-02-10",
         "\"We are racing against the clock,\" Interior Minister Ali Yerlikaya said."}},
       {{"a: We are racing against time,", "b: We are racing against the clock,"}},
       {}},
      {"two short sayings that share only their opening words are two",
       {{"a", "2026-02-10", "\"We will not accept this,\" Interior Minister Ali Yerlikaya said."},
        {"b", "2026-02-10", "\"We will not back down,\" Interior Minister Ali Yerlikaya said."}},
       {},
       {{"a: We will not accept this,", "b: We will not back down,"}}},
      // Two words of three in order are not enough: "a" and one content
      // word are what many short sayings share.
      {"three-word sayings that share two words are two",
       {{"a", "2026-05-10", "Manager Mikel Arteta called it \"a historic day\" for the club."},
        {"b", "2026-05-11", "Manager Mikel Arteta called it \"a sad day\" for the club."}},
       {},
       {{"a: a historic day", "b: a sad day"}}},
  });
}

TEST_CASE("AlignClaims on prose: what a story has one value of") {
  RunProseCases({
      {"the crowd in two sentences that share nothing else",
       {{"a", "2026-04-12", "A crowd of 31,207 saw Dunmore Athletic clinch the title at Quarry Lane."},
        {"b", "2026-04-12", "Captain Ola Berg lifted the trophy as the 32,107 fans sang in the rain."}},
       {{"a: 31,207", "b: 32,107"}},
       {}},
      {"the length of the one deal of each article",
       {{"a", "2026-06-02",
         "Varn Minerals signed a three-year supply deal with Ostra Metals on Monday."},
        {"b", "2026-06-02",
         "Under the agreement, which runs for four years, Ostra will buy all of Varn's nickel."}},
       {{"a: three-year", "b: four years"}},
       {}},
      {"a dimension of one thing, however the sentences word it",
       {{"a", "2026-05-04",
         "The new Talvik bridge will stretch for 3.2 kilometres across the bay, part of a "
         "45-kilometre coastal road."},
        {"b", "2026-05-05",
         "Crews poured the last deck section of the 2.3 km bridge on Monday, weeks ahead of "
         "schedule."}},
       {{"a: 3.2 kilometres", "b: 2.3 km"}},
       {{"a: 45-kilometre", "b: 2.3 km"}}},
      // Earthquake magnitudes: the noun after the figure is what it
      // measures ("a magnitude 6.8 earthquake killed 240" measures the
      // earthquake, not the killed), and a quake has one magnitude.
      {"one quake's magnitude written before and after the number",
       {{"a", "2026-03-03",
         "A magnitude 6.8 earthquake struck eastern Turkey early on Tuesday, killing at least "
         "212 people."},
        {"b", "2026-03-04",
         "The 7.0-magnitude quake struck shortly after 04:00 local time near Malatya."},
        {"c", "2026-03-04",
         "Rescuers searched collapsed buildings after a magnitude 6.8 earthquake killed 240 "
         "people in eastern Turkey."}},
       {{"a: magnitude 6.8", "b: 7.0-magnitude"}, {"b: 7.0-magnitude", "c: magnitude 6.8"}},
       {}},
      {"an aftershock in one article is not the main shock of another",
       {{"a", "2026-03-04",
         "A magnitude 6.8 earthquake struck eastern Turkey on Tuesday. A magnitude 5.2 "
         "aftershock hit Malatya on Wednesday morning."},
        {"b", "2026-03-04", "The 7.0-magnitude quake struck near Malatya on Tuesday."},
        {"c", "2026-03-04",
         "A 5.6-magnitude aftershock shook buildings in Malatya, the agency said."}},
       {{"a: magnitude 6.8", "b: 7.0-magnitude"}, {"a: magnitude 5.2", "c: 5.6-magnitude"}},
       {{"a: magnitude 5.2", "b: 7.0-magnitude"}, {"b: 7.0-magnitude", "c: 5.6-magnitude"}}},
      {"the date of a search after the quake is not the quake's",
       {{"a", "2026-09-16",
         "A magnitude 6.4 earthquake struck the highlands of Tessaly before dawn on Tuesday, "
         "killing at least 31 people."},
        {"b", "2026-09-16",
         "Rescuers dug through rubble in the Tessaly highlands on Wednesday, a day after a "
         "6.2-magnitude earthquake flattened stone houses in Brana."}},
       {{"a: magnitude 6.4", "b: 6.2-magnitude"}},
       {}},
      {"a magnitude on the Richter scale and one before the number",
       {{"a", "2026-05-12", "A quake measuring 6.1 on the Richter scale hit the island of Sarn "
                            "on Monday, damaging the harbour."},
        {"b", "2026-05-12", "The magnitude 5.8 earthquake damaged the harbour of Sarn."}},
       {{"a: 6.1 on the Richter scale", "b: magnitude 5.8"}},
       {}},
      {"a second quake of another day is another fact",
       {{"a", "2026-03-06",
         "A magnitude 6.8 earthquake struck on Tuesday, and a magnitude 5.9 earthquake hit "
         "the same area on Thursday."},
        {"b", "2026-03-06", "The 5.4-magnitude quake struck on Thursday near Malatya."}},
       {{"a: magnitude 5.9", "b: 5.4-magnitude"}},
       {{"a: magnitude 6.8", "b: 5.4-magnitude"}}},
      // Burned and flooded areas: the subject of an extent verb, over the
      // relative clause that dates its start.
      {"one fire's burned area, its start dated differently",
       {{"a", "2026-08-18",
         "A wildfire that broke out on Sunday near the town of Vallcrest has burned 4,200 "
         "hectares and forced about 12,000 residents to evacuate, fire officials said on "
         "Monday."},
        {"b", "2026-08-18",
         "More than 10,000 people have been evacuated from homes around Vallcrest after a "
         "wildfire that started on Saturday spread across 4,800 hectares of forest. The blaze "
         "is nearing the 3,900-hectare Olvera nature reserve."}},
       {{"a: 4,200 hectares", "b: 4,800 hectares"}},
       {{"a: 4,200 hectares", "b: 3,900-hectare"}}},
      {"one flood's area in square kilometres",
       {{"a", "2026-07-09",
         "Floodwaters have covered about 1,200 square kilometres of farmland in Ostravia, the "
         "ministry said."},
        {"b", "2026-07-09",
         "The River Vell burst its banks on Sunday, and floods have now inundated some 1,500 "
         "square kilometres of farmland."}},
       {{"a: about 1,200 square kilometres", "b: some 1,500 square kilometres"}},
       {}},
      // Regression (review): turnout in one place or group is not the
      // election's turnout ("turnout" was single-valued for a while).
      {"a region's turnout is not the national turnout",
       {{"a", "2026-11-16",
         "Labour won Sunday's general election in Norrland with 38 percent of the vote, the "
         "electoral commission said. Turnout was 64 percent."},
        {"b", "2026-11-16",
         "Labour was re-elected in Norrland on Sunday with 38 percent of the vote. In the "
         "capital Umea, turnout was 71 percent, city officials said."}},
       {},
       {{"a: 64 percent", "b: 71 percent"}}},
      // Regression (review): "tremor" was a synonym of "quake", so an
      // aftershock so called was keyed as the main shock's magnitude.
      {"a tremor the next day is not the earthquake",
       {{"a", "2026-05-12",
         "A magnitude 6.4 earthquake struck Dorvan province, killing at least 80 people, the "
         "civil protection agency said."},
        {"b", "2026-05-13",
         "A magnitude 5.3 tremor shook Kelmar in Dorvan province, sending residents into the "
         "streets, the civil protection agency said."}},
       {},
       {{"a: magnitude 6.4", "b: magnitude 5.3"}}},
      {"a key with two values in one article is not single-valued there",
       {{"a", "2026-04-12",
         "A crowd of 18,000 watched the semi-final. The final drew a crowd of 21,000."},
        {"b", "2026-04-12", "Captain Ola Berg lifted the trophy as the 19,500 fans sang."}},
       {},
       {{"a: 18,000", "b: 19,500"}, {"a: 21,000", "b: 19,500"}}},
  });
}

// Regression: an article that repeats a sentence paired every copy with
// every claim of the other articles; two articles repeating one sentence
// 20,000 times ran out of memory. A repeat now joins its first statement's
// group, and the groups are those of the article stating it once.
// Review defects of age alignment (each case names its defect).
TEST_CASE("AlignClaims on prose: age-history, age-two-people") {
  RunProseCases({
      {"age-history: an age in a sentence about an earlier year is not today's age",
       {{"a", "2025-01-08",
         "Former champion Ray Dalton has died, his family said on Tuesday. In 1962 Dalton, 24, "
         "beat Carlos Ortiz in New York to take the world middleweight title."},
        {"b", "2025-01-08",
         "Ray Dalton, 87, a former world middleweight champion, has died, his family said on "
         "Tuesday. He beat Carlos Ortiz in 1962."}},
       {},
       {{"a: 24", "b: 87"}}},
      {"age-two-people: one article's two ages of one name are two people",
       {{"a", "2025-06-10",
         "Police in Harlow charged John Smith, 62, and his son John Smith, 34, with arson on "
         "Monday after a fire destroyed a warehouse on Mill Lane."},
        {"b", "2025-06-10",
         "A father and son were charged with arson on Monday over the Mill Lane warehouse fire "
         "in Harlow. John Smith, 63, will appear before magistrates with his son."}},
       {{"a: 62", "b: 63"}},
       {{"a: 34", "b: 63"}}},
  });
}

TEST_CASE("AlignClaims: a sentence an article repeats is one statement") {
  const char* fact = "The ministry said 42 people died in the flood in Valencia. ";
  const char* quote = "\"We will rebuild every home,\" Minister Ana Ruiz said. ";
  const char* other =
      "The ministry said 45 people died in the flood in Valencia. "
      "\"We will rebuild each house,\" Minister Ana Ruiz said.";
  auto article = [&](int copies) {
    std::string text;
    for (int k = 0; k < copies; ++k) {
      absl::StrAppend(&text, fact, "Rescuers searched homes. ", quote);
    }
    return text;
  };
  const std::string once = article(1), thrice = article(3);
  const std::vector<DocClaims> single = Extract({{"a", "2026-03-02", once.c_str()},
                                                 {"b", "2026-03-02", other}});
  const std::vector<DocClaims> repeated = Extract({{"a", "2026-03-02", thrice.c_str()},
                                                   {"b", "2026-03-02", other}});
  const std::vector<ClaimGroup> want = AlignAll(single), got = AlignAll(repeated);
  REQUIRE(want.size() == got.size());
  CHECK(GroupsOf(MentionKind::kFigure, got) >= 1);
  CHECK(GroupsOf(MentionKind::kQuote, got) == 1);
  // Each group as the single article's, with article a's claims thrice.
  for (size_t k = 0; k < got.size(); ++k) {
    CAPTURE(k);
    CHECK(got[k].kind == want[k].kind);
    CHECK(got[k].subject == want[k].subject);
    CHECK(got[k].why == want[k].why);
    std::vector<std::string> want_texts, got_texts;
    for (const Claim* c : want[k].claims) {
      for (int copy = 0; copy < (c->evidence.doc == "a" ? 3 : 1); ++copy) {
        want_texts.push_back(absl::StrCat(c->evidence.doc, ": ", c->evidence.text));
      }
    }
    for (const Claim* c : got[k].claims) {
      got_texts.push_back(absl::StrCat(c->evidence.doc, ": ", c->evidence.text));
    }
    std::sort(want_texts.begin(), want_texts.end());
    std::sort(got_texts.begin(), got_texts.end());
    CHECK(absl::StrJoin(got_texts, " | ") == absl::StrJoin(want_texts, " | "));
  }
  // A repeat is the same statement elsewhere; a claim of another sentence
  // is not.
  const DocClaims& a = repeated[0];
  std::vector<const Claim*> fortytwo;
  for (const Claim& c : a.claims) {
    if (c.evidence.text == "42") fortytwo.push_back(&c);
  }
  REQUIRE(fortytwo.size() == 3);
  CHECK(SameStatement(*fortytwo[0], *fortytwo[2]));
  CHECK(fortytwo[0]->evidence.offset != fortytwo[2]->evidence.offset);
  Claim changed = *fortytwo[2];
  changed.context.push_back("zzz");
  CHECK_FALSE(SameStatement(*fortytwo[0], changed));
  CHECK_FALSE(SameStatement(*fortytwo[0], repeated[1].claims.front()));
}

// Within a story of more than 64 articles a fact is paired with the next
// few of other articles sharing a word with it, not all (quadratic: 4,000
// copies of one wire story took minutes and gigabytes). Groups still span
// the story, and a fact two articles far apart state is still paired.
TEST_CASE("AlignClaims: a story of a hundred articles") {
  std::vector<std::string> texts;
  for (int d = 0; d < 100; ++d) {
    std::string text = absl::StrCat("The ministry said ", d % 3 == 0 ? 45 : 42,
                                    " people died in the flood in Valencia. ");
    if (d == 3) absl::StrAppend(&text, "The new Talvik bridge will stretch for 3.2 kilometres. ");
    if (d == 95) absl::StrAppend(&text, "Crews poured the deck of the 2.3 km Talvik bridge. ");
    absl::StrAppend(&text, "Rescuers searched homes in district ", d, ".");
    texts.push_back(std::move(text));
  }
  std::vector<Article> articles;
  std::vector<std::string> ids;
  for (int d = 0; d < 100; ++d) ids.push_back(absl::StrCat("d", 100 + d));
  for (int d = 0; d < 100; ++d) {
    articles.push_back({ids[d].c_str(), "2026-03-02", texts[d].c_str()});
  }
  const std::vector<DocClaims> docs = Extract(articles);
  const std::vector<ClaimGroup> groups = AlignAll(docs);
  const ClaimGroup* toll = nullptr;
  for (const ClaimGroup& g : groups) {
    for (const Claim* c : g.claims) {
      if (c->evidence.text == "42" || c->evidence.text == "45") toll = &g;
    }
  }
  REQUIRE(toll != nullptr);
  CHECK(toll->claims.size() == 100);
  CHECK(Together(groups, Find(docs, "d103", "3.2 kilometres"), Find(docs, "d195", "2.3 km")));
}

// Regression: a group named by its shared words took the event mark too:
// 'the date of "(start) effect takes member" differs'.
TEST_CASE("AlignClaims: a group's subject holds no event mark") {
  const std::vector<DocClaims> docs = Extract(
      {{"a", "2026-05-20",
        "The deal, which still needs approval from member states, will take effect on July 1."},
       {"b", "2026-05-20",
        "The agreement takes effect on June 1, subject to the approval of member states."}});
  const std::vector<ClaimGroup> groups = AlignAll(docs);
  REQUIRE(GroupsOf(MentionKind::kDate, groups) == 1);
  for (const ClaimGroup& g : groups) {
    CAPTURE(g.subject);
    CHECK(g.subject.find('(') == std::string::npos);
    CHECK_FALSE(g.subject.empty());
  }
}

TEST_CASE("AlignClaims: a group's subject is worded as its first sentence words it") {
  struct Case {
    const char* a;
    const char* b;
    const char* subject;
  } cases[] = {
      // The shared words that stand together on one side of the mention
      // ("police" stands after it), as the sentence words them.
      {"Visitors to the old harbour were turned away on Saturday, police said.",
       "Police said visitors to the old harbour were turned away on Sunday.",
       "harbour were turned away"},
      {"Visitors were on Saturday turned away from the old harbour, police said.",
       "Police said visitors were turned away from the old harbour on Sunday.",
       "turned away from the old harbour"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.a));
    const std::vector<DocClaims> docs =
        Extract({{"a", "2026-05-20", c.a}, {"b", "2026-05-20", c.b}});
    const std::vector<ClaimGroup> groups = AlignAll(docs);
    REQUIRE(GroupsOf(MentionKind::kDate, groups) == 1);
    for (const ClaimGroup& g : groups) {
      if (g.kind == MentionKind::kDate) CHECK(g.subject == c.subject);
    }
  }
}

// The quote cap counts every other article's quote of the speaker, shared
// words or not: in a story of a hundred articles that all quote the
// speaker, a second quote that two articles far apart carry (one of them
// misquoting) is never paired. (review8: found with 60 articles, lost at 100.)
TEST_CASE("AlignClaims: a quote two articles far apart carry, in a story of a hundred") {
  std::vector<std::string> texts;
  for (int d = 0; d < 100; ++d) {
    std::string text = absl::StrCat(
        "The ministry said 42 people died in the flood in Valencia. "
        "\"We will rebuild every home,\" Minister Ana Ruiz said. ");
    if (d == 3) {
      absl::StrAppend(&text, "\"The old levee failed because nobody inspected it for years,\" "
                             "Minister Ana Ruiz said. ");
    }
    if (d == 95) {
      absl::StrAppend(&text, "\"The old levee failed because no one inspected it for years,\" "
                             "Minister Ana Ruiz said. ");
    }
    absl::StrAppend(&text, "Rescuers searched homes in district ", d, ".");
    texts.push_back(std::move(text));
  }
  std::vector<std::string> ids;
  for (int d = 0; d < 100; ++d) ids.push_back(absl::StrCat("d", 100 + d));
  std::vector<Article> articles;
  for (int d = 0; d < 100; ++d) {
    articles.push_back({ids[d].c_str(), "2026-03-02", texts[d].c_str()});
  }
  const std::vector<DocClaims> docs = Extract(articles);
  const std::vector<ClaimGroup> groups = AlignAll(docs);
  const Claim* a =
      Find(docs, "d103", "The old levee failed because nobody inspected it for years,");
  const Claim* b =
      Find(docs, "d195", "The old levee failed because no one inspected it for years,");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(Together(groups, a, b));
}

TEST_CASE("Story keywords: names, then the figures articles repeat, then frequent words") {
  const std::vector<DocClaims> docs = Extract(
      {{"a", "2026-10-22",
        "Norway secured 51 percent of the mackerel catch. Norway's fleet has 3 boats and "
        "landed 240,000 tonnes of mackerel."}});
  const std::vector<std::string>& k = docs[0].keywords;
  auto at = [&](const std::string& w) {
    return static_cast<size_t>(std::find(k.begin(), k.end(), w) - k.begin());
  };
  REQUIRE(at("norway") < k.size());
  REQUIRE(at("#51 percent") < k.size());
  REQUIRE(at("#240000 tonne") < k.size());
  CHECK(at("norway") < at("#51 percent"));
  CHECK(at("#51 percent") < at("mackerel"));
  CHECK(at("#3") == k.size());  // a small count tells nothing
}

TEST_CASE("Claim::owner: whose a figure is") {
  struct Case {
    const char* text;
    const char* mention;
    std::vector<std::string> owner;  // sorted
    bool adjacent;
  } cases[] = {
      {"Norway gets 51 percent, Estonia 17 percent and the Faroe Islands 15 percent.",
       "15 percent", {"faro", "island"}, true},
      {"Norway gets 51 percent, Estonia 17 percent and the Faroe Islands 15 percent.",
       "17 percent", {"estonia"}, true},
      {"Norway gets 51 percent, Estonia 17 percent and the Faroe Islands 15 percent.",
       "51 percent", {"norway"}, false},
      // A possessive that opens the sentence, proper because the article
      // capitalises it inside a sentence too.
      {"Estonia's share of the catch will rise to 19 percent. Talks with Estonia ended.",
       "19 percent", {"estonia"}, false},
      // A capitalised word that only opens a sentence is no name.
      {"Construction will cost 40 percent more.", "40 percent", {}, false},
      // A source is not an owner.
      {"Reuters said 42 percent of the vote was counted.", "42 percent", {}, false},
      {"Prices rose 3 percent in March.", "3 percent", {}, false},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const std::vector<DocClaims> docs = Extract({{"a", "2026-03-02", c.text}});
    const Claim* claim = Find(docs, "a", c.mention);
    REQUIRE(claim != nullptr);
    CHECK(absl::StrJoin(claim->owner, ",") == absl::StrJoin(c.owner, ","));
    CHECK(claim->owner_adjacent == c.adjacent);
  }
}

TEST_CASE("Claim::event and Claim::definites: the event a date dates, the descriptions") {
  struct Case {
    const char* sentence;
    const char* mention;
    const char* event;
    std::vector<std::string> definites;  // sorted
  } cases[] = {
      // Every word of the run after "the" may head it; the aligner keeps
      // the ones that head a name.
      {"The levy takes effect in July 2026.", "July 2026", "start", {"effect", "levy", "take"}},
      {"Importers pay the new levy from July 1.", "July 1", "start", {"levy", "new"}},
      {"The duty is effective Tuesday, officials said.", "Tuesday", "start", {"duty"}},
      {"The accord comes into force on January 1.", "January 1", "start", {"accord", "come"}},
      {"The waiver runs until June 30.", "June 30", "end", {"run", "waiver"}},
      {"Ministers signed the accord on Monday.", "Monday", "", {"accord"}},
      // Another thing than the one named: no description.
      {"The talks came ten years after the last accord collapsed on May 2.", "May 2", "",
       {"came", "talk", "ten"}},
      // "the" before a name opens the name.
      {"The Baltic Accord was signed on Monday.", "Monday", "", {}},
  };
  for (const Case& c : cases) {
    const std::string sentence = c.sentence;
    CAPTURE(sentence);
    const std::vector<DocClaims> docs = Extract({{"a", "2026-03-02", c.sentence}});
    const Claim* claim = Find(docs, "a", c.mention);
    REQUIRE(claim != nullptr);
    CHECK(claim->event == c.event);
    CHECK(absl::StrJoin(claim->definites, ",") == absl::StrJoin(c.definites, ","));
  }
}

TEST_CASE("AlignClaims on prose: events, descriptions and synonyms") {
  RunProseCases({
      {"one start in two wordings",
       {{"a", "2026-03-02",
         "The new tariff on imported steel takes effect in July 2026, the ministry said."},
        {"b", "2026-03-02",
         "Importers will pay the 12 percent tariff on imported steel from July 1, customs "
         "officials said."}},
       {{"a: July 2026", "b: July 1"}},
       {}},
      {"a signing and a start are two events",
       {{"a", "2026-03-04", "Ministers of the two countries signed the steel accord on Monday."},
        {"b", "2026-03-04",
         "The steel accord between the two countries takes effect from Wednesday."}},
       {},
       {{"a: Monday", "b: Wednesday"}}},
      {"a start and another start of the story share no more than the event",
       {{"a", "2026-03-02", "India will charge the steel tariff from March 3."},
        {"b", "2026-03-02", "Shipments of ore to India will begin next year."}},
       {},
       {{"a: March 3", "b: next year"}}},
      {"one owner's share in two wordings, another's kept apart",
       {{"a", "2026-10-22",
         "Under the new quota deal, Norway gets 51 percent of the catch, Estonia 17 percent "
         "and the Faroe Islands 15 percent."},
        {"b", "2026-10-23",
         "Under the quota deal, Estonia's share of the catch will rise to 19 percent."}},
       {{"a: 17 percent", "b: 19 percent"}},
       {{"a: 15 percent", "b: 19 percent"}, {"a: 51 percent", "b: 19 percent"}}},
      {"dates of two measurements of one quantity are two facts",
       {{"a", "2026-10-22", "Norland's trawlers landed about 240,000 tonnes of herring last year."},
        {"b", "2026-10-23", "Vestrian trawlers landed around 130,000 tonnes of herring this year."}},
       {},
       {{"a: last year", "b: this year"}}},
      {"dates of one measurement that the sources give differently are one fact",
       {{"a", "2026-03-02",
         "Estria will charge a 25 percent levy on imported steel from March 3, the ministry "
         "said."},
        {"b", "2026-03-03",
         "Estria's new levy of 20 percent on imported steel, which takes effect in March "
         "2026, has split the industry."}},
       {{"a: March 3", "b: March 2026"}, {"a: 25 percent", "b: 20 percent"}},
       {}},
      {"the new framework is the Defence Framework Agreement named elsewhere",
       {{"a", "2025-10-31",
         "India and Norland signed a 10-year Defence Framework Agreement in Oslo on October 30."},
        {"b", "2025-11-01",
         "Ministers of both countries said the new framework was signed in Oslo on October 31."}},
       {{"a: October 30", "b: October 31"}},
       {}},
      {"the pact is the accord named before",
       {{"a", "2026-10-22",
         "Norland and Vestria signed the Baltic Herring Accord on Thursday. The accord takes "
         "effect on January 1."},
        {"b", "2026-10-23", "The pact, signed in Riga on Thursday, will apply from 2027."}},
       {{"a: January 1", "b: 2027"}},
       {}},
  });
}

TEST_CASE("AlignClaims on prose: a description names the group by the thing it stands for") {
  struct Case {
    const char* name;
    std::vector<Article> articles;
    const char* a;  // "doc: text" of a grouped claim
    const char* subject;
  } cases[] = {
      {"the new framework = the Defence Framework Agreement",
       {{"a", "2025-10-31",
         "India and Norland signed a 10-year Defence Framework Agreement in Oslo on October 30."},
        {"b", "2025-11-01",
         "Ministers of both countries said the new framework was signed in Oslo on October 31."}},
       "a: October 30", "Defence Framework Agreement"},
      {"the pact = the accord named before",
       {{"a", "2026-10-22",
         "Norland and Vestria signed the Baltic Herring Accord on Thursday. The accord takes "
         "effect on January 1."},
        {"b", "2026-10-23", "The pact, signed in Riga on Thursday, will apply from 2027."}},
       "a: January 1", "Baltic Herring Accord"},
  };
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    const std::vector<DocClaims> docs = Extract(c.articles);
    const std::vector<ClaimGroup> groups = AlignAll(docs);
    const std::string label = c.a;
    const Claim* claim = Find(docs, label.substr(0, label.find(": ")),
                              label.substr(label.find(": ") + 2));
    REQUIRE(claim != nullptr);
    std::string subject = "(no group)";
    for (const ClaimGroup& g : groups) {
      if (std::find(g.claims.begin(), g.claims.end(), claim) != g.claims.end()) subject = g.subject;
    }
    CHECK(subject == c.subject);
  }
}

// The fixture stories the aligner used to get wrong, each a named case:
// pairs of mentions ("doc: text", the first such mention of the article)
// that must or must not stand in one group when the story's folder is
// aligned.
struct FixtureCase {
  const char* name;
  const char* folder;  // under fixtures/
  std::vector<std::pair<std::string, std::string>> aligned;
  std::vector<std::pair<std::string, std::string>> apart;
};

std::vector<DocClaims> ExtractFolder(const std::string& folder) {
  std::vector<Skipped> skipped;
  auto inputs = ingest::ExpandInputs({std::string(CONCORD_TEST_SOURCE_DIR "/fixtures/") + folder},
                                     &skipped);
  REQUIRE(inputs.ok());
  std::vector<DocClaims> out;
  for (const ingest::Input& in : *inputs) {
    ingest::ReadInput(in, Rules().ingest, Rules().lexicon, {},
                      [&](Document d) { out.push_back(extract::ExtractDocument(d, Rules())); },
                      &skipped);
  }
  return out;
}

// Regression: a claim whose sentence has two descriptions resolved to
// named things ("the pact", "the treaty") read its proximities at
// positions of the widened words, past the end of the list: scores came
// out of garbage (0.30-0.53 between runs) and ASan saw a heap overflow.
TEST_CASE("AlignClaims: two resolved descriptions in one claim's sentence") {
  const std::vector<DocClaims> docs = Extract(
      {{"a", "2025-03-01",
        "Lisbon and Oslo signed the Alpha Beta Gamma Delta Pact and the Sierra Tango "
        "Treaty.\n\nThe pact and the treaty take effect on March 3."},
       {"b", "2025-03-02",
        "Lisbon and Oslo signed the Alpha Beta Gamma Delta Pact and the Sierra Tango "
        "Treaty.\n\nThe pact and the treaty take effect on March 4."}});
  const Claim* a = Find(docs, "a", "March 3");
  const Claim* b = Find(docs, "b", "March 4");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  const std::vector<ClaimGroup> groups = AlignAll(docs);
  REQUIRE(Together(groups, a, b));
  for (const ClaimGroup& g : groups) {
    if (std::find(g.claims.begin(), g.claims.end(), a) == g.claims.end()) continue;
    // Every word of both sentences is shared, at the same distances.
    CHECK(g.score > 0.9);
  }
}

TEST_CASE("AlignClaims: regressions on the fixture stories") {
  const FixtureCase cases[] = {
      {"a supply deal's length in long paraphrased sentences", "cell-import-duty",
       {{"cells-wire: five-year", "cells-ledger: three-year"}},
       {{"cells-wire: three years", "cells-gazette: five-year"}}},
      {"one start, 'takes effect in March 2026' and 'from March 3'", "cell-import-duty",
       {{"cells-wire: March 3", "cells-gazette: March 2026"}},
       {{"cells-wire: Monday", "cells-gazette: March 2026"}}},
      {"a crowd in sentences that share no content word", "harbour-city-final",
       {{"final-wire: 24,512", "final-club: 25,412"}},
       {{"final-radio: About 2,000", "final-wire: 24,512"}}},
      {"a match's goals are not a competition total", "harbour-city-final",
       {},
       {{"final-herald: seven", "final-wire: three"}, {"final-herald: seven", "final-club: 3"}}},
      {"a build is not a maintenance contract", "kessler-tunnel",
       {{"tunnel-wire: eight years", "tunnel-trade: six-year"}},
       {{"tunnel-trade: six-year", "tunnel-wire: 25 years"}}},
      {"this year's catch of one country, last year's of another", "mackerel-sharing",
       {{"mackerel-wire: January 1", "mackerel-post: 2027"}},
       {{"mackerel-wire: last year", "mackerel-post: this year"}}},
  };
  for (const FixtureCase& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    const std::vector<DocClaims> docs = ExtractFolder(c.folder);
    CheckAlignment(docs, c.aligned, c.apart);
  }
}

TEST_CASE("Bad align rules are reported at their position") {
  rules::Diagnostics diag;
  auto file = rules::ParseRuleText(
      "[align]\nclaim_threshold = 1.5\nstory_window_days = \"ten\"\nsynonyms = [[\"a\", 2]]\nwhat = 1\n",
      "a.toml", &diag);
  REQUIRE(file.has_value());
  AlignRules rules;
  CompileAlignRules({*file}, &diag, &rules);
  REQUIRE(diag.errors().size() == 4);
  CHECK(diag.errors()[0] == "a.toml:2:19: error: 'claim_threshold': expected a number from 0 to 1, saw 1.5 [align]");
  CHECK(diag.errors()[1] == "a.toml:4:19: error: 'synonyms': expected a string, saw an integer [align]");
  CHECK(diag.errors()[2] == "a.toml:3:21: error: 'story_window_days': expected an integer, saw a string [align]");
  CHECK(diag.errors()[3] == "a.toml:5:8: error: unknown key 'what' [align]");
}

// Second review of the day (review11): 0d3b52f keeps any two dates of
// different precisions more than 400 days apart apart, a founding year that
// two reports give differently too.
TEST_CASE("date-apart-same-event: one founding, a year against a month years on") {
  RunProseCases({
      {"founded in 1998 and founded in June 2001 are one fact",
       {{"a", "2026-09-08", "Holm Brewery, which Nils Holm founded in 1998, was sold on Monday "
                            "to the Danish group Skov."},
        {"b", "2026-09-08", "The Danish group Skov on Monday bought Holm Brewery, which Nils "
                            "Holm founded in June 2001."}},
       {{"a: 1998", "b: June 2001"}},
       {}},
  });
}

}  // namespace
}  // namespace concord::align
