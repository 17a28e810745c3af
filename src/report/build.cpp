#include "report/build.h"

#include <algorithm>
#include <numeric>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "base/json_text.h"
#include "base/suggest.h"
#include "i18n/format.h"
#include "i18n/messages.h"
#include "i18n/notes.h"
#include "report/placeholders.h"
#include "stats/stats.h"

namespace timeline::report {
namespace {

using i18n::Msg;

// Both languages of a data text; a missing language is filled from the other and marked.
BiText bi(const Text& t) {
    BiText b;
    b.zh = t.zh.empty() ? t.en : t.zh;
    b.en = t.en.empty() ? t.zh : t.en;
    b.zh_fallback = t.zh.empty() && !t.en.empty();
    b.en_fallback = t.en.empty() && !t.zh.empty();
    return b;
}

// A formatted value in both languages.
BiText both(const std::function<std::string(Lang)>& f) { return {f(Lang::zh), f(Lang::en)}; }

BiText fixed(Msg id) {
    return {std::string(i18n::message(id, Lang::zh)), std::string(i18n::message(id, Lang::en))};
}

class Builder {
public:
    // Over a copy of `all`, cut to --from/--to.
    Builder(const Dataset& all, const ReportTemplate& tmpl, const json::Document& source, const BuildOptions& options,
            Diagnostics& diags)
        : data_(all), all_(all), tmpl_(tmpl), source_(source), options_(options), diags_(diags) {
        const auto outside = [&options](const auto& r) { return !within(r.date, options.from, options.to); };
        std::erase_if(data_.eras, outside);
        std::erase_if(data_.events, outside);
        std::erase_if(data_.figures, outside);
        sort_events();
    }
    // Over `all` itself, when nothing is cut (options without --from/--to): every record is
    // shown, and the events of the whole data set are put in date order.
    Builder(Dataset&& all, const ReportTemplate& tmpl, const json::Document& source, const BuildOptions& options,
            Diagnostics& diags)
        : data_(std::move(all)), all_(data_), tmpl_(tmpl), source_(source), options_(options), diags_(diags) {
        sort_events();
    }

    void sort_events() {
        // The events in date order: their indices sorted, then each event moved once.
        std::vector<Event>& events = data_.events;
        std::vector<std::size_t> order(events.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&events](std::size_t a, std::size_t b) {
            return compare(events[a].date.when, events[b].date.when) < 0;
        });
        std::vector<Event> sorted;
        sorted.reserve(events.size());
        for (const std::size_t i : order) sorted.push_back(std::move(events[i]));
        events = std::move(sorted);
    }

