// The theme of a brief (report-templates/theme.json, schema schemas/theme.schema.json): every
// visual decision in one place — the font files and the chains of fonts tried per character,
// the text styles (font chain, size, leading, colour), the colours, the weights of rules and
// marks, the spacing, the page margins and the rule that puts a baseline in a line box.
//
// The page engine (typeset/), the graphics (graphics/) and the text setter (draw/) take their
// values from here and name them by the enums below; the names are the keys of theme.json.
//
//   { "id": "default",
//     "fonts":  { "zh-serif": { "file": "/usr/share/fonts/truetype/arphic/uming.ttc", "index": 0,
//                               "package": "fonts-arphic-uming", "role": "Chinese body" }, ... },
//     "chains": { "serif": ["latin-serif", "zh-serif"], ... },
//     "styles": { "body": { "chain": "serif", "size": 10.5, "leading": 1.6, "color": "ink" }, ... },
//     "colors": { "ink": "#1c1c1f", ... }, "rules": { ... }, "space": { ... }, "marks": { ... },
//     "page": { ... }, "baseline": { "ascent": 0.88 }, "lanes": [ ... ], "series": [ ... ] }
//
// "index" selects the face of a TrueType collection (.ttc). Relative "file" paths are
// resolved against the directory of the theme file. Chain order decides which font sets a
// character that several fonts cover: Latin fonts first (UMing's Latin letters look like a
// typewriter), then the Chinese font.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "layout/display_list.h"

namespace timeline::theme {

using layout::Color;

// Each list names the members of one object of theme.json, in order; the enums and their
// names come from these lists (one place), and a test checks them against the schema.
#define TL_THEME_STYLES(X)                                                                                      \
    X(body) X(body_second) X(title) X(title_second) X(subtitle) X(marking) X(prepared) X(heading)               \
    X(heading_second) X(card_value) X(card_value_en) X(card_value_second) X(label) X(label_second) X(label_muted) \
    X(note) X(table) X(table_second) X(table_head) X(table_head_second) X(source) X(list) X(list_second)         \
    X(running) X(running_marking) X(event) X(event_second) X(axis) X(axis_strong) X(lane) X(lane_second) X(badge) \
    X(era)
#define TL_THEME_COLORS(X)                                                                              \
    X(ink) X(second) X(muted) X(accent) X(rule) X(hairline) X(grid) X(axis) X(tint) X(marking) X(paper) \
    X(era_fill) X(era_text)
#define TL_THEME_RULES(X)                                                                                         \
    X(cover) X(heading) X(frame) X(table_head) X(table_row) X(running) X(axis_main) X(lane) X(timeline_grid)       \
    X(break_guide) X(axis) X(grid) X(mark) X(mark_thin) X(outline) X(series) X(slope) X(span) X(halo) X(dotted)     \
    X(arrow)
#define TL_THEME_SPACE(X)                                                                                          \
    X(section) X(heading_pair) X(heading_rule) X(heading_after) X(paragraph) X(pair) X(marking_pad) X(cover_marking) \
    X(cover_title) X(cover_title_second) X(cover_block) X(cover_rule_before) X(cover_rule_after) X(card_gap)        \
    X(card_pad) X(card_bar) X(card_line) X(card_first) X(cell_x) X(cell_y) X(cell_pair) X(table_before)              \
    X(source_before) X(source_pair) X(list_item) X(list_pair) X(list_indent) X(list_bullet) X(graphic_before)        \
    X(running_above) X(running_rule) X(running_pair) X(running_gap) X(footer_below) X(footer_pair) X(item_gap)       \
    X(row_gap) X(lane_pad) X(note_indent) X(chart_gap) X(chart_column) X(chart_row) X(chart_legend_mark)             \
    X(chart_legend_entry) X(chart_legend_row)
#define TL_THEME_MARKS(X)                                                                                          \
    X(card_accent) X(bar_zone) X(bar_height) X(point) X(arrow) X(whisker) X(cap) X(tick) X(break_width)             \
    X(badge_height) X(marker) X(legend_marker) X(up_arrow) X(arrow_head) X(chart_cap) X(span_cap) X(bar) X(bar_dense) \
    X(bar_arrow) X(swatch_width) X(swatch_height) X(line_swatch) X(pattern_spacing) X(planned_spacing)

#define TL_THEME_ENUM(name) name,
enum class Style { TL_THEME_STYLES(TL_THEME_ENUM) count_ };
enum class Ink { TL_THEME_COLORS(TL_THEME_ENUM) count_ };
enum class Rule { TL_THEME_RULES(TL_THEME_ENUM) count_ };
enum class Space { TL_THEME_SPACE(TL_THEME_ENUM) count_ };
enum class Mark { TL_THEME_MARKS(TL_THEME_ENUM) count_ };
#undef TL_THEME_ENUM

template <typename E>
constexpr std::size_t count_of = static_cast<std::size_t>(E::count_);

// The theme.json key of each value ("body_second", "era_fill" …).
std::string_view name(Style s);
std::string_view name(Ink c);
std::string_view name(Rule r);
std::string_view name(Space s);
std::string_view name(Mark m);

struct FontFile {
    std::string file;     // path of the .ttf / .ttc
    int index = 0;        // face in a collection
    std::string package;  // Debian package that installs the file (for the "missing" message)
    std::string role;     // free text
};

// Font keys, most preferred first; never empty.
using Chain = std::vector<std::string>;

// How a piece of text is set. `chain` names a chain of the theme; `ascent` is the theme's
// baseline rule (see baseline()).
struct TextStyle {
    std::string name;  // the style's key ("body"), for diagnostics
    std::string chain;
    double size = 10;     // points
    double leading = 1.3;  // line height as a multiple of size
    Color color;
    double ascent = 0.88;

