#include <doctest/doctest.h>

#include <fstream>
#include <span>
#include <sstream>

#include "extract/people.h"
#include "extract/text_units.h"
#include "rules/ruleset.h"
#include "test_rules.h"

namespace concord::extract {
namespace {

using ::concord::testing::Rules;

std::vector<Mention> FindIn(std::string_view text) {
  std::vector<Mention> out;
  Rules().people.Find(text, SplitSentences(text, Rules().lexicon), {}, &out);
  return out;
}

std::string Dump(const std::vector<Mention>& ms) {
  std::ostringstream os;
  for (const Mention& m : ms) {
    if (m.kind == MentionKind::kName) {
      const auto& v = std::get<NameValue>(m.value);
      os << "NAME [" << v.full << "] " << EntityTypeName(v.type) << " -> " << m.subject << "\n";
    } else if (m.kind == MentionKind::kTitle) {
      const auto& v = std::get<TitleValue>(m.value);
      os << "TITLE [" << v.surface << "] jur=" << v.jurisdiction << " ids=";
      for (auto& id : v.office_ids) os << id << ",";
      os << " person=" << v.person << " (" << m.rule_id << ")\n";
    }
  }
  return os.str();
}

std::string ReadSeed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  auto replace = [&](std::string_view from, std::string_view to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
      s.replace(p, from.size(), to);
    }
  };
  replace("\xE2\x80\xAF", " ");
  replace("\xE2\x80\x98", "'");
  replace("\xE2\x80\x99", "'");
  replace("\xE2\x80\x9C", "\"");
  replace("\xE2\x80\x9D", "\"");
  return s;
}

struct NameCase {
  const char* sentence;
  const char* full;
  const char* subject;
  EntityType type;
};

TEST_CASE("Names are found without a gazetteer and resolve within the document") {
  const NameCase cases[] = {
      {"Prime Minister Narendra Modi spoke on Monday.", "Narendra Modi", "Narendra Modi",
       EntityType::kPerson},
      {"External Affairs Minister S. Jaishankar met him.", "S. Jaishankar", "S. Jaishankar",
       EntityType::kPerson},
      {"The envoy met S Jaishankar in Delhi.", "S Jaishankar", "S Jaishankar", EntityType::kPerson},
      {"Vice President J.D. Vance spoke. Vance left early.", "Vance", "J.D. Vance",
       EntityType::kPerson},
      {"Rajnath Singh arrived on Friday. Singh met officials.", "Singh", "Rajnath Singh",
       EntityType::kPerson},
      {"Pete Hegseth spoke. Later, Hegseth signed the deal.", "Hegseth", "Pete Hegseth",
       EntityType::kPerson},
      {"President Trump spoke. Donald Trump then left.", "Trump", "Donald Trump",
       EntityType::kPerson},
      {"Mr Alvarez said the plan would work.", "Alvarez", "Alvarez", EntityType::kPerson},
      // Regression (fresh articles): a surname two people share stands for
      // the one named most often before it.
      {"Ingrid Halvard died. Ingrid Halvard was 87. Her husband, Tomas Halvard, survives. "
       "Halvard led 12 expeditions.",
       "Halvard", "Ingrid Halvard", EntityType::kPerson},
      // Regression: a hyphenated surname alone resolves to the full name.
      {"Mohammed Al-Qahtani arrived. Al-Qahtani added that talks went well.", "Al-Qahtani",
       "Mohammed Al-Qahtani", EntityType::kPerson},
      // Regression: capitals outside Latin-1 start names too (only U+00C0 to
      // U+00DE did).
      {"Maroš Šefčovič met officials. Šefčovič said talks went well.", "Šefčovič",
       "Maroš Šefčovič", EntityType::kPerson},
      {"The coach, Łukasz Nowak, said so.", "Łukasz Nowak", "Łukasz Nowak",
       EntityType::kPerson},
      {"She met Ursula von der Leyen in Brussels.", "Ursula von der Leyen",
       "Ursula von der Leyen", EntityType::kPerson},
      {"Former prime minister Theresa May said so on Tuesday.", "Theresa May", "Theresa May",
       EntityType::kPerson},
      {"Officials at the Ministry of External Affairs declined to comment.",
       "Ministry of External Affairs", "Ministry of External Affairs",
       EntityType::kOrganisation},
      {"The Defence Ministry has not commented.", "Defence Ministry", "Defence Ministry",
       EntityType::kOrganisation},
      {"He said the Reserve Bank of India would act.", "Reserve Bank of India",
       "Reserve Bank of India", EntityType::kOrganisation},
      {"The deal is part of the Bilateral Trade Agreement (BTA) talks.", "BTA", "BTA",
       EntityType::kUnknown},
      {"The ministers met in Kuala Lumpur on Friday.", "Kuala Lumpur", "Kuala Lumpur",
       EntityType::kPlace},
      {"Trade between India and Brazil grew.", "Brazil", "Brazil", EntityType::kPlace},
      {"Officials from Zanzibar Town arrived late.", "Zanzibar Town", "Zanzibar Town",
       EntityType::kPlace},
      {"The meeting was held in Kuala Lumpur. The Kuala Lumpur meeting ended.", "Kuala Lumpur",
       "Kuala Lumpur", EntityType::kPlace},
      {"The two leaders signed the Defence Framework Agreement.", "Defence Framework Agreement",
       "Defence Framework Agreement", EntityType::kOther},
  };
  for (const NameCase& c : cases) {
    INFO(std::string(c.sentence));
    const std::vector<Mention> ms = FindIn(c.sentence);
    bool found = false;
    for (const Mention& m : ms) {
      if (m.kind != MentionKind::kName) continue;
      const auto& v = std::get<NameValue>(m.value);
      if (v.full != c.full) continue;
      found = true;
      CHECK(m.subject == c.subject);
      CHECK(EntityTypeName(v.type) == std::string(EntityTypeName(c.type)));
      CHECK(v.key == NameKey(c.full));
      CHECK(std::string_view(c.sentence).substr(m.span.begin, m.span.size()) == c.full);
    }
    CHECK_MESSAGE(found, Dump(ms));
  }
}

