// The font theme of a report template (report-templates/theme.json): which font files the
// document uses and, per text style, the chain of fonts tried for each character, the size
// and the leading.
//
//   { "id": "default",
//     "fonts":  { "zh-serif": { "file": "/usr/share/fonts/truetype/arphic/uming.ttc", "index": 0,
//                               "package": "fonts-arphic-uming", "role": "Chinese body" }, ... },
//     "styles": { "body": { "chain": ["latin-serif", "zh-serif"], "size": 10.5, "leading": 1.6 }, ... } }
//
// "index" selects the face of a TrueType collection (.ttc). Relative "file" paths are
// resolved against the directory of the theme file. Chain order decides which font sets a
// character that several fonts cover: put Latin fonts first (UMing's Latin letters look like
// a typewriter), then the Chinese font.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace timeline::text {

struct FontFile {
    std::string file;     // path of the .ttf / .ttc
    int index = 0;        // face in a collection
    std::string package;  // Debian package that installs the file (for the "missing" message)
    std::string role;     // free text
};

struct Style {
    std::vector<std::string> chain;  // font keys, most preferred first; never empty
    double size = 10;                // points
    double leading = 1.2;            // line height as a multiple of size
};

struct Theme {
    std::string id;
    std::map<std::string, FontFile> fonts;
    std::map<std::string, Style> styles;

    const Style* style(const std::string& name) const {
        auto it = styles.find(name);
        return it == styles.end() ? nullptr : &it->second;
    }
};

struct ThemeOptions {
    // Check that every font file exists and is readable ("font-missing" names the package).
    bool check_files = true;
};

// Parses theme JSON text; `file` names the theme in diagnostics and is the base for relative
// font paths. Errors (codes "theme-invalid", "font-missing"; JSON syntax errors from
// json::parse) are added to `diags`; returns nullopt if there was any error.
std::optional<Theme> parse_theme(std::string_view text, const std::string& file, Diagnostics& diags,
                                 const ThemeOptions& options = {});

// Reads and parses a theme file.
std::optional<Theme> load_theme(const std::string& path, Diagnostics& diags, const ThemeOptions& options = {});

}  // namespace timeline::text
