// A data set -> TimelineJS3 JSON (docs/timelinejs.md, "Export").
#include <algorithm>
#include <map>
#include <set>

#include "base/json_text.h"
#include "i18n/format.h"
#include "i18n/messages.h"
#include "interchange/html.h"
#include "interchange/json_out.h"
#include "interchange/timelinejs.h"

namespace timeline::interchange {
namespace {

JsonOut object() { return JsonOut::object(); }

// The BCP 47 tag written on Chinese text (Simplified Chinese).
constexpr const char* kZhTag = "zh-Hans";

// Counted things a timeline cannot show, reported once each at the first record concerned.
struct Count {
    std::size_t n = 0;
    const Origin* first = nullptr;
    std::string record;
    void add(const Origin& o, const std::string& id) {
        if (n++ == 0) {
            first = &o;
            record = id;
        }
    }
};

class Exporter {
public:
    Exporter(const Dataset& ds, LangMode lang, Diagnostics& diags) : ds_(ds), lang_(lang), diags_(diags) {}

    std::string run(ExportSummary* summary) {
        JsonOut out = object();
        if (ds_.info) {
            JsonOut title = object();
            JsonOut text = object();
            text.set("headline", inline_markup(ds_.info->title, ds_.info->origin, "dataset"));
            if (!ds_.info->subtitle.empty()) text.set("text", paragraphs(ds_.info->subtitle, ds_.info->origin, "dataset"));
            title.set("text", text);
            out.set("title", title);
        }
        std::vector<const Event*> events;
        for (const Event& e : ds_.events)
            if (e.date.resolved) events.push_back(&e);
        std::stable_sort(events.begin(), events.end(),
                         [](const Event* a, const Event* b) { return compare(a->date.when, b->date.when) < 0; });
        JsonOut slides = JsonOut::array();
        for (const Event* e : events) slides.add(event(*e));
        out.set("events", slides);
        JsonOut eras = JsonOut::array();
        for (const Era& e : ds_.eras) {
            if (!e.date.resolved) continue;
            if (!e.date.when.start || !e.date.when.end) {
                open_eras_.add(e.origin, e.id);
                continue;
            }
            eras.add(era(e));
        }
        if (eras.size()) out.set("eras", eras);
        report();
        if (summary) *summary = {slides.size(), eras.size()};
        return pretty_json(out);
    }

private:
    const Dataset& ds_;
    LangMode lang_;
    Diagnostics& diags_;
    Count display_dates_, open_eras_, untranslated_, notes_, sources_, entities_, tags_, importance_, status_,
        lane_descriptions_, era_details_, derived_;

    // ----- texts

    // The languages written of a text, each with its text: bi both (or the one there is);
    // zh or en that one, filled from the other when missing (reported).
    std::vector<std::pair<Lang, const std::string*>> parts(const Text& t, const Origin& o, const std::string& id) {
        std::vector<std::pair<Lang, const std::string*>> out;
        if (lang_ == LangMode::bi) {
            if (!t.zh.empty()) out.push_back({Lang::zh, &t.zh});
            if (!t.en.empty()) out.push_back({Lang::en, &t.en});
            return out;
        }
        const Lang want = lang_ == LangMode::zh ? Lang::zh : Lang::en;
        const Lang other = want == Lang::zh ? Lang::en : Lang::zh;
        const std::string& text = want == Lang::zh ? t.zh : t.en;
        if (!text.empty()) return {{want, &text}};
        if (t.empty()) return out;
        untranslated_.add(o, id);
        return {{other, other == Lang::zh ? &t.zh : &t.en}};
    }

    static const char* tag(Lang l) { return l == Lang::zh ? kZhTag : "en"; }

    // A headline: each language in an element with its lang attribute, so that an import
    // reads it back in that language: <span lang="zh-Hans">中文</span> / <span lang="en">English</span>.
    std::string inline_markup(const Text& t, const Origin& o, const std::string& id) {
        std::string out;
        for (const auto& [lang, text] : parts(t, o, id))
            out += std::string(out.empty() ? "" : " / ") + "<span lang=\"" + tag(lang) + "\">" + escape_html(*text) +
                   "</span>";
        return out;
    }