TEST_CASE("Cyrillic names get keys of their own and do not turn other names into places") {
  // Regression: with Cyrillic capitals read as capitals, every such name got
  // the empty key, and one seen after "in" made them all places.
  const std::vector<Mention> ms =
      FindIn("Talks were held in \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 on Monday.\n\n"
             "\xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 "
             "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD and Olaf Scholz met there.");
  bool scholz = false;
  bool putin = false;
  for (const Mention& m : ms) {
    if (m.kind != MentionKind::kName) continue;
    const auto& v = std::get<NameValue>(m.value);
    CHECK_FALSE(v.key.empty());
    if (v.full == "Olaf Scholz") scholz = v.type == EntityType::kPerson;
    if (v.key == "\xD0\xB2\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 "
                 "\xD0\xBF\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD") {
      putin = v.type != EntityType::kPlace;
    }
  }
  CHECK(scholz);
  CHECK_MESSAGE(putin, Dump(ms));
}

TEST_CASE("Months, sentence-initial words, handles, hashtags and headlines are not names") {
  struct Case {
    const char* sentence;
    const char* not_a_name;
  } cases[] = {
      {"The talks will resume in May.", "May"},
      {"May 5 was chosen for the vote.", "May"},
      {"During the visit the two sides talked.", "During"},
      {"Their talks covered trade.", "Their"},
      {"According to officials, the deal is close.", "According"},
      {"In a post, the minister thanked everyone.", "In"},
      {"The minister arrived late.", "The"},
      {"Glad to meet @SecRubio this morning.", "SecRubio"},
      {"Follow #DefenceTalks for updates.", "DefenceTalks"},
      {"I think we are very close, he said.", "I"},
      {"Broader Context: Trade Talks and Strategic Cooperation", "Trade Talks"},
      {"Broader Context: Trade Talks and Strategic Cooperation", "Strategic Cooperation"},
      {"Based On ANI Report", "ANI"},
      {"Read Next", "Read Next"},
      {"Add Asianet Newsable as a Preferred Source", "Asianet Newsable"},
      {"Meeting on Friday, the ministers agreed.", "Friday"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.sentence));
    for (const Mention& m : FindIn(c.sentence)) {
      if (m.kind != MentionKind::kName) continue;
      CHECK(std::get<NameValue>(m.value).full != c.not_a_name);
    }
  }
}

struct TitleCase {
  const char* sentence;
  const char* surface;
  const char* office_id;  // "" for an unknown title
  const char* person;
  const char* jurisdiction;
};

