// Writes compact JSON text straight into a string, value by value, for
// records written in bulk (claims lines). The output is what
// nlohmann/json's dump() writes for the same values: no spaces, strings
// escaped the same way, numbers with the same digits.
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
  // Appends to *out, which must outlive the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

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
  // A finite number (JSON has no NaN or infinity: callers decide how those
  // travel).
  void Double(double v);
  void Bool(bool v);
  void Null();
  void Strings(const std::vector<std::string>& v);  // an array of strings

 private:
  void Separate();  // a comma before every element but the first

  std::string* out_;
  bool first_ = true;  // at the start of a container or after a key
};

}  // namespace concord

#endif  // CONCORD_BASE_JSON_WRITER_H_
