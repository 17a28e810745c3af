#include "theme/fontconfig.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string_view>
#include <vector>

#include <fontconfig/fontconfig.h>

namespace timeline::theme {
namespace {

// fontconfig's configuration and font cache, loaded on first use (the caches under
// /var/cache/fontconfig are read, no font file is opened), and given back at exit, so that
// nothing of it outlives the program (a leak checker sees none).
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

std::optional<FoundFont> list_font(FcConfig* c, const std::string& family, const std::string& style) {
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

// ---------------------------------------------------------------------------------------
// The fonts found, remembered between runs (fontconfig_cache_file()). An entry is used only
// while everything its lookup depended on is as it was: the environment that steers
// fontconfig, every configuration file and folder it read, every font folder it knows, and
// the user's configuration and font folders, also while they do not exist (a stamp is a
// path's modification time and size, or its absence). Reading and checking the file costs a
// hundred stat calls; fontconfig's start costs thousands of system calls (some 17 ms).

constexpr std::string_view kHeader = "timeline font cache 1";
constexpr const char* kEnvironment[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME",
                                        "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"};

std::string environment() {
    std::string out;
    for (const char* name : kEnvironment) {
        const char* v = std::getenv(name);
        out += std::string(name) + "=" + (v ? v : "") + ";";
    }
    return out;
}

std::string stamp_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "-";
    return std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "/" + std::to_string(st.st_size);
}

std::string home_path(const char* variable, const char* below_home) {
    if (const char* v = std::getenv(variable); v && *v == '/') return v;
    const char* home = std::getenv("HOME");
    return home && *home == '/' ? std::string(home) + "/" + below_home : std::string();
}

// The user's configuration and font places fontconfig looks at, existing or not.
std::vector<std::string> user_places() {
    std::vector<std::string> out;
    if (const std::string config = home_path("XDG_CONFIG_HOME", ".config"); !config.empty()) {
        out.push_back(config + "/fontconfig");
        out.push_back(config + "/fontconfig/conf.d");
    }
    if (const std::string data = home_path("XDG_DATA_HOME", ".local/share"); !data.empty()) out.push_back(data + "/fonts");
    if (const char* home = std::getenv("HOME"); home && *home == '/') {
        out.push_back(std::string(home) + "/.fonts.conf");
        out.push_back(std::string(home) + "/.fonts");
    }
    return out;
}

void add_strings(FcStrList* list, std::vector<std::string>& out) {
    if (!list) return;
    while (FcChar8* s = FcStrListNext(list)) out.emplace_back(reinterpret_cast<const char*>(s));
    FcStrListDone(list);
}

class Cache {
public:
    Cache() : file_(fontconfig_cache_file()) { read(); }

    bool usable() const { return usable_; }

    std::optional<FoundFont> find(const std::string& family, const std::string& style) {
        const std::string key = family + "\t" + style;
        {
            std::lock_guard lock(mutex_);
            if (usable_)
                if (auto it = fonts_.find(key); it != fonts_.end()) return it->second;
        }
        FcConfig* c = config();
        if (!c) return std::nullopt;
        auto found = list_font(c, family, style);
        if (found) remember(c, key, *found);
        return found;
    }

private:
    // An entry per line: "stamp PATH\tSTAMP", "font FAMILY\tSTYLE\tFILE\tINDEX".
    void read() {
        if (file_.empty()) return;
        std::ifstream in(file_);
        std::string line;
        if (!std::getline(in, line) || line != kHeader) return;
        if (!std::getline(in, line) || line != "environment " + environment()) return;
        std::map<std::string, FoundFont> fonts;
        bool stamped = false;  // a file that stamps nothing vouches for nothing
        while (std::getline(in, line)) {
            const auto space = line.find(' ');
            if (space == std::string::npos) return;
            const std::string kind = line.substr(0, space);
            std::vector<std::string> fields;
            std::istringstream rest(line.substr(space + 1));
            for (std::string f; std::getline(rest, f, '\t');) fields.push_back(f);
            if (kind == "stamp" && fields.size() == 2) {
                if (stamp_of(fields[0]) != fields[1]) return;  // changed since: the cache is not used
                stamped = true;
            } else if (kind == "font" && fields.size() == 4) {
                FoundFont f{fields[2], std::atoi(fields[3].c_str())};
                if (f.file.empty() || f.file[0] != '/' || ::access(f.file.c_str(), R_OK) != 0) return;
                fonts[fields[0] + "\t" + fields[1]] = f;
            } else {
                return;
            }
        }
        if (!stamped) return;
        fonts_ = std::move(fonts);
        usable_ = true;
    }

    // The stamps of what the loaded configuration read, and of the user's places.
    static std::string stamps(FcConfig* c) {
        std::vector<std::string> places;
        add_strings(FcConfigGetConfigFiles(c), places);
        add_strings(FcConfigGetConfigDirs(c), places);
        add_strings(FcConfigGetFontDirs(c), places);
        for (const std::string& p : user_places()) places.push_back(p);
        std::sort(places.begin(), places.end());
        places.erase(std::unique(places.begin(), places.end()), places.end());
        std::string out;
        for (const std::string& p : places)
            if (p.find_first_of("\t\n") == std::string::npos) out += "stamp " + p + "\t" + stamp_of(p) + "\n";
        return out;
    }

    // Adds a lookup fontconfig answered and writes the file again, stamped with what the
    // loaded configuration read (the entries of a file found out of date are dropped; those
    // of an up-to-date one are kept).
    void remember(FcConfig* c, const std::string& key, const FoundFont& found) {
        std::lock_guard lock(mutex_);
        if (!fresh_) {
            if (!usable_) fonts_.clear();
            stamps_ = stamps(c);
            fresh_ = true;
        }
        if ((key + found.file).find('\n') != std::string::npos || std::count(key.begin(), key.end(), '\t') != 1) return;
        fonts_[key] = found;
        if (file_.empty()) return;
        std::string text = std::string(kHeader) + "\nenvironment " + environment() + "\n" + stamps_;
        for (const auto& [k, f] : fonts_) text += "font " + k + "\t" + f.file + "\t" + std::to_string(f.index) + "\n";
        // Written beside and renamed over: a reader sees the old file or the new one. A cache
        // lost to a crash is only asked of fontconfig again, so it is not synced.
        std::error_code ec;
        const std::filesystem::path target(file_);
        std::filesystem::create_directories(target.parent_path(), ec);
        const std::string temp = file_ + ".tmp-" + std::to_string(::getpid());
        {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            out << text;
            if (!out.flush()) {
                std::filesystem::remove(temp, ec);
                return;
            }
        }
        std::filesystem::rename(temp, target, ec);
        if (ec) std::filesystem::remove(temp, ec);
    }

    const std::string file_;
    std::mutex mutex_;
    bool usable_ = false;  // the file was read and is up to date: its entries are answers
    bool fresh_ = false;   // stamps_ were taken from fontconfig in this run
    std::string stamps_;   // "stamp" lines
    std::map<std::string, FoundFont> fonts_;
};

Cache& cache() {
    static Cache c;
    return c;
}

}  // namespace

std::string fontconfig_cache_file() {
    const std::string dir = home_path("XDG_CACHE_HOME", ".cache");
    return dir.empty() ? std::string() : dir + "/timeline/fonts";
}

bool open_fontconfig() { return cache().usable() || config() != nullptr; }

std::optional<FoundFont> find_font(const std::string& family, const std::string& style) {
    return cache().find(family, style);
}

}  // namespace timeline::theme