TEST_CASE("Titles are attached to people and resolved to offices") {
  const TitleCase cases[] = {
      {"Defence Minister Rajnath Singh met him.", "Defence Minister", "in.defence_minister",
       "Rajnath Singh", ""},
      {"US Secretary of War Pete Hegseth said.", "US Secretary of War",
       "us.secretary_of_defense", "Pete Hegseth", "us"},
      {"Rajnath Singh, India's defence minister, said.", "India's defence minister",
       "in.defence_minister", "Rajnath Singh", "in"},
      {"Singh met his United States counterpart, Defence Secretary Pete Hegseth, on Friday.",
       "Defence Secretary", "us.secretary_of_defense", "Pete Hegseth", "us"},
      {"Defence Minister Rajnath Singh will meet his US counterpart, Pete Hegseth, today.",
       "US counterpart", "us.secretary_of_defense", "Pete Hegseth", "us"},
      {"Pete Hegseth spoke. Hegseth, who heads the Department of War, said so.",
       "heads the Department of War", "us.secretary_of_defense", "Pete Hegseth", ""},
      {"Union Commerce and Industry Minister Piyush Goyal said.",
       "Union Commerce and Industry Minister", "in.commerce_minister", "Piyush Goyal", "in"},
      {"Prime Minister Narendra Modi said.", "Prime Minister", "in.prime_minister",
       "Narendra Modi", ""},
      {"US President Donald Trump said.", "US President", "us.president", "Donald Trump", "us"},
      {"Donald Trump spoke first. Later President Trump left.", "President", "us.president",
       "Donald Trump", ""},
      {"Commerce Secretary Rajesh Agrawal said.", "Commerce Secretary", "in.commerce_secretary",
       "Rajesh Agrawal", ""},
      {"External Affairs Minister S. Jaishankar said.", "External Affairs Minister",
       "in.external_affairs_minister", "S. Jaishankar", ""},
      {"Indian Defence Minister Rajnath Singh arrived.", "Indian Defence Minister",
       "in.defence_minister", "Rajnath Singh", "in"},
      {"British Prime Minister Keir Starmer said.", "British Prime Minister",
       "uk.prime_minister", "Keir Starmer", "uk"},
      {"Chinese Foreign Minister Wang Yi said.", "Chinese Foreign Minister",
       "cn.foreign_minister", "Wang Yi", "cn"},
      {"CEO Tim Cook said the results were strong.", "CEO", "generic.ceo", "Tim Cook", ""},
      {"Disaster Management Chief Ana Ruiz said.", "Disaster Management Chief", "", "Ana Ruiz",
       ""},
      {"Chief Wildlife Warden Tom Ellis said.", "Chief Wildlife Warden", "", "Tom Ellis", ""},
      {"Deputy Prime Minister Ana Ruiz said.", "Deputy Prime Minister", "", "Ana Ruiz", ""},
      {"Reserve Bank of India Governor Sanjay Malhotra said.", "Reserve Bank of India Governor",
       "in.rbi_governor", "Sanjay Malhotra", ""},
      {"Microsoft chief executive Satya Nadella said.", "chief executive", "generic.ceo",
       "Satya Nadella", ""},
      {"Sharif and Army Chief Field Marshal Asim Munir met.", "Army Chief", "pk.army_chief",
       "Asim Munir", ""},
      {"Sharif and Army Chief Field Marshal Asim Munir met.", "Field Marshal", "pk.army_chief",
       "Asim Munir", ""},
      // Regression: the title was "Social Democrats of Prime Minister".
      {"The Social Democrats of Prime Minister Mette Frederiksen won.", "Prime Minister",
       "uk.prime_minister", "Mette Frederiksen", ""},
  };
  for (const TitleCase& c : cases) {
    INFO(std::string(c.sentence));
    const std::vector<Mention> ms = FindIn(c.sentence);
    bool found = false;
    for (const Mention& m : ms) {
      if (m.kind != MentionKind::kTitle) continue;
      const auto& v = std::get<TitleValue>(m.value);
      if (v.surface != c.surface) continue;
      found = true;
      CHECK(v.person == c.person);
      CHECK(m.subject == c.person);
      CHECK(v.jurisdiction == c.jurisdiction);
      if (*c.office_id == 0) {
        CHECK(v.office_ids.empty());
      } else {
        CHECK(std::find(v.office_ids.begin(), v.office_ids.end(), c.office_id) !=
              v.office_ids.end());
      }
    }
    CHECK_MESSAGE(found, Dump(ms));
  }
}

