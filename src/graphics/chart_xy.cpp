// Charts over a vertical value axis: slope charts (from → to, e.g. a headcount of 14 that
// became over 500) and line charts (a series over time).
//
// Line charts place every figure as the span its date denotes (PRODUCT §1.2): a year is a
// horizontal segment across that year with the marker at its middle, a day a marker alone;
// an open start is a dotted segment from the axis' start with an arrow. Lines join the
// middles. Bounds are drawn as in bar charts: a whisker over a known range, an arrow up for
// a lower bound.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <vector>

#include <date/date.h>

#include "graphics/chart_common.h"
#include "i18n/format.h"

namespace timeline::graphics::chart {

namespace {


// The value axis on the left: nice ticks, labels, unit.
struct ValueAxis {
    Ticks ticks;
    double factor = 1;
    std::vector<TextBlock> labels;
    double label_w = 0;
    TextBlock unit;
};

ValueAxis value_axis(Painter& p, const report::ChartData& data, double unit_width) {
    ValueAxis a;
    double lo = 0, hi = 0;
    for (const auto& s : data.series)
        for (const auto& pt : s.points) {
            lo = std::min({lo, pt.value, drawn_low(pt)});
            hi = std::max({hi, pt.value, pt.open_high ? pt.value : pt.high});
        }
    a.ticks = nice_ticks(lo, hi, 6);
    a.factor = axis_factor(std::max(std::abs(a.ticks.lo()), std::abs(a.ticks.hi())), p.mode());
    const int decimals = tick_decimals(a.ticks.step, a.factor);
    for (double t : a.ticks.values) {
        a.labels.push_back(p.block(tick_label(t, a.factor, decimals, p.lang()), p.lang(), p.axis));
        a.label_w = std::max(a.label_w, a.labels.back().width);
    }
    a.unit = p.unit_block(axis_unit_text(data.unit, a.factor, a.factor, p.mode()), unit_width);
    return a;
}

// Draws gridlines from x1 to x2 and tick labels right-aligned at label_w.
template <typename Y>
void draw_value_axis(Painter& p, const ValueAxis& a, Y y_of, double x1, double x2) {
    for (std::size_t i = 0; i < a.ticks.values.size(); ++i) {
        const double y = y_of(a.ticks.values[i]);
        const bool base = a.ticks.values[i] == 0 || i == 0;
        p.line(x1, y, x2, y, base ? p.look.w_axis : p.look.w_grid, base ? p.look.axis : p.look.grid);
        p.draw(a.labels[i], a.label_w, y - a.labels[i].height / 2, HAlign::right);
    }
}

// A placed label block: wanted centre, height, and the top it ends up at.
struct Slot {
    double want = 0;
    double height = 0;
    double top = 0;
    std::size_t index = 0;
};

// Moves label blocks in one column apart so none overlaps the next (1 pt apart), keeping
// them within [lo, hi] where they fit; each ends as near its wanted centre as it can.
void spread(std::vector<Slot>& slots, double lo, double hi) {
    std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.want < b.want; });
    for (auto& s : slots) s.top = s.want - s.height / 2;
    for (std::size_t i = 1; i < slots.size(); ++i)
        slots[i].top = std::max(slots[i].top, slots[i - 1].top + slots[i - 1].height + 1);
    if (!slots.empty() && slots.back().top + slots.back().height > hi) {
        slots.back().top = hi - slots.back().height;
        for (std::size_t i = slots.size() - 1; i-- > 0;)
            slots[i].top = std::min(slots[i].top, slots[i + 1].top - slots[i].height - 1);
    }
    if (!slots.empty() && slots.front().top < lo) {
        slots.front().top = lo;
        for (std::size_t i = 1; i < slots.size(); ++i)
            slots[i].top = std::max(slots[i].top, slots[i - 1].top + slots[i - 1].height + 1);
    }
}

