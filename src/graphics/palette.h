// The colours and marks of the graphics: a muted palette that stays distinguishable when a
// brief is printed or copied in greyscale (PRODUCT §5 "Print-ready").
//
// Colour alone never tells two series apart. Each series style of the theme has
//   - a fill whose luminance (Rec. 601 luma: 0.299 R + 0.587 G + 0.114 B) differs from the
//     neighbouring entries by at least 0.15, so adjacent series remain different greys;
//   - a marker shape (circle, square, triangle, diamond …) for lines and slopes;
//   - a fill pattern (solid, hatching, dots …) for bars and areas;
//   - a dash pattern for lines.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "layout/display_list.h"
#include "theme/theme.h"

namespace timeline::graphics::palette {

using layout::Color;

// Rec. 601 luma, what a greyscale printer or copier roughly keeps of a colour.
constexpr double luma(const Color& c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; }

// The colours themselves (neutrals, lane colours, series styles) are the theme's
// (theme/theme.h); these are the shapes and fills drawn with them.
using theme::Marker;
using theme::Pattern;

// How much lighter than its series a planned value's bar is (a tint: 0 keeps the colour).
inline constexpr double kPlannedTint = 0.8;

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
                              double stroke_width) {
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
// `spacing` points apart, in `color`, `line_width` wide. Solid gives nothing: fill the rectangle.
inline std::vector<layout::Item> pattern_items(Pattern p, double x, double y, double w, double h, Color color,
                                               double spacing, double line_width) {
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