TEST_CASE("News title patterns: appositions, lower-case and company-qualified titles") {
  const TitleCase cases[] = {
      // A title with a possessive or an article, then the name between commas.
      {"The carmaker's chief financial officer, Hanna Lindqvist, defended the plan.",
       "chief financial officer", "generic.cfo", "Hanna Lindqvist", ""},
      {"Officials said the company's chief executive, Ana Ruiz, said so.", "chief executive",
       "generic.ceo", "Ana Ruiz", ""},
      {"Germany's foreign minister, Annalena Baerbock, said talks would go on.",
       "Germany's foreign minister", "de.foreign_minister", "Annalena Baerbock", "de"},
      {"He said the country's central bank governor, Ravi Menon, agreed.",
       "central bank governor", "generic.central_bank_governor", "Ravi Menon", ""},
      {"The team's head coach, Sean Brennan.", "head coach", "generic.head_coach",
       "Sean Brennan", ""},
      // The name, then a title with an article or without.
      {"Hanna Lindqvist, the chief executive of Nordvik Motors, said.", "chief executive",
       "generic.ceo", "Hanna Lindqvist", ""},
      {"Ravi Menon, governor of the central bank, said.", "governor",
       "generic.central_bank_governor", "Ravi Menon", ""},
      {"Ana Ruiz, who heads the agency, said.", "heads the agency", "", "Ana Ruiz", ""},
      {"Tom Ellis, who runs Nordvik Motors, said.", "runs Nordvik Motors", "", "Tom Ellis", ""},
      {"Tom Ellis, a spokesman for the ministry, said.", "spokesman", "generic.spokesperson",
       "Tom Ellis", ""},
      {"Marie Nilsson, the union leader, said.", "union leader", "", "Marie Nilsson", ""},
      // An office the gazetteer does not know, in apposition after the name
      // (regression: found only before a name, "Tourism Minister Chen Li").
      {"Chen Li, the Tourism Minister, toured the port.", "Tourism Minister", "", "Chen Li", ""},
      {"Anna Berg, Fisheries Minister, said the quota would hold.", "Fisheries Minister", "",
       "Anna Berg", ""},
      {"The Housing Secretary, Tom Ellis, said.", "Housing Secretary", "", "Tom Ellis", ""},
      // Lower-case titles right before a name of two words.
      {"He said chief executive Hanna Lindqvist agreed.", "chief executive", "generic.ceo",
       "Hanna Lindqvist", ""},
      {"He said coach Sean Brennan agreed.", "coach", "generic.head_coach", "Sean Brennan", ""},
      {"He said union leader Marie Nilsson agreed.", "union leader", "", "Marie Nilsson", ""},
      {"Talks with opposition leader Ana Ruiz failed.", "opposition leader", "", "Ana Ruiz", ""},
      {"He said Labour leader Keir Starmer agreed.", "Labour leader", "", "Keir Starmer", ""},
      {"The defence minister Rajnath Singh arrived.", "defence minister", "in.defence_minister",
       "Rajnath Singh", ""},
      // Company-qualified.
      {"He said Nordvik Motors CEO Hanna Lindqvist agreed.", "Nordvik Motors CEO",
       "generic.ceo", "Hanna Lindqvist", ""},
      {"Apple chief executive Tim Cook said.", "chief executive", "generic.ceo", "Tim Cook", ""},
      // Former titles.
      {"Former chief executive Hanna Lindqvist said.", "Former chief executive", "generic.ceo",
       "Hanna Lindqvist", ""},
      {"He met ex-CEO Hanna Lindqvist.", "ex-CEO", "generic.ceo", "Hanna Lindqvist", ""},
      {"He met former Indian Defence Minister Rajnath Singh.", "former Indian Defence Minister",
       "in.defence_minister", "Rajnath Singh", "in"},
      {"Hanna Lindqvist, the former chief executive, said.", "former chief executive",
       "generic.ceo", "Hanna Lindqvist", ""},
  };
  for (const TitleCase& c : cases) {
    INFO(std::string(c.sentence));
    const std::vector<Mention> ms = FindIn(c.sentence);
    bool found = false;
    for (const Mention& m : ms) {
      if (m.kind != MentionKind::kTitle) continue;
      const auto& v = std::get<TitleValue>(m.value);
      if (v.surface != c.surface) continue;
      found = true;
      CHECK(v.person == c.person);
      CHECK(m.subject == c.person);
      CHECK(v.jurisdiction == c.jurisdiction);
      CHECK(std::string_view(c.sentence).substr(m.span.begin, m.span.size()) == c.surface);
      const std::string surface_key = NameKey(c.surface);
      CHECK(v.former == (surface_key.starts_with("former ") || surface_key.starts_with("ex ")));
      if (*c.office_id == 0) {
        CHECK(v.office_ids.empty());
      } else {
        CHECK(std::find(v.office_ids.begin(), v.office_ids.end(), c.office_id) !=
              v.office_ids.end());
      }
    }
    CHECK_MESSAGE(found, Dump(ms));
  }
}

TEST_CASE("Role words without a person give no title") {
  const char* const cases[] = {
      "The chief executive said the plan would work.",
      "A spokesman said the talks would go on.",
      "Officials gathered outside the minister's office.",
      "Former Yugoslav Republic of Macedonia",
      "Minister Says Talks Went Well",
      "Speaking to the chief executive, Ana Ruiz said the plan would work.",
      "The minister, Ana Ruiz and Tom Ellis met.",
      "He told the board chairman Monday that the deal was off.",
      "She thanked the team captain and the coach.",
      "Tom Ellis, who led the protests, said.",
      "The central bank governor said rates would stay.",
      "Union leaders met on Friday.",
      // Unknown titles in apposition need punctuation after them.
      "In Paris, the Tourism Minister spoke.",
      "Anna Berg met the Tourism Minister on Friday.",
      // Regression: a handle or hashtag split after a modifier
      // ("@ex-President") gave "ex-President" to the name after it.
      "Thanks to @ex-President Jones for the tip.",
      "Trending: #former-Minister Ana Ruiz.",
  };
  for (const char* sentence : cases) {
    INFO(std::string(sentence));
    const std::vector<Mention> ms = FindIn(sentence);
    for (const Mention& m : ms) CHECK_MESSAGE(m.kind != MentionKind::kTitle, Dump(ms));
  }
  // A headline verb ends a name after a title.
  for (const Mention& m : FindIn("Finance Minister Ana Ruiz Says Talks Went Well")) {
    if (m.kind == MentionKind::kTitle) CHECK(m.subject == "Ana Ruiz");
  }
}

