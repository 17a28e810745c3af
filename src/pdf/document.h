// A typeset display list written as PDF, its fonts subset to the characters it prints: the
// output module of `timeline report --format pdf`.
#pragma once

#include <map>
#include <set>
#include <string>

#include "base/diagnostic.h"
#include "layout/display_list.h"
#include "text/fonts.h"

namespace timeline::pdf {

// Per font key, the code points the glyph runs of the list print.
std::map<std::string, std::set<char32_t>> used_code_points(const layout::DisplayList& list);

// Subsets every font the list uses (FontSet::subset: libharu embeds whole fonts and drops
// strokes of composite glyphs with high glyph ids) and writes the PDF atomically with
// write_pdf, creating the file's directory when it is missing. False with diagnostics
// ("font-subset", "io-write", and the writer's) on failure; nothing is written then.
bool write_document(const layout::DisplayList& list, const text::FontSet& fonts, const std::string& path,
                    Diagnostics& diags);

}  // namespace timeline::pdf
