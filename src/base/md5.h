// MD5 (RFC 1321) of bytes, for the digests that identify a brief's inputs (the PDF's /ID):
// not for security.
//
//   Md5 md5;
//   md5.update(text);
//   std::string hex = md5.hex();  // 32 lowercase hex digits
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace timeline {

class Md5 {
public:
    void update(std::string_view bytes);
    // The digest of everything updated with so far, as hex; the object starts over after.
    std::string hex();

private:
    void block(const unsigned char* p);
    std::array<std::uint32_t, 4> state_ = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
    std::uint64_t length_ = 0;  // bytes
    std::array<unsigned char, 64> buffer_{};
    std::size_t buffered_ = 0;
};

}  // namespace timeline
