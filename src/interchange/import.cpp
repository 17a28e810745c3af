// Slides -> records (docs/timelinejs.md, "Import").
#include <filesystem>
#include <map>
#include <optional>

#include "base/utf8.h"
#include "i18n/format.h"
#include "i18n/messages.h"
#include "interchange/html.h"
#include "interchange/ids.h"
#include "interchange/json_out.h"
#include "interchange/slides.h"
#include "interchange/timelinejs.h"
#include "model/when.h"

namespace timeline::interchange {
namespace {

JsonOut object() { return JsonOut::object(); }

JsonOut text_json(const Text& t) {
    JsonOut o = object();
    if (!t.zh.empty()) o.set("zh", t.zh);
    if (!t.en.empty()) o.set("en", t.en);
    return o;
}

Text catalogue(i18n::Msg id) {
    return {std::string(i18n::message(id, Lang::zh)), std::string(i18n::message(id, Lang::en))};
}

// Lines joined into one: with a space in English, directly in Chinese.
Text one_line(Text t) {
    for (char& c : t.en)
        if (c == '\n') c = ' ';
    std::string zh;
    for (char c : t.zh)
        if (c != '\n') zh += c;
    t.zh = zh;
    return t;
}

// A title taken from a text: its first line, up to the end of its first sentence, at most
// 80 characters (cut at a space in English) with "…".
std::string first_sentence(const std::string& text, Lang lang) {
    std::string line = text.substr(0, text.find('\n'));
    // The sentence's full stop is dropped, "!" and "?" are kept.
    for (std::string_view end : {"。", "！", "？", ". ", "! ", "? "}) {
        const auto at = line.find(end);
        if (at == std::string::npos || at == 0) continue;
        const bool stop = end == "。" || end == ". ";
        line = line.substr(0, at + (stop ? 0 : end.size() == 3 ? 3 : 1));
    }
    if (utf8::length(line) <= 80) return line;
    std::string cut;
    std::size_t i = 0;
    for (std::size_t n = 0; n < 79 && i < line.size(); ++n) utf8::decode(line, i);
    cut = line.substr(0, i);
    if (lang == Lang::en) {
        const auto space = cut.rfind(' ');
        if (space != std::string::npos && space > 20) cut = cut.substr(0, space);
    }
    return cut + "…";
}

// Occurrences of something worth one warning: the count, the first place, an example.
struct Tally {
    std::size_t n = 0;
    std::optional<Loc> first;
    std::string example;
    void add(const Loc& where, const std::string& what = {}) {
        if (n++ == 0) {
            first = where;
            example = what;
        }
    }
};

struct Ymd {
    int year = 0;
    int month = 0;  // 0: not given
    int day = 0;
    bool operator==(const Ymd&) const = default;
};

// An integer as TimelineJS reads one ("-500", "+12"); a number too long for a long is
// clamped to ±1e15, which every range check rejects.
std::optional<long long> integer(const std::string& s) {
    const std::size_t k = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (k == s.size()) return std::nullopt;
    long long v = 0;
    for (std::size_t i = k; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v < 100'000'000'000'000LL ? v * 10 + (s[i] - '0') : 1'000'000'000'000'000LL;
    }
    return s[0] == '-' ? -v : v;
}

std::string iso(const Ymd& d) {
    char buf[16];
    if (d.day) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    else if (d.month) std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    else std::snprintf(buf, sizeof buf, "%04d", d.year);
    return buf;
}

// The dates TimelineJS fields can stand for, for recognising a display date that says
// exactly one of them (an export of "2019-Q3" is July–September with the display date
// "Q3 2019"): the date itself, its open-ended forms, the quarter, half, year or decade an
// interval covers exactly, each also approximate and/or uncertain.
std::vector<When> readings(const When& w) {
    std::vector<When> base{w};
    if (!w.interval && w.start) {
        base.push_back(When{w.start, std::nullopt, true, false});
        base.push_back(When{std::nullopt, w.start, true, false});
    } else if (w.start && w.end) {
        for (Precision p : {Precision::quarter, Precision::half, Precision::year, Precision::decade}) {
            const Period a = Period::containing(w.start->first, p);
            const Period b = Period::containing(w.end->last, p);
            if (a.first != w.start->first || b.last != w.end->last) continue;
            base.push_back(a == b ? When::single(a) : When{a, b, true, false});
        }
    }
    std::vector<When> out;
    for (const When& b : base) {
        for (int q = 0; q < 4; ++q) {
            When c = b;
            for (auto* p : {&c.start, &c.end}) {
                if (!*p) continue;
                (*p)->approximate = q & 1;
                (*p)->uncertain = q & 2;
            }
            out.push_back(c);
        }
    }
    return out;
}

bool says(const std::string& display, const When& w) {
    const std::string zh = i18n::format_when(w, Lang::zh, i18n::DateMarks::lossless);
    const std::string en = i18n::format_when(w, Lang::en, i18n::DateMarks::lossless);
    return display == zh || display == en || display == zh + " / " + en || display == en + " / " + zh;
}

// All the text of a stripped string, languages joined (for display dates and groups,
// whose markup TimelineJS strips).
std::string joined(const PlainText& p) {
    std::string out = p.unmarked;
    for (const std::string* s : {&p.zh, &p.en})
        if (!s->empty()) out += (out.empty() ? "" : " / ") + *s;
    return out;
}

class Mapper {
public:
    Mapper(const Timeline& t, const std::string& file, bool rows, const ImportOptions& o, Losses& losses,
           Diagnostics& diags)
        : t_(t), file_(file), rows_(rows), o_(o), losses_(losses), diags_(diags), ids_(o.taken_ids) {}

