// Statistics over the records (PRODUCT §1.3, §2): series of a metric with change,
// multiple, percentage change and CAGR as intervals; shares; counts of events and
// figures; consistency findings for the report's data notes. Nothing here formats
// numbers for readers (that is i18n); messages are plain English for the data notes.
// Every result is deterministic: same data set, same order, same values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "model/quantity.h"
#include "model/records.h"

namespace timeline::stats {

// One figure of a series and the interval its value and qualifier denote (interval_of).
// The point holds its own copy of the figure, so a summary stays valid after the data set
// it was computed from is gone.
struct SeriesPoint {
    Figure figure;
    Interval value;
};

// The actual figures of one metric over time and what can honestly be said about them.
//
// Conventions:
// - points: the metric's figures with status actual and a resolved date, in the order of
//   timeline::compare on their dates (open starts first), ties by figure id. Targets,
//   plans and estimates are never points (see planned()); figures with an unresolved
//   date are left out (with a note).
// - first()/last(): the figures of the first and last point; both null without points, the
//   same figure with one point. They point into the summary itself (never into the data
//   set), so they live as long as the summary.
// - change = last - first. Computed (has_change) only with two or more points of one
//   unit; otherwise change is [0, 0] and a note says why.
// - multiple = last / first, when has_change and first's lower bound is > 0.
//   Example: 14 -> over 500 gives (35.714…, inf): "more than 35 times", never "35.7 times".
// - percent_change = multiple - 1, as a fraction (0.25 means +25%; i18n::format_percent
//   takes this form). Computed from the multiple (not (last - first) / first) because
//   that is the exact range when first appears once.
// - cagr = multiple^(1/t) - 1 (a fraction, like percent_change), when the multiple exists
//   and both ends are dated to a day, month, quarter, half or year, or a closed interval
//   of such periods (not an open start or end, not a decade), and the calendar years of
//   their first days differ. t is the number of years between the midpoints of the two
//   dates, each measured in decimal years (a day's position is its year plus the fraction
//   of that year elapsed; a period's midpoint is the mean of the positions of its first
//   day and of the day after its last day). So a whole year's midpoint is Y + 0.5 and
//   2015 -> 2019 is exactly 4 years; 2018 -> 2019-H1 is 0.747… years.
// - span_years: calendar year of last's first day minus that of first's first day; 0 with
//   fewer than two points or when either end has an open start (see notes).
// - notes: one English sentence for each thing not computed and why, in a fixed order,
//   e.g. "CAGR not computed: the first value has no year (open start ../2019-H1)".
struct SeriesSummary {
    std::string metric;
    std::vector<SeriesPoint> points;
    const Figure* first() const { return points.empty() ? nullptr : &points.front().figure; }
    const Figure* last() const { return points.empty() ? nullptr : &points.back().figure; }
    bool has_change = false;
    Interval change = Interval::point(0);
    std::optional<Interval> multiple;
    std::optional<Interval> percent_change;
    std::optional<Interval> cagr;
    double cagr_years = 0;  // t above, when cagr is set
    int span_years = 0;
    std::vector<std::string> notes;
};

SeriesSummary summarize(const Dataset& data, std::string_view metric_id);
// summarize() of every metric, in the order the metrics are defined.
std::vector<SeriesSummary> summarize_all(const Dataset& data);

// The metric's figures with status target, plan or estimate, in the order of points
// (date, then id). They are listed apart from the actual series, never mixed into it.
std::vector<const Figure*> planned(const Dataset& data, std::string_view metric_id);
// The figures above point into `data`: never ask a temporary data set.
std::vector<const Figure*> planned(const Dataset&& data, std::string_view metric_id) = delete;

// The share part / whole of two figures of one unit, e.g. nearly 350 R&D staff of over
// 500 staff: [315, 350) / (500, inf) = (0, 0.7), "under 70%". The part is taken to be
// included in the whole, so the result is intersected with [0, 1]; a whole whose interval
// reaches down to 0 (under X, up_to X) is taken as (0, hi]. Units are not checked here.
Interval share(const Figure& part, const Figure& whole);

// Totals for the report's overview.
// - by_lane: events per lane, every lane in the order the lanes are defined (0 included),
//   then lanes that events name but that are not defined, by id.
// - by_year: events per calendar year of the first day of their date, ascending, only
//   years with events. An event whose date spans more than one calendar year (an
//   interval such as 2018/2020, a decade, an open end "2019/..") counts once, in its
//   start year (multi_year_events says how many); an event with an open start
//   ("../2019") or an unresolved date is not counted by year (open_start_events,
//   undated_events).
// - by_metric: figures (every status) per metric, every metric in the order defined
//   (0 included), then metrics that figures name but that are not defined, by id.
// - events, figures, sources, eras, entities: record counts.
// - derived_dates: events, figures and eras whose date was resolved from a relative date.
// - notes: English sentences on what by_year leaves out or simplifies.
struct Counts {
    std::vector<std::pair<std::string, int>> by_lane;
    std::vector<std::pair<int, int>> by_year;
    std::vector<std::pair<std::string, int>> by_metric;
    int events = 0;
    int figures = 0;
    int sources = 0;
    int eras = 0;
    int entities = 0;
    int derived_dates = 0;
    int open_start_events = 0;
    int multi_year_events = 0;
    int undated_events = 0;
    std::vector<std::string> notes;
};

Counts count(const Dataset& data);

// A consistency finding for the report's data notes.
struct Finding {
    Severity severity = Severity::note;
    std::string record;   // id of the metric or figure concerned
    std::string code;     // stable code, below
    std::string message;  // one English sentence, no trailing period
};

// Findings over every metric (in metric order, then unknown metric ids by id); within a
// metric in the order of the codes below, then by record id:
// - series-mixed-units (warning, metric): figures of one metric in more than one unit;
// - series-mixed-subjects (warning, metric): figures of one metric about different subjects;
// - series-mixed-qualifiers (note, metric): actual figures of one series with different
//   qualifiers (statistics then carry bounds);
// - series-range-value (note, figure): a range used in a series (two or more points), with
//   the interval it was used as;
// - series-fraction-value (note, figure): a fraction used in a series, with its quotient;
// - series-open-start (note, figure): a point with an open start date, used for change
//   and multiple but not for CAGR;
// - series-undated (warning, figure): an actual figure whose date is unresolved, left out;
// - series-planned-apart (note, figure): a target/plan/estimate of a metric that also has
//   actual figures, listed apart from the series.
std::vector<Finding> findings(const Dataset& data);

}  // namespace timeline::stats
