#include "pdf/document.h"

#include <filesystem>
#include <memory>
#include <vector>

#include "base/utf8.h"
#include "pdf/writer.h"

namespace timeline::pdf {

std::map<std::string, std::set<char32_t>> used_code_points(const layout::DisplayList& list) {
    // Marked in one bit per code point per font while walking the runs (a set insertion per
    // character was a visible part of a long report), then gathered into the sets.
    constexpr char32_t kCodeSpace = 0x110000;
    std::map<std::string, std::set<char32_t>> used;
    std::map<std::string, std::vector<bool>> marks;
    const std::string* last_font = nullptr;
    std::vector<bool>* last = nullptr;
    for (const auto& page : list.pages)
        for (const auto& item : page.items)
            if (const auto* run = std::get_if<layout::GlyphRun>(&item)) {
                if (!last_font || *last_font != run->font) {
                    last = &marks[run->font];
                    if (last->empty()) last->resize(kCodeSpace);
                    last_font = &run->font;
                }
                for (std::size_t i = 0; i < run->text.size();) {
                    const char32_t cp = utf8::decode(run->text, i);
                    if (cp < kCodeSpace) (*last)[cp] = true;
                    else used[run->font].insert(cp);
                }
            }
    for (const auto& [font, bits] : marks) {
        auto& set = used[font];
        for (char32_t cp = 0; cp < kCodeSpace; ++cp)
            if (bits[cp]) set.insert(set.end(), cp);
    }
    return used;
}

bool write_document(const layout::DisplayList& list, const text::FontSet& fonts, const std::string& path,
                    Diagnostics& diags) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::create_directories(parent, ec) && ec) {
        diags.error("io-write", "cannot create directory " + parent.string() + ": " + ec.message());
        return false;
    }
    std::vector<std::unique_ptr<text::TempFont>> temps;
    std::vector<pdf::EmbeddedFont> embedded;
    for (const auto& [font, codepoints] : used_code_points(list)) {
        const std::string bytes = fonts.subset(font, codepoints);
        const auto it = fonts.files().find(font);
        const std::string file = it == fonts.files().end() ? font : it->second.file;
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
    return write_pdf(list, embedded, path, diags);
}

}  // namespace timeline::pdf