    Document build() {
        Document doc;
        doc.template_id = tmpl_.id;
        doc.mode = options_.mode ? *options_.mode : tmpl_.lang;
        mode_ = doc.mode;
        doc.page = tmpl_.page;
        doc.as_of = options_.as_of;
        for (const auto& e : data_.entities)
            if (e.kind == EntityKind::work && !e.name.en.empty()) doc.work_titles.push_back(e.name.en);
        title(doc);
        doc.marking = bi(tmpl_.marking);
        const When as_of = When::single(Period::containing(options_.as_of, Precision::day));
        doc.prepared = both([&](Lang l) { return i18n::labelled(Msg::label_prepared, i18n::format_when(as_of, l), l); });
        // Sources and data notes are filled last, when every citation and note is known.
        std::vector<std::size_t> deferred;
        for (const auto& spec : tmpl_.sections) {
            Section s;
            s.type = spec.type;
            s.id = spec.id;
            s.title = spec.title.empty() ? default_title(spec.type) : bi(spec.title);
            switch (spec.type) {
                case SectionType::cover: break;
                case SectionType::key_figures: s.blocks.emplace_back(key_figures(spec)); break;
                case SectionType::narrative: narrative(spec, s); break;
                case SectionType::timeline: s.blocks.emplace_back(timeline(spec)); break;
                case SectionType::chart: s.blocks.emplace_back(chart(spec)); break;
                case SectionType::table:
                    s.blocks.emplace_back(spec.table == TableKind::events ? events_table(spec) : figures_table(spec));
                    break;
                case SectionType::statistics: statistics(spec, s); break;
                case SectionType::sources:
                case SectionType::data_notes: deferred.push_back(doc.sections.size()); break;
            }
            doc.sections.push_back(std::move(s));
        }
        for (std::size_t index : deferred) {
            Section& s = doc.sections[index];
            if (s.type == SectionType::sources) s.blocks.emplace_back(sources_list());
            else s.blocks.emplace_back(data_notes());
        }
        doc.citations = citations();
        return doc;
    }

private:
    Dataset data_;  // events and figures within --from/--to, events in date order
    const Dataset& all_;  // every record (data_ itself when nothing is cut)
    const ReportTemplate& tmpl_;
    const json::Document& source_;
    const BuildOptions& options_;
    Diagnostics& diags_;
    std::map<std::string, int> citation_of_;
    std::vector<std::string> cited_;  // source ids in citation order
    LangMode mode_ = LangMode::bi;
    // What the data notes explain, gathered while the sections are built, so that every
    // note is about what this brief prints.
    bool zh_fallback_ = false;     // a text without Chinese, shown in English
    bool en_fallback_ = false;     // a text without English, shown in Chinese
    bool derived_shown_ = false;   // a date derived from its source's publication date
    bool derived_marked_ = false;  // … and one of them carries the mark (†)
    bool planned_shown_ = false;   // a target, plan or estimate
    std::vector<std::pair<Qualifier, BiText>> qualified_examples_;  // first figures with a qualifier, one per qualifier
    BiText qualified_statistic_;   // first statistic computed from a qualified figure
    std::vector<std::string> statistics_metrics_;  // metrics of the statistics sections

    // The template's title and subtitle, or, when it has no title, the data set's.
    void title(Document& doc) {
        if (!tmpl_.title.empty() || !all_.info) {
            // A template built in code (timeline stats) has no file and needs no title.
            if (tmpl_.title.empty() && !tmpl_.file.empty())
                diags_.error("template-no-title",
                             "the template has no title and the data set none: add \"title\" to the template, or "
                             "\"dataset\": {\"title\": {\"zh\": …, \"en\": …}} to one data file",
                             tmpl_.file, source_.key_position("/id"), "");
            doc.title = bi(tmpl_.title);
            doc.subtitle = bi(tmpl_.subtitle);
            return;
        }
        doc.title = text_of(all_.info->title);
        doc.subtitle = text_of(all_.info->subtitle);
    }

    static BiText default_title(SectionType t) {
        switch (t) {
            case SectionType::cover: return {};
            case SectionType::key_figures: return fixed(Msg::section_key_figures);
            case SectionType::narrative: return fixed(Msg::section_summary);
            case SectionType::timeline: return fixed(Msg::section_timeline);
            case SectionType::chart: return fixed(Msg::section_chart);
            case SectionType::table: return fixed(Msg::section_events);
            case SectionType::statistics: return fixed(Msg::section_statistics);
            case SectionType::sources: return fixed(Msg::section_sources);
            case SectionType::data_notes: return fixed(Msg::section_data_notes);
        }
        return {};
    }

    int cite(const std::string& source) {
        if (source.empty() || !all_.source(source)) return 0;
        const auto [it, inserted] = citation_of_.emplace(source, static_cast<int>(cited_.size()) + 1);
        if (inserted) cited_.push_back(source);
        return it->second;
    }

    BiText text_of(const Text& t) {
        BiText b = bi(t);
        zh_fallback_ = zh_fallback_ || b.zh_fallback;
        en_fallback_ = en_fallback_ || b.en_fallback;
        return b;
    }

    static bool derived(const DateField& f) { return f.resolved && f.when.derived && f.relative; }

    BiText when_text(const DateField& f) {
        if (!f.resolved) return {f.written, f.written};
        derived_shown_ = derived_shown_ || derived(f);
        return both([&](Lang l) { return i18n::format_when(f.when, l); });
    }

