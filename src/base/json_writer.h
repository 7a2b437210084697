// Writes JSON text straight into a string, value by value, for records
// written in bulk (claims lines, reports). The output is what
// nlohmann/json's dump(indent) writes for the same values: compact, or
// one member or element per line indented by `indent` spaces a level;
// strings escaped the same way, numbers with the same digits.
//
//   JsonWriter w(&out);
//   w.BeginObject();
//   w.Key("id"); w.String("a1");
//   w.Key("spans"); w.BeginArray(); w.Int(3); w.Int(7); w.EndArray();
//   w.EndObject();   // {"id":"a1","spans":[3,7]}
#ifndef CONCORD_BASE_JSON_WRITER_H_
#define CONCORD_BASE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

class JsonWriter {
 public:
  // Appends to *out, which must outlive the writer: compact with indent
  // -1, else pretty-printed.
  explicit JsonWriter(std::string* out, int indent = -1) : out_(out), indent_(indent) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // The next member's name, inside an object.
  void Key(std::string_view key);

  // Text that is not valid UTF-8 gets U+FFFD for each bad sequence.
  void String(std::string_view s);
  void Int(int64_t v);
  void Uint(uint64_t v);
  // A number; NaN and infinity, which JSON lacks, are written as null (as
  // nlohmann does): callers that need them back send them otherwise.
  void Double(double v);
  void Bool(bool v);
  void Null();
  void Strings(const std::vector<std::string>& v);  // an array of strings

  // A member and its value in one call.
  void StringMember(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void BoolMember(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  void StringsMember(std::string_view key, const std::vector<std::string>& value) {
    Key(key);
    Strings(value);
  }

 private:
  void Separate();  // what comes before a value or a key
  void Close(char c);
  void NewLine(int depth);

  std::string* out_;
  int indent_;
  int depth_ = 0;         // containers open
  bool first_ = true;     // nothing written yet in the current container
  bool after_key_ = false;
};

}  // namespace concord

#endif  // CONCORD_BASE_JSON_WRITER_H_
