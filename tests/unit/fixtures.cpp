#include "fixtures.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "load/dataset.h"
#include "load/template.h"
#include "report/build.h"

namespace timeline::testing {

const theme::Theme& theme() {
    static const theme::Theme loaded = [] {
        Diagnostics d;
        auto t = theme::load(std::string(TL_SOURCE_DIR) + "/report-templates/theme.json", d);
        INFO((d.items().empty() ? std::string() : format_text(d.items().front())));
        REQUIRE(t);
        return *t;
    }();
    return loaded;
}

const text::FontSet& theme_fonts() {
    static std::unique_ptr<text::FontSet> set = [] {
        Diagnostics d;
        auto s = text::FontSet::open(theme().fonts, d);
        REQUIRE(s);
        return s;
    }();
    return *set;
}

report::Document seed_document(LangMode mode) {
    Diagnostics diags;
    const LoadedData loaded = load_dataset({std::string(TL_SOURCE_DIR) + "/data"}, diags);
    auto tmpl = load_template(std::string(TL_SOURCE_DIR) + "/report-templates/brief.json", diags);
    REQUIRE(tmpl);
    report::BuildOptions options;
    options.mode = mode;
    options.as_of = date::sys_days{date::year{2026} / 11 / 23};
    report::Document doc = report::build_document(loaded.dataset, tmpl->tmpl, tmpl->document, options, diags);
    INFO((diags.items().empty() ? std::string() : diags.items().front().message));
    REQUIRE_FALSE(diags.has_errors());
    return doc;
}

void check_golden(const std::string& group, const std::string& name, const std::string& actual) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(TL_SOURCE_DIR) / "tests/golden" / group / (name + ".txt");
    if (std::getenv("TL_BLESS")) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
    }
    std::ifstream in(path, std::ios::binary);
    INFO("golden file " << path.string() << " (TL_BLESS=1 writes it)");
    REQUIRE(in);
    const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(actual == expected);
}

std::pair<int, std::string> shell(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return {-1, out};
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    return {::pclose(pipe), out};
}

bool tool_available(const std::string& tool) { return shell("command -v " + tool + " >/dev/null 2>&1").first == 0; }

}  // namespace timeline::testing
