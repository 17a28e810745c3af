#include "base/lookup.h"

#include <cstdlib>
#include <filesystem>
#include <set>

namespace timeline {
namespace {

namespace fs = std::filesystem;

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

// share/timeline beside the program, then where the build installs it.
std::vector<std::string> share_dirs() {
    std::vector<std::string> out;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) out.push_back((exe.parent_path().parent_path() / "share" / "timeline").lexically_normal().string());
#ifdef TL_INSTALL_DATADIR
    const std::string configured = TL_INSTALL_DATADIR;
    if (out.empty() || fs::path(configured).lexically_normal() != fs::path(out.front())) out.push_back(configured);
#endif
    return out;
}

}  // namespace

bool names_a_file(const std::string& s) {
    return s == "-" || s.find('/') != std::string::npos || (s.size() > 5 && s.ends_with(".json"));
}

std::vector<Place> lookup_places(const std::string& project) {
    std::vector<Place> places;
    places.push_back({project == "." ? std::string() : project, "project"});
    const std::string path = env("TIMELINE_PATH");
    for (std::size_t start = 0; start <= path.size();) {
        std::size_t colon = path.find(':', start);
        if (colon == std::string::npos) colon = path.size();
        if (colon > start) places.push_back({path.substr(start, colon - start), "TIMELINE_PATH"});
        start = colon + 1;
    }
    std::string config = env("XDG_CONFIG_HOME");
    if (config.empty() || fs::path(config).is_relative()) {  // XDG Base Directory: relative values are ignored
        const std::string home = env("HOME");
        config = home.empty() ? std::string() : home + "/.config";
    }
    if (!config.empty() && is_dir(config + "/timeline")) places.push_back({config + "/timeline", "XDG_CONFIG_HOME"});
    if (is_dir("/etc/timeline")) places.push_back({"/etc/timeline", "/etc"});
    for (const auto& dir : share_dirs())
        if (is_dir(dir)) places.push_back({dir, "installed"});
    return places;
}

std::string in_place(const Place& place, const std::string& relative) {
    if (place.dir.empty()) return relative;
    return (fs::path(place.dir) / relative).lexically_normal().string();
}

std::optional<std::string> find_in_places(const std::string& relative, const std::vector<Place>& places) {
    for (const auto& place : places) {
        const std::string path = in_place(place, relative);
        std::error_code ec;
        if (fs::is_regular_file(path, ec)) return path;
    }
    return std::nullopt;
}

std::vector<std::string> names_in_places(const std::string& folder, const std::vector<Place>& places) {
    std::set<std::string> names;
    for (const auto& place : places) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(in_place(place, folder.empty() ? "." : folder), ec)) {
            if (entry.path().extension() == ".json" && entry.is_regular_file(ec)) names.insert(entry.path().stem().string());
        }
    }
    return {names.begin(), names.end()};
}

std::string searched(const std::string& relative, const std::vector<Place>& places) {
    std::string out;
    for (const auto& place : places) {
        if (!out.empty()) out += ", ";
        out += in_place(place, relative);
    }
    return out;
}

std::optional<std::string> installed_share() {
    for (const auto& dir : share_dirs())
        if (is_dir(dir)) return dir;
    return std::nullopt;
}

}  // namespace timeline
