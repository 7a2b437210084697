// Align: decides which claims of different documents speak about the same
// fact. First groups documents into stories (without comparing every pair),
// then, within a story, groups claims by subject and attribute using a
// similarity of their contexts that can be explained in one line.
#ifndef CONCORD_ALIGN_ALIGN_H_
#define CONCORD_ALIGN_ALIGN_H_

#include <bitset>
#include <string>
#include <vector>

#include "base/strings.h"
#include "extract/text_units.h"
#include "model/claim.h"
#include "model/finding.h"
#include "rules/rule_tree.h"

namespace concord {
struct RuleSet;
}

namespace concord::align {

// `[align]` in rules/align.toml: the thresholds the aligner uses.
struct AlignRules {
  // Stories: documents whose keyword similarity reaches this are one story.
  double story_threshold = 0.15;
  // Documents that share only keywords too common to index (a story
  // carried by more outlets than that) are one story when their
  // similarity reaches this: for neighbours by date in the heaviest such
  // keyword's documents.
  double story_neighbour_threshold = 0.5;
  // Documents further apart than this many days are never one story.
  int story_window_days = 10;
  // How many of a document's keywords are indexed for grouping.
  int story_keywords = 24;
  // Keyword weights (idf) count at least this many documents: in a folder
  // of five articles of one story, words all five share are not common
  // words.
  int story_min_documents = 0;
  // Two dated, counted or measured claims are about the same fact when the
  // idf-weighted overlap coefficient of their contexts reaches this, they
  // share a word of their own clauses, and each is the other's best match
  // in its document.
  double claim_threshold = 0.4;
  // The same for two dates, which need more: a date attaches to one event
  // of a sentence, and one story has many events.
  double date_threshold = 0.45;
  // Two dates of different event kinds given at different precisions and
  // further apart than this many days are never one fact ("chief financial
  // officer since 2021", "said on Monday"): they date two events. 0: no such
  // limit.
  int date_apart_days = 0;
  // ... and they share at least this many distinctive context words.
  int claim_min_shared = 2;
  // Two figures or durations that say what they count or measure, the same
  // on both sides ("42 killed", "a nine-day strike"), need only this.
  double subject_threshold = 0.25;
  // Two figures or durations whose values are further apart than this
  // (the smaller over the larger) are never one fact: reports that
  // disagree slip a digit or round, they are not tenfold apart.
  double value_ratio = 0.5;
  // Two quotes of one speaker are one utterance when this share of the
  // shorter quote's content words occur in the other.
  double quote_threshold = 0.5;
  // Stems that name the same kind of thing ("deal", "agreement", "pact"):
  // each maps to the first stem of its group.
  StringMap<std::string> synonyms;
  // The first bytes of the stems of each synonym group, by its first stem
  // (made from `synonyms` by CompileAlignRules).
  StringMap<std::bitset<256>> synonym_firsts;
  // A filter of the stems of `synonyms` (see MaybeSynonym in align.cc;
  // made by CompileAlignRules; empty: every word may be one).
  std::vector<uint64_t> synonym_filter;
  // Words that say a figure has changed since an earlier report ("rose",
  // "revised", "latest"), lowercase.
  StringSet update_cues;
  // Words before a duration that make it a lower or an upper bound
  // ("more than a week", "up to six months"), lowercase.
  std::vector<std::string> lower_bound_words;
  std::vector<std::string> upper_bound_words;
  // A duration after "in" in a clause with one of these stems is a time
  // frame ("the longest strike in a decade"), not a length claim.
  StringSet frame_words;
  // What a duration or a figure measures (Claim::measures), lowercase:
  // verbs that measure ("take", "lasted", "run"), the prepositions between
  // such a verb and the mention ("for"), the words between a subject and
  // its verb ("is expected to", "will"), words that make a measurement a
  // dimension of the phrase before ("24.7 km long"), and words that end the
  // noun phrase after a duration ("a two-year contract last month"; also
  // the lexicon's irregular_verbs, added by LoadRuleSet).
  StringSet measure_verbs;
  StringSet measure_preps;
  StringSet verb_auxiliaries;
  StringSet dimension_words;
  StringSet phrase_end_words;
  // Verbs whose object is the extent of their subject, for figures in
  // dimension_units ("the fire has burned 4,200 hectares", "floods
  // covered 1,200 sq km"), and the prepositions that may follow them
  // ("spread across"), lowercase.
  StringSet extent_verbs;
  StringSet extent_preps;
  // Verbs after which a figure following "to" is a level: of their subject
  // ("inflation eased to 2.1 percent"), or, for level_setting_verbs, of
  // their object ("the bank cut its policy rate by 25 basis points to
  // 2.5 percent").
  StringSet level_verbs;
  StringSet level_setting_verbs;
  // Verbs after which a figure following "at" is the level of their object
  // ("the bank held its deposit rate at 2 percent", "officials put the
  // death toll at 42").
  StringSet level_at_verbs;
  StringSet clause_joiners;  // end the search for a level-setting verb
  // Words after a figure that make it no level of a copula's subject
  // ("80 percent full", "6 percent lower"); "-ed" words too.
  StringSet level_not_after;
  // A figure in a dimension unit before one of distance_preps ("4 km from
  // the runway"), or before a direction and "of" ("30 km east of
  // Malatya"), is the distance from the place that follows.
  StringSet distance_preps;
  StringSet directions;
  // What a story has one value of (stems, synonyms folded): the crowd at a
  // match, the length of a deal, of a strike, of a construction. Two
  // claims of one kind that measure such a thing, each the only value of it
  // in its article, are one fact whatever else their sentences say.
  StringSet single_valued;
  // Figures in these units measure a dimension of the thing they measure
  // (a tunnel's length, a plant's capacity): whatever that thing is, it has
  // one value, as the keys of single_valued.
  StringSet dimension_units;
  // Kinds of event a date may be of, each a name and the phrases that say
  // it when they stand right before the date ("takes effect on", "from"),
  // lowercase words. Two dates of one kind of event need only
  // subject_threshold; two of different kinds are never one fact.
  struct Event {
    std::string name;
    std::vector<std::vector<std::string>> phrases;
  };
  std::vector<Event> events;
  // Words right before or after a duration that make it a time between two
  // events ("after three years", "ten years after", "two days later"), not
  // a length: such offsets are compared with offsets only. Lowercase.
  StringSet offset_before;
  StringSet offset_after;
  // Words that attribute a figure to a source ("said", "reported"): a name
  // before them is who says it, not whose it is (Claim::owner). Lowercase.
  StringSet attribution_words;
  // Words that make a definite description ("the last agreement") speak of
  // another thing than the one its article named, lowercase.
  StringSet other_words;
};

inline constexpr const char* kAlignSections[] = {"align"};

void CompileAlignRules(const std::vector<rules::RuleFile>& files,
                       rules::Diagnostics* diag, AlignRules* out);

// Groups documents into stories: a document joins the story of any earlier
// document it is similar enough to (idf-weighted keyword overlap, through
// an inverted index on keywords, so cost grows with shared keywords rather
// than with every pair). Every document is in exactly one story; story ids
// are "s1", "s2", ... in order of their first document's path.
std::vector<Story> GroupStories(const std::vector<const DocClaims*>& docs,
                                const AlignRules& rules);

// Claims of different documents judged to speak about one fact.
struct ClaimGroup {
  MentionKind kind = MentionKind::kDate;
  std::string subject;    // display subject ("Pete Hegseth")
  std::string attribute;  // "title", "date", ...
  std::vector<const Claim*> claims;  // from at least two documents
  // Why these were aligned: what they share and the score.
  std::string why;
  double score = 0;
};

// Aligns the claims of the documents of one story.
std::vector<ClaimGroup> AlignClaims(const std::vector<const DocClaims*>& docs,
                                    const RuleSet& rules);

}  // namespace concord::align

#endif  // CONCORD_ALIGN_ALIGN_H_
