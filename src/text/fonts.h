// Fonts of a document: coverage, measuring, splitting text into runs per font, and the
// subset fonts handed to the PDF writer.
//
// Every face of the theme is opened once with HarfBuzz (a face of a .ttc by its index).
//
// Measuring. `advance()` is the layout hot path (called millions of times for the 100k-event
// benchmarks). The advance of a code point (cmap + hmtx) is read the first time it is asked
// for and kept in a table, so a measurement is one table lookup per character. The tables
// fill as text is measured: a FontSet belongs to one thread. No kerning, ligatures or
// other shaping is applied: the advances are exactly the widths the PDF writer gives a font
// (/W array: hmtx advance × 1000 / unitsPerEm, truncated to an integer) and draws with, so
// what layout measures is what the page shows. CJK is fixed-width anyway. `shaped_advance()`
// shapes with hb_shape (kerning on or off) for comparison and diagnostics only.
//
// Subsetting. The PDF writer (src/pdf) addresses glyphs by id (`glyph()`), collects the
// glyphs the pages print, and embeds each font subset to them once per document
// (`subset_glyphs()`, a FontFile2 program made by text/truetype.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "text/linebreak.h"
#include "theme/theme.h"

namespace timeline::text {

using theme::Chain;
using FontFiles = std::map<std::string, theme::FontFile>;

// A piece of text set in one font. `begin`/`end` are byte offsets into the text given to
// split_runs; `text` is that range.
// Inline italics: text between kItalicOn and kItalicOff (private-use code points, never
// printed) is set in the italic of each font of the chain, the font named with the suffix
// "-italic" when the set has one (titles of works in English).
constexpr char32_t kItalicOn = 0xE000;
constexpr char32_t kItalicOff = 0xE001;
constexpr const char* kItalicSuffix = "-italic";

// A piece of text set in one font: `text` views the bytes [begin, end) of the text given to
// split_runs (valid while that text is).
struct FontRun {
    std::string font;
    std::string_view text;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool operator==(const FontRun&) const = default;
};

// Vertical metrics in points at a size; descender is negative (below the baseline).
struct VMetrics {
    double ascender = 0;
    double descender = 0;
    double line_gap = 0;
    double cap_height = 0;
    double x_height = 0;
};

class FontSet {
public:
    // Opens every font of a theme. Unreadable or unusable files (no glyf table: CFF fonts
    // are not embedded by the PDF writer) are errors "font-open" / "font-unsupported"; returns
    // nullptr if any font failed.
    static std::unique_ptr<FontSet> open(const FontFiles& fonts, Diagnostics& diags);

    ~FontSet();
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    const FontFiles& files() const { return files_; }
    bool has(const std::string& font) const;

    // Whether the font maps the code point to a glyph. Unknown fonts cover nothing.
    bool covers(const std::string& font, char32_t cp) const;

    // Advance width in points of valid UTF-8 text in the font at `size` (see the header
    // comment: no kerning, the PDF widths). Characters the font does not cover count the
    // width of its .notdef glyph. Unknown font: 0.
    // Fullwidth punctuation in a run is compressed (clreq §3.1.6): a mark followed directly by
    // another gives up the blank half of its em, so "）：" or "。”" take one and a half ems.
    double advance(const std::string& font, std::string_view utf8, double size) const;
    // Byte offsets just after each mark of `utf8` that advance() compresses in `font`.
    std::vector<std::size_t> compressed_marks(const std::string& font, std::string_view utf8) const;
    // Advance of one code point in 1/1000 em (the unit of PDF widths), or -1 if not covered.
    int advance_units(const std::string& font, char32_t cp) const;

    // Width by shaping with HarfBuzz (hb_shape, LTR, script guessed from the text, language
    // zh if the text has a Han character, else en). Slow; for checks, not for layout.
    double shaped_advance(const std::string& font, std::string_view utf8, double size, bool kerning = true) const;

    VMetrics metrics(const std::string& font, double size) const;
    double ascender(const std::string& font, double size) const { return metrics(font, size).ascender; }
    double descender(const std::string& font, double size) const { return metrics(font, size).descender; }
    double cap_height(const std::string& font, double size) const { return metrics(font, size).cap_height; }
    int units_per_em(const std::string& font) const;

