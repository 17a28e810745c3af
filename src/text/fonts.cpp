#include "text/fonts.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <span>
#include <unordered_map>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hb-ot.h>
#include <hb.h>

#include "base/files.h"
#include "base/utf8.h"
#include "text/truetype.h"

namespace timeline::text {

// ---------------------------------------------------------------------------------------
// One font: HarfBuzz objects plus the advance table read once at open.

namespace {
std::int16_t pdf_width(hb_position_t advance, unsigned upem);
}  // namespace

struct FontSet::Face {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
    const MappedFile* file = nullptr;  // the blob's bytes (owned by the blob)
    unsigned upem = 1000;
    // Advance in 1/1000 em as the PDF carries it (hmtx × 1000 / upem, truncated), per
    // code point; -1: not covered. Read from the font the first time a code point is asked
    // about (a brief asks about a few hundred of a CJK font's thirty thousand). The BMP table
    // holds the advance + 2, so that 0 is "not read yet" and the table can be a mapping of
    // zero pages of its own, which the kernel gives only where a code point is asked about:
    // from the heap, calloc cleared all 128 KB, 32 page faults a font.
    struct Unmap {
        void operator()(std::int16_t* p) const { ::munmap(p, kBmpBytes); }
    };
    static constexpr std::size_t kBmpBytes = 0x10000 * sizeof(std::int16_t);
    static std::int16_t* map_bmp() {
        void* p = ::mmap(nullptr, kBmpBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        return static_cast<std::int16_t*>(p);
    }
    std::unique_ptr<std::int16_t[], Unmap> bmp{map_bmp()};
    mutable std::unordered_map<char32_t, std::int16_t> astral;  // the advance beyond the BMP
    mutable std::mutex astral_mutex;
    std::int16_t notdef = 0;                                    // advance of glyph 0

    ~Face() {
        if (font) hb_font_destroy(font);
        if (face) hb_face_destroy(face);
        if (blob) hb_blob_destroy(blob);
    }

    std::int16_t read(char32_t cp) const {
        hb_codepoint_t gid = 0;
        if (!hb_font_get_nominal_glyph(font, cp, &gid)) return -1;
        return pdf_width(hb_font_get_glyph_h_advance(font, gid), upem);
    }

    // Safe to call from several threads (text is set on more than one): a BMP entry is
    // written whole, with the value every thread reads from the font.
    // (The first look at a character, and astral ones, are out of line: this is called for
    // every character measured.)
    int units(char32_t cp) const {
        if (cp < 0x10000) {
            const std::int16_t v = std::atomic_ref<std::int16_t>(bmp[cp]).load(std::memory_order_relaxed);
            if (v != 0) return v - 2;
        }
        return units_first(cp);
    }

    [[gnu::noinline]] int units_first(char32_t cp) const {
        if (cp < 0x10000) {
            const auto v = static_cast<std::int16_t>(read(cp) + 2);
            std::atomic_ref<std::int16_t>(bmp[cp]).store(v, std::memory_order_relaxed);
            return v - 2;
        }
        const std::lock_guard lock(astral_mutex);
        auto it = astral.find(cp);
        if (it == astral.end()) it = astral.emplace(cp, read(cp)).first;
        return it->second;
    }
};

namespace {

// An advance in the PDF's unit, 1/1000 em, truncated: the width /W gives the glyph and the
// one layout measures with.
std::int16_t pdf_width(hb_position_t advance, unsigned upem) {
    return static_cast<std::int16_t>(static_cast<unsigned>(advance) * 1000u / upem);
}

bool has_table(hb_face_t* face, hb_tag_t tag) {
    hb_blob_t* b = hb_face_reference_table(face, tag);
    bool ok = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return ok;
}

// Whether the face's table directory names `tag` (whether or not the table is in the file).
bool lists_table(hb_face_t* face, hb_tag_t tag) {
    hb_tag_t tags[64];
    unsigned start = 0;
    for (;;) {
        unsigned count = 64;
        const unsigned total = hb_face_get_table_tags(face, start, &count, tags);
        for (unsigned k = 0; k < count; ++k)
            if (tags[k] == tag) return true;
        start += count;
        if (count == 0 || start >= total) return false;
    }
}

enum class Cls { strong, neutral, mark };

Cls classify(char32_t c) {
    if (c < 0x80) {
        bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        return alnum ? Cls::strong : Cls::neutral;
    }
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
        (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F))
        return Cls::mark;
    if (c >= 0x80 && c <= 0xBF) return Cls::neutral;  // NBSP, Latin-1 punctuation and signs (·)
    if (c == 0xD7 || c == 0xF7) return Cls::neutral;  // × ÷
    if (c >= 0x2000 && c <= 0x206F) return Cls::neutral;  // spaces, dashes, quotes, …
    if (c >= 0x20A0 && c <= 0x20CF) return Cls::neutral;  // currency signs
    return Cls::strong;
}

}  // namespace

// ---------------------------------------------------------------------------------------

FontSet::FontSet(FontFiles files) : files_(std::move(files)) {}
FontSet::~FontSet() = default;

std::unique_ptr<FontSet> FontSet::open(const FontFiles& fonts, Diagnostics& diags) {
    std::unique_ptr<FontSet> set(new FontSet(fonts));
    bool ok = true;
    for (const auto& [name, ff] : fonts) {
        auto f = std::make_unique<Face>();
        if (::access(ff.file.c_str(), R_OK) != 0) {
            diags.error("font-missing",
                        "font file " + ff.file + " of font \"" + name + "\" is missing or unreadable" +
                            (ff.package.empty() ? std::string() : ": install the Debian package " + ff.package));
            ok = false;
            continue;
        }
        // Mapped, not read: a CJK collection is 20 MB of which a document touches a little.
        // Only a regular file within kMaxFontBytes is taken (a theme naming /dev/zero or a
        // pipe gets a diagnostic, not an endless read).
        auto mapped = MappedFile::open(ff.file, kMaxFontBytes, "the file of font \"" + name + "\"", diags);
        if (!mapped) {
            ok = false;
            continue;
        }
        auto* owner = new MappedFile(std::move(*mapped));
        f->file = owner;
        f->blob = hb_blob_create(owner->bytes().data(), static_cast<unsigned>(owner->bytes().size()),
                                 HB_MEMORY_MODE_READONLY, owner, [](void* p) { delete static_cast<MappedFile*>(p); });
        unsigned count = hb_face_count(f->blob);
        if (static_cast<unsigned>(ff.index) >= std::max(count, 1u)) {
            diags.error("font-open", "font file " + ff.file + " of font \"" + name + "\" has " + std::to_string(count) +
                                         " face(s); index " + std::to_string(ff.index) + " does not exist");
            ok = false;
            continue;
        }
        f->face = hb_face_create(f->blob, static_cast<unsigned>(ff.index));
        if (hb_face_get_glyph_count(f->face) == 0) {
            diags.error("font-open", "font file " + ff.file + " of font \"" + name + "\" is not a usable font");
            ok = false;
            continue;
        }
        if (!has_table(f->face, HB_TAG('g', 'l', 'y', 'f')) || !has_table(f->face, HB_TAG('l', 'o', 'c', 'a'))) {
            if (lists_table(f->face, HB_TAG('g', 'l', 'y', 'f')) && lists_table(f->face, HB_TAG('l', 'o', 'c', 'a'))) {
                // Named in the file's table directory, but not there: the file ends too soon.
                diags.error("font-open",
                            "font \"" + name +
                                "\" is damaged or cut short: its outline tables (glyf, loca) run past the end of the "
                                "file; reinstall its package or name another font file in the theme",
                            ff.file);
            } else {
                diags.error("font-unsupported", "font \"" + name + "\" (" + ff.file +
                                                    ") has no TrueType outlines (glyf table); the PDF writer cannot embed "
                                                    "CFF/OpenType fonts such as Noto Sans CJK: use a TrueType font");
            }
            ok = false;
            continue;
        }
        f->font = hb_font_create(f->face);
        f->upem = std::max(1u, hb_face_get_upem(f->face));
        hb_font_set_scale(f->font, static_cast<int>(f->upem), static_cast<int>(f->upem));

        f->notdef = pdf_width(hb_font_get_glyph_h_advance(f->font, 0), f->upem);
        hb_face_make_immutable(f->face);
        hb_font_make_immutable(f->font);
        set->faces_.emplace_back(name, std::move(f));
    }
    if (!ok) return nullptr;
    return set;
}

const FontSet::Face* FontSet::face(const std::string& font) const {
    for (const auto& [name, f] : faces_)
        if (name == font) return f.get();
    return nullptr;
}

bool FontSet::has(const std::string& font) const { return face(font) != nullptr; }

bool FontSet::covers(const std::string& font, char32_t cp) const {
    const Face* f = face(font);
    return f && f->units(cp) >= 0;
}

int FontSet::advance_units(const std::string& font, char32_t cp) const {
    const Face* f = face(font);
    return f ? f->units(cp) : -1;
}

int FontSet::units_per_em(const std::string& font) const {
    const Face* f = face(font);
    return f ? static_cast<int>(f->upem) : 0;
}

namespace {

// Fullwidth punctuation whose glyph sits in the left half of its em (closing marks, and the
// mainland-style comma, stops, colon and marks) or in the right half (opening marks).
constexpr std::u32string_view kClosingMarks = U"，。、；：！？）》」』”’】〕〗〉";
constexpr std::u32string_view kOpeningMarks = U"（《「『“‘【〔〖〈";

// Every mark lies in one of these blocks: quotes, CJK punctuation, fullwidth forms (most
// characters of a text, letters and Han, are outside them all).
constexpr bool in_mark_blocks(char32_t c) {
    return (c >= 0x2018 && c <= 0x201D) || (c >= 0x3001 && c <= 0x3017) || (c >= 0xFF01 && c <= 0xFF1F);
}
static_assert([] {
    for (const char32_t c : kClosingMarks)
        if (!in_mark_blocks(c)) return false;
    for (const char32_t c : kOpeningMarks)
        if (!in_mark_blocks(c)) return false;
    return true;
}());

[[gnu::noinline]] bool listed(std::u32string_view marks, char32_t c) { return marks.find(c) != std::u32string_view::npos; }
inline bool closing_mark(char32_t c) { return in_mark_blocks(c) && listed(kClosingMarks, c); }
inline bool opening_mark(char32_t c) { return in_mark_blocks(c) && listed(kOpeningMarks, c); }
constexpr int kFullWidth = 900;   // advance (1/1000 em) from which a mark is set full width
constexpr int kHalfEm = 500;

// Calls back with the end offset of each compressed mark: a fullwidth mark followed by
// another fullwidth mark, unless an opening mark meets a closing one (both halves inked).
template <typename Units, typename F>
void each_compressed(const Units& units, std::string_view utf8, F&& on_mark) {
    char32_t prev = 0;
    bool prev_full = false;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t begin = i;
        const char32_t cp = utf8::next(utf8, i);
        const bool mark = closing_mark(cp) || opening_mark(cp);
        const bool full = mark && units(cp) >= kFullWidth;
        if (full && prev_full && !(opening_mark(prev) && closing_mark(cp))) on_mark(begin);
        prev = cp;
        prev_full = full;
    }
}

}  // namespace

