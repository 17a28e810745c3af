// Series, shares, counts and consistency findings (see stats.h for the conventions).
#include "stats/stats.h"

#include <algorithm>
#include <map>
#include <set>

#include <date/date.h>

namespace timeline::stats {
namespace {

// A date that can be placed in time: any date but an unresolved relative one.
bool usable(const DateField& d) { return d.resolved || !d.relative.has_value(); }

bool by_date_then_id(const Figure* a, const Figure* b) {
    const int c = compare(a->date.when, b->date.when);
    if (c != 0) return c < 0;
    return a->id < b->id;
}

// The figures of a metric, in data order.
std::vector<const Figure*> figures_of(const Dataset& data, std::string_view metric_id) {
    std::vector<const Figure*> out;
    for (const Figure& f : data.figures)
        if (f.metric == metric_id) out.push_back(&f);
    return out;
}

std::vector<const Figure*> actual_points(const std::vector<const Figure*>& figures) {
    std::vector<const Figure*> out;
    for (const Figure* f : figures)
        if (f->status == Status::actual && usable(f->date)) out.push_back(f);
    std::sort(out.begin(), out.end(), by_date_then_id);
    return out;
}

// Position of a day in decimal years: 2019-01-01 is 2019.0, 2019-07-02 is 2019.4986….
double decimal_year(date::sys_days day) {
    const date::year y = date::year_month_day{day}.year();
    const date::sys_days start{y / date::January / 1};
    const date::sys_days next{(y + date::years{1}) / date::January / 1};
    return static_cast<double>(static_cast<int>(y)) +
           static_cast<double>((day - start).count()) / static_cast<double>((next - start).count());
}

// Midpoint of a closed span of days in decimal years (a whole year Y gives Y + 0.5).
double midpoint(const When& w) {
    return (decimal_year(*w.first_day()) + decimal_year(*w.last_day() + date::days{1})) / 2;
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
    std::string out;
    for (const std::string& s : items) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Why a date cannot be an end of a CAGR, or "" when it can.
std::string cagr_date_problem(const When& w) {
    if (!w.start) return "has no year (open start " + w.iso() + ")";
    if (!w.end) return "has an open end (" + w.iso() + ")";
    if (w.start->precision == Precision::decade || w.end->precision == Precision::decade)
        return "is dated only to a decade (" + w.iso() + ")";
    return {};
}

const char* status_phrase(Status s) {
    switch (s) {
        case Status::actual: return "an actual figure";
        case Status::target: return "a target";
        case Status::plan: return "a plan";
        case Status::estimate: return "an estimate";
    }
    return "a figure";
}

// Metric ids in definition order, then ids named only by figures, sorted.
std::vector<std::string> metric_ids(const Dataset& data) {
    std::vector<std::string> ids;
    std::set<std::string> known;
    for (const Metric& m : data.metrics) {
        ids.push_back(m.id);
        known.insert(m.id);
    }
    std::set<std::string> extra;
    for (const Figure& f : data.figures)
        if (!known.count(f.metric)) extra.insert(f.metric);
    ids.insert(ids.end(), extra.begin(), extra.end());
    return ids;
}

// "a, b" for the ids of figures grouped by some key, keys sorted.
std::string grouped(const std::map<std::string, std::vector<std::string>>& groups) {
    std::vector<std::string> parts;
    for (const auto& [key, ids] : groups) {
        std::vector<std::string> sorted = ids;
        std::sort(sorted.begin(), sorted.end());
        parts.push_back(key + " (" + join(sorted) + ")");
    }
    return join(parts, "; ");
}

}  // namespace

SeriesSummary summarize(const Dataset& data, std::string_view metric_id) {
    SeriesSummary s;
    s.metric = std::string(metric_id);
    const std::vector<const Figure*> all = figures_of(data, metric_id);

    std::vector<std::string> unresolved;
    for (const Figure* f : all)
        if (f->status == Status::actual && !usable(f->date)) unresolved.push_back(f->id);
    std::sort(unresolved.begin(), unresolved.end());
    if (!unresolved.empty())
        s.notes.push_back(plural(unresolved.size(), "actual figure", "actual figures") +
                          " with an unresolved date left out: " + join(unresolved));

    for (const Figure* f : actual_points(all)) s.points.push_back({*f, interval_of(f->value, f->qualifier)});
    const std::size_t n_planned = planned(data, metric_id).size();
    if (n_planned > 0)
        s.notes.push_back(plural(n_planned, "target, plan or estimate", "targets, plans or estimates") +
                          " listed apart from the actual series");

    if (s.points.empty()) {
        s.notes.push_back("no actual figures: nothing computed");
        return s;
    }
    if (s.points.size() < 2) {
        s.notes.push_back("only one actual figure: no change computed");
        return s;
    }

    std::set<std::string> units;
    for (const SeriesPoint& p : s.points) units.insert(p.figure.unit);
    if (units.size() > 1) {
        s.notes.push_back("change not computed: the figures are in different units (" +
                          join(std::vector<std::string>(units.begin(), units.end())) + ")");
        return s;
    }

    const SeriesPoint& first = s.points.front();
    const SeriesPoint& last = s.points.back();
    const When& wf = first.figure.date.when;
    const When& wl = last.figure.date.when;
    s.has_change = true;
    s.change = last.value - first.value;
    if (wf.start && wl.start) s.span_years = wl.start->year() - wf.start->year();
    else s.notes.push_back("span in years not known: " + std::string(wf.start ? "the last" : "the first") +
                           " value has an open start");

    if (!(first.value.lo > 0)) {
        s.notes.push_back("multiple not computed: the first value's lower bound is not above 0 (" +
                          first.value.debug() + ")");
        s.notes.push_back("CAGR not computed: no multiple");
        return s;
    }
    s.multiple = last.value / first.value;
    s.percent_change = *s.multiple - Interval::point(1);

    const std::string first_problem = cagr_date_problem(wf);
    const std::string last_problem = cagr_date_problem(wl);
    if (!first_problem.empty()) {
        s.notes.push_back("CAGR not computed: the first value " + first_problem);
        return s;
    }
    if (!last_problem.empty()) {
        s.notes.push_back("CAGR not computed: the last value " + last_problem);
        return s;
    }
    if (wf.start->year() == wl.start->year()) {
        s.notes.push_back("CAGR not computed: both values are in " + std::to_string(wf.start->year()));
        return s;
    }
    const double years = midpoint(wl) - midpoint(wf);
    if (!(years > 0)) {
        s.notes.push_back("CAGR not computed: the middle of the last value's date (" + wl.iso() +
                          ") is not after that of the first (" + wf.iso() + ")");
        return s;
    }
    s.cagr_years = years;
    s.cagr = power(*s.multiple, 1 / years) - Interval::point(1);
    return s;
}

std::vector<SeriesSummary> summarize_all(const Dataset& data) {
    std::vector<SeriesSummary> out;
    for (const Metric& m : data.metrics) out.push_back(summarize(data, m.id));
    return out;
}

std::vector<const Figure*> planned(const Dataset& data, std::string_view metric_id) {
    std::vector<const Figure*> out;
    for (const Figure* f : figures_of(data, metric_id))
        if (f->status != Status::actual) out.push_back(f);
    std::stable_sort(out.begin(), out.end(), [](const Figure* a, const Figure* b) {
        // Unresolved dates (not placeable) go last, by id.
        const bool ua = usable(a->date), ub = usable(b->date);
        if (ua != ub) return ua;
        if (!ua) return a->id < b->id;
        return by_date_then_id(a, b);
    });
    return out;
}

Interval share(const Figure& part, const Figure& whole) {
    Interval p = interval_of(part.value, part.qualifier);
    Interval w = interval_of(whole.value, whole.qualifier);
    if (p.lo < 0) {
        p.lo = 0;
        p.lo_open = false;
    }
    if (!(w.hi > 0)) return {0, 1, false, false};  // a whole that cannot be positive: nothing known
    if (w.lo <= 0) {
        w.lo = 0;
        w.lo_open = true;
    }
    Interval r = p / w;
    if (r.lo > 1) return r;  // the part is certainly larger than the whole: left for callers to see
    if (r.lo < 0) {
        r.lo = 0;
        r.lo_open = false;
    }
    if (r.hi > 1) {
        r.hi = 1;
        r.hi_open = false;
    }
    return r;
}

Counts count(const Dataset& data) {
    Counts c;
    c.events = static_cast<int>(data.events.size());
    c.figures = static_cast<int>(data.figures.size());
    c.sources = static_cast<int>(data.sources.size());
    c.eras = static_cast<int>(data.eras.size());
    c.entities = static_cast<int>(data.entities.size());

    auto derived = [](const DateField& d) { return d.relative.has_value() || d.when.derived; };
    for (const Event& e : data.events) c.derived_dates += derived(e.date) ? 1 : 0;
    for (const Figure& f : data.figures) c.derived_dates += derived(f.date) ? 1 : 0;
    for (const Era& e : data.eras) c.derived_dates += derived(e.date) ? 1 : 0;

    // Lanes.
    std::set<std::string> lane_ids;
    for (const Lane& l : data.lanes) {
        lane_ids.insert(l.id);
        const auto n = std::count_if(data.events.begin(), data.events.end(), [&](const Event& e) { return e.lane == l.id; });
        c.by_lane.emplace_back(l.id, static_cast<int>(n));
    }
    std::map<std::string, int> unknown_lanes;
    for (const Event& e : data.events)
        if (!lane_ids.count(e.lane)) ++unknown_lanes[e.lane];
    for (const auto& [id, n] : unknown_lanes) c.by_lane.emplace_back(id, n);

    // Years.
    std::map<int, int> years;
    for (const Event& e : data.events) {
        if (!usable(e.date)) {
            ++c.undated_events;
            continue;
        }
        const When& w = e.date.when;
        if (!w.start) {
            ++c.open_start_events;
            continue;
        }
        const int y = w.start->year();
        ++years[y];
        if (!w.end || static_cast<int>(date::year_month_day{w.end->last}.year()) != y ||
            static_cast<int>(date::year_month_day{w.start->last}.year()) != y)
            ++c.multi_year_events;
    }
    for (const auto& [y, n] : years) c.by_year.emplace_back(y, n);
    if (c.open_start_events > 0)
        c.notes.push_back(plural(static_cast<std::size_t>(c.open_start_events), "event", "events") +
                          " with an open start not counted by year");
    if (c.undated_events > 0)
        c.notes.push_back(plural(static_cast<std::size_t>(c.undated_events), "event", "events") +
                          " with an unresolved date not counted by year");
    if (c.multi_year_events > 0)
        c.notes.push_back(plural(static_cast<std::size_t>(c.multi_year_events), "event", "events") +
                          " spanning more than one year counted in the year " +
                          (c.multi_year_events == 1 ? "it starts" : "they start"));

    // Metrics.
    for (const std::string& id : metric_ids(data)) {
        const auto n =
            std::count_if(data.figures.begin(), data.figures.end(), [&](const Figure& f) { return f.metric == id; });
        c.by_metric.emplace_back(id, static_cast<int>(n));
    }
    return c;
}

std::vector<Finding> findings(const Dataset& data) {
    std::vector<Finding> out;
    for (const std::string& metric_id : metric_ids(data)) {
        const std::vector<const Figure*> all = figures_of(data, metric_id);
        const std::vector<const Figure*> points = actual_points(all);
        const Metric* metric = data.metric(metric_id);
        const std::string m = "metric " + metric_id;

        // Figure-level findings are listed by record id within their code.
        auto by_id = [](std::vector<const Figure*> figs) {
            std::sort(figs.begin(), figs.end(), [](const Figure* a, const Figure* b) { return a->id < b->id; });
            return figs;
        };

        std::map<std::string, std::vector<std::string>> units;
        for (const Figure* f : all) units[f->unit].push_back(f->id);
        if (units.size() > 1)
            out.push_back({Severity::warning, metric_id, "series-mixed-units",
                           "figures of " + m + " are in " + std::to_string(units.size()) + " units: " + grouped(units)});

        std::map<std::string, std::vector<std::string>> subjects;
        for (const Figure* f : points) {
            const std::string& subject = f->subject.empty() && metric ? metric->subject : f->subject;
            if (!subject.empty()) subjects[subject].push_back(f->id);
        }
        if (subjects.size() > 1)
            out.push_back({Severity::warning, metric_id, "series-mixed-subjects",
                           "actual figures of " + m + " are about different subjects: " + grouped(subjects)});

        std::map<int, std::vector<std::string>> qualifiers;
        for (const Figure* f : points) qualifiers[static_cast<int>(f->qualifier)].push_back(f->id);
        if (qualifiers.size() > 1) {
            std::vector<std::string> parts;
            for (auto& [q, ids] : qualifiers) {
                std::sort(ids.begin(), ids.end());
                parts.push_back(std::string(qualifier_name(static_cast<Qualifier>(q))) + " (" + join(ids) + ")");
            }
            out.push_back({Severity::note, metric_id, "series-mixed-qualifiers",
                           "the series of " + m + " mixes qualifiers: " + join(parts, "; ") +
                               "; its statistics carry the bounds these imply"});
        }

        if (points.size() >= 2) {
            for (const Figure* f : by_id(points))
                if (f->value.kind == Value::Kind::range)
                    out.push_back({Severity::note, f->id, "series-range-value",
                                   "the range " + f->value.canonical() + " (" + qualifier_name(f->qualifier) +
                                       ") is used in the series of " + m + " as the interval " +
                                       interval_of(f->value, f->qualifier).debug()});
            for (const Figure* f : by_id(points))
                if (f->value.kind == Value::Kind::fraction)
                    out.push_back({Severity::note, f->id, "series-fraction-value",
                                   "the fraction " + f->value.canonical() + " (" + qualifier_name(f->qualifier) +
                                       ") is used in the series of " + m + " as the interval " +
                                       interval_of(f->value, f->qualifier).debug()});
            for (const Figure* f : by_id(points))
                if (!f->date.when.start)
                    out.push_back({Severity::note, f->id, "series-open-start",
                                   f->id + " has an open start date (" + f->date.when.iso() +
                                       "): it has no year, so no CAGR of " + m + " is computed from it"});
        }

        for (const Figure* f : by_id(all))
            if (f->status == Status::actual && !usable(f->date))
                out.push_back({Severity::warning, f->id, "series-undated",
                               f->id + " has an unresolved date and is left out of the series of " + m});

        const bool has_actual = std::any_of(all.begin(), all.end(), [](const Figure* f) { return f->status == Status::actual; });
        if (has_actual)
            for (const Figure* f : by_id(all))
                if (f->status != Status::actual)
                    out.push_back({Severity::note, f->id, "series-planned-apart",
                                   f->id + " is " + status_phrase(f->status) + " (status " + status_name(f->status) +
                                       "), listed apart from the actual series of " + m});
    }
    return out;
}

}  // namespace timeline::stats
