// The colours and marks of the graphics: a muted palette that stays distinguishable when a
// brief is printed or copied in greyscale (PRODUCT §5 "Print-ready").
//
// Colour alone never tells two series apart. Each series style has
//   - a fill whose luminance (Rec. 601 luma: 0.299 R + 0.587 G + 0.114 B) differs from the
//     neighbouring entries by at least 0.15, so adjacent series remain different greys;
//   - a marker shape (circle, square, triangle, diamond …) for lines and slopes;
//   - a fill pattern (solid, hatching, dots …) for bars and areas;
//   - a dash pattern for lines.
// Neutral colours (ink, rules, grids, muted text) are shared by charts and the timeline.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "layout/display_list.h"

namespace timeline::graphics::palette {

using layout::Color;

constexpr Color rgb(int r, int g, int b) { return Color{r / 255.0, g / 255.0, b / 255.0}; }

// Rec. 601 luma, what a greyscale printer or copier roughly keeps of a colour.
constexpr double luma(const Color& c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; }

// --- neutrals -------------------------------------------------------------------------
inline constexpr Color ink = rgb(0x1a, 0x1a, 0x1a);         // primary text, values
inline constexpr Color muted_text = rgb(0x5c, 0x5c, 0x5c);  // axis labels, source lines
inline constexpr Color axis = rgb(0x4d, 0x4d, 0x4d);        // axis rules, ticks (0.5 pt)
inline constexpr Color grid = rgb(0xd9, 0xd9, 0xd9);        // gridlines (0.25 pt)
inline constexpr Color band = rgb(0xf0, 0xf0, 0xf0);        // shaded bands (eras, ranges)
inline constexpr Color paper = rgb(0xff, 0xff, 0xff);

// --- series ---------------------------------------------------------------------------
enum class Marker { circle, square, triangle, diamond, triangle_down, hexagon };
enum class Pattern { solid, hatch_diagonal, dots, hatch_horizontal, crosshatch, hatch_back };

struct SeriesStyle {
    Color fill;    // bars, marker fills
    Color stroke;  // lines, marker outlines, hatching (darker than fill)
    Marker marker = Marker::circle;
    Pattern pattern = Pattern::solid;
    std::vector<double> dash;  // line dash pattern in whole points (the PDF writer rounds); empty is solid
};

// Muted, print-friendly colours; lumas ≈ 0.27, 0.66, 0.45, 0.79, 0.21, 0.55.
inline const std::array<SeriesStyle, 6>& series_styles() {
    static const std::array<SeriesStyle, 6> styles = {{
        {rgb(0x2e, 0x4a, 0x6b), rgb(0x1d, 0x30, 0x47), Marker::circle, Pattern::solid, {}},             // slate blue
        {rgb(0xd9, 0xa4, 0x41), rgb(0x8a, 0x62, 0x16), Marker::square, Pattern::hatch_diagonal, {3, 2}},  // ochre
        {rgb(0xb0, 0x5a, 0x4a), rgb(0x7a, 0x35, 0x2a), Marker::triangle, Pattern::dots, {1, 1}},        // brick
        {rgb(0xb9, 0xcf, 0xe0), rgb(0x5b, 0x7d, 0x99), Marker::diamond, Pattern::hatch_horizontal, {4, 2, 1, 2}},  // pale blue
        {rgb(0x2f, 0x3b, 0x2a), rgb(0x1a, 0x22, 0x17), Marker::triangle_down, Pattern::crosshatch, {6, 2}},   // dark olive
        {rgb(0x7f, 0x93, 0x86), rgb(0x46, 0x56, 0x4b), Marker::hexagon, Pattern::hatch_back, {2, 2}},      // sage
    }};
    return styles;
}

// The style of series `i` (cycles after six).
inline const SeriesStyle& series_style(std::size_t i) { return series_styles()[i % series_styles().size()]; }

// A single-series chart uses the first style; a highlight (e.g. the latest value) may use
// this darker accent.
inline const SeriesStyle& primary() { return series_style(0); }

// --- marker shapes --------------------------------------------------------------------
// The outline of a marker of nominal size `size` (about the diameter, points) centred at
// (cx, cy), y growing downwards (display-list coordinates). Circles are 16-gons.
inline std::vector<std::pair<double, double>> marker_points(Marker m, double cx, double cy, double size) {
    std::vector<std::pair<double, double>> pts;
    const double pi = 3.14159265358979323846;
    double r = size / 2;
    auto regular = [&](int n, double start_deg, double radius) {
        for (int k = 0; k < n; ++k) {
            double a = (start_deg + 360.0 * k / n) * pi / 180.0;
            pts.emplace_back(cx + radius * std::cos(a), cy + radius * std::sin(a));
        }
    };
    switch (m) {
        case Marker::circle: regular(16, 0, r); break;
        case Marker::square: {
            double h = r * 0.88;  // squares look bigger than circles of the same width
            pts = {{cx - h, cy - h}, {cx + h, cy - h}, {cx + h, cy + h}, {cx - h, cy + h}};
            break;
        }
        case Marker::triangle: regular(3, -90, r * 1.2); break;       // apex up (y down)
        case Marker::triangle_down: regular(3, 90, r * 1.2); break;   // apex down
        case Marker::diamond: regular(4, -90, r * 1.15); break;
        case Marker::hexagon: regular(6, 0, r * 1.05); break;
    }
    return pts;
}

inline layout::Polygon marker(Marker m, double cx, double cy, double size, Color fill, Color stroke,
                              double stroke_width = 0.6) {
    layout::Polygon p;
    p.points = marker_points(m, cx, cy, size);
    p.fill = fill;
    p.stroke = stroke;
    p.stroke_width = stroke_width;
    return p;
}

// A lighter tint of a colour: `amount` 0 keeps it, 1 is white.
constexpr Color tint(const Color& c, double amount) {
    return Color{c.r + (1 - c.r) * amount, c.g + (1 - c.g) * amount, c.b + (1 - c.b) * amount};
}

// --- fill patterns --------------------------------------------------------------------
// The lines (and dots, as tiny squares) of a pattern clipped to the rectangle (x, y, w, h),
// `spacing` points apart, in `color`, 0.5 pt. Solid gives nothing: fill the rectangle.
inline std::vector<layout::Item> pattern_items(Pattern p, double x, double y, double w, double h, Color color,
                                               double spacing = 3.0, double line_width = 0.5) {
    std::vector<layout::Item> out;
    if (w <= 0 || h <= 0) return out;
    auto line = [&](double x1, double y1, double x2, double y2) {
        layout::Line l;
        l.x1 = x1, l.y1 = y1, l.x2 = x2, l.y2 = y2;
        l.width = line_width;
        l.color = color;
        out.emplace_back(l);
    };
    // Lines of slope +1 (rising to the right on paper: y decreases as x grows) or -1,
    // clipped to the rectangle.
    auto diagonals = [&](bool rising) {
        for (double c = spacing / 2; c < w + h; c += spacing) {
            // The line x' + y' = c in coordinates from the corner it starts at (bottom-left
            // for rising lines, with y' upwards; top-left for falling ones, y' downwards):
            // one end along the horizontal edge then the far vertical edge, the other along
            // the near vertical edge then the far horizontal edge.
            double ax = std::min(c, w), ay = c - ax;
            double by = std::min(c, h), bx = c - by;
            if (rising) line(x + ax, y + h - ay, x + bx, y + h - by);
            else line(x + ax, y + ay, x + bx, y + by);
        }
    };
    switch (p) {
        case Pattern::solid: break;
        case Pattern::hatch_diagonal: diagonals(true); break;
        case Pattern::hatch_back: diagonals(false); break;
        case Pattern::crosshatch:
            diagonals(true);
            diagonals(false);
            break;
        case Pattern::hatch_horizontal:
            for (double yy = y + spacing / 2; yy < y + h; yy += spacing) line(x, yy, x + w, yy);
            break;
        case Pattern::dots:
            for (double yy = y + spacing / 2; yy < y + h; yy += spacing)
                for (double xx = x + spacing / 2; xx < x + w; xx += spacing) {
                    layout::Rect r;
                    r.x = xx - line_width / 2, r.y = yy - line_width / 2, r.w = line_width, r.h = line_width;
                    r.fill = color;
                    out.emplace_back(r);
                }
            break;
    }
    return out;
}

}  // namespace timeline::graphics::palette