double FontSet::advance(const std::string& font, std::string_view utf8, double size) const {
    const Face* f = face(font);
    if (!f) return 0;
    long total = 0;
    std::size_t i = 0;
    bool marks = false;
    while (i < utf8.size()) {
        char32_t cp = utf8::next(utf8, i);
        int w = f->units(cp);
        total += w >= 0 ? w : f->notdef;
        marks = marks || closing_mark(cp) || opening_mark(cp);
    }
    if (marks) each_compressed([f](char32_t c) { return f->units(c); }, utf8, [&](std::size_t) { total -= kHalfEm; });
    return static_cast<double>(total) * size / 1000.0;
}

std::vector<std::size_t> FontSet::compressed_marks(const std::string& font, std::string_view utf8) const {
    std::vector<std::size_t> out;
    if (const Face* f = face(font)) each_compressed([f](char32_t c) { return f->units(c); }, utf8, [&](std::size_t at) { out.push_back(at); });
    return out;
}

double FontSet::shaped_advance(const std::string& font, std::string_view utf8, double size, bool kerning) const {
    const Face* f = face(font);
    if (!f || utf8.empty()) return 0;
    bool han = false;
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp = utf8::next(utf8, i);
        if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3FFFF)) han = true;
    }
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, utf8.data(), static_cast<int>(utf8.size()), 0, static_cast<int>(utf8.size()));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_language(buf, hb_language_from_string(han ? "zh" : "en", -1));
    hb_buffer_guess_segment_properties(buf);
    hb_feature_t features[1];
    unsigned nfeatures = 0;
    if (!kerning) {
        hb_feature_from_string("kern=0", -1, &features[0]);
        nfeatures = 1;
    }
    hb_shape(f->font, buf, features, nfeatures);
    unsigned n = 0;
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    long total = 0;
    for (unsigned k = 0; k < n; ++k) total += pos[k].x_advance;
    hb_buffer_destroy(buf);
    return static_cast<double>(total) * size / f->upem;
}

