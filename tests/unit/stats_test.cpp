// Unit tests of statistics (src/stats/stats.h): series, shares, counts, findings.
#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "load/dataset.h"
#include "model/quantity.h"
#include "model/records.h"
#include "stats/stats.h"

namespace Catch {
template <>
struct StringMaker<timeline::Interval> {
    static std::string convert(const timeline::Interval& i) { return i.debug(); }
};
}  // namespace Catch

namespace {

using namespace timeline;
using stats::Counts;
using stats::Finding;
using stats::SeriesSummary;

DateField on(std::string_view text) {
    std::string error;
    const auto w = parse_when(text, error);
    INFO("date: " << text << " error: " << error);
    REQUIRE(w.has_value());
    DateField d;
    d.written = std::string(text);
    d.when = *w;
    d.resolved = true;
    return d;
}

Value num(double x) { return Value::of(x); }

Value range(double lo, double hi) { return Value::range_of(lo, hi); }

Value frac(long n, long d) { return Value::fraction_of(n, d); }

Figure fig(std::string id, std::string metric, Value value, std::string_view date, Qualifier q = Qualifier::exact,
           Status status = Status::actual, std::string unit = "person") {
    Figure f;
    f.id = std::move(id);
    f.metric = std::move(metric);
    f.value = value;
    f.unit = std::move(unit);
    f.qualifier = q;
    f.date = on(date);
    f.status = status;
    f.source = "src";
    return f;
}

Metric metric(std::string id, std::string unit = "person") {
    Metric m;
    m.id = std::move(id);
    m.unit = std::move(unit);
    return m;
}

Event event(std::string id, std::string lane, std::string_view date) {
    Event e;
    e.id = std::move(id);
    e.lane = std::move(lane);
    e.date = on(date);
    e.source = "src";
    return e;
}

Lane lane(std::string id) {
    Lane l;
    l.id = std::move(id);
    return l;
}

std::vector<std::string> ids(const SeriesSummary& s) {
    std::vector<std::string> out;
    for (const auto& p : s.points) out.push_back(p.figure->id);
    return out;
}

std::vector<std::string> ids(const std::vector<const Figure*>& figs) {
    std::vector<std::string> out;
    for (const Figure* f : figs) out.push_back(f->id);
    return out;
}

bool has_note(const SeriesSummary& s, const std::string& text) {
    return std::any_of(s.notes.begin(), s.notes.end(), [&](const std::string& n) { return n == text; });
}

// The SenseTime figures of the seed, in a different order than their dates.
Dataset sensetime() {
    Dataset d;
    d.metrics = {metric("sensetime-headcount"), metric("sensetime-rd-staff")};
    d.figures = {
        fig("sensetime-headcount-2019h1", "sensetime-headcount", num(500), "2019-H1", Qualifier::over),
        fig("sensetime-rd-staff-2019h1", "sensetime-rd-staff", num(350), "2019-H1", Qualifier::nearly),
        fig("sensetime-headcount-start", "sensetime-headcount", num(14), "../2019-H1"),
    };
    return d;
}

std::string finding_text(const std::vector<Finding>& fs) {
    std::string out;
    for (const Finding& f : fs)
        out += std::string(severity_name(f.severity)) + " " + f.record + " " + f.code + ": " + f.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("SenseTime headcount: 14 to over 500 is more than 35 times", "[stats]") {
    const Dataset d = sensetime();
    const SeriesSummary s = stats::summarize(d, "sensetime-headcount");
    CHECK(s.metric == "sensetime-headcount");
    CHECK(ids(s) == std::vector<std::string>{"sensetime-headcount-start", "sensetime-headcount-2019h1"});
    REQUIRE(s.first != nullptr);
    REQUIRE(s.last != nullptr);
    CHECK(s.first->id == "sensetime-headcount-start");
    CHECK(s.last->id == "sensetime-headcount-2019h1");
    CHECK(s.points[0].value.bounds == Interval::point(14));
    CHECK(s.points[1].value.bounds.debug() == "(500, inf)");

    CHECK(s.has_change);
    CHECK(s.change.bounds.debug() == "(486, inf)");

    REQUIRE(s.multiple.has_value());
    CHECK(s.multiple->bounds.lo == 500.0 / 14);
    CHECK(s.multiple->bounds.lo_open);
    CHECK_FALSE(s.multiple->bounds.bounded_above());
    CHECK_FALSE(s.multiple->bounds.exact());  // never "35.7 times"
    CHECK(std::floor(s.multiple->bounds.lo) == 35);  // "more than 35 times"
    CHECK(s.multiple->bounds.debug() == "(35.714285714285715, inf)");

    REQUIRE(s.percent_change.has_value());
    CHECK(s.percent_change->bounds.lo == 500.0 / 14 - 1);
    CHECK(s.percent_change->bounds.lo_open);
    CHECK_FALSE(s.percent_change->bounds.bounded_above());

    CHECK_FALSE(s.cagr.has_value());
    CHECK(s.span_years == 0);
    CHECK(has_note(s, "CAGR not computed: the first value has no year (open start ../2019-H1)"));
    CHECK(has_note(s, "span in years not known: the first value has an open start"));
}

TEST_CASE("SenseTime R&D share: nearly 350 of over 500 is under 70%", "[stats]") {
    const Dataset d = sensetime();
    const Interval share = stats::share(d.figures[1], d.figures[0]).bounds;
    CHECK(share.lo == 0);
    CHECK(share.lo_open);
    CHECK(share.hi == 0.7);
    CHECK(share.hi_open);
    CHECK(share.debug() == "(0, 0.7)");
}

TEST_CASE("shares are within [0, 1]", "[stats]") {
    const Figure about100 = fig("a", "m", num(100), "2019", Qualifier::about);
    const Figure exact100 = fig("b", "m", num(100), "2019");
    const Figure under500 = fig("c", "m", num(500), "2019", Qualifier::under);
    const Figure exact50 = fig("d", "m", num(50), "2019");
    const Figure exact600 = fig("e", "m", num(600), "2019");
    // about 100 of 100 would be [0.9, 1.1]; a part is at most its whole.
    CHECK(stats::share(about100, exact100).bounds == Interval{0.9, 1, false, false});
    CHECK(stats::share(exact50, exact100).bounds == Interval::point(0.5));
    // A whole "under 500" is taken as (0, 500): 50 of it is at least 10%.
    CHECK(stats::share(exact50, under500).bounds == Interval{0.1, 1, true, false});
    // A part certainly larger than its whole is left visible (> 1).
    CHECK(stats::share(exact600, exact100).bounds == Interval::point(6));
}

TEST_CASE("an exact series: 100 in 2015 to 200 in 2019 grows 2^(1/4)-1 a year", "[stats]") {
    Dataset d;
    d.metrics = {metric("m")};
    d.figures = {fig("m-2019", "m", num(200), "2019"), fig("m-2017", "m", num(150), "2017"),
                 fig("m-2015", "m", num(100), "2015")};
    const SeriesSummary s = stats::summarize(d, "m");
    CHECK(ids(s) == std::vector<std::string>{"m-2015", "m-2017", "m-2019"});
    CHECK(s.change.bounds == Interval::point(100));
    REQUIRE(s.multiple.has_value());
    CHECK(s.multiple->bounds == Interval::point(2));
    REQUIRE(s.percent_change.has_value());
    CHECK(s.percent_change->bounds == Interval::point(1));
    REQUIRE(s.cagr.has_value());
    CHECK(s.cagr->bounds.exact());
    CHECK(s.cagr->bounds.lo == std::pow(2.0, 0.25) - 1);
    CHECK(s.cagr->bounds.lo == Approx(0.189207).epsilon(1e-6));
    CHECK(s.cagr_years == 4);
    CHECK(s.span_years == 4);
    CHECK(s.notes.empty());
}

TEST_CASE("CAGR years are measured between the midpoints of the dates", "[stats]") {
    Dataset d;
    d.metrics = {metric("m")};
    d.figures = {fig("a", "m", num(100), "2018"), fig("b", "m", num(150), "2019-H1")};
    const SeriesSummary s = stats::summarize(d, "m");
    REQUIRE(s.cagr.has_value());
    // 2018 -> 2018.5; 2019-H1 (181 days of 365) -> 2019 + 181/730.
    CHECK(s.cagr_years == Approx(0.5 + 181.0 / 730));
    CHECK(s.cagr->bounds.lo == Approx(std::pow(1.5, 1 / (0.5 + 181.0 / 730)) - 1));
    CHECK(s.span_years == 1);

    // Months: March 2015 to March 2019 is four years (up to rounding).
    Dataset m;
    m.metrics = {metric("m")};
    m.figures = {fig("a", "m", num(100), "2015-03"), fig("b", "m", num(200), "2019-03")};
    const SeriesSummary sm = stats::summarize(m, "m");
    REQUIRE(sm.cagr.has_value());
    CHECK(sm.cagr_years == Approx(4.0).epsilon(1e-12));

    // A closed interval counts from its middle: 2014/2016 -> 2015.5, so 4 years to 2019.
    Dataset i;
    i.metrics = {metric("m")};
    i.figures = {fig("a", "m", num(100), "2014/2016"), fig("b", "m", num(200), "2019")};
    const SeriesSummary si = stats::summarize(i, "m");
    REQUIRE(si.cagr.has_value());
    CHECK(si.cagr_years == 4);
}

TEST_CASE("CAGR needs two dated ends in different years", "[stats]") {
    // A summary points into its data set: each one kept here lives as long as the test.
    std::vector<std::unique_ptr<Dataset>> kept;
    auto summary = [&kept](std::string_view from, std::string_view to) {
        kept.push_back(std::make_unique<Dataset>());
        Dataset& d = *kept.back();
        d.metrics = {metric("m")};
        d.figures = {fig("a", "m", num(100), from), fig("b", "m", num(200), to)};
        return stats::summarize(d, "m");
    };
    {
        const SeriesSummary s = summary("2019-H1", "2019-H2");
        CHECK_FALSE(s.cagr.has_value());
        CHECK(s.multiple.has_value());
        CHECK(has_note(s, "CAGR not computed: both values are in 2019"));
        CHECK(s.span_years == 0);
    }
    {
        const SeriesSummary s = summary("1980s", "1995");
        CHECK_FALSE(s.cagr.has_value());
        CHECK(has_note(s, "CAGR not computed: the first value is dated only to a decade (1980s)"));
        CHECK(s.span_years == 15);
    }
    {
        const SeriesSummary s = summary("1995", "2000s");
        CHECK_FALSE(s.cagr.has_value());
        CHECK(has_note(s, "CAGR not computed: the last value is dated only to a decade (2000s)"));
    }
    {
        const SeriesSummary s = summary("2015/..", "2019");
        CHECK_FALSE(s.cagr.has_value());
        CHECK(has_note(s, "CAGR not computed: the first value has an open end (2015/..)"));
    }
    {
        const SeriesSummary s = summary("2015", "../2019");
        // An open start sorts first: ../2019 is the first point.
        REQUIRE(s.first != nullptr);
        CHECK(s.first->id == "b");
        CHECK_FALSE(s.cagr.has_value());
        CHECK(has_note(s, "CAGR not computed: the first value has no year (open start ../2019)"));
    }
    {
        // Sorted by first day, 2010/2020 comes first, but its middle (2015.5) is after 2012.5.
        const SeriesSummary s = summary("2010/2020", "2012");
        CHECK_FALSE(s.cagr.has_value());
        CHECK(has_note(s, "CAGR not computed: the middle of the last value's date (2012) is not after that of the first (2010/2020)"));
    }
}

TEST_CASE("no multiple when the first value may be 0", "[stats]") {
    Dataset d;
    d.metrics = {metric("m")};
    d.figures = {fig("a", "m", num(100), "2015", Qualifier::under), fig("b", "m", num(200), "2019")};
    const SeriesSummary s = stats::summarize(d, "m");
    CHECK(s.has_change);
    CHECK(s.change.bounds == Interval{100, 200, true, false});  // 200 - [0, 100)
    CHECK_FALSE(s.multiple.has_value());
    CHECK_FALSE(s.percent_change.has_value());
    CHECK_FALSE(s.cagr.has_value());
    CHECK(has_note(s, "multiple not computed: the first value's lower bound is not above 0 ([0, 100))"));
    CHECK(has_note(s, "CAGR not computed: no multiple"));
}

TEST_CASE("a decline gives a negative change and CAGR", "[stats]") {
    Dataset d;
    d.metrics = {metric("m")};
    d.figures = {fig("a", "m", num(200), "2015"), fig("b", "m", num(100), "2019", Qualifier::about)};
    const SeriesSummary s = stats::summarize(d, "m");
    CHECK(s.change.bounds == Interval{-110, -90, false, false});
    REQUIRE(s.multiple.has_value());
    CHECK(s.multiple->bounds == Interval{0.45, 0.55, false, false});
    REQUIRE(s.percent_change.has_value());
    CHECK(s.percent_change->bounds.lo == Approx(-0.55));
    CHECK(s.percent_change->bounds.hi == Approx(-0.45));
    REQUIRE(s.cagr.has_value());
    CHECK(s.cagr->bounds.lo == Approx(std::pow(0.45, 0.25) - 1));
    CHECK(s.cagr->bounds.hi == Approx(std::pow(0.55, 0.25) - 1));
    CHECK(s.cagr->bounds.hi < 0);
}

TEST_CASE("plans, targets and estimates are not part of the actual series", "[stats]") {
    Dataset d;
    d.metrics = {metric("m")};
    d.figures = {
        fig("m-plan-2024", "m", num(500), "2024", Qualifier::at_least, Status::plan),
        fig("m-2019", "m", num(200), "2019"),
        fig("m-target-2020", "m", num(300), "2020", Qualifier::exact, Status::target),
        fig("m-2015", "m", num(100), "2015"),
        fig("m-estimate-2016", "m", num(120), "2016", Qualifier::about, Status::estimate),
    };
    const SeriesSummary s = stats::summarize(d, "m");
    CHECK(ids(s) == std::vector<std::string>{"m-2015", "m-2019"});
    CHECK(s.last->id == "m-2019");
    REQUIRE(s.multiple.has_value());
    CHECK(s.multiple->bounds == Interval::point(2));
    CHECK(has_note(s, "3 targets, plans or estimates listed apart from the actual series"));
    CHECK(ids(stats::planned(d, "m")) == std::vector<std::string>{"m-estimate-2016", "m-target-2020", "m-plan-2024"});

    const std::vector<Finding> fs = stats::findings(d);
    INFO(finding_text(fs));
    REQUIRE(fs.size() == 3);
    CHECK(fs[0].record == "m-estimate-2016");
    CHECK(fs[1].record == "m-plan-2024");
    CHECK(fs[2].record == "m-target-2020");
    for (const Finding& f : fs) {
        CHECK(f.code == "series-planned-apart");
        CHECK(f.severity == Severity::note);
    }
    CHECK(fs[1].message == "m-plan-2024 is a plan (status plan), listed apart from the actual series of metric m");

    // A metric with only plans: no series, nothing to say about keeping plans apart.
    Dataset only;
    only.metrics = {metric("p")};
    only.figures = {fig("p-2024", "p", num(4), "2024", Qualifier::exact, Status::plan)};
    const SeriesSummary sp = stats::summarize(only, "p");
    CHECK(sp.points.empty());
    CHECK(sp.first == nullptr);
    CHECK(ids(stats::planned(only, "p")) == std::vector<std::string>{"p-2024"});
    CHECK(stats::findings(only).empty());
}

TEST_CASE("short series still get a summary", "[stats]") {
    Dataset d;
    d.metrics = {metric("one"), metric("none")};
    d.figures = {fig("one-2019", "one", num(7), "2019")};
    const SeriesSummary one = stats::summarize(d, "one");
    REQUIRE(one.points.size() == 1);
    CHECK(one.first == one.last);
    CHECK(one.first->id == "one-2019");
    CHECK_FALSE(one.has_change);
    CHECK(one.change.bounds == Interval::point(0));
    CHECK_FALSE(one.multiple.has_value());
    CHECK_FALSE(one.cagr.has_value());
    CHECK(one.notes == std::vector<std::string>{"only one actual figure: no change computed"});

    const SeriesSummary none = stats::summarize(d, "none");
    CHECK(none.points.empty());
    CHECK(none.first == nullptr);
    CHECK(none.last == nullptr);
    CHECK(none.notes == std::vector<std::string>{"no actual figures: nothing computed"});

    const std::vector<SeriesSummary> all = stats::summarize_all(d);
    REQUIRE(all.size() == 2);
    CHECK(all[0].metric == "one");
    CHECK(all[1].metric == "none");
}

TEST_CASE("points of the same date are ordered by id", "[stats]") {
    Dataset d;
    d.metrics = {metric("m")};
    d.figures = {fig("m-c", "m", num(3), "2019"), fig("m-a", "m", num(1), "2019"), fig("m-b", "m", num(2), "2019-05"),
                 fig("m-d", "m", num(4), "2019~")};
    // 2019-05 starts after 2019; 2019 before 2019~ (exact before approximate); ties by id.
    CHECK(ids(stats::summarize(d, "m")) == std::vector<std::string>{"m-a", "m-c", "m-d", "m-b"});
}

TEST_CASE("ranges, fractions and mixed qualifiers in a series", "[stats]") {
    Dataset d;
    d.metrics = {metric("months", "month"), metric("share", "share"), metric("single", "month")};
    d.figures = {
        fig("months-2015", "months", range(2, 3), "2015", Qualifier::about, Status::actual, "month"),
        fig("months-2019", "months", num(6), "2019", Qualifier::over, Status::actual, "month"),
        fig("share-2015", "share", frac(1, 4), "2015", Qualifier::exact, Status::actual, "share"),
        fig("share-2019", "share", frac(1, 3), "2019", Qualifier::exact, Status::actual, "share"),
        fig("single-2019", "single", range(2, 3), "2019", Qualifier::exact, Status::actual, "month"),
    };
    const SeriesSummary months = stats::summarize(d, "months");
    CHECK(months.points[0].value.bounds == Interval{1.8, 3.3, false, false});
    REQUIRE(months.multiple.has_value());
    CHECK(months.multiple->bounds.lo == 6 / 3.3);
    CHECK(months.multiple->bounds.lo_open);

    const SeriesSummary share = stats::summarize(d, "share");
    REQUIRE(share.multiple.has_value());
    CHECK(share.multiple->bounds.lo == Approx(4.0 / 3));
    CHECK(share.multiple->bounds.exact());

    const std::vector<Finding> fs = stats::findings(d);
    INFO(finding_text(fs));
    REQUIRE(fs.size() == 4);
    CHECK(fs[0].code == "series-mixed-qualifiers");
    CHECK(fs[0].record == "months");
    CHECK(fs[0].severity == Severity::note);
    CHECK(fs[0].message ==
          "the series of metric months mixes qualifiers: about (months-2015); over (months-2019); "
          "its statistics carry the bounds these imply");
    CHECK(fs[1].code == "series-range-value");
    CHECK(fs[1].record == "months-2015");
    CHECK(fs[1].message == "the range 2..3 (about) is used in the series of metric months as the interval [1.8, 3.3]");
    CHECK(fs[2].code == "series-fraction-value");
    CHECK(fs[2].record == "share-2015");
    CHECK(fs[2].message == "the fraction 1/4 (exact) is used in the series of metric share as the interval [0.25, 0.25]");
    CHECK(fs[3].code == "series-fraction-value");
    CHECK(fs[3].record == "share-2019");
    // single-2019 is a range but not part of a series of two or more points: no finding.
}

TEST_CASE("mixed units and subjects are findings; no change across units", "[stats]") {
    Dataset d;
    Metric m = metric("m");
    m.subject = "acme";
    d.metrics = {m};
    d.figures = {
        fig("m-2015", "m", num(100), "2015"),
        fig("m-2017", "m", num(3), "2017", Qualifier::exact, Status::actual, "item"),
        fig("m-2019", "m", num(200), "2019"),
    };
    d.figures[2].subject = "other";
    const SeriesSummary s = stats::summarize(d, "m");
    CHECK_FALSE(s.has_change);
    CHECK_FALSE(s.multiple.has_value());
    CHECK(has_note(s, "change not computed: the figures are in different units (item, person)"));

    const std::vector<Finding> fs = stats::findings(d);
    INFO(finding_text(fs));
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].severity == Severity::warning);
    CHECK(fs[0].code == "series-mixed-units");
    CHECK(fs[0].record == "m");
    CHECK(fs[0].message == "figures of metric m are in 2 units: item (m-2017); person (m-2015, m-2019)");
    CHECK(fs[1].severity == Severity::warning);
    CHECK(fs[1].code == "series-mixed-subjects");
    CHECK(fs[1].message == "actual figures of metric m are about different subjects: acme (m-2015, m-2017); other (m-2019)");
}

