// What the extractors find in one document (mentions) and what leaves the
// per-document stage (claims with their evidence), ready to be aligned with
// other documents' claims.
#ifndef CONCORD_MODEL_CLAIM_H_
#define CONCORD_MODEL_CLAIM_H_

#include <optional>
#include <string>
#include <vector>

#include "base/text.h"
#include "model/document.h"
#include "model/values.h"

namespace concord {

enum class MentionKind {
  kDate, kTime, kDuration, kSet, kFigure, kTitle, kName, kQuote
};
// "date", "time", "duration", "set", "figure", "title", "name", "quote".
const char* MentionKindName(MentionKind k);
std::optional<MentionKind> ParseMentionKind(std::string_view name);

// One thing an extractor recognised, in Document::text coordinates.
struct Mention {
  MentionKind kind = MentionKind::kDate;
  Span span;            // in Document::text
  Value value;          // typed value
  std::string value_text;  // the normalised value as text
  std::string timex;       // TIMEX3 value for temporal kinds, else ""
  std::string rule_id;     // the rule that matched
  // Who or what it is about, when the extractor knows: the person a title
  // is attached to, a quote's speaker, the thing a figure counts.
  std::string subject;

  friend bool operator==(const Mention&, const Mention&) = default;
};

// Where a claim stands in its source, as reported to people.
struct Evidence {
  std::string doc;   // document id
  std::string path;
  uint32_t offset = 0;  // bytes in the original file (JSONL: in the record's text)
  uint32_t length = 0;
  int line = 0;         // 1-based (JSONL: the record's line)
  int column = 0;       // 1-based, in code points
  std::string text;     // the original bytes of the mention
  std::string sentence; // the normalised sentence it stands in

  friend bool operator==(const Evidence&, const Evidence&) = default;
};

// A mention with its evidence and what the aligner needs to know about its
// sentence. Claims are self-contained: they outlive their document's text.
struct Claim {
  Mention mention;
  Evidence evidence;
  // "title", "date", "duration", "count", "value", "quote", "name".
  std::string attribute;
  // Content words around the mention in its sentence, lowercased and
  // stemmed, without the mention itself: the event the claim speaks about.
  // Sorted, unique.
  std::vector<std::string> context;
  // For each word of `context`, how close it stands to the mention, from 1
  // (adjacent) down: 1 / (1 + d / 3) for a distance of d content words.
  std::vector<float> proximity;
  // The subset of `context` in the mention's own clause (between commas,
  // semicolons, brackets or dashes): the words that bind most closely.
  std::vector<std::string> near;
  // What a figure or a duration measures, when its sentence says, as the
  // stems of a noun phrase: the phrase a duration modifies ("a six-year
  // build", "three years of talks") or, with `measured_by_verb`, the
  // subject of a measure verb ("construction is expected to take eight
  // years", "the tunnel will run for 27.4 kilometres") or of an apposition
  // ("the tunnel, 24.7 km long"), and for a figure in a dimension unit the
  // subject of an extent verb ("a wildfire that broke out on Sunday has
  // burned 4,200 hectares"). Empty when the sentence does not say.
  std::vector<std::string> measures;
  bool measured_by_verb = false;
  // For a date: the kind of event the words before it say it dates
  // ("takes effect on", "from": "start"), as the name of its group in
  // rules/align.toml `events`; "" when they do not say.
  std::string event;
  // For a figure: whose it is, when a proper name stands close before it in
  // its clause ("Iceland 17 percent", "Norway secured 51 percent",
  // "Iceland's share will rise to 19 percent"), as the stems of that name;
  // empty when none does or an attribution ("said") comes first. (Dates
  // are not owned: the names before them are an event's places and
  // people, which reports of one event choose freely.)
  std::vector<std::string> owner;
  bool owner_adjacent = false;  // the name stands right before the figure
  // Head nouns of the definite descriptions in the sentence ("the new
  // framework", "the pact"), stemmed, which may stand for a thing named
  // earlier. Sorted, unique.
  std::vector<std::string> definites;
  // Named things in the sentence: the full names that name mentions resolve
  // to. Sorted, unique.
  std::vector<std::string> entities;
  // The subset of `entities` that are neither people nor places: the
  // agreements, organisations and events a fact may be about.
  std::vector<std::string> things;
  // Index of the sentence in its document (claims in one sentence share it).
  int sentence_index = 0;
  // The document's publication date, for ordering reports of one fact.
  std::optional<date::sys_days> published;
  // Resolved dates in the claim's sentence other than the claim itself
  // ("42 killed on Monday"): figures of days that cannot overlap are not
  // one fact. Not those of another event: in a relative clause or an
  // insert between what the claim measures and its verb ("a wildfire that
  // broke out on Sunday has burned"), or before an "after" or "before" that
  // opens the claim's phrase ("searched the ruins on Wednesday after a
  // magnitude 6.8 earthquake killed 240").
  std::vector<DateInterval> sentence_dates;

  friend bool operator==(const Claim&, const Claim&) = default;
};

// Whether two claims say the same thing in the same words and differ only
// in where they stand (spans, offset, line, column, sentence index): one article
// stating a sentence twice. Every other field of Claim counts.
bool SameStatement(const Claim& a, const Claim& b);

// A document as the report lists it.
struct DocInfo {
  std::string id;
  std::string path;
  std::string source;
  std::string title;
  std::optional<date::sys_days> published;
  DateSource published_from = DateSource::kNone;
  std::vector<std::string> notes;
  std::vector<std::string> ignore_kinds;  // Document::ignore_kinds

  friend bool operator==(const DocInfo&, const DocInfo&) = default;
};

// Everything the per-document stage produces for one document.
struct DocClaims {
  DocInfo info;
  std::vector<Claim> claims;
  // Distinctive terms of the whole article, for grouping articles into
  // stories: the names it mentions, most mentioned first, then its most
  // frequent content words. Unique, most telling first.
  std::vector<std::string> keywords;
  // Acronyms the article defines ("Bilateral Trade Agreement (BTA)"), as
  // (acronym, expansion), both lowercase; sorted.
  std::vector<std::pair<std::string, std::string>> acronyms;

  friend bool operator==(const DocClaims&, const DocClaims&) = default;
};

}  // namespace concord

#endif  // CONCORD_MODEL_CLAIM_H_