VMetrics FontSet::metrics(const std::string& font, double size) const {
    VMetrics m;
    const Face* f = face(font);
    if (!f) return m;
    auto get = [&](hb_ot_metrics_tag_t tag) {
        hb_position_t p = 0;
        hb_ot_metrics_get_position_with_fallback(f->font, tag, &p);
        return static_cast<double>(p) * size / f->upem;
    };
    m.ascender = get(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER);
    m.descender = get(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER);
    m.line_gap = get(HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP);
    m.cap_height = get(HB_OT_METRICS_TAG_CAP_HEIGHT);
    m.x_height = get(HB_OT_METRICS_TAG_X_HEIGHT);
    return m;
}

// ---------------------------------------------------------------------------------------
// Font runs

namespace {

// The font (index into the chain) that split_runs() would set the whole text in when that is
// one font: every strong character's first covering font is the same and it covers every other
// character too, no italics, no combining mark first. -1 otherwise (and for empty text).
int single_font(std::string_view utf8, std::span<const FontSet::Face* const> chain, bool check_coverage = true) {
    int single = -1;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t b = i;
        const char32_t cp = utf8::next(utf8, i);
        const Cls cls = classify(cp);
        if ((cls == Cls::mark && b == 0) || cp == kItalicOn || cp == kItalicOff) return -1;
        if (cls != Cls::strong) continue;
        int first = -1;
        for (std::size_t k = 0; k < chain.size(); ++k)
            if (chain[k] && chain[k]->units(cp) >= 0) {
                first = static_cast<int>(k);
                break;
            }
        if (first < 0 || (single >= 0 && first != single)) return -1;
        single = first;
    }
    if (single < 0 || !check_coverage) return single;
    const FontSet::Face* f = chain[static_cast<std::size_t>(single)];
    for (std::size_t i = 0; i < utf8.size();)
        if (f->units(utf8::next(utf8, i)) < 0) return -1;
    return single;
}

}  // namespace

