// The theme (src/theme/): report-templates/theme.json read into named values, every problem a
// diagnostic with file, line:column and JSON pointer, and the names of the code the same as
// the schema's.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "fixtures.h"
#include "json/parse.h"
#include "pocojson/values.h"
#include "theme/fontconfig.h"
#include "theme/theme.h"

using namespace timeline;

namespace {

const std::string kTheme = std::string(TL_SOURCE_DIR) + "/report-templates/theme.json";

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The default theme's text with `from` replaced by `to` (once; it must occur).
std::string edited(const std::string& from, const std::string& to) {
    std::string text = read(kTheme);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string all(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.items()) out += format_text(x) + "\n";
    return out;
}

// The member names of an object of the schema at `path` ("properties/styles").
std::set<std::string> schema_members(const std::string& group) {
    Diagnostics d;
    const auto doc = json::parse(read(std::string(TL_SOURCE_DIR) + "/schemas/theme.schema.json"), "theme.schema.json", d);
    REQUIRE(doc);
    const auto props = json::to_var(doc->value()).extract<Poco::JSON::Object::Ptr>()->getObject("properties")->getObject(group);
    std::set<std::string> names;
    for (const auto& v : *props->getArray("required")) names.insert(v.toString());
    return names;
}

template <typename E>
std::set<std::string> code_names() {
    std::set<std::string> names;
    for (std::size_t k = 0; k < theme::count_of<E>; ++k) names.emplace(theme::name(static_cast<E>(k)));
    return names;
}

}  // namespace

TEST_CASE("theme: the default theme reads into named values", "[theme]") {
    const auto& t = testing::theme();
    CHECK(t.id == "default");
    CHECK(t.fonts.size() == 8);
    CHECK(t.fonts.at("zh-serif").package == "fonts-arphic-uming");
    CHECK(t.chains.at("serif") == theme::Chain{"latin-serif", "zh-serif"});
    const auto& body = t.text(theme::Style::body);
    CHECK(body.name == "body");
    CHECK(body.chain == "serif");
    CHECK(body.size == 10.5);
    CHECK(body.leading == 1.6);
    CHECK(body.color == t.color(theme::Ink::ink));
    CHECK(t.text(theme::Style::table).size == 7.5);
    CHECK(t.color(theme::Ink::ink) == layout::Color{0x1c / 255.0, 0x1c / 255.0, 0x1f / 255.0});
    CHECK(t.rule(theme::Rule::heading) == 0.6);
    CHECK(t.space(theme::Space::section) == 22);
    CHECK(t.mark(theme::Mark::bar) == 11);
    CHECK(t.page.top == 72);
    CHECK(t.lane_colors().size() == 6);
    CHECK(t.series().size() == 6);
    CHECK(t.series(7).marker == t.series(1).marker);  // series cycle
    CHECK(t.digest.size() == 32);
    // Every text style is at least 7 pt (PRODUCT §5) and uses a chain of the theme.
    for (std::size_t k = 0; k < theme::count_of<theme::Style>; ++k) {
        const auto& s = t.text(static_cast<theme::Style>(k));
        INFO(s.name);
        CHECK(s.size >= 7);
        CHECK(t.chains.count(s.chain) == 1);
    }
}

