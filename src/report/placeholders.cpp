#include "report/placeholders.h"

#include <algorithm>

#include "i18n/format.h"
#include "stats/stats.h"

namespace timeline::report {
namespace {

const Figure* find_figure(const Dataset& ds, const std::string& id) {
    const auto it = std::find_if(ds.figures.begin(), ds.figures.end(), [&](const Figure& f) { return f.id == id; });
    return it == ds.figures.end() ? nullptr : &*it;
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
            if (auto value = expand(body)) out += *value;
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

    std::optional<std::string> fail(const std::string& message) {
        error(offset_, "placeholder-unknown", message);
        return std::nullopt;
    }

    const Figure* figure(const std::string& id) {
        const Figure* f = find_figure(ctx_.all, id);
        if (f) ctx_.cite(f->source);
        return f;
    }

    std::optional<std::string> expand(const std::string& body) {
        const std::size_t colon = body.find(':');
        const std::string kind = body.substr(0, colon);
        const std::string arg = colon == std::string::npos ? std::string() : body.substr(colon + 1);
        const std::string shown = "{{" + body + "}}";
        if (kind == "figure" || kind == "value") {
            const Figure* f = figure(arg);
            if (!f) return fail(shown + ": no figure \"" + arg + "\" in the data");
            const Unit* unit = ctx_.all.unit(f->unit);
            if (!unit) return f->value.canonical();
            if (kind == "figure") return i18n::format_figure(*f, *unit, lang_);
            return i18n::format_figure(*f, *unit, lang_, false);
        }
        if (kind == "date") {
            for (const auto& e : ctx_.all.events)
                if (e.id == arg && e.date.resolved) {
                    ctx_.cite(e.source);
                    return i18n::format_when(e.date.when, lang_);
                }
            if (const Figure* f = figure(arg); f && f->date.resolved) return i18n::format_when(f->date.when, lang_);
            return fail(shown + ": no dated event or figure \"" + arg + "\" in the data");
        }
        if (kind == "growth" || kind == "multiple") {
            const Metric* m = ctx_.all.metric(arg);
            if (!m) return fail(shown + ": no metric \"" + arg + "\" in the data");
            const stats::SeriesSummary sum = stats::summarize(ctx_.all, arg);
            if (!sum.first() || sum.first() == sum.last() || !sum.multiple)
                return fail(shown + ": metric \"" + arg + "\" has no two comparable actual figures");
            ctx_.cite(sum.first()->source);
            ctx_.cite(sum.last()->source);
            if (kind == "multiple") return i18n::format_multiple(*sum.multiple, lang_);
            const Unit* unit = ctx_.all.unit(sum.first()->unit);
            if (!unit) return fail(shown + ": unit \"" + sum.first()->unit + "\" is not in the data");
            return i18n::format_growth(in(m->label, lang_), i18n::format_figure(*sum.first(), *unit, lang_),
                                       i18n::format_figure(*sum.last(), *unit, lang_), *sum.multiple, lang_);
        }
        if (kind == "share") {
            const std::size_t slash = arg.find('/');
            const std::string part_id = arg.substr(0, slash);
            const std::string whole_id = slash == std::string::npos ? std::string() : arg.substr(slash + 1);
            const Figure* part = figure(part_id);
            const Figure* whole = figure(whole_id);
            if (!part || !whole) return fail(shown + ": write {{share:PART/WHOLE}} with two figure ids of the data");
            return i18n::format_percent(stats::share(*part, *whole), lang_);
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
            if (!e) return fail(shown + ": no entity \"" + arg + "\" in the data");
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
                    " (known: figure, value, date, growth, multiple, share, count, entity, span)");
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
