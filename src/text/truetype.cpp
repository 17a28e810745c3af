#include "text/truetype.h"

#include <algorithm>
#include <array>
#include <string>

namespace timeline::text::truetype {
namespace {

constexpr std::uint32_t tag(const char (&t)[5]) {
    return (std::uint32_t(std::uint8_t(t[0])) << 24) | (std::uint32_t(std::uint8_t(t[1])) << 16) |
           (std::uint32_t(std::uint8_t(t[2])) << 8) | std::uint32_t(std::uint8_t(t[3]));
}

// Big-endian reads that are checked against the table's end by the caller.
unsigned u16(std::string_view d, std::size_t at) {
    return (unsigned(std::uint8_t(d[at])) << 8) | unsigned(std::uint8_t(d[at + 1]));
}
std::uint32_t u32(std::string_view d, std::size_t at) {
    return (std::uint32_t(u16(d, at)) << 16) | u16(d, at + 2);
}
void put16(std::string& s, std::size_t at, unsigned v) {
    s[at] = char((v >> 8) & 0xFF);
    s[at + 1] = char(v & 0xFF);
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
    put16(s, at, v >> 16);
    put16(s, at + 2, v & 0xFFFF);
}
void append16(std::string& s, unsigned v) {
    s.push_back(char((v >> 8) & 0xFF));
    s.push_back(char(v & 0xFF));
}
void append32(std::string& s, std::uint32_t v) {
    append16(s, v >> 16);
    append16(s, v & 0xFFFF);
}

// Composite glyph records (OpenType 'glyf'): flags, glyph index, arguments, a transform.
constexpr unsigned kArgsAreWords = 0x0001, kHaveScale = 0x0008, kMoreComponents = 0x0020, kXYScale = 0x0040,
                   kTwoByTwo = 0x0080;

// Calls f(offset of the component's glyph index) for each component of a composite glyph;
// false when the records run past the glyph's end.
template <class F>
bool each_component(std::string_view glyph, F&& f) {
    std::size_t at = 10;
    for (;;) {
        if (at + 4 > glyph.size()) return false;
        const unsigned flags = u16(glyph, at);
        f(at + 2);
        at += 4 + ((flags & kArgsAreWords) ? 4 : 2);
        if (flags & kHaveScale) at += 2;
        else if (flags & kXYScale) at += 4;
        else if (flags & kTwoByTwo) at += 8;
        if (!(flags & kMoreComponents)) return at <= glyph.size();
    }
}

bool is_composite(std::string_view glyph) { return glyph.size() >= 10 && (u16(glyph, 0) & 0x8000); }

struct Source {
    std::string_view glyf, loca, hmtx;
    unsigned glyphs = 0, metrics = 0;
    bool long_loca = false;

