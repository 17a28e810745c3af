#include "interchange/ids.h"

#include <algorithm>

#include "base/utf8.h"

namespace timeline::interchange {
namespace {

// Base letters of U+00C0–U+017F (Latin-1 Supplement letters and Latin Extended-A), in code
// point order; '*' marks a character without one (× ÷), two letters stand for ligatures.
constexpr std::string_view kLatin1[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0
    "d", "n", "o", "o", "o", "o", "o", "*", "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0
    "d", "n", "o", "o", "o", "o", "o", "*", "o", "u", "u", "u", "u", "y", "th", "y",   // F0
};
constexpr std::string_view kExtendedA =  // U+0100–U+017F, one letter each
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

std::string_view base_letters(char32_t c) {
    if (c >= 0xC0 && c < 0x100) return kLatin1[c - 0xC0];
    if (c >= 0x100 && c < 0x180) return kExtendedA.substr(c - 0x100, 1);
    return {};
}

}  // namespace

std::string slugify(std::string_view text, std::size_t max_length) {
    std::string out;
    bool hyphen = false;
    auto letter = [&](std::string_view l) {
        if (hyphen && !out.empty()) out += '-';
        hyphen = false;
        out += l;
    };
    const bool valid = utf8::valid(text);
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = valid ? utf8::decode(text, i) : static_cast<unsigned char>(text[i++]);
        if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            const char ch = static_cast<char>(c);
            letter(std::string_view(&ch, 1));
        } else if (c == '\'' || c == 0x2019) {
            // "Lovelace's" -> "lovelaces"
        } else if (const auto base = base_letters(c); !base.empty() && base != "*") {
            letter(base);
        } else {
            hyphen = true;
        }
    }
    if (out.size() > max_length) {
        out.resize(max_length);
        const auto cut = out.rfind('-');
        if (cut != std::string::npos && cut > 0) out.resize(cut);
        while (!out.empty() && out.back() == '-') out.pop_back();
    }
    return out;
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 80 || id.front() == '-' || id.back() == '-') return false;
    char prev = 0;
    for (char c : id) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!word && c != '-') return false;
        if (c == '-' && prev == '-') return false;
        prev = c;
    }
    return true;
}

std::string IdAllocator::allocate(const std::string& base) {
    std::string id = base;
    for (int n = 2; taken_.count(id); ++n) {
        std::string suffix = "-" + std::to_string(n);
        std::string stem = base.substr(0, std::min(base.size(), std::size_t{80} - suffix.size()));
        while (!stem.empty() && stem.back() == '-') stem.pop_back();
        id = stem + suffix;
    }
    taken_.insert(id);
    return id;
}

}  // namespace timeline::interchange
