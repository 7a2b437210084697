// The people finder's fast paths (words read a machine word at a time,
// keys made without allocating) agree with the general ones.
#include <doctest/doctest.h>

#include <cstring>
#include <sstream>

#include "extract/people.h"
#include "extract/people_internal.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using ::concord::testing::Rules;

// Every mention with its span, kind, rule, subject and value text.
std::string Dump(const std::vector<Mention>& ms) {
  std::ostringstream os;
  for (const Mention& m : ms) {
    os << m.span.begin << "-" << m.span.end << " " << static_cast<int>(m.kind) << " "
       << m.rule_id << " [" << m.value_text << "] -> " << m.subject << "\n";
  }
  return os.str();
}

std::vector<Mention> FindIn(std::string_view text) {
  std::vector<Mention> out;
  Rules().people.Find(text, SplitSentences(text, Rules().lexicon), {}, &out);
  return out;
}

TEST_CASE("Words at the end of the text (read byte by byte) give what they give elsewhere") {
  // Words within 16 bytes of the text's end take the general path; padding
  // moves them to the fast one. The mentions must not change.
  const char* texts[] = {
      "Talks ended. Defence Minister Rajnath Singh",
      "Talks ended. They met NATO",
      "Talks ended. The envoy met Secretary-General Guterres",
      "Talks ended. India's Defence Minister, Rajnath Singh",
      "Talks ended. It was Chief Executive Officer Hanna Lindqvist",
      "Talks ended. Singh met ex-CEO Hanna Lindqvist",
      "Talks ended. Officials In Brussels",
      "Talks ended. He met Abdelrahmanalqahtaniy",  // 21 letters: never packed
      "Talks ended. He met Constantinopolis",     // 16 letters
      "Talks ended. He met Constantinopoli",      // 15
      "Talks ended. Pete Hegseth met Secretary",  // 9
      "Talks ended. Pete Hegseth met Minister",   // 8
  };
  for (const char* t : texts) {
    INFO(t);
    const std::string text = t;
    const std::string padded = text + std::string(40, ' ');
    CHECK(Dump(FindIn(text)) == Dump(FindIn(padded)));
  }
}

TEST_CASE("NameKey of ASCII and other bytes, short and long") {
  struct Case {
    std::string name;
    std::string key;
  } cases[] = {
      {"Pete Hegseth", "pete hegseth"},
      {"  J.D.  Vance, Jr ", "j d vance jr"},
      {"O'Brien's", "obriens"},
      {"P-8I Poseidon", "p 8i poseidon"},
      {"Erdo\xC4\x9F" "an Erdogan", "erdogan erdogan"},
      {"O\xE2\x80\x99Neill", "oneill"},
      {"", ""},
      {"...", ""},
      // Longer than the stack buffer.
      {std::string(70, 'A') + " " + std::string(70, 'b'),
       std::string(70, 'a') + " " + std::string(70, 'b')},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(NameKey(c.name) == c.key);
  }
}

TEST_CASE("TitleKeyInto makes TitleKey's key into a used string") {
  PeopleRules rules;
  rules.spelling["defence"] = "defense";
  rules.spelling["and"] = "&and";  // folding applies to "&" made "and" too
  struct Case {
    const char* phrase;
    const char* key;
  } cases[] = {
      {"Defence Minister", "defense minister"},
      {"Defence-Minister & the U.S.'s Chief", "defense minister &and us chief"},
      {"  the ,- / ", ""},
      {"Head of the Department of War", "head of department of war"},
      {"Ministers' Council", "ministers council"},
  };
  for (const Case& c : cases) {
    INFO(c.phrase);
    CHECK(TitleKey(rules, c.phrase) == c.key);
    std::string key = "left over from before";
    TitleKeyInto(rules, c.phrase, &key);
    CHECK(key == c.key);
  }
}

WordFlagTable::PackedKey Pack(std::string_view key) {
  char bytes[16] = {};
  std::memcpy(bytes, key.data(), key.size());
  WordFlagTable::PackedKey k;
  std::memcpy(&k.lo, bytes, 8);
  std::memcpy(&k.hi, bytes + 8, 8);
  return k;
}

TEST_CASE("WordFlagTable finds a packed key as it finds its bytes") {
  StringMap<uint32_t> flags = {
      {"a", 1},         {"of", 2},        {"the", 4},
      {"minister", 8},  {"secretary", 16}, {"abcdefghijklmnop", 32},
      {"abcdefghijklmnopq", 64},  // too long to pack
      {"unused", 0},
  };
  WordFlagTable table;
  table.Build(flags);
  const char* probes[] = {"a",         "of",     "the",       "minister", "secretary",
                          "abcdefghijklmnop", "b", "ofx", "ministers", "secretar",
                          "unused",    "th",     "abcdefghijklmno"};
  for (const char* p : probes) {
    INFO(p);
    CHECK(table.FindPacked(Pack(p)) == table.Find(p));
  }
  CHECK(table.FindPacked(Pack("secretary")) == 16);
  CHECK(table.FindPacked(Pack("ministers")) == 0);
  CHECK(table.Find("abcdefghijklmnopq") == 64);
}

TEST_CASE("SplitQualifier gives the jurisdiction with or without the rest") {
  PeopleRules rules;
  rules.jurisdiction_adjectives["indian"] = "in";
  rules.jurisdiction_names["united states"] = "us";
  rules.same_modifiers.insert("acting");
  struct Case {
    const char* surface;
    const char* jurisdiction;
    const char* rest;
  } cases[] = {
      {"Indian Defence Minister", "in", "Defence Minister"},
      {"the Acting United States Trade Representative", "us", "Trade Representative"},
      {"central bank governor", "", "central bank governor"},
      {"Indian", "", "Indian"},
  };
  for (const Case& c : cases) {
    INFO(c.surface);
    std::string jurisdiction = "x", rest;
    SplitQualifier(rules, c.surface, &jurisdiction, &rest);
    CHECK(jurisdiction == c.jurisdiction);
    CHECK(rest == c.rest);
    std::string alone = "x";
    SplitQualifier(rules, c.surface, &alone, nullptr);
    CHECK(alone == c.jurisdiction);
  }
}

}  // namespace
}  // namespace concord::extract
