#include "cli/list.h"

#include <algorithm>
#include <ostream>

#include "base/json_text.h"
#include "base/utf8.h"

namespace timeline::cli {
namespace {

std::string day_text(const std::optional<date::sys_days>& d) {
    if (!d) return "null";
    return json_quote(date::format("%F", *d));
}

std::string text_json(const Text& t) {
    std::string s = "{";
    bool first = true;
    if (!t.zh.empty()) {
        s += "\"zh\":" + json_quote(t.zh);
        first = false;
    }
    if (!t.en.empty()) s += std::string(first ? "" : ",") + "\"en\":" + json_quote(t.en);
    return s + "}";
}

std::string strings_json(const std::vector<std::string>& v) {
    std::string s = "[";
    for (std::size_t k = 0; k < v.size(); ++k) s += (k ? "," : "") + json_quote(v[k]);
    return s + "]";
}

std::string bool_json(bool b) { return b ? "true" : "false"; }

}  // namespace

std::string date_json(const DateField& f) {
    std::string s = "{\"written\":" + json_quote(f.written);
    if (!f.resolved) return s + ",\"resolved\":false}";
    const When& w = f.when;
    s += ",\"canonical\":" + json_quote(w.iso());
    s += ",\"start\":" + day_text(w.first_day());
    s += ",\"end\":" + day_text(w.last_day());
    s += ",\"precision\":" + json_quote(precision_name(w.precision()));
    if (w.interval && w.end && w.start) s += ",\"end_precision\":" + json_quote(precision_name(w.end->precision));
    s += ",\"approximate\":" + bool_json(w.approximate());
    s += ",\"uncertain\":" + bool_json(w.uncertain());
    s += ",\"interval\":" + bool_json(w.interval);
    s += ",\"open_start\":" + bool_json(w.interval && !w.start);
    s += ",\"open_end\":" + bool_json(w.interval && !w.end);
    s += ",\"derived\":" + bool_json(w.derived);
    return s + "}";
}

namespace {

template <typename T>
std::vector<const T*> dated(const std::vector<T>& records, const ListFilter& filter) {
    std::vector<const T*> out;
    for (const auto& r : records)
        if (within(r.date, filter.from, filter.to)) out.push_back(&r);
    std::stable_sort(out.begin(), out.end(), [](const T* a, const T* b) { return compare(a->date.when, b->date.when) < 0; });
    return out;
}

// Both languages of a text for a terminal line: "zh | en", or the one there is.
std::string both(const Text& t) {
    if (t.zh.empty()) return t.en;
    if (t.en.empty()) return t.zh;
    return t.zh + " | " + t.en;
}

// Left-aligned columns; widths count code points (the last column is not padded).
void print_rows(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& r : rows)
        for (std::size_t c = 0; c + 1 < r.size(); ++c) {
            if (width.size() <= c) width.resize(c + 1, 0);
            width[c] = std::max(width[c], utf8::length(r[c]));
        }
    for (const auto& r : rows) {
        for (std::size_t c = 0; c < r.size(); ++c) {
            out << r[c];
            if (c + 1 < r.size()) out << std::string(width[c] - utf8::length(r[c]) + 2, ' ');
        }
        out << '\n';
    }
}

std::string value_text(const Figure& f) {
    std::string s = f.value.canonical();
    if (f.qualifier != Qualifier::exact) s = std::string(qualifier_name(f.qualifier)) + " " + s;
    return s;
}

}  // namespace

void list_events(std::ostream& out, const Dataset& ds, const ListFilter& filter, ListFormat format) {
    std::vector<const Event*> events = dated(ds.events, filter);
    if (!filter.lane.empty())
        events.erase(std::remove_if(events.begin(), events.end(), [&](const Event* e) { return e->lane != filter.lane; }),
                     events.end());
    if (format == ListFormat::json) {
        out << "[";
        for (std::size_t k = 0; k < events.size(); ++k) {
            const Event& e = *events[k];
            out << (k ? ",\n " : "\n ") << "{\"id\":" << json_quote(e.id) << ",\"date\":" << date_json(e.date)
                << ",\"lane\":" << json_quote(e.lane) << ",\"title\":" << text_json(e.title);
            if (!e.text.empty()) out << ",\"text\":" << text_json(e.text);
            out << ",\"entities\":" << strings_json(e.entities) << ",\"source\":" << json_quote(e.source)
                << ",\"tags\":" << strings_json(e.tags) << ",\"importance\":" << e.importance
                << ",\"status\":" << json_quote(status_name(e.status));
            if (!e.internal_note.empty()) out << ",\"internal_note\":" << json_quote(e.internal_note);
            out << "}";
        }
        out << (events.empty() ? "]\n" : "\n]\n");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const Event* e : events) rows.push_back({e->date.when.iso(), e->lane, e->id, both(e->title)});
    print_rows(out, rows);
}

