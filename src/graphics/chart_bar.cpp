// Bar charts: one horizontal bar per point, category labels in a column on the left (long
// bilingual labels read better beside a bar than rotated under it), the value with its
// qualifier at the end of each bar, a value axis with nice ticks and a localized unit below.
//
// Marks: a target, plan or estimate is a hatched tint, not a solid bar (it is not a past
// fact); a lower bound ("over", "at least") gets an arrow past the bar's end; a value known
// within a range ("about", "nearly", min–max) a whisker over that range.
#include <algorithm>
#include <cmath>

#include "graphics/chart_common.h"

namespace timeline::graphics::chart {

namespace {

constexpr double kValueShare = 0.3;  // a value label on one line at most this share of the chart wide

struct Row {
    const report::ChartPoint* pt = nullptr;
    std::size_t series = 0;
    report::BiText label_text;
    report::BiText meta_text;  // when and status, under the category
    TextBlock label;
    TextBlock value;
    double top = 0;
    double height = 0;
};

bool same_text(const report::BiText& a, const report::BiText& b) { return a.zh == b.zh && a.en == b.en; }

// "2018年，目标" / "2018, target".
report::BiText when_and_status(const report::ChartPoint& pt) {
    report::BiText t = pt.when;
    const report::BiText st = status_text(pt);
    if (!st.empty()) {
        t.zh = i18n::with_status(t.zh, st.zh, Lang::zh);
        t.en = i18n::with_status(t.en, st.en, Lang::en);
    }
    return t;
}

// The end of the whisker or bar furthest from zero.
double far_end(const report::ChartPoint& pt) {
    double v = pt.value;
    if (!pt.open_high && std::isfinite(pt.high)) v = std::max(v, pt.high);
    return v;
}

}  // namespace

double draw_bars(Painter& p, const report::ChartData& data, double top, KeyMarks& key) {
    const double width = p.frame().width;
    std::vector<Row> rows;
    for (std::size_t s = 0; s < data.series.size(); ++s)
        for (const auto& pt : data.series[s].points) rows.push_back({&pt, s, {}, {}, {}, {}, 0, 0});
    if (rows.empty()) return top;

    // A metric by year: every category is the same, so the bars are labelled by date; else
    // by category with the date (and status) under it.
    bool one_category = true;
    for (const auto& r : rows) one_category = one_category && same_text(r.pt->category, rows.front().pt->category);
    for (auto& r : rows) {
        if (one_category) {
            r.label_text = when_and_status(*r.pt);
        } else {
            r.label_text = r.pt->category;
            r.meta_text = when_and_status(*r.pt);
        }
    }

    // The label column: as wide as the widest label, at most 40% of the width.
    const double max_label = width * 0.4;
    double natural = 0;
    // In bi both languages of a label or value share one line where it is short enough, so that
    // a chart of many bars stays compact.
    for (const auto& r : rows) {
        natural = std::max(natural, p.block(r.label_text, p.primary, p.secondary, 0, max_label).width);
        natural = std::max(natural, p.block(r.meta_text, p.secondary, p.secondary, 0, max_label).width);
    }
    double label_w = std::min(natural, max_label);
    for (auto& r : rows) {
        r.label = p.block(r.label_text, p.primary, p.secondary, label_w, label_w);
        if (!r.meta_text.empty()) Painter::append(r.label, p.block(r.meta_text, p.secondary, p.secondary, label_w, label_w));
        r.value = p.block(r.pt->label, p.primary, p.secondary, 0, width * kValueShare);
    }

    // Value domain and ticks (bars start at zero).
    double lo = 0, hi = 0;
    for (const auto& r : rows) {
        lo = std::min({lo, r.pt->value, drawn_low(*r.pt)});
        hi = std::max({hi, r.pt->value, far_end(*r.pt)});
    }
    const Ticks ticks = nice_ticks(lo, hi, 6);
    const double factor = axis_factor(std::max(std::abs(ticks.lo()), std::abs(ticks.hi())), p.mode());
    const Lang num_lang = p.lang();
    const int decimals = tick_decimals(ticks.step, factor);
    std::vector<TextBlock> tick_labels;
    for (double t : ticks.values) tick_labels.push_back(p.block(tick_label(t, factor, decimals, num_lang), num_lang, p.axis));

    // The unit goes under the label column, which widens to hold its longest word.
    const TextBlock unit_block = p.unit_block(axis_unit_text(data.unit, factor, factor, p.mode()), label_w);
    label_w = std::max(label_w, unit_block.width);

    // Horizontal scale: the axis, and every bar with its arrow and value label, fit the width.
    const Look& L = p.look;
    const double x0 = label_w + L.column_gap;
    const double span = ticks.hi() - ticks.lo();
    double k = (width - x0 - tick_labels.back().width / 2) / span;
    for (const auto& r : rows) {
        const double end = std::max(0.0, far_end(*r.pt)) - ticks.lo();
        const double extra = (r.pt->open_high ? L.bar_arrow : 0) + L.gap + r.value.width + 2;
        if (end > 0) k = std::min(k, (width - x0 - extra) / end);
    }
    k = std::max(k, 40.0 / span);  // never a plot narrower than 40 pt
    auto X = [&](double v) { return x0 + (v - ticks.lo()) * k; };

    // Rows: each as tall as its label or value block; thinner bars when there are many.
    const double bar_h = rows.size() > 12 ? L.bar_dense : L.bar;
    double y = top + 2;
    for (auto& r : rows) {
        r.top = y;
        r.height = std::max({r.label.height, r.value.height, bar_h + 2});
        y += r.height + L.row_gap;
    }
    const double plot_top = top;
    const double plot_bottom = y - L.row_gap + 4;

    // Gridlines behind everything, then the zero line.
    for (double t : ticks.values) p.line(X(t), plot_top, X(t), plot_bottom, L.w_grid, L.grid);
    const bool one_series = data.series.size() == 1;
    for (const auto& r : rows) {
        const auto& st = p.theme().series(one_series ? 0 : r.series);
        const double cy = r.top + r.height / 2;
        const double by = cy - bar_h / 2;
        const double xa = X(std::min(0.0, r.pt->value)), xb = X(std::max(0.0, r.pt->value));
        if (is_planned(*r.pt)) {
            key.planned = true;
            p.rect(xa, by, xb - xa, bar_h, palette::tint(st.fill, palette::kPlannedTint));
            for (auto& it : palette::pattern_items(theme::Pattern::hatch_diagonal, xa, by, xb - xa, bar_h, st.stroke,
                                                   L.planned_pattern, L.w_outline))
                p.items.push_back(it);
            p.rect(xa, by, xb - xa, bar_h, std::nullopt, st.stroke, L.w_outline);
        } else {
            p.rect(xa, by, xb - xa, bar_h, st.fill);
            if (!one_series && st.pattern != theme::Pattern::solid)
                for (auto& it : palette::pattern_items(st.pattern, xa, by, xb - xa, bar_h, st.stroke, L.pattern, L.w_outline))
                    p.items.push_back(it);
        }
        double label_x = xb;
        // A known range: a whisker with a white halo, so it shows on dark bars too.
        const bool ranged = drawn_low(*r.pt) < r.pt->value || (!r.pt->open_high && r.pt->high > r.pt->value);
        if (ranged) {
            key.range = true;
            const double wl = X(drawn_low(*r.pt)), wh = X(r.pt->open_high ? r.pt->value : r.pt->high);
            p.line(wl, cy, wh, cy, L.w_halo, L.paper);
            p.line(wl, cy, wh, cy, L.w_mark, L.ink);
            p.line(wl, cy - L.cap, wl, cy + L.cap, L.w_mark, L.ink);
            if (!r.pt->open_high) p.line(wh, cy - L.cap, wh, cy + L.cap, L.w_mark, L.ink);
            label_x = std::max(label_x, wh);
        }
        if (r.pt->open_high) {
            key.open_high = true;
            p.line(label_x, cy, label_x + L.bar_arrow - 4, cy, L.w_mark, L.ink);
            p.arrow_head(label_x + L.bar_arrow, cy, 1, 0, L.arrow_head, L.ink);
            label_x += L.bar_arrow;
        }
        // The value label, on a white ground so gridlines do not run through it.
        const double vx = label_x + L.gap;
        const double vy = cy - r.value.height / 2;
        p.rect(vx - 1.5, vy, r.value.width + 3, r.value.height, L.paper);
        p.draw(r.value, vx, vy);
        // The category label, centred on the bar.
        p.draw(r.label, 0, cy - r.label.height / 2);
    }
    // Zero line and value axis.
    p.line(X(0), plot_top, X(0), plot_bottom, L.w_axis, L.axis);
    p.line(X(ticks.lo()), plot_bottom, X(ticks.hi()), plot_bottom, L.w_axis, L.axis);
    double axis_h = 0;
    for (std::size_t i = 0; i < ticks.values.size(); ++i) {
        const double x = X(ticks.values[i]);
        p.line(x, plot_bottom, x, plot_bottom + L.tick, L.w_axis, L.axis);
        p.draw(tick_labels[i], x, plot_bottom + 4, HAlign::center);
        axis_h = std::max(axis_h, tick_labels[i].height);
    }
    // The unit, right-aligned under the label column, level with the tick labels.
    p.draw(unit_block, label_w, plot_bottom + 4, HAlign::right);
    axis_h = std::max(axis_h, unit_block.height);
    return plot_bottom + 4 + axis_h;
}

}  // namespace timeline::graphics::chart
