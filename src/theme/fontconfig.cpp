#include "theme/fontconfig.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include <fontconfig/fontconfig.h>

namespace timeline::theme {
namespace {

// fontconfig's configuration and font cache, loaded on first use (a few milliseconds: the
// caches under /var/cache/fontconfig are read, no font file is opened), and given back at
// exit, so that nothing of it outlives the program (a leak checker sees none).
FcConfig* loaded = nullptr;

void unload() {
    FcConfigDestroy(loaded);
    loaded = nullptr;
    FcFini();
}

FcConfig* config() {
    static FcConfig* const c = [] {
        loaded = FcInitLoadConfigAndFonts();
        if (loaded) std::atexit(unload);
        return loaded;
    }();
    return c;
}

std::string string_of(FcPattern* p, const char* object) {
    FcChar8* s = nullptr;
    if (FcPatternGetString(p, object, 0, &s) != FcResultMatch || !s) return {};
    return reinterpret_cast<const char*>(s);
}

}  // namespace

bool open_fontconfig() { return config() != nullptr; }

std::optional<FoundFont> find_font(const std::string& family, const std::string& style) {
    FcConfig* c = config();
    if (!c) return std::nullopt;
    const std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> pattern(FcPatternCreate(), FcPatternDestroy);
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddString(pattern.get(), FC_STYLE, reinterpret_cast<const FcChar8*>(style.c_str()));
    const std::unique_ptr<FcObjectSet, decltype(&FcObjectSetDestroy)> objects(
        FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FONTFORMAT, nullptr), FcObjectSetDestroy);
    const std::unique_ptr<FcFontSet, decltype(&FcFontSetDestroy)> set(FcFontList(c, pattern.get(), objects.get()),
                                                                      FcFontSetDestroy);
    if (!set) return std::nullopt;
    std::vector<FoundFont> found;
    for (int i = 0; i < set->nfont; ++i) {
        FcPattern* p = set->fonts[i];
        if (string_of(p, FC_FONTFORMAT) != "TrueType") continue;
        int index = 0;
        FcPatternGetInteger(p, FC_INDEX, 0, &index);
        found.push_back({string_of(p, FC_FILE), index});
    }
    if (found.empty()) return std::nullopt;
    return *std::min_element(found.begin(), found.end(), [](const FoundFont& a, const FoundFont& b) {
        return a.file != b.file ? a.file < b.file : a.index < b.index;
    });
}

}  // namespace timeline::theme
