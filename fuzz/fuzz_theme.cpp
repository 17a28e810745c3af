// The font theme loader (src/text/theme.h): any bytes as theme.json (font files are not
// opened). Property: a theme it accepts has a font for every link of every style's chain.
#include "fuzz.h"
#include "text/theme.h"

using namespace timeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Diagnostics diags;
    text::ThemeOptions options;
    options.check_files = false;
    const auto theme = text::parse_theme(fuzz::input(data, size), "/themes/theme.json", diags, options);
    if (!theme) {
        FUZZ_CHECK(diags.has_errors());
        return 0;
    }
    for (const auto& [name, style] : theme->styles) {
        FUZZ_CHECK(!style.chain.empty());
        for (const auto& font : style.chain) FUZZ_CHECK(theme->fonts.count(font) == 1);
    }
    return 0;
}