    // The glyph's bytes; empty for an empty glyph, nullopt when loca points outside glyf.
    std::optional<std::string_view> glyph(unsigned gid) const {
        std::size_t from, to;
        if (long_loca) {
            from = u32(loca, 4 * std::size_t(gid));
            to = u32(loca, 4 * std::size_t(gid) + 4);
        } else {
            from = 2 * std::size_t(u16(loca, 2 * std::size_t(gid)));
            to = 2 * std::size_t(u16(loca, 2 * std::size_t(gid) + 2));
        }
        if (to < from || to > glyf.size()) return std::nullopt;
        return glyf.substr(from, to - from);
    }
    unsigned advance(unsigned gid) const { return u16(hmtx, 4 * std::size_t(std::min(gid, metrics - 1))); }
    unsigned lsb(unsigned gid) const {
        return gid < metrics ? u16(hmtx, 4 * std::size_t(gid) + 2) : u16(hmtx, 4 * std::size_t(metrics) + 2 * std::size_t(gid - metrics));
    }
};

std::uint32_t checksum(std::string_view t) {
    std::uint32_t sum = 0;
    std::size_t k = 0;
    for (; k + 4 <= t.size(); k += 4) sum += u32(t, k);
    if (k < t.size()) {
        std::array<char, 4> last{};
        std::copy(t.begin() + static_cast<std::ptrdiff_t>(k), t.end(), last.begin());
        sum += u32(std::string_view(last.data(), 4), 0);
    }
    return sum;
}

}  // namespace

std::optional<Subset> subset(const TableReader& table, const std::vector<unsigned>& gids, bool retain_gids,
                             std::string& error) {
    const std::string_view head = table(tag("head")), hhea = table(tag("hhea")), maxp = table(tag("maxp"));
    Source src;
    src.glyf = table(tag("glyf"));
    src.loca = table(tag("loca"));
    src.hmtx = table(tag("hmtx"));
    if (head.size() < 54 || hhea.size() < 36 || maxp.size() < 6 || src.glyf.empty()) {
        error = "its head, hhea, maxp or glyf table is missing or cut short";
        return std::nullopt;
    }
    src.glyphs = u16(maxp, 4);
    src.metrics = u16(hhea, 34);
    src.long_loca = u16(head, 50) == 1;
    if (src.glyphs == 0 || src.metrics == 0 || src.metrics > src.glyphs ||
        src.loca.size() < (src.long_loca ? 4u : 2u) * (std::size_t(src.glyphs) + 1) ||
        src.hmtx.size() < 4 * std::size_t(src.metrics) + 2 * std::size_t(src.glyphs - src.metrics)) {
        error = "its loca or hmtx table is shorter than its " + std::to_string(src.glyphs) + " glyphs need";
        return std::nullopt;
    }

    // The glyphs kept: those asked for, .notdef, and every component, found depth first (a
    // component chain is cut at the font's own glyph count, so a cycle cannot loop).
    std::vector<char> keep(src.glyphs, 0);
    std::vector<unsigned> todo{0};
    for (unsigned g : gids)
        if (g < src.glyphs) todo.push_back(g);
    while (!todo.empty()) {
        const unsigned g = todo.back();
        todo.pop_back();
        if (keep[g]) continue;
        keep[g] = 1;
        const auto glyph = src.glyph(g);
        if (!glyph) {
            error = "the outline of glyph " + std::to_string(g) + " lies beyond the end of its glyf table";
            return std::nullopt;
        }
        if (is_composite(*glyph)) {
            bool bad = false;
            if (!each_component(*glyph, [&](std::size_t at) {
                    const unsigned c = u16(*glyph, at);
                    if (c >= src.glyphs) bad = true;
                    else if (!keep[c]) todo.push_back(c);
                }) ||
                bad) {
                error = "composite glyph " + std::to_string(g) + " names a part that is not in the font";
                return std::nullopt;
            }
        }
    }

    // Old id -> new id.
    std::vector<unsigned> renumber(src.glyphs, 0);
    unsigned count = 0;
    for (unsigned g = 0; g < src.glyphs; ++g)
        if (keep[g]) {
            renumber[g] = retain_gids ? g : count;
            count = retain_gids ? g + 1 : count + 1;
        }

    // glyf, loca (long offsets) and hmtx (a full metric per glyph) of the new numbering.
    std::string glyf, loca, hmtx;
    loca.reserve(4 * (std::size_t(count) + 1));
    hmtx.reserve(4 * std::size_t(count));
    for (unsigned g = 0; g < src.glyphs && (retain_gids ? g < count : true); ++g) {
        if (!retain_gids && !keep[g]) continue;
        append32(loca, static_cast<std::uint32_t>(glyf.size()));
        if (keep[g]) {
            const std::string_view glyph = *src.glyph(g);
            const std::size_t start = glyf.size();
            glyf.append(glyph);
            if (is_composite(glyph))
                each_component(glyph, [&](std::size_t at) { put16(glyf, start + at, renumber[u16(glyph, at)]); });
            glyf.resize((glyf.size() + 3) & ~std::size_t(3), '\0');
            append16(hmtx, src.advance(g));
            append16(hmtx, src.lsb(g));
        } else {
            append16(hmtx, 0);
            append16(hmtx, 0);
        }
    }
    append32(loca, static_cast<std::uint32_t>(glyf.size()));

    std::string new_head(head.substr(0, 54)), new_hhea(hhea), new_maxp(maxp);
    put32(new_head, 8, 0);   // checkSumAdjustment, set below
    put16(new_head, 50, 1);  // indexToLocFormat: long
    put16(new_hhea, 34, count);
    put16(new_maxp, 4, count);

    // The font file: tables in tag order, each at a 4-byte boundary.
    struct Entry {
        std::uint32_t tag;
        std::string_view bytes;
    };
    std::vector<Entry> tables = {{tag("glyf"), glyf}, {tag("head"), new_head}, {tag("hhea"), new_hhea},
                                 {tag("hmtx"), hmtx}, {tag("loca"), loca},     {tag("maxp"), new_maxp}};
    for (const std::uint32_t t : {tag("cvt "), tag("fpgm"), tag("prep")})
        if (const std::string_view bytes = table(t); !bytes.empty()) tables.push_back({t, bytes});
    std::sort(tables.begin(), tables.end(), [](const Entry& a, const Entry& b) { return a.tag < b.tag; });
    const unsigned n = static_cast<unsigned>(tables.size());
    unsigned power = 1, log2 = 0;
    while (power * 2 <= n) power *= 2, ++log2;
    Subset out;
    std::string& font = out.bytes;
    std::size_t size = 12 + 16 * std::size_t(n);
    for (const Entry& e : tables) size += (e.bytes.size() + 3) & ~std::size_t(3);
    font.reserve(size);
    append32(font, 0x00010000);
    append16(font, n);
    append16(font, power * 16);
    append16(font, log2);
    append16(font, n * 16 - power * 16);
    std::size_t offset = 12 + 16 * std::size_t(n), head_at = 0;
    for (const Entry& e : tables) {
        append32(font, e.tag);
        append32(font, checksum(e.bytes));
        append32(font, static_cast<std::uint32_t>(offset));
        append32(font, static_cast<std::uint32_t>(e.bytes.size()));
        if (e.tag == tag("head")) head_at = offset;
        offset += (e.bytes.size() + 3) & ~std::size_t(3);
    }
    for (const Entry& e : tables) {
        font.append(e.bytes);
        font.resize((font.size() + 3) & ~std::size_t(3), '\0');
    }
    put32(font, head_at + 8, 0xB1B0AFBAu - checksum(font));

    out.new_gid.reserve(gids.size());
    for (unsigned g : gids) out.new_gid.push_back(g < src.glyphs ? renumber[g] : 0);
    return out;
}

}  // namespace timeline::text::truetype
