#include "i18n/typography.h"

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

std::string chinese(const std::u32string& in) {
    std::string out;
    int depth = 0;  // open double quotes
    bool straight_open = false;
    for (std::size_t k = 0; k < in.size(); ++k) {
        char32_t c = in[k];
        const char32_t prev = k > 0 ? in[k - 1] : 0;
        const char32_t next = k + 1 < in.size() ? in[k + 1] : 0;
        if (c == U'"') {
            // Straight quotes alternate open / close.
            c = straight_open ? U'”' : U'“';
            straight_open = !straight_open;
        }
        c = nested(c, depth);
        if (c == U'—' && prev != U'—' && next != U'—' && han(prev) && han(next)) c = U'-';
        utf8::append(out, c);
    }
    return out;
}

std::string english(const std::u32string& in) {
    std::string out;
    int depth = 0;  // open double quotes: quotes inside quotes are single
    for (std::size_t k = 0; k < in.size(); ++k) {
        char32_t c = in[k];
        const char32_t prev = k > 0 ? in[k - 1] : 0;
        if (c == U'"') c = opens_after(prev) ? U'“' : U'”';
        else if (c == U'\'') c = opens_after(prev) && k + 1 < in.size() && letter_or_digit(in[k + 1]) && !letter_or_digit(prev) ? U'‘' : U'’';
        c = nested(c, depth);
        utf8::append(out, c);
    }
    return out;
}

}  // namespace

std::string typographic(std::string_view text, Lang lang) {
    bool any = false;
    for (const char b : text)
        if (b == '"' || b == '\'' || static_cast<unsigned char>(b) == 0xE2) any = true;  // quotes, dashes
    if (!any) return std::string(text);
    std::u32string cps;
    for (std::size_t i = 0; i < text.size();) cps.push_back(utf8::decode(text, i));
    return lang == Lang::zh ? chinese(cps) : english(cps);
}

}  // namespace timeline::i18n