TEST_CASE("open-start points and unresolved dates are findings", "[stats]") {
    Dataset d = sensetime();
    Figure unresolved = fig("sensetime-headcount-rel", "sensetime-headcount", num(600), "2020");
    unresolved.date.relative = RelativeDate{"P1Y", Precision::year, true};
    unresolved.date.resolved = false;
    d.figures.push_back(unresolved);

    const SeriesSummary s = stats::summarize(d, "sensetime-headcount");
    CHECK(s.points.size() == 2);
    CHECK(has_note(s, "1 actual figure with an unresolved date left out: sensetime-headcount-rel"));

    const std::vector<Finding> fs = stats::findings(d);
    INFO(finding_text(fs));
    REQUIRE(fs.size() == 3);
    CHECK(fs[0].code == "series-mixed-qualifiers");
    CHECK(fs[1].code == "series-open-start");
    CHECK(fs[1].record == "sensetime-headcount-start");
    CHECK(fs[1].message ==
          "sensetime-headcount-start has an open start date (../2019-H1): it has no year, so no CAGR of metric "
          "sensetime-headcount is computed from it");
    CHECK(fs[2].code == "series-undated");
    CHECK(fs[2].severity == Severity::warning);
    CHECK(fs[2].record == "sensetime-headcount-rel");
}