// The whisker or arrow of a point's bounds at x, on the value scale y_of.
template <typename Y>
void draw_bounds(Painter& p, const report::ChartPoint& pt, double x, Y y_of, KeyMarks& key) {
    const bool ranged = drawn_low(pt) < pt.value || (!pt.open_high && pt.high > pt.value);
    if (ranged) {
        key.range = true;
        const double yl = y_of(drawn_low(pt)), yh = y_of(pt.open_high ? pt.value : pt.high);
        const Look& L = p.look;
        p.line(x, yl, x, yh, L.w_mark, L.ink);
        p.line(x - L.cap, yl, x + L.cap, yl, L.w_mark, L.ink);
        if (!pt.open_high) p.line(x - L.cap, yh, x + L.cap, yh, L.w_mark, L.ink);
    }
    if (pt.open_high) {
        key.open_high = true;
        const Look& L = p.look;
        const double y = y_of(pt.value) - L.marker / 2 - 1;
        p.line(x, y, x, y - L.up_arrow + 4, L.w_mark, L.ink);
        p.arrow_head(x, y - L.up_arrow, 0, -1, L.arrow_head, L.ink);
    }
}

void draw_marker(Painter& p, std::size_t style, double x, double y) {
    const auto& st = p.theme().series(style);
    p.polygon(palette::marker(st.marker, x, y, p.look.marker, st.fill, p.look.paper, p.look.w_mark));
}

// Days since 1970-01-01.
long day_number(date::sys_days d) { return d.time_since_epoch().count(); }

long jan1(int year) { return day_number(date::sys_days{date::year{year} / date::January / 1}); }

int year_of(long day) { return static_cast<int>(date::year_month_day{date::sys_days{date::days{day}}}.year()); }

}  // namespace

double draw_slope(Painter& p, const report::ChartData& data, double top, double height_budget, KeyMarks& key) {
    const Look& L = p.look;
    const double width = p.frame().width;
    const ValueAxis axis = value_axis(p, data, width * 0.3);

    // The first series with points names the two columns.
    const report::ChartPoint* from = nullptr;
    const report::ChartPoint* to = nullptr;
    for (const auto& s : data.series)
        if (!s.points.empty() && !from) {
            from = &s.points.front();
            to = &s.points.back();
        }
    if (!from) return top;
    const bool two = from != to;

    // Value labels of every series' ends.
    double left_w = 0, right_w = 0;
    std::vector<TextBlock> left, right;
    for (const auto& s : data.series) {
        left.push_back(s.points.size() > 1 ? p.block(s.points.front().label, p.primary, p.secondary) : TextBlock{});
        right.push_back(s.points.empty() ? TextBlock{} : p.block(s.points.back().label, p.primary, p.secondary));
        left_w = std::max(left_w, left.back().width);
        right_w = std::max(right_w, right.back().width);
    }

    // Columns: left labels | left column … right column | right labels, at most 240 pt apart.
    const double xa = axis.label_w + 14 + left_w + L.gap + L.marker;
    double xb = width - right_w - L.gap - L.marker;
    xb = std::min(xb, xa + 240);
    const double grid_right = xb + L.marker + L.gap + right_w;

    // The unit above the tick labels; the two columns' dates under the plot.
    const TextBlock head_a = two ? p.block(from->when, p.primary, p.secondary, 150) : TextBlock{};
    const TextBlock head_b = p.block(to->when, p.primary, p.secondary, 150);
    p.draw(axis.unit, 0, top);

    const double plot_top = top + axis.unit.height + 6 + L.up_arrow;
    const double plot_h = std::clamp(height_budget - (plot_top - top) - 40, 90.0, 140.0);
    const double plot_bottom = plot_top + plot_h;
    const double lo = axis.ticks.lo(), hi = axis.ticks.hi();
    auto Y = [&](double v) { return plot_bottom - (v - lo) / (hi - lo) * plot_h; };

    draw_value_axis(p, axis, Y, axis.label_w + 6, grid_right);
    if (two) p.line(xa, plot_top - L.up_arrow, xa, plot_bottom + L.tick, L.w_axis, L.axis);
    p.line(xb, plot_top - L.up_arrow, xb, plot_bottom + L.tick, L.w_axis, L.axis);

    std::vector<Slot> lslots, rslots;
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        const auto& pts = data.series[i].points;
        if (pts.empty()) continue;
        const auto& st = p.theme().series(i);
        const auto& a = pts.front();
        const auto& b = pts.back();
        if (pts.size() > 1) {
            p.line(xa, Y(a.value), xb, Y(b.value), L.w_slope, st.stroke, st.dash);
            draw_bounds(p, a, xa, Y, key);
            draw_marker(p, i, xa, Y(a.value));
            lslots.push_back({Y(a.value), left[i].height, 0, i});
        }
        draw_bounds(p, b, xb, Y, key);
        draw_marker(p, i, xb, Y(b.value));
        rslots.push_back({Y(b.value), right[i].height, 0, i});
    }
    spread(lslots, plot_top - L.up_arrow, plot_bottom + 6);
    spread(rslots, plot_top - L.up_arrow, plot_bottom + 6);
    // Value labels on a white ground, so gridlines do not run through them.
    auto label = [&](const TextBlock& b, double x, double y, HAlign align) {
        const double left_edge = align == HAlign::right ? x - b.width : x;
        p.rect(left_edge - 1.5, y, b.width + 3, b.height, L.paper);
        p.draw(b, x, y, align);
    };
    for (const auto& s : lslots) label(left[s.index], xa - L.marker - L.gap + 2, s.top, HAlign::right);
    for (const auto& s : rslots) label(right[s.index], xb + L.marker + L.gap - 2, s.top, HAlign::left);
    double bottom = plot_bottom + 6;
    for (const auto& s : lslots) bottom = std::max(bottom, s.top + s.height);
    for (const auto& s : rslots) bottom = std::max(bottom, s.top + s.height);
    bottom += 2;
    if (two) p.draw(head_a, xa, bottom, HAlign::center);
    p.draw(head_b, xb, bottom, HAlign::center);
    return bottom + std::max(head_a.height, head_b.height);
}

