#include "report/placeholders.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "base/suggest.h"
#include "i18n/format.h"
#include "stats/stats.h"

namespace timeline::report {
namespace {

const Figure* find_figure(const Dataset& ds, const std::string& id) {
    const auto it = std::find_if(ds.figures.begin(), ds.figures.end(), [&](const Figure& f) { return f.id == id; });
    return it == ds.figures.end() ? nullptr : &*it;
}

// True when `text` ends with the word `word` and a space ("… opened in ").
bool ends_with_word(const std::string& text, std::string_view word) {
    const std::string tail = std::string(" ") + std::string(word) + " ";
    if (text.size() + 1 < tail.size()) return false;
    const std::string padded = " " + text;
    if (padded.compare(padded.size() - tail.size(), tail.size(), tail) == 0) return true;
    // Capitalised at the start of a sentence: "In {{date:X}}".
    std::string cap = tail;
    cap[1] = static_cast<char>(cap[1] - 'a' + 'A');
    return padded.compare(padded.size() - cap.size(), cap.size(), cap) == 0;
}

std::string in(const Text& t, Lang lang) {
    const std::string& s = lang == Lang::zh ? t.zh : t.en;
    return s.empty() ? (lang == Lang::zh ? t.en : t.zh) : s;
}

class Expander {
public:
    Expander(Lang lang, const std::string& pointer, const PlaceholderContext& ctx, Diagnostics& diags)
        : lang_(lang), pointer_(pointer), ctx_(ctx), diags_(diags) {}

    std::string run(const std::string& text) {
        std::string out;
        std::size_t pos = 0;
        for (;;) {
            const std::size_t open = text.find("{{", pos);
            if (open == std::string::npos) break;
            const std::size_t close = text.find("}}", open + 2);
            if (close == std::string::npos) {
                error(open, "placeholder-unclosed", "placeholder \"{{\" is not closed with \"}}\"");
                break;
            }
            out.append(text, pos, open - pos);
            const std::string body = text.substr(open + 2, close - open - 2);
            offset_ = open;
            if (auto value = expand(body, out)) out += *value;
            else out.append(text, open, close + 2 - open);
            pos = close + 2;
        }
        out.append(text, pos, std::string::npos);
        return out;
    }

private:
    Lang lang_;
    const std::string& pointer_;
    const PlaceholderContext& ctx_;
    Diagnostics& diags_;
    std::size_t offset_ = 0;

    void error(std::size_t offset, const char* code, const std::string& message) {
        diags_.error(code, message, ctx_.file, ctx_.source.position_in_string(pointer_, offset), pointer_);
    }

    std::nullopt_t fail(const std::string& message) {
        error(offset_, "placeholder-unknown", message);
        return std::nullopt;
    }

    const Figure* figure(const std::string& id) {
        const Figure* f = find_figure(ctx_.all, id);
        if (f) ctx_.cite(f->source);
        return f;
    }

    std::string event_or_figure(const std::string& id) const {
        auto ids = ctx_.all.ids_of("event");
        for (auto& f : ctx_.all.ids_of("figure")) ids.push_back(std::move(f));
        std::sort(ids.begin(), ids.end());  // of equally close ones, the first by id, whatever the records' order
        return did_you_mean(id, ids);
    }

    void warn(const char* code, const std::string& message) {
        diags_.warning(code, message, ctx_.file, ctx_.source.position_in_string(pointer_, offset_), pointer_);
    }

    // The dated event or figure `id`, cited; nullptr when there is none.
    const DateField* dated(const std::string& id) {
        for (const auto& e : ctx_.all.events)
            if (e.id == id && e.date.resolved) {
                ctx_.cite(e.source);
                return &e.date;
            }
        if (const Figure* f = figure(id); f && f->date.resolved) return &f->date;
        return nullptr;
    }

    // {{date:ID}}, {{date:ID|bare}}, {{date:ID|phrase}}, {{date:ID|listed}}.
    std::optional<std::string> date(const std::string& arg, const std::string& option, const std::string& shown,
                                    const std::string& before) {
        i18n::DateForm form = i18n::DateForm::bare;
        if (option == "phrase") form = i18n::DateForm::phrase;
        else if (option == "listed") form = i18n::DateForm::listed;
        else if (!option.empty() && option != "bare")
            return fail(shown + ": unknown option \"" + option + "\" (known: bare, phrase, listed)");
        const DateField* d = dated(arg);
        if (!d) return fail(shown + ": no dated event or figure \"" + arg + "\" in the data" + event_or_figure(arg));
        // "in 1 August 2008" is not English: a day takes "on".
        if (lang_ == Lang::en && form == i18n::DateForm::bare && d->when.start && d->when.end &&
            d->when.start->precision == Precision::day && ends_with_word(before, "in"))
            warn("placeholder-date-preposition",
                 "\"in " + shown + "\" reads \"in " + i18n::format_when(d->when, lang_, form) + "\": write \"" +
                     "{{date:" + arg + "|phrase}}\" (\"" + i18n::format_when(d->when, lang_, i18n::DateForm::phrase) +
                     "\") without \"in\", or \"on " + shown + "\"");
        return i18n::format_when(d->when, lang_, form);
    }

