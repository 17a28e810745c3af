#include "export/render.h"

#include "i18n/messages.h"
#include "report/shown.h"

namespace timeline::exporter {

std::vector<Lang> languages(LangMode mode) { return report::languages(mode); }

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
        if (!f.status.empty())
            value = {i18n::parenthetical(f.value.zh, f.status.zh, Lang::zh), i18n::parenthetical(f.value.en, f.status.en, Lang::en)};
        const std::string c = f.citation ? i18n::citation_mark(f.citation) : "";
        t.rows.push_back({f.label, value, f.when, {c, c}});
    }
    return t;
}

std::vector<std::string> lines(const report::BiText& t, LangMode mode) {
    std::vector<std::string> out;
    for (const auto& part : report::shown(t, mode))
        out.push_back(part.fallback ? part.text + (part.lang == Lang::zh ? " [zh]" : " [en]") : part.text);
    return out;
}

}  // namespace timeline::exporter
