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
// Length of the valid sequence that starts at s[i] (1 to 4 bytes) with its code point in
// `cp`, or 0 when none does.
inline std::size_t sequence_at(std::string_view s, std::size_t i, char32_t& cp) {
    const auto c = static_cast<unsigned char>(s[i]);
    cp = c;
    if (c < 0x80) return 1;
    std::size_t len;
    char32_t min;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
    else return 0;
    if (len > s.size() - i) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}
inline std::size_t sequence_at(std::string_view s, std::size_t i) {
    char32_t cp = 0;
    return sequence_at(s, i, cp);
}
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
// Decodes the code point at s[i] and advances i, in any text: where no valid sequence starts,
// U+FFFD and one byte. ASCII is decoded in line (layout calls this for every character).
char32_t next_multibyte(std::string_view s, std::size_t& i);
inline char32_t next(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    return next_multibyte(s, i);
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
