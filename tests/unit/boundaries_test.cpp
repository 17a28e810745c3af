// Module boundaries (src/README.md "Modules"): every source includes headers only of its own
// module and of the modules its row of the table allows, every module's CMakeLists links only
// those, and every folder of src/ has a row. A wrong arrow fails here even where the build
// would let it through.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kSrc = fs::path(TL_SOURCE_DIR) / "src";

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string trim(std::string s) {
    const auto a = s.find_first_not_of(" `");
    const auto b = s.find_last_not_of(" `");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// The table of src/README.md: module folder -> the modules it may use ("all" for the CLI).
std::map<std::string, std::set<std::string>> allowed_uses() {
    std::map<std::string, std::vector<std::string>> rows;
    std::istringstream in(read(kSrc / "README.md"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("| `", 0) != 0) continue;
        std::vector<std::string> cells;
        std::size_t start = 1;
        for (std::size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1)
            cells.push_back(line.substr(start, bar - start));
        if (cells.size() < 4) continue;
        std::string folder = trim(cells.front());
        if (folder.empty() || folder.back() != '/') continue;
        folder.pop_back();
        std::vector<std::string> uses;
        std::istringstream list(cells.back());
        for (std::string item; std::getline(list, item, ',');) uses.push_back(trim(item));
        rows[folder] = uses;
    }
    std::map<std::string, std::set<std::string>> out;
    for (const auto& [folder, uses] : rows) {
        auto& set = out[folder];
        for (const auto& u : uses) {
            if (u == "all")
                for (const auto& [other, _] : rows) set.insert(other);
            else if (rows.count(u))
                set.insert(u);
        }
        set.insert(folder);
    }
    return out;
}

}  // namespace

TEST_CASE("every module of src/ has a row in the module table", "[boundaries]") {
    const auto table = allowed_uses();
    REQUIRE(table.size() > 10);
    for (const auto& entry : fs::directory_iterator(kSrc)) {
        if (!entry.is_directory()) continue;
        INFO("src/" << entry.path().filename().string() << "/ is not in the table of src/README.md");
        CHECK(table.count(entry.path().filename().string()) == 1);
    }
}

TEST_CASE("sources include only the modules their row allows", "[boundaries]") {
    const auto table = allowed_uses();
    const std::regex include(R"re(#\s*include\s*"([a-z0-9_]+)/[^"]+")re");
    for (const auto& [module, uses] : table) {
        if (!fs::is_directory(kSrc / module)) continue;
        for (const auto& entry : fs::directory_iterator(kSrc / module)) {
            const auto ext = entry.path().extension();
            if (ext != ".h" && ext != ".cpp") continue;
            const std::string text = read(entry.path());
            for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
                const std::string target = (*it)[1];
                if (!table.count(target)) continue;  // not a module ("unicode/…" of ICU)
                INFO("src/" << module << "/" << entry.path().filename().string() << " includes " << (*it)[0]
                            << ", but the row of " << module << "/ in src/README.md does not allow " << target << "/");
                CHECK(uses.count(target) == 1);
            }
        }
    }
}

TEST_CASE("modules link only the modules their row allows", "[boundaries]") {
    const auto table = allowed_uses();
    const std::regex link(R"(\btl_([a-z0-9_]+)\b)");
    for (const auto& [module, uses] : table) {
        const fs::path cmake = kSrc / module / "CMakeLists.txt";
        if (!fs::exists(cmake)) continue;
        const std::string text = read(cmake);
        for (auto at = text.find("target_link_libraries("); at != std::string::npos;
             at = text.find("target_link_libraries(", at + 1)) {
            const std::string links = text.substr(at, text.find(')', at) - at);
            for (std::sregex_iterator it(links.begin(), links.end(), link), end; it != end; ++it) {
                const std::string target = (*it)[1];
                if (target == module) continue;
                INFO("src/" << module << "/CMakeLists.txt links tl_" << target
                            << ", which its row in src/README.md does not allow");
                CHECK(uses.count(target) == 1);
            }
        }
    }
}