    // The comparison named by METRIC, METRIC:FROM or METRIC:FROM/TO: the metric's first and
    // latest actual figures, or from the figure FROM (the base) to TO (default: the latest).
    struct Compared {
        const Metric* metric = nullptr;
        stats::Comparison c;
    };
    std::optional<Compared> compared(const std::string& arg, const std::string& shown) {
        const std::size_t colon = arg.find(':');
        const std::string metric_id = arg.substr(0, colon);
        const std::string figures = colon == std::string::npos ? std::string() : arg.substr(colon + 1);
        Compared out;
        out.metric = ctx_.all.metric(metric_id);
        if (!out.metric) return fail(shown + ": no metric \"" + metric_id + "\" in the data" + did_you_mean(metric_id, ctx_.all.ids_of("metric")));
        const stats::SeriesSummary sum = stats::summarize(ctx_.all, metric_id);
        const Figure* from = sum.first;
        const Figure* to = sum.last;
        if (!figures.empty()) {
            const std::size_t slash = figures.find('/');
            const std::string from_id = figures.substr(0, slash);
            from = nullptr;
            if (slash != std::string::npos) to = nullptr;
            for (const std::string& id : {from_id, slash == std::string::npos ? std::string() : figures.substr(slash + 1)}) {
                if (id.empty()) continue;
                const Figure* f = find_figure(ctx_.all, id);
                if (!f || f->metric != metric_id)
                    return fail(shown + ": no figure \"" + id + "\" of metric \"" + metric_id + "\" in the data");
                if (f->status != Status::actual)
                    return fail(shown + ": figure \"" + id + "\" has status \"" + status_name(f->status) +
                                "\": compare actual figures, or set a value against a target with {{share:PART/WHOLE}}");
                if (!f->date.resolved) return fail(shown + ": figure \"" + id + "\" has no resolved date");
                (id == from_id ? from : to) = f;
            }
        }
        if (!from || !to || from == to || from->unit != to->unit)
            return fail(shown + ": metric \"" + metric_id + "\" has no two comparable actual figures" +
                                     (figures.empty() ? "" : " here"));
        out.c = stats::compare(*from, *to);
        ctx_.cite(from->source);
        ctx_.cite(to->source);
        return out;
    }

    // The first note of a comparison that says why `what` was not computed.
    static std::string why(const stats::Comparison& c, const std::string& what) {
        for (const std::string& n : c.notes)
            if (n.rfind(what, 0) == 0) return " (" + n + ")";
        return {};
    }

