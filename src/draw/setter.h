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

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
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

    // Width of text set on one line (set_text): its advances plus the quarter-em gaps
    // between Han characters and Latin letters or digits (clreq §3.2.4), as the line breaker
    // sets them.
    double measure(std::string_view utf8, const TextStyle& ts) const;
    double line_width(std::string_view utf8, const TextStyle& ts) const { return measure(utf8, ts); }
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

    // Titles of works (their English names) set in italics wherever they appear as whole
    // words in the text this setter measures, breaks and sets.
    void set_italic_titles(std::vector<std::string> titles);

    // `utf8` with each word of each italic title found in it between text::kItalicOn and
    // text::kItalicOff (word by word, so that every piece the line breaker measures carries
    // its own marks): what a hand-made LinePiece must hold to be set like a broken line. Made
    // in `buffer` only when a title is found; else `utf8` itself.
    std::string_view with_italics(std::string_view utf8, std::string& buffer) const;

    // Characters left out so far, in order of first appearance.
    const std::vector<MissingChar>& missing() const { return missing_; }
    // Takes note of characters another setter left out (after its own, those not seen yet).
    void adopt_missing(const std::vector<MissingChar>& more);

    // A setter of the same fonts, theme and italic titles, with caches of its own: for
    // setting text on another thread.
    std::unique_ptr<Setter> sibling() const;

private:
    void set_piece(std::vector<Item>& out, std::string_view utf8, const TextStyle& ts, double x, double baseline,
                   double char_spacing, double word_spacing);

    const theme::Chain& chain(const TextStyle& ts) const { return theme_.chain(ts.chain); }

    const text::FontSet& fonts_;
    const theme::Theme& theme_;
    std::vector<std::string> italic_titles_;
    std::vector<MissingChar> missing_;
    std::map<std::pair<char32_t, std::string>, bool> seen_;
    // Caches keyed by chain, size, language and text, looked up by a string_view of key_.
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    template <class T>
    using Cache = std::unordered_map<std::string, T, KeyHash, std::equal_to<>>;
    mutable Cache<double> widths_;                 // measure() of short texts
    mutable Cache<text::Paragraph> paragraphs_;    // break_lines()
    mutable std::string key_;                      // the key being looked up
};

// Text language for line breaking from a report language.
inline text::Lang text_lang(bool zh) { return zh ? text::Lang::zh : text::Lang::en; }

}  // namespace timeline::draw