namespace {

// A point's span in days [a, b); an open start has no a.
struct Span {
    std::optional<long> a;
    long b = 0;
};

// Every point's span (nullopt: a point without any date end), and the days they cover.
struct TimeDomain {
    std::vector<std::vector<std::optional<Span>>> spans;  // per series, per point
    long first = 0, end = 0;
    bool any = false;
};

TimeDomain time_domain(const report::ChartData& data) {
    TimeDomain d;
    for (const auto& s : data.series) {
        d.spans.emplace_back();
        for (const auto& pt : s.points) {
            const auto first_day = pt.date.first_day();
            const auto last_day = pt.date.last_day();
            const std::optional<long> a = first_day ? std::optional<long>(day_number(*first_day)) : std::nullopt;
            if (!last_day && !a) {
                d.spans.back().push_back(std::nullopt);
                continue;
            }
            // An open end is drawn as its start.
            const Span sp{a, last_day ? day_number(*last_day) + 1 : *a + 1};
            d.spans.back().push_back(sp);
            const long first = sp.a ? *sp.a : sp.b - 1;
            d.first = d.any ? std::min(d.first, first) : first;
            d.end = d.any ? std::max(d.end, sp.b) : sp.b;
            d.any = true;
        }
    }
    return d;
}

// A rectangle a value label should not cover (a label, a mark, a sample of a line).
struct Taken {
    double x1, y1, x2, y2;
    bool covers(double x, double y, double w, double h) const { return !(x + w <= x1 || x >= x2 || y + h <= y1 || y >= y2); }
    bool mark() const { return x2 - x1 > 2; }  // labels and marks; line samples are smaller
};

// What a chart has drawn so far, found by place: a grid of cells, each listing the boxes
// that reach into it, so that a label's candidate place is checked against its neighbours
// only (a monthly series has thousands of line samples and hundreds of labels).
class TakenSet {
public:
    void add(const Taken& t) {
        const auto index = static_cast<std::uint32_t>(all_.size());
        all_.push_back(t);
        seen_.push_back(0);
        each_cell(t.x1, t.y1, t.x2, t.y2, [&](std::vector<std::uint32_t>& cell) { cell.push_back(index); });
    }

