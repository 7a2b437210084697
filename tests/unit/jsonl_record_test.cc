// The fast JSON Lines record reader must read every record exactly as the
// full JSON parser does, or leave it to that parser.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ingest/internal.h"

namespace concord::ingest {
namespace {

struct Read {
  bool ok = false;
  std::string id, source, title, url, original, published, reason;
  Format format = Format::kText;
  friend bool operator==(const Read&, const Read&) = default;
};

Read ReadWith(std::string_view line, bool fast) {
  Read r;
  Document doc;
  r.ok = internal::ParseJsonlRecord(line, fast, &doc, &r.format, &r.published, &r.reason);
  r.id = doc.id;
  r.source = doc.source;
  r.title = doc.title;
  r.url = doc.url;
  r.original = doc.original;
  return r;
}

TEST_CASE("Fast and full JSON Lines record readers agree") {
  const std::vector<std::string> lines = {
      R"({"text": "Hello world"})",
      R"({"id": "a1", "source": "Globe", "title": "T", "url": "http://x/y", "published": "2024-01-02", "text": "Body"})",
      R"({"html": "<p>Hi</p>", "text": null})",
      R"({"text": "x", "html": "<p>y</p>"})",
      R"({"html": "<p>y</p>"})",
      R"({"title": "no body"})",
      R"({})",
      R"(  { "text" : "spaced" , "id" : null }  )",
      "{\"text\":\t\"tabs\"\r}",
      R"({"text": "esc \" \\ \/ \b \f \n \r \t \u00e9 \u20AC \ud83d\ude00 \u0000 end"})",
      R"({"text": "lone \ud83d surrogate"})",
      R"({"text": "lone \ude00 low"})",
      R"({"text": "bad \x escape"})",
      R"({"text": "bad \u12 hex"})",
      "{\"text\": \"raw\ttab\"}",
      "{\"text\": \"raw\nnewline\"}",
      R"({"text": "dup", "text": "again"})",
      R"({"t\u0065xt": "escaped key"})",
      R"({"id": 42, "text": "number id"})",
      R"({"id": -4.5, "text": "float id"})",
      R"({"id": true, "text": "bool id"})",
      R"({"text": ["array"]})",
      R"({"text": {"nested": "x"}})",
      R"({"text": "ok", "extra": [1, 2, {"a": null}], "more": false})",
      R"({"text": "ok", "other": "ignored", "n": null})",
      R"({"title": 3, "text": "x"})",
      R"({"text": "unterminated)",
      R"({"text": "x",})",
      R"({"text": "x"} trailing)",
      R"({"text": "x"}})",
      R"(["text", "x"])",
      R"("just a string")",
      R"(null)",
      R"({"text": nul})",
      R"({"text": nullx})",
      R"({"text" "x"})",
      R"({text: "x"})",
      R"({"text": "x" "y"})",
      "\xEF\xBB\xBF{\"text\": \"after a byte order mark\"}",
      R"({"text": ""})",
      R"({"text": "caf)" "\xC3\xA9" R"( \u00E9"})",
      R"({"published": "June 3, 2024", "text": "t"})",
  };
  int fast_taken = 0;
  for (const std::string& line : lines) {
    CAPTURE(line);
    const Read fast = ReadWith(line, true);
    const Read full = ReadWith(line, false);
    CHECK(fast == full);
    fast_taken += fast.ok;
  }
  CHECK(fast_taken >= 10);
}

}  // namespace
}  // namespace concord::ingest
