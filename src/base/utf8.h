// UTF-8 helpers (RFC 3629): validation with the offset of the first bad byte, decoding.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace timeline::utf8 {

// Byte offset of the first invalid sequence (overlong forms, surrogates and code points
// above U+10FFFF are invalid), or nullopt when the whole text is valid UTF-8.
std::optional<std::size_t> first_invalid(std::string_view s);
inline bool valid(std::string_view s) { return !first_invalid(s).has_value(); }

// Decodes one code point at s[i] (which must start a valid sequence) and advances i.
char32_t decode(std::string_view s, std::size_t& i);
// Decodes the code point that ends at s[i) (i > 0, valid UTF-8) and moves i to its start.
inline char32_t decode_before(std::string_view s, std::size_t& i) {
    do --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    std::size_t j = i;
    return decode(s, j);
}
void append(std::string& out, char32_t cp);
// Number of code points in valid UTF-8 text.
std::size_t length(std::string_view s);
// Columns the text takes on a terminal: East Asian Wide and Fullwidth characters (Han,
// kana, Hangul, fullwidth punctuation such as ，。（）) count 2, combining marks 0, others 1.
std::size_t display_width(std::string_view s);
// Whether a code point takes two columns there (East Asian Wide or Fullwidth).
bool wide(char32_t c);
// "U+1F600" style name of a code point.
std::string codepoint_name(char32_t cp);

}  // namespace timeline::utf8