    ImportResult run() {
        ImportResult r;
        r.summary.slides = t_.events.size() + t_.eras.size() + (t_.title ? 1 : 0) + t_.more_titles.size();
        r.summary.rows = rows_;
        events_ = t_.events;
        eras_ = t_.eras;
        // Dates and titles first: a slide that cannot be imported makes no lane or id.
        for (Slide& s : events_) prepare(s);
        for (Slide& s : eras_) prepare(s);
        // Ids written in the file keep their spelling when they can.
        for (std::size_t k = 0; k < events_.size(); ++k)
            if (!events_[k].bad && valid_id(events_[k].unique_id.value) && !ids_.taken(events_[k].unique_id.value))
                event_ids_[k] = ids_.allocate(events_[k].unique_id.value);

        for (const Slide& s : events_) {
            if (s.bad) continue;
            const Text& t = title_[&s];
            if (t.zh.empty() != t.en.empty()) languages_.push_back(t.zh.empty() ? "en" : "zh");
        }
        translations();

        JsonOut out = object();
        if (std::optional<JsonOut> info = dataset()) out.set("dataset", std::move(*info));
        // Lane ids are the ones people type (list --lane), so they come before the source's.
        JsonOut lanes = this->lanes();
        if (lanes.size()) out.set("lanes", lanes);
        source_ = o_.source.empty() ? ids_.allocate(source_base()) : o_.source;
        if (o_.source.empty()) {
            JsonOut sources = JsonOut::array();
            sources.add(source());
            out.set("sources", sources);
            r.summary.source_created = true;
        }
        JsonOut eras = JsonOut::array();
        for (std::size_t k = 0; k < eras_.size(); ++k)
            if (!eras_[k].bad) eras.add(era(eras_[k], k));
        if (eras.size()) out.set("eras", eras);
        JsonOut events = JsonOut::array();
        for (std::size_t k = 0; k < events_.size(); ++k)
            if (!events_[k].bad) events.add(event(events_[k], k));
        out.set("events", events);
        report();

        r.summary.events = events.size();
        r.summary.eras = eras.size();
        r.summary.lanes = lanes.size();
        r.summary.title = title_read_;
        for (const auto* list : {&events_, &eras_})
            for (const Slide& s : *list) r.summary.skipped += s.bad;
        if (t_.title && !r.summary.title) ++r.summary.skipped;
        r.summary.skipped += skipped_titles_;
        r.json = pretty_json(out);
        return r;
    }

private:
    const Timeline& t_;
    const std::string& file_;
    bool rows_;  // a sheet: "row" and the column names in messages
    const ImportOptions& o_;
    Losses& losses_;
    Diagnostics& diags_;
    IdAllocator ids_;
    std::vector<Slide> events_;
    std::vector<Slide> eras_;
    // Per slide, filled by prepare():
    std::map<const Slide*, When> when_;
    std::map<const Slide*, Text> title_;
    std::map<const Slide*, Text> body_;
    std::map<const Slide*, Text> note_;
    std::map<std::size_t, std::string> event_ids_;
    std::map<std::string, std::string> lane_of_group_;
    std::string default_lane_;
    std::string source_;
    std::vector<std::string> languages_;  // of every title imported, "zh" or "en"
    Slide* slide_ = nullptr;
    Tally display_dates_, fallback_titles_, changed_ids_;

