#include "extract/quotes.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "extract/extract.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"

namespace concord::extract {
namespace {

// A person name mention usable as a speaker.
struct Speaker {
  Span span;
  std::string name;
};

// Whether CollapseSpaces(s) is empty: `s` holds only the white space it
// collapses, without making the string.
bool OnlySpaces(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

// People can speak; places and organisations are quoted through people.
// An untyped name counts when it has at least two words.
bool IsPersonName(const Mention& m) {
  if (m.kind != MentionKind::kName) return false;
  const auto* v = std::get_if<NameValue>(&m.value);
  if (v == nullptr) return false;
  if (v->type == EntityType::kPerson) return true;
  return v->type == EntityType::kUnknown && v->full.find(' ') != std::string::npos;
}

// The first of `speakers` (in span order) that starts at `at` or after:
// an article may name thousands, and a quote looks at a clause's.
std::vector<Speaker>::const_iterator SpeakersFrom(const std::vector<Speaker>& speakers,
                                                  uint32_t at) {
  return std::lower_bound(speakers.begin(), speakers.end(), at,
                          [](const Speaker& s, uint32_t pos) { return s.span.begin < pos; });
}

// The person `pronoun` most likely refers to: the first person named (the
// subject) in the nearest earlier sentence that names one, looking back at
// most three sentences from `sentence`. A sentence whose subject is that
// pronoun too ("She is survived by her husband, Tomas Halvard") names no
// referent and does not count. `speakers` are in span order.
std::string PronounReferent(std::string_view text, const std::vector<Span>& sentences,
                            int sentence, const std::vector<Speaker>& speakers,
                            std::string_view pronoun) {
  // (At most a dozen sentences back, skipped ones too: an article of
  // thousands of "She said" sentences stays linear.)
  int looked = 0;
  for (int k = sentence - 1; k >= 0 && k >= sentence - 12 && looked < 3; --k) {
    const std::vector<Token> first = Tokenize(
        text, {sentences[k].begin, std::min<uint32_t>(sentences[k].end, sentences[k].begin + 16)});
    if (!first.empty() && first[0].word && AsciiLowerWord(first[0].text).view() == pronoun) {
      continue;
    }
    ++looked;
    for (auto it = SpeakersFrom(speakers, sentences[k].begin);
         it != speakers.end() && it->span.begin <= sentences[k].end; ++it) {
      if (sentences[k].Contains(it->span)) return it->name;
    }
  }
  return "";
}

// The person the article names most often before `before` (the first of
// them on a tie), or "".
std::string MostNamed(const std::vector<Speaker>& speakers, uint32_t before) {
  StringMap<int> count;
  std::string best;
  int best_count = 0;
  for (const Speaker& s : speakers) {
    if (s.span.begin >= before) break;
    const int n = ++count[s.name];
    if (n > best_count) best = s.name, best_count = n;
  }
  return best;
}

// The sentence (index) that contains byte `pos`, or -1.
int SentenceAt(const std::vector<Span>& sentences, uint32_t pos) {
  auto it = std::upper_bound(
      sentences.begin(), sentences.end(), pos,
      [](uint32_t p, const Span& s) { return p < s.begin; });
  if (it == sentences.begin()) return -1;
  --it;
  if (pos > it->end) return -1;
  return static_cast<int>(it - sentences.begin());
}

// Finds the speech verb nearest to the quote in `tokens` (outside it) and
// the speaker next to that verb. `quote` is the span of the quote marks.
struct Attribution {
  bool found = false;
  std::string speaker;  // "" with found = pronoun
  bool pronoun = false;
  std::string pronoun_word;  // lowercase, when `pronoun`
};

// `speakers` are in span order.
Attribution Attribute(std::string_view text, Span clause, Span quote,
                      const std::vector<Speaker>& speakers,
                      const QuoteRules& rules) {
  Attribution out;
  std::vector<Token> tokens = Tokenize(text, clause);
  // Tokens outside the quote, with their side.
  int best = -1;
  int best_distance = 1 << 30;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (quote.Contains(t.span)) continue;
    if (!t.word) continue;
    if (!rules.speech_verbs.contains(AsciiLowerWord(t.text).view())) continue;
    const int distance = t.span.begin >= quote.end
                             ? static_cast<int>(t.span.begin - quote.end)
                             : static_cast<int>(quote.begin - t.span.end);
    if (distance < best_distance) {
      best_distance = distance;
      best = static_cast<int>(i);
    }
  }
  if (best < 0) return out;
  const Token& verb = tokens[best];
  // The speaker: a name adjacent to the verb on the side away from the quote
  // ("Agrawal said", "said Agrawal"), else the nearest name before the verb
  // (the sentence subject: "Jaishankar, in a post, commended ..."), else a
  // pronoun subject.
  const Speaker* after = nullptr;
  const Speaker* before = nullptr;
  for (auto it = SpeakersFrom(speakers, clause.begin);
       it != speakers.end() && it->span.begin <= clause.end; ++it) {
    const Speaker& s = *it;
    if (quote.Overlaps(s.span) || !clause.Contains(s.span)) continue;
    if (s.span.end <= verb.span.begin) {
      if (before == nullptr || s.span.end > before->span.end) before = &s;
    } else if (s.span.begin >= verb.span.end) {
      if (after == nullptr || s.span.begin < after->span.begin) after = &s;
    }
  }
  // "said X" right after the verb (only words between them: none).
  if (after != nullptr && verb.span.begin > quote.end) {
    std::string_view between =
        text.substr(verb.span.end, after->span.begin - verb.span.end);
    if (OnlySpaces(between)) {
      out.found = true;
      out.speaker = after->name;
      return out;
    }
  }
  // A pronoun right before the verb ("he said", "he added"), or one or two
  // lowercase words before it ("she once said", "she liked to tell").
  for (int gap = 1; gap <= 3 && gap <= best; ++gap) {
    const Token& prev = tokens[best - gap];
    if (prev.word && rules.pronouns.contains(AsciiLowerWord(prev.text).view())) {
      if (before != nullptr && before->span.end == prev.span.end) break;
      out.found = true;
      out.pronoun = true;
      out.pronoun_word = std::string(AsciiLowerWord(prev.text).view());
      return out;
    }
    if (!prev.word || prev.capitalised) break;
  }
  if (before != nullptr) {
    out.found = true;
    out.speaker = before->name;
    return out;
  }
  if (after != nullptr) {
    out.found = true;
    out.speaker = after->name;
  }
  return out;
}

}  // namespace

void CompileQuoteRules(const std::vector<rules::RuleFile>& files,
                       rules::Diagnostics* diag, QuoteRules* out) {
  for (const rules::RuleFile& file : files) {
    const rules::RuleNode* node = file.root.Find("quotes");
    if (node == nullptr) continue;
    if (node->type() != rules::RuleNode::Type::kTable) {
      diag->Error(node->pos(), absl::StrCat("'quotes': expected a table, saw ",
                                            AsAbsl(node->TypeName())));
      continue;
    }
    rules::TableReader reader(*node, "quotes", diag);
    std::vector<std::string> verbs, pronouns, meaning_words;
    reader.StringList("speech_verbs", &verbs);
    reader.StringList("pronouns", &pronouns);
    reader.StringList("meaning_words", &meaning_words);
    for (const std::string& w : meaning_words) out->meaning_words.insert(AsciiLowerCopy(w));
    for (const std::string& v : verbs) out->speech_verbs.insert(AsciiLowerCopy(v));
    for (const std::string& p : pronouns) out->pronouns.insert(AsciiLowerCopy(p));
    if (const rules::RuleNode* examples =
            reader.Typed("example", rules::RuleNode::Type::kArray)) {
      for (const rules::RuleNode& e : examples->items()) {
        if (e.type() != rules::RuleNode::Type::kTable) {
          diag->Error(e.pos(), absl::StrCat("'example': expected a table, saw ",
                                            AsAbsl(e.TypeName())),
                      "quotes");
          continue;
        }
        rules::TableReader er(e, "quotes.example", diag);
        QuoteRules::Example ex;
        ex.pos = e.pos();
        er.String("text", &ex.text, true);
        er.String("quote", &ex.quote, true);
        er.String("speaker", &ex.speaker);
        er.Finish();
        out->examples.push_back(std::move(ex));
      }
    }
    reader.Finish();
  }
}

void FindQuotes(std::string_view text, const std::vector<Span>& sentences,
                const std::vector<Mention>& names, const QuoteRules& rules,
                std::vector<Mention>* out) {
  // Made at the first quotation: most documents have none.
  std::vector<Speaker> speakers;
  bool have_speakers = false;
  std::string last_speaker;
  size_t last_speaker_line = std::string_view::npos;
  // Quotes pair up within a paragraph (a line): a quotation may run over
  // several sentences, never over a line break. Only the lines with a
  // quotation mark are read (memchr: most bytes are none).
  std::vector<uint32_t> marks;
  size_t from = 0;  // a line start
  while (from < text.size()) {
    const void* q = memchr(text.data() + from, '"', text.size() - from);
    if (q == nullptr) break;
    const size_t first_mark = static_cast<size_t>(static_cast<const char*>(q) - text.data());
    const void* nl = memrchr(text.data() + from, '\n', first_mark - from);
    const size_t line_begin =
        nl == nullptr ? from : static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    size_t line_end = text.find('\n', first_mark);
    if (line_end == std::string_view::npos) line_end = text.size();
    from = line_end + 1;
    marks.clear();
    for (size_t i = first_mark; i < line_end;) {
      const void* m = memchr(text.data() + i, '"', line_end - i);
      if (m == nullptr) break;
      i = static_cast<size_t>(static_cast<const char*>(m) - text.data());
      marks.push_back(static_cast<uint32_t>(i));
      ++i;
    }
    if (marks.size() >= 2 && !have_speakers) {
      for (const Mention& m : names) {
        if (!IsPersonName(m)) continue;
        speakers.push_back(
            {m.span, m.subject.empty() ? std::get<NameValue>(m.value).full : m.subject});
      }
      std::sort(speakers.begin(), speakers.end(),
                [](const Speaker& a, const Speaker& b) { return a.span < b.span; });
      have_speakers = true;
    }
    for (size_t k = 0; k + 1 < marks.size(); k += 2) {
      const Span quote{marks[k], marks[k + 1] + 1};
      Span inner{marks[k] + 1, marks[k + 1]};
      while (inner.begin < inner.end && text[inner.begin] == ' ') ++inner.begin;
      while (inner.end > inner.begin && text[inner.end - 1] == ' ') --inner.end;
      if (inner.empty()) continue;
      // The clause: the sentences the quote starts and ends in.
      const int first = SentenceAt(sentences, quote.begin);
      const int last = SentenceAt(sentences, quote.end - 1);
      Span clause = quote;
      if (first >= 0) clause.begin = std::min(clause.begin, sentences[first].begin);
      if (last >= 0) clause.end = std::max(clause.end, sentences[last].end);
      // Attribution after a quote may start a new "sentence" by our
      // splitter ('"We are close," Tom said.' splits after the comma-quote
      // only when a capital follows); include the next sentence when the
      // quote ends its sentence.
      if (last >= 0 && sentences[last].end <= quote.end + 1 &&
          static_cast<size_t>(last + 1) < sentences.size() &&
          sentences[last + 1].begin < line_end) {
        clause.end = sentences[last + 1].end;
      }
      clause.begin = std::max<uint32_t>(clause.begin, static_cast<uint32_t>(line_begin));
      clause.end = std::min<uint32_t>(clause.end, static_cast<uint32_t>(line_end));
      const Attribution who = Attribute(text, clause, quote, speakers, rules);
      QuoteValue value;
      value.text = CollapseSpaces(text.substr(inner.begin, inner.size()));
      if (who.found && !who.pronoun) {
        value.speaker = who.speaker;
        last_speaker = who.speaker;
        last_speaker_line = line_begin;
      } else if (who.found && who.pronoun) {
        // "... he said": the subject of a recent sentence, else whoever
        // spoke last.
        std::string referent =
            first >= 0 ? PronounReferent(text, sentences, first, speakers, who.pronoun_word)
                       : std::string();
        if (referent.empty()) referent = last_speaker;
        // Else the article's main person so far (a profile's "she once
        // said").
        if (referent.empty()) referent = MostNamed(speakers, quote.begin);
        value.speaker = referent;
        if (!value.speaker.empty()) {
          last_speaker = value.speaker;
          last_speaker_line = line_begin;
        }
      } else if (last_speaker_line == line_begin &&
                 OnlySpaces(text.substr(clause.begin, quote.begin - clause.begin))) {
        // A quotation that opens its own sentence right after an attributed
        // one in the same paragraph goes on in the same voice.
        value.speaker = last_speaker;
      }
      Mention m;
      m.kind = MentionKind::kQuote;
      m.span = inner;
      m.rule_id = "quote";
      m.subject = value.speaker;
      m.value_text = value.text;
      m.value = std::move(value);
      out->push_back(std::move(m));
    }
  }
}

void RunQuoteExamples(const RuleSet& rules,
                      std::vector<rules::ExampleResult>* results) {
  for (const QuoteRules::Example& ex : rules.quotes.examples) {
    const Document doc = TextDocument(ex.text);
    rules::ExampleResult r;
    r.pos = ex.pos;
    r.rule_id = "quotes.example";
    bool found = false;
    for (const Mention& m : FindMentions(doc, rules)) {
      if (m.kind != MentionKind::kQuote) continue;
      const auto& q = std::get<QuoteValue>(m.value);
      if (q.text != ex.quote) continue;
      found = true;
      r.passed = q.speaker == ex.speaker;
      if (!r.passed) {
        r.message = absl::StrCat("quote \"", ex.quote, "\": expected speaker '",
                                 ex.speaker, "', got '", q.speaker, "'");
      }
    }
    if (!found) {
      r.message = absl::StrCat("expected the quote \"", ex.quote, "\" in '",
                               ex.text, "'");
    }
    results->push_back(std::move(r));
  }
}

}  // namespace concord::extract
