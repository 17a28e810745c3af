// A typeset display list written as PDF, its fonts subset to the characters it prints.
#pragma once

#include <map>
#include <set>
#include <string>

#include "base/diagnostic.h"
#include "layout/display_list.h"
#include "text/fonts.h"

namespace timeline::typeset {

// Per font key, the code points the glyph runs of the list print.
std::map<std::string, std::set<char32_t>> used_code_points(const layout::DisplayList& list);

// Subsets every font the list uses (FontSet::subset: PITFALLS libharu 1–2) and writes the
// PDF atomically with pdf::write_pdf. False with diagnostics ("font-subset", "io-write",
// and the writer's) on failure; nothing is written then.
bool write_pdf_with_subsets(const layout::DisplayList& list, const text::FontSet& fonts, const std::string& path,
                            Diagnostics& diags);

}  // namespace timeline::typeset