    // A date in a table or a key figure: a derived one carries the mark that one data note
    // explains ("约2019年†" / "c. 2019†"), instead of a note per date.
    BiText marked_when(const DateField& f) {
        BiText t = when_text(f);
        if (!derived(f)) return t;
        derived_marked_ = true;
        t.zh += i18n::message(Msg::mark_derived, Lang::zh);
        t.en += i18n::message(Msg::mark_derived, Lang::en);
        return t;
    }

    // "Sources: [1]; [3]" / "来源：[1]；[3]"
    static BiText source_line(const std::set<int>& numbers) {
        std::vector<std::string> marks;
        for (int n : numbers) marks.push_back(i18n::citation_mark(n));
        if (marks.empty()) return {};
        return {i18n::source_line(marks, Lang::zh), i18n::source_line(marks, Lang::en)};
    }

    void unknown_id(const SectionSpec& spec, const char* field, std::size_t index, const std::string& id,
                    const char* kind) {
        const std::string pointer = pointer_append(pointer_append(spec.origin.pointer, field), index);
        diags_.error("template-unknown-id",
                     std::string(kind) + " \"" + id + "\" is not in the data" + did_you_mean(id, all_.ids_of(kind)),
                     tmpl_.file, source_.position(pointer), pointer);
    }

    const Figure* figure(const std::string& id) const {
        for (const auto& f : all_.figures)
            if (f.id == id) return &f;
        return nullptr;
    }

    BiText figure_value(const Figure& f) {
        const Unit* unit = all_.unit(f.unit);
        if (!unit) return {f.value.canonical(), f.value.canonical()};
        BiText v = both([&](Lang l) { return i18n::format_figure(f, *unit, l); });
        planned_shown_ = planned_shown_ || f.status != Status::actual;
        const bool new_qualifier =
            std::none_of(qualified_examples_.begin(), qualified_examples_.end(),
                         [&](const auto& example) { return example.first == f.qualifier; });
        if (f.qualifier != Qualifier::exact && new_qualifier && qualified_examples_.size() < 2)
            qualified_examples_.emplace_back(f.qualifier, v);
        return v;
    }

    BiText metric_label(const std::string& metric) {
        const Metric* m = all_.metric(metric);
        return m ? text_of(m->label) : BiText{metric, metric};
    }

    std::vector<KeyFigure> key_figures(const SectionSpec& spec) {
        std::vector<KeyFigure> out;
        for (std::size_t k = 0; k < spec.figures.size(); ++k) {
            const Figure* f = figure(spec.figures[k]);
            if (!f) {
                unknown_id(spec, "figures", k, spec.figures[k], "figure");
                continue;
            }
            KeyFigure kf;
            kf.figure = f->id;
            kf.value = figure_value(*f);
            kf.label = metric_label(f->metric);
            kf.when = marked_when(f->date);
            if (f->status != Status::actual) kf.status = both([&](Lang l) { return i18n::format_status(f->status, l); });
            kf.citation = cite(f->source);
            out.push_back(std::move(kf));
        }
        return out;
    }

    void narrative(const SectionSpec& spec, Section& s) {
        PlaceholderContext ctx{all_, data_, tmpl_.file, source_, [this](const std::string& id) { return cite(id); }};
        std::vector<std::string> zh, en;
        if (!spec.text.zh.empty()) zh = expand_paragraphs(spec.text.zh, Lang::zh, pointer_append(pointer_append(spec.origin.pointer, "text"), "zh"), ctx, diags_);
        if (!spec.text.en.empty()) en = expand_paragraphs(spec.text.en, Lang::en, pointer_append(pointer_append(spec.origin.pointer, "text"), "en"), ctx, diags_);
        const std::size_t n = std::max(zh.size(), en.size());
        for (std::size_t k = 0; k < n; ++k) {
            Text t;
            if (k < zh.size()) t.zh = zh[k];
            if (k < en.size()) t.en = en[k];
            s.blocks.emplace_back(Paragraph{text_of(t)});
        }
    }

    bool lane_selected(const SectionSpec& spec, const std::string& lane) const {
        return spec.lanes.empty() || std::find(spec.lanes.begin(), spec.lanes.end(), lane) != spec.lanes.end();
    }

