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

namespace timeline::graphics::chart {

using layout::Item;

// Type sizes and spacing of charts, points. Text is never below 7 pt (PRODUCT §5).
inline constexpr double kLabelSize = 8;    // theme style "label": ticks, values, categories
inline constexpr double kNoteSize = 7.5;   // source line and key
inline constexpr double kRule = 0.5;       // axis rules
inline constexpr double kGrid = 0.25;      // gridlines
inline constexpr double kGap = 6;          // between a mark and its label

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

    draw::TextStyle primary;    // label 8 pt, ink
    draw::TextStyle secondary;  // label 8 pt, muted: the English line under Chinese in bi mode
    draw::TextStyle axis;       // label 8 pt, muted: ticks and units
    draw::TextStyle note;       // label 7.5 pt, muted: source line, key

    // A bilingual text as lines in the mode: zh / en mode one language; bi mode the Chinese
    // in `first` and the English in `second` below it, or "zh / en" on one line in `first`
    // when that is at most `join_width` wide. Each language is broken at `wrap_width`
    // (0: never). Identical zh and en (numbers, citation marks) are shown once.
    TextBlock block(const report::BiText& text, const draw::TextStyle& first, const draw::TextStyle& second,
                    double wrap_width = 0, double join_width = 0) const;
    // One language's text, broken at `wrap_width` (0: never).
    TextBlock block(const std::string& text, Lang lang, const draw::TextStyle& ts, double wrap_width = 0) const;
    static void append(TextBlock& to, const TextBlock& more);

    // Sets a block with its top at `top` and x its left edge, centre or right edge.
    void draw(const TextBlock& b, double x, double top, HAlign align = HAlign::left);

    // Baseline of text in style `ts` in a line box whose top is `top`.
    static double baseline(const draw::TextStyle& ts, double top);

    void line(double x1, double y1, double x2, double y2, double width, layout::Color color,
              std::vector<double> dash = {});
    void rect(double x, double y, double w, double h, std::optional<layout::Color> fill,
              std::optional<layout::Color> stroke = std::nullopt, double stroke_width = kRule);
    void polygon(layout::Polygon p) { items.emplace_back(std::move(p)); }
    // A filled arrow head with its tip at (x, y) pointing in direction (dx, dy) (unit vector).
    void arrow_head(double x, double y, double dx, double dy, double length, layout::Color color);

    std::vector<Item> items;

private:
    const Frame& frame_;
    draw::Setter& setter_;
};

// Texts of the charts in both languages.
report::BiText both(const char* zh, const char* en);

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
    std::size_t style = 0;  // palette::series_style index
};
enum class Swatch { bar, line };
double draw_legend(Painter& p, const std::vector<LegendEntry>& entries, Swatch swatch, const KeyMarks& key,
                   double top, double width);

// The source line, wrapped across `width`, at `top`; returns the height used.
double draw_source(Painter& p, const report::BiText& source, double top, double width);

// The bar chart (chart_bar.cpp) and the line and slope charts (chart_xy.cpp): the plot and
// its axes, from `top`; they return the bottom of what they drew and fill `key`.
double draw_bars(Painter& p, const report::ChartData& data, double top, double height_budget, KeyMarks& key);
double draw_line(Painter& p, const report::ChartData& data, double top, double height_budget, KeyMarks& key);
double draw_slope(Painter& p, const report::ChartData& data, double top, double height_budget, KeyMarks& key);

// Whether a point's status is anything but an actual figure.
bool is_planned(const report::ChartPoint& pt);
// The localized status ("target" / "目标"), empty for actual figures.
report::BiText status_text(const report::ChartPoint& pt);

}  // namespace timeline::graphics::chart