    void error(const char* code, const std::string& message, const Loc& where) {
        diags_.error(code, message, file_, where.pos, where.pointer);
        if (slide_) slide_->bad = true;
    }

    const char* noun() const { return rows_ ? "row" : "slide"; }

    // ----- texts

    Text text_of(const PlainText& p) const {
        if (p.zh.empty() && p.en.empty()) return to_text(p.unmarked, o_.lang);
        Text t{p.zh, p.en};
        if (has_letters(p.unmarked)) {
            const Text u = to_text(p.unmarked, o_.lang);
            if (!u.zh.empty()) t.zh += (t.zh.empty() ? "" : "\n") + u.zh;
            if (!u.en.empty()) t.en += (t.en.empty() ? "" : "\n") + u.en;
        }
        return t;
    }

    PlainText html(const Slide& s, const Field& f) {
        PlainText p = strip_html(f.value);
        if (p.links) losses_.add(Loss::links, s.loc, f.loc);
        if (p.media) losses_.add(Loss::media, s.loc, f.loc);
        return p;
    }

    // ----- dates

    // The year, month and day of one TimelineJS date; false after reporting a problem.
    bool ymd(const DateFields& d, const char* which, Ymd& out) {
        const std::string w = which;
        if (!d.year.present()) {
            const Field& given = d.month.present() ? d.month : d.day.present() ? d.day : d.time;
            error("import-date-invalid", w + " has a " + (d.month.present() ? "month" : d.day.present() ? "day" : "time") +
                                             " but no year",
                  given.loc);
            return false;
        }
        const auto year = integer(d.year.value);
        if (!year) {
            error("import-date-invalid", w + ": year \"" + d.year.value + "\" is not a number", d.year.loc);
            return false;
        }
        if (*year < min_year || *year > max_year) {
            error("import-year-out-of-range",
                  w + ": year " + std::to_string(*year) +
                      " is outside 0001–9999: years before the common era and beyond 9999 cannot be imported",
                  d.year.loc);
            return false;
        }
        out.year = static_cast<int>(*year);
        if (d.month.present()) {
            const auto month = integer(d.month.value);
            if (!month) {
                error("import-date-invalid", w + ": month \"" + d.month.value + "\" is not a number (write 1–12)",
                      d.month.loc);
                return false;
            }
            if (*month < 1 || *month > 12) {
                error("import-date-invalid", w + ": month " + std::to_string(*month) + " does not exist (write 1–12)",
                      d.month.loc);
                return false;
            }
            out.month = static_cast<int>(*month);
        }
        if (d.day.present()) {
            const auto day = integer(d.day.value);
            if (!out.month) {
                error("import-date-invalid", w + ": day " + d.day.value + " is given without a month", d.day.loc);
                return false;
            }
            if (!day) {
                error("import-date-invalid", w + ": day \"" + d.day.value + "\" is not a number", d.day.loc);
                return false;
            }
            if (*day < 1 || *day > 31) {
                error("import-date-invalid", w + ": day " + std::to_string(*day) + " does not exist", d.day.loc);
                return false;
            }
            out.day = static_cast<int>(*day);
            std::string why;
            if (!parse_when(iso(out), why)) {  // 30 February, 31 April
                error("import-date-invalid", w + ": " + why, d.day.loc);
                return false;
            }
        }
        return true;
    }