    double line_height() const { return size * leading; }
    // The baseline of a line box whose top is `top`: half the leading above the em box, then
    // the ascent of an ideographic em box (0.88 em keeps Han characters and Latin capitals
    // optically centred in the line). One rule for every text of a brief.
    double baseline(double top) const { return top + (line_height() - size) / 2 + ascent * size; }
    // The baseline that centres the em box on `middle` (badges, legend entries).
    double centred_baseline(double middle) const { return middle + (ascent - 0.5) * size; }
};

// Series of charts: colour alone never tells two series apart (palette in graphics/palette.h).
enum class Marker { circle, square, triangle, diamond, triangle_down, hexagon };
enum class Pattern { solid, hatch_diagonal, dots, hatch_horizontal, crosshatch, hatch_back };

struct SeriesStyle {
    Color fill;    // bars, marker fills
    Color stroke;  // lines, marker outlines, hatching (darker than fill)
    Marker marker = Marker::circle;
    Pattern pattern = Pattern::solid;
    std::vector<double> dash;  // line dash pattern in points; empty is solid
};

// Margins of a page, points: the running header sits in the top margin, the footer in the
// bottom one; the side margin is a target (the text block is rounded to whole body ems).
struct PageMargins {
    double top = 0;
    double bottom = 0;
    double side = 0;
};

class Theme {
public:
    std::string id;
    std::string file;    // where it was read
    std::string digest;  // of its bytes (part of a brief's document id)
    std::map<std::string, FontFile> fonts;
    std::map<std::string, Chain> chains;
    PageMargins page;
    double ascent = 0.88;  // the baseline rule (TextStyle::baseline)

    const TextStyle& text(Style s) const { return styles_[index(s)]; }
    Color color(Ink c) const { return colors_[index(c)]; }
    double rule(Rule r) const { return rules_[index(r)]; }
    double space(Space s) const { return space_[index(s)]; }
    double mark(Mark m) const { return marks_[index(m)]; }
    // Timeline lanes, in lane order (cycling); never empty.
    const std::vector<Color>& lane_colors() const { return lanes_; }
    // Chart series, in series order (cycling); never empty.
    const std::vector<SeriesStyle>& series() const { return series_; }
    const SeriesStyle& series(std::size_t i) const { return series_[i % series_.size()]; }
    // The chain of a style or chain name; the first chain for an unknown name.
    const Chain& chain(const std::string& name) const;

private:
    friend class Reader;
    template <typename E>
    static std::size_t index(E e) { return static_cast<std::size_t>(e); }
    std::array<TextStyle, count_of<Style>> styles_{};
    std::array<Color, count_of<Ink>> colors_{};
    std::array<double, count_of<Rule>> rules_{};
    std::array<double, count_of<Space>> space_{};
    std::array<double, count_of<Mark>> marks_{};
    std::vector<Color> lanes_;
    std::vector<SeriesStyle> series_;
};

struct LoadOptions {
    // Check that every font file exists and is readable ("font-missing" names the package).
    bool check_files = true;
};

// Parses theme JSON text, checked against schemas/theme.schema.json; `file` names the theme in
// diagnostics (with line:column and JSON pointer) and is the base for relative font paths.
// Errors ("theme-invalid", "font-missing", the schema's codes, JSON syntax errors) are added
// to `diags`; returns nullopt if there was any error.
std::optional<Theme> parse(std::string_view text, const std::string& file, Diagnostics& diags,
                           const LoadOptions& options = {});

// Reads and parses a theme file.
std::optional<Theme> load(const std::string& path, Diagnostics& diags, const LoadOptions& options = {});

}  // namespace timeline::theme
