// MD5 (src/base/md5.h): the test vectors of RFC 1321 §A.5, and input given in pieces.
#include <string>

#include <catch2/catch.hpp>

#include "base/md5.h"

using timeline::Md5;

namespace {
std::string md5(const std::string& s) {
    Md5 m;
    m.update(s);
    return m.hex();
}
}  // namespace

TEST_CASE("MD5 gives the digests of RFC 1321", "[base]") {
    CHECK(md5("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(md5("a") == "0cc175b9c0f1b6a831c399e269772661");
    CHECK(md5("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(md5("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(md5("abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
    CHECK(md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
          "d174ab98d277d9f5a5611c2c9f419d9f");
    CHECK(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("MD5 of input given in pieces is that of the whole, and starts over after hex()", "[base]") {
    std::string text;
    for (int i = 0; i < 1000; ++i) text += static_cast<char>('a' + i % 26) + std::to_string(i);
    const std::string whole = md5(text);
    for (std::size_t piece : {1u, 3u, 55u, 56u, 63u, 64u, 65u, 1000u}) {
        Md5 m;
        for (std::size_t at = 0; at < text.size(); at += piece) m.update(std::string_view(text).substr(at, piece));
        CHECK(m.hex() == whole);
        m.update("abc");
        CHECK(m.hex() == "900150983cd24fb0d6963f7d28e17f72");
    }
}