    void check_lanes(const SectionSpec& spec) {
        for (std::size_t k = 0; k < spec.lanes.size(); ++k)
            if (!all_.lane(spec.lanes[k])) unknown_id(spec, "lanes", k, spec.lanes[k], "lane");
    }

    TimelineData timeline(const SectionSpec& spec) {
        check_lanes(spec);
        TimelineData t;
        t.max_pages = spec.max_pages;
        std::set<int> numbers;
        for (const auto& lane : data_.lanes)
            if (lane_selected(spec, lane.id)) t.lanes.push_back({lane.id, text_of(lane.label)});
        for (const auto& e : data_.events) {
            if (!lane_selected(spec, e.lane) || !e.date.resolved) continue;
            TimelineItem item;
            item.id = e.id;
            item.lane = e.lane;
            item.date = e.date.when;
            item.status = e.status;
            item.importance = e.importance;
            item.when = when_text(e.date);
            item.label = text_of(e.title);
            item.citation = cite(e.source);
            numbers.insert(item.citation);
            t.items.push_back(std::move(item));
        }
        for (const auto& era : data_.eras) {
            if (!era.date.resolved || (!era.lane.empty() && !lane_selected(spec, era.lane))) continue;
            t.eras.push_back({era.id, era.date.when, text_of(era.label), when_text(era.date)});
            if (!era.source.empty()) numbers.insert(cite(era.source));
        }
        numbers.erase(0);
        t.source_line = source_line(numbers);
        return t;
    }

    ChartPoint chart_point(const Figure& f) {
        ChartPoint p;
        p.figure = f.id;
        p.date = f.date.when;
        p.value = f.value.approx();
        const Interval bounds = interval_of(f.value, f.qualifier);
        p.low = bounds.lo;
        p.open_high = !bounds.bounded_above();
        p.high = p.open_high ? p.value : bounds.hi;
        p.label = figure_value(f);
        p.category = metric_label(f.metric);
        p.when = when_text(f.date);
        p.status = f.status;
        p.citation = cite(f.source);
        return p;
    }

    ChartData chart(const SectionSpec& spec) {
        ChartData c;
        c.kind = spec.chart;
        std::set<int> numbers;
        std::string unit_id;
        if (!spec.figures.empty()) {
            ChartSeries series;
            for (std::size_t k = 0; k < spec.figures.size(); ++k) {
                const Figure* f = figure(spec.figures[k]);
                if (!f) {
                    unknown_id(spec, "figures", k, spec.figures[k], "figure");
                    continue;
                }
                if (!within(f->date, options_.from, options_.to)) continue;
                series.points.push_back(chart_point(*f));
                numbers.insert(series.points.back().citation);
                if (unit_id.empty()) unit_id = f->unit;
            }
            c.series.push_back(std::move(series));
        }
        for (std::size_t k = 0; k < spec.metrics.size(); ++k) {
            const Metric* m = all_.metric(spec.metrics[k]);
            if (!m) {
                unknown_id(spec, "metrics", k, spec.metrics[k], "metric");
                continue;
            }
            ChartSeries series;
            series.metric = m->id;
            series.label = text_of(m->label);
            for (const auto& point : stats::summarize(data_, m->id).points) {
                series.points.push_back(chart_point(*point.figure));
                numbers.insert(series.points.back().citation);
            }
            if (unit_id.empty()) unit_id = m->unit;
            c.series.push_back(std::move(series));
        }
        if (const Unit* u = all_.unit(unit_id)) {
            c.unit = text_of(u->label);
            c.unit = {c.unit.zh_fallback ? c.unit.zh : i18n::unit_heading(*u, Lang::zh),
                      c.unit.en_fallback ? c.unit.en : i18n::unit_heading(*u, Lang::en), c.unit.zh_fallback,
                      c.unit.en_fallback};
        }
        numbers.erase(0);
        c.source_line = source_line(numbers);
        return c;
    }

    static BiText citation_mark(int n) {
        if (n == 0) return {};
        const std::string s = i18n::citation_mark(n);
        return {s, s};
    }

