// Setting text on the display list: the one place where strings become glyph runs.
//
// A Setter wraps the document's FontSet. It measures text in a theme style, breaks
// paragraphs (text/linebreak.h) and turns lines into GlyphRuns, one per font run
// (FontSet::split_runs), advancing x by the natural width of each run plus the line's
// character and word spacing, so justified lines land exactly where the breaker measured.
//
// Characters that no font of the style's chain covers are never drawn as blank boxes: they
// are left out of the runs and recorded in `missing()` with the style and the text they
// were in, for the caller to report (an error with --strict).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "layout/display_list.h"
#include "text/fonts.h"
#include "text/linebreak.h"
#include "theme/theme.h"

namespace timeline::draw {

using layout::Color;
using layout::Item;

// How a piece of text is set: a style of the theme (font chain, size, leading, colour).
using theme::TextStyle;

enum class HAlign { left, center, right };

// A code point no font of a style covers, with the first text it appeared in.
struct MissingChar {
    char32_t code_point = 0;
    std::string style;
    std::string text;
};

class Setter {
public:
    Setter(const text::FontSet& fonts, const theme::Theme& theme) : fonts_(fonts), theme_(theme) {}

    const text::FontSet& fonts() const { return fonts_; }
    const theme::Theme& theme() const { return theme_; }
    // A text style of the theme.
    const TextStyle& style(theme::Style s) const { return theme_.text(s); }

    // Natural width of text (no breaking), without the Han–Latin gaps.
    double measure(std::string_view utf8, const TextStyle& ts) const;
    // Width of the text set on one line: measure() plus the quarter-em gaps the line breaker
    // puts between Han characters and Latin letters or digits.
    double line_width(std::string_view utf8, const TextStyle& ts) const;
    // Breaks a paragraph into lines of at most `width` points.
    std::vector<text::LayoutLine> break_lines(std::string_view utf8, const TextStyle& ts, double width, text::Lang lang,
                                              text::Justify justify = text::Justify::ragged) const;

    // Appends the glyph runs of one broken line whose start is at (x, baseline).
    void set_line(std::vector<Item>& out, const text::LayoutLine& line, const TextStyle& ts, double x, double baseline);

    // Appends one unbroken line of text aligned at x (left edge, centre or right edge);
    // returns its width.
    double set_text(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x, double baseline,
                    HAlign align = HAlign::left);

    // Breaks and sets a paragraph with its first baseline at `first_baseline`, lines
    // `ts.line_height()` apart; returns the number of lines.
    int set_paragraph(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x,
                      double first_baseline, double width, text::Lang lang,
                      text::Justify justify = text::Justify::ragged, HAlign align = HAlign::left);

    // Characters left out so far, in order of first appearance.
    const std::vector<MissingChar>& missing() const { return missing_; }

private:
    void set_piece(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x, double baseline,
                   double char_spacing, double word_spacing);

    const theme::Chain& chain(const TextStyle& ts) const { return theme_.chain(ts.chain); }

    const text::FontSet& fonts_;
    const theme::Theme& theme_;
    std::vector<MissingChar> missing_;
    std::map<std::pair<char32_t, std::string>, bool> seen_;
};

// Text language for line breaking from a report language.
inline text::Lang text_lang(bool zh) { return zh ? text::Lang::zh : text::Lang::en; }

}  // namespace timeline::draw
