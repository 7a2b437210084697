// People, organisations and their offices: names recognised without a
// gazetteer (capitalised sequences, honorifics, initials), titles resolved
// against the offices gazetteer in rules/offices*.toml (ids, jurisdictions,
// aliases and renames with their dates), and comparison of both across
// sources.
#ifndef CONCORD_EXTRACT_PEOPLE_H_
#define CONCORD_EXTRACT_PEOPLE_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "date/date.h"
#include "model/claim.h"
#include "model/values.h"
#include "rules/examples.h"
#include "rules/lexicon.h"
#include "rules/rule_tree.h"

namespace concord::extract {

struct PeopleRules;
struct Token;

inline constexpr const char* kPeopleSections[] = {"office", "people"};

enum class TitleRelation {
  kSame,      // the same office, named the same way (or only qualified: "US")
  kAlias,     // the same office in other words ("Defense Secretary")
  kOutdated,  // one side uses a name the office had before a rename
  kConflict,  // different offices
  kUnknown,   // an office the gazetteer does not know on either side
};

struct TitleComparison {
  TitleRelation relation = TitleRelation::kUnknown;
  // For kOutdated: what changed and when, from the rules ("The US Department
  // of Defense took the secondary name Department of War on 2025-09-05").
  std::string explanation;
  std::string office_id;  // the office both sides name, when they agree
};

enum class NameRelation {
  kSame,         // equal, or equal but for punctuation and spacing
  kSpelling,     // the same person spelled differently (Zelenskyy/Zelensky)
  kDifferent,
};

class PeopleEngine {
 public:
  PeopleEngine();
  ~PeopleEngine();
  PeopleEngine(PeopleEngine&&) noexcept;
  PeopleEngine& operator=(PeopleEngine&&) noexcept;

  void Compile(const std::vector<rules::RuleFile>& files,
               const rules::Lexicon& lexicon, rules::Diagnostics* diag);

  // Appends name Mentions (NameValue; subject = the full name the mention
  // resolves to within the document, so "Singh" after "Rajnath Singh" has
  // subject "Rajnath Singh") and title Mentions (TitleValue; subject = the
  // person's full name) for `sentences` of `text`. `taken` spans are skipped.
  void Find(std::string_view text, const std::vector<Span>& sentences,
            const std::vector<Mention>& taken, std::vector<Mention>* out) const;
  // The same with the tokens of each sentence already made
  // (`(*tokens_of_sentences)[i]` is Tokenize(text, sentences[i])), so that
  // they are not made again; null: made here.
  void Find(std::string_view text, const std::vector<Span>& sentences,
            const std::vector<std::span<const Token>>* tokens_of_sentences,
            const std::vector<Mention>& taken, std::vector<Mention>* out) const;

  // Compares two titles of the same person.
  TitleComparison CompareTitles(const TitleValue& a, const TitleValue& b) const;

  // The office's display name ("US Secretary of Defense"), or the id.
  std::string OfficeName(std::string_view office_id) const;

  void RunExamples(std::vector<rules::ExampleResult>* results) const;

 private:
  std::unique_ptr<PeopleRules> rules_;
  const rules::Lexicon* lexicon_ = nullptr;
};

// Compares two person names across sources.
NameRelation CompareNames(const NameValue& a, const NameValue& b);

// Identity key of a name: lowercase ASCII letters and digits, single spaces,
// punctuation dropped ("S. Jaishankar" -> "s jaishankar").
std::string NameKey(std::string_view name);
// The same into *key (replacing its contents), reusing its storage.
void NameKeyInto(std::string_view name, std::string* key);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_PEOPLE_H_
