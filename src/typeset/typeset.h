// The page engine: the report model (report/document.h) set as pages of a display list
// (layout/display_list.h), ready for the PDF writer.
//
// Page: A4 (default) or Letter. The text block is a whole number of body ems wide (Chinese
// justified on the character grid then fills lines exactly) and centred; the running header
// (title, marking) sits in the top margin from page 2 on, the footer ("第n页 共N页" /
// "Page n of N") in the bottom margin of every page, numbered once the page count is known.
//
// Flow. Content becomes a sequence of units (a line of a paragraph, a table row, a row of
// key-figure cards, a chart, a slice of the timeline) stacked down the page. A unit may be
// tied to the next one:
// - strongly: a heading to what follows it, the first two and the last two lines of a
//   paragraph (no orphans, no widows), a table's header to its first row and its last row to
//   the source line under it;
// - weakly: the zh paragraph to its en counterpart in bilingual mode, when the pair takes
//   no more than 40% of the text block.
// A chain of tied units goes on the current page if it fits, else on a fresh page; a chain
// taller than a page is split at its weak ties first, then unit by unit. Space above a unit
// is dropped at the top of a page. A table row moved to a new page brings the header row
// with it.
#pragma once

#include <string>

#include "draw/setter.h"
#include "layout/display_list.h"
#include "report/document.h"

namespace timeline::typeset {

struct PageGeometry {
    double width = 595.276;
    double height = 841.890;
    double top = 72;     // top margin (the running header is inside it)
    double bottom = 66;  // bottom margin (the footer is inside it)
    double left = 60;
    double right = 60;
    double body_width() const { return width - left - right; }
    double body_height() const { return height - top - bottom; }
};

// `em` is the body font size: the text block width is rounded down to a whole number of ems.
PageGeometry page_geometry(PageSize page, double em);

struct TypesetOptions {
    std::string document_id;  // hex digest of the inputs, for the PDF /ID
};

// Sets the whole document. Texts are set through `setter`, which records characters no
// font covers (the caller reports them).
layout::DisplayList typeset_document(const report::Document& doc, draw::Setter& setter, const TypesetOptions& options);

}  // namespace timeline::typeset