    // A text: one <p lang="…"> per line; Chinese paragraphs first.
    std::string paragraphs(const Text& t, const Origin& o, const std::string& id) {
        std::string out;
        for (const auto& [lang, text] : parts(t, o, id)) {
            std::size_t start = 0;
            while (start <= text->size()) {
                std::size_t end = text->find('\n', start);
                if (end == std::string::npos) end = text->size();
                const std::string line = text->substr(start, end - start);
                if (!line.empty()) out += std::string("<p lang=\"") + tag(lang) + "\">" + escape_html(line) + "</p>";
                start = end + 1;
            }
        }
        return out;
    }

    // Plain text (groups and display dates, whose markup TimelineJS strips): "中文 / English".
    std::string plain(const Text& t, const Origin& o, const std::string& id) {
        std::string out;
        for (const auto& [lang, text] : parts(t, o, id))
            if (out != *text) out += (out.empty() ? "" : " / ") + *text;
        return out;
    }

    // ----- dates

    // {"year", "month", "day"} of a period's first day (or last, for an end), to the
    // period's precision; half-years and quarters by their months, decades by their years.
    static JsonOut fields(const Period& p, bool end) {
        const date::year_month_day d{end ? p.last : p.first};
        JsonOut o = object();
        o.set("year", std::to_string(static_cast<int>(d.year())));
        if (p.precision == Precision::year || p.precision == Precision::decade) return o;
        o.set("month", std::to_string(static_cast<unsigned>(d.month())));
        if (p.precision == Precision::day) o.set("day", std::to_string(static_cast<unsigned>(d.day())));
        return o;
    }

    static bool exact(const Period& p) {
        return !p.approximate && !p.uncertain &&
               (p.precision == Precision::day || p.precision == Precision::month || p.precision == Precision::year);
    }

    // A display date in both languages with every qualifier of the date ("c. June 2015?"),
    // so that an import reads the same date back.
    static Text display(const When& w) {
        return {i18n::format_when(w, Lang::zh, i18n::DateMarks::lossless),
                i18n::format_when(w, Lang::en, i18n::DateMarks::lossless)};
    }

    // start_date, end_date and, for what the fields cannot say, display_date.
    void dates(const When& w, JsonOut& slide, const Origin& o, const std::string& id, const std::string& shown) {
        const Period& first = w.start ? *w.start : *w.end;
        slide.set("start_date", fields(first, false));
        if (w.interval && w.start && w.end) {
            slide.set("end_date", fields(*w.end, true));
        } else if (!w.interval && !exact(first)) {
            if (first.precision != Precision::day && first.precision != Precision::month &&
                first.precision != Precision::year)
                slide.set("end_date", fields(first, true));
        }
        const bool plain_date = (!w.interval || (w.start && w.end)) && (!w.start || exact(*w.start)) &&
                                (!w.end || exact(*w.end));
        if (!shown.empty()) {
            slide.set("display_date", shown);
        } else if (!plain_date) {
            slide.set("display_date", plain(display(w), o, id));
            display_dates_.add(o, id);
        }
    }

    // A display date an import kept in a note ("Date as shown in the TimelineJS timeline:
    // Spring 1968"), so that it goes back where it came from.
    std::string shown_date(const Event& e) {
        const Text& note = e.note;
        Text shown;
        for (Lang l : {Lang::zh, Lang::en}) {
            const std::string label = i18n::labelled(i18n::Msg::timelinejs_display_date, "", l);
            const std::string& n = l == Lang::zh ? note.zh : note.en;
            if (n.rfind(label, 0) == 0 && n.find('\n') == std::string::npos)
                (l == Lang::zh ? shown.zh : shown.en) = n.substr(label.size());
        }
        if (shown.empty()) return {};
        return plain(shown, e.origin, e.id);
    }

    // ----- records

