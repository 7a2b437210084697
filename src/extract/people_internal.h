// Compiled people rules shared by names.cc, offices.cc and people.cc. Not
// part of the public API.
#ifndef CONCORD_EXTRACT_PEOPLE_INTERNAL_H_
#define CONCORD_EXTRACT_PEOPLE_INTERNAL_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "date/date.h"
#include "extract/people.h"
#include "rules/rule_tree.h"

namespace concord::extract {

struct OfficeRename {
  date::year_month_day date;
  std::vector<std::string> names;
  std::vector<std::string> heads;
  std::string note;
};

struct OfficeExample {
  std::string text;
  rules::SourcePos pos;
  bool counter = false;
};

struct Office {
  std::string id;
  std::string jurisdiction;  // "" for generic roles
  std::string name;
  std::string portfolio;
  std::vector<std::string> aliases;
  std::vector<std::string> heads;
  // Offices one person often holds together with this one ("chairman and
  // chief executive"): titles naming both are not a conflict.
  std::vector<std::string> held_with;
  rules::SourcePos held_with_pos;
  std::vector<OfficeRename> renames;  // in date order
  std::vector<OfficeExample> examples;
};

// One office a title key names, and in which era: 0 before any rename, i
// after the office's i-th rename.
struct TitleEntry {
  int office = 0;
  int era = 0;
};

// PeopleRules::word_flags once more as a flat open-addressing table with a
// cheap hash: the people stage looks up every word of every sentence, and
// std::hash plus a general hash map cost several times the lookup itself.
class WordFlagTable {
 public:
  void Build(const StringMap<uint32_t>& flags);
  // The flags of `key`, or 0 when it has none.
  [[gnu::always_inline]] uint32_t Find(std::string_view key) const {
    if (slots_.empty()) return 0;
    const char* k = key.data();
    const size_t n = key.size();
    for (size_t i = Hash(k, n) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.flags == 0) return 0;  // empty: only keys with flags are stored
      if (s.size == n && Equal(keys_.data() + s.offset, k, n)) return s.flags;
    }
  }
  // A key of 1 to 16 bytes as two little-endian words, zero-padded: the
  // people stage packs most words so (they are short ASCII words), and
  // looks them up with two compares instead of hashing bytes.
  struct PackedKey {
    uint64_t lo = 0;
    uint64_t hi = 0;
  };
  // The flags of the packed key, or 0 when it has none (Find of its bytes).
  [[gnu::always_inline]] uint32_t FindPacked(PackedKey key) const {
    return Packed().Find(key);
  }
  struct PackedSlot;
  // FindPacked over the table as it is, for a loop that looks up many
  // words: held in locals, its pointer and mask are not loaded again after
  // each store the loop makes.
  struct PackedView {
    const PackedSlot* slots;
    size_t mask;
    [[gnu::always_inline]] uint32_t Find(PackedKey key) const {
      for (size_t i = PackedHash(key) & mask;; i = (i + 1) & mask) {
        const PackedSlot& s = slots[i];
        if (s.flags == 0) return 0;
        if (s.key.lo == key.lo && s.key.hi == key.hi) return s.flags;
      }
    }
  };
  PackedView Packed() const { return {packed_slots_.data(), packed_mask_}; }

  // Hash of the n bytes at p: a few whole-word loads instead of a loop
  // over the bytes (keys are short words).
  [[gnu::always_inline]] static size_t Hash(const char* p, size_t n) {
    uint64_t a, b;
    if (n >= 8) {
      a = Load64(p);
      for (size_t i = 8; i + 8 < n; i += 8) a = Mix(a, Load64(p + i));
      b = Load64(p + n - 8);
    } else if (n >= 4) {
      a = Load32(p);
      b = Load32(p + n - 4);
    } else if (n > 0) {
      a = static_cast<unsigned char>(p[0]) |
          (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8);
      b = static_cast<unsigned char>(p[n - 1]);
    } else {
      a = b = 0;
    }
    return static_cast<size_t>(Mix(a ^ n, b));
  }