TEST_CASE("A jurisdiction qualifier narrows the candidate offices") {
  auto ids = [](const char* sentence) {
    for (const Mention& m : FindIn(sentence)) {
      if (m.kind == MentionKind::kTitle) return std::get<TitleValue>(m.value).office_ids;
    }
    return std::vector<std::string>{};
  };
  CHECK(ids("Defence Secretary John Healey said.").size() >= 2);
  CHECK(ids("UK Defence Secretary John Healey said.") ==
        std::vector<std::string>{"uk.defence_secretary"});
  CHECK(ids("US Defense Secretary Pete Hegseth said.") ==
        std::vector<std::string>{"us.secretary_of_defense"});
}

TitleValue Title(const char* surface, const char* jurisdiction = "") {
  TitleValue t;
  t.surface = surface;
  t.jurisdiction = jurisdiction;
  return t;
}

TEST_CASE("CompareTitles") {
  const PeopleEngine& people = Rules().people;
  struct Case {
    const char* a;
    const char* b;
    TitleRelation relation;
    const char* office_id;
  } cases[] = {
      {"Defence Minister", "Indian Defence Minister", TitleRelation::kSame, "in.defence_minister"},
      {"Union Commerce and Industry Minister", "Commerce and Industry Minister",
       TitleRelation::kSame, "in.commerce_minister"},
      {"US Secretary of War", "Secretary of War", TitleRelation::kSame, "us.secretary_of_defense"},
      {"Defence Secretary", "Defense Secretary", TitleRelation::kSame, ""},
      {"Minister of Defence", "Defence Minister", TitleRelation::kAlias, ""},
      {"Indian Foreign Minister", "External Affairs Minister", TitleRelation::kAlias,
       "in.external_affairs_minister"},
      {"US Secretary of War", "Defence Secretary", TitleRelation::kOutdated,
       "us.secretary_of_defense"},
      {"Secretary of War", "US Defense Secretary", TitleRelation::kOutdated,
       "us.secretary_of_defense"},
      {"Secretary of War", "Pentagon chief", TitleRelation::kOutdated, "us.secretary_of_defense"},
      {"Finance Minister", "Defence Minister", TitleRelation::kConflict, ""},
      {"US Secretary of State", "US Secretary of War", TitleRelation::kConflict, ""},
      {"Disaster Management Chief", "Disaster Management Chief", TitleRelation::kSame, ""},
      {"Disaster Management Chief", "Chief Wildlife Warden", TitleRelation::kUnknown, ""},
      // Titles the gazetteer does not know compare by their words: the same
      // head with other portfolio words is another office; a shorter name
      // inside a longer one is the same office; another head may be a
      // second role the person holds.
      {"Wildlife Chief", "Forest Chief", TitleRelation::kConflict, ""},
      {"Disaster Management Chief", "Defence Minister", TitleRelation::kUnknown, ""},
      {"Party Leader", "Defence Minister", TitleRelation::kUnknown, ""},
      {"Labour Minister", "Transport Minister", TitleRelation::kConflict, ""},
      {"Federal Labour Minister", "Labour Minister", TitleRelation::kSame, ""},
      {"Wildlife Chief", "Chief Wildlife", TitleRelation::kUnknown, ""},
      {"Ports and Shipping Minister", "Shipping Minister", TitleRelation::kAlias, ""},
      // Corporate roles: two names of one office, two offices, and two
      // offices one person often holds at once (held_with in the rules).
      {"chief executive", "CEO", TitleRelation::kAlias, "generic.ceo"},
      {"chief executive", "chief financial officer", TitleRelation::kConflict, ""},
      {"chairman", "chief executive", TitleRelation::kUnknown, ""},
      {"founder", "chief executive", TitleRelation::kUnknown, ""},
      {"chief financial officer", "chief operating officer", TitleRelation::kConflict, ""},
      // A former title against a current one: the person may have changed
      // office, or one source is out of date; neither is a conflict.
      {"former chief executive", "chief financial officer", TitleRelation::kUnknown, ""},
      {"ex-CEO", "CEO", TitleRelation::kUnknown, "generic.ceo"},
      {"Former Defence Minister", "Finance Minister", TitleRelation::kUnknown, ""},
      // Two former titles may both be right (held at different times);
      // two names of one former office are an alias, even across a rename.
      {"former Finance Minister", "former Defence Minister", TitleRelation::kUnknown, ""},
      {"former chief executive", "ex-CEO", TitleRelation::kAlias, "generic.ceo"},
      {"former Secretary of War", "former Defence Secretary", TitleRelation::kAlias,
       "us.secretary_of_defense"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.a));
    INFO(std::string(c.b));
    const TitleComparison r = people.CompareTitles(Title(c.a), Title(c.b));
    CHECK(static_cast<int>(r.relation) == static_cast<int>(c.relation));
    CHECK(r.office_id == c.office_id);
    const TitleComparison back = people.CompareTitles(Title(c.b), Title(c.a));
    CHECK(static_cast<int>(back.relation) == static_cast<int>(c.relation));
  }
  const TitleComparison r =
      people.CompareTitles(Title("Secretary of War"), Title("Defence Secretary"));
  CHECK(r.explanation ==
        "The US Department of Defense took the secondary name Department of War by "
        "executive order on 2025-09-05");
  // A jurisdiction on the value counts like a qualifier in the text.
  CHECK(people.CompareTitles(Title("Defence Secretary", "us"), Title("Secretary of War"))
            .relation == TitleRelation::kOutdated);
  // The flag counts like the word.
  TitleValue former = Title("Chief Financial Officer");
  former.former = true;
  CHECK(people.CompareTitles(former, Title("CEO")).relation == TitleRelation::kUnknown);
  CHECK(people.CompareTitles(Title("Chief Financial Officer"), Title("CEO")).relation ==
        TitleRelation::kConflict);
  CHECK(people.OfficeName("us.secretary_of_defense") == "US Secretary of Defense");
  CHECK(people.OfficeName("no.such") == "no.such");
}