TEST_CASE("counts by lane, year and metric", "[stats]") {
    Dataset d;
    d.lanes = {lane("industry"), lane("research"), lane("film")};
    d.metrics = {metric("m1"), metric("m2")};
    d.sources.resize(2);
    d.entities.resize(3);
    d.eras.resize(1);
    d.eras[0].date = on("2018/2020");
    d.events = {
        event("e1", "research", "2019-05-24"),
        event("e2", "industry", "2018/2020"),  // several years: counted in 2018
        event("e3", "industry", "../2019"),    // open start: not counted by year
        event("e4", "research", "1980s"),      // a decade: counted in 1980
        event("e5", "zeta", "2019"),           // lane not defined: listed after the lanes
        event("e6", "alpha", "2019-H2"),
        event("e7", "industry", "2019/.."),    // open end: counted in 2019
    };
    Event relative = event("e8", "research", "2002~");
    relative.date.relative = RelativeDate{"-P6Y", Precision::year, true};
    relative.date.when.derived = true;
    d.events.push_back(relative);
    Event unresolved = event("e9", "research", "2002");
    unresolved.date.relative = RelativeDate{"-P6Y", Precision::year, true};
    unresolved.date.resolved = false;
    d.events.push_back(unresolved);
    d.figures = {fig("f1", "m2", num(1), "2019"), fig("f2", "m2", num(2), "2020"), fig("f3", "mx", num(3), "2020"),
                 fig("f4", "m2", num(3), "2024", Qualifier::exact, Status::plan)};
    d.figures[3].date.relative = RelativeDate{"P5Y", Precision::year, true};
    d.figures[3].date.when.derived = true;

    const Counts c = stats::count(d);
    using LaneCount = std::vector<std::pair<std::string, int>>;
    using YearCount = std::vector<std::pair<int, int>>;
    CHECK(c.by_lane == LaneCount{{"industry", 3}, {"research", 4}, {"film", 0}, {"alpha", 1}, {"zeta", 1}});
    CHECK(c.by_year == YearCount{{1980, 1}, {2002, 1}, {2018, 1}, {2019, 4}});
    CHECK(c.by_metric == LaneCount{{"m1", 0}, {"m2", 3}, {"mx", 1}});
    CHECK(c.events == 9);
    CHECK(c.figures == 4);
    CHECK(c.sources == 2);
    CHECK(c.entities == 3);
    CHECK(c.eras == 1);
    CHECK(c.derived_dates == 3);  // e8, e9 (relative, even unresolved) and f4
    CHECK(c.open_start_events == 1);
    CHECK(c.undated_events == 1);
    CHECK(c.multi_year_events == 3);  // e2, e4, e7
    CHECK(c.notes == std::vector<std::string>{"1 event with an open start not counted by year",
                                              "1 event with an unresolved date not counted by year",
                                              "3 events spanning more than one year counted in the year they start"});

    const Counts empty = stats::count(Dataset{});
    CHECK(empty.by_lane.empty());
    CHECK(empty.by_year.empty());
    CHECK(empty.events == 0);
    CHECK(empty.notes.empty());
}

