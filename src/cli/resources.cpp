#include "cli/resources.h"

#include <algorithm>
#include <iostream>

#include "base/lookup.h"
#include "base/suggest.h"

namespace timeline::cli {

std::optional<std::string> template_file(const std::string& name_or_file, const std::string& project) {
    if (names_a_file(name_or_file)) return name_or_file;
    const auto places = lookup_places(project);
    const std::string relative = "report-templates/" + name_or_file + ".json";
    if (auto found = find_in_places(relative, places)) return found;
    auto names = names_in_places("report-templates", places);
    names.erase(std::remove(names.begin(), names.end(), "theme"), names.end());
    std::cerr << "timeline: no template '" << name_or_file << "': looked for " << searched(relative, places);
    if (const auto s = closest(name_or_file, names)) std::cerr << " — did you mean '" << *s << "'?";
    std::cerr << '\n';
    if (!names.empty()) {
        std::cerr << "  templates:";
        for (const auto& n : names) std::cerr << ' ' << n;
        std::cerr << '\n';
    }
    return std::nullopt;
}

std::optional<std::string> theme_file(const std::string& given, const std::string& project, bool say_missing) {
    if (!given.empty()) return given;
    const auto places = lookup_places(project);
    const std::string relative = "report-templates/theme.json";
    if (auto found = find_in_places(relative, places)) return found;
    if (!say_missing) return std::nullopt;
    std::cerr << "timeline: no theme: looked for " << searched(relative, places)
              << "; give one with --theme FILE, or reinstall timeline (its share/timeline holds the default)\n";
    return std::nullopt;
}

}  // namespace timeline::cli