    // Splits valid UTF-8 text into runs, each in one font of the style's chain:
    // - a letter, digit, Han character or other "strong" character takes the first font of
    //   the chain that covers it (so with Latin fonts first in the chain, Latin letters and
    //   digits are set in the Latin font even though the CJK font covers them too, and Han
    //   and CJK punctuation fall through to the CJK font);
    // - spaces, ASCII and general punctuation (“”‘’—…·, brackets) and combining marks stay in
    //   the font of the character before them if it covers them, else take the font of the
    //   next strong character if that covers them, else the first font that does;
    // - a character no font of the chain covers is appended to `missing` (once per code
    //   point, in order of appearance) and left out of the runs, which split around it;
    //   invalid UTF-8 is reported as U+FFFD and yields no runs. Callers must report `missing`
    //   ("U+20BB7 not covered by any font of style body") — nothing is dropped silently.
    // Adjacent characters in the same font form one run.
    std::vector<FontRun> split_runs(std::string_view utf8, const Chain& chain, std::vector<char32_t>& missing) const;
    // The same into `runs` (cleared first), whose room is kept for the next call.
    void split_runs(std::string_view utf8, const Chain& chain, std::vector<char32_t>& missing,
                    std::vector<FontRun>& runs) const;

    // Width in points of text set in a chain: the advances of its split_runs() at `size`
    // (uncovered characters count nothing; they are reported where the runs are made).
    double measure(std::string_view utf8, const Chain& chain, double size) const;
    // The width of every prefix of text set in a chain (text::Measure::prefix_widths): the
    // fonts are chosen once for the whole text, so a piece is measured as it is set among its
    // neighbours. prefix_widths(t).back() == measure(t).
    std::vector<double> prefix_widths(std::string_view utf8, const Chain& chain, double size) const;

    // For the PDF writer, which addresses glyphs by their ids in the font file.
    // The glyph the font's cmap gives the code point, or 0 (.notdef) when it covers none.
    unsigned glyph(const std::string& font, char32_t cp) const;
    // Advance of a glyph in 1/1000 em, truncated as advance_units() (the PDF /W widths).
    int glyph_units(const std::string& font, unsigned gid) const;

    // What a PDF font descriptor says of a font, in 1/1000 em.
    struct Description {
        std::string postscript_name;  // name ID 6, else the family without spaces
        int bbox[4] = {0, 0, 1000, 1000};
        int ascent = 0, descent = 0, cap_height = 0;
        double italic_angle = 0;
        int weight = 400;  // OS/2 usWeightClass
        bool fixed_pitch = false;
    };
    Description describe(const std::string& font) const;

    // A TrueType font program (FontFile2) with just `gids` (plus .notdef and the components
    // of composite glyphs): the tables a PDF renderer reads (glyf loca hmtx hhea head maxp
    // and the hinting tables). With `retain_gids` the glyphs keep their ids (unused ones are
    // empty); otherwise they are renumbered compactly and `new_gid` gives, for each glyph of
    // `gids` in order, its id in the subset. Empty bytes on failure.
    struct GlyphSubset {
        std::string bytes;
        std::vector<unsigned> new_gid;
        std::string error;  // when `bytes` is empty: what is wrong with the font file
    };
    GlyphSubset subset_glyphs(const std::string& font, const std::vector<unsigned>& gids, bool retain_gids) const;

    struct Face;  // HarfBuzz objects of one font (fonts.cpp)

private:
    explicit FontSet(FontFiles files);
    const Face* face(const std::string& font) const;

    FontFiles files_;
    // By name; a handful, looked up on every run of text: compared in turn, not through a map.
    std::vector<std::pair<std::string, std::unique_ptr<Face>>> faces_;
};

// The line breaker's measurer (text/linebreak.h) for a paragraph in one chain and size.
class ChainMeasure : public Measure {
public:
    ChainMeasure(const FontSet& fonts, const Chain& chain, double size) : fonts_(fonts), chain_(chain), size_(size) {}
    double width(std::string_view utf8) const override { return fonts_.measure(utf8, chain_, size_); }
    std::vector<double> prefix_widths(std::string_view utf8) const override { return fonts_.prefix_widths(utf8, chain_, size_); }

private:
    const FontSet& fonts_;
    const Chain& chain_;
    double size_;
};

// Per font, the code points a document prints; fed by layout from every GlyphRun, read once
// at the end to subset the fonts.
class UsedGlyphs {
public:
    void add(const std::string& font, std::string_view utf8);
    void add(const FontRun& run) { add(run.font, run.text); }
    const std::map<std::string, std::set<char32_t>>& fonts() const { return used_; }
    const std::set<char32_t>& of(const std::string& font) const;

private:
    std::map<std::string, std::set<char32_t>> used_;
};

}  // namespace timeline::text
