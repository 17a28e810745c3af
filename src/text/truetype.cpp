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

// Parts of a table read through a Copier into a buffer of their own (or, without one, the
// table itself). Ranges are fetched in batches, nearby ones in one run; a view is valid until
// the next fetch.
class Parts {
public:
    Parts(std::string_view table, const Copier& copy) : table_(table), copy_(copy) {}

    // Fetches [from, to) for each range (all within the table).
    void fetch(std::vector<std::pair<std::size_t, std::size_t>> ranges) {
        if (!copy_) return;
        std::sort(ranges.begin(), ranges.end());
        for (std::size_t i = 0; i < ranges.size();) {
            std::size_t from = ranges[i].first, to = ranges[i].second;
            for (++i; i < ranges.size() && ranges[i].first <= to + kGap; ++i) to = std::max(to, ranges[i].second);
            if (covered(from, to)) continue;
            const std::size_t at = buffer_.size();
            buffer_.resize(at + (to - from));
            copy_(table_.substr(from, to - from), buffer_.data() + at);
            runs_.push_back({from, to, at});
        }
        std::sort(runs_.begin(), runs_.end(), [](const Run& a, const Run& b) { return a.from < b.from; });
    }

    // The bytes [at, at + size) of the table, fetched before.
    std::string_view view(std::size_t at, std::size_t size) const {
        if (!copy_) return table_.substr(at, size);
        const Run* r = run_of(at, at + size);
        return r ? std::string_view(buffer_).substr(r->buffer_at + (at - r->from), size) : std::string_view();
    }

private:
    // Apart by at most this, two ranges are read as one run: a read costs about as much as
    // copying a few kilobytes more.
    static constexpr std::size_t kGap = 1024;
    struct Run {
        std::size_t from, to, buffer_at;
    };
    // A run holding [from, to): runs of different fetches may overlap, so every run that
    // starts at or before `from` is a candidate, the nearest first.
    const Run* run_of(std::size_t from, std::size_t to) const {
        auto it = std::upper_bound(runs_.begin(), runs_.end(), from, [](std::size_t v, const Run& r) { return v < r.from; });
        while (it != runs_.begin()) {
            --it;
            if (to <= it->to) return &*it;
        }
        return nullptr;
    }
    bool covered(std::size_t from, std::size_t to) const { return run_of(from, to) != nullptr; }

    std::string_view table_;
    const Copier& copy_;
    std::string buffer_;
    std::vector<Run> runs_;
};

struct Source {
    std::string_view glyf, loca, hmtx;
    unsigned glyphs = 0, metrics = 0;
    bool long_loca = false;

    // The loca bytes of glyph `gid`'s two offsets.
    std::pair<std::size_t, std::size_t> loca_range(unsigned gid) const {
        const std::size_t entry = long_loca ? 4 : 2;
        return {entry * gid, entry * (std::size_t(gid) + 2)};
    }
    // Where the glyph's bytes lie in glyf (fetched loca); nullopt when loca points outside glyf.
    std::optional<std::pair<std::size_t, std::size_t>> glyph_range(const Parts& loca_parts, unsigned gid) const {
        const auto [from_at, to_at] = loca_range(gid);
        const std::string_view e = loca_parts.view(from_at, to_at - from_at);
        if (e.size() != to_at - from_at) return std::nullopt;
        std::size_t from, to;
        if (long_loca) {
            from = u32(e, 0);
            to = u32(e, 4);
        } else {
            from = 2 * std::size_t(u16(e, 0));
            to = 2 * std::size_t(u16(e, 2));
        }
        if (to < from || to > glyf.size()) return std::nullopt;
        return std::make_pair(from, to);
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
                             std::string& error, const Copier& copy) {
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

    // The glyphs kept: those asked for, .notdef, and every component, found wave by wave
    // (the components of one wave's composites are the next wave; a component chain is cut
    // at the font's own glyph count, so a cycle cannot loop). Each wave's offsets, then its
    // outlines, are fetched at once.
    Parts loca_parts(src.loca, copy), glyf_parts(src.glyf, copy);
    std::vector<unsigned> kept;  // sorted
    const auto is_kept = [&](unsigned g) { return std::binary_search(kept.begin(), kept.end(), g); };
    std::vector<unsigned> wave{0};
    for (unsigned g : gids)
        if (g < src.glyphs) wave.push_back(g);
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    while (!wave.empty()) {
        std::sort(wave.begin(), wave.end());
        wave.erase(std::unique(wave.begin(), wave.end()), wave.end());
        wave.erase(std::remove_if(wave.begin(), wave.end(), is_kept), wave.end());
        if (wave.empty()) break;
        ranges.clear();
        for (unsigned g : wave) ranges.push_back(src.loca_range(g));
        loca_parts.fetch(ranges);
        ranges.clear();
        for (unsigned g : wave) {
            const auto r = src.glyph_range(loca_parts, g);
            if (!r) {
                error = "the outline of glyph " + std::to_string(g) + " lies beyond the end of its glyf table";
                return std::nullopt;
            }
            if (r->second > r->first) ranges.push_back(*r);
        }
        glyf_parts.fetch(ranges);
        const std::size_t before = kept.size();
        kept.insert(kept.end(), wave.begin(), wave.end());
        std::inplace_merge(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(before), kept.end());
        std::vector<unsigned> next;
        for (unsigned g : wave) {
            const auto [from, to] = *src.glyph_range(loca_parts, g);
            const std::string_view glyph = glyf_parts.view(from, to - from);
            if (!is_composite(glyph)) continue;
            bool bad = false;
            if (!each_component(glyph, [&](std::size_t at) {
                    const unsigned c = u16(glyph, at);
                    if (c >= src.glyphs) bad = true;
                    else if (!is_kept(c)) next.push_back(c);
                }) ||
                bad) {
                error = "composite glyph " + std::to_string(g) + " names a part that is not in the font";
                return std::nullopt;
            }
        }
        wave = std::move(next);
    }

    // Old id -> new id: the same with `retain_gids`, else the place among those kept.
    const auto renumber = [&](unsigned g) {
        return retain_gids ? g : static_cast<unsigned>(std::lower_bound(kept.begin(), kept.end(), g) - kept.begin());
    };
    const unsigned count = retain_gids ? kept.back() + 1 : static_cast<unsigned>(kept.size());

    // glyf, loca (long offsets) and hmtx (a full metric per glyph) of the new numbering.
    std::string glyf, loca, hmtx;
    loca.reserve(4 * (std::size_t(count) + 1));
    hmtx.reserve(4 * std::size_t(count));
    std::size_t next_kept = 0;
    for (unsigned g = 0; g < count; ++g) {
        const unsigned old = retain_gids ? g : kept[g];
        const bool keep = next_kept < kept.size() && kept[next_kept] == old;
        append32(loca, static_cast<std::uint32_t>(glyf.size()));
        if (keep) {
            ++next_kept;
            const auto [from, to] = *src.glyph_range(loca_parts, old);
            const std::string_view glyph = glyf_parts.view(from, to - from);
            const std::size_t start = glyf.size();
            glyf.append(glyph);
            if (is_composite(glyph))
                each_component(glyph, [&](std::size_t at) { put16(glyf, start + at, renumber(u16(glyph, at))); });
            glyf.resize((glyf.size() + 3) & ~std::size_t(3), '\0');
            append16(hmtx, src.advance(old));
            append16(hmtx, src.lsb(old));
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
    for (unsigned g : gids) out.new_gid.push_back(g < src.glyphs ? renumber(g) : 0);
    return out;
}

}  // namespace timeline::text::truetype
