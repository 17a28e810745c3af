#include "export/render.h"

#include "i18n/messages.h"

namespace timeline::exporter {

std::vector<Lang> languages(LangMode mode) {
    switch (mode) {
        case LangMode::zh: return {Lang::zh};
        case LangMode::en: return {Lang::en};
        case LangMode::bi: break;
    }
    return {Lang::zh, Lang::en};
}

report::Table key_figures_table(const std::vector<report::KeyFigure>& figures) {
    using report::Align;
    using report::BiText;
    auto fixed = [](i18n::Msg id) {
        return BiText{std::string(i18n::message(id, Lang::zh)), std::string(i18n::message(id, Lang::en))};
    };
    report::Table t;
    t.header = {fixed(i18n::Msg::header_metric), fixed(i18n::Msg::header_value), fixed(i18n::Msg::header_date),
                fixed(i18n::Msg::header_source)};
    t.align = {Align::left, Align::right, Align::left, Align::right};
    for (const auto& f : figures) {
        BiText value = f.value;
        if (!f.status.empty()) value = {f.value.zh + "（" + f.status.zh + "）", f.value.en + " (" + f.status.en + ")"};
        const std::string c = f.citation ? "[" + std::to_string(f.citation) + "]" : "";
        t.rows.push_back({f.label, value, f.when, {c, c}});
    }
    return t;
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
