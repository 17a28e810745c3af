// Writes a display list (layout/display_list.h) as a PDF file with libharu 2.3.0.
// This module is the only code that includes hpdf.h.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "layout/display_list.h"

namespace timeline::pdf {

struct EmbeddedFont {
    std::string key;   // the key glyph runs name in GlyphRun::font, e.g. "zh-serif"
    std::string path;  // a TrueType file libharu can load: callers pass subset fonts (PITFALLS, libharu 1-2)
};

// Writes the display list as a PDF to `path` atomically (temporary file in the same
// directory, fsync, rename). Only fonts that glyph runs use are loaded and embedded.
//
// The output is reproducible: libharu 2.3.0 writes no time stamp of its own and no /ID
// unless encryption or PDF/A is on (neither is used); the dates come from
// `info.creation_date` (midnight UTC) and the trailer /ID from `info.document_id`, so two
// writes of the same list are byte-identical.
//
// Word spacing: PDF applies Tw only to the single-byte code 32, and libharu's UTF-8 fonts
// are Type0 fonts with two-byte codes, so a run with `word_spacing` is drawn word by word
// at positions measured from the font's advance widths (HPDF_Font_GetUnicodeWidth, the
// widths the PDF carries). Dash lengths are whole points (HPDF_Page_SetDash takes
// integers); an odd pattern is written twice (libharu refuses odd counts), at most 8
// lengths in all. Bookmarks open the page at zoom 100% with the target y at the top
// (libharu 2.3.0 refuses zoom 0, "keep the reader's zoom"). Bookmark levels nest under the
// latest bookmark one level up; a skipped level attaches to the deepest open one.
//
// Returns false with diagnostics on failure ("pdf-input" for a display list libharu
// cannot draw, "pdf-font" for a missing font, "pdf-error" for libharu errors with their
// code, "io-write" from writing); no file is left behind then.
bool write_pdf(const layout::DisplayList& list, const std::vector<EmbeddedFont>& fonts, const std::string& path,
               Diagnostics& diags);

// Called after each page is written with (pages done, pages in all): a terminal's progress.
using PageProgress = std::function<void(std::size_t, std::size_t)>;

// The same PDF as bytes, for standard output; `name` names the output in diagnostics.
std::optional<std::string> render_pdf(const layout::DisplayList& list, const std::vector<EmbeddedFont>& fonts,
                                      const std::string& name, Diagnostics& diags, const PageProgress& progress = {});

}  // namespace timeline::pdf