NameValue Name(const char* full) {
  NameValue v;
  v.full = full;
  v.key = NameKey(full);
  v.type = EntityType::kPerson;
  return v;
}

TEST_CASE("NameKey and CompareNames") {
  CHECK(NameKey("S. Jaishankar") == "s jaishankar");
  CHECK(NameKey("  Recep Tayyip  Erdoğan ") == "recep tayyip erdogan");
  CHECK(NameKey("O'Brien") == "obrien");
  // Greek and Cyrillic letters are lower-cased (and unaccented), not dropped; other
  // characters of those blocks (the Greek question mark) still separate.
  CHECK(NameKey("\xCE\x9A\xCF\x85\xCF\x81\xCE\xB9\xCE\xAC\xCE\xBA\xCE\xBF\xCF\x82") ==
        "\xCE\xBA\xCF\x85\xCF\x81\xCE\xB9\xCE\xB1\xCE\xBA\xCE\xBF\xCF\x83");  // κυριακοσ
  CHECK(NameKey("\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xCD\xBE") ==
        "\xD0\xBF\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD");  // Путин;
  CHECK(NameKey("\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD") !=
        NameKey("\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2"));  // Лавров
  // Accents and the final sigma fold: Μητσοτάκης, ΜΗΤΣΟΤΑΚΗΣ; Ёлкин, Елкин.
  CHECK(NameKey("\xCE\x9C\xCE\xB7\xCF\x84\xCF\x83\xCE\xBF\xCF\x84\xCE\xAC\xCE\xBA"
                "\xCE\xB7\xCF\x82") ==
        NameKey("\xCE\x9C\xCE\x97\xCE\xA4\xCE\xA3\xCE\x9F\xCE\xA4\xCE\x91\xCE\x9A"
                "\xCE\x97\xCE\xA3"));
  CHECK(NameKey("\xD0\x81\xD0\xBB\xD0\xBA\xD0\xB8\xD0\xBD") ==
        NameKey("\xD0\x95\xD0\xBB\xD0\xBA\xD0\xB8\xD0\xBD"));
  struct Case {
    const char* a;
    const char* b;
    NameRelation relation;
  } cases[] = {
      {"S. Jaishankar", "S Jaishankar", NameRelation::kSame},
      {"J.D. Vance", "JD Vance", NameRelation::kSame},
      {"Pete Hegseth", "Hegseth", NameRelation::kSame},
      {"Volodymyr Zelenskyy", "Volodymyr Zelensky", NameRelation::kSpelling},
      {"Zelenskyy", "Zelensky", NameRelation::kSpelling},
      {"Mohammed bin Salman", "Muhammad bin Salman", NameRelation::kSpelling},
      {"Sergey Lavrov", "Sergei Lavrov", NameRelation::kSpelling},
      {"Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", NameRelation::kSame},
      {"Rajnath Singh", "Manmohan Singh", NameRelation::kDifferent},
      {"Pete Hegseth", "Marco Rubio", NameRelation::kDifferent},
      {"Ana Ruiz", "Ana Diaz", NameRelation::kDifferent},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.a));
    INFO(std::string(c.b));
    CHECK(static_cast<int>(CompareNames(Name(c.a), Name(c.b))) == static_cast<int>(c.relation));
    CHECK(static_cast<int>(CompareNames(Name(c.b), Name(c.a))) == static_cast<int>(c.relation));
  }
}

