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

#include <functional>
#include <string>

#include "draw/setter.h"
#include "layout/display_list.h"
#include "report/document.h"
#include "theme/theme.h"

namespace timeline::typeset {

struct PageGeometry {
    double width = 595.276;
    double height = 841.890;
    double top = 0;     // top margin (the running header is inside it)
    double bottom = 0;  // bottom margin (the footer is inside it)
    double left = 0;
    double right = 0;
    double body_width() const { return width - left - right; }
    double body_height() const { return height - top - bottom; }
};

// A4 or Letter with the theme's margins. `em` is the body font size: the text block width is
// rounded down to a whole number of ems.
PageGeometry page_geometry(PageSize page, double em, const theme::PageMargins& margins);

struct TypesetOptions {
    std::string document_id;  // hex digest of the inputs, for the PDF /ID
    bool strict = false;      // characters no font covers are errors, not warnings
    // Called after each section with (sections done, sections in all): a terminal's progress.
    std::function<void(std::size_t, std::size_t)> progress;
};

// The pages of a document and what setting them found.
struct Typeset {
    layout::DisplayList pages;
    // "glyph-missing": a character no font of a style's chain covers is left out of the pages
    // (a warning, an error with `strict`), once per character and style.
    Diagnostics diagnostics;
};

// Where pages go as they are finished, so that a long document is not held whole.
class PageSink {
public:
    virtual ~PageSink() = default;
    // Page `index` (0, 1, 2, … in order) as soon as the flow has moved past it.
    virtual void page(std::size_t index, layout::Page&& page) = 0;
    // What is drawn on page `index` once every page is known — the running header, the
    // footer "第n页 共N页", the line under an overview timeline naming the page of the events
    // table — on top of its items; after the last page(), in page order, once per page.
    virtual void overlay(std::size_t index, std::vector<layout::Item>&& items) = 0;
};

// Sets the whole document in the theme with its fonts, handing pages to `sink` as they are
// finished. Returns the bookmarks and document information (`pages` empty) and what setting
// found. Writes nothing.
Typeset typeset_document(const report::Document& doc, const text::FontSet& fonts, const theme::Theme& theme,
                         const TypesetOptions& options, PageSink& sink);

// The same, the pages gathered into the display list, each with its overlay after its items.
Typeset typeset_document(const report::Document& doc, const text::FontSet& fonts, const theme::Theme& theme,
                         const TypesetOptions& options);

}  // namespace timeline::typeset
