// Extract: the per-document stage. Finds every mention in a document (dates,
// durations, figures, names, titles, quotes) and turns them into Claims that
// carry their evidence and their sentence's context, so that the document's
// text can be dropped afterwards. A pure function of the document and the
// rules: documents can be extracted in parallel.
#ifndef CONCORD_EXTRACT_EXTRACT_H_
#define CONCORD_EXTRACT_EXTRACT_H_

#include <string_view>
#include <vector>

#include "model/claim.h"
#include "model/document.h"

namespace concord {
struct RuleSet;
}

namespace concord::extract {

// Which extractor made a document's claims. Stored claims are reused only
// under the same rules and the same extractor, so a change to the code that
// gives other claims for the same text and rules must change this.
// 2: indefinite plurals ("dozens") have their own bound, "some".
// 3: claims for comparison leave out what no check reads (ClaimScope).
// 4: people's ages are figures ([figures.age]).
inline constexpr const char* kExtractorVersion = "4";

// A document of `text` as it stands (no markup, no header), with id `id`:
// for rule examples and tests.
Document TextDocument(std::string_view text, std::string_view id = "example");

// Every mention in `doc`, sorted by position.
std::vector<Mention> FindMentions(const Document& doc, const RuleSet& rules);

// Which mentions of a document become claims, and what they carry.
enum class ClaimScope {
  // What the comparison reads. The aligner pairs facts (dates, durations,
  // figures) by their sentence's context and counts a sentence's words
  // once, from its first claim; titles, names and quotes are paired by
  // person and by their own words. So a title, name or quote that is not
  // its sentence's first claim carries its evidence but no context words,
  // entities or sentence dates, and a place name in that position is left
  // out: no check compares places (its name still counts as a keyword).
  kCompare,
  // Every mention, each claim with all it can carry (concord extract's
  // listing).
  kEveryMention,
};

// The claims of `doc`: its mentions with evidence (original offsets, line
// and column, the sentence) and the context words the aligner compares.
DocClaims ExtractDocument(const Document& doc, const RuleSet& rules,
                          ClaimScope scope = ClaimScope::kCompare);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_EXTRACT_H_