std::vector<FontRun> FontSet::split_runs(std::string_view utf8, const Chain& style_chain,
                                         std::vector<char32_t>& missing) const {
    std::vector<FontRun> runs;
    split_runs(utf8, style_chain, missing, runs);
    return runs;
}

void FontSet::split_runs(std::string_view utf8, const Chain& style_chain, std::vector<char32_t>& missing,
                         std::vector<FontRun>& runs) const {
    runs.clear();
    auto report = [&](char32_t cp) {
        if (std::find(missing.begin(), missing.end(), cp) == missing.end()) missing.push_back(cp);
    };
    if (!utf8::valid(utf8)) {
        report(0xFFFD);
        return;
    }
    // Scratch space of this thread, kept between calls (split_runs is on the layout's hot
    // path: its vectors were a tenth of a long brief's allocations).
    struct Ch {
        char32_t cp;
        std::size_t begin, end;
        Cls cls;
        int font;
        bool italic;  // between kItalicOn and kItalicOff
    };
    thread_local std::vector<const Face*> chain;
    thread_local std::vector<Ch> chars;
    thread_local std::vector<int> next_strong;
    thread_local std::vector<char32_t> next_strong_cp;
    chain.clear();
    for (const auto& name : style_chain) chain.push_back(face(name));
    if (const int k = single_font(utf8, chain); k >= 0) {
        if (!utf8.empty()) runs.push_back({style_chain[static_cast<std::size_t>(k)], utf8, 0, utf8.size()});
        return;
    }
    constexpr int none = -1;
    auto first_covering = [&](char32_t cp) {
        for (std::size_t k = 0; k < chain.size(); ++k)
            if (chain[k] && chain[k]->units(cp) >= 0) return static_cast<int>(k);
        return none;
    };
    auto covered_by = [&](int k, char32_t cp) { return k >= 0 && chain[k] && chain[k]->units(cp) >= 0; };

    chars.clear();
    bool in_italic = false;
    for (std::size_t i = 0; i < utf8.size();) {
        std::size_t b = i;
        char32_t cp = utf8::decode(utf8, i);
        if (cp == kItalicOn || cp == kItalicOff) {
            in_italic = cp == kItalicOn;
            continue;
        }
        Cls cls = classify(cp);
        chars.push_back({cp, b, i, cls, cls == Cls::strong ? first_covering(cp) : none, in_italic});
    }
    // Font of the next strong character (that some font covers), right to left.
    next_strong.assign(chars.size() + 1, none);
    for (std::size_t k = chars.size(); k-- > 0;)
        next_strong[k] = chars[k].cls == Cls::strong && chars[k].font != none ? chars[k].font : next_strong[k + 1];

    // Next strong character itself (for quotes next to Han text).
    next_strong_cp.assign(chars.size() + 1, 0);
    for (std::size_t k = chars.size(); k-- > 0;)
        next_strong_cp[k] = chars[k].cls == Cls::strong ? chars[k].cp : next_strong_cp[k + 1];
    auto wide = [](char32_t cp) { return utf8::wide(cp); };

    // The font of the first Han (wide) character: quotation marks in Chinese text are set
    // full width in it, whatever they enclose ("“Spider”"), but not an apostrophe between
    // Latin letters ("SenseTime’s").
    int han_font = none;
    for (const Ch& c : chars)
        if (c.cls == Cls::strong && c.font != none && wide(c.cp)) {
            han_font = c.font;
            break;
        }
    auto latin = [](char32_t cp) { return (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z'); };

    int prev = none;
    char32_t prev_strong_cp = 0;
    int prev_strong_font = none;
    for (std::size_t k = 0; k < chars.size(); ++k) {
        Ch& c = chars[k];
        const bool quote = c.cp == U'\u2018' || c.cp == U'\u2019' || c.cp == U'\u201C' || c.cp == U'\u201D';
        const bool opening = c.cp == U'\u2018' || c.cp == U'\u201C';
        const bool apostrophe = c.cp == U'\u2019' && k > 0 && k + 1 < chars.size() && latin(chars[k - 1].cp) && latin(chars[k + 1].cp);
        // In Chinese text: the character just outside the mark (before an opening, after a
        // closing one) is Chinese, as in 称“Spider”系统; in English text quoted beside
        // Chinese ("the ‘assembly number’" in a citation line) it is not.
        const char32_t outside = opening ? (k > 0 ? chars[k - 1].cp : 0) : (k + 1 < chars.size() ? chars[k + 1].cp : 0);
        const bool in_chinese = wide(outside) || (opening ? wide(next_strong_cp[k + 1]) : wide(prev_strong_cp));
        if (quote && !apostrophe && in_chinese && han_font != none && covered_by(han_font, c.cp)) {
            c.font = han_font;
        } else if (quote && opening && wide(next_strong_cp[k + 1]) && covered_by(next_strong[k + 1], c.cp)) {
            // Quotation marks in Chinese text are set full width, in the font of the Han
            // text they enclose (clreq §3.1.3), not in the Latin font of the chain.
            c.font = next_strong[k + 1];
        } else if (quote && !opening && wide(prev_strong_cp) && covered_by(prev_strong_font, c.cp)) {
            c.font = prev_strong_font;
        } else if (c.cls != Cls::strong) {
            if (covered_by(prev, c.cp)) c.font = prev;
            else if (c.cls == Cls::neutral && covered_by(next_strong[k + 1], c.cp)) c.font = next_strong[k + 1];
            else c.font = first_covering(c.cp);
        }
        if (c.font == none) report(c.cp);
        prev = c.font;
        if (c.cls == Cls::strong) {
            prev_strong_cp = c.cp;
            prev_strong_font = c.font;
        }
    }

    for (std::size_t k = 0; k < chars.size(); ++k) {
        const Ch& c = chars[k];
        if (c.font == none) continue;
        const std::string& plain = style_chain[static_cast<std::size_t>(c.font)];
        const std::string_view suffix = c.italic && has(plain + kItalicSuffix) ? kItalicSuffix : "";
        const bool same = !runs.empty() && runs.back().end == c.begin &&
                          runs.back().font.size() == plain.size() + suffix.size() && runs.back().font.starts_with(plain) &&
                          runs.back().font.ends_with(suffix);
        if (same) {
            runs.back().end = c.end;
        } else {
            if (runs.empty()) runs.reserve(4);
            std::string name;
            name.reserve(plain.size() + suffix.size());
            name += plain;
            name += suffix;
            runs.push_back({std::move(name), {}, c.begin, c.end});
        }
    }
    for (auto& r : runs) r.text = utf8.substr(r.begin, r.end - r.begin);
}

double FontSet::measure(std::string_view utf8, const Chain& style_chain, double size) const {
    // Fast path, the common case of plain Latin or plain Chinese text set in one font.
    // The chain's faces, looked up by name once per call rather than once per character
    // (the lookups were a visible part of typesetting a long report).
    constexpr std::size_t kInline = 8;
    const Face* inline_faces[kInline] = {};
    std::vector<const Face*> more;
    const Face* const* faces = inline_faces;
    const std::size_t nfaces = style_chain.size();
    if (nfaces <= kInline) {
        for (std::size_t k = 0; k < nfaces; ++k) inline_faces[k] = face(style_chain[k]);
    } else {
        for (const auto& name : style_chain) more.push_back(face(name));
        faces = more.data();
    }
    const int k = single_font(utf8, std::span<const Face* const>(faces, nfaces));
    if (k >= 0) {
        const Face* single = faces[k];
        long total = 0;
        for (std::size_t i = 0; i < utf8.size();) total += single->units(utf8::next(utf8, i));
        each_compressed([single](char32_t c) { return single->units(c); }, utf8, [&](std::size_t) { total -= kHalfEm; });
        return static_cast<double>(total) * size / 1000.0;
    }
    std::vector<char32_t> missing;
    double total = 0;
    for (const auto& r : split_runs(utf8, style_chain, missing)) total += advance(r.font, r.text, size);
    return total;
}

std::vector<double> FontSet::prefix_widths(std::string_view utf8, const Chain& style_chain, double size) const {
    // Advances in 1/1000 em, each added at the end offset of its character, then summed (in
    // scratch space of this thread, kept between calls).
    thread_local std::vector<long> units;
    units.assign(utf8.size() + 1, 0);
    // Adds a run's advances; false (and nothing added) when `whole` and f lacks a character.
    auto add_run = [&](const Face* f, std::size_t begin, std::string_view run, bool whole) {
        bool marks = false;
        for (std::size_t i = 0; i < run.size();) {
            const char32_t cp = utf8::next(run, i);
            if (cp == kItalicOn || cp == kItalicOff) continue;
            const int w = f->units(cp);
            if (w < 0 && whole) {
                std::fill(units.begin(), units.end(), 0);
                return false;
            }
            units[begin + i] += w >= 0 ? w : f->notdef;
            marks = marks || closing_mark(cp) || opening_mark(cp);
        }
        // A compressed mark gives up half its em: at its own end, the start of what follows.
        if (marks)
            each_compressed([f](char32_t c) { return f->units(c); }, run, [&](std::size_t at) { units[begin + at] -= kHalfEm; });
        return true;
    };
    // One font takes every character (the common case), or the runs of split_runs().
    thread_local std::vector<const Face*> chain;
    chain.clear();
    for (const auto& name : style_chain) chain.push_back(face(name));
    const int k = single_font(utf8, chain, false);
    if (k < 0 || !add_run(chain[static_cast<std::size_t>(k)], 0, utf8, true)) {
        std::vector<char32_t> missing;
        for (const auto& r : split_runs(utf8, style_chain, missing))
            if (const Face* f = face(r.font)) add_run(f, r.begin, r.text, false);
    }
    std::vector<double> out(utf8.size() + 1, 0.0);
    long total = 0;
    for (std::size_t i = 0; i <= utf8.size(); ++i) {
        total += units[i];
        out[i] = static_cast<double>(total) * size / 1000.0;
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Subsetting

namespace {

// Big-endian integers of a font table, 0 beyond its end.
struct Table {
    hb_blob_t* blob;
    const unsigned char* data = nullptr;
    unsigned len = 0;
    Table(hb_face_t* face, hb_tag_t tag) : blob(hb_face_reference_table(face, tag)) {
        data = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob, &len));
    }
    ~Table() { hb_blob_destroy(blob); }
    Table(const Table&) = delete;
    Table& operator=(const Table&) = delete;
    std::uint32_t u(unsigned at, unsigned bytes) const {
        if (!data || at + bytes > len) return 0;
        std::uint32_t v = 0;
        for (unsigned k = 0; k < bytes; ++k) v = (v << 8) | data[at + k];
        return v;
    }
    int s16(unsigned at) const { return static_cast<std::int16_t>(static_cast<std::uint16_t>(u(at, 2))); }
};

}  // namespace

unsigned FontSet::glyph(const std::string& font, char32_t cp) const {
    const Face* f = face(font);
    hb_codepoint_t gid = 0;
    if (!f || !hb_font_get_nominal_glyph(f->font, cp, &gid)) return 0;
    return gid;
}

int FontSet::glyph_units(const std::string& font, unsigned gid) const {
    const Face* f = face(font);
    return f ? pdf_width(hb_font_get_glyph_h_advance(f->font, gid), f->upem) : 0;
}

FontSet::Description FontSet::describe(const std::string& font) const {
    Description d;
    const Face* f = face(font);
    if (!f) return d;
    const auto em = [f](long v) { return static_cast<int>(v * 1000 / static_cast<long>(f->upem)); };
    char name[128];
    unsigned len = sizeof name;
    if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name) > 0)
        d.postscript_name.assign(name, len);
    if (d.postscript_name.empty()) {
        len = sizeof name;
        hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &len, name);
        d.postscript_name.assign(name, len);
    }
    // A PDF name of printable ASCII without delimiters (PDF 32000-1 §7.3.5).
    std::erase_if(d.postscript_name, [](char c) {
        return c <= ' ' || c > '~' || std::string_view("()<>[]{}/%#").find(c) != std::string_view::npos;
    });
    if (d.postscript_name.empty()) d.postscript_name = "Font";
    const Table head(f->face, HB_TAG('h', 'e', 'a', 'd'));
    for (int k = 0; k < 4; ++k) d.bbox[k] = em(head.s16(36 + 2 * static_cast<unsigned>(k)));
    hb_position_t p = 0;
    hb_ot_metrics_get_position_with_fallback(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &p);
    d.ascent = em(p);
    hb_ot_metrics_get_position_with_fallback(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &p);
    d.descent = em(p);
    hb_ot_metrics_get_position_with_fallback(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &p);
    d.cap_height = em(p);
    const Table post(f->face, HB_TAG('p', 'o', 's', 't'));
    d.italic_angle = static_cast<std::int32_t>(post.u(4, 4)) / 65536.0;
    d.fixed_pitch = post.u(12, 4) != 0;
    const Table os2(f->face, HB_TAG('O', 'S', '/', '2'));
    if (os2.len >= 6) d.weight = static_cast<int>(os2.u(4, 2));
    return d;
}