    std::optional<When> when(Slide& s) {
        if (!s.start.given || s.start.empty()) {
            error("import-date-missing",
                  std::string(noun()) + " has no start date" +
                      (rows_ ? " (\"Year\" is empty)" : " (\"start_date\" with a year)"),
                  rows_ ? s.start.year.loc : s.start.given ? s.start.loc : s.loc);
            return std::nullopt;
        }
        Ymd start;
        if (!ymd(s.start, "start date", start)) return std::nullopt;
        std::string text = iso(start);
        const bool has_end = s.end.given && !s.end.empty();
        if (s.kind == SlideKind::era && !has_end) {
            error("import-era-no-end", "era has no end date: TimelineJS shades an era from its start to its end date",
                  s.loc);
            return std::nullopt;
        }
        if (has_end) {
            Ymd end;
            if (!ymd(s.end, "end date", end)) return std::nullopt;
            if (!(end == start)) text += "/" + iso(end);  // an end equal to the start adds nothing
        }
        std::string why;
        auto w = parse_when(text, why);
        if (!w) {
            error("import-date-invalid", "end date: " + why, s.end.year.loc);
            return std::nullopt;
        }
        for (const DateFields* d : {&s.start, &s.end})
            if (d->time.present()) losses_.add(Loss::time, s.loc, d->time.loc);
        return w;
    }

    // A display date: a date of the data set when it says exactly that, else a note.
    void display_date(const Slide& s, When& w, Text& note) {
        const Field* f = s.display_date.present()         ? &s.display_date
                         : s.start.display_date.present() ? &s.start.display_date
                                                          : &s.end.display_date;
        if (!f->present()) return;
        const std::string display = joined(strip_html(f->value));
        if (display.empty()) return;
        for (const When& r : readings(w)) {
            if (says(display, r)) {
                w = r;
                return;
            }
        }
        const Text d = to_text(display, o_.lang);
        if (!d.zh.empty()) note.zh = i18n::labelled(i18n::Msg::timelinejs_display_date, d.zh, Lang::zh);
        if (!d.en.empty()) note.en = i18n::labelled(i18n::Msg::timelinejs_display_date, d.en, Lang::en);
        display_dates_.add(f->loc, display);
    }

    // Dates and texts of one slide, or errors that leave it out.
    void prepare(Slide& s) {
        slide_ = &s;
        const bool unreadable = s.bad;  // a value of the wrong type: its text is unknown
        if (!s.bad) {
            if (auto w = when(s)) {
                Text note;
                display_date(s, *w, note);
                when_[&s] = *w;
                note_[&s] = note;
            }
        }
        const PlainText head = html(s, s.headline);
        const PlainText body = html(s, s.text);
        Text title = text_of(head);
        const Text text = text_of(body);
        if (title.empty()) {
            const Text from = !text.empty() ? text : text_of(strip_html(s.caption.value));
            if (!from.zh.empty()) title.zh = first_sentence(from.zh, Lang::zh);
            if (!from.en.empty()) title.en = first_sentence(from.en, Lang::en);
            if (title.empty() && s.kind == SlideKind::era && when_.count(&s)) {
                title = {i18n::format_when(when_[&s], Lang::zh), i18n::format_when(when_[&s], Lang::en)};
            }
            if (title.empty() && !unreadable)
                error("import-untitled",
                      std::string(noun()) + " has no headline, text or media caption: an event needs a title", s.loc);
            else if (!title.empty())
                fallback_titles_.add(s.headline.loc.pos.known() ? s.headline.loc : s.loc);
        }
        title_[&s] = title;
        body_[&s] = text;
        slide_ = nullptr;
    }

    // ----- records

    // The data set's title, or nothing when there is none to give.
    std::optional<JsonOut> dataset() {
        JsonOut o = object();
        if (t_.title) {
            Slide s = *t_.title;
            slide_ = &s;
            Text title, subtitle;
            const bool ok = title_texts(s, title, subtitle);
            slide_ = nullptr;
            more_titles(ok, title, subtitle);
            if (!ok) return std::nullopt;
            title_read_ = true;
            title_slide_title_ = title;
            o.set("title", text_json(title));
            if (!subtitle.empty() && !(subtitle.zh == title.zh && subtitle.en == title.en))
                o.set("subtitle", text_json(subtitle));
            if (o_.titled_by.empty()) return o;
            diags_.warning("import-title-kept",
                           "the data set already has a title (in " + o_.titled_by + "): the title " + noun() +
                               (o_.source.empty() ? " titles only the source created" : " is not used"),
                           file_, s.loc.pos, s.loc.pointer);
            return std::nullopt;
        }
        if (!o_.titled_by.empty()) return std::nullopt;
        const std::string stem = std::filesystem::path(file_).stem().string();
        const std::string name = o_.source_title.empty() ? stem : o_.source_title;
        o.set("title", text_json(one_line(to_text(name, o_.lang))));
        if (o_.source_title.empty())
            diags_.warning("import-no-title",
                           "the timeline has no title slide: the data set is titled \"" + stem +
                               "\" after the file; name it with --source-title",
                           file_, SourcePos{1, 1});
        return o;
    }

