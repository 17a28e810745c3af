// Paragraph line breaking for Simplified Chinese and English, independent of fonts: the
// caller supplies a measurer, this returns positioned pieces of each line.
//
// Rules (W3C clreq, "Requirements for Chinese Text Layout", and UAX #14):
// - Break opportunities come from ICU's line break iterator (locale "zh" or "en", never
//   lb=loose), one per thread and language, reused across calls.
// - Line-start prohibition (clreq §3.1.7): no line starts with closing brackets and quotes,
//   pauses and stops, ·…—% and the like (`no_line_start`); no line ends with opening
//   brackets and quotes (`no_line_end`). A break that would violate this is dropped, so the
//   greedy fill takes an earlier one (the previous character moves down with the
//   punctuation). No hanging or compressed punctuation.
// - Source whitespace (spaces, tabs, newlines) is normalised first (`normalize_paragraph`):
//   removed at both ends of the paragraph and wherever a fullwidth/wide character (Han,
//   kana, fullwidth punctuation) is on either side — a source newline inside Chinese is no
//   space; any other run becomes one U+0020.
// - Between a Han character and an adjacent Latin/Greek/Cyrillic letter or a digit a gap of
//   `han_latin_gap_em` em is added as positioning (clreq §3.2.4), never as a character;
//   pieces are split there. No gap at a line start or end.
// - Greedy first fit. A unit wider than the line (a URL, a long word) is broken between
//   grapheme clusters, without a hyphen, respecting the prohibitions when possible; a line
//   holds at least one grapheme even if that alone is wider than the line.
// - Nothing is lost: concatenating every line's pieces and `trimmed` gives back
//   `normalize_paragraph(input)`.
// - Justification (non-last lines only, when `Justify::justify`): Chinese on the character
//   grid (`char_spacing` after every character, the last one of the line excepted, fills the
//   line exactly); English by `word_spacing` at each U+0020 inside the line (ragged if the
//   line has none). Characters are counted as code points (one PDF character code each);
//   Latin letters inside a Chinese line are spaced too. Limits: at most 0.25 em per
//   character in Chinese; beyond that the spaces of the line take the slack (at most 1 em
//   each, also the limit in English), else the line stays short — a line before a long URL
//   or word is not pulled apart.
// - Whitespace removal looks at East Asian Width W/F only: ambiguous-width quotes “” ‘’
//   and ·…— keep a neighbouring space when the other side is Latin.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace timeline::text {

// Advance width of a piece of text in the paragraph's font and size (points).
struct Measure {
    virtual ~Measure() = default;
    virtual double width(std::string_view utf8) const = 0;
    // The width of every prefix of a whole paragraph: out[i] is the width of utf8[0, i) for
    // each code point boundary i (0 … size; entries inside a character repeat the one before),
    // each character measured as it is set among all its neighbours. The breaker measures a
    // paragraph once through this and takes the width of any piece as a difference. The
    // default adds up the width() of each character alone.
    virtual std::vector<double> prefix_widths(std::string_view utf8) const;
};

enum class Lang { zh, en };

// The Han–Latin gap (clreq §3.2.4), in em.
constexpr double kHanLatinGapEm = 0.25;
enum class Justify { ragged, justify };

struct LineOptions {
    double width = 0;  // available line width, points
    Lang lang = Lang::zh;
    Justify justify = Justify::ragged;
    double han_latin_gap_em = kHanLatinGapEm;
    double em = 10;  // font size, points
};

// A run of text on one line. `x` is from the line start and already includes the gaps and
// the justification spacing of the pieces before it; `width` is the natural (measured)
// advance of `text`, without this line's char/word spacing.
struct LinePiece {
    std::string text;
    double x = 0;
    double width = 0;
    bool operator==(const LinePiece&) const = default;
};

struct LayoutLine {
    std::vector<LinePiece> pieces;
    double width = 0;         // natural width: pieces plus gaps, no justification, no trailing spaces
    double char_spacing = 0;  // extra space after each character (GlyphRun::char_spacing)
    double word_spacing = 0;  // extra space at each U+0020 (GlyphRun::word_spacing)
    bool last = false;        // last line of the paragraph (never stretched)
    std::string trimmed;      // spaces dropped at the end of this line (or start of the next)

    // The line's text: its pieces concatenated.
    std::string text() const;
    // Width as set: natural width plus the justification spacing actually visible.
    double set_width() const;
};

// Characters that must not start / end a line (clreq §3.1.7, with ASCII counterparts).
bool no_line_start(char32_t c);
bool no_line_end(char32_t c);

// Number of Han–Latin gaps (see above) the breaker puts into valid UTF-8 text set on one
// line: the places where a Han character (or kana, bopomofo) meets a Latin, Greek or
// Cyrillic letter or a digit.
int han_latin_gaps(std::string_view utf8);
// The byte offsets of those places, in order.
std::vector<std::size_t> han_latin_gap_offsets(std::string_view utf8);

// The whitespace normalisation applied before breaking (see above).
std::string normalize_paragraph(std::string_view utf8);

// Breaks a paragraph of valid UTF-8 into lines. Empty or all-space text gives no lines.
std::vector<LayoutLine> break_paragraph(std::string_view utf8, const Measure& measure, const LineOptions& options);

// A paragraph normalised, cut at its break opportunities and measured once, to be broken at
// several widths (a table tries candidate column widths): lines(w, j) equals
// break_paragraph with that width and justification. Copies share the prepared text.
class Paragraph {
public:
    Paragraph(std::string_view utf8, const Measure& measure, Lang lang, double em, double han_latin_gap_em = kHanLatinGapEm);
    std::vector<LayoutLine> lines(double width, Justify justify) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

// How many of a paragraph's `total` remaining lines to set on a page with room for
// `available` lines, so that neither a single first line stays at the page foot (orphan) nor
// a single last line is carried to the next page (widow). 0 means "start the paragraph on
// the next page". With `fresh_page` (nothing above it on this page, so moving on cannot
// help) the result is never 0 while lines and room remain.
int lines_on_page(int total, int available, bool fresh_page = false);

}  // namespace timeline::text