FontSet::GlyphSubset FontSet::subset_glyphs(const std::string& font, const std::vector<unsigned>& gids,
                                            bool retain_gids) const {
    GlyphSubset out;
    const Face* f = face(font);
    if (!f) {
        out.error = "the theme has no such font";
        return out;
    }
    std::vector<hb_blob_t*> blobs;  // the tables read, alive until the subset is made
    const auto table = [&](std::uint32_t tag) {
        hb_blob_t* blob = hb_face_reference_table(f->face, tag);
        blobs.push_back(blob);
        unsigned len = 0;
        const char* data = hb_blob_get_data(blob, &len);
        return data ? std::string_view(data, len) : std::string_view();
    };
    const auto copy = [file = f->file](std::string_view part, char* to) { file->copy(part, to); };
    if (auto sub = truetype::subset(table, gids, retain_gids, out.error, copy)) {
        out.bytes = std::move(sub->bytes);
        out.new_gid = std::move(sub->new_gid);
    }
    for (hb_blob_t* b : blobs) hb_blob_destroy(b);
    return out;
}

// ---------------------------------------------------------------------------------------

void UsedGlyphs::add(const std::string& font, std::string_view utf8) {
    auto& set = used_[font];
    for (std::size_t i = 0; i < utf8.size();) set.insert(utf8::next(utf8, i));
}

const std::set<char32_t>& UsedGlyphs::of(const std::string& font) const {
    static const std::set<char32_t> empty;
    auto it = used_.find(font);
    return it == used_.end() ? empty : it->second;
}

}  // namespace timeline::text