    std::optional<std::string> expand(const std::string& body, const std::string& before) {
        const std::size_t bar = body.find('|');
        const std::string head = body.substr(0, bar);
        const std::string option = bar == std::string::npos ? std::string() : body.substr(bar + 1);
        const std::size_t colon = head.find(':');
        const std::string kind = head.substr(0, colon);
        const std::string arg = colon == std::string::npos ? std::string() : head.substr(colon + 1);
        const std::string shown = "{{" + body + "}}";
        const bool interval = option == "interval";
        const bool takes_interval = kind == "growth" || kind == "multiple" || kind == "change" || kind == "cagr" || kind == "share";
        if (kind != "date" && !option.empty() && !(takes_interval && interval))
            return fail(shown + ": unknown option \"" + option + "\"" +
                        (takes_interval ? " (known: interval)" : " (this placeholder takes no option)"));
        if (kind == "figure" || kind == "value") {
            const Figure* f = figure(arg);
            if (!f) return fail(shown + ": no figure \"" + arg + "\" in the data" + did_you_mean(arg, ctx_.all.ids_of("figure")));
            const Unit* unit = ctx_.all.unit(f->unit);
            if (!unit) return f->value.canonical();
            if (kind == "figure") return i18n::format_figure(*f, *unit, lang_);
            return i18n::format_figure(*f, *unit, lang_, false);
        }
        if (kind == "date") return date(arg, option, shown, before);
        if (kind == "growth" || kind == "multiple" || kind == "change" || kind == "cagr") {
            const auto cmp = compared(arg, shown);
            if (!cmp) return std::nullopt;
            const stats::Comparison& c = cmp->c;
            if (kind == "cagr") {
                if (!c.cagr) return fail(shown + ": no average annual growth" + why(c, "CAGR"));
                return interval ? i18n::format_cagr(c.cagr->bounds, lang_) : i18n::format_cagr(*c.cagr, lang_);
            }
            if (!c.multiple) return fail(shown + ": no multiple" + why(c, "multiple"));
            if (kind == "change")
                return interval ? i18n::format_percent_change(c.percent_change->bounds, lang_)
                                : i18n::format_percent_change(*c.percent_change, lang_);
            if (kind == "multiple")
                return interval ? i18n::format_multiple(c.multiple->bounds, lang_) : i18n::format_multiple(*c.multiple, lang_);
            const Unit* unit = ctx_.all.unit(c.from->unit);
            if (!unit) return fail(shown + ": unit \"" + c.from->unit + "\" is not in the data");
            const std::string label = in(cmp->metric->label, lang_);
            const std::string from = i18n::format_figure(*c.from, *unit, lang_);
            const std::string to = i18n::format_figure(*c.to, *unit, lang_);
            return interval ? i18n::format_growth(label, from, to, c.multiple->bounds, lang_)
                            : i18n::format_growth(label, from, to, *c.multiple, lang_);
        }
        if (kind == "share") {
            const std::size_t slash = arg.find('/');
            const std::string part_id = arg.substr(0, slash);
            const std::string whole_id = slash == std::string::npos ? std::string() : arg.substr(slash + 1);
            const Figure* part = figure(part_id);
            const Figure* whole = figure(whole_id);
            if (!part || !whole) return fail(shown + ": write {{share:PART/WHOLE}} with two figure ids of the data");
            const Qualified q = stats::share(*part, *whole);
            if (q.lean.above && q.lean.below && !interval)
                return fail(shown + ": the qualifiers of \"" + part_id + "\" (" + qualifier_name(part->qualifier) + ") and \"" +
                            whole_id + "\" (" + qualifier_name(whole->qualifier) +
                            ") bound the share from both sides: nothing can be said (write |interval for the interval)");
            return interval ? i18n::format_percent(q.bounds, lang_) : i18n::format_percent(q, lang_);
        }
        if (kind == "count") {
            std::size_t n;
            if (arg == "events") n = ctx_.shown.events.size();
            else if (arg == "figures") n = ctx_.shown.figures.size();
            else if (arg == "sources") n = ctx_.shown.sources.size();
            else if (arg == "lanes") n = ctx_.shown.lanes.size();
            else return fail(shown + ": count of what? (events, figures, sources or lanes)");
            return i18n::format_number(static_cast<double>(n), lang_);
        }
        if (kind == "entity") {
            const Entity* e = ctx_.all.entity(arg);
            if (!e) return fail(shown + ": no entity \"" + arg + "\" in the data" + did_you_mean(arg, ctx_.all.ids_of("entity")));
            return in(e->name, lang_);
        }
        if (kind == "span") {
            if (arg != "events") return fail(shown + ": only {{span:events}} is known");
            std::optional<date::sys_days> first, last;
            for (const auto& e : ctx_.shown.events) {
                if (!e.date.resolved) continue;
                if (auto d = e.date.when.first_day(); d && (!first || *d < *first)) first = d;
                if (auto d = e.date.when.last_day(); d && (!last || *d > *last)) last = d;
            }
            if (!first || !last) return fail(shown + ": there are no dated events");
            When span;
            span.interval = true;
            span.start = Period::containing(*first, Precision::year);
            span.end = Period::containing(*last, Precision::year);
            if (span.start->first == span.end->first) span = When::single(*span.start);
            return i18n::format_when(span, lang_);
        }
        return fail("unknown placeholder " + shown +
                    " (known: figure, value, date, growth, multiple, change, cagr, share, count, entity, span)");
    }
};

}  // namespace

std::vector<std::string> expand_paragraphs(const std::string& text, Lang lang, const std::string& pointer,
                                           const PlaceholderContext& ctx, Diagnostics& diags) {
    const std::string expanded = Expander(lang, pointer, ctx, diags).run(text);
    std::vector<std::string> paragraphs;
    std::size_t pos = 0;
    while (pos <= expanded.size()) {
        const std::size_t blank = expanded.find("\n\n", pos);
        std::string p = expanded.substr(pos, blank == std::string::npos ? std::string::npos : blank - pos);
        while (!p.empty() && (p.back() == '\n' || p.back() == ' ')) p.pop_back();
        while (!p.empty() && (p.front() == '\n' || p.front() == ' ')) p.erase(p.begin());
        if (!p.empty()) paragraphs.push_back(std::move(p));
        if (blank == std::string::npos) break;
        pos = blank + 2;
    }
    return paragraphs;
}

}  // namespace timeline::report
