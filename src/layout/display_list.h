// The display list: pages of positioned glyph runs, lines and shapes. It is the seam
// between layout (which produces it and is tested through its text dump) and the PDF
// writer (the only code that writes PDF). Units are PostScript points; the origin is
// the top-left corner of the page and y grows downwards (the writer flips it).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <date/date.h>

namespace timeline::layout {

struct Color {
    double r = 0, g = 0, b = 0;  // 0..1
    bool operator==(const Color&) const = default;
};

// Text in one font at one size; `x`, `y` are the start of the baseline.
struct GlyphRun {
    std::string font;  // key of a face in the document's font set (text/fonts.h), e.g. "zh-serif"
    double size = 10;
    double x = 0;
    double y = 0;
    std::string text;  // UTF-8; every character is covered by `font`
    Color color;
    double width = 0;  // advance width of the run as measured by layout
    // Extra space after each character (justification on the character grid), points.
    double char_spacing = 0;
    // Extra space at each U+0020 (justified Latin text), points.
    double word_spacing = 0;
};

struct Line {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
    Color color;
    std::vector<double> dash;  // empty: solid
};

struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double stroke_width = 0.5;
};

// A closed polygon (markers, arrow heads, axis-break symbols).
struct Polygon {
    std::vector<std::pair<double, double>> points;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double stroke_width = 0.5;
};

using Item = std::variant<GlyphRun, Line, Rect, Polygon>;

struct Page {
    double width = 595.276;   // A4: 210 mm
    double height = 841.890;  // A4: 297 mm
    std::vector<Item> items;
};

// A PDF outline entry (bookmark): UTF-8 title, nesting level (0 top), target page and y.
struct Bookmark {
    std::string title;
    int level = 0;
    std::size_t page = 0;
    double y = 0;
};

// Document information dictionary (PDF 32000-1 §14.3.3), UTF-8.
struct DocumentInfo {
    std::string title;
    std::string subject;
    std::string author;
    std::string keywords;
    std::string creator = "timeline";
    std::optional<date::sys_days> creation_date;  // from --as-of, so output is reproducible
    std::string document_id;    // hex digest of the inputs
};

struct DisplayList {
    std::vector<Page> pages;
    std::vector<Bookmark> bookmarks;
    DocumentInfo info;
};

// A line-per-item text dump, the main layout golden:
//   page 1 595.28x841.89
//     text zh-serif 10.5 @72.00,96.50 w=120.00 "上海人工智能"
//     line 72.00,100.00 -> 523.28,100.00 w=0.50 #000000
std::string dump(const DisplayList& list);

}  // namespace timeline::layout
