// Figures: counts, percentages, money, multipliers and measurements with the
// thing they count, recognised by rules/figures*.toml.
#ifndef CONCORD_EXTRACT_FIGURES_H_
#define CONCORD_EXTRACT_FIGURES_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/text_units.h"
#include "model/claim.h"
#include "model/values.h"
#include "rules/examples.h"
#include "rules/lexicon.h"
#include "rules/rule_tree.h"

namespace concord {
struct RuleSet;
}

namespace concord::extract {

struct FigureRules;

inline constexpr const char* kFigureSections[] = {"figures"};

class FigureEngine {
 public:
  FigureEngine();
  ~FigureEngine();
  FigureEngine(FigureEngine&&) noexcept;
  FigureEngine& operator=(FigureEngine&&) noexcept;

  void Compile(const std::vector<rules::RuleFile>& files,
               const rules::Lexicon& lexicon, rules::Diagnostics* diag);

  // Appends a figure Mention for every figure in `sentences` of `text`.
  // Spans already taken by `taken` (dates, durations) are not figures.
  void Find(std::string_view text, const std::vector<Span>& sentences,
            const std::vector<Mention>& taken, std::vector<Mention>* out) const;

  void RunExamples(std::vector<rules::ExampleResult>* results) const;

  // People's ages ([figures.age]), among `mentions` that hold the
  // document's names and durations: appends an age figure for a number
  // right after a person's name ("Aldo Renzetti, 61,") and turns an
  // "N-year-old" duration next to one ("61-year-old Aldo Renzetti") into
  // one. Age figures have rule "figure-age", the person as subject.
  // `tokens`, when set, are each sentence's Tokenize tokens.
  void FindAges(std::string_view text, const std::vector<Span>& sentences,
                const std::vector<std::span<const Token>>* tokens,
                std::vector<Mention>* mentions) const;

  // Whether `counted` is the key of a specific counted group in the rules
  // ("killed", "injured"; not a generic one such as "people"): two figures
  // with different such keys count different things.
  bool IsKnownCounted(std::string_view counted) const;

 private:
  friend void RunAgeExamples(const RuleSet& rules, std::vector<rules::ExampleResult>* results);

  std::unique_ptr<FigureRules> rules_;
  const rules::Lexicon* lexicon_ = nullptr;
};

// Runs the examples of [figures.age] through the whole extraction.
void RunAgeExamples(const RuleSet& rules, std::vector<rules::ExampleResult>* results);

enum class FigureRelation {
  kEqual,         // the same value, or bounds that agree ("about 40" and "42")
  kConflict,      // the same unit and thing, different values
  kIncomparable,  // different units or things counted
};

// Same unit, same thing counted (non-empty for plain counts) and no two
// different years: kEqual when the values agree (exact within 0.5%, "about"
// as CompareFigureValues says, bounds and ranges overlapping), else
// kConflict.
FigureRelation CompareFigures(const FigureValue& a, const FigureValue& b);

// Compares the values alone (unit, bounds, number), for figures already
// known to be about one thing: kIncomparable only when the units differ.
// Beyond overlap, an approximate number must be a rounding of the other
// value at the place it is written to ("about 80" and 78 agree, "about 76"
// and 78 do not), and two bounds the same way written to the same place
// must state one number ("at least 66" and "at least 68" disagree).
FigureRelation CompareFigureValues(const FigureValue& a, const FigureValue& b);

// The place of the last significant digit of a stated number, as a value:
// 76 -> 1, 80 -> 10, 43000 -> 1000, 1.2 -> 0.1; a last digit of 5 gives
// half of the next place (250 -> 50, 75 -> 5).
double StatedPrecision(double x);

// The normalised value as text: "42", "~40", ">=100", "40-50", "50 percent",
// "0.25 percentage_point", "USD 1200000000", "2 times".
std::string FigureValueText(const FigureValue& v);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_FIGURES_H_
