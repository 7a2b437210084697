#include "base/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "base/text.h"

namespace concord {

void JsonWriter::NewLine(int depth) {
  out_->push_back('\n');
  out_->append(static_cast<size_t>(indent_) * static_cast<size_t>(depth), ' ');
}

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    if (!first_) out_->push_back(',');
    if (indent_ >= 0) NewLine(depth_);
  }
  first_ = false;
}

void JsonWriter::BeginObject() {
  Separate();
  out_->push_back('{');
  ++depth_;
  first_ = true;
}

void JsonWriter::BeginArray() {
  Separate();
  out_->push_back('[');
  ++depth_;
  first_ = true;
}

void JsonWriter::Close(char c) {
  --depth_;
  if (!first_ && indent_ >= 0) NewLine(depth_);  // empty containers stay "{}", "[]"
  out_->push_back(c);
  first_ = false;
}

void JsonWriter::EndObject() { Close('}'); }
void JsonWriter::EndArray() { Close(']'); }

void JsonWriter::Key(std::string_view key) {
  String(key);
  out_->append(indent_ >= 0 ? ": " : ":");
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  Separate();
  // Most strings (every key, most values) are printable ASCII with nothing
  // to escape: they need neither the UTF-8 check nor the escape walk.
  size_t plain = 0;
  while (plain < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[plain]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    ++plain;
  }
  if (plain == s.size()) {
    const size_t at = out_->size();
    out_->resize(at + s.size() + 2);
    char* p = out_->data() + at;
    p[0] = '"';
    if (!s.empty()) std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    return;
  }
  if (!IsValidUtf8(s)) {
    // Rare (ingest checks its input): let nlohmann replace what is broken,
    // as it always did here.
    out_->append(nlohmann::json(std::string(s))
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  out_->push_back('"');
  size_t run = 0;  // start of the bytes copied as they are
  for (size_t i = plain; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_->append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out_->append("\\\""); break;
      case '\\': out_->append("\\\\"); break;
      case '\b': out_->append("\\b"); break;
      case '\f': out_->append("\\f"); break;
      case '\n': out_->append("\\n"); break;
      case '\r': out_->append("\\r"); break;
      case '\t': out_->append("\\t"); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out_->append("\\u00");
        out_->push_back(kHex[c >> 4]);
        out_->push_back(kHex[c & 15]);
      }
    }
  }
  out_->append(s.substr(run));
  out_->push_back('"');
}

void JsonWriter::Int(int64_t v) {
  Separate();
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out_->append(buf, end);
}

void JsonWriter::Uint(uint64_t v) {
  Separate();
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out_->append(buf, end);
}

void JsonWriter::Double(double v) {
  Separate();
  if (!std::isfinite(v)) {
    out_->append("null");  // as nlohmann writes them (its digits need a finite number)
    return;
  }
  // nlohmann's own formatting (shortest digits, "1.0", "1e-05"), so that
  // lines written before and after stay byte-identical.
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof(buf), v);
  out_->append(buf, end);
}

void JsonWriter::Bool(bool v) {
  Separate();
  out_->append(v ? "true" : "false");
}

void JsonWriter::Null() {
  Separate();
  out_->append("null");
}

void JsonWriter::Strings(const std::vector<std::string>& v) {
  BeginArray();
  for (const std::string& s : v) String(s);
  EndArray();
}

}  // namespace concord
