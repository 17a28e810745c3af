#include "report/shown.h"

#include "i18n/typography.h"

namespace timeline::report {

std::vector<Shown> shown(const BiText& t, LangMode mode) {
    std::vector<Shown> out;
    out.reserve(2);
    // Each text printed as its language sets quotes, apostrophes and dashes.
    auto add = [&](const std::string& text, Lang lang, bool secondary, bool fallback) {
        out.push_back({i18n::typographic(text, lang), lang, secondary, fallback});
    };
    if (mode != LangMode::bi) {
        const Lang lang = mode == LangMode::zh ? Lang::zh : Lang::en;
        const Lang other = lang == Lang::zh ? Lang::en : Lang::zh;
        if (!t.in(lang).empty()) add(t.in(lang), t.fallback(lang) ? other : lang, false, t.fallback(lang));
        return out;
    }
    if (t.zh == t.en || t.zh_fallback || t.en_fallback) {
        if (!t.zh.empty() && !t.zh_fallback) add(t.zh, Lang::zh, false, false);
        else if (!t.en.empty()) add(t.en, t.en_fallback ? Lang::zh : Lang::en, false, false);
        return out;
    }
    if (!t.zh.empty()) add(t.zh, Lang::zh, false, false);
    if (!t.en.empty()) add(t.en, Lang::en, !out.empty(), false);
    return out;
}

std::string joined(const BiText& t, LangMode mode, const std::string& separator) {
    std::string out;
    for (const auto& s : shown(t, mode)) {
        if (!out.empty()) out += separator;
        out += s.text;
    }
    return out;
}

std::vector<Lang> languages(LangMode mode) {
    switch (mode) {
        case LangMode::zh: return {Lang::zh};
        case LangMode::en: return {Lang::en};
        case LangMode::bi: break;
    }
    return {Lang::zh, Lang::en};
}

}  // namespace timeline::report