    JsonOut event(const Event& e) {
        JsonOut s = object();
        const std::string shown = shown_date(e);
        if (!e.note.empty() && shown.empty()) notes_.add(e.origin, e.id);
        dates(e.date.when, s, e.origin, e.id, shown);
        JsonOut text = object();
        text.set("headline", inline_markup(e.title, e.origin, e.id));
        if (!e.text.empty()) text.set("text", paragraphs(e.text, e.origin, e.id));
        s.set("text", text);
        if (const Lane* lane = ds_.lane(e.lane)) {
            s.set("group", plain(lane->label, lane->origin, lane->id));
            if (!lane->description.empty() && described_.insert(lane->id).second)
                lane_descriptions_.add(lane->origin, lane->id);
        }
        s.set("unique_id", e.id);
        if (!e.source.empty()) sources_.add(e.origin, e.id);
        if (!e.entities.empty()) entities_.add(e.origin, e.id);
        if (!e.tags.empty()) tags_.add(e.origin, e.id);
        if (e.importance != 2) importance_.add(e.origin, e.id);
        if (e.status != Status::actual) status_.add(e.origin, e.id);
        if (e.date.when.derived) derived_.add(e.origin, e.id);
        return s;
    }
    std::set<std::string> described_;

    JsonOut era(const Era& e) {
        JsonOut s = object();
        const When& w = e.date.when;
        const Period& first = *w.start;
        const Period& last = *w.end;
        JsonOut start = fields(first, false);
        // An era has no display_date of its own; its start date's carries what the fields
        // cannot say (the 1990s, c. 2019), so that an import reads the era back.
        if (!exact(first) || !exact(last)) {
            start.set("display_date",
                       plain(display(w), e.origin, e.id));
            display_dates_.add(e.origin, e.id);
        }
        s.set("start_date", start);
        s.set("end_date", fields(last, true));
        JsonOut text = object();
        text.set("headline", inline_markup(e.label, e.origin, e.id));
        s.set("text", text);
        if (!e.note.empty() || !e.lane.empty() || !e.source.empty()) era_details_.add(e.origin, e.id);
        if (w.derived) derived_.add(e.origin, e.id);
        return s;
    }

    void warn(const char* code, const Count& c, const std::string& message) {
        if (!c.n) return;
        diags_.warning(code, message, c.first->file, {}, c.first->pointer, c.record);
    }

    static std::string n_of(std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    }

    void report() {
        if (!ds_.figures.empty()) {
            const Figure& f = ds_.figures.front();
            diags_.warning("export-figures-dropped",
                           n_of(ds_.figures.size(), "figure", "figures") +
                               " not exported: a TimelineJS timeline shows events, not figures",
                           f.origin.file, {}, f.origin.pointer, f.id);
        }
        warn("export-display-date", display_dates_,
             n_of(display_dates_.n, "date", "dates") +
                 " that TimelineJS fields cannot hold (half-years, quarters, decades, c. and ?, open ends) written as "
                 "the span they cover, with a display date");
        warn("export-open-era", open_eras_,
             n_of(open_eras_.n, "era", "eras") + " with an open end left out: a TimelineJS era needs both dates");
        warn("export-missing-translation", untranslated_,
             n_of(untranslated_.n, "record has", "records have") + " no text in " +
                 (lang_ == LangMode::zh ? "Chinese: written in English" : "English: written in Chinese"));
        std::string dropped;
        auto add = [&](const Count& c, const char* what) {
            if (c.n) dropped += (dropped.empty() ? "" : ", ") + std::string(what) + " (" + std::to_string(c.n) + ")";
        };
        add(sources_, "sources");
        add(entities_, "entities");
        add(tags_, "tags");
        add(importance_, "importance");
        add(status_, "status");
        add(notes_, "notes");
        add(lane_descriptions_, "lane descriptions");
        add(era_details_, "era notes, lanes and sources");
        add(derived_, "relative dates, written as the dates they resolve to");
        if (!dropped.empty()) {
            const Count* first = nullptr;
            for (const Count* c : {&sources_, &entities_, &tags_, &importance_, &status_, &notes_, &lane_descriptions_,
                                   &era_details_, &derived_})
                if (c->n && !first) first = c;
            diags_.warning("export-fields-dropped",
                           "not exported, TimelineJS has no place for them: " + dropped +
                               " (counts are records; the data set keeps them)",
                           first->first->file, {}, first->first->pointer, first->record);
        }
    }
};

}  // namespace

std::string export_timelinejs(const Dataset& ds, LangMode lang, Diagnostics& diags, ExportSummary* summary) {
    return Exporter(ds, lang, diags).run(summary);
}

}  // namespace timeline::interchange
