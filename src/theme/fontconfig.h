// Fonts by family and style through fontconfig (Debian libfontconfig1): the theme names
// "Noto Serif" "Bold" and this finds the file and the face that hold it.
#pragma once

#include <optional>
#include <string>

namespace timeline::theme {

struct FoundFont {
    std::string file;
    int index = 0;  // face in a collection (.ttc)
};

// The installed font whose family names include `family` and whose styles include `style`
// (fontconfig compares both without case), with TrueType outlines (the PDF writer cannot embed
// CFF fonts such as Noto Sans CJK). Of several matches the first by file name and face wins,
// so a machine always picks the same file. nullopt when no such font is installed.
std::optional<FoundFont> find_font(const std::string& family, const std::string& style);

// Reads fontconfig's configuration and font caches, once per process (about 8 ms: some sixty
// XML files), as the first find_font would; false when fontconfig cannot start. Safe to call
// from any thread, to have it done while other work goes on.
bool open_fontconfig();

}  // namespace timeline::theme