TEST_CASE("statistics do not depend on the order of the records", "[stats]") {
    Dataset d;
    d.lanes = {lane("a"), lane("b")};
    d.metrics = {metric("m"), metric("n")};
    d.events = {event("e1", "a", "2019"), event("e2", "b", "2018"), event("e3", "a", "2018-05"), event("e4", "b", "2019")};
    d.figures = {
        fig("m-1", "m", num(100), "2015", Qualifier::about),   fig("m-2", "m", num(120), "2015"),
        fig("m-3", "m", range(2, 3), "2017"),                  fig("m-4", "m", num(300), "2019", Qualifier::over),
        fig("m-5", "m", num(400), "2021", Qualifier::exact, Status::plan),
        fig("n-1", "n", frac(1, 3), "2016", Qualifier::exact, Status::actual, "share"),
        fig("n-2", "n", num(0.5), "../2019", Qualifier::nearly, Status::actual, "share"),
    };
    auto snapshot = [](const Dataset& data) {
        std::string out;
        for (const SeriesSummary& s : stats::summarize_all(data)) {
            out += s.metric + ":";
            for (const auto& p : s.points) out += " " + p.figure->id + "=" + p.value.bounds.debug();
            out += " change=" + s.change.bounds.debug();
            if (s.multiple) out += " multiple=" + s.multiple->bounds.debug();
            if (s.cagr) out += " cagr=" + s.cagr->bounds.debug();
            for (const std::string& n : s.notes) out += " | " + n;
            for (const Figure* f : stats::planned(data, s.metric)) out += " planned " + f->id;
            out += "\n";
        }
        out += finding_text(stats::findings(data));
        const Counts c = stats::count(data);
        for (const auto& [lane_id, n] : c.by_lane) out += lane_id + "=" + std::to_string(n) + " ";
        for (const auto& [year, n] : c.by_year) out += std::to_string(year) + "=" + std::to_string(n) + " ";
        return out;
    };
    const std::string reference = snapshot(d);
    CHECK(reference == snapshot(d));
    std::mt19937 rng(7);
    for (int round = 0; round < 20; ++round) {
        Dataset shuffled = d;
        std::shuffle(shuffled.figures.begin(), shuffled.figures.end(), rng);
        std::shuffle(shuffled.events.begin(), shuffled.events.end(), rng);
        CHECK(snapshot(shuffled) == reference);
    }
}