    // Calls f(box) once for every box that covers the rectangle.
    template <typename F>
    void covering(double x, double y, double w, double h, F f) const {
        ++query_;
        each_cell(x, y, x + w, y + h, [&](const std::vector<std::uint32_t>& cell) {
            for (const std::uint32_t k : cell) {
                if (seen_[k] == query_) continue;
                seen_[k] = query_;
                if (all_[k].covers(x, y, w, h)) f(all_[k]);
            }
        });
    }

private:
    static constexpr double kCell = 16;  // pt
    std::vector<Taken> all_;
    mutable std::vector<std::uint64_t> seen_;  // the last query that met each box
    mutable std::uint64_t query_ = 0;
    mutable std::unordered_map<std::int64_t, std::vector<std::uint32_t>> cells_;

    template <typename F>
    void each_cell(double x1, double y1, double x2, double y2, F f) const {
        const auto c0 = static_cast<std::int64_t>(std::floor(x1 / kCell)), c1 = static_cast<std::int64_t>(std::floor(x2 / kCell));
        const auto r0 = static_cast<std::int64_t>(std::floor(y1 / kCell)), r1 = static_cast<std::int64_t>(std::floor(y2 / kCell));
        for (std::int64_t r = r0; r <= r1; ++r)
            for (std::int64_t c = c0; c <= c1; ++c) f(cells_[(r << 32) ^ (c & 0xFFFFFFFF)]);
    }
};

// A value label waiting for its place: its block and the point it belongs to.
struct Pending {
    TextBlock block;
    double x, y;
    report::BiText label;
};

// The time axis under the plot: ticks at year boundaries; yearly steps are labelled in the
// middle of the year they stand for, longer steps at the tick. Returns the labels' height.
template <typename XOf>
double draw_time_axis(Painter& p, const std::vector<int>& years, XOf X, double plot_bottom) {
    const Look& L = p.look;
    const int year_step = years.size() > 1 ? years[1] - years[0] : 1;
    // Years read the same in both languages; zh mode writes "2018年".
    const Lang year_lang = p.mode() == LangMode::zh ? Lang::zh : Lang::en;
    double axis_h = 0;
    for (std::size_t i = 0; i < years.size(); ++i) {
        const double x = X(static_cast<double>(jan1(years[i])));
        p.line(x, plot_bottom, x, plot_bottom + L.tick, L.w_axis, L.axis);
        double lx = x;
        if (year_step == 1) {
            if (i + 1 == years.size()) break;
            lx = (x + X(static_cast<double>(jan1(years[i + 1])))) / 2;
        }
        const TextBlock b = p.block(i18n::format_year(years[i], year_lang), year_lang, p.axis);
        p.draw(b, lx, plot_bottom + 4, HAlign::center);
        axis_h = std::max(axis_h, b.height);
    }
    return axis_h;
}

// The series: spans, joining lines, bounds and markers. Marks and lines go to `taken` and
// `segments`, the value labels to `labels` (placed afterwards).
template <typename XOf, typename YOf>
void draw_series(Painter& p, const report::ChartData& data, const TimeDomain& domain, XOf X, YOf Y, double plot_left,
                 KeyMarks& key, TakenSet& taken, std::vector<Taken>& segments, std::vector<Pending>& labels) {
    const Look& L = p.look;
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        const auto& st = p.theme().series(i);
        const auto& pts = data.series[i].points;
        std::optional<std::pair<double, double>> prev;
        for (std::size_t j = 0; j < pts.size(); ++j) {
            if (!domain.spans[i][j]) continue;
            const Span sp = *domain.spans[i][j];
            const double y = Y(pts[j].value);
            const double xb = X(static_cast<double>(sp.b));
            double xm;
            if (!sp.a) {
                key.open_start = true;
                p.line(plot_left + 5, y, xb, y, L.w_dotted, st.stroke, {1, 2});
                p.arrow_head(plot_left, y, -1, 0, L.arrow_head, st.stroke);
                xm = xb;
            } else {
                const double xa = X(static_cast<double>(*sp.a));
                xm = (xa + xb) / 2;
                if (xb - xa > 2) {
                    p.line(xa, y, xb, y, L.w_span, palette::tint(st.fill, 0.35));
                    p.line(xa, y - L.span_cap, xa, y + L.span_cap, L.w_thin, st.stroke);
                    p.line(xb, y - L.span_cap, xb, y + L.span_cap, L.w_thin, st.stroke);
                }
            }
            if (prev) {
                p.line(prev->first, prev->second, xm, y, L.w_series, st.stroke, st.dash);
                segments.push_back({prev->first, prev->second, xm, y});
            }
            if (sp.a) segments.push_back({X(static_cast<double>(*sp.a)), y, xb, y});
            else segments.push_back({plot_left, y, xb, y});
            prev = std::pair{xm, y};
            draw_bounds(p, pts[j], xm, Y, key);
            draw_marker(p, i, xm, y);
            taken.add({xm - L.marker / 2, y - L.marker / 2 - (pts[j].open_high ? L.up_arrow : 0), xm + L.marker / 2,
                       y + L.marker / 2});
            labels.push_back({p.block(pts[j].label, p.primary, p.secondary), xm, y, pts[j].label});
        }
    }
}

