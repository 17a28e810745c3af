#include "report/build.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "base/json_text.h"
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
    Builder(const Dataset& all, const ReportTemplate& tmpl, const json::Document& source, const BuildOptions& options,
            Diagnostics& diags)
        : all_(all), tmpl_(tmpl), source_(source), options_(options), diags_(diags) {
        data_ = all;
        data_.events.clear();
        data_.figures.clear();
        data_.eras.clear();
        for (const auto& e : all.eras)
            if (within(e.date, options.from, options.to)) data_.eras.push_back(e);
        for (const auto& e : all.events)
            if (within(e.date, options.from, options.to)) data_.events.push_back(e);
        for (const auto& f : all.figures)
            if (within(f.date, options.from, options.to)) data_.figures.push_back(f);
        std::stable_sort(data_.events.begin(), data_.events.end(),
                         [](const Event& a, const Event& b) { return compare(a.date.when, b.date.when) < 0; });
    }

    Document build() {
        Document doc;
        doc.template_id = tmpl_.id;
        doc.mode = options_.mode ? *options_.mode : tmpl_.lang;
        doc.page = tmpl_.page;
        doc.as_of = options_.as_of;
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
    const Dataset& all_;
    Dataset data_;  // events and figures within --from/--to, events in date order
    const ReportTemplate& tmpl_;
    const json::Document& source_;
    const BuildOptions& options_;
    Diagnostics& diags_;
    std::map<std::string, int> citation_of_;
    std::vector<std::string> cited_;        // source ids in citation order
    std::set<std::string> fallback_records_;  // records shown with a missing language

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
        doc.title = text_of("dataset", all_.info->title);
        doc.subtitle = text_of("dataset", all_.info->subtitle);
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

    BiText text_of(const std::string& record, const Text& t) {
        BiText b = bi(t);
        if (b.zh_fallback || b.en_fallback) fallback_records_.insert(record);
        return b;
    }

    BiText when_text(const DateField& f) {
        if (!f.resolved) return {f.written, f.written};
        return both([&](Lang l) { return i18n::format_when(f.when, l); });
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
        diags_.error("template-unknown-id", std::string(kind) + " \"" + id + "\" is not in the data", tmpl_.file,
                     source_.position(pointer), pointer);
    }

    const Figure* figure(const std::string& id) const {
        for (const auto& f : all_.figures)
            if (f.id == id) return &f;
        return nullptr;
    }

    BiText figure_value(const Figure& f) {
        const Unit* unit = all_.unit(f.unit);
        if (!unit) return {f.value.canonical(), f.value.canonical()};
        return both([&](Lang l) { return i18n::format_figure(f, *unit, l); });
    }

    BiText metric_label(const std::string& metric) {
        const Metric* m = all_.metric(metric);
        return m ? text_of(m->id, m->label) : BiText{metric, metric};
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
            kf.when = when_text(f->date);
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
            s.blocks.emplace_back(Paragraph{text_of(tmpl_.id + ":" + spec.id, t)});
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
        std::set<int> numbers;
        for (const auto& lane : data_.lanes)
            if (lane_selected(spec, lane.id)) t.lanes.push_back({lane.id, text_of(lane.id, lane.label)});
        for (const auto& e : data_.events) {
            if (!lane_selected(spec, e.lane) || !e.date.resolved) continue;
            TimelineItem item;
            item.id = e.id;
            item.lane = e.lane;
            item.date = e.date.when;
            item.status = e.status;
            item.importance = e.importance;
            item.when = when_text(e.date);
            item.label = text_of(e.id, e.title);
            item.citation = cite(e.source);
            numbers.insert(item.citation);
            t.items.push_back(std::move(item));
        }
        for (const auto& era : data_.eras) {
            if (!era.date.resolved || (!era.lane.empty() && !lane_selected(spec, era.lane))) continue;
            t.eras.push_back({era.id, era.date.when, text_of(era.id, era.label), when_text(era.date)});
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
            series.label = text_of(m->id, m->label);
            for (const auto& point : stats::summarize(data_, m->id).points) {
                series.points.push_back(chart_point(point.figure));
                numbers.insert(series.points.back().citation);
            }
            if (unit_id.empty()) unit_id = m->unit;
            c.series.push_back(std::move(series));
        }
        if (const Unit* u = all_.unit(unit_id)) c.unit = text_of(u->id, u->label);
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
        t.header = {fixed(Msg::header_date), fixed(Msg::header_lane), fixed(Msg::header_event), fixed(Msg::header_source)};
        t.align = {Align::left, Align::left, Align::left, Align::right};
        std::set<int> numbers;
        for (const auto& e : data_.events) {
            if (!lane_selected(spec, e.lane)) continue;
            const Lane* lane = all_.lane(e.lane);
            const int n = cite(e.source);
            numbers.insert(n);
            t.rows.push_back({when_text(e.date), lane ? text_of(lane->id, lane->label) : BiText{e.lane, e.lane},
                              text_of(e.id, e.title), citation_mark(n)});
        }
        numbers.erase(0);
        t.source_line = source_line(numbers);
        return t;
    }

    Table figures_table(const SectionSpec& spec) {
        Table t;
        t.header = {fixed(Msg::header_date), fixed(Msg::header_metric), fixed(Msg::header_value), fixed(Msg::header_status), fixed(Msg::header_source)};
        t.align = {Align::left, Align::left, Align::right, Align::left, Align::right};
        std::vector<const Figure*> figures;
        for (const auto& f : data_.figures)
            if (spec.metrics.empty() || std::find(spec.metrics.begin(), spec.metrics.end(), f.metric) != spec.metrics.end())
                figures.push_back(&f);
        std::stable_sort(figures.begin(), figures.end(),
                         [](const Figure* a, const Figure* b) { return compare(a->date.when, b->date.when) < 0; });
        std::set<int> numbers;
        for (const Figure* f : figures) {
            const int n = cite(f->source);
            numbers.insert(n);
            t.rows.push_back({when_text(f->date), metric_label(f->metric), figure_value(*f),
                              both([&](Lang l) { return i18n::format_status(f->status, l); }), citation_mark(n)});
        }
        numbers.erase(0);
        t.source_line = source_line(numbers);
        return t;
    }

    void statistics(const SectionSpec& spec, Section& s) {
        Table series;
        series.header = {fixed(Msg::header_metric), fixed(Msg::header_first), fixed(Msg::header_latest), fixed(Msg::header_multiple),
                         fixed(Msg::header_change), fixed(Msg::header_cagr)};
        series.align = {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right};
        std::set<int> numbers;
        const BiText none{"—", "—"};
        for (std::size_t k = 0; k < spec.metrics.size(); ++k) {
            const Metric* m = all_.metric(spec.metrics[k]);
            if (!m) {
                unknown_id(spec, "metrics", k, spec.metrics[k], "metric");
                continue;
            }
            const stats::SeriesSummary sum = stats::summarize(data_, m->id);
            if (!sum.first()) {
                // Only plans or targets: show the latest of them, marked.
                const auto plans = stats::planned(data_, m->id);
                if (plans.empty()) continue;
                const Figure* f = plans.back();
                const BiText v = figure_value(*f);
                const BiText st = both([&](Lang l) { return i18n::format_status(f->status, l); });
                const BiText w = when_text(f->date);
                numbers.insert(cite(f->source));
                series.rows.push_back({metric_label(m->id), none,
                                       BiText{v.zh + "（" + st.zh + "，" + w.zh + "）", v.en + " (" + st.en + ", " + w.en + ")"},
                                       none, none, none});
                continue;
            }
            auto point_text = [&](const Figure* f) {
                const BiText v = figure_value(*f);
                const BiText w = when_text(f->date);
                numbers.insert(cite(f->source));
                return BiText{v.zh + "（" + w.zh + "）", v.en + " (" + w.en + ")"};
            };
            // A single figure is the latest value; "first" needs a second one.
            const bool several = sum.last() != sum.first();
            std::vector<BiText> row{metric_label(m->id), several ? point_text(sum.first()) : none, point_text(sum.last())};
            row.push_back(sum.multiple ? both([&](Lang l) { return i18n::format_multiple(*sum.multiple, l); }) : none);
            row.push_back(sum.percent_change
                              ? both([&](Lang l) { return i18n::format_percent_change(*sum.percent_change, l); })
                              : none);
            row.push_back(sum.cagr ? both([&](Lang l) { return i18n::format_cagr(*sum.cagr, l); }) : none);
            series.rows.push_back(std::move(row));
        }
        numbers.erase(0);
        series.source_line = source_line(numbers);
        s.blocks.emplace_back(std::move(series));

        const stats::Counts counts = stats::count(data_);
        Table lanes;
        lanes.header = {fixed(Msg::header_lane), fixed(Msg::header_count)};
        lanes.align = {Align::left, Align::right};
        for (const auto& [lane, n] : counts.by_lane) {
            const Lane* l = all_.lane(lane);
            lanes.rows.push_back({l ? text_of(l->id, l->label) : BiText{lane, lane},
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
            const BiText publisher = text_of(s->id, s->publisher);
            const BiText title = text_of(s->id, s->title);
            const BiText author = text_of(s->id, s->author);
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

    List data_notes() {
        List list;
        // How qualified numbers are treated.
        list.items.push_back({fixed(Msg::bounds_note), 0});
        // Derived dates.
        auto derived = [&](const std::string& id, const Text& title, const DateField& f) {
            if (!f.resolved || !f.when.derived || !f.relative) return;
            const BiText name = text_of(id, title);
            const BiText when = when_text(f);
            list.items.push_back({{i18n::derived_date_note(name.zh, when.zh, f.relative->offset, Lang::zh),
                                   i18n::derived_date_note(name.en, when.en, f.relative->offset, Lang::en)},
                                  0});
        };
        for (const auto& e : data_.events) derived(e.id, e.title, e.date);
        for (const auto& f : data_.figures) {
            const Metric* m = all_.metric(f.metric);
            derived(f.id, m ? m->label : Text{f.metric, f.metric}, f.date);
        }
        // Plans and targets are kept apart from actual series.
        for (const auto& f : data_.figures) {
            if (f.status == Status::actual) continue;
            const BiText label = metric_label(f.metric);
            const BiText value = figure_value(f);
            const BiText status = both([&](Lang l) { return i18n::format_status(f.status, l); });
            const BiText when = when_text(f.date);
            list.items.push_back({{i18n::planned_note(label.zh, value.zh, status.zh, when.zh, Lang::zh),
                                   i18n::planned_note(label.en, value.en, status.en, when.en, Lang::en)},
                                  0});
        }
        // Statistics that could not be computed, and why.
        for (const auto& finding : stats::findings(data_)) {
            if (finding.code != "series-open-start") continue;
            const Figure* f = figure(finding.record);
            if (!f) continue;
            const BiText label = metric_label(f->metric);
            list.items.push_back({{i18n::open_start_note(label.zh, Lang::zh), i18n::open_start_note(label.en, Lang::en)}, 0});
        }
        // Warnings of the data checks.
        for (const auto& d : options_.check_warnings) {
            const std::string line = (d.record.empty() ? "" : d.record + ": ") + d.message;
            list.items.push_back({{line, line, true, false}, 0});
        }
        // Texts shown in one language only.
        if (!fallback_records_.empty()) {
            std::string ids;
            for (const auto& id : fallback_records_) ids += (ids.empty() ? "" : ", ") + id;
            list.items.push_back({{i18n::fallback_note(ids, Lang::zh), i18n::fallback_note(ids, Lang::en)}, 0});
        }
        return list;
    }
};

}  // namespace

Document build_document(const Dataset& data, const ReportTemplate& tmpl, const json::Document& source,
                        const BuildOptions& options, Diagnostics& diags) {
    return Builder(data, tmpl, source, options, diags).build();
}

}  // namespace timeline::report
