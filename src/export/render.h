// The report model as Markdown, plain text and JSON (`timeline report --format md|txt|json`).
// Each output is a pure function of the document: the same document gives the same bytes.
#pragma once

#include <string>
#include <vector>

#include "report/document.h"

namespace timeline::exporter {

std::string render_markdown(const report::Document& doc);
// Plain text for a terminal or a mail: headings underlined, tables aligned by display width.
std::string render_text(const report::Document& doc);
// The model itself (documented in docs/report-model.md); keys in a fixed order.
std::string render_json(const report::Document& doc);

// One table as aligned plain text (display widths), as in render_text.
std::string render_text_table(const report::Table& t, LangMode mode);

// Key figures as a table (Metric | Value | Date | Source), for outputs without cards.
report::Table key_figures_table(const std::vector<report::KeyFigure>& figures);

// The languages a mode shows, in order: bi -> zh, en.
std::vector<Lang> languages(LangMode mode);

// The lines of a text in the document's mode: one per shown language. In zh or en mode a
// text missing in that language is shown in the other, marked "[en]" / "[zh]", so a reader
// can tell it is not a translation; in bi mode it is shown once, in the language it has.
std::vector<std::string> lines(const report::BiText& t, LangMode mode);

}  // namespace timeline::exporter