// Where a value label goes: beside its point where it covers no other label or mark (above
// the point and its arrow, below, right, left, further out), else where it covers the
// fewest lines; never outside the plot. Cost: 1 per line sample covered, 1.5 per point of
// distance between the point and the label's nearest edge, 100,000 for a label or mark.
struct Place {
    double x = 0, y = 0;
    double cost = -1;
    bool clear() const { return cost >= 0 && cost < 100000; }
};

Place place_label(const Pending& l, const TakenSet& taken, double r, double up_arrow, double min_x, double width,
                  double top, double plot_bottom) {
    const double w = l.block.width, h = l.block.height;
    const double above = l.y - r - h;
    std::vector<std::pair<double, double>> candidates = {
        {l.x - w / 2, above},           {l.x - w / 2, l.y + r},  {l.x + r + 1, l.y - h / 2},
        {l.x - r - 1 - w, l.y - h / 2}, {l.x + r, above},        {l.x - r - w, above},
        {l.x + r, l.y + r},             {l.x - r - w, l.y + r},  {l.x - w / 2, above - up_arrow}};
    // Then further away, up and down in 3 pt steps, centred, right and left of the point.
    for (double d = 3; d < plot_bottom - top; d += 3)
        for (double dy : {-d, d})
            for (double x : {l.x - w / 2, l.x + r, l.x - r - w}) candidates.emplace_back(x, (dy < 0 ? above : l.y + r) + dy);
    Place best{std::clamp(l.x - w / 2, min_x, width - w), above, -1};
    for (auto [cx, cy] : candidates) {
        cx = std::clamp(cx, min_x, width - w);
        if (cy < top || cy + h > plot_bottom - 1) continue;
        double cost = 0;
        taken.covering(cx, cy, w, h, [&](const Taken& t) { cost += t.mark() ? 100000 : 1; });
        const double dx = std::max({cx - l.x, l.x - (cx + w), 0.0});
        const double dy = std::max({cy - l.y, l.y - (cy + h), 0.0});
        cost += 1.5 * std::hypot(dx, dy);
        if (best.cost < 0 || cost < best.cost) best = {cx, cy, cost};
    }
    return best;
}

// The place of a note's number beside its point: the nearest free spot up or down, right or
// left; beside the point when there is none.
std::pair<double, double> place_number(const Pending& l, const TakenSet& taken, double r, double min_x,
                                       double width, double top, double plot_bottom) {
    const double nw = l.block.width, nh = l.block.height;
    for (double d = 0; d < plot_bottom - top; d += 2)
        for (double dy : {-d, d})
            for (double x : {l.x + r, l.x - r - nw}) {
                const double cx = std::clamp(x, min_x, width - nw), cy = l.y - nh / 2 + dy;
                if (cy < top || cy + nh > plot_bottom - 1) continue;
                bool free = true;
                taken.covering(cx, cy, nw, nh, [&](const Taken& t) { free = free && !t.mark(); });
                if (free) return {cx, cy};
            }
    return {std::clamp(l.x + r, min_x, width - nw), l.y - nh / 2};
}

}  // namespace