void list_figures(std::ostream& out, const Dataset& ds, const ListFilter& filter, ListFormat format) {
    const std::vector<const Figure*> figures = dated(ds.figures, filter);
    if (format == ListFormat::json) {
        out << "[";
        for (std::size_t k = 0; k < figures.size(); ++k) {
            const Figure& f = *figures[k];
            out << (k ? ",\n " : "\n ") << "{\"id\":" << json_quote(f.id) << ",\"metric\":" << json_quote(f.metric)
                << ",\"date\":" << date_json(f.date) << ",\"value\":";
            switch (f.value.kind) {
                case Value::Kind::number: out << f.value.canonical(); break;
                case Value::Kind::range:
                    out << "{\"min\":" << Value::of(f.value.min).canonical()
                        << ",\"max\":" << Value::of(f.value.max).canonical() << "}";
                    break;
                case Value::Kind::fraction:
                    out << "{\"numerator\":" << f.value.numerator << ",\"denominator\":" << f.value.denominator << "}";
                    break;
            }
            out << ",\"unit\":" << json_quote(f.unit) << ",\"qualifier\":" << json_quote(qualifier_name(f.qualifier))
                << ",\"status\":" << json_quote(status_name(f.status)) << ",\"subject\":" << json_quote(f.subject)
                << ",\"source\":" << json_quote(f.source);
            if (!f.note.empty()) out << ",\"note\":" << text_json(f.note);
            if (!f.internal_note.empty()) out << ",\"internal_note\":" << json_quote(f.internal_note);
            out << "}";
        }
        out << (figures.empty() ? "]\n" : "\n]\n");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const Figure* f : figures)
        rows.push_back({f->date.when.iso(), f->metric, f->id, value_text(*f) + " " + f->unit, status_name(f->status)});
    print_rows(out, rows);
}

void list_sources(std::ostream& out, const Dataset& ds, ListFormat format) {
    if (format == ListFormat::json) {
        out << "[";
        for (std::size_t k = 0; k < ds.sources.size(); ++k) {
            const Source& s = ds.sources[k];
            out << (k ? ",\n " : "\n ") << "{\"id\":" << json_quote(s.id) << ",\"publisher\":" << text_json(s.publisher)
                << ",\"title\":" << text_json(s.title);
            if (s.published) out << ",\"published\":" << date_json(*s.published);
            if (!s.url.empty()) out << ",\"url\":" << json_quote(s.url);
            if (!s.author.empty()) out << ",\"author\":" << text_json(s.author);
            if (!s.internal_note.empty()) out << ",\"internal_note\":" << json_quote(s.internal_note);
            out << "}";
        }
        out << (ds.sources.empty() ? "]\n" : "\n]\n");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : ds.sources)
        rows.push_back({s.id, s.published && s.published->resolved ? s.published->when.iso() : "-", both(s.publisher),
                        both(s.title)});
    print_rows(out, rows);
}

void list_entities(std::ostream& out, const Dataset& ds, ListFormat format) {
    if (format == ListFormat::json) {
        out << "[";
        for (std::size_t k = 0; k < ds.entities.size(); ++k) {
            const Entity& e = ds.entities[k];
            out << (k ? ",\n " : "\n ") << "{\"id\":" << json_quote(e.id) << ",\"kind\":"
                << json_quote(entity_kind_name(e.kind)) << ",\"name\":" << text_json(e.name)
                << ",\"aliases\":" << strings_json(e.aliases);
            if (!e.internal_note.empty()) out << ",\"internal_note\":" << json_quote(e.internal_note);
            out << "}";
        }
        out << (ds.entities.empty() ? "]\n" : "\n]\n");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : ds.entities) {
        std::string aliases;
        for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : "; ") + a;
        rows.push_back({e.id, entity_kind_name(e.kind), both(e.name), aliases});
    }
    print_rows(out, rows);
}

}  // namespace timeline::cli
