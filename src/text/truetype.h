// Subsetting a TrueType font (glyf outlines) to some glyphs, for embedding in a PDF as a
// FontFile2 program: the tables a PDF renderer reads (glyf loca hmtx hhea head maxp, and the
// hinting programs cvt fpgm prep copied as they are), nothing else (PDF 32000-1 §9.9: the
// glyphs of a CIDFontType2 are addressed by id, its cmap is not read).
//
// Its cost is the glyphs kept, not the font: a document of a few hundred characters in a
// 30,000-glyph CJK face touches a few hundred glyph records (HarfBuzz's subsetter plans over
// the whole face, ~10 M instructions a font).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace timeline::text::truetype {

// The bytes of the table `tag` (big-endian 'glyf' = 0x676C7966), empty when the font has none.
using TableReader = std::function<std::string_view(std::uint32_t tag)>;

// Copies `part`, a part of a table the TableReader gave, into `out`. A font mapped from its
// file copies through the file (base/files.h MappedFile::copy): the glyphs kept lie scattered
// over a CJK font's 17 MB of outlines, and reading them in the mapping costs a page fault
// each.
using Copier = std::function<void(std::string_view part, char* out)>;

struct Subset {
    std::string bytes;              // the font program
    std::vector<unsigned> new_gid;  // for each glyph asked for, in order, its id in `bytes`
};

// The glyphs `gids`, .notdef and the components of composite glyphs. With `retain_gids`
// every glyph keeps its id (those not kept are empty); otherwise they are numbered in the
// order of their old ids from 0 (.notdef). A glyph id beyond the font maps to .notdef.
// nullopt, with `error` set to what is wrong (one clause), when the font lacks a table named
// above (other than the hinting programs) or a table is cut short. With `copy`, the outlines
// and their offsets (glyf, loca) are read through it, in runs of nearby glyphs; the result
// is the same.
std::optional<Subset> subset(const TableReader& table, const std::vector<unsigned>& gids, bool retain_gids,
                             std::string& error, const Copier& copy = {});

}  // namespace timeline::text::truetype