double draw_line(Painter& p, const report::ChartData& data, double top, double height_budget, KeyMarks& key) {
    const Look& L = p.look;
    const double width = p.frame().width;
    const ValueAxis axis = value_axis(p, data, width * 0.5);
    const TimeDomain domain = time_domain(data);
    if (!domain.any) return top;
    const std::vector<int> years = year_ticks(year_of(domain.first), year_of(domain.end - 1), 9);
    const long t0 = jan1(years.front()), t1 = jan1(years.back());

    const double plot_left = axis.label_w + 8;
    const double plot_right = width - 24;
    auto X = [&](double day) { return plot_left + (day - t0) / static_cast<double>(t1 - t0) * (plot_right - plot_left); };

    p.draw(axis.unit, 0, top);
    const double plot_top = top + axis.unit.height + 6 + L.up_arrow;
    // A crowded chart is drawn again taller until every value label finds a free place;
    // at the tallest, a label that still has none becomes a numbered note under the chart.
    const double room = height_budget - (plot_top - top) - 40;
    const double tallest = std::clamp(p.frame().page_height - (plot_top - top) - 160, 170.0, 400.0);
    const std::size_t mark = p.items.size();
    for (double plot_h = std::clamp(room, 90.0, 170.0);; plot_h = std::min(plot_h + 40, tallest)) {
        p.items.resize(mark);
        const bool last = plot_h >= tallest;
        const double plot_bottom = plot_top + plot_h;
        const double lo = axis.ticks.lo(), hi = axis.ticks.hi();
        auto Y = [&](double v) { return plot_bottom - (v - lo) / (hi - lo) * plot_h; };

        draw_value_axis(p, axis, Y, plot_left, plot_right);
        const double axis_h = draw_time_axis(p, years, X, plot_bottom);

        TakenSet taken;
        taken.add({0, top, axis.unit.width, top + axis.unit.height});
        std::vector<Taken> segments;  // lines and spans, which labels should not cover
        std::vector<Pending> labels;
        draw_series(p, data, domain, X, Y, plot_left, key, taken, segments, labels);
        for (const auto& seg : segments) {
            const double len = std::hypot(seg.x2 - seg.x1, seg.y2 - seg.y1);
            const int n = std::max(1, static_cast<int>(len / 3));
            for (int k = 0; k <= n; ++k) {
                const double x = seg.x1 + (seg.x2 - seg.x1) * k / n, y = seg.y1 + (seg.y2 - seg.y1) * k / n;
                taken.add({x - 0.8, y - 0.8, x + 0.8, y + 0.8});
            }
        }

        bool clean = true;
        std::vector<report::BiText> notes;
        const double r = L.marker / 2 + 2;
        for (auto& l : labels) {
            // Labels stay right of the tick labels.
            const double min_x = std::min(plot_left + 2, width - l.block.width);
            const Place place = place_label(l, taken, r, L.up_arrow, min_x, width, top, plot_bottom);
            std::pair<double, double> chosen{place.x, place.y};
            if (!place.clear()) {
                clean = false;
                if (!last) break;
                // A numbered note: the number where the label would have gone, the label below.
                const std::string n = std::to_string(notes.size() + 1);
                report::BiText note = l.label;
                note.zh = n + "  " + note.zh;
                note.en = n + "  " + note.en;
                notes.push_back(note);
                l.block = p.block(report::BiText{n, n}, p.primary, p.primary);
                chosen = place_number(l, taken, r, std::min(plot_left + 2, width - l.block.width), width, top, plot_bottom);
            }
            const double w2 = l.block.width, h2 = l.block.height;
            p.rect(chosen.first - 1, chosen.second, w2 + 2, h2, L.paper);
            p.draw(l.block, chosen.first, chosen.second);
            taken.add({chosen.first, chosen.second, chosen.first + w2, chosen.second + h2});
        }
        if (!clean && !last) continue;
        double bottom = plot_bottom + 4 + axis_h;
        for (const auto& note : notes) {
            const TextBlock nb = p.block(note, p.note, p.note, width, width);
            p.draw(nb, 0, bottom + 2);
            bottom += nb.height + 2;
        }
        return bottom;
    }
}

}  // namespace timeline::graphics::chart
