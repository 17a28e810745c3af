// Writes a display list (layout/display_list.h) as a PDF file, page by page. This module is
// the only code that writes PDF.
//
// The file is written by this code itself (PDF 32000-1): each page's content stream is made
// from the page's items and deflated (libdeflate) straight into the temporary file, so memory does
// not grow with the page count; fonts, the page tree, outlines, the document information and
// the cross-reference table follow at finish(). docs/pdf.md describes the file.
//
// Fonts are Type0 fonts with Identity-H encoding over a CIDFontType2 whose CIDs are the glyph
// ids of the font file (two-byte codes): the used glyphs are collected as pages are written,
// and at the end each font is subset to them (FontSet::subset_glyphs, compact
// glyph ids and a /CIDToGIDMap), given the widths layout measured with (/W, the advances
// FontSet::advance_units gives) and a ToUnicode CMap, so copying text gives the printed text.
//
// The output is reproducible: nothing depends on the clock; the dates come from
// `info.creation_date` (midnight UTC), the trailer /ID from `info.document_id`, and the
// subset tag of each font name from its glyph set, so two writes of the same pages are
// byte-identical.
//
// Text: one text object (BT … ET) for each stretch of consecutive glyph runs; font, size,
// colour and character spacing are written only when they change. Word spacing (Tw acts only
// on the one-byte code 32, never on two-byte codes) is written as TJ adjustments after each
// space. Bookmarks open the page at zoom 100% with the target y at the top; a bookmark's
// level nests it under the latest bookmark one level up, and a skipped level attaches to the
// deepest open one. All outline entries are open.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "layout/display_list.h"
#include "text/fonts.h"

namespace timeline::pdf {

// Settings of the writer that change the file's bytes but not what it shows.
struct WriterOptions {
    int deflate_level = 2;     // libdeflate level of every stream, 1-12 (docs/pdf.md, Compression)
    bool retain_gids = false;  // subset with the original glyph ids instead of a /CIDToGIDMap
};

class Writer {
public:
    // Starts a PDF for `path`: a temporary file beside it (base/files.h, AtomicFile; the
    // directory must exist), or in memory for "-". Fonts are taken from `fonts` by the keys
    // glyph runs name. Errors ("io-write") are reported to `diags`; later calls then fail.
    Writer(const text::FontSet& fonts, const std::string& path, Diagnostics& diags, WriterOptions options = {});
    ~Writer();  // without a successful finish(), the temporary file is removed
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Checks a page and writes it. Problems are "pdf-input" (sizes, coordinates, widths, dash
    // lengths, invalid UTF-8) and "pdf-font" (an unknown font key, a character the font does
    // not cover), each naming the page and item. After an error the remaining pages are still
    // checked (all problems are reported) but nothing more is written.
    bool add_page(const layout::Page& page);

    // Draws `items` on page `index` (0-based, already added) over what it has: what is known
    // only once every page is (typeset::PageSink::overlay — the footer "of N"). Checked and
    // reported as add_page; a second content stream of the page.
    bool add_overlay(std::size_t index, const std::vector<layout::Item>& items);

    // Checks the bookmarks and the document information ("pdf-input"; a document needs a
    // page), subsets and writes the fonts ("font-subset"), writes the rest and renames the
    // file over `path` ("io-write"). False when this or any earlier step failed: no file is
    // left behind then.
    bool finish(const std::vector<layout::Bookmark>& bookmarks, const layout::DocumentInfo& info);

    // The whole file, for "-", after a successful finish().
    std::string take_bytes();

    std::size_t page_count() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// Creates the directory of `path` when it is missing (Writer does not); false with an
// "io-write" diagnostic when that fails.
bool make_parent_directory(const std::string& path, Diagnostics& diags);

// Called after each page is written with (pages done, pages in all): a terminal's progress.
using PageProgress = std::function<void(std::size_t, std::size_t)>;

// A whole display list through Writer, to `path` (its directory is created when missing;
// "io-write" if that fails). False with diagnostics on failure; nothing is written then.
bool write_document(const layout::DisplayList& list, const text::FontSet& fonts, const std::string& path,
                    Diagnostics& diags, const PageProgress& progress = {}, WriterOptions options = {});

// The same PDF as bytes (for standard output); `name` names the output in diagnostics.
std::optional<std::string> render_document(const layout::DisplayList& list, const text::FontSet& fonts,
                                           const std::string& name, Diagnostics& diags,
                                           const PageProgress& progress = {}, WriterOptions options = {});

}  // namespace timeline::pdf