    Table events_table(const SectionSpec& spec) {
        check_lanes(spec);
        Table t;
        t.content = TableContent::events;
        t.header = {fixed(Msg::header_date), fixed(Msg::header_lane), fixed(Msg::header_event), fixed(Msg::header_source)};
        t.align = {Align::left, Align::left, Align::left, Align::right};
        std::set<int> numbers;
        for (const auto& e : data_.events) {
            if (!lane_selected(spec, e.lane)) continue;
            const Lane* lane = all_.lane(e.lane);
            const int n = cite(e.source);
            numbers.insert(n);
            t.rows.push_back({marked_when(e.date), lane ? text_of(lane->label) : BiText{e.lane, e.lane},
                              text_of(e.title), citation_mark(n)});
        }
        numbers.erase(0);
        t.source_line = source_line(numbers);
        return t;
    }

    Table figures_table(const SectionSpec& spec) {
        Table t;
        t.content = TableContent::figures;
        t.header = {fixed(Msg::header_date), fixed(Msg::header_metric), fixed(Msg::header_value), fixed(Msg::header_status), fixed(Msg::header_source)};
        t.align = {Align::left, Align::left, Align::right, Align::left, Align::right};
        std::vector<const Figure*> figures;
        for (const auto& f : data_.figures)
            if (spec.metrics.empty() || std::find(spec.metrics.begin(), spec.metrics.end(), f.metric) != spec.metrics.end())
                figures.push_back(&f);
        // In date order; a date with an open start ("until 2025") by its end, so that it does
        // not come before dated rows of decades earlier.
        auto key = [](const When& w) { return w.first_day() ? w.first_day() : w.last_day(); };
        std::stable_sort(figures.begin(), figures.end(), [&key](const Figure* a, const Figure* b) {
            const auto ka = key(a->date.when), kb = key(b->date.when);
            if (ka && kb && *ka != *kb) return *ka < *kb;
            if (ka.has_value() != kb.has_value()) return ka.has_value();
            return compare(a->date.when, b->date.when) < 0;
        });
        std::set<int> numbers;
        for (const Figure* f : figures) {
            const int n = cite(f->source);
            numbers.insert(n);
            t.rows.push_back({marked_when(f->date), metric_label(f->metric), figure_value(*f),
                              both([&](Lang l) { return i18n::format_status(f->status, l); }), citation_mark(n)});
        }
        numbers.erase(0);
        t.source_line = source_line(numbers);
        return t;
    }

    // Removes the columns after the first whose every cell is `none` ("—"): a statistics
    // table of series that cannot be compared shows their values, not columns of dashes.
    static void drop_empty_columns(Table& t, const BiText& none) {
        if (t.rows.empty()) return;
        for (std::size_t c = t.header.size(); c-- > 1;) {
            const bool empty = std::all_of(t.rows.begin(), t.rows.end(), [&](const std::vector<BiText>& row) {
                return c >= row.size() || (row[c].zh == none.zh && row[c].en == none.en);
            });
            if (!empty) continue;
            t.header.erase(t.header.begin() + static_cast<std::ptrdiff_t>(c));
            if (c < t.align.size()) t.align.erase(t.align.begin() + static_cast<std::ptrdiff_t>(c));
            for (auto& row : t.rows)
                if (c < row.size()) row.erase(row.begin() + static_cast<std::ptrdiff_t>(c));
        }
    }