std::vector<std::string> CompileErrors(const char* offices_toml) {
  rules::Diagnostics diag;
  std::vector<rules::RuleFile> files;
  auto people = rules::ParseRuleText(
      "[people]\n[[people.jurisdiction]]\ncode = \"us\"\nnames = [\"US\"]\n", "p.toml", &diag);
  auto offices = rules::ParseRuleText(offices_toml, "o.toml", &diag);
  REQUIRE(people.has_value());
  REQUIRE(offices.has_value());
  files.push_back(*people);
  files.push_back(*offices);
  rules::Lexicon lexicon;
  PeopleEngine engine;
  engine.Compile(files, lexicon, &diag);
  return diag.errors();
}

TEST_CASE("Bad office rules are reported at their position with the office id") {
  struct Case {
    const char* toml;
    const char* error;
  } cases[] = {
      {"[[office]]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\ncolour = 1\n",
       "o.toml:5:10: error: unknown key 'colour' [x]"},
      {"[[office]]\nid = \"x\"\nname = 3\naliases = [\"X\"]\n",
       "o.toml:3:8: error: 'name': expected a string, saw an integer [x]"},
      {"[[office]]\nid = \"x\"\nname = \"X\"\naliases = [\"X\", 2]\n",
       "o.toml:4:17: error: 'aliases': expected a string, saw an integer [x]"},
      {"[[office]]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\n"
       "[[office]]\nid = \"x\"\nname = \"Y\"\naliases = [\"Y\"]\n",
       "o.toml:6:6: error: duplicate office id 'x' (first defined at o.toml:2:6) [x]"},
      {"[[office]]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\n"
       "[[office.rename]]\nnames = [\"Y\"]\nnote = \"renamed\"\n",
       "o.toml:5:1: error: missing required key 'date' [x]"},
      {"[[office]]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\n"
       "[[office.rename]]\ndate = \"soon\"\nnames = [\"Y\"]\nnote = \"renamed\"\n",
       "o.toml:6:8: error: 'date': expected a date (YYYY-MM-DD), saw 'soon' [x]"},
      {"[[office]]\nid = \"x\"\njurisdiction = \"zz\"\nname = \"X\"\naliases = [\"X\"]\n",
       "o.toml:3:16: error: unknown jurisdiction 'zz' (not in rules/people.toml) [x]"},
      {"[[office]]\nname = \"X\"\naliases = [\"X\"]\n",
       "o.toml:1:1: error: missing required key 'id' [office]"},
      {"[[office]]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\nexamples = \"X Y\"\n",
       "o.toml:5:12: error: 'examples': expected an array, saw a string [x]"},
      {"office = 1\n", "o.toml:1:10: error: 'office': expected an array of tables, saw an integer [office]"},
      {"[[office]]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\nheld_with = [\"y\"]\n",
       "o.toml:5:13: error: 'held_with': unknown office id 'y' [x]"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.toml));
    const std::vector<std::string> errors = CompileErrors(c.toml);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == c.error);
  }
}

TEST_CASE("Every office example and counter-example passes") {
  std::vector<rules::ExampleResult> results;
  Rules().people.RunExamples(&results);
  CHECK(results.size() > 40);
  for (const rules::ExampleResult& r : results) {
    CAPTURE(r.rule_id);
    CHECK_MESSAGE(r.passed, r.pos.path, ":", r.pos.line, ": ", r.message);
  }
}

TEST_CASE("Pete Hegseth's titles are found in every seed article") {
  struct Seed {
    const char* file;
    const char* surface;  // the name of his office the article uses
    int count;            // how often it calls him that
  } seeds[] = {
      {"000_e4a8731c2083a7a7.txt", "US Secretary of War", 1},
      {"001_ffe35b7e82ac0cbd.txt", "US Secretary of War", 3},
      {"002_00fb8c8187489961.txt", "US Secretary of War", 3},
      {"003_f7249d456f77812b.txt", "Defence Secretary", 1},
      {"004_43fbc8a1f9d87d99.txt", "US Secretary of War", 2},
  };
  for (const Seed& s : seeds) {
    INFO(std::string(s.file));
    const std::string text =
        ReadSeed(std::string(CONCORD_TEST_SOURCE_DIR "/fixtures/seeds/") + s.file);
    REQUIRE(!text.empty());
    std::vector<Mention> ms;
    Rules().people.Find(text, SplitSentences(text, Rules().lexicon), {}, &ms);
    int count = 0;
    for (const Mention& m : ms) {
      if (m.kind != MentionKind::kTitle || m.subject != "Pete Hegseth") continue;
      const auto& v = std::get<TitleValue>(m.value);
      CHECK(text.substr(m.span.begin, m.span.size()) == v.surface);
      CHECK(v.office_ids == std::vector<std::string>{"us.secretary_of_defense"});
      if (v.surface == s.surface) ++count;
    }
    CHECK(count == s.count);
    // Rajnath Singh is India's defence minister in every seed.
    bool singh = false;
    for (const Mention& m : ms) {
      if (m.kind == MentionKind::kTitle && m.subject == "Rajnath Singh") {
        const auto& ids = std::get<TitleValue>(m.value).office_ids;
        singh |= std::find(ids.begin(), ids.end(), "in.defence_minister") != ids.end();
      }
    }
    CHECK(singh);
  }
}

