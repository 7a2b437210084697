#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/text_units.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using ::concord::testing::Rules;

const rules::Lexicon& Lex() { return Rules().lexicon; }

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(text, Lex())) out.push_back(text.substr(s.begin, s.size()));
  return out;
}

TEST_CASE("Sentence splitting") {
  struct Case {
    std::string text;
    std::vector<std::string> want;
  } cases[] = {
      {"One. Two.", {"One.", "Two."}},
      {"Minister S. Jaishankar met him. Then he left.",
       {"Minister S. Jaishankar met him.", "Then he left."}},
      {"J.D. Vance spoke. Talks followed.", {"J.D. Vance spoke.", "Talks followed."}},
      {"It cost 1.2 billion. Done.", {"It cost 1.2 billion.", "Done."}},
      {"Mr. Smith and Dr. Jones met on Oct. 5 in the city.",
       {"Mr. Smith and Dr. Jones met on Oct. 5 in the city."}},
      {"\"We are close.\" He smiled.", {"\"We are close.\"", "He smiled."}},
      {"Headline without a period\nBody text.", {"Headline without a period", "Body text."}},
      {"Is it? Yes! Fine.", {"Is it?", "Yes!", "Fine."}},
      {"It was a.m. when it ended.", {"It was a.m. when it ended."}},
      // A period in a date is no sentence end: a month name before a day
      // number, a day number before a month name and year.
      {"The hearing moved to October. 2 is the new date.",
       {"The hearing moved to October. 2 is the new date."}},
      {"They met on 16. Nov. 2016 in Bonn.", {"They met on 16. Nov. 2016 in Bonn."}},
      // But a year may start a sentence, and a number may end one.
      {"Sales fell in October. 2025 was worse.", {"Sales fell in October.", "2025 was worse."}},
      {"He was 16. November was cold.", {"He was 16.", "November was cold."}},
      {"  \n\n  ", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(Split(c.text) == c.want);
  }
}

// Regression (found by the bad-input suite): a text with no sentence end was
// one sentence, and per-sentence work made such an article quadratic. Long
// runs are cut at spaces into pieces of at most kMaxSentenceBytes.
TEST_CASE("Sentence splitting cuts runaway sentences") {
  std::string words;
  while (words.size() < 5 * kMaxSentenceBytes) words += "lorem ipsum 5% to ";
  std::string one_word(3 * kMaxSentenceBytes + 7, 'x');
  one_word[kMaxSentenceBytes - 1] = '\xC3';  // a two-byte character across the cut
  one_word[kMaxSentenceBytes] = '\xA9';
  for (const std::string& text : {words, one_word}) {
    const std::vector<Span> spans = SplitSentences(text, Lex());
    REQUIRE(spans.size() >= 3);
    size_t covered = 0;
    for (const Span& s : spans) {
      CHECK(s.size() <= kMaxSentenceBytes);
      CHECK(s.size() > 0);
      CHECK((static_cast<unsigned char>(text[s.begin]) & 0xC0) != 0x80);
      CHECK(text[s.begin] != ' ');
      CHECK(text[s.end - 1] != ' ');
      covered += s.size();
    }
    CHECK(covered + spans.size() >= text.size() - spans.size());
  }
}

TEST_CASE("Tokenize keeps inner punctuation of words") {
  const std::string text = "Hegseth's P-8I cost $1.2bn, U.S officials said.";
  std::vector<std::string> got;
  for (const Token& t : Tokenize(text, {0, static_cast<uint32_t>(text.size())})) {
    got.emplace_back(t.text);
  }
  CHECK(got == std::vector<std::string>{"Hegseth's", "P-8I", "cost", "$", "1.2bn", ",",
                                        "U.S", "officials", "said", "."});
}

TEST_CASE("Tokenize: long words, joiners and hyphens") {
  struct Case {
    std::string text;
    std::vector<std::string> tokens;
    std::vector<uint32_t> dashes;  // Token::dash of each token
  } cases[] = {
      {"internationalisation-related counter-counterproposals",
       {"internationalisation-related", "counter-counterproposals"},
       {20, 7}},
      {"abcdefghijklmnopqrstuvwxyz0123456789.", {"abcdefghijklmnopqrstuvwxyz0123456789", "."},
       {0, 0}},
      {"São Paulo's well-known twenty-one-year-old café-owner",
       {"São", "Paulo's", "well-known", "twenty-one-year-old", "café-owner"},
       {0, 0, 4, 6, 5}},
      {"version 3.14.15 of U.S.-made P-8I - a jet",
       {"version", "3.14.15", "of", "U.S", ".", "-", "made", "P-8I", "-", "a", "jet"},
       {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<Token> tokens;
    Tokenize(c.text, {0, static_cast<uint32_t>(c.text.size())}, &tokens);
    std::vector<std::string> got;
    std::vector<uint32_t> dashes;
    for (const Token& t : tokens) {
      got.emplace_back(t.text);
      dashes.push_back(t.dash);
    }
    CHECK(got == c.tokens);
    CHECK(dashes == c.dashes);
    // Appending continues a vector; a part of the text tokenizes alone.
    AppendTokens(c.text, {0, 3}, &tokens);
    CHECK(tokens.size() > got.size());
  }
}

TEST_CASE("Stopword index answers as the set does") {
  const Stopwords& stopwords = Rules().stopwords;
  Stopwords plain;  // no index: hashes every word
  plain.words = stopwords.words;
  std::vector<std::string> words(stopwords.words.begin(), stopwords.words.end());
  for (const char* w : {"The", "THE", "tho", "thee", "agreement", "", "a", "b", "z",
                        "ofthe", "its", "it's", "x-ray", "\xc3\xa9t\xc3\xa9",
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    words.push_back(w);
  }
  for (const std::string& w : std::vector<std::string>(words)) {
    words.push_back(w + "s");
    words.push_back(w.empty() ? w : w.substr(1));
  }
  for (const std::string& w : words) {
    CAPTURE(w);
    CHECK(stopwords.Contains(w) == plain.Contains(w));
    CHECK(stopwords.Contains(w) == stopwords.words.contains(w));
  }
}

TEST_CASE("Content word views match content words") {
  const std::string texts[] = {
      "The Countries' policies were PLANNED by the ministries of the U.S. in 2024.",
      "Hegseth's talks: 51 percent, the proposed supercalifragilisticexpialidocious-"
      "extraordinarily-long-compound-word-that-goes-on-and-on deal, policies, flies.",
      "Ministries' ministry's MINISTRIES studies Studies studied",
      "Babyies abyies ABYIES internationally INTERNATIONALLY InterNationally "
      "representativeS representatives' agreements AGREEMENTS negotiatinG",
  };
  for (const std::string& text : texts) {
    CAPTURE(text);
    std::vector<Token> tokens;
    Tokenize(text, {0, static_cast<uint32_t>(text.size())}, &tokens);
    const std::vector<ContentWord> want = ContentWordSpans(tokens, Rules().stopwords);
    StemArena arena(8);  // small: some stems spill
    std::vector<ContentWordView> got;
    AppendContentWords(tokens, Rules().stopwords, &arena, &got);
    // The variant that reads the text in blocks.
    std::vector<ContentWordView> got_in_text;
    AppendContentWords(text, tokens, Rules().stopwords, &arena, &got_in_text);
    REQUIRE(got.size() == want.size());
    REQUIRE(got_in_text.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].span == want[i].span);
      CHECK(got[i].stem == want[i].stem);
      CHECK(got_in_text[i].span == want[i].span);
      CHECK(got_in_text[i].stem == want[i].stem);
    }
  }
}

TEST_CASE("Content words remembered in a memo match content words") {
  const std::string texts[] = {
      "The Countries' policies were PLANNED by the ministries of the U.S. in 2024.",
      "Ministries' ministry's MINISTRIES studies Studies studied THE The the",
      "internationally INTERNATIONALLY representativeS agreements AGREEMENTS a",
      "policies Policies POLICIES talks Talks planned PLANNED ies",
  };
  WordMemo memo;
  // The second round answers from what the first remembered.
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      CAPTURE(round);
      CAPTURE(text);
      memo.Start(Rules().stopwords);
      std::vector<Token> tokens;
      Tokenize(text, {0, static_cast<uint32_t>(text.size())}, &tokens);
      const std::vector<ContentWord> want = ContentWordSpans(tokens, Rules().stopwords);
      StemArena arena(8);
      std::vector<ContentWordView> got;
      AppendContentWords(text, tokens, Rules().stopwords, &arena, &memo, &got);
      REQUIRE(got.size() == want.size());
      for (size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].span == want[i].span);
        CHECK(got[i].stem == want[i].stem);
      }
    }
  }
}

TEST_CASE("Stems meet across inflections") {
  struct Case {
    const char* a;
    const char* b;
  } same[] = {{"meeting", "meetings"}, {"proposed", "propose"}, {"talks", "talk"},
              {"planned", "plan"},     {"countries", "country"}, {"Hegseth's", "hegseth"}};
  for (const Case& c : same) {
    CAPTURE(c.a);
    CHECK(Stem(c.a) == Stem(c.b));
  }
  CHECK(Stem("discussion") != Stem("discussed"));
}

}  // namespace
}  // namespace concord::extract
