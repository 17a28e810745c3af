// Pieces shared by the chart kinds (chart.cpp, chart_bar.cpp, chart_xy.cpp): text blocks in
// the report's language mode, value scales, the legend, the key of marks and the source line.
// Internal to the graphics module.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "draw/setter.h"
#include "graphics/graphics.h"
#include "graphics/palette.h"
#include "graphics/ticks.h"
#include "i18n/messages.h"
#include "theme/theme.h"

namespace timeline::graphics::chart {

using layout::Item;

// The theme's values the charts use.
struct Look {
    explicit Look(const theme::Theme& t);
    layout::Color ink, muted, axis, grid, paper;
    double w_axis, w_grid, w_mark, w_thin, w_outline, w_series, w_slope, w_span, w_halo, w_dotted, w_arrow;  // rules
    double gap;            // between a mark and its label
    double column_gap;     // bar charts: between the category column and the bars
    double row_gap;        // bar charts: between rows
    double legend_mark;    // legend: between a swatch and its label
    double legend_entry;   // legend: between entries
    double legend_row;     // legend: between rows
    double marker;         // series markers
    double legend_marker;  // markers in the legend
    double up_arrow;       // the arrow above a lower bound
    double arrow_head;
    double cap;            // half-length of whisker ends
    double span_cap;       // half-length of the ends of a point's span
    double bar, bar_dense; // bar thickness (more than 12 bars: dense)
    double bar_arrow;      // the arrow past a bar that is a lower bound
    double swatch_w, swatch_h, line_swatch;
    double pattern, planned_pattern;  // spacing of fill patterns; of the hatching of planned values
    double tick;
};

// The lower end of a point's bounds as drawn: `low`, or the value itself when the value has
// no lower bound ("under -5" is (-inf, -5): no whisker below, the label says "under").
inline double drawn_low(const report::ChartPoint& pt) { return std::isfinite(pt.low) ? pt.low : pt.value; }

// One line of text as it will be set: the broken line, its style and width.
struct TextLine {
    text::LayoutLine line;
    draw::TextStyle ts;
    double width = 0;
    std::string raw;  // when set: one unbroken line set as it is ("亿元 / 100 million yuan")
};

// Lines stacked at their style's line height.
struct TextBlock {
    std::vector<TextLine> lines;
    double width = 0;
    double height = 0;
    bool empty() const { return lines.empty(); }
};

// How a block is set against x: its left edge, centre or right edge.
using draw::HAlign;

class Painter {
public:
    Painter(const Frame& frame, draw::Setter& setter);

    const Frame& frame() const { return frame_; }
    draw::Setter& setter() { return setter_; }
    LangMode mode() const { return frame_.mode; }
    // The language of single-language text (zh in bi mode, for scales and numbers).
    Lang lang() const { return frame_.mode == LangMode::en ? Lang::en : Lang::zh; }

    const theme::Theme& theme() const { return setter_.theme(); }
    const Look look;
    const draw::TextStyle& primary;    // values, categories
    const draw::TextStyle& secondary;  // the English line under Chinese in bi mode
    const draw::TextStyle& axis;       // ticks and units
    const draw::TextStyle& note;       // source line, key

    // A bilingual text as lines in the mode: zh / en mode one language; bi mode the Chinese
    // in `first` and the English in `second` below it, or "zh / en" on one line in `first`
    // when that is at most `join_width` wide. Each language is broken at `wrap_width`
    // (0: never). Identical zh and en (numbers, citation marks) are shown once.
    TextBlock block(const report::BiText& text, const draw::TextStyle& first, const draw::TextStyle& second,
                    double wrap_width = 0, double join_width = 0) const;
    // One language's text, broken at `wrap_width` (0: never).
    TextBlock block(const std::string& text, Lang lang, const draw::TextStyle& ts, double wrap_width = 0) const;
    static void append(TextBlock& to, const TextBlock& more);
    // A unit label (axis units: "亿元", "billion passengers") in the axis style: lines broken
    // only at spaces, never inside a word or a Chinese unit, so the block may be wider than
    // `width` when one word is; in bi mode "zh / en" on one line when that fits `width`.
    TextBlock unit_block(const report::BiText& text, double width) const;

    // Sets a block with its top at `top` and x its left edge, centre or right edge.
    void draw(const TextBlock& b, double x, double top, HAlign align = HAlign::left);

    void line(double x1, double y1, double x2, double y2, double width, layout::Color color,
              std::vector<double> dash = {});
    void rect(double x, double y, double w, double h, std::optional<layout::Color> fill,
              std::optional<layout::Color> stroke = std::nullopt, double stroke_width = 0.5);
    void polygon(layout::Polygon p) { items.emplace_back(std::move(p)); }
    // A filled arrow head with its tip at (x, y) pointing in direction (dx, dy) (unit vector).
    void arrow_head(double x, double y, double dx, double dy, double length, layout::Color color);

    std::vector<Item> items;

private:
    const Frame& frame_;
    draw::Setter& setter_;
};

// A fixed text of the message catalogue in both languages.
report::BiText fixed(i18n::Msg id);

// The unit shown on a value axis scaled by `factor_zh` (Chinese, and bi mode) or
// `factor_en` (English): "亿元", "billion yuan", bi "亿元 / 100 million yuan".
report::BiText axis_unit_text(const report::BiText& unit, double factor_zh, double factor_en, LangMode mode);

// Scale of a value axis in the mode: en mode the English scale, zh and bi the Chinese one
// (bi shows one set of numbers for both languages, so its English unit names the Chinese
// scale: "100 million yuan").
double axis_factor(double max_abs, LangMode mode);

// Marks explained in the key under a chart.
struct KeyMarks {
    bool planned = false;    // hatched bars: target, plan or estimate
    bool open_high = false;  // arrow: a lower bound ("over", "at least")
    bool range = false;      // whisker: the range the value is known within
    bool open_start = false; // dotted: a period with an open start
};

// The legend of several series (marker, line or swatch and label) and the key of marks,
// wrapped in rows across `width`; drawn at `top`, returns the height used.
struct LegendEntry {
    report::BiText label;
    std::size_t style = 0;  // index of the theme's series styles
};
enum class Swatch { bar, line };
double draw_legend(Painter& p, const std::vector<LegendEntry>& entries, Swatch swatch, const KeyMarks& key,
                   double top, double width);

// The source line, wrapped across `width`, at `top`; returns the height used.
double draw_source(Painter& p, const report::BiText& source, double top, double width);

// The bar chart (chart_bar.cpp) and the line and slope charts (chart_xy.cpp): the plot and
// its axes, from `top`; they return the bottom of what they drew and fill `key`. Bars take
// the room their labels need; line and slope plots fit `height_budget`.
double draw_bars(Painter& p, const report::ChartData& data, double top, KeyMarks& key);
double draw_line(Painter& p, const report::ChartData& data, double top, double height_budget, KeyMarks& key);
double draw_slope(Painter& p, const report::ChartData& data, double top, double height_budget, KeyMarks& key);

// Whether a point's status is anything but an actual figure.
bool is_planned(const report::ChartPoint& pt);
// The localized status ("target" / "目标"), empty for actual figures.
report::BiText status_text(const report::ChartPoint& pt);

}  // namespace timeline::graphics::chart