TEST_CASE("the seed data set: SenseTime figures", "[stats]") {
    Diagnostics diags;
    const LoadedData loaded = load_dataset({std::string(TL_SOURCE_DIR) + "/data"}, diags);
    INFO(diags.size() << " diagnostics");
    CHECK_FALSE(diags.has_errors());
    const Dataset& d = loaded.dataset;

    const SeriesSummary headcount = stats::summarize(d, "sensetime-headcount");
    CHECK(ids(headcount) == std::vector<std::string>{"sensetime-headcount-start", "sensetime-headcount-2019h1"});
    CHECK(headcount.change.bounds.debug() == "(486, inf)");
    REQUIRE(headcount.multiple.has_value());
    CHECK(headcount.multiple->bounds.debug() == "(35.714285714285715, inf)");
    CHECK_FALSE(headcount.cagr.has_value());

    const Figure* rd = nullptr;
    const Figure* staff = nullptr;
    for (const Figure& f : d.figures) {
        if (f.id == "sensetime-rd-staff-2019h1") rd = &f;
        if (f.id == "sensetime-headcount-2019h1") staff = &f;
    }
    REQUIRE(rd != nullptr);
    REQUIRE(staff != nullptr);
    CHECK(stats::share(*rd, *staff).bounds.debug() == "(0, 0.7)");

    // The planned investment is a plan, never a point.
    CHECK(stats::summarize(d, "sensetime-sh-investment-plan").points.empty());
    CHECK(stats::planned(d, "sensetime-sh-investment-plan").size() == 1);

    const Counts c = stats::count(d);
    CHECK(c.events == static_cast<int>(d.events.size()));
    CHECK(c.by_lane.size() >= d.lanes.size());
    int by_lane_total = 0;
    for (const auto& [lane_id, n] : c.by_lane) by_lane_total += n;
    CHECK(by_lane_total == c.events);
    int by_year_total = 0;
    for (const auto& [year, n] : c.by_year) by_year_total += n;
    CHECK(by_year_total + c.open_start_events + c.undated_events == c.events);
    CHECK(c.derived_dates > 0);
}
