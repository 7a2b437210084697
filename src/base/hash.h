// SHA-256 (FIPS 180-4) for content addressing: the store keys an article's
// claims by the hash of what they were extracted from.
#ifndef CONCORD_BASE_HASH_H_
#define CONCORD_BASE_HASH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace concord {

class Sha256 {
 public:
  Sha256();
  // Appends bytes to the message.
  void Update(std::string_view data);
  // Appends a field so that ("ab", "c") and ("a", "bc") hash differently:
  // its length as 8 bytes, then its bytes.
  void UpdateField(std::string_view data);
  // The digest as 64 lowercase hex digits. Ends the hash: call once.
  std::string HexDigest();

 private:
  void Block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;  // bytes
};

// The hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace concord

#endif  // CONCORD_BASE_HASH_H_