TEST_CASE("theme: fonts are found through fontconfig by family and style", "[theme]") {
    const auto& t = testing::theme();
    CHECK(t.fonts.at("latin-serif-bold").family == "Noto Serif");
    CHECK(t.fonts.at("latin-serif-bold").style == "Bold");
    CHECK(t.fonts.at("latin-serif-bold").file == "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf");
    CHECK(t.fonts.at("zh-serif").file == "/usr/share/fonts/truetype/arphic/uming.ttc");
    CHECK(t.fonts.at("zh-serif").index == 0);  // AR PL UMing CN, the first face of the collection
    const auto mono = theme::find_font("WenQuanYi Micro Hei Mono", "Regular");
    REQUIRE(mono);
    CHECK(mono->file == "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    CHECK(mono->index == 1);
    CHECK(theme::find_font("文泉驿微米黑", "regular"));  // any name of the family, any case
    CHECK_FALSE(theme::find_font("Noto Serif", "Ultra Wide"));
    CHECK_FALSE(theme::find_font("No Such Family", "Regular"));
}

TEST_CASE("theme: one baseline rule for every line box", "[theme]") {
    theme::TextStyle ts;
    ts.size = 10;
    ts.leading = 1.5;
    ts.ascent = 0.88;
    CHECK(ts.baseline(100) == Approx(100 + 2.5 + 8.8));
    CHECK(ts.centred_baseline(50) == Approx(50 + 3.8));
    // A line box centred on y has its baseline where centred_baseline puts it.
    CHECK(ts.baseline(50 - ts.line_height() / 2) == Approx(ts.centred_baseline(50)));
}

TEST_CASE("theme: the names of the code are the schema's", "[theme]") {
    CHECK(code_names<theme::Style>() == schema_members("styles"));
    CHECK(code_names<theme::Ink>() == schema_members("colors"));
    CHECK(code_names<theme::Rule>() == schema_members("rules"));
    CHECK(code_names<theme::Space>() == schema_members("space"));
    CHECK(code_names<theme::Mark>() == schema_members("marks"));
}

TEST_CASE("theme: bad themes give positioned diagnostics", "[theme]") {
    SECTION("a font not installed names the Debian package") {
        Diagnostics d;
        const auto text = edited(R"("family": "AR PL UMing CN")", R"("family": "AR PL UMing XX")");
        CHECK_FALSE(theme::parse(text, "themes/t.json", d));
        INFO(all(d));
        REQUIRE(d.size() == 1);
        const auto& x = d.items()[0];
        CHECK(x.code == "font-missing");
        CHECK(x.pointer == "/fonts/zh-serif/family");
        CHECK(x.pos.line == 7);
        CHECK(x.message ==
              "font \"zh-serif\" (AR PL UMing XX Light) is not installed: install the Debian package fonts-arphic-uming");
    }
    SECTION("a font file overrides the family") {
        Diagnostics d;
        const auto text = edited(R"("family": "AR PL UMing CN")", R"("file": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "index": 1)");
        const auto t = theme::parse(text, "themes/t.json", d);
        INFO(all(d));
        REQUIRE(t);
        CHECK(t->fonts.at("zh-serif").file == "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
        CHECK(t->fonts.at("zh-serif").index == 1);
    }
    SECTION("a missing font file names the Debian package") {
        Diagnostics d;
        const auto text = edited(R"("family": "AR PL UMing CN")", R"("file": "/nonexistent/uming.ttc")");
        CHECK_FALSE(theme::parse(text, "themes/t.json", d));
        INFO(all(d));
        REQUIRE(d.size() == 1);
        const auto& x = d.items()[0];
        CHECK(x.code == "font-missing");
        CHECK(x.file == "themes/t.json");
        CHECK(x.pointer == "/fonts/zh-serif/file");
        CHECK(x.pos.line == 7);
        CHECK(x.message ==
              "font file /nonexistent/uming.ttc of font \"zh-serif\" is missing or unreadable: install the Debian "
              "package fonts-arphic-uming");
    }
    SECTION("relative font paths resolve against the theme's directory; file checks can be off") {
        Diagnostics d;
        const auto text = edited(R"("family": "AR PL UMing CN")", R"("file": "fonts/uming.ttc")");
        const auto t = theme::parse(text, "templates/theme.json", d, theme::LoadOptions{false});
        INFO(all(d));
        REQUIRE(t);
        CHECK(t->fonts.at("zh-serif").file == "templates/fonts/uming.ttc");
    }
    SECTION("a text style below 7 pt") {
        Diagnostics d;
        CHECK_FALSE(theme::parse(edited(R"("badge": { "chain": "sans", "size": 7,)", R"("badge": { "chain": "sans", "size": 6.5,)"),
                                 "t.json", d));
        INFO(all(d));
        REQUIRE(d.size() == 1);
        CHECK(d.items()[0].pointer == "/styles/badge/size");
        CHECK(d.items()[0].pos.line > 1);
    }
    SECTION("a chain naming an unknown font, a style naming an unknown chain") {
        Diagnostics d;
        auto text = edited(R"("serif": ["latin-serif", "zh-serif"])", R"("serif": ["latin-serif", "zh-song"])");
        const auto at = text.find(R"("era": { "chain": "sans")");
        REQUIRE(at != std::string::npos);
        text.replace(at, 24, R"("era": { "chain": "mono")");
        CHECK_FALSE(theme::parse(text, "t.json", d));
        INFO(all(d));
        REQUIRE(d.size() == 2);
        CHECK(d.items()[0].pointer == "/chains/serif/1");
        CHECK(d.items()[0].message == "chain \"serif\" uses font \"zh-song\", which \"fonts\" does not define");
        CHECK(d.items()[1].pointer == "/styles/era/chain");
        CHECK(d.items()[1].message == "style \"era\" uses chain \"mono\", which \"chains\" does not define");
    }
    SECTION("a colour that is not #rrggbb, a colour name that is not a colour, an unknown member") {
        Diagnostics d;
        auto text = edited(R"("ink": "#1c1c1f")", R"("ink": "black")");
        const auto at = text.find(R"("chain": "serif", "size": 10.5, "leading": 1.6, "color": "ink")");
        REQUIRE(at != std::string::npos);
        text.replace(at, 62, R"("chain": "serif", "size": 10.5, "leading": 1.6, "color": "inky")");
        text.replace(text.find("\"baseline\""), 10, "\"base_line\"");
        CHECK_FALSE(theme::parse(text, "t.json", d));
        INFO(all(d));
        std::set<std::string> pointers;
        for (const auto& x : d.items()) pointers.insert(x.pointer);
        CHECK(pointers.count("/colors/ink"));
        CHECK(pointers.count("/styles/body/color"));
        CHECK(pointers.count("/base_line"));
        CHECK(pointers.count(""));  // "baseline" is required
    }
    SECTION("not JSON, a missing file") {
        Diagnostics d1;
        CHECK_FALSE(theme::parse("{\"fonts\": ", "t.json", d1));
        CHECK(d1.has_errors());
        Diagnostics d2;
        CHECK_FALSE(theme::load("/nonexistent/theme.json", d2));
        CHECK(d2.has_errors());
    }
}
