#include "export/render.h"

namespace timeline::exporter {

std::vector<Lang> languages(LangMode mode) {
    switch (mode) {
        case LangMode::zh: return {Lang::zh};
        case LangMode::en: return {Lang::en};
        case LangMode::bi: break;
    }
    return {Lang::zh, Lang::en};
}

std::vector<std::string> lines(const report::BiText& t, LangMode mode) {
    std::vector<std::string> out;
    if (mode == LangMode::bi) {
        // Each language once; a text missing in one language is shown in the other only.
        // Identical texts ("[1]", "2018") once.
        if (!t.zh.empty() && !t.zh_fallback) out.push_back(t.zh);
        if (!t.en.empty() && !t.en_fallback && (out.empty() || out.front() != t.en)) out.push_back(t.en);
        return out;
    }
    const Lang lang = mode == LangMode::zh ? Lang::zh : Lang::en;
    const std::string& s = t.in(lang);
    if (s.empty()) return out;
    out.push_back(t.fallback(lang) ? s + (lang == Lang::zh ? " [en]" : " [zh]") : s);
    return out;
}

}  // namespace timeline::exporter