TEST_CASE("Find skips taken spans and may append to its own input") {
  const std::string text = "The vote is on May 5. Theresa May spoke.";
  std::vector<Mention> ms(1);
  ms[0].kind = MentionKind::kDate;
  ms[0].span = {15, 20};  // "May 5"
  Rules().people.Find(text, SplitSentences(text, Rules().lexicon), ms, &ms);
  int names = 0;
  for (const Mention& m : ms) {
    if (m.kind != MentionKind::kName) continue;
    ++names;
    CHECK(std::get<NameValue>(m.value).full == "Theresa May");
  }
  CHECK(names == 1);
}

// Mentions with their spans and rule ids, to compare two runs.
std::string DumpWithSpans(const std::vector<Mention>& ms) {
  std::ostringstream os;
  for (const Mention& m : ms) {
    os << m.span.begin << "-" << m.span.end << " " << m.rule_id << " " << m.subject << "\n";
  }
  return os.str() + Dump(ms);
}

TEST_CASE("Find gives the same with the caller's tokens and when run again") {
  std::vector<std::string> texts = {
      "Ex-CEO Hanna Lindqvist met Gen. Asim Munir and @JDVance. #Tesla's ex-minister spoke.",
      "Defence Secretary Pete Hegseth's counterpart, India's Defence Minister Rajnath Singh, "
      "said. The U.S. Ministers' talks with S. Jaishankar and al-Qahtani ended.",
      "NATO AND U.N. OFFICIALS MEET IN BRUSSELS",
  };
  for (const char* f : {"000_e4a8731c2083a7a7.txt", "003_f7249d456f77812b.txt"}) {
    texts.push_back(ReadSeed(std::string(CONCORD_TEST_SOURCE_DIR "/fixtures/seeds/") + f));
  }
  size_t found = 0;
  for (const std::string& text : texts) {
    INFO(text.substr(0, 60));
    const std::vector<Span> sentences = SplitSentences(text, Rules().lexicon);
    std::vector<std::vector<Token>> tokens(sentences.size());
    std::vector<std::span<const Token>> views;
    for (size_t i = 0; i < sentences.size(); ++i) {
      tokens[i] = Tokenize(text, sentences[i]);
      views.push_back(tokens[i]);
    }
    std::vector<Mention> a, b, c;
    Rules().people.Find(text, sentences, {}, &a);
    Rules().people.Find(text, sentences, &views, {}, &b);
    Rules().people.Find(text, sentences, {}, &c);
    found += a.size();
    CHECK(DumpWithSpans(a) == DumpWithSpans(b));
    CHECK(DumpWithSpans(a) == DumpWithSpans(c));
  }
  CHECK(found > 20);
}

TEST_CASE("debug dump") {
  if (getenv("PEOPLE_DEBUG") == nullptr) return;
  const char* f = getenv("PEOPLE_DEBUG");
  std::string text = std::string(f).find('/') != std::string::npos ? ReadSeed(f) : f;
  std::cout << Dump(FindIn(text));
}

// Second review of the day (review11): 8ded565 resolves a shared surname to
// the first full name before it; where the later-named person is the one
// the article goes on about, that is the wrong one.
TEST_CASE("surname-first-namesake: a shared surname after the second person's lede") {
  struct Case {
    const char* text;
    const char* subject;
  } cases[] = {
      {"Sam Curran took four wickets and his brother Tom Curran hit 52. Tom Curran, 31, came in "
       "at 88 for five. Curran said it was a tough pitch.",
       "Tom Curran"},
      {"Judge Anne Patel sentenced Ravi Patel to six years. Ravi Patel had admitted fraud. "
       "Patel wept as the sentence was read out.",
       "Ravi Patel"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::string_view text(c.text);
    const std::vector<Mention> ms = FindIn(c.text);
    bool found = false;
    for (const Mention& m : ms) {
      if (m.kind != MentionKind::kName) continue;
      if (text.substr(m.span.begin, m.span.size()) != "Curran" &&
          text.substr(m.span.begin, m.span.size()) != "Patel") {
        continue;
      }
      found = true;
      CHECK(m.subject == c.subject);
    }
    CHECK(found);
  }
}

}  // namespace
}  // namespace concord::extract