  // memcmp(a, b, n) == 0 without the call (for short keys).
  [[gnu::always_inline]] static bool Equal(const char* a, const char* b, size_t n) {
    if (n >= 8) {
      if (n > 16) return std::memcmp(a, b, n) == 0;
      return Load64(a) == Load64(b) && Load64(a + n - 8) == Load64(b + n - 8);
    }
    if (n >= 4) return Load32(a) == Load32(b) && Load32(a + n - 4) == Load32(b + n - 4);
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

 private:
  struct Slot {
    uint32_t offset = 0;  // of the key in keys_
    uint32_t size = 0;
    uint32_t flags = 0;
  };
  static uint64_t Load64(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static uint64_t Load32(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  static uint64_t Mix(uint64_t a, uint64_t b) {
    const unsigned __int128 m = static_cast<unsigned __int128>(a ^ 0x9E3779B97F4A7C15u) *
                                (b ^ 0xC2B2AE3D27D4EB4Fu);
    return static_cast<uint64_t>(m) ^ static_cast<uint64_t>(m >> 64);
  }

 public:
  struct PackedSlot {
    PackedKey key;
    uint32_t flags = 0;  // 0: empty
  };

 private:
  static size_t PackedHash(PackedKey k) {
    return static_cast<size_t>((k.lo * 0x9E3779B97F4A7C15u + k.hi * 0xC2B2AE3D27D4EB4Fu) >> 40);
  }
  std::vector<Slot> slots_;
  std::string keys_;
  size_t mask_ = 0;
  // The keys of 1 to 16 bytes once more, packed (never empty once built).
  std::vector<PackedSlot> packed_slots_ = std::vector<PackedSlot>(1);
  size_t packed_mask_ = 0;
};

struct PeopleRules {
  std::vector<Office> offices;
  StringMap<int> office_index;
  // Title key ("secretary of war", "head of department of war") -> offices.
  StringMap<std::vector<TitleEntry>> titles;
  // Organisation key -> offices whose holder heads it.
  StringMap<std::vector<TitleEntry>> organisations;
  int max_title_words = 1;
  bool titles_have_empty_key = false;  // titles has "" (set by PeopleEngine)
  // Every key of `titles` cut after each of its words ("secretary",
  // "secretary of", ...): a phrase whose key is not here starts no title.
  StringSet title_prefixes;

  // Word lists, keyed by WordKey (multi-word entries joined by one space).
  StringSet honorifics, particles, title_heads, connectors, name_connectors, distinct_modifiers,
      same_modifiers, former_modifiers, counterpart_words, organisation_heads,
      other_heads, place_heads, place_prepositions, places, never_names, role_words;
  // Every word of every office name and alias ("chief", "financial"): lower
  // case words that may stand inside a title before its head word.
  StringSet title_words;
  std::vector<std::vector<std::string>> head_phrases;
  int max_list_words = 1;
  // Jurisdiction names ("india", "united states") and adjectives or
  // qualifiers ("indian", "union") -> code.
  StringMap<std::string> jurisdiction_names;
  StringMap<std::string> jurisdiction_adjectives;
  StringSet jurisdiction_codes;
  // Spelling variants folded in title keys ("defence" -> "defense").
  StringMap<std::string> spelling;

  // What a single word key is, computed once per word of the text instead
  // of one hash lookup per question: WordFlag bits. Built by
  // CompilePeopleRules from the sets above; PeopleEngine::Compile adds the
  // bits that need the lexicon or the engine's own word lists.
  StringMap<uint32_t> word_flags;
  // The same, for the per-word lookups; built by PeopleEngine::Compile.
  WordFlagTable word_flag_table;
  // What the people finder makes of a token of one ASCII byte that is no
  // word (",", "(", "&"): its flags and title part, made once by
  // PeopleEngine::Compile instead of once per comma.
  struct ByteWord {
    uint32_t flags = 0;
    std::string title_part;
    bool title_start = false;
    bool title_seed = false;
  };
  std::vector<ByteWord> byte_words;  // by byte, 128 when compiled
};

// Bits of PeopleRules::word_flags. kIs*: the key is an entry of the list;
// kStarts*: some entry of the list (one word or more) begins with it.
enum WordFlag : uint32_t {
  kIsNeverName = 1u << 0,
  kIsConnector = 1u << 1,
  kIsTitleHead = 1u << 2,
  kIsOrganisationHead = 1u << 3,
  kIsParticle = 1u << 4,
  kIsHonorific = 1u << 5,
  kIsCounterpart = 1u << 6,
  kIsNameConnector = 1u << 7,
  kIsPlacePreposition = 1u << 8,
  kIsRoleWord = 1u << 9,
  kIsTitleWord = 1u << 10,
  kIsOtherHead = 1u << 11,
  kIsPlaceHead = 1u << 12,
  kIsTitlePrefix = 1u << 13,     // an entry of title_prefixes
  kHasSpelling = 1u << 14,       // a key of spelling
  kIsMonthOrWeekday = 1u << 15,  // a month or weekday of the lexicon
  kStartsHonorific = 1u << 16,
  kStartsPlace = 1u << 17,
  kStartsFormer = 1u << 18,
  kStartsDistinct = 1u << 19,
  kStartsSame = 1u << 20,
  kStartsJurisdiction = 1u << 21,
  kIsHeadlineSmall = 1u << 22,  // a word headlines keep lower case ("of")
  kIsAbbreviation = 1u << 23,   // an abbreviation of the lexicon ("gen")
  kStartsHeadPhrase = 1u << 24,  // the first word of a head phrase ("heads")
  kIsTitleHeadPlural = 1u << 25,  // an entry of title_heads and an "s"
  kIsOtherHeadPlural = 1u << 26,  // an entry of other_heads and an "s"
  // What the people finder makes of a word of ASCII letters with this key
  // (no spelling variant): its TitleKey is empty ("the"), a title may start
  // there, a title or a qualifier may start there. Set by
  // PeopleEngine::Compile from the bits above.
  kIsThe = 1u << 27,
  kLetterTitleStart = 1u << 28,
  kLetterTitleSeed = 1u << 29,
  kStartsQualifier = kStartsFormer | kStartsDistinct | kStartsSame | kStartsJurisdiction,
};

// Lowercase ASCII, periods and a possessive "'s" dropped: "U.S." -> "us",
// "India's" -> "india".
std::string WordKey(std::string_view word);
// WordKey(word) appended to *out.
void AppendWordKey(std::string_view word, std::string* out);

// Key of a title phrase: word keys joined by one space, hyphens as spaces,
// "&" as "and", "the" dropped, spelling variants folded.
std::string TitleKey(const PeopleRules& rules, std::string_view phrase);
// The same into *key (replacing its contents), reusing its storage.
void TitleKeyInto(const PeopleRules& rules, std::string_view phrase, std::string* key);

// True when offices a and b (indexes) are often held by one person at once.
bool HeldTogether(const PeopleRules& rules, int a, int b);

// Reads `people` and `office` sections of `files` into `out`.
void CompilePeopleRules(const std::vector<rules::RuleFile>& files,
                        rules::Diagnostics* diag, PeopleRules* out);

// The offices a title key names (empty when unknown), narrowed to
// `jurisdiction` when that leaves any.
std::vector<TitleEntry> LookupTitle(const PeopleRules& rules,
                                    std::string_view key,
                                    std::string_view jurisdiction);

// Splits a title surface into its leading jurisdiction qualifier (code or
// "") and the rest ("Indian Defence Minister" -> "in", "Defence Minister").
// Modifiers that keep the office ("Acting") are dropped too. `rest` may be
// null.
void SplitQualifier(const PeopleRules& rules, std::string_view surface,
                    std::string* jurisdiction, std::string* rest);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_PEOPLE_INTERNAL_H_
