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

// Fonts found are remembered in fontconfig_cache_file() and taken from there while nothing
// the lookup depended on has changed: the fontconfig environment variables, the
// configuration files and folders fontconfig read, its font folders, the user's fontconfig
// and font folders (present or not). fontconfig itself then does not start: its start is
// some 17 ms of system calls (sixty XML files, thirty caches), longer than the rest of a
// one-page brief's loading.

// Makes find_font ready, once per process: reads the cache file and, unless it answers,
// fontconfig's configuration and font caches; false when fontconfig cannot start. Safe to
// call from any thread, to have it done while other work goes on.
bool open_fontconfig();

// $XDG_CACHE_HOME/timeline/fonts, or ~/.cache/timeline/fonts; "" without a home.
std::string fontconfig_cache_file();

}  // namespace timeline::theme
