#include "interchange/language.h"

#include <vector>

#include "base/utf8.h"

namespace timeline::interchange {
namespace {

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x3134F) ||
           (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

bool is_latin_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

struct Counts {
    std::size_t han = 0;
    std::size_t latin = 0;
};

Counts count(std::string_view text) {
    Counts n;
    if (!utf8::valid(text)) return n;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = utf8::decode(text, i);
        if (is_han(c)) ++n.han;
        else if (is_latin_letter(c)) ++n.latin;
    }
    return n;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Chinese, English, or neither (no letters at all: "1984", "—").
std::optional<Lang> language_of(std::string_view text) {
    const Counts n = count(text);
    if (n.han == 0 && n.latin == 0) return std::nullopt;
    return n.han > 0 && n.han * 4 >= n.latin ? Lang::zh : Lang::en;
}

}  // namespace

Lang detect_language(std::string_view text) { return language_of(text).value_or(Lang::en); }

bool has_letters(std::string_view text) { return language_of(text).has_value(); }

std::optional<Text> split_bilingual(std::string_view text) {
    // Two parts around one separator.
    for (std::string_view sep : {" / ", " | ", "／", "｜"}) {
        const std::size_t at = text.find(sep);
        if (at == std::string_view::npos || text.find(sep, at + sep.size()) != std::string_view::npos) continue;
        const std::string_view a = trim(text.substr(0, at));
        const std::string_view b = trim(text.substr(at + sep.size()));
        const auto la = language_of(a);
        const auto lb = language_of(b);
        if (!la || !lb || *la == *lb) continue;
        return *la == Lang::zh ? Text{std::string(a), std::string(b)} : Text{std::string(b), std::string(a)};
    }
    // Lines of both languages.
    if (text.find('\n') == std::string_view::npos) return std::nullopt;
    Text out;
    std::optional<Lang> last;
    std::string pending;  // lines without letters before the first line with some
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        // A line without letters ("1984", "—") goes with the language of the line before.
        const auto l = language_of(line);
        if (!l && !last) {
            pending += (pending.empty() ? "" : "\n") + std::string(line);
            continue;
        }
        if (l) last = l;
        std::string& into = *last == Lang::zh ? out.zh : out.en;
        if (!pending.empty()) into += pending, pending.clear();
        into += (into.empty() ? "" : "\n") + std::string(line);
    }
    if (out.zh.empty() || out.en.empty()) return std::nullopt;
    return out;
}

Text to_text(std::string_view text, LangChoice choice) {
    if (text.empty()) return {};
    switch (choice) {
        case LangChoice::zh: return {std::string(text), {}};
        case LangChoice::en: return {{}, std::string(text)};
        case LangChoice::detect: break;
    }
    if (auto both = split_bilingual(text)) return *both;
    if (detect_language(text) == Lang::zh) return {std::string(text), {}};
    return {{}, std::string(text)};
}

}  // namespace timeline::interchange