    // The title and subtitle of a title slide; false after an error when it has no text.
    bool title_texts(Slide& s, Text& title, Text& subtitle) {
        const PlainText head = html(s, s.headline);
        const PlainText body = html(s, s.text);
        title = one_line(text_of(head));
        subtitle = one_line(text_of(body));
        if (title.empty()) {
            if (!subtitle.zh.empty()) title.zh = first_sentence(subtitle.zh, Lang::zh);
            if (!subtitle.en.empty()) title.en = first_sentence(subtitle.en, Lang::en);
            if (title.empty()) {
                error("import-untitled", std::string("the title ") + noun() + " has no headline or text", s.loc);
                return false;
            }
            fallback_titles_.add(s.loc);
        }
        if (s.start.given && !s.start.empty()) losses_.add(Loss::title_date, s.loc, s.start.loc);
        return true;
    }

    // Further title rows without a date: a sheet kept in two languages gives its title once
    // per language, so a row in the language the title lacks completes it.
    void more_titles(bool ok, Text& title, Text& subtitle) {
        for (const Slide& row : t_.more_titles) {
            Slide s = row;
            slide_ = &s;
            Text t, sub;
            if (title_texts(s, t, sub)) {
                const bool completes = ok && ((title.zh.empty() && t.en.empty()) || (title.en.empty() && t.zh.empty()));
                if (completes) {
                    for (auto [into, from] : {std::pair{&title, &t}, std::pair{&subtitle, &sub}}) {
                        if (into->zh.empty()) into->zh = from->zh;
                        if (into->en.empty()) into->en = from->en;
                    }
                } else {
                    error("import-title-repeated",
                          "a second title row without a date, not the title in its other language: not imported (a "
                          "data set has one title; give the row a Year to make it an event)",
                          s.loc);
                }
            }
            if (s.bad) ++skipped_titles_;
            slide_ = nullptr;
        }
    }
    std::size_t skipped_titles_ = 0;
    bool title_read_ = false;

    Text title_slide_title_;

    std::string source_base() const {
        std::string base = slugify(std::filesystem::path(file_).stem().string());
        return base.empty() ? "timelinejs" : base;
    }

    JsonOut source() {
        JsonOut o = object();
        o.set("id", source_);
        o.set("publisher", text_json(o_.source_publisher.empty() ? catalogue(i18n::Msg::timelinejs_timeline)
                                                                   : to_text(o_.source_publisher, o_.lang)));
        Text title = !o_.source_title.empty()        ? to_text(o_.source_title, o_.lang)
                     : !title_slide_title_.empty() ? title_slide_title_
                                                   : to_text(std::filesystem::path(file_).stem().string(), o_.lang);
        o.set("title", text_json(one_line(title)));
        bool zh = false, en = false;
        for (const auto& l : languages_) (l == "zh" ? zh : en) = true;
        if (zh != en) o.set("language", zh ? "zh" : "en");
        return o;
    }

    // A slug with a letter in it, else "" (a slug of digits alone reads as a number).
    static std::string word_slug(const Text& t, std::size_t max_length = 60) {
        for (const std::string* s : {&t.en, &t.zh}) {
            const std::string slug = slugify(*s, max_length);
            for (char c : slug)
                if (c >= 'a' && c <= 'z') return slug;
        }
        return {};
    }

