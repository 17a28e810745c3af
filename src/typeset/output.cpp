#include "typeset/output.h"

#include <memory>
#include <vector>

#include "base/utf8.h"
#include "pdf/writer.h"

namespace timeline::typeset {

std::map<std::string, std::set<char32_t>> used_code_points(const layout::DisplayList& list) {
    std::map<std::string, std::set<char32_t>> used;
    for (const auto& page : list.pages)
        for (const auto& item : page.items)
            if (const auto* run = std::get_if<layout::GlyphRun>(&item)) {
                auto& set = used[run->font];
                for (std::size_t i = 0; i < run->text.size();) set.insert(utf8::decode(run->text, i));
            }
    return used;
}

bool write_pdf_with_subsets(const layout::DisplayList& list, const text::FontSet& fonts, const std::string& path,
                            Diagnostics& diags) {
    std::vector<std::unique_ptr<text::TempFont>> temps;
    std::vector<pdf::EmbeddedFont> embedded;
    for (const auto& [font, codepoints] : used_code_points(list)) {
        const std::string bytes = fonts.subset(font, codepoints);
        const auto it = fonts.theme().fonts.find(font);
        const std::string file = it == fonts.theme().fonts.end() ? font : it->second.file;
        if (bytes.empty()) {
            diags.error("font-subset", "could not subset font " + font + " (" + file + ")");
            return false;
        }
        temps.push_back(std::make_unique<text::TempFont>(bytes));
        if (!temps.back()->ok()) {
            diags.error("io-write", "could not write a temporary font file for " + font + " (" + file + ")");
            return false;
        }
        embedded.push_back({font, temps.back()->path()});
    }
    return pdf::write_pdf(list, embedded, path, diags);
}

}  // namespace timeline::typeset