    // The statistics of the metrics: a table of the series that can be compared (first and
    // latest value, multiple, change, CAGR; columns empty in every row left out), then a table
    // of the metrics with a single value (the latest actual one, or the latest plan or target,
    // marked), so that no row is a line of dashes.
    void statistics(const SectionSpec& spec, Section& s) {
        Table series;
        series.header = {fixed(Msg::header_metric), fixed(Msg::header_first), fixed(Msg::header_latest), fixed(Msg::header_multiple),
                         fixed(Msg::header_change), fixed(Msg::header_cagr)};
        series.align = {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right};
        Table single;
        single.header = {fixed(Msg::header_metric), fixed(Msg::header_latest)};
        single.align = {Align::left, Align::right};
        std::set<int> series_numbers, single_numbers;
        const BiText none{"—", "—"};
        auto point_text = [&](const Figure* f, std::set<int>& numbers) {
            const BiText v = figure_value(*f);
            const BiText w = marked_when(f->date);
            numbers.insert(cite(f->source));
            if (f->status == Status::actual) return BiText{v.zh + "（" + w.zh + "）", v.en + " (" + w.en + ")"};
            const BiText st = both([&](Lang l) { return i18n::format_status(f->status, l); });
            return BiText{v.zh + "（" + st.zh + "，" + w.zh + "）", v.en + " (" + st.en + ", " + w.en + ")"};
        };
        for (std::size_t k = 0; k < spec.metrics.size(); ++k) {
            const Metric* m = all_.metric(spec.metrics[k]);
            if (!m) {
                unknown_id(spec, "metrics", k, spec.metrics[k], "metric");
                continue;
            }
            statistics_metrics_.push_back(m->id);
            const stats::SeriesSummary sum = stats::summarize(data_, m->id);
            if (!sum.first || sum.first == sum.last) {
                // One actual value, or only plans or targets: the latest of them.
                const auto plans = stats::planned(data_, m->id);
                const Figure* f = sum.last ? sum.last : plans.empty() ? nullptr : plans.back();
                if (f) single.rows.push_back({metric_label(m->id), point_text(f, single_numbers)});
                continue;
            }
            std::vector<BiText> row{metric_label(m->id), point_text(sum.first, series_numbers),
                                    point_text(sum.last, series_numbers)};
            row.push_back(sum.multiple ? both([&](Lang l) { return i18n::format_multiple(*sum.multiple, l); }) : none);
            row.push_back(sum.percent_change
                              ? both([&](Lang l) { return i18n::format_percent_change(*sum.percent_change, l); })
                              : none);
            row.push_back(sum.cagr ? both([&](Lang l) { return i18n::format_cagr(*sum.cagr, l); }) : none);
            // The first statistic computed from a qualified figure is the data notes' example.
            const bool qualified = (sum.first->qualifier != Qualifier::exact || sum.last->qualifier != Qualifier::exact);
            if (qualified && qualified_statistic_.zh.empty()) {
                if (sum.multiple) qualified_statistic_ = row[3];
                else if (sum.percent_change) qualified_statistic_ = row[4];
            }
            series.rows.push_back(std::move(row));
        }
        series_numbers.erase(0);
        single_numbers.erase(0);
        series.source_line = source_line(series_numbers);
        single.source_line = source_line(single_numbers);
        drop_empty_columns(series, none);
        if (!series.rows.empty() || single.rows.empty()) s.blocks.emplace_back(std::move(series));
        if (!single.rows.empty()) s.blocks.emplace_back(std::move(single));
        if (!spec.lane_counts) return;

        const stats::Counts counts = stats::count(data_);
        Table lanes;
        lanes.header = {fixed(Msg::header_lane), fixed(Msg::header_count)};
        lanes.align = {Align::left, Align::right};
        for (const auto& [lane, n] : counts.by_lane) {
            const Lane* l = all_.lane(lane);
            lanes.rows.push_back({l ? text_of(l->label) : BiText{lane, lane},
                                  both([n = n](Lang lang) { return i18n::format_number(n, lang); })});
        }
        s.blocks.emplace_back(std::move(lanes));
    }

    List sources_list() {
        List list;
        for (const auto& c : citations()) list.items.push_back({c.text, c.number});
        return list;
    }

