#include "i18n/typography.h"

#include <algorithm>

#include "base/utf8.h"

namespace timeline::i18n {
namespace {

bool han(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF); }
bool letter_or_digit(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= 0xC0 && c <= 0x24F) || han(c);
}
// Where an opening quote may stand: at the start, after a space or an opening bracket or dash.
bool opens_after(char32_t prev) {
    return prev == 0 || prev == U' ' || prev == U'(' || prev == U'[' || prev == U'{' || prev == U'\n' || prev == U'—' ||
           prev == U'–' || prev == U'“' || prev == U'‘' || prev == U'（' || prev == U'《' || prev == U'：' || prev == U'，' ||
           prev == U'、' || prev == U'；' || prev == U'。';
}

// Double quotes alternate with single ones by depth: “ ‘ ’ ” (GB/T 15834 and English alike).
char32_t nested(char32_t c, int& depth) {
    if (c == U'“') return depth++ % 2 == 1 ? U'‘' : U'“';
    if (c == U'”') {
        if (depth > 0) --depth;
        return depth % 2 == 1 ? U'’' : U'”';
    }
    return c;
}

// The one character at a time: straight quotes made curly, quotes nested by depth, a lone
// em dash between Han characters in Chinese text made a hyphen. `prev` and `next` are the
// code points around `c` in the text as given (0 at its ends).
struct Quotes {
    Lang lang;
    int depth = 0;               // open double quotes
    bool straight_open = false;  // Chinese: straight quotes alternate open / close

    char32_t operator()(char32_t c, char32_t prev, char32_t next, bool at_end) {
        if (lang == Lang::zh) {
            if (c == U'"') {
                c = straight_open ? U'”' : U'“';
                straight_open = !straight_open;
            }
            c = nested(c, depth);
            if (c == U'—' && prev != U'—' && next != U'—' && han(prev) && han(next)) c = U'-';
            return c;
        }
        if (c == U'"') c = opens_after(prev) ? U'“' : U'”';
        else if (c == U'\'') c = opens_after(prev) && !at_end && letter_or_digit(next) && !letter_or_digit(prev) ? U'‘' : U'’';
        return nested(c, depth);
    }
};

// Bytes that may start a character Quotes changes: the straight quotes, and the lead byte of
// U+2000–U+2FFF (curly quotes, dashes).
bool may_change(char b) { return b == '"' || b == '\'' || static_cast<unsigned char>(b) == 0xE2; }

}  // namespace

std::string typographic(std::string_view text, Lang lang) {
    if (std::none_of(text.begin(), text.end(), may_change)) return std::string(text);
    // Valid UTF-8 (all the report's text) is copied in runs between the characters that may
    // change; other text character by character, each written anew.
    const bool runs = utf8::valid(text);
    std::string out;
    out.reserve(text.size() + 8);
    Quotes quote{lang};
    char32_t prev = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (runs) {
            std::size_t j = i;
            while (j < text.size() && !may_change(text[j])) ++j;
            if (j > i) {
                out.append(text, i, j - i);
                std::size_t back = j;
                prev = utf8::decode_before(text, back);
                i = j;
                if (i == text.size()) break;
            }
        }
        const std::size_t at = i;
        const char32_t c = utf8::next(text, i);
        std::size_t after = i;
        const char32_t next = i < text.size() ? utf8::next(text, after) : 0;
        const char32_t to = quote(c, prev, next, i == text.size());
        if (runs && to == c) out.append(text, at, i - at);
        else utf8::append(out, to);
        prev = c;
    }
    return out;
}

}  // namespace timeline::i18n
