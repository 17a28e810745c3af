// The theme loader (src/theme/theme.h): any bytes as theme.json (font files are not opened).
// Properties: a theme it accepts has a defined font for every link of every style's chain,
// at least one lane colour and one series style, and positive text sizes.
#include "fuzz.h"
#include "theme/theme.h"

using namespace timeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Diagnostics diags;
    theme::LoadOptions options;
    options.check_files = false;
    const auto theme = theme::parse(fuzz::input(data, size), "/themes/theme.json", diags, options);
    if (!theme) {
        FUZZ_CHECK(diags.has_errors());
        return 0;
    }
    for (std::size_t i = 0; i < theme::count_of<theme::Style>; ++i) {
        const auto& style = theme->text(static_cast<theme::Style>(i));
        FUZZ_CHECK(style.size > 0);
        const auto& chain = theme->chain(style.chain);
        FUZZ_CHECK(!chain.empty());
        for (const auto& font : chain) FUZZ_CHECK(theme->fonts.count(font) == 1);
    }
    FUZZ_CHECK(!theme->lane_colors().empty());
    FUZZ_CHECK(!theme->series().empty());
    return 0;
}