    // Groups become lanes in the order they first appear. A group named like a lane of the
    // data set joins it; groups that share a name in one language ("产业 / Industry" and
    // "Industry") are one lane; groups named in one language each stay apart (reported).
    JsonOut lanes() {
        struct NewLane {
            std::string id;
            Text label;
            Loc loc;
        };
        std::vector<NewLane> created;
        bool ungrouped = false;
        for (const Slide& s : events_) {
            if (s.bad) continue;
            const std::string key = joined(strip_html(s.group.value));
            if (key.empty()) {
                ungrouped = true;
                continue;
            }
            if (lane_of_group_.count(key)) continue;
            const Text label = one_line(text_of(strip_html(s.group.value)));
            auto same = [&label](const Text& other) {
                return (!label.zh.empty() && label.zh == other.zh) || (!label.en.empty() && label.en == other.en);
            };
            std::string id;
            for (const Lane& l : o_.lanes)
                if (id.empty() && same(l.label)) id = l.id;
            for (NewLane& l : created) {
                if (!id.empty() || !same(l.label)) continue;
                id = l.id;
                if (l.label.zh.empty()) l.label.zh = label.zh;
                if (l.label.en.empty()) l.label.en = label.en;
            }
            if (id.empty()) {
                std::string base = word_slug(label);
                if (base.empty()) base = "lane-" + std::to_string(created.size() + 1);
                id = ids_.allocate(base);
                created.push_back({id, label, s.group.loc});
            }
            lane_of_group_[key] = id;
        }
        if (ungrouped) {
            const bool all = lane_of_group_.empty();
            const Text label = catalogue(all ? i18n::Msg::lane_events : i18n::Msg::lane_other_events);
            for (const Lane& l : o_.lanes)
                if (default_lane_.empty() && l.label.zh == label.zh && l.label.en == label.en) default_lane_ = l.id;
            if (default_lane_.empty()) {
                default_lane_ = ids_.allocate(all ? "events" : "other-events");
                created.push_back({default_lane_, label, {}});
            }
        }

        std::string zh_only, en_only;
        std::optional<std::size_t> first_zh, first_en;  // in `created`
        for (std::size_t k = 0; k < created.size(); ++k) {
            const NewLane& l = created[k];
            if (l.label.en.empty()) {
                zh_only += (zh_only.empty() ? "" : ", ") + l.label.zh;
                if (!first_zh) first_zh = k;
            }
            if (l.label.zh.empty()) {
                en_only += (en_only.empty() ? "" : ", ") + l.label.en;
                if (!first_en) first_en = k;
            }
        }
        if (first_zh && first_en) {
            // At the first group in the language that appeared second.
            const Loc& at = created[std::max(*first_zh, *first_en)].loc;
            diags_.warning("import-lane-languages",
                           "groups are named in Chinese (" + zh_only + ") and in English (" + en_only +
                               "): each became a lane of its own; if two name the same lane, give both groups one "
                               "name in both languages, such as \"" + created[*first_zh].label.zh + " / " +
                               created[*first_en].label.en + "\"",
                           file_, at.pos, at.pointer);
        }
        JsonOut out = JsonOut::array();
        for (const NewLane& l : created) {
            JsonOut lane = object();
            lane.set("id", l.id);
            lane.set("label", text_json(l.label));
            out.add(lane);
        }
        return out;
    }

    JsonOut era(Slide& s, std::size_t index) {
        const Text& label = title_[&s];
        std::string base = word_slug(label);
        if (base.empty()) base = "era-" + std::to_string(index + 1);
        JsonOut o = object();
        o.set("id", ids_.allocate(base));
        o.set("label", text_json(one_line(label)));
        o.set("date", when_[&s].iso());
        o.set("source", source_);
        Text note = body_[&s];
        const Text& shown = note_[&s];
        if (!shown.zh.empty()) note.zh += (note.zh.empty() ? "" : "\n") + shown.zh;
        if (!shown.en.empty()) note.en += (note.en.empty() ? "" : "\n") + shown.en;
        if (!note.empty()) o.set("note", text_json(note));
        return o;
    }

