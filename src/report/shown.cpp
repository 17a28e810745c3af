#include "report/shown.h"

#include "i18n/typography.h"

namespace timeline::report {

namespace {

std::vector<Shown> languages_shown(const BiText& t, LangMode mode) {
    std::vector<Shown> out;
    out.reserve(2);
    if (mode != LangMode::bi) {
        const Lang lang = mode == LangMode::zh ? Lang::zh : Lang::en;
        const Lang other = lang == Lang::zh ? Lang::en : Lang::zh;
        if (!t.in(lang).empty()) out.push_back({t.in(lang), t.fallback(lang) ? other : lang, false, t.fallback(lang)});
        return out;
    }
    if (t.zh == t.en || t.zh_fallback || t.en_fallback) {
        if (!t.zh.empty() && !t.zh_fallback) out.push_back({t.zh, Lang::zh, false, false});
        else if (!t.en.empty()) out.push_back({t.en, t.en_fallback ? Lang::zh : Lang::en, false, false});
        return out;
    }
    if (!t.zh.empty()) out.push_back({t.zh, Lang::zh, false, false});
    if (!t.en.empty()) out.push_back({t.en, Lang::en, !out.empty(), false});
    return out;
}

}  // namespace

std::vector<Shown> shown(const BiText& t, LangMode mode) {
    std::vector<Shown> out = languages_shown(t, mode);
    for (auto& s : out) s.text = i18n::typographic(s.text, s.lang);
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