    std::vector<Citation> citations() {
        std::vector<Citation> out;
        for (std::size_t k = 0; k < cited_.size(); ++k) {
            const Source* s = all_.source(cited_[k]);
            Citation c;
            c.number = static_cast<int>(k) + 1;
            c.source = s->id;
            const BiText publisher = text_of(s->publisher);
            const BiText title = text_of(s->title);
            const BiText author = text_of(s->author);
            BiText published = s->published ? when_text(*s->published) : fixed(Msg::undated);
            // A title without Chinese is quoted as written, not put in 《》.
            const std::string zh_title = title.zh_fallback ? "“" + title.zh + "”" : "《" + title.zh + "》";
            c.text.zh = publisher.zh + "：" + zh_title + (author.zh.empty() ? "" : "，" + author.zh) + "，" +
                        published.zh + (s->url.empty() ? "" : "，" + s->url);
            c.text.en = publisher.en + ", \"" + title.en + "\"" + (author.en.empty() ? "" : ", " + author.en) + ", " +
                        published.en + (s->url.empty() ? "" : ", " + s->url);
            c.text.zh_fallback = publisher.zh_fallback && title.zh_fallback;
            c.text.en_fallback = publisher.en_fallback && title.en_fallback;
            out.push_back(std::move(c));
        }
        return out;
    }

    // The data notes: each kind of caveat once, only those about what this brief prints.
    List data_notes() {
        List list;
        auto add = [&](BiText text) { list.items.push_back({std::move(text), 0}); };
        // How figures with a qualifier, and statistics computed from them, are to be read,
        // with this brief's own examples.
        if (!qualified_examples_.empty()) {
            bool bounds = false, approximate = false;
            for (const auto& [q, text] : qualified_examples_) (q == Qualifier::about ? approximate : bounds) = true;
            const i18n::QualifiedKind kind = !approximate ? i18n::QualifiedKind::bounds
                                             : !bounds    ? i18n::QualifiedKind::approximate
                                                          : i18n::QualifiedKind::both;
            add(both([&](Lang l) {
                std::vector<std::string> examples;
                for (const auto& example : qualified_examples_) examples.push_back(example.second.in(l));
                return i18n::qualified_note(examples, kind, qualified_statistic_.in(l), l);
            }));
        }
        // Dates derived from the source's publication date: one caveat, explaining the mark.
        if (derived_marked_) {
            add(both([](Lang l) {
                return std::string(i18n::message(Msg::mark_derived, l)) + " " +
                       std::string(i18n::message(Msg::derived_dates_note, l));
            }));
        } else if (derived_shown_) {
            add(fixed(Msg::derived_dates_unmarked_note));
        }
        // Plans and targets are kept apart from actual series.
        if (planned_shown_) add(fixed(Msg::planned_apart_note));
        // Growth rates that could not be computed, and why.
        std::vector<const Metric*> open_start;
        for (const auto& finding : stats::findings(data_)) {
            if (finding.code != "series-open-start") continue;
            const Figure* f = figure(finding.record);
            const Metric* m = f ? all_.metric(f->metric) : nullptr;
            if (!m || std::find(statistics_metrics_.begin(), statistics_metrics_.end(), m->id) == statistics_metrics_.end() ||
                std::find(open_start.begin(), open_start.end(), m) != open_start.end())
                continue;
            open_start.push_back(m);
        }
        if (!open_start.empty()) {
            std::vector<BiText> labels;
            for (const Metric* m : open_start) labels.push_back(text_of(m->label));
            add(both([&](Lang l) {
                std::vector<std::string> names;
                for (const auto& label : labels) names.push_back(label.in(l));
                return i18n::open_start_note(names, l);
            }));
        }
        // Texts shown in one language only, where the brief's mode shows it.
        switch (mode_) {
            case LangMode::bi:
                if (zh_fallback_ || en_fallback_) add(fixed(Msg::one_language_note));
                break;
            case LangMode::zh:
                if (zh_fallback_) add(fixed(Msg::missing_translation_note));
                break;
            case LangMode::en:
                if (en_fallback_) add(fixed(Msg::missing_translation_note));
                break;
        }
        return list;
    }
};

}  // namespace

Document build_document(const Dataset& data, const ReportTemplate& tmpl, const json::Document& source,
                        const BuildOptions& options, Diagnostics& diags) {
    return Builder(data, tmpl, source, options, diags).build();
}

Document build_document(Dataset&& data, const ReportTemplate& tmpl, const json::Document& source,
                        const BuildOptions& options, Diagnostics& diags) {
    if (options.from || options.to) return build_document(std::as_const(data), tmpl, source, options, diags);
    return Builder(std::move(data), tmpl, source, options, diags).build();
}

}  // namespace timeline::report