    JsonOut event(Slide& s, std::size_t index) {
        const Text& title = title_[&s];
        std::string id;
        if (const auto kept = event_ids_.find(index); kept != event_ids_.end()) {
            id = kept->second;
        } else {
            std::string base = s.unique_id.present() ? slugify(s.unique_id.value, 80) : std::string();
            if (base.empty()) base = word_slug(title);
            if (base.empty()) base = "event-" + std::to_string(index + 1);
            id = ids_.allocate(base);
            if (s.unique_id.present()) changed_ids_.add(s.unique_id.loc, "\"" + s.unique_id.value + "\" → " + id);
        }
        const std::string group = joined(strip_html(s.group.value));
        JsonOut o = object();
        o.set("id", id);
        o.set("date", when_[&s].iso());
        o.set("lane", group.empty() ? default_lane_ : lane_of_group_[group]);
        o.set("title", text_json(one_line(title)));
        if (!body_[&s].empty()) o.set("text", text_json(body_[&s]));
        o.set("source", source_);
        if (!note_[&s].empty()) o.set("note", text_json(note_[&s]));
        return o;
    }

    // A sheet kept in two languages often has each event twice, one row per language. They
    // stay two events (no program can tell a translation from another event of the same
    // day); the dates where this may be so are reported once.
    void translations() {
        struct Pair {
            const Slide* zh = nullptr;  // the first event of the date titled only in Chinese
            const Slide* en = nullptr;  // … only in English
        };
        std::map<std::string, Pair> by_date;
        for (const Slide& s : events_) {
            if (s.bad) continue;
            const Text& t = title_[&s];
            if (t.zh.empty() == t.en.empty()) continue;
            Pair& p = by_date[when_[&s].iso()];
            const Slide*& slot = t.en.empty() ? p.zh : p.en;
            if (!slot) slot = &s;
        }
        std::size_t dates = 0;
        const Pair* first = nullptr;
        for (const auto& [date, p] : by_date) {
            if (!p.zh || !p.en) continue;
            ++dates;
            if (!first || p.zh < first->zh) first = &p;  // slides are in file order
        }
        if (!dates) return;
        const Slide* at = std::max(first->zh, first->en);
        diags_.warning("import-possible-translation",
                       std::to_string(dates) + (dates == 1 ? " date has" : " dates have") +
                           " an event titled only in Chinese and one titled only in English (first: " +
                           when_[first->zh].iso() + " \"" + title_[first->zh].zh + "\" and \"" + title_[first->en].en +
                           "\"): they stay two events; if they are one, give it one " + noun() + " titled \"" +
                           title_[first->zh].zh + " / " + title_[first->en].en + "\"",
                       file_, at->loc.pos, at->loc.pointer);
    }

    void report() {
        const std::string unit = rows_ ? "rows" : "slides";
        auto counted = [&](std::size_t n) { return std::to_string(n) + " " + (n == 1 ? unit.substr(0, unit.size() - 1) : unit); };
        if (display_dates_.n)
            diags_.warning("import-display-date",
                           "display dates of " + counted(display_dates_.n) + " kept in the notes (first: \"" +
                               display_dates_.example + "\"): a brief shows the dates of the date fields",
                           file_, display_dates_.first->pos, display_dates_.first->pointer);
        if (fallback_titles_.n)
            diags_.warning("import-headline-fallback",
                           counted(fallback_titles_.n) +
                               " without a headline: titled with the first sentence of the text (or the media "
                               "caption; for an era, its dates)",
                           file_, fallback_titles_.first->pos, fallback_titles_.first->pointer);
        if (changed_ids_.n)
            diags_.warning("import-id-changed",
                           std::to_string(changed_ids_.n) + " unique_id " + (changed_ids_.n == 1 ? "value" : "values") +
                               " changed to valid, unique record ids (first: " + changed_ids_.example + ")",
                           file_, changed_ids_.first->pos, changed_ids_.first->pointer);
    }
};

}  // namespace

TimelineFormat sniff_format(const std::string& text) {
    std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    return i < text.size() && text[i] == '{' ? TimelineFormat::json : TimelineFormat::sheet;
}

std::optional<ImportResult> import_timelinejs(const std::string& text, const std::string& file,
                                              const ImportOptions& options, Diagnostics& diags) {
    Losses losses;
    const bool sheet = sniff_format(text) == TimelineFormat::sheet;
    const auto timeline = sheet ? read_timeline_sheet(text, file, losses, diags)
                                : read_timeline_json(text, file, losses, diags);
    if (!timeline) return std::nullopt;
    ImportResult result = Mapper(*timeline, file, sheet, options, losses, diags).run();
    losses.report(file, sheet ? "rows" : "slides", diags);
    return result;
}

}  // namespace timeline::interchange
